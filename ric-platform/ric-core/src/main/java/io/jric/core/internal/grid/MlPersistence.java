package io.jric.core.internal.grid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.cache.expiry.ExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteCluster;
import org.apache.ignite.cluster.BaselineNode;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.cluster.ClusterState;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataPageEvictionMode;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.WALMode;

/**
 * The ML region ({@link RicGrid#ML_REGION}: {@code ric.ml.experience} and {@code ric.ml.experience.pending}) on disk,
 * with Ignite native persistence, when {@link GridSettings#mlPersistence()} is on; the other regions stay in memory.
 *
 * <ul>
 *   <li><b>Region.</b> Ignite allows no page eviction on a persistent region: its {@code maxSize} becomes the RAM
 *       page cache over the files (pages are replaced to disk, not dropped), and the rows are bounded by their expiry
 *       ({@link GridSettings#experienceRetention()}) and each xApp's {@code maxRows} only, and by the disk.</li>
 *   <li><b>Files.</b> Under {@link GridSettings#persistenceDir()}: {@code storage/}, {@code wal/} and
 *       {@code wal-archive/}, each with a folder per node named after its consistent id (the grid instance name,
 *       so a restarted node finds its own files). Ignite keeps the binary type metadata the rows need under the
 *       node's work directory ({@code <workDir>/db}), which must therefore survive restarts too.</li>
 *   <li><b>WAL.</b> {@link WALMode#LOG_ONLY}: a completed write survives the process's crash (it is in the OS's
 *       buffers), not a power loss since the last fsync; {@value #WAL_SEGMENTS} segments of 16 MiB, an archive of at
 *       most 256 MiB.</li>
 *   <li><b>Activation.</b> With a persistent region Ignite starts inactive. {@link #activate} activates it; a
 *       stored baseline whose other nodes are not back within {@link GridSettings#activationWait()} is replaced by
 *       the nodes present (rows whose every copy was on a missing node are then lost to this cluster); baseline
 *       auto-adjust follows joins and leaves after {@link GridSettings#baselineAutoAdjust()}; rebalancing keeps its
 *       WAL ({@link #WAL_OFF_DURING_REBALANCING}).</li>
 * </ul>
 */
public final class MlPersistence {
    private static final Logger LOG = Logger.getLogger(MlPersistence.class.getName());
    static final int WAL_SEGMENT_BYTES = 16 << 20;
    static final int WAL_SEGMENTS = 4;
    static final long MAX_WAL_ARCHIVE_BYTES = 256L << 20;
    /** The caches of the persistent region. */
    static final List<String> CACHES = List.of(PlatformCaches.EXPERIENCE, PlatformCaches.EXPERIENCE_PENDING);

    private MlPersistence() {}

