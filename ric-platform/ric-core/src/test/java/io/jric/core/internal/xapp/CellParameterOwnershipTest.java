package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2ControlService;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import io.jric.proto.e2sm.rc.v1.A3HysteresisControl;
import io.jric.proto.e2sm.rc.v1.A3TimeToTriggerControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ownership of cell-configuration parameters in the control router (A3 hysteresis and time to trigger here), on a
 * clock the test moves by hand: the xApp whose control the node acknowledged holds the parameter past the
 * arbitration window until it releases it, is removed, or its lease lapses; another xApp's control is refused
 * before the node; renewals, refusals by the node, controls in flight and takeovers by a higher priority. A real grid
 * holds the control log; the "node" is a map of the values it applied.
 */
class CellParameterOwnershipTest {
    private static final String NODE = "gnb:00f110:1/22";
    private static final String CELL = "00f110:000004021";
    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String A3 = "{\"action\":\"a3_hysteresis\",\"scope\":\"cell\",\"min\":0,\"max\":15},"
            + "{\"action\":\"a3_time_to_trigger\",\"scope\":\"cell\",\"min\":0,\"max\":5120},"
            + "{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}";
    private static RicGrid grid;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    /** What the node applied: "action@cell" to value. */
    private final Map<String, Double> node = new ConcurrentHashMap<>();
    /** The node's next answer: ACK applies the value; a pending future holds the control in flight. */
    private final AtomicReference<ControlStatus> answer = new AtomicReference<>(ControlStatus.ACK);
    private volatile CompletableFuture<ControlOutcome> inFlight;
    private ControlRouter router;
    private ControlRouter.LiveGuardRails rails;

