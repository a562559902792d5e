package io.jric.xapps.anomaly;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.sim.Fault;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.TrainOptions;
import io.jric.xapps.testing.XappRic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * anomaly-detection installed from its descriptor into a real RIC with the simulator: a fault
 * injected into the simulator shows up as findings in the grid cache; the A1 policy silences it;
 * model versions swap and roll back; a corrupt model is rejected; the trainer beats the trivial
 * predictor on held-out data.
 */
class AnomalyDetectionXappTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static ModelBundle small;

    @BeforeAll
    static void trainSmallModel() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("anomaly-models").toString());
        small = Trainer.train(new TrainOptions(3, 2, 4, 10, SimConfig.builder().gnbs(3).ues(90).build()));
    }

    @Test
    void trainerMakesAModelThatLoadsAndBeatsTheTrivialPredictor() throws Exception {
        ModelBundle loaded = ModelBundle.fromBytes(small.toBytes());
        assertEquals(AnomalyFeaturizer.INPUT_FEATURES, loaded.metadata().inputFeatures());
        Map<String, Double> v = loaded.metadata().validation();
        assertTrue(v.get("f1") > v.get("trivialF1") + 0.2, "fault F1 above the trivial 'always normal' predictor's: " + v);
        assertTrue(v.get("accuracy") >= v.get("trivialAccuracy") - 0.01, v.toString());
    }

    @Test
    void withoutAModelItLearnsAndReportsNothingEvenWhenAFaultHits() throws Exception {
        SimConfig cfg = SimConfig.builder().seed(7).gnbs(3).ues(90).build();
        io.jric.xapps.ml.SimRun run = new io.jric.xapps.ml.SimRun(cfg, (int) Trainer.PERIOD_MS);
        run.model().injectFault(Fault.cellOutage(run.model().cellIds().get(2), run.model().timeMs() + 20_000, 20_000));
        try (io.jric.xapps.ml.SimHost host = new io.jric.xapps.ml.SimHost(run, new AnomalyDetectionXapp(), "anomaly-detection",
                "{\"modelFile\":\"\",\"findingsCache\":\"ric.anomalies\"}", 20, 46, true)) {
            for (int k = 0; k < 60; k++) host.step();
            assertEquals(Map.of(), host.publishedTo(AnomalyDetectionXapp.FINDINGS), "no findings while learning");
            long learned = host.metrics().get("decisions.learning");
            assertTrue(learned >= 30 * 9 && learned <= 60 * 9, "cell reports learned from: " + learned);
            assertEquals(0, host.metrics().get("decisions.threeSigma"));
        }
    }

    @Test
    void inTheRicItReportsAnInjectedFaultToTheGridAndObeysPolicyAndModelVersions() throws Exception {
        try (XappRic ric = XappRic.start("anomaly-test", true);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(5).gnbs(3).ues(90).build(),
                     RanSimulator.Options.builder().speed(10).build())) {
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(3);
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false,",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\",");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            assertAccepted(ric.node().xapps().deliverModel("anomaly-detection", event("1", small.toBytes()), T));
            await(() -> metric(ric, "decisions.1") >= 30, "the model judges reports");

            // A cell outage in the simulator becomes findings in ric.anomalies naming that cell.
            String cell = sim.model().cellIds().get(4);
            sim.injectFault(Fault.cellOutage(cell, sim.model().timeMs() + 1000, 25_000));
            // Without a model the xApp only learns (no 3-sigma fallback by default): every finding is the model's.
            await(() -> findingsFor(ric, cell).size() >= 1, "a finding for the faulty cell in the grid");
            // The alarm is counted before its finding is written, so it is visible by now; every type counts.
            long alarms = 0;
            for (String type : new String[] {"CELL_OUTAGE", "INTERFERENCE_BURST", "KPI_DEGRADATION", "UNCLASSIFIED"}) {
                alarms += metric(ric, "alarms." + type);
            }
            assertTrue(alarms >= 1, "an alarm raised");
            assertEquals(0, metric(ric, "alarms.UNCLASSIFIED"), "no alarm from an untrained rule");
            String finding = findingsFor(ric, cell).values().iterator().next();
            assertTrue(finding.contains("\"kpi\":") && finding.contains("\"score\":") && finding.contains("\"timeMs\":"), finding);
            assertTrue(finding.contains("\"detector\":\"dl4j:1\""), finding);
            // The alarm's finding names its experience row, which an operator confirms; the row keeps the verdict as
            // its action and the label; cells without a finding leave unlabelled normal rows (faultClass 0).
            String alarmFinding = findingsFor(ric, cell).values().stream().filter(f -> f.contains("\"alarm\":true"))
                    .findFirst().orElseThrow(() -> new AssertionError("no alarm finding for " + cell));
            com.fasterxml.jackson.databind.JsonNode fj = new com.fasterxml.jackson.databind.ObjectMapper().readTree(alarmFinding);
            assertTrue(fj.has("experienceId"), alarmFinding);
            io.jric.core.internal.xapp.ExperienceStore store = ric.node().xapps().experience();
            io.jric.core.internal.grid.ExperienceRow row = store.label("anomaly-detection", fj.get("node").asText(),
                    fj.get("experienceId").asLong(), "confirmed", System.currentTimeMillis());
            assertEquals(cell, row.cellId());
            assertEquals("confirmed", row.label());
            assertTrue(java.util.Arrays.asList(row.actionNames()).contains("faultClass"), java.util.Arrays.toString(row.actionNames()));
            assertTrue(row.actionValues()[java.util.Arrays.asList(row.actionNames()).indexOf("faultClass")] > 0, "an alarm's verdict");
            assertTrue(store.rows("anomaly-detection", 0, Long.MAX_VALUE, 10_000).rows.stream().anyMatch(r -> r.label() == null
                    && r.actionValues()[java.util.Arrays.asList(r.actionNames()).indexOf("faultClass")] == 0), "unlabelled normal rows");
            // Let the outage end and the cell recover.
            long end = sim.model().timeMs() + 30_000;
            await(() -> sim.model().timeMs() > end, "outage over");

            // Policy: sensitivity 0 -> nothing reported, even for a new outage.
            assertTrue(ric.node().xapps().deliverPolicy("anomaly-detection", new PolicyEvent(AnomalyPolicy.TYPE, "quiet",
                    "{\"sensitivity\":0}", false), T).values().iterator().next().isEnforced());
            long before = metric(ric, "findings");
            String other = sim.model().cellIds().get(7);
            long start = sim.model().timeMs() + 500;
            sim.injectFault(Fault.cellOutage(other, start, 10_000));
            await(() -> sim.model().timeMs() > start + 10_000, "second outage over");
            assertEquals(before, metric(ric, "findings"), "sensitivity 0 reports nothing");
            ric.node().xapps().deliverPolicy("anomaly-detection", new PolicyEvent(AnomalyPolicy.TYPE, "quiet",
                    "{\"sensitivity\":0.5}", false), T);

            // v2 replaces v1; rollback to v1; corrupt rejected and v1 kept.
            assertAccepted(ric.node().xapps().deliverModel("anomaly-detection", event("2", small.withVersion("2").toBytes()), T));
            await(() -> metric(ric, "decisions.2") >= 20, "decisions with v2");
            assertEquals(1, metric(ric, "model.active.2"));
            assertAccepted(ric.node().xapps().deliverModel("anomaly-detection", event("1", small.toBytes()), T));
            long v1 = metric(ric, "decisions.1");
            long v2 = metric(ric, "decisions.2");
            await(() -> metric(ric, "decisions.1") >= v1 + 20, "decisions with v1 after rollback");
            assertTrue(metric(ric, "decisions.2") <= v2 + 9, "v2 no longer used");
            byte[] corrupt = small.toBytes();
            corrupt[corrupt.length / 3] ^= 0x33;
            assertNotNull(ric.node().xapps().deliverModel("anomaly-detection", event("3", corrupt), T).values().iterator().next());
            long v1b = metric(ric, "decisions.1");
            await(() -> metric(ric, "decisions.1") >= v1b + 20, "v1 still used");
            assertEquals(0, metric(ric, "decisions.3"));
            assertEquals(1, metric(ric, "model.active.1"));
        }
    }

    private static ModelEvent event(String version, byte[] content) {
        return new ModelEvent(AnomalyDetectionXapp.MODEL_NAME, version, "dl4j", AnomalyFeaturizer.INPUT_FEATURES, content);
    }

    private static void assertAccepted(Map<String, String> r) {
        assertEquals(1, r.size(), r.toString());
        assertNull(r.values().iterator().next(), r.toString());
    }

    private static Map<String, String> findingsFor(XappRic ric, String cell) {
        Map<String, String> out = new TreeMap<>();
        IgniteCache<String, String> c = ric.node().grid().ignite().cache(AnomalyDetectionXapp.FINDINGS);
        if (c == null) return out;
        for (Cache.Entry<String, String> e : c.query(new ScanQuery<String, String>())) {
            if (e.getKey().startsWith(cell + "@")) out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static long metric(XappRic ric, String name) {
        return ric.metric("anomaly-detection", name);
    }
}
