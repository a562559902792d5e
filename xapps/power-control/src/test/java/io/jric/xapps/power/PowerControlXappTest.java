package io.jric.xapps.power;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.KerasH5;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import io.jric.xapps.testing.XappRic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * power-control installed from its descriptor into a real RIC with the simulator: closes the loop,
 * obeys its A1 policy, swaps model versions and rolls back, rejects a corrupt model; and its trainer
 * makes a model that beats the trivial predictor on held-out data.
 */
class PowerControlXappTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static ModelBundle small;

    /** A small but real training run (1 recording of 1.5 simulated minutes, few epochs). */
    @BeforeAll
    static void trainSmallModel() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("power-models").toString());
        SimConfig cfg = SimConfig.builder().gnbs(3).ues(90).build();
        small = Trainer.train(new TrainOptions(3, 1, 1.5, 8, cfg));
    }

    @Test
    void trainerMakesAModelThatLoadsAndBeatsTheTrivialPredictor() throws Exception {
        ModelBundle loaded = ModelBundle.fromBytes(small.toBytes());
        assertEquals(PowerModel.INPUT_FEATURES, loaded.metadata().inputFeatures());
        Map<String, Double> v = loaded.metadata().validation();
        assertTrue(v.get("cellPowerW.mse") < 0.5 * v.get("cellPowerW.trivialMse"), v.toString());
        double sum = v.get("cellPowerW.mse") / v.get("cellPowerW.trivialMse")
                + v.get("servedThroughputRatio.mse") / v.get("servedThroughputRatio.trivialMse");
        assertTrue(sum < 2, "mean of MSE/trivial over the outputs < 1: " + v);
        // Deterministic: the same options give the same network.
        SimConfig cfg = SimConfig.builder().gnbs(3).ues(90).build();
        ModelBundle again = Trainer.train(new TrainOptions(3, 1, 1.5, 8, cfg));
        assertEquals(ModelBundle.fromBytes(small.toBytes()).metadata().sha256(),
                ModelBundle.fromBytes(again.toBytes()).metadata().sha256(), "same seed, same network");
        // The loaded bundle predicts what the trained one does.
        float[] x = {50, 20, 5, 9, 8, 46, 30};
        float[] a = new float[2];
        float[] b = new float[2];
        new Predictor(small).predict(x, a);
        new Predictor(loaded).predict(x, b);
        assertEquals(a[0], b[0], 1e-5);
        assertEquals(a[1], b[1], 1e-3);
    }

    @Test
    void deciderTakesTheXappsDecisionForOneCell() {
        PowerDecider decider = new PowerDecider(small);
        PowerModel model = new PowerModel();
        Predictor p = new Predictor(small);
        for (float tx : new float[] {46, 43, 30, 20}) {
            CellKpi c = new CellKpi().nodeId("gnb:001f01:1/22").cellId("001f01:000004000").timestampMs(1).prbUsedDlPct(35)
                    .throughputDlMbps(80).activeUes(6).avgCqi(10).avgSinrDb(12).txPowerDbm(tx);
            double level = decider.applyAsDouble(c);
            assertEquals(model.decideLevel(p, PowerPolicy.DEFAULT, List.of(c), tx), level, 1e-9, "at " + tx + " dBm");
            assertTrue(level >= Math.max(20, tx - 3) && level <= Math.min(46, tx + 3), level + " within a 3 dB step of " + tx);
        }
        assertTrue(decider.toString().contains(PowerModel.MODEL_NAME), decider.toString());
    }

    @Test
    void dl4jNativeOpsEngineDrivesTheSameLoopAsTheDefaultEngine() throws Exception {
        SimConfig cfg = SimConfig.builder().seed(9).gnbs(2).ues(60).build();
        List<String> auto = loop(cfg, "{\"modelFile\":\"\"}");
        List<String> nativeOps = loop(cfg, "{\"modelFile\":\"\",\"inferenceEngine\":\"dl4j-native-ops\"}");
        assertTrue(auto.size() >= 5, "the default engine made power controls: " + auto);
        assertEquals(auto, nativeOps, "same model, same network, same controls");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> loop(cfg, "{\"inferenceEngine\":\"gpu\"}"))
                .getMessage().contains("inferenceEngine: gpu (expected: auto, kernel, dl4j or dl4j-native-ops)"));
    }

    /**
     * The power-control xApp in-process on {@code cfg} with {@code config}, model v1 delivered and no baseline (it decides from
     * the first period): its controls over 20 periods.
     */
    private static List<String> loop(SimConfig cfg, String config) throws Exception {
        try (SimHost host = new SimHost(new SimRun(cfg, 1000), new PowerControlXapp(), "power-control", config, 20, 46, false)) {
            assertTrue(host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "now", "{\"harmBaselinePeriods\":0}", false)).isEnforced());
            host.deliverModel(event("1", small.toBytes()));
            for (int i = 0; i < 20; i++) host.step();
            return List.copyOf(host.controlLog());
        }
    }

    @Test
    void inTheRicItClosesTheLoopObeysPolicySwapsAndRollsBackModels() throws Exception {
        try (XappRic ric = XappRic.start("power-test", true);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(2).gnbs(2).ues(60).build(),
                     RanSimulator.Options.builder().speed(10).build())) {
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(2);
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            await(() -> metric(ric, "reports.withoutModel") >= 2, "reports arrive; no model, no controls");
            assertTrue(controls(ric).isEmpty(), "no model: no controls");

            // v1 through the model path (what A1-ML activation calls).
            assertAccepted(ric.node().xapps().deliverModel("power-control", event("1", small.toBytes()), T));
            await(() -> metric(ric, "decisions.1") >= 1, "decisions with v1");
            await(() -> controls(ric).stream().anyMatch(e -> e.status().equals("ACK")), "a Tx-power control acked");
            // The loop closes: the simulator applied it and reports it back.
            String cell = sim.model().cellIds().get(0);
            await(() -> sim.model().txPower(cell) < 43, "the simulator's cell power moved below its initial 43 dBm");
            await(() -> reportedPower(ric, cell) < 43, "the RIC's KPM shows the new power");

            // Policy: at most 30 dBm -> no control above it, every cell ends at or below it.
            PolicyStatus st = ric.node().xapps().deliverPolicy("power-control", new PolicyEvent(PowerPolicy.TYPE, "cap",
                    "{\"minTxPowerDbm\":20,\"maxTxPowerDbm\":30,\"energyWeight\":0.8,\"maxThroughputLossPct\":2,\"maxStepDb\":3}",
                    false), T).values().iterator().next();
            assertTrue(st.isEnforced(), st.reason());
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().txPower(c) <= 30), "every cell <= 30 dBm");
            for (int i = 0; i < 30; i++) {  // and stays there (no control above the maximum)
                for (String c : sim.model().cellIds()) assertTrue(sim.model().txPower(c) <= 30, c + " above the policy max");
                Thread.sleep(50);
            }
            // Raise the floor: 35..38 -> cells come up into the range.
            ric.node().xapps().deliverPolicy("power-control", new PolicyEvent(PowerPolicy.TYPE, "cap",
                    "{\"minTxPowerDbm\":35,\"maxTxPowerDbm\":38}", false), T);
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().txPower(c) >= 35 && sim.model().txPower(c) <= 38),
                    "every cell within 35..38 dBm");

            // v2 replaces v1; rollback to v1 brings v1 back.
            assertAccepted(ric.node().xapps().deliverModel("power-control", event("2", small.withVersion("2").toBytes()), T));
            long v2Before = metric(ric, "decisions.2");
            await(() -> metric(ric, "decisions.2") > v2Before + 1, "decisions with v2");
            assertEquals(1, metric(ric, "model.active.2"));
            assertEquals(0, metric(ric, "model.active.1"));
            assertAccepted(ric.node().xapps().deliverModel("power-control", event("1", small.toBytes()), T));
            long v1 = metric(ric, "decisions.1");
            long v2 = metric(ric, "decisions.2");
            await(() -> metric(ric, "decisions.1") > v1 + 1, "decisions with v1 after rollback");
            assertTrue(metric(ric, "decisions.2") <= v2 + 1, "v2 no longer used");
            assertEquals(1, metric(ric, "model.active.1"));

            // A corrupt model is rejected; v1 stays active.
            byte[] corrupt = small.toBytes();
            corrupt[corrupt.length / 2] ^= 0x5a;
            Map<String, String> r = ric.node().xapps().deliverModel("power-control", event("3", corrupt), T);
            assertNotNull(r.values().iterator().next(), "corrupt model rejected");
            Map<String, String> r2 = ric.node().xapps().deliverModel("power-control", event("4", "not a zip".getBytes()), T);
            assertNotNull(r2.values().iterator().next(), "garbage rejected");
            long v1b = metric(ric, "decisions.1");
            await(() -> metric(ric, "decisions.1") > v1b + 1, "v1 still used");
            assertEquals(0, metric(ric, "decisions.3") + metric(ric, "decisions.4"));
            assertEquals(2, metric(ric, "model.rejected"));

            // Keras h5 (A1-ML format keras-h5): v1 exported with its normalisation folded in, imported with
            // DL4J's Keras import, predicts as v1 did and drives the loop; a truncated h5 is rejected.
            byte[] h5 = KerasH5.export(small);
            assertAccepted(ric.node().xapps().deliverModel("power-control", kerasEvent("5", h5), T));
            long v5 = metric(ric, "decisions.5");
            await(() -> metric(ric, "decisions.5") > v5 + 1, "decisions with the Keras model v5");
            assertEquals(1, metric(ric, "model.active.5"));
            Map<String, String> r3 = ric.node().xapps().deliverModel("power-control",
                    kerasEvent("6", java.util.Arrays.copyOf(h5, h5.length / 2)), T);
            assertTrue(r3.values().iterator().next().contains("Keras model"), r3.toString());
            assertEquals(1, metric(ric, "model.active.5"), "v5 stays active");
            assertEquals(3, metric(ric, "model.rejected"));
        }
    }

    /**
     * Each decision is recorded with what the model saw of each cell and the level chosen, and the RIC
     * attaches the outcome (the cell's throughput, PRB use and energy over the next 5 s of KPM series) on its
     * own; the export endpoint serves the rows.
     */
    @Test
    void inTheRicEachDecisionIsRecordedAndItsOutcomeAttached() throws Exception {
        try (XappRic ric = XappRic.start(XappRic.config("power-exp", true).set("admin.auth", "off"))) {
            RanSimulator sim = ric.simulator(2, 60, 3, 10);
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            assertAccepted(ric.node().xapps().deliverModel("power-control", event("1", small.toBytes()), T));
            await(() -> metric(ric, "decisions.1") >= 2, "decisions with v1");
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            com.fasterxml.jackson.databind.JsonNode body = XappRic.awaitValue(() -> {
                try {
                    com.fasterxml.jackson.databind.JsonNode b = mapper.readTree(ric.experience("power-control"));
                    int ok = 0;
                    for (com.fasterxml.jackson.databind.JsonNode r : b.get("rows")) if (r.get("outcomeStatus").asText().equals("OK")) ok++;
                    return ok >= 6 ? b : null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "6 experience rows with their outcome attached");
            java.util.Set<String> cells = new java.util.HashSet<>(sim.model().cellIds());
            for (com.fasterxml.jackson.databind.JsonNode r : body.get("rows")) {
                assertTrue(cells.contains(r.get("cellId").asText()), r.toString());
                assertEquals(PowerModel.KPI_FEATURES.stream().sorted().collect(java.util.stream.Collectors.toList()),
                        iterable(r.get("features").fieldNames()), "the features the model saw");
                double level = r.get("action").get("txPowerDbm").asDouble();
                assertTrue(level >= 20 && level <= 46, r.toString());
                if (!r.get("outcomeStatus").asText().equals("OK")) continue;
                assertTrue(r.get("outcomeSamples").asInt() >= 1, r.toString());
                assertTrue(r.get("outcome").get("energyWh").asDouble() > 0, "energy over the horizon: " + r);
                assertTrue(r.get("outcome").has("throughputDlMbps") && r.get("outcome").has("prbUsedDlPct"), r.toString());
            }
            assertTrue(metric(ric, "experience.recorded") >= 6);
            assertEquals(0, metric(ric, "experience.dropped"));
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static ModelEvent kerasEvent(String version, byte[] content) {
        return new ModelEvent(PowerModel.MODEL_NAME, version, "keras-h5", PowerModel.INPUT_FEATURES, content);
    }

    /**
     * Do no harm, on the simulator's two-layer network (a 100 MHz n78 layer over a 10 MHz n28 one, FTP3 traffic), where a
     * model trained on one carrier takes the coverage-limited capacity cells too low: during the baseline the xApp sends
     * nothing; once it lowers the cells and their radio link failures rise past the bound, every cell gets its own power
     * back in the same decision and keeps it while the guard holds.
     */
    @Test
    void theGuardLearnsTheFailureRateFirstThenGivesEveryCellItsOwnPowerBackWhenFailuresRise() throws Exception {
        SimRun run = new SimRun(SimConfig.preset("two-layer-ftp3").seed(77).build(), 1000);
        List<String> cells = run.model().cellIds();
        for (String c : cells) run.model().setTxPower(c, 46);
        try (SimHost host = new SimHost(run, new PowerControlXapp(), "power-control", "{\"modelFile\":\"\"}", 20, 46, false)) {
            assertTrue(host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "guard",
                    "{\"harmBaselinePeriods\":30,\"harmHoldPeriods\":1000}", false)).isEnforced());
            host.deliverModel(event("1", small.toBytes()));
            for (int i = 0; i < 30; i++) host.step();
            assertEquals(30, host.metrics().get("decisions.baseline"));
            assertTrue(host.controlLog().isEmpty(), "baseline: no control, " + host.controlLog());
            int periods = 0;
            while (host.metrics().get("guard.trips") == 0 && periods++ < 240) host.step();
            assertEquals(1, host.metrics().get("guard.trips"), "tripped within 4 simulated minutes: " + host.metricValues());
            assertTrue(host.metrics().get("decisions.1") > 0, "it had lowered the cells");
            for (String c : cells) assertEquals(46, run.model().txPower(c), 1e-9, c + " has its own power back");
            List<String> atTrip = List.copyOf(host.controlLog());
            for (int i = 0; i < 10; i++) host.step();
            assertEquals(atTrip, host.controlLog(), "held: no control");
            assertEquals(10, host.metrics().get("decisions.held"));
            for (String c : cells) assertEquals(46, run.model().txPower(c), 1e-9, c);
            // the policy's range still holds while held: a lower maximum brings every cell down to it
            assertTrue(host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "guard",
                    "{\"maxTxPowerDbm\":40,\"harmBaselinePeriods\":30,\"harmHoldPeriods\":1000}", false)).isEnforced());
            host.step();
            for (String c : cells) assertEquals(40, run.model().txPower(c), 1e-9, c);
        }
    }

    /**
     * Several carriers, with the operator's numbering of the cells in the config ({@code cellsPerLayer}): the xApp lowers
     * one layer at a time, by one step, after its baseline; the n78 capacity layer, lowered, pushes its UEs onto n28, so
     * its trial fails and it gets its own power back while n28 keeps the level it earned.
     */
    @Test
    void withTheCarrierPlanOneLayerIsLoweredAtATimeAndALayerWhoseUesSpillGetsItsPowerBack() throws Exception {
        SimRun run = new SimRun(SimConfig.preset("two-layer-ftp3").seed(77).build(), 1000);
        List<String> cells = run.model().cellIds();
        for (String c : cells) run.model().setTxPower(c, 46);
        List<String> n28 = cells.stream().filter(c -> run.model().carrierOf(c).equals("n28")).toList();
        List<String> n78 = cells.stream().filter(c -> run.model().carrierOf(c).equals("n78")).toList();
        try (SimHost host = new SimHost(run, new PowerControlXapp(), "power-control", "{\"modelFile\":\"\",\"cellsPerLayer\":3}",
                20, 46, false)) {
            // radio link failures do not judge here (allowance 1000 %): the spill of UEs onto the other layer does
            assertTrue(host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "layers",
                    "{\"harmBaselinePeriods\":20,\"harmHoldPeriods\":1000,\"harmAllowancePct\":1000}", false)).isEnforced());
            host.deliverModel(event("1", small.toBytes()));
            for (int i = 0; i < 20; i++) host.step();
            assertEquals(20, host.metrics().get("decisions.baseline"));
            assertTrue(host.controlLog().isEmpty(), "baseline: no control, " + host.controlLog());
            host.step();
            assertEquals(1, host.metrics().get("layer.trials.started"), host.metricValues().toString());
            for (String c : n28) assertEquals(45, run.model().txPower(c), 1e-9, c + ": a trial lowers its layer 1 dB a decision");
            for (int i = 0; i < 5; i++) host.step();
            for (String c : n28) assertEquals(40, run.model().txPower(c), 1e-9, c + ": the first layer's trial, one 6 dB step");
            for (String c : n78) assertEquals(46, run.model().txPower(c), 1e-9, c + ": one layer at a time");
            int periods = 0;
            while (host.metrics().get("layer.trials.spilled") == 0 && periods++ < 120) host.step();
            assertEquals(1, host.metrics().get("layer.trials.spilled"), "n78's trial failed: " + host.metricValues());
            assertEquals(1, host.metrics().get("layer.trials.accepted"), "n28's trial lasted its probation");
            host.step();
            for (String c : n78) assertEquals(46, run.model().txPower(c), 1e-9, c + " has its own power back");
            for (String c : n28) assertTrue(run.model().txPower(c) <= 40, c + " keeps its level: " + run.model().txPower(c));
        }
    }

    @Test
    void guardFieldsOutOfRangeAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerPolicy.parse("{\"harmHoldPeriods\":-1}"))
                .getMessage().contains("harmHoldPeriods -1 (expected >= 0)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerPolicy.parse("{\"harmBaselinePeriods\":-2}"))
                .getMessage().contains("harmBaselinePeriods -2 (expected >= 0)"));
        PowerPolicy p = PowerPolicy.parse("{\"harmAllowancePct\":-1}");
        assertEquals(-1, p.harmAllowancePct());
        assertEquals(PowerPolicy.DEFAULT.harmBaselinePeriods(), p.harmBaselinePeriods());
    }

    private static ModelEvent event(String version, byte[] content) {
        return new ModelEvent(PowerModel.MODEL_NAME, version, "dl4j", PowerModel.INPUT_FEATURES, content);
    }

    private static void assertAccepted(Map<String, String> r) {
        assertEquals(1, r.size(), r.toString());
        assertNull(r.values().iterator().next(), r.toString());
    }

    private static double reportedPower(XappRic ric, String cellId) {
        for (Cache.Entry<CellKey, CellKpi> e : ric.node().grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                .query(new ScanQuery<CellKey, CellKpi>())) {
            if (e.getValue().cellId().equals(cellId)) return e.getValue().txPowerDbm();
        }
        return Double.NaN;
    }

    private static long metric(XappRic ric, String name) {
        return ric.metric("power-control", name);
    }

    private static List<ControlLogEntry> controls(XappRic ric) {
        return ric.controls("power-control", c -> true);
    }
}
