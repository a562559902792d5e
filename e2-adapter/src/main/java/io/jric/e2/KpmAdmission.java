package io.jric.e2;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
    private final Map<Long, Long> ueLastSeen = new HashMap<>();
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
        Long seen = ueLastSeen.get(ueId);
        if (seen != null) {
            if (seen != nowMs) ueLastSeen.put(ueId, nowMs);
            return true;
        }
        if (ueLastSeen.size() >= maxUes && nowMs - lastSweepMs >= 1000) {
            lastSweepMs = nowMs;
            long stale = nowMs - idleReleaseMs;
            for (Iterator<Long> it = ueLastSeen.values().iterator(); it.hasNext(); ) {
                if (it.next() < stale) it.remove();
            }
        }
        if (ueLastSeen.size() >= maxUes) return false;
        ueLastSeen.put(ueId, nowMs);
        return true;
    }

    int admittedUes() {
        return ueLastSeen.size();
    }
}
