package io.jric.xapps.handover;

import io.jric.api.kpm.KpmReport;
import io.jric.sim.CellView;
import io.jric.sim.RanModel;
import io.jric.sim.SimConfig;
import io.jric.sim.UeView;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the handover model: records data from the simulator, builds features, trains, validates on
 * a held-out simulation against trivial predictors, writes the bundle zip.
 *
 * <h2>Data</h2>
 * The default network (21 cells, 300 UEs) runs under the RAN's own A3 mobility (no xApp), with every
 * cell's A3 widened as the xApp sets it while it leads mobility (10 dB, 1024 ms; {@link #leadConfig}), reporting
 * {@code cell-and-ue} KPM every 200 ms. Each report goes through the xApp's own {@link UeTracker}, so
 * the features are exactly those the xApp computes. Every UE is sampled once every 2 s (staggered);
 * each neighbour it reports with an RSRP within 6 dB of the serving cell gives one row. The label
 * looks ahead {@link HandoverModel#HORIZON_MS} in the same run: the mean SINR (clamped to -10..25 dB)
 * the UE would have had on that neighbour along its actual path, computed tick by tick from the RSRP
 * of every cell at the UE and the cells' loads (the simulator's own interference rule), minus the mean
 * SINR the UE actually got while A3 managed it. Mobility does not depend on the serving cell, so the
 * path is the same either way; only the small effect of the UE's own traffic on cell loads is ignored.
 *
 * <h2>Usage</h2>
 * {@code Trainer [--seed N] [--train-seeds N] [--minutes M] [--epochs E] [--out file.zip]}; without
 * {@code --out} writes to the model cache ({@link ModelCache}), where the xApp and Evaluate look.
 * Set {@code OMP_NUM_THREADS=1}.
 */
public final class Trainer {
    /** Changes whenever recording, features or training change: part of the cache key. */
    public static final String TRAINER_VERSION = "h5";
    /** The seed of the default model. */
    public static final long DEFAULT_SEED = 11;
    static final int REPORT_PERIOD_MS = 200;
    private static final double NOISE_MW = Math.pow(10, (-174 + 10 * Math.log10(15_000) + 7) / 10);

    /** The shipped default model's options. */
    public static TrainOptions defaults() {
        return new TrainOptions(DEFAULT_SEED, 3, 8, 12, leadConfig(SimConfig.defaults()));
    }

    /**
     * The network as the xApp runs it by default (policy {@code leadMobility}): every cell's A3 widened
     * to the policy default's 10 dB / 1024 ms, a safety net under the xApp's own handovers.
     */
    public static SimConfig leadConfig(SimConfig base) {
        return base.toBuilder().a3HysteresisDb(HandoverPolicy.DEFAULT.ranA3HysteresisDb())
                .a3TimeToTriggerMs(HandoverPolicy.DEFAULT.ranA3TimeToTriggerMs()).build();
    }

    private Trainer() {}

    /**
     * Trainer version of the several-carrier model (issue #16, fourth round): the same recording, features and
     * training as {@link #TRAINER_VERSION} on the two-layer FTP3 network, with interference, noise and the A3 replay
     * per carrier and rows only for neighbours on the serving cell's carrier. Part of its cache key.
     */
    public static final String TWO_LAYER_TRAINER_VERSION = TRAINER_VERSION + "-two-layer";
    /** The seed of the several-carrier model (its recordings: 1000003 x 12 + 17 i + 1, never an evaluation seed). */
    public static final long TWO_LAYER_SEED = 12;

    /**
     * The several-carrier model's options: the two-layer FTP3 network (42 cells, 300 UEs) with every cell's A3 as the
     * xApp sets it while it leads, 2 recordings x 5 simulated minutes (a few minutes on 2 busy cores).
     */
    public static TrainOptions twoLayerDefaults() {
        return new TrainOptions(TWO_LAYER_SEED, 2, 5, 12, leadConfig(SimConfig.preset("two-layer-ftp3").build()));
    }

    /** Which model the xApp and the evaluation use: its cache key and how to train it. */
    public record ModelChoice(String trainerVersion, long seed, TrainOptions options) {}

    /**
     * The model for a network: on one carrier ({@code cellsPerLayer <= 0}, the default) the default model
     * ({@link #TRAINER_VERSION}, seed {@link #DEFAULT_SEED}), unchanged; on several carriers the model trained on
     * the two-layer network ({@link #TWO_LAYER_TRAINER_VERSION}, seed {@link #TWO_LAYER_SEED}).
     */
    public static ModelChoice modelFor(int cellsPerLayer) {
        return cellsPerLayer <= 0 ? new ModelChoice(TRAINER_VERSION, DEFAULT_SEED, defaults())
                : new ModelChoice(TWO_LAYER_TRAINER_VERSION, TWO_LAYER_SEED, twoLayerDefaults());
    }

