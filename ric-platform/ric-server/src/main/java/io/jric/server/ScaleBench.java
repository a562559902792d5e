package io.jric.server;

import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2Subscription;
import io.jric.bench.LoopXapp;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.LatencyHistogram;
import io.jric.core.internal.util.FreePorts;
import io.jric.core.internal.util.TimeValues;
import io.jric.core.internal.xapp.XappHost;
import io.jric.e2.E2Stats;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ric bench scale}: one RIC ({@link RicNode}: grid, E2 termination, ingest, xApp host, A1,
 * admin API) in this process with the loop benchmark's xApps installed, and N load nodes (each one
 * gRPC connection, E2 Setup, one KPM indication of its cells and its share of the UEs every period)
 * in a second JVM on the same machine, so the CPU of each side can be read apart. Prints the time of
 * all E2 Setups, the E2 subscriptions per node and action, ingest against what was offered, the
 * ingest backlog, grid and heap memory and the control round trip every 10 s, and every drop and
 * back-pressure counter. Everything it starts it stops; loopback only.
 *
 * <p>Options: {@code --nodes 1000 --cells-per-node 3 --ues 30000 --period-ms 1000 --duration 600s
 * --control-rate 20 --xapps 4 --series-expiry 600s --kpm-region-mb 512 --load-heap 1g --sample 10s --warmup 10s}: the
 * load and the controls run {@code --warmup} before the measured {@code --duration} (the JIT compiling the ingest path
 * while 1,000 nodes start reporting at once makes a backlog that is not the steady state's).
 * The xApps are the loop bench's ({@code ./ric bench loop}), with its defaults, so that their loop compares like for like:
 * {@code --handlers inline|thread --budget-us 200 --ml power|none --every 10} (KPM handlers declared non-blocking, the first
 * xApp running the power-control xApp's model on every report, one control per xApp every 10 reports it sees).
 * The RIC's heap is this JVM's (the launcher's {@code -Xms2g -Xmx2g}; {@code RIC_JAVA_OPTS} changes it).
 *
 * <p>{@code --ric-processes N} (N >= 2; with {@code --backups 0..N-1}, default 0, and {@code --ric-heap 2g}) runs the RIC
 * as N processes forming one grid, each terminating 1/N of the nodes: {@link ScaleGridBench}.
 */
final class ScaleBench {
    /**
     * The load process's collector. Its live set (1,000 nodes' channels and buffers, about 33 MiB) was copied between
     * survivor spaces in young pauses of 98-204 ms that held every node's sends and showed in the RIC's figures
     * (docs/benchmarks.md, "The load process's pauses"): promoted at the first collection and with the heap touched
     * up front, its young pauses are a few ms.
     */
    static final List<String> LOAD_GC_FLAGS = List.of("-XX:+UseParallelGC", "-XX:+AlwaysPreTouch", "-XX:MaxTenuringThreshold=0");

    /** The load nodes' first gNB id (ScaleLoad numbers them from here). */
    private static final int FIRST_GNB = 10000;
    private static final List<String> OPTIONS = List.of("--nodes", "--cells-per-node", "--ues", "--period-ms",
            "--duration", "--control-rate", "--xapps", "--series-expiry", "--kpm-region-mb", "--load-heap", "--sample", "--warmup",
            "--ric-processes", "--backups", "--ric-heap", "--handlers", "--budget-us", "--ml", "--every");

    private ScaleBench() {}

    static int run(String[] args, PrintStream out) throws Exception {
        Map<String, String> o = options(args);
        int ricProcesses = positive(o, "--ric-processes", "1");
        if (ricProcesses > 1) {
            for (String oneOnly : List.of("--handlers", "--budget-us", "--ml", "--every")) {
                if (o.containsKey(oneOnly)) {
                    throw new IllegalArgumentException("bench scale: " + oneOnly + " applies to the one-process bench (in the grid bench "
                            + "every process runs an instance of each xApp, on its own thread, about one control a second each)");
                }
            }
            return ScaleGridBench.run(o, ricProcesses, out);
        }
        for (String gridOnly : List.of("--backups", "--ric-heap")) {
            if (o.containsKey(gridOnly)) throw new IllegalArgumentException("bench scale: " + gridOnly + " needs --ric-processes 2 or more");
        }
        // The xApps as the loop bench runs them (./ric bench loop's defaults), so that their loop is compared like for like.
        String handlers = o.getOrDefault("--handlers", "inline");
        if (!handlers.equals("inline") && !handlers.equals("thread")) {
            throw new IllegalArgumentException("--handlers: " + handlers + " (expected: inline or thread)");
        }
        int budgetUs = positive(o, "--budget-us", "200");
        String ml = o.getOrDefault("--ml", "power");
        if (!ml.equals("power") && !ml.equals("none")) throw new IllegalArgumentException("--ml: " + ml + " (expected: power or none)");
        int every = positive(o, "--every", "10");
        int nodes = positive(o, "--nodes", "1000");
        int cells = positive(o, "--cells-per-node", "3");
        int ues = Integer.parseInt(o.getOrDefault("--ues", "30000"));
        int periodMs = positive(o, "--period-ms", "1000");
        long durationS = Math.max(1, TimeValues.parse(o.getOrDefault("--duration", "600s"), "s").toSeconds());
        int controlRate = Integer.parseInt(o.getOrDefault("--control-rate", "20"));
        int xappCount = positive(o, "--xapps", "4");
        long seriesExpiryS = TimeValues.parse(o.getOrDefault("--series-expiry", "600s"), "s").toSeconds();
        int kpmRegionMb = positive(o, "--kpm-region-mb", "512");
        String loadHeap = o.getOrDefault("--load-heap", "1g");
        long sampleS = Math.max(1, TimeValues.parse(o.getOrDefault("--sample", "10s"), "s").toSeconds());
        long warmupS = TimeValues.parse(o.getOrDefault("--warmup", "10s"), "s").toSeconds();
        long heapMax = Runtime.getRuntime().maxMemory();
        if (xappCount > 4) throw new IllegalArgumentException("--xapps: " + xappCount + " (expected: 1..4)");
        if (cells > 16) throw new IllegalArgumentException("--cells-per-node: " + cells + " (expected: 1..16)");

        double indicationsOffered = nodes * 1000.0 / periodMs;
        double recordsOffered = (nodes * (double) cells + ues) * 1000.0 / periodMs;
        out.printf("Scale benchmark: %,d E2 nodes x %d cells, %,d UEs, one KPM indication per node every %d ms, %d s; "
                        + "%d xApps; %d controls/s to random nodes; %d CPUs, Java %s%n", nodes, cells, ues, periodMs,
                durationS, xappCount, controlRate, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf("RIC process: heap max %,d MiB (flags: %s), KPM region %d MiB, cell series expiry %d s; load nodes in a "
                        + "second JVM (-Xmx%s)%n", heapMax >> 20, heapFlags(), kpmRegionMb,
                seriesExpiryS, loadHeap);
        out.printf("xApps: the loop bench's (one control per xApp every %d reports it sees; KPM handlers %s)%s%n", every,
                handlers.equals("inline") ? "declared non-blocking, budget " + budgetUs + " us: on the E2 transport thread"
                        : "each on its xApp's own thread",
                ml.equals("power") ? "; xApp scale-0 runs the power-control xApp's model on its cell on every report" : "");
        out.printf("offered: %,.0f indications/s, %,.0f KPM records/s (%,d cells + %,d UEs per period)%n",
                indicationsOffered, recordsOffered, (long) nodes * cells, ues);

        Path tmp = Files.createTempDirectory("jric-bench-scale");
        int disco = FreePorts.pair();
        RicConfig config = RicConfig.defaults()
                .set("e2.host", "127.0.0.1").set("e2.port", "0")
                // the xApps' merged subscription is each node's only one (the RIC's own collector would add a second)
                .set("e2.kpm.collect", "false")
                .set("http.host", "127.0.0.1").set("http.port", "0")
                .set("xapps.storeDir", tmp.resolve("xapps").toString())
                .set("xapps.gateway.port", "-1")
                .set("a1.auth", "off").set("admin.auth", "off")
                .set("a1.storeDir", tmp.resolve("a1").toString())
                .set("grid.instance", "bench-scale")
                .set("grid.discoveryPort", Integer.toString(disco)).set("grid.discoveryPortRange", "1")
                .set("grid.communicationPort", Integer.toString(FreePorts.pair()))
                .set("grid.addresses", "127.0.0.1:" + disco)
                .set("grid.backups", "0")
                .set("grid.kpmRegionMb", Integer.toString(kpmRegionMb))
                .set("grid.seriesExpirySeconds", Long.toString(seriesExpiryS))
                .set("grid.workDir", tmp.resolve("grid").toString());
        Process load = null;
        ScheduledExecutorService controls = null;
        if (ml.equals("power")) LoopXapp.useModel(io.jric.bench.LoopBenchmark.powerModel());
        try (RicNode ric = RicNode.start(config)) {
            for (int i = 0; i < xappCount; i++) {
                String handler = "\"handler\":{\"nonBlocking\":" + handlers.equals("inline") + ",\"budgetUs\":" + budgetUs + "},";
                ric.xapps().install(descriptor(i, periodMs, every, handler, i == 0 && ml.equals("power")), null, null);
            }
            var e2 = ric.e2();
            E2Stats st = e2.stats();
            // the load process notes each indication's send time here, so the xApps measure the loop from the node
            Path sendTimesFile = tmp.resolve("send-times.bin");
            Map<String, Integer> nodeNumbers = new java.util.HashMap<>();
            for (int i = 0; i < nodes; i++) nodeNumbers.put(io.jric.bench.SendTimes.loadNodeId(FIRST_GNB + i), i);
            LoopXapp.useRemoteSendTimes(io.jric.bench.SendTimes.map(sendTimesFile, nodes).byNodeId(nodeNumbers));

            List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xms" + loadHeap, "-Xmx" + loadHeap));
            cmd.addAll(LOAD_GC_FLAGS);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.jric.bench.ScaleLoad", "--port", Integer.toString(e2.port()),
                    "--nodes", Integer.toString(nodes), "--cells", Integer.toString(cells), "--ues", Integer.toString(ues),
                    "--period-ms", Integer.toString(periodMs), "--max-seconds", Long.toString(durationS + 600),
                    "--send-times", sendTimesFile.toString(), "--first-gnb", Integer.toString(FIRST_GNB)));
            load = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            LoadLines lines = new LoadLines(load);
            long loadPid = load.pid();

            String setup = lines.await("setup", 180);
            if (setup == null) throw new IllegalStateException("the load process did not finish its E2 Setups in 180 s");
            Map<String, String> s = fields(setup);
            int setupOk = Integer.parseInt(s.get("ok"));
            out.printf("%nE2 Setup: %,d of %,d nodes set up in %,d ms, %d failed (load side); RIC: %,d accepted, %d rejected, "
                            + "%,d connected%n", setupOk, nodes, Long.parseLong(s.get("ms")), Integer.parseInt(s.get("failed")),
                    st.setupsAccepted(), st.setupsRejected(), e2.connectedNodes());
            String subscribed = lines.await("subscribed", 120);
            if (subscribed == null) throw new IllegalStateException("the load process did not report its subscriptions");
            Map<String, String> sub = fields(subscribed);
            out.printf("E2 subscriptions: %,d nodes had theirs %,d ms after the last setup; %s%n",
                    Integer.parseInt(sub.get("n")), Long.parseLong(sub.get("ms")), subscriptionsPerNode(ric, nodes, xappCount));

            // ---- the run: controls at a modest rate to random nodes, samples every sampleS seconds
            List<E2NodeInfo> connected = ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).toList();
            LatencyHistogram rtt = new LatencyHistogram();
            LatencyHistogram rttWindow = new LatencyHistogram();
            LongAdder acked = new LongAdder();
            LongAdder notAcked = new LongAdder();
            AtomicLong controlsSent = new AtomicLong();
            RcControlHeader header = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();
            if (controlRate > 0 && !connected.isEmpty()) {
                controls = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "scale-controls");
                    t.setDaemon(true);
                    return t;
                });
                controls.scheduleAtFixedRate(() -> {
                    E2NodeInfo n = connected.get(ThreadLocalRandom.current().nextInt(connected.size()));
                    if (n.cellIds().isEmpty()) return;
                    String cell = n.cellIds().get(ThreadLocalRandom.current().nextInt(n.cellIds().size()));
                    RcControlMessage m = RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                            .setCell(E2Ids.parseCellId(cell)).setTxPowerDbm(40)).build();
                    long t = System.nanoTime();
                    controlsSent.incrementAndGet();
                    e2.controlService().control(n.nodeId(), header, m, Duration.ofSeconds(5)).whenComplete((res, err) -> {
                        if (err == null && res.status() == ControlStatus.ACK) {
                            long d = System.nanoTime() - t;
                            rtt.record(d);
                            rttWindow.record(d);
                            acked.increment();
                        } else {
                            notAcked.increment();
                        }
                    });
                }, 0, 1_000_000_000L / controlRate, TimeUnit.NANOSECONDS);
            }

            Cpu cpu = new Cpu(loadPid);
            if (warmupS > 0) {
                long w0 = System.nanoTime();
                long wMax = 0;
                while (System.nanoTime() - w0 < TimeUnit.SECONDS.toNanos(warmupS)) {
                    Thread.sleep(200);
                    wMax = Math.max(wMax, e2.ingestBacklog());
                }
                out.printf("%nWarm-up %d s (not measured): ingest backlog at most %,d records, %,d now; CPU since each process "
                        + "started (start-up and setups included): RIC %.1f s, load %.1f s%n",
                        warmupS, wMax, e2.ingestBacklog(), cpu.ric(), cpu.load());
            }
            long live0 = liveHeapAfterFullGc();
            Thread.sleep(Math.min(5, warmupS) * 1000L); // the full GC's pause leaves a backlog: let it drain unmeasured
            rtt.reset();
            rttWindow.reset();
            long acked0 = acked.sum();
            long notAcked0 = notAcked.sum();
            long controlsSent0 = controlsSent.get();
            long drops0 = 0;
            long reports0 = 0;
            for (XappHost.InstanceStatus x : ric.xapps().statusAll()) {
                drops0 += x.drops;
                reports0 += x.reports;
            }
            long[] gc0 = gc();
            long sent0 = Long.parseLong(fields(lines.latest("sent")).getOrDefault("n", "0"));
            long refused0 = Long.parseLong(fields(lines.latest("sent")).getOrDefault("refused", "0"));
            long xappNotAcked0 = LoopXapp.notAcked();
            long pauses0 = st.backpressurePauses();
            long ind0 = st.indications();
            long rec0 = e2.recordsWritten();
            long xappControls0 = LoopXapp.controls();
            LoopXapp.handlerDelay().reset();
            LoopXapp.controlLatency().reset();
            LoopXapp.loopLatency().reset();
            LoopXapp.inboundLatency().reset();
            e2.ingestLatency().reset();
            double ricCpu0 = cpu.ric();
            double loadCpu0 = cpu.load();
            io.jric.bench.KernelReclaim reclaim = io.jric.bench.KernelReclaim.start();
            long t0 = System.nanoTime();
            long lastT = t0;
            long lastInd = ind0;
            long lastRec = rec0;
            long maxBacklog = 0;
            long windowMax = 0;
            List<long[]> memory = new ArrayList<>();
            out.printf("%n%6s %6s %8s %10s %9s %9s %9s %9s %9s %9s %9s %8s %8s%n", "t", "nodes", "ind/s", "records/s", "backlog",
                    "max", "KPM MiB", "heap MiB", "old MiB", "ctl p50", "ctl p99", "RIC cpu", "load cpu");
            long end = t0 + TimeUnit.SECONDS.toNanos(durationS);
            long nextSample = t0 + TimeUnit.SECONDS.toNanos(sampleS);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(Math.min(end, nextSample) - System.nanoTime()))));
                long backlog = e2.ingestBacklog();
                maxBacklog = Math.max(maxBacklog, backlog);
                windowMax = Math.max(windowMax, backlog);
                long now = System.nanoTime();
                if (now >= nextSample || now >= end) {
                    double secs = (now - lastT) / 1e9;
                    long ind = st.indications();
                    long rec = e2.recordsWritten();
                    RicGrid.RegionStats kpm = ric.grid().regionStats(RicGrid.KPM_REGION);
                    long heap = heapUsed();
                    long old = oldGenUsed();
                    memory.add(new long[] {kpm.usedBytes, heap, old});
                    out.printf("%5ds %6d %,8.0f %,10.0f %,9d %,9d %,9.1f %,9d %,9d %9s %9s %7.1fs %7.1fs%n",
                            TimeUnit.NANOSECONDS.toSeconds(now - t0), e2.connectedNodes(), (ind - lastInd) / secs,
                            (rec - lastRec) / secs, e2.ingestBacklog(), windowMax, kpm.usedBytes / 1048576.0, heap >> 20, old >> 20,
                            us(rttWindow.percentile(50)), us(rttWindow.percentile(99)), cpu.ric() - ricCpu0, cpu.load() - loadCpu0);
                    rttWindow.reset();
                    windowMax = 0;
                    lastT = now;
                    lastInd = ind;
                    lastRec = rec;
                    nextSample += TimeUnit.SECONDS.toNanos(sampleS);
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            long backlogEnd = e2.ingestBacklog();
            maxBacklog = Math.max(maxBacklog, backlogEnd);
            long controlsEnd = controlsSent.get();
            long ackedEnd = acked.sum();
            long notAckedEnd = notAcked.sum();
            long ind = st.indications() - ind0;
            long rec = e2.recordsWritten() - rec0;
            long pauses = st.backpressurePauses() - pauses0;
            double ricCpu = cpu.ric() - ricCpu0;
            double loadCpu = cpu.load() - loadCpu0;
            Map<String, String> sent = fields(lines.latest("sent"));
            long drops = 0;
            long reports = 0;
            for (XappHost.InstanceStatus x : ric.xapps().statusAll()) {
                drops += x.drops;
                reports += x.reports;
            }
            long xappControls = LoopXapp.controls() - xappControls0;
            long xappNotAcked = LoopXapp.notAcked() - xappNotAcked0;
            if (controls != null) controls.shutdown();
            String ingest50 = us(e2.ingestLatency().percentile(50));
            String ingest99 = us(e2.ingestLatency().percentile(99));
            String rtt50 = us(rtt.percentile(50));
            String rtt99 = us(rtt.percentile(99));
            String handler50 = us(LoopXapp.handlerDelay().percentile(50));
            String handler99 = us(LoopXapp.handlerDelay().percentile(99));
            String xappCtl50 = us(LoopXapp.controlLatency().percentile(50));
            String xappCtl99 = us(LoopXapp.controlLatency().percentile(99));
            long loops = LoopXapp.loopLatency().count();
            String loop50 = us(LoopXapp.loopLatency().percentile(50));
            String loop99 = us(LoopXapp.loopLatency().percentile(99));
            String inbound50 = us(LoopXapp.inboundLatency().percentile(50));
            String inbound99 = us(LoopXapp.inboundLatency().percentile(99));
            // every figure above is read; the full GC below only pauses what follows
            long[] gcEnd = gc();
            long live1 = liveHeapAfterFullGc();

            out.printf("%nIngest over %.0f s%n", secs);
            out.printf("  indications/s          %,12.0f   offered %,.0f (%.1f %%)%n", ind / secs, indicationsOffered,
                    100 * ind / secs / indicationsOffered);
            out.printf("  KPM records into grid/s %,11.0f   offered %,.0f (%.1f %%)%n", rec / secs, recordsOffered,
                    100 * rec / secs / recordsOffered);
            out.printf("  ingest backlog         %,12d records now, %,d at most (sampled every second; above %,d the RIC "
                    + "stops reading from the nodes until the grid writer catches up)%n", backlogEnd, maxBacklog,
                    config.e2Settings().ingestQueueRecords());
            out.printf("  decode->grid latency   p50 %s  p99 %s%n", ingest50, ingest99);
            if (!memory.isEmpty()) {
                long[] first = memory.get(0);
                long[] last = memory.get(memory.size() - 1);
                long[] gc1 = gcEnd;
                out.printf("Memory, first sample -> last: KPM region %,.1f -> %,.1f MiB of %d; heap used %,d -> %,d MiB; old gen "
                                + "%,d -> %,d MiB (of %,d MiB heap); GC during the run: %d young (%,d ms), %d full (%,d ms)%n",
                        first[0] / 1048576.0, last[0] / 1048576.0, kpmRegionMb, first[1] >> 20, last[1] >> 20,
                        first[2] >> 20, last[2] >> 20, heapMax >> 20, gc1[0] - gc0[0], gc1[1] - gc0[1], gc1[2] - gc0[2],
                        gc1[3] - gc0[3]);
            }
            out.printf("Live heap (old gen right after a full GC, the load still running): %,d MiB before the measured "
                    + "time, %,d MiB after it%n", live0 >> 20, live1 >> 20);
            out.printf("Control round trip (harness -> RIC -> node ack), %,d sent, %,d acked, %,d not acked: p50 %s  p99 %s%n",
                    controlsEnd - controlsSent0, ackedEnd - acked0, notAckedEnd - notAcked0,
                    rtt50, rtt99);
            out.printf("xApps (%d): %,d reports delivered, %,d queue drops; decoded -> handler p50 %s p99 %s; their %,d controls "
                            + "-> outcome p50 %s p99 %s, %d not acked%n", xappCount, reports - reports0, drops - drops0,
                    handler50, handler99, xappControls, xappCtl50, xappCtl99, xappNotAcked);
            out.printf("xApps' loop (node indication -> xApp -> node ack, the node's send time shared across the two processes), "
                    + "%,d loops: p50 %s  p99 %s; of which node send -> RIC decoded p50 %s  p99 %s%n", loops, loop50, loop99,
                    inbound50, inbound99);
            out.printf("CPU over the run: RIC process %.1f s (%.2f cores), load process %.1f s (%.2f cores); load average %s%n",
                    ricCpu, ricCpu / secs, loadCpu, loadCpu / secs, loadAverage());
            String reclaimed = reclaim.describe("over the run");
            if (!reclaimed.isEmpty()) out.println(reclaimed);
            out.printf("Drops and back-pressure: in the measured time load sends refused by flow control %,d (%,d sent), "
                            + "backpressure pauses %,d; since the RIC started: backpressure pauses %,d (%,d indications read on past the mark "
                            + "for an awaited answer), "
                            + "error indications sent %d (%d of them answer a node's late or unknown answer: a request that had timed out or was never sent), "
                            + "decode errors %d, undeclared-cell records %d, UE records over the "
                            + "per-node limit %d, streams closed for not reading %d, controls timed out %d, refused %d, failed %d%n",
                    Long.parseLong(sent.getOrDefault("refused", "0")) - refused0, Long.parseLong(sent.getOrDefault("n", "0")) - sent0,
                    pauses, st.backpressurePauses(), st.readAheads(),
                    st.errorIndicationsSent(), st.unmatchedAnswers(), st.decodeErrors(), st.undeclaredCellRecords(), st.ueRecordsOverLimit(),
                    st.streamsClosedNotReading(), st.controlsTimedOut(), st.controlsRefused(), st.controlsFailed());
            out.printf("Grid: %s; %s; grid node %s%n", ric.grid().regionStats(RicGrid.KPM_REGION),
                    ric.grid().regionStats(RicGrid.PLATFORM_REGION), ric.grid().failed() ? "FAILED" : "alive");

            load.getOutputStream().close(); // the load process stops at end of input
            if (!load.waitFor(60, TimeUnit.SECONDS)) out.println("load process did not stop in 60 s: killed");
            String done = lines.latest("done");
            out.printf("Load process: %s%n", done == null ? "ended without its final line" : done);
            return setupOk == nodes ? 0 : 3;
        } finally {
            if (controls != null) controls.shutdownNow();
            if (load != null && load.isAlive()) load.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** E2 subscriptions per node and per (node, action): expected one each, merged from every xApp's declaration. */
    private static String subscriptionsPerNode(RicNode ric, int nodes, int xapps) {
        Map<String, Integer> perNode = new HashMap<>();
        Map<String, Integer> perNodeAction = new HashMap<>();
        java.util.Collection<E2Subscription> subs = ric.e2().subscriptionService().subscriptions();
        for (E2Subscription s : subs) {
            perNode.merge(s.nodeId(), 1, Integer::sum);
            for (int a : s.admittedActions()) perNodeAction.merge(s.nodeId() + "/" + s.ranFunctionId() + "/" + a, 1, Integer::sum);
        }
        return String.format("%,d E2 subscriptions for %,d of %,d nodes; per node: min %d max %d; per node and action: min %d "
                        + "max %d (%d xApps declared one each)", subs.size(), perNode.size(), nodes, min(perNode), max(perNode),
                min(perNodeAction), max(perNodeAction), xapps);
    }

    private static int min(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    private static int max(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The bench xApp's descriptor; {@code extra} is more top-level JSON members (e.g. a deployment), with a trailing comma. */
    static String descriptor(int i, int periodMs, int every, String extra) {
        return descriptor(i, periodMs, every, extra, false);
    }

    /** As above; with {@code model} the xApp runs the harness's model on every report ({@link LoopXapp#useModel}). */
    static String descriptor(int i, int periodMs, int every, String extra, boolean model) {
        return "{\"schemaVersion\":\"1\",\"name\":\"scale-" + i + "\",\"version\":\"1.0.0\",\"vendor\":\"jRIC bench\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"bench-loop\"},\"queueCapacity\":4096," + extra
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":" + periodMs + ",\"style\":\"cell-and-ue\"}],"
                + "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}],"
                + "\"config\":{\"schema\":{\"type\":\"object\"},\"values\":{\"controlEvery\":" + every + ",\"cellIndex\":" + i
                + (model ? ",\"model\":true" : "") + "}}}";
    }

    /** Reads the load process's lines in the background; keeps the latest line of each kind. */
    static final class LoadLines {
        private final Map<String, String> latest = new java.util.concurrent.ConcurrentHashMap<>();

        LoadLines(Process p) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        int sp = line.indexOf(' ');
                        latest.put(sp < 0 ? line : line.substring(0, sp), line);
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            }, "scale-load-reader");
            t.setDaemon(true);
            t.start();
        }

        String await(String kind, int seconds) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < until) {
                String l = latest.get(kind);
                if (l != null) return l;
                Thread.sleep(50);
            }
            return null;
        }

        String latest(String kind) {
            return latest.get(kind);
        }
    }

    /** CPU seconds of this process (the RIC) and of the load process (from /proc/<pid>/stat). */
    static final class Cpu {
        private final long loadPid;

        Cpu(long loadPid) {
            this.loadPid = loadPid;
        }

        double ric() {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
            return procCpu(ProcessHandle.current().pid());
        }

        double load() {
            return procCpu(loadPid);
        }

        private double procCpu(long pid) {
            return io.jric.bench.ProcCpu.seconds(pid);
        }
    }

    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The old generation's use now: what young collections promoted and no full collection has freed yet. */
    static long oldGenUsed() {
        long v = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && (p.getName().contains("Old") || p.getName().contains("Tenured"))) {
                v += p.getUsage().getUsed();
            }
        }
        return v;
    }

    /** A full collection now, then the old generation's use: the heap that is live, not merely not collected yet. */
    static long liveHeapAfterFullGc() {
        System.gc();
        return oldGenUsed();
    }

    /** Young collections, their milliseconds, full collections, their milliseconds (by collector name). */
    static long[] gc() {
        long[] v = new long[4];
        for (var b : ManagementFactory.getGarbageCollectorMXBeans()) {
            boolean full = b.getName().contains("MarkSweep") || b.getName().contains("Old");
            v[full ? 2 : 0] += Math.max(0, b.getCollectionCount());
            v[full ? 3 : 1] += Math.max(0, b.getCollectionTime());
        }
        return v;
    }

    static String heapFlags() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xm") || a.startsWith("-XX:+Use") || a.startsWith("-XX:MaxRAM")).toList());
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String us(long nanos) {
        return nanos >= 10_000_000 ? (nanos / 1_000_000) + " ms" : (nanos / 1000) + " us";
    }

    static Map<String, String> fields(String line) {
        Map<String, String> m = new HashMap<>();
        if (line == null) return m;
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) m.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return m;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i])) {
                throw new IllegalArgumentException("bench scale: unknown option " + args[i] + " (expected: " + OPTIONS + ")");
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("bench scale: " + args[i] + " needs a value");
            m.put(args[i], args[++i]);
        }
        return m;
    }

    static int positive(Map<String, String> o, String name, String dflt) {
        String v = o.getOrDefault(name, dflt);
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: an integer >= 1)");
        }
    }

    /** A free port whose successor is free too (Ignite may take the next one). */
}
