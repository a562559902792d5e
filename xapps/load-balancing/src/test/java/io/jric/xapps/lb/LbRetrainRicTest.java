package io.jric.xapps.lb;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.xapp.ExperienceStore;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Retraining the load-balancing model in a real RIC over HTTP (issue #15, item 3): a weak version (trained on shuffled
 * outcomes) serves; two-cell rows the xApp made on {@link io.jric.xapps.ml.SimHost} (seed 42, 4 simulated minutes, the
 * rows of {@link LbScoreRetrainTest}) are put into the RIC's experience store with the cells' KPM records, and the RIC's
 * outcome task attaches both cells' outcomes; the operator starts a retraining job; the job trains v2 with
 * {@link LbExperienceTrainer} on the rows the gate does not hold out, and the gate ({@code loadMaePct}, the descriptor's)
 * passes it against v1.
 */
class LbRetrainRicTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void anOperatorRetrainsFromTwoCellRowsAndTheNewVersionPassesTheGate() throws Exception {
        ModelBundle good = TrainerTest.small();
        LbRows.Run run = LbRows.run(SimConfig.defaults().toBuilder().seed(42).build(), 240, good.toBytes(), LbScoreRetrainTest.EXPLORING,
                null, true);
        LbRows.Run other = LbRows.run(SimConfig.defaults().toBuilder().seed(43).build(), 240, good.toBytes(), LbScoreRetrainTest.EXPLORING,
                null, true);
        byte[] weak = LbExperienceTrainer.train(good, LbRows.shuffledOutcomes(other.rows(), 1), 1).content();
        try (XappRic ric = XappRic.start(XappRic.config("lb-retrain", true).set("admin.auth", "off").set("a1.auth", "off"))) {
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

            int rows = inject(ric, run);
            XappRic.await(() -> okRows(ric) == rows, "every row closed with both outcomes, OK");

            HttpResponse<String> started = send("POST", admin + "/retrain", "{\"seed\":7}");
            assertEquals(202, started.statusCode(), started.body());
            String id = JSON.readTree(started.body()).get("id").asText();
            JsonNode done = XappRic.awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the retraining job finishes");
            System.out.println("retraining job: " + done);
            assertEquals("activated", done.get("state").asText(), done.toString());
            assertEquals("2", done.get("version").asText());
            JsonNode g = done.get("gate");
            assertEquals("passed", g.get("decision").asText(), g.toString());
            double c = g.at("/candidate/metrics/loadMaePct").asDouble();
            double w = g.at("/active/metrics/loadMaePct").asDouble();
            System.out.printf(Locale.ROOT, "retrained v2 vs v1 on %d held-out rows: loadMaePct %.2f vs %.2f (persistence %.2f), rlfMae %.3f vs %.3f%n",
                    g.get("rowsHeldOut").asInt(), c, w, g.at("/candidate/metrics/persistenceLoadMaePct").asDouble(),
                    g.at("/candidate/metrics/rlfMae").asDouble(), g.at("/active/metrics/rlfMae").asDouble());
            assertTrue(c <= 0.95 * w, "at least the gate's 5 % better: " + g);
            assertEquals(2 * g.get("rowsHeldOut").asInt(), g.at("/candidate/metrics/rows").asInt(), "both cells of every held-out row");
            JsonNode l = get(a1 + "/versions/2").get("lineage");
            assertEquals("1", l.get("parent").asText());
            assertEquals(LbExperienceTrainer.TRAINER, l.get("trainer").asText());
            assertEquals(rows, l.at("/rows/experienceOk").asInt());
            assertEquals(rows, l.at("/rows/train").asInt() + l.at("/rows/heldOutForGate").asInt());
            assertEquals(2 * l.at("/rows/train").asInt(), l.at("/rows/usable").asInt(), "two cells per training row");
            XappRic.await(() -> ric.metric("load-balancing", "model.active.2") == 1, "v2 serves");
        }
    }

    /** Records the run's rows through the RIC's store and puts the cells' records into the grid; returns the row count. */
    static int inject(XappRic ric, LbRows.Run run) {
        XappDescriptor d = DescriptorParser.parse(ric.node().xapps().get("load-balancing").descriptorJson(), Path.of("").toAbsolutePath());
        ExperienceStore store = ric.node().xapps().experience();
        long now = System.currentTimeMillis();
        int n = 0;
        for (Object[] r : run.recorded()) {
            @SuppressWarnings("unchecked") Map<String, Double> f = (Map<String, Double>) r[5];
            @SuppressWarnings("unchecked") Map<String, Double> a = (Map<String, Double>) r[6];
            long t = (Long) r[0];
            TreeMap<Long, CellKpi> own = run.series().get(r[1] + "|" + r[2]);
            TreeMap<Long, CellKpi> peer = run.series().get(r[3] + "|" + r[4]);
            if (own.lastKey() < t + LbRows.HORIZON_MS || peer.lastKey() < t + LbRows.HORIZON_MS) continue;  // the run ended first
            store.recordPair(d, t, (String) r[1], (String) r[2], (String) r[3], (String) r[4], f, a, now);
            n++;
        }
        Map<CellSampleKey, CellKpi> samples = new HashMap<>();
        Map<CellKey, CellKpi> last = new HashMap<>();
        for (TreeMap<Long, CellKpi> s : run.series().values()) {
            for (CellKpi c : s.values()) samples.put(new CellSampleKey(c.nodeId(), c.cellId(), c.timestampMs()), c);
            CellKpi l = s.lastEntry().getValue();
            last.put(new CellKey(l.nodeId(), l.cellId()), l);
        }
        ric.node().grid().<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES).putAll(samples);
        ric.node().grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).putAll(last);
        store.attach(now);
        return n;
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
