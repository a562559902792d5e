package io.jric.xapps.lb;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Federated retraining of the load-balancing model through a real RIC over HTTP (issue #15, item 8; docs/ml-lifecycle.md
 * section 10): the setup of {@link LbRetrainRicTest} (a weak v1, the seed-42 two-cell rows and their cells' records
 * injected, closed by the RIC's outcome task), and a job with {@code "mode":"federated"}: the RIC's round tasks (Ignite
 * compute on every server node, here the one) call the xApp's {@code trainLocal} over the rows the node holds, average,
 * and {@code federatedModel} makes v2, which the gate passes against v1. One grid node: this shows the xApp's part of the
 * federated path in a RIC, not rows staying on two nodes (that is {@code PowerFederatedTest}'s two-process setup).
 */
class LbFederatedRicTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aFederatedJobTrainsThroughTheXappsLocalStepAndTheVersionPassesTheGate() throws Exception {
        ModelBundle good = TrainerTest.small();
        LbRows.Run run = LbRows.run(SimConfig.defaults().toBuilder().seed(42).build(), 240, good.toBytes(), LbScoreRetrainTest.EXPLORING,
                null, true);
        LbRows.Run other = LbRows.run(SimConfig.defaults().toBuilder().seed(43).build(), 240, good.toBytes(), LbScoreRetrainTest.EXPLORING,
                null, true);
        byte[] weak = LbExperienceTrainer.train(good, LbRows.shuffledOutcomes(other.rows(), 1), 1).content();
        try (XappRic ric = XappRic.start(XappRic.config("lb-federated", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false }",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/load-balancing/models/lb-mlp";
            String admin = http + "/ric/v1/models/load-balancing/lb-mlp";
            HttpResponse<String> up = upload(a1, "1", weak);
            assertEquals(201, up.statusCode(), up.body());
            assertEquals(200, send("POST", a1 + "/activate", "{\"version\":\"1\"}").statusCode());

            int rows = LbRetrainRicTest.inject(ric, run);
            XappRic.await(() -> okRows(ric) == rows, "every row closed with both outcomes, OK");

            HttpResponse<String> started = send("POST", admin + "/retrain", "{\"seed\":7,\"mode\":\"federated\"}");
            assertEquals(202, started.statusCode(), started.body());
            String id = JSON.readTree(started.body()).get("id").asText();
            JsonNode done = XappRic.awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the federated job finishes");
            System.out.println("federated job: " + done);
            JsonNode g0 = done.get("gate");
            System.out.println("gate: " + (g0 == null ? null : g0.get("decision")) + " " + (g0 == null ? null : g0.get("reasons"))
                    + " candidate " + (g0 == null ? null : g0.at("/candidate/metrics")) + " active " + (g0 == null ? null : g0.at("/active/metrics")));
            assertEquals("activated", done.get("state").asText(), done.toString());
            assertEquals("federated", done.get("mode").asText(), done.toString());
            assertEquals("2", done.get("version").asText());
            assertEquals(5, done.get("roundsDone").asInt(), done.toString());
            assertEquals(0, done.at("/rowsCrossingNodes/training").asInt(), done.toString());
            JsonNode node = done.get("nodes").get(0);
            assertEquals(2 * node.get("train").asInt(), node.get("usable").asInt(), "two cells per training row: " + node);
            JsonNode g = done.get("gate");
            assertEquals("passed", g.get("decision").asText(), g.toString());
            double c = g.at("/candidate/metrics/loadMaePct").asDouble();
            double w = g.at("/active/metrics/loadMaePct").asDouble();
            System.out.printf(Locale.ROOT, "federated v2 vs v1 on %d held-out rows: loadMaePct %.2f vs %.2f (persistence %.2f), rlfMae %.3f vs %.3f; "
                            + "%d rows trained on, %d usable cells, answer %d bytes%n",
                    g.get("rowsHeldOut").asInt(), c, w, g.at("/candidate/metrics/persistenceLoadMaePct").asDouble(),
                    g.at("/candidate/metrics/rlfMae").asDouble(), g.at("/active/metrics/rlfMae").asDouble(), node.get("train").asInt(),
                    node.get("usable").asInt(), node.get("updateBytes").asLong());
            assertTrue(c <= 0.95 * w, "at least the gate's 5 % better: " + g);
            JsonNode l = get(a1 + "/versions/2").get("lineage");
            assertEquals("1", l.get("parent").asText());
            assertEquals(LbFederatedTrainer.TRAINER, l.get("trainer").asText());
            assertTrue(l.at("/hyperparameters/combination").asText().contains("FedAvg"), l.toString());
            assertEquals(rows, l.at("/rows/experienceOk").asInt(), l.toString());
            XappRic.await(() -> ric.metric("load-balancing", "model.active.2") == 1, "v2 serves");
        }
    }

    private static long okRows(XappRic ric) {
        try {
            long ok = 0;
            for (JsonNode r : JSON.readTree(ric.experience("load-balancing") ).get("rows")) {
                if (r.get("outcomeStatus").asText().equals("OK") && r.get("outcome").has("peer.prbUsedDlPct")) ok++;
            }
            return ok;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
