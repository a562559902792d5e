package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.cache.affinity.Affinity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two-cell experience rows in a real grid (docs/ml-lifecycle.md, "Two-cell outcomes"): the outcome holds the declared
 * KPIs of the row's cell and of its peer over the same horizon; OK only once both reported past it; a silent peer
 * closes PARTIAL (or NO_DATA with a silent cell too) after the grace; bad peers refused naming the field; with two grid
 * nodes a peer whose series lives on the other node is read there and counted, one on the same node is read locally.
 */
class ExperiencePairTest {
    private static final String NODE = "gnb:00f110:1/22";
    private static final long T0 = 1_700_000_000_000L;
    private static RicGrid grid;

    @BeforeAll
    static void startGrid() throws IOException {
        grid = RicGrid.start(settings("experience-pair").build());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    private static GridSettings.Builder settings(String name) throws IOException {
        return GridSettings.builder().instanceName(name + "-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-experience-pair")).dataRegionBytes(128L << 20)
                .kpmRegionBytes(128L << 20).exitOnFailure(false).backups(0);
    }


    private static XappDescriptor xapp(String name, long horizonMs, ExperienceSpec.Scope scope, String... outcome) {
        return XappDescriptor.builder(name, "1.0.0", "test", new Entry(name, null))
                .experience(new ExperienceSpec(horizonMs, List.of(outcome), scope, 1000)).build();
    }

