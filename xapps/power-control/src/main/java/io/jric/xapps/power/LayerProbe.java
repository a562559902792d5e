package io.jric.xapps.power;

import io.jric.sim.RanModel;
import io.jric.sim.RanStats;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.SimRun;
import java.util.List;
import java.util.Locale;

/**
 * A diagnostic, not an evaluation: on the two-layer FTP3 network, fixed Tx power per carrier (no xApp), each pair of
 * levels on every seed, against both carriers at 46 dBm: what a controller that set one level per carrier could get.
 * Usage: {@code LayerProbe [--seeds 601,602,603] [--minutes 5] [--n28 46,40,34,28,23] [--n78 46,40,34]}; every n28 level
 * is run with n78 at 46 dBm and every n78 level with n28 at 46 dBm. The last column, the UEs served on n28 (mean over the
 * run's seconds, of 300), shows where a lower power pushes the UEs.
 */
public final class LayerProbe {
    private LayerProbe() {}

    public static void main(String[] args) {
        EvalOptions o = EvalOptions.parseOrExit(args, "LayerProbe [--seeds 601,602,603] [--minutes 5] [--n28 46,40,...] [--n78 46,40,...]",
                "--n28=numbers", "--n78=numbers");
        List<Long> seeds = o.seeds(List.of(601L, 602L, 603L));
        double minutes = o.minutes(5);
        System.out.printf(Locale.ROOT, "two-layer-ftp3, seeds %s x %.0f simulated minutes, means over the seeds%n", seeds, minutes);
        System.out.println("| n28 dBm | n78 dBm | energy (kWh) | change | mean UE throughput (Mbit/s) | change | p5 (Mbit/s) | radio link failures | change | UEs served on n28 |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        double[] base = run(seeds, minutes, 46, 46);
        for (double n28 : o.numbers("--n28", List.of(46.0, 40.0, 34.0, 28.0, 23.0))) print(n28, 46, run(seeds, minutes, n28, 46), base);
        for (double n78 : o.numbers("--n78", List.of(40.0, 34.0))) print(46, n78, run(seeds, minutes, 46, n78), base);
    }

    private static void print(double n28, double n78, double[] r, double[] base) {
        System.out.printf(Locale.ROOT, "| %.0f | %.0f | %.3f | %+.1f %% | %.3f | %+.1f %% | %.3f | %.1f | %+.1f %% | %.1f |%n", n28, n78, r[0],
                pct(r[0], base[0]), r[1], pct(r[1], base[1]), r[2], r[3], pct(r[3], base[3]), r[4]);
    }

    private static double pct(double v, double base) {
        return 100 * (v / base - 1);
    }

    /** Means over the seeds: energy kWh, mean and p5 UE throughput, radio link failures. */
    private static double[] run(List<Long> seeds, double minutes, double n28, double n78) {
        double[] sum = new double[5];
        for (long seed : seeds) {
            SimRun run = new SimRun(SimConfig.preset("two-layer-ftp3").seed(seed).build(), 1000);
            RanModel m = run.model();
            for (String c : m.cellIds()) m.setTxPower(c, m.carrierOf(c).equals("n28") ? n28 : n78);
            int secs = (int) Math.round(minutes * 60);
            double n28Ues = 0;
            for (int k = 0; k < secs; k++) {
                m.step(run.periodTicks());
                for (io.jric.sim.CellView c : m.cells()) if (m.carrierOf(c.cellId()).equals("n28")) n28Ues += c.servedUes();
            }
            sum[4] += n28Ues / secs;
            RanStats s = m.stats();
            sum[0] += s.energyWh() / 1000;
            sum[1] += s.meanUeThroughputMbps();
            sum[2] += s.p5UeThroughputMbps();
            sum[3] += s.radioLinkFailures();
        }
        for (int i = 0; i < sum.length; i++) sum[i] /= seeds.size();
        return sum;
    }
}