    private final E2ControlService e2 = new E2ControlService() {
        @Override
        public CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                                         Duration timeout, String origin) {
            String key;
            double value;
            if (message.hasA3Hysteresis()) {
                key = "a3_hysteresis@" + message.getA3Hysteresis().getCell().getNrCellIdentity();
                value = message.getA3Hysteresis().getHysteresisDb();
            } else if (message.hasA3TimeToTrigger()) {
                key = "a3_time_to_trigger@" + message.getA3TimeToTrigger().getCell().getNrCellIdentity();
                value = message.getA3TimeToTrigger().getTimeToTriggerMs();
            } else {
                key = "tx_power@" + message.getTxPower().getCell().getNrCellIdentity();
                value = message.getTxPower().getTxPowerDbm();
            }
            if (inFlight != null) {
                CompletableFuture<ControlOutcome> f = inFlight;
                return f.thenApply(o -> {
                    if (o.status() == ControlStatus.ACK) node.put(key, value);
                    return o;
                });
            }
            ControlStatus s = answer.get();
            if (s == ControlStatus.ACK) node.put(key, value);
            return CompletableFuture.completedFuture(new ControlOutcome(s, nodeId, s == ControlStatus.ACK ? "" : "node said no", null, 1));
        }
    };

    @BeforeAll
    static void startGrid() throws IOException {
        grid = RicGrid.start(GridSettings.builder().instanceName("ownership-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-ownership")).dataRegionBytes(128L << 20).backups(0).build());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @BeforeEach
    void newRouter() {
        grid.cache(E2Caches.CONTROL_LOG).clear();
        rails = ControlRouter.fromCache(grid.cache(PlatformCaches.GUARD_RAILS));
        router = new ControlRouter(e2, rails, grid.cache(E2Caches.CONTROL_LOG), WINDOW, Duration.ofSeconds(1), clock::get);
        router.ownership(EnumSet.of(ControlAction.A3_HYSTERESIS, ControlAction.A3_TIME_TO_TRIGGER), LEASE);
    }

    @AfterEach
    void closeRails() {
        rails.close();
    }


    private static XappDescriptor xapp(String name, int priority) {
        return DescriptorParser.parse("{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"1.0.0\","
                + "\"vendor\":\"test\",\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"probe\"},\"priority\":" + priority
                + ",\"controls\":[" + A3 + "]}", null);
    }

    private static io.jric.proto.e2sm.kpm.v1.NrCgi cell(String cellId) {
        return io.jric.proto.e2sm.kpm.v1.NrCgi.newBuilder().setNrCellIdentity(Long.parseLong(cellId.substring(7), 16)).build();
    }

    private static ControlRouter.Request hysteresis(double db) {
        return new ControlRouter.Request(ControlAction.A3_HYSTERESIS, NODE, CELL, db, RcControlHeader.getDefaultInstance(),
                RcControlMessage.newBuilder().setA3Hysteresis(A3HysteresisControl.newBuilder().setCell(cell(CELL))
                        .setHysteresisDb((float) db)).build());
    }

    private static ControlRouter.Request timeToTrigger(int ms) {
        return new ControlRouter.Request(ControlAction.A3_TIME_TO_TRIGGER, NODE, CELL, ms, RcControlHeader.getDefaultInstance(),
                RcControlMessage.newBuilder().setA3TimeToTrigger(A3TimeToTriggerControl.newBuilder().setCell(cell(CELL))
                        .setTimeToTriggerMs(ms)).build());
    }

    private static ControlRouter.Request txPower(double dbm) {
        return new ControlRouter.Request(ControlAction.TX_POWER, NODE, CELL, dbm, RcControlHeader.getDefaultInstance(),
                RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder().setCell(cell(CELL))
                        .setTxPowerDbm((float) dbm)).build());
    }

    private ControlOutcome route(XappDescriptor x, ControlRouter.Request r) throws Exception {
        return router.route(x, r).get(5, TimeUnit.SECONDS);
    }

    private void advance(Duration d) {
        clock.addAndGet(d.toNanos());
    }

    private Double nodeHysteresis() {
        return node.get("a3_hysteresis@" + Long.parseLong(CELL.substring(7), 16));
    }

    private ControlRouter.Held held(String parameter) {
        return router.held().stream().filter(h -> h.parameter().equals(parameter)).findFirst().orElse(null);
    }

    /** Waits (bounded) for a control-log entry of {@code origin} with {@code status} whose detail contains {@code text}. */
    private boolean logged(String origin, String status, String text) {
        IgniteCache<Long, ControlLogEntry> c = grid.cache(E2Caches.CONTROL_LOG);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        do {
            for (Cache.Entry<Long, ControlLogEntry> e : c.query(new ScanQuery<Long, ControlLogEntry>())) {
                ControlLogEntry l = e.getValue();
                if (l.origin().equals(origin) && l.status().equals(status) && l.detail().contains(text)) return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < deadline);
        return false;
    }

    @Test
    void theAcknowledgedWriterHoldsTheParameterPastTheWindowAndAnotherXappIsRefusedBeforeTheNode() throws Exception {
        XappDescriptor handover = xapp("ho", 45);
        XappDescriptor balancer = xapp("lb", 35);
        assertEquals(ControlStatus.ACK, route(handover, hysteresis(10)).status());
        assertEquals(10.0, nodeHysteresis());
        ControlRouter.Held h = held("a3_hysteresis@" + CELL);
        assertEquals("ho", h.xapp());
        assertTrue(h.hold(), "owned: a hold, not a window claim");
        assertEquals(1, router.holds());

        advance(WINDOW.multipliedBy(5));   // long past the window: the last writer would win without ownership
        ControlOutcome refused = route(balancer, hysteresis(1.5));
        assertEquals(ControlStatus.CONFLICT, refused.status());
        assertTrue(refused.detail().contains("a3_hysteresis of " + CELL + " is held by xApp ho (priority 45, yours 35)"),
                refused.detail());
        assertTrue(refused.detail().contains("value 10.0"), refused.detail());
        assertEquals(10.0, nodeHysteresis(), "the refused control never reached the node");
        assertEquals(1, router.heldConflicts());
        assertEquals(1, router.conflicts());
        assertTrue(logged("lb", "CONFLICT", "held by xApp ho"));

        // another parameter of the same cell is not held by it
        assertEquals(ControlStatus.ACK, route(balancer, timeToTrigger(480)).status());
        // controls that are not owned keep the window's arbitration: after it, the last writer wins as before
        assertEquals(ControlStatus.ACK, route(handover, txPower(43)).status());
        advance(WINDOW.plusMillis(1));
        assertEquals(ControlStatus.ACK, route(balancer, txPower(40)).status());
    }

    @Test
    void theHolderRenewsByItsOwnControlsAndTheLeaseLapsesWithoutThem() throws Exception {
        XappDescriptor a = xapp("renewer", 40);
        XappDescriptor b = xapp("waiter", 40);
        assertEquals(ControlStatus.ACK, route(a, hysteresis(8)).status());
        advance(LEASE.minusSeconds(10));
        assertEquals(ControlStatus.ACK, route(a, hysteresis(8)).status(), "the holder's own control renews");
        advance(LEASE.minusSeconds(10));   // past the first lease, inside the renewed one
        assertEquals(ControlStatus.CONFLICT, route(b, hysteresis(2)).status());
        advance(Duration.ofSeconds(11));   // the renewed lease lapsed
        assertNull(held("a3_hysteresis@" + CELL), "nothing held after the lease");
        assertEquals(ControlStatus.ACK, route(b, hysteresis(2)).status(), "a lapsed lease holds nothing");
        assertEquals(2.0, nodeHysteresis());
        assertEquals("waiter", held("a3_hysteresis@" + CELL).xapp(), "and the new writer holds it now");
        assertEquals(ControlStatus.CONFLICT, route(a, hysteresis(8)).status(), "the former holder is refused in turn");
    }

    @Test
    void releasingTheCellOrRemovingTheXappFreesItAtOnce() throws Exception {
        XappDescriptor a = xapp("releaser", 40);
        XappDescriptor b = xapp("other", 40);
        assertEquals(ControlStatus.ACK, route(a, hysteresis(8)).status());
        assertEquals(ControlStatus.ACK, route(a, timeToTrigger(1024)).status());
        assertEquals(2, router.holds());
        assertEquals(2, router.release("releaser", NODE, CELL), "both parameters of the cell released");
        assertTrue(logged("releaser", "RELEASED", "hold released by xApp releaser"));
        assertEquals(ControlStatus.ACK, route(b, hysteresis(2)).status(), "free at once, no window to wait out");
        assertEquals(2.0, nodeHysteresis());
        router.release("other");   // the xApp removed
        assertEquals(ControlStatus.ACK, route(a, hysteresis(3)).status());
        assertEquals(3.0, nodeHysteresis());
    }

    @Test
    void aControlTheNodeRefusesHoldsNothingAndARefusedRenewalKeepsTheHold() throws Exception {
        XappDescriptor a = xapp("first", 40);
        XappDescriptor b = xapp("second", 40);
        answer.set(ControlStatus.FAILURE);
        assertEquals(ControlStatus.FAILURE, route(a, hysteresis(10)).status());
        ControlRouter.Held h = held("a3_hysteresis@" + CELL);
        assertFalse(h != null && h.hold(), "not held: the node did not take it");
        answer.set(ControlStatus.ACK);
        advance(WINDOW.plusMillis(1));
        assertEquals(ControlStatus.ACK, route(b, hysteresis(2)).status(), "free once the window of the failed control passed");
        assertEquals(2.0, nodeHysteresis());
        answer.set(ControlStatus.FAILURE);
        advance(Duration.ofSeconds(30));
        assertEquals(ControlStatus.FAILURE, route(b, hysteresis(2.5)).status());
        answer.set(ControlStatus.ACK);
        advance(Duration.ofSeconds(20));   // 50 s after the acknowledged control: still inside its lease
        assertEquals(ControlStatus.CONFLICT, route(a, hysteresis(10)).status(), "the holder kept its hold");
        assertEquals(2.0, nodeHysteresis());
    }

    @Test
    void aControlInFlightKeepsOthersOutUntilTheNodeAnswers() throws Exception {
        XappDescriptor a = xapp("sender", 40);
        XappDescriptor b = xapp("racer", 40);
        inFlight = new CompletableFuture<>();
        CompletableFuture<ControlOutcome> pending = router.route(a, hysteresis(10));
        assertFalse(pending.isDone());
        advance(WINDOW.plusMillis(500));   // past the window, not past the control's timeout
        ControlOutcome racer = router.route(b, hysteresis(2)).get(5, TimeUnit.SECONDS);
        assertEquals(ControlStatus.CONFLICT, racer.status());
        assertTrue(racer.detail().contains("its control is with the node"), racer.detail());
        CompletableFuture<ControlOutcome> f = inFlight;
        inFlight = null;
        f.complete(new ControlOutcome(ControlStatus.ACK, NODE, "", null, 1));
        assertEquals(ControlStatus.ACK, pending.get(5, TimeUnit.SECONDS).status());
        assertEquals(10.0, nodeHysteresis());
        assertTrue(held("a3_hysteresis@" + CELL).hold(), "held from the acknowledgement");
        advance(Duration.ofSeconds(30));
        assertEquals(ControlStatus.CONFLICT, route(b, hysteresis(2)).status());
    }

    @Test
    void aHigherPriorityTakesTheParameterOverOnTheRecordUnlessTheNodeRefusesIt() throws Exception {
        XappDescriptor low = xapp("low", 35);
        XappDescriptor high = xapp("high", 45);
        assertEquals(ControlStatus.ACK, route(low, hysteresis(1.5)).status());
        answer.set(ControlStatus.FAILURE);
        assertEquals(ControlStatus.FAILURE, route(high, hysteresis(10)).status());
        assertEquals("low", held("a3_hysteresis@" + CELL).xapp(), "the node kept the holder's value, so the holder keeps it");
        answer.set(ControlStatus.ACK);
        assertEquals(ControlStatus.ACK, route(high, hysteresis(10)).status());
        assertEquals(10.0, nodeHysteresis());
        assertTrue(logged("low", "CONFLICT", "taken over by xApp high (priority 45, the holder's 35)"));
        advance(Duration.ofSeconds(30));
        ControlOutcome renewal = route(low, hysteresis(1.5));
        assertEquals(ControlStatus.CONFLICT, renewal.status(), "the former holder learns it at its next renewal");
        assertTrue(renewal.detail().contains("held by xApp high"), renewal.detail());
        assertEquals(10.0, nodeHysteresis());
    }

    @Test
    void withoutOwnershipTheWindowAloneArbitratesAsBefore() throws Exception {
        router.ownership(EnumSet.noneOf(ControlAction.class), LEASE);
        XappDescriptor a = xapp("first-writer", 45);
        XappDescriptor b = xapp("last-writer", 35);
        assertEquals(ControlStatus.ACK, route(a, hysteresis(10)).status());
        assertEquals(ControlStatus.CONFLICT, route(b, hysteresis(1.5)).status(), "inside the window");
        advance(WINDOW.plusMillis(1));
        assertEquals(ControlStatus.ACK, route(b, hysteresis(1.5)).status(), "after it the last writer wins");
        assertEquals(1.5, nodeHysteresis());
        assertEquals(0, router.holds());
    }
}
