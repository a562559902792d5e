package io.jric.xapps.joint;

import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.xapp.ControlRouter;
import io.jric.sim.PeriodCursor;
import io.jric.sim.RanModel;
import io.jric.sim.SimConfig;
import io.jric.xapps.handover.HandoverXapp;
import io.jric.xapps.lb.LoadBalancingXapp;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated network steered by the handover xApp, the load-balancing xApp, both or neither, in simulated time.
 * Both xApps are the real classes, each hosted by its own {@link SimHost} with its own subscription period (handover
 * 200 ms, load balancing 1 s, as their descriptors subscribe) over the same model; their controls go through one real
 * {@link ControlRouter} built as a RIC builds it (conflict window 1 s, control timeout 1 s, ownership of
 * {@code a3_hysteresis} and {@code a3_time_to_trigger} with a 60 s lease: the RIC's defaults), with each xApp's parsed
 * descriptor (declared controls and ranges, priority: handover 45, load balancing 35), its windows and leases running
 * on the simulation's clock. What the router lets through is applied to the model at once ({@link SimNode}).
 *
 * <p>Every arm ticks the same model the same way (the reports read the model and change nothing in it), so with the
 * same seed the arms differ only by what the xApps do; one xApp alone gives the figures its own evaluation gives.
 */
public final class JointRun {
    /** The handover xApp's report period (its descriptor's subscription). */
    public static final int HO_PERIOD_MS = 200;
    /** The load-balancing xApp's report period (its descriptor's subscription); the load figures are read at it. */
    public static final int LB_PERIOD_MS = 1000;
    /** The RIC's defaults: {@code xapps.conflictWindowMs}, {@code e2.control.timeoutMs}, {@code xapps.ownershipLeaseMs}. */
    static final Duration WINDOW = Duration.ofMillis(1000);
    static final Duration TIMEOUT = Duration.ofMillis(1000);
    static final Duration OWNERSHIP_LEASE = Duration.ofMillis(60_000);

    private JointRun() {}

    /** One xApp of the run: its config values, the model delivered as A1-ML would (null: none), an A1 policy (null: its default). */
    public record XappSetup(String configJson, ModelBundle model, String policyJson) {}

    /** Load figures from the 1 s cell reports (as the load-balancing evaluation reads them). */
    public record Load(double meanMax, double maxMean, double meanStd, double overPct) {}

    /** What one xApp's controls came to. */
    public record Controls(long sent, long acked, long conflicts, long a3Conflicts, long a3Acked, Map<String, Long> metrics) {
        static final Controls NONE = new Controls(0, 0, 0, 0, 0, Map.of());
    }

    /**
     * One run's outcome.
     *
     * @param takeovers       holds taken over by the higher-priority xApp (the router's conflicts that were not refusals)
     * @param contestedCells  cells whose A3 parameters were in force from both xApps at some time (the writer changed)
     * @param maxWriterChanges the most changes of the A3 writer between the xApps on one cell
     * @param hysteresisAtEnd per cell, the A3 hysteresis in force at the end of the run, before the xApps stopped (a
     *                        stopping xApp gives the cells it changed the RAN's own back)
     */
    public record Outcome(RanModel model, Load load, Controls handover, Controls loadBalancing, long takeovers,
                          int contestedCells, int maxWriterChanges, Map<String, Integer> writerChanges,
                          Map<String, Double> hysteresisAtEnd) {}

    /** Runs {@code minutes} of {@code cfg} with the given xApps (null: absent). */
    public static Outcome run(SimConfig cfg, double minutes, XappSetup ho, XappSetup lb) throws Exception {
        SimRun run = new SimRun(cfg, HO_PERIOD_MS);
        RanModel m = run.model();
        SimNode node = new SimNode(m);
        ControlRouter router = new ControlRouter(node, (action, target, value) -> null, (key, entry) -> { }, WINDOW, TIMEOUT,
                () -> m.timeMs() * 1_000_000L);
        router.ownership(EnumSet.of(ControlAction.A3_HYSTERESIS, ControlAction.A3_TIME_TO_TRIGGER), OWNERSHIP_LEASE);
        RoutedControl hoControl = ho == null ? null : new RoutedControl(router, descriptor("handover"));
        RoutedControl lbControl = lb == null ? null : new RoutedControl(router, descriptor("load-balancing"));
        SimHost hoHost = ho == null ? null : host(run, new HandoverXapp(), "handover", ho, hoControl);
        SimHost lbHost = lb == null ? null : host(run, new LoadBalancingXapp(), "load-balancing", lb, lbControl);
        try {
            List<PeriodCursor> lbCursors = new ArrayList<>();
            for (int g = 0; g < m.gnbCount(); g++) lbCursors.add(m.newCursor());
            int lbEvery = LB_PERIOD_MS / HO_PERIOD_MS;
            int periods = (int) Math.round(minutes * 60_000 / HO_PERIOD_MS);
            LoadAcc acc = new LoadAcc();
            long lbStart = m.timeMs();
            for (int k = 0; k < periods; k++) {
                for (int t = 0; t < run.periodTicks(); t++) run.tick();
                if (hoHost != null) hoHost.deliver(run.collect(true));
                if ((k + 1) % lbEvery == 0) {
                    List<KpmReport> reports = new ArrayList<>(m.gnbCount());
                    for (int g = 0; g < m.gnbCount(); g++) {
                        reports.add(SimRun.decode(run.nodeId(g), SimRun.EPOCH_MS + lbStart,
                                m.indication(lbCursors.get(g), m.cellIds(g), lbHost != null)));
                    }
                    lbStart = m.timeMs();
                    acc.add(reports);
                    if (lbHost != null) lbHost.deliver(reports);
                }
            }
            Controls hoC = controls(hoControl, hoHost);
            Controls lbC = controls(lbControl, lbHost);
            long takeovers = router.conflicts() - hoC.conflicts() - lbC.conflicts();
            Map<String, Double> hysteresis = new java.util.TreeMap<>();
            for (String c : m.cellIds()) hysteresis.put(c, m.a3Hysteresis(c));
            return new Outcome(m, acc.load(), hoC, lbC, takeovers, node.contestedCells(), node.maxWriterChanges(),
                    node.writerChanges(), hysteresis);
        } finally {
            if (hoHost != null) hoHost.close();
            if (lbHost != null) lbHost.close();
        }
    }

    private static SimHost host(SimRun run, Xapp xapp, String name, XappSetup s, RoutedControl controls) throws Exception {
        SimHost h = new SimHost(run, xapp, name, s.configJson(), 20, 46, true, controls);
        if (s.model() != null) {
            h.deliverModel(new ModelEvent(s.model().metadata().modelName(), s.model().metadata().version(), "dl4j",
                    s.model().metadata().inputFeatures(), s.model().toBytes()));
        }
        if (s.policyJson() != null) {
            String type = name.equals("handover") ? "jric.handover.v1" : "jric.lb.v1";
            h.deliverPolicy(new PolicyEvent(type, "eval", s.policyJson(), false));
        }
        return h;
    }

    private static Controls controls(RoutedControl c, SimHost h) {
        if (c == null) return Controls.NONE;
        long sent = 0;
        for (ControlStatus s : ControlStatus.values()) sent += c.count(s);
        long a3Conflicts = c.count(ControlAction.A3_HYSTERESIS, ControlStatus.CONFLICT)
                + c.count(ControlAction.A3_TIME_TO_TRIGGER, ControlStatus.CONFLICT);
        long a3Acked = c.count(ControlAction.A3_HYSTERESIS, ControlStatus.ACK) + c.count(ControlAction.A3_TIME_TO_TRIGGER, ControlStatus.ACK);
        return new Controls(sent, c.count(ControlStatus.ACK), c.count(ControlStatus.CONFLICT), a3Conflicts, a3Acked,
                Map.copyOf(h.metricValues()));
    }

    /**
     * The module's descriptor ({@code xapps/<module>/xapp.json}), found from the working directory or above it (the
     * repository root for {@code jric-ml}, the module directory for tests), or under {@code -Djric.root}.
     */
    static XappDescriptor descriptor(String module) {
        String rootProp = System.getProperty("jric.root");
        Path dir = (rootProp != null ? Path.of(rootProp) : Path.of("")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path f = d.resolve("xapps").resolve(module).resolve("xapp.json");
            if (Files.isRegularFile(f)) return DescriptorParser.parse(f, DescriptorParser.JarCheck.SKIPPED);
        }
        throw new IllegalStateException("xapps/" + module + "/xapp.json not found from " + dir + " (run from the repository, or "
                + "set -Djric.root)");
    }

    /** The load figures of the 1 s reports: as the load-balancing evaluation computes them. */
    private static final class LoadAcc {
        double sumMax;
        double sumStd;
        long periods;
        long cellPeriods;
        long over;
        final Map<String, double[]> perCell = new HashMap<>();

        void add(List<KpmReport> reports) {
            double max = 0;
            double s = 0;
            double s2 = 0;
            int n = 0;
            for (KpmReport r : reports) {
                for (CellKpi c : r.cells()) {
                    double v = c.prbUsedDlPct();
                    double[] pc = perCell.computeIfAbsent(c.cellId(), k -> new double[2]);
                    pc[0] += v;
                    pc[1]++;
                    max = Math.max(max, v);
                    s += v;
                    s2 += v * v;
                    if (v > 80) over++;
                    n++;
                }
            }
            sumMax += max;
            sumStd += Math.sqrt(Math.max(0, s2 / n - (s / n) * (s / n)));
            periods++;
            cellPeriods += n;
        }

        Load load() {
            double maxMean = 0;
            for (double[] pc : perCell.values()) maxMean = Math.max(maxMean, pc[0] / pc[1]);
            return new Load(sumMax / periods, maxMean, sumStd / periods, 100.0 * over / cellPeriods);
        }
    }
}
