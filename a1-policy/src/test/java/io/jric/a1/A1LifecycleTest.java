package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.xapp.PolicyEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Policy types follow the xApps: install, restart of instances, upgrade, removal. */
@Timeout(120)
class A1LifecycleTest {
    static final String OTHER_TYPE = """
            {"id":"probe.mode:v1","name":"probe mode","schema":{"type":"object","properties":{"mode":{"type":"string"}}},
             "defaultInstance":{"mode":"auto"}}""";
    A1Fixture f;
    CallbackReceiver cb;

    @BeforeEach
    void start() {
        f = A1Fixture.start();
        cb = new CallbackReceiver();
    }

    @AfterEach
    void stop() {
        cb.close();
        f.close();
    }

    private boolean typeListed(String id) {
        return f.expect(200, "GET", "/A1-P/v2/policytypes", null).toString().contains("\"" + id + "\"");
    }

    @Test
    void removingTheXappRemovesItsTypesAndInstancesAndTellsTheDestination() {
        f.install(A1ProbeXapp.descriptor("probe-rm", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE, OTHER_TYPE));
        assertTrue(typeListed("20001"));
        assertTrue(typeListed("probe.mode:v1"));
        // the default instance is created when the xApp comes
        A1Fixture.await(() -> f.send("GET", "/A1-P/v2/policytypes/probe.mode:v1/policies/default", null).statusCode() == 200,
                "default instance");
        A1Fixture.await(() -> f.status("probe.mode:v1", "default").equals("ENFORCED"), "default instance enforced");

        f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/p1?notificationDestination=" + cb.url("/p1"),
                "{\"threshold\":1}");
        A1Fixture.await(() -> "ENFORCED".equals(cb.last("/p1")), "first status");

        f.xapps.remove("probe-rm");
        A1Fixture.await(() -> "NOT_ENFORCED: policy type removed with xApp probe-rm".equals(cb.last("/p1")),
                "removal notified");
        assertFalse(typeListed("20001"));
        assertFalse(typeListed("probe.mode:v1"));
        f.expect(404, "GET", "/A1-P/v2/policytypes/20001/policies/p1", null);
        assertTrue(f.a1.awaitIdle(10_000));
        assertFalse(java.nio.file.Files.exists(f.a1Dir.resolve("policies/20001~p1.json")));

        // installing it again brings the type back, without the deleted instance
        f.install(A1ProbeXapp.descriptor("probe-rm", "1.0.1", A1ProbeXapp.THRESHOLD_TYPE));
        assertEquals("[]", f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies", null).toString());
    }

