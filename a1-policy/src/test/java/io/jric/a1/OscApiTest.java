package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The O-RAN SC flavour under /a1-p, sharing its store with A1-P v2. */
@Timeout(120)
class OscApiTest {
    static final String TYPE_BODY = """
            {"name":"admission control","description":"limits admitted UEs","policy_type_id":%d,
             "create_schema":{"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
               "properties":{"enforce":{"type":"boolean"},"window_length":{"type":"integer","minimum":1}},
               "required":["enforce"],"additionalProperties":false}}""";
    static A1Fixture f;

    @BeforeAll
    static void start() {
        f = A1Fixture.start();
        f.install(A1ProbeXapp.descriptor("probe-osc", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
    }

    @AfterAll
    static void stop() {
        if (f != null) f.close();
    }

    @Test
    void healthcheckAndIntegerTypeIds() {
        HttpResponse<String> h = f.send("GET", "/a1-p/healthcheck", null);
        assertEquals(200, h.statusCode());
        JsonNode ids = f.expect(200, "GET", "/a1-p/policytypes", null);
        List<Long> l = new ArrayList<>();
        ids.forEach(n -> {
            assertTrue(n.isIntegralNumber(), ids::toString);
            l.add(n.asLong());
        });
        assertTrue(l.contains(20001L), l::toString);
        JsonNode t = f.expect(200, "GET", "/a1-p/policytypes/20001", null);
        assertEquals(20001, t.get("policy_type_id").asInt());
        assertEquals("probe threshold", t.get("name").asText());
        assertEquals(100, t.at("/create_schema/properties/threshold/maximum").asInt());
        JsonNode bad = f.expect(400, "GET", "/a1-p/policytypes/abc", null);
        assertEquals("policy_type_id", bad.at("/problems/0/pointer").asText());
        f.expect(404, "GET", "/a1-p/policytypes/424242", null);
    }

    @Test
    void operatorTypeLifecycle() {
        String t = "/a1-p/policytypes/21000";
        assertEquals(201, f.send("PUT", t, String.format(TYPE_BODY, 21000)).statusCode());
        assertTrue(f.expect(200, "GET", "/a1-p/policytypes", null).toString().contains("21000"));
        assertEquals("admission control", f.expect(200, "GET", t, null).get("name").asText());
        // visible to A1-P v2 too, with its schema
        JsonNode v2 = f.expect(200, "GET", "/A1-P/v2/policytypes/21000", null);
        assertEquals("boolean", v2.at("/policySchema/properties/enforce/type").asText());
        // no replace
        JsonNode again = f.expect(400, "PUT", t, String.format(TYPE_BODY, 21000));
        assertTrue(again.get("detail").asText().contains("exists already"), again::toString);

        // instances: 202, validated, status in O-RAN SC's shape
        f.expect(202, "PUT", t + "/policies/ac-1", "{\"enforce\":true,\"window_length\":10}");
        f.expect(400, "PUT", t + "/policies/ac-2", "{\"enforce\":\"yes\"}");
        assertEquals("[\"ac-1\"]", f.expect(200, "GET", t + "/policies", null).toString());
        assertEquals(10, f.expect(200, "GET", t + "/policies/ac-1", null).get("window_length").asInt());
        JsonNode st = f.expect(200, "GET", t + "/policies/ac-1/status", null);
        assertEquals("NOT_ENFORCED", st.get("enforceStatus").asText());
        assertEquals("OTHER_REASON", st.get("enforceReason").asText());
        assertEquals("no xApp provides policy type 21000", st.get("enforceDetail").asText());
        // the same instance through A1-P v2
        assertEquals(10, f.expect(200, "GET", "/A1-P/v2/policytypes/21000/policies/ac-1", null).get("window_length").asInt());

        JsonNode busy = f.expect(400, "DELETE", t, null);
        assertTrue(busy.get("detail").asText().contains("still has 1 instance"), busy::toString);
        f.expect(202, "DELETE", t + "/policies/ac-1", null);
        f.expect(404, "GET", t + "/policies/ac-1", null);
        f.expect(404, "DELETE", t + "/policies/ac-1", null);
        f.expect(404, "GET", t + "/policies/ac-1/status", null);
        f.expect(204, "DELETE", t, null);
        f.expect(404, "GET", t, null);
        f.expect(404, "DELETE", t, null);
        f.expect(404, "GET", t + "/policies", null);
        f.expect(404, "PUT", t + "/policies/x", "{\"enforce\":true}");
    }

    @Test
    void badTypeDefinitionsAreRefusedWithEveryProblem() {
        JsonNode p = f.expect(400, "PUT", "/a1-p/policytypes/21001", """
                {"name":1,"policy_type_id":21002,"create_schema":{"type":"objekt"},"owner":"me"}""");
        List<String> pointers = new ArrayList<>();
        p.get("problems").forEach(x -> pointers.add(x.get("pointer").asText()));
        assertTrue(pointers.containsAll(List.of("/owner", "/name", "/description", "/policy_type_id")), pointers::toString);
        assertTrue(pointers.stream().anyMatch(x -> x.startsWith("/create_schema/type")), pointers::toString);
        f.expect(404, "GET", "/a1-p/policytypes/21001", null);
        // xApp-provided types can only go with their xApp
        JsonNode owned = f.expect(400, "DELETE", "/a1-p/policytypes/20001", null);
        assertTrue(owned.get("detail").asText().contains("provided by xApp probe-osc"), owned::toString);
        JsonNode exists = f.expect(400, "PUT", "/a1-p/policytypes/20001", String.format(TYPE_BODY, 20001));
        assertTrue(exists.get("detail").asText().contains("provided by xApp probe-osc"), exists::toString);
    }

    @Test
    void xappInstancesThroughTheOscFlavour() {
        String t = "/a1-p/policytypes/20001";
        f.expect(202, "PUT", t + "/policies/osc-1", "{\"threshold\":7}");
        JsonNode st = f.expect(200, "GET", t + "/policies/osc-1/status", null);
        assertEquals("ENFORCED", st.get("enforceStatus").asText());
        assertFalse(st.has("enforceReason"));
        f.expect(202, "PUT", t + "/policies/osc-1", "{\"threshold\":7,\"refuse\":true}");
        assertEquals("NOT_ENFORCED", f.expect(200, "GET", t + "/policies/osc-1/status", null).get("enforceStatus").asText());
        f.expect(202, "DELETE", t + "/policies/osc-1", null);
    }
}
