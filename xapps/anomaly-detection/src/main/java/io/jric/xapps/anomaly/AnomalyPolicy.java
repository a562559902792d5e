package io.jric.xapps.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An instance of policy type {@code jric.anomaly.v1} (schema {@code policies/anomaly.schema.json}).
 *
 * @param watchedKpis           KPIs a finding may name (empty: all); a finding none of whose watched KPIs moved is dropped
 * @param sensitivity           alarm when P(fault) >= 1 - sensitivity (0 reports nothing)
 * @param reportFaults          fault types reported
 * @param minConsecutivePeriods periods in a row above threshold before an alarm
 */
public record AnomalyPolicy(Set<String> watchedKpis, double sensitivity, Set<FaultClass> reportFaults, int minConsecutivePeriods) {
    /** Type id. */
    public static final String TYPE = "jric.anomaly.v1";
    /** The descriptor's default instance. */
    public static final AnomalyPolicy DEFAULT = new AnomalyPolicy(Set.of(), 0.5,
            EnumSet.of(FaultClass.CELL_OUTAGE, FaultClass.INTERFERENCE_BURST, FaultClass.KPI_DEGRADATION), 1);
    private static final ObjectMapper JSON = new ObjectMapper();

    public AnomalyPolicy {
        watchedKpis = Set.copyOf(watchedKpis);
        reportFaults = reportFaults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reportFaults));
    }

    /** Parses an instance (already schema-valid); absent fields take the default's values. */
    public static AnomalyPolicy parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            Set<String> kpis = new LinkedHashSet<>();
            if (n.has("watchedKpis")) n.get("watchedKpis").forEach(e -> kpis.add(e.asText()));
            Set<FaultClass> faults = EnumSet.noneOf(FaultClass.class);
            if (n.has("reportFaults")) n.get("reportFaults").forEach(e -> faults.add(FaultClass.valueOf(e.asText())));
            else faults.addAll(DEFAULT.reportFaults);
            return new AnomalyPolicy(kpis, n.path("sensitivity").asDouble(DEFAULT.sensitivity), faults,
                    n.path("minConsecutivePeriods").asInt(DEFAULT.minConsecutivePeriods));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("policy: " + e.getMessage(), e);
        }
    }
}
