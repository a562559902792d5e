package io.jric.xapps.handover;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.GuardRail;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.testing.XappRic;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.Test;

/**
 * The handover xApp installed from its own descriptor into a real RIC with the simulator over E2:
 * it takes a model through A1-ML, hands UEs over (the simulator serves them from the target cell
 * afterwards), follows a policy change in the direction it says, and uses a new model version after
 * delivery and the old one after rollback.
 */
class HandoverXappRicTest {
    private static final String AGGRESSIVE = "{\"hysteresisMinDb\":0,\"hysteresisMaxDb\":0,\"timeToTriggerMinMs\":0,"
            + "\"timeToTriggerMaxMs\":0,\"pingPongWindowMs\":0,\"maxPingPongRiskIncrease\":1,\"actBelowSinrDb\":30}";
    private static final String CONSERVATIVE = "{\"hysteresisMinDb\":10,\"hysteresisMaxDb\":10,\"timeToTriggerMinMs\":0,"
            + "\"timeToTriggerMaxMs\":0,\"pingPongWindowMs\":0,\"maxPingPongRiskIncrease\":1,\"actBelowSinrDb\":30}";

    @Test
    void closesTheLoopFollowsPolicyAndSwapsModels() throws Exception {
        ModelBundle model = TrainerTest.small();
        byte[] v1 = model.toBytes();
        byte[] v2 = model.withVersion("2").toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("ho-cache").toString());  // no cached model: wait for A1-ML
        try (XappRic ric = XappRic.start("ho-test", false);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(4).gnbs(3).ues(90).build(),
                     RanSimulator.Options.builder().speed(5).build())) {
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(3);
            ric.installFromModuleDescriptor();
            await(() -> metric(ric, "reports.withoutModel") >= 3, "UE reports reach the xApp");
            assertEquals(0, sim.stats().ricHandovers(), "no model, no handovers");

            // A1-ML: v1; an aggressive policy: handovers reach the simulator and change who serves the UE.
            assertNull(deliver(ric, "1", v1));
            assertEquals(1, metric(ric, "model.active.1"));
            assertTrue(policy(ric, AGGRESSIVE).values().stream().allMatch(PolicyStatus::isEnforced));
            await(() -> acked(ric, "handover").size() >= 3, "acknowledged handover controls");
            assertTrue(sim.stats().ricHandovers() >= 3, "the simulator executed RIC handovers: " + sim.stats());

            // Leading mobility (the default): every cell's A3 widened to the policy's 10 dB / 1024 ms.
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3Hysteresis(c) == 10.0
                    && sim.model().a3TimeToTrigger(c) == 1024), "A3 widened on every cell");
            await(() -> acked(ric, "a3_hysteresis").size() >= 9, "one acknowledged A3 hysteresis control per cell");
            // Not leading: the cells get the RAN's own A3 back (config ranA3HysteresisDb / ranA3TimeToTriggerMs).
            assertTrue(policy(ric, AGGRESSIVE.replace("}", ",\"leadMobility\":false}")).values().stream()
                    .allMatch(PolicyStatus::isEnforced));
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3Hysteresis(c) == 3.0
                    && sim.model().a3TimeToTrigger(c) == 320), "the RAN's own A3 restored");
            assertTrue(policy(ric, AGGRESSIVE).values().stream().allMatch(PolicyStatus::isEnforced));
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3Hysteresis(c) == 10.0),
                    "leading again");
            // A guard rail forbidding RIC handovers: the refusals make the xApp stop leading and give A3 back.
            IgniteCache<String, GuardRail> rails = ric.node().grid().cache(PlatformCaches.GUARD_RAILS);
            rails.put("*", new GuardRail(null, null, null, null, false, "test"));
            await(() -> metric(ric, "lead.suspended") >= 1, "leading suspended after refused handovers");
            await(() -> sim.model().cellIds().stream().allMatch(c -> sim.model().a3Hysteresis(c) == 3.0),
                    "the RAN's own A3 back while handovers are refused");
            rails.remove("*");

            // Policy: a 10 dB hysteresis bound -> (almost) no more handovers, where 0 dB gave many.
            long before = metric(ric, "handovers.sent");
            await(() -> metric(ric, "handovers.sent") >= before + 5, "more handovers under the aggressive policy");
            long aggressiveStart = metric(ric, "handovers.sent");
            long aggressiveDecisions = metric(ric, "decisions.1");
            await(() -> metric(ric, "decisions.1") >= aggressiveDecisions + 300, "decisions");
            long aggressiveRate = metric(ric, "handovers.sent") - aggressiveStart;
            assertTrue(policy(ric, CONSERVATIVE).values().stream().allMatch(PolicyStatus::isEnforced));
            assertEquals(1000, metric(ric, "operatingHysteresisCentiDb"));
            long consStart = metric(ric, "handovers.sent");
            long consDecisions = metric(ric, "decisions.1");
            await(() -> metric(ric, "decisions.1") >= consDecisions + 300, "decisions");
            long conservativeRate = metric(ric, "handovers.sent") - consStart;
            assertTrue(conservativeRate < aggressiveRate / 2 + 1,
                    "10 dB bound: " + conservativeRate + " handovers per 300 decisions vs " + aggressiveRate + " at 0 dB");

            // A new model version is used, the old one again after rollback.
            assertNull(deliver(ric, "2", v2));
            assertEquals(1, metric(ric, "model.active.2"));
            assertEquals(0, metric(ric, "model.active.1"));
            await(() -> metric(ric, "decisions.2") >= 50, "decisions with v2");
            long d1 = metric(ric, "decisions.1");
            assertNull(deliver(ric, "1", v1));  // rollback: A1-ML re-delivers the previous version
            assertEquals(1, metric(ric, "model.active.1"));
            assertEquals(0, metric(ric, "model.active.2"));
            long d2 = metric(ric, "decisions.2");
            await(() -> metric(ric, "decisions.1") >= d1 + 50, "decisions with v1 after rollback");
            assertTrue(metric(ric, "decisions.2") <= d2 + 10, "v2 no longer used");

            // A corrupt bundle is rejected and the active one kept.
            byte[] bad = v1.clone();
            bad[bad.length / 2] ^= 0x55;
            Map<String, String> r = ric.node().xapps().deliverModel("handover",
                    new ModelEvent(HandoverModel.MODEL_NAME, "3", "dl4j", HandoverModel.INPUT_FEATURES, bad), Duration.ofSeconds(20));
            assertTrue(r.values().stream().allMatch(x -> x != null), "rejected: " + r);
            assertEquals(1, metric(ric, "model.active.1"));
        } finally {
            System.clearProperty("jric.modelCache");
        }
    }

    private static String deliver(XappRic ric, String version, byte[] bundle) {
        return ric.deliver("handover", new ModelEvent(HandoverModel.MODEL_NAME, version, "dl4j", HandoverModel.INPUT_FEATURES, bundle));
    }

    private static Map<String, PolicyStatus> policy(XappRic ric, String json) {
        return ric.policy("handover", HandoverPolicy.TYPE, json);
    }

    private static long metric(XappRic ric, String name) {
        return ric.metric("handover", name);
    }

    private static List<ControlLogEntry> acked(XappRic ric, String actionPrefix) {
        return ric.controls("handover", c -> "ACK".equals(c.status()) && c.action().startsWith(actionPrefix));
    }
}
