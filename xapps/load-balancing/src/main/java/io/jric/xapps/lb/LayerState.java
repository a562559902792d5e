package io.jric.xapps.lb;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.xapps.ml.HarmGuard;
import java.util.HashMap;
import java.util.Map;

/**
 * Who an offset towards the capacity layer would move, from the {@code cell-and-ue} reports of one decision period:
 * per coverage-layer cell, a histogram of its UEs by the headroom of their strongest reported capacity-layer cell
 * over the coverage layer's A4 threshold ({@code RSRP - a4ThresholdDbm}, 1 dB bins), as UE counts and as the PRBs
 * those UEs use, and the UEs reported per cell. Which neighbours a UE reports is the RAN's choice (any number, any
 * layer): a UE that reports no capacity-layer cell is counted on its cell but in no bin. Bounded: one fixed-size
 * histogram per cell of the plan's layers.
 */
final class LayerState {
    static final int MIN_DB = -40;
    static final int MAX_DB = 20;
    private static final int BINS = MAX_DB - MIN_DB + 1;

    private static final class Acc {
        int reports;
        double ues;
        final double[] count = new double[BINS];
        final double[] prb = new double[BINS];
    }

    private final LayerPlan plan;
    private final double a4ThresholdDbm;
    private final Map<String, Acc> cells = new HashMap<>();

    /**
     * @param plan           the carrier plan
     * @param a4ThresholdDbm the coverage layer's A4 threshold on the capacity layer's RSRP (plus offsets), as the RAN sets it
     */
    LayerState(LayerPlan plan, double a4ThresholdDbm) {
        if (!(a4ThresholdDbm >= -156 && a4ThresholdDbm <= -31)) {
            throw new IllegalArgumentException("a4ThresholdDbm: " + a4ThresholdDbm + " (expected -156..-31)");
        }
        this.plan = plan;
        this.a4ThresholdDbm = a4ThresholdDbm;
    }

    double a4ThresholdDbm() {
        return a4ThresholdDbm;
    }

    /** Adds one report. */
    void add(KpmReport r) {
        for (CellKpi c : r.cells()) {
            if (layer(c.cellId()) < 0) continue;
            cells.computeIfAbsent(c.cellId(), k -> new Acc()).reports++;
        }
        for (UeKpi u : r.ues()) {
            Acc a = cells.get(u.servingCellId());
            if (a == null) continue;
            a.ues++;
            if (layer(u.servingCellId()) != 0) continue;
            String[] ids = u.neighbourCellIds();
            float[] rsrp = u.neighbourRsrpDbm();
            if (ids == null || rsrp == null) continue;
            double best = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < Math.min(ids.length, rsrp.length); j++) {
                if (layer(ids[j]) == 1 && Float.isFinite(rsrp[j])) best = Math.max(best, rsrp[j]);
            }
            if (best == Double.NEGATIVE_INFINITY) continue;
            int bin = (int) Math.max(MIN_DB, Math.min(MAX_DB, Math.floor(best - a4ThresholdDbm))) - MIN_DB;
            a.count[bin]++;
            float p = u.prbUsedDl();
            a.prb[bin] += Float.isFinite(p) && p > 0 ? p : 0;
        }
    }

    /** The sector's harm events this period: what the {@link HarmGuard} counts on two layers. */
    static double harm(CellState state, UeReturns returns, String low, String high) {
        return state.rlf(low) + state.rlf(high) + returns.returnsBetweenLayers(low) + returns.returnsBetweenLayers(high);
    }

    /** The plan's layer of a reported cell id, -1 for one outside the plan or not of the form {@code <plmn>:<NCI hex>}. */
    private int layer(String cellId) {
        if (cellId == null || cellId.indexOf(':') < 0) return -1;
        try {
            return plan.layer(cellId);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Starts a new decision period. */
    void reset() {
        cells.clear();
    }

    /** Mean UEs per report of the coverage cell whose headroom plus {@code offsetDb} lies in (lo, hi] dB (bins by their lower edge). */
    private double sum(Acc a, double[] what, double offsetDb, double lo, double hi) {
        if (a == null || a.reports == 0) return 0;
        double s = 0;
        for (int b = 0; b < BINS; b++) {
            double h = MIN_DB + b + 0.5 + offsetDb;  // the bin's centre, with the offset
            if (h > lo && h <= hi) s += what[b];
        }
        return s / a.reports;
    }

    /**
     * The model row ({@link LayerModel#INPUT_FEATURES}) of sector {@code low}/{@code high} with the offset {@code offsetDb}
     * in force and the candidate change {@code stepDb}, written at {@code out[o..]}.
     */
    void features(CellState state, UeReturns returns, String low, String high, double offsetDb, double stepDb, float[] out, int o) {
        Acc a = cells.get(low);
        Acc b = cells.get(high);
        out[o] = (float) state.load(low);
        out[o + 1] = (float) state.load(high);
        out[o + 2] = (float) state.activeUes(low);
        out[o + 3] = (float) state.activeUes(high);
        out[o + 4] = (float) offsetDb;
        out[o + 5] = (float) stepDb;
        double inf = Double.POSITIVE_INFINITY;
        for (int m = 0; m < LayerModel.MARGINS_DB.length; m++) {
            double[] counts = a == null ? null : a.count;
            out[o + 6 + m] = (float) (counts == null ? 0 : sum(a, counts, offsetDb, -LayerModel.MARGINS_DB[m], inf));
        }
        int k = o + 6 + LayerModel.MARGINS_DB.length;
        // the step moves the UEs between the threshold and the threshold less the step: up, they start to qualify; down, they stop
        double sign = stepDb >= 0 ? 1 : -1;
        double lo = stepDb >= 0 ? -stepDb : 0;
        double hi = stepDb >= 0 ? 0 : -stepDb;
        out[k] = (float) (a == null || stepDb == 0 ? 0 : sign * sum(a, a.count, offsetDb, lo, hi));
        out[k + 1] = (float) (a == null || stepDb == 0 ? 0 : sign * sum(a, a.prb, offsetDb, lo, hi));
        out[k + 2] = (float) (a == null || a.reports == 0 ? 0 : a.ues / a.reports);
        out[k + 3] = (float) (b == null || b.reports == 0 ? 0 : b.ues / b.reports);
        out[k + 4] = (float) harm(state, returns, low, high);
    }
}
