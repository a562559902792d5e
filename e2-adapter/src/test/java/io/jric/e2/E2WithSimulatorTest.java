package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.PeriodCursor;
import io.jric.sim.RanModel;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RIC against the RAN simulator over real gRPC on loopback: data in the grid, control, reconnect. */
class E2WithSimulatorTest {
    private RicGrid grid;
    private E2Termination e2;
    private KpmCollector collector;
    private RanSimulator sim;

    @BeforeEach
    void start() {
        grid = TestGrids.start();
        e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build());
        collector = KpmCollector.start(e2, 100);
        sim = new RanSimulator(SimConfig.builder().seed(42).gnbs(2).cellsPerGnb(3).ues(40).tickMs(100).build());
        // Manual clock: the test decides when the RAN advances, so it knows exactly what was reported.
        for (E2NodeAgent a : sim.agents()) a.connect("127.0.0.1", e2.port());
    }

    @AfterEach
    void stop() {
        sim.close();
        collector.close();
        e2.close();
        grid.close();
    }

    private void awaitSubscribed() {
        Await.until(() -> sim.agents().stream().allMatch(a -> a.activeSubscriptions() == 1)
                && e2.subscriptionService().subscriptions().size() == sim.agents().size(), "every node subscribed");
    }

    /** Advances one tick and waits until each node's report is in the grid. */
    private void tickAndIngest() throws InterruptedException {
        long before = e2.stats().indicationsQueued();
        sim.runTicks(1);
        Await.until(() -> e2.stats().indicationsQueued() >= before + sim.agents().size(), "one indication per node");
        assertTrue(e2.flush(10_000));
    }

    @Test
    void subscribedIndicationsLandInTheGridWithTheValuesTheSimulatorSent() throws Exception {
        awaitSubscribed();
        RanModel model = sim.model();
        PeriodCursor mine = model.newCursor();
        tickAndIngest();
        IgniteCache<CellKey, CellKpi> cells = grid.cache(KpmCaches.CELL_LATEST);
        IgniteCache<Long, UeKpi> ues = grid.cache(KpmCaches.UE_LATEST);
        int uesChecked = 0;
        for (int g = 0; g < model.gnbCount(); g++) {
            String nodeId = model.nodeId(g);
            KpmIndicationMessage sent = model.indication(mine, model.cellIds(g), true);
            for (CellMeasurement c : sent.getCellsList()) {
                CellKpi kpi = cells.get(new CellKey(nodeId, E2Ids.cellId(c.getCell())));
                assertEquals(c.getPrbUsedDlPct(), kpi.prbUsedDlPct(), "PRB DL of " + kpi.cellId());
                assertEquals(c.getThroughputDlMbps(), kpi.throughputDlMbps(), "DL throughput of " + kpi.cellId());
                assertEquals(c.getActiveUes(), kpi.activeUes(), "active UEs of " + kpi.cellId());
                assertEquals(c.getTxPowerDbm(), kpi.txPowerDbm(), "Tx power of " + kpi.cellId());
                assertEquals(c.getEnergyWh(), kpi.energyWh(), "energy of " + kpi.cellId());
            }
            for (UeMeasurement u : sent.getUesList()) {
                UeKpi kpi = ues.get(u.getUeId());
                assertEquals(E2Ids.cellId(u.getServingCell()), kpi.servingCellId());
                assertEquals(u.getRsrpDbm(), kpi.rsrpDbm(), "RSRP of UE " + u.getUeId());
                assertEquals(u.getSinrDb(), kpi.sinrDb(), "SINR of UE " + u.getUeId());
                assertEquals(u.getNeighboursCount(), kpi.neighbourCellIds().length);
                uesChecked++;
            }
        }
        assertTrue(uesChecked > 0, "no UE reported");
        assertEquals(6, cells.size());
        assertEquals(0, e2.stats().errorIndicationsSent());
    }

    @Test
    void aTxPowerControlChangesWhatTheSimulatorReports() throws Exception {
        awaitSubscribed();
        tickAndIngest();
        RanModel model = sim.model();
        String nodeId = model.nodeId(1);
        String cellId = model.cellIds(1).get(0);
        CellKey key = new CellKey(nodeId, cellId);
        CellKpi before = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).get(key);
        assertEquals(43f, before.txPowerDbm());

        ControlOutcome o = e2.controlService().control(nodeId,
                RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build(),
                RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                        .setCell(E2Ids.parseCellId(cellId)).setTxPowerDbm(30f)).build(),
                Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals(ControlStatus.ACK, o.status(), o.detail());
        assertEquals(30.0, RcControlOutcome.parseFrom(o.outcome()).getValueAfter(), 1e-9);

        tickAndIngest();
        CellKpi after = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).get(key);
        assertEquals(30f, after.txPowerDbm());
        assertTrue(after.timestampMs() > before.timestampMs());

        ControlOutcome bad = e2.controlService().control(nodeId,
                RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build(),
                RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                        .setCell(E2Ids.parseCellId(cellId)).setTxPowerDbm(99f)).build(),
                Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertEquals(ControlStatus.FAILURE, bad.status());
        assertEquals(30.0, model.txPower(cellId), 1e-9, "a refused control changed the cell");
    }

    @Test
    void unsubscribingDeletesOnTheNodeAndForgetsTheSubscription() throws Exception {
        awaitSubscribed();
        E2NodeAgent agent = sim.agents().get(1);
        var sub = e2.subscriptionService().subscriptions().stream()
                .filter(s -> s.nodeId().equals(agent.nodeId())).findFirst().orElseThrow();
        e2.subscriptionService().unsubscribe(sub.subscriptionId()).get(10, TimeUnit.SECONDS);
        assertEquals(0, agent.activeSubscriptions(), "the node still reports");
        assertTrue(e2.subscriptionService().subscriptions().stream().noneMatch(s -> s.nodeId().equals(agent.nodeId())));
        assertEquals(null, grid.cache(io.jric.api.e2.E2Caches.SUBSCRIPTIONS).get(sub.subscriptionId()));
        var again = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> e2.subscriptionService().unsubscribe(sub.subscriptionId()).get(10, TimeUnit.SECONDS));
        assertTrue(again.getCause().getMessage().contains("no such subscription"), again.getCause().getMessage());
        // The other node still reports into the grid.
        long before = e2.stats().indications();
        sim.runTicks(1);
        Await.until(() -> e2.stats().indications() > before, "the other node's report");
        assertEquals(0, e2.stats().errorIndicationsSent());
    }

    @Test
    void aNodeThatReconnectsGetsItsSubscriptionsBack() throws Exception {
        awaitSubscribed();
        tickAndIngest();
        E2NodeAgent old = sim.agents().get(0);
        String nodeId = old.nodeId();
        long subscriptionsBefore = e2.subscriptionService().subscriptions().size();
        old.close();
        Await.until(() -> !e2.nodeService().node(nodeId).orElseThrow().connected(), "node marked disconnected");

        // The same gNB comes back on a new association; nobody asks for a subscription.
        try (E2NodeAgent again = new E2NodeAgent(sim.model(), 0)) {
            again.connect("127.0.0.1", e2.port());
            Await.until(() -> again.activeSubscriptions() == 1, "subscription re-established on the new association");
            assertTrue(e2.nodeService().node(nodeId).orElseThrow().connected());
            assertEquals(subscriptionsBefore, e2.subscriptionService().subscriptions().size(), "collector subscribed twice");
            assertTrue(e2.stats().resubscriptions() >= 1);

            long sentBefore = again.indicationsSent();
            sim.model().step();
            again.onSimTime(sim.model().timeMs());
            Await.until(() -> again.indicationsSent() > sentBefore, "reports on the new association");
            String cellId = sim.model().cellIds(0).get(0);
            long ts = again.indicationsSent();
            assertTrue(ts > 0);
            assertTrue(e2.flush(10_000));
            Await.until(() -> grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).get(new CellKey(nodeId, cellId)) != null,
                    "data from the reconnected node");
            assertEquals(0, e2.stats().errorIndicationsSent(), "indications after reconnect were refused");
        }
    }
}