    /**
     * Checks, creating nothing, that {@code dir} is a writable directory or can be created as one.
     *
     * @throws IllegalArgumentException naming the path and the problem
     */
    static void checkDirectory(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new IllegalArgumentException("persistenceDir: " + abs + " exists and is not a directory");
            }
            if (!Files.isWritable(abs)) throw new IllegalArgumentException("persistenceDir: " + abs + " is not writable");
            return;
        }
        Path p = abs.getParent();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null || !Files.isDirectory(p) || !Files.isWritable(p)) {
            throw new IllegalArgumentException("persistenceDir: " + abs + " cannot be created (" + p
                    + (p != null && !Files.isDirectory(p) ? " is not a directory)" : " is not writable)"));
        }
    }

    /**
     * Ignite's switch for turning a cache group's WAL off while a node that joined the baseline loads its partitions
     * ({@code true} by default). A node stopped before that load ends then refuses to start again ("Ignite node with
     * disabled WAL was stopped in the middle of a checkpoint, data files may be corrupted"; maintenance mode until an
     * operator cleans the files with control.sh), seen in {@code ExperiencePersistenceTest}. A RIC process may be
     * stopped at any time, so the RIC sets it to false, unless the system property or environment variable is set.
     */
    static final String WAL_OFF_DURING_REBALANCING = "IGNITE_DISABLE_WAL_DURING_REBALANCING";

    /** Creates the persistence directories and proves they take a file; the error names the path. */
    static void prepare(GridSettings s) {
        if (System.getProperty(WAL_OFF_DURING_REBALANCING) == null && System.getenv(WAL_OFF_DURING_REBALANCING) == null) {
            System.setProperty(WAL_OFF_DURING_REBALANCING, "false");
        }
        for (Path d : new Path[] {storage(s), wal(s), walArchive(s)}) {
            try {
                Files.createDirectories(d);
                Files.delete(Files.createTempFile(d, ".write-check", ".tmp"));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("persistenceDir: cannot create or write " + d.toAbsolutePath() + ": " + e, e);
            }
        }
    }

    static Path storage(GridSettings s) { return s.persistenceDir().resolve("storage"); }
    static Path wal(GridSettings s) { return s.persistenceDir().resolve("wal"); }
    static Path walArchive(GridSettings s) { return s.persistenceDir().resolve("wal-archive"); }

    /** The paths and WAL of the storage configuration when persistence is on; nothing when it is off. */
    static void configure(DataStorageConfiguration storage, GridSettings s) {
        if (!s.mlPersistence()) return;
        storage.setStoragePath(storage(s).toAbsolutePath().toString())
                .setWalPath(wal(s).toAbsolutePath().toString())
                .setWalArchivePath(walArchive(s).toAbsolutePath().toString())
                .setWalMode(WALMode.LOG_ONLY)
                .setWalSegmentSize(WAL_SEGMENT_BYTES)
                .setWalSegments(WAL_SEGMENTS)
                .setMaxWalArchiveSize(MAX_WAL_ARCHIVE_BYTES);
    }

    /**
     * The ML region: evicting least recently used pages above {@link RicGrid#KPM_EVICTION_THRESHOLD} when in memory
     * only; persistent without eviction (not allowed there) otherwise, with a checkpoint buffer of a quarter of the
     * region (at least 16 MiB) instead of Ignite's default, which for a region under 1 GiB is as large as the region.
     */
    static DataRegionConfiguration region(GridSettings s) {
        DataRegionConfiguration r = new DataRegionConfiguration()
                .setName(RicGrid.ML_REGION)
                .setInitialSize(16L << 20)
                .setMaxSize(s.mlRegionBytes())
                .setMetricsEnabled(true);
        if (s.mlPersistence()) {
            return r.setPersistenceEnabled(true)
                    .setCheckpointPageBufferSize(Math.max(16L << 20, s.mlRegionBytes() / 4));
        }
        return r.setPageEvictionMode(DataPageEvictionMode.RANDOM_2_LRU)
                .setEvictionThreshold(RicGrid.KPM_EVICTION_THRESHOLD)
                .setEmptyPagesPoolSize(RicGrid.emptyPagesPool(s.mlRegionBytes()));
    }

    /**
     * Activates the cluster (before any cache is created or used), sets baseline auto-adjust, and, when this node had
     * to activate without some nodes of the stored baseline, makes the nodes present the baseline.
     */
    static void activate(Ignite ignite, GridSettings s) {
        IgniteCluster c = ignite.cluster();
        boolean activatedWithout = false;
        if (!c.state().active()) {
            Collection<BaselineNode> baseline = c.currentBaselineTopology();
            long deadline = System.nanoTime() + s.activationWait().toNanos();
            // Ignite activates by itself once every node of the stored baseline is back; wait a bounded time for that.
            while (baseline != null && !c.state().active() && !missing(c, baseline).isEmpty()
                    && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
            if (!c.state().active()) {
                Set<String> gone = baseline == null ? Set.of() : missing(c, baseline);
                if (!gone.isEmpty()) {
                    LOG.warning("grid: activating without the baseline nodes " + gone + " (not back within "
                            + s.activationWait() + "); the rows whose every copy is on them are lost to this cluster");
                    activatedWithout = true;
                }
                c.state(ClusterState.ACTIVE);
            }
        }
        if (activatedWithout) {
            // Ignite refuses a manual baseline while auto-adjust is on; it is turned on again just below.
            if (c.isBaselineAutoAdjustEnabled()) c.baselineAutoAdjustEnabled(false);
            c.setBaselineTopology(c.topologyVersion());
            for (String name : CACHES) {
                IgniteCache<?, ?> cache = ignite.cache(name);
                if (cache != null && !cache.lostPartitions().isEmpty()) {
                    LOG.warning("grid: " + cache.lostPartitions().size() + " partitions of " + name
                            + " had no copy on the nodes present; they start empty");
                    ignite.resetLostPartitions(List.of(name));
                }
            }
        }
        long adjustMs = s.baselineAutoAdjust().toMillis();
        if (!c.isBaselineAutoAdjustEnabled() || c.baselineAutoAdjustTimeout() != adjustMs) {
            c.baselineAutoAdjustTimeout(adjustMs);
            c.baselineAutoAdjustEnabled(true);
        }
        LOG.info("grid: experience region " + RicGrid.ML_REGION + " on disk under " + s.persistenceDir().toAbsolutePath()
                + "; baseline " + c.currentBaselineTopology().stream().map(n -> String.valueOf(n.consistentId())).sorted()
                .collect(Collectors.toList()));
    }

    /**
     * Ignite refuses a node whose {@code ric-ml} region is persistent when the cluster's is not, or the reverse, with
     * a message deep in its causes: says which key differs.
     *
     * @return the exception to throw instead of {@code e} (itself when it is about something else)
     */
    static RuntimeException explainStartFailure(RuntimeException e, GridSettings s) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.contains("Incompatible data region configuration") && m.contains("region=" + RicGrid.ML_REGION + ",")) {
                return new IllegalStateException("grid: cannot join the cluster: grid.mlPersistence is " + s.mlPersistence()
                        + " here and " + !s.mlPersistence() + " on the cluster's nodes (set it alike on every RIC process); "
                        + "Ignite: " + m, e);
            }
            if (c.getCause() == c) break;
        }
        return e;
    }

    /** The consistent ids of the baseline's nodes that are not in the cluster now. */
    static Set<String> missing(IgniteCluster c, Collection<BaselineNode> baseline) {
        Set<Object> present = c.forServers().nodes().stream().map(ClusterNode::consistentId).collect(Collectors.toSet());
        Set<String> out = new TreeSet<>();
        for (BaselineNode b : baseline) if (!present.contains(b.consistentId())) out.add(String.valueOf(b.consistentId()));
        return out;
    }

    /**
     * Ignite keeps a persistent cache's configuration with its files: a changed {@code grid.experienceRetentionMinutes}
     * does not reach caches that exist on disk. Says so, with both values.
     *
     * @return the retention the persisted caches use, in ms (the settings' when they agree)
     */
    static long checkRetention(Ignite ignite, GridSettings s) {
        long wanted = s.experienceRetention().toMillis();
        long used = wanted;
        for (String name : CACHES) {
            IgniteCache<?, ?> cache = ignite.cache(name);
            if (cache == null) continue;
            @SuppressWarnings("unchecked")
            CacheConfiguration<?, ?> cc = cache.getConfiguration(CacheConfiguration.class);
            if (cc.getExpiryPolicyFactory() == null) continue;
            javax.cache.expiry.Duration d = ((ExpiryPolicy) cc.getExpiryPolicyFactory().create()).getExpiryForCreation();
            long ms = d == null || d.isEternal() ? Long.MAX_VALUE : d.getTimeUnit().toMillis(d.getDurationAmount());
            if (ms != wanted) {
                used = ms;
                LOG.warning("grid: " + name + " was created on disk with a retention of " + ms + " ms; it keeps it (the "
                        + "configured " + wanted + " ms applies to a new persistence directory only)");
            }
        }
        return used;
    }
}
