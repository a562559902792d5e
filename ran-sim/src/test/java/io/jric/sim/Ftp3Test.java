package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import org.junit.jupiter.api.Test;

/** FTP model 3 finite-buffer traffic: PRB use follows demand, throughput follows file transfers. */
class Ftp3Test {
    private record Run(double meanPrbPct, FileTransferStats files, double maxUeThroughputKpm) {}

    /** 10 s warm-up, then 30 s measured through one KPM period over every cell. */
    private static Run run(SimConfig.Builder b, double filesPerS) {
        RanModel m = new RanModel(b.seed(21).trafficSwing(0).ftp3(filesPerS, 4).build());
        m.step(100);
        PeriodCursor cursor = m.newCursor();
        m.step(300);
        KpmIndicationMessage ind = m.indication(cursor, m.cellIds(), true);
        double prb = 0;
        for (CellMeasurement c : ind.getCellsList()) prb += c.getPrbUsedDlPct();
        double maxUe = 0;
        for (UeMeasurement u : ind.getUesList()) maxUe = Math.max(maxUe, u.getThroughputDlMbps());
        return new Run(prb / ind.getCellsCount(), m.fileTransfers(), maxUe);
    }

    @Test
    void prbUseRisesWithTheArrivalRateAndIsLowAtLowDemand() {
        Run low = run(SimConfig.builder(), 0.02);
        Run mid = run(SimConfig.builder(), 0.1);
        Run high = run(SimConfig.builder(), 0.4);
        assertTrue(low.meanPrbPct() < 15, "mean PRB use at 0.02 files/s: " + low.meanPrbPct());
        assertTrue(low.meanPrbPct() < mid.meanPrbPct() && mid.meanPrbPct() < high.meanPrbPct(),
                low.meanPrbPct() + " / " + mid.meanPrbPct() + " / " + high.meanPrbPct());
        assertTrue(high.meanPrbPct() > 70, "mean PRB use at 0.4 files/s: " + high.meanPrbPct());
    }

    @Test
    void filesCompleteAndThroughputPerFileFallsUnderOverload() {
        Run low = run(SimConfig.builder(), 0.02);
        Run high = run(SimConfig.builder(), 0.4);
        // arrivals: Poisson at 0.02 /s x 300 UEs x 40 s = 240 expected
        assertTrue(Math.abs(low.files().filesArrived() - 240) < 4 * Math.sqrt(240), "arrived " + low.files());
        assertTrue(low.files().filesCompleted() >= 0.97 * low.files().filesArrived(), low.files().toString());
        assertTrue(low.files().meanTransferMs() > 0 && low.files().meanTransferMs() < 1000, low.files().toString());
        // overload: slow transfers and queues, not a flat 100 %
        assertTrue(high.files().p50FileThroughputMbps() < 0.5 * low.files().p50FileThroughputMbps(),
                "median file throughput " + low.files().p50FileThroughputMbps() + " -> " + high.files().p50FileThroughputMbps());
        assertTrue(high.files().p5FileThroughputMbps() < 0.5 * low.files().p5FileThroughputMbps(),
                "p5 file throughput " + low.files().p5FileThroughputMbps() + " -> " + high.files().p5FileThroughputMbps());
        assertTrue(high.files().meanTransferMs() > 3 * low.files().meanTransferMs());
        assertTrue(high.files().queuedMbit() > 10 * Math.max(4, low.files().queuedMbit()),
                "queued " + low.files().queuedMbit() + " -> " + high.files().queuedMbit());
        // file throughput is size over transfer time: at most what a UE gets with a cell to itself
        assertTrue(low.files().meanFileThroughputMbps() > 0);
        assertTrue(low.maxUeThroughputKpm() > 0, "per-UE throughput reported over KPM");
    }

    @Test
    void onTwoLayersTheFullerLayerSlowsItsFilesFirst() {
        Run r = run(SimConfig.preset("two-layer"), 0.25);
        assertTrue(r.files().filesCompleted() > 0);
        assertTrue(r.files().p5FileThroughputMbps() < r.files().p50FileThroughputMbps());
    }

    @Test
    void theDefaultTrafficHasNoFiles() {
        RanModel m = new RanModel(SimConfig.builder().seed(21).build());
        m.step(50);
        FileTransferStats f = m.fileTransfers();
        assertEquals(0, f.filesArrived());
        assertEquals(0, f.queuedMbit());
    }
}
