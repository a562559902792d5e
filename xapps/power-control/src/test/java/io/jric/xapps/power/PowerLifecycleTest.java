package io.jric.xapps.power;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.ExperienceSample;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.KpiTable;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.TrainOptions;
import io.jric.xapps.testing.XappRic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #15's must-show, end to end, as one run (docs/ml-lifecycle.md, section 10): power-control in a real RIC with
 * the simulator over E2 starts from a deliberately weak version, serves with exploration on, is retrained from its own
 * experience through A1-ML, the new version passes the validation gate, serves a canary and is promoted by the judge;
 * a version trained on shuffled outcomes is refused by the gate; one trained on reversed outcomes, forced past the gate
 * by the operator, is rolled back by the canary's judge within its window, the reason in the audit log; then, on
 * simulator seeds none of them was trained on, the weak start, the promoted version and the simulator-trained model
 * are evaluated as {@code jric-ml evaluate power-control} evaluates (fixed maximum power as the baseline).
 *
 * <p>The figures go to {@code target/lifecycle/power-control.md} ({@code jric-ml lifecycle power-control} prints it).
 */
class PowerLifecycleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The RIC's simulated network: 2 gNBs x 3 cells, 60 UEs, seed 3, 10x real time. */
    static final int GNBS = 2;
    static final int UES = 60;
    static final long RIC_SEED = 3;
    static final double SPEED = 10;
    /** Held-out simulator seeds: none of the models was trained on them, nor did the RIC run them. */
    static final List<Long> HELD_OUT = List.of(101L, 102L, 103L);
    static final double EVAL_MINUTES = 10;
    /** The ceilings the operator steps the weak version through (dBm), and the decisions it takes under each. */
    static final int CEILING_STEP_DB = 2;
    static final int DECISIONS_PER_CEILING = 25;
    static final Duration LONG = Duration.ofSeconds(240);

    /** The simulator-trained model: the xApp's Trainer, 2 x 3 simulated minutes of 2 gNBs x 60 UEs, 15 epochs, seed 3. */
    private static byte[] simulatorTrained;
    /** The weak start: the same recordings and training, with the power outcomes reversed. */
    private static byte[] weak;
    private static final StringBuilder REPORT = new StringBuilder();

    @BeforeAll
    static void models() throws Exception {
        simulatorTrained = GateModels.good();
        weak = energyReversed();
    }

    /**
     * The deliberately weak v1: trained exactly as {@link GateModels#good()} (same recordings, seed, epochs) but with
     * every cell-power label mirrored about the mean ({@code 2 mean - observed}): its throughput-ratio head is the
     * simulator-trained one, its power head believes that more Tx power costs less energy, so it keeps every cell at
     * the policy's maximum. The RIC's retraining learns the power head from what the grid observes (the ratio head
     * compares with every cell at maximum power, which the grid never observes, and is carried over), so this is the
     * weakness retraining in the RIC can repair.
     */
    static byte[] energyReversed() throws Exception {
        TrainOptions o = new TrainOptions(3, 2, 3, 15, SimConfig.builder().gnbs(GNBS).ues(UES).build());
        Dataset d = new Dataset(PowerModel.INPUT_FEATURES.size(), PowerModel.OUTPUTS.size());
        for (int s = 0; s < o.trainSeeds(); s++) d.addAll(Trainer.record(Trainer.recordingConfig(o, s), o.minutes(), o.seed() * 31 + s));
        float[][] x = d.features();
        float[][] y = d.labels();
        int power = PowerModel.OUTPUTS.indexOf("cellPowerW");
        double mean = 0;
        for (float[] r : y) mean += r[power];
        mean /= y.length;
        Dataset reversed = new Dataset(d.inputs(), d.outputs());
        for (int i = 0; i < x.length; i++) {
            float[] label = y[i].clone();
            label[power] = (float) Math.max(1, 2 * mean - label[power]);
            reversed.add(x[i], label);
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(o.seed(), o.epochs(), 32, 32);
        MlpTrainer.Result r = MlpTrainer.train(reversed.shuffled(o.seed()), spec);
        return MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS, spec,
                "energy-reversed", Map.of(), Map.of()).toBytes();
    }

    @Test
    void aWeakVersionIsRetrainedFromItsOwnExperiencePromotedThroughGateAndCanaryAndBadOnesAreStopped() throws Exception {
        long t0 = System.nanoTime();
        try {
            run();
        } finally {
            line("");
            line(String.format(Locale.ROOT, "wall time %.0f s", (System.nanoTime() - t0) / 1e9));
            Path out = Path.of("target", "lifecycle", "power-control.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, REPORT.toString());
            System.out.println("\n" + REPORT);
        }
    }

    private void run() throws Exception {
        line("# power-control: the model lifecycle in one run (issue #15)");
        line("");
        line(String.format(Locale.ROOT, "RIC with the simulator over E2: %d gNBs x 3 cells, %d UEs, seed %d, %.0fx real time; "
                + "held-out evaluation: seeds %s x %.0f simulated minutes of the same network", GNBS, UES, RIC_SEED, SPEED, HELD_OUT, EVAL_MINUTES));
        byte[] promoted;
        try (XappRic ric = XappRic.start(XappRic.config("power-life", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            ric.simulator(GNBS, UES, RIC_SEED, SPEED);
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String base = http + "/A1-ML/v1/xapps/power-control/models/power-mlp";
            String policy = http + "/A1-P/v2/policytypes/jric.power.v1/policies/default";

            // 1. The weak v1 serves (the first version has nothing to beat: not gated).
            assertEquals(201, upload(base, "1", weak, "{\"trainer\":\"power-control Trainer p2, power outcomes reversed (deliberately weak)\",\"seed\":3}").statusCode());
            HttpResponse<String> a1 = post(base + "/activate", "{\"version\":\"1\"}");
            assertEquals(200, a1.statusCode(), a1.body());
            XappRic.await(() -> ric.metric("power-control", "decisions.1") >= 10, "v1 decides");

            // Exploration on, and the operator steps the Tx power ceiling down through A1 (46 -> 20 dBm): the weak
            // version asks for the ceiling every time, so without the steps its experience would hold 45-46 dBm only.
            int ceilings = 0;
            for (int ceiling = 46; ceiling >= 20; ceiling -= CEILING_STEP_DB) {
                putPolicy(ric, policy, "{\"maxTxPowerDbm\":" + ceiling + ",\"explorationRate\":0.3,\"explorationStepDb\":1}");
                long d = ric.metric("power-control", "decisions.1");
                waitFor(() -> ric.metric("power-control", "decisions.1") >= d + DECISIONS_PER_CEILING, LONG, "v1 decides under ceiling " + ceiling);
                ceilings++;
            }
            putPolicy(ric, policy, "{\"explorationRate\":0.1,\"explorationStepDb\":1}");  // back to 46 dBm, exploring less
            long dBack = ric.metric("power-control", "decisions.1");
            waitFor(() -> ric.metric("power-control", "decisions.1") >= dBack + 40, LONG, "v1 back at the default ceiling");
            waitFor(() -> okRows(ric).size() >= 1500, LONG, "1,500 experience rows with outcome OK");
            List<ExperienceSample> experience = okRows(ric);
            Map<Integer, Integer> byLevel = new TreeMap<>();
            long explored = 0;
            for (ExperienceSample s : experience) {
                byLevel.merge((int) Math.round(s.action().get("txPowerDbm")), 1, Integer::sum);
                if (s.action().getOrDefault("explored", 0.0) > 0) explored++;
            }
            line("");
            line("## 1. The weak start serves, exploring");
            line("");
            line(String.format(Locale.ROOT, "v1 (power outcomes reversed) active; %d ceilings (46 to 20 dBm, %d dB apart, %d decisions each), "
                    + "exploration 0.3 at +-1 dB, then the default ceiling at exploration 0.1: %d experience rows with outcome OK, "
                    + "%d explored (%.0f %%), levels sent %d..%d dBm (%d distinct); v1 decisions %d, explored decisions %d",
                    ceilings, CEILING_STEP_DB, DECISIONS_PER_CEILING, experience.size(), explored, 100.0 * explored / experience.size(),
                    byLevel.keySet().stream().min(Integer::compare).orElse(0), byLevel.keySet().stream().max(Integer::compare).orElse(0),
                    byLevel.size(), ric.metric("power-control", "decisions.1"), ric.metric("power-control", "decisions.explored")));
            assertTrue(explored > 0, "some decisions explored");
            assertTrue(byLevel.size() >= 20, "experience over most of the range: " + byLevel);

            // 2. Retraining through A1-ML, into a canary; bad plans first.
            HttpResponse<String> badPlan = post(base + "/retrain", "{\"seed\":7,\"canary\":{\"version\":\"9\",\"share\":2}}");
            assertEquals(400, badPlan.statusCode(), badPlan.body());
            assertTrue(badPlan.body().contains("canary/version") && badPlan.body().contains("canary/share"), badPlan.body());
            String plan2 = "{\"share\":0.5,\"durationS\":20,\"baselineS\":20,\"minSamples\":20,"
                    + "\"kpis\":[{\"name\":\"energyWh\",\"better\":\"lower\",\"maxDegradationPct\":5}]}";
            HttpResponse<String> started = post(base + "/retrain", "{\"seed\":7,\"canary\":" + plan2 + "}");
            assertEquals(202, started.statusCode(), started.body());
            String jobId = JSON.readTree(started.body()).get("id").asText();
            JsonNode job = awaitValue(() -> {
                JsonNode j = get(base + "/retrain/" + jobId);
                return j.has("finishedAtMs") ? j : null;
            }, LONG, "the retraining job finishes");
            assertEquals("canary", job.get("state").asText(), job.toString());
            assertEquals("2", job.get("version").asText());
            assertEquals(0.5, job.at("/canaryPlan/share").asDouble());
            JsonNode g2 = job.get("gate");
            assertEquals("passed", g2.get("decision").asText(), g2.toString());
            double c2 = g2.at("/candidate/metrics/powerMaeW").asDouble();
            double w1 = g2.at("/active/metrics/powerMaeW").asDouble();
            line("");
            line("## 2. Retrained in the RIC, through the gate into a canary, promoted");
            line("");
            line("POST /A1-ML/v1/xapps/power-control/models/power-mlp/retrain {\"seed\":7,\"canary\":" + plan2 + "}");
            line("");
            line(String.format(Locale.ROOT, "job %s: state %s, version %s, rows %s; gate %s: powerMaeW %.2f W (v2) vs %.2f W (v1) "
                    + "on %d held-out rows (improvement %.1f %%), bias %+.2f vs %+.2f W; robustness: 2 %% noise %+.1f %%, "
                    + "30 %% stress noise %d invalid outputs, each KPI missing %s",
                    jobId, job.get("state").asText(), job.get("version").asText(), job.get("rows"), g2.get("decision").asText(), c2, w1,
                    g2.get("rowsHeldOut").asInt(), g2.get("improvementPct").asDouble(), g2.at("/candidate/metrics/powerBiasW").asDouble(),
                    g2.at("/active/metrics/powerBiasW").asDouble(), g2.at("/robustness/noise/degradationPct").asDouble(),
                    g2.at("/robustness/stress/metrics/invalidOutputs").asInt(), invalidPerMissing(g2)));
            assertTrue(c2 <= 0.5 * w1, "the retrained version's power error is at most half the weak one's: " + c2 + " vs " + w1);
            JsonNode lineage = get(base + "/versions/2").get("lineage");
            assertEquals("1", lineage.get("parent").asText());
            assertEquals(ExperienceTrainer.TRAINER, lineage.get("trainer").asText());
            line(String.format(Locale.ROOT, "lineage of v2: parent %s, trainer %s, seed %d, data window %s .. %s, rows %s",
                    lineage.get("parent").asText(), lineage.get("trainer").asText(), lineage.get("seed").asLong(),
                    lineage.at("/dataWindow/from").asText(), lineage.at("/dataWindow/to").asText(), lineage.get("rows")));

            long canaryStart = System.nanoTime();
            JsonNode c = get(base).get("canary");
            assertEquals("2", c.get("version").asText());
            line(String.format(Locale.ROOT, "canary of v2: %d of %d cells (%s), %d s window, judged on energyWh (bound 5 %%)",
                    c.get("canaryCells").size(), c.get("canaryCells").size() + c.get("otherCells").asInt(), c.get("canaryCells"),
                    c.at("/plan/durationS").asInt()));
            JsonNode end2 = awaitCanaryEnd(base, "the canary of v2 ends");
            double took2 = (System.nanoTime() - canaryStart) / 1e9;
            line(String.format(Locale.ROOT, "canary of v2 %s after %.0f s: %s; %s", end2.get("status").asText(), took2,
                    end2.get("reason").asText(), kpiFigures(end2.get("finalJudgement"))));
            assertEquals("promoted", end2.get("status").asText(), end2.toString());
            assertEquals("2", get(base).get("active").asText());
            XappRic.await(() -> ric.metric("power-control", "model.active.2") == 1 && ric.metric("power-control", "model.canary.2") == 0,
                    "v2 serves every cell");
            promoted = ric.node().grid().ignite().<String, byte[]>cache("a1.ml.content").get("power-control/power-mlp/2");
            assertTrue(promoted != null && promoted.length > 0, "the promoted version's bytes");

            // 3. Deliberately bad versions, trained on the RIC's experience by the operator: outcomes shuffled across
            // rows (v3), energy outcomes reversed (v4). Both are refused by the gate; v4, forced into a canary, is rolled back.
            List<ExperienceSample> rows = okRows(ric);
            ModelBundle parent = ModelBundle.fromBytes(promoted);
            byte[] shuffled = ExperienceTrainer.train(parent, shuffledOutcomes(rows, 3), 3).content();
            byte[] reversed = ExperienceTrainer.train(parent, reversedEnergy(rows), 4).content();
            assertEquals(201, upload(base, "3", shuffled, "{\"parent\":\"2\",\"notes\":\"deliberately bad: outcomes shuffled across the rows\"}").statusCode());
            assertEquals(201, upload(base, "4", reversed, "{\"parent\":\"2\",\"notes\":\"deliberately bad: energy outcomes reversed\"}").statusCode());
            line("");
            line("## 3. Bad versions: refused by the gate; one forced past it, rolled back by the canary");
            line("");
            HttpResponse<String> a3 = post(base + "/activate", "{\"version\":\"3\"}");
            assertEquals(422, a3.statusCode(), a3.body());
            JsonNode g3 = JSON.readTree(a3.body()).get("gate");
            double c3 = g3.at("/candidate/metrics/powerMaeW").asDouble();
            double act3 = g3.at("/active/metrics/powerMaeW").asDouble();
            line(String.format(Locale.ROOT, "v3 (shuffled outcomes), POST .../activate: %d, gate %s: powerMaeW %.2f W vs %.2f W of v2 (x%.1f); %s",
                    a3.statusCode(), g3.get("decision").asText(), c3, act3, c3 / act3, JSON.readTree(a3.body()).get("detail").asText()));
            assertEquals("refused", g3.get("decision").asText());
            assertTrue(c3 >= 2 * act3, "the shuffled version's error is at least twice the active one's: " + g3);

            String plan4 = "{\"version\":\"4\",\"share\":0.5,\"durationS\":60,\"baselineS\":20,\"minSamples\":20,"
                    + "\"kpis\":[{\"name\":\"energyWh\",\"better\":\"lower\",\"maxDegradationPct\":10}]";
            HttpResponse<String> r4 = post(base + "/canary", plan4 + "}");
            assertEquals(422, r4.statusCode(), r4.body());
            JsonNode g4 = JSON.readTree(r4.body()).get("gate");
            line(String.format(Locale.ROOT, "v4 (energy outcomes reversed), POST .../canary: %d, gate %s: powerMaeW %.2f W vs %.2f W of v2 (x%.1f)",
                    r4.statusCode(), g4.get("decision").asText(), g4.at("/candidate/metrics/powerMaeW").asDouble(),
                    g4.at("/active/metrics/powerMaeW").asDouble(),
                    g4.at("/candidate/metrics/powerMaeW").asDouble() / g4.at("/active/metrics/powerMaeW").asDouble()));
            assertEquals("refused", g4.get("decision").asText());
            HttpResponse<String> forced = post(base + "/canary", plan4 + ",\"force\":true}");
            assertEquals(200, forced.statusCode(), forced.body());
            long forcedAt = System.nanoTime();
            JsonNode c4 = JSON.readTree(forced.body()).get("canary");
            line(String.format(Locale.ROOT, "v4 forced (POST .../canary %s,\"force\":true}): %d, serves %d of %d cells for up to %d s",
                    plan4, forced.statusCode(), c4.get("canaryCells").size(), c4.get("canaryCells").size() + c4.get("otherCells").asInt(),
                    c4.at("/plan/durationS").asInt()));
            JsonNode end4 = awaitCanaryEnd(base, "the judge ends the canary of v4");
            double took4 = (System.nanoTime() - forcedAt) / 1e9;
            line(String.format(Locale.ROOT, "canary of v4 %s after %.0f s of its 60 s window: %s; %s", end4.get("status").asText(), took4,
                    end4.get("reason").asText(), kpiFigures(end4.get("finalJudgement"))));
            assertEquals("rolled-back", end4.get("status").asText(), end4.toString());
            assertTrue(end4.get("reason").asText().contains("energyWh"), end4.toString());
            assertTrue(took4 < 60, "rolled back within its window: " + took4 + " s");
            assertEquals("2", get(base).get("active").asText());
            XappRic.await(() -> ric.metric("power-control", "model.canary.4") == 0, "no cell serves v4 any more");

            JsonNode audit = get(base + "/audit");
            line("");
            line("Audit log (GET /A1-ML/v1/xapps/power-control/models/power-mlp/audit):");
            line("");
            line("| event | version | reason |");
            line("|---|---|---|");
            List<String> events = new ArrayList<>();
            for (JsonNode e : audit.get("entries")) {
                events.add(e.get("event").asText() + " " + e.get("version").asText());
                line("| " + e.get("event").asText() + " | " + e.get("version").asText() + " | "
                        + e.get("reason").asText().replace("|", "/") + " |");
            }
            assertEquals(List.of("retrained 2", "gate-passed 2", "canary-started 2", "canary-promoted 2", "gate-refused 3",
                    "gate-refused 4", "gate-forced 4", "canary-started 4", "canary-rolled-back 4"), events);
            assertTrue(audit.get("entries").get(8).get("reason").asText().contains("energyWh"), audit.toString());
        }

        // 4. Held-out seeds: the weak start, the promoted version and the simulator-trained model, as `jric-ml evaluate` does.
        Map<String, byte[]> arms = new LinkedHashMap<>();
        arms.put("weak v1", weak);
        arms.put("promoted v2", promoted);
        arms.put("simulator-trained", simulatorTrained);
        KpiTable t = Evaluate.compare(arms, HELD_OUT, EVAL_MINUTES, SimConfig.builder().gnbs(GNBS).ues(UES).build());
        line("");
        line("## 4. Held-out seeds");
        line("");
        line(String.format(Locale.ROOT, "%d seeds %s x %.0f simulated minutes, %d gNBs x 3 cells, %d UEs (default traffic with its swing), "
                + "default policy (loss bound 2 %%, weight 0.8), no exploration; change against fixed maximum power:", HELD_OUT.size(),
                HELD_OUT, EVAL_MINUTES, GNBS, UES));
        line("");
        REPORT.append(t.render());
        line("");
        REPORT.append(t.renderPerSeed());
        double eWeak = t.mean("weak v1", "energy");
        double ePromoted = t.mean("promoted v2", "energy");
        double thrWeak = t.mean("weak v1", "mean UE throughput");
        double thrPromoted = t.mean("promoted v2", "mean UE throughput");
        line("");
        for (String arm : arms.keySet()) {
            double dE = t.relChangePct(arm, "energy");
            double dT = t.relChangePct(arm, "mean UE throughput");
            line(String.format(Locale.ROOT, "%-18s energy %+.1f %%, mean throughput %+.1f %% against fixed maximum power: target "
                    + "(energy <= -15 %% at <= 2 %% loss) %s", arm, dE, dT, dE <= -15 && dT >= -2 ? "MET" : "NOT MET"));
        }
        line(String.format(Locale.ROOT, "promoted v2 against weak v1: energy %+.1f %%, mean UE throughput %+.1f %%",
                100 * (ePromoted / eWeak - 1), 100 * (thrPromoted / thrWeak - 1)));
        assertTrue(ePromoted <= 0.85 * eWeak, "the promoted version spends at least 15 % less energy than the weak start: " + ePromoted + " vs " + eWeak);
        assertTrue(thrPromoted >= 0.95 * thrWeak, "and keeps at least 95 % of its mean UE throughput: " + thrPromoted + " vs " + thrWeak);
    }

    private static String invalidPerMissing(JsonNode gate) {
        List<String> out = new ArrayList<>();
        gate.at("/robustness/missing").fields().forEachRemaining(e ->
                out.add(e.getKey() + " " + e.getValue().at("/metrics/invalidOutputs").asInt(-1)));
        return out + " invalid";
    }

    private static String kpiFigures(JsonNode judgement) {
        if (judgement == null || judgement.isNull()) return "no figures";
        List<String> out = new ArrayList<>();
        for (JsonNode k : judgement.path("kpis")) {
            out.add(String.format(Locale.ROOT, "%s: canary cells %.4f -> %.4f, others %.4f -> %.4f (%d / %d samples during), effect %+.1f %%",
                    k.get("name").asText(), k.at("/canary/meanBefore").asDouble(), k.at("/canary/meanDuring").asDouble(),
                    k.at("/others/meanBefore").asDouble(), k.at("/others/meanDuring").asDouble(), k.at("/canary/samplesDuring").asLong(),
                    k.at("/others/samplesDuring").asLong(), k.path("effectPct").asDouble(Double.NaN)));
        }
        return String.join("; ", out);
    }

    /** The rows with their outcomes permuted across rows (the features and actions stay). */
    static List<ExperienceSample> shuffledOutcomes(List<ExperienceSample> rows, long seed) {
        int[] perm = new int[rows.size()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        List<ExperienceSample> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ExperienceSample r = rows.get(i);
            ExperienceSample o = rows.get(perm[i]);
            out.add(new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), r.features(), r.action(), o.outcome(), o.outcomeSamples()));
        }
        return out;
    }

    /** The rows with each row's power (energy over its samples) mirrored about the mean power. */
    static List<ExperienceSample> reversedEnergy(List<ExperienceSample> rows) {
        double mean = 0;
        for (ExperienceSample r : rows) mean += r.outcome().get("energyWh") / r.outcomeSamples();
        mean /= rows.size();
        List<ExperienceSample> out = new ArrayList<>(rows.size());
        for (ExperienceSample r : rows) {
            Map<String, Double> o = new HashMap<>(r.outcome());
            double perSample = r.outcome().get("energyWh") / r.outcomeSamples();
            o.put("energyWh", Math.max(1e-6, 2 * mean - perSample) * r.outcomeSamples());
            out.add(new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), r.features(), r.action(), o, r.outcomeSamples()));
        }
        return out;
    }

    /** The xApp's experience rows with outcome OK, with what the gate and trainer see of them. */
    static List<ExperienceSample> okRows(XappRic ric) {
        List<ExperienceSample> out = new ArrayList<>();
        for (ExperienceRow r : ric.node().xapps().experience().rows("power-control", Long.MIN_VALUE, Long.MAX_VALUE, 100_000).rows) {
            if (!ExperienceRow.OK.equals(r.outcomeStatus()) || r.outcomeValues() == null) continue;
            Map<String, Double> f = map(r.featureNames(), r.featureValues());
            Map<String, Double> a = map(r.actionNames(), r.actionValues());
            Map<String, Double> o = map(r.outcomeNames(), r.outcomeValues());
            if (!a.containsKey("txPowerDbm") || !o.containsKey("energyWh") || r.outcomeSamples() < 1) continue;
            out.add(new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), f, a, o, r.outcomeSamples()));
        }
        return out;
    }

    private static Map<String, Double> map(String[] names, double[] values) {
        Map<String, Double> m = new HashMap<>();
        if (names == null || values == null) return m;
        for (int i = 0; i < names.length && i < values.length; i++) m.put(names[i], values[i]);
        return m;
    }

    private static void putPolicy(XappRic ric, String url, String json) throws Exception {
        long before = ric.metric("power-control", "policy.updates");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 201, r.statusCode() + " " + r.body());
        XappRic.await(() -> ric.metric("power-control", "policy.updates") > before, "the xApp takes policy " + json);
    }

    private static JsonNode awaitCanaryEnd(String base, String what) throws InterruptedException {
        return awaitValue(() -> {
            JsonNode c = get(base).get("canary");
            return c != null && !c.isNull() && !"running".equals(c.path("status").asText()) ? c : null;
        }, LONG, what);
    }

    private static void line(String s) {
        REPORT.append(s).append('\n');
    }

    static void waitFor(BooleanSupplier condition, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + max.toSeconds() + " s waiting for " + what);
            Thread.sleep(250);
        }
    }

    static <T> T awaitValue(java.util.function.Supplier<T> value, Duration max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        T v;
        while ((v = value.get()) == null) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + max.toSeconds() + " s waiting for " + what);
            Thread.sleep(250);
        }
        return v;
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
