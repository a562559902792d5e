package io.jric.xapps.anomaly;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.sim.Fault;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ric train anomaly-detection}: records the default simulated network (with its normal traffic
 * swing, cell and per-UE KPM every second) with random faults injected ({@link FaultSchedule}), labels
 * every cell report with the fault active during at least half its period (else normal), builds the rows
 * with {@link AnomalyFeaturizer} exactly as the xApp does, trains a 4-class MLP (89-64-32-4,
 * class-weighted cross entropy), validates on two held-out simulations against the trivial predictor
 * (always "normal"), then calibrates the decision threshold: the validation recordings are replayed
 * through the xApp's own decision logic ({@link AnomalyDetector}, default policy) for each candidate
 * threshold on P(fault), and the one with the best event-level F1 within 3 report periods
 * ({@link DetectionScore}) is stored as {@code faultLogitBias} in the bundle, so that the default
 * sensitivity 0.5 sits on it. The evaluation seeds are never used here.
 *
 * <p>Usage: {@code Trainer [--config default|two-layer-ftp3] [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]};
 * {@code -Danomaly.debug=true} also prints every validation fault's outcome and the sweep at 2 and 3
 * periods in a row.
 */
public final class Trainer {
    /** Part of the cache key; changes with recording, features or training. */
    public static final String TRAINER_VERSION = "a5";
    /** Seed of the shipped default model. */
    public static final long DEFAULT_SEED = 7;
    static final long PERIOD_MS = 1000;
    static final long MEAN_GAP_MS = 20_000;

    /** The shipped default model's options. */
    public static TrainOptions defaults() {
        return new TrainOptions(DEFAULT_SEED, 4, 15, 15, SimConfig.defaults());
    }

    private Trainer() {}

    /**
     * {@code --config two-layer-ftp3} records the simulator's two-layer network with FTP3 traffic instead (same seeds,
     * sizes and calibration; its own cache key {@link #TRAINER_VERSION}{@code -two-layer-ftp3}), for an xApp that runs
     * there (config {@code modelFile}).
     */
    public static void main(String[] args) throws Exception {
        TrainOptions.ConfigArg config = TrainOptions.takeConfigOrExit(args, java.util.Set.of("default", "two-layer-ftp3"));
        TrainOptions d = defaults();
        if (!config.isDefault()) d = new TrainOptions(d.seed(), d.trainSeeds(), d.minutes(), d.epochs(), SimConfig.preset(config.name()).build());
        TrainOptions.runMain(config.rest(), d, AnomalyDetectionXapp.MODEL_NAME,
                config.isDefault() ? TRAINER_VERSION : TRAINER_VERSION + "-" + config.name(), Trainer::train);
    }

