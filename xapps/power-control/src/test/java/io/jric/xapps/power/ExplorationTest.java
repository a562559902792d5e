package io.jric.xapps.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exploration within limits (issue #15, item 2): the rule, and power-control exploring in the simulator. */
class ExplorationTest {
    private static final long T0 = SimRun.EPOCH_MS;

    @Test
    void offByDefaultAndAtRateZero() {
        assertEquals(0, PowerPolicy.DEFAULT.explorationRate());
        assertEquals(0, PowerPolicy.parse("{}").explorationRate());
        for (int i = 0; i < 10_000; i++) {
            Exploration.Choice c = Exploration.apply(40, 40, PowerPolicy.DEFAULT, 1, T0 + 1000L * i);
            assertFalse(c.explored());
            assertEquals(40, c.levelDbm());
        }
    }

    @Test
    void exploresAtTheRateWithinThePolicysRangeAndStep() {
        SplittableRandom rnd = new SplittableRandom(42);
        int explored = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double min = 20 + rnd.nextInt(20);
            double max = min + rnd.nextInt(47 - (int) min);
            double maxStep = 0.5 + rnd.nextInt(6) * 0.5;
            double stepDb = 0.5 + rnd.nextInt(6) * 0.5;
            PowerPolicy p = PowerPolicy.parse("{\"minTxPowerDbm\":" + min + ",\"maxTxPowerDbm\":" + max + ",\"maxStepDb\":" + maxStep
                    + ",\"explorationRate\":0.3,\"explorationStepDb\":" + stepDb + "}");
            double current = min + rnd.nextInt((int) (max - min) + 1);
            // the model's choice obeys the same limits
            double chosen = Math.max(min, Math.min(max, current + (rnd.nextInt(3) - 1) * Math.min(maxStep, 1)));
            Exploration.Choice c = Exploration.apply(chosen, current, p, 7, T0 + 1000L * i);
            if (!c.explored()) {
                assertEquals(chosen, c.levelDbm());
                continue;
            }
            explored++;
            assertEquals(stepDb, Math.abs(c.levelDbm() - chosen), 1e-9, "one step away from the choice");
            assertTrue(c.levelDbm() >= min - 1e-9 && c.levelDbm() <= max + 1e-9, "inside the policy's range: " + c + " " + p);
            assertTrue(Math.abs(c.levelDbm() - current) <= maxStep + 1e-9, "within maxStepDb of the current level: " + c + " " + p);
        }
        double share = (double) explored / n;
        assertTrue(share > 0.15 && share <= 0.3 + 0.02, "explored share " + share + " (rate 0.3, less where no step fits)");
    }

    @Test
    void atABoundItExploresInwardAndWithoutRoomNotAtAll() {
        PowerPolicy p = PowerPolicy.parse("{\"minTxPowerDbm\":30,\"maxTxPowerDbm\":40,\"explorationRate\":1}");
        for (int i = 0; i < 1000; i++) {
            Exploration.Choice top = Exploration.apply(40, 40, p, 3, T0 + 1000L * i);
            assertTrue(top.explored());
            assertEquals(39, top.levelDbm());
            Exploration.Choice bottom = Exploration.apply(30, 30, p, 3, T0 + 1000L * i);
            assertEquals(31, bottom.levelDbm());
        }
        PowerPolicy fixed = PowerPolicy.parse("{\"minTxPowerDbm\":35,\"maxTxPowerDbm\":35,\"explorationRate\":1}");
        Exploration.Choice c = Exploration.apply(35, 35, fixed, 3, T0);
        assertFalse(c.explored(), "no room: no exploration");
        // Cells above a lowered maximum are brought down at once: no exploration on that decision.
        PowerPolicy lowered = PowerPolicy.parse("{\"maxTxPowerDbm\":30,\"explorationRate\":1}");
        assertFalse(Exploration.apply(30, 46, lowered, 3, T0).explored());
    }

    @Test
    void reproducibleForASeedAndDecisionTime() {
        PowerPolicy p = PowerPolicy.parse("{\"explorationRate\":0.5}");
        int differs = 0;
        for (int i = 0; i < 1000; i++) {
            long t = T0 + 1000L * i;
            assertEquals(Exploration.apply(40, 40, p, 11, t), Exploration.apply(40, 40, p, 11, t));
            if (!Exploration.apply(40, 40, p, 11, t).equals(Exploration.apply(40, 40, p, 12, t))) differs++;
        }
        assertTrue(differs > 100, "another seed, other draws: " + differs);
    }

    @Test
    void aBadRateOrStepIsRefusedNamingTheField() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerPolicy.parse("{\"explorationRate\":1.5}"))
                .getMessage().contains("explorationRate 1.5 (expected: 0..1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerPolicy.parse("{\"explorationStepDb\":5}"))
                .getMessage().contains("explorationStepDb 5.0 (expected: 0.5..3)"));
        try (SimHost host = new SimHost(new SimRun(SimConfig.builder().seed(1).gnbs(1).ues(10).build(), 1000), new PowerControlXapp(),
                "power-control", "{\"modelFile\":\"\"}", 20, 46, false)) {
            PolicyStatus st = host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "x", "{\"explorationRate\":-0.1}", false));
            assertFalse(st.isEnforced());
            assertTrue(st.reason().contains("explorationRate -0.1"), st.reason());
        }
    }

    /**
     * power-control on the simulator with exploration at 0.5 inside 30..40 dBm: explored rows say so and sit one step
     * from the model's choice, every control stays inside the policy's range, the outcome of levels the model did
     * not choose is observed; with the rate at 0 nothing explores and the same seed gives the same controls.
     */
    @Test
    void powerControlExploresInsideItsPolicyAndMarksTheRows() throws Exception {
        SimConfig cfg = SimConfig.builder().seed(21).gnbs(2).ues(60).build();
        byte[] model = GateModels.good();
        String policy = "{\"minTxPowerDbm\":30,\"maxTxPowerDbm\":40,\"maxStepDb\":3,\"explorationRate\":0.5,\"explorationStepDb\":1}";
        PowerExperience.Run run = PowerExperience.run(cfg, model, policy, 1, 60);
        int explored = 0;
        Set<Double> sentWhenExploring = new java.util.TreeSet<>();
        for (PowerExperience.Row r : run.rows()) {
            ExperienceSample s = r.sample();
            double sent = s.action().get("txPowerDbm");
            double chosen = s.action().get("chosenTxPowerDbm");
            assertTrue(sent >= 30 && sent <= 40, "inside the policy: " + s.action());
            if (s.action().get("explored") == 1.0) {
                explored++;
                assertEquals(1.0, Math.abs(sent - chosen), 1e-9, s.action().toString());
                sentWhenExploring.add(sent);
            } else {
                assertEquals(0.0, s.action().get("explored"));
                assertEquals(chosen, sent, 1e-9);
            }
        }
        assertTrue(explored > run.rows().size() / 5, "explored rows: " + explored + " of " + run.rows().size());
        assertTrue(run.metrics().getOrDefault("decisions.explored", 0L) > 0, run.metrics().toString());
        for (String c : run.controls()) {
            double dbm = Double.parseDouble(c.split(" ")[2]);
            assertTrue(dbm >= 30 && dbm <= 40, "control inside the policy: " + c);
        }
        // Every row's outcome is that of the level sent: the simulator's cell ran it over the outcome period.
        for (PowerExperience.Row r : run.rows()) {
            assertEquals(r.sample().action().get("txPowerDbm"), r.levelRun(), 0.01, "the level sent ran: " + r.sample().cellId()
                    + " at " + r.sample().timeMs());
        }
        assertTrue(sentWhenExploring.size() >= 2, "explored several levels: " + sentWhenExploring);

        PowerExperience.Run off = PowerExperience.run(cfg, model, policy.replace("0.5", "0"), 1, 60);
        assertTrue(off.rows().stream().allMatch(r -> r.sample().action().get("explored") == 0.0));
        assertEquals(0L, off.metrics().getOrDefault("decisions.explored", 0L));
        assertEquals(run.controls(), PowerExperience.run(cfg, model, policy, 1, 60).controls(), "same seed, same controls");
        assertNotEquals(run.controls(), PowerExperience.run(cfg, model, policy, 2, 60).controls(), "another exploration seed");
    }
}
