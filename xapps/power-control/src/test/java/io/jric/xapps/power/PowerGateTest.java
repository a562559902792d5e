package io.jric.xapps.power;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation gate (issue #15, item 5) with power-control in a real RIC, the simulator and A1-ML over HTTP:
 * the xApp serves a deliberately weak version (trained on shuffled outcomes) and records experience; a version
 * trained on the simulator passes the gate against it; a second shuffled version is refused with the figures
 * and the good one keeps serving. The figures come from the xApp's own scorer ({@link PowerScore}) on held-out rows.
 */
class PowerGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static byte[] good;
    private static byte[] shuffledA;
    private static byte[] shuffledB;

    @BeforeAll
    static void trainModels() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("power-gate-models").toString());
        SimConfig cfg = SimConfig.builder().gnbs(3).ues(90).build();
        good = Trainer.train(new TrainOptions(3, 1, 1.5, 8, cfg)).toBytes();
        Dataset d = Trainer.recordForTest(cfg.toBuilder().seed(11).build(), 1.0, 11);
        shuffledA = shuffledOutcomes(d, 1);
        shuffledB = shuffledOutcomes(d, 2);
    }

    /** A model trained on the simulator's features with the outcomes shuffled across rows: it learned nothing true. */
    private static byte[] shuffledOutcomes(Dataset d, long seed) throws Exception {
        float[][] x = d.features();
        float[][] y = d.labels();
        int[] perm = new int[x.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Dataset s = new Dataset(d.inputs(), d.outputs());
        for (int i = 0; i < x.length; i++) s.add(x[i], y[perm[i]]);
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(seed, 4, 32, 32);
        MlpTrainer.Result r = MlpTrainer.train(s.shuffled(seed), spec);
        return MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS, spec,
                "shuffled-outcomes", Map.of(), Map.of()).toBytes();
    }

    @Test
    void aSimulatorTrainedVersionPassesTheGateAndAShuffledOneIsRefusedWithTheFigures() throws Exception {
        try (XappRic ric = XappRic.start(XappRic.config("power-gate", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            ric.simulator(2, 60, 3, 10);
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String base = "http://127.0.0.1:" + ric.node().httpPort() + "/A1-ML/v1/xapps/power-control/models/power-mlp";

            // v1, weak: the first version has nothing to beat (no absoluteBar declared), so it is not gated.
            assertEquals(201, upload(base, "1", shuffledA, "{\"trainer\":\"shuffled outcomes\",\"seed\":1}").statusCode());
            HttpResponse<String> a1 = post(base + "/activate", "{\"version\":\"1\"}");
            assertEquals(200, a1.statusCode(), a1.body());
            assertEquals("skipped", get(base + "/versions/1").at("/gate/decision").asText());

            // Experience under v1: enough rows with an outcome for the gate's held-out share (30 %, at least 50).
            await(() -> okRows(ric) >= 300, "300 experience rows with their outcome");

            // v2, trained on the simulator: passes against v1.
            assertEquals(201, upload(base, "2", good, "{\"parent\":\"1\",\"codeVersion\":\"test\"}").statusCode());
            HttpResponse<String> a2 = post(base + "/activate", "{\"version\":\"2\"}");
            JsonNode v2 = get(base + "/versions/2");
            JsonNode g2 = v2.get("gate");
            System.out.println("gate v2 vs v1: " + g2);
            assertEquals(200, a2.statusCode(), a2.body());
            assertEquals("passed", g2.get("decision").asText(), g2.toString());
            double c2 = g2.at("/candidate/metrics/powerMaeW").asDouble();
            double w1 = g2.at("/active/metrics/powerMaeW").asDouble();
            assertTrue(c2 < w1 * (1 - 0.05), "better by the gate's 5 %: " + c2 + " vs " + w1);
            assertTrue(g2.get("rowsHeldOut").asInt() >= 50 && g2.get("rowsHeldOut").asInt() < g2.get("rowsWithOutcome").asInt(), g2.toString());
            assertTrue(g2.at("/robustness/passed").asBoolean(), g2.toString());
            assertEquals(0, g2.at("/candidate/metrics/invalidOutputs").asInt());
            assertTrue(g2.at("/robustness/missing/avgCqi").has("degradationPct"), g2.toString());
            assertEquals("1", v2.at("/lineage/parent").asText());
            assertEquals("2", get(base).get("active").asText());
            await(() -> ric.metric("power-control", "decisions.2") >= 2, "decisions with v2");

            // v3, shuffled outcomes again: refused with the figures; v2 keeps serving.
            assertEquals(201, upload(base, "3", shuffledB, null).statusCode());
            HttpResponse<String> a3 = post(base + "/activate", "{\"version\":\"3\"}");
            System.out.println("gate v3 vs v2: " + a3.body());
            assertEquals(422, a3.statusCode(), a3.body());
            JsonNode problem = JSON.readTree(a3.body());
            assertTrue(problem.get("detail").asText().contains("the validation gate refused version 3"), a3.body());
            assertTrue(problem.get("detail").asText().contains("version 2 stays active"), a3.body());
            JsonNode g3 = problem.get("gate");
            assertEquals("refused", g3.get("decision").asText());
            assertTrue(g3.at("/candidate/metrics/powerMaeW").asDouble() > g3.at("/active/metrics/powerMaeW").asDouble(), g3.toString());
            assertEquals(g3, get(base + "/versions/3").get("gate"), "the figures are kept with the version");
            assertEquals("2", get(base).get("active").asText());
            long before = ric.metric("power-control", "decisions.2");
            await(() -> ric.metric("power-control", "decisions.2") > before, "v2 still decides");
            assertEquals(0, ric.metric("power-control", "decisions.3"));

            // The operator may force a version past the gate (recorded as such); rollback goes back without a gate.
            assertEquals(400, post(base + "/activate", "{\"version\":\"3\",\"force\":\"yes\"}").statusCode());
            HttpResponse<String> forced = post(base + "/activate", "{\"version\":\"3\",\"force\":true}");
            assertEquals(200, forced.statusCode(), forced.body());
            assertEquals("forced", get(base + "/versions/3").at("/gate/decision").asText());
            HttpResponse<String> back = post(base + "/rollback", "{}");
            assertEquals(200, back.statusCode(), back.body());
            assertEquals("2", get(base).get("active").asText());
        }
    }

    private static long okRows(XappRic ric) {
        try {
            JsonNode b = JSON.readTree(ric.experience("power-control"));
            long ok = 0;
            for (JsonNode r : b.get("rows")) if (r.get("outcomeStatus").asText().equals("OK")) ok++;
            return ok;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> upload(String base, String version, byte[] body, String lineage) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/versions/" + version + "?sha256="
                        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(30));
        if (lineage != null) b.header("X-Model-Lineage", lineage);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
