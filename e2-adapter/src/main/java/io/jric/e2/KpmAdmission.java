package io.jric.e2;

import java.util.List;
import java.util.Set;

/**
 * What one E2 node may put into the grid: records of the cells it declared (E2 Setup, RIC Service
 * Update) and of at most {@code maxUes} distinct UEs at a time. A UE keeps its place while it is
 * reported and frees it after {@code idleReleaseMs} without a report. Everything else is dropped and
 * counted, so a node can neither grow the grid without bound nor push out other nodes' records.
 *
 * <p>Used by the association's transport thread only (gRPC delivers one stream's messages in order,
 * one at a time); the declared cells are replaced by the control-plane thread through a volatile field.
 */
final class KpmAdmission {
    private final int maxUes;
    private final long idleReleaseMs;
    private volatile Set<String> declaredCells = Set.of();
    /** Cells may still be learnt from reports (a node whose service model cannot declare them), up to this many. */
    private volatile int learnUpTo;
    /** UE id to the time it was last reported (no boxing: this runs for every UE record). */
    private final LastSeen ueLastSeen = new LastSeen();
    private long lastSweepMs;

    KpmAdmission(int maxUes, long idleReleaseMs) {
        this.maxUes = maxUes;
        this.idleReleaseMs = idleReleaseMs;
    }

    void declare(List<String> cells) {
        declaredCells = Set.copyOf(cells);
        learnUpTo = 0;
    }

    /**
     * For a node whose KPM version has no place to declare its cells (E2SM-KPM v03.00 and later): the
     * cells are taken from its reports, the first {@code maxCells} of them, and no more.
     */
    void learnCells(List<String> known, int maxCells) {
        declaredCells = Set.copyOf(known);
        learnUpTo = maxCells;
    }

    boolean cellDeclared(String cellId) {
        Set<String> d = declaredCells;
        if (d.contains(cellId)) return true;
        if (d.size() >= learnUpTo) return false;
        java.util.Set<String> more = new java.util.HashSet<>(d);
        more.add(cellId);
        declaredCells = Set.copyOf(more);
        learnt = true;
        return true;
    }

    /** True once after cells were learnt (the caller records them in the node record). */
    boolean takeLearnt() {
        boolean l = learnt;
        learnt = false;
        return l;
    }

    private boolean learnt;

    java.util.List<String> cells() {
        return java.util.List.copyOf(declaredCells);
    }

    /** Whether the UE's record may be kept; admits it when there is room. */
    boolean admitUe(long ueId, long nowMs) {
        if (ueLastSeen.touch(ueId, nowMs)) return true;
        if (ueLastSeen.size() >= maxUes && nowMs - lastSweepMs >= 1000) {
            lastSweepMs = nowMs;
            ueLastSeen.removeOlderThan(nowMs - idleReleaseMs);
        }
        if (ueLastSeen.size() >= maxUes) return false;
        ueLastSeen.put(ueId, nowMs);
        return true;
    }

    /** An open-addressing map of long to long (linear probing), grown at half full; removal rebuilds it. */
    static final class LastSeen {
        private long[] keys = new long[64];
        private long[] values = new long[64];
        private boolean[] used = new boolean[64];
        private int size;

        int size() {
            return size;
        }

        private int slot(long key) {
            int mask = keys.length - 1;
            int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (used[i] && keys[i] != key) i = (i + 1) & mask;
            return i;
        }

        /** If the key is present, sets its value and returns true; otherwise changes nothing and returns false. */
        boolean touch(long key, long value) {
            int i = slot(key);
            if (!used[i]) return false;
            values[i] = value;
            return true;
        }

        void put(long key, long value) {
            int i = slot(key);
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                size++;
            }
            values[i] = value;
            if (size * 2 > keys.length) rebuild(keys.length * 2, Long.MIN_VALUE);
        }

        /** Value of the key, or {@code missing}. */
        long get(long key, long missing) {
            int i = slot(key);
            return used[i] ? values[i] : missing;
        }

        /** Removes the entries whose value is below {@code min}. */
        void removeOlderThan(long min) {
            rebuild(keys.length, min);
        }

        private void rebuild(int capacity, long min) {
            long[] k = keys;
            long[] v = values;
            boolean[] u = used;
            keys = new long[capacity];
            values = new long[capacity];
            used = new boolean[capacity];
            size = 0;
            for (int j = 0; j < k.length; j++) {
                if (!u[j] || v[j] < min) continue;
                int i = slot(k[j]);
                used[i] = true;
                keys[i] = k[j];
                values[i] = v[j];
                size++;
            }
        }
    }

    int admittedUes() {
        return ueLastSeen.size();
    }
}
