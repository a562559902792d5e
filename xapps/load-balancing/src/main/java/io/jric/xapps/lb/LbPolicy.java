package io.jric.xapps.lb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An instance of policy type {@code jric.lb.v1} (schema {@code policies/lb.schema.json}).
 *
 * @param targetMaxPrbLoadPct the PRB load no cell should exceed: the xApp minimises the predicted load
 *                            above it (and does nothing but relax offsets while no cell is predicted above it)
 * @param cioMinDb            lowest CIO the xApp sets
 * @param cioMaxDb            highest CIO the xApp sets
 * @param cioStepDb           change of one cell's CIO per decision
 * @param maxChangesPerPeriod most cells whose CIO changes per decision
 * @param decisionPeriodMs    time between decisions
 * @param cioCostPctPerDb     price of an offset: 1 dB of |CIO| on a cell weighs as much as this many
 *                            percent of PRB load above the target (keeps offsets small, brings them back to 0)
 * @param rlfCostPct          price of a radio link failure: one predicted RLF on a cell weighs as much as
 *                            this many percent of PRB load above the target (offsets push UEs onto weaker cells)
 * @param excludedCells       cells whose CIO the xApp leaves alone
 */
public record LbPolicy(double targetMaxPrbLoadPct, double cioMinDb, double cioMaxDb, double cioStepDb, int maxChangesPerPeriod,
                       int decisionPeriodMs, double cioCostPctPerDb, double rlfCostPct, Set<String> excludedCells) {
    /** Type id. */
    public static final String TYPE = "jric.lb.v1";
    /** The descriptor's default instance. */
    public static final LbPolicy DEFAULT = new LbPolicy(80, -4, 4, 2, 6, 5000, 0.5, 20, Set.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    public LbPolicy {
        if (!(cioMinDb <= 0 && 0 <= cioMaxDb)) {
            throw new IllegalArgumentException("cioMinDb " + cioMinDb + " .. cioMaxDb " + cioMaxDb + " (expected: a range holding 0)");
        }
        excludedCells = Set.copyOf(excludedCells);
    }

    /** Parses an instance (already schema-valid); absent fields take the default's values. */
    public static LbPolicy parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            Set<String> excluded = new LinkedHashSet<>();
            if (n.has("excludedCells")) n.get("excludedCells").forEach(e -> excluded.add(e.asText()));
            return new LbPolicy(
                    n.path("targetMaxPrbLoadPct").asDouble(DEFAULT.targetMaxPrbLoadPct),
                    n.path("cioMinDb").asDouble(DEFAULT.cioMinDb),
                    n.path("cioMaxDb").asDouble(DEFAULT.cioMaxDb),
                    n.path("cioStepDb").asDouble(DEFAULT.cioStepDb),
                    n.path("maxChangesPerPeriod").asInt(DEFAULT.maxChangesPerPeriod),
                    n.path("decisionPeriodMs").asInt(DEFAULT.decisionPeriodMs),
                    n.path("cioCostPctPerDb").asDouble(DEFAULT.cioCostPctPerDb),
                    n.path("rlfCostPct").asDouble(DEFAULT.rlfCostPct),
                    excluded);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy: not JSON: " + e.getMessage(), e);
        }
    }
}
