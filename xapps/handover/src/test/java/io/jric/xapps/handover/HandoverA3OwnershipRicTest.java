package io.jric.xapps.handover;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.testing.RepeatingControlXapp;
import io.jric.xapps.testing.XappRic;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The handover xApp leading mobility next to an xApp of higher priority that holds every cell's A3 hysteresis
 * (owned cell parameters, docs/xapps.md), through a real RIC into the simulator: the handover xApp's widening is
 * answered CONFLICT before the node, counted ({@code a3.conflicts}) and retried later, never acknowledged, and the
 * node keeps the holder's value; the time to trigger, which nobody else holds, is still widened. Bounded by the
 * fixture's awaits; no timing assertions.
 */
class HandoverA3OwnershipRicTest {
    /** An xApp of higher priority than the handover xApp (60) that sets every cell's A3 hysteresis to 1 dB on every report, as a load balancer pulling would. */
    private static final String PROBE = "narrowing-probe";
    private static final String AGGRESSIVE = "{\"hysteresisMinDb\":0,\"hysteresisMaxDb\":0,\"timeToTriggerMinMs\":0,"
            + "\"timeToTriggerMaxMs\":0,\"pingPongWindowMs\":0,\"maxPingPongRiskIncrease\":1,\"actBelowSinrDb\":30}";

    @Test
    void aWideningAnotherXappHoldsIsRefusedAndNeverAcknowledged() throws Exception {
        byte[] v1 = TrainerTest.small().toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("ho-own-cache").toString());  // no cached model
        try (XappRic ric = XappRic.start("ho-own-test", false);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(4).gnbs(2).ues(60).build(),
                     RanSimulator.Options.builder().speed(5).build())) {
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(2);
            ric.node().xapps().install(RepeatingControlXapp.descriptor(PROBE, 60, "a3_hysteresis", 1, 0, 15), null, null);
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3Hysteresis(c) == 1.0),
                    "every cell's hysteresis set and held by the probe");
            ric.installFromModuleDescriptor();
            assertNull(ric.deliver("handover", new ModelEvent(HandoverModel.MODEL_NAME, "1", "dl4j", HandoverModel.INPUT_FEATURES, v1)));
            assertTrue(ric.policy("handover", HandoverPolicy.TYPE, AGGRESSIVE).values().stream().allMatch(PolicyStatus::isEnforced));

            int cells = sim.model().cellIds().size();
            await(() -> ric.metric("handover", "a3.conflicts") >= cells + 1, "widenings refused, and retried");
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3TimeToTrigger(c) == 1024),
                    "the time to trigger, held by nobody else, widened");
            ric.awaitControl("handover", c -> c.status().equals("CONFLICT") && c.action().startsWith("a3_hysteresis")
                    && c.detail().contains("held by xApp " + PROBE), "the refusal in the control log");
            for (String c : sim.model().cellIds()) {
                assertEquals(1.0, sim.model().a3Hysteresis(c), "the node keeps the holder's hysteresis on " + c);
            }
            assertTrue(ric.acked("handover").stream().noneMatch(e -> e.action().startsWith("a3_hysteresis")),
                    "no widening of the hysteresis reached the node");
        }
    }
}
