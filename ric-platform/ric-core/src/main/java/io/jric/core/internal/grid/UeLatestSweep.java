package io.jric.core.internal.grid;

import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The expiry of {@code ric.kpm.ue.latest} without Ignite's per-entry time to live (issue 17).
 *
 * <p>With a {@code ModifiedExpiryPolicy} every update of a UE record moved its row in Ignite's expiry index (the
 * pending-entries B+tree: one remove and one insert per put), 13-14 % of the KPM ingest's CPU (docs/benchmarks.md,
 * "Ingest CPU per record"). Instead each record carries the time the RIC received it ({@link UeKpi#receivedAtMs()},
 * stamped by the E2 termination) and:
 *
 * <ul>
 *   <li><b>readers</b> treat a record received {@code grid.ueExpirySeconds} ago or earlier as absent ({@link #fresh});
 *       that is the same rule as the old policy's (expired {@code ueExpiry} after the last create or update);</li>
 *   <li><b>a sweep</b> on every grid node, every {@link #periodMs} ({@code ueExpiry / 4}, 250 ms..15 s), scans the
 *       partitions the node is primary for and removes the stale records, each with an entry processor that removes
 *       it only if it is still stale (a report that arrived meanwhile stays). At most {@link #MAX_REMOVED_PER_ROUND}
 *       per round (the rest waits for the next round; counted as {@code cappedRounds}), so a record leaves
 *       {@code size()} and scans within about {@code ueExpiry + period} instead of at once;</li>
 *   <li>a record without a receive time (0: written by something other than the E2 ingest) counts as fresh and is
 *       given the sweep's time when a sweep first meets it ({@code stamped}), so it too goes {@code ueExpiry} later.</li>
 * </ul>
 *
 * <p>Memory stays bounded as before: the records live in the evicting {@code ric-kpm} region, and the sweep removes
 * them at most one period later than the time to live did.
 */
public final class UeLatestSweep implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UeLatestSweep.class.getName());
    /** Most records one round removes (and keys it holds in memory). */
    public static final int MAX_REMOVED_PER_ROUND = 100_000;
    /** Keys per {@code invokeAll}. */
    static final int CHUNK = 1_000;
    /** Field of {@link UeKpi} in binary form. */
    static final String RECEIVED_FIELD = "receivedAtMs";

    private final Ignite ignite;
    private final IgniteCache<Long, BinaryObject> cache;
    private final long expiryMs;
    private final long periodMs;
    private final int maxPerRound;
    private final ScheduledExecutorService timer;
    private final LongAdder rounds = new LongAdder();
    private final LongAdder removed = new LongAdder();
    private final LongAdder stamped = new LongAdder();
    private final LongAdder cappedRounds = new LongAdder();
    private final LongAdder errors = new LongAdder();

    UeLatestSweep(RicGrid grid, boolean scheduled, int maxPerRound) {
        this.ignite = grid.ignite();
        this.cache = grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).withKeepBinary();
        this.expiryMs = grid.settings().ueExpiry().toMillis();
        this.periodMs = periodMs(expiryMs);
        this.maxPerRound = maxPerRound;
        if (scheduled) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ric-ue-latest-sweep");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::safeOnce, periodMs, periodMs, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** The sweep of this grid node (made and scheduled by {@link RicGrid#start}). */
    public static UeLatestSweep of(RicGrid grid) {
        return grid.service(UeLatestSweep.class, () -> new UeLatestSweep(grid, true, MAX_REMOVED_PER_ROUND));
    }

    /** Time between two rounds: a quarter of the expiry, 250 ms..15 s. */
    static long periodMs(long expiryMs) {
        return Math.max(250, Math.min(15_000, expiryMs / 4));
    }

    /**
     * Whether a {@code ric.kpm.ue.latest} record counts as present at {@code nowMs} (RIC clock): not null, and received
     * less than {@code expiryMs} ago (or with no receive time). Every reader of the cache applies it.
     */
    public static boolean fresh(UeKpi u, long nowMs, long expiryMs) {
        return u != null && (u.receivedAtMs() == 0 || nowMs - u.receivedAtMs() < expiryMs);
    }

    /** {@link #fresh(UeKpi, long, long)} with this grid's {@code grid.ueExpirySeconds} and the current time. */
    public static boolean fresh(RicGrid grid, UeKpi u) {
        return fresh(u, System.currentTimeMillis(), grid.settings().ueExpiry().toMillis());
    }

    private void safeOnce() {
        try {
            once(System.currentTimeMillis());
        } catch (RuntimeException e) {  // e.g. the node stopping, a topology change: the next round tries again
            errors.increment();
            LOG.log(Level.FINE, "UE record sweep skipped a round", e);
        }
    }

    /**
     * One round over the partitions this grid node is primary for, as of {@code nowMs}: removes stale records (at most
     * the round's bound) and stamps records without a receive time. Returns the records removed.
     */
    public int once(long nowMs) {
        rounds.increment();
        long cutoff = nowMs - expiryMs;
        Set<Long> stale = new HashSet<>();
        Set<Long> unstamped = new HashSet<>();
        boolean capped = false;
        int[] parts = ignite.affinity(KpmCaches.UE_LATEST).primaryPartitions(ignite.cluster().localNode());
        scan:
        for (int p : parts) {
            for (Cache.Entry<Long, BinaryObject> e : cache.query(new ScanQuery<Long, BinaryObject>().setPartition(p).setLocal(true))) {
                Long at = e.getValue().field(RECEIVED_FIELD);
                long r = at == null ? 0 : at;
                if (r == 0) {
                    if (unstamped.size() < maxPerRound) unstamped.add(e.getKey());
                } else if (r <= cutoff) {
                    if (stale.size() >= maxPerRound) {
                        capped = true;
                        break scan;
                    }
                    stale.add(e.getKey());
                }
            }
        }
        if (capped) cappedRounds.increment();
        int n = 0;
        for (List<Long> chunk : chunks(stale)) {
            Map<Long, javax.cache.processor.EntryProcessorResult<Boolean>> res = cache.invokeAll(new java.util.TreeSet<>(chunk),
                    new RemoveIfStale(cutoff));
            for (javax.cache.processor.EntryProcessorResult<Boolean> r : res.values()) {
                if (Boolean.TRUE.equals(r.get())) n++;
            }
        }
        removed.add(n);
        for (List<Long> chunk : chunks(unstamped)) {
            cache.invokeAll(new java.util.TreeSet<>(chunk), new Stamp(nowMs));
            stamped.add(chunk.size());
        }
        return n;
    }

    private static List<List<Long>> chunks(Set<Long> keys) {
        List<List<Long>> out = new ArrayList<>();
        List<Long> cur = new ArrayList<>(Math.min(CHUNK, keys.size()));
        for (Long k : keys) {
            cur.add(k);
            if (cur.size() == CHUNK) {
                out.add(cur);
                cur = new ArrayList<>(CHUNK);
            }
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    /** Counters of this grid node's sweep: rounds, records removed, stamped, rounds that hit the bound, failed rounds. */
    public Map<String, Long> view() {
        Map<String, Long> m = new TreeMap<>();
        m.put("rounds", rounds.sum());
        m.put("removed", removed.sum());
        m.put("stamped", stamped.sum());
        m.put("cappedRounds", cappedRounds.sum());
        m.put("errors", errors.sum());
        m.put("periodMs", periodMs);
        return m;
    }

    /** Removes the record if it is still stale (received at or before the cutoff); true if removed. */
    static final class RemoveIfStale implements CacheEntryProcessor<Long, BinaryObject, Boolean> {
        private static final long serialVersionUID = 1L;
        private final long cutoffMs;

        RemoveIfStale(long cutoffMs) {
            this.cutoffMs = cutoffMs;
        }

        @Override
        public Boolean process(MutableEntry<Long, BinaryObject> e, Object... args) {
            if (!e.exists()) return false;
            Long at = e.getValue().field(RECEIVED_FIELD);
            if (at == null || at == 0 || at > cutoffMs) return false;
            e.remove();
            return true;
        }
    }

    /** Gives a record without a receive time the sweep's time (if it still has none). */
    static final class Stamp implements CacheEntryProcessor<Long, BinaryObject, Void> {
        private static final long serialVersionUID = 1L;
        private final long nowMs;

        Stamp(long nowMs) {
            this.nowMs = nowMs;
        }

        @Override
        public Void process(MutableEntry<Long, BinaryObject> e, Object... args) {
            if (!e.exists()) return null;
            Long at = e.getValue().field(RECEIVED_FIELD);
            if (at != null && at != 0) return null;
            e.setValue(e.getValue().toBuilder().setField(RECEIVED_FIELD, nowMs, long.class).build());
            return null;
        }
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
