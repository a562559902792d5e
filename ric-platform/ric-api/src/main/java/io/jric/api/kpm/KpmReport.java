package io.jric.api.kpm;

import java.util.List;
import java.util.Objects;

/**
 * One decoded E2SM-KPM indication as delivered to xApps: the cell and UE records of one node for
 * one reporting period. The same records are written to the grid.
 */
public final class KpmReport {
    private final String nodeId;
    private final String subscriptionId;
    private final long timestampMs;
    private final List<CellKpi> cells;
    private final List<UeKpi> ues;
    private final long receivedAtNanos;

    /**
     * @param nodeId the reporting node
     * @param subscriptionId the E2 subscription it answers
     * @param timestampMs collection start time, Unix epoch milliseconds
     * @param cells cell records
     * @param ues UE records
     * @param receivedAtNanos {@link System#nanoTime()} when the RIC decoded it (for loop latency)
     */
    public KpmReport(String nodeId, String subscriptionId, long timestampMs, List<CellKpi> cells, List<UeKpi> ues,
                     long receivedAtNanos) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
        this.timestampMs = timestampMs;
        this.cells = List.copyOf(cells);
        this.ues = List.copyOf(ues);
        this.receivedAtNanos = receivedAtNanos;
    }

    /** The reporting node. */
    public String nodeId() {
        return nodeId;
    }

    /** The E2 subscription this report answers. */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** Collection start time, Unix epoch milliseconds. */
    public long timestampMs() {
        return timestampMs;
    }

    /** Cell records, one per reported cell. */
    public List<CellKpi> cells() {
        return cells;
    }

    /** UE records (empty for cell-only subscriptions). */
    public List<UeKpi> ues() {
        return ues;
    }

    /** {@link System#nanoTime()} when the RIC decoded the indication. */
    public long receivedAtNanos() {
        return receivedAtNanos;
    }

    /** This report restricted to the given cells (UEs served by them). */
    public KpmReport onlyCells(java.util.Set<String> cellIds) {
        if (cellIds.isEmpty()) return this;
        return new KpmReport(nodeId, subscriptionId, timestampMs,
                cells.stream().filter(c -> cellIds.contains(c.cellId())).collect(java.util.stream.Collectors.toList()),
                ues.stream().filter(u -> cellIds.contains(u.servingCellId())).collect(java.util.stream.Collectors.toList()),
                receivedAtNanos);
    }

    @Override
    public String toString() {
        return "KpmReport{" + nodeId + " @" + timestampMs + ", cells=" + cells.size() + ", ues=" + ues.size() + "}";
    }
}
