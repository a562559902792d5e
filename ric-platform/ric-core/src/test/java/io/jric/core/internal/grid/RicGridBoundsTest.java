package io.jric.core.internal.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteState;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The grid is bounded by design (issue 13): no unauthenticated connectors by default, KPM telemetry
 * evicted before its region fills, and a failed grid node never leaves a zombie process.
 */
class RicGridBoundsTest {

    private static GridSettings.Builder settings(String name) throws IOException {
        return GridSettings.builder().instanceName(name + "-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-bounds")).dataRegionBytes(64L << 20).backups(0);
    }

    @Test
    void noRestConnectorAndNoThinClientByDefault() throws IOException {
        GridSettings s = settings("closed").build();
        assertEquals(0, s.thinClientPort(), "thin client off by default");
        assertTrue(s.exitOnFailure(), "a failed grid node exits the process by default");
        IgniteConfiguration cfg = RicGrid.configuration(s);
        assertNull(cfg.getConnectorConfiguration(), "REST/memcached connector (11211) must be off");
        assertNull(cfg.getClientConnectorConfiguration(), "thin-client connector must be off unless configured");
        try (RicGrid grid = RicGrid.start(settings("closed2").exitOnFailure(false).build())) {
            assertNull(grid.ignite().configuration().getConnectorConfiguration());
            assertNull(grid.ignite().configuration().getClientConnectorConfiguration());
        }
    }

    @Test
    void aPlaintextThinClientOnlyOnLoopback() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings("open").thinClientPort(10800).thinClientHost("0.0.0.0").build());
        assertTrue(e.getMessage().startsWith("thinClientHost: 0.0.0.0 (expected: a loopback address"), e.getMessage());
        GridSettings loop = settings("loop").thinClientPort(10800).build();
        assertEquals("127.0.0.1", RicGrid.configuration(loop).getClientConnectorConfiguration().getHost());
        assertThrows(IllegalArgumentException.class,
                () -> settings("half").thinClientTls(Path.of("cert.pem"), null, null));
    }

    @Test
    void kpmSeriesAreEvictedBeforeTheirRegionFills() throws IOException {
        try (RicGrid grid = RicGrid.start(settings("evict").kpmRegionBytes(64L << 20).exitOnFailure(false).build())) {
            grid.cache(PlatformCaches.XAPPS).put("keep", new XappRecord("keep", "1.0.0", "{}", "k", "sha", 1L));
            IgniteCache<CellSampleKey, CellKpi> series = grid.cache(KpmCaches.CELL_SERIES);
            int written = 0;
            long ts = 1_000_000;
            // About 3x the 64 MiB region (a sample with its key, index and row overhead is > 300 bytes).
            for (int batch = 0; batch < 120; batch++) {
                Map<CellSampleKey, CellKpi> m = new HashMap<>();
                for (int i = 0; i < 5000; i++) {
                    String cell = "cell-" + (i % 500);
                    m.put(new CellSampleKey("node-" + batch % 7, cell, ts + written), sample("node-" + batch % 7, cell, ts + written));
                    written++;
                }
                series.putAll(m);
            }
            assertTrue(!grid.failed(), "grid node failed: " + grid.failureReason());
            int left = series.size();
            RicGrid.RegionStats stats = grid.regionStats(RicGrid.KPM_REGION);
            assertTrue(left < written, "entries left " + left + " of " + written + ": nothing was evicted");
            assertTrue(stats.usedBytes <= stats.maxBytes, stats.toString());
            assertTrue(stats.evictionRate > 0, "eviction is visible in the region metrics: " + stats);
            assertEquals("keep", ((XappRecord) grid.cache(PlatformCaches.XAPPS).get("keep")).name(),
                    "the platform region is not evicted");
            series.put(new CellSampleKey("node-x", "cell-x", 1), sample("node-x", "cell-x", 1));
            assertEquals("cell-x", series.get(new CellSampleKey("node-x", "cell-x", 1)).cellId());
        }
    }

    @Test
    void aFailedGridNodeIsReportedAndStopped() throws Exception {
        GridSettings s = settings("fail").exitOnFailure(false).build();
        RicGrid grid = RicGrid.start(s);
        try {
            CompletableFuture<String> told = new CompletableFuture<>();
            grid.onFailure(told::complete);
            IgniteCache<String, byte[]> jars = grid.cache(PlatformCaches.XAPP_JARS);
            assertThrows(RuntimeException.class, () -> {
                for (int i = 0; i < 1000; i++) jars.put("jar-" + i, new byte[1 << 20]);
            }, "a 64 MiB region cannot hold 1000 MiB");
            String why = told.get(60, TimeUnit.SECONDS);
            assertTrue(grid.failed());
            assertTrue(why.startsWith("CRITICAL_ERROR"), why);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Ignition.state(s.instanceName()) == IgniteState.STARTED && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Ignition.state(s.instanceName()) != IgniteState.STARTED, "the failed node was stopped");
        } finally {
            try {
                grid.close();
            } catch (RuntimeException ignored) {
                // stopped already
            }
        }
    }

    @Test
    void aFailedGridNodeExitsTheProcess() throws Exception {
        assertChildExits("puts");
    }

    @Test
    void aGridNodeFailingWhileCreatingCachesExitsTheProcess() throws Exception {
        assertChildExits("caches");
    }

    @Test
    void aGridNodeFailingWhileTheMainThreadDiesExitsTheProcess() throws Exception {
        assertChildExits("caches-uncaught");
    }

    private void assertChildExits(String mode) throws Exception {
        Path dir = Files.createTempDirectory("jric-fill");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(GridClusterTest.jvmFlags());
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-DIGNITE_QUIET=true", "-cp",
                System.getProperty("java.class.path"), GridFillMain.class.getName(),
                Integer.toString(FreePorts.pair()), Integer.toString(FreePorts.pair()), dir.toString(), mode));
        Path out = dir.resolve("child.out");
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            boolean ended = child.waitFor(120, TimeUnit.SECONDS);
            if (!ended) {
                Process js = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                        Long.toString(child.pid())).redirectErrorStream(true).redirectOutput(dir.resolve("jstack.txt").toFile()).start();
                js.waitFor(30, TimeUnit.SECONDS);
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            String tail = output.substring(Math.max(0, output.length() - 3000));
            assertTrue(ended, "the child JVM is still running after its grid node failed (a zombie):\n" + tail);
            assertTrue(output.contains("STARTED"), tail);
            assertEquals(GridFailureHandler.EXIT_CODE, child.exitValue(), "exit code; output:\n" + tail);
        } finally {
            child.destroyForcibly();
        }
    }

    private static CellKpi sample(String node, String cell, long ts) {
        return new CellKpi().nodeId(node).cellId(cell).timestampMs(ts).receivedAtMs(ts).prbUsedDlPct(50)
                .prbUsedUlPct(20).throughputDlMbps(100).throughputUlMbps(10).activeUes(12).txPowerDbm(40);
    }

}
