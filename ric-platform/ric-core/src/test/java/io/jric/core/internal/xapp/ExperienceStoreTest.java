package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experience rows in a real grid: recorded next to the cell's KPM series, the outcome attached from the
 * series once the horizon has passed (the task driven with an explicit "now"), rows whose cell stopped
 * reporting closed as PARTIAL or NO_DATA, the per-xApp bound enforced and counted, bad input refused, and
 * rows expiring.
 */
class ExperienceStoreTest {
    private static final String NODE = "gnb:00f110:1/22";
    private static final String CELL = "00f110:000004001";
    private static final long T0 = 1_700_000_000_000L;
    private static RicGrid grid;

    @BeforeAll
    static void startGrid() throws IOException {
        grid = RicGrid.start(settings("experience-test").build());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    private static GridSettings.Builder settings(String name) throws IOException {
        return GridSettings.builder().instanceName(name + "-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-experience")).dataRegionBytes(128L << 20)
                .kpmRegionBytes(128L << 20).exitOnFailure(false).backups(0);
    }


    private static XappDescriptor xapp(String name, long horizonMs, ExperienceSpec.Scope scope, int maxRows, String... outcome) {
        return XappDescriptor.builder(name, "1.0.0", "test", new Entry(name, null))
                .experience(new ExperienceSpec(horizonMs, List.of(outcome), scope, maxRows)).build();
    }

