package io.jric.server;

import static io.jric.server.RicFixture.await;
import static io.jric.server.RicFixture.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.KpmReport;
import io.jric.core.internal.xapp.XappHost;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** xApps running in a real RIC against the simulator: shared subscriptions, controls, isolation. */
class XappRuntimeTest {
    private RicFixture f;

    @BeforeEach
    void start() {
        ProbeXapp.BY_NAME.clear();
        f = RicFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ProbeXapp install(String name, String mode, String extra) {
        f.ric.xapps().install(probe(name, "1.0.0", mode, extra), null, null);
        await(() -> ProbeXapp.BY_NAME.containsKey(name), name + " started");
        return ProbeXapp.BY_NAME.get(name);
    }

    private XappHost.InstanceStatus status(String name) {
        List<XappHost.InstanceStatus> s = f.ric.xapps().status(name);
        assertEquals(1, s.size(), "instances of " + name);
        return s.get(0);
    }

    @Test
    void twoXappsWithTheSameSubscriptionShareOneE2SubscriptionPerNode() throws Exception {
        ProbeXapp a = install("share-a", "record", "");
        ProbeXapp b = install("share-b", "record", "");
        await(() -> a.reports.size() >= 4 && b.reports.size() >= 4, "both xApps receive reports");
        assertEquals(2, f.ric.xappHost().subscriptions().e2Subscriptions(), "one E2 subscription per node");
        assertEquals(2, f.ric.e2().subscriptionService().subscriptions().size());
        f.ric.xappHost().subscriptions().view().forEach(v -> assertEquals(2, v.channels.size(), v.nodeId));

        f.ric.xapps().remove("share-a");
        assertTrue(a.stopped);
        int before = b.reports.size();
        await(() -> b.reports.size() >= before + 4, "share-b still receives after share-a is removed");
        assertEquals(2, f.ric.xappHost().subscriptions().e2Subscriptions());

        f.ric.xapps().remove("share-b");
        await(() -> f.ric.e2().subscriptionService().subscriptions().isEmpty(), "E2 subscriptions deleted with the last user");
        await(() -> f.sim.agents().stream().allMatch(ag -> ag.activeSubscriptions() == 0), "nodes stopped reporting");
        assertEquals(0, f.ric.xappHost().subscriptions().e2Subscriptions());
    }

    @Test
    void cellUpdateNotificationsComeFromTheGridAndStopWithTheInstance() throws Exception {
        install("feeder", "record", "");
        f.ric.xapps().install(probe("watcher", "1.0.0", "record", "").replace("{\"mode\":\"record\"}",
                "{\"mode\":\"record\",\"watchCells\":true}"), null, null);
        await(() -> ProbeXapp.BY_NAME.containsKey("watcher"), "watcher started");
        ProbeXapp w = ProbeXapp.BY_NAME.get("watcher");
        await(() -> w.cellUpdates.size() >= 6, "cell updates from the grid");
        assertTrue(w.cellUpdates.stream().allMatch(c -> c.cellId() != null && c.timestampMs() > 0));
        f.ric.xapps().remove("watcher");
        w.cellUpdates.clear();
        int feederBefore = ProbeXapp.BY_NAME.get("feeder").reports.size();
        await(() -> ProbeXapp.BY_NAME.get("feeder").reports.size() >= feederBefore + 4, "cells still updated");
        assertEquals(0, w.cellUpdates.size(), "the continuous query outlived the instance");
    }

    @Test
    void xappsQueryTheGridWithReadOnlySql() throws Exception {
        ProbeXapp p = install("sql-reader", "record", "");
        await(() -> p.reports.size() >= 2, "reports");
        await(() -> ((Number) p.ctx.grid().sql("SELECT COUNT(*) FROM CELL_KPI").get(0).get(0)).intValue() == 6,
                "the 6 cells in the CELL_KPI table");
        var rows = p.ctx.grid().sql("SELECT nodeId, MAX(prbUsedDlPct) FROM CELL_KPI GROUP BY nodeId ORDER BY nodeId");
        assertEquals(2, rows.size(), rows.toString());
        IllegalArgumentException write = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> p.ctx.grid().sql("DELETE FROM CELL_KPI"));
        assertTrue(write.getMessage().contains("only SELECT or WITH"), write.getMessage());
    }

