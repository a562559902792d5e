package io.jric.xapps.hello;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The smallest useful xApp: logs the busiest cell of every KPM report, and once, when that cell
 * is loaded above a threshold, raises its Tx power by one step.
 */
public final class HelloXapp implements Xapp {
    private final AtomicBoolean controlled = new AtomicBoolean();
    private XappContext ctx;

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        ctx.onKpm(this::onReport);
    }

    private void onReport(KpmReport report) {
        CellKpi busiest = report.cells().stream().max(Comparator.comparingDouble(CellKpi::prbUsedDlPct)).orElse(null);
        if (busiest == null) return;
        ctx.metrics().increment("reports");
        ctx.logger().log(System.Logger.Level.INFO, "busiest cell of {0}: {1} at {2}% PRB, {3} UEs",
                report.nodeId(), busiest.cellId(), busiest.prbUsedDlPct(), busiest.activeUes());
        double threshold = ctx.config().number("loadThresholdPct", 70);
        double step = ctx.config().number("txPowerStepDb", 1);
        if (busiest.prbUsedDlPct() >= threshold && controlled.compareAndSet(false, true)) {
            double target = Math.min(46, busiest.txPowerDbm() + step);
            ctx.control().txPower(busiest.nodeId(), busiest.cellId(), target).thenAccept(outcome -> {
                ctx.metrics().increment("controls." + outcome.status().name().toLowerCase());
                ctx.logger().log(System.Logger.Level.INFO, "tx_power {0} -> {1} dBm: {2} {3}",
                        busiest.cellId(), target, outcome.status(), outcome.detail());
            });
        }
    }
}
