package io.jric.core.internal.grid;

import java.util.Arrays;

/**
 * A UE some pending {@code ue}-scope experience row watches ({@code ric.ml.ue.watch}, keyed by UE id): for each E2
 * node of such rows (the affinity key its samples are written under), the RIC-clock time until which the latest of
 * them may still be open. At most {@link #MAX_NODES} nodes (a UE handed across more E2 nodes than that within one
 * horizon replaces the node with the earliest time). A plain immutable class (Ignite cannot store records).
 */
public final class UeWatch {
    /** Most E2 nodes one watch names. */
    public static final int MAX_NODES = 4;
    private final String[] nodeIds;
    private final long[] untilMs;

    public UeWatch(String[] nodeIds, long[] untilMs) {
        if (nodeIds.length != untilMs.length) throw new IllegalArgumentException("nodeIds and untilMs differ in length");
        this.nodeIds = nodeIds.clone();
        this.untilMs = untilMs.clone();
    }

    /** The E2 nodes whose rows watch the UE. */
    public String[] nodeIds() {
        return nodeIds.clone();
    }

    /** The E2 node at index {@code i} (no copy: for the ingest path). */
    public String nodeId(int i) {
        return nodeIds[i];
    }

    /** Number of E2 nodes. */
    public int size() {
        return nodeIds.length;
    }

    /** Until when (RIC clock) the rows of the node at index {@code i} may be open. */
    public long untilMs(int i) {
        return untilMs[i];
    }

    /** The latest {@link #untilMs(int)}, 0 for an empty watch. */
    public long maxUntilMs() {
        long m = 0;
        for (long u : untilMs) m = Math.max(m, u);
        return m;
    }

    /** This watch with {@code nodeId} open until at least {@code until}. */
    public UeWatch extend(String nodeId, long until) {
        for (int i = 0; i < nodeIds.length; i++) {
            if (nodeIds[i].equals(nodeId)) {
                if (untilMs[i] >= until) return this;
                long[] u = untilMs.clone();
                u[i] = until;
                return new UeWatch(nodeIds, u);
            }
        }
        if (nodeIds.length < MAX_NODES) {
            String[] n = Arrays.copyOf(nodeIds, nodeIds.length + 1);
            long[] u = Arrays.copyOf(untilMs, untilMs.length + 1);
            n[nodeIds.length] = nodeId;
            u[untilMs.length] = until;
            return new UeWatch(n, u);
        }
        int earliest = 0;
        for (int i = 1; i < untilMs.length; i++) if (untilMs[i] < untilMs[earliest]) earliest = i;
        String[] n = nodeIds.clone();
        long[] u = untilMs.clone();
        n[earliest] = nodeId;
        u[earliest] = until;
        return new UeWatch(n, u);
    }

    /**
     * This watch without {@code nodeId} if no row of that node may be open after {@code until} (the closing row
     * was its latest); this watch unchanged otherwise; null when nothing is left.
     */
    public UeWatch release(String nodeId, long until) {
        for (int i = 0; i < nodeIds.length; i++) {
            if (nodeIds[i].equals(nodeId)) {
                if (untilMs[i] > until) return this;
                if (nodeIds.length == 1) return null;
                String[] n = new String[nodeIds.length - 1];
                long[] u = new long[untilMs.length - 1];
                for (int j = 0, k = 0; j < nodeIds.length; j++) {
                    if (j == i) continue;
                    n[k] = nodeIds[j];
                    u[k++] = untilMs[j];
                }
                return new UeWatch(n, u);
            }
        }
        return this;
    }

    @Override
    public String toString() {
        return "watch " + Arrays.toString(nodeIds) + " until " + Arrays.toString(untilMs);
    }
}
