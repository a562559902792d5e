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
 * layer (moves between layers stay with the RAN's A4/A5), and leads (widens A3 on) only the cells whose UEs report
 * neighbours on their own layer: the low band's; the mid band's UEs report the low band's stronger cells, so the
 * mid band keeps the RAN's own A3.
 */
class HandoverLayersTest {
    @Test
    void handsOverWithinTheServingLayerAndLeadsOnlyWhereItSeesThatLayer() throws Exception {
        ModelBundle model = TrainerTest.small();
        SimConfig cfg = SimConfig.preset("two-layer-ftp3").seed(79).gnbs(7).ues(200).build();
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        int handovers = 0;
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
                }
            }
            assertTrue(handovers > 0, "the xApp hands over within the layers");
            int ledLow = 0;
            int ledHigh = 0;
            int low = 0;
            for (String c : run.model().cellIds()) {
                boolean led = run.model().a3Hysteresis(c) != cfg.a3HysteresisDb();
                if (layerOf(c, cfg) == 0) {
                    low++;
                    if (led) ledLow++;
                } else if (led) {
                    ledHigh++;
                }
            }
            assertTrue(ledLow >= low * 2 / 3, "the low band's cells are led: " + ledLow + " of " + low);
            assertEquals(0, ledHigh, "the mid band's cells keep the RAN's own A3");
        }
    }

    /** The simulator numbers a gNB's cells carrier x cellsPerGnb + sector. */
    private static int layerOf(String cellId, SimConfig cfg) {
        long nci = Long.parseLong(cellId.substring(cellId.indexOf(':') + 1), 16);
        return (int) ((nci & ((1L << 14) - 1)) / cfg.cellsPerGnb());
    }
}
