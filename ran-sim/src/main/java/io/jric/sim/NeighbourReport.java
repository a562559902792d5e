package io.jric.sim;

import java.util.Arrays;

/**
 * Which neighbour cells a UE's measurement report names when the simulator runs several carriers.
 *
 * <p>A UE measures per frequency: the serving cell configures one measurement object per carrier (TS 38.331
 * {@code MeasObjectNR}, one SSB frequency each) and links each to a report configuration ({@code ReportConfigNR},
 * whose {@code maxReportCells} bounds the cells one report names, 1..8). Neighbours on the serving carrier
 * (intra-frequency, what A3 compares) and neighbours on another carrier (inter-frequency, what A4/A5 compare) are
 * therefore measured and reported under separate objects, each with its own strongest cells; a weaker carrier's
 * cells are not crowded out of the report by a stronger carrier's, as they would be in one list of the strongest
 * cells of any frequency.
 *
 * <p>The simulator's report: the {@link #INTRA_FREQUENCY} strongest radiating neighbours on the serving cell's
 * carrier (strongest first, as on one carrier), then, for each other carrier in carrier order, its
 * {@link #PER_OTHER_FREQUENCY} strongest radiating cell(s). Inter-frequency measurements are taken as configured
 * at all times (no measurement gaps or A2-gated start are modelled), consistent with the A4/A5 events the
 * simulator evaluates every tick. The single-carrier default does not use this class (its report is unchanged).
 */
final class NeighbourReport {
    /** Strongest neighbours reported on the serving cell's own carrier (as on one carrier). */
    static final int INTRA_FREQUENCY = 3;
    /** Strongest cells reported per other carrier. */
    static final int PER_OTHER_FREQUENCY = 1;

    private NeighbourReport() {
    }

    /**
     * The neighbours {@code ue} reports: its serving carrier's strongest first, then each other carrier's.
     *
     * @param carriers number of carriers (cells carry their index in {@code CellState.carrier})
     */
    static int[] perFrequency(CellState[] cells, UeState ue, int carriers) {
        int servingCarrier = cells[ue.serving].carrier;
        int[] out = new int[INTRA_FREQUENCY + PER_OTHER_FREQUENCY * Math.max(0, carriers - 1)];
        int n = strongest(cells, ue, servingCarrier, INTRA_FREQUENCY, out, 0);
        for (int k = 0; k < carriers; k++) {
            if (k != servingCarrier) n = strongest(cells, ue, k, PER_OTHER_FREQUENCY, out, n);
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Writes the {@code max} strongest radiating cells of {@code carrier} other than the serving one into
     * {@code out} from {@code from} (strongest first; the lower cell index wins a tie); returns the next free slot.
     */
    private static int strongest(CellState[] cells, UeState ue, int carrier, int max, int[] out, int from) {
        int count = 0;
        for (CellState c : cells) {
            if (c.carrier != carrier || c.index == ue.serving || !c.radiating()) continue;
            int pos = from + (count < max ? count++ : max);
            while (pos > from && ue.rsrpDbm[c.index] > ue.rsrpDbm[out[pos - 1]]) {
                if (pos < from + max) out[pos] = out[pos - 1];
                pos--;
            }
            if (pos < from + max) out[pos] = c.index;
        }
        return from + count;
    }
}
