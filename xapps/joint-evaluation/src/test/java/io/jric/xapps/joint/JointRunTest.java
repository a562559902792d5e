package io.jric.xapps.joint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.TrainOptions;
import org.junit.jupiter.api.Test;

/**
 * The handover and load-balancing xApps on one small simulated network through the control router (a short run in
 * simulated time, small models trained here): the load balancer alone lowers cells' A3 hysteresis (acknowledged); with
 * the handover xApp, which leads mobility and holds every cell's A3 widened, the load balancer's lowerings are refused
 * CONFLICT before the node, counted, and never acknowledged, so no cell ever has its A3 from both xApps (no alternating
 * values) and every cell keeps the handover xApp's widening or the RAN's own hysteresis. Counts only; no timing, no float-exact results.
 */
class JointRunTest {
    /** Every cell counts as overloaded, offsets are free, no harm guard: the load balancer wants to pull at once. */
    private static final String ACTIVE = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":-4,\"cioMaxDb\":4,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":2000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0,\"harmAllowancePct\":-1}";

    @Test
    void bothXappsRunAndTheLoadBalancersLoweringsAreRefusedWhereTheHandoverXappHoldsTheA3() throws Exception {
        ModelBundle ho = io.jric.xapps.handover.Trainer.train(new TrainOptions(5, 1, 2.5, 6,
                io.jric.xapps.handover.Trainer.leadConfig(SimConfig.defaults().toBuilder().ues(200).build())));
        ModelBundle lb = io.jric.xapps.lb.Trainer.train(new TrainOptions(5, 1, 2, 5, SimConfig.defaults()));
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(611).gnbs(3).ues(90).pingPongWindowMs(5000).build();
        JointRun.XappSetup hoSetup = new JointRun.XappSetup(Evaluate.handoverConfig(cfg), ho, null);
        JointRun.XappSetup lbSetup = new JointRun.XappSetup(Evaluate.lbConfig(cfg), lb, ACTIVE);
        double minutes = 1;

        JointRun.Outcome lbAlone = JointRun.run(cfg, minutes, null, lbSetup);
        assertTrue(lbAlone.loadBalancing().a3Acked() > 0, "alone, the load balancer lowers hysteresis: " + lbAlone.loadBalancing());
        assertEquals(0, lbAlone.loadBalancing().a3Conflicts(), "alone, nothing refuses it");

        JointRun.Outcome both = JointRun.run(cfg, minutes, hoSetup, lbSetup);
        assertTrue(both.handover().a3Acked() > 0, "the handover xApp widened the A3: " + both.handover());
        assertTrue(both.loadBalancing().a3Conflicts() > 0, "the load balancer's lowerings refused: " + both.loadBalancing());
        assertEquals(0, both.loadBalancing().a3Acked(), "none of its lowerings reached the node: " + both.loadBalancing());
        assertTrue(both.loadBalancing().metrics().getOrDefault("hysteresis.conflicts", 0L) > 0,
                "the load balancer saw the refusals: " + both.loadBalancing().metrics());
        assertEquals(0, both.contestedCells(), "no cell had its A3 from both xApps: " + both.writerChanges());
        assertEquals(0, both.handover().a3Conflicts(), "the handover xApp (priority 45) is never refused");
        int widened = 0;
        for (String c : both.model().cellIds()) {
            double h = both.hysteresisAtEnd().get(c);
            // the handover xApp's widening where it leads, the RAN's own where it gave the A3 back; never a lowering
            assertTrue(h == 10.0 || h == 3.0, "no load-balancer hysteresis in force on " + c + ": " + h);
            if (h == 10.0) widened++;
        }
        assertTrue(widened > 0, "the handover xApp's widening in force at the end: " + both.hysteresisAtEnd());
        assertTrue(both.model().stats().ricHandovers() > 0, "the handover xApp hands UEs over");
    }
}
