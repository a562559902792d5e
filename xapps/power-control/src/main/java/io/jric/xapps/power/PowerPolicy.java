package io.jric.xapps.power;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 */
public record PowerPolicy(double minTxPowerDbm, double maxTxPowerDbm, double energyWeight, double maxThroughputLossPct,
                          double maxStepDb, Set<String> excludedCells) {
    /** Type id. */
    public static final String TYPE = "jric.power.v1";
    /** The descriptor's default instance. */
    public static final PowerPolicy DEFAULT = new PowerPolicy(20, 46, 0.8, 2, 3, Set.of());
    private static final ObjectMapper JSON = new ObjectMapper();

    public PowerPolicy {
        if (!(minTxPowerDbm <= maxTxPowerDbm)) {
            throw new IllegalArgumentException("minTxPowerDbm " + minTxPowerDbm + " > maxTxPowerDbm " + maxTxPowerDbm);
        }
        excludedCells = Set.copyOf(excludedCells);
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
                    excluded);
        } catch (IOException e) {
            throw new IllegalArgumentException("policy: not JSON: " + e.getMessage(), e);
        }
    }
}
