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
 * @param harmAllowancePct    do-no-harm bound: radio link failures and ping-pongs where the xApp steers may exceed
 *                            what the same cells had unsteered by this many percent (plus one event) before it backs
 *                            off there; a negative value turns the guard off
 * @param harmHoldPeriods     decisions a cell (or sector) is left alone after the guard backed off there
 * @param layerUpPct          two layers: a coverage-layer cell above this mean PRB load offloads to the capacity
 *                            layer of its sector while that one is below it
 * @param layerDownPct        two layers: below this the offload is taken back step by step
 * @param layerOffsetMaxDb    two layers: the largest offset towards the capacity layer (default 16 dB: the capacity cell's A5
 *                            threshold 1 follows it down to -126 dBm with the RAN's -110, where a UE on a 100 MHz n78 cell
 *                            still has an SNR above the RLF threshold; 10 dB until the second round of issue #16)
 * @param layerStepDb         two layers: the change of a sector's offset per decision
 * @param pullOnly            one layer: offsets only pull (a cell's CIO is 0 or above, at most the RAN's A3 hysteresis) and
 *                            the cell's own A3 hysteresis is lowered by its CIO, so that the xApp only ever advances a
 *                            handover towards a lighter cell and never holds a UE on a cell whose neighbour is stronger
 *                            by more than the RAN's hysteresis (what a plain CIO does on one side of every border it
 *                            moves); false: CIOs either way within the range, hysteresis left alone
 * @param explorationRate     0..1: the share of cells, per decision, whose offset move may deviate from the planner's choice
 *                            by {@code explorationStepDb} (issue #15, item 2; see {@link LbExploration}); 0 (the default): never
 * @param explorationStepDb   0.5..3: the deviation of an exploring cell's offset, in dB (within the range, {@code cioStepDb}
 *                            of the current offset and the do-no-harm bound)
 */