    private static void sample(String cell, long ts, float throughput, float energy) {
        grid.<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES).put(new CellSampleKey(NODE, cell, ts),
                new CellKpi().nodeId(NODE).cellId(cell).timestampMs(ts).throughputDlMbps(throughput).energyWh(energy));
    }

    private static void latest(String cell, long ts) {
        grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(NODE, cell),
                new CellKpi().nodeId(NODE).cellId(cell).timestampMs(ts));
    }

    @Test
    void theOutcomeIsAttachedFromTheCellSeriesOnceTheCellHasReportedPastTheHorizon() {
        String cell = "00f110:000004011";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("exp-ok", 5000, ExperienceSpec.Scope.CELL, 100, "throughputDlMbps", "energyWh");
            long now = System.currentTimeMillis();
            long id = store.record(d, T0, NODE, cell, 0, Map.of("prbUsedDlPct", 50.0, "txPowerDbm", 43.0),
                    Map.of("txPowerDbm", 40.0), now);
            assertNotEquals(ExperienceRecorder.NOT_RECORDED, id);
            // The decision's own sample (T0) and the one after the horizon are outside (T0, T0 + 5000].
            sample(cell, T0, 1000, 1000);
            for (int i = 1; i <= 5; i++) sample(cell, T0 + i * 1000L, 10 * i, 2);
            sample(cell, T0 + 6000, 1000, 1000);

            latest(cell, T0 + 3000);
            assertEquals(0, store.attach(now + 1000), "the cell has not reported past the horizon yet");
            assertEquals(ExperienceRow.PENDING, only(store, "exp-ok").outcomeStatus());

            latest(cell, T0 + 5000);
            assertEquals(1, store.attach(now + 1000));
            ExperienceRow r = only(store, "exp-ok");
            assertEquals(ExperienceRow.OK, r.outcomeStatus());
            assertEquals(5, r.outcomeSamples());
            assertArrayEquals(new String[] {"throughputDlMbps", "energyWh"}, r.outcomeNames());
            assertArrayEquals(new double[] {30, 10}, r.outcomeValues(), 1e-9, "throughput averaged, energy summed");
            assertArrayEquals(new String[] {"prbUsedDlPct", "txPowerDbm"}, r.featureNames());
            assertArrayEquals(new double[] {50, 43}, r.featureValues());
            assertArrayEquals(new String[] {"txPowerDbm"}, r.actionNames());
            assertEquals(T0, r.timeMs());
            assertEquals(NODE, r.nodeId());
            assertEquals(cell, r.cellId());
            assertEquals(0, store.attach(now + 100_000), "attached once");
            assertNull(grid.cache(PlatformCaches.EXPERIENCE_PENDING).get(new ExperienceKey(NODE, "exp-ok", id)));
            assertEquals(1, store.stats("exp-ok").view().get("outcome.OK"));
        }
    }

    @Test
    void anOperatorsLabelIsKeptWithTheRowAndSurvivesTheOutcomeBadLabelsAndUnknownRowsChangeNothing() {
        String cell = "00f110:000004015";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("exp-label", 2000, ExperienceSpec.Scope.CELL, 100, "rlfCount");
            long now = System.currentTimeMillis();
            long alarm = store.record(d, T0, NODE, cell, 0, Map.of("avgSinrDb", -3.0), Map.of("faultClass", 2.0), now);
            long normal = store.record(d, T0 + 1, NODE, cell, 0, Map.of("avgSinrDb", 12.0), Map.of("faultClass", 0.0), now);

            ExperienceRow labelled = store.label("exp-label", NODE, alarm, "confirmed", now + 5);
            assertEquals("confirmed", labelled.label());
            assertEquals(now + 5, labelled.labelledAtMs());
            assertEquals(ExperienceRow.PENDING, labelled.outcomeStatus(), "labelled before its outcome");

            // The outcome task attaches the KPIs afterwards and keeps the label.
            sample(cell, T0 + 1000, 5, 0);
            latest(cell, T0 + 3000);
            assertEquals(2, store.attach(now + 10));
            List<ExperienceRow> rows = store.rows("exp-label", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(ExperienceRow.OK, rows.get(0).outcomeStatus());
            assertEquals("confirmed", rows.get(0).label());
            assertNull(rows.get(1).label(), "nobody judged the normal row");

            // Labelling again replaces the label; the outcome stays.
            assertEquals("rejected", store.label("exp-label", NODE, alarm, "rejected", now + 20).label());
            ExperienceRow again = store.rows("exp-label", 0, Long.MAX_VALUE, 10).rows.get(0);
            assertEquals("rejected", again.label());
            assertEquals(ExperienceRow.OK, again.outcomeStatus());

            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> store.label("exp-label", NODE, normal, "maybe", now));
            assertTrue(bad.getMessage().contains("label: \"maybe\""), bad.getMessage());
            assertThrows(java.util.NoSuchElementException.class, () -> store.label("exp-label", NODE, normal + 999, "confirmed", now));
            assertThrows(java.util.NoSuchElementException.class, () -> store.label("exp-label", "gnb:00f110:9/99", normal, "confirmed", now));
            assertThrows(java.util.NoSuchElementException.class, () -> store.label("other-xapp", NODE, normal, "confirmed", now));
            assertNull(store.rows("exp-label", 0, Long.MAX_VALUE, 10).rows.get(1).label(), "the failed labels changed nothing");
            assertEquals(2, store.stats("exp-label").view().get("labelled"));
        }
    }

    @Test
    void aRowWhoseOutcomeCannotBeComputedClosesAsErrorAndTheOthersStillGetTheirs() {
        String cell = "00f110:000004031";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("exp-err", 2000, ExperienceSpec.Scope.CELL, 100, "throughputDlMbps");
            long now = System.currentTimeMillis();
            long good = store.record(d, T0, NODE, cell, 0, Map.of("x", 1.0), Map.of("y", 1.0), now);
            // A row as an older or newer version may have left it (e.g. on disk): an outcome name this one does not know.
            ExperienceKey badKey = new ExperienceKey(NODE, "exp-err", good + 1);
            grid.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE).put(badKey, new ExperienceRow("exp-err", NODE,
                    cell, 0, T0 + 1, now, 2000, new String[0], new double[0], new String[0], new double[0], new String[] {"bogusKpi"}));
            grid.<ExperienceKey, Long>cache(PlatformCaches.EXPERIENCE_PENDING).put(badKey, now + 2000 + ExperienceStore.GRACE_MS);
            sample(cell, T0 + 1000, 20, 0);
            latest(cell, T0 + 3000);
            assertEquals(2, store.attach(now + 10), "both rows closed in one round");
            List<ExperienceRow> rows = store.rows("exp-err", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(ExperienceRow.OK, rows.get(0).outcomeStatus());
            assertArrayEquals(new double[] {20}, rows.get(0).outcomeValues(), 1e-9);
            assertEquals(ExperienceRow.ERROR, rows.get(1).outcomeStatus());
            assertNull(rows.get(1).outcomeValues());
            assertNull(grid.cache(PlatformCaches.EXPERIENCE_PENDING).get(badKey), "no longer pending");
            assertEquals(1, store.stats("exp-err").view().get("outcome.ERROR"));
            assertEquals(0, store.attach(now + 100_000));
        }
    }

    @Test
    void rowsOfACellThatStoppedReportingCloseAfterTheGraceNeverHanging() {
        String silent = "00f110:000004021";
        String stopped = "00f110:000004022";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("exp-late", 4000, ExperienceSpec.Scope.UE, 100, "throughputDlMbps");
            long now = System.currentTimeMillis();
            store.record(d, T0, NODE, silent, 7, Map.of("sinrDb", 3.0), Map.of("targetCell", 2.0), now);
            store.record(d, T0 + 1, NODE, stopped, 8, Map.of("sinrDb", 4.0), Map.of("targetCell", 1.0), now);
            sample(stopped, T0 + 1001, 8, 0);
            sample(stopped, T0 + 2001, 12, 0);
            latest(stopped, T0 + 2001);
            long deadline = now + 4000 + ExperienceStore.GRACE_MS;
            assertEquals(0, store.attach(deadline - 1), "still within the grace");
            assertEquals(2, store.attach(deadline));
            List<ExperienceRow> rows = store.rows("exp-late", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(2, rows.size());
            assertEquals(ExperienceRow.NO_DATA, rows.get(0).outcomeStatus());
            assertNull(rows.get(0).outcomeValues());
            assertEquals(7, rows.get(0).ueId());
            assertEquals(ExperienceRow.PARTIAL, rows.get(1).outcomeStatus());
            assertEquals(2, rows.get(1).outcomeSamples());
            assertArrayEquals(new double[] {10}, rows.get(1).outcomeValues(), 1e-9);
        }
    }

    @Test
    void theRowBoundPerXappDropsAndCountsWhatIsBeyondItUntilRowsAgeOut() {
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("exp-bound", 1000, ExperienceSpec.Scope.CELL, 3, "rlfCount");
            XappDescriptor other = xapp("exp-other", 1000, ExperienceSpec.Scope.CELL, 3, "rlfCount");
            long now = System.currentTimeMillis();
            int kept = 0;
            for (int i = 0; i < 5; i++) {
                if (store.record(d, T0 + i, NODE, CELL, 0, Map.of("x", (double) i), Map.of(), now) != ExperienceRecorder.NOT_RECORDED) kept++;
            }
            assertEquals(3, kept);
            assertEquals(2, store.stats("exp-bound").dropped.sum());
            assertEquals(3, store.stats("exp-bound").recorded.sum());
            assertEquals(3, store.rows("exp-bound", 0, Long.MAX_VALUE, 100).rows.size());
            assertNotEquals(ExperienceRecorder.NOT_RECORDED, store.record(other, T0, NODE, CELL, 0, Map.of(), Map.of(), now),
                    "the bound is per xApp");
            // The bound counts the rows still alive: once the first ones have expired (retention 24 h), room again.
            long later = now + TimeUnit.HOURS.toMillis(24) + 60_000;
            assertNotEquals(ExperienceRecorder.NOT_RECORDED, store.record(d, T0 + 9, NODE, CELL, 0, Map.of(), Map.of(), later));
            // Paging: the oldest first, truncated at the limit.
            ExperienceStore.Page page = store.rows("exp-bound", 0, Long.MAX_VALUE, 2);
            assertTrue(page.truncated);
            assertEquals(List.of(T0, T0 + 1), List.of(page.rows.get(0).timeMs(), page.rows.get(1).timeMs()));
            assertEquals(1, store.rows("exp-bound", T0 + 1, T0 + 2, 10).rows.size(), "from inclusive, to exclusive");
            assertFalse(store.rows("exp-bound", T0 + 1, T0 + 2, 10).truncated);
        }
    }

    @Test
    void badRecordsAreRefusedNamingTheProblem() {
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("exp-bad", 1000, ExperienceSpec.Scope.CELL, 10, "rlfCount");
            long now = System.currentTimeMillis();
            assertEquals("features.sinr: NaN (expected: a finite number)", assertThrows(IllegalArgumentException.class,
                    () -> store.record(d, T0, NODE, CELL, 0, Map.of("sinr", Double.NaN), Map.of(), now)).getMessage());
            assertEquals("action: name \"a,b\" (expected: [A-Za-z][A-Za-z0-9_.:-]{0,63})", assertThrows(IllegalArgumentException.class,
                    () -> store.record(d, T0, NODE, CELL, 0, Map.of(), Map.of("a,b", 1.0), now)).getMessage());
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> store.record(d, T0, NODE, "cell-1", 0, Map.of(), Map.of(), now)).getMessage().startsWith("cellId: cell-1"));
            java.util.Map<String, Double> many = new java.util.HashMap<>();
            for (int i = 0; i < 65; i++) many.put("f" + i, 1.0);
            assertEquals("features: 65 values (expected: at most 64)", assertThrows(IllegalArgumentException.class,
                    () -> store.record(d, T0, NODE, CELL, 0, many, Map.of(), now)).getMessage());
            XappDescriptor ue = xapp("exp-bad-ue", 1000, ExperienceSpec.Scope.UE, 10, "rlfCount");
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> store.record(ue, T0, NODE, CELL, 0, Map.of(), Map.of(), now)).getMessage().contains("experience scope is ue"));
            assertEquals(0, store.rows("exp-bad", 0, Long.MAX_VALUE, 10).rows.size(), "nothing kept");
            // An xApp without an experience section gets the disabled recorder.
            XappDescriptor none = XappDescriptor.builder("exp-none", "1.0.0", "t", new Entry("x", null)).build();
            assertFalse(store.recorder(none, new java.util.concurrent.ConcurrentHashMap<>()).enabled());
        }
    }

    @Test
    void rowsExpireAfterTheRetention() throws Exception {
        try (RicGrid shortLived = RicGrid.start(settings("experience-expiry").experienceRetention(Duration.ofSeconds(1)).build());
             ExperienceStore store = new ExperienceStore(shortLived, 0)) {
            XappDescriptor d = xapp("exp-expiry", 1000, ExperienceSpec.Scope.CELL, 10, "rlfCount");
            long id = store.record(d, T0, NODE, CELL, 0, Map.of("x", 1.0), Map.of("y", 2.0), System.currentTimeMillis());
            IgniteCache<ExperienceKey, ExperienceRow> rows = shortLived.cache(PlatformCaches.EXPERIENCE);
            ExperienceKey key = new ExperienceKey(NODE, "exp-expiry", id);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((rows.get(key) != null || rows.size() > 0 || shortLived.cache(PlatformCaches.EXPERIENCE_PENDING).size() > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertNull(rows.get(key), "the row expired");
            assertEquals(0, rows.size(), "and left the cache (eager TTL)");
            assertEquals(0, store.rows("exp-expiry", 0, Long.MAX_VALUE, 10).rows.size());
            assertEquals(0, store.attach(System.currentTimeMillis() + 3_600_000), "nothing left pending");
        }
    }

    @Test
    void withTwoGridNodesEachAttachesTheRowsOfItsOwnPartitionsFromItsOwnSeries() throws Exception {
        int pa = FreePorts.pair();
        int pb = FreePorts.pair();
        List<String> addresses = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
        try (RicGrid a = RicGrid.start(settings("experience-a").discoveryPort(pa).addresses(addresses).build());
             RicGrid b = RicGrid.start(settings("experience-b").discoveryPort(pb).addresses(addresses).build());
             ExperienceStore sa = new ExperienceStore(a, 0);
             ExperienceStore sb = new ExperienceStore(b, 0)) {
            org.apache.ignite.cache.affinity.Affinity<Object> aff = a.ignite().affinity(PlatformCaches.EXPERIENCE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((aff.primaryPartitions(a.ignite().cluster().localNode()).length == 0
                    || aff.primaryPartitions(b.ignite().cluster().localNode()).length == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);  // late affinity assignment: the joining node becomes primary after rebalancing
            }
            XappDescriptor d = xapp("exp-two", 2000, ExperienceSpec.Scope.CELL, 1000, "throughputDlMbps");
            long now = System.currentTimeMillis();
            int onA = 0;
            for (int n = 0; n < 40; n++) {
                String node = "gnb:00f110:" + Integer.toHexString(100 + n) + "/22";
                sa.record(d, T0, node, CELL, 0, Map.of("n", (double) n), Map.of("x", 1.0), now);
                a.<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES).put(new CellSampleKey(node, CELL, T0 + 1000),
                        new CellKpi().nodeId(node).cellId(CELL).timestampMs(T0 + 1000).throughputDlMbps(n));
                a.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(node, CELL),
                        new CellKpi().nodeId(node).cellId(CELL).timestampMs(T0 + 2000));
                if (aff.isPrimary(a.ignite().cluster().localNode(), new ExperienceKey(node, "exp-two", 1))) onA++;
            }
            assertTrue(onA > 0 && onA < 40, "rows on both nodes: " + onA + " of 40 on a");
            assertEquals(onA, sa.attach(now), "a attaches exactly the rows of its primary partitions");
            assertEquals(40 - onA, sb.attach(now), "b the rest");
            assertEquals(0, sa.attach(now) + sb.attach(now));
            for (ExperienceRow r : sb.rows("exp-two", 0, Long.MAX_VALUE, 100).rows) {
                assertEquals(ExperienceRow.OK, r.outcomeStatus(), r.toString());
                assertEquals(r.featureValues()[0], r.outcomeValues()[0], 1e-9, "the outcome from the row's own cell series");
            }
        }
    }

    private static ExperienceRow only(ExperienceStore store, String xapp) {
        List<ExperienceRow> rows = store.rows(xapp, 0, Long.MAX_VALUE, 10).rows;
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }
}
