package io.jric.xapps.lb;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.Xapp;
import io.jric.sim.FileTransferStats;
import io.jric.sim.RanModel;
import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.KpiTable;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the load-balancing xApp on the default network (21 cells, 300 UEs) at 0.6x the default
 * demand and at the default demand (where most cells are already saturated), seeds the model never saw,
 * same seed same traffic and mobility per arm:
 * <ul>
 *   <li>no balancing (every CIO 0);</li>
 *   <li>SD-RAN MLB's rule ({@link MlbRule}: +-3 dB CIO steps by load threshold, overload 80 %, target 50 %);</li>
 *   <li>the load-balancing xApp with its default policy (target max PRB load 80 %, CIO -4..4 dB, 2 dB steps);</li>
 *   <li>a reference that is not a balancer: no balancing with the RAN's A3 at 0 dB / 0 ms, so every UE is
 *       on its strongest cell at once (how far association alone moves the load).</li>
 * </ul>
 * KPIs from the 1 s cell reports: the highest cell PRB load of each second (mean over the run), the
 * highest per-cell mean PRB load over the run, the standard deviation of the cells' PRB loads (mean over
 * seconds), the share of cell-seconds above 80 %, UE throughput (5th percentile and mean), RLFs,
 * handovers, ping-pongs counted over 5 s and over 10 s in the same run. A fifth arm is SD-RAN MLB's rule as its
 * description reads ({@link MlbOffsetRule}: an overloaded cell lowers its own offset towards less-loaded
 * neighbours by a step, and raises it back below the target threshold).
 *
 * <p>{@code --config two-layer-ftp3}: the simulator's two-layer preset (n28 coverage + n78 capacity layer on
 * every sector, 80 % indoor UEs) with FTP model 3 traffic ({@code --demand} scales the file arrival rate, default
 * 1x and 2x = 0.25 and 0.5 files/s per UE); arms: no balancing, {@link MlbOffsetRule} (CIO within a layer, the
 * inter-frequency offset towards the other layer), the xApp steering between the layers with its fixed rule, and the
 * xApp with the learned step choice ({@code --layer-model bundle.zip}; default: the {@link LayerTrainer} model from the
 * model cache, trained there when absent; {@code none}: no such arm); plus FTP file throughput. The targets are
 * judged in the output, for both xApp arms. Two informational rows (not targets) give the busiest cell's mean PRB load over
 * 10 s and 60 s windows (mean over the run's windows), beside the per-second peak the target is judged on. {@code --bounds
 * tick,period,burst} adds arms that are no xApp but bounds: the simulator's load oracle ({@code RanModel#enableLoadOracle}),
 * which places the UEs with data on the least-loaded cells with full knowledge, every 100 ms, every 1 s, or once per burst.
 *
 * <p>Usage: {@code Evaluate [--config default|two-layer-ftp3] [--seeds 301,302,303] [--minutes 10] [--demand 0.6,1.0]
 * [--model bundle.zip] [--policy json] [--hotspot share] [--hotspot-at x,y|random]} (share of the UEs in a hotspot,
 * {@link SimConfig#hotspotShare()}, default 0; centred in the first sector, at x,y m, or at a centre drawn per seed by
 * {@link Trainer#randomHotspotCentre}).
 */
public final class Evaluate {
    private Evaluate() {}

    static final String NONE = "no balancing";
    static final String RULE = "SD-RAN MLB rule (+-3 dB)";
    static final String XAPP = "load-balancing xApp";
    static final String IDEAL = "ref: strongest cell (A3 0 dB/0 ms)";
    static final String OFFSET_RULE = "SD-RAN MLB rule (own offset)";
    /** Two layers: the xApp with the learned step choice (the layer model, {@link LayerPlanner}). */
    static final String LEARNED = "xApp, learned layer steering";
    /**
     * Two layers, {@code --bounds}: arms that are no xApp but the simulator's load oracle ({@code RanModel#enableLoadOracle}),
     * by its mode: how low placement alone takes the peak (UEs with data re-placed every 100 ms tick, every 1 s report
     * period, or once per burst of data).
     */
    static final Map<String, String> BOUNDS = Map.of(
            "tick", "bound: oracle every 100 ms",
            "period", "bound: oracle every 1 s",
            "burst", "bound: oracle per burst");
    /** Two layers: informational rows, the busiest cell's mean PRB load over windows of 10 s and 60 s (mean over windows). */
    static final String PEAK_10S = "peak cell PRB, 10 s windows (info)";
    static final String PEAK_60S = "peak cell PRB, 60 s windows (info)";

    /** The {@code --bounds} modes asked for, in the order given. */
    private static List<String> bounds(EvalOptions o) {
        String b = o.string("--bounds");
        List<String> out = new ArrayList<>();
        if (b == null) return out;
        for (String m : b.split(",")) if (!m.isBlank()) out.add(m.trim());
        return out;
    }

    public static void main(String[] args) throws Exception {
        EvalOptions o = EvalOptions.parseOrExit(args, "Evaluate [--config default|two-layer-ftp3] [--seeds 301,302,303] "
                + "[--demand 0.6,1.0] [--minutes 10] [--model bundle.zip] [--policy '{...}'] [--hotspot share] "
                + "[--hotspot-at x,y|random] [--layer-model bundle.zip|none] [--bounds tick,period,burst]", "--demand=numbers",
                "--policy=text", "--hotspot=numbers", "--hotspot-at=text", "--config=text", "--layer-model=text", "--bounds=text");
        String config = o.string("--config") == null ? "default" : o.string("--config");
        if (!config.equals("default") && !config.equals("two-layer-ftp3")) {
            fail("--config needs default or two-layer-ftp3, got " + config);
        }
        List<Long> seeds = o.seeds(List.of(301L, 302L, 303L));
        if (config.equals("two-layer-ftp3")) {
            if (o.string("--hotspot") != null) fail("--hotspot is for --config default");
            if (seeds.isEmpty()) fail("--seeds: none given");
            if (o.model() != null) fail("--model is the one-layer CIO model; on two layers use --layer-model");
            for (String b : bounds(o)) if (!BOUNDS.containsKey(b)) fail("--bounds needs tick, period and/or burst, got " + b);
            twoLayer(o, seeds);
            return;
        }
        List<Double> demand = o.numbers("--demand", List.of(0.6, 1.0));
        if (o.string("--bounds") != null) fail("--bounds is for --config two-layer-ftp3");
        double minutes = o.minutes(10);
        Path modelFile = o.model();
        String policy = o.string("--policy");
        List<Double> hotspot = o.numbers("--hotspot", List.of(0.0));
        if (hotspot.size() != 1 || !(hotspot.get(0) >= 0 && hotspot.get(0) <= 1)) {
            fail("--hotspot needs one share of the UEs (0..1), got " + hotspot);
        }
        double hotspotShare = hotspot.get(0);
        String hotspotAt = o.string("--hotspot-at");
        double[] hotspotCentre = null;
        if (hotspotAt != null) {
            if (hotspotShare == 0) fail("--hotspot-at needs --hotspot with a share above 0");
            if (!hotspotAt.equals("random")) {
                String[] xy = hotspotAt.split(",");
                try {
                    if (xy.length != 2) throw new NumberFormatException();
                    hotspotCentre = new double[] {Double.parseDouble(xy[0].trim()), Double.parseDouble(xy[1].trim())};
                    if (!Double.isFinite(hotspotCentre[0]) || !Double.isFinite(hotspotCentre[1])) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    fail("--hotspot-at needs x,y in m or 'random', got " + hotspotAt);
                }
                try {
                    SimConfig.defaults().toBuilder().hotspotShare(hotspotShare).hotspotCentre(hotspotCentre[0], hotspotCentre[1]).build();
                } catch (IllegalArgumentException e) {
                    fail("--hotspot-at " + hotspotAt + ": " + e.getMessage());
                }
            }
        }
        long t0 = System.nanoTime();
        ModelBundle model = ModelCache.forEvaluation(modelFile, LbModel.MODEL_NAME, Trainer.TRAINER_VERSION,
                Trainer.DEFAULT_SEED, () -> Trainer.train(Trainer.defaults()));
        for (double scale : demand) {
            SimConfig base = SimConfig.defaults().toBuilder().trafficMeanMbps(SimConfig.defaults().trafficMeanMbps() * scale)
                    .hotspotShare(hotspotShare)
                    .hotspotCentre(hotspotCentre == null ? Double.NaN : hotspotCentre[0], hotspotCentre == null ? Double.NaN : hotspotCentre[1])
                    .build();
            KpiTable t = run(model, seeds, minutes, base, policy, "random".equals(hotspotAt));
            System.out.println();
            System.out.printf(Locale.ROOT, "demand %.1fx (%.1f Mbit/s per active UE): %d seeds %s x %.0f simulated minutes, "
                    + "default SimConfig (21 cells, 300 UEs)%s%n%n", scale, base.trafficMeanMbps(), seeds.size(), seeds, minutes,
                    hotspotShare > 0 ? String.format(Locale.ROOT, ", %.0f %% of the UEs in a %.0f m hotspot %s",
                            100 * hotspotShare, base.hotspotRadiusM(), "random".equals(hotspotAt)
                                    ? "centred anywhere within 1 ISD of the centre site (drawn per seed)"
                                    : hotspotCentre != null ? "at " + hotspotAt + " m" : "in the first site's first sector") : "");
            System.out.print(t.render());
            System.out.println();
            System.out.print(t.renderPerSeed());
            double dMax = t.relChangePct(XAPP, "max cell PRB load");
            double rMax = t.relChangePct(RULE, "max cell PRB load");
            System.out.printf(Locale.ROOT, "%ntarget max-cell PRB load <= -20 %% vs no balancing: %+.1f %% -> %s; "
                    + "better than the +-3 dB rule (%+.1f %%): %s%n", dMax, dMax <= -20 ? "MET" : "NOT MET", rMax,
                    t.mean(XAPP, "max cell PRB load") < t.mean(RULE, "max cell PRB load") ? "yes" : "no");
            judgeNoMore(t, "radio link failures", 5, "target no harm");
            judgeNoMore(t, "ping-pongs within 5 s", 5, "target no harm");
            judgeNoMore(t, "ping-pongs within 10 s", 5, "target no harm");
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }

    /** The two-layer FTP3 evaluation: tables per demand, targets judged. */
    private static void twoLayer(EvalOptions o, List<Long> seeds) throws Exception {
        List<Double> demand = o.numbers("--demand", List.of(1.0, 2.0));
        for (double d : demand) if (!(d > 0)) fail("--demand needs scales above 0, got " + demand);
        double minutes = o.minutes(10);
        String policy = o.string("--policy");
        long t0 = System.nanoTime();
        // the layer model: the given bundle, "none" (no learned arm), else the default one from the model cache (trained
        // there when absent: JRIC_MODEL_CACHE or -Djric.modelCache choose the cache directory)
        String lm = o.string("--layer-model");
        ModelBundle layerModel = "none".equals(lm) ? null : ModelCache.forEvaluation(lm == null ? null : Path.of(lm),
                LayerModel.MODEL_NAME, LayerTrainer.TRAINER_VERSION, LayerTrainer.DEFAULT_SEED,
                () -> LayerTrainer.train(LayerTrainer.defaults()));
        for (double scale : demand) {
            SimConfig preset = SimConfig.preset("two-layer-ftp3").build();
            SimConfig base = preset.toBuilder().ftp3(preset.ftpFileArrivalsPerS() * scale, preset.ftpFileSizeMbit()).build();
            KpiTable t = runTwoLayer(seeds, minutes, base, policy, layerModel, bounds(o));
            System.out.println();
            System.out.printf(Locale.ROOT, "demand %.1fx (FTP model 3, %.2f files/s of %.0f Mbit per UE): %d seeds %s x %.0f simulated "
                    + "minutes, two-layer-ftp3 (%d sites x %d sectors x n28 + n78, %d UEs, %.0f %% indoor)%n%n", scale,
                    base.ftpFileArrivalsPerS(), base.ftpFileSizeMbit(), seeds.size(), seeds, minutes, base.gnbs(),
                    base.cellsPerGnb(), base.ues(), 100 * base.indoorShare());
            System.out.print(t.render());
            System.out.println();
            System.out.print(t.renderPerSeed());
            System.out.println();
            judge(t, "max cell PRB load", -20, true, "target peak cell PRB use");
            judge(t, "cell-seconds above 80 %", -30, true, "target cell-seconds above 80 %");
            judge(t, "p5 file throughput", 15, false, "target p5 UE (file) throughput");
            judgeNoMore(t, "radio link failures", 5, "target RLF within");
            judgeNoMore(t, "ping-pongs within 5 s", 5, "target ping-pongs (5 s) within");
            judgeNoMore(t, "ping-pongs within 10 s", 5, "target ping-pongs (10 s) within");
            if (layerModel != null) {
                System.out.println();
                System.out.println("the xApp with the learned layer steering (" + LEARNED + "):");
                judge(t, LEARNED, "max cell PRB load", -20, true, "target peak cell PRB use");
                judge(t, LEARNED, "cell-seconds above 80 %", -30, true, "target cell-seconds above 80 %");
                judge(t, LEARNED, "p5 file throughput", 15, false, "target p5 UE (file) throughput");
                judgeNoMore(t, LEARNED, "radio link failures", 5, "target RLF within");
                judgeNoMore(t, LEARNED, "ping-pongs within 5 s", 5, "target ping-pongs (5 s) within");
                judgeNoMore(t, LEARNED, "ping-pongs within 10 s", 5, "target ping-pongs (10 s) within");
                System.out.printf(Locale.ROOT, "learned vs the fixed rule: cell-seconds above 80 %% %.2f vs %.2f, p5 file throughput %.3f vs "
                        + "%.3f Mbit/s, RLFs %.2f vs %.2f%n", t.mean(LEARNED, "cell-seconds above 80 %"), t.mean(XAPP, "cell-seconds above 80 %"),
                        t.mean(LEARNED, "p5 file throughput"), t.mean(XAPP, "p5 file throughput"),
                        t.mean(LEARNED, "radio link failures"), t.mean(XAPP, "radio link failures"));
            }
            if (!bounds(o).isEmpty()) {
                System.out.println();
                System.out.println("bounds, not xApps (the simulator's load oracle: UEs with data placed with full knowledge of every buffer "
                        + "and SINR; their RLF and ping-pong figures mean nothing):");
                for (String b : bounds(o)) {
                    String arm = BOUNDS.get(b);
                    double x = t.relChangePct(arm, "max cell PRB load");
                    System.out.printf(Locale.ROOT, "%s: peak cell PRB use %.2f %%, %+.1f %% vs no balancing -> -20 %% %s by this placement%n",
                            arm, t.mean(arm, "max cell PRB load"), x, x <= -20 ? "reachable" : "not reached");
                }
            }
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    /** As {@link #judge(KpiTable, String, double, boolean, String)} for the arm {@code arm}. */
    private static void judge(KpiTable t, String arm, String kpi, double boundPct, boolean lowerIsBetter, String what) {
        double x = t.relChangePct(arm, kpi);
        double r = t.relChangePct(OFFSET_RULE, kpi);
        boolean met = lowerIsBetter ? x <= boundPct : x >= boundPct;
        boolean beatsRule = lowerIsBetter ? t.mean(arm, kpi) < t.mean(OFFSET_RULE, kpi) : t.mean(arm, kpi) > t.mean(OFFSET_RULE, kpi);
        System.out.printf(Locale.ROOT, "%s %s%.0f %% vs no balancing: %+.1f %% -> %s; the MLB rule %+.1f %%, better than the MLB rule: %s%n",
                what, lowerIsBetter ? "<= " : ">= +", Math.abs(boundPct) * (lowerIsBetter && boundPct < 0 ? -1 : 1), x,
                met ? "MET" : "NOT MET", r, beatsRule ? "yes" : "no");
    }

    /** As {@link #judgeNoMore(KpiTable, String, double, String)} for the arm {@code arm}. */
    static void judgeNoMore(KpiTable t, String arm, String kpi, double boundPct, String what) {
        double b = t.mean(NONE, kpi);
        double x = t.mean(arm, kpi);
        double rel = t.relChangePct(arm, kpi);
        boolean met = b == 0 ? x == 0 : rel <= boundPct;
        System.out.printf(Locale.ROOT, "%s +%.0f %% of no balancing (%s): %.2f vs %.2f, %+.1f %% -> %s%n", what, boundPct, kpi, x, b,
                rel, met ? "MET" : "NOT MET");
    }

    /** Prints a target on the xApp's change vs no balancing, and how the rule did on it. */
    private static void judge(KpiTable t, String kpi, double boundPct, boolean lowerIsBetter, String what) {
        double x = t.relChangePct(XAPP, kpi);
        double r = t.relChangePct(OFFSET_RULE, kpi);
        boolean met = lowerIsBetter ? x <= boundPct : x >= boundPct;
        boolean beatsRule = lowerIsBetter ? t.mean(XAPP, kpi) < t.mean(OFFSET_RULE, kpi) : t.mean(XAPP, kpi) > t.mean(OFFSET_RULE, kpi);
        System.out.printf(Locale.ROOT, "%s %s%.0f %% vs no balancing: %+.1f %% -> %s; the MLB rule %+.1f %%, xApp better than the rule: %s%n",
                what, lowerIsBetter ? "<= " : ">= +", Math.abs(boundPct) * (lowerIsBetter && boundPct < 0 ? -1 : 1), x,
                met ? "MET" : "NOT MET", r, beatsRule ? "yes" : "no");
    }

    /** Prints a do-no-harm target: the xApp's KPI at most {@code boundPct} above no balancing (0 vs 0 is met). */
    static void judgeNoMore(KpiTable t, String kpi, double boundPct, String what) {
        double b = t.mean(NONE, kpi);
        double x = t.mean(XAPP, kpi);
        double rel = t.relChangePct(XAPP, kpi);
        boolean met = b == 0 ? x == 0 : rel <= boundPct;
        System.out.printf(Locale.ROOT, "%s +%.0f %% of no balancing (%s): %.2f vs %.2f, %+.1f %% -> %s%n", what, boundPct, kpi, x, b,
                rel, met ? "MET" : "NOT MET");
    }

    /** The two-layer arms on every seed. */
    static KpiTable runTwoLayer(List<Long> seeds, double minutes, SimConfig base, String policy) throws Exception {
        return runTwoLayer(seeds, minutes, base, policy, null);
    }

    /** As {@link #runTwoLayer(List, double, SimConfig, String)}, plus the {@link #LEARNED} arm when {@code layerModel} is set. */
    static KpiTable runTwoLayer(List<Long> seeds, double minutes, SimConfig base, String policy, ModelBundle layerModel)
            throws Exception {
        return runTwoLayer(seeds, minutes, base, policy, layerModel, List.of());
    }

    /** As {@link #runTwoLayer(List, double, SimConfig, String, ModelBundle)}, plus a bound arm per mode in {@code bounds}. */
    static KpiTable runTwoLayer(List<Long> seeds, double minutes, SimConfig base, String policy, ModelBundle layerModel,
            List<String> bounds) throws Exception {
        List<String> others = new ArrayList<>(List.of(OFFSET_RULE, XAPP));
        if (layerModel != null) others.add(LEARNED);
        for (String b : bounds) others.add(BOUNDS.get(b));
        KpiTable t = new KpiTable(NONE, others.toArray(new String[0]))
                .kpi("max cell PRB load", "%", true)
                .kpi("max per-cell mean PRB load", "%", true)
                .kpi("std of cell PRB load", "%", true)
                .kpi("cell-seconds above 80 %", "%", true)
                .kpi("p5 file throughput", "Mbit/s", false)
                .kpi("mean file throughput", "Mbit/s", false)
                .kpi("p5 UE throughput", "Mbit/s", false)
                .kpi("radio link failures", "", true)
                .kpi("ping-pongs within 5 s", "", true)
                .kpi("ping-pongs within 10 s", "", true)
                .kpi("handovers", "", true)
                .kpi("inter-frequency handovers", "", true)
                .kpi("guard trips", "", true)
                .kpi(PEAK_10S, "%", true)
                .kpi(PEAK_60S, "%", true);
        int periods = (int) Math.round(minutes * 60_000 / Trainer.REPORT_PERIOD_MS);
        String layers = layerConfig(base);
        LayerPlan plan = LayerPlan.fromConfig(layers);
        for (long seed : seeds) {
            SimConfig cfg = base.toBuilder().seed(seed).build();
            recordTwoLayer(t, NONE, arm(cfg, periods, null, null, layers));
            recordTwoLayer(t, OFFSET_RULE, arm(cfg, periods, new MlbOffsetRule(80, 50, MlbRule.STEP_DB, 6,
                    Trainer.DECISION_PERIOD_MS, plan), null, layers));
            recordTwoLayer(t, XAPP, arm(cfg, periods, new LoadBalancingXapp(), host -> {
                if (policy != null) host.deliverPolicy(new PolicyEvent(LbPolicy.TYPE, "eval", policy, false));
            }, layers));
            if (layerModel != null) {
                byte[] bundle = layerModel.toBytes();
                recordTwoLayer(t, LEARNED, arm(cfg, periods, new LoadBalancingXapp(), host -> {
                    host.deliverModel(new ModelEvent(LayerModel.MODEL_NAME, layerModel.metadata().version(), "dl4j",
                            LayerModel.INPUT_FEATURES, bundle));
                    if (policy != null) host.deliverPolicy(new PolicyEvent(LbPolicy.TYPE, "eval", policy, false));
                }, layers));
            }
            for (String b : bounds) recordTwoLayer(t, BOUNDS.get(b), oracleArm(cfg, periods, b));
        }
        return t;
    }

    /** A bound, not an xApp: the run with the simulator's load oracle in {@code mode} (tick, period or burst). */
    static Outcome oracleArm(SimConfig cfg, int periods, String mode) {
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        run.model().enableLoadOracle(mode, run.periodTicks());
        Acc acc = new Acc();
        for (int k = 0; k < periods; k++) acc.add(run.nextPeriod(false));
        RanModel m = run.model();
        return acc.outcome(m.stats(), m.pingPongsWithin(5_000), m.pingPongsWithin(10_000), m.fileTransfers(),
                m.interFrequencyHandovers(), 0, 0);
    }

    /** The xApp's config for the simulator's carrier plan (cells numbered carrier x cellsPerGnb + sector). */
    static String layerConfig(SimConfig cfg) {
        if (cfg.carriers().size() != 2) throw new IllegalArgumentException("two carriers expected, got " + cfg.carriers());
        return String.format(Locale.ROOT, "{\"modelFile\":\"\",\"layerNrArfcns\":[%d,%d],\"cellsPerLayer\":%d,"
                + "\"a5Threshold1Dbm\":%s,\"a5Threshold2Dbm\":%s,\"a4ThresholdDbm\":%s}", cfg.carriers().get(0).nrArfcn(),
                cfg.carriers().get(1).nrArfcn(), cfg.cellsPerGnb(), cfg.carriers().get(1).interFreqThreshold1Dbm(),
                cfg.carriers().get(1).interFreqThreshold2Dbm(), cfg.carriers().get(0).interFreqThreshold2Dbm());
    }

    static void recordTwoLayer(KpiTable t, String arm, Outcome o) {
        record(t, arm, o);
        t.add(arm, "p5 file throughput", o.files().p5FileThroughputMbps());
        t.add(arm, "mean file throughput", o.files().meanFileThroughputMbps());
        t.add(arm, "inter-frequency handovers", o.interFrequencyHandovers());
        t.add(arm, "guard trips", o.guardTrips());
        t.add(arm, PEAK_10S, o.peak10s());
        t.add(arm, PEAK_60S, o.peak60s());
    }

    /** Runs every arm on every seed; returns the table. With {@code randomHotspot}, each seed's hotspot centre is drawn. */
    public static KpiTable run(ModelBundle model, List<Long> seeds, double minutes, SimConfig base, String policy,
            boolean randomHotspot) throws Exception {
        KpiTable t = new KpiTable(NONE, RULE, XAPP, IDEAL, OFFSET_RULE)
                .kpi("max cell PRB load", "%", true)
                .kpi("max per-cell mean PRB load", "%", true)
                .kpi("std of cell PRB load", "%", true)
                .kpi("cell-seconds above 80 %", "%", true)
                .kpi("p5 UE throughput", "Mbit/s", false)
                .kpi("mean UE throughput", "Mbit/s", false)
                .kpi("radio link failures", "", true)
                .kpi("ping-pongs within 5 s", "", true)
                .kpi("ping-pongs within 10 s", "", true)
                .kpi("handovers", "", true)
                .kpi("controls sent", "", true)
                .kpi("guard trips", "", true);
        byte[] bundle = model.toBytes();
        int periods = (int) Math.round(minutes * 60_000 / Trainer.REPORT_PERIOD_MS);
        for (long seed : seeds) {
            SimConfig.Builder b = base.toBuilder().seed(seed);
            if (randomHotspot) {
                double[] c = Trainer.randomHotspotCentre(seed, base.interSiteDistanceM());
                b.hotspotCentre(c[0], c[1]);
                System.out.printf(Locale.ROOT, "seed %d: hotspot centre %.0f, %.0f m%n", seed, c[0], c[1]);
            }
            SimConfig cfg = b.build();
            record(t, NONE, arm(cfg, periods, null, null));
            record(t, RULE, arm(cfg, periods, new MlbRule(80, 50, -6, 6, Trainer.DECISION_PERIOD_MS), null));
            LoadBalancingXapp x = new LoadBalancingXapp();
            Outcome xo = arm(cfg, periods, x, host -> {
                host.deliverModel(new ModelEvent(LbModel.MODEL_NAME, model.metadata().version(), "dl4j", LbModel.INPUT_FEATURES, bundle));
                if (policy != null) host.deliverPolicy(new PolicyEvent(LbPolicy.TYPE, "eval", policy, false));
            });
            record(t, XAPP, xo);
            for (String other : new String[] {NONE, RULE, IDEAL, OFFSET_RULE}) t.add(other, "guard trips", 0);
            t.add(XAPP, "guard trips", xo.guardTrips());
            // Not a load balancer: the RAN with every UE handed to its strongest cell at once (no
            // hysteresis, no time to trigger), to show how far association alone moves the load.
            record(t, IDEAL, arm(cfg.toBuilder().a3HysteresisDb(0).a3TimeToTriggerMs(0).build(), periods, null, null));
            record(t, OFFSET_RULE, arm(cfg, periods, new MlbOffsetRule(80, 50, MlbRule.STEP_DB, 6, Trainer.DECISION_PERIOD_MS, null), null));
        }
        return t;
    }

    interface Setup {
        void apply(SimHost host) throws Exception;
    }

    /** Load figures of one run. */
    record Outcome(RanStats stats, double meanMax, double maxMean, double meanStd, double overPct, long pingPongs5s,
                   long pingPongs10s, FileTransferStats files, long interFrequencyHandovers, long guardTrips, long controlsSent,
                   double peak10s, double peak60s) {}

    static Outcome arm(SimConfig cfg, int periods, Xapp xapp, Setup setup) throws Exception {
        return arm(cfg, periods, xapp, setup, "{\"modelFile\":\"\"}");
    }

    static Outcome arm(SimConfig cfg, int periods, Xapp xapp, Setup setup, String xappConfig) throws Exception {
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        Acc acc = new Acc();
        long trips = 0;
        long changes = 0;
        if (xapp == null) {
            for (int k = 0; k < periods; k++) acc.add(run.nextPeriod(false));
        } else {
            try (SimHost host = new SimHost(run, xapp, "load-balancing", xappConfig, 20, 46, true)) {
                if (setup != null) setup.apply(host);
                for (int k = 0; k < periods; k++) acc.add(host.step());
                trips = host.metricValues().getOrDefault("guard.trips", 0L);
                changes = host.controlLog().size();
            }
        }
        RanModel m = run.model();
        return acc.outcome(m.stats(), m.pingPongsWithin(5_000), m.pingPongsWithin(10_000), m.fileTransfers(),
                m.interFrequencyHandovers(), trips, changes);
    }

    private static final class Acc {
        double sumMax;
        double sumStd;
        long periods;
        long cellPeriods;
        long over;
        final Map<String, double[]> perCell = new HashMap<>();
        /** Per window length (10 s, 60 s): per cell the PRB load summed over the window so far; sum of window peaks; windows. */
        final int[] windows = {10, 60};
        final List<Map<String, Double>> windowSums = List.of(new HashMap<>(), new HashMap<>());
        final double[] windowPeakSum = new double[2];
        final long[] windowCount = new long[2];

        void add(List<KpmReport> reports) {
            List<Double> loads = new ArrayList<>();
            for (KpmReport r : reports) {
                for (CellKpi c : r.cells()) {
                    loads.add((double) c.prbUsedDlPct());
                    double[] pc = perCell.computeIfAbsent(c.cellId(), k -> new double[2]);
                    pc[0] += c.prbUsedDlPct();
                    pc[1]++;
                }
            }
            double max = 0;
            double s = 0;
            double s2 = 0;
            for (double v : loads) {
                max = Math.max(max, v);
                s += v;
                s2 += v * v;
                if (v > 80) over++;
            }
            int n = loads.size();
            for (KpmReport r : reports) {
                for (CellKpi c : r.cells()) {
                    for (int w = 0; w < windows.length; w++) windowSums.get(w).merge(c.cellId(), (double) c.prbUsedDlPct(), Double::sum);
                }
            }
            for (int w = 0; w < windows.length; w++) {
                if ((periods + 1) % windows[w] != 0) continue;
                double peak = 0;
                for (double v : windowSums.get(w).values()) peak = Math.max(peak, v / windows[w]);
                windowPeakSum[w] += peak;
                windowCount[w]++;
                windowSums.get(w).clear();
            }
            sumMax += max;
            sumStd += Math.sqrt(Math.max(0, s2 / n - (s / n) * (s / n)));
            periods++;
            cellPeriods += n;
        }

        Outcome outcome(RanStats st, long pp5, long pp10, FileTransferStats files, long ifHo, long trips, long changes) {
            double maxMean = 0;
            for (double[] pc : perCell.values()) maxMean = Math.max(maxMean, pc[0] / pc[1]);
            return new Outcome(st, sumMax / periods, maxMean, sumStd / periods, 100.0 * over / cellPeriods, pp5, pp10, files,
                    ifHo, trips, changes, windowCount[0] == 0 ? Double.NaN : windowPeakSum[0] / windowCount[0],
                    windowCount[1] == 0 ? Double.NaN : windowPeakSum[1] / windowCount[1]);
        }
    }

    static void record(KpiTable t, String arm, Outcome o) {
        t.add(arm, "max cell PRB load", o.meanMax());
        t.add(arm, "max per-cell mean PRB load", o.maxMean());
        t.add(arm, "std of cell PRB load", o.meanStd());
        t.add(arm, "cell-seconds above 80 %", o.overPct());
        t.add(arm, "p5 UE throughput", o.stats().p5UeThroughputMbps());
        t.add(arm, "mean UE throughput", o.stats().meanUeThroughputMbps());
        t.add(arm, "radio link failures", o.stats().radioLinkFailures());
        t.add(arm, "ping-pongs within 5 s", o.pingPongs5s());
        t.add(arm, "ping-pongs within 10 s", o.pingPongs10s());
        t.add(arm, "handovers", o.stats().handoverSuccesses());
        t.add(arm, "controls sent", o.controlsSent());
    }
}