    /**
     * {@code Trainer [--config default|two-layer-ftp3] [--seed N] [--train-seeds N] [--minutes M] [--epochs E]
     * [--out file.zip]}: {@code --config two-layer-ftp3} trains the several-carrier model (its own defaults and cache
     * key, {@link #modelFor}).
     */
    public static void main(String[] args) throws Exception {
        TrainOptions.ConfigArg config = TrainOptions.takeConfigOrExit(args, java.util.Set.of("default", "two-layer-ftp3"));
        boolean twoLayer = !config.isDefault();
        String[] rest = config.rest();
        ModelChoice c = modelFor(twoLayer ? 1 : 0);
        TrainOptions.runMain(rest, c.options(), HandoverModel.MODEL_NAME, c.trainerVersion(),
                Trainer::train);
    }

    /** Records, trains, validates; prints progress and the validation figures. */
    public static ModelBundle train(TrainOptions o) throws Exception {
        long t0 = System.nanoTime();
        Dataset train = new Dataset(HandoverModel.INPUT_FEATURES.size(), HandoverModel.OUTPUTS.size());
        for (int s = 0; s < o.trainSeeds(); s++) train.addAll(record(config(o, s), o.minutes()));
        Dataset valid = record(config(o, 1000), o.minutes());
        System.out.printf(Locale.ROOT, "recorded %d training rows (%d simulations x %.1f min) and %d validation rows in %.1f s%n",
                train.size(), o.trainSeeds(), o.minutes(), valid.size(), (System.nanoTime() - t0) / 1e9);
        MlpTrainer.Spec spec = new MlpTrainer.Spec(new int[] {48, 32}, io.jric.xapps.ml.ModelMetadata.REGRESSION, 2e-3, 1e-5,
                o.epochs(), 256, o.seed(), null);
        MlpTrainer.Result r = MlpTrainer.train(train.shuffled(o.seed()), spec);
        String version = o.config().multiCarrier() ? TWO_LAYER_TRAINER_VERSION : TRAINER_VERSION;
        ModelBundle provisional = MlpTrainer.bundle(r, HandoverModel.MODEL_NAME, "1", HandoverModel.INPUT_FEATURES,
                HandoverModel.OUTPUTS, spec, version, Map.of(), Map.of());
        Validation v = validate(new Predictor(provisional), train, valid);
        System.out.printf(Locale.ROOT, "validation futureSinrGainDb: MSE %.3f dB^2 | trivial (training mean) %.3f | "
                        + "persistence (current SINR delta) %.3f  -> model at %.1f %% of the best trivial predictor%n",
                v.mse, v.trivialMse, v.persistenceMse, 100 * v.mse / Math.min(v.trivialMse, v.persistenceMse));
        System.out.printf(Locale.ROOT, "validation decision 'gain >= 2 dB': model precision %.3f recall %.3f | "
                + "persistence precision %.3f recall %.3f%n", v.precision, v.recall, v.persistencePrecision, v.persistenceRecall);
        System.out.printf(Locale.ROOT, "validation pingPongRiskDelta: MSE %.4f | trivial (training mean) %.4f%n",
                v.riskBrier, v.riskTrivialBrier);
        System.out.printf(Locale.ROOT, "trained in %.1f s (%d epochs); total %.1f s%n", r.trainMillis() / 1e3, o.epochs(),
                (System.nanoTime() - t0) / 1e9);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("futureSinrGainDb.mse", v.mse);
        m.put("futureSinrGainDb.trivialMse", v.trivialMse);
        m.put("futureSinrGainDb.persistenceMse", v.persistenceMse);
        m.put("pingPongRiskDelta.mse", v.riskBrier);
        m.put("pingPongRiskDelta.trivialMse", v.riskTrivialBrier);
        m.put("gain2dB.precision", v.precision);
        m.put("gain2dB.recall", v.recall);
        m.put("trainRows", (double) train.size());
        m.put("validationRows", (double) valid.size());
        return MlpTrainer.bundle(r, HandoverModel.MODEL_NAME, "1", HandoverModel.INPUT_FEATURES, HandoverModel.OUTPUTS, spec,
                version, m, Map.of("recordingMinutes", Double.toString(o.minutes()),
                        "trainSeeds", Integer.toString(o.trainSeeds()), "horizonMs", Integer.toString(HandoverModel.HORIZON_MS)));
    }

    /** Held-out figures of a predictor. */
    record Validation(double mse, double trivialMse, double persistenceMse, double precision, double recall,
                      double persistencePrecision, double persistenceRecall, double riskBrier, double riskTrivialBrier) {}

