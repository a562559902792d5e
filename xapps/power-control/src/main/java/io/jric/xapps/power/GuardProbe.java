package io.jric.xapps.power;

import io.jric.sim.CellView;
import io.jric.sim.RanModel;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.HarmGuard;
import io.jric.xapps.ml.SimRun;
import java.util.List;
import java.util.Locale;

/**
 * A diagnostic of the do-no-harm guard, not an evaluation: on the two-layer FTP3 network with fixed powers, how often the
 * guard over the held levels would trip within one trial's length when its reference is the plain failure rate and when
 * it follows demand (the active UEs, {@link HarmGuard#observe(String, boolean, double, double, double, int)}). For every
 * window start t (every 10 s) a fresh guard learns the seconds up to t + 60 at 46 dBm and is then shown the 60 seconds from
 * t + 70 as steered, taken from a run with n28 at {@code --n28} dBm (same seed, so the same files): at 46 dBm every trip
 * is a false alarm; at a lower level the failures really rise (a few percent at 40 dBm, some 15 % at 34 dBm, below the
 * policy's 25 % allowance, so a trip there is early, not wrong). Usage:
 * {@code GuardProbe [--seeds 601,602,603,611,612,613] [--minutes 20] [--n28 46,40,34] [--starts-until seconds]} (the last
 * window start t: 120 looks at the guard in a run's first minutes, with little learned).
 */
public final class GuardProbe {
    private GuardProbe() {}

    private static final int WINDOW = 60;

    public static void main(String[] args) {
        EvalOptions o = EvalOptions.parseOrExit(args, "GuardProbe [--seeds 601,...] [--minutes 20] [--n28 46,40,34] [--starts-until 1200]",
                "--n28=numbers", "--starts-until=int");
        List<Long> seeds = o.seeds(List.of(601L, 602L, 603L, 611L, 612L, 613L));
        int secs = (int) Math.round(o.minutes(20) * 60);
        int lastStart = o.integer("--starts-until", secs);
        PowerPolicy pol = PowerPolicy.DEFAULT;
        System.out.printf(Locale.ROOT, "two-layer-ftp3, seeds %s x %d simulated seconds; windows of %d s every 10 s, learning from second "
                + "0 to t + %d with t <= %d; allowance %+.0f %%%n", seeds, secs, WINDOW, WINDOW, lastStart, pol.harmAllowancePct());
        System.out.println("| n28 dBm in the steered window | failures vs 46 dBm | active UEs vs 46 dBm | windows | guard trips, plain "
                + "reference | guard trips, reference following the active UEs |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        double[][] base = new double[seeds.size()][];
        double[][] demandBase = new double[seeds.size()][];
        for (int s = 0; s < seeds.size(); s++) {
            double[][] r = run(seeds.get(s), secs, 46);
            base[s] = r[0];
            demandBase[s] = r[1];
        }
        for (double n28 : o.numbers("--n28", List.of(46.0, 40.0, 34.0))) {
            int windows = 0;
            int plainTrips = 0;
            int demandTrips = 0;
            double failures = 0;
            double baseFailures = 0;
            double active = 0;
            double baseActive = 0;
            for (int s = 0; s < seeds.size(); s++) {
                double[][] r = n28 == 46 ? new double[][] {base[s], demandBase[s]} : run(seeds.get(s), secs, n28);
                for (int k = 0; k < secs; k++) {
                    failures += r[0][k];
                    baseFailures += base[s][k];
                    active += r[1][k];
                    baseActive += demandBase[s][k];
                }
                for (int t = 0; t + 2 * WINDOW + 10 <= secs && t <= lastStart; t += 10) {
                    windows++;
                    HarmGuard plain = new HarmGuard();
                    HarmGuard demand = new HarmGuard();
                    for (int k = 0; k < t + WINDOW; k++) {
                        plain.observe("cells", false, base[s][k], pol.harmAllowancePct(), pol.harmHoldPeriods());
                        demand.observe("cells", false, base[s][k], demandBase[s][k], pol.harmAllowancePct(), pol.harmHoldPeriods());
                    }
                    boolean p = false;
                    boolean d = false;
                    for (int k = t + WINDOW + 10; k < t + 2 * WINDOW + 10; k++) {
                        p |= plain.observe("cells", true, r[0][k], pol.harmAllowancePct(), pol.harmHoldPeriods());
                        d |= demand.observe("cells", true, r[0][k], r[1][k], pol.harmAllowancePct(), pol.harmHoldPeriods());
                    }
                    if (p) plainTrips++;
                    if (d) demandTrips++;
                }
            }
            System.out.printf(Locale.ROOT, "| %.0f | %+.1f %% | %+.1f %% | %d | %.1f %% | %.1f %% |%n", n28, 100 * (failures / baseFailures - 1),
                    100 * (active / baseActive - 1), windows,
                    100.0 * plainTrips / windows, 100.0 * demandTrips / windows);
        }
    }

    /** Per second: the radio link failures and the active UEs of all cells, n28 at {@code n28} dBm and n78 at 46. */
    private static double[][] run(long seed, int secs, double n28) {
        SimRun run = new SimRun(SimConfig.preset("two-layer-ftp3").seed(seed).build(), 1000);
        RanModel m = run.model();
        for (String c : m.cellIds()) m.setTxPower(c, m.carrierOf(c).equals("n28") ? n28 : 46);
        double[] rlf = new double[secs];
        double[] active = new double[secs];
        double before = 0;
        for (int k = 0; k < secs; k++) {
            m.step(run.periodTicks());
            for (CellView c : m.cells()) active[k] += c.activeUes();
            double now = m.stats().radioLinkFailures();
            rlf[k] = now - before;
            before = now;
        }
        return new double[][] {rlf, active};
    }
}
