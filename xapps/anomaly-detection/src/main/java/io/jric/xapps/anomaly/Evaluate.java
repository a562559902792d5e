package io.jric.xapps.anomaly;

import io.jric.api.xapp.ModelEvent;
import io.jric.sim.Fault;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code ric evaluate anomaly-detection}: the default simulated network (with its normal load swing)
 * on seeds the model never saw, with random faults ({@link FaultSchedule}, a new one every 20 s on
 * average), judged by the anomaly-detection xApp twice on identical runs: without a model (its
 * fallback, the peers' 3-sigma threshold per KPI against the same per-cell baseline) and with the
 * DL4J model, both with the descriptor's subscription (cell and per-UE KPM every second) and default
 * policy. Findings are read back from what the xApp published ({@code ric.anomalies}) and scored
 * by {@link DetectionScore}.
 *
 * <p>Usage: {@code Evaluate [--config default|two-layer-ftp3] [--seeds 201,202,203] [--minutes 10] [--model bundle.zip]}.
 */
public final class Evaluate {
    static final String BASE = "3-sigma per KPI";
    static final String XAPP = "anomaly-detection xApp";

    private Evaluate() {}

    /** Held so the level sticks: the xApp's per-decision log lines would drown the table. */
    private static final java.util.logging.Logger QUIET = java.util.logging.Logger.getLogger("xapp");

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(java.util.logging.Level.SEVERE);
        EvalOptions o = EvalOptions.parseOrExit(args, "Evaluate [--config default|two-layer-ftp3] [--seeds 201,202,203] [--minutes 10] "
                + "[--model bundle.zip]", "--config=text");
        String config = o.configName();
        SimConfig preset = o.preset();
        List<Long> seeds = o.seeds(List.of(201L, 202L, 203L));
        double minutes = o.minutes(10);
        Path modelFile = o.model();
        long t0 = System.nanoTime();
        ModelBundle model = ModelCache.forEvaluation(modelFile, AnomalyDetectionXapp.MODEL_NAME, Trainer.TRAINER_VERSION,
                Trainer.DEFAULT_SEED, () -> Trainer.train(Trainer.defaults()));
        KpiTable t = new KpiTable(BASE, XAPP)
                .kpi("precision", "", false)
                .kpi("recall", "", false)
                .kpi("F1", "", false)
                .kpi("F1, detection within 3 periods", "", false)
                .kpi("detection delay", "report periods", true)
                .kpi("false alarms", "per simulated hour", true)
                .kpi("faults injected", "", false);
        for (long seed : seeds) {
            SimConfig cfg = preset.toBuilder().seed(seed).build();
            record(t, BASE, run(cfg, minutes, null));
            record(t, XAPP, run(cfg, minutes, model));
        }
        System.out.printf(Locale.ROOT, "%n%d seeds %s x %.0f simulated minutes, %s SimConfig (%d cells, %d UEs%s)%n%n",
                seeds.size(), seeds, minutes, config, preset.gnbs() * preset.cellsPerGnb() * Math.max(1, preset.carriers().size()),
                preset.ues(), config.equals("default") ? ", traffic swing 0.5 over 10 min" : "");
        System.out.print(t.render());
        System.out.println();
        System.out.print(t.renderPerSeed());
        double f1 = t.mean(XAPP, "F1, detection within 3 periods");
        System.out.printf(Locale.ROOT, "%ntarget F1 >= 0.9 with detection within 3 report periods: F1 %.3f -> %s%n", f1,
                f1 >= 0.9 ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    static void record(KpiTable t, String arm, DetectionScore s) {
        t.add(arm, "precision", s.precision());
        t.add(arm, "recall", s.recall());
        t.add(arm, "F1", s.f1());
        t.add(arm, "F1, detection within 3 periods", s.f1Within3());
        t.add(arm, "detection delay", s.meanDelay());
        t.add(arm, "false alarms", s.falseAlarmsPerHour());
        t.add(arm, "faults injected", s.faults());
    }

    /** One run: the xApp with {@code model} (null: the 3-sigma fallback); its findings scored. */
    static DetectionScore run(SimConfig cfg, double minutes, ModelBundle model) throws Exception {
        SimRun run = new SimRun(cfg, (int) Trainer.PERIOD_MS);
        long durationMs = Math.round(minutes * 60_000);
        List<Fault> faults = FaultSchedule.generate(run.model().cellIds(), cfg.seed(), durationMs, 15_000, Trainer.MEAN_GAP_MS);
        for (Fault f : faults) run.model().injectFault(f);
        try (SimHost host = new SimHost(run, new AnomalyDetectionXapp(), "anomaly-detection",
                "{\"modelFile\":\"\",\"threeSigmaFallback\":true,\"findingsCache\":\"ric.anomalies\"}", 20, 46, true)) {
            if (model != null) {
                host.deliverModel(new ModelEvent(AnomalyDetectionXapp.MODEL_NAME, model.metadata().version(), "dl4j",
                        AnomalyFeaturizer.INPUT_FEATURES, model.toBytes()));
            }
            for (long k = 0; k < durationMs / Trainer.PERIOD_MS; k++) host.step();
            Map<String, TreeSet<Long>> alarms = new TreeMap<>();
            for (String key : host.publishedTo(AnomalyDetectionXapp.FINDINGS).keySet()) {
                int at = key.lastIndexOf('@');
                long ts = Long.parseLong(key.substring(at + 1));
                alarms.computeIfAbsent(key.substring(0, at), c -> new TreeSet<>()).add((ts - SimRun.EPOCH_MS) / Trainer.PERIOD_MS);
            }
            return DetectionScore.score(faults, alarms, Trainer.PERIOD_MS, minutes / 60);
        }
    }
}
