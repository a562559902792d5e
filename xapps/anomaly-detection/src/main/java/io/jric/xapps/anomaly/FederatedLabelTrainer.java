package io.jric.xapps.anomaly;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.TrainedModel;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.FederatedMlp;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The anomaly detector's share of federated retraining (issue #15, item 8; docs/ml-lifecycle.md, sections 10 and 15):
 * the RIC calls {@link #trainLocal} through {@code ModelListener.trainLocal} on every grid node that holds experience
 * rows, each round, and {@link #model} once through {@code federatedModel}. Rows, targets and weights as
 * {@link LabelTrainer}'s (the rows with a truth; confirmed: fault, the classes as the parent spreads them; rejected and
 * unlabelled normal: NORMAL; each labelled row {@value LabelTrainer#LABEL_REPEAT} times); each node fine-tunes the
 * round's averaged parameters (the parent's in round 1) with the parent's normalisation, {@code epochs} passes, order
 * drawn from {@code seed * 1,000,003 + round}. Deterministic for the rows, the parent, the parameters, the seed and the
 * round. A node's weight in the average is its rows with a truth and the model's inputs.
 *
 * <p><b>Calibration without rows leaving the nodes.</b> {@link LabelTrainer} picks the threshold on the raw P(fault)
 * with the best F1 over the training rows; no node holds them all. So each node, before it trains in a round, counts on
 * its own rows, for every candidate threshold ({@link LabelTrainer#THRESHOLDS}), the true positives, false positives
 * and false negatives of the round's <em>starting</em> parameters: the average of the previous round. It answers them
 * with its update as figures divided by its weight ({@code calibration.<threshold>.tp|fp|fn}); the RIC's row-weighted
 * mean of a figure is then the sum of the counts over the nodes divided by the total weight, which the RIC passes as
 * {@code rows.usable}: {@link #model} multiplies back and rounds, and so has the exact sums (the figures' rounding
 * error is below 1e-9 of a count). The same for the row counts ({@code labelled}, {@code confirmed}, ...). The threshold
 * is the one with the best F1 of the summed counts, ties to the one nearest 0.5, stored as {@code faultLogitBias}. The
 * counts come with the last round's updates, so they are of the average of the round before the last, not of the
 * version (the average of the last round, which no node has seen): the calibration is one round stale (with one round,
 * it is the parent's network's). The gate then scores the version itself, with that threshold, on held-out rows.
 */
public final class FederatedLabelTrainer {
    /** The trainer's name and version, kept in the lineage. */
    public static final String TRAINER = "anomaly-detection FederatedLabelTrainer fl1";
    /** Prefix of the calibration counts among a node's figures. */
    static final String CALIBRATION = "calibration.";
    /** The row counts among a node's figures (each divided by the node's weight). */
    static final List<String> COUNTS = List.of("labelled", "confirmed", "rejected", "faultRows", "normalRows", "skippedUnlabelledAlarms",
            "skippedNoInputs");

    private FederatedLabelTrainer() {}

    /** The figure name of a threshold's count ({@code tp}, {@code fp} or {@code fn}). */
    static String figure(double threshold, String count) {
        return String.format(Locale.ROOT, "%s%.2f.%s", CALIBRATION, threshold, count);
    }

    /**
     * One node's round: counts the calibration of {@code global} (null: the parent's network) on this node's rows, then
     * trains from it {@code epochs} passes.
     */
    public static LocalUpdate trainLocal(ModelBundle parent, float[] global, List<ExperienceSample> rows, long seed, int round,
                                         int epochs) {
        AnomalyScore.Judged j = AnomalyScore.judged(rows);
        int n = j.size();
        MultiLayerNetwork net = FederatedMlp.start(parent, global);
        if (n == 0) return new LocalUpdate(FederatedMlp.params(net), 0, Map.of());
        long[] c = counts(j);
        Map<String, Double> figures = new LinkedHashMap<>();
        for (int i = 0; i < COUNTS.size(); i++) figures.put(COUNTS.get(i), c[i] / (double) n);
        figures.put("calibratedRound", (double) (round - 1));

        // The calibration counts of the round's starting parameters, on this node's rows.
        int k = FaultClass.OUTPUTS.size();
        float[] out = new float[n * k];
        ModelBundle start = FederatedMlp.bundle(parent, FederatedMlp.params(net), TRAINER, seed, Map.of(), Map.of());
        new Predictor(start).predictBatch(j.batch(), n, out);
        for (double t : LabelTrainer.THRESHOLDS) {
            long tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < n; i++) {
                boolean said = 1 - out[i * k] >= t;
                boolean fault = j.truth().get(i) == AnomalyExperience.Truth.FAULT;
                if (said && fault) tp++;
                else if (said) fp++;
                else if (fault) fn++;
            }
            figures.put(figure(t, "tp"), tp / (double) n);
            figures.put(figure(t, "fp"), fp / (double) n);
            figures.put(figure(t, "fn"), fn / (double) n);
        }

        Dataset d = LabelTrainer.dataset(parent, j, new float[n * k]);
        FederatedMlp.fit(net, parent.metadata(), d, seed * 1_000_003L + round, epochs);
        return new LocalUpdate(FederatedMlp.params(net), n, figures);
    }

    /** {@link #COUNTS} of the judged rows. */
    private static long[] counts(AnomalyScore.Judged j) {
        long labelled = 0, confirmed = 0, rejected = 0, faults = 0;
        for (int i = 0; i < j.size(); i++) {
            boolean fault = j.truth().get(i) == AnomalyExperience.Truth.FAULT;
            if (fault) faults++;
            if (j.labelled().get(i)) {
                labelled++;
                if (fault) confirmed++;
                else rejected++;
            }
        }
        return new long[] {labelled, confirmed, rejected, faults, j.size() - faults, j.skippedUnknown(), j.skippedNoInputs()};
    }

    /** A sum over the nodes: the RIC's row-weighted mean of the figure times the total weight, rounded. */
    static long sum(Map<String, Double> validation, String figure, long weight) {
        Double mean = validation.get(figure);
        if (mean == null) throw new IllegalArgumentException("validation: no figure " + figure + " from the grid nodes' updates");
        double s = mean * weight;
        if (!Double.isFinite(s) || s < 0 || Math.abs(s - Math.rint(s)) > 1e-3) {
            throw new IllegalArgumentException("validation: figure " + figure + " = " + mean + " times " + weight
                    + " usable rows is not a count");
        }
        return Math.round(s);
    }

    /**
     * The version of the averaged parameters, its threshold calibrated on the counts summed over the nodes.
     *
     * @param rows the rows by kind: {@code usable}, the sum of the nodes' weights, among them
     * @throws IllegalArgumentException with too few labelled rows over all nodes (the message gives the counts)
     */
    public static TrainedModel model(ModelBundle parent, float[] params, Map<String, Double> validation, Map<String, Long> rows,
                                     long seed) throws java.io.IOException {
        long usable = rows.getOrDefault("usable", 0L);
        if (usable <= 0) throw new IllegalArgumentException("rows: no usable row over the grid nodes (rows with a truth and the model's inputs)");
        Map<String, Long> c = new LinkedHashMap<>();
        for (String name : COUNTS) c.put(name, sum(validation, name, usable));
        long labelled = c.get("labelled"), confirmed = c.get("confirmed"), faults = c.get("faultRows"), normal = c.get("normalRows");
        if (faults + normal != usable) {
            throw new IllegalArgumentException("rows: " + faults + " fault and " + normal + " normal rows summed over the grid nodes, "
                    + usable + " usable (expected: equal)");
        }
        if (labelled < LabelTrainer.MIN_LABELLED || faults < LabelTrainer.MIN_CONFIRMED || normal < LabelTrainer.MIN_NORMAL) {
            throw new IllegalArgumentException("labels: " + labelled + " labelled rows (" + confirmed + " confirmed, " + c.get("rejected")
                    + " rejected), " + faults + " fault and " + normal + " normal rows with the model's inputs over all grid nodes "
                    + "(expected: at least " + LabelTrainer.MIN_LABELLED + " labelled, " + LabelTrainer.MIN_CONFIRMED + " confirmed and "
                    + LabelTrainer.MIN_NORMAL + " normal; an operator labels alarms through POST "
                    + "/ric/v1/experience/anomaly-detection/labels)");
        }
        double best = 0.5;
        double bestF1 = -1;
        long[] at = null;
        for (double t : LabelTrainer.byDistanceFromHalf()) {
            long tp = sum(validation, figure(t, "tp"), usable);
            long fp = sum(validation, figure(t, "fp"), usable);
            long fn = sum(validation, figure(t, "fn"), usable);
            if (tp + fn != faults) {
                throw new IllegalArgumentException("validation: " + (tp + fn) + " fault rows counted at threshold " + t + ", "
                        + faults + " summed (expected: equal)");
            }
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (f1 > bestF1 + 1e-12) {
                bestF1 = f1;
                best = t;
                at = new long[] {tp, fp, fn};
            }
        }
        double bias = 0.0 - Math.log(best / (1 - best));  // 0.0 - : no -0.0 in the lineage at 0.5
        Map<String, Double> figures = new LinkedHashMap<>();
        figures.put("calibrationF1", bestF1);
        figures.put("calibrationPrecision", at[0] + at[1] == 0 ? 0 : at[0] / (double) (at[0] + at[1]));
        figures.put("calibrationRecall", faults == 0 ? 0 : at[0] / (double) faults);
        figures.put("calibratedRound", validation.getOrDefault("calibratedRound", Double.NaN));
        figures.put("threshold", best);
        figures.put("faultLogitBias", bias);
        figures.put("parentFaultLogitBias", parent.metadata().extraNumber(AnomalyDetector.BIAS_KEY, 0));
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("labelRepeat", Integer.toString(LabelTrainer.LABEL_REPEAT));
        hyper.put("start", "the parent's network and normalisation (fine-tuned on every node)");
        hyper.put("targets", "confirmed: fault, classes as the parent spreads P(fault) (soft); rejected and unlabelled normal: NORMAL");
        hyper.put("calibration", "threshold on P(fault) with the best F1 of the TP/FP/FN counts summed over the grid nodes, "
                + "of the average of the round before the last");
        hyper.put("parentVersion", parent.metadata().version());
        Map<String, String> extra = new LinkedHashMap<>(hyper);
        extra.put(AnomalyDetector.BIAS_KEY, Double.toString(bias));
        ModelBundle b = FederatedMlp.bundle(parent, params, TRAINER, seed, figures, extra);
        Map<String, Long> used = new LinkedHashMap<>();
        used.put("usable", usable);
        used.put("labelled", labelled);
        used.put("confirmed", confirmed);
        used.put("rejected", c.get("rejected"));
        used.put("unlabelledNormal", usable - labelled);
        used.put("skippedUnlabelledAlarms", c.get("skippedUnlabelledAlarms"));
        used.put("skippedNoInputs", c.get("skippedNoInputs"));
        return new TrainedModel(b.toBytes(), TRAINER, hyper, figures, used);
    }
}
