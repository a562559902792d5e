package io.jric.server;

import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2Subscription;
import io.jric.bench.LoopXapp;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.LatencyHistogram;
import io.jric.core.internal.xapp.XappHost;
import io.jric.e2.E2Stats;
import io.jric.e2.E2Termination;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.lang.management.ManagementFactory;
import java.time.Duration;
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
 * What {@code ric bench scale --ric-processes N} reads from each RIC process of the grid, and the control
 * harness each runs against the E2 nodes it holds. The same code answers for the bench's own process (called
 * directly) and for the others ({@link ScaleRicProcess}, over their standard streams), so every process's
 * figures are taken the same way. Every answer is a flat map of {@code key=value} (no spaces in values).
 *
 * <p>Commands: {@code stats} (counters since start, gauges now, window figures since the last {@code stats}),
 * {@code mark} (starts the measured time: resets the latency histograms and the backlog maximum), {@code gc}
 * (a full collection, then the old generation's use: the live heap), {@code subs} (this process's E2
 * subscriptions per node and action), {@code controls <per second>} (starts RIC Controls to random nodes this
 * process holds).
 */
final class ScaleProbe implements AutoCloseable {
    private final RicNode ric;
    private final ScheduledExecutorService timer;
    private final LatencyHistogram rtt = new LatencyHistogram();
    private final LatencyHistogram rttWindow = new LatencyHistogram();
    private final LongAdder acked = new LongAdder();
    private final LongAdder notAcked = new LongAdder();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong backlogMax = new AtomicLong();
    private final AtomicLong backlogWindowMax = new AtomicLong();

