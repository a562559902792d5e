package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.RicGrid;
import io.jric.testing.TestGrids;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grid writer against a real grid: an idle writer is woken by the next offer, a trickle is written
 * without a wake-up per offer, and above the high-water mark the offering association is paused and
 * resumed once the writer has caught up, with every record in the grid (nothing dropped).
 */
class IngestPipelineTest {
    private static RicGrid grid;

    @BeforeAll
    static void startGrid() {
        grid = TestGrids.start();
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    /** One indication's records: {@code cells} cells and {@code ues} UEs of node {@code node}, at {@code ts}. */
    private static IngestBatch batch(String node, int cells, int ues, long firstUe, long ts) {
        IngestBatch b = new IngestBatch(cells, ues, ts);
        for (int i = 0; i < cells; i++) {
            String cell = String.format("00f110:%09x", i + 1);
            b.cellKeys[i] = new CellKey(node, cell);
            b.sampleKeys[i] = new CellSampleKey(node, cell, ts);
            b.cells[i] = new CellKpi().nodeId(node).cellId(cell).timestampMs(ts).prbUsedDlPct(10 + i);
        }
        for (int i = 0; i < ues; i++) {
            b.ueIds[i] = firstUe + i;
            b.ues[i] = new UeKpi();
        }
        return b;
    }

    @Test
    void onlyTheReportsOfUesAnExperienceRowWatchesAreKeptAsTheirSeries() throws Exception {
        io.jric.core.internal.xapp.UeOutcomes ueOutcomes = io.jric.core.internal.xapp.UeOutcomes.of(grid);
        String node = "gnb:00f110:3/22";
        ueOutcomes.watch(node, 9_002L, System.currentTimeMillis() + 60_000, System.currentTimeMillis());
        Await.until(() -> ueOutcomes.watched(9_002L), "UE 9002 watched");
        long w0 = ueOutcomes.view().get("samplesWritten");
        E2Settings s = E2Settings.builder().port(0).build();
        try (IngestPipeline p = new IngestPipeline(grid, s)) {
            IngestBatch b = batch(node, 1, 3, 9_001L, 1_700_000_000_500L);
            for (int i = 0; i < 3; i++) b.ues[i].ueId(9_001L + i).nodeId(node).timestampMs(1_700_000_000_500L);
            assertTrue(p.offer(b, () -> { }));
            assertTrue(p.flush(30_000));
        }
        // The three UEs' latest records are in the grid; only the watched UE's report is in its series.
        assertEquals(3, java.util.stream.LongStream.of(9_001L, 9_002L, 9_003L)
                .filter(u -> grid.cache(KpmCaches.UE_LATEST).get(u) != null).count());
        assertEquals(w0 + 1, ueOutcomes.view().get("samplesWritten"));
        org.apache.ignite.IgniteCache<io.jric.core.internal.grid.UeSampleKey, UeKpi> series =
                grid.cache(io.jric.core.internal.grid.PlatformCaches.UE_SERIES);
        assertEquals(9_002L, series.get(new io.jric.core.internal.grid.UeSampleKey(node, 9_002L, 1_700_000_000_500L)).ueId());
        assertEquals(null, series.get(new io.jric.core.internal.grid.UeSampleKey(node, 9_001L, 1_700_000_000_500L)));
    }

    @Test
    void anIdleWriterIsWokenByTheNextOfferAndATrickleNeedsNoWakeUpPerOffer() throws Exception {
        E2Settings s = E2Settings.builder().port(0).build();
        try (IngestPipeline p = new IngestPipeline(grid, s)) {
            Thread.sleep(300);  // nothing queued: the writer has gone idle
            long w0 = p.writerWakeups();
            assertTrue(p.offer(batch("gnb:00f110:1/22", 2, 0, 0, 1_700_000_000_000L), () -> { }));
            Await.until(() -> p.recordsWritten() == 2, "the first batch written");
            assertTrue(p.writerWakeups() - w0 <= 1, "the idle writer was woken at most once");
            assertEquals(10f, grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                    .get(new CellKey("gnb:00f110:1/22", "00f110:000000001")).prbUsedDlPct());
            // 20 bursts of 10 offers: about one wake-up per burst (when the writer had gone idle), none per offer. The
            // bound allows two per burst: a writer preempted mid-burst may go idle and be woken again; one per offer
            // (200) is what this guards against.
            long w1 = p.writerWakeups();
            for (int burst = 0; burst < 20; burst++) {
                for (int i = 0; i < 10; i++) {
                    assertTrue(p.offer(batch("gnb:00f110:2/22", 1, 0, 0, 1_700_000_000_001L + burst * 10 + i), () -> { }));
                }
                Thread.sleep(1);
            }
            Await.until(() -> p.recordsWritten() == 202, "the bursts written");
            assertTrue(p.writerWakeups() - w1 <= 40, (p.writerWakeups() - w1) + " wake-ups for 200 offers in 20 bursts");
            assertEquals(0, p.backlog());
        }
    }

    @Test
    void writingTheCachesInParallelLandsEveryRecordAndTheControlLog() throws Exception {
        System.setProperty("jric.ingest.parallelWrites", "true");  // the replicated grid's way, on this one-node grid
        IngestPipeline p;
        try {
            p = new IngestPipeline(grid, E2Settings.builder().port(0).ingestBatchRecords(64).build());
        } finally {
            System.clearProperty("jric.ingest.parallelWrites");
        }
        String node = "gnb:00f110:4/22";
        try (p) {
            long ues0 = grid.cache(KpmCaches.UE_LATEST).sizeLong();
            long series0 = grid.cache(KpmCaches.CELL_SERIES).sizeLong();
            long log0 = grid.cache(io.jric.api.e2.E2Caches.CONTROL_LOG).sizeLong();
            for (int i = 0; i < 50; i++) assertTrue(p.offer(batch(node, 3, 10, 9_000_000L + i * 10L, 1_700_000_100_000L + i), () -> { }));
            p.logControl(node, "tx_power 00f110:000000001 40.0 dBm", "ACK", "", 1000, "test");
            assertTrue(p.flush(30_000));
            assertEquals(50 * 13, p.recordsWritten());
            assertEquals(ues0 + 500, grid.cache(KpmCaches.UE_LATEST).sizeLong());
            assertEquals(series0 + 150, grid.cache(KpmCaches.CELL_SERIES).sizeLong());
            assertEquals(log0 + 1, grid.cache(io.jric.api.e2.E2Caches.CONTROL_LOG).sizeLong());
            assertEquals(0, p.writeErrors());
        }
    }

    @Test
    void aboveTheHighWaterMarkTheOffererPausesAndResumesWithNothingDropped() throws Exception {
        E2Settings s = E2Settings.builder().port(0).ingestQueueRecords(1000).ingestBatchRecords(100).build();
        String node = "gnb:00f110:3/22";
        try (IngestPipeline p = new IngestPipeline(grid, s)) {
            AtomicInteger resumed = new AtomicInteger();
            CountDownLatch resumedOnce = new CountDownLatch(1);
            int offered = 0;
            boolean paused = false;
            // 40 UEs per batch, distinct UE ids: offer until the pipeline says stop (as an association would).
            long before = grid.cache(KpmCaches.UE_LATEST).sizeLong();
            while (!paused && offered < 100_000) {
                paused = !p.offer(batch(node, 0, 40, 5_000_000L + offered * 40L, 1_700_000_000_000L), () -> {
                    resumed.incrementAndGet();
                    resumedOnce.countDown();
                });
                offered++;
            }
            assertTrue(paused, "the offerer was told to pause");
            assertTrue(resumedOnce.await(30, TimeUnit.SECONDS), "and resumed once the writer caught up");
            assertEquals(1, resumed.get());
            int total = offered * 40;
            Await.until(() -> p.recordsWritten() == total, "every record written");
            assertTrue(p.flush(10_000));
            assertEquals(before + total, grid.cache(KpmCaches.UE_LATEST).sizeLong(), "nothing dropped");
            assertEquals(0, p.backlog());
            assertEquals(0, p.writeErrors());
        }
    }
    @Test
    void withTwoWritersEveryKeyEndsWithItsLastReportAndNothingIsLost() throws Exception {
        // 4 nodes take turns; every indication reports the same 40 UEs (a handover-like mix: UE u is reported by the
        // nodes in turn) and the node's 3 cells, with a rising time. Whichever writer writes a key, its last value
        // in the grid must be the last one offered: per-key order across the two writers.
        E2Settings s = E2Settings.builder().port(0).ingestWriters(2).ingestBatchRecords(64).build();
        String[] nodes = {"gnb:00f110:11/22", "gnb:00f110:12/22", "gnb:00f110:13/22", "gnb:00f110:14/22"};
        long firstUe = 7_000_000L;
        int indications = 400;
        try (IngestPipeline p = new IngestPipeline(grid, s)) {
            assertEquals(2, p.writers());
            for (int i = 0; i < indications; i++) {
                String node = nodes[i % nodes.length];
                long ts = 1_700_000_200_000L + i;
                IngestBatch b = batch(node, 3, 40, firstUe, ts);
                for (int u = 0; u < 40; u++) b.ues[u].ueId(firstUe + u).nodeId(node).timestampMs(ts);
                for (int c = 0; c < 3; c++) b.cells[c].timestampMs(ts);
                if (!p.offer(b, () -> { })) assertTrue(p.flush(30_000));  // paused: wait, as gRPC flow control would
            }
            assertTrue(p.flush(30_000));
            assertEquals(indications * 43L, p.recordsWritten());
            assertEquals(0, p.writeErrors());
            assertEquals(0, p.backlog());
            long last = 1_700_000_200_000L + indications - 1;
            for (int u = 0; u < 40; u++) {
                UeKpi got = grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).get(firstUe + u);
                assertEquals(last, got.timestampMs(), "UE " + (firstUe + u));
                assertEquals(nodes[(indications - 1) % nodes.length], got.nodeId());
            }
            for (int n = 0; n < nodes.length; n++) {
                long expected = 1_700_000_200_000L + (indications - nodes.length + n);
                assertEquals(expected, grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                        .get(new CellKey(nodes[n], "00f110:000000001")).timestampMs(), nodes[n]);
            }
        }
    }
}
