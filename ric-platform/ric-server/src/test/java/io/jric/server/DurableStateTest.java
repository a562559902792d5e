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
                .set("a1.storeDir", a1.toString()).set("a1.auth", "off").set("admin.auth", "off")
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

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();
    private static final String RAILS = "/A1-P/v2/policytypes/jric.guardrails.v1/policies";

    private static String lastBody = "";

    private static int put(RicNode n, String id, String body) throws Exception {
        var r = HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + n.httpPort() + RAILS + "/" + id))
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        lastBody = r.statusCode() + " " + r.body();
        return r.statusCode();
    }

    private static int delete(RicNode n, String id) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + n.httpPort() + RAILS + "/" + id))
                .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String policies(RicNode n) throws Exception {
        return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + n.httpPort() + RAILS)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Set<String> storedPolicies(Path a1) throws Exception {
        Set<String> names = new TreeSet<>();
        Path dir = a1.resolve("policies");
        if (!Files.isDirectory(dir)) return names;
        try (var files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).forEach(names::add);
        }
        return names;
    }

    @Test
    void everyProcessStoresTheWholeGridsA1PoliciesAndEitherRestartsTheClusterAlone() throws Exception {
        int da = TestGrids.freePortPair();
        int db = TestGrids.freePortPair();
        Path a1a = Files.createTempDirectory("a1-a");
        Path a1b = Files.createTempDirectory("a1-b");
        RicNode a = RicNode.start(node("a1-durable-a", da, db, Files.createTempDirectory("store-a"), a1a));
        RicNode b = RicNode.start(node("a1-durable-b", db, da, Files.createTempDirectory("store-b"), a1b));
        try {
            await(() -> a.grid().serverCount() == 2, "two grid nodes");
            assertEquals(2, put(a, "via-a", "{\"scope\":\"*\",\"txPowerMaxDbm\":40}") / 100, lastBody);
            assertEquals(2, put(b, "via-b", "{\"scope\":\"00f110:000004000\",\"txPowerMaxDbm\":38}") / 100, lastBody);
            assertTrue(put(b, "gone", "{\"scope\":\"00f110:000004001\",\"txPowerMaxDbm\":37}") / 100 == 2);
            assertEquals(204, delete(a, "gone"));
            a.a1().flushStore();
            b.a1().flushStore();
            await(() -> storedPolicies(a1a).size() == 2 && storedPolicies(a1a).equals(storedPolicies(a1b)),
                    "both A1 stores hold both policies and not the deleted one: a " + storedPolicies(a1a) + ", b " + storedPolicies(a1b));
        } finally {
            a.close();
            b.close();
        }
        // Each alone, in both orders: the whole cluster's policies come back.
        for (String first : List.of("b", "a")) {
            RicNode n = first.equals("b")
                    ? RicNode.start(node("a1-durable-b2", db, da, Files.createTempDirectory("store-b2"), a1b))
                    : RicNode.start(node("a1-durable-a2", da, db, Files.createTempDirectory("store-a2"), a1a));
            try {
                String list = policies(n);
                assertTrue(list.contains("via-a") && list.contains("via-b") && !list.contains("gone"), first + " alone: " + list);
            } finally {
                n.close();
            }
        }
    }

    private static boolean await(java.util.concurrent.Callable<Boolean> what, String description) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (!what.call()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s: " + description);
            Thread.sleep(50);
        }
        return true;
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
