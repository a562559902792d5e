package io.jric.xapps.handover;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelListener;
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
 * The handover xApp's experience (docs/ml-lifecycle.md, section 14): how a row names its neighbour, the validation
 * gate's score of a model version on held-out rows, and the retraining job's trainer.
 *
 * <p><b>The observed label.</b> A row's features are the model's inputs for one (UE, neighbour) pair, its action
 * names the neighbour ({@code targetNci}) and whether the UE was handed to it; its outcome is the UE's own reports over
 * the next 3 s. The model's first output, {@code futureSinrGainDb}, is the mean SINR the UE would get on the neighbour
 * minus what it got (each clamped to -10..25 dB, as the offline {@link Trainer} labels it). From the outcome:
 * {@code clamp(ue.targetSinrDb) - clamp(ue.sinrDb)} for a UE that stayed (the neighbour's SINR as the UE reported it,
 * against the SINR it had), {@code clamp(ue.targetSinrDb) - clamp(ue.cellSinrDb)} for a UE handed over (what it had
 * on the neighbour against its old cell's SINR as it then reported it). A row without a report of the neighbour (or,
 * handed over, of its old cell) has no label. The offline trainer clamps every tick before averaging; the outcome
 * averages reports first: close, not equal. The second output, {@code pingPongRiskDelta}, is a counterfactual (a
 * ping-pong with the handover minus one without it); the grid sees one side only, so it is not scored and the trainer
 * carries it over from the parent (distilled); the observed ping-pongs of handed-over UEs are reported.
 */
final class HandoverExperience {
    /** The action value naming the row's neighbour: its NR cell identity (the platform's {@code ExperienceSpec.TARGET_NCI_ACTION}). */
    static final String TARGET_NCI = io.jric.api.xapp.descriptor.ExperienceSpec.TARGET_NCI_ACTION;
    /** The trainer's name and version, kept in the lineage. */
    static final String TRAINER = "handover ExperienceTrainer x1";
    /** Fewest labelled rows the trainer trains on. */
    static final int MIN_ROWS = 50;
    static final int EPOCHS = 20;
    /**
     * Outputs outside these bounds are invalid: garbage, not extrapolation. The labels span -35..35 dB and -1..1, but a
     * regression extrapolates beyond them on inputs unlike its training rows (the offline model said up to 39 dB and
     * a risk change of 3.95 on live rows; any finite value still ranks neighbours, which is all the xApp does with it).
     */
    static final double MAX_ABS_GAIN_DB = 100;
    static final double MAX_ABS_RISK = 10;

    private HandoverExperience() {}

    /** The NCI of a canonical cell id {@code <6 hex digits>:<9 hex digits>}. */
    static long nci(String cellId) {
        return Long.parseLong(cellId.substring(cellId.indexOf(':') + 1), 16);
    }

