package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.ignite.DataRegionMetrics;
import org.apache.ignite.cache.CachePeekMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Figures, no assertions on them: what an experience row of power control's shape (6 features, 3 action values, 3
 * outcome KPIs) costs in the {@code ric-ml} region, and what the outcome task costs per 1,000 rows, in memory and on
 * disk ({@code grid.mlPersistence}). One grid node, {@code -Dexperience.rows} rows (default 20,000, at most 200,000) over
 * 200 cells of 20 E2 nodes, one decision per cell and second, a 1 s horizon, the cells' series one sample a second.
 * Prints lines starting with {@code FIGURE}; docs/ml-lifecycle.md quotes them with the command.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ExperienceFootprintTest {
    private static final long T0 = 1_765_000_000_000L;
    private static final int CELLS = 200;
    private static final int ROWS = Math.max(1_000, Math.min(200_000, Integer.getInteger("experience.rows", 20_000)));

    @Test
    void inMemory() throws Exception {
        measure(false);
    }

    @Test
    void onDisk() throws Exception {
        measure(true);
    }

    private static void measure(boolean persistence) throws Exception {
        Path dir = Files.createTempDirectory("jric-ml-footprint");
        String mode = persistence ? "disk" : "memory";
        GridSettings s = GridSettings.builder().instanceName("footprint-" + mode + "-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair()).workDir(dir)
                .dataRegionBytes(64L << 20).kpmRegionBytes(256L << 20).mlRegionBytes(256L << 20)
                .exitOnFailure(false).backups(0).mlPersistence(persistence).build();
        try (RicGrid grid = RicGrid.start(s); ExperienceStore store = new ExperienceStore(grid, 0)) {
            // A warm-up round of another xApp (JIT, the caches' first pages), closed before the figures.
            round(grid, store, "footprint-warmup", 2_000, T0 - 10_000_000, null);
            round(grid, store, "footprint", ROWS, T0, mode);
            if (persistence) {
                // What a process starting on these files spends counting them against maxRows (ExperienceSeed).
                long start = System.nanoTime();
                try (ExperienceStore again = new ExperienceStore(grid, 0)) {
                    System.out.printf("FIGURE disk start: the rows on disk (%d) counted against maxRows in %.0f ms%n",
                            ROWS + 2_000, (System.nanoTime() - start) / 1e6);
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void round(RicGrid grid, ExperienceStore store, String xapp, int rows, long t0, String mode) {
        XappDescriptor d = XappDescriptor.builder(xapp, "1.0.0", "test", new Entry(xapp, null))
                .experience(new ExperienceSpec(1000, List.of("throughputDlMbps", "prbUsedDlPct", "energyWh"),
                        ExperienceSpec.Scope.CELL, 1_000_000)).build();
        var series = grid.<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES);
        var latest = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST);
        int periods = (rows + CELLS - 1) / CELLS;
        // The cells' series first (one sample a second, one more after the last decision), in the KPM region.
        Map<CellSampleKey, CellKpi> batch = new HashMap<>();
        for (int c = 0; c < CELLS; c++) {
            String node = node(c);
            String cell = cell(c);
            for (int p = 0; p <= periods; p++) {
                long ts = t0 + p * 1000L;
                batch.put(new CellSampleKey(node, cell, ts), kpi(node, cell, ts, p));
                if (batch.size() == 1000) {
                    series.putAll(batch);
                    batch.clear();
                }
            }
            latest.put(new CellKey(node, cell), kpi(node, cell, t0 + periods * 1000L, periods));
        }
        series.putAll(batch);

        long before = used(grid);
        long now = System.currentTimeMillis();
        long start = System.nanoTime();
        int recorded = 0;
        for (int p = 0; p < periods && recorded < rows; p++) {
            for (int c = 0; c < CELLS && recorded < rows; c++) {
                CellKpi k = kpi(node(c), cell(c), t0 + p * 1000L, p);
                Map<String, Double> features = new TreeMap<>();
                features.put("prbUsedDlPct", (double) k.prbUsedDlPct());
                features.put("throughputDlMbps", (double) k.throughputDlMbps());
                features.put("activeUes", (double) k.activeUes());
                features.put("avgCqi", (double) k.avgCqi());
                features.put("avgSinrDb", (double) k.avgSinrDb());
                features.put("txPowerDbm", (double) k.txPowerDbm());
                store.record(d, k.timestampMs(), k.nodeId(), k.cellId(), 0, features,
                        Map.of("txPowerDbm", 40.0, "chosenTxPowerDbm", 40.0, "explored", 0.0), now);
                recorded++;
            }
        }
        double recordSeconds = (System.nanoTime() - start) / 1e9;
        long withPending = used(grid);
        assertEquals(rows, grid.cache(PlatformCaches.EXPERIENCE_PENDING).size(CachePeekMode.PRIMARY), "the warm-up's rows closed");

        // A round with every row pending but none due: the task's steady cost between horizons (now = the time
        // they were recorded; their cells' latest records are past their horizon, so shift them back first).
        for (int c = 0; c < CELLS; c++) latest.put(new CellKey(node(c), cell(c)), kpi(node(c), cell(c), t0 - 1, 0));
        start = System.nanoTime();
        int none = store.attach(now);
        double idleSeconds = (System.nanoTime() - start) / 1e9;
        for (int c = 0; c < CELLS; c++) latest.put(new CellKey(node(c), cell(c)), kpi(node(c), cell(c), t0 + periods * 1000L, periods));

        start = System.nanoTime();
        int attached = store.attach(now);
        double attachSeconds = (System.nanoTime() - start) / 1e9;
        long closed = used(grid);
        assertEquals(0, none);
        assertEquals(rows, attached);
        if (mode == null) return;
        System.out.printf("FIGURE %s rows=%d cells=%d region=%s: +%.0f bytes/row with pending markers, +%.0f bytes/row with the"
                        + " outcome attached (pages used %d -> %d -> %d KiB)%n", mode, rows, CELLS, RicGrid.ML_REGION,
                (withPending - before) / (double) rows, (closed - before) / (double) rows, before >> 10, withPending >> 10, closed >> 10);
        System.out.printf("FIGURE %s record: %.1f s for %d rows (%.0f rows/s, %.1f ms per 1,000)%n", mode, recordSeconds, rows,
                rows / recordSeconds, 1000 * recordSeconds * 1000 / rows);
        System.out.printf("FIGURE %s outcome task: a round with %d rows pending, none due: %.0f ms (%.1f ms per 1,000 pending);"
                        + " attaching all %d: %.0f ms (%.1f ms per 1,000 rows)%n", mode, rows, 1000 * idleSeconds,
                1000 * idleSeconds * 1000 / rows, attached, 1000 * attachSeconds, 1000 * attachSeconds * 1000 / rows);
    }

    /** Bytes of used pages in the ML region (Ignite's metric; pages hold rows, their index and free space). */
    private static long used(RicGrid grid) {
        DataRegionMetrics m = grid.ignite().dataRegionMetrics(RicGrid.ML_REGION);
        return m.getTotalUsedPages() * m.getPageSize();
    }

    private static String node(int c) {
        return "gnb:00f110:" + Integer.toHexString(0x100 + c / 10) + "/22";
    }

    private static String cell(int c) {
        return String.format("00f110:%09x", 0x4000 + c);
    }

    private static CellKpi kpi(String node, String cell, long ts, int p) {
        return new CellKpi().nodeId(node).cellId(cell).timestampMs(ts).prbUsedDlPct(40 + p % 50).throughputDlMbps(100 + p % 30)
                .activeUes(10 + p % 7).avgCqi(9.5f).avgSinrDb(12.25f).txPowerDbm(40).energyWh(0.012f);
    }


    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // leave it to the OS's temp cleanup
        }
    }
}
