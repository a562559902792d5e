package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.jric.api.xapp.descriptor.DescriptorException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, item 11: A1AP specifies JSON Schema draft-07 for policy types, and ONAP's PMS validates
 * with a draft-04/06/07 validator. Every policy type A1 serves - the four ML xApps' real schemas,
 * the built-in guard rails, operator types, and a schema using 2020-12 keywords - declares
 * draft-07, passes the draft-07 meta-schema, and a draft-07 validator accepts and refuses the same
 * instances A1 does.
 */
@Timeout(120)
class A1Draft07Test {
    static final String DRAFT_07 = "http://json-schema.org/draft-07/schema#";
    static final JsonSchemaFactory V7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    static final JsonSchema META_07 = V7.getSchema(SchemaLocation.of(DRAFT_07));

    /** 2020-12 keywords with a draft-07 equivalent: prefixItems + items, $defs + $ref (with a sibling), dependentRequired. */
    static final String MODERN_TYPE = """
            {"id":"modern.v1","name":"2020-12 keywords","schema":{
              "$schema":"https://json-schema.org/draft/2020-12/schema",
              "type":"object","additionalProperties":false,
              "$defs":{"pct":{"type":"number","minimum":0,"maximum":100}},
              "properties":{
                "pair":{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":false},
                "load":{"$ref":"#/$defs/pct","multipleOf":5},
                "min":{"type":"number"},"max":{"type":"number"}},
              "dependentRequired":{"min":["max"]}}}""";

    A1Fixture f;

