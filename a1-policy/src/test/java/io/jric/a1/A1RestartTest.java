package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jric.core.internal.grid.GuardRail;
import io.jric.core.internal.grid.PlatformCaches;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Everything A1 holds survives a restart of the RIC (a new grid, the same stores). */
@Timeout(120)
class A1RestartTest {
    @Test
    void allA1StateIsBackAfterARestart() {
        try (CallbackReceiver cb = new CallbackReceiver()) {
            A1Fixture f = A1Fixture.start();
            try {
                f.install(A1ProbeXapp.descriptor("probe-restart", "1.0.0", A1ProbeXapp.THRESHOLD_TYPE));
                f.expect(201, "PUT", "/a1-p/policytypes/30000", """
                        {"name":"op","description":"operator type","policy_type_id":30000,
                         "create_schema":{"type":"object","properties":{"on":{"type":"boolean"}}}}""");
                f.expect(201, "PUT", "/A1-P/v2/policytypes/30000/policies/op-1", "{\"on\":true}");
                f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/x-1?notificationDestination="
                        + cb.url("/x-1"), "{\"threshold\":42,\"refuse\":true,\"note\":\"not today\"}");
                f.expect(201, "PUT", "/A1-P/v2/policytypes/20001/policies/x-2", "{\"threshold\":43}");
                f.expect(201, "PUT", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/rails",
                        "{\"scope\":\"*\",\"txPowerMaxDbm\":33}");
                // x-2 came later: it is the instance of 20001 in force, x-1 (refused anyway) is superseded
                A1Fixture.await(() -> String.valueOf(cb.last("/x-1")).contains("policy x-2 of policy type 20001 is the one in force"),
                        "x-1 told that x-2 is in force");

                f = f.restart();

                // the grid is brand new: everything below came from the durable stores
                assertEquals("[30000]", f.expect(200, "GET", "/a1-p/policytypes", null).toString().replace("20001,", "")
                        .replace(",20001", ""));
                assertEquals("op", f.expect(200, "GET", "/a1-p/policytypes/30000", null).get("name").asText());
                assertEquals(true, f.expect(200, "GET", "/A1-P/v2/policytypes/30000/policies/op-1", null).get("on").asBoolean());
                assertEquals("NOT_ENFORCED: no xApp provides policy type 30000", f.status("30000", "op-1"));
                final A1Fixture g = f;
                A1Fixture.await(() -> g.expect(200, "GET", "/A1-P/v2/policytypes", null).toString().contains("20001"),
                        "xApp restored");
                assertEquals("[\"x-1\",\"x-2\"]", f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies", null).toString());
                assertEquals(42, f.expect(200, "GET", "/A1-P/v2/policytypes/20001/policies/x-1", null).get("threshold").asInt());
                A1Fixture.await(() -> g.status("20001", "x-2").equals("ENFORCED"), "x-2 delivered again and enforced");
                A1Fixture.await(() -> g.status("20001", "x-1").contains("policy x-2 of policy type 20001 is the one in force"),
                        "x-1 still superseded by x-2 after the restart");
                assertEquals("x-2 {\"threshold\":43}", A1ProbeXapp.inForce("probe-restart"));
                IgniteCache<String, GuardRail> rails = f.grid.cache(PlatformCaches.GUARD_RAILS);
                assertEquals(33.0, rails.get("*").txPowerMaxDbm());
                assertEquals("ENFORCED", f.status(A1Service.GUARDRAILS_TYPE, "rails"));

                // the notification destination survived too: a status change still reaches it (x-1 changed: now in force)
                int before = cb.at("/x-1").size();
                f.expect(200, "PUT", "/A1-P/v2/policytypes/20001/policies/x-1", "{\"threshold\":42}");
                A1Fixture.await(() -> cb.at("/x-1").size() > before && "ENFORCED".equals(cb.last("/x-1")),
                        "notification after restart");
            } finally {
                f.close();
            }
        }
    }
}
