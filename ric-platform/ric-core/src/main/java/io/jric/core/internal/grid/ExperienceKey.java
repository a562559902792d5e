package io.jric.core.internal.grid;

import java.util.Objects;

/**
 * Key of one experience row in {@code ric.ml.experience}: the E2 node of the decision's cell (the
 * affinity key, so a row lives on the grid node that holds the cell's KPM series), the xApp and the row id.
 */
public final class ExperienceKey {
    private final String nodeId;
    private final String xapp;
    private final long id;

    public ExperienceKey(String nodeId, String xapp, long id) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.xapp = Objects.requireNonNull(xapp, "xapp");
        this.id = id;
    }

    /** The E2 node of the row's cell (the affinity key). */
    public String nodeId() {
        return nodeId;
    }

    public String xapp() {
        return xapp;
    }

    /** The row id: recording time in the high bits, so ids sort by time. */
    public long id() {
        return id;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExperienceKey)) return false;
        ExperienceKey k = (ExperienceKey) o;
        return k.id == id && k.nodeId.equals(nodeId) && k.xapp.equals(xapp);
    }

    @Override
    public int hashCode() {
        return (31 * nodeId.hashCode() + xapp.hashCode()) * 31 + Long.hashCode(id);
    }

    @Override
    public String toString() {
        return xapp + "/" + nodeId + "#" + id;
    }
}
