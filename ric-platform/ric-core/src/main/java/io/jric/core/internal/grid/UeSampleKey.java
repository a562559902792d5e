package io.jric.core.internal.grid;

import java.util.Objects;

/**
 * Key of one report of a watched UE in {@code ric.ml.ue.series}: the E2 node of the experience row that watches
 * the UE (the affinity key, so the sample lives in the row's partition, on the grid node that holds the row and the
 * cell's KPM series; not necessarily the node that reported it, which changes with an inter-node handover), the UE
 * id and the report's time (the E2 node's clock).
 */
public final class UeSampleKey {
    private final String nodeId;
    private final long ueId;
    private final long timestampMs;

    public UeSampleKey(String nodeId, long ueId, long timestampMs) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.ueId = ueId;
        this.timestampMs = timestampMs;
    }

    /** The E2 node of the watching row (the affinity key). */
    public String nodeId() {
        return nodeId;
    }

    public long ueId() {
        return ueId;
    }

    /** The report's time (Unix ms, the E2 node's clock). */
    public long timestampMs() {
        return timestampMs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof UeSampleKey)) return false;
        UeSampleKey k = (UeSampleKey) o;
        return k.ueId == ueId && k.timestampMs == timestampMs && k.nodeId.equals(nodeId);
    }

    @Override
    public int hashCode() {
        return (31 * nodeId.hashCode() + Long.hashCode(ueId)) * 31 + Long.hashCode(timestampMs);
    }

    @Override
    public String toString() {
        return nodeId + "/ue " + ueId + "@" + timestampMs;
    }
}
