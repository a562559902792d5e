package io.jric.core.internal.xapp;

import io.jric.core.internal.grid.PlatformCaches;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * With the experience region on disk ({@code grid.mlPersistence}) a RIC process starts with rows already there: the
 * times they were recorded, per xApp, over the partitions this process is primary for, so that its per-xApp row bound
 * ({@code experience.maxRows}) counts them until they expire instead of starting from zero.
 */
final class ExperienceSeed {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ExperienceSeed.class.getName());
    private ExperienceSeed() {}

    /**
     * @param sinceMs rows recorded before this (RIC clock) are left out: they are past the retention
     * @return per xApp, the recording times (RIC clock) of its rows in this node's primary partitions, ascending
     */
    static Map<String, long[]> recordedTimes(Ignite ignite, long sinceMs) {
        IgniteCache<Object, BinaryObject> rows = ignite.cache(PlatformCaches.EXPERIENCE).withKeepBinary();
        Map<String, long[]> times = new HashMap<>();
        Map<String, Integer> sizes = new HashMap<>();
        int skipped = 0;
        for (int p : ignite.affinity(PlatformCaches.EXPERIENCE).primaryPartitions(ignite.cluster().localNode())) {
            // A partition that cannot be read yet (e.g. still loading or moving) must not stop the xApp host's start.
            try (QueryCursor<Cache.Entry<Object, BinaryObject>> cur =
                         rows.query(new ScanQuery<Object, BinaryObject>().setPartition(p).setLocal(true))) {
                for (Cache.Entry<Object, BinaryObject> e : cur) {
                    String xapp = e.getValue().field("xapp");
                    Long at = e.getValue().field("recordedAtMs");
                    if (xapp == null || at == null || at < sinceMs) continue;
                    long[] a = times.computeIfAbsent(xapp, k -> new long[16]);
                    int n = sizes.getOrDefault(xapp, 0);
                    if (n == a.length) times.put(xapp, a = Arrays.copyOf(a, n * 2));
                    a[n] = at;
                    sizes.put(xapp, n + 1);
                }
            } catch (RuntimeException e) {
                skipped++;
                LOG.log(java.util.logging.Level.FINE, "experience: partition " + p + " not read for the row bound", e);
            }
        }
        if (skipped > 0) {
            LOG.warning("experience: " + skipped + " partitions could not be read at start; their rows do not count "
                    + "against the xApps' maxRows on this process");
        }
        Map<String, long[]> out = new HashMap<>();
        times.forEach((xapp, a) -> {
            long[] t = Arrays.copyOf(a, sizes.get(xapp));
            Arrays.sort(t);
            out.put(xapp, t);
        });
        return out;
    }
}
