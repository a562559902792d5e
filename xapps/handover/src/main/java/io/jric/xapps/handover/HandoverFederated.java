package io.jric.xapps.handover;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.TrainedModel;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.FederatedMlp;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The handover xApp's share of federated retraining (issue #15, item 8; docs/ml-lifecycle.md, sections 10 and 14): the
 * RIC calls {@link #trainLocal} through {@code ModelListener.trainLocal} on every grid node that holds the xApp's
 * {@code ue}-scope rows, averages the parameters by row count, and calls {@link #model} once. Rows and targets as the
 * central trainer's ({@link HandoverExperience#dataset}: the observed SINR gain, the parent's ping-pong risk distilled);
 * every node fine-tunes the round's averaged parameters with the parent's normalisation, so that the averages mean
 * something. Deterministic for the rows, the parent, the parameters, the seed and the round.
 */
final class HandoverFederated {
    /** The trainer's name and version, kept in the lineage. */
    static final String TRAINER = "handover HandoverFederated f1";

    private HandoverFederated() {}

    /** One node's round: the parent's network with {@code global} (null: the parent's own), {@code epochs} passes over its rows. */
    static LocalUpdate trainLocal(ModelBundle parent, float[] global, java.util.List<ExperienceSample> rows, long seed, int round,
                                  int epochs) {
        long[] skipped = {0};
        Dataset d = HandoverExperience.dataset(parent, rows, skipped);
        MultiLayerNetwork net = FederatedMlp.start(parent, global);
        if (d.size() == 0) return new LocalUpdate(FederatedMlp.params(net), 0, Map.of("skipped", (double) skipped[0]));
        FederatedMlp.fit(net, parent.metadata(), d, seed * 1_000_003L + round, epochs);
        float[] params = FederatedMlp.params(net);
        double[] mse = MlpTrainer.mse(new Predictor(FederatedMlp.bundle(parent, params, TRAINER, seed, Map.of(), Map.of())), d);
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("futureSinrGainDb.trainMse", mse[0]);
        figures.put("pingPongRiskDelta.trainMse", mse[1]);
        figures.put("skipped", (double) skipped[0]);
        return new LocalUpdate(params, d.size(), figures);
    }

    /** The version of the averaged parameters, refused with fewer than {@link HandoverExperience#MIN_ROWS} rows over all nodes. */
    static TrainedModel model(ModelBundle parent, float[] params, Map<String, Double> validation, Map<String, Long> rows, long seed)
            throws java.io.IOException {
        long usable = rows.getOrDefault("usable", 0L);
        if (usable < HandoverExperience.MIN_ROWS) {
            throw new IllegalArgumentException("rows: " + usable + " labelled experience rows over all grid nodes (expected: at least "
                    + HandoverExperience.MIN_ROWS + " whose outcome has the neighbour's SINR, ue.targetReports >= 1)");
        }
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("targets", "futureSinrGainDb: observed (ue.targetSinrDb against ue.sinrDb, or ue.cellSinrDb when handed over);"
                + " pingPongRiskDelta: the parent's (distilled)");
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