    private static void sample(RicGrid g, String node, String cell, long ts, float prb, float rlf) {
        g.<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES).put(new CellSampleKey(node, cell, ts),
                new CellKpi().nodeId(node).cellId(cell).timestampMs(ts).prbUsedDlPct(prb).rlfCount((int) rlf));
    }

    private static void latest(RicGrid g, String node, String cell, long ts) {
        g.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(node, cell), new CellKpi().nodeId(node).cellId(cell).timestampMs(ts));
    }

    @Test
    void rowsOfSeveralPartitionsWithPeersInOneOtherPartitionReadItOnceARound() {
        String peerNode = "gnb:00f110:7/22";
        String peerCell = "00f110:000007001";
        Affinity<Object> aff = grid.ignite().affinity(KpmCaches.CELL_SERIES);
        int peerPart = aff.partition(new CellSampleKey(peerNode, "", 0));
        java.util.Set<Integer> parts = new java.util.HashSet<>();
        java.util.List<String> nodes = new java.util.ArrayList<>();
        for (int n = 10; nodes.size() < 3; n++) {  // three E2 nodes in three partitions, none the peer's
            String node = "gnb:00f110:" + n + "/22";
            int p = aff.partition(new CellSampleKey(node, "", 0));
            if (p != peerPart && parts.add(p)) nodes.add(node);
        }
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("pair-once", 2000, ExperienceSpec.Scope.CELL, "prbUsedDlPct");
            long now = System.currentTimeMillis();
            for (int i = 0; i < nodes.size(); i++) {
                String cell = "00f110:00000800" + i;
                store.recordPair(d, T0 + i, nodes.get(i), cell, peerNode, peerCell, Map.of("x", 1.0), Map.of("y", 1.0), now);
                sample(grid, nodes.get(i), cell, T0 + 1000, 10 * (i + 1), 0);
                latest(grid, nodes.get(i), cell, T0 + 5000);
            }
            sample(grid, peerNode, peerCell, T0 + 1500, 77, 0);
            latest(grid, peerNode, peerCell, T0 + 5000);
            long scans = store.peerPartitionScans();
            assertEquals(3, store.attach(now + 10));
            assertEquals(scans + 1, store.peerPartitionScans(), "the peers' partition read once for the three rows");
            for (ExperienceRow r : store.rows("pair-once", 0, Long.MAX_VALUE, 10).rows) {
                assertEquals(ExperienceRow.OK, r.outcomeStatus(), r.toString());
                assertEquals(77, r.outcomeValues()[1], 1e-6, "the peer's KPI");
            }
        }
    }

    @Test
    void aTwoCellRowGetsBothCellsKpisOnceBothReportedPastTheHorizon() {
        String from = "00f110:000005011";
        String to = "00f110:000005012";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("pair-ok", 3000, ExperienceSpec.Scope.CELL, "prbUsedDlPct", "rlfCount");
            long now = System.currentTimeMillis();
            long id = store.recordPair(d, T0, NODE, to, NODE, from, Map.of("prbUsedDlPct", 40.0, "peer.prbUsedDlPct", 90.0),
                    Map.of("cioDb", 2.0, "cioChangeDb", 2.0), now);
            assertNotEquals(ExperienceRecorder.NOT_RECORDED, id);
            for (int i = 1; i <= 3; i++) {
                sample(grid, NODE, to, T0 + i * 1000L, 40 + 10 * i, 0);      // 50, 60, 70: load moved in
                sample(grid, NODE, from, T0 + i * 1000L, 90 - 10 * i, i);    // 80, 70, 60: and out; 6 RLFs
            }
            sample(grid, NODE, from, T0 + 4000, 0, 100);                    // past the horizon: not counted
            latest(grid, NODE, to, T0 + 3000);
            latest(grid, NODE, from, T0 + 2000);
            assertEquals(0, store.attach(now + 10), "the peer has not reported past the horizon yet");
            latest(grid, NODE, from, T0 + 4000);
            assertEquals(1, store.attach(now + 10));
            ExperienceRow r = store.rows("pair-ok", 0, Long.MAX_VALUE, 10).rows.get(0);
            assertEquals(ExperienceRow.OK, r.outcomeStatus());
            assertEquals(NODE, r.peerNodeId());
            assertEquals(from, r.peerCellId());
            assertEquals(to, r.cellId());
            assertEquals(0, r.ueId());
            assertArrayEquals(new String[] {"prbUsedDlPct", "rlfCount", "peer.prbUsedDlPct", "peer.rlfCount"}, r.outcomeNames());
            assertArrayEquals(new double[] {60, 0, 70, 6}, r.outcomeValues(), 1e-6, "load averaged, RLFs summed, each cell its own");
            assertEquals(3, r.outcomeSamples());
            assertEquals(3, r.peerOutcomeSamples());
            Map<String, Long> stats = store.stats("pair-ok").view();
            assertEquals(1, stats.get("peerReads.local"), stats.toString());
            assertEquals(0, stats.get("peerReads.remote"), stats.toString());
            assertNull(grid.cache(PlatformCaches.EXPERIENCE_PENDING).get(new ExperienceKey(NODE, "pair-ok", id)));
        }
    }

    @Test
    void aSilentPeerClosesPartialAndTwoSilentCellsNoDataAfterTheGrace() {
        String cell = "00f110:000005021";
        String silentPeer = "00f110:000005022";
        String silentCell = "00f110:000005023";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("pair-late", 2000, ExperienceSpec.Scope.CELL, "prbUsedDlPct");
            long now = System.currentTimeMillis();
            store.recordPair(d, T0, NODE, cell, NODE, silentPeer, Map.of("x", 1.0), Map.of("cioDb", 2.0), now);
            store.recordPair(d, T0 + 1, NODE, silentCell, "gnb:00f110:2/22", silentPeer, Map.of("x", 2.0), Map.of("cioDb", 2.0), now);
            sample(grid, NODE, cell, T0 + 1000, 30, 0);
            sample(grid, NODE, cell, T0 + 2000, 50, 0);
            latest(grid, NODE, cell, T0 + 5000);
            long deadline = now + 2000 + ExperienceStore.GRACE_MS;
            assertEquals(0, store.attach(deadline - 1), "the cell reported past the horizon but the peer did not: waits");
            assertEquals(2, store.attach(deadline));
            List<ExperienceRow> rows = store.rows("pair-late", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(ExperienceRow.PARTIAL, rows.get(0).outcomeStatus());
            assertEquals(40, rows.get(0).outcomeValues()[0], 1e-6);
            assertTrue(Double.isNaN(rows.get(0).outcomeValues()[1]), "no peer value without peer samples");
            assertEquals(2, rows.get(0).outcomeSamples());
            assertEquals(0, rows.get(0).peerOutcomeSamples());
            assertEquals(ExperienceRow.NO_DATA, rows.get(1).outcomeStatus());
            assertNull(rows.get(1).outcomeValues());
        }
    }

    @Test
    void badPeersAreRefusedNamingTheFieldAndNothingIsKept() {
        String cell = "00f110:000005031";
        try (ExperienceStore store = new ExperienceStore(grid, 0)) {
            XappDescriptor d = xapp("pair-bad", 2000, ExperienceSpec.Scope.CELL, "prbUsedDlPct");
            XappDescriptor ue = xapp("pair-ue", 2000, ExperienceSpec.Scope.UE, "prbUsedDlPct");
            long now = System.currentTimeMillis();
            Map<String, Double> f = Map.of("x", 1.0);
            String[][] bad = {
                {NODE, cell, "peerCellId: " + cell + " (expected: another cell"},
                {"", "00f110:000005032", "peerNodeId: "},
                {null, "00f110:000005032", "peerNodeId: null"},
                {NODE, "not-a-cell", "peerCellId: not-a-cell"},
                {NODE, null, "peerCellId: null"},
            };
            for (String[] b : bad) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> store.recordPair(d, T0, NODE, cell, b[0], b[1], f, Map.of(), now));
                assertTrue(e.getMessage().startsWith(b[2]), e.getMessage());
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.recordPair(ue, T0, NODE, cell, NODE, "00f110:000005032", f, Map.of(), now));
            assertTrue(e.getMessage().contains("experience scope cell"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> store.recordPair(d, T0, NODE, cell, NODE, "00f110:000005032", Map.of("x", Double.NaN), Map.of(), now));
            assertTrue(e.getMessage().startsWith("features.x: NaN"), e.getMessage());
            assertEquals(0, store.rows("pair-bad", 0, Long.MAX_VALUE, 10).rows.size(), "nothing kept");
            assertEquals(0, store.stats("pair-bad").view().get("recorded"));
        }
    }

    @Test
    void withTwoGridNodesAPeerOnTheOtherNodeIsReadThereAndCountedTheSameNodeCaseStaysLocal() throws Exception {
        int pa = FreePorts.pair();
        int pb = FreePorts.pair();
        List<String> addresses = List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb);
        try (RicGrid a = RicGrid.start(settings("pair-a").discoveryPort(pa).addresses(addresses).build());
             RicGrid b = RicGrid.start(settings("pair-b").discoveryPort(pb).addresses(addresses).build());
             ExperienceStore sa = new ExperienceStore(a, 0);
             ExperienceStore sb = new ExperienceStore(b, 0)) {
            Affinity<Object> aff = a.ignite().affinity(PlatformCaches.EXPERIENCE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((aff.primaryPartitions(a.ignite().cluster().localNode()).length == 0
                    || aff.primaryPartitions(b.ignite().cluster().localNode()).length == 0) && System.nanoTime() < deadline) {
                Thread.sleep(50);  // late affinity assignment: the joining node becomes primary after rebalancing
            }
            // E2 node ids whose rows and series live on a, and on b
            String onA = null;
            String onA2 = null;
            String onB = null;
            for (int n = 0; n < 200 && (onA == null || onA2 == null || onB == null); n++) {
                String node = "gnb:00f110:" + Integer.toHexString(300 + n) + "/22";
                boolean primaryOnA = aff.isPrimary(a.ignite().cluster().localNode(), new ExperienceKey(node, "x", 1));
                if (primaryOnA && onA == null) onA = node;
                else if (primaryOnA && onA2 == null) onA2 = node;
                else if (!primaryOnA && onB == null) onB = node;
            }
            assertTrue(onA != null && onA2 != null && onB != null, "E2 node ids on both grid nodes");
            String cell = "00f110:000006001";
            String peer = "00f110:000006002";
            XappDescriptor d = xapp("pair-two", 2000, ExperienceSpec.Scope.CELL, "prbUsedDlPct");
            long now = System.currentTimeMillis();
            sa.recordPair(d, T0, onA, cell, onB, peer, Map.of("x", 1.0), Map.of("cioDb", 2.0), now);   // peer's series on b
            sa.recordPair(d, T0, onA2, cell, onA, peer, Map.of("x", 2.0), Map.of("cioDb", 2.0), now);  // another E2 node, same grid node
            for (String node : List.of(onA, onA2, onB)) {
                float load = node.equals(onA) ? 10 : node.equals(onA2) ? 20 : 30;
                for (String c : List.of(cell, peer)) {
                    sample(a, node, c, T0 + 1000, load + (c.equals(peer) ? 1 : 0), 0);
                    sample(a, node, c, T0 + 2000, load + (c.equals(peer) ? 1 : 0), 0);
                    latest(a, node, c, T0 + 2000);
                }
            }
            assertEquals(0, sb.attach(now), "b is primary for neither row");
            assertEquals(2, sa.attach(now));
            List<ExperienceRow> rows = sa.rows("pair-two", 0, Long.MAX_VALUE, 10).rows;
            assertEquals(2, rows.size());
            for (ExperienceRow r : rows) {
                assertEquals(ExperienceRow.OK, r.outcomeStatus(), r.toString());
                boolean crossing = r.peerNodeId().equals(onB);
                assertEquals(crossing ? 10 : 20, r.outcomeValues()[0], 1e-6, "the row's own cell");
                assertEquals(crossing ? 31 : 11, r.outcomeValues()[1], 1e-6, "the peer's, read where it lives");
                assertEquals(2, r.peerOutcomeSamples());
            }
            Map<String, Long> stats = sa.stats("pair-two").view();
            assertEquals(1, stats.get("peerReads.remote"), "the peer on b read over the network: " + stats);
            assertEquals(1, stats.get("peerReads.local"), "the peer on another E2 node of a read locally: " + stats);
        }
    }
}
