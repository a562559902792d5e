package io.jric.server;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.jric.sim.SimConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The demo's closed loop, to show the whole path working (grid read, RIC Control, node ack,
 * changed reports) before any xApp is installed: every 5 s, raise the Tx power of the most
 * loaded cell by 1 dB and lower that of the least loaded by 1 dB, within the simulator's range.
 * It is a demonstration rule, not an xApp.
 */
final class DemoLoop implements AutoCloseable {
    private static final RcControlHeader HEADER = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();

    private final RicNode ric;
    private final double maxDbm;
    private final double minDbm;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-loop");
        t.setDaemon(true);
        return t;
    });
    final AtomicLong sent = new AtomicLong();
    final AtomicReference<String> last = new AtomicReference<>("(none yet)");

    DemoLoop(RicNode ric, SimConfig sim) {
        this.ric = ric;
        this.maxDbm = sim.maxTxPowerDbm();
        this.minDbm = Math.max(sim.minTxPowerDbm(), sim.defaultTxPowerDbm() - 6);
    }

    void start() {
        timer.scheduleWithFixedDelay(this::round, 5, 5, TimeUnit.SECONDS);
    }

    void round() {
        List<CellKpi> cells = new ArrayList<>();
        for (Cache.Entry<CellKey, CellKpi> e : ric.grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                .query(new ScanQuery<CellKey, CellKpi>())) {
            if (!e.getValue().sleeping()) cells.add(e.getValue());
        }
        if (cells.size() < 2) return;
        cells.sort((a, b) -> Float.compare(a.prbUsedDlPct(), b.prbUsedDlPct()));
        CellKpi low = cells.get(0);
        CellKpi high = cells.get(cells.size() - 1);
        nudge(high, Math.min(maxDbm, high.txPowerDbm() + 1));
        nudge(low, Math.max(minDbm, low.txPowerDbm() - 1));
    }

    private void nudge(CellKpi cell, double dbm) {
        if (Math.abs(dbm - cell.txPowerDbm()) < 0.01) return;
        RcControlMessage msg = RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                .setCell(E2Ids.parseCellId(cell.cellId())).setTxPowerDbm((float) dbm)).build();
        sent.incrementAndGet();
        ric.e2().controlService().control(cell.nodeId(), HEADER, msg, Duration.ofSeconds(1))
                .thenAccept((ControlOutcome o) -> last.set(String.format("tx_power %s %.0f->%.0f dBm (PRB %.0f%%): %s",
                        cell.cellId(), cell.txPowerDbm(), dbm, cell.prbUsedDlPct(), o.status())));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
