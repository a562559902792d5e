package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.xapp.ControlClient;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.sim.RanModel;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.Test;

/**
 * Two xApps contend for one cell's A3 hysteresis through a real RIC into the simulator (the handover xApp widening it,
 * the load balancer lowering it, as in {@code ./ric demo}): the first one the node acknowledged holds it past the
 * arbitration window, the other's control is answered CONFLICT naming the holder and never reaches the node, which
 * keeps the holder's value; the operator sees the hold and the refusal; once released the other one sets it. Bounded
 * by the fixture's awaits; no timing assertions.
 */
class CellParameterOwnershipRicTest {
    private static final String HOLDER = "widen-probe";
    private static final String OTHER = "lower-probe";

    @Test
    void theSecondXappGetsConflictAndTheNodeKeepsTheHoldersHysteresis() throws Exception {
        ProbeXapp.BY_NAME.clear();
        Path store = Files.createTempDirectory("jric-ownership");
        // a short window, so that what refuses the second xApp is the ownership, not the window; a generous control
        // timeout, since a loaded machine may stall the node's answer for a second
        RicConfig config = RicFixture.config(store, "ownership-" + System.nanoTime())
                .set("xapps.conflictWindowMs", "200").set("e2.control.timeoutMs", "15000");
        try (RicNode ric = RicNode.start(config);
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(5).gnbs(1).ues(30).build(),
                     RanSimulator.Options.builder().speed(10).build())) {
            sim.start("127.0.0.1", ric.e2().port());
            await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 1, "node connected");
            ric.xapps().install(descriptor(HOLDER, 45), store, null);
            ric.xapps().install(descriptor(OTHER, 35), store, null);
            await(() -> ProbeXapp.BY_NAME.containsKey(HOLDER) && ProbeXapp.BY_NAME.containsKey(OTHER), "both xApps started");
            ControlClient holder = ProbeXapp.BY_NAME.get(HOLDER).ctx.control();
            ControlClient other = ProbeXapp.BY_NAME.get(OTHER).ctx.control();
            RanModel m = sim.model();
            String node = m.nodeId(0);
            String cell = m.cellIds(0).get(0);
            double ranOwn = m.a3Hysteresis(cell);

            ControlOutcome widened = get(holder.a3Hysteresis(node, cell, 10));
            assertEquals(ControlStatus.ACK, widened.status(), widened.detail());
            assertEquals(10.0, m.a3Hysteresis(cell), 1e-6, "the node applied the holder's value");
            Thread.sleep(600);   // past the 200 ms window: without ownership the next writer would win

            ControlOutcome lowered = get(other.a3Hysteresis(node, cell, 1.5));
            assertEquals(ControlStatus.CONFLICT, lowered.status(), lowered.detail());
            assertTrue(lowered.detail().contains("a3_hysteresis of " + cell + " is held by xApp " + HOLDER + " (priority 45, yours 35)"),
                    lowered.detail());
            assertEquals(10.0, m.a3Hysteresis(cell), 1e-6, "the node keeps the holder's value");
            assertTrue(ric.xappHost().router().heldConflicts() >= 1);

            // the operator sees the hold, the refusal in the control log and the counter
            String holds = http(ric, "/ric/v1/controls/holds");
            assertTrue(holds.contains("\"parameter\":\"a3_hysteresis@" + cell + "\"") && holds.contains("\"xapp\":\"" + HOLDER + "\""),
                    holds);
            await(() -> conflictLogged(ric, OTHER, cell), "the CONFLICT in the control log");
            String metrics = http(ric, "/metrics");
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith("jric_control_router_held_conflicts_total ")
                    && Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim()) >= 1), "held conflicts counted");

            // the holder gives the RAN's own value back and releases the cell: the other xApp sets it now
            assertEquals(ControlStatus.ACK, get(holder.a3Hysteresis(node, cell, ranOwn)).status());
            assertEquals(1, holder.release(node, cell));
            ControlOutcome after = get(other.a3Hysteresis(node, cell, 1.5));
            assertEquals(ControlStatus.ACK, after.status(), after.detail());
            assertEquals(1.5, m.a3Hysteresis(cell), 1e-6);
        }
    }

    @Test
    void theOwnedParametersAndTheLeaseAreValidated() {
        assertEquals(java.util.EnumSet.of(io.jric.api.xapp.descriptor.ControlAction.A3_HYSTERESIS,
                io.jric.api.xapp.descriptor.ControlAction.A3_TIME_TO_TRIGGER), RicConfig.defaults().ownedParameters());
        assertEquals(Duration.ofSeconds(60), RicConfig.defaults().ownershipLease());
        assertTrue(RicConfig.defaults().set("xapps.ownedParameters", "").ownedParameters().isEmpty(), "empty: ownership off");
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RicConfig.defaults().set("xapps.ownedParameters", "a3_hysteresis,a3_hysteresys").ownedParameters());
        assertTrue(unknown.getMessage().contains("unknown control action 'a3_hysteresys'"), unknown.getMessage());
        IllegalArgumentException ue = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RicConfig.defaults().set("xapps.ownedParameters", "handover").ownedParameters());
        assertTrue(ue.getMessage().contains("'handover' is not a cell parameter"), ue.getMessage());
        IllegalArgumentException lease = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RicConfig.defaults().set("xapps.ownershipLeaseMs", "0").ownershipLease());
        assertTrue(lease.getMessage().contains("xapps.ownershipLeaseMs: 0 (expected: 100..3600000)"), lease.getMessage());
    }

    private static boolean conflictLogged(RicNode ric, String origin, String cell) {
        for (Cache.Entry<Long, ControlLogEntry> e : ric.grid().<Long, ControlLogEntry>cache(E2Caches.CONTROL_LOG)
                .query(new ScanQuery<Long, ControlLogEntry>())) {
            ControlLogEntry l = e.getValue();
            if (l.origin().equals(origin) && l.status().equals("CONFLICT") && l.action().contains(cell)) return true;
        }
        return false;
    }

    private static String http(RicNode ric, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ric.httpPort() + path)).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    private static ControlOutcome get(CompletionStage<ControlOutcome> s) throws Exception {
        return s.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String descriptor(String name, int priority) {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"probe\"},\"queueCapacity\":16,\"priority\":" + priority + ","
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":1000,\"style\":\"cell\"}],"
                + "\"controls\":[{\"action\":\"a3_hysteresis\",\"scope\":\"cell\",\"min\":0,\"max\":15}],"
                + "\"config\":{\"schema\":{\"type\":\"object\"},\"values\":{\"mode\":\"record\"}}}";
    }
}