public record LbPolicy(double targetMaxPrbLoadPct, double cioMinDb, double cioMaxDb, double cioStepDb, int maxChangesPerPeriod,
                       int decisionPeriodMs, double cioCostPctPerDb, double rlfCostPct, Set<String> excludedCells,
                       double harmAllowancePct, int harmHoldPeriods, double layerUpPct, double layerDownPct,
                       double layerOffsetMaxDb, double layerStepDb, boolean pullOnly, double explorationRate,
                       double explorationStepDb, double layerBackOffPct) {
    /** Type id. */
    public static final String TYPE = "jric.lb.v1";
    /** The descriptor's default instance. */
    public static final LbPolicy DEFAULT = new LbPolicy(80, -4, 4, 2, 6, 5000, 0.5, 20, Set.of(), 5, 24, 25, 0, 16, 4, true, 0, 1, 50);
    private static final ObjectMapper JSON = new ObjectMapper();

    public LbPolicy {
        if (!(cioMinDb <= 0 && 0 <= cioMaxDb)) {
            throw new IllegalArgumentException("cioMinDb " + cioMinDb + " .. cioMaxDb " + cioMaxDb + " (expected: a range holding 0)");
        }
        excludedCells = Set.copyOf(excludedCells);
        if (!(layerDownPct <= layerUpPct)) {
            throw new IllegalArgumentException("layerDownPct " + layerDownPct + " above layerUpPct " + layerUpPct);
        }
        if (!(layerOffsetMaxDb >= 0 && layerOffsetMaxDb <= 24)) {
            throw new IllegalArgumentException("layerOffsetMaxDb " + layerOffsetMaxDb + " (expected 0..24)");
        }
        if (!(layerStepDb > 0)) throw new IllegalArgumentException("layerStepDb " + layerStepDb + " (expected > 0)");
        if (harmHoldPeriods < 0) throw new IllegalArgumentException("harmHoldPeriods " + harmHoldPeriods + " (expected >= 0)");
        if (!(explorationRate >= 0 && explorationRate <= 1)) {
            throw new IllegalArgumentException("explorationRate " + explorationRate + " (expected: 0..1)");
        }
        if (!(explorationStepDb >= 0.5 && explorationStepDb <= 3)) {
            throw new IllegalArgumentException("explorationStepDb " + explorationStepDb + " (expected: 0.5..3)");
        }
        if (!Double.isNaN(layerBackOffPct) && !(layerBackOffPct >= 0 && layerBackOffPct <= 100)) {
            throw new IllegalArgumentException("layerBackOffPct " + layerBackOffPct
                    + " (expected: 0..100, the capacity cell's PRB load in %; absent: layerUpPct)");
        }
    }

    /** As the canonical constructor with {@code layerBackOffPct} absent (it follows {@code layerUpPct}). */
    public LbPolicy(double targetMaxPrbLoadPct, double cioMinDb, double cioMaxDb, double cioStepDb, int maxChangesPerPeriod,
                    int decisionPeriodMs, double cioCostPctPerDb, double rlfCostPct, Set<String> excludedCells,
                    double harmAllowancePct, int harmHoldPeriods, double layerUpPct, double layerDownPct,
                    double layerOffsetMaxDb, double layerStepDb, boolean pullOnly, double explorationRate,
                    double explorationStepDb) {
        this(targetMaxPrbLoadPct, cioMinDb, cioMaxDb, cioStepDb, maxChangesPerPeriod, decisionPeriodMs, cioCostPctPerDb,
                rlfCostPct, excludedCells, harmAllowancePct, harmHoldPeriods, layerUpPct, layerDownPct, layerOffsetMaxDb,
                layerStepDb, pullOnly, explorationRate, explorationStepDb, Double.NaN);
    }

    /** Two layers, fixed rule: the capacity cell's load at or above which the offset steps back ({@code layerUpPct} if unset). */
    double layerBackOffAt() {
        return Double.isNaN(layerBackOffPct) ? layerUpPct : layerBackOffPct;
    }

    /** This policy with more cells excluded. */
    LbPolicy excluding(Set<String> more) {
        if (more.isEmpty()) return this;
        Set<String> all = new LinkedHashSet<>(excludedCells);
        all.addAll(more);
        return new LbPolicy(targetMaxPrbLoadPct, cioMinDb, cioMaxDb, cioStepDb, maxChangesPerPeriod, decisionPeriodMs,
                cioCostPctPerDb, rlfCostPct, all, harmAllowancePct, harmHoldPeriods, layerUpPct, layerDownPct,
                layerOffsetMaxDb, layerStepDb, pullOnly, explorationRate, explorationStepDb, layerBackOffPct);
    }

    /** This policy with its CIO range narrowed to {@code [min, max]} (each within the policy's own). */
    LbPolicy withCioRange(double min, double max) {
        double lo = Math.max(cioMinDb, min);
        double hi = Math.max(lo, Math.min(cioMaxDb, max));
        if (lo == cioMinDb && hi == cioMaxDb) return this;
        return new LbPolicy(targetMaxPrbLoadPct, Math.min(0, lo), Math.max(0, hi), cioStepDb, maxChangesPerPeriod, decisionPeriodMs,
                cioCostPctPerDb, rlfCostPct, excludedCells, harmAllowancePct, harmHoldPeriods, layerUpPct, layerDownPct,
                layerOffsetMaxDb, layerStepDb, pullOnly, explorationRate, explorationStepDb, layerBackOffPct);
    }

    /** This policy with another exploration rate and step (the other fields kept). */
    LbPolicy withExploration(double rate, double stepDb) {
        return new LbPolicy(targetMaxPrbLoadPct, cioMinDb, cioMaxDb, cioStepDb, maxChangesPerPeriod, decisionPeriodMs,
                cioCostPctPerDb, rlfCostPct, excludedCells, harmAllowancePct, harmHoldPeriods, layerUpPct, layerDownPct,
                layerOffsetMaxDb, layerStepDb, pullOnly, rate, stepDb, layerBackOffPct);
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
                    excluded,
                    n.path("harmAllowancePct").asDouble(DEFAULT.harmAllowancePct),
                    n.path("harmHoldPeriods").asInt(DEFAULT.harmHoldPeriods),
                    n.path("layerUpPct").asDouble(DEFAULT.layerUpPct),
                    n.path("layerDownPct").asDouble(DEFAULT.layerDownPct),
                    n.path("layerOffsetMaxDb").asDouble(DEFAULT.layerOffsetMaxDb),
                    n.path("layerStepDb").asDouble(DEFAULT.layerStepDb),
                    n.path("pullOnly").asBoolean(DEFAULT.pullOnly),
                    number(n, "explorationRate", DEFAULT.explorationRate),
                    number(n, "explorationStepDb", DEFAULT.explorationStepDb),
                    number(n, "layerBackOffPct", DEFAULT.layerBackOffPct));
        } catch (IOException e) {
            throw new IllegalArgumentException("policy: not JSON: " + e.getMessage(), e);
        }
    }

    /** A number field (absent: {@code dflt}); anything but a number is refused naming the field. */
    private static double number(JsonNode n, String field, double dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return dflt;
        if (!v.isNumber()) throw new IllegalArgumentException(field + " " + v + " (expected: a number)");
        return v.asDouble();
    }
}
