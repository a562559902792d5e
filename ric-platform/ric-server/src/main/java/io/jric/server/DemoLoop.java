package io.jric.server;

import io.jric.api.kpm.CellKpi;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's closed loop, installed by {@code ric demo} as an xApp named {@code demo-loop} (so its
 * controls pass the control router and its guard rails like any xApp's): every
 * {@code everyReports} KPM reports, +1 dB Tx power on the most loaded cell and -1 dB on the least
 * loaded one, within the simulator's range. A demonstration rule, not one of the ML xApps.
 */
public final class DemoLoop implements Xapp {
    static final AtomicLong SENT = new AtomicLong();
    static final AtomicReference<String> LAST = new AtomicReference<>("(none yet)");

    private XappContext ctx;
    private long reports;

    /** The descriptor {@code ric demo} installs. */
    static String descriptor(double minDbm, double maxDbm, int everyReports) {
        return "{\"schemaVersion\":\"1\",\"name\":\"demo-loop\",\"version\":\"1.0.0\",\"vendor\":\"jRIC\","
                + "\"sdkApiVersion\":\"1\",\"description\":\"ric demo: nudges Tx power towards load\","
                + "\"entry\":{\"provider\":\"jric.demo-loop\"},\"priority\":10,"
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":1000,\"style\":\"cell\"}],"
                + "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":" + minDbm + ",\"max\":" + maxDbm + "}],"
                + "\"config\":{\"schema\":{\"type\":\"object\"},\"values\":{\"everyReports\":" + everyReports + ",\"minDbm\":" + minDbm
                + ",\"maxDbm\":" + maxDbm + "}}}";
    }

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        int every = (int) ctx.config().number("everyReports", 35);
        ctx.onKpm(r -> {
            if (++reports % every == 0) round();
        });
    }

    void round() {
        List<CellKpi> cells = new ArrayList<>();
        for (CellKpi c : ctx.grid().cells()) if (!c.sleeping()) cells.add(c);
        if (cells.size() < 2) return;
        cells.sort((a, b) -> Float.compare(a.prbUsedDlPct(), b.prbUsedDlPct()));
        double min = ctx.config().number("minDbm", 37);
        double max = ctx.config().number("maxDbm", 46);
        nudge(cells.get(cells.size() - 1), Math.min(max, cells.get(cells.size() - 1).txPowerDbm() + 1));
        nudge(cells.get(0), Math.max(min, cells.get(0).txPowerDbm() - 1));
    }

    private void nudge(CellKpi cell, double dbm) {
        if (Math.abs(dbm - cell.txPowerDbm()) < 0.01) return;
        SENT.incrementAndGet();
        ctx.control().txPower(cell.nodeId(), cell.cellId(), dbm).thenAccept(o -> LAST.set(String.format(
                "tx_power %s %.0f->%.0f dBm (PRB %.0f%%): %s%s", cell.cellId(), cell.txPowerDbm(), dbm,
                cell.prbUsedDlPct(), o.status(), o.detail().isEmpty() ? "" : " (" + o.detail() + ")")));
    }

    /** Provider id {@code jric.demo-loop}. */
    public static final class Provider implements XappProvider {
        @Override
        public String id() {
            return "jric.demo-loop";
        }

        @Override
        public Xapp create() {
            return new DemoLoop();
        }
    }
}
