package io.jric.xapps.lb;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import io.jric.sim.RanModel;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.EvalOptions;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A diagnostic of what holds the per-second peak cell PRB use on the two-layer FTP3 configuration (issue #16), not an
 * evaluation: per arm (no balancing, the xApp with its default policy or {@code --policy}, and two bounds that are no
 * xApp, {@link RanModel#enableLoadOracle}), per second the busiest cell, its layer, its UEs with data, the share of its
 * PRBs that went to UEs whose best capacity-layer (n78) RSRP was below the A5 threshold 1 (-110 dBm, and the xApp's
 * lowest, -126 dBm), and how loaded each layer was; plus the busiest cell's mean PRB use over 10 s and 60 s windows.
 * Reads the simulator directly each tick (UE PRBs and RSRPs), which the xApp never sees.
 *
 * <p>Usage: {@code PeakProbe [--seeds 601,602] [--minutes 5] [--demand 2.0] [--policy json] [--arms none,xapp,oracle-tick,oracle-period,oracle-burst]
 * [--hotspot share,radiusM]}; {@code --hotspot} puts that share of the UEs in a disc of that radius (the simulator's hotspot,
 * centred on the first sector unless the preset says otherwise), to ask whether concentrated demand saturates the capacity
 * layer before the coverage layer.
 */
public final class PeakProbe {
    private PeakProbe() {}

    public static void main(String[] args) throws Exception {
        EvalOptions o = EvalOptions.parseOrExit(args, "PeakProbe [--seeds 601,602] [--minutes 5] [--demand 2.0] [--policy json] "
                + "[--arms none,xapp,oracle-tick,oracle-period,oracle-burst] [--hotspot share,radiusM]", "--demand=numbers", "--policy=text",
                "--arms=text", "--hotspot=numbers");
        List<Long> seeds = o.seeds(List.of(601L, 602L));
        double minutes = o.minutes(5);
        List<Double> demand = o.numbers("--demand", List.of(2.0));
        String policy = o.string("--policy");
        List<Double> hotspot = o.numbers("--hotspot", List.of());
        if (!hotspot.isEmpty() && (hotspot.size() != 2 || !(hotspot.get(0) > 0 && hotspot.get(0) <= 1) || !(hotspot.get(1) > 0))) {
            throw new IllegalArgumentException("--hotspot: expected share,radiusM with 0 < share <= 1 and radius > 0, got " + hotspot);
        }
        String[] arms = (o.string("--arms") == null ? "none,xapp,oracle-tick,oracle-period,oracle-burst" : o.string("--arms")).split(",");
        int periods = (int) Math.round(minutes * 60_000 / Trainer.REPORT_PERIOD_MS);
        for (double d : demand) {
            SimConfig base = SimConfig.preset("two-layer-ftp3").build();
            base = base.toBuilder().ftp3(base.ftpFileArrivalsPerS() * d, base.ftpFileSizeMbit()).build();
            if (!hotspot.isEmpty()) base = base.toBuilder().hotspotShare(hotspot.get(0)).hotspotRadiusM(hotspot.get(1)).build();
            System.out.printf(Locale.ROOT, "%ndemand %.1fx%s, seeds %s, %.0f simulated minutes (means over seeds of per-second figures)%n",
                    d, hotspot.isEmpty() ? "" : String.format(Locale.ROOT, ", %.0f %% of the UEs in a hotspot of %.0f m",
                            100 * hotspot.get(0), hotspot.get(1)), seeds, minutes);
            System.out.println("| arm | peak cell PRB (%) | busiest cell on n28 (% of s) | its UEs with data | its PRBs to UEs with best n78 < -110 dBm (%) "
                    + "| ... < -126 dBm (%) | busiest n28 (%) | busiest n78 (%) | mean n28 (%) | mean n78 (%) | n28 cell-s > 80 % | n78 cell-s > 80 % "
                    + "| peak over 10 s windows (%) | peak over 60 s windows (%) | oracle moves |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String arm : arms) {
                double[] sum = null;
                for (long seed : seeds) {
                    double[] r = probe(base.toBuilder().seed(seed).build(), periods, arm.trim(), policy);
                    if (sum == null) sum = new double[r.length];
                    for (int i = 0; i < r.length; i++) sum[i] += r[i] / seeds.size();
                }
                StringBuilder sb = new StringBuilder("| " + arm.trim());
                for (double v : sum) sb.append(String.format(Locale.ROOT, " | %.1f", v));
                System.out.println(sb.append(" |"));
            }
        }
    }

    private static double[] probe(SimConfig cfg, int periods, String arm, String policy) throws Exception {
        SimRun run = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        RanModel m = run.model();
        List<String> cells = m.cellIds();
        String lowName = cfg.carriers().get(0).name();
        double a5 = cfg.carriers().get(1).interFreqThreshold1Dbm();
        int n = cells.size();
        int nLow = 0;
        boolean[] low = new boolean[n];
        int[] prbs = new int[n];
        List<String> high = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            low[i] = m.carrierOf(cells.get(i)).equals(lowName);
            prbs[i] = low[i] ? cfg.carriers().get(0).prbs() : cfg.carriers().get(1).prbs();
            if (!low[i]) high.add(cells.get(i));
            else nLow++;
            index.put(cells.get(i), i);
        }
        // per cell, PRB use (fraction of the carrier, summed over ticks) of all UEs and of UEs n78 cannot hold
        double[] all = new double[n];
        double[] below110 = new double[n];
        double[] below126 = new double[n];
        Runnable afterTick = () -> {
            for (int i = 0; i < n; i++) {
                for (UeMeasurement u : m.ueMeasurements(cells.get(i))) {
                    double p = u.getPrbUsedDl();
                    if (!(p > 0)) continue;
                    double f = p / prbs[i];
                    all[i] += f;
                    double best = Double.NEGATIVE_INFINITY;
                    for (String h : high) best = Math.max(best, m.rsrp(u.getUeId(), h));
                    if (best < a5) below110[i] += f;
                    if (best < a5 - 16) below126[i] += f;
                }
            }
        };
        SimHost host = null;
        if (arm.equals("xapp")) {
            host = new SimHost(run, new LoadBalancingXapp(), "load-balancing", Evaluate.layerConfig(cfg), 20, 46, true);
            if (policy != null) host.deliverPolicy(new io.jric.api.xapp.PolicyEvent(LbPolicy.TYPE, "probe", policy, false));
        } else if (arm.startsWith("oracle-")) {
            m.enableLoadOracle(arm.substring("oracle-".length()), run.periodTicks());
        } else if (!arm.equals("none")) {
            throw new IllegalArgumentException("arm: " + arm + " (expected none, xapp, oracle-tick, oracle-period or oracle-burst)");
        }
        double peak = 0, onLow = 0, ues = 0, share110 = 0, share126 = 0, maxLow = 0, maxHigh = 0, meanLow = 0, meanHigh = 0;
        double overLow = 0, overHigh = 0;
        double[] win10 = new double[n];
        double[] win60 = new double[n];
        double peak10 = 0, peak60 = 0;
        int w10 = 0, w60 = 0;
        try {
            for (int k = 0; k < periods; k++) {
                java.util.Arrays.fill(all, 0);
                java.util.Arrays.fill(below110, 0);
                java.util.Arrays.fill(below126, 0);
                List<KpmReport> reports = run.nextPeriod(host != null, afterTick);
                if (host != null) host.deliver(reports);
                double[] load = new double[n];
                int[] active = new int[n];
                for (KpmReport r : reports) {
                    for (CellKpi c : r.cells()) {
                        int i = index.get(c.cellId());
                        load[i] = c.prbUsedDlPct();
                        active[i] = c.activeUes();
                    }
                }
                int b = 0;
                double bl = -1, bh = -1, sl = 0, sh = 0;
                int nl = 0, nh = 0;
                for (int i = 0; i < n; i++) {
                    if (load[i] > load[b]) b = i;
                    if (low[i]) {
                        bl = Math.max(bl, load[i]);
                        sl += load[i];
                        nl++;
                        if (load[i] > 80) overLow++;
                    } else {
                        bh = Math.max(bh, load[i]);
                        sh += load[i];
                        nh++;
                        if (load[i] > 80) overHigh++;
                    }
                    win10[i] += load[i];
                    win60[i] += load[i];
                }
                peak += load[b];
                onLow += low[b] ? 1 : 0;
                ues += active[b];
                share110 += all[b] > 0 ? below110[b] / all[b] : 0;
                share126 += all[b] > 0 ? below126[b] / all[b] : 0;
                maxLow += bl;
                maxHigh += bh;
                meanLow += sl / nl;
                meanHigh += sh / nh;
                if ((k + 1) % 10 == 0) {
                    peak10 += windowPeak(win10, 10);
                    w10++;
                }
                if ((k + 1) % 60 == 0) {
                    peak60 += windowPeak(win60, 60);
                    w60++;
                }
            }
        } finally {
            if (host != null) host.close();
        }
        double p = periods;
        return new double[] {peak / p, 100 * onLow / p, ues / p, 100 * share110 / p, 100 * share126 / p, maxLow / p, maxHigh / p,
                meanLow / p, meanHigh / p, 100 * overLow / (p * nLow), 100 * overHigh / (p * (n - nLow)), w10 == 0 ? Double.NaN : peak10 / w10,
                w60 == 0 ? Double.NaN : peak60 / w60, m.loadOracleMoves()};
    }

    /** The busiest cell's mean over a window of {@code seconds} (per cell the PRB load summed over it); clears the sums. */
    private static double windowPeak(double[] sums, int seconds) {
        double mx = 0;
        for (double v : sums) mx = Math.max(mx, v / seconds);
        java.util.Arrays.fill(sums, 0);
        return mx;
    }
}
