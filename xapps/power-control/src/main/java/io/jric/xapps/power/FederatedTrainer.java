package io.jric.xapps.power;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.TrainedModel;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.FederatedMlp;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Power control's share of federated retraining (issue #15, item 8; the RIC calls it through
 * {@code ModelListener.trainLocal} on every grid node that holds experience rows, and {@code federatedModel} once).
 * Rows and targets as {@link ExperienceTrainer}'s: the cell's KPIs and the level sent in; the input power the grid
 * observed ({@code cellPowerW}, learned) and the parent's served-throughput ratio (distilled, not learned) out. Unlike
 * it, each node fine-tunes the parent's network (the round's averaged parameters) with the parent's normalisation,
 * so that the nodes' parameters can be averaged. Deterministic for the rows, the parent, the parameters, the seed and
 * the round.
 */
public final class FederatedTrainer {
    /** The trainer's name and version, kept in the lineage. */
    public static final String TRAINER = "power-control FederatedTrainer f1";
    /** Fewest usable rows over all nodes (the RIC's job checks the sum; a node with fewer still contributes). */
    public static final int MIN_ROWS = ExperienceTrainer.MIN_ROWS;

    private FederatedTrainer() {}

    /** The usable rows as a data set (inputs; targets: the parent's ratio, the observed power), and how many were skipped. */
    static Dataset dataset(ModelBundle parent, List<ExperienceSample> rows, long[] skipped) {
        int f = PowerModel.INPUT_FEATURES.size();
        int k = PowerModel.KPI_FEATURES.size();
        List<float[]> x = new ArrayList<>();
        List<Float> watts = new ArrayList<>();
        double hours = PowerScore.REPORT_PERIOD_MS / 3_600_000.0;
        for (ExperienceSample r : rows) {
            Double level = r.action().get("txPowerDbm");
            Double energy = r.outcome().get("energyWh");
            if (level == null || energy == null || r.outcomeSamples() < 1 || !Double.isFinite(level) || !Double.isFinite(energy)) {
                skipped[0]++;
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
        Dataset d = new Dataset(f, 2);
        if (n == 0) return d;
        float[] batch = new float[n * f];
        for (int i = 0; i < n; i++) System.arraycopy(x.get(i), 0, batch, i * f, f);
        float[] parentOut = new float[n * 2];
        new Predictor(parent).predictBatch(batch, n, parentOut);
        for (int i = 0; i < n; i++) d.add(x.get(i), new float[] {parentOut[2 * i], watts.get(i)});
        return d;
    }

    /**
     * One node's round: the parent's network with {@code global} (null: the parent's own parameters), trained
     * {@code epochs} passes over this node's usable rows.
     */
    public static LocalUpdate trainLocal(ModelBundle parent, float[] global, List<ExperienceSample> rows, long seed, int round, int epochs) {
        long[] skipped = {0};
        Dataset d = dataset(parent, rows, skipped);
        MultiLayerNetwork net = FederatedMlp.start(parent, global);
        if (d.size() == 0) return new LocalUpdate(FederatedMlp.params(net), 0, Map.of("skipped", (double) skipped[0]));
        FederatedMlp.fit(net, parent.metadata(), d, seed * 1_000_003L + round, epochs);
        float[] params = FederatedMlp.params(net);
        double[] mse = MlpTrainer.mse(new Predictor(FederatedMlp.bundle(parent, params, TRAINER, seed, Map.of(), Map.of())), d);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("servedThroughputRatio.trainMse", mse[0]);
        figures.put("cellPowerW.trainMse", mse[1]);
        figures.put("skipped", (double) skipped[0]);
        return new LocalUpdate(params, d.size(), figures);
    }

    /** The version of the averaged parameters. */
    public static TrainedModel model(ModelBundle parent, float[] params, Map<String, Double> validation, Map<String, Long> rows, long seed)
            throws java.io.IOException {
        long usable = rows.getOrDefault("usable", 0L);
        if (usable < MIN_ROWS) {
            throw new IllegalArgumentException("rows: " + usable + " usable experience rows over all grid nodes (expected: at least "
                    + MIN_ROWS + " with action.txPowerDbm, outcome energyWh and samples)");
        }
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("targets", "cellPowerW: observed; servedThroughputRatio: the parent's (distilled)");
        hyper.put("start", "the parent's network and normalisation (fine-tuned on every node)");
        hyper.put("parentVersion", parent.metadata().version());
        Map<String, Double> figures = new LinkedHashMap<>();
        validation.forEach((k, v) -> {
            if (!k.equals("skipped")) figures.put(k, v);
        });
        Map<String, String> extra = new LinkedHashMap<>(hyper);
        ModelBundle b = FederatedMlp.bundle(parent, params, TRAINER, seed, figures, extra);
        return new TrainedModel(b.toBytes(), TRAINER, hyper, figures, Map.of());
    }
}
