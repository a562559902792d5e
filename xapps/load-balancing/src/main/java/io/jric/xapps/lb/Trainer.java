package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.ModelMetadata;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the load-balancing model: records data from the simulator, builds features, trains, validates
 * on a held-out simulation against trivial predictors, writes the bundle zip.
 *
 * <h2>Data</h2>
 * The default network (21 cells, 300 UEs; mean demand cycled through 1x, 0.3x, 1.4x and 0.6x the
 * default across recordings, first without a hotspot, then (recordings 4-7) with 10 % of the UEs in a
 * hotspot whose centre is drawn from the recording's seed; the validation recording has none) reports {@code cell-and-ue} KPM every second into the xApp's own {@link CellState}.
 * Every decision period (5 s) each cell's CIO takes a random step (probability 0.5: -3, -2, +2 or
 * +3 dB, kept in [-8, 8] dB; probability 0.05 back to 0). One row per cell and decision: the features
 * of the period just ended with the change just applied as the candidate; the labels are the cell's
 * mean PRB load and its radio link failures over the following period.
 *
 * <h2>Usage</h2>
 * {@code Trainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]}; without
 * {@code --out} writes to the model cache ({@link ModelCache}). Set {@code OMP_NUM_THREADS=1}.
 */
public final class Trainer {
    /** Changes whenever recording, features or training change: part of the cache key. */
    public static final String TRAINER_VERSION = "l4";
    /** The seed of the default model. */
    public static final long DEFAULT_SEED = 13;
    static final int REPORT_PERIOD_MS = 1000;
    static final int DECISION_PERIOD_MS = 5000;
    private static final double[] DEMAND_SCALE = {1.0, 0.3, 1.4, 0.6};
    /** Share of the UEs in a hotspot in the second round of demand levels (centre drawn per recording). */
    private static final double HOTSPOT_SHARE = 0.1;

    /** The shipped default model's options. */
    public static TrainOptions defaults() {
        return new TrainOptions(DEFAULT_SEED, 8, 15, 40, SimConfig.defaults());
    }

    private Trainer() {}

    public static void main(String[] args) throws Exception {
        TrainOptions.runMain(args, defaults(), LbModel.MODEL_NAME, TRAINER_VERSION, Trainer::train);
    }

