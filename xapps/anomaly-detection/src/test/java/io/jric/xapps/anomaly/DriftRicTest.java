package io.jric.xapps.anomaly;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.ModelEvent;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.DriftReference;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.TrainOptions;
import io.jric.xapps.power.PowerModel;
import io.jric.xapps.testing.XappRic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's drift test: a change of traffic mix in the simulator raises a drift finding for the xApps that see it,
 * and only for them (docs/ml-lifecycle.md, "The drift test").
 *
 * <p>Two ML xApps run in one real RIC against the simulator over E2, each with a small model trained by its own
 * trainer on the simulator configuration the test then runs (so each bundle carries its training data's per-feature
 * reference). The change: the UEs' uplink demand goes from a quarter of their downlink demand to twice it (an
 * upload-heavy mix). The anomaly detector reads uplink KPIs (cell uplink throughput, the uplink/downlink ratio and
 * the features derived from them); power control reads only downlink KPIs (PRB use, throughput, active UEs, CQI,
 * SINR), which the simulator's downlink does not compute from the uplink demand. So the anomaly detector must raise
 * input drift after the change and not before; power control must raise nothing, with a full window of rows
 * recorded after the change to show it looked. The demand swing is off and power control holds the cells at 43 dBm
 * (both explained where they are set).
 *
 * <p>Margins, so that load does not decide the outcome: the threshold is {@value #THRESHOLD} (the default is 0.25),
 * about twice the largest PSI of an unchanged input and half the PSI of the shifted ones in the runs recorded in
 * the doc; the test prints every PSI.
 */
class DriftRicTest {
    static final double THRESHOLD = 1.5;
    static final int WINDOW = 900;
    private static final Duration T = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The simulator the models are trained on and the test runs: its demand swing is off (it swings +-50 % over 10
     * simulated minutes by default), so the demand does not drift by itself over the test's minutes, which the
     * small test models' training data (a few simulated minutes) could not cover; the mean demand is 2 Mbit/s
     * (default 5) so that twice as much uplink still fits the cells' uplink and the shift is not capped by it.
     */
    private static final SimConfig TRAINING = SimConfig.builder().gnbs(3).ues(90).trafficSwing(0).trafficMeanMbps(2).build();
    private static ModelBundle anomaly;
    private static ModelBundle power;

    @BeforeAll
    static void trainSmallModels() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("drift-models").toString());
        anomaly = Trainer.train(new TrainOptions(3, 1, 3, 3, TRAINING));
        power = io.jric.xapps.power.Trainer.train(new TrainOptions(3, 1, 1.5, 3, TRAINING));
    }

    @Test
    void anUplinkHeavyTrafficMixRaisesDriftForTheAnomalyDetectorAndNotForPowerControl() throws Exception {
        assertNotNull(DriftReference.of(anomaly.metadata()), "the trainer kept a reference with the anomaly model");
        assertNotNull(DriftReference.of(power.metadata()), "the trainer kept a reference with the power model");
        String drift = "\"drift\": { \"psiThreshold\": " + THRESHOLD + ", \"clearBelowPsi\": 0.2, \"windowSamples\": " + WINDOW
                + ", \"minSamples\": " + (WINDOW / 2) + ", \"evaluateEveryMs\": 500 }";
        RanSimulator closeLater = null;
        try (XappRic ric = XappRic.start(XappRic.config("drift-test", false).set("admin.auth", "off"))) {
            RanSimulator sim = new RanSimulator(TRAINING.toBuilder().seed(11).build(), RanSimulator.Options.builder().speed(10).build());
            closeLater = sim;
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(3);
            Path anomalyDir = Path.of("xapp.json").toAbsolutePath().getParent();
            Path powerDir = anomalyDir.resolveSibling("power-control");
            ric.node().xapps().install(Files.readString(anomalyDir.resolve("xapp.json")).replace(
                    "\"values\": { \"trainIfMissing\": false,", "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\", " + drift + ","),
                    anomalyDir, null);
            ric.node().xapps().install(Files.readString(powerDir.resolve("xapp.json")).replace(
                    "\"values\": { \"trainIfMissing\": false }", "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\", " + drift + " }"),
                    powerDir, null);
            assertNull(ric.deliver("anomaly-detection", new ModelEvent(AnomalyDetectionXapp.MODEL_NAME, "1", "dl4j",
                    AnomalyFeaturizer.INPUT_FEATURES, anomaly.toBytes())));
            assertNull(ric.deliver("power-control", new ModelEvent(PowerModel.MODEL_NAME, "1", "dl4j",
                    PowerModel.INPUT_FEATURES, power.toBytes())));
            // Power control decides every period but holds the cells at the simulator's (and the anomaly trainer's)
            // 43 dBm: lowering it changes the cells' energy and RLFs, which the anomaly detector reads - a drift of
            // its inputs too, but caused by another xApp, not by the traffic change this test is about.
            assertTrue(ric.policy("power-control", "jric.power.v1", "{\"minTxPowerDbm\":43,\"maxTxPowerDbm\":43}")
                    .values().stream().allMatch(io.jric.api.xapp.PolicyStatus::isEnforced));

            // Before the change: both watch (a reference, a full window, evaluations), neither drifts.
            for (String x : List.of("anomaly-detection", "power-control")) {
                await(() -> ric.metric(x, "drift.reference") == 1, x + " watches drift");
                await(() -> ric.metric(x, "drift.samples") >= WINDOW, x + ": a full window of rows");
                long e = ric.metric(x, "drift.evaluations");
                await(() -> ric.metric(x, "drift.evaluations") >= e + 3, x + ": evaluated on a full window");
            }
            JsonNode before = get(ric, "/ric/v1/drift");
            System.out.println("drift watch before the change: " + before.get("watch"));
            List<JsonNode> inputFindingsBefore = inputFindings(before);

            // The change: uplink demand from 0.25 to 2 x the downlink demand.
            long powerDecisions = ric.metric("power-control", "decisions.1");
            sim.model().setUplinkDemandShare(2.0);

            await(() -> ric.metric("anomaly-detection", "drift.drifting") == 1, "anomaly-detection raises input drift");
            // Power control: a full window of rows taken after the change (9 cells per decision), evaluated.
            await(() -> ric.metric("power-control", "decisions.1") >= powerDecisions + WINDOW / 9 + 20,
                    "power-control decided on a full window of post-change rows");
            long e = ric.metric("power-control", "drift.evaluations");
            await(() -> ric.metric("power-control", "drift.evaluations") >= e + 3, "power-control evaluated them");
            JsonNode after = get(ric, "/ric/v1/drift");
            System.out.println("drift watch after the change: " + after.get("watch"));
            System.out.println("drift findings: " + after.get("findings"));

            // Input drift (this test's subject; power control's prediction-error watch is printed, not judged here).
            assertEquals(List.of(), inputFindingsBefore, "input drift raised before any change: " + before);
            assertEquals(0, ric.metric("power-control", "drift.drifting"), "power-control's inputs did not move: " + after);
            List<JsonNode> raised = inputFindings(after);
            assertEquals(1, raised.size(), "one input finding, the anomaly detector's: " + after.get("findings"));
            JsonNode f = raised.get(0);
            assertEquals("anomaly-detection", f.path("xapp").asText());
            assertEquals("input", f.path("kind").asText());
            assertEquals("1", f.path("model").asText());
            assertTrue(f.path("psiMax").asDouble() >= THRESHOLD, f.toString());
            Set<String> uplink = Set.of("throughputUlMbps", "ulDlThroughputRatio");
            String feature = f.path("feature").asText();
            assertTrue(uplink.stream().anyMatch(feature::endsWith), "the largest shift is an uplink feature: " + f);
            // Power control's inputs stayed far below the threshold.
            for (JsonNode w : after.get("watch")) {
                if (!w.path("xapp").asText().equals("power-control")) continue;
                assertTrue(w.path("psiMax").asDouble() < 0.75 * THRESHOLD, "power-control's PSI below the threshold: " + w);
            }
            // /metrics: the anomaly detector's drift is raised, power control's not.
            String metrics = getText(ric, "/metrics");
            assertEquals(1.0, value(metrics, "jric_ml_drift_raised{xapp=\"anomaly-detection\"}"), metrics);
            assertEquals(0.0, value(metrics, "jric_ml_drift_raised{xapp=\"power-control\"}"), metrics);
            assertEquals(1.0, value(metrics, "jric_ml_drift_findings_total{xapp=\"anomaly-detection\"}"), metrics);
            assertEquals(1.0, value(metrics, "jric_ml_drift_reference{xapp=\"power-control\"}"), metrics);
            assertTrue(value(metrics, "jric_ml_drift_psi{feature=\"ulDlThroughputRatio\",xapp=\"anomaly-detection\"}") >= THRESHOLD, metrics);
        } finally {
            if (closeLater != null) closeLater.close();
        }
    }

    /** The input-drift findings raised in a {@code GET /ric/v1/drift} answer. */
    private static List<JsonNode> inputFindings(JsonNode drift) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : drift.get("findings")) {
            if (f.path("state").asText().equals("raised") && f.path("kind").asText().equals("input")) out.add(f);
        }
        return out;
    }

    /** The value of the series {@code nameAndLabels} in a Prometheus text exposition. */
    private static double value(String exposition, String nameAndLabels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(nameAndLabels + " ")) return Double.parseDouble(line.substring(nameAndLabels.length() + 1).trim().split(" ")[0]);
        }
        throw new AssertionError("no series " + nameAndLabels);
    }

    private static JsonNode get(XappRic ric, String path) throws Exception {
        return JSON.readTree(getText(ric, path));
    }

    private static String getText(XappRic ric, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ric.node().httpPort() + path)).timeout(T).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
