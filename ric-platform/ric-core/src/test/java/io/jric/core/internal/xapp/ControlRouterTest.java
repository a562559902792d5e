package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.jric.core.internal.grid.GuardRail;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The control router against a real grid (guard rails, control log) and a recording E2 control service. */
class ControlRouterTest {
    private static RicGrid grid;
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private ControlRouter router;
    private ControlRouter.LiveGuardRails rails;

    /** Acknowledges every control and remembers who sent what. */
    private final E2ControlService e2 = new E2ControlService() {
        @Override
        public CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                                         Duration timeout, String origin) {
            sent.add(origin + ":" + message.getTxPower().getTxPowerDbm());
            return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.ACK, nodeId, "", null, 1));
        }
    };

    @BeforeAll
    static void startGrid() throws IOException {
        grid = RicGrid.start(GridSettings.builder().instanceName("router-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-router")).dataRegionBytes(128L << 20).backups(0).build());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @BeforeEach
    void newRouter() {
        grid.cache(PlatformCaches.GUARD_RAILS).clear();
        if (rails != null) rails.close();
        rails = ControlRouter.fromCache(grid.cache(PlatformCaches.GUARD_RAILS));
        router = new ControlRouter(e2, rails,
                grid.cache(E2Caches.CONTROL_LOG), Duration.ofSeconds(30), Duration.ofSeconds(1));
    }


    private static XappDescriptor xapp(String name, int priority, String controls) {
        return DescriptorParser.parse("{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"1.0.0\","
                + "\"vendor\":\"test\",\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"probe\"},\"priority\":" + priority
                + ",\"controls\":[" + controls + "]}", null);
    }

    private static final String TX = "{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}";

    private static ControlRouter.Request txPower(String cell, double dbm) {
        return new ControlRouter.Request(ControlAction.TX_POWER, "gnb:00f110:1/22", cell, dbm,
                RcControlHeader.getDefaultInstance(), RcControlMessage.newBuilder()
                        .setTxPower(TxPowerControl.newBuilder().setTxPowerDbm((float) dbm)).build());
    }

    private ControlOutcome route(XappDescriptor x, ControlRouter.Request r) throws Exception {
        return router.route(x, r).get(5, TimeUnit.SECONDS);
    }

    private List<ControlLogEntry> log(String status) {
        List<ControlLogEntry> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        IgniteCache<Long, ControlLogEntry> c = grid.cache(E2Caches.CONTROL_LOG);
        while (out.isEmpty() && System.nanoTime() < deadline) {
            for (Cache.Entry<Long, ControlLogEntry> e : c.query(new ScanQuery<Long, ControlLogEntry>())) {
                if (e.getValue().status().equals(status)) out.add(e.getValue());
            }
        }
        return out;
    }

    @Test
    void anUndeclaredControlIsRefusedAndLogged() throws Exception {
        XappDescriptor noControls = xapp("quiet-xapp", 50, "");
        ControlOutcome o = route(noControls, txPower("00f110:000004000", 40));
        assertEquals(ControlStatus.REFUSED, o.status());
        assertTrue(o.detail().contains("did not declare the control tx_power"), o.detail());
        assertTrue(sent.isEmpty(), "an undeclared control reached the node");
        assertTrue(log("REFUSED").stream().anyMatch(e -> e.origin().equals("quiet-xapp")));
    }

    @Test
    void aValueOutsideTheDeclaredRangeIsRefused() throws Exception {
        ControlOutcome o = route(xapp("ranged", 50, TX), txPower("00f110:000004000", 50));
        assertEquals(ControlStatus.REFUSED, o.status());
        assertTrue(o.detail().contains("outside the range"), o.detail());
    }

    @Test
    void conflictsGoToTheHigherPriorityAndTheLoserIsToldWhy() throws Exception {
        XappDescriptor low = xapp("low-xapp", 10, TX);
        XappDescriptor high = xapp("high-xapp", 90, TX);
        XappDescriptor peer = xapp("peer-xapp", 10, TX);
        String cell = "00f110:000004001";
        assertEquals(ControlStatus.ACK, route(low, txPower(cell, 40)).status());
        // Equal priority: the holder keeps the parameter for the window.
        ControlOutcome tie = route(peer, txPower(cell, 41));
        assertEquals(ControlStatus.CONFLICT, tie.status());
        assertTrue(tie.detail().contains("held by xApp low-xapp"), tie.detail());
        // Higher priority overrides; then the low one loses.
        assertEquals(ControlStatus.ACK, route(high, txPower(cell, 42)).status());
        ControlOutcome lost = route(low, txPower(cell, 43));
        assertEquals(ControlStatus.CONFLICT, lost.status());
        assertTrue(lost.detail().contains("high-xapp (priority 90, yours 10)"), lost.detail());
        // Another cell is another parameter: no conflict.
        assertEquals(ControlStatus.ACK, route(low, txPower("00f110:000004002", 40)).status());
        assertEquals(List.of("low-xapp:40.0", "high-xapp:42.0", "low-xapp:40.0"), sent);
        assertTrue(log("CONFLICT").size() >= 2);
        assertEquals(2, router.conflicts());
        // A removed xApp holds nothing.
        router.release("high-xapp");
        assertEquals(ControlStatus.ACK, route(peer, txPower(cell, 44)).status());
    }

    private static ControlRouter.Request held(String cell, double dbm, Duration lease) {
        ControlRouter.Request r = txPower(cell, dbm);
        return new ControlRouter.Request(r.action, r.nodeId, r.target, r.value, r.header, r.message, lease.toNanos());
    }

    /** Waits (bounded) until the monotonic clock has moved past a window of this length. */
    private static void pastWindow(Duration window) throws InterruptedException {
        long until = System.nanoTime() + window.toNanos();
        while (System.nanoTime() - until <= 0) Thread.sleep(1);
    }

    @Test
    void aHoldOutlivesTheWindowAgainstLowerPeriodicControlsAndEndsWhenReleased() throws Exception {
        Duration window = Duration.ofMillis(2);
        router = new ControlRouter(e2, rails, grid.cache(E2Caches.CONTROL_LOG), window, Duration.ofSeconds(1));
        XappDescriptor power = xapp("power-periodic", 10, TX);
        XappDescriptor outage = xapp("outage-holder", 60, TX);
        String cell = "00f110:000004011";
        assertEquals(ControlStatus.ACK, route(power, txPower(cell, 40)).status());
        pastWindow(window);
        assertEquals(ControlStatus.ACK, route(outage, held(cell, 46, Duration.ofMinutes(10))).status());
        // The periodic controls of the lower xApp come after the window, every time: the hold keeps the parameter.
        for (int i = 0; i < 3; i++) {
            pastWindow(window);
            ControlOutcome o = route(power, txPower(cell, 40 + i));
            assertEquals(ControlStatus.CONFLICT, o.status());
            assertTrue(o.detail().contains("held by xApp outage-holder (priority 60, yours 10)")
                    && o.detail().contains("a hold: until it is released or its lease ends"), o.detail());
        }
        List<ControlRouter.Held> holds = router.held();
        assertEquals(1, holds.size());
        assertEquals("tx_power@" + cell, holds.get(0).parameter());
        assertTrue(holds.get(0).hold() && holds.get(0).xapp().equals("outage-holder") && holds.get(0).value() == 46.0);
        // Renewed by sending again; the condition ends: released, and the lower xApp sets it at once.
        assertEquals(ControlStatus.ACK, route(outage, held(cell, 46, Duration.ofMinutes(10))).status());
        assertEquals(1, router.release("outage-holder", "gnb:00f110:1/22", cell));
        assertEquals(0, router.release("outage-holder", "gnb:00f110:1/22", cell), "nothing left to release");
        assertEquals(ControlStatus.ACK, route(power, txPower(cell, 41)).status());
        assertEquals(List.of("power-periodic:40.0", "outage-holder:46.0", "outage-holder:46.0", "power-periodic:41.0"), sent);
        assertEquals(3, router.conflicts());
        assertTrue(log("CONFLICT").stream().filter(e -> e.origin().equals("power-periodic")).count() >= 3);
        assertTrue(log("RELEASED").stream().anyMatch(e -> e.origin().equals("outage-holder") && e.action().equals("tx_power " + cell)));
    }

    @Test
    void aHoldEndsWithItsLeaseAndAHigherPriorityTakesItOverOnTheRecord() throws Exception {
        Duration window = Duration.ofMillis(2);
        router = new ControlRouter(e2, rails, grid.cache(E2Caches.CONTROL_LOG), window, Duration.ofSeconds(1));
        XappDescriptor low = xapp("lease-low", 10, TX);
        XappDescriptor mid = xapp("lease-mid", 50, TX);
        XappDescriptor top = xapp("lease-top", 90, TX);
        String cell = "00f110:000004012";
        Duration lease = Duration.ofMillis(50);
        assertEquals(ControlStatus.ACK, route(mid, held(cell, 44, lease)).status());
        pastWindow(lease);
        assertTrue(router.held().isEmpty(), "the lease ended");
        assertEquals(ControlStatus.ACK, route(low, txPower(cell, 40)).status(), "an ended hold holds nothing");
        pastWindow(window);
        assertEquals(ControlStatus.ACK, route(mid, held(cell, 44, Duration.ofMinutes(10))).status());
        assertEquals(ControlStatus.ACK, route(top, txPower(cell, 43)).status(), "a higher priority takes a hold over");
        assertTrue(log("CONFLICT").stream().anyMatch(e -> e.origin().equals("lease-mid")
                && e.detail().contains("taken over by xApp lease-top (priority 90, the holder's 50)")));
        pastWindow(window);
        assertEquals(ControlStatus.ACK, route(mid, txPower(cell, 44)).status(), "the taker held it only for the window");
    }

    @Test
    void guardRailsBindEveryXappWhateverItsPriority() throws Exception {
        IgniteCache<String, GuardRail> rails = grid.cache(PlatformCaches.GUARD_RAILS);
        rails.put("*", new GuardRail(null, 44.0, null, null, null, "operator"));
        rails.put("00f110:000004003", new GuardRail(null, 38.0, null, null, null, "policy-7"));
        XappDescriptor top = xapp("top-xapp", 100, TX);
        // The router reads a local copy kept current by a continuous query: wait until both rails arrived.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (this.rails.check(ControlAction.TX_POWER, "00f110:000004003", 40) == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        ControlOutcome ceiling = route(top, txPower("00f110:000004000", 45));
        assertEquals(ControlStatus.REFUSED, ceiling.status());
        assertTrue(ceiling.detail().contains("Tx power ceiling 44.0 dBm on every cell"), ceiling.detail());
        ControlOutcome local = route(top, txPower("00f110:000004003", 40));
        assertTrue(local.detail().contains("ceiling 38.0 dBm on cell 00f110:000004003 (set by policy-7)"), local.detail());
        assertEquals(ControlStatus.ACK, route(top, txPower("00f110:000004000", 43)).status());
    }

    @Test
    void guardRailsBoundTheA3ParametersXappsSet() throws Exception {
        IgniteCache<String, GuardRail> rails = grid.cache(PlatformCaches.GUARD_RAILS);
        rails.put("*", new GuardRail(null, null, null, null, null, 1.0, 6.0, 160.0, null, "policy-a3"));
        XappDescriptor ho = xapp("ho-xapp", 50, "{\"action\":\"a3_hysteresis\",\"scope\":\"cell\",\"min\":0,\"max\":15},"
                + "{\"action\":\"a3_time_to_trigger\",\"scope\":\"cell\",\"min\":0,\"max\":5120}");
        String cell = "00f110:000004000";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (this.rails.check(ControlAction.A3_HYSTERESIS, cell, 10) == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        ControlOutcome wide = route(ho, a3(ControlAction.A3_HYSTERESIS, cell, 10));
        assertEquals(ControlStatus.REFUSED, wide.status());
        assertTrue(wide.detail().contains("A3 hysteresis ceiling 6.0 dB on every cell (set by policy-a3)"), wide.detail());
        ControlOutcome narrow = route(ho, a3(ControlAction.A3_HYSTERESIS, cell, 0.5));
        assertTrue(narrow.detail().contains("A3 hysteresis floor 1.0 dB"), narrow.detail());
        assertEquals(ControlStatus.ACK, route(ho, a3(ControlAction.A3_HYSTERESIS, cell, 3)).status());
        ControlOutcome fast = route(ho, a3(ControlAction.A3_TIME_TO_TRIGGER, "00f110:000004001", 100));
        assertEquals(ControlStatus.REFUSED, fast.status());
        assertTrue(fast.detail().contains("A3 time to trigger floor 160.0 ms on every cell"), fast.detail());
        assertEquals(ControlStatus.ACK, route(ho, a3(ControlAction.A3_TIME_TO_TRIGGER, "00f110:000004001", 5120)).status(),
                "no ceiling on the time to trigger");
    }

    @Test
    void theDescriptorAndGuardRailsBoundTheInterFrequencyControlsBothThresholdsIncluded() throws Exception {
        IgniteCache<String, GuardRail> rails = grid.cache(PlatformCaches.GUARD_RAILS);
        rails.put("*", new GuardRail(null, null, null, null, null, null, null, null, null, 6.0, -120.0, -90.0, "policy-if"));
        XappDescriptor lb = xapp("lb-xapp", 50, "{\"action\":\"inter_frequency_offset\",\"scope\":\"cell\",\"min\":-10,\"max\":10},"
                + "{\"action\":\"inter_frequency_threshold\",\"scope\":\"cell\",\"min\":-140,\"max\":-40}");
        String cell = "00f110:000004000";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (this.rails.check(ControlAction.INTER_FREQUENCY_OFFSET, cell, 8) == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        ControlOutcome railed = route(lb, offset(cell, 8));
        assertEquals(ControlStatus.REFUSED, railed.status());
        assertTrue(railed.detail().contains("guard rail: inter-frequency offset limit +/-6.0 dB on every cell (set by policy-if)"),
                railed.detail());
        ControlOutcome declared = route(lb, offset(cell, 12));
        assertTrue(declared.detail().contains("inter_frequency_offset 12.0 is outside the range the descriptor declares (-10.0..10.0)"),
                declared.detail());
        assertEquals(ControlStatus.ACK, route(lb, offset(cell, -5)).status());
        // threshold 1 is bounded too: by the descriptor, then by the rail
        ControlOutcome t1 = route(lb, thresholds(cell, -150, -100));
        assertEquals(ControlStatus.REFUSED, t1.status());
        assertTrue(t1.detail().contains("inter_frequency_threshold -150.0 is outside the range"), t1.detail());
        ControlOutcome t1Rail = route(lb, thresholds(cell, -130, -100));
        assertTrue(t1Rail.detail().contains("inter-frequency threshold floor -120.0 dBm on every cell"), t1Rail.detail());
        ControlOutcome t2Rail = route(lb, thresholds(cell, -100, -80));
        assertTrue(t2Rail.detail().contains("inter-frequency threshold ceiling -90.0 dBm"), t2Rail.detail());
        assertEquals(ControlStatus.ACK, route(lb, thresholds(cell, 0, -100)).status(), "threshold 1 >= 0 is A4: no threshold 1 to bound");
        assertEquals(ControlStatus.ACK, route(lb, thresholds(cell, -110, -95)).status());
    }

    private static ControlRouter.Request offset(String cell, double db) {
        return new ControlRouter.Request(ControlAction.INTER_FREQUENCY_OFFSET, "gnb:00f110:1/22", cell, db, RcControlHeader.getDefaultInstance(),
                RcControlMessage.newBuilder().setInterFrequency(io.jric.proto.e2sm.rc.v1.InterFrequencyControl.newBuilder()
                        .setNrArfcn(633333).setFrequencyOffsetDb((float) db)).build());
    }

    private static ControlRouter.Request thresholds(String cell, double t1, double t2) {
        return new ControlRouter.Request(ControlAction.INTER_FREQUENCY_THRESHOLD, "gnb:00f110:1/22", cell, t2, RcControlHeader.getDefaultInstance(),
                RcControlMessage.newBuilder().setInterFrequency(io.jric.proto.e2sm.rc.v1.InterFrequencyControl.newBuilder()
                        .setThreshold1Dbm((float) t1).setThreshold2Dbm((float) t2)).build());
    }

    private static ControlRouter.Request a3(ControlAction action, String cell, double value) {
        RcControlMessage m = action == ControlAction.A3_HYSTERESIS
                ? RcControlMessage.newBuilder().setA3Hysteresis(A3HysteresisControl.newBuilder().setHysteresisDb((float) value)).build()
                : RcControlMessage.newBuilder().setA3TimeToTrigger(A3TimeToTriggerControl.newBuilder()
                        .setTimeToTriggerMs((int) value)).build();
        return new ControlRouter.Request(action, "gnb:00f110:1/22", cell, value, RcControlHeader.getDefaultInstance(), m);
    }
}