    ScaleProbe(RicNode ric) {
        this.ric = ric;
        this.timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "scale-probe");
            t.setDaemon(true);
            return t;
        });
        // the backlog sampled every second, as the one-process bench does
        timer.scheduleAtFixedRate(() -> {
            long b = ric.e2().ingestBacklog();
            backlogMax.accumulateAndGet(b, Math::max);
            backlogWindowMax.accumulateAndGet(b, Math::max);
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Answers one command (see the class comment). */
    Map<String, String> ask(String command) throws Exception {
        String[] w = command.trim().split(" +");
        switch (w[0]) {
            case "stats":
                return stats();
            case "mark":
                rtt.reset();
                rttWindow.reset();
                ric.e2().ingestLatency().reset();
                LoopXapp.handlerDelay().reset();
                LoopXapp.controlLatency().reset();
                backlogMax.set(ric.e2().ingestBacklog());
                return Map.of("ok", "1");
            case "gc":
                return Map.of("live", Long.toString(ScaleBench.liveHeapAfterFullGc()));
            case "subs":
                return subscriptions();
            case "controls":
                startControls(Integer.parseInt(w[1]));
                return Map.of("ok", "1");
            default:
                throw new IllegalArgumentException("unknown command: " + command);
        }
    }

    private Map<String, String> stats() {
        E2Termination e2 = ric.e2();
        E2Stats st = e2.stats();
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "setups", st.setupsAccepted());
        put(m, "rejected", st.setupsRejected());
        put(m, "connected", e2.connectedNodes());
        put(m, "ind", st.indications());
        put(m, "rec", e2.recordsWritten());
        put(m, "backlog", e2.ingestBacklog());
        put(m, "bmax", backlogMax.get());
        put(m, "bmaxw", backlogWindowMax.getAndSet(e2.ingestBacklog()));
        RicGrid.RegionStats kpm = ric.grid().regionStats(RicGrid.KPM_REGION);
        put(m, "kpm", kpm.usedBytes);
        put(m, "kpmmax", kpm.maxBytes);
        m.put("kpmevict", Float.toString(kpm.evictionRate));
        RicGrid.RegionStats platform = ric.grid().regionStats(RicGrid.PLATFORM_REGION);
        put(m, "plat", platform.usedBytes);
        m.put("platevict", Float.toString(platform.evictionRate));
        put(m, "heap", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        put(m, "old", ScaleBench.oldGenUsed());
        put(m, "heapmax", Runtime.getRuntime().maxMemory());
        var os = ManagementFactory.getOperatingSystemMXBean();
        put(m, "cpu", os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1);
        long[] gc = ScaleBench.gc();
        put(m, "gcy", gc[0]);
        put(m, "gcyms", gc[1]);
        put(m, "gcf", gc[2]);
        put(m, "gcfms", gc[3]);
        put(m, "pauses", st.backpressurePauses());
        put(m, "errind", st.errorIndicationsSent());
        put(m, "unmatched", st.unmatchedAnswers());
        put(m, "readahead", st.readAheads());
        put(m, "decerr", st.decodeErrors());
        put(m, "undecl", st.undeclaredCellRecords());
        put(m, "ueover", st.ueRecordsOverLimit());
        put(m, "closednr", st.streamsClosedNotReading());
        put(m, "ctlto", st.controlsTimedOut());
        put(m, "ctlref", st.controlsRefused());
        put(m, "ctlfail", st.controlsFailed());
        put(m, "wrerr", e2.ingestWriteErrors());
        put(m, "csent", sent.get());
        put(m, "cacked", acked.sum());
        put(m, "cnot", notAcked.sum());
        put(m, "cp50w", rttWindow.percentile(50));
        put(m, "cp99w", rttWindow.percentile(99));
        rttWindow.reset();
        put(m, "cp50", rtt.percentile(50));
        put(m, "cp99", rtt.percentile(99));
        put(m, "ip50", e2.ingestLatency().percentile(50));
        put(m, "ip99", e2.ingestLatency().percentile(99));
        long reports = 0;
        long drops = 0;
        List<XappHost.InstanceStatus> local = ric.xappHost().status(null);
        for (XappHost.InstanceStatus x : local) {
            reports += x.reports;
            drops += x.drops;
        }
        put(m, "xinst", local.size());
        put(m, "xrep", reports);
        put(m, "xdrop", drops);
        put(m, "xh50", LoopXapp.handlerDelay().percentile(50));
        put(m, "xh99", LoopXapp.handlerDelay().percentile(99));
        put(m, "xctl", LoopXapp.controls());
        put(m, "xc50", LoopXapp.controlLatency().percentile(50));
        put(m, "xc99", LoopXapp.controlLatency().percentile(99));
        put(m, "xnot", LoopXapp.notAcked());
        put(m, "servers", ric.grid().serverCount());
        put(m, "alive", ric.grid().failed() ? 0 : 1);
        return m;
    }

    /** This process's E2 subscriptions: how many, for how many nodes, and per node and per (node, action). */
    private Map<String, String> subscriptions() {
        Map<String, Integer> perNode = new HashMap<>();
        Map<String, Integer> perNodeAction = new HashMap<>();
        java.util.Collection<E2Subscription> subs = ric.e2().subscriptionService().subscriptions();
        for (E2Subscription s : subs) {
            perNode.merge(s.nodeId(), 1, Integer::sum);
            for (int a : s.admittedActions()) perNodeAction.merge(s.nodeId() + "/" + s.ranFunctionId() + "/" + a, 1, Integer::sum);
        }
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "subs", subs.size());
        put(m, "nodes", perNode.size());
        put(m, "nodemin", perNode.values().stream().mapToInt(Integer::intValue).min().orElse(0));
        put(m, "nodemax", perNode.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        put(m, "actmin", perNodeAction.values().stream().mapToInt(Integer::intValue).min().orElse(0));
        put(m, "actmax", perNodeAction.values().stream().mapToInt(Integer::intValue).max().orElse(0));
        return m;
    }

    /** RIC Controls (Tx power) at the given rate to random cells of the nodes this process holds. */
    private void startControls(int perSecond) {
        if (perSecond <= 0) return;
        List<E2NodeInfo> mine = ric.e2().nodeService().nodes().stream()
                .filter(n -> n.connected() && ric.e2().nodeService().heldHere(n.nodeId())).toList();
        if (mine.isEmpty()) return;
        RcControlHeader header = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();
        timer.scheduleAtFixedRate(() -> {
            E2NodeInfo n = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
            if (n.cellIds().isEmpty()) return;
            String cell = n.cellIds().get(ThreadLocalRandom.current().nextInt(n.cellIds().size()));
            RcControlMessage msg = RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                    .setCell(E2Ids.parseCellId(cell)).setTxPowerDbm(40)).build();
            long t = System.nanoTime();
            sent.incrementAndGet();
            ric.e2().controlService().control(n.nodeId(), header, msg, Duration.ofSeconds(5)).whenComplete((res, err) -> {
                if (err == null && res.status() == ControlStatus.ACK) {
                    long d = System.nanoTime() - t;
                    rtt.record(d);
                    rttWindow.record(d);
                    acked.increment();
                } else {
                    notAcked.increment();
                }
            });
        }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
    }

    private static void put(Map<String, String> m, String k, long v) {
        m.put(k, Long.toString(v));
    }

    /** One line: {@code key=value key=value ...}. */
    static String line(Map<String, String> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
