package io.jric.bench;

import io.jric.api.e2.E2Caches;
import io.jric.api.kpm.KpmCaches;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;

/**
 * A second grid node for the benchmarks' {@code --grid-nodes 2}: the bench's own node (the RIC's) and one
 * more in a second JVM on the same machine, both holding every cache with one backup and FULL_SYNC writes,
 * so every write to the grid waits for the copy on the other node (over loopback TCP). The other JVM runs
 * {@link #main} and stops when its standard input closes.
 */
final class GridPeer implements AutoCloseable {
    /** The caches the benchmarks write and read on the loop; the grid is ready when both nodes own them. */
    private static final List<String> CACHES = List.of(KpmCaches.CELL_LATEST, KpmCaches.CELL_SERIES, KpmCaches.UE_LATEST,
            E2Caches.CONTROL_LOG, E2Caches.NODES, E2Caches.SUBSCRIPTIONS);

    private final Process process;

    private GridPeer(Process process) {
        this.process = process;
    }

    /** Settings for the bench's own grid node; {@code gridNodes} 1 (no backups) or 2 (one backup, both nodes listed). */
    static GridSettings.Builder localSettings(String name, int gridNodes, int localDisco, int peerDisco) throws IOException {
        if (gridNodes != 1 && gridNodes != 2) throw new IllegalArgumentException("--grid-nodes: " + gridNodes + " (expected: 1 or 2)");
        GridSettings.Builder b = GridSettings.builder().instanceName(name).localHost("127.0.0.1").discoveryPort(localDisco)
                .discoveryPortRange(1).communicationPort(FreePorts.pair()).backups(gridNodes - 1)
                .workDir(Files.createTempDirectory("jric-" + name));
        if (gridNodes == 2) b.addresses(List.of("127.0.0.1:" + localDisco, "127.0.0.1:" + peerDisco));
        return b;
    }

    /**
     * Starts the other node in a second JVM (heap {@code -Xmx768m}, KPM region as given) and waits until it has
     * joined and both nodes own partitions of the KPM and E2 caches (late affinity: rebalancing done).
     */
    static GridPeer start(RicGrid local, int peerDisco, long kpmRegionBytes) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xms256m", "-Xmx768m", "-XX:+UseParallelGC"));
        // The module openings and system properties Ignite needs, as this JVM got them (not its heap flags).
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-D")) cmd.add(a);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), GridPeer.class.getName(),
                "bench-peer", Integer.toString(peerDisco), Integer.toString(FreePorts.pair()),
                String.join(",", local.settings().addresses()),
                Files.createTempDirectory("jric-bench-peer").toString(), Long.toString(kpmRegionBytes)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        GridPeer peer = new GridPeer(p);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            java.util.ArrayDeque<String> last = new java.util.ArrayDeque<>();
            while ((line = out.readLine()) != null && !line.startsWith("READY")) {
                if (line.startsWith("FAILED")) throw new IllegalStateException("second grid node: " + line);
                last.add(line);
                if (last.size() > 20) last.poll();
            }
            if (line == null) {
                throw new IllegalStateException("second grid node exited before it was ready; its last output:\n  "
                        + String.join("\n  ", last));
            }
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // its output after start-up is not needed
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "grid-peer-output");
            drain.setDaemon(true);
            drain.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!settled(local)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("the two grid nodes did not rebalance in 120 s");
                Thread.sleep(100);
            }
            return peer;
        } catch (Exception e) {
            peer.close();
            throw e;
        }
    }

    private static boolean settled(RicGrid local) {
        if (local.serverCount() != 2) return false;
        ClusterNode self = local.ignite().cluster().localNode();
        ClusterNode remote = local.ignite().cluster().forRemotes().node();
        if (remote == null) return false;
        for (String cache : CACHES) {
            Affinity<Object> a = local.ignite().affinity(cache);
            if (a.allPartitions(self).length != a.partitions() || a.primaryPartitions(self).length == 0
                    || a.primaryPartitions(remote).length == 0) {
                return false;
            }
        }
        return true;
    }

    /** Process CPU time of the other JVM so far, in seconds (Linux /proc), or -1. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }


    /** The other node: {@code name discoveryPort communicationPort addresses workDir kpmRegionBytes}. */
    public static void main(String[] args) throws Exception {
        RicGrid grid;
        try {
            grid = RicGrid.start(GridSettings.builder().instanceName(args[0]).localHost("127.0.0.1")
                    .discoveryPort(Integer.parseInt(args[1])).discoveryPortRange(1).communicationPort(Integer.parseInt(args[2]))
                    .addresses(Arrays.asList(args[3].split(","))).workDir(Path.of(args[4])).backups(1).runsXapps(false)
                    .dataRegionBytes(256L << 20).kpmRegionBytes(Long.parseLong(args[5])).build());
        } catch (RuntimeException e) {
            System.out.println("FAILED " + e);
            System.exit(1);
            return;
        }
        System.out.println("READY " + grid.ignite().cluster().localNode().id());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the bench closes our standard input
        }
        grid.close();
        System.exit(0);
    }
}
