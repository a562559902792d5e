package io.jric.xapps.lb;

import java.util.List;

/**
 * The learned two-layer step choice (issue #16): per sector, the candidates are the coverage cell's offset towards the
 * capacity layer one {@link LbPolicy#layerStepDb()} down, held, or one step up (within 0..{@link LbPolicy#layerOffsetMaxDb()});
 * the model predicts for each both cells' next-period mean PRB load and the sector's harm events, and the step chosen
 * minimises
 * {@code J = max(0, low - layerUpPct) + max(0, high - layerUpPct) + rlfCostPct * harm} (the RLF price of the one-layer
 * {@link Planner}; the load target is the policy's {@code layerUpPct}, the mean load above which a sector's cells spend
 * many seconds full with bursty traffic). The offset itself is not priced (unlike a CIO on one layer, whose price stands
 * in for harm the CIO model does not see): the harm it may cause is predicted, and the A5-threshold pairing keeps the
 * RAN's gap against ping-pong (measured with a price of 0.5 per dB, the steering moved less load at both demands:
 * docs/evaluation.md). A move must lower J by more than {@link #MIN_GAIN} over holding, else the offset is held.
 */
final class LayerPlanner {
    /** What a step must gain over holding (in J's units: percent of PRB load above the target). */
    static final double MIN_GAIN = 0.5;

    private LayerPlanner() {}

    /**
     * The next offset per sector.
     *
     * @param model   the model
     * @param state   the cells over the period
     * @param layers  who the offset would move
     * @param returns the returns to the previous cell this period
     * @param sectors per sector {coverage cell, capacity cell}
     * @param now     per sector the offset in force
     * @param pol     the policy
     */
    static double[] choose(LayerModel.Inference model, CellState state, LayerState layers, UeReturns returns, List<String[]> sectors,
                           double[] now, LbPolicy pol) {
        int n = sectors.size();
        int nf = LayerModel.INPUT_FEATURES.size();
        int no = LayerModel.OUTPUTS.size();
        double[] next = now.clone();
        if (n == 0) return next;
        double[][] steps = new double[n][];
        int rows = 0;
        for (int i = 0; i < n; i++) {
            steps[i] = candidates(now[i], pol);
            rows += steps[i].length;
        }
        float[] x = new float[rows * nf];
        float[] y = new float[rows * no];
        int r = 0;
        for (int i = 0; i < n; i++) {
            for (double s : steps[i]) layers.features(state, returns, sectors.get(i)[0], sectors.get(i)[1], now[i], s, x, nf * r++);
        }
        model.predict(x, rows, y);
        r = 0;
        for (int i = 0; i < n; i++) {
            double hold = Double.NaN;
            double best = Double.POSITIVE_INFINITY;
            double bestStep = 0;
            for (double s : steps[i]) {
                double j = cost(y, no * r++, pol);
                if (s == 0) hold = j;
                if (j < best) {
                    best = j;
                    bestStep = s;
                }
            }
            if (bestStep != 0 && best < hold - MIN_GAIN) next[i] = now[i] + bestStep;
        }
        return next;
    }

    /** Hold first, then one step down and one step up where the range allows. */
    static double[] candidates(double now, LbPolicy pol) {
        double down = Math.max(0, now - pol.layerStepDb());
        double up = Math.min(pol.layerOffsetMaxDb(), now + pol.layerStepDb());
        if (now > pol.layerOffsetMaxDb()) up = pol.layerOffsetMaxDb();  // a policy change narrowed the range
        java.util.List<Double> c = new java.util.ArrayList<>(List.of(0.0));
        if (down < now) c.add(down - now);
        if (up > now) c.add(up - now);
        double[] out = new double[c.size()];
        for (int k = 0; k < out.length; k++) out[k] = c.get(k);
        return out;
    }

    /** J of one prediction row at {@code y[o..]}. */
    static double cost(float[] y, int o, LbPolicy pol) {
        return Math.max(0, y[o] - pol.layerUpPct()) + Math.max(0, y[o + 1] - pol.layerUpPct())
                + pol.rlfCostPct() * Math.max(0, y[o + 2]);
    }
}
