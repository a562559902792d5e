package io.jric.xapps.lb;

import io.jric.xapps.ml.Predictor;
import java.util.List;

/**
 * Chooses CIO changes with the model: greedy coordinate descent over "one cell one step up or down",
 * up to the policy's number of changes, each time taking the change that most lowers
 * {@code J = sum over cells of max(0, predicted load - target) + rlfCost * predicted RLFs + cioCost * sum of |CIO|};
 * stops when
 * no change lowers it. Every candidate is scored by predicting every cell's next-period load.
 */
final class Planner {
    private Planner() {}

    /** The chosen change per cell of {@code ids} (dB, 0 = none). */
    static double[] plan(Predictor p, CellState state, List<String> ids, LbPolicy pol) {
        int n = ids.size();
        int nf = LbModel.INPUT_FEATURES.size();
        double[] change = new double[n];
        double[] cio = new double[n];
        for (int i = 0; i < n; i++) cio[i] = state.cio(ids.get(i));
        float[] x = new float[n * nf];
        float[] y = new float[2 * n];
        double best = cost(p, state, ids, pol, change, cio, x, y);
        for (int it = 0; it < pol.maxChangesPerPeriod(); it++) {
            int bi = -1;
            double bd = 0;
            double bj = best;
            for (int i = 0; i < n; i++) {
                if (change[i] != 0 || pol.excludedCells().contains(ids.get(i))) continue;
                for (double d : new double[] {-pol.cioStepDb(), pol.cioStepDb()}) {
                    double next = Math.max(pol.cioMinDb(), Math.min(pol.cioMaxDb(), cio[i] + d));
                    if (next == cio[i]) continue;
                    change[i] = next - cio[i];
                    double j = cost(p, state, ids, pol, change, cio, x, y);
                    change[i] = 0;
                    if (j < bj - 1e-3) {
                        bj = j;
                        bi = i;
                        bd = next - cio[i];
                    }
                }
            }
            if (bi < 0) break;
            change[bi] = bd;
            best = bj;
        }
        return change;
    }

    static double cost(Predictor p, CellState state, List<String> ids, LbPolicy pol, double[] change, double[] cio,
                       float[] x, float[] y) {
        state.features(ids, change, x);
        p.predictBatch(x, ids.size(), y);
        double j = 0;
        for (int i = 0; i < ids.size(); i++) {
            j += Math.max(0, y[2 * i] - pol.targetMaxPrbLoadPct());
            j += pol.rlfCostPct() * Math.max(0, y[2 * i + 1]);
            j += pol.cioCostPctPerDb() * Math.abs(cio[i] + change[i]);
        }
        return j;
    }
}
