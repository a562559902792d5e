package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.PolicyEvent;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several instances of one xApp policy type (issue 13, item 9): the sequence ONAP's Policy
 * Management Service runs. One instance is in force at a time - the one created or changed last -
 * and the status always equals what the xApp holds. The probe xApp keeps one policy like the ML
 * xApps do ({@link A1ProbeXapp#inForce}), so the tests check the xApp's own state, not only the status.
 */
@Timeout(120)
class A1SeveralInstancesTest {
    static final String X = "probe-multi";
    static final String P = "/A1-P/v2/policytypes/20001/policies/";
    A1Fixture f;
    CallbackReceiver cb;

    @BeforeEach
    void start() {
        f = A1Fixture.start();
        cb = new CallbackReceiver();
        A1ProbeXapp.IN_FORCE.remove(X);
        f.install(A1ProbeXapp.descriptor(X, "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
    }

    @AfterEach
    void stop() {
        cb.close();
        f.close();
    }

    private static String superseded(String by) {
        return "NOT_ENFORCED: policy " + by + " of policy type 20001 is the one in force "
                + "(one instance per policy type: the one created or changed last)";
    }

    @Test
    void thePmsSequenceKeepsTheRemainingInstanceEnforcedByTheXapp() {
        f.expect(201, "PUT", P + "a?notificationDestination=" + cb.url("/a"), "{\"threshold\":10}");
        assertEquals("ENFORCED", f.status("20001", "a"));
        assertEquals("a {\"threshold\":10}", A1ProbeXapp.inForce(X));

        // a second instance of the same type: it is in force, the first one says so
        f.expect(201, "PUT", P + "b", "{\"threshold\":20}");
        assertEquals("ENFORCED", f.status("20001", "b"));
        assertEquals(superseded("b"), f.status("20001", "a"));
        assertEquals("b {\"threshold\":20}", A1ProbeXapp.inForce(X));
        A1Fixture.await(() -> superseded("b").equals(cb.last("/a")), "a's destination told it is superseded");

        // PMS deletes the instance it does not know: the remaining one is delivered again and enforced
        f.expect(204, "DELETE", P + "b", null);
        assertEquals("a {\"threshold\":10}", A1ProbeXapp.inForce(X));
        assertEquals("ENFORCED", f.status("20001", "a"));
        A1Fixture.await(() -> "ENFORCED".equals(cb.last("/a")), "a's destination told it is enforced again");

        // PMS's identical re-PUT: idempotent, the state stays right
        assertEquals(10, f.expect(200, "PUT", P + "a", "{\"threshold\":10}").get("threshold").asInt());
        assertEquals("ENFORCED", f.status("20001", "a"));
        assertEquals("a {\"threshold\":10}", A1ProbeXapp.inForce(X));
        assertEquals("[\"a\"]", f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies", null).toString());

        // delete all: the xApp is back at its defaults
        f.expect(204, "DELETE", P + "a", null);
        assertEquals("defaults", A1ProbeXapp.inForce(X));
        List<PolicyEvent> ev = A1ProbeXapp.events(X);
        PolicyEvent last = ev.get(ev.size() - 1);
        assertTrue(last.deleted() && last.policyId().equals("a"), () -> "last event " + last.policyId() + " " + last.deleted());
    }

    @Test
    void deletingAnInstanceNotInForceChangesNothingForTheXapp() {
        f.expect(201, "PUT", P + "old", "{\"threshold\":1}");
        f.expect(201, "PUT", P + "new", "{\"threshold\":2}");
        int events = A1ProbeXapp.events(X).size();
        f.expect(204, "DELETE", P + "old", null);
        assertEquals(events, A1ProbeXapp.events(X).size(), "no event for an instance the xApp never held");
        assertEquals("new {\"threshold\":2}", A1ProbeXapp.inForce(X));
        assertEquals("ENFORCED", f.status("20001", "new"));
    }

    @Test
    void anIdenticalRePutKeepsTheOrderAndAChangedBodyTakesOver() {
        f.expect(201, "PUT", P + "a", "{\"threshold\":10}");
        f.expect(201, "PUT", P + "b", "{\"threshold\":20}");
        // repeating a's body does not make it the newest: nothing changes
        f.expect(200, "PUT", P + "a", "{\"threshold\":10}");
        assertEquals(superseded("b"), f.status("20001", "a"));
        assertEquals("ENFORCED", f.status("20001", "b"));
        assertEquals("b {\"threshold\":20}", A1ProbeXapp.inForce(X));

        // changing a's body does
        f.expect(200, "PUT", P + "a", "{\"threshold\":11}");
        assertEquals("ENFORCED", f.status("20001", "a"));
        assertEquals(superseded("a"), f.status("20001", "b"));
        assertEquals("a {\"threshold\":11}", A1ProbeXapp.inForce(X));
    }

    @Test
    void anIdenticalRePutOfTheInstanceInForceRestoresWhatTheXappLost() {
        f.expect(201, "PUT", P + "a", "{\"threshold\":10}");
        A1ProbeXapp.IN_FORCE.remove(X); // the xApp lost it (as if it had fallen back to its defaults)
        f.expect(200, "PUT", P + "a", "{\"threshold\":10}");
        assertEquals("a {\"threshold\":10}", A1ProbeXapp.inForce(X));
        assertEquals("ENFORCED", f.status("20001", "a"));
    }

    @Test
    void aRefusedNewestInstanceIsNotClaimedEnforcedByAnyone() {
        f.expect(201, "PUT", P + "a", "{\"threshold\":10}");
        f.expect(201, "PUT", P + "b", "{\"threshold\":20,\"refuse\":true,\"note\":\"no\"}");
        assertTrue(f.status("20001", "b").startsWith("NOT_ENFORCED: "), f.status("20001", "b"));
        assertEquals(superseded("b") + "; it is not enforced either: " + f.expect(200, "GET", P + "b/status", null)
                .get("enforceReason").asText(), f.status("20001", "a"));
    }

    @Test
    void aRestartedXappInstanceGetsOnlyTheInstanceInForce() {
        f.expect(201, "PUT", P + "a", "{\"threshold\":10}");
        f.expect(201, "PUT", P + "b", "{\"threshold\":20}");
        List<PolicyEvent> ev = A1ProbeXapp.events(X);
        int before = ev.size();
        A1ProbeXapp.IN_FORCE.remove(X);
        f.xapps.upgrade(A1ProbeXapp.descriptor(X, "1.0.1", A1ProbeXapp.THRESHOLD_TYPE), null, null);
        A1Fixture.await(() -> "b {\"threshold\":20}".equals(A1ProbeXapp.inForce(X)), "b delivered to the new instance");
        assertTrue(f.a1.awaitIdle(10_000));
        assertTrue(ev.subList(before, ev.size()).stream().noneMatch(e -> e.policyId().equals("a")),
                "a is not delivered: it is not in force");
        assertEquals("ENFORCED", f.status("20001", "b"));
        assertEquals(superseded("b"), f.status("20001", "a"));
    }
}
