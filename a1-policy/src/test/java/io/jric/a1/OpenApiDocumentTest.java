package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published OpenAPI document: one copy, well formed, every operation identified. */
class OpenApiDocumentTest {
    @Test
    void theDocsCopyIsTheServedDocument() throws Exception {
        String served;
        try (InputStream in = A1Service.class.getResourceAsStream(A1Service.OPENAPI_RESOURCE)) {
            served = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path docs = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."), "docs", "a1-openapi.yaml");
        if (!Files.exists(docs)) docs = Path.of("..", "docs", "a1-openapi.yaml");
        assertEquals(served, Files.readString(docs), "docs/a1-openapi.yaml must be a copy of " + A1Service.OPENAPI_RESOURCE);
    }

    @Test
    void everyOperationHasAnIdAndEveryResponseADescription() {
        OpenApiCheck.DOC.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (m.getKey().equals("parameters")) return;
            assertNotNull(m.getValue().get("operationId"), p.getKey() + " " + m.getKey());
            m.getValue().get("responses").fields().forEachRemaining(r -> assertTrue(
                    r.getValue().has("description") || r.getValue().has("$ref"), p.getKey() + " " + r.getKey()));
        }));
        assertTrue(OpenApiCheck.documented().contains("PUT /A1-P/v2/policytypes/{policyTypeId}/policies/{policyId} 201"));
        assertEquals("/A1-P/v2/policytypes/{policyTypeId}/policies/{policyId}/status",
                OpenApiCheck.template("/A1-P/v2/policytypes/a/policies/b/status"));
        assertEquals("/A1-P/v2/openapi.yaml", OpenApiCheck.template("/A1-P/v2/openapi.yaml"));
    }
}
