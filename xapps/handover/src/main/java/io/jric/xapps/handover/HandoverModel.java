package io.jric.xapps.handover;

import java.util.List;

/** The handover model's contract: name, input features (in order) and output. */
final class HandoverModel {
    /** The descriptor's {@code models[].name}. */
    static final String MODEL_NAME = "handover-mlp";
    /** Input features, in the order the network takes them (the descriptor's {@code inputFeatures}). */
    static final List<String> INPUT_FEATURES = List.of(
            "servingRsrpDbm",          // 0
            "servingSinrDb",           // 1
            "nbrRsrpDeltaDb",          // 2  neighbour RSRP - serving RSRP
            "nbrSinrDeltaDb",          // 3  neighbour SINR - serving SINR (both clamped to -15..30)
            "nbrRsrpDeltaTrendDb",     // 4  change of the RSRP delta since the previous report
            "servingSinrTrendDb",      // 5  change of the serving SINR since the previous report
            "servingRsrpChangeAbsDb",  // 6  |change of serving RSRP|: a speed proxy
            "servingPrbLoadPct",       // 7
            "nbrPrbLoadPct",           // 8
            "ueThroughputDlMbps",      // 9
            "timeOnServingCellS",      // 10 capped at 10
            "nbrRank",                 // 11 0 = strongest reported neighbour
            "nbrIsPreviousCell");      // 12 1 if the UE came from this neighbour
    static final int F_RSRP_DELTA = 2;
    /** Index of {@code nbrIsPreviousCell}. */
    static final int F_IS_PREVIOUS = 12;
    /**
     * Outputs: (0) the mean SINR (dB, clamped to -10..25) the UE would get over the next
     * {@link #HORIZON_MS} on the neighbour, minus what it actually got under A3 from here; (1) the
     * ping-pong risk delta: whether an A3-like rule (3 dB, the training network's time to trigger, 1024 ms),
     * replayed along the UE's path for
     * {@link #PING_PONG_HORIZON_MS}, makes a ping-pong (a handover back to the previous cell within
     * that time) if the UE is handed to the neighbour now (1 or 0), minus the same if it stays: -1..1,
     * a regression target, so the prediction is the change in ping-pong probability (negative: the
     * handover avoids a ping-pong A3 was heading for).
     */
    static final List<String> OUTPUTS = List.of("futureSinrGainDb", "pingPongRiskDelta");
    /** Look-ahead of the SINR label. */
    static final int HORIZON_MS = 3000;
    /** Look-ahead of the ping-pong label. */
    static final int PING_PONG_HORIZON_MS = 5000;

    private HandoverModel() {}
}
