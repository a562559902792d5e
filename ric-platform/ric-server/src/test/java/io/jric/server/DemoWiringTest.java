package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2NodeInfo;
import io.jric.api.kpm.KpmCaches;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The demo's real wiring (RicNode from a RicConfig, the simulator over gRPC, the demo loop), on free ports. */
class DemoWiringTest {
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void aDefaultSizedRanConnectsFillsTheGridAndTheLoopGetsAcks() throws Exception {
        int disco = TestGrids.freePortPair();
        RicConfig cfg = RicConfig.defaults()
                .set("e2.port", "0")
                .set("e2.kpm.periodMs", "200")
                .set("xapps.storeDir", tempDir("jric-xapps"))
                .set("grid.instance", "demo-wiring-test")
                .set("grid.discoveryPort", Integer.toString(disco))
                .set("grid.discoveryPortRange", "1")
                .set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco)
                .set("grid.backups", "0")
                .set("grid.dataRegionMb", "128")
                .set("a1.storeDir", tempDir("jric-a1"))
                .set("xapps.gateway.port", "0").set("grid.thinClientPort", "0")
                .set("grid.workDir", Files.createTempDirectory("jric-demo-test").toString());
        SimConfig simConfig = SimConfig.builder().seed(3).build();
        try (RicNode ric = RicNode.start(cfg);
             RanSimulator sim = new RanSimulator(simConfig, RanSimulator.Options.builder().speed(5).build())) {
            sim.start("127.0.0.1", ric.e2().port());
            await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 7,
                    "7 gNBs connected");
            await(() -> ric.grid().cache(KpmCaches.CELL_LATEST).size() == 21, "21 cells in the grid");
            await(() -> ric.grid().cache(KpmCaches.UE_LATEST).size() > 250, "UEs in the grid");
            assertEquals(7, ric.e2().subscriptionService().subscriptions().size());

            ric.xapps().install(DemoLoop.descriptor(37, 46, 2), null, null);
            await(() -> ric.e2().stats().controlsAcked() >= 1, "a demo-loop control acknowledged");
            await(() -> DemoLoop.LAST.get().contains("ACK"), "the loop saw the outcome");
            assertEquals(0, ric.e2().stats().errorIndicationsSent());
        }
    }

    private static String tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
