package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.xapp.XappHost;
import io.jric.server.RicConfig;
import io.jric.server.RicNode;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import io.jric.xapps.ml.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.Test;

/**
 * The load-balancing xApp installed from its own descriptor into a real RIC with the simulator over
 * E2: it takes a model through A1-ML, sets CIOs the simulator applies and reports, follows a policy
 * change in the direction it says (a narrower CIO range pulls every offset into it), and uses a new
 * model version after delivery and the old one after rollback.
 */
class LoadBalancingXappRicTest {
    /** Every cell counts as overloaded, offsets are free: the xApp moves CIOs. */
    private static final String ACTIVE = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":-4,\"cioMaxDb\":4,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":2000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0}";
    /** No offsets allowed. */
    private static final String NO_OFFSETS = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":0,\"cioMaxDb\":0,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":2000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0}";

    @Test
    void closesTheLoopFollowsPolicyAndSwapsModels() throws Exception {
        ModelBundle model = TrainerTest.small();
        byte[] v1 = model.toBytes();
        byte[] v2 = model.withVersion("2").toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("lb-cache").toString());  // no cached model
        int disco = TestGrids.freePortPair();
        RicConfig cfg = RicConfig.defaults()
                .set("e2.port", "0").set("http.port", "0").set("e2.kpm.collect", "false")
                .set("xapps.storeDir", Files.createTempDirectory("lb-store").toString())
                .set("grid.instance", "lb-test").set("grid.discoveryPort", Integer.toString(disco))
                .set("grid.discoveryPortRange", "1").set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco).set("grid.backups", "0").set("grid.dataRegionMb", "128")
                .set("a1.storeDir", Files.createTempDirectory("lb-a1").toString())
                .set("xapps.gateway.port", "0").set("grid.thinClientPort", "0")
                .set("grid.workDir", Files.createTempDirectory("lb-grid").toString());
        try (RicNode ric = RicNode.start(cfg);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(6).gnbs(3).ues(120).build(),
                     RanSimulator.Options.builder().speed(8).build())) {
            sim.start("127.0.0.1", ric.e2().port());
            await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 3, "nodes");
            Path descriptor = Path.of("xapp.json");
            ric.xapps().install(Files.readString(descriptor), descriptor.toAbsolutePath().getParent(), null);
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
            Map<String, String> r = ric.xapps().deliverModel("load-balancing", new ModelEvent(LbModel.MODEL_NAME, "3", "dl4j",
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

    private static String deliver(RicNode ric, String version, byte[] bundle) {
        Map<String, String> r = ric.xapps().deliverModel("load-balancing",
                new ModelEvent(LbModel.MODEL_NAME, version, "dl4j", LbModel.INPUT_FEATURES, bundle), Duration.ofSeconds(20));
        assertEquals(1, r.size(), r.toString());
        return r.values().iterator().next();
    }

    private static Map<String, PolicyStatus> policy(RicNode ric, String json) {
        return ric.xapps().deliverPolicy("load-balancing", new PolicyEvent(LbPolicy.TYPE, "test", json, false), Duration.ofSeconds(10));
    }

    private static long metric(RicNode ric, String name) {
        List<XappHost.InstanceStatus> s = ric.xapps().status("load-balancing");
        return s.isEmpty() ? 0 : s.get(0).metrics.getOrDefault(name, 0L);
    }

    private static List<ControlLogEntry> acked(RicNode ric) {
        List<ControlLogEntry> out = new ArrayList<>();
        for (Cache.Entry<Long, ControlLogEntry> e : ric.grid().<Long, ControlLogEntry>cache(E2Caches.CONTROL_LOG)
                .query(new ScanQuery<Long, ControlLogEntry>())) {
            if ("load-balancing".equals(e.getValue().origin()) && "ACK".equals(e.getValue().status())) out.add(e.getValue());
        }
        return out;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
