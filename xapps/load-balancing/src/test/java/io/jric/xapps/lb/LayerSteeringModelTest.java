package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.ModelEvent;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The learned two-layer step choice ({@link LayerPlanner}) with a tiny fake predictor, the features of who an offset
 * would move ({@link LayerState}), and the xApp's fallback to the fixed rule while no layer model is active.
 */
class LayerSteeringModelTest {
    /**
     * The default policy with the 10 dB range, 2 dB steps and 50 % trigger the layer model was trained on (the default is
     * 16 dB since issue #16's second round, 4 dB steps and a 25 % trigger since its fourth).
     */
    private static final LbPolicy TEN_DB =
            LbPolicy.parse("{\"layerOffsetMaxDb\":10,\"layerStepDb\":2,\"layerUpPct\":50,\"layerDownPct\":30,\"layerBackOffPct\":50}");

    private static final LayerPlan PLAN = new LayerPlan(List.of(151_600L, 636_666L), 3, 14, -110, -110);
    private static final int GNB = 1;

    private static String cell(int local) {
        return "00f110:" + Long.toHexString(((long) GNB << 14) | local);
    }

    /** One report: per sector {coverage load, capacity load}; {@code ues} coverage-cell UEs of sector 0 seeing n78 at these RSRPs. */
    private static KpmReport report(double[][] loads, float[] capacityRsrp) {
        List<CellKpi> cells = new ArrayList<>();
        for (int s = 0; s < loads.length; s++) {
            for (int l = 0; l < 2; l++) {
                cells.add(new CellKpi().nodeId("gnb1").cellId(cell(l * 3 + s)).prbUsedDlPct((float) loads[s][l]).activeUes(5));
            }
        }
        List<UeKpi> ues = new ArrayList<>();
        for (int u = 0; u < capacityRsrp.length; u++) {
            // a capacity-layer cell and a coverage-layer neighbour; the order and the count are the RAN's
            ues.add(new UeKpi().ueId(u).nodeId("gnb1").servingCellId(cell(0)).rsrpDbm(-90).prbUsedDl(4)
                    .neighbourCellIds(new String[] {cell(1), cell(3)}).neighbourRsrpDbm(new float[] {-95, capacityRsrp[u]}));
        }
        return new KpmReport("gnb1", "t", SimRun.EPOCH_MS, cells, ues, 0);
    }

    private record Period(CellState state, LayerState layers, UeReturns returns, List<String[]> sectors) {}

    private static Period period(double[][] loads, float[] capacityRsrp) {
        CellState state = new CellState();
        LayerState layers = new LayerState(PLAN, -105);
        UeReturns returns = new UeReturns(10_000, PLAN::layer);
        KpmReport r = report(loads, capacityRsrp);
        state.add(r);
        layers.add(r);
        returns.add(r);
        List<String[]> sectors = new ArrayList<>();
        for (int s = 0; s < loads.length; s++) sectors.add(new String[] {cell(s), cell(3 + s)});
        return new Period(state, layers, returns, sectors);
    }

    /** A fake model: a step of x dB moves 10x % PRB off the coverage cell and 5x % onto the capacity cell; harm {@code harmPerDb} per dB up. */
    private static LayerModel.Inference fake(double harmPerDb) {
        int nf = LayerModel.INPUT_FEATURES.size();
        return (x, rows, y) -> {
            for (int i = 0; i < rows; i++) {
                double step = x[i * nf + 5];
                y[3 * i] = (float) (x[i * nf] - 10 * step);
                y[3 * i + 1] = (float) (x[i * nf + 1] + 5 * step);
                y[3 * i + 2] = (float) Math.max(0, harmPerDb * step);
            }
        };
    }

    @Test
    void theModelsPredictionsChooseTheStepPerSector() {
        // sector 0: coverage cell loaded, capacity idle; sector 1: both light; sector 2: both loaded, offset at the top
        Period p = period(new double[][] {{90, 10}, {20, 10}, {95, 90}}, new float[0]);
        double[] next = LayerPlanner.choose(fake(0), p.state(), p.layers(), p.returns(), p.sectors(), new double[] {4, 6, 10},
                TEN_DB);
        // up where it lowers the load above the target; held where no step changes the cost (both cells light), and at
        // the top of the range where a step down would put more load above the target
        assertArrayEquals(new double[] {6, 6, 10}, next, 1e-9);
        // a predicted harm of 1 event per dB up (20 % each) outweighs the load moved (40 -> 20 % above): sector 0 holds
        double[] harmful = LayerPlanner.choose(fake(1), p.state(), p.layers(), p.returns(), p.sectors(), new double[] {4, 6, 10},
                TEN_DB);
        assertEquals(4, harmful[0], 1e-9);
        // within the policy's range and step: at 0 no step down, at the maximum no step up
        assertArrayEquals(new double[] {0.0, -2.0, 2.0}, LayerPlanner.candidates(4, TEN_DB), 1e-9);
        assertArrayEquals(new double[] {0.0, 2.0}, LayerPlanner.candidates(0, TEN_DB), 1e-9);
        assertArrayEquals(new double[] {0.0, -2.0}, LayerPlanner.candidates(10, TEN_DB), 1e-9);
    }

