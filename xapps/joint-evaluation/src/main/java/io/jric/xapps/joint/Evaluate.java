package io.jric.xapps.joint;

import io.jric.sim.RanModel;
import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.KpiTable;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import java.util.List;
import java.util.Locale;

/**
 * The handover and load-balancing xApps steering one simulated network together ({@link JointRun}: their controls
 * through the RIC's control router, the A3 parameters of a cell arbitrated by ownership), against each alone and the
 * RAN alone, on the same seeds:
 * <ul>
 *   <li>RAN only: 3GPP A3 at 3 dB / 320 ms (and on two layers the RAN's own A4/A5 between the layers);</li>
 *   <li>the handover xApp alone (its default policy: it leads mobility, A3 widened to 10 dB / 1024 ms);</li>
 *   <li>the load-balancing xApp alone (default policy; one layer: its CIO model with pull-only offsets, two layers: its
 *       layer steering rule);</li>
 *   <li>both xApps.</li>
 * </ul>
 * Models: as each xApp's own evaluation picks them (the model cache, trained there on a miss). The targets (#16)
 * are judged for the combination: the handover targets against the RAN only (RLF -30 %, ping-pongs -30 % counted over
 * 5 s and over 10 s, no loss of mean or 5th-percentile UE throughput), the load-balancing targets against no balancing
 * (the RAN only; on two layers peak cell PRB use -20 %, cell-seconds above 80 % -30 %, p5 file throughput +15 %, RLF and
 * ping-pongs within +5 %; on the default configuration RLF within +5 %). The conflicts are counted: controls the router
 * refused (CONFLICT) per xApp, holds the higher-priority xApp took over, and the cells whose A3 was in force from both.
 *
 * <p>Usage: {@code Evaluate [--config default|two-layer-ftp3] [--seeds 301,302,303] [--minutes 5] [--demand 1,2]}
 * ({@code --demand} scales the FTP3 file arrival rate on two layers, the mean offered traffic on the default network).
 */
public final class Evaluate {
    private Evaluate() {}

    static final String RAN = "RAN only (A3 3 dB/320 ms)";
    static final String HO = "handover xApp";
    static final String LB = "load-balancing xApp";
    static final String BOTH = "both xApps";

