package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;

import io.jric.sim.SimConfig;
import io.jric.sim.UeView;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ric train power-control}: records training data from the simulator, trains the power model,
 * validates it on held-out seeds against the trivial predictor and writes the bundle zip.
 *
 * <h2>Data</h2>
 * For each recording seed two copies of the same simulated network run in lock step: a reference with
 * every cell at maximum power (the peers' rule) and an exploration run whose cells take random powers
 * (a network-wide level drawn every 20 s from the whole range, each cell within +-1 dB of it, redrawn
 * every report period: the xApp moves cells together, so that is the distribution it meets). The
 * recordings cycle the mean UE demand through 0.6x, 1x and 1.6x the configured one so the model
 * sees light and heavy load. UE mobility and traffic draw from their own random streams, so both runs see
 * the same UEs at the same places wanting the same traffic; only radio and cell choice differ. For
 * every cell and report period of the exploration run one row is recorded: the features are the
 * cell's previous KPM report (what the RIC saw) plus the power the cell then ran with; the labels are
 * (1) the throughput the UEs the cell served got, divided by what the same UEs got at the same ticks
 * in the reference run, and (2) the cell's input power in W over the period.
 *
 * <h2>Usage</h2>
 * {@code Trainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]}; defaults
 * write to the model cache ({@link ModelCache}), where the xApp looks.
 */
public final class Trainer {
    /** Changes whenever recording, features or training change: part of the cache key. */
    public static final String TRAINER_VERSION = "p2";
    /** The seed the shipped default model is trained with. */
    public static final long DEFAULT_SEED = 7;

    /** The shipped default model's options. */
    public static TrainOptions defaults() {
        return new TrainOptions(DEFAULT_SEED, 4, 10, 25, SimConfig.defaults());
    }

    private Trainer() {}

    public static void main(String[] args) throws Exception {
        TrainOptions.runMain(args, defaults(), PowerModel.MODEL_NAME, TRAINER_VERSION, Trainer::train);
    }