    public static ModelBundle train(TrainOptions o) throws Exception {
        long t0 = System.nanoTime();
        Dataset train = new Dataset(AnomalyFeaturizer.INPUT_FEATURES.size(), FaultClass.OUTPUTS.size());
        for (int s = 0; s < o.trainSeeds(); s++) {
            train.addAll(rows(recording(o.config().toBuilder().seed(1_000_003L * o.seed() + 31L * s + 5).build(), o.minutes())));
        }
        List<Recording> validation = new ArrayList<>();
        for (int s = 0; s < VALIDATION_SEEDS; s++) {
            validation.add(recording(o.config().toBuilder().seed(1_000_003L * o.seed() + 99_991L + s).build(), o.minutes()));
        }
        Dataset valid = new Dataset(AnomalyFeaturizer.INPUT_FEATURES.size(), FaultClass.OUTPUTS.size());
        for (Recording v : validation) valid.addAll(rows(v));
        int[] counts = new int[FaultClass.OUTPUTS.size()];
        for (float[] y : train.labels()) counts[Predictor.argmax(y, 0, y.length)]++;
        System.out.printf(Locale.ROOT, "recorded %d training rows %s (%d simulations x %.1f min) and %d validation rows (%d simulations) in %.1f s%n",
                train.size(), java.util.Arrays.toString(counts), o.trainSeeds(), o.minutes(), valid.size(), VALIDATION_SEEDS,
                (System.nanoTime() - t0) / 1e9);
        MlpTrainer.Spec spec = MlpTrainer.Spec.classification(o.seed(), o.epochs(), new float[] {1, 2, 2, 2}, 64, 32);
        MlpTrainer.Result r = MlpTrainer.train(train.shuffled(o.seed()), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, AnomalyDetectionXapp.MODEL_NAME, "1", AnomalyFeaturizer.INPUT_FEATURES,
                FaultClass.OUTPUTS, spec, TRAINER_VERSION, Map.of(), Map.of());
        Predictor p = new Predictor(provisional);
        Map<String, Double> v = validate(p, valid);
        System.out.printf(Locale.ROOT, "validation (per cell-report, P(fault) >= 0.5): accuracy %.4f (trivial \"always normal\" %.4f), "
                        + "fault precision %.3f recall %.3f F1 %.3f (trivial F1 0), fault-type accuracy on detected faults %.3f%n",
                v.get("accuracy"), v.get("trivialAccuracy"), v.get("precision"), v.get("recall"), v.get("f1"), v.get("typeAccuracy"));
        // Calibration on the validation recordings only (never the evaluation seeds): replay them through
        // the xApp's decision logic with the default policy and pick the threshold on P(fault) with the best
        // event-level F1 within 3 periods; the bias maps it to the default sensitivity 0.5.
        double bestBias = 0;
        double bestF1 = -1;
        StringBuilder sweep = new StringBuilder();
        for (double t : THRESHOLDS) {
            double bias = -Math.log(t / (1 - t));
            double[] ev = events(p, bias, validation, AnomalyPolicy.DEFAULT);
            sweep.append(String.format(Locale.ROOT, "%n  P(fault) >= %.2f: precision %.3f recall %.3f F1 within 3 %.3f, delay %.2f",
                    t, ev[0], ev[1], ev[2], ev[3]));
            if (DEBUG) {
                AnomalyPolicy one = new AnomalyPolicy(Set.of(), 0.5, AnomalyPolicy.DEFAULT.reportFaults(), 2);
                AnomalyPolicy three = new AnomalyPolicy(Set.of(), 0.5, AnomalyPolicy.DEFAULT.reportFaults(), 3);
                double[] e1 = events(p, bias, validation, one);
                double[] e3 = events(p, bias, validation, three);
                sweep.append(String.format(Locale.ROOT, " | run 2: P %.3f R %.3f F1w3 %.3f d %.2f | run 3: P %.3f R %.3f F1w3 %.3f d %.2f",
                        e1[0], e1[1], e1[2], e1[3], e3[0], e3[1], e3[2], e3[3]));
            }
            if (ev[2] > bestF1 + 1e-9) {
                bestF1 = ev[2];
                bestBias = bias;
            }
        }
        Map<String, int[]> perType = new java.util.TreeMap<>();
        double[] best = events(p, bestBias, validation, AnomalyPolicy.DEFAULT, perType);
        perType.forEach((t, c) -> System.out.printf(Locale.ROOT, "  %s: %d of %d detected within 3 periods%n", t, c[1], c[0]));
        System.out.printf(Locale.ROOT, "validation, event level (xApp decision logic, default policy):%s%n"
                + "chosen threshold P(fault) >= %.2f (faultLogitBias %.3f): precision %.3f recall %.3f F1 within 3 periods %.3f%n",
                sweep, 1 / (1 + Math.exp(bestBias)), bestBias, best[0], best[1], best[2]);
        v.put("eventPrecision", best[0]);
        v.put("eventRecall", best[1]);
        v.put("eventF1Within3", best[2]);
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d epochs); total %.1f s%n", r.trainMillis() / 1e3, o.epochs(),
                (System.nanoTime() - t0) / 1e9);
        return MlpTrainer.bundle(r, AnomalyDetectionXapp.MODEL_NAME, "1", AnomalyFeaturizer.INPUT_FEATURES, FaultClass.OUTPUTS,
                spec, TRAINER_VERSION, v, Map.of("windowPeriods", Integer.toString(AnomalyFeaturizer.WINDOW),
                        AnomalyDetector.BIAS_KEY, Double.toString(bestBias)));
    }

    /** Candidate thresholds on the raw P(fault). */
    static final double[] THRESHOLDS = {0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97, 0.98, 0.99};
    /** Validation simulations. */
    static final int VALIDATION_SEEDS = 2;

    /** One recorded simulation: its reports in arrival order and the injected faults. */
    record Recording(List<KpmReport> reports, List<Fault> faults, double minutes) {}

    /**
     * Event-level scores of the decision logic on recordings, summed over them: precision, recall, F1
     * within 3 periods, mean delay.
     */
    static double[] events(Predictor p, double bias, List<Recording> recs, AnomalyPolicy pol) {
        return events(p, bias, recs, pol, null);
    }

    static final boolean DEBUG = Boolean.getBoolean("anomaly.debug");

    /** As above; {@code perType} (if not null) gets per fault type: faults, detected within 3 periods. */
    static double[] events(Predictor p, double bias, List<Recording> recs, AnomalyPolicy pol, Map<String, int[]> perType) {
        int faults = 0, detected = 0, within3 = 0, episodes = 0, falseEpisodes = 0;
        double delaySum = 0;
        for (Recording rec : recs) {
            AnomalyDetector d = new AnomalyDetector();
            AnomalyDetector.Model m = new AnomalyDetector.Model(p, "v", bias);
            Map<String, java.util.TreeSet<Long>> alarms = new java.util.TreeMap<>();
            for (KpmReport r : rec.reports()) {
                for (AnomalyDetector.Finding f : d.onReport(r, m, pol, null)) {
                    alarms.computeIfAbsent(f.cell().cellId(), c -> new java.util.TreeSet<>())
                            .add((f.cell().timestampMs() - SimRun.EPOCH_MS) / PERIOD_MS);
                }
            }
            DetectionScore s = DetectionScore.score(rec.faults(), alarms, PERIOD_MS, rec.minutes() / 60);
            if (perType != null) {
                for (Fault f : rec.faults()) {
                    long first = f.startMs() / PERIOD_MS;
                    Long hit = alarms.getOrDefault(f.cellId(), new java.util.TreeSet<>()).ceiling(first);
                    int[] c = perType.computeIfAbsent(f.type().name(), t -> new int[3]);
                    c[0]++;
                    if (hit != null && hit - first <= 3) c[1]++;
                    if (DEBUG) System.out.printf(Locale.ROOT, "    %s %s mag %.2f dur %d s: %s%n", f.type(), f.cellId(), f.magnitude(),
                            f.durationMs() / 1000, hit == null || hit > (f.startMs() + f.durationMs()) / PERIOD_MS + 2 ? "missed" : "delay " + (hit - first));
                }
            }
            faults += s.faults();
            detected += s.detected();
            within3 += s.detectedWithin3();
            episodes += s.episodes();
            falseEpisodes += s.falseEpisodes();
            if (s.detected() > 0) delaySum += s.meanDelay() * s.detected();
        }
        double precision = episodes == 0 ? 0 : (episodes - falseEpisodes) / (double) episodes;
        double recall = faults == 0 ? 0 : detected / (double) faults;
        double r3 = faults == 0 ? 0 : within3 / (double) faults;
        double f1 = precision + r3 == 0 ? 0 : 2 * precision * r3 / (precision + r3);
        return new double[] {precision, recall, f1, detected == 0 ? Double.NaN : delaySum / detected};
    }

    /** Row-level metrics of the classifier on {@code data}. */
    static Map<String, Double> validate(Predictor p, Dataset data) {
        float[] out = new float[FaultClass.OUTPUTS.size()];
        int correct = 0;
        int normal = 0;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int typeOk = 0;
        float[][] x = data.features();
        float[][] y = data.labels();
        for (int i = 0; i < x.length; i++) {
            p.predict(x[i], out);
            int truth = Predictor.argmax(y[i], 0, y[i].length);
            boolean fault = 1 - out[0] >= 0.5;
            int predicted = fault ? 1 + Predictor.argmax(out, 1, 3) : 0;
            if (predicted == truth) correct++;
            if (truth == 0) normal++;
            if (fault && truth != 0) {
                tp++;
                if (predicted == truth) typeOk++;
            } else if (fault) {
                fp++;
            } else if (truth != 0) {
                fn++;
            }
        }
        Map<String, Double> v = new LinkedHashMap<>();
        double precision = tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        double recall = tp + fn == 0 ? 0 : tp / (double) (tp + fn);
        v.put("accuracy", correct / (double) x.length);
        v.put("trivialAccuracy", normal / (double) x.length);
        v.put("precision", precision);
        v.put("recall", recall);
        v.put("f1", precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
        v.put("trivialF1", 0.0);
        v.put("typeAccuracy", tp == 0 ? 0 : typeOk / (double) tp);
        v.put("validationRows", (double) x.length);
        return v;
    }

    /** One simulation with random faults, recorded. */
    static Recording recording(SimConfig cfg, double minutes) {
        SimRun run = new SimRun(cfg, (int) PERIOD_MS);
        long durationMs = Math.round(minutes * 60_000);
        List<Fault> faults = FaultSchedule.generate(run.model().cellIds(), cfg.seed(), durationMs, 15_000, MEAN_GAP_MS);
        for (Fault f : faults) run.model().injectFault(f);
        List<KpmReport> reports = new ArrayList<>();
        long periods = durationMs / PERIOD_MS;
        for (long k = 0; k < periods; k++) reports.addAll(run.nextPeriod(true));
        return new Recording(reports, faults, minutes);
    }

    /** The labelled rows of a recording (the baseline kept free of faulty reports by the labels). */
    static Dataset rows(Recording rec) {
        AnomalyFeaturizer fz = new AnomalyFeaturizer();
        Dataset d = new Dataset(AnomalyFeaturizer.INPUT_FEATURES.size(), FaultClass.OUTPUTS.size());
        float[] row = new float[AnomalyFeaturizer.INPUT_FEATURES.size()];
        for (KpmReport r : rec.reports()) {
            fz.observe(r);
            for (CellKpi c : r.cells()) {
                FaultClass label = FaultSchedule.label(rec.faults(), c.cellId(), c.timestampMs() - SimRun.EPOCH_MS, PERIOD_MS);
                if (fz.features(c, row)) {
                    float[] y = new float[FaultClass.OUTPUTS.size()];
                    y[label.ordinal()] = 1;
                    d.add(row, y);
                }
                fz.commit(c.cellId(), label != FaultClass.NORMAL);
            }
        }
        return d;
    }
}
