package io.jric.core.internal.grid;

import static io.jric.core.internal.grid.RicGridTest.awaitTrue;
import static io.jric.core.internal.grid.RicGridTest.deleteTree;
import static io.jric.core.internal.grid.RicGridTest.tempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.core.internal.util.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two grid nodes in separate JVMs (the other one is {@link GridNodeMain} started with
 * {@link ProcessBuilder}); the other JVM is killed and nothing written before is lost, because
 * every cache keeps one backup and writes are FULL_SYNC.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GridClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int NODES = 21;
    private static final int CELLS = 2_000;
    private static final String EOF = "\u0000EOF";
    private static final List<String> CATALOGUE = List.of(
            E2Caches.NODES, E2Caches.SUBSCRIPTIONS, E2Caches.CONTROL_LOG,
            KpmCaches.CELL_LATEST, KpmCaches.UE_LATEST, KpmCaches.CELL_SERIES);

    private Process child;
    private Path childStderr;
    private PrintWriter childIn;
    private final BlockingQueue<String> childOut = new LinkedBlockingQueue<>();
    private RicGrid local;
    /** Work directories of both nodes and the child's stderr. */
    private final Path scratch = tempDir("jric-grid-cluster");

    @AfterEach
    void tearDown() throws InterruptedException {
        try {
            if (local != null) local.close();
        } finally {
            if (child != null && child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            deleteTree(scratch);
        }
    }

    @Test
    void killingOneOfTwoNodesLosesNoData() throws Exception {
        int childDisco = FreePorts.pair();
        int childComm = FreePorts.pair();
        int localDisco = FreePorts.pair();
        int localComm = FreePorts.pair();
        // Both nodes get the same static list holding both discovery ports; the first node to
        // start finds only itself there and forms the cluster, the second joins it.
        String addresses = "127.0.0.1:" + childDisco + ",127.0.0.1:" + localDisco;

        // 1. The child JVM first: it becomes the coordinator, which is then the node we kill.
        startChild("cluster-child", childDisco, childComm, addresses);
        String ready = awaitChildLine("READY ");
        long t0 = System.nanoTime();

        // 2. This JVM's node joins.
        local = RicGrid.start(GridSettings.builder()
                .instanceName("cluster-local")
                .discoveryPort(localDisco)
                .discoveryPortRange(1)
                .communicationPort(localComm)
                .addresses(Arrays.asList(addresses.split(",")))
                .workDir(Files.createDirectories(scratch.resolve("local")))
                .dataRegionBytes(128L << 20)
                .backups(1)
                .build());
        awaitTrue(WAIT, () -> local.serverCount() == 2, "the two nodes did not form a cluster");
        System.out.printf("cluster of 2 formed %d ms after the child was ready%n", ms(t0));
        ClusterNode remote = local.ignite().cluster().forRemotes().node();
        assertNotNull(remote);
        assertEquals(ready.substring("READY ".length()), remote.id().toString());
        // Late affinity assignment: a joining node becomes primary (and a complete backup) only
        // once rebalancing is done. Until then the first node is primary for everything.
        for (String cache : CATALOGUE) {
            Affinity<Object> a = local.ignite().affinity(cache);
            ClusterNode self = local.ignite().cluster().localNode();
            awaitTrue(WAIT, () -> a.allPartitions(self).length == a.partitions() && a.primaryPartitions(self).length > 0
                    && a.primaryPartitions(remote).length > 0, cache + " did not rebalance to two owners");
        }
        System.out.printf("affinity settled %d ms after the child was ready%n", ms(t0));

        // 3. Write KPM records of 21 E2 nodes' cells, the E2 nodes and their subscriptions.
        IgniteCache<CellKey, CellKpi> cells = local.cache(KpmCaches.CELL_LATEST);
        IgniteCache<String, E2NodeInfo> nodes = local.cache(E2Caches.NODES);
        IgniteCache<String, SubscriptionRecord> subs = local.cache(E2Caches.SUBSCRIPTIONS);
        Map<CellKey, CellKpi> written = new LinkedHashMap<>();
        for (int i = 0; i < CELLS; i++) {
            CellKey key = new CellKey(nodeId(i % NODES), String.format("nr-001-01-%09d", i));
            written.put(key, kpi(key, i));
        }
        long tw = System.nanoTime();
        for (Map.Entry<CellKey, CellKpi> e : written.entrySet()) cells.put(e.getKey(), e.getValue());
        System.out.printf("%d single FULL_SYNC puts in %d ms%n", CELLS, ms(tw));
        Map<String, E2NodeInfo> nodeInfos = new HashMap<>();
        for (int n = 0; n < NODES; n++) {
            E2NodeInfo info = new E2NodeInfo(nodeId(n), true, 1_700_000_000_000L + n, 0L, "127.0.0.1:" + (40000 + n),
                    List.of(new RanFunctionInfo(2, 1, "1.3.6.1.4.1.53148.1.2.2.2", new byte[] {(byte) n})),
                    List.of("cell-a-" + n, "cell-b-" + n));
            nodeInfos.put(info.nodeId(), info);
            subs.put("sub-" + n, new SubscriptionRecord("sub-" + n, nodeId(n), 2, 1000 + n, n, new byte[] {1, (byte) n},
                    1_700_000_000_000L));
        }
        nodes.putAll(nodeInfos);

        // 4. Affinity: every key has a primary and a backup copy, one on each JVM, the cells of
        //    one E2 node share their primary, and the child is primary for a good share.
        Affinity<CellKey> aff = local.ignite().affinity(KpmCaches.CELL_LATEST);
        Map<String, ClusterNode> primaryOfNode = new HashMap<>();
        int primaryOnChild = 0;
        for (CellKey key : written.keySet()) {
            assertEquals(2, aff.mapKeyToPrimaryAndBackups(key).size(), "copies of " + key);
            ClusterNode primary = aff.mapKeyToNode(key);
            ClusterNode previous = primaryOfNode.putIfAbsent(key.nodeId(), primary);
            if (previous != null) assertEquals(previous.id(), primary.id(), "cells of " + key.nodeId() + " split");
            if (aff.isPrimary(remote, key)) primaryOnChild++;
        }
        Set<String> nodeIdsOnChild = new HashSet<>();
        primaryOfNode.forEach((n, p) -> {
            if (p.id().equals(remote.id())) nodeIdsOnChild.add(n);
        });
        System.out.printf("child JVM is primary for %d of %d cells (%d of %d E2 nodes)%n",
                primaryOnChild, CELLS, nodeIdsOnChild.size(), NODES);
        assertTrue(primaryOnChild >= CELLS / 5 && primaryOnChild <= CELLS * 4 / 5,
                "child is primary for " + primaryOnChild + " of " + CELLS);

        // 5. The child JVM reads what this JVM wrote.
        assertEquals("SIZE " + KpmCaches.CELL_LATEST + " " + CELLS, askChild("SIZE " + KpmCaches.CELL_LATEST));
        assertEquals("SIZE " + E2Caches.NODES + " " + NODES, askChild("SIZE " + E2Caches.NODES));
        CellKey probe = written.keySet().iterator().next();
        assertEquals("CELL " + probe.nodeId() + " " + probe.cellId() + " " + written.get(probe).prbUsedDlPct(),
                askChild("CELL " + probe.nodeId() + " " + probe.cellId()));

        // 6. Kill the child JVM (no graceful leave) and wait until this node is alone.
        long tk = System.nanoTime();
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child JVM did not die");
        awaitTrue(WAIT, () -> local.serverCount() == 1, "the killed node is still in the topology");
        System.out.printf("topology back to 1 node %d ms after the kill%n", ms(tk));

        // 7. Every entry is still there with its value, also those whose primary was the child.
        //    Key reads wait for the partition map exchange the node failure started.
        Map<CellKey, CellKpi> read = cells.getAll(written.keySet());
        List<CellKey> lost = new ArrayList<>();
        for (Map.Entry<CellKey, CellKpi> e : written.entrySet()) {
            CellKpi got = read.get(e.getKey());
            if (got == null) {
                lost.add(e.getKey());
            } else {
                assertEquals(e.getValue().toString(), got.toString(), "value of " + e.getKey());
            }
        }
        assertTrue(lost.isEmpty(), lost.size() + " cells lost, e.g. " + lost.subList(0, Math.min(5, lost.size())));
        System.out.printf("all %d cells read back %d ms after the kill%n", CELLS, ms(tk));
        // size() is NOT exchange-aware: right after the failure it can count only the entries
        // whose primary was this node under the old topology. Wait until this node is primary
        // for every partition of every cache, then sizes are exact.
        ClusterNode me = local.ignite().cluster().localNode();
        for (String cache : CATALOGUE) {
            Affinity<Object> a = local.ignite().affinity(cache);
            awaitTrue(WAIT, () -> a.primaryPartitions(me).length == a.partitions(), cache + ": survivor not primary");
        }
        assertEquals(CELLS, cells.size());
        assertEquals(NODES, nodes.size());
        for (E2NodeInfo info : nodeInfos.values()) {
            E2NodeInfo got = nodes.get(info.nodeId());
            assertNotNull(got, info.nodeId());
            assertEquals(info.toString(), got.toString());
            assertEquals(info.cellIds(), got.cellIds());
            assertEquals(info.peer(), got.peer());
        }
        assertEquals(NODES, subs.size());
        for (int n = 0; n < NODES; n++) {
            SubscriptionRecord got = subs.get("sub-" + n);
            assertNotNull(got, "sub-" + n);
            assertEquals(1000 + n, got.ricRequestorId());
            assertEquals(n, got.details()[1]);
        }

        // 8. The survivor keeps taking writes.
        CellKey extra = new CellKey(nodeId(0), "nr-extra");
        cells.put(extra, kpi(extra, -1));
        assertEquals(kpi(extra, -1).toString(), cells.get(extra).toString());
    }

    private static String nodeId(int n) {
        return String.format("gnb-001-01-%08d", n);
    }

    private static CellKpi kpi(CellKey key, int i) {
        return new CellKpi().nodeId(key.nodeId()).cellId(key.cellId())
                .timestampMs(1_700_000_000_000L + i).receivedAtMs(1_700_000_000_005L + i)
                .prbUsedDlPct((i % 100) + 0.5f).prbUsedUlPct((i % 37) * 1.5f)
                .throughputDlMbps(i * 0.25f).throughputUlMbps(i * 0.125f).activeUes(i % 64)
                .txPowerDbm(30 + i % 14).energyWh(i / 1000f).avgCqi(i % 16).avgSinrDb((i % 30) - 5f)
                .rlfCount(i % 3).hoAttempts(i % 11).hoSuccesses(i % 7).sleeping(i % 13 == 0).cioDb((i % 7) - 3f);
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    // ---- the child JVM ----

    private void startChild(String name, int disco, int comm, String addresses) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags());
        cmd.add("-Xmx256m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-DIGNITE_QUIET=true");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GridNodeMain.class.getName());
        cmd.addAll(List.of(name, Integer.toString(disco), Integer.toString(comm), addresses,
                Files.createDirectories(scratch.resolve("child")).toString(), "1"));

        childStderr = scratch.resolve("child.stderr");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(childStderr.toFile());
        child = pb.start();
        childIn = new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) childOut.add(line);
            } catch (IOException ignored) {
                // the child died; EOF below
            } finally {
                childOut.add(EOF);
            }
        }, "child-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private String askChild(String command) throws InterruptedException {
        childIn.println(command);
        return awaitChildLine(command.split(" ")[0] + " ");
    }

    /** The next line of the child's stdout that starts with {@code prefix}, skipping other output. */
    private String awaitChildLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : childOut.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("no '" + prefix + "' from the child in " + WAIT + childErr());
            if (line.equals(EOF)) throw new AssertionError("the child JVM ended before '" + prefix + "'" + childErr());
            if (line.startsWith("ERROR ")) throw new AssertionError("child: " + line + childErr());
            if (line.startsWith(prefix)) return line;
        }
    }

    private String childErr() {
        try {
            List<String> lines = Files.readAllLines(childStderr, StandardCharsets.UTF_8);
            return "\n--- child stderr (last 40 lines) ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return " (child stderr unreadable: " + e + ")";
        }
    }

    /**
     * The JVM flags of deploy/jvm.properties (found by walking up from user.dir), else this JVM's
     * own --add-opens/--add-exports/-D arguments.
     */
    static List<String> jvmFlags() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("deploy").resolve("jvm.properties");
            if (Files.isRegularFile(file)) {
                Properties p = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                String flags = p.getProperty("ric.jvm.flags", "").trim();
                if (!flags.isEmpty()) return List.of(flags.split("\\s+"));
            }
        }
        List<String> own = new ArrayList<>();
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-D")) own.add(arg);
        }
        return own;
    }
}
