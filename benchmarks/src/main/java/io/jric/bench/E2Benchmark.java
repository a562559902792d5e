package io.jric.bench;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.util.FreePorts;
import io.jric.e2.E2Settings;
import io.jric.e2.E2Termination;
import io.jric.e2.KpmCollector;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The E2 load harness. In one run, on one machine:
 * <ol>
 *   <li>KPM ingest: N load nodes flood indications (cells + UEs per indication) over real gRPC
 *       into the E2 termination; prints KPM records written to the grid per second;</li>
 *   <li>RIC Control round trip (one outstanding, node acks at once), next to a bare gRPC echo on
 *       the same transport settings: unary and one bidirectional-stream ping-pong.</li>
 * </ol>
 * Options: {@code --nodes 8 --ues 40 --ue-population 4000 --cells 3 --seconds 10 --rounds 20000 --kpm-region-mb 1024
 * --grid-nodes 1 --sim-seconds <as --seconds>} ({@code --sim-seconds 0} leaves out the simulator's part); {@code --grid-nodes 2} adds a second grid node in a second JVM ({@link GridPeer}): every cache
 * keeps one backup and writes are FULL_SYNC, as in a replicated deployment.
 */
public final class E2Benchmark {
    private E2Benchmark() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    /** Runs the benchmark and prints its figures; returns the process exit code. */
    public static int run(String[] args) throws Exception {
        int nodes = opt(args, "--nodes", 8);
        int ues = opt(args, "--ues", 40);
        int cells = opt(args, "--cells", 3);
        int seconds = seconds(args);
        int rounds = opt(args, "--rounds", 20000);
        int population = opt(args, "--ue-population", 4000);
        int kpmRegionMb = opt(args, "--kpm-region-mb", 1024);
        int gridNodes = opt(args, "--grid-nodes", 1);
        int simSeconds = opt(args, "--sim-seconds", seconds);
        int watchedUes = opt(args, "--watched-ues", 0);
        System.out.printf("E2 benchmark: %d load nodes x (%d cells + %d UEs per indication), %d s ingest, %d control rounds; "
                + "%d CPUs, Java %s%n", nodes, cells, ues, seconds, rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("JVM heap flags: " + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()
                .stream().filter(a -> a.startsWith("-X")).collect(java.util.stream.Collectors.joining(" ")));

        int peerDisco = FreePorts.pair();
        GridSettings gs = GridPeer.localSettings("bench", gridNodes, FreePorts.pair(), peerDisco).dataRegionBytes(256L << 20)
                .kpmRegionBytes((long) kpmRegionMb << 20).build();
        try (RicGrid grid = RicGrid.start(gs);
             GridPeer peer = gridNodes == 2 ? GridPeer.start(grid, peerDisco, (long) kpmRegionMb << 20) : null;
             E2Termination e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build());
             KpmCollector collector = KpmCollector.start(e2, 10);
             EchoServer echo = new EchoServer()) {
            System.out.println(gridNodes == 1 ? "grid: one node (this process), no backups"
                    : "grid: two nodes (this process and a second JVM on this machine), backups 1, FULL_SYNC writes");
            List<LoadNode> load = new ArrayList<>();
            for (int i = 0; i < nodes; i++) load.add(new LoadNode(e2.port(), 1000 + i, cells, ues, population));
            for (LoadNode n : load) n.connect().get(10, TimeUnit.SECONDS);
            for (LoadNode n : load) n.subscribed().get(10, TimeUnit.SECONDS);
            int perIndication = load.get(0).recordsPerIndication();

            // ---- 1. round trips, on an otherwise idle RIC (before the flood, so GC and grid clean-up do not disturb them)
            LoadNode target = load.get(0);
            RcControlHeader header = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();
            RcControlMessage msg = RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                    .setCell(E2Ids.parseCellId(target.cellId(0))).setTxPowerDbm(40)).build();
            long[] control = new long[rounds];
            int warm = Math.max(1000, rounds / 10);
            for (int i = -warm; i < rounds; i++) {
                long s = System.nanoTime();
                ControlOutcome o = e2.controlService().control(target.nodeId(), header, msg, Duration.ofSeconds(5))
                        .get(10, TimeUnit.SECONDS);
                long d = System.nanoTime() - s;
                if (o.status() != ControlStatus.ACK) throw new IllegalStateException("control not acked: " + o);
                if (i >= 0) control[i] = d;
            }

            EchoBaseline echoes = EchoBaseline.measure(echo.port(), rounds, warm, msg.toByteString());
            long[] unary = echoes.unary;
            long[] streaming = echoes.streaming;

            System.out.printf("%nRound trips on loopback, one outstanding, %,d rounds each after %,d warm-up%n", rounds, warm);
            System.out.printf("  %-34s %10s %10s%n", "", "p50", "p99");
            row("RIC Control -> node ack", control);
            row("bare gRPC echo, unary", unary);
            row("bare gRPC echo, bidi stream", streaming);
            double ratioStream = pct(control, 50) / (double) pct(streaming, 50);
            double ratioUnary = pct(control, 50) / (double) pct(unary, 50);
            System.out.printf("  control p50 / echo p50: %.2fx (stream), %.2fx (unary)   (target <= 2x)%n",
                    ratioStream, ratioUnary);
            System.out.printf("  control p99 / echo p99: %.2fx (stream), %.2fx (unary)%n",
                    pct(control, 99) / (double) pct(streaming, 99), pct(control, 99) / (double) pct(unary, 99));
            // ---- 2. ingest
            io.jric.core.internal.xapp.UeOutcomes outcomes = io.jric.core.internal.xapp.UeOutcomes.of(grid);
            if (watchedUes > 0) watch(outcomes, load, watchedUes, population, seconds);
            java.util.Map<String, Long> ueOutcomes0 = outcomes.view();
            java.util.Map<String, Long> sweep0 = io.jric.core.internal.grid.UeLatestSweep.of(grid).view();
            for (LoadNode n : load) n.flood(true);
            Thread.sleep(3000); // warm-up
            long r0 = e2.recordsWritten();
        long w0 = e2.gridWrites();
            long i0 = e2.stats().indications();
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            long alloc0 = allocatedBytes();
            double peerCpu0 = peer == null ? 0 : peer.cpuSeconds();
            // Long runs print the grid's fill and the process's memory every 30 s (docs/reliability.md).
            for (int left = seconds; left > 0; left -= 30) {
                Thread.sleep(Math.min(30, left) * 1000L);
                if (seconds > 30) {
                    System.out.printf("  t=%4ds  records %,d  %s  series %,d  UEs %,d  RSS %d MiB  heap %d MiB  grid %s%n",
                            (System.nanoTime() - t0) / 1_000_000_000L, e2.recordsWritten(), grid.regionStats(RicGrid.KPM_REGION),
                            grid.cache(io.jric.api.kpm.KpmCaches.CELL_SERIES).size(),
                            grid.cache(io.jric.api.kpm.KpmCaches.UE_LATEST).size(), rssMib(),
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20,
                            grid.failed() ? "FAILED" : "alive");
                }
            }
            long r1 = e2.recordsWritten();
        long w1 = e2.gridWrites();
            long i1 = e2.stats().indications();
            long t1 = System.nanoTime();
            double cpu = (processCpuNanos() - cpu0) / 1e9;
            long allocated = allocatedBytes() - alloc0;
            double peerCpu = peer == null ? 0 : peer.cpuSeconds() - peerCpu0;
            for (LoadNode n : load) n.flood(false);
            double secs = (t1 - t0) / 1e9;
            e2.flush(60_000);
            double recordsPerSec = (r1 - r0) / secs;
            System.out.printf("%nKPM ingest into the grid (%d nodes, %d records per indication, %d UEs per node)%n",
                    nodes, perIndication, population);
            System.out.printf("  indications/s          %,12.0f%n", (i1 - i0) / secs);
            System.out.printf("  KPM records into grid/s %,11.0f   (target >= 250,000 on a one-node grid)%n", recordsPerSec);
            System.out.printf("  grid entries written/s %,12.0f   (cell latest + cell series + UE latest, after "
                    + "coalescing repeated keys in a batch)%n", (w1 - w0) / secs);
            System.out.printf("  decode->grid latency   p50 %s  p99 %s%n", us(e2.ingestLatency().percentile(50)),
                    us(e2.ingestLatency().percentile(99)));
            System.out.printf("  backpressure pauses    %,12d   error indications %d%n", e2.stats().backpressurePauses(),
                    e2.stats().errorIndicationsSent());
            System.out.printf("  records dropped        %,12d undeclared cells, %,d UEs over the per-node limit%n",
                    e2.stats().undeclaredCellRecords(), e2.stats().ueRecordsOverLimit());
            System.out.printf("  CPU                    this process %.2f cores%s; load average %s%n", cpu / secs,
                    peer == null ? "" : String.format(", second grid node %.2f cores", peerCpu / secs), loadAverage());
            // per record, so that they hold on a loaded machine; this process includes the load nodes' sending
            System.out.printf("  per record             %,.0f records per CPU-second (%.2f us of CPU each%s); %,.0f bytes of heap "
                            + "allocated each (this process, load nodes included)%n", (r1 - r0) / (cpu + peerCpu),
                    (cpu + peerCpu) * 1e6 / Math.max(1, r1 - r0), peer == null ? "" : ", both grid nodes",
                    allocated < 0 ? Double.NaN : allocated / (double) Math.max(1, r1 - r0));
            java.util.Map<String, Long> ueOutcomes1 = outcomes.view();
            java.util.Map<String, Long> sweep1 = io.jric.core.internal.grid.UeLatestSweep.of(grid).view();
            System.out.printf("  grid writers           %d thread(s) (-Djric.ingest.writers); UE records expire by %s; UE sweep: "
                            + "%,d removed, %,d rounds (%,d at the bound)%n", e2.ingestWriters(),
                    Boolean.getBoolean("jric.grid.ueLatestTtl") ? "Ignite's time to live (-Djric.grid.ueLatestTtl=true)"
                            : "receive time + sweep", sweep1.get("removed") - sweep0.get("removed"),
                    sweep1.get("rounds") - sweep0.get("rounds"), sweep1.get("cappedRounds") - sweep0.get("cappedRounds"));
            if (watchedUes > 0) {
                System.out.printf("  watched UEs            %,d watched (%,d refused); their reports kept %,d, thinned %,d, "
                                + "dropped %,d, write errors %d%n", ueOutcomes1.get("watchedUes"), ueOutcomes1.get("watchRefused"),
                        ueOutcomes1.get("samplesWritten") - ueOutcomes0.get("samplesWritten"),
                        ueOutcomes1.get("samplesThinned") - ueOutcomes0.get("samplesThinned"),
                        ueOutcomes1.get("samplesDropped") - ueOutcomes0.get("samplesDropped"),
                        ueOutcomes1.get("writeErrors") - ueOutcomes0.get("writeErrors"));
            }
            System.out.printf("  grid                   %s; %s; series entries %,d; grid node %s%n",
                    grid.regionStats(RicGrid.KPM_REGION), grid.regionStats(RicGrid.PLATFORM_REGION),
                    grid.cache(io.jric.api.kpm.KpmCaches.CELL_SERIES).size(), grid.failed() ? "FAILED: " + grid.failureReason() : "alive");

            for (LoadNode n : load) n.close();

            // ---- 3. ingest from the RAN simulator itself, as fast as its model runs
            if (simSeconds <= 0) return 0;
            SimConfig simConfig = SimConfig.builder().seed(1).tickMs(10).build();
            try (RanSimulator sim = new RanSimulator(simConfig,
                    RanSimulator.Options.builder().speed(Double.POSITIVE_INFINITY).build())) {
                long sr0 = e2.recordsWritten();
                sim.start("127.0.0.1", e2.port());
                Thread.sleep(3000);
                long a0 = e2.recordsWritten();
                long g0 = e2.gridWrites();
                long simT0 = sim.model().timeMs();
                long st0 = System.nanoTime();
                Thread.sleep(simSeconds * 1000L);
                long a1 = e2.recordsWritten();
                long g1 = e2.gridWrites();
                long simT1 = sim.model().timeMs();
                double ssecs = (System.nanoTime() - st0) / 1e9;
                System.out.printf("%nKPM ingest from the RAN simulator (%d gNBs x %d cells, %d UEs, %d ms tick and KPM "
                        + "period, unthrottled)%n", simConfig.gnbs(), simConfig.cellsPerGnb(), simConfig.ues(),
                        simConfig.tickMs());
                System.out.printf("  simulated time / wall  %12.1fx%n", (simT1 - simT0) / 1000.0 / ssecs);
                System.out.printf("  KPM records into grid/s %,11.0f   (simulator and RIC share the 2 cores)%n",
                        (a1 - a0) / ssecs);
                System.out.printf("  grid entries written/s %,12.0f   (the same 300 UEs report every 10 ms: repeats within a "
                        + "write batch coalesce)%n", (g1 - g0) / ssecs);
                if (sr0 == a0) throw new IllegalStateException("no records from the simulator");
            }
        }
        return 0;
    }

    /**
     * {@code --watched-ues N}: N of the load nodes' UEs watched for experience outcomes (as the handover xApp's recording
     * does, docs/ml-lifecycle.md section 14) for the whole run, spread over the nodes, so that the ingest keeps their
     * reports in {@code ric.ml.ue.series}; waits until this process's mirror sees them all (at most 30 s).
     */
    private static void watch(io.jric.core.internal.xapp.UeOutcomes outcomes, List<LoadNode> load, int n, int population,
                              int seconds) throws InterruptedException {
        long now = System.currentTimeMillis();
        long until = now + (seconds + 120) * 1000L;
        long last = -1;
        for (int k = 0; k < n; k++) {
            LoadNode node = load.get(k % load.size());
            long ueId = (1000L + k % load.size()) * 1_000_000L + (k / load.size()) % population;
            if (outcomes.watch(node.nodeId(), ueId, until, now)) last = ueId;
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (last >= 0 && !outcomes.watched(last) && System.nanoTime() < end) Thread.sleep(10);
    }

    private static void row(String name, long[] v) {
        System.out.printf("  %-34s %10s %10s%n", name, us(pct(v, 50)), us(pct(v, 99)));
    }

    private static long pct(long[] v, double p) {
        return EchoBaseline.pct(v, p);
    }

    private static String us(long nanos) {
        return EchoBaseline.us(nanos);
    }

    /** CPU time of this process so far (all threads), in nanoseconds. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : 0;
    }

    /** Heap bytes allocated by all threads of this process so far (JDK 14+), or -1. */
    static long allocatedBytes() {
        java.lang.management.ThreadMXBean t = java.lang.management.ManagementFactory.getThreadMXBean();
        if (t instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()
                && sun.isThreadAllocatedMemoryEnabled()) {
            return sun.getTotalThreadAllocatedBytes();
        }
        return -1;
    }

    /** The machine's load average (1, 5, 15 minutes), from /proc/loadavg. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /** Resident set size of this process (Linux), or -1. */
    static long rssMib() {
        try {
            for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** {@code --seconds}: 10, 10s, 5m (see TimeValues). */
    private static int seconds(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--seconds")) {
                return (int) Math.max(1, io.jric.core.internal.util.TimeValues.parse(args[i + 1], "s").toSeconds());
            }
        }
        return 10;
    }

    private static int opt(String[] args, String name, int dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": " + args[i + 1] + " (expected: an integer)");
                }
            }
        }
        for (String a : args) {
            if (a.startsWith("--") && !List.of("--nodes", "--ues", "--cells", "--seconds", "--rounds", "--ue-population", "--kpm-region-mb",
                    "--grid-nodes", "--sim-seconds", "--watched-ues").contains(a)) {
                throw new IllegalArgumentException("unknown option " + a + " (expected: --nodes, --ues, --cells, --seconds, --rounds, "
                        + "--ue-population, --kpm-region-mb, --grid-nodes, --sim-seconds, --watched-ues)");
            }
        }
        return dflt;
    }


}