    /**
     * {@link #nci} of a cell id from the network, or -1 when it is not one (null, empty or not hexadecimal after the
     * first {@code :}, beyond a long).
     */
    static long nciOrNegative(String cellId) {
        if (cellId == null) return -1;
        String hex = cellId.substring(cellId.indexOf(':') + 1);
        if (hex.isEmpty()) return -1;
        try {
            long v = Long.parseLong(hex, 16);
            return v < 0 ? -1 : v;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double clamp(double sinrDb) {
        return Math.max(-10, Math.min(25, sinrDb));
    }

    /** The observed {@code futureSinrGainDb} of a row (see the class comment), NaN without one. */
    static double observedGainDb(ExperienceSample r) {
        Map<String, Double> o = r.outcome();
        Double targetReports = o.get("ue.targetReports");
        Double target = o.get("ue.targetSinrDb");
        if (targetReports == null || target == null || targetReports < 1) return Double.NaN;
        boolean handover = r.action().getOrDefault("handover", 0.0) > 0.5;
        Double ref;
        if (handover) {
            Double cellReports = o.get("ue.cellReports");
            ref = cellReports != null && cellReports >= 1 ? o.get("ue.cellSinrDb") : null;
        } else {
            ref = o.get("ue.sinrDb");
        }
        if (ref == null || !Double.isFinite(ref) || !Double.isFinite(target)) return Double.NaN;
        return clamp(target) - clamp(ref);
    }

    /** The model's inputs of a row (a feature the row lacks: 0, what the KPM decoder gives for an absent value). */
    static float[] inputs(ExperienceSample r) {
        List<String> names = HandoverModel.INPUT_FEATURES;
        float[] in = new float[names.size()];
        for (int j = 0; j < in.length; j++) {
            Double v = r.features().get(names.get(j));
            in[j] = v == null ? 0f : v.floatValue();
        }
        return in;
    }

    /**
     * The validation gate's figures of a version on held-out rows: {@code sinrGainMaeDb} (decides: mean |predicted -
     * observed| SINR gain over the rows with a label), {@code sinrGainBiasDb}, {@code rows} (labelled), {@code
     * rowsWithoutLabel}, {@link ModelListener#INVALID_OUTPUTS} (outputs NaN, infinite, a gain beyond +-100 dB or a risk
     * change beyond +-10; {@code invalidGainOutputs}, {@code invalidRiskOutputs}, {@code maxAbsGainDb} and
     * {@code maxAbsRiskDelta} say which), and, reported only, {@code handoverRows}, {@code pingPongObserved} (share of handed-over
     * UEs that came back to their cell within the horizon) and {@code pingPongRiskPredicted} (mean predicted risk
     * change on those rows).
     *
     * @throws IllegalArgumentException when no row has a label
     */
    static Map<String, Double> score(Predictor p, List<ExperienceSample> rows) {
        int f = HandoverModel.INPUT_FEATURES.size();
        List<float[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<ExperienceSample> kept = new ArrayList<>();
        for (ExperienceSample r : rows) {
            double g = observedGainDb(r);
            if (Double.isNaN(g)) continue;
            x.add(inputs(r));
            y.add(g);
            kept.add(r);
        }
        int n = x.size();
        if (n == 0) {
            throw new IllegalArgumentException("rows: none of " + rows.size() + " held-out rows has the neighbour's SINR in "
                    + "its outcome (ue.targetReports >= 1)");
        }
        float[] batch = new float[n * f];
        for (int i = 0; i < n; i++) System.arraycopy(x.get(i), 0, batch, i * f, f);
        float[] out = new float[n * 2];
        p.predictBatch(batch, n, out);
        double abs = 0, bias = 0, ppObserved = 0, ppPredicted = 0;
        int invalid = 0, valid = 0, handovers = 0, invalidGain = 0, invalidRisk = 0;
        double maxGain = 0, maxRisk = 0;
        for (int i = 0; i < n; i++) {
            float gain = out[2 * i];
            float risk = out[2 * i + 1];
            maxGain = Math.max(maxGain, Math.abs(gain));
            maxRisk = Math.max(maxRisk, Math.abs(risk));
            if (!Float.isFinite(gain) || Math.abs(gain) > MAX_ABS_GAIN_DB) invalidGain++;
            if (!Float.isFinite(risk) || Math.abs(risk) > MAX_ABS_RISK) invalidRisk++;
            if (!Float.isFinite(gain) || !Float.isFinite(risk) || Math.abs(gain) > MAX_ABS_GAIN_DB || Math.abs(risk) > MAX_ABS_RISK) {
                invalid++;
                continue;
            }
            double e = gain - y.get(i);
            abs += Math.abs(e);
            bias += e;
            valid++;
            ExperienceSample r = kept.get(i);
            if (r.action().getOrDefault("handover", 0.0) > 0.5) {
                handovers++;
                ppObserved += r.outcome().getOrDefault("ue.pingPong", 0.0);
                ppPredicted += risk;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("sinrGainMaeDb", valid == 0 ? Double.MAX_VALUE : abs / valid);
        m.put("sinrGainBiasDb", valid == 0 ? 0 : bias / valid);
        m.put("rows", (double) n);
        m.put("rowsWithoutLabel", (double) (rows.size() - n));
        m.put(ModelListener.INVALID_OUTPUTS, (double) invalid);
        m.put("invalidGainOutputs", (double) invalidGain);
        m.put("invalidRiskOutputs", (double) invalidRisk);
        m.put("maxAbsGainDb", maxGain);
        m.put("maxAbsRiskDelta", maxRisk);
        m.put("handoverRows", (double) handovers);
        m.put("pingPongObserved", handovers == 0 ? 0 : ppObserved / handovers);
        m.put("pingPongRiskPredicted", handovers == 0 ? 0 : ppPredicted / handovers);
        return m;
    }

    /**
     * The labelled rows as a data set for fine-tuning {@code parent}: inputs as the row recorded them; targets the observed
     * SINR gain ({@link #observedGainDb}) and the parent's own ping-pong risk prediction (distilled: not observable). Rows
     * without a label are counted in {@code skipped[0]}. Shared by the central trainer and the federated local step.
     */
    static Dataset dataset(ModelBundle parent, List<ExperienceSample> rows, long[] skipped) {
        int f = HandoverModel.INPUT_FEATURES.size();
        List<float[]> x = new ArrayList<>();
        List<Float> gain = new ArrayList<>();
        for (ExperienceSample r : rows) {
            double g = observedGainDb(r);
            if (Double.isNaN(g)) {
                skipped[0]++;
                continue;
            }
            x.add(inputs(r));
            gain.add((float) g);
        }
        int n = x.size();
        Dataset d = new Dataset(f, 2);
        if (n == 0) return d;
        float[] batch = new float[n * f];
        for (int i = 0; i < n; i++) System.arraycopy(x.get(i), 0, batch, i * f, f);
        float[] parentOut = new float[n * 2];
        new Predictor(parent).predictBatch(batch, n, parentOut);
        for (int i = 0; i < n; i++) d.add(x.get(i), new float[] {gain.get(i), parentOut[2 * i + 1]});
        return d;
    }

    /**
     * The retraining job's trainer: fine-tunes the parent's network (its architecture and normalisation, Adam as its
     * configuration says, minibatches of 128, {@link #EPOCHS} epochs) on the labelled rows, with targets
     * {@code futureSinrGainDb} = the observed gain and {@code pingPongRiskDelta} = the parent's own prediction
     * (distilled: not observable). Deterministic for the rows, the parent and the seed.
     *
     * @throws IllegalArgumentException with fewer than {@link #MIN_ROWS} labelled rows
     */
    static TrainedModel train(ModelBundle parent, List<ExperienceSample> rows, long seed) throws java.io.IOException {
        long[] skippedRows = {0};
        Dataset d = dataset(parent, rows, skippedRows);
        int n = d.size();
        long skipped = skippedRows[0];
        if (n < MIN_ROWS) {
            throw new IllegalArgumentException("rows: " + n + " labelled experience rows (expected: at least " + MIN_ROWS
                    + " whose outcome has the neighbour's SINR, ue.targetReports >= 1)");
        }
        MultiLayerNetwork net = FederatedMlp.fit(FederatedMlp.start(parent, null), parent.metadata(), d, seed, EPOCHS);
        float[] params = FederatedMlp.params(net);
        Map<String, String> hyper = new LinkedHashMap<>();
        hyper.put("epochs", Integer.toString(EPOCHS));
        hyper.put("fineTuned", "the parent's network and normalisation");
        hyper.put("targets", "futureSinrGainDb: observed (ue.targetSinrDb against ue.sinrDb, or ue.cellSinrDb when handed over);"
                + " pingPongRiskDelta: the parent's (distilled)");
        hyper.put("parentVersion", parent.metadata().version());
        ModelBundle provisional = FederatedMlp.bundle(parent, params, TRAINER, seed, Map.of(), hyper);
        double[] mse = MlpTrainer.mse(new Predictor(provisional), d);
        Map<String, Double> validation = new LinkedHashMap<>();
        validation.put("futureSinrGainDb.trainMse", mse[0]);
        validation.put("pingPongRiskDelta.trainMse", mse[1]);
        ModelBundle b = FederatedMlp.bundle(parent, params, TRAINER, seed, validation, hyper);
        return new TrainedModel(b.toBytes(), TRAINER, hyper, validation, Map.of("usable", (long) n, "skipped", skipped));
    }
}
