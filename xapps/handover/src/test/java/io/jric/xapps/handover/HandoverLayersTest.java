package io.jric.xapps.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.ModelEvent;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two carriers per site (config {@code cellsPerLayer}): the xApp hands UEs over only within their serving cell's
 * layer (moves between layers stay with the RAN's A4/A5), and leads (widens A3 on) the cells whose UEs report
 * neighbours on their own layer: with the simulator's per-frequency reports (each UE names its own carrier's strongest
 * neighbours although the other layer's cells are stronger), those of both layers.
 */
class HandoverLayersTest {
    @Test
    void handsOverWithinTheServingLayerAndLeadsBothLayers() throws Exception {
        ModelBundle model = TrainerTest.small();
        SimConfig cfg = SimConfig.preset("two-layer-ftp3").seed(79).gnbs(7).ues(200).build();
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        int handovers = 0;
        int[] moves = new int[2];
        try (SimHost host = new SimHost(run, new HandoverXapp(), "handover", "{\"modelFile\":\"\",\"reportPeriodMs\":"
                + Trainer.REPORT_PERIOD_MS + Evaluate.layerConfig(cfg) + "}", 20, 46, true)) {
            host.deliverModel(new ModelEvent(HandoverModel.MODEL_NAME, model.metadata().version(), "dl4j",
                    HandoverModel.INPUT_FEATURES, model.toBytes()));
            for (int k = 0; k < 60_000 / Trainer.REPORT_PERIOD_MS; k++) {
                List<KpmReport> reports = run.nextPeriod(true);
                Map<Long, String> serving = new HashMap<>();
                for (KpmReport r : reports) for (UeKpi u : r.ues()) serving.put(u.ueId(), u.servingCellId());
                int before = host.controlLog().size();
                host.deliver(reports);
                for (String e : host.controlLog().subList(before, host.controlLog().size())) {
                    if (!e.startsWith("handover ")) continue;
                    String[] f = e.split(" ");
                    String from = serving.get(Long.parseLong(f[1]));
                    assertEquals(layerOf(from, cfg), layerOf(f[2], cfg), "a handover across layers: " + e + " from " + from);
                    handovers++;
                    moves[layerOf(f[2], cfg)]++;
                }
            }
            assertTrue(handovers > 0, "the xApp hands over within the layers");
            int[] led = new int[2];
            int[] cells = new int[2];
            int[] withUes = new int[2];
            Map<String, Integer> ues = new HashMap<>();
            for (io.jric.sim.UeView u : run.model().ues()) {
                if (u.servingCellId() != null) ues.merge(u.servingCellId(), 1, Integer::sum);
            }
            for (String c : run.model().cellIds()) {
                int l = layerOf(c, cfg);
                cells[l]++;
                if (ues.getOrDefault(c, 0) > 0) withUes[l]++;
                if (run.model().a3Hysteresis(c) != cfg.a3HysteresisDb()) led[l]++;
            }
            assertTrue(led[0] >= cells[0] * 2 / 3, "the low band's cells are led: " + led[0] + " of " + cells[0]);
            assertTrue(led[1] >= withUes[1] / 2 && led[1] > 0,
                    "the mid band's cells are led: " + led[1] + " of " + cells[1] + " (" + withUes[1] + " serve UEs now)");
            assertTrue(moves[1] > 0, "the xApp hands over within the mid band: " + moves[1] + " (low band " + moves[0] + ")");
        }
    }

    /** The simulator numbers a gNB's cells carrier x cellsPerGnb + sector. */
    private static int layerOf(String cellId, SimConfig cfg) {
        long nci = Long.parseLong(cellId.substring(cellId.indexOf(':') + 1), 16);
        return (int) ((nci & ((1L << 14) - 1)) / cfg.cellsPerGnb());
    }
}
