package io.jric.xapps.anomaly;

import io.jric.api.xapp.TrainedModel;
import io.jric.api.xapp.ExperienceSample;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.FederatedMlp;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains the next anomaly model from the operators' labels (issue #15, items 1 and 3; called by the RIC's retraining
 * job through {@code ModelListener.trainModel}): fine-tunes the parent's network, with the parent's normalisation, on
 * the experience rows whose truth is known ({@link AnomalyExperience#truth}), then recalibrates the decision threshold
 * ({@code faultLogitBias}) on them.
 * <ul>
 *   <li><b>Targets.</b> Normal (rejected, or recorded as normal and unlabelled): class NORMAL. Confirmed: a fault, of a
 *       class the operator did not say. The label says fault or not, nothing about the kind, so the fault mass is spread
 *       over the three fault classes as the <em>parent</em> spreads it for that row (its P(outage), P(interference),
 *       P(degradation), renormalised; soft targets): the version learns fault-or-not from the operators and keeps the
 *       parent's opinion of the kind (the alarm's class, which the operator saw, is the parent's argmax). Where the
 *       parent gives the fault classes no mass at all (below 1e-6), a third each.</li>
 *   <li><b>Weights.</b> Each labelled row is used {@value #LABEL_REPEAT} times per epoch (an operator's judgement is
 *       worth more than an unlabelled normal row, which are many); the network's own class weights apply on top.</li>
 *   <li><b>Training.</b> {@value #EPOCHS} epochs of the parent's optimiser (Adam, its learning rate and L2), minibatches
 *       of 128 rows, order drawn from the seed ({@link FederatedMlp#fit}). Deterministic for the rows, the parent and
 *       the seed.</li>
 *   <li><b>Calibration.</b> On the same rows (the gate's rows are held out from them): the threshold on the raw
 *       P(fault) from {@link #THRESHOLDS} with the best F1 over the rows with a truth (the unlabelled normal rows
 *       counting as normal, as the gate's {@code f1} does), ties to the one nearest 0.5; stored as
 *       {@code faultLogitBias} = -logit(threshold), so the default sensitivity 0.5 sits on it.</li>
 *   <li><b>Too few labels.</b> Fewer than {@value #MIN_LABELLED} labelled rows, or fewer than {@value #MIN_CONFIRMED}
 *       confirmed or {@value #MIN_NORMAL} normal ones among the rows with a truth, fail with the counts.</li>
 * </ul>
 * The version keeps the parent's architecture, normalisation and drift reference.
 */
public final class LabelTrainer {
    /** The trainer's name and version, kept in the lineage. */
    public static final String TRAINER = "anomaly-detection LabelTrainer l1";
    /** Fewest labelled rows it trains on. */
    public static final int MIN_LABELLED = 20;
    /** Fewest rows with a fault truth (confirmed). */
    public static final int MIN_CONFIRMED = 5;
    /** Fewest rows with a normal truth. */
    public static final int MIN_NORMAL = 5;
    static final int EPOCHS = 20;
    static final int LABEL_REPEAT = 3;
    /** Candidate thresholds on the raw P(fault). */
    static final double[] THRESHOLDS = {0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75,
            0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99};

    private LabelTrainer() {}

    /**
     * @throws IllegalArgumentException with too few labelled rows (the message gives the counts)
     */
    public static TrainedModel train(ModelBundle parent, List<ExperienceSample> rows, long seed) throws java.io.IOException {
        AnomalyScore.Judged j = AnomalyScore.judged(rows);
        int n = j.size();
        int labelled = 0, confirmed = 0, rejected = 0, faults = 0;
        for (int i = 0; i < n; i++) {
            boolean fault = j.truth().get(i) == AnomalyExperience.Truth.FAULT;
            if (fault) faults++;
            if (j.labelled().get(i)) {
                labelled++;
                if (fault) confirmed++;
                else rejected++;
            }
        }
        int normal = n - faults;
        if (labelled < MIN_LABELLED || faults < MIN_CONFIRMED || normal < MIN_NORMAL) {
            throw new IllegalArgumentException("labels: " + labelled + " labelled rows (" + confirmed + " confirmed, " + rejected
                    + " rejected), " + faults + " fault and " + normal + " normal rows with the model's inputs (expected: at least "
                    + MIN_LABELLED + " labelled, " + MIN_CONFIRMED + " confirmed and " + MIN_NORMAL + " normal; an operator labels "
                    + "alarms through POST /ric/v1/experience/anomaly-detection/labels; " + j.skippedUnknown()
                    + " unlabelled alarms and " + j.skippedNoInputs() + " rows without the model's inputs not used)");
        }
        int k = FaultClass.OUTPUTS.size();
        float[] parentOut = new float[n * k];
        Dataset d = dataset(parent, j, parentOut);
        MultiLayerNetwork net = FederatedMlp.start(parent, null);
        FederatedMlp.fit(net, parent.metadata(), d, seed, EPOCHS);
        float[] params = FederatedMlp.params(net);
        ModelBundle tuned = FederatedMlp.bundle(parent, params, TRAINER, seed, Map.of(), Map.of(AnomalyDetector.BIAS_KEY, "0"));

        // Calibration: the threshold on the raw P(fault) with the best F1 over the rows with a truth.
        float[] out = new float[n * k];
        new Predictor(tuned).predictBatch(j.batch(), n, out);
        float[] pFault = new float[n];
        boolean[] fault = new boolean[n];
        for (int i = 0; i < n; i++) {
            pFault[i] = 1 - out[i * k];
            fault[i] = j.truth().get(i) == AnomalyExperience.Truth.FAULT;
        }
        double best = 0.5;
        double bestF1 = -1;
        for (double t : byDistanceFromHalf()) {
            double f1 = AnomalyScore.f1(pFault, fault, t);
            if (f1 > bestF1 + 1e-12) {
                bestF1 = f1;
                best = t;
            }
        }
        double bias = 0.0 - Math.log(best / (1 - best));  // 0.0 - : no -0.0 in the lineage at 0.5
        double parentBias = parent.metadata().extraNumber(AnomalyDetector.BIAS_KEY, 0);
        float[] parentFault = new float[n];
        for (int i = 0; i < n; i++) parentFault[i] = (float) AnomalyDetector.calibrate(1 - parentOut[i * k], parentBias);

        Map<String, Double> validation = new LinkedHashMap<>();
        validation.put("trainF1", bestF1);
        validation.put("parentTrainF1", AnomalyScore.f1(parentFault, fault, AnomalyScore.THRESHOLD));
        validation.put("threshold", best);
        validation.put("faultLogitBias", bias);
        validation.put("parentFaultLogitBias", parentBias);
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("epochs", Integer.toString(EPOCHS));
        hyper.put("labelRepeat", Integer.toString(LABEL_REPEAT));
        hyper.put("start", "the parent's network and normalisation (fine-tuned)");
        hyper.put("targets", "confirmed: fault, classes as the parent spreads P(fault) (soft); rejected and unlabelled normal: NORMAL");
        hyper.put("calibration", "threshold on P(fault) with the best F1 over the training rows with a truth");
        hyper.put("parentVersion", parent.metadata().version());
        Map<String, String> extra = new LinkedHashMap<>(hyper);
        extra.put(AnomalyDetector.BIAS_KEY, Double.toString(bias));
        ModelBundle b = FederatedMlp.bundle(parent, params, TRAINER, seed, validation, extra);
        Map<String, Long> used = new LinkedHashMap<>();
        used.put("usable", (long) n);
        used.put("labelled", (long) labelled);
        used.put("confirmed", (long) confirmed);
        used.put("rejected", (long) rejected);
        used.put("unlabelledNormal", (long) (n - labelled));
        used.put("skippedUnlabelledAlarms", (long) j.skippedUnknown());
        used.put("skippedNoInputs", (long) j.skippedNoInputs());
        return new TrainedModel(b.toBytes(), TRAINER, hyper, validation, used);
    }

    /**
     * The training set of the rows with a truth (the targets above, each labelled row {@value #LABEL_REPEAT} times);
     * {@code parentOut} (rows x classes) receives the parent's class probabilities for the rows. Shared with the
     * federated trainer ({@link FederatedLabelTrainer}), which builds it on every grid node over the node's own rows.
     */
    static Dataset dataset(ModelBundle parent, AnomalyScore.Judged j, float[] parentOut) {
        int n = j.size();
        int f = AnomalyFeaturizer.INPUT_FEATURES.size();
        int k = FaultClass.OUTPUTS.size();
        Dataset d = new Dataset(f, k);
        if (n == 0) return d;
        new Predictor(parent).predictBatch(j.batch(), n, parentOut);
        for (int i = 0; i < n; i++) {
            float[] y = new float[k];
            if (j.truth().get(i) == AnomalyExperience.Truth.FAULT) {
                double mass = 0;
                for (int c = 1; c < k; c++) mass += Math.max(0, parentOut[i * k + c]);
                for (int c = 1; c < k; c++) y[c] = mass > 1e-6 ? (float) (Math.max(0, parentOut[i * k + c]) / mass) : 1f / (k - 1);
            } else {
                y[0] = 1;
            }
            int times = j.labelled().get(i) ? LABEL_REPEAT : 1;
            for (int t = 0; t < times; t++) d.add(j.inputs().get(i), y);
        }
        return d;
    }

    /** {@link #THRESHOLDS}, nearest 0.5 first (so that ties go to the least shift). */
    static double[] byDistanceFromHalf() {
        return java.util.Arrays.stream(THRESHOLDS).boxed()
                .sorted(java.util.Comparator.comparingDouble((Double t) -> Math.abs(Math.log(t / (1 - t)))).thenComparingDouble(t -> t))
                .mapToDouble(Double::doubleValue).toArray();
    }
}
