package io.jric.xapps.anomaly;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.sim.Fault;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ric train anomaly-detection}: records the default simulated network (with its normal traffic
 * swing) with random faults injected ({@link FaultSchedule}), labels every cell report with the fault
 * active during at least half its period (else normal), builds the rows with {@link AnomalyFeaturizer}
 * exactly as the xApp does, trains a 4-class MLP (24-48-32-4, class-weighted cross entropy), validates
 * on a held-out simulation against the trivial predictor (always "normal") and writes the bundle.
 *
 * <p>Usage: {@code Trainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]}.
 */
public final class Trainer {
    /** Part of the cache key; changes with recording, features or training. */
    public static final String TRAINER_VERSION = "a2";
    /** Seed of the shipped default model. */
    public static final long DEFAULT_SEED = 7;
    static final long PERIOD_MS = 1000;
    static final long MEAN_GAP_MS = 20_000;

    public record Options(long seed, int trainSeeds, double minutes, int epochs, SimConfig config) {
        public static Options defaults() {
            return new Options(DEFAULT_SEED, 4, 15, 15, SimConfig.defaults());
        }
    }

    private Trainer() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.defaults();
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> o = new Options(Long.parseLong(args[++i]), o.trainSeeds(), o.minutes(), o.epochs(), o.config());
                case "--train-seeds" -> o = new Options(o.seed(), Integer.parseInt(args[++i]), o.minutes(), o.epochs(), o.config());
                case "--minutes" -> o = new Options(o.seed(), o.trainSeeds(), Double.parseDouble(args[++i]), o.epochs(), o.config());
                case "--epochs" -> o = new Options(o.seed(), o.trainSeeds(), o.minutes(), Integer.parseInt(args[++i]), o.config());
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: Trainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip])");
            }
        }
        if (out == null) out = ModelCache.file(AnomalyDetectionXapp.MODEL_NAME, TRAINER_VERSION, o.seed());
        ModelBundle b = train(o);
        b.save(out);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    public static ModelBundle train(Options o) throws Exception {
        long t0 = System.nanoTime();
        Dataset train = new Dataset(AnomalyFeaturizer.INPUT_FEATURES.size(), FaultClass.OUTPUTS.size());
        for (int s = 0; s < o.trainSeeds(); s++) train.addAll(record(o.config().toBuilder().seed(1_000_003L * o.seed() + 31L * s + 5).build(), o.minutes()));
        Dataset valid = record(o.config().toBuilder().seed(1_000_003L * o.seed() + 99_991L).build(), o.minutes());
        int[] counts = new int[FaultClass.OUTPUTS.size()];
        for (float[] y : train.labels()) counts[Predictor.argmax(y, 0, y.length)]++;
        System.out.printf(Locale.ROOT, "recorded %d training rows %s (%d simulations x %.1f min) and %d validation rows in %.1f s%n",
                train.size(), java.util.Arrays.toString(counts), o.trainSeeds(), o.minutes(), valid.size(), (System.nanoTime() - t0) / 1e9);
        MlpTrainer.Spec spec = MlpTrainer.Spec.classification(o.seed(), o.epochs(), new float[] {1, 2, 2, 2}, 48, 32);
        MlpTrainer.Result r = MlpTrainer.train(train.shuffled(o.seed()), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, AnomalyDetectionXapp.MODEL_NAME, "1", AnomalyFeaturizer.INPUT_FEATURES,
                FaultClass.OUTPUTS, spec, TRAINER_VERSION, Map.of(), Map.of());
        Map<String, Double> v = validate(new Predictor(provisional), valid);
        System.out.printf(Locale.ROOT, "validation (per cell-report, P(fault) >= 0.5): accuracy %.4f (trivial \"always normal\" %.4f), "
                        + "fault precision %.3f recall %.3f F1 %.3f (trivial F1 0), fault-type accuracy on detected faults %.3f%n",
                v.get("accuracy"), v.get("trivialAccuracy"), v.get("precision"), v.get("recall"), v.get("f1"), v.get("typeAccuracy"));
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d epochs); total %.1f s%n", r.trainMillis() / 1e3, o.epochs(),
                (System.nanoTime() - t0) / 1e9);
        return MlpTrainer.bundle(r, AnomalyDetectionXapp.MODEL_NAME, "1", AnomalyFeaturizer.INPUT_FEATURES, FaultClass.OUTPUTS,
                spec, TRAINER_VERSION, v, Map.of("windowPeriods", Integer.toString(AnomalyFeaturizer.WINDOW)));
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

    /** One labelled recording. */
    static Dataset record(SimConfig cfg, double minutes) {
        SimRun run = new SimRun(cfg, (int) PERIOD_MS);
        long durationMs = Math.round(minutes * 60_000);
        List<Fault> faults = FaultSchedule.generate(run.model().cellIds(), cfg.seed(), durationMs, 15_000, MEAN_GAP_MS);
        for (Fault f : faults) run.model().injectFault(f);
        AnomalyFeaturizer fz = new AnomalyFeaturizer();
        Dataset d = new Dataset(AnomalyFeaturizer.INPUT_FEATURES.size(), FaultClass.OUTPUTS.size());
        float[] row = new float[AnomalyFeaturizer.INPUT_FEATURES.size()];
        long periods = durationMs / PERIOD_MS;
        for (long k = 0; k < periods; k++) {
            for (KpmReport r : run.nextPeriod(false)) {
                for (CellKpi c : r.cells()) {
                    FaultClass label = FaultSchedule.label(faults, c.cellId(), c.timestampMs() - SimRun.EPOCH_MS, PERIOD_MS);
                    if (fz.features(c, row)) {
                        float[] y = new float[FaultClass.OUTPUTS.size()];
                        y[label.ordinal()] = 1;
                        d.add(row, y);
                    }
                    fz.commit(c.cellId(), label != FaultClass.NORMAL);
                }
            }
        }
        return d;
    }
}
