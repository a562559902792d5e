package io.jric.xapps.lb;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Experience rows as the RIC would keep them, without a RIC: the load-balancing xApp runs on {@link SimHost} with a
 * recorder that collects its two-cell rows, and each row's outcome is computed from the simulator's cell reports as the
 * RIC's outcome task does (the declared KPIs of both cells over (t, t + 5 s]: load, throughput and UEs averaged, RLFs
 * and handovers summed). Rows whose horizon the run did not cover are left out. Deterministic for the configuration,
 * the model and the policy.
 */
final class LbRows {
    static final long HORIZON_MS = 5000;
    private static final String[] KPIS = {"prbUsedDlPct", "throughputDlMbps", "rlfCount", "hoAttempts", "hoSuccesses", "activeUes"};

    /** A recorder keeping every two-cell row it is given (nothing else may be recorded). */
    static final class Collecting implements ExperienceRecorder {
        final List<Object[]> rows = new ArrayList<>();

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public long record(long decisionTimeMs, String nodeId, String cellId, long ueId, Map<String, Double> features,
                           Map<String, Double> action) {
            throw new AssertionError("load balancing records two-cell rows only");
        }

        @Override
        public long record(long decisionTimeMs, String nodeId, String cellId, String peerNodeId, String peerCellId,
                           Map<String, Double> features, Map<String, Double> action) {
            if (peerCellId.equals(cellId)) throw new IllegalArgumentException("peerCellId: " + peerCellId);
            rows.add(new Object[] {decisionTimeMs, nodeId, cellId, peerNodeId, peerCellId, new LinkedHashMap<>(features),
                new LinkedHashMap<>(action)});
            return rows.size();
        }
    }

    /**
     * What one run gave: the rows with their outcomes, the rows as recorded ({@code {time, node, cell, peer node, peer
     * cell, features, action}}), the controls sent, the xApp's metrics, every cell's reports ({@code node|cell} to
     * time to record).
     */
    record Run(List<ExperienceSample> rows, List<Object[]> recorded, List<String> controls, Map<String, Long> metrics,
               Map<String, TreeMap<Long, CellKpi>> series) {}

    /**
     * Runs the xApp for {@code periods} report periods of {@code cfg} with {@code bundle} as version 1 and {@code policy}
     * (null: the default); {@code record}: with the collecting recorder (else the disabled one).
     */
    static Run run(SimConfig cfg, int periods, byte[] bundle, String policy, String xappConfig, boolean record) throws Exception {
        SimRun sim = new SimRun(cfg, Trainer.REPORT_PERIOD_MS);
        Collecting c = new Collecting();
        Map<String, TreeMap<Long, CellKpi>> series = new HashMap<>();
        List<String> controls;
        Map<String, Long> metrics;
        try (SimHost host = new SimHost(sim, new LoadBalancingXapp(), "load-balancing",
                xappConfig == null ? "{\"modelFile\":\"\"}" : xappConfig, 20, 46, true)) {
            if (record) host.recordExperience(c);
            if (bundle != null) {
                host.deliverModel(new ModelEvent(LbModel.MODEL_NAME, "1", "dl4j", LbModel.INPUT_FEATURES, bundle));
            }
            if (policy != null) host.deliverPolicy(new PolicyEvent(LbPolicy.TYPE, "test", policy, false));
            for (int k = 0; k < periods; k++) {
                for (KpmReport r : host.step()) {
                    for (CellKpi k2 : r.cells()) series.computeIfAbsent(k2.nodeId() + "|" + k2.cellId(), x -> new TreeMap<>()).put(k2.timestampMs(), k2);
                }
            }
            controls = new ArrayList<>(host.controlLog());
            metrics = new TreeMap<>(host.metricValues());
        }
        List<ExperienceSample> out = new ArrayList<>();
        for (Object[] r : c.rows) {
            long t = (Long) r[0];
            TreeMap<Long, CellKpi> own = series.get(r[1] + "|" + r[2]);
            TreeMap<Long, CellKpi> peer = series.get(r[3] + "|" + r[4]);
            if (own == null || peer == null || own.lastKey() < t + HORIZON_MS || peer.lastKey() < t + HORIZON_MS) continue;
            List<CellKpi> a = new ArrayList<>(own.subMap(t, false, t + HORIZON_MS, true).values());
            List<CellKpi> b = new ArrayList<>(peer.subMap(t, false, t + HORIZON_MS, true).values());
            if (a.isEmpty() || b.isEmpty()) continue;
            Map<String, Double> outcome = new LinkedHashMap<>();
            outcome(outcome, "", a);
            outcome(outcome, "peer.", b);
            @SuppressWarnings("unchecked") Map<String, Double> f = (Map<String, Double>) r[5];
            @SuppressWarnings("unchecked") Map<String, Double> act = (Map<String, Double>) r[6];
            out.add(new ExperienceSample((String) r[1], (String) r[2], t, f, act, outcome, a.size()));
        }
        return new Run(out, c.rows, controls, metrics, series);
    }

    private static void outcome(Map<String, Double> out, String prefix, List<CellKpi> s) {
        for (String k : KPIS) {
            double sum = 0;
            for (CellKpi c : s) {
                switch (k) {
                    case "prbUsedDlPct" -> sum += c.prbUsedDlPct();
                    case "throughputDlMbps" -> sum += c.throughputDlMbps();
                    case "rlfCount" -> sum += c.rlfCount();
                    case "hoAttempts" -> sum += c.hoAttempts();
                    case "hoSuccesses" -> sum += c.hoSuccesses();
                    default -> sum += c.activeUes();
                }
            }
            boolean summed = k.equals("rlfCount") || k.startsWith("ho");
            out.put(prefix + k, summed ? sum : sum / s.size());
        }
    }

    /** The rows with their outcomes permuted among them (seeded): what a model trained on them learns is noise. */
    static List<ExperienceSample> shuffledOutcomes(List<ExperienceSample> rows, long seed) {
        List<Map<String, Double>> o = new ArrayList<>();
        for (ExperienceSample r : rows) o.add(r.outcome());
        java.util.Collections.shuffle(o, new java.util.Random(seed));
        List<ExperienceSample> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ExperienceSample r = rows.get(i);
            out.add(new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), r.features(), r.action(), o.get(i), r.outcomeSamples()));
        }
        return out;
    }

    private LbRows() {}
}
