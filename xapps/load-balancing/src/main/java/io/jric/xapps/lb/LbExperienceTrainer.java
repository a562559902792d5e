package io.jric.xapps.lb;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.TrainedModel;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the next load-balancing model from the RIC's two-cell experience rows (issue #15, item 3; called by the RIC's
 * retraining job through {@code ModelListener.trainModel}). Every row gives two training rows, the moved cell and its
 * peer ({@link LbScore#sides}): the model's 12 inputs as the planner scored them, and as targets what the grid observed
 * over the horizon, the cell's mean PRB load ({@code nextPrbUsedDlPct}) and its radio link failures
 * ({@code nextRlfCount}). Both heads are learned from the outcome; nothing is carried over from the parent (its
 * version is kept in the lineage): a new network of fixed architecture, MLP 12-32-32-2 ({@link #HIDDEN}, as the offline
 * {@link Trainer}'s), whatever the parent's. The rows are sorted by decision time, E2 node and cell
 * first, so the result depends on the rows, not on their order: deterministic for the rows and the seed.
 *
 * <p>The rows are the xApp's own moves only (cells whose offset changed, within its policy), a narrower spread of
 * offsets than the offline trainer's random exploration; see docs/ml-lifecycle.md for what that means.
 */
public final class LbExperienceTrainer {
    /** The trainer's name and version, kept in the lineage. */
    public static final String TRAINER = "load-balancing LbExperienceTrainer x1";
    /** Fewest usable cells (two per complete row) it trains on. */
    public static final int MIN_ROWS = 50;
    static final int EPOCHS = 40;
    static final int[] HIDDEN = {32, 32};

    private LbExperienceTrainer() {}

    /**
     * The usable cells of the rows as training rows (the model's inputs as scored; targets the observed load and RLFs),
     * the rows sorted by decision time, E2 node and cell first (the result does not depend on their order);
     * {@code skipped[0]} gets the cells without an observed outcome and both cells of a row that is not an offset move
     * (a layer move, {@link LbScore#isOffsetMove}: recorded, not trained on). Shared with {@link LbFederatedTrainer}.
     */
    static Dataset dataset(List<ExperienceSample> rows, long[] skipped) {
        List<ExperienceSample> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(ExperienceSample::timeMs).thenComparing(ExperienceSample::nodeId)
                .thenComparing(ExperienceSample::cellId));
        List<LbScore.Side> sides = LbScore.sides(sorted);
        int nf = LbModel.INPUT_FEATURES.size();
        Dataset d = new Dataset(nf, LbModel.OUTPUTS.size());
        skipped[0] = 2L * rows.size();
        for (LbScore.Side s : sides) {
            if (Double.isNaN(s.rlf())) continue;
            d.add(s.x(), new float[] {(float) s.load(), (float) s.rlf()});
            skipped[0]--;
        }
        return d;
    }

    /**
     * @throws IllegalArgumentException with fewer than {@link #MIN_ROWS} usable cells (an observed load)
     */
    public static TrainedModel train(ModelBundle parent, List<ExperienceSample> rows, long seed) throws java.io.IOException {
        long[] skippedOut = {0};
        Dataset d = dataset(rows, skippedOut);
        long skipped = skippedOut[0];
        if (d.size() < MIN_ROWS) {
            throw new IllegalArgumentException("rows: " + d.size() + " usable cells in " + rows.size() + " experience rows (expected: at least "
                    + MIN_ROWS + " with the model's inputs and outcome prbUsedDlPct and rlfCount; each two-cell row gives two)");
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(seed, EPOCHS, HIDDEN);
        MlpTrainer.Result r = MlpTrainer.train(d.shuffled(seed), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, LbModel.MODEL_NAME, "1", LbModel.INPUT_FEATURES, LbModel.OUTPUTS, spec,
                TRAINER, Map.of(), Map.of());
        double[] mse = MlpTrainer.mse(new Predictor(provisional), d);
        Map<String, Double> validation = new LinkedHashMap<>();
        validation.put("nextPrbUsedDlPct.trainMse", mse[0]);
        validation.put("nextRlfCount.trainMse", mse[1]);
        validation.put("trainRows", (double) d.size());
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("epochs", Integer.toString(EPOCHS));
        hyper.put("hidden", java.util.Arrays.toString(HIDDEN));
        hyper.put("targets", "nextPrbUsedDlPct, nextRlfCount: observed over the horizon, for the moved cell and its peer");
        hyper.put("parentVersion", parent.metadata().version());
        ModelBundle b = MlpTrainer.bundle(r, LbModel.MODEL_NAME, "1", LbModel.INPUT_FEATURES, LbModel.OUTPUTS, spec, TRAINER,
                validation, hyper);
        return new TrainedModel(b.toBytes(), TRAINER, hyper, validation, Map.of("usable", (long) d.size(), "skipped", skipped));
    }
}
