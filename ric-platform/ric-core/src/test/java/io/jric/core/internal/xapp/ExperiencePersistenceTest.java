package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.ignite.cluster.BaselineNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ML region on disk ({@code grid.mlPersistence}, {@link io.jric.core.internal.grid.MlPersistence}), with real
 * embedded Ignite nodes in a temporary directory: rows, their outcome, an operator's label and pending markers survive
 * a stop and restart; off, nothing goes to disk and nothing survives; a bad directory is refused naming it; a second
 * node joins the persistent cluster, and a node restarted without it activates alone with every row (one backup).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ExperiencePersistenceTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final String NODE = "gnb:00f110:1/22";
    private static final String CELL = "00f110:000004001";
    private static final String SILENT_CELL = "00f110:000004002";
    private Path dir;

    @BeforeEach
    void tempDir() throws IOException {
        dir = Files.createTempDirectory("jric-ml-persistence");
    }

    @AfterEach
    void cleanUp() {
        deleteTree(dir);
    }

    private GridSettings.Builder settings(String name, boolean persistence) {
        return GridSettings.builder().instanceName(name + "-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(dir.resolve("work-" + name)).dataRegionBytes(64L << 20).kpmRegionBytes(64L << 20)
                .mlRegionBytes(64L << 20).exitOnFailure(false).backups(0).mlPersistence(persistence);
    }

    private static XappDescriptor xapp(String name) {
        return XappDescriptor.builder(name, "1.0.0", "test", new Entry(name, null))
                .experience(new ExperienceSpec(2000, List.of("throughputDlMbps"), ExperienceSpec.Scope.CELL, 1000)).build();
    }

    @Test
    void rowsTheirOutcomeLabelAndPendingMarkersSurviveAStopAndRestartOfTheNode() {
        GridSettings s = settings("persist", true).build();
        XappDescriptor d = xapp("exp-disk");
        long now = System.currentTimeMillis();
        long closed;
        long open;
        try (RicGrid grid = RicGrid.start(s); ExperienceStore store = new ExperienceStore(grid, 0)) {
            assertTrue(grid.ignite().cluster().state().active(), "activated before the caches were created");
            closed = store.record(d, T0, NODE, CELL, 0, Map.of("prbUsedDlPct", 50.0), Map.of("txPowerDbm", 40.0), now);
            open = store.record(d, T0 + 1, NODE, SILENT_CELL, 0, Map.of("prbUsedDlPct", 70.0), Map.of("txPowerDbm", 43.0), now);
            grid.<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES).put(new CellSampleKey(NODE, CELL, T0 + 1000),
                    new CellKpi().nodeId(NODE).cellId(CELL).timestampMs(T0 + 1000).throughputDlMbps(25));
            grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(NODE, CELL),
                    new CellKpi().nodeId(NODE).cellId(CELL).timestampMs(T0 + 2000));
            assertEquals(1, store.attach(now), "the first row's cell reported past the horizon; the other's did not");
            store.label("exp-disk", NODE, closed, "confirmed", now + 5);
            assertEquals(1, grid.cache(PlatformCaches.EXPERIENCE_PENDING).size());
        }
        Path files = s.persistenceDir().resolve("storage");
        assertTrue(Files.isDirectory(files), "the region's files under " + files);
        assertTrue(list(files).stream().anyMatch(p -> p.toString().contains("cache-" + PlatformCaches.EXPERIENCE)),
                "the experience cache on disk: " + list(files));

        // The same node again (same instance name, so consistent id, work and persistence directories; other ports).
        GridSettings again = settings("persist", true).workDir(s.workDir()).build();
        try (RicGrid grid = RicGrid.start(again); ExperienceStore store = new ExperienceStore(grid, 0)) {
            assertTrue(grid.ignite().cluster().state().active());
            assertEquals(0, grid.cache(KpmCaches.CELL_LATEST).size(), "the KPM region stays in memory only");
            List<ExperienceRow> rows = store.rows("exp-disk", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(2, rows.size(), rows.toString());
            ExperienceRow first = rows.get(0);
            assertEquals(ExperienceRow.OK, first.outcomeStatus());
            assertArrayEquals(new double[] {25}, first.outcomeValues(), 1e-9);
            assertEquals("confirmed", first.label());
            assertArrayEquals(new double[] {50}, first.featureValues(), 1e-9);
            assertEquals(ExperienceRow.PENDING, rows.get(1).outcomeStatus());
            assertEquals(1, grid.cache(PlatformCaches.EXPERIENCE_PENDING).size(), "the pending marker is back");
            // Its cell's series did not survive (in memory): the row closes after the grace, never hangs.
            assertEquals(1, store.attach(now + 2000 + ExperienceStore.GRACE_MS));
            assertEquals(ExperienceRow.NO_DATA, store.rows("exp-disk", 0, Long.MAX_VALUE, 10).rows.get(1).outcomeStatus());
            assertEquals("rejected", store.label("exp-disk", NODE, open, "rejected", now + 10).label(), "rows stay labelable");
        }
    }

    @Test
    void rowsThatExpiredWhileTheNodeWasDownAreGoneAfterItsRestart() throws Exception {
        GridSettings s = settings("expire", true).experienceRetention(Duration.ofSeconds(2)).build();
        try (RicGrid grid = RicGrid.start(s); ExperienceStore store = new ExperienceStore(grid, 0)) {
            store.record(xapp("exp-ttl"), T0, NODE, CELL, 0, Map.of("x", 1.0), Map.of("y", 2.0), System.currentTimeMillis());
            assertEquals(1, grid.cache(PlatformCaches.EXPERIENCE).size());
        }
        Thread.sleep(2500);
        try (RicGrid grid = RicGrid.start(settings("expire", true).experienceRetention(Duration.ofSeconds(2)).build())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((grid.cache(PlatformCaches.EXPERIENCE).size() > 0 || grid.cache(PlatformCaches.EXPERIENCE_PENDING).size() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, grid.cache(PlatformCaches.EXPERIENCE).size(), "the expired row removed after the restart");
            assertEquals(0, grid.cache(PlatformCaches.EXPERIENCE_PENDING).size());
        }
    }

    @Test
    void rowsFromBeforeARestartCountAgainstTheXappsRowBound() {
        XappDescriptor d = XappDescriptor.builder("exp-bound", "1.0.0", "test", new Entry("exp-bound", null))
                .experience(new ExperienceSpec(2000, List.of("throughputDlMbps"), ExperienceSpec.Scope.CELL, 3)).build();
        GridSettings s = settings("bound", true).build();
        long now = System.currentTimeMillis();
        try (RicGrid grid = RicGrid.start(s); ExperienceStore store = new ExperienceStore(grid, 0)) {
            for (int i = 0; i < 2; i++) assertTrue(store.record(d, T0 + i, NODE, CELL, 0, Map.of("x", 1.0), Map.of(), now) > 0);
        }
        try (RicGrid grid = RicGrid.start(settings("bound", true).build()); ExperienceStore store = new ExperienceStore(grid, 0)) {
            assertTrue(store.record(d, T0 + 2, NODE, CELL, 0, Map.of("x", 1.0), Map.of(), now + 10) > 0, "the third row");
            assertEquals(ExperienceRecorder.NOT_RECORDED, store.record(d, T0 + 3, NODE, CELL, 0, Map.of("x", 1.0), Map.of(), now + 20),
                    "the two rows on disk count: maxRows 3 reached");
            assertEquals(1, store.stats("exp-bound").view().get("dropped"));
        }
    }

    @Test
    void aRetentionKeptOnDiskIsTheOneTheRowBoundUses() {
        GridSettings s = settings("keep-retention", true).experienceRetention(Duration.ofMinutes(30)).build();
        try (RicGrid grid = RicGrid.start(s)) {
            assertEquals(Duration.ofMinutes(30).toMillis(), grid.experienceRetentionMs());
        }
        GridSettings changed = settings("keep-retention", true).workDir(s.workDir()).experienceRetention(Duration.ofMinutes(90)).build();
        try (RicGrid grid = RicGrid.start(changed)) {
            assertEquals(Duration.ofMinutes(30).toMillis(), grid.experienceRetentionMs(), "the caches on disk keep theirs");
        }
    }

    @Test
    void withPersistenceOffNothingIsWrittenToDiskAndNothingSurvives() {
        GridSettings s = settings("memory", false).build();
        try (RicGrid grid = RicGrid.start(s); ExperienceStore store = new ExperienceStore(grid, 0)) {
            assertFalse(grid.ignite().configuration().getDataStorageConfiguration().getDataRegionConfigurations()[0]
                    .isPersistenceEnabled());
            assertTrue(store.record(xapp("exp-mem"), T0, NODE, CELL, 0, Map.of("x", 1.0), Map.of("y", 2.0),
                    System.currentTimeMillis()) > 0);
        }
        assertFalse(Files.exists(s.persistenceDir()), "no persistence directory: " + s.persistenceDir());
        List<Path> written = list(s.workDir()).stream()
                .filter(p -> p.toString().contains("wal") || p.toString().contains("cache-") || p.toString().endsWith(".bin"))
                .collect(Collectors.toList());
        assertEquals(List.of(), written, "no WAL or partition files");
        try (RicGrid grid = RicGrid.start(settings("memory", false).workDir(s.workDir()).build())) {
            assertEquals(0, grid.cache(PlatformCaches.EXPERIENCE).size(), "in memory only, as before");
        }
    }

    @Test
    void aPersistenceDirectoryThatCannotBeUsedIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        IllegalArgumentException notDir = assertThrows(IllegalArgumentException.class,
                () -> settings("bad", true).persistenceDir(file).build());
        assertEquals("persistenceDir: " + file.toAbsolutePath() + " exists and is not a directory", notDir.getMessage());
        Path under = file.resolve("persistence");
        IllegalArgumentException cannot = assertThrows(IllegalArgumentException.class,
                () -> settings("bad", true).persistenceDir(under).build());
        assertEquals("persistenceDir: " + under.toAbsolutePath() + " cannot be created (" + file.toAbsolutePath()
                + " is not a directory)", cannot.getMessage());
        // Off, the directory is not looked at.
        assertEquals(under, settings("bad", false).persistenceDir(under).build().persistenceDir());
    }

    @Test
    void aSecondNodeJoinsThePersistentClusterAndANodeRestartedAloneActivatesWithEveryRow() {
        int pa = FreePorts.pair();
        int pb = FreePorts.pair();
        List<String> addresses = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
        GridSettings sa = settings("pa", true).discoveryPort(pa).addresses(addresses).backups(1)
                .baselineAutoAdjust(Duration.ofSeconds(2)).activationWait(Duration.ofSeconds(2)).build();
        GridSettings sb = settings("pb", true).discoveryPort(pb).addresses(addresses).backups(1)
                .baselineAutoAdjust(Duration.ofSeconds(2)).activationWait(Duration.ofSeconds(2)).build();
        XappDescriptor d = xapp("exp-two");
        int rows = 40;
        RicGrid a = RicGrid.start(sa);
        try {
            try (RicGrid b = RicGrid.start(sb)) {
                assertTrue(b.ignite().cluster().state().active(), "the second node joined an active cluster");
                awaitBaseline(a, 2);
                try (ExperienceStore store = new ExperienceStore(b, 0)) {
                    long now = System.currentTimeMillis();
                    for (int n = 0; n < rows; n++) {
                        store.record(d, T0, "gnb:00f110:" + Integer.toHexString(100 + n) + "/22", CELL, 0,
                                Map.of("n", (double) n), Map.of("x", 1.0), now);
                    }
                }
                assertEquals(rows, a.cache(PlatformCaches.EXPERIENCE).size());
            }
        } finally {
            a.close();
        }
        // Only a comes back: it waits activationWait for b, then activates without it; with one backup it has every row.
        try (RicGrid again = RicGrid.start(settings("pa", true).workDir(sa.workDir()).backups(1)
                .activationWait(Duration.ofSeconds(2)).build())) {
            assertTrue(again.ignite().cluster().state().active());
            assertEquals(rows, again.cache(PlatformCaches.EXPERIENCE).size(), "every row, from the backups");
            Set<Object> baseline = again.ignite().cluster().currentBaselineTopology().stream()
                    .map(BaselineNode::consistentId).collect(Collectors.toSet());
            assertEquals(Set.of(sa.instanceName()), baseline, "the baseline is the node present");
        }
    }

    @Test
    void withoutBackupsANodeRestartedAloneLosesTheOtherNodesRowsButRecordsAndTheOtherRejoins() {
        int pa = FreePorts.pair();
        int pb = FreePorts.pair();
        List<String> addresses = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
        GridSettings sa = settings("la", true).discoveryPort(pa).addresses(addresses)
                .baselineAutoAdjust(Duration.ofSeconds(2)).activationWait(Duration.ofSeconds(2)).build();
        GridSettings sb = settings("lb", true).discoveryPort(pb).addresses(addresses)
                .baselineAutoAdjust(Duration.ofSeconds(2)).activationWait(Duration.ofSeconds(2)).build();
        XappDescriptor d = xapp("exp-lost");
        int rows = 40;
        long now = System.currentTimeMillis();
        RicGrid a = RicGrid.start(sa);
        try {
            try (RicGrid b = RicGrid.start(sb)) {
                awaitBaseline(a, 2);
                try (ExperienceStore store = new ExperienceStore(a, 0)) {
                    for (int n = 0; n < rows; n++) {
                        store.record(d, T0, "gnb:00f110:" + Integer.toHexString(100 + n) + "/22", CELL, 0,
                                Map.of("n", (double) n), Map.of("x", 1.0), now);
                    }
                }
            }
        } finally {
            a.close();
        }
        GridSettings again = settings("la", true).workDir(sa.workDir()).discoveryPort(pa).addresses(addresses)
                .baselineAutoAdjust(Duration.ofSeconds(2)).activationWait(Duration.ofSeconds(2)).build();
        try (RicGrid alone = RicGrid.start(again); ExperienceStore store = new ExperienceStore(alone, 0)) {
            int kept = alone.cache(PlatformCaches.EXPERIENCE).size();
            assertTrue(kept > 0 && kept < rows, "only the rows of a's partitions: " + kept + " of " + rows);
            assertEquals(List.of(), List.copyOf(alone.ignite().cache(PlatformCaches.EXPERIENCE).lostPartitions()));
            for (int n = 0; n < rows; n++) {  // every partition takes rows again, those of the missing node included
                assertTrue(store.record(d, T0 + 1, "gnb:00f110:" + Integer.toHexString(100 + n) + "/22", CELL, 0,
                        Map.of("n", (double) n), Map.of("x", 1.0), now + 1) > 0);
            }
            assertEquals(kept + rows, alone.cache(PlatformCaches.EXPERIENCE).size());
            // b comes back with its old files: it joins, the baseline follows, and the cluster's rows are a's.
            GridSettings bAgain = settings("lb", true).workDir(sb.workDir()).discoveryPort(pb).addresses(addresses)
                    .baselineAutoAdjust(Duration.ofSeconds(2)).activationWait(Duration.ofSeconds(2)).build();
            try (RicGrid b = RicGrid.start(bAgain)) {
                awaitBaseline(alone, 2);
                assertEquals(kept + rows, b.cache(PlatformCaches.EXPERIENCE).size(), "a's rows, seen from b");
            }
        }
    }

    @Test
    void aNodeWhosePersistenceDiffersFromTheClustersIsRefusedNamingTheKey() {
        int pa = FreePorts.pair();
        int pb = FreePorts.pair();
        List<String> addresses = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
        try (RicGrid a = RicGrid.start(settings("mixa", true).discoveryPort(pa).addresses(addresses).build())) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> RicGrid.start(settings("mixb", false).discoveryPort(pb).addresses(addresses).build()).close());
            assertTrue(e.getMessage().startsWith("grid: cannot join the cluster: grid.mlPersistence is false here and true "
                    + "on the cluster's nodes"), e.getMessage());
            assertEquals(1, a.serverCount());
        }
    }

    private static void awaitBaseline(RicGrid g, int nodes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (g.ignite().cluster().currentBaselineTopology().size() < nodes) {
            assertTrue(System.nanoTime() < deadline, "baseline of " + nodes + " nodes within 60 s");
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<Path> list(Path root) {
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // leave it to the OS's temp cleanup
        }
    }
}
