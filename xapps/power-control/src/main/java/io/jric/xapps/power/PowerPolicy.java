package io.jric.xapps.power;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.xapps.ml.HarmGuard;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An instance of policy type {@code jric.power.v1} (schema {@code policies/power.schema.json}).
 *
 * @param minTxPowerDbm        lowest Tx power the xApp sets
 * @param maxTxPowerDbm        highest Tx power the xApp sets (cells above are brought down at once)
 * @param energyWeight         0..1: 1 minimises energy within the loss bound, 0 keeps throughput first
 * @param maxThroughputLossPct bound on the predicted served-throughput loss against maximum power
 * @param maxStepDb            largest change of a cell's power per report period
 * @param excludedCells        cells left alone
 * @param explorationRate      0..1: the share of decisions that deviate from the model's choice by
 *                             {@code explorationStepDb} (issue #15, item 2; see {@link Exploration}); 0 (the default): never
 * @param explorationStepDb    the deviation of an exploring decision, in dB (within the range and {@code maxStepDb})
 * @param harmAllowancePct     do-no-harm bound: the radio link failures of the controlled cells while the xApp holds any
 *                             of them below its own power may exceed the rate seen with none held by this much (percent,
 *                             plus what chance gives) before every cell gets its own power back ({@link HarmGuard});
 *                             negative: no guard
 * @param harmHoldPeriods      decisions the cells keep their own power after the guard tripped (doubled on each trip)
 * @param harmBaselinePeriods  decisions at the start in which the xApp only learns the failure rate at the cells' own
 *                             power, before it lowers any (0: it lowers at once, and the guard judges against the
 *                             periods it has)
 */
public record PowerPolicy(double minTxPowerDbm, double maxTxPowerDbm, double energyWeight, double maxThroughputLossPct,
                          double maxStepDb, Set<String> excludedCells, double explorationRate, double explorationStepDb,
                          double harmAllowancePct, int harmHoldPeriods, int harmBaselinePeriods) {
    /** Type id. */
    public static final String TYPE = "jric.power.v1";
    /** The descriptor's default instance. */
    public static final PowerPolicy DEFAULT = new PowerPolicy(20, 46, 0.8, 2, 3, Set.of(), 0, 1, 25, 60, 60);
    private static final ObjectMapper JSON = new ObjectMapper();

    public PowerPolicy {
        if (!(minTxPowerDbm <= maxTxPowerDbm)) {
            throw new IllegalArgumentException("minTxPowerDbm " + minTxPowerDbm + " > maxTxPowerDbm " + maxTxPowerDbm);
        }
        if (!(explorationRate >= 0 && explorationRate <= 1)) {
            throw new IllegalArgumentException("explorationRate " + explorationRate + " (expected: 0..1)");
        }
        if (!(explorationStepDb >= 0.5 && explorationStepDb <= 3)) {
            throw new IllegalArgumentException("explorationStepDb " + explorationStepDb + " (expected: 0.5..3)");
        }
        if (harmHoldPeriods < 0) throw new IllegalArgumentException("harmHoldPeriods " + harmHoldPeriods + " (expected >= 0)");
        if (harmBaselinePeriods < 0) {
            throw new IllegalArgumentException("harmBaselinePeriods " + harmBaselinePeriods + " (expected >= 0)");
        }
        excludedCells = Set.copyOf(excludedCells);
    }

    /** This policy with another exploration rate and step (the other fields kept). */
    public PowerPolicy withExploration(double rate, double stepDb) {
        return new PowerPolicy(minTxPowerDbm, maxTxPowerDbm, energyWeight, maxThroughputLossPct, maxStepDb, excludedCells, rate, stepDb,
                harmAllowancePct, harmHoldPeriods, harmBaselinePeriods);
    }

    /** Parses an instance (already schema-valid); absent fields take the default's values. */
    public static PowerPolicy parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            Set<String> excluded = new LinkedHashSet<>();
            if (n.has("excludedCells")) n.get("excludedCells").forEach(e -> excluded.add(e.asText()));
            return new PowerPolicy(
                    n.path("minTxPowerDbm").asDouble(DEFAULT.minTxPowerDbm),
                    n.path("maxTxPowerDbm").asDouble(DEFAULT.maxTxPowerDbm),
                    n.path("energyWeight").asDouble(DEFAULT.energyWeight),
                    n.path("maxThroughputLossPct").asDouble(DEFAULT.maxThroughputLossPct),
                    n.path("maxStepDb").asDouble(DEFAULT.maxStepDb),
                    excluded,
                    n.path("explorationRate").asDouble(DEFAULT.explorationRate),
                    n.path("explorationStepDb").asDouble(DEFAULT.explorationStepDb),
                    n.path("harmAllowancePct").asDouble(DEFAULT.harmAllowancePct),
                    n.path("harmHoldPeriods").asInt(DEFAULT.harmHoldPeriods),
                    n.path("harmBaselinePeriods").asInt(DEFAULT.harmBaselinePeriods));
        } catch (IOException e) {
            throw new IllegalArgumentException("policy: not JSON: " + e.getMessage(), e);
        }
    }
}
