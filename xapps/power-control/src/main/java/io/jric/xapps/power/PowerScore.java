package io.jric.xapps.power;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelListener;
import io.jric.xapps.ml.Predictor;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a power model's predictions match what the grid observed after the xApp's decisions: the
 * scorer of the validation gate (the descriptor's {@code models[].gate}, docs/ml-lifecycle.md).
 *
 * <p>Each experience row holds the cell's KPIs the xApp saw, the level it chose ({@code action.txPowerDbm})
 * and the outcome over the horizon. For the recorded action the model predicts the cell's input power
 * and its throughput ratio; the metrics compare these with the outcome:
 * <ul>
 *   <li>{@code powerMaeW}: mean |predicted cellPowerW at the chosen level - observed mean input power|, the
 *       observed power being the outcome's {@code energyWh} over its samples (one per report period,
 *       {@link #REPORT_PERIOD_MS}: the descriptor's KPM subscription);</li>
 *   <li>{@code throughputMaeMbps}: mean |T * ratio(chosen) / ratio(current) - observed throughput|, T being the
 *       throughput the cell reported at the decision (the model's ratio is relative to full power, so the
 *       ratio of the two levels scales what the cell had to what it gets; noisier: traffic changes too);</li>
 *   <li>{@code invalidOutputs}: predictions that are NaN, infinite, a negative power or a ratio outside [0, 2].</li>
 * </ul>
 * The descriptor's gate decides on {@code powerMaeW}: the energy side of the trade-off the xApp makes, and
 * the one the outcome observes directly. Rows without {@code energyWh} or samples, or without the
 * chosen level, are skipped ({@code rows} says how many were scored).
 */
public final class PowerScore {
    /** The KPM report period the xApp subscribes with (xapp.json): one outcome sample per period. */
    public static final long REPORT_PERIOD_MS = 1000;

    private PowerScore() {}

    /** The metrics of {@code p} on {@code rows}. */
    public static Map<String, Double> score(Predictor p, List<ExperienceSample> rows) {
        int f = PowerModel.INPUT_FEATURES.size();
        int k = PowerModel.KPI_FEATURES.size();
        float[] in = new float[2 * rows.size() * f];
        int n = 0;
        List<ExperienceSample> used = new java.util.ArrayList<>();
        for (ExperienceSample r : rows) {
            Double level = r.action().get("txPowerDbm");
            Double energy = r.outcome().get("energyWh");
            if (level == null || energy == null || r.outcomeSamples() < 1) continue;
            for (int j = 0; j < k; j++) {
                Double v = r.features().get(PowerModel.KPI_FEATURES.get(j));
                in[2 * n * f + j] = v == null ? 0f : v.floatValue();
            }
            System.arraycopy(in, 2 * n * f, in, (2 * n + 1) * f, k);
            in[2 * n * f + k] = level.floatValue();                                         // the chosen level
            in[(2 * n + 1) * f + k] = (float) r.features().getOrDefault("txPowerDbm", level).doubleValue();  // the current one
            used.add(r);
            n++;
        }
        float[] out = new float[2 * n * 2];
        if (n > 0) p.predictBatch(in, 2 * n, out);
        double powerErr = 0;
        double thrErr = 0;
        int thrRows = 0;
        long invalid = 0;
        double hours = REPORT_PERIOD_MS / 3_600_000.0;
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
            Double thr = r.outcome().get("throughputDlMbps");
            Double before = r.features().get("throughputDlMbps");
            if (thr != null && before != null && ratioNow > 1e-3) {
                thrErr += Math.abs(before * ratio / ratioNow - thr);
                thrRows++;
            }
        }
        Map<String, Double> m = new TreeMap<>();
        long scored = n - invalid;
        m.put("rows", (double) scored);
        m.put(ModelListener.INVALID_OUTPUTS, (double) invalid);
        m.put("powerMaeW", scored == 0 ? Double.NaN : powerErr / scored);
        m.put("throughputMaeMbps", thrRows == 0 ? Double.NaN : thrErr / thrRows);
        return m;
    }

    private static boolean valid(float ratio, float watts) {
        return Float.isFinite(ratio) && Float.isFinite(watts) && watts >= 0 && ratio >= 0 && ratio <= 2;
    }
}
