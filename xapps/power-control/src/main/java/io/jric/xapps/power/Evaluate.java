package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.KpiTable;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code ric evaluate power-control}: the default simulated network (7 sites, 21 cells, 300 UEs,
 * default traffic with its load swing) on several seeds the model never saw, once per arm, same seed
 * same traffic and mobility:
 * <ul>
 *   <li>baseline: every cell at fixed maximum power (46 dBm), what the peers ship;</li>
 *   <li>the power-control xApp with its default policy (loss bound 2 %, weight 0.8), DL4J model; on several carriers
 *       with the operator's numbering of the cells in its config ({@code cellsPerLayer}, see {@link #config});</li>
 *   <li>for reference, a naive uniform 40 dBm (not a peer's rule; shows what the model adds).</li>
 * </ul>
 * Usage: {@code Evaluate [--config default|two-layer-ftp3] [--seeds 101,102,103] [--minutes 10] [--model bundle.zip]}.
 */
public final class Evaluate {
    private Evaluate() {}

    /** Held so the level sticks: the xApp's per-decision log lines would drown the table. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("xapp");

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        EvalOptions o = EvalOptions.parseOrExit(args, "Evaluate [--config default|two-layer-ftp3] [--seeds 101,102,103] [--minutes 10] "
                + "[--model bundle.zip]", "--config=text");
        String config = o.configName();
        SimConfig preset = o.preset();
        List<Long> seeds = o.seeds(List.of(101L, 102L, 103L));
        double minutes = o.minutes(10);
        Path modelFile = o.model();
        long t0 = System.nanoTime();
        ModelBundle model = ModelCache.forEvaluation(modelFile, PowerModel.MODEL_NAME, Trainer.TRAINER_VERSION,
                Trainer.DEFAULT_SEED, () -> Trainer.train(Trainer.defaults()));
        KpiTable t = run(model, seeds, minutes, preset);
        System.out.println();
        System.out.printf(Locale.ROOT, "%d seeds %s x %.0f simulated minutes, %s SimConfig (%d cells, %d UEs)%n%n",
                seeds.size(), seeds, minutes, config, preset.gnbs() * preset.cellsPerGnb() * Math.max(1, preset.carriers().size()),
                preset.ues());
        System.out.print(t.render());
        System.out.println();
        System.out.print(t.renderPerSeed());
        System.out.println("power-control xApp: do-no-harm guard trips per seed " + GUARD_TRIPS
                + " (every cell back to its own power, held " + PowerPolicy.DEFAULT.harmHoldPeriods() + " decisions, doubled on each trip)");
        if (!LAYER_TRIALS.isEmpty()) {
            System.out.println("power-control xApp: layer trials accepted/failed per seed " + LAYER_TRIALS
                    + " (one level per carrier, config cellsPerLayer " + preset.cellsPerGnb() + ")");
        }
        double dE = t.relChangePct(XAPP, "energy");
        double dT = t.relChangePct(XAPP, "mean UE throughput");
        System.out.printf(Locale.ROOT, "%ntarget energy <= -15 %% at <= 2 %% mean-throughput loss: energy %+.1f %%, mean throughput %+.1f %% -> %s%n",
                dE, dT, dE <= -15 && dT >= -2 ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    static final String BASE = "fixed max 46 dBm";
    static final String XAPP = "power-control xApp";
    static final String FIXED40 = "uniform 40 dBm (ref.)";

    /** Runs every arm on every seed; returns the table. */
    public static KpiTable run(ModelBundle model, List<Long> seeds, double minutes, SimConfig base) throws Exception {
        KpiTable t = kpis(new KpiTable(BASE, XAPP, FIXED40));
        byte[] bundle = model.toBytes();
        for (long seed : seeds) {
            SimConfig cfg = base.toBuilder().seed(seed).build();
            int periods = (int) Math.round(minutes * 60);
            record(t, BASE, fixed(cfg, 46, periods));
            record(t, FIXED40, fixed(cfg, 40, periods));
            record(t, XAPP, xapp(cfg, bundle, model.metadata().version(), periods));
        }
        return t;
    }

    /**
     * Fixed maximum power and power-control serving each of {@code models} (arm name to bundle, in order) with the
     * default policy on every seed: the model lifecycle's comparison on held-out seeds (docs/ml-lifecycle.md).
     */
    public static KpiTable compare(java.util.Map<String, byte[]> models, List<Long> seeds, double minutes, SimConfig base)
            throws Exception {
        KpiTable t = kpis(new KpiTable(BASE, models.keySet().toArray(new String[0])));
        int periods = (int) Math.round(minutes * 60);
        for (long seed : seeds) {
            SimConfig cfg = base.toBuilder().seed(seed).build();
            record(t, BASE, fixed(cfg, 46, periods));
            for (java.util.Map.Entry<String, byte[]> m : models.entrySet()) record(t, m.getKey(), xapp(cfg, m.getValue(), "1", periods));
        }
        return t;
    }

    private static KpiTable kpis(KpiTable t) {
        return t.kpi("energy", "kWh", true)
                .kpi("mean UE throughput", "Mbit/s", false)
                .kpi("p5 UE throughput", "Mbit/s", false)
                .kpi("mean Tx power", "dBm", true)
                .kpi("radio link failures", "", true)
                .kpi("handovers", "", true);
    }

    /** Power-control serving {@code bundle} with the default policy, every cell starting at 46 dBm. */
    static Outcome xapp(SimConfig cfg, byte[] bundle, String version, int periods) throws Exception {
        SimRun run = new SimRun(cfg, 1000);
        for (String c : run.model().cellIds()) run.model().setTxPower(c, 46);
        double[] txSum = {0, 0};
        try (SimHost host = new SimHost(run, new PowerControlXapp(), "power-control", config(cfg), 20, 46, false)) {
            host.deliverModel(new ModelEvent(PowerModel.MODEL_NAME, version, "dl4j", PowerModel.INPUT_FEATURES, bundle));
            for (int k = 0; k < periods; k++) {
                for (KpmReport r : host.step()) for (CellKpi c : r.cells()) {
                    txSum[0] += c.txPowerDbm();
                    txSum[1]++;
                }
            }
            GUARD_TRIPS.add(host.metrics().get("guard.trips"));
            if (cfg.carriers().size() > 1) {
                LAYER_TRIALS.add(host.metrics().get("layer.trials.accepted") + "/" + host.metrics().get("layer.trials.failed"));
            }
        }
        return new Outcome(run.model().stats(), txSum[0] / txSum[1]);
    }

    /**
     * The xApp's config for the simulated network: no model file (the evaluation delivers the model), and on several
     * carriers the operator's numbering of the cells ({@code cellsPerLayer}: the simulator numbers a gNB's cells carrier
     * by carrier), which turns on one level per layer ({@link LayerTrials}).
     */
    static String config(SimConfig cfg) {
        return cfg.carriers().size() > 1 ? "{\"modelFile\":\"\",\"cellsPerLayer\":" + cfg.cellsPerGnb() + "}" : "{\"modelFile\":\"\"}";
    }

    /** Per xApp run on several carriers: layer trials accepted / failed (printed under the table). */
    static final List<String> LAYER_TRIALS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The do-no-harm guard's trips in each xApp run of this JVM, in order (printed under the table). */
    static final List<Long> GUARD_TRIPS = new java.util.concurrent.CopyOnWriteArrayList<>();

    record Outcome(RanStats stats, double meanTxDbm) {}

    static Outcome fixed(SimConfig cfg, double dbm, int periods) {
        SimRun run = new SimRun(cfg, 1000);
        for (String c : run.model().cellIds()) run.model().setTxPower(c, dbm);
        run.model().step(periods * run.periodTicks());
        return new Outcome(run.model().stats(), dbm);
    }

    static void record(KpiTable t, String arm, Outcome o) {
        t.add(arm, "energy", o.stats().energyWh() / 1000);
        t.add(arm, "mean UE throughput", o.stats().meanUeThroughputMbps());
        t.add(arm, "p5 UE throughput", o.stats().p5UeThroughputMbps());
        t.add(arm, "mean Tx power", o.meanTxDbm());
        t.add(arm, "radio link failures", o.stats().radioLinkFailures());
        t.add(arm, "handovers", o.stats().handoverSuccesses());
    }
}
