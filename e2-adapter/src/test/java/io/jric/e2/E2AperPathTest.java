package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.jric.sim.E2Encoding;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.Test;

/**
 * The simulator speaking APER (ConnectAper, E2AP v03.01 and the E2SM payloads in APER) against the
 * RIC: the records in the grid are exactly those the protobuf path makes from the same simulated RAN,
 * controls work, and the node record says how the node speaks.
 */
class E2AperPathTest {

    /** One RIC and one simulator run for a few manual ticks; the grid's latest cell and UE records, by key. */
    private static final class Run implements AutoCloseable {
        final RicGrid grid = TestGrids.start();
        final E2Termination e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build());
        final KpmCollector collector = KpmCollector.start(e2, 100);
        final RanSimulator sim;
        final E2Encoding encoding;

        Run(E2Encoding encoding, String kpmVersion) {
            this.encoding = encoding;
            sim = new RanSimulator(SimConfig.builder().seed(42).gnbs(2).cellsPerGnb(3).ues(40).tickMs(100).build(),
                    RanSimulator.Options.builder().e2Encoding(encoding).kpmVersion(kpmVersion).build());
            for (E2NodeAgent a : sim.agents()) a.connect("127.0.0.1", e2.port());
            Await.until(() -> e2.subscriptionService().subscriptions().size() == sim.agents().size()
                    && sim.agents().stream().allMatch(a -> a.activeSubscriptions() == 1), "every node subscribed");
        }

        void ticks(int n) {
            for (int i = 0; i < n; i++) {
                long before = e2.stats().indicationsQueued();
                sim.runTicks(1);
                // every node reports once per tick: protobuf one indication with its cells and UEs; APER one
                // E2SM-KPM indication per cell and one with the UEs (the simulation is seeded: every node has UEs)
                long expected = encoding == E2Encoding.APER ? sim.agents().size() * (3 + 1) : sim.agents().size();
                Await.until(() -> e2.stats().indicationsQueued() >= before + expected, "the tick's indications (" + stats() + ")");
                try {
                    assertTrue(e2.flush(10_000));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }

        String stats() {
            E2Stats s = e2.stats();
            return "indications " + s.indications() + ", records decoded " + s.recordsDecoded() + ", decode errors "
                    + s.decodeErrors() + ", APER decode failures " + s.aperDecodeFailures() + ", error indications sent "
                    + s.errorIndicationsSent() + ", undeclared-cell records " + s.undeclaredCellRecords()
                    + ", node problems " + sim.agents().get(0).e2Problems();
        }

        Map<String, String> snapshot() throws IllegalAccessException {
            Map<String, String> out = new TreeMap<>();
            for (Cache.Entry<CellKey, CellKpi> e : grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).query(new ScanQuery<CellKey, CellKpi>())) {
                out.put("cell " + e.getKey().nodeId() + "/" + e.getKey().cellId(), fields(e.getValue()));
            }
            for (Cache.Entry<Long, UeKpi> e : grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).query(new ScanQuery<Long, UeKpi>())) {
                out.put("ue " + e.getKey(), fields(e.getValue()));
            }
            return out;
        }

