package io.jric.xapps.anomaly;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well an anomaly model version's verdicts match the operators' labels on experience rows: the scorer of the
 * validation gate (the descriptor's {@code models[].gate}, docs/ml-lifecycle.md, "Anomaly detection learns from
 * labels").
 *
 * <p>Each row carries the model's inputs as the xApp saw them ({@link AnomalyExperience}); the version judges the row
 * again: fault when its calibrated P(fault) (its own {@code faultLogitBias}) is at least 0.5, the xApp's decision at
 * the default sensitivity. The run length ({@code minConsecutivePeriods}) and the policy's filters are not applied: a
 * row is one cell report. The truth is the row's ({@link AnomalyExperience#truth}): confirmed a fault; rejected, or
 * recorded as normal and unlabelled, normal; an unlabelled alarm is skipped. The metrics:
 * <ul>
 *   <li>{@code f1} (the gate's metric), {@code precision}, {@code recall}: over every row with a truth, the unlabelled
 *       normal rows counting as normal, so that a version pays for its false alarms on the normal history too;</li>
 *   <li>{@code labelledF1}, {@code labelledPrecision}, {@code labelledRecall}: over the labelled rows only (reported: a
 *       version that calls everything a fault scores the labelled rows' share of confirmed alarms as precision, and
 *       recall 1);</li>
 *   <li>{@code falseAlarmsPer1000Normal}: the version's fault verdicts per 1,000 rows whose truth is normal;</li>
 *   <li>{@code invalidOutputs}: rows whose class probabilities are NaN, infinite, outside [0, 1] or do not sum to
 *       1 (within 0.001); such rows are not scored;</li>
 *   <li>counts of the rows scored: {@code rows}, {@code labelled}, {@code confirmed}, {@code rejected}, {@code normalRows}
 *       (truth normal), {@code faultRows} (truth fault); of the rows not scored: {@code skippedNoInputs},
 *       {@code skippedUnlabelledAlarms}.</li>
 * </ul>
 * With no row with a truth, the F1 figures are NaN (the gate refuses, naming the figure).
 */
public final class AnomalyScore {
    /** The calibrated P(fault) at or above which a version calls a row a fault (the default sensitivity 0.5). */
    public static final double THRESHOLD = 0.5;

    private AnomalyScore() {}

    /** The rows a version can judge and whose truth is known: inputs, truth, label. */
    record Judged(List<float[]> inputs, List<AnomalyExperience.Truth> truth, List<Boolean> labelled, int skippedNoInputs,
                  int skippedUnknown) {
        int size() {
            return inputs.size();
        }

        /** The inputs as one batch. */
        float[] batch() {
            int f = AnomalyFeaturizer.INPUT_FEATURES.size();
            float[] b = new float[inputs.size() * f];
            for (int i = 0; i < inputs.size(); i++) System.arraycopy(inputs.get(i), 0, b, i * f, f);
            return b;
        }
    }

    /** The rows with inputs and a truth. */
    static Judged judged(List<ExperienceSample> rows) {
        List<float[]> x = new ArrayList<>();
        List<AnomalyExperience.Truth> t = new ArrayList<>();
        List<Boolean> l = new ArrayList<>();
        int noInputs = 0;
        int unknown = 0;
        for (ExperienceSample r : rows) {
            AnomalyExperience.Truth truth = AnomalyExperience.truth(r);
            if (truth == AnomalyExperience.Truth.UNKNOWN) {
                unknown++;
                continue;
            }
            float[] in = AnomalyExperience.inputs(r);
            if (in == null) {
                noInputs++;
                continue;
            }
            x.add(in);
            t.add(truth);
            l.add(r.label() != null);
        }
        return new Judged(x, t, l, noInputs, unknown);
    }

    /** The metrics of {@code model} on {@code rows}. */
    public static Map<String, Double> score(AnomalyDetector.Model model, List<ExperienceSample> rows) {
        Judged j = judged(rows);
        int n = j.size();
        int k = FaultClass.OUTPUTS.size();
        float[] out = new float[n * k];
        if (n > 0) model.predictor().predictBatch(j.batch(), n, out);
        long invalid = 0;
        int[] all = new int[4];       // tp, fp, fn, tn over every row with a truth
        int[] lab = new int[4];       // the same over labelled rows
        int labelled = 0, confirmed = 0, rejected = 0, normal = 0, faults = 0, falseAlarms = 0, scored = 0;
        for (int i = 0; i < n; i++) {
            AnomalyExperience.Truth truth = j.truth().get(i);
            boolean isLabelled = j.labelled().get(i);
            if (!valid(out, i * k, k)) {
                invalid++;
                continue;
            }
            scored++;
            if (isLabelled) {
                labelled++;
                if (truth == AnomalyExperience.Truth.FAULT) confirmed++;
                else rejected++;
            }
            double pFault = AnomalyDetector.calibrate(1 - out[i * k], model.bias());
            boolean said = pFault >= THRESHOLD;
            boolean fault = truth == AnomalyExperience.Truth.FAULT;
            if (fault) faults++;
            else {
                normal++;
                if (said) falseAlarms++;
            }
            int cell = said ? (fault ? 0 : 1) : (fault ? 2 : 3);
            all[cell]++;
            if (isLabelled) lab[cell]++;
        }
        Map<String, Double> m = new TreeMap<>();
        m.put("rows", (double) scored);
        m.put(ModelListener.INVALID_OUTPUTS, (double) invalid);
        m.put("labelled", (double) labelled);
        m.put("confirmed", (double) confirmed);
        m.put("rejected", (double) rejected);
        m.put("normalRows", (double) normal);
        m.put("faultRows", (double) faults);
        m.put("skippedNoInputs", (double) j.skippedNoInputs());
        m.put("skippedUnlabelledAlarms", (double) j.skippedUnknown());
        put(m, "", all, scored);
        put(m, "labelled", lab, lab[0] + lab[1] + lab[2] + lab[3]);
        m.put("falseAlarmsPer1000Normal", normal == 0 ? Double.NaN : 1000.0 * falseAlarms / normal);
        return m;
    }

    /** Precision, recall and F1 of a confusion count (tp, fp, fn, tn); NaN over no row. */
    private static void put(Map<String, Double> m, String prefix, int[] c, int rows) {
        double precision = c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
        double recall = c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        m.put(name(prefix, "precision"), rows == 0 ? Double.NaN : precision);
        m.put(name(prefix, "recall"), rows == 0 ? Double.NaN : recall);
        m.put(name(prefix, "f1"), rows == 0 ? Double.NaN : f1);
    }

    private static String name(String prefix, String metric) {
        return prefix.isEmpty() ? metric : prefix + Character.toUpperCase(metric.charAt(0)) + metric.substring(1);
    }

    /** F1 of fault verdicts {@code p >= threshold} against {@code fault} (the trainer's calibration). */
    static double f1(float[] pFault, boolean[] fault, double threshold) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < pFault.length; i++) {
            boolean said = pFault[i] >= threshold;
            if (said && fault[i]) tp++;
            else if (said) fp++;
            else if (fault[i]) fn++;
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static boolean valid(float[] out, int off, int k) {
        double sum = 0;
        for (int c = 0; c < k; c++) {
            float p = out[off + c];
            if (!Float.isFinite(p) || p < 0 || p > 1) return false;
            sum += p;
        }
        return Math.abs(sum - 1) <= 1e-3;
    }
}
