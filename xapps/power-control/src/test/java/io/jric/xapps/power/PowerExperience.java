package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Experience rows of power-control made in the simulator without a RIC, for tests that need the same rows every
 * run: the xApp runs on {@link SimHost} over a seeded {@link SimRun} with a model and an A1 policy; each row it
 * records ({@code ctx.experience().record}) gets its outcome as the RIC's outcome task would attach it with the
 * descriptor's 1 s horizon: the cell's KPM record in (t, t + 1 s], energy summed, the other KPIs averaged.
 * Deterministic for the configuration, the model, the policy and the exploration seed: no threads, no network,
 * no wall clock.
 */
final class PowerExperience {
    static final long HORIZON_MS = 1000;

    /**
     * A row with its outcome, the cell's KPM record the outcome came from, and the Tx power the simulator's cell
     * ran with over the outcome period (read from the model after the decision's controls).
     */
    record Row(ExperienceSample sample, CellKpi outcomeRecord, double levelRun) {}

    /** The rows of a run, the controls the xApp sent ({@link SimHost#controlLog()}) and its metrics. */
    record Run(List<Row> rows, List<String> controls, Map<String, Long> metrics) {}

    private PowerExperience() {}

    /**
     * Runs {@code periods} report periods of {@code cfg} with power-control serving {@code model} under {@code policyJson}
     * (null: the default policy); the rows whose outcome was observed, in decision order. The do-no-harm guard is off
     * unless the policy sets one of its fields ({@code harm...}): these runs are about the model's decisions, from the first
     * period on.
     */
    static List<Row> record(SimConfig cfg, byte[] model, String policyJson, long explorationSeed, int periods) throws Exception {
        return run(cfg, model, policyJson, explorationSeed, periods).rows();
    }

    /** As {@link #record}, with the controls sent and the xApp's metrics. */
    static Run run(SimConfig cfg, byte[] model, String policyJson, long explorationSeed, int periods) throws Exception {
        List<Object[]> pending = new ArrayList<>();
        List<Row> done = new ArrayList<>();
        ExperienceRecorder recorder = new ExperienceRecorder() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public long record(long decisionTimeMs, String nodeId, String cellId, long ueId, Map<String, Double> features,
                               Map<String, Double> action) {
                pending.add(new Object[] {decisionTimeMs, nodeId, cellId, Map.copyOf(features), Map.copyOf(action)});
                return pending.size();
            }
        };
        try (SimHost host = new SimHost(new SimRun(cfg, (int) PowerScore.REPORT_PERIOD_MS), new PowerControlXapp(), "power-control",
                "{\"modelFile\":\"\",\"explorationSeed\":" + explorationSeed + "}", 20, 46, false)) {
            host.recordExperience(recorder);
            host.deliverModel(new ModelEvent(PowerModel.MODEL_NAME, "1", "dl4j", PowerModel.INPUT_FEATURES, model));
            com.fasterxml.jackson.databind.node.ObjectNode given = (com.fasterxml.jackson.databind.node.ObjectNode)
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(policyJson == null ? "{}" : policyJson);
            if (!given.has("harmAllowancePct") && !given.has("harmBaselinePeriods") && !given.has("harmHoldPeriods")) {
                given.put("harmAllowancePct", -1);
            }
            String policy = given.toString();
            PolicyStatus st = host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "test", policy, false));
            if (!st.isEnforced()) throw new IllegalArgumentException("policy not enforced: " + st.reason());
            Map<Object[], Double> levelRun = new java.util.IdentityHashMap<>();
            for (int i = 0; i < periods; i++) {
                int before = pending.size();
                List<KpmReport> reports = host.step();
                for (int j = before; j < pending.size(); j++) {
                    levelRun.put(pending.get(j), host.run().model().txPower((String) pending.get(j)[2]));
                }
                Map<String, CellKpi> now = new HashMap<>();
                for (KpmReport r : reports) for (CellKpi c : r.cells()) now.put(c.cellId(), c);
                for (Iterator<Object[]> it = pending.iterator(); it.hasNext(); ) {
                    Object[] p = it.next();
                    long t = (Long) p[0];
                    CellKpi c = now.get((String) p[2]);
                    if (c == null || c.timestampMs() <= t) continue;
                    it.remove();
                    if (c.timestampMs() > t + HORIZON_MS) {  // would be NO_DATA in the RIC
                        levelRun.remove(p);
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Double> features = (Map<String, Double>) p[3];
                    @SuppressWarnings("unchecked")
                    Map<String, Double> action = (Map<String, Double>) p[4];
                    Map<String, Double> outcome = Map.of("energyWh", (double) c.energyWh(),
                            "throughputDlMbps", (double) c.throughputDlMbps(), "prbUsedDlPct", (double) c.prbUsedDlPct());
                    done.add(new Row(new ExperienceSample((String) p[1], (String) p[2], t, features, action, outcome, 1), c,
                            levelRun.remove(p)));
                }
            }
            return new Run(done, List.copyOf(host.controlLog()), Map.copyOf(host.metricValues()));
        }
    }

    /** The samples of {@code rows}. */
    static List<ExperienceSample> samples(List<Row> rows) {
        List<ExperienceSample> out = new ArrayList<>(rows.size());
        for (Row r : rows) out.add(r.sample());
        return out;
    }
}