        @Override
        public void close() {
            sim.close();
            collector.close();
            e2.close();
            grid.close();
        }
    }

    /**
     * Every field but the time the RIC received it and the collection time (the simulated clock starts at
     * each run's wall-clock time; both runs report the same ticks).
     */
    private static String fields(Object o) throws IllegalAccessException {
        StringBuilder b = new StringBuilder();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().toLowerCase().contains("receivedat")
                    || f.getName().equals("timestampMs")) continue;
            f.setAccessible(true);
            Object v = f.get(o);
            String text = v instanceof Object[] a ? java.util.Arrays.deepToString(a)
                    : v instanceof float[] fa ? java.util.Arrays.toString(fa) : String.valueOf(v);
            b.append(f.getName()).append('=').append(text).append(' ');
        }
        return b.toString();
    }

    @Test
    void kpmOverAperLandsInTheGridAsExactlyTheRecordsOfTheProtobufPath() throws Exception {
        Map<String, String> viaProtobuf;
        try (Run run = new Run(E2Encoding.PROTOBUF, "v03.00")) {
            run.ticks(3);
            viaProtobuf = run.snapshot();
        }
        Map<String, String> viaAper;
        try (Run run = new Run(E2Encoding.APER, "v03.00")) {
            run.ticks(3);
            viaAper = run.snapshot();
            assertEquals(0, run.e2.stats().aperDecodeFailures());
            assertEquals(0, run.e2.stats().errorIndicationsSent());
        }
        assertTrue(viaProtobuf.size() > 6, "cells and UEs in the grid: " + viaProtobuf.size());
        assertEquals(viaProtobuf.keySet(), viaAper.keySet(), "the same cells and UEs");
        for (String k : viaProtobuf.keySet()) assertEquals(viaProtobuf.get(k), viaAper.get(k), k);
    }

    @Test
    void aKpmV2NodeIsReadToo() throws Exception {
        try (Run run = new Run(E2Encoding.APER, "v02.03")) {
            run.ticks(2);
            assertTrue(run.snapshot().size() > 6);
            assertEquals(0, run.e2.stats().aperDecodeFailures());
        }
    }

    @Test
    void controlsOverAperReachTheNodeAndTheNodeRecordSaysHowItSpeaks() throws Exception {
        try (Run run = new Run(E2Encoding.APER, "v03.00")) {
            run.ticks(1);
            String nodeId = run.sim.model().nodeId(1);
            String cellId = run.sim.model().cellIds(1).get(0);
            ControlOutcome o = run.e2.controlService().control(nodeId,
                    RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build(),
                    RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                            .setCell(E2Ids.parseCellId(cellId)).setTxPowerDbm(30f)).build(),
                    Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertEquals(ControlStatus.ACK, o.status(), o.detail());
            assertEquals(30.0, run.sim.model().txPower(cellId), 1e-9);

            // a handover (E2SM-RC style 3 action 1) of a UE served by node 1 to another of its cells
            run.ticks(1);
            UeKpi ue = null;
            for (Cache.Entry<Long, UeKpi> e : run.grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).query(new ScanQuery<Long, UeKpi>())) {
                if (e.getValue().nodeId().equals(nodeId)) { ue = e.getValue(); break; }
            }
            assertTrue(ue != null, "a UE of " + nodeId);
            String target = run.sim.model().cellIds(1).stream().filter(c -> !c.equals(
                    run.grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).get(run.grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST)
                            .query(new ScanQuery<Long, UeKpi>()).getAll().stream().filter(x -> x.getValue().nodeId().equals(nodeId))
                            .findFirst().get().getKey()).servingCellId())).findFirst().get();
            long ueId = run.grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).query(new ScanQuery<Long, UeKpi>()).getAll().stream()
                    .filter(x -> x.getValue().nodeId().equals(nodeId)).findFirst().get().getKey();
            ControlOutcome ho = run.e2.controlService().control(nodeId,
                    RcControlHeader.newBuilder().setRicStyleType(3).setControlActionId(1).setUeId(ueId).build(),
                    RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder().setUeId(ueId)
                            .setTargetCell(E2Ids.parseCellId(target))).build(),
                    Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            assertTrue(ho.status() == ControlStatus.ACK || ho.status() == ControlStatus.FAILURE,
                    "the node answered the handover: " + ho.status() + " " + ho.detail());

            E2NodeInfo info = run.e2.nodeService().nodes().stream().filter(n -> n.nodeId().equals(nodeId)).findFirst().get();
            assertTrue(info.transport().startsWith("E2AP v03.01 APER over gRPC"), info.transport());
            for (RanFunctionInfo f : info.ranFunctions()) {
                System.out.println(nodeId + " RAN function " + f.ranFunctionId() + ": " + f.serviceModelVersion());
            }
        }
    }
}