    static Validation validate(Predictor p, Dataset train, Dataset valid) {
        double[] mseAll = MlpTrainer.mse(p, valid);
        double[] trivialAll = MlpTrainer.trivialMse(train, valid);
        double mse = mseAll[0];
        double trivial = trivialAll[0];
        float[][] x = valid.features();
        float[][] y = valid.labels();
        double pers = 0;
        int[] model = new int[3];  // tp, fp, fn
        int[] persC = new int[3];
        float[] out = new float[2];
        for (int i = 0; i < x.length; i++) {
            float guess = x[i][3];
            pers += (guess - y[i][0]) * (double) (guess - y[i][0]);
            p.predict(x[i], out);
            count(model, out[0] >= 2, y[i][0] >= 2);
            count(persC, guess >= 2, y[i][0] >= 2);
        }
        return new Validation(mse, trivial, pers / Math.max(1, x.length), prec(model), rec(model), prec(persC), rec(persC),
                mseAll[1], trivialAll[1]);
    }

    private static void count(int[] c, boolean predicted, boolean actual) {
        if (predicted && actual) c[0]++;
        else if (predicted) c[1]++;
        else if (actual) c[2]++;
    }

    private static double prec(int[] c) {
        return c[0] + c[1] == 0 ? 0 : c[0] / (double) (c[0] + c[1]);
    }

    private static double rec(int[] c) {
        return c[0] + c[2] == 0 ? 0 : c[0] / (double) (c[0] + c[2]);
    }

    static SimConfig config(TrainOptions o, int i) {
        return o.config().toBuilder().seed(1_000_003L * o.seed() + 17L * i + 1).build();
    }

    /** The RAN's A3 rule replayed for one hypothetical UE along a recorded path, counting ping-pongs. */
    private static final class A3Replay {
        int cur;
        int prev;
        int lastHoTick;
        int cand = -1;
        int candTicks;
        int pingPongs;

        A3Replay(int cur, int prev, int lastHoTick) {
            this.cur = cur;
            this.prev = prev;
            this.lastHoTick = lastHoTick;
        }

