package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.HarmGuard;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exploration within limits for the load-balancing xApp (issue #15, item 2; {@link LbExploration}): the rule on a real
 * decision period of the simulator (bounded step, range, changes per decision, never where the do-no-harm guard holds
 * back or the harm is above the allowance, seeded), the policy's new fields validated, and the xApp on
 * {@link SimHost}: rate 0 sends exactly the controls it sent before, rate 0.3 explores inside its policy and marks the
 * rows. Bounded: 5 runs of 2 simulated minutes of the default network (21 cells).
 */
class LbExplorationTest {
    private static final long T0 = SimRun.EPOCH_MS;
    private static CellState state;
    private static List<String> ids;
    /** The default policy as the xApp decides with it: pull only (CIO 0 .. 3 dB, the RAN's hysteresis). */
    private static final LbPolicy PULL = LbPolicy.DEFAULT.withCioRange(0, 3);

    @BeforeAll
    static void period() {
        SimRun sim = new SimRun(SimConfig.defaults().toBuilder().seed(5).build(), Trainer.REPORT_PERIOD_MS);
        state = new CellState();
        for (int k = 0; k < 5; k++) for (KpmReport r : sim.nextPeriod(true)) state.add(r);
        ids = state.cellIds();
        assertTrue(ids.size() >= 10, "cells: " + ids);
    }

    /** A guard that has seen every cell unsteered for a few periods with 4 harm events each (all within the allowance). */
    private static HarmGuard calmGuard() {
        HarmGuard g = new HarmGuard();
        for (int k = 0; k < 3; k++) for (String id : ids) g.observe("cio:" + id, false, 4, 5, 24);
        return g;
    }

    private static LbPolicy withExploration(LbPolicy p, double rate) {
        return p.withExploration(rate, p.explorationStepDb());
    }

    @Test
    void offByDefaultAtRateZeroAndWithTheGuardOff() {
        assertEquals(0, LbPolicy.DEFAULT.explorationRate());
        assertEquals(0, LbPolicy.parse("{}").explorationRate());
        assertEquals(1, LbPolicy.parse("{}").explorationStepDb());
        HarmGuard g = calmGuard();
        for (int k = 0; k < 1000; k++) {
            double[] change = new double[ids.size()];
            change[k % ids.size()] = 2;
            double[] before = change.clone();
            boolean[] e = LbExploration.apply(change, state, ids, PULL, g, 1, T0 + 5000L * k);
            assertArrayEquals(before, change);
            for (boolean b : e) assertFalse(b);
        }
        LbPolicy guardOff = withExploration(LbPolicy.parse("{\"harmAllowancePct\":-1}").withCioRange(0, 3), 1);
        double[] change = new double[ids.size()];
        for (boolean b : LbExploration.apply(change, state, ids, guardOff, g, 1, T0)) assertFalse(b, "guard off: no exploration");
    }

    @Test
    void deviatesOneStepInsideTheRangeTheCioStepAndTheChangesPerDecision() {
        SplittableRandom rnd = new SplittableRandom(42);
        HarmGuard g = calmGuard();
        int explored = 0;
        int cells = 0;
        for (int k = 0; k < 2000; k++) {
            double rate = 0.05 + 0.9 * rnd.nextDouble();
            LbPolicy p = withExploration(PULL, rate);
            double[] change = new double[ids.size()];
            // the planner's choice: a few cells one step up (the CIOs are 0 in this period)
            for (int m = 0; m < rnd.nextInt(4); m++) change[rnd.nextInt(ids.size())] = 2;
            double[] chosen = change.clone();
            boolean[] e = LbExploration.apply(change, state, ids, p, g, 7, T0 + 5000L * k);
            int moving = 0;
            for (int i = 0; i < ids.size(); i++) {
                cells++;
                if (change[i] != 0) moving++;
                if (!e[i]) {
                    assertEquals(chosen[i], change[i], "not exploring: the planner's choice");
                    continue;
                }
                explored++;
                double now = state.cio(ids.get(i));
                double target = now + change[i];
                assertEquals(1.0, Math.abs(change[i] - chosen[i]), 1e-9, "one explorationStepDb from the choice");
                assertTrue(target >= 0 && target <= 3, "inside the pull-only range: " + target);
                assertTrue(Math.abs(change[i]) <= p.cioStepDb() + 1e-9 && Math.abs(change[i]) > 0, "a move within cioStepDb: " + change[i]);
                assertTrue(LbExperience.peer(state, ids, i) >= 0, "a cell with a neighbour (its row has a peer)");
            }
            int chosenMoving = 0;
            for (double c : chosen) if (c != 0) chosenMoving++;
            assertTrue(moving <= Math.max(chosenMoving, p.maxChangesPerPeriod()), "changes per decision: " + moving);
        }
        double share = (double) explored / cells;
        assertTrue(share > 0.1, "explored share " + share);
        // With maxChangesPerPeriod 0 only the planner's own moves may deviate: no cell that was not moving moves.
        LbPolicy none = withExploration(LbPolicy.parse("{\"maxChangesPerPeriod\":0}").withCioRange(0, 3), 1);
        double[] change = new double[ids.size()];
        LbExploration.apply(change, state, ids, none, g, 7, T0);
        for (double c : change) assertEquals(0, c);
    }

    @Test
    void neverWhereTheGuardHoldsBackOrTheHarmIsAboveTheAllowance() {
        LbPolicy p = withExploration(PULL, 1);
        String tripped = ids.get(0);
        String above = ids.get(ids.size() - 1);
        HarmGuard g = calmGuard();
        assertTrue(g.observe("cio:" + tripped, true, 100, 5, 24), "the guard trips on the first cell");
        assertFalse(g.observe("cio:" + above, true, 6, 5, 24), "6 events where 4 are expected: within the chance margin");
        assertFalse(g.withinAllowance("cio:" + above, 5), "but above the allowance plus one event");
        String close = ids.get(ids.size() / 2);
        g.observe("cio:" + close, true, 5, 5, 24);
        assertTrue(g.withinAllowance("cio:" + close, 5), "5 events where 4 are expected: within the allowance plus one event");
        g.observe("cio:" + close, false, 4, 5, 24);  // unsteered again: its episode ends
        Set<String> barred = new java.util.HashSet<>(Set.of(tripped, above));
        for (String j : ids) if (state.neighbours(tripped, j) || state.neighbours(above, j)) barred.add(j);
        assertTrue(barred.size() < ids.size(), "some cells are free to explore");
        int explored = 0;
        for (int k = 0; k < 200; k++) {
            double[] change = new double[ids.size()];
            boolean[] e = LbExploration.apply(change, state, ids, p, g, 3, T0 + 5000L * k);
            for (int i = 0; i < ids.size(); i++) {
                if (!e[i]) continue;
                explored++;
                assertFalse(barred.contains(ids.get(i)), ids.get(i) + " explored next to harm");
            }
        }
        assertTrue(explored > 0, "the others explore");
        // Excluded cells (the xApp excludes the held ones and their neighbours) never explore either.
        LbPolicy excluding = p.excluding(Set.copyOf(ids));
        for (boolean b : LbExploration.apply(new double[ids.size()], state, ids, excluding, calmGuard(), 3, T0)) assertFalse(b);
    }

    @Test
    void reproducibleForASeedAndDecisionTime() {
        LbPolicy p = withExploration(PULL, 0.3);
        HarmGuard g = calmGuard();
        int differs = 0;
        for (int k = 0; k < 200; k++) {
            long t = T0 + 5000L * k;
            double[] a = new double[ids.size()];
            double[] b = new double[ids.size()];
            double[] c = new double[ids.size()];
            assertArrayEquals(LbExploration.apply(a, state, ids, p, g, 11, t), LbExploration.apply(b, state, ids, p, g, 11, t));
            assertArrayEquals(a, b);
            LbExploration.apply(c, state, ids, p, g, 12, t);
            if (!java.util.Arrays.equals(a, c)) differs++;
        }
        assertTrue(differs > 50, "another seed, other draws: " + differs);
    }

    @Test
    void aBadRateOrStepIsRefusedNamingTheField() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LbPolicy.parse("{\"explorationRate\":1.5}"))
                .getMessage().contains("explorationRate 1.5 (expected: 0..1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LbPolicy.parse("{\"explorationStepDb\":5}"))
                .getMessage().contains("explorationStepDb 5.0 (expected: 0.5..3)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LbPolicy.parse("{\"explorationRate\":\"lots\"}"))
                .getMessage().contains("explorationRate \"lots\" (expected: a number)"));
    }

    /**
     * The xApp on the simulator: rate 0 gives the same controls as the policy without the field (and as before it
     * existed: the default); rate 0.3 deviates, within the policy, counted and marked in the rows; the same seed gives
     * the same controls (and a refused policy after it changes nothing), another seed others.
     */
    @Test
    void theXappExploresInsideItsPolicyAndMarksTheRows() throws Exception {
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(31).build();
        byte[] bundle = TrainerTest.small().toBytes();
        LbRows.Run base = LbRows.run(cfg, 120, bundle, null, null, true);
        LbRows.Run zero = LbRows.run(cfg, 120, bundle, "{\"explorationRate\":0,\"explorationStepDb\":2}", null, false);
        assertEquals(base.controls(), zero.controls(), "rate 0: the controls of the default policy");
        assertEquals(0L, zero.metrics().getOrDefault("decisions.explored", 0L));
        for (Object[] r : base.recorded()) assertEquals(0.0, action(r).get("explored"), action(r).toString());

        String policy = "{\"explorationRate\":0.3}";
        LbRows.Run run = LbRows.run(cfg, 120, bundle, policy, null, true);
        int explored = 0;
        Map<Long, Integer> movesAt = new HashMap<>();
        for (Object[] r : run.recorded()) {
            Map<String, Double> a = action(r);
            double sent = a.get("cioDb");
            assertTrue(sent >= 0 && sent <= 3, "pull only, at most the RAN's hysteresis: " + a);
            if (a.get("held") == 0.0) {  // (the guard sets a held cell back to 0 at once)
                assertTrue(Math.abs(a.get("cioChangeDb")) <= 2 + 1e-9, "within cioStepDb: " + a);
                movesAt.merge((Long) r[0], 1, Integer::sum);
            }
            if (a.get("explored") == 1.0) {
                explored++;
                assertEquals(1.0, Math.abs(sent - a.get("chosenCioDb")), 1e-9, "one step from the planner's choice: " + a);
                assertEquals(0.0, a.get("held"), a.toString());
            } else {
                assertEquals(0.0, a.get("explored"));
                assertEquals(a.get("chosenCioDb"), sent, 1e-9, a.toString());
            }
        }
        long cells = run.metrics().getOrDefault("cio.explored", 0L);
        long held = run.recorded().stream().filter(r -> action(r).get("held") == 1.0).count();
        System.out.printf("rate 0.3: %d rows (%d held), %d explored (cio.explored %d, decisions.explored %d, guard.trips %d); "
                        + "default: %d rows, %d moves, guard.trips %d%n", run.recorded().size(), held, explored, cells,
                run.metrics().getOrDefault("decisions.explored", 0L), run.metrics().getOrDefault("guard.trips", 0L),
                base.recorded().size(), base.metrics().getOrDefault("cio.changes", 0L), base.metrics().getOrDefault("guard.trips", 0L));
        assertTrue(explored >= 3, "explored rows: " + explored);
        assertEquals(cells, explored, "every explored cell's move is a marked row");
        for (int m : movesAt.values()) assertTrue(m <= LbPolicy.DEFAULT.maxChangesPerPeriod(), "moves per decision " + movesAt);
        for (var s : run.rows()) assertTrue(s.outcome().containsKey("peer.prbUsedDlPct"), s.outcome().toString());

        // The same seed: the same controls; a policy refused after the good one changes nothing.
        List<String> again;
        try (SimHost host = new SimHost(new SimRun(cfg, Trainer.REPORT_PERIOD_MS), new LoadBalancingXapp(), "load-balancing",
                "{\"modelFile\":\"\"}", 20, 46, true)) {
            host.deliverModel(new ModelEvent(LbModel.MODEL_NAME, "1", "dl4j", LbModel.INPUT_FEATURES, bundle));
            assertTrue(host.deliverPolicy(new PolicyEvent(LbPolicy.TYPE, "test", policy, false)).isEnforced());
            PolicyStatus st = host.deliverPolicy(new PolicyEvent(LbPolicy.TYPE, "test", "{\"explorationRate\":2}", false));
            assertFalse(st.isEnforced());
            assertTrue(st.reason().contains("explorationRate 2.0 (expected: 0..1)"), st.reason());
            for (int k = 0; k < 120; k++) host.step();
            again = new ArrayList<>(host.controlLog());
            assertEquals(1L, host.metricValues().get("policy.updates"), "the refused policy counted no update");
        }
        assertEquals(run.controls(), again, "same seed, same controls; the refused policy changed nothing");
        LbRows.Run other = LbRows.run(cfg, 120, bundle, policy, "{\"modelFile\":\"\",\"explorationSeed\":2}", false);
        assertNotEquals(run.controls(), other.controls(), "another exploration seed");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> action(Object[] r) {
        return (Map<String, Double>) r[6];
    }
}
