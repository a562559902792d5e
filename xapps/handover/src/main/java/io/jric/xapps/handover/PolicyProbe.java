package io.jric.xapps.handover;

import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.sim.RanModel;
import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.sim.UeView;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A tool for choosing the handover policy on probe seeds (issue #16, fifth round; not an evaluation): runs A3 alone
 * (3 dB / 320 ms) once per seed and then the xApp with each policy variant on the same seeds, and prints, pooled over
 * the seeds, the changes the issue's targets are judged on (RLF, ping-pongs counted over 5 s and 10 s, mean and
 * 5th-percentile throughput), plus per-seed rows. The reference arms of {@link Evaluate} are left out (they do not
 * depend on the policy).
 *
 * <p>With {@code --attribute true}, each xApp run also splits its mean-throughput change against A3 by what last
 * happened to the UE in the xApp arm within 5 s before the sample: an xApp handover made while the UE's serving SINR
 * was below the policy's {@code rescueBelowSinrDb} (a rescue), another xApp handover (voluntary), or none (the UE
 * stayed where the xApp and the widened A3 kept it). Each UE's samples in both arms are compared tick by tick (same
 * seed: same positions, mobility and traffic), so each share is what those samples add to the pooled change of the
 * mean. That holds for traffic whose activity does not depend on throughput (the default full-buffer on/off traffic);
 * with finite buffers (FTP3) a faster transfer has fewer samples and the shares do not add up to the change.
 *
 * <p>With {@code --breakdown true}, each run (A3 alone included) also counts its returns to the previous cell within
 * 10 s by who made the leg away and the leg back: the RAN within a carrier (A3), the RAN across carriers (A4/A5), an
 * xApp handover or an xApp rescue ({@link ReturnBreakdown}).
 *
 * <p>Usage: {@code PolicyProbe [--config default] [--seeds 601,602] [--minutes 3] [--model bundle.zip]
 * [--attribute true] [--breakdown true] --variants file}, the file one variant a line: {@code name<TAB>policy JSON[<TAB>xApp config
 * members]} ({@code {}} keeps the network's default policy); lines starting with {@code #} are skipped.
 */
public final class PolicyProbe {
    private PolicyProbe() {}

    /** How long after an xApp handover a UE's samples are put down to it. */
    static final int ATTRIBUTE_MS = 5_000;

    record Variant(String name, String policy, String xappConfig) {}

    /** One run's figures. */
    record Figures(double rlf, double pp5, double pp10, double handovers, double xappHandovers, double mean, double p5,
                   double samples, double[] attributed) {}

    public static void main(String[] args) throws Exception {
        EvalOptions o = EvalOptions.parseOrExit(args, "PolicyProbe [--config default] [--seeds 601,602] [--minutes 3] "
                + "[--model bundle.zip] [--attribute true] [--breakdown true] --variants file", "--config=text", "--variants=text",
                "--attribute=text", "--breakdown=text");
        SimConfig preset = o.preset();
        List<Long> seeds = o.seeds(List.of(601L, 602L));
        double minutes = o.minutes(3);
        boolean attribute = "true".equals(o.string("--attribute"));
        boolean breakdown = "true".equals(o.string("--breakdown"));
        if (o.string("--variants") == null) {
            System.err.println("error: --variants file needed");
            System.exit(2);
        }
        List<Variant> variants = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(o.string("--variants")))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t");
            variants.add(new Variant(f[0].trim(), f.length > 1 ? f[1].trim() : "{}", f.length > 2 ? f[2].trim() : ""));
        }
        int cellsPerLayer = Evaluate.cellsPerLayer(preset);
        Trainer.ModelChoice choice = Trainer.modelFor(cellsPerLayer);
        ModelBundle model = ModelCache.forEvaluation(o.model(), HandoverModel.MODEL_NAME, choice.trainerVersion(),
                choice.seed(), () -> Trainer.train(choice.options()));
        byte[] bundle = model.toBytes();
        SimConfig base = preset.toBuilder().pingPongWindowMs(5000).build();
        int periods = (int) Math.round(minutes * 60_000 / Trainer.REPORT_PERIOD_MS);
        Map<String, List<Figures>> out = new HashMap<>();
        Map<String, long[][]> returnsByVariant = new HashMap<>();
        long[][] a3Returns = new long[4][4];
        List<Figures> a3s = new ArrayList<>();
        for (long seed : seeds) {
            SimConfig cfg = base.toBuilder().seed(seed).build();
            long t0 = System.nanoTime();
            SimRun a3 = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
            List<double[]> a3Series = attribute ? new ArrayList<>() : null;
            ReturnBreakdown a3Breakdown = breakdown ? new ReturnBreakdown(a3.model(), cfg.ues(), 10_000) : null;
            for (int k = 0; k < periods * a3.periodTicks(); k++) {
                a3.model().step();
                if (attribute) a3Series.add(sample(a3.model()));
                if (breakdown) a3Breakdown.observe(false, 0, null);
            }
            Figures fa = figures(a3.model(), null);
            a3s.add(fa);
            System.out.printf(Locale.ROOT, "seed %d  %-28s %s  (%.0f s)%n", seed, "A3 alone", row(fa, null),
                    (System.nanoTime() - t0) / 1e9);
            if (breakdown) {
                add(a3Returns, a3Breakdown.returns);
                System.out.printf(Locale.ROOT, "seed %d  %-28s %s%n", seed, "A3 alone", a3Breakdown.summary());
            }
            for (Variant v : variants) {
                t0 = System.nanoTime();
                HandoverPolicy p = HandoverPolicy.parse(v.policy(), HandoverPolicy.defaultFor(cellsPerLayer));
                ReturnBreakdown[] bd = breakdown ? new ReturnBreakdown[1] : null;
                Figures fx = runXapp(cfg, periods, bundle, model.metadata().version(), v, p, a3Series, bd);
                out.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(fx);
                System.out.printf(Locale.ROOT, "seed %d  %-28s %s  (%.0f s)%n", seed, v.name(), row(fx, fa),
                        (System.nanoTime() - t0) / 1e9);
                if (breakdown) {
                    add(returnsByVariant.computeIfAbsent(v.name(), k -> new long[4][4]), bd[0].returns);
                    System.out.printf(Locale.ROOT, "seed %d  %-28s %s%n", seed, v.name(), bd[0].summary());
                }
            }
        }
        Figures pooledA3 = pool(a3s, 0);
        System.out.printf(Locale.ROOT, "%n%d seeds %s x %.0f simulated minutes, %s SimConfig; pooled (mean over seeds)%n",
                seeds.size(), seeds, minutes, o.configName());
        System.out.println("| variant | RLF | ping-pongs 5 s | 10 s | handovers | mean thr. | p5 thr. | all five |"
                + (attribute ? " mean change from: rescues / voluntary / neither |" : ""));
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---|" + (attribute ? "---|" : ""));
        System.out.printf(Locale.ROOT, "| A3 alone | %.2f | %.2f | %.2f | %.0f | %.3f | %.3f | |%s%n", pooledA3.rlf(),
                pooledA3.pp5(), pooledA3.pp10(), pooledA3.handovers(), pooledA3.mean(), pooledA3.p5(), attribute ? " |" : "");
        for (Variant v : variants) {
            Figures f = pool(out.get(v.name()), pooledA3.mean());
            double r = pct(f.rlf(), pooledA3.rlf()), a = pct(f.pp5(), pooledA3.pp5()), b = pct(f.pp10(), pooledA3.pp10());
            double m = pct(f.mean(), pooledA3.mean()), q = pct(f.p5(), pooledA3.p5());
            boolean all = r <= -30 && a <= -30 && b <= -30 && m >= 0 && q >= 0;
            String attr = "";
            if (attribute) {
                attr = String.format(Locale.ROOT, " %+.3f / %+.3f / %+.3f %% |", f.attributed()[0], f.attributed()[1],
                        f.attributed()[2]);
            }
            System.out.printf(Locale.ROOT, "| %s `%s` | %+.1f %% | %+.1f %% | %+.1f %% | %.0f | %+.2f %% (%.4f) | %+.1f %% | %s |%s%n",
                    v.name(), v.policy() + (v.xappConfig().isEmpty() ? "" : " config " + v.xappConfig()), r, a, b,
                    f.handovers(), m, f.mean(), q, all ? "yes" : "no", attr);
        }
        if (breakdown) {
            System.out.printf(Locale.ROOT, "%nReturns to the previous cell within 10 s, per run (mean over seeds), by the leg back "
                    + "(A3 / A4/A5 / xApp / rescue) and by the leg away%n");
            System.out.println("| arm | all | back: A3 | A4/A5 | xApp | rescue | away: A3 | A4/A5 | xApp | rescue |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.println(breakdownRow("A3 alone", a3Returns, seeds.size()));
            for (Variant v : variants) System.out.println(breakdownRow(v.name(), returnsByVariant.get(v.name()), seeds.size()));
        }
    }

    private static void add(long[][] sum, long[][] x) {
        for (int a = 0; a < sum.length; a++) for (int b = 0; b < sum[a].length; b++) sum[a][b] += x[a][b];
    }

    private static String breakdownRow(String name, long[][] r, int runs) {
        double[] back = new double[4], away = new double[4];
        double all = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                back[b] += r[a][b] / (double) runs;
                away[a] += r[a][b] / (double) runs;
                all += r[a][b] / (double) runs;
            }
        }
        return String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |", name, all,
                back[0], back[1], back[2], back[3], away[0], away[1], away[2], away[3]);
    }

    private static Figures runXapp(SimConfig cfg, int periods, byte[] bundle, String version, Variant v, HandoverPolicy p,
                                   List<double[]> a3Series, ReturnBreakdown[] breakdownOut) throws Exception {
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        RanModel m = run.model();
        int ues = cfg.ues();
        // per UE: tick of its last xApp handover and whether it was a rescue
        long[] lastHoTick = new long[ues];
        boolean[] lastRescue = new boolean[ues];
        java.util.Arrays.fill(lastHoTick, Long.MIN_VALUE / 2);
        double[] attributed = new double[3];
        double[] lastSinr = new double[ues];
        int ticksAttr = ATTRIBUTE_MS / cfg.tickMs();
        long[] tick = {0};
        ReturnBreakdown bd = breakdownOut == null ? null : new ReturnBreakdown(m, ues, 10_000);
        if (breakdownOut != null) breakdownOut[0] = bd;
        double[] reportedSinr = bd == null ? null : new double[ues];
        try (SimHost host = new SimHost(run, new HandoverXapp(), "handover",
                "{\"modelFile\":\"\",\"reportPeriodMs\":" + Trainer.REPORT_PERIOD_MS + Evaluate.layerConfig(cfg)
                        + (v.xappConfig().isBlank() ? "" : "," + v.xappConfig()) + "}", 20, 46, true)) {
            host.deliverModel(new ModelEvent(HandoverModel.MODEL_NAME, version, "dl4j", HandoverModel.INPUT_FEATURES, bundle));
            if (!v.policy().equals("{}")) host.deliverPolicy(new PolicyEvent(HandoverPolicy.TYPE, "probe", v.policy(), false));
            int logged = 0;
            for (int k = 0; k < periods; k++) {
                Runnable after = a3Series == null ? (bd == null ? null : () -> bd.observe(false, 0, null)) : () -> {
                    if (bd != null) bd.observe(false, 0, null);
                    double[] xs = sample(m);
                    double[] as = a3Series.get((int) tick[0]);
                    for (int u = 0; u < ues; u++) {
                        if (Double.isNaN(xs[u]) && Double.isNaN(as[u])) continue;
                        double d = (Double.isNaN(xs[u]) ? 0 : xs[u]) - (Double.isNaN(as[u]) ? 0 : as[u]);
                        int c = tick[0] - lastHoTick[u] <= ticksAttr ? (lastRescue[u] ? 0 : 1) : 2;
                        attributed[c] += d;
                    }
                    tick[0]++;
                };
                List<KpmReport> reports = run.nextPeriod(true, after);
                if (bd != null) for (KpmReport r : reports) for (UeKpi u : r.ues()) reportedSinr[(int) u.ueId() - 1] = u.sinrDb();
                host.deliver(reports);
                if (bd != null) bd.observe(true, p.rescueBelowSinrDb(), reportedSinr);
                if (a3Series != null) {
                    for (KpmReport r : reports) for (UeKpi u : r.ues()) lastSinr[(int) u.ueId() - 1] = u.sinrDb();
                    List<String> log = host.controlLog();
                    for (; logged < log.size(); logged++) {
                        String[] f = log.get(logged).split(" ");
                        if (!f[0].equals("handover") || !f[f.length - 1].equals("ACK")) continue;
                        int u = Integer.parseInt(f[1]) - 1;
                        lastHoTick[u] = tick[0];
                        lastRescue[u] = lastSinr[u] < p.rescueBelowSinrDb();
                    }
                }
            }
        }
        return figures(m, a3Series == null ? null : attributed);
    }

    /** Each UE's DL throughput in the last tick, NaN where it had no traffic (the simulator's samples). */
    private static double[] sample(RanModel m) {
        List<UeView> views = m.ues();
        double[] out = new double[views.size()];
        for (UeView u : views) out[(int) u.ueId() - 1] = u.active() ? u.throughputDlMbps() : Double.NaN;
        return out;
    }

    private static Figures figures(RanModel m, double[] attributedSums) {
        RanStats s = m.stats();
        return new Figures(s.radioLinkFailures(), m.pingPongsWithin(5_000), m.pingPongsWithin(10_000), s.handoverSuccesses(),
                s.ricHandovers(), s.meanUeThroughputMbps(), s.p5UeThroughputMbps(), s.ueThroughputSamples(), attributedSums);
    }

    /** Means over seeds; attributed sums become % of {@code a3Mean} (per sample; 0: of the pooled mean). */
    private static Figures pool(List<Figures> fs, double a3Mean) {
        double n = fs.size();
        double[] attr = null;
        double rlf = 0, pp5 = 0, pp10 = 0, ho = 0, xho = 0, mean = 0, p5 = 0, samples = 0;
        double[] sums = new double[3];
        boolean any = false;
        for (Figures f : fs) {
            rlf += f.rlf() / n;
            pp5 += f.pp5() / n;
            pp10 += f.pp10() / n;
            ho += f.handovers() / n;
            xho += f.xappHandovers() / n;
            mean += f.mean() / n;
            p5 += f.p5() / n;
            samples += f.samples();
            if (f.attributed() != null) {
                any = true;
                for (int i = 0; i < 3; i++) sums[i] += f.attributed()[i];
            }
        }
        if (any) {
            attr = new double[3];
            // sum of (xApp - A3) throughput over samples / number of samples = change of the mean (Mbit/s); in % of it
            for (int i = 0; i < 3; i++) attr[i] = 100 * (sums[i] / samples) / (a3Mean > 0 ? a3Mean : mean);
        }
        return new Figures(rlf, pp5, pp10, ho, xho, mean, p5, samples, attr);
    }

    private static String row(Figures f, Figures a3) {
        String s = String.format(Locale.ROOT, "RLF %5.0f  pp5 %5.0f  pp10 %5.0f  HO %5.0f  xHO %5.0f  mean %.4f  p5 %.3f",
                f.rlf(), f.pp5(), f.pp10(), f.handovers(), f.xappHandovers(), f.mean(), f.p5());
        if (a3 == null) return s;
        s += String.format(Locale.ROOT, "  | %+.1f %% %+.1f %% %+.1f %% mean %+.2f %% p5 %+.1f %%", pct(f.rlf(), a3.rlf()),
                pct(f.pp5(), a3.pp5()), pct(f.pp10(), a3.pp10()), pct(f.mean(), a3.mean()), pct(f.p5(), a3.p5()));
        if (f.attributed() != null) {
            s += String.format(Locale.ROOT, "  from rescues %+.3f %% voluntary %+.3f %% neither %+.3f %%",
                    100 * f.attributed()[0] / f.samples() / a3.mean(), 100 * f.attributed()[1] / f.samples() / a3.mean(),
                    100 * f.attributed()[2] / f.samples() / a3.mean());
        }
        return s;
    }

    static double pct(double x, double base) {
        return base == 0 ? 0 : 100 * (x - base) / base;
    }
}
