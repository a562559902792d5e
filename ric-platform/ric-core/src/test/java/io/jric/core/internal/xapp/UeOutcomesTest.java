package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.UeSampleKey;
import io.jric.core.internal.grid.UeWatch;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UE's own outcome of {@code ue}-scope rows in a real grid (docs/ml-lifecycle.md, section 14): only UEs a pending
 * row watches have their reports kept; the outcome is their SINR, throughput, cell changes, ping-pong, lost reports
 * and the target cell's SINR over the horizon; the watch ends when the row closes (not before a later row of the same
 * UE closes); the per-UE bound drops and counts; a UE without reports is NO_DATA, a cell that stopped PARTIAL.
 */
class UeOutcomesTest {
    private static final String NODE = "gnb:00f110:1/22";
    private static final String CELL_A = "00f110:000004001";
    private static final String CELL_B = "00f110:000004002";
    private static final long T0 = 1_700_000_000_000L;
    private static RicGrid grid;

    @BeforeAll
    static void startGrid() throws IOException {
        grid = RicGrid.start(GridSettings.builder().instanceName("ue-outcomes-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-ue-outcomes")).dataRegionBytes(128L << 20)
                .kpmRegionBytes(128L << 20).exitOnFailure(false).backups(0).build());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }


    private static XappDescriptor xapp(String name, long horizonMs, String... outcome) {
        return XappDescriptor.builder(name, "1.0.0", "test", new Entry(name, null))
                .experience(new ExperienceSpec(horizonMs, List.of(outcome), ExperienceSpec.Scope.UE, 1000)).build();
    }

    private static UeKpi report(long ue, long ts, String serving, double sinr, double throughput, String nbr, double nbrSinr) {
        UeKpi u = new UeKpi().ueId(ue).nodeId(NODE).servingCellId(serving).timestampMs(ts).sinrDb((float) sinr)
                .rsrpDbm(-90).throughputDlMbps((float) throughput);
        if (nbr != null) u.neighbourCellIds(new String[] {nbr}).neighbourSinrDb(new float[] {(float) nbrSinr});
        return u;
    }

    /** One ingest batch: the UEs' records by UE id, as the KPM ingest hands them over. */
    private static void offer(UeKpi... reports) {
        Map<Long, UeKpi> m = new HashMap<>();
        for (UeKpi u : reports) m.put(u.ueId(), u);
        UeOutcomes.of(grid).offer(m);
    }

    private static void cellSample(String cell, long ts, float throughput) {
        grid.<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES).put(new CellSampleKey(NODE, cell, ts),
                new CellKpi().nodeId(NODE).cellId(cell).timestampMs(ts).throughputDlMbps(throughput));
    }

    private static void latest(String cell, long ts) {
        grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(NODE, cell), new CellKpi().nodeId(NODE).cellId(cell).timestampMs(ts));
    }

    private static long written() {
        return UeOutcomes.of(grid).view().get("samplesWritten");
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    private static ExperienceRow only(ExperienceStore store, String xapp) {
        List<ExperienceRow> rows = store.rows(xapp, 0, Long.MAX_VALUE, 10).rows;
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }

    @Test
    void aWatchedUesReportsAreItsOutcomeAndTheWatchEndsWhenTheRowCloses() throws Exception {
        UeOutcomes ues = UeOutcomes.of(grid);
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("ue-ho", 5000, "ue.sinrDb", "ue.sinrMinDb", "ue.throughputDlMbps", "ue.cellChanges",
                    "ue.pingPong", "ue.lost", "ue.targetSinrDb", "ue.targetReports", "ue.servedByTarget", "ue.cellSinrDb",
                    "ue.cellReports");
            long w0 = written();
            offer(report(41, T0 - 1000, CELL_A, 9, 1, null, 0));
            assertEquals(w0, written(), "an unwatched UE's report is not kept");

            long now = System.currentTimeMillis();
            store.record(d, T0, NODE, CELL_A, 41, Map.of("servingSinrDb", 9.0),
                    Map.of("handover", 1.0, ExperienceSpec.TARGET_NCI_ACTION, (double) 0x4002), now);
            await(() -> ues.watched(41), "UE 41 watched on this process");
            assertFalse(ues.watched(42));
            // The decision's own report (T0) and the one after the horizon are outside (T0, T0 + 5000]. The UE goes to
            // the target B and comes back to A (a ping-pong); B's SINR is read as neighbour and as serving cell.
            offer(report(41, T0, CELL_A, 9, 1, CELL_B, 0), report(42, T0, CELL_A, 1, 1, null, 0));
            offer(report(41, T0 + 1000, CELL_A, 10, 1, CELL_B, 5), report(42, T0 + 1000, CELL_A, 1, 1, null, 0));
            offer(report(41, T0 + 2000, CELL_B, 12, 2, CELL_A, 3));
            offer(report(41, T0 + 3000, CELL_B, 14, 3, CELL_A, 1));
            offer(report(41, T0 + 4000, CELL_A, 4, 4, CELL_B, 2));
            offer(report(41, T0 + 5000, CELL_A, 6, 5, CELL_B, 8), report(43, T0 + 5000, CELL_B, 1, 1, null, 0));
            offer(report(41, T0 + 6000, CELL_B, 30, 9, null, 0));
            assertEquals(w0 + 7, written(), "only UE 41's reports are kept");
            assertNotNull(grid.cache(PlatformCaches.UE_SERIES).get(new UeSampleKey(NODE, 41, T0 + 3000)));
            assertNull(grid.cache(PlatformCaches.UE_SERIES).get(new UeSampleKey(NODE, 42, T0 + 1000)));

            latest(CELL_A, T0 + 3000);
            store.attach(now + 1000);
            assertEquals(ExperienceRow.PENDING, only(store, "ue-ho").outcomeStatus(), "the cell has not reported past the horizon yet");
            latest(CELL_A, T0 + 5000);
            store.attach(now + 1000);
            ExperienceRow r = only(store, "ue-ho");
            assertEquals(ExperienceRow.OK, r.outcomeStatus());
            assertEquals(5, r.outcomeSamples(), "the UE's reports in the horizon");
            assertArrayEquals(new double[] {
                (10 + 12 + 14 + 4 + 6) / 5.0,   // mean serving SINR
                4,                              // lowest
                3,                              // mean throughput
                2,                              // A -> B -> A
                1,                              // came back to A: a ping-pong
                0,                              // reported to the end
                (5 + 12 + 14 + 2 + 8) / 5.0,    // B's SINR: as neighbour, serving, serving, neighbour, neighbour
                5,
                2 / 5.0,
                (10 + 3 + 1 + 4 + 6) / 5.0,     // A's SINR: serving, neighbour, neighbour, serving, serving
                5}, r.outcomeValues(), 1e-5);

            // The row closed: the UE is no longer watched, its reports are no longer kept.
            assertNull(grid.cache(PlatformCaches.UE_WATCH).get(41L));
            await(() -> !ues.watched(41), "UE 41 released");
            long w1 = written();
            offer(report(41, T0 + 7000, CELL_A, 5, 1, null, 0));
            assertEquals(w1, written());
        }
    }

    @Test
    void reportsThatStopAreALostUeNoReportIsNoDataAndACellThatStoppedIsPartial() throws Exception {
        String cellC = "00f110:000004011";
        String cellD = "00f110:000004012";
        UeOutcomes ues = UeOutcomes.of(grid);
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("ue-lost", 4000, "ue.lost", "ue.sinrDb", "throughputDlMbps");
            long now = System.currentTimeMillis();
            store.record(d, T0, NODE, cellC, 51, Map.of("x", 1.0), Map.of("handover", 0.0), now);
            store.record(d, T0 + 1, NODE, cellC, 52, Map.of("x", 2.0), Map.of("handover", 0.0), now);
            store.record(d, T0 + 2, NODE, cellD, 53, Map.of("x", 3.0), Map.of("handover", 0.0), now);
            await(() -> ues.watched(51) && ues.watched(52) && ues.watched(53), "UEs watched");
            offer(report(51, T0 + 1000, cellC, 2, 1, null, 0), report(53, T0 + 1000, cellD, 7, 1, null, 0));
            offer(report(51, T0 + 2000, cellC, 4, 1, null, 0));  // then UE 51 stops: no report in (T0 + 3000, T0 + 4000]
            for (int i = 1; i <= 4; i++) cellSample(cellC, T0 + i * 1000L, 10 * i);
            cellSample(cellD, T0 + 1000, 5);
            latest(cellC, T0 + 4001);
            latest(cellD, T0 + 1000);  // cell D stops reporting

            store.attach(now + 10);
            List<ExperienceRow> rows = store.rows("ue-lost", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(ExperienceRow.PENDING, rows.get(2).outcomeStatus(), "C's rows close at once, D's waits for the grace");
            store.attach(now + 4000 + ExperienceStore.GRACE_MS);
            rows = store.rows("ue-lost", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(ExperienceRow.OK, rows.get(0).outcomeStatus());
            assertEquals(2, rows.get(0).outcomeSamples());
            assertArrayEquals(new double[] {1, 3, 25}, rows.get(0).outcomeValues(), 1e-5,
                    "lost; the UE's mean SINR; the cell's mean throughput");
            assertEquals(ExperienceRow.NO_DATA, rows.get(1).outcomeStatus(), "UE 52 never reported in the horizon");
            assertNull(rows.get(1).outcomeValues());
            assertEquals(ExperienceRow.PARTIAL, rows.get(2).outcomeStatus());
            assertArrayEquals(new double[] {0, 7, 5}, rows.get(2).outcomeValues(), 1e-5,
                    "not lost: its cell stopped too, nothing says the UE was lost");
            await(() -> !ues.watched(51) && !ues.watched(52) && !ues.watched(53), "all released");
        }
    }

    @Test
    void theWatchLastsUntilTheUesLatestRowClosesAndAcrossE2Nodes() throws Exception {
        String node2 = "gnb:00f110:2/22";
        String cell = "00f110:000004021";
        UeOutcomes ues = UeOutcomes.of(grid);
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("ue-two", 2000, "ue.sinrDb");
            long now = System.currentTimeMillis();
            store.record(d, T0, NODE, cell, 61, Map.of("x", 1.0), Map.of(), now);
            store.record(d, T0 + 10_000, NODE, cell, 61, Map.of("x", 2.0), Map.of(), now + 1000);
            store.record(d, T0 + 10_000, node2, "00f110:000008001", 61, Map.of("x", 3.0), Map.of(), now + 1000);
            UeWatch w = grid.<Long, UeWatch>cache(PlatformCaches.UE_WATCH).get(61L);
            assertEquals(2, w.size(), w.toString());
            // A shorter watch set afterwards (as from a process whose mirror lags) keeps the latest row's time.
            long latestUntil = ues.watchedUntil(61);
            assertTrue(ues.watch(NODE, 61, now + 1, now));
            assertEquals(latestUntil, ues.watchedUntil(61));
            await(() -> ues.watched(61), "UE 61 watched");
            long w0 = written();
            offer(report(61, T0 + 1000, cell, 3, 1, null, 0));
            assertEquals(w0 + 2, written(), "one sample per watching E2 node, each in its rows' partition");
            assertNotNull(grid.cache(PlatformCaches.UE_SERIES).get(new UeSampleKey(node2, 61, T0 + 1000)));

            latest(cell, T0 + 2000);
            store.attach(now + 10);
            List<ExperienceRow> rows = store.rows("ue-two", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(List.of(ExperienceRow.OK, ExperienceRow.PENDING, ExperienceRow.PENDING),
                    rows.stream().map(ExperienceRow::outcomeStatus).collect(java.util.stream.Collectors.toList()),
                    "the first row closes; the later ones wait for their horizon");
            w = grid.<Long, UeWatch>cache(PlatformCaches.UE_WATCH).get(61L);
            assertNotNull(w, "a later row still watches the UE");
            assertEquals(2, w.size(), w.toString());
            assertEquals(3.0, store.rows("ue-two", 0, T0 + 1, 10).rows.get(0).outcomeValues()[0], 1e-6);
        }
    }

    @Test
    void aWatchedUeKeepsAtMostTheBoundOfReportsAndTheTargetIsANumericNci() throws Exception {
        UeOutcomes ues = UeOutcomes.of(grid);
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("ue-bound", 60_000, "ue.sinrDb");
            store.record(d, T0, NODE, "00f110:000004031", 71, Map.of("x", 1.0), Map.of(), System.currentTimeMillis());
            await(() -> ues.watched(71), "UE 71 watched");
            long w0 = written();
            long d0 = ues.view().get("samplesDropped");
            long t0 = ues.view().get("samplesThinned");
            int half = UeOutcomes.MAX_SAMPLES_PER_UE / 2;
            // Reports 1 ms apart: the first half of the bound is written as it comes, the rest thinned (not cut off).
            for (int i = 1; i <= half + 10; i++) offer(report(71, T0 + i, "00f110:000004031", 1, 1, null, 0));
            assertEquals(w0 + half, written());
            assertEquals(t0 + 10, ues.view().get("samplesThinned"));
            long gap = UeOutcomes.thinningGapMs(grid.settings().seriesExpiry().toMillis());
            offer(report(71, T0 + half + gap - 1, "00f110:000004031", 1, 1, null, 0));
            assertEquals(w0 + half, written(), "less than the gap after the last one written");
            // Reports one gap apart are written, up to the bound; beyond it (report times running ahead of the
            // RIC's clock) they are dropped.
            for (int i = 1; i <= half + 10; i++) offer(report(71, T0 + half + i * gap, "00f110:000004031", 1, 1, null, 0));
            assertEquals(w0 + UeOutcomes.MAX_SAMPLES_PER_UE, written());
            assertEquals(d0 + 10, ues.view().get("samplesDropped"));
        }
        ExperienceRow row = new ExperienceRow("x", NODE, CELL_A, 1, T0, T0, 1000, new String[0], new double[0],
                new String[] {"a", ExperienceSpec.TARGET_NCI_ACTION}, new double[] {0, 0x4002}, new String[] {"ue.targetSinrDb"});
        assertEquals(CELL_B, UeOutcomes.targetCell(row));
        for (double bad : new double[] {-1, 0.5, (double) (1L << 36)}) {
            ExperienceRow r = new ExperienceRow("x", NODE, CELL_A, 1, T0, T0, 1000, new String[0], new double[0],
                    new String[] {ExperienceSpec.TARGET_NCI_ACTION}, new double[] {bad}, new String[] {"ue.targetSinrDb"});
            assertNull(UeOutcomes.targetCell(r), "targetNci " + bad);
        }
    }

    @Test
    void cellScopeRowsAndUeRowsWithoutUeFiguresWatchNothing() {
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            long before = UeOutcomes.of(grid).view().get("watches");
            store.record(xapp("ue-cellkpis", 2000, "rlfCount"), T0, NODE, "00f110:000004041", 81, Map.of("x", 1.0), Map.of(),
                    System.currentTimeMillis());
            XappDescriptor cell = XappDescriptor.builder("cell-only", "1.0.0", "test", new Entry("cell-only", null))
                    .experience(new ExperienceSpec(2000, List.of("rlfCount"), ExperienceSpec.Scope.CELL, 10)).build();
            store.record(cell, T0, NODE, "00f110:000004041", 0, Map.of("x", 1.0), Map.of(), System.currentTimeMillis());
            assertEquals(before, UeOutcomes.of(grid).view().get("watches"));
            assertNull(grid.cache(PlatformCaches.UE_WATCH).get(81L));
            assertTrue(UeOutcomes.namesUe(List.of("rlfCount", "ue.lost")));
            assertFalse(UeOutcomes.namesUe(List.of("rlfCount")));
        }
    }
}