    @Test
    void upgradingOneXappLeavesTheOthersRunning() throws Exception {
        ProbeXapp other = install("steady", "record", "");
        ProbeXapp old = install("upgraded", "record", "");
        await(() -> other.reports.size() >= 3, "steady receives");
        f.ric.xapps().upgrade(probe("upgraded", "2.0.0", "record", ""), null, null);
        await(() -> ProbeXapp.BY_NAME.get("upgraded") != old, "the new version runs");
        assertTrue(old.stopped);
        assertTrue(!other.stopped && ProbeXapp.BY_NAME.get("steady") == other, "the other xApp was restarted");
        int before = other.reports.size();
        await(() -> other.reports.size() >= before + 5, "steady keeps receiving after the upgrade");
        await(() -> !ProbeXapp.BY_NAME.get("upgraded").reports.isEmpty(), "the new version receives");
        assertEquals(2, f.ric.xappHost().subscriptions().e2Subscriptions(), "still one merged E2 subscription per node");
    }

    @Test
    void anUndeclaredControlIsRefusedAndADeclaredOneChangesTheRan() throws Exception {
        ProbeXapp quiet = install("no-controls", "record", "");
        ProbeXapp steer = install("steer", "record",
                "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]");
        KpmReport r = quiet.reports.poll(30, TimeUnit.SECONDS);
        ControlOutcome refused = quiet.txPowerOnFirstCell(r, 35).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(ControlStatus.REFUSED, refused.status());
        assertTrue(refused.detail().contains("did not declare"), refused.detail());

        KpmReport s = steer.reports.poll(30, TimeUnit.SECONDS);
        ControlOutcome ok = steer.txPowerOnFirstCell(s, 35).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(ControlStatus.ACK, ok.status(), ok.detail());
        String cell = s.cells().get(0).cellId();
        assertEquals(35.0, f.sim.model().txPower(cell), 1e-6);
        await(() -> {
            KpmReport latest = steer.reports.peek();
            steer.reports.clear();
            return latest != null && latest.cells().stream().anyMatch(c -> c.cellId().equals(cell) && c.txPowerDbm() == 35f);
        }, "the xApp sees the new Tx power in its reports");
    }

    @Test
    void aNonBlockingHandlerRunsOnTheE2ThreadAndItsControlIsAcked() throws Exception {
        ProbeXapp inline = install("inline", "control-once", "\"handler\":{\"nonBlocking\":true,\"budgetUs\":100000},"
                + "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]");
        ProbeXapp queued = install("queued", "record", "");
        ControlOutcome o = inline.handlerControl.get(30, TimeUnit.SECONDS);
        assertEquals(ControlStatus.ACK, o.status(), o.detail());
        // On the E2 termination's transport threads (gRPC's Netty event loops), not the instance's own thread; a
        // report that arrives while the instance is busy (another node's report, a policy event) still queues.
        await(() -> inline.threads.stream().filter(t -> !t.startsWith("xapp-")).count() >= 6 && queued.threads.size() >= 6,
                "reports to both, at least 6 of the non-blocking xApp's on a transport thread");
        long onTransport = inline.threads.stream().filter(t -> !t.startsWith("xapp-")).count();
        assertTrue(queued.threads.stream().allMatch(t -> t.startsWith("xapp-")), queued.threads.toString());
        XappHost.InstanceStatus s = status("inline");
        assertEquals("inline", s.dispatch);
        assertTrue(s.inlineReports >= onTransport && s.inlineReports <= s.reports, s.inlineReports + " of " + s.reports);
        assertEquals(0, s.demotions);
        assertEquals("thread", status("queued").dispatch);
        assertEquals(0, status("queued").inlineReports);
        f.ric.xapps().remove("inline");
        assertTrue(inline.stopped);
    }

    @Test
    void aThrowingOrStalledXappDoesNotStopAnotherXappsLoopOrTheE2Path() throws Exception {
        ProbeXapp stalled = install("stalled", "stall", "");
        install("thrower", "throw", "");
        ProbeXapp healthy = install("healthy", "record", "");
        await(() -> status("stalled").drops > 0, "the stalled xApp's bounded queue overflows (drops counted)");
        await(() -> status("thrower").errors > 5, "the throwing xApp's errors are counted");
        int before = healthy.reports.size();
        long indications = f.ric.e2().stats().indications();
        await(() -> healthy.reports.size() >= before + 20, "the healthy xApp keeps receiving");
        assertTrue(f.ric.e2().stats().indications() > indications, "the E2 path stalled");
        assertEquals(0, f.ric.e2().stats().errorIndicationsSent());
        assertTrue(status("thrower").lastError.contains("probe told to throw"), status("thrower").lastError);
        assertTrue(status("stalled").queued <= 16, "queue bounded");
        // Removing the stalled xApp does not hang: stop() is bounded and releases it.
        stalled.release.countDown();
        f.ric.xapps().remove("stalled");
    }
}
