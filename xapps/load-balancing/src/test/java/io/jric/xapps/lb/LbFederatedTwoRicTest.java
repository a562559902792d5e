package io.jric.xapps.lb;

import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.testing.RicProcess;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Federated retraining of {@code lb-mlp} with two RIC processes (issue #15, item 8): this JVM runs {@code fed-a}, a
 * second JVM {@code fed-b} ({@code ric run}), one grid without backups; load-balancing installed {@code node-singleton}
 * (an instance on each process) with a weak v1 (trained on shuffled outcomes). The seed-42 two-cell rows of
 * {@link LbRetrainRicTest} and their cells' records are written to the grid, where each row lands on the grid node that
 * is primary for its E2 node (7 gNBs), and closed by the RIC's outcome task. A federated job on {@code fed-a}: each node
 * trains over the rows it holds ({@code trainLocal}), the test counts the rows each node holds from outside the job,
 * and no row crosses nodes while training. Bounded: 300 s.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LbFederatedTwoRicTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void eachGridNodeTrainsOnTheRowsItHoldsAndNoRowCrossesNodes() throws Exception {
        ModelBundle good = TrainerTest.small();
        LbRows.Run run = LbRows.run(SimConfig.defaults().toBuilder().seed(42).build(), 240, good.toBytes(), LbScoreRetrainTest.EXPLORING,
                null, true);
        LbRows.Run other = LbRows.run(SimConfig.defaults().toBuilder().seed(43).build(), 240, good.toBytes(), LbScoreRetrainTest.EXPLORING,
                null, true);
        byte[] weak = LbExperienceTrainer.train(good, LbRows.shuffledOutcomes(other.rows(), 1), 1).content();
        int discoA = TestGrids.freePortPair();
        int discoB = TestGrids.freePortPair();
        String addresses = "127.0.0.1:" + discoA + ",127.0.0.1:" + discoB;
        Path scratch = Files.createTempDirectory("lb-federated");
        RicProcess b = null;
        try (XappRic ric = XappRic.start(XappRic.config("fed-a", true).set("admin.auth", "off").set("a1.auth", "off")
                .set("grid.discoveryPort", Integer.toString(discoA)).set("grid.addresses", addresses))) {
            b = RicProcess.start(scratch, "fed-b", discoB, addresses);
            b.awaitE2Port();
            Ignite ignite = ric.node().grid().ignite();
            XappRic.await(() -> ric.node().grid().serverCount() == 2, "fed-b joins fed-a's grid");
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor)
                    .replace("\"values\": { \"trainIfMissing\": false }", "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }")
                    .replace("\"placement\": \"cluster-singleton\"", "\"placement\": \"node-singleton\"")
                    .replace("\"instances\": 1, ", "\"instances\": 0, ");
            assertTrue(json.contains("node-singleton"), "the descriptor's placement was replaced");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/load-balancing/models/lb-mlp";
            String admin = http + "/ric/v1/models/load-balancing/lb-mlp";
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weak));
            XappRic.await(() -> send("PUT", a1 + "/versions/1?sha256=" + sha, weak, "application/octet-stream").statusCode() == 201,
                    "v1 uploaded");
            send("POST", a1 + "/activate", "{\"version\":\"1\"}".getBytes(StandardCharsets.UTF_8), "application/json");

            // Once fed-b holds partitions, the rows go where their E2 node's partition is.
            Affinity<Object> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
            List<String> e2Nodes = run.recorded().stream().map(r -> (String) r[1]).distinct().sorted().toList();
            Map<String, String> primaryOf = awaitValue(() -> {
                Map<String, String> m = new TreeMap<>();
                for (String n : e2Nodes) m.put(n, name(aff.mapKeyToNode(n)));
                return m.containsValue("fed-a") && m.containsValue("fed-b") ? m : null;
            }, "both grid nodes hold some E2 node's rows", Duration.ofSeconds(60));
            System.out.println("E2 node -> grid node holding its rows: " + primaryOf);
            int rows = LbRetrainRicTest.inject(ric, run);
            Map<String, Long> held = awaitValue(() -> {
                Map<String, Long> ok = okRowsByHolder(ignite, Long.MAX_VALUE);
                return ok.values().stream().mapToLong(Long::longValue).sum() == rows ? ok : null;
            }, "every row closed OK", Duration.ofSeconds(90));
            System.out.println("rows OK per grid node (counted by the test): " + held);

            HttpResponse<String> started = send("POST", admin + "/retrain",
                    "{\"seed\":7,\"mode\":\"federated\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            assertEquals(202, started.statusCode(), started.body());
            String id = JSON.readTree(started.body()).get("id").asText();
            long t0 = System.nanoTime();
            JsonNode done = awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the federated job finishes", Duration.ofSeconds(120));
            System.out.printf(Locale.ROOT, "federated job after %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, done);
            assertEquals("federated", done.get("mode").asText());
            Map<String, Long> okBy = new TreeMap<>();
            for (JsonNode n : done.get("nodes")) {
                okBy.put(n.get("node").asText(), n.get("withOutcome").asLong());
                assertTrue(n.get("instance").asBoolean(), n.toString());
                assertTrue(n.get("train").asLong() > 0, "trained on its own rows: " + n);
                assertEquals(2 * n.get("train").asLong(), n.get("usable").asLong(), "two cells per row: " + n);
                assertTrue(n.get("updateBytes").asLong() < 64 * 1024, "parameters, not rows: " + n);
            }
            assertEquals(held, okBy, "each grid node trained on exactly the rows it holds");
            assertEquals(0, done.at("/rowsCrossingNodes/training").asLong(), done.toString());
            System.out.println("rows crossing nodes: " + done.get("rowsCrossingNodes"));
            JsonNode g = done.get("gate");
            System.out.printf(Locale.ROOT, "gate %s: federated v2 vs v1 on %d held-out rows: loadMaePct %.2f vs %.2f (persistence %.2f); reasons %s%n",
                    g.get("decision"), g.get("rowsHeldOut").asInt(), g.at("/candidate/metrics/loadMaePct").asDouble(),
                    g.at("/active/metrics/loadMaePct").asDouble(), g.at("/candidate/metrics/persistenceLoadMaePct").asDouble(), g.get("reasons"));
            assertEquals("activated", done.get("state").asText(), done.toString());
            JsonNode l = get(a1 + "/versions/2").get("lineage");
            assertEquals(LbFederatedTrainer.TRAINER, l.get("trainer").asText());
            assertEquals(2, l.at("/hyperparameters/nodesTrained").asInt(), l.toString());
        } finally {
            if (b != null) b.close();
        }
    }

    /** Rows of load-balancing with outcome OK closed at or before {@code cutoff}, by the grid node that holds them. */
    private static Map<String, Long> okRowsByHolder(Ignite ignite, long cutoff) {
        Affinity<ExperienceKey> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
        Map<String, Long> out = new TreeMap<>();
        for (Cache.Entry<ExperienceKey, ExperienceRow> e : ignite.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE)
                .query(new ScanQuery<ExperienceKey, ExperienceRow>())) {
            ExperienceRow r = e.getValue();
            if (!r.xapp().equals("load-balancing") || !ExperienceRow.OK.equals(r.outcomeStatus()) || r.attachedAtMs() > cutoff) continue;
            out.merge(name(aff.mapKeyToNode(e.getKey())), 1L, Long::sum);
        }
        return out;
    }

    private static String name(ClusterNode n) {
        return n == null ? "none" : String.valueOf(n.consistentId());
    }

    /** Waits up to {@code limit} for a non-null value. */
    private static <T> T awaitValue(java.util.function.Supplier<T> value, String what, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            T v = value.get();
            if (v != null) return v;
            Thread.sleep(500);
        }
        throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
    }
}
