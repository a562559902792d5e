package io.jric.xapps.power;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
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
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Canaries (issue #15, item 6) with power-control in a real RIC, the simulator and A1-ML over HTTP: a version
 * forced past the validation gate that spends energy for nothing serves half of the cells and is rolled back by the
 * canary's judge within its window, the reason and figures in the audit log; a sound version serves a canary
 * and is promoted at the end of its window; bad plans are refused naming the field and change nothing.
 */
class PowerCanaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static byte[] good;
    private static byte[] careless;

    @BeforeAll
    static void trainModels() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("power-canary-models").toString());
        SimConfig cfg = SimConfig.builder().gnbs(3).ues(90).build();
        good = Trainer.train(new io.jric.xapps.ml.TrainOptions(3, 1, 1.5, 8, cfg)).toBytes();
        careless = carelessModel(Trainer.recordForTest(cfg.toBuilder().seed(12).build(), 1.0, 12));
    }

    /**
     * A model trained with every served-throughput ratio set to 1: it learned nothing true about what power
     * buys, and on this simulator it drives its cells to the policy's maximum (46 dBm against the 20 dBm the
     * sound model keeps them at), spending energy for throughput taken from the neighbours.
     */
    private static byte[] carelessModel(Dataset d) throws Exception {
        int ratio = PowerModel.OUTPUTS.indexOf("servedThroughputRatio");
        Dataset s = new Dataset(d.inputs(), d.outputs());
        float[][] x = d.features();
        float[][] y = d.labels();
        for (int i = 0; i < x.length; i++) {
            float[] label = y[i].clone();
            label[ratio] = 1f;
            s.add(x[i], label);
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(5, 4, 32, 32);
        MlpTrainer.Result r = MlpTrainer.train(s.shuffled(5), spec);
        return MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS, spec,
                "throughput-blind", Map.of(), Map.of()).toBytes();
    }

    @Test
    void aHarmfulVersionIsRolledBackWithinItsWindowAndASoundOneIsPromoted() throws Exception {
        try (XappRic ric = XappRic.start(XappRic.config("power-canary", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            ric.simulator(2, 60, 3, 10);
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String base = "http://127.0.0.1:" + ric.node().httpPort() + "/A1-ML/v1/xapps/power-control/models/power-mlp";

            // Without an active version there is nothing to compare with.
            assertEquals(201, upload(base, "1", good).statusCode());
            assertEquals(201, upload(base, "2", careless).statusCode());
            assertEquals(201, upload(base, "4", good).statusCode());  // "4": its canary draws 3 of the 6 cells
            HttpResponse<String> none = post(base + "/canary", "{\"version\":\"2\"}");
            assertEquals(409, none.statusCode(), none.body());
            assertTrue(none.body().contains("activate one first"), none.body());

            assertEquals(200, post(base + "/activate", "{\"version\":\"1\"}").statusCode());
            await(() -> ric.metric("power-control", "decisions.1") >= 20, "v1 decides for a while (the canary's baseline)");

            // Bad plans: 400 naming each field, nothing starts.
            HttpResponse<String> bad = post(base + "/canary",
                    "{\"version\":\"2\",\"share\":1.5,\"durationS\":2,\"kpis\":[{\"name\":\"ueSecrets\",\"better\":\"up\"}],\"color\":1}");
            assertEquals(400, bad.statusCode(), bad.body());
            for (String field : List.of("share", "durationS", "kpis/0/name", "kpis/0/better", "kpis/0/maxDegradationPct", "color")) {
                assertTrue(bad.body().contains(field + ":"), field + " named in " + bad.body());
            }
            assertTrue(get(base).get("canary").isNull(), "no canary started");

            // The throughput-blind version, forced past the gate, serves half of the cells ...
            HttpResponse<String> started = post(base + "/canary", "{\"version\":\"2\",\"share\":0.5,\"durationS\":60,\"baselineS\":20,"
                    + "\"minSamples\":20,\"kpis\":[{\"name\":\"energyWh\",\"better\":\"lower\",\"maxDegradationPct\":10},"
                    + "{\"name\":\"throughputDlMbps\",\"better\":\"higher\",\"maxDegradationPct\":10}],\"force\":true}");
            assertEquals(200, started.statusCode(), started.body());
            JsonNode c = JSON.readTree(started.body()).get("canary");
            assertEquals("running", c.get("status").asText());
            assertTrue(c.get("canaryCells").size() >= 1 && c.get("otherCells").asInt() >= 1, c.toString());
            assertEquals(409, post(base + "/canary", "{\"version\":\"4\"}").statusCode(), "one canary at a time");
            await(() -> ric.metric("power-control", "model.canary.2") == 1 && ric.metric("power-control", "decisions.2") >= 1,
                    "the canary's cells decide with v2");
            assertEquals("1", get(base).get("active").asText(), "v1 stays the active version");

            // ... and is rolled back by the judge long before its 60 s window ends, the reason and figures in the audit log.
            long t0 = System.nanoTime();
            awaitEnd(base, "the judge ends the canary of v2");
            double tookS = (System.nanoTime() - t0) / 1e9;
            JsonNode ended = get(base).get("canary");
            System.out.println("canary of v2 after " + tookS + " s: " + ended);
            assertEquals("rolled-back", ended.get("status").asText(), ended.toString());
            assertTrue(ended.get("reason").asText().contains("energyWh"), ended.toString());
            JsonNode energy = ended.at("/finalJudgement/kpis/0");
            assertTrue(energy.get("degradationPct").asDouble() > 10, energy.toString());
            assertTrue(tookS < 50, "rolled back within the window: " + tookS + " s");
            assertEquals("1", get(base).get("active").asText());
            await(() -> ric.metric("power-control", "model.canary.2") == 0, "no cell serves v2 any more");
            long d2 = ric.metric("power-control", "decisions.2");
            long d1 = ric.metric("power-control", "decisions.1");
            await(() -> ric.metric("power-control", "decisions.1") > d1 + 5, "v1 decides for every cell");
            assertTrue(ric.metric("power-control", "decisions.2") <= d2 + 1, "v2 no longer decides");
            List<String> events = events(get(base + "/audit"));
            assertTrue(events.containsAll(List.of("gate-forced", "canary-started", "canary-rolled-back")), events.toString());
            assertEquals(events, events(get("http://127.0.0.1:" + ric.node().httpPort() + "/ric/v1/models/power-control/power-mlp/audit")),
                    "the admin API shows the same log");
            JsonNode dash = get("http://127.0.0.1:" + ric.node().httpPort() + "/ric/v1/dashboard/snapshot");
            assertTrue(dash.get("modelAudit").toString().contains("canary-rolled-back"), "the dashboard shows it: " + dash.get("modelAudit"));

            // A sound version serves a canary for its whole window and is promoted. Judged on energy: with 3 cells a side
            // and a 15 s window, a cell's throughput swings with its traffic by up to 25 % between the sides even
            // for two copies of one model (measured), too much for a bound that means anything.
            HttpResponse<String> s4 = post(base + "/canary", "{\"version\":\"4\",\"share\":0.5,\"durationS\":15,\"baselineS\":20,"
                    + "\"minSamples\":30,\"kpis\":[{\"name\":\"energyWh\",\"better\":\"lower\",\"maxDegradationPct\":15}],\"force\":true}");
            assertEquals(200, s4.statusCode(), s4.body());
            awaitEnd(base, "the canary of v4 ends");
            JsonNode end4 = get(base).get("canary");
            System.out.println("canary of v4: " + end4);
            assertEquals("promoted", end4.get("status").asText(), end4.toString());
            assertEquals("4", get(base).get("active").asText());
            assertTrue(events(get(base + "/audit")).contains("canary-promoted"));
            await(() -> ric.metric("power-control", "model.active.4") == 1 && ric.metric("power-control", "model.canary.4") == 0,
                    "v4 serves every cell");

            // Stopping by hand: the active version serves every cell again.
            assertEquals(201, upload(base, "5", good).statusCode());
            assertEquals(409, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/canary")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "no canary runs");
            assertEquals(200, post(base + "/canary", "{\"version\":\"5\",\"share\":0.5,\"durationS\":600,\"force\":true}").statusCode());
            HttpResponse<String> stop = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/canary")).DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stop.statusCode(), stop.body());
            assertEquals("rolled-back", JSON.readTree(stop.body()).at("/canary/status").asText());
            assertEquals("stopped by the operator", JSON.readTree(stop.body()).at("/canary/reason").asText());
            assertEquals("4", get(base).get("active").asText());
        }
    }

    private static void awaitEnd(String base, String what) throws InterruptedException {
        try {
            await(() -> !get(base).at("/canary/status").asText().equals("running"), what);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + get(base).get("canary"), e);
        }
    }

    private static List<String> events(JsonNode audit) {
        List<String> out = new ArrayList<>();
        JsonNode entries = audit.has("entries") ? audit.get("entries") : audit.get("audit");
        entries.forEach(e -> out.add(e.get("event").asText()));
        return out;
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
