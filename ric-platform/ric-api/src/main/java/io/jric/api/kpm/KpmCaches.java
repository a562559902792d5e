package io.jric.api.kpm;

/** Names of the grid caches that hold KPM data. See docs/caches.md for keys, affinity and expiry. */
public final class KpmCaches {
    /** Latest measurement per cell: {@link CellKey} to {@link CellKpi}, affinity by E2 node. */
    public static final String CELL_LATEST = "ric.kpm.cell.latest";
    /** Latest measurement per UE: UE id ({@code Long}) to {@link UeKpi}. */
    public static final String UE_LATEST = "ric.kpm.ue.latest";
    /** Per-cell time series: {@link CellSampleKey} to {@link CellKpi}, affinity by E2 node, entries expire. */
    public static final String CELL_SERIES = "ric.kpm.cell.series";

    /**
     * Neighbour relation learned from UE reports: cell id to the cells its UEs measured and whose UEs
     * measured it (read with {@code GridReader.neighbours}); entries not updated for an hour expire.
     */
    public static final String NEIGHBOURS = "ric.kpm.neighbours";

    private KpmCaches() {}
}