    @Test
    void featuresCountWhomTheOffsetWouldMove() {
        // A4 at -105 dBm: headroom +3, -1, -3, -7, -20 dB
        Period p = period(new double[][] {{80, 10}}, new float[] {-102, -106, -108, -112, -125});
        int nf = LayerModel.INPUT_FEATURES.size();
        float[] x = new float[nf];
        p.layers().features(p.state(), p.returns(), cell(0), cell(3), 0, 2, x, 0);
        assertEquals(80, x[0], 1e-6);
        assertEquals(10, x[1], 1e-6);
        assertEquals(2, x[5], 1e-6);
        assertEquals(1, x[6], 1e-6, "above the A4 threshold");
        assertEquals(2, x[7], 1e-6, "within 2 dB");
        assertEquals(3, x[8], 1e-6, "within 4 dB");
        assertEquals(3, x[9], 1e-6, "within 6 dB");
        assertEquals(4, x[10], 1e-6, "within 10 dB");
        assertEquals(1, x[11], 1e-6, "a 2 dB step up moves the UE 1 dB below the threshold");
        assertEquals(4, x[12], 1e-6, "and its PRBs");
        assertEquals(5, x[13], 1e-6, "UEs on the coverage cell");
        // with 4 dB in force a 2 dB step down stops the UE 0..2 dB above the threshold (-108 dBm)
        p.layers().features(p.state(), p.returns(), cell(0), cell(3), 4, -2, x, 0);
        assertEquals(-1, x[11], 1e-6);
        assertEquals(-4, x[12], 1e-6);
        assertEquals(3, x[6], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new LayerState(PLAN, 0));
    }

    @Test
    void malformedNeighbourIdsAreSkipped() {
        LayerState layers = new LayerState(PLAN, -105);
        CellState state = new CellState();
        KpmReport r = report(new double[][] {{50, 10}}, new float[0]);
        UeKpi odd = new UeKpi().ueId(9).nodeId("gnb1").servingCellId(cell(0)).rsrpDbm(-90).prbUsedDl(4)
                .neighbourCellIds(new String[] {"garbage", "00f110:zz"}).neighbourRsrpDbm(new float[] {-60, -60});
        KpmReport withOdd = new KpmReport("gnb1", "t", SimRun.EPOCH_MS, r.cells(), List.of(odd), 0);
        state.add(withOdd);
        layers.add(withOdd);
        float[] x = new float[LayerModel.INPUT_FEATURES.size()];
        layers.features(state, new UeReturns(10_000, PLAN::layer), cell(0), cell(3), 0, 2, x, 0);
        assertEquals(0, x[10], 1e-6, "no capacity-layer cell reported");
        assertEquals(1, x[13], 1e-6, "the UE is counted on its cell");
    }

    /** A tiny real bundle of the layer model's shape (random rows, two epochs): what is learned does not matter here. */
    static ModelBundle tinyBundle(List<String> inputs, List<String> outputs) {
        int nf = inputs.size();
        Dataset d = new Dataset(nf, outputs.size());
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            float[] x = new float[nf];
            for (int k = 0; k < nf; k++) x[k] = (float) (r.nextDouble() * 10);
            float[] y = new float[outputs.size()];
            for (int k = 0; k < y.length; k++) y[k] = (float) (r.nextDouble() * 100);
            d.add(x, y);
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(5, 2, 8);
        return MlpTrainer.bundle(MlpTrainer.train(d, spec), LayerModel.MODEL_NAME, "1", inputs, outputs, spec, "test", Map.of(),
                Map.of());
    }

    @Test
    void withoutALayerModelTheRuleSteersAndADeliveredOneTakesOver() throws Exception {
        SimConfig cfg = SimConfig.preset("two-layer-ftp3").seed(779).gnbs(1).ues(60).build();
        try (SimHost host = new SimHost(new SimRun(cfg, Trainer.REPORT_PERIOD_MS), new LoadBalancingXapp(), "load-balancing",
                Evaluate.layerConfig(cfg), 20, 46, true)) {
            for (int k = 0; k < 31; k++) host.step();
            Map<String, Long> m = host.metricValues();
            assertEquals(6L, m.getOrDefault("layer.decisions.rule", 0L), "one rule decision per 5 s: " + m);
            assertEquals(0L, m.getOrDefault("layer.decisions.model", 0L));
            ModelBundle b = tinyBundle(LayerModel.INPUT_FEATURES, LayerModel.OUTPUTS);
            // a bundle of another shape is rejected and the rule goes on
            assertThrows(Exception.class, () -> host.deliverModel(new ModelEvent(LayerModel.MODEL_NAME, "0", "dl4j",
                    LbModel.INPUT_FEATURES, tinyBundle(LbModel.INPUT_FEATURES, LbModel.OUTPUTS).toBytes())));
            host.deliverModel(new ModelEvent(LayerModel.MODEL_NAME, "1", "dl4j", LayerModel.INPUT_FEATURES, b.toBytes()));
            for (int k = 0; k < 30; k++) host.step();
            m = host.metricValues();
            assertEquals(6L, m.getOrDefault("layer.decisions.rule", 0L), m.toString());
            assertEquals(6L, m.getOrDefault("layer.decisions.model", 0L), m.toString());
            assertTrue(host.controlLog().stream().noneMatch(c -> c.startsWith("cell_individual_offset")), host.controlLog().toString());
        }
    }
}