    @BeforeEach
    void start() {
        f = A1Fixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** The ML xApps' descriptors in this repository, each with its policy type and default instance. */
    static List<JsonNode> realPolicyTypes() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        Path xapps = Path.of("..", "xapps");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(xapps)) {
            for (Path d : ds) {
                Path desc = d.resolve("xapp.json");
                if (!Files.exists(desc)) continue;
                for (JsonNode pt : A1Fixture.tree(Files.readString(desc)).path("policyTypes")) {
                    com.fasterxml.jackson.databind.node.ObjectNode t = pt.deepCopy();
                    if (pt.get("schema").isTextual()) {
                        t.set("schema", A1Fixture.tree(Files.readString(d.resolve(pt.get("schema").asText()))));
                    }
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static List<String> draft07Problems(JsonNode schema, JsonNode instance) {
        List<String> out = new ArrayList<>();
        JsonSchema s = V7.getSchema(schema);
        for (ValidationMessage m : s.validate(instance)) out.add(m.getMessage());
        return out;
    }

    private JsonNode served(String typeId) {
        JsonNode s = f.expect(200, "GET", "/A1-P/v2/policytypes/" + typeId, null).get("policySchema");
        assertEquals(DRAFT_07, s.path("$schema").asText(), typeId + " declares " + s.path("$schema"));
        Set<ValidationMessage> meta = META_07.validate(s);
        assertTrue(meta.isEmpty(), () -> typeId + " is not a valid draft-07 schema: " + meta);
        return s;
    }

    @Test
    void everyServedPolicyTypeSchemaIsDraft07AndValidatesWithADraft07Validator() throws IOException {
        List<JsonNode> real = realPolicyTypes();
        assertTrue(real.size() >= 4, "the ML xApps' policy types: " + real.size());
        List<String> decl = new ArrayList<>();
        for (JsonNode t : real) decl.add(t.toString());
        decl.add(MODERN_TYPE);
        f.install(A1ProbeXapp.descriptor("probe-07", "1.0.0", decl.toArray(String[]::new)));
        f.expect(201, "PUT", "/a1-p/policytypes/30007", """
                {"name":"op","description":"operator type, no $schema","policy_type_id":30007,
                 "create_schema":{"type":"object","properties":{"on":{"type":"boolean"}},"required":["on"]}}""");

        List<String> ids = new ArrayList<>();
        f.expect(200, "GET", "/A1-P/v2/policytypes", null).forEach(n -> ids.add(n.asText()));
        for (JsonNode t : real) assertTrue(ids.contains(t.get("id").asText()), t.get("id") + " listed");
        for (String id : ids) served(id);

        // the ML xApps' default instances are valid for a draft-07 validator, and A1 accepts them
        int withDefaults = 0;
        for (JsonNode t : real) {
            if (!t.has("defaultInstance")) continue;
            withDefaults++;
            String id = t.get("id").asText();
            JsonNode schema = served(id);
            assertEquals(List.of(), draft07Problems(schema, t.get("defaultInstance")), id);
            f.expect(200, "PUT", "/A1-P/v2/policytypes/" + id + "/policies/default", t.get("defaultInstance").toString());
            // a wrong type is refused by both
            com.fasterxml.jackson.databind.node.ObjectNode bad = t.get("defaultInstance").deepCopy();
            bad.put("noSuchField", 1);
            assertFalse(draft07Problems(schema, bad).isEmpty(), id);
            f.expect(400, "PUT", "/A1-P/v2/policytypes/" + id + "/policies/bad", bad.toString());
        }
        assertTrue(withDefaults >= 4, "the four ML xApps' default instances: " + withDefaults);
    }

    @Test
    void keywordsOf2020AreServedAsTheirDraft07EquivalentsAndMeanTheSame() {
        f.install(A1ProbeXapp.descriptor("probe-modern", "1.0.0", MODERN_TYPE));
        JsonNode s = served("modern.v1");
        assertEquals("#/definitions/pct", s.at("/properties/load/allOf/0/$ref").asText(), s::toString);
        assertEquals(2, s.at("/properties/pair/items").size(), s::toString);
        assertTrue(s.has("dependencies") && !s.has("dependentRequired") && !s.has("$defs"), s::toString);
        String[][] cases = {
                {"{\"pair\":[\"a\",1]}", "ok"},
                {"{\"pair\":[\"a\",1,2]}", "bad"},       // items: false after the prefix
                {"{\"pair\":[1,1]}", "bad"},             // prefix item type
                {"{\"load\":55}", "ok"},
                {"{\"load\":101}", "bad"},               // the $ref's maximum
                {"{\"load\":52}", "bad"},                // the $ref's sibling multipleOf
                {"{\"min\":1,\"max\":2}", "ok"},
                {"{\"min\":1}", "bad"}};                 // dependentRequired
        int i = 0;
        for (String[] c : cases) {
            JsonNode instance = A1Fixture.tree(c[0]);
            boolean ok = c[1].equals("ok");
            assertEquals(ok, draft07Problems(s, instance).isEmpty(), "draft-07 validator on " + c[0]);
            f.expect(ok ? 201 : 400, "PUT", "/A1-P/v2/policytypes/modern.v1/policies/m" + i++, c[0]);
        }
    }

    @Test
    void aSchemaDraft07CannotExpressIsRefusedAtInstallAndAtTypeCreation() {
        String type = """
                {"id":"later.v1","name":"x","schema":{"type":"object","properties":{"a":{"type":"string"}},
                 "unevaluatedProperties":false}}""";
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> f.install(A1ProbeXapp.descriptor("probe-later", "1.0.0", type)));
        assertTrue(e.getMessage().contains("/unevaluatedProperties") && e.getMessage().contains("draft-07"), e.getMessage());
        f.expect(404, "GET", "/A1-P/v2/policytypes/later.v1", null);

        JsonNode p = f.expect(400, "PUT", "/a1-p/policytypes/30008", """
                {"name":"op","description":"d","policy_type_id":30008,
                 "create_schema":{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object",
                   "unevaluatedProperties":false}}""");
        assertTrue(p.toString().contains("/create_schema/unevaluatedProperties"), p::toString);
        f.expect(404, "GET", "/a1-p/policytypes/30008", null);
    }
}
