package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.xapp.XappStore;
import io.jric.testing.TestGrids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Durable state of a two-process grid: each process's store holds every xApp, whichever process
 * installed it, so either one restarted alone restores them all; a process that joins a running grid
 * adopts the grid's state instead of bringing back what its stale store holds.
 */
class DurableStateTest {
    private static RicConfig node(String name, int disco, int otherDisco, Path store, Path a1) throws Exception {
        return RicConfig.defaults()
                .set("e2.port", "0").set("http.port", "0").set("e2.kpm.collect", "false")
                .set("xapps.storeDir", store.toString())
                .set("a1.storeDir", a1.toString())
                .set("grid.instance", name)
                .set("grid.discoveryPort", Integer.toString(disco)).set("grid.discoveryPortRange", "1")
                .set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco + ",127.0.0.1:" + otherDisco)
                .set("grid.backups", "1").set("grid.dataRegionMb", "128")
                .set("xapps.gateway.port", "-1").set("grid.thinClientPort", "0")
                .set("grid.workDir", Files.createTempDirectory("jric-durable").toString());
    }

    private static Set<String> stored(Path store) {
        Set<String> names = new TreeSet<>();
        for (XappStore.Stored s : new XappStore(store).all()) names.add(s.name);
        return names;
    }

    private static Set<String> installed(RicNode n) {
        Set<String> names = new TreeSet<>();
        for (XappRecord r : n.xapps().list()) names.add(r.name());
        return names;
    }

    @Test
    void everyProcessStoresTheWholeGridsXappsAndEitherRestartsTheClusterAlone() throws Exception {
        int da = TestGrids.freePortPair();
        int db = TestGrids.freePortPair();
        Path sa = Files.createTempDirectory("store-a");
        Path sb = Files.createTempDirectory("store-b");
        Path a1a = Files.createTempDirectory("a1-a");
        Path a1b = Files.createTempDirectory("a1-b");
        RicNode a = RicNode.start(node("durable-a", da, db, sa, a1a));
        RicNode b = RicNode.start(node("durable-b", db, da, sb, a1b));
        try {
            await(() -> a.grid().serverCount() == 2, "two grid nodes");
            a.xapps().install(RicFixture.probe("via-a", "1.0.0", "record", ""), null, null);
            b.xapps().install(RicFixture.probe("via-b", "1.0.0", "record", ""), null, null);
            b.xapps().install(RicFixture.probe("removed", "1.0.0", "record", ""), null, null);
            a.xapps().remove("removed");
            a.xapps().flushStore();
            b.xapps().flushStore();
            await(() -> stored(sa).equals(Set.of("via-a", "via-b")) && stored(sb).equals(Set.of("via-a", "via-b")),
                    "both stores hold both xApps, and not the removed one: a " + stored(sa) + ", b " + stored(sb));
        } finally {
            a.close();
            b.close();
        }

        // b first (it served only two of the four changes), alone: it brings back everything.
        RicNode b2 = RicNode.start(node("durable-b2", db, da, sb, a1b));
        try {
            assertEquals(Set.of("via-a", "via-b"), installed(b2));
        } finally {
            b2.close();
        }
        // a alone, the other order: the same.
        RicNode a2 = RicNode.start(node("durable-a2", da, db, sa, a1a));
        try {
            assertEquals(Set.of("via-a", "via-b"), installed(a2));
        } finally {
            a2.close();
        }
    }

    @Test
    void aProcessJoiningARunningGridAdoptsItsStateOverItsStaleStore() throws Exception {
        int da = TestGrids.freePortPair();
        int db = TestGrids.freePortPair();
        Path sa = Files.createTempDirectory("store-a");
        Path sb = Files.createTempDirectory("store-b");
        // b's store still holds an xApp the cluster removed while b was down.
        new XappStore(sb).save("stale", RicFixture.probe("stale", "1.0.0", "record", ""), null);
        RicNode a = RicNode.start(node("join-a", da, db, sa, Files.createTempDirectory("a1-a")));
        try {
            a.xapps().install(RicFixture.probe("current", "1.0.0", "record", ""), null, null);
            RicNode b = RicNode.start(node("join-b", db, da, sb, Files.createTempDirectory("a1-b")));
            try {
                await(() -> a.grid().serverCount() == 2, "two grid nodes");
                assertEquals(Set.of("current"), installed(a), "the stale xApp is not brought back");
                b.xapps().flushStore();
                await(() -> stored(sb).equals(Set.of("current")), "b's store matches the grid: " + stored(sb));
                assertTrue(List.copyOf(installed(b)).contains("current"));
            } finally {
                b.close();
            }
        } finally {
            a.close();
        }
    }
}
