package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.core.internal.grid.GuardRail;
import io.jric.core.internal.grid.PlatformCaches;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13, item 12: guard rails an operator sets through the admin API survive a restart (a new
 * grid, the same stores), and the admin API and A1 guard-rail policies accept and refuse the same
 * scopes.
 */
@Timeout(120)
class GuardRailDurabilityTest {
    static final String CELL = "00f110:000004000";

    private static JsonNode admin(A1Fixture f, int status, String method, String path, String body) {
        HttpResponse<String> r = f.sendUnchecked(method, path, body, "application/json");
        assertEquals(status, r.statusCode(), () -> method + " " + path + ": " + r.body());
        return r.body().isEmpty() ? null : A1Fixture.tree(r.body());
    }

    @Test
    void adminGuardRailsSurviveARestart() {
        A1Fixture f = A1Fixture.startWithAdminApi();
        try {
            admin(f, 200, "PUT", "/ric/v1/guardrails/*", "{\"txPowerMaxDbm\":7,\"sleepAllowed\":false}");
            admin(f, 200, "PUT", "/ric/v1/guardrails/" + CELL, "{\"cioMaxAbsDb\":2}");
            admin(f, 200, "PUT", "/ric/v1/guardrails/00f110:000004001", "{\"handoverAllowed\":false}");
            admin(f, 204, "DELETE", "/ric/v1/guardrails/00f110:000004001", null);

            f = f.restart();

            // a brand-new grid: the rails came back from the durable store, the deleted one did not
            JsonNode all = admin(f, 200, "GET", "/ric/v1/guardrails", null);
            assertEquals(7.0, all.at("/*/txPowerMaxDbm").asDouble(), all::toString);
            assertFalse(all.at("/*/sleepAllowed").asBoolean(true), all::toString);
            assertEquals(2.0, all.at("/" + CELL + "/cioMaxAbsDb").asDouble(), all::toString);
            assertFalse(all.has("00f110:000004001"), all::toString);
            // and the control router's cache has them
            GuardRail g = f.grid.<String, GuardRail>cache(PlatformCaches.GUARD_RAILS).get("*");
            assertEquals(7.0, g.txPowerMaxDbm());

            admin(f, 204, "DELETE", "/ric/v1/guardrails/*", null);
            f = f.restart();
            assertFalse(admin(f, 200, "GET", "/ric/v1/guardrails", null).has("*"));
        } finally {
            f.close();
        }
    }

    @Test
    void theAdminApiAndA1AcceptAndRefuseTheSameScopes() {
        try (A1Fixture f = A1Fixture.startWithAdminApi()) {
            String a1 = "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies/";
            String[] bad = {"x", "?", "00F110:000004000", "00f110:00000400", "cell-1", "* "};
            int i = 0;
            for (String scope : bad) {
                JsonNode p = f.expect(400, "PUT", a1 + "bad" + i++, "{\"scope\":" + A1Fixture.JSON.valueToTree(scope) + "}");
                assertEquals("/scope", p.at("/problems/0/pointer").asText(), p::toString);
                JsonNode q = admin(f, 400, "PUT", "/ric/v1/guardrails/" + java.net.URLEncoder.encode(scope,
                        java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), "{\"txPowerMaxDbm\":30}");
                assertTrue(q.get("detail").asText().contains(GuardRail.SCOPE_EXPECTED), q::toString);
            }
            assertEquals("[]", f.expect(200, "GET", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE + "/policies", null)
                    .toString(), "a refused policy changes nothing");
            assertEquals(0, admin(f, 200, "GET", "/ric/v1/guardrails", null).size(), "a refused rail changes nothing");
            for (String scope : new String[] {"*", CELL}) {
                admin(f, 200, "PUT", "/ric/v1/guardrails/" + scope, "{\"txPowerMaxDbm\":30}");
                admin(f, 204, "DELETE", "/ric/v1/guardrails/" + scope, null);
                f.expect(201, "PUT", a1 + "ok" + i++, "{\"scope\":\"" + scope + "\"}");
            }
            // the served schema carries the same rule for A1 clients
            assertEquals(GuardRail.SCOPE_PATTERN, f.expect(200, "GET", "/A1-P/v2/policytypes/" + A1Service.GUARDRAILS_TYPE,
                    null).at("/policySchema/properties/scope/pattern").asText());
        }
    }
}