    public static void main(String[] args) throws Exception {
        EvalOptions o = EvalOptions.parseOrExit(args, "Evaluate [--config default|two-layer-ftp3] [--seeds 301,302,303] "
                + "[--minutes 5] [--demand 1,2]", "--demand=numbers", "--config=text");
        String config = o.configName();
        if (!config.equals("default") && !config.equals("two-layer-ftp3")) {
            System.err.println("error: --config needs default or two-layer-ftp3, got " + config);
            System.exit(2);
        }
        boolean twoLayer = config.equals("two-layer-ftp3");
        List<Long> seeds = o.seeds(List.of(301L, 302L, 303L));
        double minutes = o.minutes(5);
        List<Double> demand = o.numbers("--demand", List.of(1.0));
        for (double d : demand) {
            if (!(d > 0)) {
                System.err.println("error: --demand needs scales above 0, got " + demand);
                System.exit(2);
            }
        }
        long t0 = System.nanoTime();
        SimConfig preset = o.preset();
        ModelBundle hoModel = handoverModel(preset);
        ModelBundle lbModel = twoLayer ? null : lbModel();
        for (double scale : demand) {
            SimConfig base = scaled(preset, scale).toBuilder().pingPongWindowMs(5000).build();
            KpiTable t = run(base, seeds, minutes, hoModel, lbModel);
            System.out.println();
            System.out.printf(Locale.ROOT, "demand %.1fx: %d seeds %s x %.0f simulated minutes, %s SimConfig (%d cells, %d UEs); "
                    + "controls through the RIC's control router (A3 hysteresis and time to trigger owned, lease 60 s; "
                    + "priorities: handover 45, load balancing 35)%n%n", scale, seeds.size(), seeds, minutes, config,
                    base.gnbs() * base.cellsPerGnb() * Math.max(1, base.carriers().size()), base.ues());
            System.out.print(t.render());
            System.out.println();
            System.out.print(t.renderPerSeed());
            System.out.println();
            judge(t, twoLayer);
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** The preset at {@code scale} times its demand (FTP3 file arrivals on two layers, the mean offered traffic otherwise). */
    static SimConfig scaled(SimConfig preset, double scale) {
        if (preset.carriers().size() > 1) {
            return preset.toBuilder().ftp3(preset.ftpFileArrivalsPerS() * scale, preset.ftpFileSizeMbit()).build();
        }
        return preset.toBuilder().trafficMeanMbps(preset.trafficMeanMbps() * scale).build();
    }

    /** The handover model the xApp picks for this network ({@code Trainer.modelFor}), from the model cache. */
    static ModelBundle handoverModel(SimConfig preset) throws Exception {
        io.jric.xapps.handover.Trainer.ModelChoice c = io.jric.xapps.handover.Trainer.modelFor(cellsPerLayer(preset));
        return ModelCache.forEvaluation(null, "handover-mlp", c.trainerVersion(), c.seed(),
                () -> io.jric.xapps.handover.Trainer.train(c.options()));
    }

    /** The load-balancing xApp's one-layer CIO model, from the model cache. */
    static ModelBundle lbModel() throws Exception {
        return ModelCache.forEvaluation(null, "lb-mlp", io.jric.xapps.lb.Trainer.TRAINER_VERSION,
                io.jric.xapps.lb.Trainer.DEFAULT_SEED, () -> io.jric.xapps.lb.Trainer.train(io.jric.xapps.lb.Trainer.defaults()));
    }

    static int cellsPerLayer(SimConfig cfg) {
        return cfg.carriers().size() > 1 ? cfg.cellsPerGnb() : 0;
    }

    /** The handover xApp's config, as its own evaluation gives it. */
    static String handoverConfig(SimConfig cfg) {
        return "{\"modelFile\":\"\",\"reportPeriodMs\":" + JointRun.HO_PERIOD_MS
                + (cellsPerLayer(cfg) > 0 ? ",\"cellsPerLayer\":" + cellsPerLayer(cfg) : "") + "}";
    }

    /** The load-balancing xApp's config, as its own evaluation gives it (the carrier plan on two layers). */
    static String lbConfig(SimConfig cfg) {
        if (cfg.carriers().size() != 2) return "{\"modelFile\":\"\"}";
        return String.format(Locale.ROOT, "{\"modelFile\":\"\",\"layerNrArfcns\":[%d,%d],\"cellsPerLayer\":%d,"
                + "\"a5Threshold1Dbm\":%s,\"a5Threshold2Dbm\":%s,\"a4ThresholdDbm\":%s}", cfg.carriers().get(0).nrArfcn(),
                cfg.carriers().get(1).nrArfcn(), cfg.cellsPerGnb(), cfg.carriers().get(1).interFreqThreshold1Dbm(),
                cfg.carriers().get(1).interFreqThreshold2Dbm(), cfg.carriers().get(0).interFreqThreshold2Dbm());
    }

    /** Every arm on every seed. */
    static KpiTable run(SimConfig base, List<Long> seeds, double minutes, ModelBundle hoModel, ModelBundle lbModel)
            throws Exception {
        boolean twoLayer = base.carriers().size() > 1;
        KpiTable t = new KpiTable(RAN, HO, LB, BOTH)
                .kpi("radio link failures", "", true)
                .kpi("ping-pongs within 5 s", "", true)
                .kpi("ping-pongs within 10 s", "", true)
                .kpi("returns within 20 s", "", true)
                .kpi("handovers", "", true)
                .kpi("xApp handovers", "", true)
                .kpi("inter-frequency handovers", "", true)
                .kpi("mean UE throughput", "Mbit/s", false)
                .kpi("p5 UE throughput", "Mbit/s", false);
        if (twoLayer) {
            t.kpi("p5 file throughput", "Mbit/s", false).kpi("mean file throughput", "Mbit/s", false);
        }
        t.kpi("max cell PRB load", "%", true)
                .kpi("max per-cell mean PRB load", "%", true)
                .kpi("std of cell PRB load", "%", true)
                .kpi("cell-seconds above 80 %", "%", true)
                .kpi("handover xApp controls acked", "", true)
                .kpi("load-balancing xApp controls acked", "", true)
                .kpi("handover xApp A3 controls refused (CONFLICT)", "", true)
                .kpi("load-balancing xApp A3 controls refused (CONFLICT)", "", true)
                .kpi("holds taken over", "", true)
                .kpi("cells with A3 from both xApps", "", true)
                .kpi("most A3 writer changes on one cell", "", true);
        JointRun.XappSetup ho = new JointRun.XappSetup(handoverConfig(base), hoModel, null);
        JointRun.XappSetup lb = new JointRun.XappSetup(lbConfig(base), lbModel, null);
        for (long seed : seeds) {
            SimConfig cfg = base.toBuilder().seed(seed).build();
            record(t, RAN, JointRun.run(cfg, minutes, null, null), twoLayer);
            record(t, HO, JointRun.run(cfg, minutes, ho, null), twoLayer);
            record(t, LB, JointRun.run(cfg, minutes, null, lb), twoLayer);
            record(t, BOTH, JointRun.run(cfg, minutes, ho, lb), twoLayer);
        }
        return t;
    }

    static void record(KpiTable t, String arm, JointRun.Outcome o, boolean twoLayer) {
        RanModel m = o.model();
        RanStats s = m.stats();
        t.add(arm, "radio link failures", s.radioLinkFailures());
        t.add(arm, "ping-pongs within 5 s", m.pingPongsWithin(5_000));
        t.add(arm, "ping-pongs within 10 s", m.pingPongsWithin(10_000));
        t.add(arm, "returns within 20 s", m.pingPongsWithin(20_000));
        t.add(arm, "handovers", s.handoverSuccesses());
        t.add(arm, "xApp handovers", s.ricHandovers());
        t.add(arm, "inter-frequency handovers", m.interFrequencyHandovers());
        t.add(arm, "mean UE throughput", s.meanUeThroughputMbps());
        t.add(arm, "p5 UE throughput", s.p5UeThroughputMbps());
        if (twoLayer) {
            t.add(arm, "p5 file throughput", m.fileTransfers().p5FileThroughputMbps());
            t.add(arm, "mean file throughput", m.fileTransfers().meanFileThroughputMbps());
        }
        t.add(arm, "max cell PRB load", o.load().meanMax());
        t.add(arm, "max per-cell mean PRB load", o.load().maxMean());
        t.add(arm, "std of cell PRB load", o.load().meanStd());
        t.add(arm, "cell-seconds above 80 %", o.load().overPct());
        t.add(arm, "handover xApp controls acked", o.handover().acked());
        t.add(arm, "load-balancing xApp controls acked", o.loadBalancing().acked());
        t.add(arm, "handover xApp A3 controls refused (CONFLICT)", o.handover().a3Conflicts());
        t.add(arm, "load-balancing xApp A3 controls refused (CONFLICT)", o.loadBalancing().a3Conflicts());
        t.add(arm, "holds taken over", o.takeovers());
        t.add(arm, "cells with A3 from both xApps", o.contestedCells());
        t.add(arm, "most A3 writer changes on one cell", o.maxWriterChanges());
    }

    /** Relative change of {@code arm} against {@code base} in percent (0 when both are 0, NaN when only the base is). */
    static double rel(KpiTable t, String arm, String base, String kpi) {
        double b = t.mean(base, kpi);
        if (b == 0) return t.mean(arm, kpi) == 0 ? 0 : Double.NaN;
        return 100 * (t.mean(arm, kpi) - b) / Math.abs(b);
    }

    /** The #16 targets for the combination (and, for reference, for each xApp alone). */
    static void judge(KpiTable t, boolean twoLayer) {
        System.out.println("handover targets (vs the RAN only):");
        for (String arm : new String[] {BOTH, HO}) {
            String tag = arm.equals(BOTH) ? "both xApps" : "(ref.) handover xApp alone";
            at(tag, "RLF <= -30 %", rel(t, arm, RAN, "radio link failures"), true, -30);
            at(tag, "ping-pongs <= -30 % counted over 5 s", rel(t, arm, RAN, "ping-pongs within 5 s"), true, -30);
            at(tag, "ping-pongs <= -30 % counted over 10 s", rel(t, arm, RAN, "ping-pongs within 10 s"), true, -30);
            at(tag, "no loss of mean UE throughput", rel(t, arm, RAN, "mean UE throughput"), false, 0);
            at(tag, "no loss of p5 UE throughput", rel(t, arm, RAN, "p5 UE throughput"), false, 0);
        }
        System.out.println("load-balancing targets (vs no balancing = the RAN only):");
        for (String arm : new String[] {BOTH, LB}) {
            String tag = arm.equals(BOTH) ? "both xApps" : "(ref.) load-balancing xApp alone";
            if (twoLayer) {
                at(tag, "peak cell PRB use <= -20 %", rel(t, arm, RAN, "max cell PRB load"), true, -20);
                at(tag, "cell-seconds above 80 % <= -30 %", rel(t, arm, RAN, "cell-seconds above 80 %"), true, -30);
                at(tag, "p5 file throughput >= +15 %", rel(t, arm, RAN, "p5 file throughput"), false, 15);
                at(tag, "ping-pongs (5 s) within +5 %", rel(t, arm, RAN, "ping-pongs within 5 s"), true, 5);
                at(tag, "ping-pongs (10 s) within +5 %", rel(t, arm, RAN, "ping-pongs within 10 s"), true, 5);
            }
            at(tag, "RLF within +5 %", rel(t, arm, RAN, "radio link failures"), true, 5);
        }
        System.out.println("what balancing adds on top of the handover xApp (both vs handover alone; no target):");
        for (String kpi : twoLayer ? new String[] {"max cell PRB load", "cell-seconds above 80 %", "p5 file throughput",
                "radio link failures", "ping-pongs within 10 s", "mean UE throughput"}
                : new String[] {"max cell PRB load", "cell-seconds above 80 %", "p5 UE throughput", "radio link failures",
                "ping-pongs within 10 s", "mean UE throughput"}) {
            System.out.printf(Locale.ROOT, "  %s: %.3f vs %.3f, %+.1f %%%n", kpi, t.mean(BOTH, kpi), t.mean(HO, kpi), rel(t, BOTH, HO, kpi));
        }
        System.out.printf(Locale.ROOT, "conflicts with both xApps (per run): handover A3 controls refused %.2f, load-balancing A3 "
                + "controls refused %.2f, holds taken over %.2f, cells with A3 from both %.2f, most writer changes on one cell %.2f%n",
                t.mean(BOTH, "handover xApp A3 controls refused (CONFLICT)"),
                t.mean(BOTH, "load-balancing xApp A3 controls refused (CONFLICT)"), t.mean(BOTH, "holds taken over"),
                t.mean(BOTH, "cells with A3 from both xApps"), t.mean(BOTH, "most A3 writer changes on one cell"));
    }

    private static void at(String tag, String what, double rel, boolean lowerIsBetter, double bound) {
        boolean met = !Double.isNaN(rel) && (lowerIsBetter ? rel <= bound : rel >= bound);
        System.out.printf(Locale.ROOT, "  %s: target %s: %+.1f %% -> %s%n", tag, what, rel, met ? "MET" : "NOT MET");
    }
}
