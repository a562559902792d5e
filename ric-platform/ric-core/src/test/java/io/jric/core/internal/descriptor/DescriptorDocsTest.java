package io.jric.core.internal.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published schema and docs cannot drift from the schema the parser uses. */
class DescriptorDocsTest {

    @Test
    void docsSchemaIsTheResourceSchema() throws IOException {
        Path docs = RepoDescriptorsTest.reactorRoot().resolve("docs/xapp-descriptor-v1.schema.json");
        assertEquals(DescriptorParser.schemaText(), Files.readString(docs),
                "docs/xapp-descriptor-v1.schema.json differs from " + DescriptorParser.SCHEMA_RESOURCE + "; copy the resource over it");
    }

    @Test
    void schemaIdAndDialect() throws Exception {
        JsonNode schema = Json.read(DescriptorParser.schemaText());
        assertEquals(DescriptorParser.SCHEMA_ID, schema.get("$id").asText());
        assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    }

    @Test
    void everyObjectInTheSchemaForbidsUnknownFields() throws Exception {
        JsonNode schema = Json.read(DescriptorParser.schemaText());
        checkClosed(schema, "");
    }

    /** Every schema node with "properties" has additionalProperties false (a misspelt field is an error). */
    private static void checkClosed(JsonNode node, String at) {
        if (node.isObject()) {
            if (node.has("properties")) {
                assertTrue(node.has("additionalProperties") && !node.get("additionalProperties").asBoolean(true),
                        at + " has properties but allows additional ones");
            }
            node.fields().forEachRemaining(e -> checkClosed(e.getValue(), at + "/" + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkClosed(node.get(i), at + "/" + i);
        }
    }

    @Test
    void docsExampleIsAValidDescriptor() throws Exception {
        String md = Files.readString(RepoDescriptorsTest.reactorRoot().resolve("docs/xapp-descriptor.md"));
        int start = md.indexOf("```json\n") + "```json\n".length();
        String example = md.substring(start, md.indexOf("```", start));
        // the fixture directory has the policies/txpower.schema.json the example names; the jar is built later
        Path fixtureDir = Path.of(DescriptorDocsTest.class.getResource("/descriptors/valid/xapp.json").toURI()).getParent();
        assertEquals("tx-power-xapp", DescriptorParser.parse(example, fixtureDir, DescriptorParser.JarCheck.SKIPPED).name());
    }

    @Test
    void docsDescribeEveryTopLevelField() throws Exception {
        String md = Files.readString(RepoDescriptorsTest.reactorRoot().resolve("docs/xapp-descriptor.md"));
        JsonNode props = Json.read(DescriptorParser.schemaText()).get("properties");
        props.fieldNames().forEachRemaining(f -> assertTrue(md.contains("`" + f + "`"), "docs/xapp-descriptor.md does not mention `" + f + "`"));
    }
}