        /**
         * One tick: the strongest other cell (RSRP + CIO) must beat the current one by the hysteresis
         * plus offset for the time to trigger; a handover back to the previous cell within the
         * ping-pong window counts.
         */
        void tick(int tick, double[] l, int n, double[] cio, int[] carrier, int tttTicks, int windowTicks) {
            double own = l[n + 1 + cur] + cio[cur];
            int best = -1;
            double bestV = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < n; c++) {
                if (c == cur || carrier[c] != carrier[cur]) continue;  // A3 is intra-frequency
                double v = l[n + 1 + c] + cio[c];
                if (v > bestV) {
                    bestV = v;
                    best = c;
                }
            }
            if (best < 0 || !(bestV > own + A3_HYSTERESIS_DB)) {
                cand = -1;
                candTicks = 0;
                return;
            }
            if (best != cand) {
                cand = best;
                candTicks = 0;
            }
            if (++candTicks >= tttTicks) {
                if (best == prev && tick - lastHoTick <= windowTicks) pingPongs++;
                prev = cur;
                cur = best;
                lastHoTick = tick;
                cand = -1;
                candTicks = 0;
            }
        }
    }

    /** One pending row: features fixed at sampling time, labels accumulated over the horizon. */
    private static final class Pending {
        final int ue;
        final int cell;
        final float[] features;
        final A3Replay onTarget;
        final A3Replay stay;
        int ticks;
        double sumCand;
        double sumActual;

        Pending(int ue, int cell, A3Replay onTarget, A3Replay stay, float[] features) {
            this.ue = ue;
            this.cell = cell;
            this.onTarget = onTarget;
            this.stay = stay;
            this.features = features;
        }
    }

    /** Records one simulation (see the class comment). */
    static Dataset record(SimConfig cfg, double minutes) {
        SimRun run = new SimRun(cfg, REPORT_PERIOD_MS);
        RanModel m = run.model();
        List<String> cells = m.cellIds();
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < cells.size(); i++) idx.put(cells.get(i), i);
        UeTracker tracker = new UeTracker();
        Dataset d = new Dataset(HandoverModel.INPUT_FEATURES.size(), HandoverModel.OUTPUTS.size());
        List<Pending> pending = new ArrayList<>();
        int horizonTicks = HandoverModel.HORIZON_MS / cfg.tickMs();
        int ppTicks = HandoverModel.PING_PONG_HORIZON_MS / cfg.tickMs();
        int tttTicks = (int) Math.ceil(cfg.a3TimeToTriggerMs() / (double) cfg.tickMs()) + 1;
        double[] cio = new double[cells.size()];
        int sampleEvery = 2000 / REPORT_PERIOD_MS;
        double[] act = new double[cells.size()];
        Map<Integer, double[]> rsrpLin = new HashMap<>();
        // several carriers: a cell's carrier (interference, noise per resource element and A3 stay within it); one: all 0
        int[] carrier = new int[cells.size()];
        double[] noise = new double[Math.max(1, cfg.carriers().size())];
        noise[0] = NOISE_MW;
        if (cfg.multiCarrier()) {
            for (int k = 0; k < cfg.carriers().size(); k++) noise[k] = NOISE_MW * cfg.carriers().get(k).scsKhz() / 15.0;
            for (int c = 0; c < cells.size(); c++) {
                String name = m.carrierOf(cells.get(c));
                for (int k = 0; k < cfg.carriers().size(); k++) if (cfg.carriers().get(k).name().equals(name)) carrier[c] = k;
            }
        }
        int nCarriers = noise.length;
        Runnable afterTick = () -> {
            if (pending.isEmpty()) return;
            List<CellView> cv = m.cells();
            for (int c = 0; c < act.length; c++) {
                CellView v = cv.get(c);
                act[c] = v.sleeping() || v.outage() ? 0 : 0.1 + 0.9 * v.prbLoadDl();
                cio[c] = v.cioDb();
            }
            List<UeView> uv = m.ues();
            rsrpLin.clear();
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                double[] lin = rsrpLin.computeIfAbsent(p.ue, u -> {
                    int n = cells.size();
                    // linear RSRP, (unused), RSRP dBm, activity-weighted received power per carrier
                    double[] l = new double[2 * n + 1 + nCarriers];
                    for (int c = 0; c < n; c++) {
                        double r = m.rsrp(u + 1L, cells.get(c));
                        l[c] = Double.isInfinite(r) ? 0 : Math.pow(10, r / 10);
                        l[n + 1 + c] = r;
                        l[2 * n + 1 + carrier[c]] += l[c] * act[c];
                    }
                    return l;
                });
                double s = lin[p.cell];
                int k = carrier[p.cell];
                double interference = Math.max(0, lin[2 * cells.size() + 1 + k] - s * act[p.cell]);
                double sinr = s <= 0 ? -10 : 10 * Math.log10(s / (interference + noise[k]));
                p.ticks++;
                if (p.ticks <= horizonTicks) {
                    p.sumCand += clamp(sinr);
                    p.sumActual += uv.get(p.ue).servingCellId() == null ? -10 : clamp(uv.get(p.ue).sinrDb());
                }
                if (p.ticks <= ppTicks) {
                    p.onTarget.tick(p.ticks, lin, cells.size(), cio, carrier, tttTicks, ppTicks);
                    p.stay.tick(p.ticks, lin, cells.size(), cio, carrier, tttTicks, ppTicks);
                }
                if (p.ticks == Math.max(horizonTicks, ppTicks)) {
                    float risk = Math.min(1, p.onTarget.pingPongs) - Math.min(1, p.stay.pingPongs);
                    d.add(p.features, new float[] {(float) ((p.sumCand - p.sumActual) / horizonTicks), risk});
                    it.remove();
                }
            }
        };
        long periods = Math.round(minutes * 60_000 / REPORT_PERIOD_MS);
        for (long k = 0; k < periods; k++) {
            List<KpmReport> reports = run.nextPeriod(true, afterTick);
            for (KpmReport r : reports) {
                for (UeTracker.Candidate c : tracker.update(r)) {
                    if ((k + c.ueId()) % sampleEvery != 0 || c.rsrpDeltaDb() < -6) continue;
                    // the xApp hands over only within the serving cell's carrier (layer)
                    if (carrier[idx.get(c.targetCellId())] != carrier[idx.get(c.servingCellId())]) continue;
                    if (k * REPORT_PERIOD_MS < 5_000) continue;  // let the trackers fill
                    UeTracker.Ue st = tracker.ue(c.ueId());
                    int serving = idx.get(c.servingCellId());
                    int prev = st.previous == null ? -1 : idx.get(st.previous);
                    int since = (int) ((r.timestampMs() + REPORT_PERIOD_MS - st.servingSinceMs) / cfg.tickMs());
                    pending.add(new Pending((int) c.ueId() - 1, idx.get(c.targetCellId()),
                            new A3Replay(idx.get(c.targetCellId()), serving, 0), new A3Replay(serving, prev, -since),
                            c.features()));
                }
            }
        }
        return d;
    }

    /** The RAN's A3 hysteresis plus offset assumed by the ping-pong label (the simulator's default). */
    static final double A3_HYSTERESIS_DB = 3;

    private static double clamp(double sinrDb) {
        return Math.max(-10, Math.min(25, sinrDb));
    }
}
