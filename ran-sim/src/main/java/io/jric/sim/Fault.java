package io.jric.sim;

import java.util.Objects;

/**
 * A fault injected into one cell for a window of simulated time {@code [startMs, startMs + durationMs)}.
 * Create with the factories and pass to {@link RanModel#injectFault(Fault)} or
 * {@link RanSimulator#injectFault(Fault)}.
 *
 * @param type       what goes wrong
 * @param cellId     the cell, as {@code E2Ids.cellId(NrCgi)}
 * @param startMs    simulated time the fault starts
 * @param durationMs how long it lasts (> 0)
 * @param magnitude  type-specific: ignored for {@link Type#CELL_OUTAGE}; interference rise over thermal
 *                   noise in dB (0..80) for {@link Type#INTERFERENCE_BURST}; the remaining share of
 *                   per-PRB capacity (0 exclusive..1) for {@link Type#KPI_DEGRADATION}
 */
public record Fault(Type type, String cellId, long startMs, long durationMs, double magnitude) {

    /** Kinds of fault. */
    public enum Type {
        /** The cell radiates nothing; its UEs lose the link and re-establish elsewhere after the RLF timer. */
        CELL_OUTAGE,
        /**
         * External interference at the cell, {@code magnitude} dB over thermal noise: at every UE the
         * cell serves (downlink) and at the cell's own receiver (uplink, on top of a nominal 6 dB
         * interference over thermal), as an interferer near the site would cause.
         */
        INTERFERENCE_BURST,
        /** Per-PRB capacity scaled by {@code magnitude}: more PRBs used, less throughput. */
        KPI_DEGRADATION
    }

    /** Validates the fields (the cell id is checked against the model on injection). */
    public Fault {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(cellId, "cellId");
        if (startMs < 0) throw new IllegalArgumentException("startMs: " + startMs + " (expected: >= 0)");
        if (durationMs <= 0) throw new IllegalArgumentException("durationMs: " + durationMs + " (expected: > 0)");
        if (type == Type.INTERFERENCE_BURST && !(magnitude >= 0 && magnitude <= 80)) {
            throw new IllegalArgumentException("magnitude: " + magnitude + " dB (expected: 0..80 for INTERFERENCE_BURST)");
        }
        if (type == Type.KPI_DEGRADATION && !(magnitude > 0 && magnitude <= 1)) {
            throw new IllegalArgumentException("magnitude: " + magnitude + " (expected: (0, 1] for KPI_DEGRADATION)");
        }
    }

    /** The cell stops radiating for the window. */
    public static Fault cellOutage(String cellId, long startMs, long durationMs) {
        return new Fault(Type.CELL_OUTAGE, cellId, startMs, durationMs, 0);
    }

    /** UEs of the cell see {@code riseDb} of extra interference over thermal noise for the window. */
    public static Fault interferenceBurst(String cellId, long startMs, long durationMs, double riseDb) {
        return new Fault(Type.INTERFERENCE_BURST, cellId, startMs, durationMs, riseDb);
    }

    /** The cell's per-PRB capacity is multiplied by {@code factor} (0 exclusive..1) for the window. */
    public static Fault kpiDegradation(String cellId, long startMs, long durationMs, double factor) {
        return new Fault(Type.KPI_DEGRADATION, cellId, startMs, durationMs, factor);
    }

    /** Whether the fault is in effect at simulated time {@code timeMs}. */
    public boolean activeAt(long timeMs) {
        return timeMs >= startMs && timeMs - startMs < durationMs;
    }
}
