package io.jric.xapps.power;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.TrainedModel;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the next power model from the RIC's experience rows (issue #15, item 3; called by the RIC's retraining job
 * through {@code ModelListener.trainModel}). Inputs as the model's: the cell's KPIs at the decision and the level
 * sent ({@code action.txPowerDbm}) as the candidate. Targets:
 * <ul>
 *   <li>{@code cellPowerW}: the input power the grid observed over the horizon (outcome {@code energyWh} over its
 *       samples): learned from the experience;</li>
 *   <li>{@code servedThroughputRatio}: the parent version's prediction for the same row. The ratio compares with
 *       every cell at maximum power, which the grid never observes (the offline {@link Trainer} simulates that
 *       counterfactual), so this head is carried over from the parent (distilled), not learned from the outcome.</li>
 * </ul>
 * Deterministic for the rows, the parent and the seed (same network, same bytes).
 */
public final class ExperienceTrainer {
    /** The trainer's name and version, kept in the lineage. */
    public static final String TRAINER = "power-control ExperienceTrainer e1";
    /** Fewest usable rows it trains on. */
    public static final int MIN_ROWS = 50;
    static final int EPOCHS = 30;
    static final int[] HIDDEN = {32, 32};

    private ExperienceTrainer() {}

    /**
     * @throws IllegalArgumentException with fewer than {@link #MIN_ROWS} usable rows (the level sent, energy and samples)
     */
    public static TrainedModel train(ModelBundle parent, List<ExperienceSample> rows, long seed) throws java.io.IOException {
        int f = PowerModel.INPUT_FEATURES.size();
        int k = PowerModel.KPI_FEATURES.size();
        List<float[]> x = new ArrayList<>();
        List<Float> watts = new ArrayList<>();
        double hours = PowerScore.REPORT_PERIOD_MS / 3_600_000.0;
        long skipped = 0;
        for (ExperienceSample r : rows) {
            Double level = r.action().get("txPowerDbm");
            Double energy = r.outcome().get("energyWh");
            if (level == null || energy == null || r.outcomeSamples() < 1 || !Double.isFinite(level) || !Double.isFinite(energy)) {
                skipped++;
                continue;
            }
            float[] in = new float[f];
            for (int j = 0; j < k; j++) {
                Double v = r.features().get(PowerModel.KPI_FEATURES.get(j));
                in[j] = v == null ? 0f : v.floatValue();
            }
            in[k] = level.floatValue();
            x.add(in);
            watts.add((float) (energy / (r.outcomeSamples() * hours)));
        }
        int n = x.size();
        if (n < MIN_ROWS) {
            throw new IllegalArgumentException("rows: " + n + " usable experience rows (expected: at least " + MIN_ROWS
                    + " with action.txPowerDbm, outcome energyWh and samples)");
        }
        float[] batch = new float[n * f];
        for (int i = 0; i < n; i++) System.arraycopy(x.get(i), 0, batch, i * f, f);
        float[] parentOut = new float[n * 2];
        new Predictor(parent).predictBatch(batch, n, parentOut);
        Dataset d = new Dataset(f, 2);
        for (int i = 0; i < n; i++) d.add(x.get(i), new float[] {parentOut[2 * i], watts.get(i)});
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(seed, EPOCHS, HIDDEN);
        MlpTrainer.Result r = MlpTrainer.train(d.shuffled(seed), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS,
                spec, TRAINER, Map.of(), Map.of());
        double[] mse = MlpTrainer.mse(new Predictor(provisional), d);
        Map<String, Double> validation = new LinkedHashMap<>();
        validation.put("servedThroughputRatio.trainMse", mse[0]);
        validation.put("cellPowerW.trainMse", mse[1]);
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("epochs", Integer.toString(EPOCHS));
        hyper.put("hidden", java.util.Arrays.toString(HIDDEN));
        hyper.put("targets", "cellPowerW: observed; servedThroughputRatio: the parent's (distilled)");
        hyper.put("parentVersion", parent.metadata().version());
        ModelBundle b = MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS, spec, TRAINER,
                validation, hyper);
        return new TrainedModel(b.toBytes(), TRAINER, hyper, validation, Map.of("usable", (long) n, "skipped", skipped));
    }
}
