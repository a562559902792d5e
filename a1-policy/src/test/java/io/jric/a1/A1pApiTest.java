package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.xapp.PolicyEvent;
import io.jric.core.internal.grid.GuardRail;
import io.jric.core.internal.grid.PlatformCaches;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The A1-P v2 API against a real RIC with a real (test) xApp providing policy types. */
@Timeout(120)
class A1pApiTest {
    static final String XAPP = "probe-api";
    static final String T = "/A1-P/v2/policytypes/20001";
    static A1Fixture f;
    static CallbackReceiver cb;

    @BeforeAll
    static void start() {
        f = A1Fixture.start();
        cb = new CallbackReceiver();
        f.install(A1ProbeXapp.descriptor(XAPP, "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
        A1Fixture.await(() -> !A1ProbeXapp.events(XAPP).isEmpty() || f.xapps.status(XAPP).size() == 1, "probe running");
    }

    @AfterAll
    static void stop() {
        if (cb != null) cb.close();
        if (f != null) f.close();
    }

    @Test
    void listsTypesAndServesTheirSchemas() {
        JsonNode ids = f.expect(200, "GET", "/A1-P/v2/policytypes", null);
        List<String> l = new ArrayList<>();
        ids.forEach(n -> l.add(n.asText()));
        assertTrue(l.contains("20001"), l::toString);
        assertTrue(l.contains(A1Service.GUARDRAILS_TYPE), l::toString);

        JsonNode t = f.expect(200, "GET", T, null);
        assertEquals("object", t.at("/policySchema/type").asText());
        assertEquals("http://json-schema.org/draft-07/schema#", t.at("/policySchema/$schema").asText());
        assertEquals(100, t.at("/policySchema/properties/threshold/maximum").asInt());
        assertEquals("ENFORCED", t.at("/statusSchema/properties/enforceStatus/enum/0").asText());

        JsonNode g = f.expect(200, "GET", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE, null);
        assertEquals("scope", g.at("/policySchema/required/0").asText());

        JsonNode nf = f.expect(404, "GET", "/A1-P/v2/policytypes/nope", null);
        assertEquals("policy type nope not found", nf.get("detail").asText());
        f.expect(404, "GET", "/A1-P/v2/policytypes/nope/policies", null);
        f.expect(404, "PUT", "/A1-P/v2/policytypes/nope/policies/p1", "{}");
        f.expect(404, "GET", "/A1-P/v2/policytypes/nope/policies/p1", null);
        f.expect(404, "DELETE", "/A1-P/v2/policytypes/nope/policies/p1", null);
        f.expect(404, "GET", "/A1-P/v2/policytypes/nope/policies/p1/status", null);
    }

    @Test
    void createReadUpdateDeleteWithStatusAndCallbacks() {
        String p = T + "/policies/crud-1";
        String dest = cb.url("/crud-1");
        HttpResponse<String> created = f.send("PUT", p + "?notificationDestination=" + dest, "{\"threshold\":10}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(p, created.headers().firstValue("Location").orElseThrow());
        assertEquals(10, A1Fixture.tree(created.body()).get("threshold").asInt());
        assertEquals("ENFORCED", f.status("20001", "crud-1"));
        A1Fixture.await(() -> "ENFORCED".equals(cb.last("/crud-1")), "first status notified");

        assertEquals(10, f.expect(200, "GET", p, null).get("threshold").asInt());
        JsonNode ids = f.expect(200, "GET", T + "/policies", null);
        assertTrue(ids.toString().contains("\"crud-1\""), ids::toString);
        PolicyEvent last = lastEvent("crud-1");
        assertEquals("{\"threshold\":10}", last.json());

        // the xApp refuses: the status changes and the destination (kept from the first PUT) is told
        JsonNode upd = f.expect(200, "PUT", p, "{\"threshold\":20,\"refuse\":true,\"note\":\"cell is in maintenance\"}");
        assertEquals(20, upd.get("threshold").asInt());
        String expected = "NOT_ENFORCED: " + XAPP + "#";
        assertTrue(f.status("20001", "crud-1").startsWith(expected), f.status("20001", "crud-1"));
        assertTrue(f.status("20001", "crud-1").endsWith(": cell is in maintenance"), f.status("20001", "crud-1"));
        A1Fixture.await(() -> String.valueOf(cb.last("/crud-1")).endsWith("cell is in maintenance"), "refusal notified");

        // back to enforced
        f.expect(200, "PUT", p, "{\"threshold\":30}");
        A1Fixture.await(() -> "ENFORCED".equals(cb.last("/crud-1")), "enforced again notified");
        assertEquals(3, cb.at("/crud-1").size(), cb.at("/crud-1")::toString);

        f.expect(204, "DELETE", p, null);
        // the xApp no longer holds it (it got the delete, or the next instance of the type in force)
        assertFalse(A1ProbeXapp.inForce(XAPP).startsWith("crud-1 "), A1ProbeXapp.inForce(XAPP));
        f.expect(404, "GET", p, null);
        f.expect(404, "GET", p + "/status", null);
        f.expect(404, "DELETE", p, null);
        assertFalse(f.expect(200, "GET", T + "/policies", null).toString().contains("crud-1"));
    }

    @Test
    void repeatedIdenticalPutIsIdempotent() {
        String p = T + "/policies/idem";
        f.expect(201, "PUT", p, "{\"threshold\":5,\"mode\":\"fast\"}");
        int delivered = count("idem");
        for (int i = 0; i < 3; i++) {
            // same content, other key order: still identical JSON
            assertEquals(5, f.expect(200, "PUT", p, "{\"mode\":\"fast\",\"threshold\":5}").get("threshold").asInt());
        }
        // the instance in force is delivered again, unchanged (a repeat restores what the xApp holds)
        assertEquals(delivered + 3, count("idem"), "the identical policy is delivered again");
        assertEquals("idem {\"threshold\":5,\"mode\":\"fast\"}", A1ProbeXapp.inForce(XAPP));
        assertEquals("ENFORCED", f.status("20001", "idem"));
        f.expect(204, "DELETE", p, null);
    }

    @Test
    void schemaViolationsNameEveryFieldAndTheExpectedValue() {
        JsonNode pr = f.expect(400, "PUT", T + "/policies/bad",
                "{\"threshold\":101,\"refuse\":\"yes\",\"mode\":\"turbo\",\"colour\":\"red\"}");
        assertTrue(pr.get("detail").asText().startsWith("policy does not satisfy the schema of policy type 20001: "),
                pr::toString);
        List<String> msgs = new ArrayList<>();
        pr.get("problems").forEach(x -> msgs.add(x.get("message").asText()));
        assertTrue(msgs.contains("/threshold: 101 (expected: <= 100)"), msgs::toString);
        assertTrue(msgs.contains("/refuse: \"yes\" (expected: a boolean)"), msgs::toString);
        assertTrue(msgs.contains("/mode: \"turbo\" (expected: one of \"fast\", \"slow\")"), msgs::toString);
        assertTrue(msgs.stream().anyMatch(m -> m.equals("/colour: \"red\" (expected: absent; the schema declares no such field)")), msgs::toString);
        assertEquals(4, msgs.size(), msgs::toString);

        JsonNode missing = f.expect(400, "PUT", T + "/policies/bad", "{}");
        assertEquals("/threshold", missing.at("/problems/0/pointer").asText());
        assertEquals("required", missing.at("/problems/0/keyword").asText());

        JsonNode notJson = f.expect(400, "PUT", T + "/policies/bad", "{\"threshold\": ");
        assertTrue(notJson.get("detail").asText().startsWith("body is not valid JSON"), notJson::toString);

        JsonNode badDest = f.expect(400, "PUT", T + "/policies/bad?notificationDestination=ftp://x/y", "{\"threshold\":1}");
        assertEquals("notificationDestination", badDest.at("/problems/0/pointer").asText());

        String longId = "x".repeat(129);
        f.expect(400, "PUT", T + "/policies/" + longId, "{\"threshold\":1}");
        f.expect(404, "GET", T + "/policies/bad", null); // nothing was stored
    }

    @Test
    void theHttpLayerAnswersWrongMediaTypesOversizedBodiesAndWrongMethods() {
        HttpResponse<String> r415 = f.send("PUT", T + "/policies/m", "threshold=1", "text/plain");
        assertEquals(415, r415.statusCode());
        assertEquals("application/problem+json", r415.headers().firstValue("Content-Type").orElseThrow());

        String big = "{\"threshold\":1,\"note\":\"" + "x".repeat(300 * 1024) + "\"}";
        assertEquals(413, f.send("PUT", T + "/policies/m", big).statusCode());

        HttpResponse<String> r405 = f.sendUnchecked("POST", "/A1-P/v2/policytypes", "{}", "application/json");
        assertEquals(405, r405.statusCode());
        assertEquals("application/problem+json", r405.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, f.sendUnchecked("GET", "/A1-P/v2/nothing-here", null, null).statusCode());
    }

    @Test
    void guardRailsPoliciesWriteTheGuardRailCache() {
        IgniteCache<String, GuardRail> rails = f.grid.cache(PlatformCaches.GUARD_RAILS);
        String g = "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/";
        f.expect(201, "PUT", g + "all-cells", "{\"scope\":\"*\",\"txPowerMinDbm\":10,\"txPowerMaxDbm\":40,\"sleepAllowed\":false}");
        GuardRail r = rails.get("*");
        assertEquals(40.0, r.txPowerMaxDbm());
        assertEquals(Boolean.FALSE, r.sleepAllowed());
        assertNull(r.cioMaxAbsDb());
        assertEquals("A1 policy all-cells", r.setBy());
        assertEquals("ENFORCED", f.status(A1Service.GUARDRAILS_TYPE, "all-cells"));

        // one policy per scope
        JsonNode clash = f.expect(409, "PUT", g + "other", "{\"scope\":\"*\",\"handoverAllowed\":false}");
        assertTrue(clash.get("detail").asText().contains("governed by guard-rail policy all-cells"), clash::toString);
        // what the schema cannot say
        JsonNode minMax = f.expect(400, "PUT", g + "other", "{\"scope\":\"00f110:000000c01\",\"txPowerMinDbm\":30,\"txPowerMaxDbm\":20}");
        assertEquals("/txPowerMinDbm", minMax.at("/problems/0/pointer").asText());
        JsonNode schema = f.expect(400, "PUT", g + "other", "{\"scope\":\"00f110:000000c01\",\"cioMaxAbsDb\":-1}");
        assertEquals("/cioMaxAbsDb: -1 (expected: >= 0)", schema.at("/problems/0/message").asText());
        JsonNode a3MinMax = f.expect(400, "PUT", g + "other", "{\"scope\":\"00f110:000000c01\",\"a3HysteresisMinDb\":8,\"a3HysteresisMaxDb\":6}");
        assertEquals("/a3HysteresisMinDb", a3MinMax.at("/problems/0/pointer").asText());
        JsonNode a3Range = f.expect(400, "PUT", g + "other", "{\"scope\":\"00f110:000000c01\",\"a3TimeToTriggerMaxMs\":9000}");
        assertEquals("/a3TimeToTriggerMaxMs", a3Range.at("/problems/0/pointer").asText());
        assertNull(rails.get("00f110:000000c01"), "a refused policy writes nothing");
        f.expect(201, "PUT", g + "a3", "{\"scope\":\"00f110:000000c02\",\"a3HysteresisMinDb\":1,\"a3HysteresisMaxDb\":6,\"a3TimeToTriggerMinMs\":160}");
        assertEquals(6.0, rails.get("00f110:000000c02").a3HysteresisMaxDb());
        assertEquals(160.0, rails.get("00f110:000000c02").a3TimeToTriggerMinMs());
        assertNull(rails.get("00f110:000000c02").a3TimeToTriggerMaxMs());
        f.expect(204, "DELETE", g + "a3", null);

        // moving a policy to another scope clears the old one
        f.expect(200, "PUT", g + "all-cells", "{\"scope\":\"00f110:000000007\",\"cioMaxAbsDb\":3}");
        assertNull(rails.get("*"));
        assertEquals(3.0, rails.get("00f110:000000007").cioMaxAbsDb());

        f.expect(204, "DELETE", g + "all-cells", null);
        assertNull(rails.get("00f110:000000007"));
    }

    @Test
    void servesItsOpenApiDocument() {
        f.token = null; // open without a token
        try {
            HttpResponse<String> r = f.send("GET", "/A1-P/v2/openapi.yaml", null);
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/yaml"));
            assertTrue(r.body().startsWith("openapi: 3.0"));
        } finally {
            f.token = A1Fixture.TOKEN;
        }
    }

    private static PolicyEvent lastEvent(String policyId) {
        List<PolicyEvent> l = A1ProbeXapp.events(XAPP).stream().filter(e -> e.policyId().equals(policyId)).toList();
        return l.get(l.size() - 1);
    }

    private static int count(String policyId) {
        return (int) A1ProbeXapp.events(XAPP).stream().filter(e -> e.policyId().equals(policyId)).count();
    }
}
