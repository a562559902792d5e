package io.jric.xapps.anomaly;

import io.jric.api.xapp.ExperienceSample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an anomaly experience row carries, so that a model version can judge the row again (the validation gate's
 * scorer, {@link AnomalyScore}) and learn from it (the retraining job's trainer, {@link LabelTrainer}); and what an
 * operator's label means.
 *
 * <p>The model's input row (89 values, {@link AnomalyFeaturizer#INPUT_FEATURES}) is built from a window of the cell's
 * last reports, its site and the network, so it cannot be rebuilt from one report's KPIs. A row holds at most 64
 * features (the platform's bound), so the row carries the first {@value #FEATURES} inputs in model order as its
 * features (the ten KPIs, among them the eight reported KPIs it recorded before, then {@code delta.*}, {@code lag1.*},
 * {@code lag2.*}, {@code mean5.*}, {@code step.*} and the first four {@code site.*}) and the other 25 in its action under
 * {@value #SPILL} (the other {@code site.*}, {@code networkDelta.*} and {@code ue.*}), next to the verdict
 * ({@code faultClass} 0 normal, 1 outage, 2 interference, 3 degradation; {@code score}). Values are the model's float
 * inputs, exact as doubles. Rows recorded before (eight KPIs only) lack the inputs and are skipped.
 *
 * <p>The truth of a row: an operator's {@code confirmed} is a fault, {@code rejected} is normal, whatever the verdict
 * was (an operator may also label a row the xApp recorded as normal: {@code confirmed} is a fault it missed); an
 * unlabelled row whose verdict was normal counts as normal (the unlabelled normal history); an unlabelled alarm is
 * unknown and not used.
 */
public final class AnomalyExperience {
    /** Model inputs carried as the row's features (the platform keeps at most 64). */
    public static final int FEATURES = 64;
    /** Prefix of the model inputs carried in the row's action. */
    public static final String SPILL = "in.";
    /** Action key of the verdict. */
    public static final String FAULT_CLASS = "faultClass";
    /** Action key of the verdict's score. */
    public static final String SCORE = "score";

    /** A row's truth. */
    public enum Truth {
        /** Confirmed by an operator. */
        FAULT,
        /** Rejected by an operator, or recorded as normal and not labelled. */
        NORMAL,
        /** An alarm nobody judged. */
        UNKNOWN
    }

    private AnomalyExperience() {}

    /** The row's features: the first {@link #FEATURES} inputs, by name. */
    static Map<String, Double> features(float[] inputs) {
        Map<String, Double> f = new TreeMap<>();
        List<String> names = AnomalyFeaturizer.INPUT_FEATURES;
        for (int i = 0; i < FEATURES; i++) f.put(names.get(i), (double) inputs[i]);
        return f;
    }

    /** The row's action: the verdict and the other inputs under {@link #SPILL}. */
    static Map<String, Double> action(float[] inputs, FaultClass verdict, double score) {
        Map<String, Double> a = new TreeMap<>();
        List<String> names = AnomalyFeaturizer.INPUT_FEATURES;
        for (int i = FEATURES; i < names.size(); i++) a.put(SPILL + names.get(i), (double) inputs[i]);
        a.put(FAULT_CLASS, (double) verdict.ordinal());
        a.put(SCORE, Math.round(score * 1000) / 1000.0);
        return a;
    }

    /**
     * The model's input row of an experience row, or null when the row lacks an input (a row recorded before the
     * xApp recorded its inputs, or one from elsewhere). A value that is not finite is taken as is (the scorer counts
     * what the model makes of it).
     */
    public static float[] inputs(ExperienceSample r) {
        List<String> names = AnomalyFeaturizer.INPUT_FEATURES;
        float[] x = new float[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Double v = i < FEATURES ? r.features().get(names.get(i)) : r.action().get(SPILL + names.get(i));
            if (v == null) return null;
            x[i] = v.floatValue();
        }
        return x;
    }

    /** The verdict recorded with the row (0 normal, 1-3 the fault class), or -1 without one. */
    public static int verdict(ExperienceSample r) {
        Double v = r.action().get(FAULT_CLASS);
        if (v == null || !Double.isFinite(v) || v < 0 || v >= FaultClass.values().length || v != Math.rint(v)) return -1;
        return v.intValue();
    }

    /** The row's truth from its label and verdict. */
    public static Truth truth(ExperienceSample r) {
        if ("confirmed".equals(r.label())) return Truth.FAULT;
        if ("rejected".equals(r.label())) return Truth.NORMAL;
        return verdict(r) == 0 ? Truth.NORMAL : Truth.UNKNOWN;
    }
}
