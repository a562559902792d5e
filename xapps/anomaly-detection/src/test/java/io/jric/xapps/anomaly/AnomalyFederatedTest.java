package io.jric.xapps.anomaly;

import static io.jric.xapps.anomaly.AnomalyRic.JSON;
import static io.jric.xapps.anomaly.AnomalyRic.get;
import static io.jric.xapps.anomaly.AnomalyRic.sample;
import static io.jric.xapps.anomaly.AnomalyRic.send;
import static io.jric.xapps.anomaly.AnomalyRic.upload;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.TrainedModel;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.Fault;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.TrainOptions;
import io.jric.xapps.testing.GridExperience;
import io.jric.xapps.testing.RicProcess;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Federated retraining of the anomaly detector from operators' labels (issue #15, item 8; docs/ml-lifecycle.md sections 10
 * and 13) with two RIC processes, as power control's {@code PowerFederatedTest}: {@code fed-a} in this JVM, {@code fed-b}
 * in a second ({@link RicProcess}), one grid without backups; each process its own simulated RAN (2 gNBs x 3 cells, 60
 * UEs, 20x real time, gNB ids 1-2 and 101-102, KPM headers from one fixed epoch) with random faults over 6 simulated
 * minutes; the anomaly xApp on both ({@code node-singleton}) serving a deliberately weak v1, recording alarms and a normal
 * row per cell every 5 s. The test, as an operator who knows both simulators' ground truth, labels the rows through
 * {@code fed-a}'s admin API (rows held by both grid nodes). A retraining job with the default {@code mode: auto} runs
 * federated: each grid node trains on the rows it holds ({@link FederatedLabelTrainer}); the test checks, counted by
 * itself, that each node trained on its own rows, that no experience row crossed nodes while training or in the gate,
 * that the version's label counts are exactly the sums of its training rows', and that the gate passes it against v1;
 * then that the nodes' calibration counts, combined as the RIC combines figures, are exactly the counts over all the
 * rows, that a node's round is deterministic, and that a version trained on shuffled labels is refused. Simulated time
 * bounds the traffic; the test is bounded to 5 minutes of wall time.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class AnomalyFederatedTest {
    private static final SimConfig NET = SimConfig.builder().gnbs(2).ues(60).build();
    /** Unix ms of simulated time 0 in both simulators' KPM headers. */
    private static final long EPOCH = System.currentTimeMillis() / 1000 * 1000;
    private static final long DURATION_MS = 6 * 60_000;
    private static final String XAPP = "anomaly-detection";
    private static ModelBundle weak;

    @BeforeAll
    static void weakModel() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("anomaly-federated").toString());
        weak = Trainer.train(new TrainOptions(3, 1, 3, 3, NET));
    }

    @Test
    void operatorsLabelOnBothNodesOneVersionTrainsWhereTheRowsAre() throws Exception {
        long t0 = System.nanoTime();
        int discoA = TestGrids.freePortPair();
        int discoB = TestGrids.freePortPair();
        String addresses = "127.0.0.1:" + discoA + ",127.0.0.1:" + discoB;
        Path scratch = Files.createTempDirectory("anomaly-federated");
        try (XappRic ric = XappRic.start(XappRic.config("fed-a", true).set("admin.auth", "off").set("a1.auth", "off")
                .set("grid.discoveryPort", Integer.toString(discoA)).set("grid.addresses", addresses));
             RicProcess b = RicProcess.start(scratch, "fed-b", discoB, addresses)) {
            int e2B = b.awaitE2Port();
            Ignite ignite = ric.node().grid().ignite();
            XappRic.await(() -> ric.node().grid().serverCount() == 2, "fed-b joins fed-a's grid");

            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor)
                    .replace("\"values\": { \"trainIfMissing\": false,",
                            "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\", \"normalRowEveryMs\": 5000,")
                    .replace("\"placement\": \"cluster-singleton\"", "\"placement\": \"node-singleton\"")
                    .replace("\"instances\": 1, ", "\"instances\": 0, ");
            assertTrue(json.contains("node-singleton") && json.contains("\"normalRowEveryMs\": 5000"), "the descriptor was changed");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/" + XAPP + "/models/anomaly-mlp";
            String admin = http + "/ric/v1/models/" + XAPP + "/anomaly-mlp";
            XappRic.await(() -> {
                try {
                    return upload(a1, "1", weak.toBytes(), "{\"trainer\":\"anomaly Trainer, 1 x 3 min, 3 epochs (weak)\",\"seed\":3}")
                            .statusCode() == 201;
                } catch (Exception e) {
                    return false;
                }
            }, "v1 uploaded");
            HttpResponse<String> act = send("POST", a1 + "/activate", "{\"version\":\"1\"}");
            assertEquals(200, act.statusCode(), act.body());

            // Each process its own simulated RAN with random faults; the same epoch in the KPM headers, other cell ids.
            List<Fault> faults = new ArrayList<>();
            try (RanSimulator simA = sim(31, 1); RanSimulator simB = sim(32, 101)) {
                faults.addAll(FaultSchedule.generate(simA.model().cellIds(), 31, DURATION_MS, 20_000, 12_000));
                List<Fault> fb = FaultSchedule.generate(simB.model().cellIds(), 32, DURATION_MS, 20_000, 12_000);
                faults.forEach(simA::injectFault);
                fb.forEach(simB::injectFault);
                faults.addAll(fb);
                simA.start("127.0.0.1", ric.e2Port());
                simB.start("127.0.0.1", e2B);
                XappRic.await(() -> ric.node().e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 4,
                        "the 4 E2 nodes are connected, 2 to each process");
                XappRic.await(() -> simA.model().timeMs() >= DURATION_MS && simB.model().timeMs() >= DURATION_MS,
                        "6 simulated minutes on both");
            }
            System.out.printf(Locale.ROOT, "simulated %d faults in %.1f s%n", faults.size(), (System.nanoTime() - t0) / 1e9);
            Map<String, String> holderOf = new TreeMap<>();
            for (E2NodeInfo n : ric.node().e2().nodeService().nodes()) holderOf.put(n.nodeId(), GridExperience.holder(ignite, n.nodeId()));
            System.out.println("E2 node -> grid node holding its rows: " + holderOf);
            assertTrue(holderOf.containsValue("fed-a") && holderOf.containsValue("fed-b"), "both grid nodes hold rows: " + holderOf);
            XappRic.await(() -> AnomalyRic.rows(http).stream().noneMatch(r -> r.get("outcomeStatus").asText().equals("PENDING")),
                    "rows closed by the outcome task");

            // The operator labels both nodes' rows from the ground truth, through fed-a's admin API.
            List<JsonNode> all = AnomalyRic.rows(http);
            int[] labels = AnomalyRic.label(http, all, faults, EPOCH);
            Map<String, Integer> labelledBy = new TreeMap<>();
            for (JsonNode r : AnomalyRic.rows(http)) {
                if (!r.get("label").isNull()) labelledBy.merge(holderOf.get(r.get("nodeId").asText()), 1, Integer::sum);
            }
            System.out.printf(Locale.ROOT, "%d rows, %d alarms; labelled %d confirmed (%d of them normal rows), %d rejected; "
                    + "labelled rows by holder %s%n", all.size(), labels[0], labels[1], labels[2], labels[3], labelledBy);
            assertTrue(labelledBy.getOrDefault("fed-a", 0) > 0 && labelledBy.getOrDefault("fed-b", 0) > 0, labelledBy.toString());

            // The training rows as the job will fix them (OK, not held out), counted by the test, by holder.
            List<JsonNode> rows = AnomalyRic.rows(http);
            Map<String, List<ExperienceSample>> trainBy = new TreeMap<>();
            List<ExperienceSample> train = new ArrayList<>();
            for (JsonNode r : rows) {
                if (!r.get("outcomeStatus").asText().equals("OK") || AnomalyRic.heldOut(r, 30)) continue;
                ExperienceSample s = sample(r);
                train.add(s);
                trainBy.computeIfAbsent(holderOf.get(s.nodeId()), k -> new ArrayList<>()).add(s);
            }
            AnomalyScore.Judged usable = AnomalyScore.judged(train);
            long labelled = 0, confirmed = 0;
            for (int i = 0; i < usable.size(); i++) {
                if (usable.labelled().get(i)) {
                    labelled++;
                    if (usable.truth().get(i) == AnomalyExperience.Truth.FAULT) confirmed++;
                }
            }

            // The federated job: mode auto on a grid of two server nodes.
            HttpResponse<String> started = send("POST", admin + "/retrain", "{\"seed\":7}");
            assertEquals(202, started.statusCode(), started.body());
            String id = JSON.readTree(started.body()).get("id").asText();
            long tj = System.nanoTime();
            JsonNode done = null;
            for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); done == null; Thread.sleep(500)) {
                JsonNode j = get(admin + "/retrain/" + id);
                if (j.has("finishedAtMs")) done = j;
                else assertTrue(System.nanoTime() < end, "the federated job finishes within 180 s: " + j);
            }
            System.out.printf(Locale.ROOT, "federated job after %.1f s: state %s, rows %s, rowsCrossingNodes %s%n",
                    (System.nanoTime() - tj) / 1e9, done.get("state").asText(), done.get("rows"), done.get("rowsCrossingNodes"));
            assertEquals("federated", done.get("mode").asText(), done.toString());
            assertEquals("activated", done.get("state").asText(), done.toString());
            long cutoff = done.get("cutoffMs").asLong();
            Map<String, Long> holds = GridExperience.okRowsByHolder(ignite, XAPP, cutoff);
            Map<String, Long> okBy = new TreeMap<>();
            Map<String, Long> trainedBy = new TreeMap<>();
            long read = 0;
            for (JsonNode n : done.get("nodes")) {
                String node = n.get("node").asText();
                okBy.put(node, n.get("withOutcome").asLong());
                trainedBy.put(node, n.get("train").asLong());
                read += n.get("rowsRead").asLong();
                assertTrue(n.get("instance").asBoolean(), node + " runs an instance");
                assertTrue(n.get("usable").asLong() > 0, node + " trained on its own rows: " + n.get("usable"));
                assertTrue(n.get("updateBytes").asLong() < 128 * 1024, "the answer holds parameters and counts, not rows");
                System.out.printf(Locale.ROOT, "node %s: %d rows read, %d OK, %d held out, %d train, %d usable, %d parameters, %d bytes%n",
                        node, n.get("rowsRead").asLong(), n.get("withOutcome").asLong(), n.get("heldOutForGate").asLong(),
                        n.get("train").asLong(), n.get("usable").asLong(), n.get("parameters").asLong(), n.get("updateBytes").asLong());
            }
            assertEquals(holds, okBy, "each grid node trained on exactly the rows it holds");
            assertEquals(GridExperience.allRows(ignite, XAPP, cutoff), read, "each row read once, where it is");
            Map<String, Long> testTrainBy = new TreeMap<>();
            trainBy.forEach((k, v) -> testTrainBy.put(k, (long) v.size()));
            assertEquals(testTrainBy, trainedBy, "the job's training rows per node are the test's");
            assertEquals(0, done.at("/rowsCrossingNodes/training").asLong(), "no experience row crossed nodes while training");
            assertEquals(0, done.at("/rowsCrossingNodes/gate").asLong(), "no experience row crossed nodes in the gate");

            // One version from both nodes' rows; its label counts the exact sums over the nodes.
            JsonNode l = get(a1 + "/versions/" + done.get("version").asText()).get("lineage");
            System.out.println("lineage: rows " + l.get("rows") + ", validation " + l.get("validation"));
            assertEquals("2", done.get("version").asText());
            assertEquals("1", l.get("parent").asText());
            assertEquals(FederatedLabelTrainer.TRAINER, l.get("trainer").asText());
            assertTrue(l.at("/hyperparameters/combination").asText().startsWith("FedAvg"), l.toString());
            assertEquals(2, l.at("/hyperparameters/nodesTrained").asInt(), l.toString());
            assertEquals(usable.size(), l.at("/rows/usable").asLong(), "usable rows: the test's count");
            assertEquals(labelled, l.at("/rows/labelled").asLong(), "labelled rows: the test's count");
            assertEquals(confirmed, l.at("/rows/confirmed").asLong(), "confirmed rows: the test's count");
            assertEquals(4, l.at("/validation/calibratedRound").asInt(), "calibrated on the average of round 4 of 5");
            JsonNode g = done.get("gate");
            System.out.printf(Locale.ROOT, "gate v2 (federated) vs v1 (weak): f1 %.3f (precision %.3f, recall %.3f) vs %.3f (%.3f, %.3f), "
                            + "false alarms %.1f vs %.1f per 1,000 normal rows, on %d held-out rows %s, scored on %s; threshold %.2f, "
                            + "calibration F1 %.3f%n",
                    g.at("/candidate/metrics/f1").asDouble(), g.at("/candidate/metrics/precision").asDouble(),
                    g.at("/candidate/metrics/recall").asDouble(), g.at("/active/metrics/f1").asDouble(),
                    g.at("/active/metrics/precision").asDouble(), g.at("/active/metrics/recall").asDouble(),
                    g.at("/candidate/metrics/falseAlarmsPer1000Normal").asDouble(), g.at("/active/metrics/falseAlarmsPer1000Normal").asDouble(),
                    g.get("rowsHeldOut").asInt(), g.get("rowsHeldOutPerNode"), g.at("/scoredOn").asText(),
                    l.at("/validation/threshold").asDouble(), l.at("/validation/calibrationF1").asDouble());
            assertTrue(g.at("/candidate/metrics/f1").asDouble() > g.at("/active/metrics/f1").asDouble(), g.toString());
            XappRic.await(() -> ric.metric(XAPP, "model.active.2") == 1, "v2 serves on fed-a");

            // The calibration counts: each holder's update from v1's network, combined as the RIC combines figures (the
            // row-weighted mean), are exactly the counts over all the training rows.
            Map<String, Double> sum = new TreeMap<>();
            long weight = 0;
            List<LocalUpdate> updates = new ArrayList<>();
            for (List<ExperienceSample> part : trainBy.values()) updates.add(FederatedLabelTrainer.trainLocal(weak, null, part, 7, 1, 1));
            for (LocalUpdate u : updates) {
                u.figures().forEach((k, v) -> sum.merge(k, v * u.rows(), Double::sum));
                weight += u.rows();
            }
            long w = weight;
            sum.replaceAll((k, v) -> v / w);
            assertEquals(usable.size(), w);
            int k = FaultClass.OUTPUTS.size();
            float[] out = new float[usable.size() * k];
            new Predictor(weak).predictBatch(usable.batch(), usable.size(), out);
            for (double t : LabelTrainer.THRESHOLDS) {
                long tp = 0, fp = 0, fn = 0;
                for (int i = 0; i < usable.size(); i++) {
                    boolean said = 1 - out[i * k] >= t;
                    boolean fault = usable.truth().get(i) == AnomalyExperience.Truth.FAULT;
                    if (said && fault) tp++;
                    else if (said) fp++;
                    else if (fault) fn++;
                }
                assertArrayEquals(new long[] {tp, fp, fn}, new long[] {FederatedLabelTrainer.sum(sum, FederatedLabelTrainer.figure(t, "tp"), w),
                        FederatedLabelTrainer.sum(sum, FederatedLabelTrainer.figure(t, "fp"), w),
                        FederatedLabelTrainer.sum(sum, FederatedLabelTrainer.figure(t, "fn"), w)}, "threshold " + t);
            }
            TrainedModel combined = FederatedLabelTrainer.model(weak, updates.get(0).params(), sum, Map.of("usable", w), 7);
            assertEquals(labelled, combined.rows().get("labelled"));
            // A node's round is deterministic for its arguments.
            List<ExperienceSample> part = trainBy.values().iterator().next();
            assertArrayEquals(updates.get(0).params(), FederatedLabelTrainer.trainLocal(weak, null, part, 7, 1, 1).params());

            // How stale the calibration is: v2's own best threshold over the training rows (read centrally by the test, from
            // the registry's grid cache), against the one calibrated on the average of round 4.
            JsonNode rec2 = get(a1 + "/versions/2");
            assertTrue(rec2.hasNonNull("key"), "the version record names its registry key: " + rec2.fieldNames());
            ModelBundle v2 = ModelBundle.fromBytes(ignite.<String, byte[]>cache("a1.ml.content").get(rec2.get("key").asText()));
            new Predictor(v2).predictBatch(usable.batch(), usable.size(), out);
            float[] pFault = new float[usable.size()];
            boolean[] fault = new boolean[usable.size()];
            for (int i = 0; i < pFault.length; i++) {
                pFault[i] = 1 - out[i * k];
                fault[i] = usable.truth().get(i) == AnomalyExperience.Truth.FAULT;
            }
            double own = 0.5, ownF1 = -1;
            for (double t : LabelTrainer.byDistanceFromHalf()) {
                double f = AnomalyScore.f1(pFault, fault, t);
                if (f > ownF1 + 1e-12) {
                    ownF1 = f;
                    own = t;
                }
            }
            double chosen = l.at("/validation/threshold").asDouble();
            System.out.printf(Locale.ROOT, "calibration: threshold %.2f (F1 %.3f of round 4's average, summed over the nodes); v2 on the "
                    + "training rows: F1 %.3f at %.2f, its own best %.3f at %.2f%n", chosen, l.at("/validation/calibrationF1").asDouble(),
                    AnomalyScore.f1(pFault, fault, chosen), chosen, ownF1, own);

            // v3: the training rows with the labels shuffled, from v1 (central): the gate refuses it against v2.
            TrainedModel v3 = LabelTrainer.train(weak, LabelledRows.shuffledLabels(train, 1), 7);
            assertEquals(201, upload(a1, "3", v3.content(), "{\"trainer\":\"LabelTrainer on shuffled labels\",\"seed\":7,\"parent\":\"1\"}")
                    .statusCode());
            HttpResponse<String> a3 = send("POST", a1 + "/activate", "{\"version\":\"3\"}");
            assertEquals(422, a3.statusCode(), a3.body());
            JsonNode g3 = JSON.readTree(a3.body()).get("gate");
            System.out.printf(Locale.ROOT, "gate v3 (shuffled labels) vs v2: f1 %.3f vs %.3f, labelled f1 %.3f vs %.3f, false alarms %.1f vs %.1f, "
                            + "scored on %s%n", g3.at("/candidate/metrics/f1").asDouble(), g3.at("/active/metrics/f1").asDouble(),
                    g3.at("/candidate/metrics/labelledF1").asDouble(), g3.at("/active/metrics/labelledF1").asDouble(),
                    g3.at("/candidate/metrics/falseAlarmsPer1000Normal").asDouble(), g3.at("/active/metrics/falseAlarmsPer1000Normal").asDouble(),
                    g3.at("/scoredOn").asText());
            assertEquals("refused", g3.get("decision").asText());
            assertEquals("2", get(a1).get("active").asText());
            System.out.printf(Locale.ROOT, "test took %.1f s in the RICs%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** A simulator of {@link #NET}, gNB ids from {@code firstGnb}, 20x real time, KPM headers from {@link #EPOCH}. */
    private static RanSimulator sim(long seed, int firstGnb) {
        return new RanSimulator(NET.toBuilder().seed(seed).firstGnbId(firstGnb).build(), RanSimulator.Options.builder().speed(20)
                .agentOptions(E2NodeAgent.Options.builder().epochBaseMs(EPOCH).build()).build());
    }
}
