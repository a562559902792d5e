package io.jric.core.internal.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.cache.expiry.ExpiryPolicy;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One real embedded Ignite node: the cache catalogue, affinity, expiry and settings validation. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RicGridTest {
    private static final Duration SERIES_EXPIRY = Duration.ofMillis(300);
    private static final Duration UE_EXPIRY = Duration.ofSeconds(45);
    private static final int BACKUPS = 1;

    /** The catalogue as documented in docs/caches.md. */
    private static final List<String> CATALOGUE = List.of(
            E2Caches.NODES, E2Caches.OWNERS, E2Caches.SUBSCRIPTIONS, E2Caches.CONTROL_LOG,
            PlatformCaches.GUARD_RAILS, PlatformCaches.XAPPS, PlatformCaches.XAPP_CHANNELS, PlatformCaches.XAPP_JARS,
            KpmCaches.CELL_LATEST, KpmCaches.UE_LATEST, KpmCaches.CELL_SERIES, KpmCaches.NEIGHBOURS,
            PlatformCaches.EXPERIENCE, PlatformCaches.EXPERIENCE_PENDING, PlatformCaches.UE_WATCH, PlatformCaches.UE_SERIES);

    private static RicGrid grid;
    private static Path workDir;

    @BeforeAll
    static void startGrid() {
        workDir = tempDir("jric-grid-test");
        grid = RicGrid.start(GridSettings.builder()
                .instanceName("ric-grid-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair())
                .discoveryPortRange(1)
                .communicationPort(FreePorts.pair())
                .workDir(workDir)
                .dataRegionBytes(128L << 20)
                .backups(BACKUPS) // a single node: backups are configured but there is nowhere to put them
                .seriesExpiry(SERIES_EXPIRY)
                .ueExpiry(UE_EXPIRY)
                .build());
    }

    @AfterAll
    static void stopGrid() {
        try {
            if (grid != null) grid.close();
        } finally {
            deleteTree(workDir);
        }
    }

    /** Ignite reads the removed entries' time on the heap when a partition is made: it must be set before that. */
    @Test
    void removedEntriesLeaveTheHeapAfterOneSecondUnlessTheOperatorSaysOtherwise() {
        String expected = System.getenv(RicGrid.REMOVED_ENTRIES_TTL) == null ? RicGrid.REMOVED_ENTRIES_TTL_MS
                : System.getenv(RicGrid.REMOVED_ENTRIES_TTL).trim();
        assertEquals(expected, System.getProperty(RicGrid.REMOVED_ENTRIES_TTL));
        // As Ignite's GridDhtLocalPartition reads it (Long.getLong, default 10,000).
        assertEquals(Long.parseLong(expected), Long.getLong(RicGrid.REMOVED_ENTRIES_TTL, 10_000L));
    }

    @Test
    void everyCatalogueCacheExistsWithTheDocumentedConfiguration() {
        assertEquals(1, grid.serverCount());
        assertTrue(grid.ignite().cacheNames().containsAll(CATALOGUE), "caches: " + grid.ignite().cacheNames());
        assertEquals(CATALOGUE.size(), RicGrid.cacheConfigurations(grid.settings()).length,
                "catalogue and cacheConfigurations() disagree");

        for (String name : CATALOGUE) {
            IgniteCache<Object, Object> cache = grid.cache(name);
            @SuppressWarnings("unchecked")
            CacheConfiguration<Object, Object> cc = cache.getConfiguration(CacheConfiguration.class);
            assertEquals(CacheMode.PARTITIONED, cc.getCacheMode(), name);
            assertEquals(BACKUPS, cc.getBackups(), name);
            assertEquals(CacheAtomicityMode.ATOMIC, cc.getAtomicityMode(), name);
            assertEquals(CacheWriteSynchronizationMode.FULL_SYNC, cc.getWriteSynchronizationMode(), name);
        }

        // Expiry: series by creation (seriesExpiry), control log 60 min. UE latest by last update (ueExpiry) too, but
        // not by Ignite's time to live: readers skip and UeLatestSweep removes records received ueExpiry ago (issue 17).
        ExpiryPolicy series = expiry(KpmCaches.CELL_SERIES);
        assertEquals(SERIES_EXPIRY.toMillis(), millis(series.getExpiryForCreation()));
        assertNull(series.getExpiryForUpdate(), "series expiry must not be extended by updates");
        javax.cache.configuration.Factory<?> ueTtl = grid.cache(KpmCaches.UE_LATEST)
                .getConfiguration(CacheConfiguration.class).getExpiryPolicyFactory();
        if (ueTtl != null) {
            javax.cache.expiry.Duration d = ((ExpiryPolicy) ueTtl.create()).getExpiryForUpdate();
            assertTrue(d == null || d.isEternal(), "UE records must have no per-entry expiry: " + d);
        }
        assertEquals(UE_EXPIRY.toMillis(), UeLatestSweep.of(grid).view().get("periodMs") * 4);
        assertEquals(TimeUnit.MINUTES.toMillis(60), millis(expiry(E2Caches.CONTROL_LOG).getExpiryForCreation()));
        // Cell latest by last update (seriesExpiry): a cell that stops reporting leaves the grid (issue 13).
        ExpiryPolicy latest = expiry(KpmCaches.CELL_LATEST);
        assertEquals(SERIES_EXPIRY.toMillis(), millis(latest.getExpiryForCreation()));
        assertEquals(SERIES_EXPIRY.toMillis(), millis(latest.getExpiryForUpdate()));
        // Telemetry in the evicting region, the platform's state in the region that never evicts.
        // Experience rows by creation (experienceRetention, default 24 h), in their own evicting region (ric-ml):
        // in the KPM region their partitions crowded a small region's evictable pages and eviction spun.
        assertEquals(TimeUnit.HOURS.toMillis(24), millis(expiry(PlatformCaches.EXPERIENCE).getExpiryForCreation()));
        assertNull(expiry(PlatformCaches.EXPERIENCE).getExpiryForUpdate(), "attaching the outcome must not extend a row's life");
        // Watched UEs' reports (docs/ml-lifecycle.md, section 14): transient KPM data, expiring like the cell series.
        assertEquals(SERIES_EXPIRY.toMillis(), millis(expiry(PlatformCaches.UE_SERIES).getExpiryForCreation()));
        assertNull(expiry(PlatformCaches.UE_SERIES).getExpiryForUpdate());
        for (String name : List.of(KpmCaches.CELL_LATEST, KpmCaches.CELL_SERIES, KpmCaches.UE_LATEST, E2Caches.CONTROL_LOG,
                PlatformCaches.UE_WATCH, PlatformCaches.UE_SERIES)) {
            assertEquals(RicGrid.KPM_REGION, grid.cache(name).getConfiguration(CacheConfiguration.class).getDataRegionName(), name);
        }
        for (String name : List.of(PlatformCaches.EXPERIENCE, PlatformCaches.EXPERIENCE_PENDING)) {
            assertEquals(RicGrid.ML_REGION, grid.cache(name).getConfiguration(CacheConfiguration.class).getDataRegionName(), name);
        }
        for (String name : List.of(E2Caches.NODES, E2Caches.SUBSCRIPTIONS, PlatformCaches.GUARD_RAILS, PlatformCaches.XAPPS)) {
            assertNull(grid.cache(name).getConfiguration(CacheConfiguration.class).getDataRegionName(), name);
        }
        for (String eternal : List.of(E2Caches.NODES, E2Caches.SUBSCRIPTIONS,
                PlatformCaches.GUARD_RAILS, PlatformCaches.XAPPS, PlatformCaches.XAPP_JARS)) {
            CacheConfiguration<?, ?> cc = grid.cache(eternal).getConfiguration(CacheConfiguration.class);
            if (cc.getExpiryPolicyFactory() != null) {
                javax.cache.expiry.Duration d = ((ExpiryPolicy) cc.getExpiryPolicyFactory().create()).getExpiryForCreation();
                assertTrue(d == null || d.isEternal(), eternal + " must not expire: " + d);
            }
        }

        assertThrows(IllegalArgumentException.class, () -> grid.cache("no.such.cache"));
    }

    @Test
    void cellKpiIsReadBackUnderItsCellKey() {
        IgniteCache<CellKey, CellKpi> cells = grid.cache(KpmCaches.CELL_LATEST);
        CellKey key = new CellKey("gnb-001-01-00000001", "nr-001-01-000000010");
        CellKpi kpi = new CellKpi().nodeId(key.nodeId()).cellId(key.cellId())
                .timestampMs(1_700_000_000_000L).receivedAtMs(1_700_000_000_012L)
                .prbUsedDlPct(63.5f).prbUsedUlPct(21.25f).throughputDlMbps(412.0f).throughputUlMbps(55.5f)
                .activeUes(37).txPowerDbm(43.0f).energyWh(1.75f).avgCqi(11.5f).avgSinrDb(17.25f)
                .rlfCount(2).hoAttempts(9).hoSuccesses(8).sleeping(false).cioDb(-3.0f)
                .operationalState(io.jric.api.kpm.CellOperationalState.ENABLED).rrcConnMean(41).rrcConnMax(44);
        cells.put(key, kpi);

        // An equal but distinct key instance finds the entry: the key is compared in binary form.
        CellKpi got = cells.get(new CellKey(key.nodeId(), key.cellId()));
        assertNotNull(got);
        assertEquals(kpi.toString(), got.toString());
        assertNull(cells.get(new CellKey(key.nodeId(), "nr-001-01-000000011")));

        IgniteCache<Long, UeKpi> ues = grid.cache(KpmCaches.UE_LATEST);
        UeKpi ue = new UeKpi().ueId(4711L).nodeId(key.nodeId()).servingCellId(key.cellId()).rsrpDbm(-91.5f)
                .cqi(12).neighbourCellIds(new String[] {"nr-a", "nr-b"}).neighbourRsrpDbm(new float[] {-95f, -99f})
                .neighbourSinrDb(new float[] {4f, 1.5f});
        ues.put(4711L, ue);
        assertEquals(ue.toString(), ues.get(4711L).toString());
    }

    @Test
    void e2NodeInfoAndControlLogRoundTrip() {
        IgniteCache<String, E2NodeInfo> nodes = grid.cache(E2Caches.NODES);
        E2NodeInfo info = new E2NodeInfo("gnb-001-01-00000002", true, 1_700_000_000_000L, 0L, "127.0.0.1:50123",
                List.of(new RanFunctionInfo(2, 1, "1.3.6.1.4.1.53148.1.2.2.2", new byte[] {1, 2, 3})),
                List.of("nr-001-01-000000020", "nr-001-01-000000021"));
        nodes.put(info.nodeId(), info);
        E2NodeInfo got = nodes.get(info.nodeId());
        assertNotNull(got);
        assertEquals(info.toString(), got.toString());
        assertEquals(info.cellIds(), got.cellIds());
        assertEquals(2, got.ranFunctions().get(0).ranFunctionId());

        IgniteCache<Long, ControlLogEntry> log = grid.cache(E2Caches.CONTROL_LOG);
        log.put(1L, new ControlLogEntry(1_700_000_000_000L, info.nodeId(), "cell-sleep", "SUCCESS", "", 1_234_567L));
        assertEquals(1_234_567L, log.get(1L).roundTripNanos());
    }

    @Test
    void cellKeyAffinityFollowsTheNodeId() {
        Affinity<Object> latest = grid.ignite().affinity(KpmCaches.CELL_LATEST);
        Affinity<Object> series = grid.ignite().affinity(KpmCaches.CELL_SERIES);

        CellKey a = new CellKey("gnb-001-01-00000007", "nr-001-01-000000070");
        CellKey b = new CellKey("gnb-001-01-00000007", "nr-001-01-000000071");
        assertEquals("gnb-001-01-00000007", latest.affinityKey(a));
        assertEquals(latest.partition(a), latest.partition(b));
        // The partition is the node id's partition; the time series of the node's cells lands there too.
        assertEquals(latest.partition("gnb-001-01-00000007"), latest.partition(a));
        assertEquals(latest.partition(a),
                series.partition(new CellSampleKey("gnb-001-01-00000007", "nr-001-01-000000071", 42L)));
        // An xApp's experience rows about the node's cells land there too (issue 15).
        assertEquals(latest.partition(a), grid.ignite().affinity(PlatformCaches.EXPERIENCE)
                .partition(new ExperienceKey("gnb-001-01-00000007", "power-control", 99L)));
        // And a watched UE's reports, under the watching row's node id (docs/ml-lifecycle.md, section 14).
        assertEquals(latest.partition(a), grid.ignite().affinity(PlatformCaches.UE_SERIES)
                .partition(new UeSampleKey("gnb-001-01-00000007", 4711L, 42L)));

        // Different node ids spread over partitions (if the affinity field were ignored, or constant,
        // this would not hold).
        Set<Integer> partitions = new HashSet<>();
        for (int n = 0; n < 64; n++) {
            String nodeId = String.format("gnb-001-01-%08d", n);
            int p = latest.partition(new CellKey(nodeId, "nr-x"));
            assertEquals(p, latest.partition(new CellKey(nodeId, "nr-y")));
            partitions.add(p);
        }
        assertTrue(partitions.size() > 32, "64 node ids in only " + partitions.size() + " partitions");
    }

    @Test
    void timeSeriesEntriesExpire() {
        IgniteCache<CellSampleKey, CellKpi> series = grid.cache(KpmCaches.CELL_SERIES);
        IgniteCache<CellKey, CellKpi> latest = grid.cache(KpmCaches.CELL_LATEST);
        CellSampleKey sample = new CellSampleKey("gnb-001-01-00000009", "nr-001-01-000000090", 1_700_000_000_000L);
        CellKey cell = new CellKey(sample.nodeId(), sample.cellId());
        CellKpi kpi = new CellKpi().nodeId(sample.nodeId()).cellId(sample.cellId()).timestampMs(sample.timestampMs());
        long t0 = System.nanoTime();
        series.put(sample, kpi);
        latest.put(cell, kpi);
        assertNotNull(series.get(sample), "read right after the put (expiry is " + SERIES_EXPIRY.toMillis() + " ms)");

        // Eager TTL: the entry leaves the cache (size 0), not merely becomes unreadable.
        awaitTrue(Duration.ofSeconds(15), () -> series.get(sample) == null && series.localSize() == 0,
                "series entry still present");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(tookMs >= SERIES_EXPIRY.toMillis() - 50, "expired after " + tookMs + " ms");
        // The latest-value cache expires the same time after its last update (here: the same put).
        awaitTrue(Duration.ofSeconds(15), () -> latest.get(cell) == null, "latest entry still present");
    }

    @Test
    void settingsValidationNamesTheField() {
        Map<String, org.junit.jupiter.api.function.Executable> bad = Map.of(
                "backups: 5 (expected: 0..3)", () -> GridSettings.builder().backups(5),
                "backups: -1 (expected: 0..3)", () -> GridSettings.builder().backups(-1),
                "discoveryPort: 80 (expected: 1024..65535)", () -> GridSettings.builder().discoveryPort(80),
                "communicationPort: 70000 (expected: 1024..65535)", () -> GridSettings.builder().communicationPort(70000),
                "discoveryPortRange: 0 (expected: 1..100)", () -> GridSettings.builder().discoveryPortRange(0),
                "dataRegionBytes: 1048576 (expected: >= 64 MiB)", () -> GridSettings.builder().dataRegionBytes(1L << 20),
                "seriesExpiry: PT0S (expected: > 0)", () -> GridSettings.builder().seriesExpiry(Duration.ZERO),
                "ueExpiry: PT-1S (expected: > 0)", () -> GridSettings.builder().ueExpiry(Duration.ofSeconds(-1)));
        bad.forEach((message, call) ->
                assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage()));
        assertEquals("workDir",
                assertThrows(NullPointerException.class, () -> GridSettings.builder().workDir(null)).getMessage());

        GridSettings defaults = GridSettings.builder().build();
        assertEquals(List.of("127.0.0.1:47500..47509"), defaults.addresses());
        assertEquals(1, defaults.backups());
        assertEquals(512L << 20, defaults.dataRegionBytes());
        assertEquals(Duration.ofMinutes(10), defaults.seriesExpiry());
        assertFalse(GridSettings.builder().addresses(List.of()).build().addresses().isEmpty(),
                "an empty address list falls back to the local port range");
    }

    private static ExpiryPolicy expiry(String cache) {
        CacheConfiguration<?, ?> cc = grid.cache(cache).getConfiguration(CacheConfiguration.class);
        assertNotNull(cc.getExpiryPolicyFactory(), cache + " has no expiry policy");
        return (ExpiryPolicy) cc.getExpiryPolicyFactory().create();
    }

    private static long millis(javax.cache.expiry.Duration d) {
        assertNotNull(d);
        return d.getTimeUnit().toMillis(d.getDurationAmount());
    }

    /** Polls {@code condition} every 20 ms until it holds or {@code timeout} passes. */
    static void awaitTrue(Duration timeout, BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError(failure + " after " + timeout);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }


    /** Deletes a directory tree, best effort (a test's leftovers must not fail it). */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // leave it to the OS's temp cleanup
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