    /** Records, trains, validates; prints progress and the validation figures. */
    public static ModelBundle train(TrainOptions o) throws Exception {
        long t0 = System.nanoTime();
        Dataset train = new Dataset(LbModel.INPUT_FEATURES.size(), LbModel.OUTPUTS.size());
        for (int s = 0; s < o.trainSeeds(); s++) train.addAll(record(config(o, s), o.minutes(), o.seed() * 7919 + s));
        Dataset valid = record(config(o, 1000), o.minutes(), o.seed() * 7919 + 1000);
        System.out.printf(Locale.ROOT, "recorded %d training rows (%d simulations x %.1f min) and %d validation rows in %.1f s%n",
                train.size(), o.trainSeeds(), o.minutes(), valid.size(), (System.nanoTime() - t0) / 1e9);
        MlpTrainer.Spec spec = new MlpTrainer.Spec(new int[] {32, 32}, ModelMetadata.REGRESSION, 2e-3, 1e-5, o.epochs(), 128,
                o.seed(), null);
        MlpTrainer.Result r = MlpTrainer.train(train.shuffled(o.seed()), spec);
        ModelBundle provisional = MlpTrainer.bundle(r, LbModel.MODEL_NAME, "1", LbModel.INPUT_FEATURES, LbModel.OUTPUTS, spec,
                TRAINER_VERSION, Map.of(), Map.of());
        Predictor p = new Predictor(provisional);
        double[] mseAll = MlpTrainer.mse(p, valid);
        double[] trivialAll = MlpTrainer.trivialMse(train, valid);
        double mse = mseAll[0];
        double trivial = trivialAll[0];
        double persistence = persistenceMse(valid);
        double effect = ownCioEffect(p, valid);
        System.out.printf(Locale.ROOT, "validation nextPrbUsedDlPct: MSE %.2f | trivial (training mean) %.2f | persistence "
                + "(load of the period just ended) %.2f -> model at %.1f %% of the best trivial predictor%n",
                mse, trivial, persistence, 100 * mse / Math.min(trivial, persistence));
        System.out.printf(Locale.ROOT, "validation nextRlfCount: MSE %.4f | trivial (training mean) %.4f%n", mseAll[1], trivialAll[1]);
        System.out.printf(Locale.ROOT, "validation: mean predicted load with own CIO +2 dB minus -2 dB: %+.2f %% PRB "
                + "(positive = a higher offset attracts load)%n", effect);
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d epochs); total %.1f s%n", r.trainMillis() / 1e3, o.epochs(),
                (System.nanoTime() - t0) / 1e9);
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("nextPrbUsedDlPct.mse", mse);
        v.put("nextPrbUsedDlPct.trivialMse", trivial);
        v.put("nextPrbUsedDlPct.persistenceMse", persistence);
        v.put("nextRlfCount.mse", mseAll[1]);
        v.put("nextRlfCount.trivialMse", trivialAll[1]);
        v.put("ownCioEffectPct", effect);
        v.put("trainRows", (double) train.size());
        v.put("validationRows", (double) valid.size());
        return MlpTrainer.bundle(r, LbModel.MODEL_NAME, "1", LbModel.INPUT_FEATURES, LbModel.OUTPUTS, spec, TRAINER_VERSION, v,
                Map.of("recordingMinutes", Double.toString(o.minutes()), "trainSeeds", Integer.toString(o.trainSeeds()),
                        "decisionPeriodMs", Integer.toString(DECISION_PERIOD_MS)));
    }

    static double persistenceMse(Dataset d) {
        double se = 0;
        float[][] x = d.features();
        float[][] y = d.labels();
        for (int i = 0; i < x.length; i++) se += (x[i][0] - y[i][0]) * (double) (x[i][0] - y[i][0]);
        return se / Math.max(1, x.length);
    }

    /** Mean of prediction(own change +2 dB) - prediction(own change -2 dB) over the rows (others as recorded). */
    static double ownCioEffect(Predictor p, Dataset d) {
        double sum = 0;
        float[] out = new float[2];
        for (float[] row : d.features()) {
            float[] up = row.clone();
            float[] down = row.clone();
            up[4] = 2;
            down[4] = -2;
            p.predict(up, out);
            double a = out[0];
            p.predict(down, out);
            sum += a - out[0];
        }
        return sum / Math.max(1, d.size());
    }

    static SimConfig config(TrainOptions o, int i) {
        long seed = 2_000_029L * o.seed() + 31L * i + 5;
        SimConfig.Builder b = o.config().toBuilder().seed(seed)
                .trafficMeanMbps(o.config().trafficMeanMbps() * DEMAND_SCALE[Math.floorMod(i, DEMAND_SCALE.length)]);
        if (Math.floorMod(i / DEMAND_SCALE.length, 2) == 1) {
            double[] c = randomHotspotCentre(seed, o.config().interSiteDistanceM());
            b.hotspotShare(HOTSPOT_SHARE).hotspotCentre(c[0], c[1]);
        }
        return b.build();
    }

    /**
     * A hotspot centre drawn for {@code seed}: uniform over the disc of one inter-site distance around the
     * centre site, independent of the simulator's own random streams.
     */
    static double[] randomHotspotCentre(long seed, double isdM) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 1_000_003L + 17);
        double d = isdM * Math.sqrt(r.nextDouble());
        double a = 2 * Math.PI * r.nextDouble();
        return new double[] {d * Math.cos(a), d * Math.sin(a)};
    }

    /** Records one simulation (see the class comment). */
    static Dataset record(SimConfig cfg, double minutes, long exploreSeed) {
        SimRun run = new SimRun(cfg, REPORT_PERIOD_MS);
        SplittableRandom rnd = new SplittableRandom(exploreSeed);
        CellState state = new CellState();
        Dataset d = new Dataset(LbModel.INPUT_FEATURES.size(), LbModel.OUTPUTS.size());
        int nf = LbModel.INPUT_FEATURES.size();
        int per = DECISION_PERIOD_MS / REPORT_PERIOD_MS;
        long periods = Math.round(minutes * 60_000 / REPORT_PERIOD_MS);
        float[] pending = null;
        List<String> pendingIds = null;
        for (long k = 0; k < periods; k++) {
            for (KpmReport r : run.nextPeriod(true)) state.add(r);
            if ((k + 1) % per != 0) continue;
            List<String> ids = state.cellIds();
            if (pending != null) {
                for (int i = 0; i < pendingIds.size(); i++) {
                    float[] row = new float[nf];
                    System.arraycopy(pending, i * nf, row, 0, nf);
                    d.add(row, new float[] {(float) state.load(pendingIds.get(i)), (float) state.rlf(pendingIds.get(i))});
                }
            }
            double[] change = new double[ids.size()];
            for (int i = 0; i < ids.size(); i++) {
                double cio = state.cio(ids.get(i));
                double u = rnd.nextDouble();
                double next = cio;
                if (u < 0.05) next = 0;
                else if (u < 0.55) next = cio + new double[] {-3, -2, 2, 3}[rnd.nextInt(4)];
                next = Math.max(-8, Math.min(8, next));
                change[i] = next - cio;
            }
            pending = new float[ids.size() * nf];
            pendingIds = ids;
            state.features(ids, change, pending);
            for (int i = 0; i < ids.size(); i++) {
                if (change[i] != 0) run.model().setCio(ids.get(i), state.cio(ids.get(i)) + change[i]);
            }
            state.reset();
        }
        return d;
    }
}
