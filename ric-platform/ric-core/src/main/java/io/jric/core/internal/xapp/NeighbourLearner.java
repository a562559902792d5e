package io.jric.core.internal.xapp;

import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.NeighbourRelation;
import io.jric.core.internal.grid.RicGrid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * Learns the neighbour relation of cells from the UE records in the grid, off the KPM path: every
 * few seconds each RIC process scans the UE records of its own partitions, counts for every cell
 * the cells its UEs measured (and, the other way, the cells whose UEs measured it), and merges
 * that into {@code ric.kpm.neighbours}. xApps read it with {@code grid().neighbours(cellId)}.
 */
final class NeighbourLearner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NeighbourLearner.class.getName());
    /** A neighbour not seen for this long is forgotten. */
    static final long FORGET_MS = TimeUnit.HOURS.toMillis(1);

    private final IgniteCache<Long, UeKpi> ues;
    private final IgniteCache<String, NeighbourRelation> relations;
    private final ScheduledExecutorService timer;
    /** UE records received longer ago are expired (io.jric.core.internal.grid.UeLatestSweep), even before the sweep. */
    private final long ueExpiryMs;

    NeighbourLearner(RicGrid grid, long periodMs) {
        this.ues = grid.cache(KpmCaches.UE_LATEST);
        this.ueExpiryMs = grid.settings().ueExpiry().toMillis();
        this.relations = grid.cache(KpmCaches.NEIGHBOURS);
        if (periodMs > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ric-neighbour-learner");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::safeOnce, periodMs, periodMs, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    private void safeOnce() {
        try {
            once(System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "neighbour learning skipped a round", e);
        }
    }

    /** One round over this process's UE records; returns the number of cells updated. */
    int once(long nowMs) {
        Map<String, Map<String, Integer>> seen = new HashMap<>();
        for (Cache.Entry<Long, UeKpi> e : ues.query(new ScanQuery<Long, UeKpi>().setLocal(true))) {
            UeKpi u = e.getValue();
            if (!io.jric.core.internal.grid.UeLatestSweep.fresh(u, nowMs, ueExpiryMs)) continue;
            String serving = u.servingCellId();
            String[] nb = u.neighbourCellIds();
            if (serving == null || nb == null) continue;
            for (String n : nb) {
                if (n == null || n.equals(serving)) continue;
                seen.computeIfAbsent(serving, k -> new HashMap<>()).merge(n, 1, Integer::sum);
                seen.computeIfAbsent(n, k -> new HashMap<>()).merge(serving, 1, Integer::sum);
            }
        }
        for (Map.Entry<String, Map<String, Integer>> e : seen.entrySet()) {
            // Read, merge, write: a race with another process's round loses at most one round's counts.
            relations.put(e.getKey(), NeighbourRelation.merge(relations.get(e.getKey()), e.getValue(), nowMs, nowMs - FORGET_MS));
        }
        return seen.size();
    }

    /** A cell's learned neighbours, most UEs first; empty when none was learned. */
    static List<String> neighbours(IgniteCache<String, NeighbourRelation> relations, String cellId) {
        NeighbourRelation r = relations.get(cellId);
        return r == null ? List.of() : r.cells();
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
