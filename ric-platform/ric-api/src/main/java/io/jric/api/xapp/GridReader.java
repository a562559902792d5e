package io.jric.api.xapp;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.UeKpi;
import java.util.List;
import java.util.Optional;

/** Typed reads of the KPM data in the grid. */
public interface GridReader {
    /** The latest record of every cell. */
    List<CellKpi> cells();

    /** The latest record of one cell. */
    Optional<CellKpi> cell(String nodeId, String cellId);

    /**
     * The latest record of one UE; empty when there is none or the RIC received it {@code grid.ueExpirySeconds} ago or
     * earlier (expired: docs/caches.md).
     */
    Optional<UeKpi> ue(long ueId);

    /**
     * Every entry of a shared cache written with {@link XappContext#publish}, key to JSON text; empty
     * when nothing was published there yet.
     */
    default java.util.Map<String, String> published(String cacheName) {
        return java.util.Map.of();
    }

    /**
     * A read-only SQL query (SELECT or WITH) over the KPM tables {@code CELL_KPI} (latest per cell) and
     * {@code CELL_SAMPLE} (per-cell series; columns named like the record fields, e.g. {@code prbUsedDlPct}), with
     * {@code ?} parameters; rows of column values.
     */
    default List<List<?>> sql(String query, Object... args) {
        throw new UnsupportedOperationException("this platform does not support SQL over the grid");
    }

    /**
     * A cell's neighbours as the RIC learned them from UE reports (the cells its UEs measured and the
     * cells whose UEs measured it), most UEs first; still known while the cell is dark (forgotten an
     * hour after last seen). Empty until UE reports with neighbour measurements were stored
     * ({@code e2.kpm.collect}, a UE-level KPM subscription) and the learner's next round (5 s) ran.
     */
    default List<String> neighbours(String cellId) {
        return List.of();
    }

    /** A cell's samples with {@code fromMs <= timestamp < toMs}, oldest first. */
    List<CellKpi> cellSeries(String nodeId, String cellId, long fromMs, long toMs);
}
