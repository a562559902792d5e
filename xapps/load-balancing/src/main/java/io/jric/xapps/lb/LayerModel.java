package io.jric.xapps.lb;

import java.util.List;

/**
 * The two-layer steering model's contract (issue #16): one row per sector (the coverage-layer cell and the
 * capacity-layer cell of one site and azimuth) and candidate step of the coverage cell's offset towards the
 * capacity frequency; outputs both cells' mean PRB load and the sector's harm events over the next periods. Features from
 * {@link LayerState} (who the offset would move) and {@link CellState} (loads); the trainer is {@link LayerTrainer}.
 */
final class LayerModel {
    /** The model name (A1-ML deliveries name it; cache file {@code lb-layer-mlp-<trainer version>-seed<seed>.zip}). */
    static final String MODEL_NAME = "lb-layer-mlp";
    /** Coverage-cell UEs counted whose capacity-layer RSRP plus the offset now is within these margins (dB) of the A4 threshold. */
    static final int[] MARGINS_DB = {0, 2, 4, 6, 10};
    /** Per-sector input features, in order. */
    static final List<String> INPUT_FEATURES = List.of(
            "lowPrbUsedDlPct",    // 0 coverage cell's mean PRB load over the last period
            "highPrbUsedDlPct",   // 1 capacity cell's mean PRB load
            "lowActiveUes",       // 2 coverage cell's mean active UEs
            "highActiveUes",      // 3 capacity cell's mean active UEs
            "offsetDb",           // 4 the coverage cell's offset towards the capacity frequency now
            "offsetStepDb",       // 5 the candidate change of that offset
            "lowUesAboveA4",      // 6 mean UEs of the coverage cell reporting the capacity layer above the A4 threshold (with the offset now)
            "lowUesWithin2Db",    // 7 ... or within 2 dB below it
            "lowUesWithin4Db",    // 8 ... 4 dB
            "lowUesWithin6Db",    // 9 ... 6 dB
            "lowUesWithin10Db",   // 10 ... 10 dB
            "movedUes",           // 11 UEs the candidate step brings above the threshold (negative: below it)
            "movedPrb",           // 12 the PRBs those UEs use on the coverage cell (same sign)
            "lowUes",             // 13 UEs reported on the coverage cell per report
            "highUes",            // 14 UEs reported on the capacity cell per report
            "harmEvents");        // 15 the sector's harm events over the last period (RLFs on both cells, returns across the layers)
    /**
     * Outputs: both cells' mean PRB load and the sector's harm events per decision period (RLFs on both, returns across
     * the layers), over the next {@link LayerTrainer#HORIZON_PERIODS} decision periods.
     */
    static final List<String> OUTPUTS = List.of("nextLowPrbUsedDlPct", "nextHighPrbUsedDlPct", "nextHarmEvents");

    /** The model's inference, as the steering needs it (a {@link io.jric.xapps.ml.Predictor}, or a fake in tests). */
    @FunctionalInterface
    interface Inference {
        /** Predicts {@code rows} rows of {@link #INPUT_FEATURES} from {@code x} into {@code y} (row-major, {@link #OUTPUTS}). */
        void predict(float[] x, int rows, float[] y);
    }

    private LayerModel() {}
}
