package io.jric.core.internal.grid;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The neighbour relation of one cell as the RIC learned it from UE reports (like a RAN's automatic
 * neighbour relation): the cells that UEs served by this cell measured, and the cells whose UEs
 * measured this one; per neighbour, how many UEs saw the pair the last time and when. Kept in
 * {@code ric.kpm.neighbours}, so a cell's neighbours are still known while it is dark.
 */
public final class NeighbourRelation {
    /** Neighbours kept per cell (the most seen). */
    public static final int MAX_NEIGHBOURS = 32;

    private final String[] cells;
    private final int[] ues;
    private final long[] lastSeenMs;

    public NeighbourRelation(String[] cells, int[] ues, long[] lastSeenMs) {
        if (cells.length != ues.length || cells.length != lastSeenMs.length) {
            throw new IllegalArgumentException("cells, ues and lastSeenMs differ in length");
        }
        this.cells = cells.clone();
        this.ues = ues.clone();
        this.lastSeenMs = lastSeenMs.clone();
    }

    /** The neighbours, most UEs first (then most recently seen). */
    public List<String> cells() {
        List<Integer> order = order();
        List<String> out = new ArrayList<>(order.size());
        for (int i : order) out.add(cells[i]);
        return out;
    }

    private List<Integer> order() {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) idx.add(i);
        idx.sort(Comparator.<Integer>comparingInt(i -> -ues[i]).thenComparingLong(i -> -lastSeenMs[i])
                .thenComparing(i -> cells[i]));
        return idx;
    }

    /**
     * This relation updated with what was seen now ({@code seen}: neighbour to UEs that saw the pair),
     * forgetting neighbours not seen since {@code forgetBeforeMs}, keeping the {@link #MAX_NEIGHBOURS}
     * most seen.
     */
    public static NeighbourRelation merge(NeighbourRelation old, Map<String, Integer> seen, long nowMs, long forgetBeforeMs) {
        Map<String, long[]> m = new java.util.HashMap<>();
        if (old != null) {
            for (int i = 0; i < old.cells.length; i++) {
                if (old.lastSeenMs[i] >= forgetBeforeMs) m.put(old.cells[i], new long[] {old.ues[i], old.lastSeenMs[i]});
            }
        }
        for (Map.Entry<String, Integer> e : seen.entrySet()) m.put(e.getKey(), new long[] {e.getValue(), nowMs});
        List<Map.Entry<String, long[]>> all = new ArrayList<>(m.entrySet());
        all.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                .thenComparingLong(e -> -e.getValue()[1]).thenComparing(Map.Entry::getKey));
        int n = Math.min(MAX_NEIGHBOURS, all.size());
        String[] c = new String[n];
        int[] u = new int[n];
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            c[i] = all.get(i).getKey();
            u[i] = (int) Math.min(Integer.MAX_VALUE, all.get(i).getValue()[0]);
            t[i] = all.get(i).getValue()[1];
        }
        return new NeighbourRelation(c, u, t);
    }

    @Override
    public String toString() {
        return cells().toString();
    }
}
