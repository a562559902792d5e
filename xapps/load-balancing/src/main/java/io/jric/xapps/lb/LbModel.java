package io.jric.xapps.lb;

import java.util.List;

/** The load-balancing model's contract: name, input features (in order) and output. */
final class LbModel {
    /** The descriptor's {@code models[].name}. */
    static final String MODEL_NAME = "lb-mlp";
    /** Per-cell input features, in the order the network takes them (see {@link CellState}). */
    static final List<String> INPUT_FEATURES = List.of(
            "prbUsedDlPct",      // 0 mean over the last decision period
            "activeUes",         // 1 mean over the last decision period
            "avgCqi",            // 2 mean over the last decision period
            "cioDb",             // 3 the cell's CIO now
            "cioChangeDb",       // 4 the candidate change of the cell's CIO
            "nbrPrbUsedDlPct",   // 5 neighbours' load, weighted by the UEs at the border with each
            "nbrCioDb",          // 6 neighbours' CIO, same weights
            "nbrCioChangeDb",    // 7 neighbours' candidate CIO changes, same weights
            "edgePrbOut",        // 8 PRBs used by this cell's UEs that see a neighbour within 6 dB (RSRP + CIO)
            "edgePrbIn",         // 9 PRBs used by neighbours' UEs that see this cell within 6 dB
            "pushOutPrbDb",      // 10 sum over neighbours of edge PRBs out x (neighbour change - own change)
            "pullInPrbDb");      // 11 sum over neighbours of edge PRBs in x (own change - neighbour change)
    /**
     * Outputs: the cell's mean DL PRB load (percent) and the radio link failures counted on it over the
     * next decision period.
     */
    static final List<String> OUTPUTS = List.of("nextPrbUsedDlPct", "nextRlfCount");

    private LbModel() {}
}
