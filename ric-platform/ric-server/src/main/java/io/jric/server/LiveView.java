package io.jric.server;

import io.jric.api.e2.E2NodeInfo;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.e2.E2Stats;
import io.jric.sim.RanSimulator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;

/** The demo's terminal view: nodes, cells, UEs, rates, loop figures and per-cell KPIs from the grid. */
final class LiveView implements AutoCloseable {
    private final RicNode ric;
    private final RanSimulator sim;
    private final boolean loop;
    private final boolean redraw;
    private final PrintStream out = System.out;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-view");
        t.setDaemon(true);
        return t;
    });
    private long lastIndications;
    private long lastRecords;
    private long lastNanos = System.nanoTime();
    private int ticks;

    LiveView(RicNode ric, RanSimulator sim, boolean loop, boolean redraw) {
        this.ric = ric;
        this.sim = sim;
        this.loop = loop;
        this.redraw = redraw;
    }

    void start() {
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            ticks++;
            if (redraw || ticks % 5 == 0) printOnce();
        } catch (RuntimeException e) {
            out.println("view: " + e);
        }
    }

    synchronized void printOnce() {
        E2Stats s = ric.e2().stats();
        long now = System.nanoTime();
        double dt = Math.max(1e-3, (now - lastNanos) / 1e9);
        long ind = s.indications();
        long rec = ric.e2().recordsWritten();
        double indRate = (ind - lastIndications) / dt;
        double recRate = (rec - lastRecords) / dt;
        lastIndications = ind;
        lastRecords = rec;
        lastNanos = now;

        List<E2NodeInfo> nodes = ric.e2().nodeService().nodes();
        long connected = nodes.stream().filter(E2NodeInfo::connected).count();
        List<CellKpi> cells = new ArrayList<>();
        for (Cache.Entry<CellKey, CellKpi> e : ric.grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                .query(new ScanQuery<CellKey, CellKpi>())) {
            cells.add(e.getValue());
        }
        // disabled cells (an outage) first, then by load
        cells.sort(java.util.Comparator.comparing((CellKpi c) -> c.operationalState() != io.jric.api.kpm.CellOperationalState.DISABLED)
                .thenComparing((a, b) -> Float.compare(b.prbUsedDlPct(), a.prbUsedDlPct())));
        int ues = ric.grid().cache(KpmCaches.UE_LATEST).size();

        StringBuilder b = new StringBuilder();
        if (redraw) b.append("\033[H\033[2J");
        b.append(String.format("jRIC demo  up %ds  sim time %.0fs  grid servers %d   (Ctrl-C stops)%n",
                (now - startNanos) / 1_000_000_000L, sim.model().timeMs() / 1000.0, ric.grid().serverCount()));
        b.append("dashboard  ").append(ric.dashboardUrl()).append('\n');
        b.append(String.format("E2 nodes   %d connected / %d known   subscriptions %d   setups ok/rejected %d/%d%n",
                connected, nodes.size(), ric.e2().subscriptionService().subscriptions().size(),
                s.setupsAccepted(), s.setupsRejected()));
        b.append(wireLine(nodes));
        b.append(String.format("grid       cells %d   UEs %d   indications/s %.0f   records/s %.0f   total records %d%n",
                cells.size(), ues, indRate, recRate, rec));
        b.append(String.format("ingest     decode->grid p50 %s  p99 %s   backlog %d   error indications sent %d%n",
                ms(ric.e2().ingestLatency().percentile(50)), ms(ric.e2().ingestLatency().percentile(99)),
                ric.e2().ingestBacklog(), s.errorIndicationsSent()));
        b.append(String.format("control    ack %d  failed %d  timeout %d  refused %d   round trip p50 %s  p99 %s%n",
                s.controlsAcked(), s.controlsFailed(), s.controlsTimedOut(), s.controlsRefused(),
                ms(s.controlRoundTrip().percentile(50)), ms(s.controlRoundTrip().percentile(99))));
        if (loop) b.append("demo loop  ").append(DemoLoop.LAST.get()).append('\n');
        var xapps = ric.xappHost().status(null);
        b.append(String.format("xApps      %d instance(s)", xapps.size()));
        b.append(String.format("   control router: %d refused, %d conflicts%n", ric.xappHost().router().refused(),
                ric.xappHost().router().conflicts()));
        for (var x : xapps) {
            String model = modelState(x.metrics);
            b.append(String.format("  %-18s %-8s %6d reports %4d drops %4d errors%s%n", x.xapp, x.state.toLowerCase(java.util.Locale.ROOT),
                    x.reports, x.drops, x.errors, model.isEmpty() ? "" : "   " + model));
        }
        var rs = sim.stats();
        b.append(String.format("RAN (sim)  handovers %d  ping-pongs %d  RLFs %d  energy %.1f Wh  UE thr mean %.1f / p5 %.1f Mbps%n",
                rs.handoverSuccesses(), rs.pingPongs(), rs.radioLinkFailures(), rs.energyWh(),
                rs.meanUeThroughputMbps(), rs.p5UeThroughputMbps()));
        long simNow = sim.model().timeMs();
        for (io.jric.sim.Fault f : sim.model().faults()) {
            if (f.activeAt(simNow)) {
                b.append(String.format("fault      %s on %s, %.0f s left (./ric sim faults)%n", SimFaultsApi.typeName(f.type()),
                        f.cellId(), (f.startMs() + f.durationMs() - simNow) / 1000.0));
            }
        }
        b.append(String.format("%n%-18s %-16s %7s %9s %5s %7s %7s %6s%n",
                "node", "cell", "PRB DL%", "DL Mbps", "UEs", "Tx dBm", "Wh", "CQI"));
        int shown = 0;
        for (CellKpi c : cells) {
            if (shown++ == 12) {
                b.append(String.format("... %d more cells%n", cells.size() - 12));
                break;
            }
            b.append(String.format("%-18s %-16s %7.1f %9.1f %5d %7.1f %7.2f %6.1f%s%n", shorten(c.nodeId()), c.cellId(),
                    c.prbUsedDlPct(), c.throughputDlMbps(), c.activeUes(), c.txPowerDbm(), c.energyWh(), c.avgCqi(),
                    (c.sleeping() ? " sleeping" : "")
                            + (c.operationalState() == io.jric.api.kpm.CellOperationalState.DISABLED ? " DISABLED" : "")));
        }
        out.print(b);
        out.flush();
    }

    /**
     * An ML xApp's model state from the metrics its model slot publishes (ml-common's ModelSlot):
     * the active version, or "learning" with the training's progress, or why there is none; "" for
     * xApps without a model.
     */
    static String modelState(java.util.Map<String, Long> m) {
        for (var e : m.entrySet()) {
            if (e.getKey().startsWith("model.active.") && e.getValue() == 1) {
                return "model v" + e.getKey().substring("model.active.".length());
            }
        }
        if (m.getOrDefault("model.training", 0L) == 1) {
            long started = m.getOrDefault("model.training.startedAtMs", 0L);
            long secs = started == 0 ? 0 : Math.max(0, (System.currentTimeMillis() - started) / 1000);
            long epochs = m.getOrDefault("model.training.epochs", 0L);
            String step = epochs > 0
                    ? String.format("epoch %d/%d", m.getOrDefault("model.training.epoch", 0L), epochs)
                    : "simulation " + m.getOrDefault("model.training.simulations", 0L);
            return "learning: training its model (" + step + ", " + secs + " s); no actions until it is ready";
        }
        if (m.getOrDefault("model.failed", 0L) == 1) return "learning: model training failed (see the log); no actions";
        if (m.getOrDefault("model.missing", 0L) == 1) return "learning: no model (ric train, or A1-ML); no actions";
        if (m.keySet().stream().anyMatch(k -> k.startsWith("model.") || k.endsWith("withoutModel") || k.equals("decisions.learning"))) {
            return "learning: loading its model";
        }
        return "";
    }

    /** One line for the end of a run: what flowed and which xApps ran. */
    synchronized String summary() {
        var xapps = ric.xappHost().status(null);
        long running = xapps.stream().filter(x -> "RUNNING".equalsIgnoreCase(x.state)).count();
        StringBuilder b = new StringBuilder(String.format("indications %d, records %d, E2 nodes connected %d; xApps running %d/%d",
                ric.e2().stats().indications(), ric.e2().recordsWritten(),
                ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count(), running, xapps.size()));
        for (var x : xapps) b.append(String.format(" [%s %s]", x.xapp, x.state.toLowerCase(java.util.Locale.ROOT)));
        return b.toString();
    }

    /** Indications reached the grid and every installed xApp instance is running. */
    synchronized boolean healthy() {
        var xapps = ric.xappHost().status(null);
        return ric.e2().recordsWritten() > 0
                && xapps.stream().allMatch(x -> "running".equalsIgnoreCase(x.state));
    }

    private static String shorten(String nodeId) {
        return nodeId.length() <= 18 ? nodeId : nodeId.substring(0, 17) + "…";
    }

    private static String ms(long nanos) {
        return nanos == 0 ? "-" : String.format("%.2fms", nanos / 1e6);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** How the connected nodes speak E2: transport and encoding, and the service model versions, with counts. */
    static String wireLine(List<E2NodeInfo> nodes) {
        java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
        for (E2NodeInfo n : nodes) {
            if (!n.connected()) continue;
            java.util.TreeSet<String> sms = new java.util.TreeSet<>();
            for (io.jric.api.e2.RanFunctionInfo f : n.ranFunctions()) sms.add(f.serviceModelVersion());
            kinds.merge(n.transport().replaceAll(" \\(SCTP PPID \\d+\\)", "") + ", " + String.join(" + ", sms), 1, Integer::sum);
        }
        if (kinds.isEmpty()) return "E2 wire    (no node connected)\n";
        StringBuilder b = new StringBuilder();
        for (var e : kinds.entrySet()) {
            b.append(b.length() == 0 ? "E2 wire    " : "           ").append(e.getValue()).append(" x ").append(e.getKey()).append('\n');
        }
        return b.toString();
    }
}
