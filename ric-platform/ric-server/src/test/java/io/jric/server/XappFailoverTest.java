package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.testing.TestGrids;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Two RIC processes' worth of grid nodes in one JVM: Ignite places an xApp and moves it when its node goes. */
class XappFailoverTest {
    private static RicConfig node(String name, int disco, int otherDisco, Path store) throws Exception {
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

    private static String tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
