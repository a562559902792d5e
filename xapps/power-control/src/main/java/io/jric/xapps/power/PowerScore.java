package io.jric.xapps.power;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelListener;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a power model's predictions match what the grid observed after the xApp's decisions: the
 * scorer of the validation gate (the descriptor's {@code models[].gate}, docs/ml-lifecycle.md).
 *
 * <p>Each experience row holds the cell's KPIs the xApp saw, the level it sent ({@code action.txPowerDbm})
 * and the outcome over the horizon. For the level sent the model predicts the cell's input power and its
 * throughput ratio; the observed input power is the outcome's {@code energyWh} over its samples (one per report
 * period, {@link #REPORT_PERIOD_MS}). In the simulator, as in the EARTH model it follows, that power is
 * {@code P0 + deltaP * Ptx(level) * load}: it depends on the action (the level) and on the cell's load, which the
 * features show. The metrics:
 * <ul>
 *   <li>{@code powerMaeW} (the gate's metric): mean |predicted − observed| input power, W. A model trained on
 *       shuffled outcomes predicts about its training data's mean power whatever the level and the load, so it is
 *       off wherever the cells run at levels other than the training's average (docs/ml-lifecycle.md has the
 *       figures); {@code powerBiasW} is the signed mean;</li>
 *   <li>{@code powerOrderError}: over the pairs of rows whose observed power differs by at least
 *       {@link #MIN_PAIR_GAP_W}, the share the model orders the other way (ties count half): 0 all in order, 0.5 no
 *       information. Reported, not deciding: where the observed power hardly varies (cells near their minimum
 *       level draw ~P0 whatever the load) few pairs carry information, and a model with no knowledge may still be
 *       monotone in the right direction by chance; over at most {@link #MAX_PAIR_ROWS} rows, evenly spaced;</li>
 *   <li>{@code throughputMaeMbps}: mean |T · ratio(sent)/ratio(current) − observed throughput|, T the throughput at
 *       the decision (reported; dominated by traffic changes, not deciding);</li>
 *   <li>{@code invalidOutputs}: rows whose predictions are NaN, infinite, a power outside
 *       [0, {@link #MAX_CELL_POWER_W}] W or a ratio outside [0, 2] (the outputs' bounds);</li>
 *   <li>{@code rows}, {@code pairs}: the rows scored and the pairs compared.</li>
 * </ul>
 * Rows without {@code energyWh}, samples or the level sent are skipped. Features the row lacks are 0, as for a KPI a
 * node does not report.
 */
public final class PowerScore {
    /** The KPM report period the xApp subscribes with (xapp.json): one outcome sample per period. */
    public static final long REPORT_PERIOD_MS = 1000;
    /** The largest input power a prediction may give for one cell (the simulator's macro cell draws at most ~320 W). */
    public static final double MAX_CELL_POWER_W = 2000;
    /** Pairs whose observed powers differ by less are not compared (their order is noise). */
    public static final double MIN_PAIR_GAP_W = 1.0;
    /** The most rows compared pairwise (n² pairs). */
    public static final int MAX_PAIR_ROWS = 3000;

    private PowerScore() {}

    /** The metrics of {@code p} on {@code rows}. */
    public static Map<String, Double> score(Predictor p, List<ExperienceSample> rows) {
        int f = PowerModel.INPUT_FEATURES.size();
        int k = PowerModel.KPI_FEATURES.size();
        List<ExperienceSample> used = new ArrayList<>();
        for (ExperienceSample r : rows) {
            Double level = r.action().get("txPowerDbm");
            Double energy = r.outcome().get("energyWh");
            if (level == null || energy == null || r.outcomeSamples() < 1 || !Double.isFinite(level) || !Double.isFinite(energy)) continue;
            used.add(r);
        }
        int n = used.size();
        float[] in = new float[2 * n * f];
        for (int i = 0; i < n; i++) {
            ExperienceSample r = used.get(i);
            double level = r.action().get("txPowerDbm");
            for (int j = 0; j < k; j++) {
                Double v = r.features().get(PowerModel.KPI_FEATURES.get(j));
                in[2 * i * f + j] = v == null ? 0f : v.floatValue();
            }
            System.arraycopy(in, 2 * i * f, in, (2 * i + 1) * f, k);
            in[2 * i * f + k] = (float) level;                                                                    // the level sent
            in[(2 * i + 1) * f + k] = (float) r.features().getOrDefault("txPowerDbm", level).doubleValue();      // the current one
        }
        float[] out = new float[2 * n * 2];
        if (n > 0) p.predictBatch(in, 2 * n, out);
        double powerErr = 0;
        double powerBias = 0;
        double thrErr = 0;
        int thrRows = 0;
        long invalid = 0;
        double hours = REPORT_PERIOD_MS / 3_600_000.0;
        double[] predicted = new double[n];
        double[] observed = new double[n];
        int scored = 0;
        for (int i = 0; i < n; i++) {
            ExperienceSample r = used.get(i);
            float ratio = out[4 * i];
            float watts = out[4 * i + 1];
            float ratioNow = out[4 * i + 2];
            if (!valid(ratio, watts) || !valid(ratioNow, out[4 * i + 3])) {
                invalid++;
                continue;
            }
            double observedW = r.outcome().get("energyWh") / (r.outcomeSamples() * hours);
            powerErr += Math.abs(watts - observedW);
            powerBias += watts - observedW;
            predicted[scored] = watts;
            observed[scored] = observedW;
            scored++;
            Double thr = r.outcome().get("throughputDlMbps");
            Double before = r.features().get("throughputDlMbps");
            if (thr != null && before != null && ratioNow > 1e-3) {
                thrErr += Math.abs(before * ratio / ratioNow - thr);
                thrRows++;
            }
        }
        Map<String, Double> m = new TreeMap<>();
        m.put("rows", (double) scored);
        m.put(ModelListener.INVALID_OUTPUTS, (double) invalid);
        m.put("powerMaeW", scored == 0 ? Double.NaN : powerErr / scored);
        m.put("powerBiasW", scored == 0 ? Double.NaN : powerBias / scored);
        m.put("throughputMaeMbps", thrRows == 0 ? Double.NaN : thrErr / thrRows);
        double[] order = orderError(predicted, observed, scored);
        m.put("powerOrderError", order[0]);
        m.put("pairs", order[1]);
        return m;
    }

    /**
     * The share of pairs (observed values at least {@link #MIN_PAIR_GAP_W} apart) that {@code predicted} orders the
     * other way, ties counting half, over at most {@link #MAX_PAIR_ROWS} of the first {@code n} rows, evenly spaced;
     * and the number of pairs. NaN without a pair.
     */
    static double[] orderError(double[] predicted, double[] observed, int n) {
        int m = Math.min(n, MAX_PAIR_ROWS);
        double[] p = new double[m];
        double[] o = new double[m];
        for (int i = 0; i < m; i++) {
            int src = (int) ((long) i * n / m);
            p[i] = predicted[src];
            o[i] = observed[src];
        }
        double wrong = 0;
        long pairs = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                double dObs = o[i] - o[j];
                if (Math.abs(dObs) < MIN_PAIR_GAP_W) continue;
                pairs++;
                double dPred = p[i] - p[j];
                if (dPred == 0) wrong += 0.5;
                else if ((dPred > 0) != (dObs > 0)) wrong += 1;
            }
        }
        return new double[] {pairs == 0 ? Double.NaN : wrong / pairs, pairs};
    }

    private static boolean valid(float ratio, float watts) {
        return Float.isFinite(ratio) && Float.isFinite(watts) && watts >= 0 && watts <= MAX_CELL_POWER_W && ratio >= 0 && ratio <= 2;
    }
}
