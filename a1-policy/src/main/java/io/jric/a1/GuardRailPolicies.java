package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.a1.Records.PolicyRecord;
import io.jric.a1.Records.Status;
import io.jric.core.internal.grid.GuardRail;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.HttpProblem;
import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteCache;

/**
 * The built-in policy type {@value A1Service#GUARDRAILS_TYPE}: an instance writes one entry of the
 * {@code ric.guardrails} cache (key = its {@code scope}, {@code setBy = "A1 policy <policyId>"}),
 * deleting it clears that entry again (unless someone else has overwritten it since). One instance
 * per scope: a second instance for a scope already governed by another is a 409.
 */
final class GuardRailPolicies {
    private final IgniteCache<String, GuardRail> cache;

    GuardRailPolicies(RicGrid grid) {
        this.cache = grid.cache(PlatformCaches.GUARD_RAILS);
    }

    static String setBy(String policyId) {
        return "A1 policy " + policyId;
    }

    /** Checks what the schema cannot say: min &lt;= max, and the scope is not another instance's. */
    void check(String policyId, JsonNode body, List<PolicyRecord> existing) {
        String[] bad = rail(body, policyId).minAboveMax();
        if (bad != null) {
            Map<String, Object> p = SchemaCheck.problem("/" + bad[0], "minimum", body.get(bad[0]),
                    "<= " + bad[1] + " (" + body.get(bad[1]) + ")");
            throw HttpProblem.badRequest("policy does not satisfy policy type " + A1Service.GUARDRAILS_TYPE + ": "
                    + p.get("message")).with("problems", List.of(p));
        }
        String scope = body.path("scope").asText();
        for (PolicyRecord r : existing) {
            if (!r.policyId().equals(policyId) && r.body().path("scope").asText().equals(scope)) {
                throw HttpProblem.conflict("scope \"" + scope + "\" is governed by guard-rail policy " + r.policyId()
                        + "; update or delete that one");
            }
        }
    }

    /** Writes the guard rail of an instance (clearing the one of its previous scope); its status. */
    Status apply(JsonNode previousBody, String policyId, JsonNode body) {
        String scope = body.path("scope").asText();
        if (previousBody != null && !previousBody.path("scope").asText().equals(scope)) {
            clear(previousBody, policyId);
        }
        cache.put(scope, rail(body, policyId));
        return Status.OK;
    }

    /** Removes the guard rail an instance wrote, if it is still the one there. */
    void clear(JsonNode body, String policyId) {
        String scope = body.path("scope").asText();
        GuardRail g = cache.get(scope);
        if (g != null && setBy(policyId).equals(g.setBy())) cache.remove(scope);
    }

    private static GuardRail rail(JsonNode body, String policyId) {
        return GuardRail.of(f -> num(body, f), f -> bool(body, f), setBy(policyId));
    }

    private static Double num(JsonNode b, String f) {
        return b.hasNonNull(f) ? b.get(f).asDouble() : null;
    }

    private static Boolean bool(JsonNode b, String f) {
        return b.hasNonNull(f) ? b.get(f).asBoolean() : null;
    }
}
