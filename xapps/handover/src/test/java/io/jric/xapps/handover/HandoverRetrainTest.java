package io.jric.xapps.handover;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.TrainedModel;
import io.jric.sim.RanSimulator;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The handover xApp's experience and retraining in a real RIC with the simulator over E2 (docs/ml-lifecycle.md,
 * section 14): v1 (the small offline-trained model) serves with exploration on; every decision it records is a
 * {@code ue}-scope row whose outcome the RIC attaches from the UE's own reports (its SINR, the neighbour's, cell
 * changes); a retraining job started through the admin API fine-tunes v1 on the rows the gate does not hold out and
 * the gate scores its version against v1 on the held-out rows; a version trained on the same rows with the outcomes
 * shuffled across rows is refused by the gate (A1-ML, 422).
 */
class HandoverRetrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Labelled rows (outcome OK with the neighbour's SINR) collected before the simulator stops. */
    private static final int WANTED_ROWS = 800;

    @Test
    void recordsUeOutcomesRetrainsThroughTheGateAndRefusesAVersionTrainedOnShuffledOutcomes() throws Exception {
        ModelBundle small = TrainerTest.small();
        byte[] v1 = small.toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("ho-retrain-cache").toString());
        long started = System.nanoTime();
        try (XappRic ric = XappRic.start(XappRic.config("ho-retrain", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false,",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\",");
            assertTrue(json.contains("\"modelFile\": \"\""), "the descriptor's config values changed shape");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/handover/models/handover-mlp";
            String admin = http + "/ric/v1/models/handover/handover-mlp";

            assertEquals(201, upload(a1, "1", v1).statusCode());
            assertEquals(200, send("POST", a1 + "/activate", "{\"version\":\"1\"}").statusCode());
            assertTrue(ric.policy("handover", HandoverPolicy.TYPE, "{\"explorationRate\":0.3}").values().stream()
                    .allMatch(io.jric.api.xapp.PolicyStatus::isEnforced));
            RanSimulator sim = ric.simulator(2, 60, 3, 5);
            XappRic.await(() -> labelled(ric) >= WANTED_ROWS, WANTED_ROWS + " rows with the UE's outcome");
            sim.close();
            Thread.sleep(4000);  // the rows still pending close (their cells stopped: after the grace, not needed here)

            // The rows: one per decision, the UE's own outcome attached.
            JsonNode body = JSON.readTree(ric.experience("handover"));
            List<ExperienceSample> rows = new ArrayList<>();
            int handovers = 0, explored = 0;
            for (JsonNode r : body.get("rows")) {
                if (!"OK".equals(r.get("outcomeStatus").asText())) continue;
                assertTrue(r.get("ueId").asLong() > 0);
                assertEquals(HandoverModel.INPUT_FEATURES.size(), r.get("features").size(), r.toString());
                assertEquals(11, r.get("outcome").size(), r.toString());
                handovers += r.get("action").get("handover").asInt();
                explored += r.get("action").get("explored").asInt();
                // Within the model's domain (a neighbour within 6 dB of the serving RSRP); rescues never explore.
                assertTrue(r.get("features").get("nbrRsrpDeltaDb").asDouble() >= -6.001, r.toString());
                assertTrue(r.get("action").get("explored").asInt() == 0 || r.get("action").get("rescue").asInt() == 0, r.toString());
                assertTrue(r.get("action").get(HandoverExperience.TARGET_NCI).asLong() > 0, r.toString());
                rows.add(sample(r));
            }
            JsonNode ueSeries = body.get("ueSeries");  // the answering RIC process's watched UEs and their reports
            System.out.printf("rows OK %d of %d (handovers %d, explored %d); UE series %s%n", rows.size(),
                    body.get("rows").size(), handovers, explored, ueSeries);
            assertTrue(handovers > 0 && explored > 0, "handovers " + handovers + ", explored " + explored);
            assertTrue(ueSeries.get("samplesWritten").asLong() > 0 && ueSeries.get("released").asLong() > 0
                    && ueSeries.get("watches").asLong() >= body.get("rows").size(), ueSeries.toString());

            // Retraining through the admin API: the version is trained, registered, and scored by the gate against v1.
            HttpResponse<String> start = send("POST", admin + "/retrain", "{\"seed\":7}");
            assertEquals(202, start.statusCode(), start.body());
            String id = JSON.readTree(start.body()).get("id").asText();
            JsonNode job = XappRic.awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the retraining job");
            System.out.println("retraining job: " + job);
            JsonNode gate = job.get("gate");
            assertEquals("2", job.get("version").asText(), job.toString());
            double candidate = gate.get("candidate").get("metrics").get("sinrGainMaeDb").asDouble();
            double active = gate.get("active").get("metrics").get("sinrGainMaeDb").asDouble();
            System.out.printf("sinrGainMaeDb v2 %.3f vs v1 %.3f on %d held-out rows; state %s%n", candidate, active,
                    gate.get("rowsHeldOut").asInt(), job.get("state").asText());
            // Fine-tuned on the RIC's own rows, v2 predicts them better than the offline v1. Whether by the gate's 5 % depends
            // on the rows a real-time run collects (v2 beat v1 by 8-41 % in most runs; one clean-clone CI run collected rows on
            // which v1 was already good, 3.57 dB, and v2 beat it by 0.8 %): the gate activates v2 exactly when it does.
            assertTrue(candidate < active, candidate + " vs " + active);
            boolean activated = candidate <= active * (1 - 0.05);
            assertEquals(activated ? "activated" : "refused", job.get("state").asText(), job.toString());
            if (!activated) assertTrue(job.get("error").asText().contains("does not beat"), job.toString());
            String activeVersion = activated ? "2" : "1";

            // Deterministic for its arguments; and a version trained on the outcomes shuffled across rows is refused.
            TrainedModel a = HandoverExperience.train(small, rows, 7);
            TrainedModel b = HandoverExperience.train(small, rows, 7);
            assertEquals(predictions(a, rows), predictions(b, rows), "the same rows, parent and seed: the same network");
            List<Map<String, Double>> outcomes = new ArrayList<>();
            for (ExperienceSample r : rows) outcomes.add(r.outcome());
            Collections.shuffle(outcomes, new java.util.Random(3));
            List<ExperienceSample> shuffled = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                ExperienceSample r = rows.get(i);
                shuffled.add(new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), r.features(), r.action(), outcomes.get(i),
                        r.outcomeSamples()));
            }
            byte[] bad = HandoverExperience.train(small, shuffled, 7).content();
            assertEquals(201, upload(a1, "3", bad).statusCode());
            HttpResponse<String> refused = send("POST", a1 + "/activate", "{\"version\":\"3\"}");
            System.out.println("shuffled version 3: " + refused.statusCode() + " " + refused.body());
            assertEquals(422, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("sinrGainMaeDb"), refused.body());
            assertEquals(activeVersion, get(a1).get("active").asText());
        } finally {
            System.clearProperty("jric.modelCache");
            System.out.printf("HandoverRetrainTest took %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
    }

    private static long labelled(XappRic ric) {
        try {
            long n = 0;
            for (JsonNode r : JSON.readTree(ric.experience("handover")).get("rows")) {
                if ("OK".equals(r.get("outcomeStatus").asText()) && r.get("outcome").path("ue.targetReports").asDouble() >= 1) n++;
            }
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    private static ExperienceSample sample(JsonNode r) {
        return new ExperienceSample(r.get("nodeId").asText(), r.get("cellId").asText(), r.get("timeMs").asLong(),
                map(r.get("features")), map(r.get("action")), map(r.get("outcome")), r.get("outcomeSamples").asInt());
    }

    private static Map<String, Double> map(JsonNode o) {
        Map<String, Double> m = new TreeMap<>();
        o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    private static List<Float> predictions(TrainedModel m, List<ExperienceSample> rows) throws Exception {
        Predictor p = new Predictor(ModelBundle.fromBytes(m.content()));
        List<Float> out = new ArrayList<>();
        float[] y = new float[2];
        for (ExperienceSample r : rows) {
            p.predict(HandoverExperience.inputs(r), y);
            out.add(y[0]);
            out.add(y[1]);
        }
        return out;
    }
}
