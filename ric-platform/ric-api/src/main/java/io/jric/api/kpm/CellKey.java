package io.jric.api.kpm;

import java.util.Objects;

/**
 * Key of a cell's latest KPM record. The grid co-locates all cells of one E2 node: the
 * {@code nodeId} field is the affinity key.
 */
public final class CellKey {
    private final String nodeId;
    private final String cellId;

    /**
     * @param nodeId canonical E2 node id ({@code io.jric.proto.E2Ids#nodeId})
     * @param cellId canonical cell id ({@code io.jric.proto.E2Ids#cellId})
     */
    public CellKey(String nodeId, String cellId) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.cellId = Objects.requireNonNull(cellId, "cellId");
    }

    /** The E2 node that reports this cell (the affinity key). */
    public String nodeId() {
        return nodeId;
    }

    /** The cell's canonical id. */
    public String cellId() {
        return cellId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellKey && ((CellKey) o).nodeId.equals(nodeId) && ((CellKey) o).cellId.equals(cellId);
    }

    @Override
    public int hashCode() {
        return 31 * nodeId.hashCode() + cellId.hashCode();
    }

    @Override
    public String toString() {
        return nodeId + "/" + cellId;
    }
}
