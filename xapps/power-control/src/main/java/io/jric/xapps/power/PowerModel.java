package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.xapps.ml.KpiFeatures;
import io.jric.xapps.ml.Predictor;
import java.util.Collection;
import java.util.List;

/**
 * The decision rule around the network. The model (DL4J MLP, 7 inputs, 2 outputs) predicts, for a
 * cell in the state its last KPM report shows and a candidate Tx power that the cell and its
 * neighbours move to together, (1) the ratio of the throughput its UEs get to what they would get
 * with every cell at maximum power, and (2) the cell's input power in W.
 *
 * <p>The xApp moves the controlled cells together to one level (see the README for why per-cell
 * levels lose: a cell below its neighbours shrinks, its edge UEs hand over and get less). For every
 * candidate level {@code L} of the policy's range (1 dB grid) it sums over the controlled cells:
 * <pre>
 *   watts(L) = sum_c W_c(L)                    thr(L) = sum_c T_c * ratio_c(L)   (T_c: reported throughput)
 *   loss(L)  = 1 - thr(L) / thr(Lmax)          (relative to the model's own max-power prediction)
 *   cost(L)  = w * watts(L) / watts(Lmax) + (1 - w) * loss(L)
 * </pre>
 * and picks the cheapest level with {@code loss(L) <= maxThroughputLossPct}, moving at most
 * {@code maxStepDb} per report period. With no feasible level it returns {@code Lmax}.
 */
public final class PowerModel {
    /** The model's name in the descriptor. */
    public static final String MODEL_NAME = "power-mlp";
    /** KPM features, in model order; the candidate power follows them. */
    public static final List<String> KPI_FEATURES =
            List.of("prbUsedDlPct", "throughputDlMbps", "activeUes", "avgCqi", "avgSinrDb", "txPowerDbm");
    /** All input features, as in the descriptor. */
    public static final List<String> INPUT_FEATURES;
    /** Outputs. */
    public static final List<String> OUTPUTS = List.of("servedThroughputRatio", "cellPowerW");

    static {
        java.util.ArrayList<String> all = new java.util.ArrayList<>(KPI_FEATURES);
        all.add("candidateTxPowerDbm");
        INPUT_FEATURES = List.copyOf(all);
    }

    private static final int F = 7;
    private static final KpiFeatures.Extractor EXTRACT = KpiFeatures.extractor(KPI_FEATURES);
    private float[] rows = new float[64 * F];
    private float[] out = new float[64 * 2];

    /** The feature row of a cell state and candidate power into {@code row[off..off+7)}. */
    public static void features(CellKpi kpi, double candidateDbm, float[] row, int off) {
        EXTRACT.extract(kpi, row, off);
        row[off + KPI_FEATURES.size()] = (float) candidateDbm;
    }

    /** The predicted network view of one candidate level. */
    public record LevelEstimate(double levelDbm, double watts, double throughput, double lossPct, double cost) {}

    /**
     * The level to move the controlled cells to from {@code currentLevel} (their current common power).
     * Not thread-safe (reuses buffers).
     */
    public double decideLevel(Predictor p, PowerPolicy policy, Collection<CellKpi> cells, double currentLevel) {
        if (cells.isEmpty()) return currentLevel;
        double best = bestLevel(p, policy, cells);
        double max = policy.maxTxPowerDbm();
        double min = Math.min(policy.minTxPowerDbm(), max);
        if (currentLevel > max) return max;  // the policy's maximum is enforced at once
        double step = policy.maxStepDb();
        double target = Math.max(currentLevel - step, Math.min(currentLevel + step, best));
        return Math.max(min, Math.min(max, Math.round(target * 2) / 2.0));
    }

    /**
     * The cheapest candidate level for the cells within the policy's loss bound (the policy's maximum when none is,
     * or when there are no cells), before the step limit. Not thread-safe (reuses buffers).
     */
    public double bestLevel(Predictor p, PowerPolicy policy, Collection<CellKpi> cells) {
        LevelEstimate[] est = estimate(p, policy, cells);
        if (est.length == 0) return policy.maxTxPowerDbm();
        double best = est[0].levelDbm();
        double bestCost = est[0].cost();
        for (int i = 1; i < est.length; i++) {
            if (est[i].lossPct() > policy.maxThroughputLossPct()) continue;
            if (est[i].cost() < bestCost - 1e-6) {
                bestCost = est[i].cost();
                best = est[i].levelDbm();
            }
        }
        return best;
    }

    /** Predicted watts, throughput, loss and cost of every candidate level, highest level first. */
    public LevelEstimate[] estimate(Predictor p, PowerPolicy policy, Collection<CellKpi> cells) {
        double max = policy.maxTxPowerDbm();
        double min = Math.min(policy.minTxPowerDbm(), max);
        int levels = (int) Math.floor(max - min) + 1;
        int n = cells.size();
        if (n == 0) return new LevelEstimate[0];
        if (rows.length < levels * n * F) {
            rows = new float[levels * n * F];
            out = new float[levels * n * 2];
        }
        int r = 0;
        for (int i = 0; i < levels; i++) {
            for (CellKpi c : cells) features(c, max - i, rows, F * r++);
        }
        p.predictBatch(rows, levels * n, out);
        double[] watts = new double[levels];
        double[] thr = new double[levels];
        r = 0;
        for (int i = 0; i < levels; i++) {
            for (CellKpi c : cells) {
                thr[i] += Math.max(0.1, c.throughputDlMbps()) * out[2 * r];
                watts[i] += out[2 * r + 1];
                r++;
            }
        }
        double w = policy.energyWeight();
        LevelEstimate[] est = new LevelEstimate[levels];
        for (int i = 0; i < levels; i++) {
            double loss = Math.max(0, 1 - thr[i] / Math.max(1e-6, thr[0]));
            double cost = w * watts[i] / Math.max(1e-6, watts[0]) + (1 - w) * loss;
            est[i] = new LevelEstimate(max - i, watts[i], thr[i], 100 * loss, cost);
        }
        return est;
    }
}
