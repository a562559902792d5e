package io.jric.bench;

import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.LatencyHistogram;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.util.FreePorts;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import io.jric.core.internal.xapp.XappStore;
import io.jric.e2.E2Settings;
import io.jric.e2.E2Termination;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The closed-loop harness: N load nodes send KPM indications at a paced rate to a RIC with four
 * xApps installed (all four share one merged E2 subscription per node); each xApp steers its own
 * cell on every {@code --every}-th report, and the loop latency from the indication leaving the
 * node to the node's acknowledgement arriving back at the xApp is recorded. A bare gRPC echo runs
 * in the same process for comparison. Options: {@code --nodes 8 --rates 1000,10000 --seconds 10 --every 10 --xapps 4 --warmup 10
 * --handlers inline|thread --budget-us 200 --ml power|none}: {@code --handlers inline} (the default) declares the xApps'
 * KPM handlers non-blocking, so they run on the E2 transport thread ({@code thread}: each on its own thread, as an
 * xApp that does not declare it); {@code --ml power} (the default) has the first xApp run the power-control xApp's
 * trained model and decision rule on its cell on every report ({@code io.jric.xapps.power.PowerDecider}, found on
 * the class path: {@code ./ric} puts the ML xApps there) and set the level it chooses; {@code --grid-nodes 2} adds a
 * second grid node in a second JVM (backups 1, FULL_SYNC; {@link GridPeer});
 * and {@code --otlp-endpoint sink|<url>} to export every span over OTLP/gRPC (sampling ratio 1):
 * {@code sink} starts a receiver on loopback in the same process that accepts and discards them
 * ({@link OtlpSink}); without the option nothing is exported (the RIC's default).
 * Before the first rate, {@code --warmup} seconds at the highest rate let the JIT compile the loop's
 * code (at 1k/s alone it would still be compiling during the measurement, as a RIC in service is not);
 * each rate then runs 2 s unmeasured before its measured seconds.
 */
public final class LoopBenchmark {
    private LoopBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        int nodes = opt(args, "--nodes", "8");
        int seconds = (int) Math.max(1, io.jric.core.internal.util.TimeValues.parse(str(args, "--seconds", "10"), "s").toSeconds());
        int every = opt(args, "--every", "10");
        int xappCount = opt(args, "--xapps", "4");
        int warmup = opt(args, "--warmup", "10");
        if (xappCount < 1 || xappCount > 4) throw new IllegalArgumentException("--xapps: " + xappCount + " (expected: 1..4)");
        String[] rates = str(args, "--rates", "1000,10000").split(",");
        String otlp = str(args, "--otlp-endpoint", "");
        String handlers = str(args, "--handlers", "inline");
        if (!handlers.equals("inline") && !handlers.equals("thread")) {
            throw new IllegalArgumentException("--handlers: " + handlers + " (expected: inline or thread)");
        }
        int budgetUs = opt(args, "--budget-us", "200");
        if (budgetUs < 10 || budgetUs > 100_000) throw new IllegalArgumentException("--budget-us: " + budgetUs + " (expected: 10..100000)");
        String ml = str(args, "--ml", "power");
        int gridNodes = opt(args, "--grid-nodes", "1");
        if (!ml.equals("power") && !ml.equals("none")) throw new IllegalArgumentException("--ml: " + ml + " (expected: power or none)");
        System.out.printf("Loop benchmark: %d load nodes x 4 cells, %d xApps (one control per xApp every %d reports), "
                + "%d s per rate after %d s of warm-up; %d CPUs, Java %s%n", nodes, xappCount, every, seconds, warmup,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (ml.equals("power")) {
            java.util.function.ToDoubleFunction<io.jric.api.kpm.CellKpi> model = powerModel();
            LoopXapp.useModel(model);
            System.out.println("ML: xApp loop-0 runs " + model + " on its cell on every report (27 candidate levels)");
        }
        System.out.printf("xApp KPM handlers: %s%n", handlers.equals("inline")
                ? "declared non-blocking (handler.nonBlocking, budget " + budgetUs + " us): run on the E2 transport thread"
                : "each on its xApp's own thread (not declared non-blocking)");

        int peerDisco = FreePorts.pair();
        GridSettings gs = GridPeer.localSettings("bench-loop", gridNodes, FreePorts.pair(), peerDisco).dataRegionBytes(512L << 20).build();
        OtlpSink sink = otlp.equals("sink") ? new OtlpSink() : null;
        io.jric.core.internal.telemetry.TelemetrySettings ts = otlp.isEmpty() ? io.jric.core.internal.telemetry.TelemetrySettings.off()
                : new io.jric.core.internal.telemetry.TelemetrySettings(sink != null ? sink.endpoint() : otlp, "grpc", 1.0,
                        java.util.Map.of(), Duration.ofSeconds(10), 8192, "bench-loop");
        System.out.println(otlp.isEmpty() ? "OTLP export: off"
                : "OTLP export: on, gRPC to " + ts.otlpEndpoint() + (sink != null ? " (a sink in this process that discards them)" : "")
                        + ", every span (sampling ratio 1)");
        try (OtlpSink ignoredSink = sink;
             Telemetry telemetry = Telemetry.create(ts);
             RicGrid grid = RicGrid.start(gs);
             GridPeer peer = gridNodes == 2 ? GridPeer.start(grid, peerDisco, 512L << 20) : null;
             E2Termination e2 = E2Termination.start(grid, telemetry, E2Settings.builder().port(0).build());
             XappHost host = new XappHost(grid, telemetry, e2.nodeService(), e2.subscriptionService(),
                     e2.controlService(), Duration.ofMillis(1000), Duration.ofSeconds(1));
             EchoServer echo = new EchoServer()) {
            System.out.println(gridNodes == 1 ? "grid: one node (this process), no backups"
                    : "grid: two nodes (this process and a second JVM on this machine), backups 1, FULL_SYNC writes");
            XappManager xapps = new XappManager(grid, new XappStore(Files.createTempDirectory("jric-bench-xapps")), host);
            for (int i = 0; i < xappCount; i++) {
                xapps.install(descriptor(i, every, handlers.equals("inline"), budgetUs, i == 0 && ml.equals("power")), null, null);
            }

            List<LoadNode> load = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                LoadNode n = new LoadNode(e2.port(), 2000 + i, 4, 0, 0);
                n.keepSendTimes();
                LoopXapp.NODES.put(n.nodeId(), n);
                load.add(n);
            }
            for (LoadNode n : load) n.connect().get(10, TimeUnit.SECONDS);
            for (LoadNode n : load) n.subscribed().get(10, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (e2.subscriptionService().subscriptions().size() < nodes && System.nanoTime() < until) Thread.sleep(10);
            System.out.printf("E2 subscriptions for the 4 xApps: %d (one per node, merged)%n",
                    e2.subscriptionService().subscriptions().size());

            System.out.println("machine load average (1, 5, 15 min): " + loadAverage());
            wakeupCheck();
            EchoBaseline echoes = EchoBaseline.measure(echo.port(), 20_000, 2_000, com.google.protobuf.ByteString.EMPTY);
            System.out.printf("%n%-44s %10s %10s%n", "", "p50", "p99");
            System.out.printf("%-44s %10s %10s%n", "bare gRPC echo, unary", EchoBaseline.us(EchoBaseline.pct(echoes.unary, 50)),
                    EchoBaseline.us(EchoBaseline.pct(echoes.unary, 99)));
            System.out.printf("%-44s %10s %10s%n", "bare gRPC echo, bidi stream",
                    EchoBaseline.us(EchoBaseline.pct(echoes.streaming, 50)), EchoBaseline.us(EchoBaseline.pct(echoes.streaming, 99)));

            int top = 0;
            for (String r : rates) top = Math.max(top, Integer.parseInt(r.trim()));
            if (warmup > 0) {
                pace(load, top, warmup);
                drain(load, e2, "the warm-up");
            }
            for (String r : rates) {
                int rate = Integer.parseInt(r.trim());
                pace(load, rate, 2);
                LoopXapp.LOOP.reset();
                LoopXapp.HANDLER_DELAY.reset();
                LoopXapp.INBOUND.reset();
                LoopXapp.CONTROL.reset();
                LoopXapp.CONTROL_OUT.reset();
                LoopXapp.CONTROL_CALL.reset();
                LoopXapp.MODEL.reset();
                long[] d0 = dispatch(xapps, xappCount);
                long c0 = LoopXapp.CONTROLS.sum();
                long n0 = LoopXapp.NOT_ACKED.sum();
                long drops0 = drops(xapps, xappCount);
                long i0 = e2.stats().indications();
                Telemetry.ExportStats x0 = telemetry.exportStats();
                KernelReclaim reclaim = KernelReclaim.start();
                long t0 = System.nanoTime();
                long skipped = pace(load, rate, seconds);
                String reclaimed = reclaim.describe("in the window");
                double secs = (System.nanoTime() - t0) / 1e9;
                long indications = e2.stats().indications() - i0;
                LatencyHistogram loop = LoopXapp.LOOP;
                drain(load, e2, String.format("the %,d/s window", rate));
                // Right after the loop's window, in the state the loop left the machine in (not after the warm-up,
                // whose backlog the grid writer may still be working off).
                LatencyHistogram pacedEcho = EchoBaseline.paced(echo.port(), rate, 3);
                System.out.printf("%n%,d indications/s offered: %,.0f/s received, %,.0f controls/s, %d not acked, "
                                + "%d xApp queue drops, %d sends refused by flow control%n", rate, indications / secs,
                        (LoopXapp.CONTROLS.sum() - c0) / secs, LoopXapp.NOT_ACKED.sum() - n0, drops(xapps, xappCount) - drops0, skipped);
                System.out.printf("%-44s %10s %10s   (target p99 <= 1 ms at 1k/s)%n",
                        "loop: node indication -> xApp -> node ack", EchoBaseline.us(loop.percentile(50)),
                        EchoBaseline.us(loop.percentile(99)));
                System.out.printf("%-44s %9.1fx %9.1fx   (targets <= 3x, <= 5x)%n", "  loop / bare bidi stream echo",
                        (double) loop.percentile(50) / EchoBaseline.pct(echoes.streaming, 50),
                        (double) loop.percentile(99) / EchoBaseline.pct(echoes.streaming, 99));
                row("  bare bidi echo paced at " + String.format("%,d", rate) + "/s (3 s after)", pacedEcho);
                System.out.printf("%-44s %9.1fx %9.1fx%n", "  loop / paced bidi echo",
                        (double) loop.percentile(50) / Math.max(1, pacedEcho.percentile(50)),
                        (double) loop.percentile(99) / Math.max(1, pacedEcho.percentile(99)));
                row("  node send -> RIC decoded", LoopXapp.INBOUND);
                row("  RIC decoded -> xApp handler", LoopXapp.HANDLER_DELAY);
                row("  xApp control -> outcome at the xApp", LoopXapp.CONTROL);
                row("    of which xApp control -> node has it", LoopXapp.CONTROL_OUT);
                row("      of which the control() call", LoopXapp.CONTROL_CALL);
                if (ml.equals("power")) row("  power model decision (loop-0, every report)", LoopXapp.MODEL);
                long[] d = dispatch(xapps, xappCount);
                System.out.printf("handlers: %,d reports on the transport thread, %,d queued (instance busy or not inline), "
                                + "%d over budget, %d demoted, %d back inline; load average %s%n", d[0] - d0[0], d[1] - d0[1],
                        d[2] - d0[2], d[3] - d0[3], d[4] - d0[4], loadAverage());
                if (!reclaimed.isEmpty()) System.out.println(reclaimed);
                if (telemetry.exporting()) {
                    Telemetry.ExportStats x = telemetry.exportStats();
                    System.out.printf("OTLP export: %,.0f spans/s exported, %d failed, %d dropped (queue full)%n",
                            (x.exported() - x0.exported()) / secs, x.failed() - x0.failed(), x.dropped() - x0.dropped());
                }
            }
            for (LoadNode n : load) n.close();
        }
        return 0;
    }

    /**
     * How late a thread that parks for 1 ms wakes up on this machine, next to a spinning thread's
     * longest gap: the floor under any loop that hands work between sleeping threads. On a VM whose
     * idle vCPUs halt (guest halt polling off), a woken thread can wait milliseconds for its vCPU.
     */
    private static void wakeupCheck() {
        LatencyHistogram late = new LatencyHistogram();
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            long t = System.nanoTime();
            LockSupport.parkNanos(1_000_000);
            late.record(Math.max(0, System.nanoTime() - t - 1_000_000));
        }
        long maxGap = 0;
        long last = System.nanoTime();
        end = last + 1_000_000_000L;
        while (last < end) {
            long now = System.nanoTime();
            maxGap = Math.max(maxGap, now - last);
            last = now;
        }
        System.out.printf("machine: a thread parked for 1 ms wakes late by p50 %s, p99 %s, p99.9 %s; a spinning thread's "
                        + "longest gap in 1 s: %s%n", EchoBaseline.us(late.percentile(50)), EchoBaseline.us(late.percentile(99)),
                EchoBaseline.us(late.percentile(99.9)), EchoBaseline.us(maxGap));
    }

    private static void row(String name, LatencyHistogram h) {
        System.out.printf("%-44s %10s %10s%n", name, EchoBaseline.us(h.percentile(50)), EchoBaseline.us(h.percentile(99)));
    }

    /** Sends at {@code rate} per second, round robin over the nodes, for the given time; returns refused sends. */
    private static long pace(List<LoadNode> load, int rate, int seconds) {
        long period = 1_000_000_000L / rate;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long next = System.nanoTime();
        long refused = 0;
        int i = 0;
        while (next < end) {
            long now = System.nanoTime();
            while (next <= now) {
                if (!load.get(i++ % load.size()).sendOne()) refused++;
                next += period;
            }
            LockSupport.parkNanos(next - System.nanoTime());
        }
        return refused;
    }

    /**
     * Waits (at most 60 s) until the RIC has received every indication the nodes sent, so that a rate's window
     * does not measure the previous rate's backlog (a stall during the warm-up at the top rate can leave one the
     * RIC is still reading seconds later); says how long it took when it was more than a moment.
     */
    private static void drain(List<LoadNode> load, E2Termination e2, String after) throws InterruptedException {
        long sent = 0;
        for (LoadNode n : load) sent += n.sent();
        long t0 = System.nanoTime();
        long behind = sent - e2.stats().indications();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
        while (e2.stats().indications() < sent && System.nanoTime() < deadline) Thread.sleep(5);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long left = sent - e2.stats().indications();
        if (left > 0) {
            System.out.printf("after %s: %,d indications sent were still not received after 60 s%n", after, left);
        } else if (ms >= 100) {
            System.out.printf("after %s: the RIC was %,d indications behind and took %,d ms to work them off%n", after, behind, ms);
        }
    }

    /** Inline reports, reports queued, overruns, demotions and promotions, summed over the bench's xApps. */
    private static long[] dispatch(XappManager xapps, int count) {
        long[] d = new long[5];
        for (int i = 0; i < count; i++) {
            for (XappHost.InstanceStatus s : xapps.status("loop-" + i)) {
                d[0] += s.inlineReports;
                d[1] += s.reports - s.inlineReports;
                d[2] += s.overruns;
                d[3] += s.demotions;
                d[4] += s.promotions;
            }
        }
        return d;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "(unknown)";
        }
    }

    /** The power-control xApp's decider, from the class path (no compile-time dependency on DL4J). */
    @SuppressWarnings("unchecked")
    public static java.util.function.ToDoubleFunction<io.jric.api.kpm.CellKpi> powerModel() throws Exception {
        Class<?> c;
        try {
            c = Class.forName("io.jric.xapps.power.PowerDecider");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--ml power: the power-control xApp (io.jric.xapps.power.PowerDecider) is not "
                    + "on the class path; ./ric bench loop puts the ML xApps there; or run with --ml none", e);
        }
        try {
            return (java.util.function.ToDoubleFunction<io.jric.api.kpm.CellKpi>) c.getConstructor().newInstance();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    private static long drops(XappManager xapps, int count) {
        long d = 0;
        for (int i = 0; i < count; i++) {
            for (XappHost.InstanceStatus s : xapps.status("loop-" + i)) d += s.drops;
        }
        return d;
    }

    private static String descriptor(int i, int every, boolean inline, int budgetUs, boolean model) {
        return "{\"schemaVersion\":\"1\",\"name\":\"loop-" + i + "\",\"version\":\"1.0.0\",\"vendor\":\"jRIC bench\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"bench-loop\"},\"queueCapacity\":4096,"
                + "\"handler\":{\"nonBlocking\":" + inline + ",\"budgetUs\":" + budgetUs + "},"
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":10,\"style\":\"cell\"}],"
                + "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}],"
                + "\"config\":{\"schema\":{\"type\":\"object\"},\"values\":{\"controlEvery\":" + every + ",\"cellIndex\":" + i
                + (model ? ",\"model\":true" : "") + "}}}";
    }

    private static int opt(String[] args, String name, String dflt) {
        try {
            return Integer.parseInt(str(args, name, dflt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + str(args, name, dflt) + " (expected: an integer)");
        }
    }

    private static String str(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) if (args[i].equals(name)) return args[i + 1];
        for (String a : args) {
            if (a.startsWith("--") && !List.of("--nodes", "--seconds", "--every", "--rates", "--xapps", "--warmup",
                    "--otlp-endpoint", "--handlers", "--budget-us", "--ml", "--grid-nodes").contains(a)) {
                throw new IllegalArgumentException("unknown option " + a + " (expected: --nodes, --seconds, --every, --rates, "
                        + "--xapps, --warmup, --otlp-endpoint, --handlers, --budget-us, --ml, --grid-nodes)");
            }
        }
        return dflt;
    }

}
