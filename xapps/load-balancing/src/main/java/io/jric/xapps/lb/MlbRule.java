package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import java.util.List;

/**
 * The baseline: SD-RAN's MLB rule (onos-mlb) in this simulator's per-cell CIO terms, run like an
 * xApp (same reports, same decision period, same neighbour knowledge from UE reports). Every decision
 * period, with each cell's mean PRB load over it (onos-mlb counts active UEs; PRB load is the KPI here):
 * <ol>
 *   <li>a cell below the target threshold makes its neighbours 3 dB less attractive (their CIO -3 dB):
 *       it keeps its UEs;</li>
 *   <li>a cell above the overload threshold makes each neighbour below the target threshold 3 dB more
 *       attractive (its CIO +3 dB): it offloads to them (applied after 1, so offloading wins).</li>
 * </ol>
 * CIOs stay in [-6, 6] dB, the load-balancing xApp's default range. onos-mlb adjusts the offset of
 * each neighbour relation (Ocn); the simulator has one offset per cell, which is what the rule moves.
 */
final class MlbRule implements Xapp {
    static final double STEP_DB = 3;
    private final double overloadPct;
    private final double targetPct;
    private final double minDb;
    private final double maxDb;
    private final int periodMs;
    private final CellState state = new CellState();
    private XappContext ctx;
    private long nextDecisionTs = Long.MIN_VALUE;

    MlbRule(double overloadPct, double targetPct, double minDb, double maxDb, int periodMs) {
        this.overloadPct = overloadPct;
        this.targetPct = targetPct;
        this.minDb = minDb;
        this.maxDb = maxDb;
        this.periodMs = periodMs;
    }

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        ctx.onKpm(this::onReport);
    }

    private void onReport(KpmReport report) {
        if (nextDecisionTs == Long.MIN_VALUE) nextDecisionTs = report.timestampMs() + periodMs;
        if (report.timestampMs() >= nextDecisionTs) {
            decide();
            state.reset();
            nextDecisionTs = report.timestampMs() + periodMs;
        }
        state.add(report);
    }

    private void decide() {
        List<String> ids = state.cellIds();
        int n = ids.size();
        double[] cio = new double[n];
        double[] load = new double[n];
        for (int i = 0; i < n; i++) {
            cio[i] = state.cio(ids.get(i));
            load[i] = state.load(ids.get(i));
        }
        double[] next = cio.clone();
        for (int c = 0; c < n; c++) {
            if (load[c] >= targetPct) continue;
            for (int m = 0; m < n; m++) if (m != c && state.neighbours(ids.get(c), ids.get(m))) next[m] = cio[m] - STEP_DB;
        }
        for (int c = 0; c < n; c++) {
            if (load[c] <= overloadPct) continue;
            for (int m = 0; m < n; m++) {
                if (m != c && load[m] < targetPct && state.neighbours(ids.get(c), ids.get(m))) next[m] = cio[m] + STEP_DB;
            }
        }
        for (int i = 0; i < n; i++) {
            double v = Math.max(minDb, Math.min(maxDb, next[i]));
            if (v != cio[i]) ctx.control().cellIndividualOffset(state.nodeOf(ids.get(i)), ids.get(i), v);
        }
    }
}
