package io.jric.api.kpm;

import java.util.Objects;

/** Key of one sample in a cell's time series; {@code nodeId} is the affinity key. */
public final class CellSampleKey {
    private final String nodeId;
    private final String cellId;
    private final long timestampMs;

    /**
     * @param nodeId canonical E2 node id
     * @param cellId canonical cell id
     * @param timestampMs collection start time of the sample, Unix epoch milliseconds
     */
    public CellSampleKey(String nodeId, String cellId, long timestampMs) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.cellId = Objects.requireNonNull(cellId, "cellId");
        this.timestampMs = timestampMs;
    }

    /** The E2 node that reports this cell (the affinity key). */
    public String nodeId() {
        return nodeId;
    }

    /** The cell's canonical id. */
    public String cellId() {
        return cellId;
    }

    /** Collection start time of the sample, Unix epoch milliseconds. */
    public long timestampMs() {
        return timestampMs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CellSampleKey)) return false;
        CellSampleKey k = (CellSampleKey) o;
        return k.timestampMs == timestampMs && k.nodeId.equals(nodeId) && k.cellId.equals(cellId);
    }

    @Override
    public int hashCode() {
        return (31 * nodeId.hashCode() + cellId.hashCode()) * 31 + Long.hashCode(timestampMs);
    }

    @Override
    public String toString() {
        return nodeId + "/" + cellId + "@" + timestampMs;
    }
}
