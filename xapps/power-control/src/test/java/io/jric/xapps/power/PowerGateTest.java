package io.jric.xapps.power;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.xapp.ExperienceStore;
import io.jric.xapps.testing.XappRic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The validation gate (issue #15, item 5) with power-control in a real RIC and A1-ML over HTTP, on experience rows
 * that are the same every run: recorded in the simulator (seed 5, 2 gNBs x 3 cells, 60 UEs, 240 s) by power-control
 * serving a deliberately weak version (trained on shuffled outcomes) with exploration at 0.3 ({@link PowerExperience}),
 * then written to the RIC's experience store with the KPM records their outcome comes from, and closed by the RIC's
 * own outcome task. The weak version v1 is active; v2, trained on the simulator, passes the gate against it; v3,
 * trained on shuffled outcomes with another seed, is refused with the figures and v2 keeps serving; v3 forced past
 * the gate is recorded as such, and rolled back.
 */
class PowerGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static byte[] good;
    private static byte[] shuffledA;
    private static byte[] shuffledB;
    private static List<PowerExperience.Row> rows;

    @BeforeAll
    static void modelsAndExperience() throws Exception {
        good = GateModels.good();
        shuffledA = GateModels.shuffled(1);
        shuffledB = GateModels.shuffled(2);
        rows = GateModels.weakExperience();
    }

    @Test
    void aSimulatorTrainedVersionPassesTheGateAndAShuffledOneIsRefusedWithTheFigures() throws Exception {
        try (XappRic ric = XappRic.start(XappRic.config("power-gate", true).set("admin.auth", "off").set("a1.auth", "off"))) {
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

            // The experience recorded under v1, into the grid; the RIC attaches every outcome.
            inject(ric, rows);
            XappRic.await(() -> okRows(ric) == rows.size(), "every row closed by the outcome task with outcome OK");

            // v2, trained on the simulator: passes against v1, by far.
            assertEquals(201, upload(base, "2", good, "{\"parent\":\"1\",\"codeVersion\":\"test\"}").statusCode());
            HttpResponse<String> a2 = post(base + "/activate", "{\"version\":\"2\"}");
            assertEquals(200, a2.statusCode(), a2.body());
            JsonNode v2 = get(base + "/versions/2");
            JsonNode g2 = v2.get("gate");
            assertEquals("passed", g2.get("decision").asText(), g2.toString());
            double c2 = g2.at("/candidate/metrics/powerMaeW").asDouble();
            double w1 = g2.at("/active/metrics/powerMaeW").asDouble();
            System.out.printf(Locale.ROOT, "gate v2 (good) vs v1 (shuffled): powerMaeW %.2f vs %.2f W, margin %.2f W (x%.1f), "
                    + "%d held-out rows of %d%n", c2, w1, w1 - c2, w1 / c2, g2.get("rowsHeldOut").asInt(), g2.get("rowsWithOutcome").asInt());
            System.out.println("gate v2: " + g2);
            assertTrue(c2 <= 0.5 * w1, "v2's powerMaeW is at most half v1's: " + c2 + " vs " + w1);
            int heldOut = g2.get("rowsHeldOut").asInt();
            assertTrue(heldOut >= 0.2 * rows.size() && heldOut <= 0.4 * rows.size(), "about 30 % held out: " + g2);
            assertEquals(rows.size(), g2.get("rowsWithOutcome").asInt());
            assertTrue(g2.at("/robustness/passed").asBoolean(), g2.toString());
            assertEquals(0, g2.at("/candidate/metrics/invalidOutputs").asInt());
            assertEquals(0, g2.at("/robustness/stress/metrics/invalidOutputs").asInt(), "valid and bounded under stress noise");
            for (String kpi : List.of("prbUsedDlPct", "throughputDlMbps", "activeUes", "avgCqi", "avgSinrDb")) {
                assertEquals(0, g2.at("/robustness/missing/" + kpi + "/metrics/invalidOutputs").asInt(-1), kpi + " missing: " + g2);
            }
            assertEquals("1", v2.at("/lineage/parent").asText());
            assertEquals("2", get(base).get("active").asText());
            XappRic.await(() -> ric.metric("power-control", "model.active.2") == 1, "v2 serves");

            // v3, shuffled outcomes again: refused with the figures; v2 keeps serving.
            assertEquals(201, upload(base, "3", shuffledB, null).statusCode());
            HttpResponse<String> a3 = post(base + "/activate", "{\"version\":\"3\"}");
            assertEquals(422, a3.statusCode(), a3.body());
            JsonNode problem = JSON.readTree(a3.body());
            assertTrue(problem.get("detail").asText().contains("the validation gate refused version 3"), a3.body());
            assertTrue(problem.get("detail").asText().contains("version 2 stays active"), a3.body());
            assertTrue(problem.get("detail").asText().contains("powerMaeW"), a3.body());
            JsonNode g3 = problem.get("gate");
            assertEquals("refused", g3.get("decision").asText());
            double c3 = g3.at("/candidate/metrics/powerMaeW").asDouble();
            double a2m = g3.at("/active/metrics/powerMaeW").asDouble();
            System.out.printf(Locale.ROOT, "gate v3 (shuffled) vs v2 (good): powerMaeW %.2f vs %.2f W, margin %.2f W (x%.1f)%n",
                    c3, a2m, c3 - a2m, c3 / a2m);
            assertTrue(c3 >= 2 * a2m, "v3's powerMaeW is at least twice v2's: " + g3);
            assertEquals(g3, get(base + "/versions/3").get("gate"), "the figures are kept with the version");
            assertEquals("2", get(base).get("active").asText());
            assertEquals(1, ric.metric("power-control", "model.active.2"));
            assertEquals(0, ric.metric("power-control", "model.active.3"));

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

    /**
     * Writes the rows to the RIC's experience store as the xApp would record them, the KPM records their outcome
     * comes from to the cell series (as the E2 path writes them, series before latest records), and runs one round of
     * the outcome task (the RIC's own timer may close some rows first; each is closed once either way).
     */
    static void inject(XappRic ric, List<PowerExperience.Row> rows) {
        XappDescriptor d = DescriptorParser.parse(ric.node().xapps().get("power-control").descriptorJson(), Path.of("").toAbsolutePath());
        ExperienceStore store = ric.node().xapps().experience();
        IgniteCache<CellSampleKey, CellKpi> series = ric.node().grid().cache(KpmCaches.CELL_SERIES);
        IgniteCache<CellKey, CellKpi> latest = ric.node().grid().cache(KpmCaches.CELL_LATEST);
        long now = System.currentTimeMillis();
        Map<CellKey, CellKpi> last = new HashMap<>();
        Map<CellSampleKey, CellKpi> samples = new HashMap<>();
        for (PowerExperience.Row r : rows) {
            ExperienceSample s = r.sample();
            store.record(d, s.timeMs(), s.nodeId(), s.cellId(), 0, s.features(), s.action(), now);
            CellKpi o = r.outcomeRecord();
            samples.put(new CellSampleKey(o.nodeId(), o.cellId(), o.timestampMs()), o);
            last.merge(new CellKey(o.nodeId(), o.cellId()), o, (a, b) -> a.timestampMs() >= b.timestampMs() ? a : b);
        }
        series.putAll(samples);
        latest.putAll(last);
        store.attach(now);
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

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
