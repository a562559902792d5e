package io.jric.xapps.anomaly;

import static io.jric.xapps.anomaly.AnomalyRic.JSON;
import static io.jric.xapps.anomaly.AnomalyRic.get;
import static io.jric.xapps.anomaly.AnomalyRic.sample;
import static io.jric.xapps.anomaly.AnomalyRic.send;
import static io.jric.xapps.anomaly.AnomalyRic.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.TrainedModel;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.Fault;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.TrainOptions;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The anomaly detector learns from operators' labels in a real RIC (issue #15, items 1, 3 and 5; docs/ml-lifecycle.md,
 * "Anomaly detection learns from labels"): the simulator over E2 (3 gNBs x 3 cells, 90 UEs, seed 31, 20x real time)
 * with random faults ({@link FaultSchedule}, one every 12 s on average over 8 simulated minutes); the anomaly xApp
 * serving a deliberately weak version v1 (its trainer, 1 simulation of 3 minutes, 3 epochs) records its alarms and a
 * normal row per cell every 5 s; the test, as an operator who knows the simulator's ground truth, labels the rows through
 * the admin API ({@link LabelledRows#label}: alarms confirmed or rejected, normal rows during a fault confirmed);
 * a retraining job started through the admin API makes v2 with the xApp's {@link LabelTrainer} and the gate scores it
 * against v1 on the held-out rows' labels, with the figures; then a version trained on the same rows with the labels
 * shuffled is refused by the gate against the active version.
 */
class AnomalyRetrainRicTest {
    private static final SimConfig NET = SimConfig.builder().gnbs(3).ues(90).build();
    /** Unix ms of simulated time 0 in the KPM headers (now, whole seconds): a row's time minus this is the simulator's time. */
    private static final long EPOCH = System.currentTimeMillis() / 1000 * 1000;
    private static final long DURATION_MS = 8 * 60_000;
    private static ModelBundle weak;

    private static List<JsonNode> rows(XappRic ric) {
        return AnomalyRic.rows("http://127.0.0.1:" + ric.node().httpPort());
    }

    @BeforeAll
    static void weakModel() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("anomaly-retrain").toString());
        weak = Trainer.train(new TrainOptions(3, 1, 3, 3, NET));
    }

    @Test
    void operatorsLabelAlarmsTheRicRetrainsTheDetectorAndTheGateJudgesByTheLabels() throws Exception {
        long t0 = System.nanoTime();
        try (XappRic ric = XappRic.start(XappRic.config("anomaly-retrain", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false,",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\", \"normalRowEveryMs\": 5000,");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/anomaly-detection/models/anomaly-mlp";
            String admin = http + "/ric/v1/models/anomaly-detection/anomaly-mlp";

            // v1, weak, active (the first version is not gated).
            assertEquals(201, upload(a1, "1", weak.toBytes(), "{\"trainer\":\"anomaly Trainer, 1 x 3 min, 3 epochs (weak)\",\"seed\":3}")
                    .statusCode());
            HttpResponse<String> act = send("POST", a1 + "/activate", "{\"version\":\"1\"}");
            assertEquals(200, act.statusCode(), act.body());

            // The simulator with random faults; the xApp records alarms and normal rows.
            List<Fault> faults;
            try (RanSimulator sim = new RanSimulator(NET.toBuilder().seed(31).build(), RanSimulator.Options.builder().speed(20)
                    .agentOptions(E2NodeAgent.Options.builder().epochBaseMs(EPOCH).build()).build())) {
                faults = FaultSchedule.generate(sim.model().cellIds(), 31, DURATION_MS, 20_000, 12_000);
                faults.forEach(sim::injectFault);
                sim.start("127.0.0.1", ric.e2Port());
                ric.awaitNodes(3);
                XappRic.await(() -> sim.model().timeMs() >= DURATION_MS, "8 simulated minutes");
            }
            System.out.printf(Locale.ROOT, "simulated %d faults in %.1f s%n", faults.size(), (System.nanoTime() - t0) / 1e9);
            // Every row closed by the outcome task: OK, or (the last horizon's, after the simulator stopped) PARTIAL or
            // NO_DATA at most 30 s of the RIC's clock later (ExperienceStore.GRACE_MS).
            XappRic.await(() -> rows(ric).stream().noneMatch(r -> r.get("outcomeStatus").asText().equals("PENDING")),
                    "rows closed by the outcome task");
            java.util.Map<String, Integer> status = new java.util.TreeMap<>();
            rows(ric).forEach(r -> status.merge(r.get("outcomeStatus").asText(), 1, Integer::sum));
            System.out.println("rows by outcome: " + status);

            // The operator labels from the ground truth, through the admin API.
            List<JsonNode> all = rows(ric);
            int[] labels = AnomalyRic.label(http, all, faults, EPOCH);
            int alarms = labels[0], confirmed = labels[1], missed = labels[2], rejected = labels[3];
            System.out.printf(Locale.ROOT, "%d rows, %d alarms; labelled %d confirmed (%d of them normal rows: missed faults), %d rejected%n",
                    all.size(), alarms, confirmed, missed, rejected);
            assertTrue(alarms >= 10, "alarms recorded: " + alarms);
            assertTrue(all.get(0).get("features").size() <= 64 && all.get(0).get("features").size() >= 60, all.get(0).toString());

            // The retraining job: v2 from the labelled rows, judged by the gate against v1.
            HttpResponse<String> started = send("POST", admin + "/retrain", "{\"seed\":7}");
            assertEquals(202, started.statusCode(), started.body());
            String id = JSON.readTree(started.body()).get("id").asText();
            JsonNode done = XappRic.awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the retraining job finishes");
            System.out.println("retraining job: " + done);
            System.out.printf(Locale.ROOT, "job: trained %.1f s, gate and activation %.1f s%n",
                    (done.at("/gate/evaluatedAtMs").asLong() - done.get("startedAtMs").asLong()) / 1e3,
                    (done.get("finishedAtMs").asLong() - done.at("/gate/evaluatedAtMs").asLong()) / 1e3);
            String state = done.get("state").asText();
            // The labels teach the weak version the faults it missed: it passes the gate (by x2.1 in the runs of the doc).
            assertEquals("activated", state, done.toString());
            JsonNode g = done.get("gate");
            double f2 = g.at("/candidate/metrics/f1").asDouble();
            double f1v1 = g.at("/active/metrics/f1").asDouble();
            System.out.printf(Locale.ROOT, "gate v2 (labels) vs v1 (weak): f1 %.3f vs %.3f, labelled f1 %.3f vs %.3f, false alarms %.1f vs %.1f "
                            + "per 1,000 normal rows; %d held-out rows (%d labelled) of %d: %s%n", f2, f1v1,
                    g.at("/candidate/metrics/labelledF1").asDouble(), g.at("/active/metrics/labelledF1").asDouble(),
                    g.at("/candidate/metrics/falseAlarmsPer1000Normal").asDouble(), g.at("/active/metrics/falseAlarmsPer1000Normal").asDouble(),
                    g.get("rowsHeldOut").asInt(), g.at("/candidate/metrics/labelled").asInt(), g.get("rowsWithOutcome").asInt(), state);
            assertTrue(g.at("/candidate/metrics/labelled").asInt() > 0, "the gate scored labelled rows: " + g);
            assertEquals(0, g.at("/candidate/metrics/skippedNoInputs").asInt(-1), "every row carries the model's inputs: " + g);
            JsonNode v2 = get(a1 + "/versions/2").get("lineage");
            assertEquals("1", v2.get("parent").asText());
            assertEquals(LabelTrainer.TRAINER, v2.get("trainer").asText());
            assertEquals(7, v2.get("seed").asLong());
            assertTrue(v2.at("/rows/labelled").asInt() >= LabelTrainer.MIN_LABELLED, v2.toString());
            assertTrue(v2.at("/hyperparameters/faultLogitBias").isMissingNode(), "the bias is in the bundle, not a hyperparameter");
            assertTrue(f2 > f1v1, g.toString());
            assertTrue(g.at("/robustness/passed").asBoolean(), g.toString());
            XappRic.await(() -> ric.metric("anomaly-detection", "model.active.2") == 1, "v2 serves");
            String active = "2";

            // v3: the job's training rows (OK, not held out) with the labels shuffled across them, from v1: refused.
            List<ExperienceSample> train = new ArrayList<>();
            for (JsonNode r : rows(ric)) {
                if (r.get("outcomeStatus").asText().equals("OK") && !AnomalyRic.heldOut(r, 30)) train.add(sample(r));
            }
            TrainedModel v3 = LabelTrainer.train(weak, LabelledRows.shuffledLabels(train, 1), 7);
            assertEquals(201, upload(a1, "3", v3.content(), "{\"trainer\":\"LabelTrainer on shuffled labels\",\"seed\":7,\"parent\":\"1\"}")
                    .statusCode());
            HttpResponse<String> a3 = send("POST", a1 + "/activate", "{\"version\":\"3\"}");
            assertEquals(422, a3.statusCode(), a3.body());
            JsonNode g3 = JSON.readTree(a3.body()).get("gate");
            System.out.printf(Locale.ROOT, "gate v3 (shuffled labels) vs v%s: f1 %.3f vs %.3f, labelled f1 %.3f vs %.3f, false alarms %.1f vs %.1f%n",
                    active, g3.at("/candidate/metrics/f1").asDouble(), g3.at("/active/metrics/f1").asDouble(),
                    g3.at("/candidate/metrics/labelledF1").asDouble(), g3.at("/active/metrics/labelledF1").asDouble(),
                    g3.at("/candidate/metrics/falseAlarmsPer1000Normal").asDouble(), g3.at("/active/metrics/falseAlarmsPer1000Normal").asDouble());
            assertEquals("refused", g3.get("decision").asText());
            assertEquals(active, g3.at("/active/version").asText());
            assertTrue(g3.at("/candidate/metrics/f1").asDouble() < g3.at("/active/metrics/f1").asDouble(), g3.toString());
            assertEquals(active, get(a1).get("active").asText());
            System.out.printf(Locale.ROOT, "test took %.1f s in the RIC%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
