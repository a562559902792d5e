package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.core.internal.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Bearer tokens on the A1 paths only; OFF opens them. */
@Timeout(120)
class A1AuthTest {
    @Test
    void tokensModeAnswers401WithoutAnd403WithAWrongToken() throws Exception {
        Path dir = Files.createTempDirectory("jric-a1");
        try (A1Fixture f = A1Fixture.start(A1Fixture.settings(dir).build(), Files.createTempDirectory("jric-x"),
                r -> r.get("/ric/v1/ping", req -> HttpResponse.ok("pong")))) {
            f.token = null;
            for (String path : new String[] {"/A1-P/v2/policytypes", "/a1-p/policytypes",
                    "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/x/status"}) {
                var r = f.send("GET", path, null);
                assertEquals(401, r.statusCode(), path);
                assertEquals("Bearer realm=\"jric-a1\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElseThrow());
            }
            var put = f.send("PUT", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/x", "{\"scope\":\"*\"}");
            assertEquals(401, put.statusCode());
            f.token = "wrong";
            JsonNode forbidden = f.expect(403, "GET", "/A1-P/v2/policytypes", null);
            assertTrue(forbidden.get("detail").asText().contains("not one this RIC accepts"));
            f.expect(403, "GET", "/a1-p/policytypes", null);
            f.token = "test-token-2";
            f.expect(200, "GET", "/A1-P/v2/policytypes", null);
            f.expect(200, "GET", "/a1-p/policytypes", null);
            // open: health check and the API document; other APIs on the router are not A1's business
            f.token = null;
            assertEquals(200, f.send("GET", "/a1-p/healthcheck", null).statusCode());
            assertEquals(200, f.send("GET", "/A1-P/v2/openapi.yaml", null).statusCode());
            assertEquals(200, f.sendUnchecked("GET", "/ric/v1/ping", null, null).statusCode());
        }
    }

    @Test
    void offModeIsOpen() throws Exception {
        Path dir = Files.createTempDirectory("jric-a1");
        try (A1Fixture f = A1Fixture.start(A1Fixture.settings(dir).authMode(A1Settings.AuthMode.OFF).build(),
                Files.createTempDirectory("jric-x"), null)) {
            f.token = null;
            f.expect(200, "GET", "/A1-P/v2/policytypes", null);
            f.expect(201, "PUT", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/open",
                    "{\"scope\":\"*\",\"handoverAllowed\":true}");
            f.token = "anything";
            f.expect(200, "GET", "/a1-p/policytypes", null);
        }
    }

    @Test
    void settingsParseTheCommaListAndRefuseNonsense() {
        A1Settings s = A1Settings.builder().tokens(" a , b,,c ").build();
        assertEquals(java.util.Set.of("a", "b", "c"), s.tokens());
        assertEquals(A1Settings.AuthMode.TOKENS, s.authMode());
        assertEquals(Path.of("work", "a1"), s.storeDir());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> A1Settings.builder().tokens("has space"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> A1Settings.builder().callbackTimeout(java.time.Duration.ZERO));
    }
}
