package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.kpm.KpmReport;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Two RIC processes' worth of grid nodes in one JVM: Ignite places an xApp and moves it when its node
 * goes; an xApp placed on one process receives the reports of, and steers, an E2 node held by the other.
 */
class XappFailoverTest {
    static RicConfig node(String name, int disco, int otherDisco, Path store) throws Exception {
        return RicConfig.defaults()
                .set("e2.port", "0").set("http.port", "0").set("e2.kpm.collect", "false")
                .set("xapps.storeDir", store.toString())
                .set("grid.instance", name)
                .set("grid.discoveryPort", Integer.toString(disco)).set("grid.discoveryPortRange", "1")
                .set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco + ",127.0.0.1:" + otherDisco)
                .set("grid.backups", "1").set("grid.dataRegionMb", "128")
                .set("a1.storeDir", tempDir("jric-a1"))
                .set("xapps.gateway.port", "0").set("grid.thinClientPort", "0")
                .set("grid.workDir", Files.createTempDirectory("jric-failover").toString());
    }

    @Test
    void aClusterSingletonXappMovesToTheSurvivingNode() throws Exception {
        ProbeXapp.BY_NAME.clear();
        int da = TestGrids.freePortPair();
        int db = TestGrids.freePortPair();
        RicNode a = RicNode.start(node("failover-a", da, db, Files.createTempDirectory("store-a")));
        RicNode b = RicNode.start(node("failover-b", db, da, Files.createTempDirectory("store-b")));
        try {
            await(() -> a.grid().serverCount() == 2, "two grid nodes");
            a.xapps().install(RicFixture.probe("singleton", "1.0.0", "record", ""), null, null);
            await(() -> ProbeXapp.BY_NAME.containsKey("singleton"), "placed");
            assertEquals(1, a.xapps().status("singleton").size(), "exactly one instance in the cluster");
            RicNode host = a.xappHost().status("singleton").isEmpty() ? b : a;
            RicNode survivor = host == a ? b : a;
            ProbeXapp first = ProbeXapp.BY_NAME.get("singleton");

            host.close();
            await(() -> !survivor.xappHost().status("singleton").isEmpty(), "Ignite redeployed it on the survivor");
            assertTrue(ProbeXapp.BY_NAME.get("singleton") != first, "a new instance runs");
            assertEquals("1.0.0", survivor.xapps().get("singleton").version(), "the record survived (one backup)");
            assertEquals(1, survivor.xapps().status("singleton").size());
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void anXappOnOneProcessSeesAndSteersANodeHeldByTheOther() throws Exception {
        ProbeXapp.BY_NAME.clear();
        int da = TestGrids.freePortPair();
        int db = TestGrids.freePortPair();
        RicNode a = RicNode.start(node("cross-a", da, db, Files.createTempDirectory("store-a"))
                .set("xapps.conflictWindowMs", "10000"));
        RicNode b = RicNode.start(node("cross-b", db, da, Files.createTempDirectory("store-b"))
                .set("xapps.conflictWindowMs", "10000"));
        try {
            await(() -> a.grid().serverCount() == 2, "two grid nodes");
            String txPower = "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]";
            a.xapps().install(RicFixture.probe("roaming", "1.0.0", "record", "\"priority\":50," + txPower), null, null);
            await(() -> running(a, "roaming") || running(b, "roaming"), "placed and running");
            RicNode host = running(a, "roaming") ? a : b;
            RicNode other = host == a ? b : a;
            // A start retried on a topology change leaves a stopped probe behind: take the running one.
            await(() -> ProbeXapp.BY_NAME.containsKey("roaming") && !ProbeXapp.BY_NAME.get("roaming").stopped, "probe");
            ProbeXapp probe = ProbeXapp.BY_NAME.get("roaming");
            try (RanSimulator sim = new RanSimulator(SimConfig.builder().seed(3).gnbs(1).ues(20).build(),
                    RanSimulator.Options.builder().speed(10).build())) {
                sim.start("127.0.0.1", other.e2().port());
                // The connected node's id read in the same look as its state (a later nodes() may see it between setups).
                String[] connected = new String[1];
                await(() -> (connected[0] = other.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected)
                        .map(E2NodeInfo::nodeId).findFirst().orElse(null)) != null, "node connected");
                String nodeId = connected[0];
                assertTrue(other.e2().nodeService().heldHere(nodeId), "the node is held by the other process");
                assertTrue(!host.e2().nodeService().heldHere(nodeId), "and not by the xApp's");

                KpmReport r = probe.reports.poll(30, TimeUnit.SECONDS);
                assertNotNull(r, () -> "a report from the node on the other process reached the xApp; subscriptions there: "
                        + other.xappHost().subscriptions().view().stream().map(v -> v.nodeId + " " + v.state + " " + v.channels).toList()
                        + ", channel records: " + channelRecords(other));
                assertEquals(nodeId, r.nodeId());
                var views = other.xappHost().subscriptions().view();
                assertEquals(1, views.size(), "the other process made the E2 subscription: " + views);
                assertTrue(views.get(0).channels.get(0).startsWith(probe.ctx.instanceId() + "@"), views.toString());
                assertTrue(host.xappHost().subscriptions().view().isEmpty(), "none where the node is not held");

                ControlOutcome o = probe.txPowerOnFirstCell(r, 30).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(ControlStatus.ACK, o.status(), o.detail());
                String cell = r.cells().get(0).cellId();
                await(() -> sim.model().txPower(cell) == 30, "the node applied the control sent from the other process");

                // Arbitration happens where the node is held, whichever process each xApp runs on.
                a.xapps().install(RicFixture.probe("rival", "1.0.0", "record", "\"priority\":10," + txPower), null, null);
                await(() -> (running(a, "rival") || running(b, "rival")) && ProbeXapp.BY_NAME.containsKey("rival")
                        && !ProbeXapp.BY_NAME.get("rival").stopped, "rival placed and running");
                ProbeXapp rival = ProbeXapp.BY_NAME.get("rival");
                assertNotNull(rival.reports.poll(30, TimeUnit.SECONDS), "rival gets reports too");
                assertEquals(ControlStatus.ACK, probe.ctx.control().txPower(nodeId, cell, 32).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS).status());
                ControlOutcome lost = rival.ctx.control().txPower(nodeId, cell, 25).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(ControlStatus.CONFLICT, lost.status(), lost.detail() + " (rival on "
                        + (rival.ctx.instanceId().contains(host.grid().ignite().name()) ? "the xApp's" : "the node's") + " process)");
                assertTrue(lost.detail().contains("held by xApp roaming"), lost.detail());
                host.xapps().remove("rival");

                host.xapps().remove("roaming");
                try {
                    await(() -> other.xappHost().subscriptions().view().isEmpty(), "removal released the remote subscription");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": " + other.xappHost().subscriptions().view().stream()
                            .map(v -> v.nodeId + " " + v.state + " " + v.channels).toList() + ", records " + channelRecords(other), e);
                }
                await(() -> other.e2().subscriptionService().subscriptions().isEmpty(), "and the E2 subscription");
            }
        } finally {
            a.close();
            b.close();
        }
    }

    private static boolean running(RicNode n, String xapp) {
        return n.xappHost().status(xapp).stream().anyMatch(st -> "running".equals(st.state));
    }

    private static java.util.Map<String, String> channelRecords(RicNode n) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        n.grid().<String, String>cache(io.jric.core.internal.grid.PlatformCaches.XAPP_CHANNELS)
                .query(new org.apache.ignite.cache.query.ScanQuery<String, String>()).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    private static String tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
