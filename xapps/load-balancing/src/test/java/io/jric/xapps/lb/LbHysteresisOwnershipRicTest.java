package io.jric.xapps.lb;

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
 * The load-balancing xApp next to an xApp of higher priority that holds every cell's A3 hysteresis widened (as the
 * handover xApp does when it leads), through a real RIC into the simulator: the load balancer's pull-only hysteresis
 * is answered CONFLICT before the node, so it sends no offset (a plain CIO without its lowered hysteresis is what
 * costs RLFs), and the node keeps the holder's hysteresis. Bounded by the fixture's awaits; no timing assertions.
 */
class LbHysteresisOwnershipRicTest {
    /** A stand-in for the handover xApp leading mobility: priority 45 (the handover xApp's), it sets every cell's A3 hysteresis to 10 dB on every report. */
    private static final String PROBE = "widening-probe";
    /** Every cell counts as overloaded, offsets are free, no harm guard: the xApp wants to pull. */
    private static final String ACTIVE = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":-4,\"cioMaxDb\":4,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":2000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0,\"harmAllowancePct\":-1}";

    @Test
    void aRefusedHysteresisWithholdsTheOffsetAndTheNodeKeepsTheHoldersValue() throws Exception {
        byte[] v1 = TrainerTest.small().toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("lb-own-cache").toString());  // no cached model
        try (XappRic ric = XappRic.start("lb-own-test", false);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(6).gnbs(3).ues(120).build(),
                     RanSimulator.Options.builder().speed(8).build())) {
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(3);
            ric.node().xapps().install(RepeatingControlXapp.descriptor(PROBE, 45, "a3_hysteresis", 10, 0, 15), null, null);
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3Hysteresis(c) == 10.0),
                    "every cell's hysteresis widened and held by the probe");
            ric.installFromModuleDescriptor();
            assertTrue(ric.policy("load-balancing", LbPolicy.TYPE, ACTIVE).values().stream().allMatch(PolicyStatus::isEnforced));
            assertNull(ric.deliver("load-balancing", new ModelEvent(LbModel.MODEL_NAME, "1", "dl4j", LbModel.INPUT_FEATURES, v1)));

            await(() -> ric.metric("load-balancing", "hysteresis.conflicts") >= 2, "lowered hysteresis refused by ownership");
            await(() -> ric.metric("load-balancing", "pull.withheld") >= 2, "offsets withheld after the refusals");
            ric.awaitControl("load-balancing", c -> c.status().equals("CONFLICT") && c.action().startsWith("a3_hysteresis")
                    && c.detail().contains("held by xApp " + PROBE), "the refusal in the control log");
            for (String c : sim.model().cellIds()) {
                assertEquals(10.0, sim.model().a3Hysteresis(c), "the node keeps the holder's hysteresis on " + c);
                assertEquals(0.0, sim.model().cio(c), "no offset without its lowered hysteresis on " + c);
            }
            assertTrue(ric.acked("load-balancing").stream().noneMatch(e -> e.action().startsWith("a3_hysteresis")),
                    "no hysteresis of the load balancer reached the node");
        }
    }
}