    /** Records, trains, validates; prints progress and the validation figures. */
    public static ModelBundle train(TrainOptions o) throws Exception {
        long t0 = System.nanoTime();
        Dataset train = new Dataset(PowerModel.INPUT_FEATURES.size(), PowerModel.OUTPUTS.size());
        for (int s = 0; s < o.trainSeeds(); s++) train.addAll(record(recordingConfig(o, s), o.minutes(), o.seed() * 31 + s));
        // Validated at the configured demand (the serving conditions; index 1000 of the demand cycle would be 0.6x).
        Dataset valid = record(o.config().toBuilder().seed(recordingSeed(o.seed(), 1000)).build(), o.minutes(), o.seed() * 31 + 1000);
        System.out.printf(Locale.ROOT, "recorded %d training rows (%d simulations x %.1f min) and %d validation rows in %.1f s%n",
                train.size(), o.trainSeeds(), o.minutes(), valid.size(), (System.nanoTime() - t0) / 1e9);
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(o.seed(), o.epochs(), 32, 32);
        MlpTrainer.Result r = MlpTrainer.train(train.shuffled(o.seed()), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES,
                PowerModel.OUTPUTS, spec, TRAINER_VERSION, Map.of(), Map.of());
        double[] mse = MlpTrainer.mse(new Predictor(provisional), valid);
        double[] trivial = MlpTrainer.trivialMse(train, valid);
        Map<String, Double> v = new LinkedHashMap<>();
        for (int j = 0; j < mse.length; j++) {
            v.put(PowerModel.OUTPUTS.get(j) + ".mse", mse[j]);
            v.put(PowerModel.OUTPUTS.get(j) + ".trivialMse", trivial[j]);
            System.out.printf(Locale.ROOT, "validation %-22s MSE %.5f   trivial predictor (training mean) %.5f   (%.1f %% of trivial)%n",
                    PowerModel.OUTPUTS.get(j), mse[j], trivial[j], 100 * mse[j] / trivial[j]);
        }
        powerMseByLevel(new Predictor(provisional), valid).forEach(v::put);
        v.put("trainRows", (double) train.size());
        v.put("validationRows", (double) valid.size());
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d epochs); total %.1f s%n", r.trainMillis() / 1e3, o.epochs(),
                (System.nanoTime() - t0) / 1e9);
        return MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS, spec,
                TRAINER_VERSION, v, Map.of("recordingMinutes", Double.toString(o.minutes()),
                        "trainSeeds", Integer.toString(o.trainSeeds())));
    }

    private static final double[] DEMAND_SCALE = {1.0, 0.6, 1.6};

    /** Width of the Tx power bins of {@link #powerMseByLevel}, dB. */
    static final int LEVEL_BIN_DB = 5;
    /** Fewest validation rows a bin needs for its MSE to be kept. */
    static final int LEVEL_BIN_MIN_ROWS = 30;

    /**
     * The power head's validation MSE per Tx power level bin ({@link #levelKey}: 20-24, 25-29, ..., 40-46 dBm): the
     * error depends on the level (the power drawn moves with the load in proportion to the Tx power), so the drift
     * watch compares a cell's error with the validation error at the level the cell runs at (docs/ml-lifecycle.md,
     * section 9). Bins with fewer than {@link #LEVEL_BIN_MIN_ROWS} rows are left out.
     */
    static Map<String, Double> powerMseByLevel(Predictor p, Dataset valid) {
        int k = PowerModel.KPI_FEATURES.size();
        int power = PowerModel.OUTPUTS.indexOf("cellPowerW");
        Map<String, double[]> acc = new java.util.TreeMap<>();
        float[] out = new float[PowerModel.OUTPUTS.size()];
        float[][] x = valid.features();
        float[][] y = valid.labels();
        for (int i = 0; i < x.length; i++) {
            p.predict(x[i], out);
            double e = out[power] - y[i][power];
            double[] a = acc.computeIfAbsent(levelKey(x[i][k]), key -> new double[2]);
            a[0] += e * e;
            a[1]++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        acc.forEach((key, a) -> {
            if (a[1] >= LEVEL_BIN_MIN_ROWS) m.put(key, a[0] / a[1]);
        });
        return m;
    }

    /** The validation key of the power head's MSE at {@code levelDbm}: {@code cellPowerW.mse.dbm<bin start>}. */
    static String levelKey(double levelDbm) {
        int bin = (int) Math.floor((levelDbm - 20) / LEVEL_BIN_DB);
        bin = Math.max(0, Math.min(4, bin));  // 40-46 dBm is the last bin
        return "cellPowerW.mse.dbm" + (20 + LEVEL_BIN_DB * bin);
    }

    static SimConfig recordingConfig(TrainOptions o, int i) {
        return o.config().toBuilder().seed(recordingSeed(o.seed(), i))
                .trafficMeanMbps(o.config().trafficMeanMbps() * DEMAND_SCALE[i % DEMAND_SCALE.length]).build();
    }

    static long recordingSeed(long seed, int i) {
        return 1_000_003L * seed + 17L * i + 1;
    }

    /** One paired recording (see the class comment). */
    static Dataset record(SimConfig cfg, double minutes, long exploreSeed) {
        int periodMs = 1000;
        SimRun ref = new SimRun(cfg, periodMs);
        SimRun exp = new SimRun(cfg, periodMs);
        List<String> cells = ref.model().cellIds();
        double maxP = cfg.maxTxPowerDbm();
        double minP = cfg.minTxPowerDbm();
        for (String c : cells) ref.model().setTxPower(c, maxP);
        for (String c : cells) exp.model().setTxPower(c, maxP);
        SplittableRandom rnd = new SplittableRandom(exploreSeed);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) idx.put(cells.get(i), i);
        int n = cells.size();
        double[] sumExp = new double[n];
        double[] sumRef = new double[n];
        Dataset d = new Dataset(PowerModel.INPUT_FEATURES.size(), PowerModel.OUTPUTS.size());
        Map<String, CellKpi> previous = new HashMap<>();
        long periods = Math.round(minutes * 60_000 / periodMs);
        double level = maxP;
        float[] row = new float[PowerModel.INPUT_FEATURES.size()];
        for (long k = 0; k < periods; k++) {
            // Choose this period's powers (the "candidate" the features pair with the previous report).
            if (k % 20 == 0) level = minP + rnd.nextDouble() * (maxP - minP);
            double[] power = new double[n];
            for (int i = 0; i < n; i++) {
                double p = Math.round(level + (rnd.nextDouble() * 2 - 1));
                power[i] = Math.max(minP, Math.min(maxP, p));
                exp.model().setTxPower(cells.get(i), power[i]);
            }
            java.util.Arrays.fill(sumExp, 0);
            java.util.Arrays.fill(sumRef, 0);
            for (int t = 0; t < exp.periodTicks(); t++) {
                ref.tick();
                exp.tick();
                double[] thrRef = ref.model().ueThroughputSamplesMbps();
                for (UeView u : exp.model().ues()) {
                    if (!u.active() || u.servingCellId() == null) continue;
                    int c = idx.get(u.servingCellId());
                    sumExp[c] += u.throughputDlMbps();
                    sumRef[c] += thrRef[(int) u.ueId() - 1];
                }
            }
            ref.collect(false);
            List<KpmReport> reports = exp.collect(false);
            Map<String, CellKpi> now = new HashMap<>();
            for (KpmReport r : reports) for (CellKpi c : r.cells()) now.put(c.cellId(), c);
            double periodHours = periodMs / 3_600_000.0;
            for (int i = 0; i < n; i++) {
                CellKpi before = previous.get(cells.get(i));
                CellKpi after = now.get(cells.get(i));
                if (before == null || after == null || sumRef[i] < 1) continue;
                PowerModel.features(before, power[i], row, 0);
                float ratio = (float) Math.min(1.5, sumExp[i] / sumRef[i]);
                float watts = (float) (after.energyWh() / periodHours);
                d.add(row, new float[] {ratio, watts});
            }
            previous = now;
        }
        return d;
    }

    /** Exposed for tests: records a small data set. */
    static Dataset recordForTest(SimConfig cfg, double minutes, long seed) {
        return record(cfg, minutes, seed);
    }

}
