package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelMetadata;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains the two-layer steering model ({@link LayerModel}, issue #16): records the simulator's {@code two-layer-ftp3}
 * preset, builds the per-sector rows the xApp builds ({@link CellState}, {@link LayerState}, {@link UeReturns}), trains
 * an MLP, validates on held-out recordings against the training mean and persistence, writes the bundle zip.
 *
 * <h2>Data</h2>
 * Training recordings cycle the FTP3 demand through 0.5x, 1x, 1.5x and 2x the preset's file arrival rate; validation
 * recordings are at 1x and 2x. Every 5 s every sector's coverage-cell offset towards the capacity frequency takes a
 * random step (one {@link #STEP_DB} down, hold or up, a third each, within 0..{@link #MAX_OFFSET_DB} dB), and the
 * capacity cell's A5 threshold 1 is lowered as {@link LayerSteering} lowers it (at once with a rising offset, two
 * decisions late with a falling one). One row per sector and decision: the features of the period just ended with the
 * step just applied as the candidate; labels both cells' mean PRB load and the sector's harm events per period over the
 * next {@link #HORIZON_PERIODS} periods (the steps taken meanwhile are random, so they average out). Simulator seeds derive from the trainer's seed ({@code 2_000_029 x seed + 31 x i + 7}), disjoint from the
 * evaluation's 301-303.
 *
 * <h2>Usage</h2>
 * {@code LayerTrainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]}; without {@code --out}
 * writes to the model cache ({@link io.jric.xapps.ml.ModelCache}: {@code $JRIC_MODEL_CACHE}, {@code -Djric.modelCache},
 * else {@code ~/.cache/jric/models}). Set {@code OMP_NUM_THREADS=1}.
 */
public final class LayerTrainer {
    /** Changes whenever recording, features or training change: part of the cache key. */
    public static final String TRAINER_VERSION = "y2";
    /**
     * Decision periods the labels average over: a step's effect builds up over more than one period (the UEs it moves
     * hand over one by one, and a saturated cell's queue drains slowly), so one period's outcome undervalues it.
     */
    static final int HORIZON_PERIODS = 3;
    public static final long DEFAULT_SEED = 17;
    static final double STEP_DB = 2;
    static final double MAX_OFFSET_DB = 10;
    /** The coverage layer's A4 threshold in the simulator's carrier plan (the xApp's default for config {@code a4ThresholdDbm}). */
    static final double A4_THRESHOLD_DBM = -105;
    private static final double[] TRAIN_DEMAND = {0.5, 1.0, 1.5, 2.0};
    private static final double[] VALID_DEMAND = {1.0, 2.0};

    private LayerTrainer() {}

    /** The default model's options: 8 recordings x 6 simulated minutes, 40 epochs. */
    public static TrainOptions defaults() {
        return new TrainOptions(DEFAULT_SEED, 8, 6, 40, SimConfig.preset("two-layer-ftp3").build());
    }

    public static void main(String[] args) throws Exception {
        TrainOptions.runMain(args, defaults(), LayerModel.MODEL_NAME, TRAINER_VERSION, LayerTrainer::train);
    }

    /** Records, trains, validates; prints progress and the validation figures. */
    public static ModelBundle train(TrainOptions o) throws Exception {
        long t0 = System.nanoTime();
        int nf = LayerModel.INPUT_FEATURES.size();
        int no = LayerModel.OUTPUTS.size();
        Dataset train = new Dataset(nf, no);
        for (int s = 0; s < o.trainSeeds(); s++) {
            train.addAll(record(config(o, s, TRAIN_DEMAND[s % TRAIN_DEMAND.length]), o.minutes(), o.seed() * 7919 + s));
        }
        Dataset valid = new Dataset(nf, no);
        for (int v = 0; v < VALID_DEMAND.length; v++) {
            valid.addAll(record(config(o, 1000 + v, VALID_DEMAND[v]), o.minutes(), o.seed() * 7919 + 1000 + v));
        }
        System.out.printf(Locale.ROOT, "recorded %d training rows (%d simulations x %.1f min) and %d validation rows in %.1f s%n",
                train.size(), o.trainSeeds(), o.minutes(), valid.size(), (System.nanoTime() - t0) / 1e9);
        MlpTrainer.Spec spec = new MlpTrainer.Spec(new int[] {32, 32}, ModelMetadata.REGRESSION, 2e-3, 1e-5, o.epochs(), 128,
                o.seed(), null);
        MlpTrainer.Result r = MlpTrainer.train(train.shuffled(o.seed()), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, LayerModel.MODEL_NAME, "1", LayerModel.INPUT_FEATURES, LayerModel.OUTPUTS,
                spec, TRAINER_VERSION, Map.of(), Map.of());
        Predictor p = new Predictor(provisional);
        double[] mse = MlpTrainer.mse(p, valid);
        double[] trivial = MlpTrainer.trivialMse(train, valid);
        double[] persistence = persistenceMse(valid);
        Map<String, Double> v = new LinkedHashMap<>();
        for (int k = 0; k < no; k++) {
            String name = LayerModel.OUTPUTS.get(k);
            System.out.printf(Locale.ROOT, "validation %s: MSE %.3f | training mean %.3f | persistence (the period just ended) %.3f%n",
                    name, mse[k], trivial[k], persistence[k]);
            v.put(name + ".mse", mse[k]);
            v.put(name + ".trivialMse", trivial[k]);
            v.put(name + ".persistenceMse", persistence[k]);
        }
        double[] effect = stepEffect(p, valid);
        System.out.printf(Locale.ROOT, "validation: mean predicted change for a step up (+%.0f dB) vs holding: coverage cell %+.2f %% PRB, "
                + "capacity cell %+.2f %% PRB, harm %+.3f events (expected: -, +, ~0)%n", STEP_DB, effect[0], effect[1], effect[2]);
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d epochs); total %.1f s%n", r.trainMillis() / 1e3, o.epochs(),
                (System.nanoTime() - t0) / 1e9);
        v.put("stepUpEffectLowPct", effect[0]);
        v.put("stepUpEffectHighPct", effect[1]);
        v.put("stepUpEffectHarm", effect[2]);
        v.put("trainRows", (double) train.size());
        v.put("validationRows", (double) valid.size());
        return MlpTrainer.bundle(r, LayerModel.MODEL_NAME, "1", LayerModel.INPUT_FEATURES, LayerModel.OUTPUTS, spec, TRAINER_VERSION, v,
                Map.of("recordingMinutes", Double.toString(o.minutes()), "trainSeeds", Integer.toString(o.trainSeeds()),
                        "decisionPeriodMs", Integer.toString(Trainer.DECISION_PERIOD_MS)));
    }

    /** Persistence: the period just ended's loads and harm as the prediction. */
    static double[] persistenceMse(Dataset d) {
        int[] from = {0, 1, LayerModel.INPUT_FEATURES.indexOf("harmEvents")};
        double[] se = new double[3];
        float[][] x = d.features();
        float[][] y = d.labels();
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 3; k++) se[k] += (x[i][from[k]] - y[i][k]) * (double) (x[i][from[k]] - y[i][k]);
        }
        for (int k = 0; k < 3; k++) se[k] /= Math.max(1, x.length);
        return se;
    }

    /**
     * Mean over the rows whose offset can rise of prediction(step up) - prediction(hold), per output; the step's "moved"
     * features are not recomputed (the recorded row's are kept for the up step, zero for hold), so this is an indication.
     */
    static double[] stepEffect(Predictor p, Dataset d) {
        int step = LayerModel.INPUT_FEATURES.indexOf("offsetStepDb");
        int moved = LayerModel.INPUT_FEATURES.indexOf("movedUes");
        int movedPrb = LayerModel.INPUT_FEATURES.indexOf("movedPrb");
        double[] sum = new double[3];
        int n = 0;
        float[] a = new float[3];
        float[] b = new float[3];
        for (float[] row : d.features()) {
            if (row[step] <= 0) continue;  // rows recorded with a step up carry its moved UEs
            float[] hold = row.clone();
            hold[step] = 0;
            hold[moved] = 0;
            hold[movedPrb] = 0;
            p.predict(row, a);
            p.predict(hold, b);
            for (int k = 0; k < 3; k++) sum[k] += a[k] - b[k];
            n++;
        }
        for (int k = 0; k < 3; k++) sum[k] /= Math.max(1, n);
        return sum;
    }

    static SimConfig config(TrainOptions o, int i, double demand) {
        SimConfig base = o.config();
        return base.toBuilder().seed(2_000_029L * o.seed() + 31L * i + 7)
                .ftp3(base.ftpFileArrivalsPerS() * demand, base.ftpFileSizeMbit()).build();
    }

    /** Records one simulation (see the class comment). */
    static Dataset record(SimConfig cfg, double minutes, long exploreSeed) {
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        LayerPlan plan = LayerPlan.fromConfig(Evaluate.layerConfig(cfg));
        String capacity = cfg.carriers().get(1).name();
        SplittableRandom rnd = new SplittableRandom(exploreSeed);
        CellState state = new CellState();
        LayerState layers = new LayerState(plan, cfg.carriers().get(0).interFreqThreshold2Dbm());
        UeReturns returns = new UeReturns(LoadBalancingXapp.RETURN_WINDOW_MS, plan::layer);
        int nf = LayerModel.INPUT_FEATURES.size();
        Dataset d = new Dataset(nf, LayerModel.OUTPUTS.size());
        int per = Trainer.DECISION_PERIOD_MS / Trainer.REPORT_PERIOD_MS;
        long periods = Math.round(minutes * 60_000 / Trainer.REPORT_PERIOD_MS);
        Map<String, Double> offsets = new HashMap<>();
        Map<String, double[]> lowering = new HashMap<>();
        List<float[]> pending = new ArrayList<>();
        List<String[]> pendingSectors = new ArrayList<>();
        List<double[]> pendingSums = new ArrayList<>();  // {low load, high load, harm, periods}
        for (long k = 0; k < periods; k++) {
            for (KpmReport r : run.nextPeriod(true)) {
                state.add(r);
                returns.add(r);
                layers.add(r);
            }
            if ((k + 1) % per != 0) continue;
            Map<String, String[]> sectors = new TreeMap<>();
            for (String id : state.cellIds()) {
                int l = plan.layer(id);
                if (l >= 0) sectors.computeIfAbsent(plan.sector(id), s -> new String[2])[l] = id;
            }
            List<String> seen = state.cellIds();
            for (int i = pending.size() - 1; i >= 0; i--) {
                String[] s = pendingSectors.get(i);
                double[] sum = pendingSums.get(i);
                if (seen.contains(s[0]) && seen.contains(s[1])) {
                    sum[0] += state.load(s[0]);
                    sum[1] += state.load(s[1]);
                    sum[2] += LayerState.harm(state, returns, s[0], s[1]);
                    sum[3]++;
                }
                if (++sum[4] < HORIZON_PERIODS) continue;
                if (sum[3] == HORIZON_PERIODS) {
                    d.add(pending.get(i), new float[] {(float) (sum[0] / sum[3]), (float) (sum[1] / sum[3]), (float) (sum[2] / sum[3])});
                }
                pending.remove(i);
                pendingSectors.remove(i);
                pendingSums.remove(i);
            }
            for (Map.Entry<String, String[]> e : sectors.entrySet()) {
                String low = e.getValue()[0];
                String high = e.getValue()[1];
                if (low == null || high == null) continue;
                double now = offsets.getOrDefault(e.getKey(), 0.0);
                int u = rnd.nextInt(3);
                double next = Math.max(0, Math.min(MAX_OFFSET_DB, now + (u - 1) * STEP_DB));
                float[] row = new float[nf];
                layers.features(state, returns, low, high, now, next - now, row, 0);
                pending.add(row);
                pendingSectors.add(e.getValue());
                pendingSums.add(new double[5]);
                if (next != now) {
                    run.model().setInterFrequencyOffset(low, capacity, next);
                    offsets.put(e.getKey(), next);
                }
                // the capacity cell's A5 threshold 1 as LayerSteering lowers it
                double[] t = lowering.computeIfAbsent(e.getKey(), s -> new double[3]);
                double want = Math.max(next, Math.max(t[1], t[2]));
                t[2] = t[1];
                t[1] = next;
                if (want != t[0]) {
                    t[0] = want;
                    run.model().setInterFrequencyThresholds(high, Math.max(-156, plan.a5Threshold1Dbm() - want), plan.a5Threshold2Dbm());
                }
            }
            state.reset();
            returns.reset();
            layers.reset();
        }
        return d;
    }
}
