package io.jric.xapps.power;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retraining in the RIC (issue #15, item 3) with power-control in a real RIC over HTTP: the weak version v1 (trained on
 * shuffled outcomes) serves; the experience it recorded with exploration on (the same seeded rows as
 * {@link PowerGateTest}) is in the grid; the operator starts a retraining job through the admin API; the job trains v2
 * from the rows the gate does not hold out with the xApp's {@link ExperienceTrainer}, registers it with its lineage and
 * activates it through the gate, which it passes against v1.
 */
class PowerRetrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static byte[] weak;
    private static List<PowerExperience.Row> rows;

    @BeforeAll
    static void modelAndExperience() throws Exception {
        weak = GateModels.shuffled(1);
        rows = GateModels.weakExperience();
    }

    @Test
    void anOperatorRetrainsFromExperienceAndTheNewVersionPassesTheGateWithItsLineage() throws Exception {
        try (XappRic ric = XappRic.start(XappRic.config("power-retrain", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/power-control/models/power-mlp";
            String admin = http + "/ric/v1/models/power-control/power-mlp";

            // Nothing active yet: nothing to start from.
            HttpResponse<String> none = send("POST", admin + "/retrain", "{}");
            assertEquals(409, none.statusCode(), none.body());
            assertTrue(none.body().contains("no version of power-control/power-mlp is active"), none.body());

            HttpResponse<String> up = upload(a1, "1", weak);
            assertEquals(201, up.statusCode(), up.body());
            assertEquals(200, send("POST", a1 + "/activate", "{\"version\":\"1\"}").statusCode());
            PowerGateTest.inject(ric, rows);
            XappRic.await(() -> okRows(ric) == rows.size(), "every row closed with outcome OK");

            // Bad requests change nothing.
            assertEquals(400, send("POST", admin + "/retrain", "{\"seed\":\"seven\"}").statusCode());
            assertEquals(400, send("POST", admin + "/retrain", "{\"epochs\":3}").statusCode());
            assertEquals(404, send("POST", http + "/ric/v1/models/power-control/nope/retrain", "{}").statusCode());
            assertEquals(404, send("POST", http + "/ric/v1/models/nope/power-mlp/retrain", "{}").statusCode());

            HttpResponse<String> started = send("POST", admin + "/retrain", "{\"seed\":7}");
            assertEquals(202, started.statusCode(), started.body());
            JsonNode job = JSON.readTree(started.body());
            String id = job.get("id").asText();
            assertEquals("1", job.get("parent").asText());
            JsonNode done = XappRic.awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the retraining job finishes");
            System.out.println("retraining job: " + done);
            assertEquals("activated", done.get("state").asText(), done.toString());
            assertEquals("2", done.get("version").asText());
            assertEquals(done, get(a1 + "/retrain/" + id), "A1-ML shows the same job");
            JsonNode g = done.get("gate");
            assertEquals("passed", g.get("decision").asText());
            double c = g.at("/candidate/metrics/powerMaeW").asDouble();
            double w = g.at("/active/metrics/powerMaeW").asDouble();
            System.out.printf(Locale.ROOT, "retrained v2 vs v1: powerMaeW %.2f vs %.2f W (x%.1f), powerOrderError %.4f vs %.4f%n", c, w, w / c,
                    g.at("/candidate/metrics/powerOrderError").asDouble(), g.at("/active/metrics/powerOrderError").asDouble());
            assertTrue(c <= 0.5 * w, "the retrained version's powerMaeW is at most half v1's: " + g);

            // Lineage: the data window, the rows (train + held out = OK rows), schema, trainer, seed, parent.
            JsonNode v2 = get(a1 + "/versions/2");
            JsonNode l = v2.get("lineage");
            assertEquals("1", l.get("parent").asText());
            assertEquals(7, l.get("seed").asLong());
            assertEquals(ExperienceTrainer.TRAINER, l.get("trainer").asText());
            assertEquals(PowerModel.INPUT_FEATURES.toString(), iterable(l.get("featureSchema")).toString());
            assertEquals(rows.size(), l.at("/rows/experienceOk").asInt());
            assertEquals(rows.size(), l.at("/rows/train").asInt() + l.at("/rows/heldOutForGate").asInt());
            assertEquals(g.get("rowsHeldOut").asInt(), l.at("/rows/heldOutForGate").asInt(), "the gate scored exactly the rows held out");
            assertTrue(l.at("/dataWindow/from").asText().compareTo(l.at("/dataWindow/to").asText()) < 0, l.toString());
            assertTrue(l.at("/hyperparameters/epochs").isTextual(), l.toString());
            assertTrue(v2.get("uploadedBy").asText().startsWith("retrain-job:" + id), v2.toString());
            assertEquals("2", get(a1).get("active").asText());
            XappRic.await(() -> ric.metric("power-control", "model.active.2") == 1, "v2 serves");
            assertEquals(404, send("GET", admin + "/retrain/r999", null).statusCode());
        }
    }

    private static List<String> iterable(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static long okRows(XappRic ric) {
        try {
            long ok = 0;
            for (JsonNode r : JSON.readTree(ric.experience("power-control")).get("rows")) if (r.get("outcomeStatus").asText().equals("OK")) ok++;
            return ok;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
