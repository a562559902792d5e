package io.jric.xapps.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.xapp.XappHost;
import io.jric.server.RicConfig;
import io.jric.server.RicNode;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.Test;

/** hello-xapp installed from its own descriptor into a real RIC with the simulator: it logs KPIs and steers one cell. */
class HelloXappTest {
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void installedFromItsDescriptorItReadsKpmAndSendsOneTxPowerControl() throws Exception {
        int disco = TestGrids.freePortPair();
        RicConfig cfg = RicConfig.defaults()
                .set("e2.port", "0").set("http.port", "0").set("e2.kpm.collect", "false")
                .set("xapps.storeDir", Files.createTempDirectory("hello-store").toString())
                .set("grid.instance", "hello-test").set("grid.discoveryPort", Integer.toString(disco))
                .set("grid.discoveryPortRange", "1").set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco).set("grid.backups", "0").set("grid.dataRegionMb", "128")
                .set("a1.storeDir", tempDir("jric-a1"))
                .set("xapps.gateway.port", "0").set("grid.thinClientPort", "0")
                .set("grid.workDir", Files.createTempDirectory("hello-grid").toString());
        try (RicNode ric = RicNode.start(cfg);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(2).gnbs(2).ues(80).build(),
                     RanSimulator.Options.builder().speed(10).build())) {
            sim.start("127.0.0.1", ric.e2().port());
            await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 2, "nodes");

            Path descriptor = Path.of("xapp.json");
            ric.xapps().install(Files.readString(descriptor), descriptor.toAbsolutePath().getParent(), null);

            await(() -> reports(ric) >= 3, "hello-xapp receives KPM reports");
            await(() -> helloControls(ric).stream().anyMatch(e -> e.status().equals("ACK")), "its Tx-power control acked");
            List<ControlLogEntry> mine = helloControls(ric);
            assertEquals(1, mine.size(), "hello-xapp sends exactly one control: " + mine);
            assertTrue(mine.get(0).action().startsWith("tx_power"), mine.get(0).toString());
        }
    }

    private static long reports(RicNode ric) {
        List<XappHost.InstanceStatus> s = ric.xapps().status("hello-xapp");
        return s.isEmpty() ? 0 : s.get(0).metrics.getOrDefault("reports", 0L);
    }

    private static List<ControlLogEntry> helloControls(RicNode ric) {
        List<ControlLogEntry> out = new java.util.ArrayList<>();
        for (Cache.Entry<Long, ControlLogEntry> e : ric.grid().<Long, ControlLogEntry>cache(E2Caches.CONTROL_LOG)
                .query(new ScanQuery<Long, ControlLogEntry>())) {
            if ("hello-xapp".equals(e.getValue().origin())) out.add(e.getValue());
        }
        return out;
    }

    private static String tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
