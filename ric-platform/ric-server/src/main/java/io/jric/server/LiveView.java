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
        cells.sort((a, b) -> Float.compare(b.prbUsedDlPct(), a.prbUsedDlPct()));
        int ues = ric.grid().cache(KpmCaches.UE_LATEST).size();

        StringBuilder b = new StringBuilder();
        if (redraw) b.append("\033[H\033[2J");
        b.append(String.format("jRIC demo  up %ds  sim time %.0fs  grid servers %d   (Ctrl-C stops)%n",
                (now - startNanos) / 1_000_000_000L, sim.model().timeMs() / 1000.0, ric.grid().serverCount()));
        b.append(String.format("E2 nodes   %d connected / %d known   subscriptions %d   setups ok/rejected %d/%d%n",
                connected, nodes.size(), ric.e2().subscriptionService().subscriptions().size(),
                s.setupsAccepted(), s.setupsRejected()));
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
        for (var x : xapps) {
            b.append(String.format("   %s: %d reports, %d drops, %d errors", x.xapp, x.reports, x.drops, x.errors));
        }
        b.append(String.format("   control router: %d refused, %d conflicts%n", ric.xappHost().router().refused(),
                ric.xappHost().router().conflicts()));
        var rs = sim.stats();
        b.append(String.format("RAN (sim)  handovers %d  ping-pongs %d  RLFs %d  energy %.1f Wh  UE thr mean %.1f / p5 %.1f Mbps%n",
                rs.handoverSuccesses(), rs.pingPongs(), rs.radioLinkFailures(), rs.energyWh(),
                rs.meanUeThroughputMbps(), rs.p5UeThroughputMbps()));
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
                    c.sleeping() ? " sleeping" : ""));
        }
        out.print(b);
        out.flush();
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
}
