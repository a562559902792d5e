package io.jric.xapps.lb;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the load-balancing xApp knows about the cells over the current decision period, built only from
 * {@code cell-and-ue} KPM reports: per cell the mean PRB load, active UEs and CQI, its CIO, and the
 * border relations seen in the UE reports (PRBs used by UEs of a cell that report a neighbour within
 * {@link #EDGE_MARGIN_DB} of their serving cell, RSRP plus CIO). {@link #features} turns it, with a
 * candidate CIO change per cell, into the model's rows. The trainer uses the same class.
 */
final class CellState {
    static final double EDGE_MARGIN_DB = 6;

    private static final class Acc {
        String nodeId;
        double load;
        double active;
        double cqi;
        double rlf;
        int reports;
        double cio;
        final Map<String, Double> edgePrb = new HashMap<>();  // neighbour -> PRBs summed over reports
        int ueReports;
    }

    private final Map<String, Acc> cells = new TreeMap<>();
    private final Map<String, Double> cioNow = new HashMap<>();

    /** Adds one report (cells first, then their UEs). */
    void add(KpmReport r) {
        for (CellKpi c : r.cells()) {
            Acc a = cells.computeIfAbsent(c.cellId(), k -> new Acc());
            a.nodeId = c.nodeId();
            a.load += c.prbUsedDlPct();
            a.active += c.activeUes();
            a.cqi += c.avgCqi();
            a.rlf += c.rlfCount();
            a.reports++;
            a.cio = c.cioDb();
            cioNow.put(c.cellId(), (double) c.cioDb());
        }
        for (CellKpi c : r.cells()) cells.get(c.cellId()).ueReports++;
        for (UeKpi u : r.ues()) {
            Acc a = cells.get(u.servingCellId());
            if (a == null) continue;
            double own = u.rsrpDbm() + cioNow.getOrDefault(u.servingCellId(), 0.0);
            String[] ids = u.neighbourCellIds();
            float[] rsrp = u.neighbourRsrpDbm();
            for (int j = 0; j < ids.length; j++) {
                if (rsrp[j] + cioNow.getOrDefault(ids[j], 0.0) - own >= -EDGE_MARGIN_DB) {
                    a.edgePrb.merge(ids[j], (double) u.prbUsedDl(), Double::sum);
                }
            }
        }
    }

    /** Cells seen this period, in id order. */
    List<String> cellIds() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Acc> e : cells.entrySet()) if (e.getValue().reports > 0) out.add(e.getKey());
        return out;
    }

    String nodeOf(String cellId) {
        return cells.get(cellId).nodeId;
    }

    double cio(String cellId) {
        return cells.get(cellId).cio;
    }

    /** Radio link failures counted on the cell this period. */
    double rlf(String cellId) {
        return cells.get(cellId).rlf;
    }

    /** Mean active UEs of the cell this period. */
    double activeUes(String cellId) {
        Acc a = cells.get(cellId);
        return a.active / a.reports;
    }

    double load(String cellId) {
        Acc a = cells.get(cellId);
        return a.load / a.reports;
    }

    /** Starts a new decision period (keeps the latest CIOs). */
    void reset() {
        cells.clear();
    }

    /** Whether {@code a} and {@code b} share border UEs (either way) this period. */
    boolean neighbours(String a, String b) {
        return edge(a, b) > 0 || edge(b, a) > 0 || borderSeen(a, b) || borderSeen(b, a);
    }

    private boolean borderSeen(String from, String to) {
        Acc a = cells.get(from);
        return a != null && a.edgePrb.containsKey(to);
    }

    /** Per-period mean PRBs of {@code from}'s border UEs towards {@code to}. */
    double edge(String from, String to) {
        Acc a = cells.get(from);
        if (a == null || a.ueReports == 0) return 0;
        return a.edgePrb.getOrDefault(to, 0.0) / a.ueReports;
    }

    /**
     * The model rows of every cell of {@code ids} (one row of {@link LbModel#INPUT_FEATURES} each,
     * written to {@code out} row-major) for the candidate CIO changes {@code change} (same order).
     */
    void features(List<String> ids, double[] change, float[] out) {
        int nf = LbModel.INPUT_FEATURES.size();
        int n = ids.size();
        for (int i = 0; i < n; i++) {
            Acc a = cells.get(ids.get(i));
            int o = i * nf;
            double wSum = 0;
            double nbrLoad = 0;
            double nbrCio = 0;
            double nbrChange = 0;
            double out0 = 0;
            double in0 = 0;
            double push = 0;
            double pull = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double eo = edge(ids.get(i), ids.get(j));
                double ei = edge(ids.get(j), ids.get(i));
                double w = eo + ei;
                if (w <= 0) continue;
                Acc b = cells.get(ids.get(j));
                wSum += w;
                nbrLoad += w * b.load / b.reports;
                nbrCio += w * b.cio;
                nbrChange += w * change[j];
                out0 += eo;
                in0 += ei;
                push += eo * (change[j] - change[i]);
                pull += ei * (change[i] - change[j]);
            }
            out[o] = (float) (a.load / a.reports);
            out[o + 1] = (float) (a.active / a.reports);
            out[o + 2] = (float) (a.cqi / a.reports);
            out[o + 3] = (float) a.cio;
            out[o + 4] = (float) change[i];
            out[o + 5] = (float) (wSum > 0 ? nbrLoad / wSum : a.load / a.reports);
            out[o + 6] = (float) (wSum > 0 ? nbrCio / wSum : 0);
            out[o + 7] = (float) (wSum > 0 ? nbrChange / wSum : 0);
            out[o + 8] = (float) out0;
            out[o + 9] = (float) in0;
            out[o + 10] = (float) push;
            out[o + 11] = (float) pull;
        }
    }
}
