package io.jric.xapps.lb;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.testing.XappRic;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The load-balancing xApp installed from its own descriptor into a real RIC with the simulator over
 * E2: it takes a model through A1-ML, sets CIOs the simulator applies and reports, follows a policy
 * change in the direction it says (a narrower CIO range pulls every offset into it), and uses a new
 * model version after delivery and the old one after rollback.
 */
class LoadBalancingXappRicTest {
    /** Every cell counts as overloaded, offsets are free, no harm guard: the xApp moves CIOs. */
    private static final String ACTIVE = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":-4,\"cioMaxDb\":4,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":2000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0,\"harmAllowancePct\":-1}";
    /** No offsets allowed. */
    private static final String NO_OFFSETS = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":0,\"cioMaxDb\":0,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":2000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0}";

    @Test
    void closesTheLoopFollowsPolicyAndSwapsModels() throws Exception {
        ModelBundle model = TrainerTest.small();
        byte[] v1 = model.toBytes();
        byte[] v2 = model.withVersion("2").toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("lb-cache").toString());  // no cached model
        try (XappRic ric = XappRic.start("lb-test", false);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(6).gnbs(3).ues(120).build(),
                     RanSimulator.Options.builder().speed(8).build())) {
            sim.start("127.0.0.1", ric.e2Port());
            ric.awaitNodes(3);
            ric.installFromModuleDescriptor();
            assertTrue(policy(ric, ACTIVE).values().stream().allMatch(PolicyStatus::isEnforced));
            await(() -> metric(ric, "decisions.withoutModel") >= 1, "decision periods without a model");
            assertTrue(acked(ric).isEmpty(), "no model, no controls");

            // A1-ML v1: CIO controls reach the simulator, which applies them.
            assertNull(deliver(ric, "1", v1));
            assertEquals(1, metric(ric, "model.active.1"));
            await(() -> acked(ric).size() >= 2, "acknowledged CIO controls");
            await(() -> sumAbsCio(sim) > 0, "the simulator's cells carry the offsets");

            // Policy: CIO range [0, 0] -> every offset is brought back to 0.
            assertTrue(policy(ric, NO_OFFSETS).values().stream().allMatch(PolicyStatus::isEnforced));
            await(() -> sumAbsCio(sim) == 0, "offsets back to 0 under a [0, 0] CIO range");
            long changes = metric(ric, "cio.changes");
            long d = metric(ric, "decisions.1");
            await(() -> metric(ric, "decisions.1") >= d + 3, "more decisions");
            assertEquals(changes, metric(ric, "cio.changes"), "no offsets while the range is [0, 0]");
            assertEquals(0, sumAbsCio(sim));

            // New model version used, old one after rollback.
            assertNull(deliver(ric, "2", v2));
            assertEquals(1, metric(ric, "model.active.2"));
            await(() -> metric(ric, "decisions.2") >= 2, "decisions with v2");
            long d1 = metric(ric, "decisions.1");
            assertNull(deliver(ric, "1", v1));
            assertEquals(1, metric(ric, "model.active.1"));
            assertEquals(0, metric(ric, "model.active.2"));
            long d2 = metric(ric, "decisions.2");
            await(() -> metric(ric, "decisions.1") >= d1 + 2, "decisions with v1 after rollback");
            assertTrue(metric(ric, "decisions.2") <= d2 + 1, "v2 no longer used");

            // A model with other outputs is refused; v1 stays.
            Map<String, String> r = ric.node().xapps().deliverModel("load-balancing", new ModelEvent(LbModel.MODEL_NAME, "3", "dl4j",
                    LbModel.INPUT_FEATURES, new byte[] {1, 2, 3}), Duration.ofSeconds(20));
            assertTrue(r.values().stream().allMatch(x -> x != null), "rejected: " + r);
            assertEquals(1, metric(ric, "model.active.1"));
        } finally {
            System.clearProperty("jric.modelCache");
        }
    }

    private static double sumAbsCio(RanSimulator sim) {
        double s = 0;
        for (String c : sim.model().cellIds()) s += Math.abs(sim.model().cio(c));
        return s;
    }

    private static String deliver(XappRic ric, String version, byte[] bundle) {
        return ric.deliver("load-balancing", new ModelEvent(LbModel.MODEL_NAME, version, "dl4j", LbModel.INPUT_FEATURES, bundle));
    }

    private static Map<String, PolicyStatus> policy(XappRic ric, String json) {
        return ric.policy("load-balancing", LbPolicy.TYPE, json);
    }

    private static long metric(XappRic ric, String name) {
        return ric.metric("load-balancing", name);
    }

    private static List<ControlLogEntry> acked(XappRic ric) {
        return ric.acked("load-balancing");
    }
}
