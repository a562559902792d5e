package io.jric.xapps.lb;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.TrainedModel;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.FederatedMlp;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The load-balancing xApp's share of federated retraining (issue #15, item 8; docs/ml-lifecycle.md, section 10: the
 * RIC calls it through {@code ModelListener.trainLocal} on every grid node that holds two-cell experience rows, and
 * {@code federatedModel} once). Rows and targets as {@link LbExperienceTrainer}'s (two cells per row, the model's
 * inputs as the planner scored them; the observed next-period load and RLFs, both learned), but each node fine-tunes
 * the parent's network (the round's averaged parameters) with the parent's normalisation ({@link FederatedMlp}), so
 * that the nodes' parameters can be averaged. Deterministic for the rows (in any order), the parent, the parameters,
 * the seed and the round.
 */
public final class LbFederatedTrainer {
    /** The trainer's name and version, kept in the lineage. */
    public static final String TRAINER = "load-balancing LbFederatedTrainer f1";
    /** Fewest usable cells over all nodes (the job's sum; a node with fewer still contributes). */
    public static final int MIN_ROWS = LbExperienceTrainer.MIN_ROWS;

    private LbFederatedTrainer() {}

    /**
     * One node's round: the parent's network with {@code global} (null: the parent's own parameters), trained
     * {@code epochs} passes over this node's usable cells. The update's row count (its weight in the average) is the
     * usable cells, two per complete row.
     */
    public static LocalUpdate trainLocal(ModelBundle parent, float[] global, List<ExperienceSample> rows, long seed, int round,
                                         int epochs) {
        long[] skipped = {0};
        Dataset d = LbExperienceTrainer.dataset(rows, skipped);
        MultiLayerNetwork net = FederatedMlp.start(parent, global);
        if (d.size() == 0) return new LocalUpdate(FederatedMlp.params(net), 0, Map.of("skipped", (double) skipped[0]));
        FederatedMlp.fit(net, parent.metadata(), d, seed * 1_000_003L + round, epochs);
        float[] params = FederatedMlp.params(net);
        double[] mse = MlpTrainer.mse(new Predictor(FederatedMlp.bundle(parent, params, TRAINER, seed, Map.of(), Map.of())), d);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("nextPrbUsedDlPct.trainMse", mse[0]);
        figures.put("nextRlfCount.trainMse", mse[1]);
        figures.put("skipped", (double) skipped[0]);
        return new LocalUpdate(params, d.size(), figures);
    }

    /**
     * The version of the averaged parameters: the parent's architecture, normalisation and drift reference.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_ROWS} usable cells over all nodes
     */
    public static TrainedModel model(ModelBundle parent, float[] params, Map<String, Double> validation, Map<String, Long> rows, long seed)
            throws java.io.IOException {
        long usable = rows.getOrDefault("usable", 0L);
        if (usable < MIN_ROWS) {
            throw new IllegalArgumentException("rows: " + usable + " usable cells over all grid nodes (expected: at least " + MIN_ROWS
                    + " with the model's inputs and outcome prbUsedDlPct and rlfCount; each two-cell row gives two)");
        }
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("targets", "nextPrbUsedDlPct, nextRlfCount: observed over the horizon, for the moved cell and its peer");
        hyper.put("start", "the parent's network and normalisation (fine-tuned on every node)");
        hyper.put("parentVersion", parent.metadata().version());
        Map<String, Double> figures = new LinkedHashMap<>();
        validation.forEach((k, v) -> {
            if (!k.equals("skipped")) figures.put(k, v);
        });
        ModelBundle b = FederatedMlp.bundle(parent, params, TRAINER, seed, figures, hyper);
        return new TrainedModel(b.toBytes(), TRAINER, hyper, figures, Map.of());
    }
}
