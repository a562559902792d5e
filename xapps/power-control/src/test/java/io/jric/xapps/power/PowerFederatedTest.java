package io.jric.xapps.power;

import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.e2.E2NodeInfo;
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
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
 * Training where the data lives (issue #15, item 8) with two RIC processes: this JVM runs RIC process {@code fed-a},
 * a second JVM runs {@code fed-b} ({@code ric run}), on loopback, one Ignite grid without backups (each experience row
 * is held by one grid node only). Each process holds its own simulated E2 nodes (2 gNBs x 3 cells each), and
 * power-control runs once per process ({@code node-singleton}) on a deliberately weak version (trained on shuffled
 * outcomes), exploring, recording experience. A federated retraining job started on {@code fed-a} trains on each
 * node over the rows it holds, averages the parameters and registers one version; the test counts, from outside the
 * job, the rows each grid node holds and checks that each node trained on exactly its own, that the nodes' counts add
 * up to the rows in the cache, and that no experience row crossed nodes while the job trained.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class PowerFederatedTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** OK rows each grid node must hold before the job starts. */
    private static final int ROWS_PER_NODE = 300;

    @Test
    void oneVersionFromBothNodesDataAndNoExperienceRowCrossesNodes() throws Exception {
        byte[] weak = GateModels.shuffled(1);
        int discoA = TestGrids.freePortPair();
        int discoB = TestGrids.freePortPair();
        String addresses = "127.0.0.1:" + discoA + ",127.0.0.1:" + discoB;
        Path scratch = Files.createTempDirectory("power-federated");
        RicProcess b = null;
        RanSimulator simA = null;
        RanSimulator simB = null;
        try (XappRic ric = XappRic.start(XappRic.config("fed-a", true).set("admin.auth", "off").set("a1.auth", "off")
                .set("grid.discoveryPort", Integer.toString(discoA)).set("grid.addresses", addresses))) {
            b = RicProcess.start(scratch, "fed-b", discoB, addresses);
            int e2B = b.awaitE2Port();
            Ignite ignite = ric.node().grid().ignite();
            XappRic.await(() -> ric.node().grid().serverCount() == 2, "fed-b joins fed-a's grid");

            // power-control on both processes, each steering the E2 nodes its process holds.
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor)
                    .replace("\"values\": { \"trainIfMissing\": false }", "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\" }")
                    .replace("\"placement\": \"cluster-singleton\"", "\"placement\": \"node-singleton\"")
                    .replace("\"instances\": 1, ", "\"instances\": 0, ");
            assertTrue(json.contains("node-singleton"), "the descriptor's placement was replaced");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String http = "http://127.0.0.1:" + ric.node().httpPort();
            String a1 = http + "/A1-ML/v1/xapps/power-control/models/power-mlp";
            String admin = http + "/ric/v1/models/power-control/power-mlp";
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weak));
            XappRic.await(() -> send("PUT", a1 + "/versions/1?sha256=" + sha, weak, "application/octet-stream").statusCode() == 201,
                    "v1 uploaded");
            JsonNode activated = JSON.readTree(send("POST", a1 + "/activate", "{\"version\":\"1\"}".getBytes(StandardCharsets.UTF_8),
                    "application/json").body());
            System.out.println("v1 activated: " + activated);
            XappRic.await(() -> send("PUT", http + "/A1-P/v2/policytypes/jric.power.v1/policies/explore",
                    "{\"explorationRate\":0.3}".getBytes(StandardCharsets.UTF_8), "application/json").statusCode() / 100 == 2,
                    "exploration on (A1-P)");

            // Each process its own simulated RAN (other gNB ids), at 5x real time.
            simA = ric.simulator(2, 60, 3, 5);
            simB = new RanSimulator(SimConfig.builder().seed(4).gnbs(2).ues(60).firstGnbId(101).build(),
                    RanSimulator.Options.builder().speed(5).build());
            simB.start("127.0.0.1", e2B);
            XappRic.await(() -> ric.node().e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 4,
                    "the 4 E2 nodes are connected, 2 to each process");
            Affinity<Object> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
            // Once fed-b's partitions have moved to it (late affinity assignment), both grid nodes hold some E2 node's rows.
            Map<String, String> primaryOf = awaitValue(() -> {
                Map<String, String> m = new TreeMap<>();
                for (E2NodeInfo n : ric.node().e2().nodeService().nodes()) m.put(n.nodeId(), name(aff.mapKeyToNode(n.nodeId())));
                return m.containsValue("fed-a") && m.containsValue("fed-b") ? m : null;
            }, "both grid nodes hold some E2 node's rows (else choose other gNB ids)", Duration.ofSeconds(60));
            System.out.println("E2 node -> grid node holding its rows: " + primaryOf);

            awaitValue(() -> {
                Map<String, Long> ok = okRowsByHolder(ignite, Long.MAX_VALUE);
                return ok.getOrDefault("fed-a", 0L) >= ROWS_PER_NODE && ok.getOrDefault("fed-b", 0L) >= ROWS_PER_NODE ? ok : null;
            }, "each grid node holds " + ROWS_PER_NODE + " rows with an OK outcome", Duration.ofSeconds(180));
            simA.close();
            simB.close();
            // On a loaded machine the instances lag behind the simulators (their queues hold up to 256 reports): wait
            // until they have recorded what they were sent, so that the gate scores the population the job trains on.
            long[] last = {-1};
            awaitValue(() -> {
                long n = allRows(ignite, Long.MAX_VALUE);
                boolean stable = n == last[0];
                last[0] = n;
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return stable ? n : null;
            }, "the instances record no more rows", Duration.ofSeconds(120));
            Thread.sleep(3_000);  // the outcome task closes the last rows (every 2 s)
            Map<String, Long> byE2Node = new TreeMap<>();
            for (Cache.Entry<ExperienceKey, ExperienceRow> e : ignite.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE)
                    .query(new ScanQuery<ExperienceKey, ExperienceRow>())) {
                byE2Node.merge(e.getKey().nodeId(), 1L, Long::sum);
            }
            System.out.println("experience rows per E2 node: " + byE2Node);
            assertEquals(primaryOf.keySet(), byE2Node.keySet(), "power-control decided for the E2 nodes of both processes");

            // The federated job, started on fed-a.
            HttpResponse<String> started = send("POST", admin + "/retrain",
                    "{\"seed\":7,\"mode\":\"federated\"}".getBytes(StandardCharsets.UTF_8), "application/json");
            assertEquals(202, started.statusCode(), started.body());
            String id = JSON.readTree(started.body()).get("id").asText();
            long t0 = System.nanoTime();
            JsonNode done = awaitValue(() -> {
                JsonNode j = get(admin + "/retrain/" + id);
                return j.has("finishedAtMs") ? j : null;
            }, "the federated job finishes", Duration.ofSeconds(240));
            System.out.printf(Locale.ROOT, "federated job after %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, done);
            assertEquals("federated", done.get("mode").asText());
            assertEquals("activated", done.get("state").asText(), done.toString());

            // Counted from outside the job: the rows each grid node holds, as of the job's cutoff.
            long cutoff = done.get("cutoffMs").asLong();
            Map<String, Long> holds = okRowsByHolder(ignite, cutoff);
            Map<String, Long> readBy = new TreeMap<>();
            Map<String, Long> okBy = new TreeMap<>();
            long trainSum = 0;
            for (JsonNode n : done.get("nodes")) {
                String node = n.get("node").asText();
                okBy.put(node, n.get("withOutcome").asLong());
                readBy.put(node, n.get("rowsRead").asLong());
                assertTrue(n.get("instance").asBoolean(), node + " runs an instance: " + n);
                assertTrue(n.get("train").asLong() > 0 && n.get("usable").asLong() > 0, node + " trained on its own rows: " + n);
                assertEquals(n.get("train").asLong() + n.get("heldOutForGate").asLong(), n.get("withOutcome").asLong(), n.toString());
                assertTrue(n.get("updateBytes").asLong() < 64 * 1024, "the answer holds parameters, not rows: " + n);
                trainSum += n.get("train").asLong();
            }
            System.out.println("rows with outcome OK held per grid node (counted by the test): " + holds + "; read by the job: " + okBy);
            assertEquals(holds, okBy, "each grid node trained on exactly the rows it holds");
            assertEquals(allRows(ignite, cutoff), readBy.values().stream().mapToLong(Long::longValue).sum(),
                    "the nodes' reads add up to the xApp's rows in the cache: each row read once, where it is");
            assertEquals(holds.values().stream().mapToLong(Long::longValue).sum(), done.at("/rows/withOutcome").asLong());
            assertEquals(trainSum, done.at("/rows/train").asLong());
            assertEquals(0, done.at("/rowsCrossingNodes/training").asLong(), "no experience row crossed nodes while training: " + done);
            System.out.println("rows crossing nodes: " + done.get("rowsCrossingNodes"));
            // The gate after the training scores on each grid node over its own held-out rows (both run an instance):
            // it answers metrics and counts, so no row crosses nodes there either.
            assertEquals(0, done.at("/rowsCrossingNodes/gate").asLong(), "no experience row crossed nodes in the gate: " + done);
            assertTrue(done.at("/gate/scoredOn").asText().startsWith("each grid node"), String.valueOf(done.get("gate")));
            assertEquals(done.at("/gate/rowsHeldOut").asLong(), done.at("/gate/rowsHeldOutPerNode/fed-a").asLong()
                    + done.at("/gate/rowsHeldOutPerNode/fed-b").asLong(), String.valueOf(done.get("gate")));

            // One version, from both nodes' data, with its lineage.
            String v = done.get("version").asText();
            assertEquals("2", v);
            JsonNode l = get(a1 + "/versions/" + v).get("lineage");
            System.out.println("lineage of v2: " + l);
            assertEquals("1", l.get("parent").asText());
            assertEquals(FederatedTrainer.TRAINER, l.get("trainer").asText());
            assertTrue(l.at("/hyperparameters/combination").asText().startsWith("FedAvg"), l.toString());
            assertEquals(2, l.at("/hyperparameters/nodesTrained").asInt(), l.toString());
            assertEquals(List.of("fed-a", "fed-b"), List.copyOf(okBy.keySet()), "both grid nodes answered");
            for (String node : List.of("fed-a", "fed-b")) {
                assertTrue(l.at("/rows/node." + node + ".train").asLong() > 0, l.toString());
            }
            JsonNode g = done.get("gate");
            System.out.printf(Locale.ROOT, "federated v2 vs v1 on %d held-out rows: powerMaeW %.2f vs %.2f W%n", g.get("rowsHeldOut").asInt(),
                    g.at("/candidate/metrics/powerMaeW").asDouble(), g.at("/active/metrics/powerMaeW").asDouble());
            assertEquals("2", get(a1).get("active").asText());
            XappRic.await(() -> ric.metric("power-control", "model.active.2") == 1, "v2 serves on fed-a");
        } finally {
            if (simA != null) simA.close();
            if (simB != null) simB.close();
            if (b != null) b.close();
        }
    }

    private static String name(ClusterNode n) {
        return n == null ? "none" : String.valueOf(n.consistentId());
    }

    /** Rows of power-control with outcome OK closed at or before {@code cutoff}, by the grid node that holds them. */
    private static Map<String, Long> okRowsByHolder(Ignite ignite, long cutoff) {
        Affinity<ExperienceKey> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
        Map<String, Long> out = new TreeMap<>();
        for (Cache.Entry<ExperienceKey, ExperienceRow> e : ignite.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE)
                .query(new ScanQuery<ExperienceKey, ExperienceRow>())) {
            ExperienceRow r = e.getValue();
            if (!r.xapp().equals("power-control") || !ExperienceRow.OK.equals(r.outcomeStatus()) || r.attachedAtMs() > cutoff
                    || r.recordedAtMs() > cutoff) {
                continue;
            }
            out.merge(name(aff.mapKeyToNode(e.getKey())), 1L, Long::sum);
        }
        return out;
    }

    /** Rows of power-control recorded at or before {@code cutoff}, any status. */
    private static long allRows(Ignite ignite, long cutoff) {
        long n = 0;
        for (Cache.Entry<ExperienceKey, ExperienceRow> e : ignite.<ExperienceKey, ExperienceRow>cache(PlatformCaches.EXPERIENCE)
                .query(new ScanQuery<ExperienceKey, ExperienceRow>())) {
            if (e.getValue().xapp().equals("power-control") && e.getValue().recordedAtMs() <= cutoff) n++;
        }
        return n;
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
