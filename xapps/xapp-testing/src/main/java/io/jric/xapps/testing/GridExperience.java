package io.jric.xapps.testing;

import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.PlatformCaches;
import java.util.Map;
import java.util.TreeMap;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;

/**
 * Experience rows counted from outside a retraining job, for multi-process tests (docs/ml-lifecycle.md section 10): a
 * scan of the whole {@code ric.ml.experience} cache, each row assigned to the grid node that holds it by the affinity
 * function (the E2 node id is the affinity key).
 */
public final class GridExperience {
    private GridExperience() {}

    /** A grid node's name (its consistent id), "none" for null. */
    public static String name(ClusterNode n) {
        return n == null ? "none" : String.valueOf(n.consistentId());
    }

    /** The grid node that holds the rows of E2 node {@code e2NodeId}. */
    public static String holder(Ignite ignite, String e2NodeId) {
        Affinity<Object> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
        return name(aff.mapKeyToNode(e2NodeId));
    }

    /** Rows of {@code xapp} recorded and closed with outcome OK at or before {@code cutoff}, by the grid node that holds them. */
    public static Map<String, Long> okRowsByHolder(Ignite ignite, String xapp, long cutoff) {
        Affinity<ExperienceKey> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
        Map<String, Long> out = new TreeMap<>();
        for (Cache.Entry<ExperienceKey, ExperienceRow> e : ignite.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE)
                .query(new ScanQuery<ExperienceKey, ExperienceRow>())) {
            ExperienceRow r = e.getValue();
            if (!r.xapp().equals(xapp) || !ExperienceRow.OK.equals(r.outcomeStatus()) || r.attachedAtMs() > cutoff
                    || r.recordedAtMs() > cutoff) {
                continue;
            }
            out.merge(name(aff.mapKeyToNode(e.getKey())), 1L, Long::sum);
        }
        return out;
    }

    /** Rows of {@code xapp} recorded at or before {@code cutoff}, any status. */
    public static long allRows(Ignite ignite, String xapp, long cutoff) {
        long n = 0;
        for (Cache.Entry<ExperienceKey, ExperienceRow> e : ignite.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE)
                .query(new ScanQuery<ExperienceKey, ExperienceRow>())) {
            if (e.getValue().xapp().equals(xapp) && e.getValue().recordedAtMs() <= cutoff) n++;
        }
        return n;
    }
}
