package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A baseline: SD-RAN's MLB rule (onos-mlb) as its description reads, written here from that description.
 * Every decision period, with each cell's mean PRB load over it: a cell above the overload threshold lowers its
 * offset towards less-loaded neighbours by one step; a cell below the target threshold raises it back by one
 * step, towards neutral. In the simulator's terms the offset towards co-channel neighbours is the cell's CIO
 * (a lower CIO hands its UEs to the neighbours sooner; lowered only while a neighbour seen in the UE reports is
 * below the target threshold), and on two layers the offset towards the other layer is the offset (offsetMO)
 * the cell gives the co-sited cell's frequency (raised while that cell is below the target threshold). Offsets
 * stay within one range ({@code +-maxDb}). Nothing else: no coordination of the other layer's thresholds, no
 * guard.
 */
final class MlbOffsetRule implements Xapp {
    private final double overloadPct;
    private final double targetPct;
    private final double stepDb;
    private final double maxDb;
    private final int periodMs;
    private final LayerPlan plan;
    private final CellState state = new CellState();
    private final Map<String, Double> freqOffset = new HashMap<>();
    private XappContext ctx;
    private long nextDecisionTs = Long.MIN_VALUE;

    /** @param plan the carrier plan, or null on one layer */
    MlbOffsetRule(double overloadPct, double targetPct, double stepDb, double maxDb, int periodMs, LayerPlan plan) {
        this.overloadPct = overloadPct;
        this.targetPct = targetPct;
        this.stepDb = stepDb;
        this.maxDb = maxDb;
        this.periodMs = periodMs;
        this.plan = plan;
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
        Map<String, String> coSited = new HashMap<>();
        if (plan != null) {
            Map<String, String[]> sectors = new HashMap<>();
            for (String id : ids) {
                int l = plan.layer(id);
                if (l >= 0) sectors.computeIfAbsent(plan.sector(id), k -> new String[2])[l] = id;
            }
            for (String[] s : sectors.values()) {
                if (s[0] != null && s[1] != null) {
                    coSited.put(s[0], s[1]);
                    coSited.put(s[1], s[0]);
                }
            }
        }
        for (String c : ids) {
            double load = state.load(c);
            double cio = state.cio(c);
            double nextCio = cio;
            String other = coSited.get(c);
            double off = freqOffset.getOrDefault(c, 0.0);
            double nextOff = off;
            if (load > overloadPct) {
                boolean lighterNeighbour = false;
                for (String m : ids) {
                    if (!m.equals(c) && sameLayer(c, m) && state.neighbours(c, m) && state.load(m) < targetPct) lighterNeighbour = true;
                }
                if (lighterNeighbour) nextCio = Math.max(-maxDb, cio - stepDb);
                if (other != null && state.load(other) < targetPct) nextOff = Math.min(maxDb, off + stepDb);
            } else if (load < targetPct) {
                nextCio = cio < 0 ? Math.min(0, cio + stepDb) : cio;
                nextOff = off > 0 ? Math.max(0, off - stepDb) : off;
            }
            if (nextCio != cio) ctx.control().cellIndividualOffset(state.nodeOf(c), c, nextCio);
            if (nextOff != off) {
                freqOffset.put(c, nextOff);
                ctx.control().interFrequencyOffset(state.nodeOf(c), c, plan.nrArfcns().get(plan.layer(other)), nextOff);
            }
        }
    }

    private boolean sameLayer(String a, String b) {
        return plan == null || plan.layer(a) == plan.layer(b);
    }
}
