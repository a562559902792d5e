package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.UeSampleKey;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.ignite.cache.CachePeekMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two RIC processes' grid nodes (in one JVM): the xApp records on one, the UE's reports arrive at the other's ingest,
 * the row lives on whichever grid node the affinity function gives its E2 node. The watch reaches the ingest's process
 * (its in-memory mirror), the reports are written into the row's partition, the outcome task of the row's grid node
 * attaches the UE's figures from its local scan, and the watch ends on both processes when the row closes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UeOutcomesClusterTest {
    private static final long T0 = 1_700_000_000_000L;


    private static RicGrid start(String name, int discovery, List<String> addresses) throws IOException {
        return RicGrid.start(GridSettings.builder().instanceName(name + "-" + ProcessHandle.current().pid())
                .discoveryPort(discovery).discoveryPortRange(1).communicationPort(FreePorts.pair()).addresses(addresses)
                .workDir(Files.createTempDirectory("jric-ue-cluster")).dataRegionBytes(96L << 20)
                .kpmRegionBytes(96L << 20).mlRegionBytes(96L << 20).exitOnFailure(false).backups(0).build());
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void theWatchReachesTheIngestingProcessAndTheReportsTheRowsPartition() throws Exception {
        int pa = FreePorts.pair();
        int pb = FreePorts.pair();
        try (RicGrid a = start("ue-cluster-a", pa, List.of("127.0.0.1:" + pa));
             RicGrid b = start("ue-cluster-b", pb, List.of("127.0.0.1:" + pa, "127.0.0.1:" + pb))) {
            await(() -> a.serverCount() == 2 && b.serverCount() == 2, "two grid nodes");
            // An E2 node whose rows live on b: the xApp (on a) writes its row there, as every grid write goes.
            String node = null;
            for (int i = 1; node == null; i++) {
                String n = "gnb:00f110:" + i + "/22";
                if (b.ignite().affinity(PlatformCaches.EXPERIENCE).isPrimary(b.ignite().cluster().localNode(),
                        new ExperienceKey(n, "x", 1))) {
                    node = n;
                }
            }
            String cell = "00f110:000005001";
            XappDescriptor d = XappDescriptor.builder("ue-cluster", "1.0.0", "test", new Entry("ue-cluster", null))
                    .experience(new ExperienceSpec(3000, List.of("ue.sinrDb", "ue.cellChanges"), ExperienceSpec.Scope.UE, 100))
                    .build();
            try (ExperienceStore onA = new ExperienceStore(a, 0); ExperienceStore onB = new ExperienceStore(b, 0)) {
                long now = System.currentTimeMillis();
                onA.record(d, T0, node, cell, 500, Map.of("x", 1.0), Map.of(), now);
                UeOutcomes ingestB = UeOutcomes.of(b);
                await(() -> ingestB.watched(500), "the watch mirrored on the ingesting process");
                for (int i = 1; i <= 3; i++) {
                    UeKpi u = new UeKpi().ueId(500).nodeId(node).timestampMs(T0 + i * 1000L).sinrDb(2 * i)
                            .servingCellId(i == 3 ? "00f110:000005002" : cell);
                    ingestB.offer(Map.of(500L, u));
                }
                UeSampleKey k = new UeSampleKey(node, 500, T0 + 2000);
                assertNotNull(b.ignite().cache(PlatformCaches.UE_SERIES).localPeek(k, CachePeekMode.PRIMARY),
                        "the report is in the row's partition, on b");
                a.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(node, cell),
                        new CellKpi().nodeId(node).cellId(cell).timestampMs(T0 + 3000));
                assertEquals(0, onA.attach(now + 10), "a is not primary for the row's partition");
                assertEquals(1, onB.attach(now + 10));
                List<ExperienceRow> rows = onA.rows("ue-cluster", 0, Long.MAX_VALUE, 10).rows;
                assertEquals(ExperienceRow.OK, rows.get(0).outcomeStatus());
                assertEquals(3, rows.get(0).outcomeSamples());
                assertArrayEquals(new double[] {4, 1}, rows.get(0).outcomeValues(), 1e-6);
                await(() -> !UeOutcomes.of(a).watched(500) && !ingestB.watched(500), "the watch ended on both processes");
            }
        }
    }
}
