package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13 item 8: a policy type whose schema has a catastrophic regular expression must not hold
 * the HTTP workers. Patterns run on a linear-time engine; with the JDK's backtracking engine
 * {@code ^(.*a){12}$} against 200 {@code a}s and a {@code b} does not finish, so these tests would
 * run into their JUnit timeout.
 */
@Timeout(60)
class A1SchemaRegexTest {
    static final String CATASTROPHIC = "^(.*a){12}$";
    static A1Fixture f;

    @BeforeAll
    static void start() {
        f = A1Fixture.start();
    }

    @AfterAll
    static void stop() {
        if (f != null) f.close();
    }

    private static String type(int id, String schemaMembers) {
        return "{\"name\":\"regex\",\"description\":\"pattern test\",\"policy_type_id\":" + id
                + ",\"create_schema\":{\"type\":\"object\"," + schemaMembers + "}}";
    }

    private static String text(String s) {
        return A1Fixture.JSON.getNodeFactory().textNode(s).toString();
    }

    @Test
    void aCatastrophicPatternIsEvaluatedInLinearTime() {
        String t = "/a1-p/policytypes/21300";
        f.expect(201, "PUT", t, type(21300, "\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":" + text(CATASTROPHIC)
                + "}},\"required\":[\"s\"]"));
        // more requests at once than the server has workers (4), as in the report
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int n : new int[] {40, 80, 120, 160, 200, 200}) {
            String bad = "{\"s\":\"" + "a".repeat(n) + "b\"}";
            answers.add(CompletableFuture.supplyAsync(
                    () -> f.send("PUT", t + "/policies/bad-" + answers.size(), bad).statusCode()));
        }
        for (CompletableFuture<Integer> a : answers) assertEquals(400, a.join());
        JsonNode p = f.expect(400, "PUT", t + "/policies/bad", "{\"s\":\"" + "a".repeat(200) + "b\"}");
        assertEquals("/s", p.at("/problems/0/pointer").asText(), p::toString);
        assertEquals("pattern", p.at("/problems/0/keyword").asText(), p::toString);
        f.expect(202, "PUT", t + "/policies/good", "{\"s\":\"" + "a".repeat(200) + "\"}");
        // the workers are free: the health check answers
        assertEquals(200, f.send("GET", "/a1-p/healthcheck", null).statusCode());
    }

    @Test
    void patternPropertiesUseTheSameEngine() {
        String t = "/a1-p/policytypes/21301";
        f.expect(201, "PUT", t, type(21301, "\"patternProperties\":{" + text(CATASTROPHIC)
                + ":{\"type\":\"integer\"}}"));
        String key = "a".repeat(200) + "a";
        f.expect(400, "PUT", t + "/policies/p1", "{\"" + key + "\":\"not an integer\"}");
        f.expect(202, "PUT", t + "/policies/p2", "{\"" + "a".repeat(200) + "b\":\"any\"}");
    }

    @Test
    void patternsTheLinearEngineCannotRunAreRefusedAtRegistration() {
        String[][] cases = {
            {"backreference", "\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":" + text("^(a+)\\1$") + "}}",
                "/create_schema/properties/s/pattern", "^(a+)\\1$"},
            {"lookahead", "\"properties\":{\"s\":{\"type\":\"string\",\"pattern\":" + text("^(?=a).*$") + "}}",
                "/create_schema/properties/s/pattern", "^(?=a).*$"},
            {"lookbehind in patternProperties", "\"patternProperties\":{" + text("(?<!x)y") + ":{\"type\":\"string\"}}",
                "/create_schema/patternProperties/(?<!x)y", "(?<!x)y"},
            {"nested in items", "\"properties\":{\"l\":{\"type\":\"array\",\"items\":{\"type\":\"string\",\"pattern\":"
                + text("(?!b)a") + "}}}", "/create_schema/properties/l/items/pattern", "(?!b)a"},
        };
        int id = 21310;
        for (String[] c : cases) {
            String t = "/a1-p/policytypes/" + id;
            JsonNode p = f.expect(400, "PUT", t, type(id, c[1]));
            assertEquals(c[2], p.at("/problems/0/pointer").asText(), c[0] + ": " + p);
            assertEquals(c[3], p.at("/problems/0/found").asText(), c[0] + ": " + p);
            String detail = p.get("detail").asText();
            assertTrue(detail.contains("pattern " + text(c[3])) && detail.contains("backreferences or lookaround"),
                    c[0] + ": " + detail);
            f.expect(404, "GET", t, null);
            id++;
        }
        // a pattern inside data (enum, default) is no keyword and is not checked
        f.expect(201, "PUT", "/a1-p/policytypes/" + id, type(id,
                "\"properties\":{\"o\":{\"type\":\"object\",\"default\":{\"pattern\":\"(a)\\\\1\"}}}"));
    }
}
