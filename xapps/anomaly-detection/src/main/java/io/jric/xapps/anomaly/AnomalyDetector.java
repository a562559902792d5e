package io.jric.xapps.anomaly;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The xApp's decision logic, without the RIC around it (the trainer replays held-out recordings
 * through the same code to calibrate the threshold): features from {@link AnomalyFeaturizer}, the
 * model's P(fault) calibrated with the bundle's {@code faultLogitBias} (chosen by the trainer on
 * validation data so that the default sensitivity 0.5 sits at the best event-level threshold), the
 * policy's threshold and run length. Without a model: the 3-sigma rule per watched KPI, when the xApp's
 * config asks for it; else nothing is reported until a model is active.
 */
final class AnomalyDetector {
    private static final double THREE_SIGMA = 3;
    /** Metadata key of the calibration: logit(P) + bias. */
    static final String BIAS_KEY = "faultLogitBias";

    /** A loaded model. */
    record Model(Predictor predictor, String version, double bias) {
        static Model of(ModelBundle b) {
            return of(b, Predictor.Engine.AUTO);
        }

        static Model of(ModelBundle b, Predictor.Engine engine) {
            return new Model(new Predictor(b, engine), b.metadata().version(), b.metadata().extraNumber(BIAS_KEY, 0));
        }
    }

    /** A finding; {@code type} null for the 3-sigma rule. */
    record Finding(CellKpi cell, FaultClass type, String kpi, double score, boolean alarm, String detector) {}

    private final AnomalyFeaturizer featurizer = new AnomalyFeaturizer();
    private final float[] row = new float[AnomalyFeaturizer.INPUT_FEATURES.size()];
    private final float[] probs = new float[FaultClass.OUTPUTS.size()];
    private final Map<String, Integer> streak = new HashMap<>();
    /** Gets every row the model judges (drift watch), or null. */
    io.jric.xapps.ml.DriftMonitor drift;
    /**
     * Gets every cell report the model judges with its input row (valid during the call only: copy it), before the
     * report's findings are made; or null. The xApp keeps the rows it may record as experience.
     */
    java.util.function.BiConsumer<CellKpi, float[]> judged;

    /** Calibrated fault probability. */
    static double calibrate(double pFault, double bias) {
        if (bias == 0) return pFault;
        double p = Math.min(1 - 1e-7, Math.max(1e-7, pFault));
        return 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + bias)));
    }

    /** Judges every cell of {@code report} with the model, or the 3-sigma rule when there is none. */
    List<Finding> onReport(KpmReport report, Model a, AnomalyPolicy pol, java.util.function.Consumer<String> decisions) {
        return onReport(report, a, pol, decisions, true);
    }

    /**
     * Judges every cell of {@code report}; {@code decisions} counts per detector (may be null). Without a
     * model and without {@code threeSigmaFallback} it only learns the cells' baselines ({@code decisions.learning})
     * and reports nothing.
     */
    List<Finding> onReport(KpmReport report, Model a, AnomalyPolicy pol, java.util.function.Consumer<String> decisions,
                           boolean threeSigmaFallback) {
        List<Finding> out = new ArrayList<>();
        featurizer.observe(report);
        for (CellKpi c : report.cells()) {
            if (!featurizer.features(c, row)) {
                featurizer.commit(c.cellId(), false);
                continue;
            }
            if (a == null && !threeSigmaFallback) {
                featurizer.commit(c.cellId(), false);
                if (decisions != null) decisions.accept("decisions.learning");
                continue;
            }
            FaultClass type;
            double score;
            boolean anomalous;
            String detector;
            if (a != null) {
                if (drift != null) drift.observe(row, 0);
                if (judged != null) judged.accept(c, row);
                a.predictor().predict(row, probs);
                double pFault = calibrate(1 - probs[0], a.bias());
                type = FaultClass.values()[1 + Predictor.argmax(probs, 1, 3)];
                score = pFault;
                anomalous = pol.sensitivity() > 0 && pFault >= 1 - pol.sensitivity();
                detector = "dl4j:" + a.version();
                if (decisions != null) decisions.accept("decisions." + a.version());
            } else {
                double zmax = 0;
                for (int k = 0; k < AnomalyFeaturizer.KPIS.size(); k++) {
                    if (!watched(pol, k)) continue;
                    zmax = Math.max(zmax, Math.abs(featurizer.z(c.cellId(), k)));
                }
                type = null;
                score = zmax;
                anomalous = pol.sensitivity() > 0 && zmax > THREE_SIGMA;
                detector = "3-sigma";
                if (decisions != null) decisions.accept("decisions.threeSigma");
            }
            featurizer.commit(c.cellId(), anomalous);
            int s = anomalous ? streak.merge(c.cellId(), 1, Integer::sum) : 0;
            if (!anomalous) streak.put(c.cellId(), 0);
            if (!anomalous || s < pol.minConsecutivePeriods()) continue;
            if (type != null && !pol.reportFaults().contains(type)) continue;
            int kBest = -1;
            double zBest = -1;
            for (int k = 0; k < AnomalyFeaturizer.KPIS.size(); k++) {
                if (!watched(pol, k)) continue;
                double z = Math.abs(featurizer.z(c.cellId(), k));
                if (z > zBest) {
                    zBest = z;
                    kBest = k;
                }
            }
            if (kBest < 0 || (!pol.watchedKpis().isEmpty() && zBest < 1)) continue;
            boolean alarm = s == Math.max(1, pol.minConsecutivePeriods());
            out.add(new Finding(c, type, AnomalyFeaturizer.KPIS.get(kBest), score, alarm, detector));
        }
        return out;
    }

    private static boolean watched(AnomalyPolicy pol, int k) {
        return pol.watchedKpis().isEmpty() || pol.watchedKpis().contains(AnomalyFeaturizer.KPIS.get(k));
    }
}
