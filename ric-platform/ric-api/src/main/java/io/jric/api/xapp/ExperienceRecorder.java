package io.jric.api.xapp;

import java.util.Map;

/**
 * Records what an xApp saw and did, one row per decision, for the platform to judge later: after the
 * horizon its descriptor declares ({@code experience.horizonMs}) the platform attaches the outcome, the
 * declared KPIs read from the grid's KPM series, and the rows can be exported
 * ({@code ric data export --xapp <name>}) to train the next model. See docs/ml-lifecycle.md.
 *
 * <p>Recording never changes a decision and never blocks on the network longer than one grid write.
 * Rows are bounded: beyond the descriptor's {@code maxRows} a record is dropped and counted, not kept.
 */
public interface ExperienceRecorder {
    /** What a platform without experience support (or an xApp that declares none) gets: records nothing. */
    ExperienceRecorder DISABLED = new ExperienceRecorder() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public long record(long decisionTimeMs, String nodeId, String cellId, long ueId, Map<String, Double> features,
                           Map<String, Double> action) {
            return NOT_RECORDED;
        }
    };

    /** What {@link #record} returns when the row was not kept (disabled, or the xApp's row bound is reached). */
    long NOT_RECORDED = -1;
    /** Most features, and most action values, in one row. */
    int MAX_VALUES = 64;

    /**
     * Whether rows are kept: the descriptor declares an {@code experience} section and the platform
     * supports it. When false, {@link #record} does nothing, so an xApp may skip building its maps.
     */
    boolean enabled();

    /**
     * Records one decision taken on the KPM data of time {@code decisionTimeMs}: the outcome window is
     * ({@code decisionTimeMs}, {@code decisionTimeMs + horizonMs}] of the cell's KPM series. Pass the
     * timestamp of the KPM record the decision was based on ({@code CellKpi.timestampMs()}), which is
     * the E2 node's clock (a simulator's may run faster than the RIC's).
     *
     * @param decisionTimeMs Unix epoch milliseconds, on the KPM series' clock
     * @param nodeId the E2 node of the cell
     * @param cellId the cell the decision is about (or the UE's serving cell)
     * @param ueId the UE the decision is about, or 0 for a cell decision
     * @param features what the xApp saw: name to value, at most {@value #MAX_VALUES}, finite values
     * @param action what it did: name to value, at most {@value #MAX_VALUES}, finite values
     * @return the row's id, or {@link #NOT_RECORDED}
     * @throws IllegalArgumentException for a bad id, name or value (the message names it)
     */
    long record(long decisionTimeMs, String nodeId, String cellId, long ueId, Map<String, Double> features,
                Map<String, Double> action);

    /**
     * Records one decision taken now on the latest KPM data of the cell: as {@link #record(long, String,
     * String, long, Map, Map)} with the timestamp of the cell's latest record in the grid (the RIC's
     * clock when the grid has none).
     */
    default long record(String nodeId, String cellId, long ueId, Map<String, Double> features, Map<String, Double> action) {
        return record(System.currentTimeMillis(), nodeId, cellId, ueId, features, action);
    }

    /**
     * Records one decision about two cells, e.g. load moved from one cell to a neighbour: as {@link #record(long,
     * String, String, long, Map, Map)} for the cell {@code cellId}, and the outcome also holds the same declared KPIs
     * of the second ("peer") cell over the same horizon, named {@code peer.<kpi>} (e.g. {@code prbUsedDlPct} and
     * {@code peer.prbUsedDlPct}). The row lives with {@code cellId}'s series; the peer's may be on another E2 node
     * and another grid node, where the platform reads it. The row closes {@code OK} once both cells reported past
     * the horizon, else {@code PARTIAL} or {@code NO_DATA} after the grace, like a one-cell row. Only for the
     * {@code cell} experience scope. See docs/ml-lifecycle.md, "Two-cell outcomes".
     *
     * @param peerNodeId the E2 node of the peer cell (may equal {@code nodeId})
     * @param peerCellId the peer cell, not {@code cellId} itself
     * @return the row's id, or {@link #NOT_RECORDED}
     * @throws IllegalArgumentException for a bad id, name or value (the message names it)
     * @throws UnsupportedOperationException where the platform keeps rows but no two-cell rows
     */
    default long record(long decisionTimeMs, String nodeId, String cellId, String peerNodeId, String peerCellId,
                        Map<String, Double> features, Map<String, Double> action) {
        if (!enabled()) return NOT_RECORDED;
        throw new UnsupportedOperationException("two-cell experience rows are not supported by this platform");
    }
}