    @Test
    void anotherProviderKeepsTheInstancesAlive() {
        f.install(A1ProbeXapp.descriptor("probe-a", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
        f.install(A1ProbeXapp.descriptor("probe-b", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
        A1Fixture.await(() -> f.xapps.status("probe-b").size() == 1, "probe-b running");
        f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/shared?notificationDestination=" + cb.url("/shared"),
                "{\"threshold\":2}");
        assertEquals("ENFORCED", f.status("20001", "shared"));
        assertTrue(A1ProbeXapp.events("probe-a").stream().anyMatch(e -> e.policyId().equals("shared")));
        assertTrue(A1ProbeXapp.events("probe-b").stream().anyMatch(e -> e.policyId().equals("shared")));

        f.xapps.remove("probe-a");
        assertTrue(f.a1.awaitIdle(10_000));
        assertEquals(2, f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies/shared", null).get("threshold").asInt());
        assertEquals("ENFORCED", f.status("20001", "shared"));
    }

    @Test
    void aRestartedOrUpgradedXappGetsThePoliciesInForce() {
        String name = "probe-up";
        f.install(A1ProbeXapp.descriptor(name, "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
        f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/keep?notificationDestination=" + cb.url("/keep"),
                "{\"threshold\":3}");
        A1Fixture.await(() -> "ENFORCED".equals(cb.last("/keep")), "first status");
        List<PolicyEvent> events = A1ProbeXapp.events(name);
        int before = events.size();

        // the upgrade stops the instance and starts a new one: it is handed the policy in force
        f.xapps.upgrade(A1ProbeXapp.descriptor(name, "1.1.0", A1ProbeXapp.THRESHOLD_TYPE), null, null);
        A1Fixture.await(() -> events.size() > before, "re-delivery to the new instance");
        PolicyEvent e = events.get(events.size() - 1);
        assertEquals("keep", e.policyId());
        assertEquals("{\"threshold\":3}", e.json());
        assertEquals("ENFORCED", f.status("20001", "keep"));

        // an upgrade that drops the type removes it, like a removal
        f.xapps.upgrade(A1ProbeXapp.descriptor(name, "2.0.0", OTHER_TYPE), null, null);
        A1Fixture.await(() -> String.valueOf(cb.last("/keep")).equals("NOT_ENFORCED: policy type removed with xApp " + name),
                "drop notified");
        f.expect(404, "GET", "/A1-P/v2/policytypes/20001", null);
    }

    @Test
    void anOperatorTypeIsEnforcedOnceAnXappProvidesIt() {
        f.expect(201, "PUT", "/a1-p/policytypes/20001", """
                {"name":"threshold","description":"defined before any xApp","policy_type_id":20001,
                 "create_schema":{"type":"object","properties":{"threshold":{"type":"integer"}},"required":["threshold"]}}""");
        f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/early?notificationDestination=" + cb.url("/early"),
                "{\"threshold\":4}");
        assertEquals("NOT_ENFORCED: no xApp provides policy type 20001", f.status("20001", "early"));
        A1Fixture.await(() -> "NOT_ENFORCED: no xApp provides policy type 20001".equals(cb.last("/early")), "first status");

        f.install(A1ProbeXapp.descriptor("probe-late", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
        A1Fixture.await(() -> "ENFORCED".equals(cb.last("/early")), "enforced once the xApp came");
        // the xApp's schema wins while it is installed
        JsonNode t = f.expect(200, "GET", "/A1-P/v2/policytypes/20001", null);
        assertEquals(100, t.at("/policySchema/properties/threshold/maximum").asInt());

        // the xApp goes, the operator type stays: the instance stays, no longer enforced
        f.xapps.remove("probe-late");
        A1Fixture.await(() -> "NOT_ENFORCED: no xApp provides policy type 20001".equals(cb.last("/early")),
                "not enforced after removal");
        f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies/early", null);
    }

    @Test
    void aFailingCallbackIsCountedAndNeverBlocksTheApi() {
        cb.answer = 500;
        f.install(A1ProbeXapp.descriptor("probe-cb", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
        long failures = f.a1.notificationFailures();
        f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/cb1?notificationDestination=" + cb.url("/cb1"),
                "{\"threshold\":5}");
        // nobody listens on this one: connection refused
        f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/cb2?notificationDestination=http://127.0.0.1:1/none",
                "{\"threshold\":5}");
        A1Fixture.await(() -> f.a1.notificationFailures() >= failures + 2, "failures counted");
        assertEquals("ENFORCED", f.status("20001", "cb2"));
    }

    @Test
    void aStoreThatCannotBeWrittenAnswers507AndChangesNothing() throws Exception {
        java.nio.file.Path dir = f.a1Dir.resolve("policies");
        java.nio.file.Path moved = f.a1Dir.resolve("policies.away");
        java.nio.file.Files.move(dir, moved);
        java.nio.file.Files.writeString(dir, "not a directory");
        try {
            JsonNode p = f.expect(507, "PUT", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/g",
                    "{\"scope\":\"*\"}");
            assertTrue(p.get("detail").asText().startsWith("A1 store: cannot write"), p::toString);
            f.expect(404, "GET", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/g", null);
        } finally {
            java.nio.file.Files.delete(dir);
            java.nio.file.Files.move(moved, dir);
        }
        f.expect(201, "PUT", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/g", "{\"scope\":\"*\"}");
    }
}
