package io.jric.core.internal.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL over the KPM tables (Ignite's Calcite engine) on a real node. */
class SqlOverGridTest {
    private static RicGrid grid;

    @BeforeAll
    static void start() throws IOException {
        grid = RicGrid.start(GridSettings.builder().instanceName("sql-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair()).thinClientPort(0)
                .workDir(Files.createTempDirectory("jric-sql")).dataRegionBytes(128L << 20).backups(0).build());
    }

    @AfterAll
    static void stop() {
        grid.close();
    }


    @Test
    void cellsAndUesCanBeQueriedWithSql() {
        var cells = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST);
        for (int i = 0; i < 6; i++) {
            String cell = String.format("00f110:%09x", 0x4000 + i);
            cells.put(new CellKey("gnb:00f110:1/22", cell), new CellKpi().nodeId("gnb:00f110:1/22").cellId(cell)
                    .timestampMs(1000 + i).prbUsedDlPct(10 * i).activeUes(i)
                    .operationalState(i == 2 ? io.jric.api.kpm.CellOperationalState.DISABLED : io.jric.api.kpm.CellOperationalState.ENABLED)
                    .rrcConnMean(i == 2 ? 0 : i + 1).rrcConnMax(i == 2 ? 0 : i + 3));
        }
        var series = grid.<io.jric.api.kpm.CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES);
        for (int t = 0; t < 3; t++) {
            series.put(new io.jric.api.kpm.CellSampleKey("gnb:00f110:1/22", "00f110:000004001", 1000 + t),
                    new CellKpi().nodeId("gnb:00f110:1/22").cellId("00f110:000004001").timestampMs(1000 + t)
                            .prbUsedDlPct(20 + 10 * t));
        }

        List<List<?>> busy = grid.sql("SELECT cellId, prbUsedDlPct FROM CELL_KPI WHERE prbUsedDlPct > ? "
                + "ORDER BY prbUsedDlPct DESC", 25f);
        assertEquals(3, busy.size(), busy.toString());
        assertEquals("00f110:000004005", busy.get(0).get(0));
        assertEquals(50f, ((Number) busy.get(0).get(1)).floatValue());

        List<List<?>> perNode = grid.sql("SELECT nodeId, COUNT(*), SUM(activeUes) FROM CELL_KPI GROUP BY nodeId");
        assertEquals(6L, ((Number) perNode.get(0).get(1)).longValue());
        assertEquals(15L, ((Number) perNode.get(0).get(2)).longValue());

        List<List<?>> trend = grid.sql("SELECT s.cellId, AVG(s.prbUsedDlPct), MAX(c.prbUsedDlPct) FROM CELL_SAMPLE s "
                + "JOIN CELL_KPI c ON s.cellId = c.cellId WHERE s.timestampMs >= ? GROUP BY s.cellId", 1000L);
        assertEquals("00f110:000004001", trend.get(0).get(0));
        assertEquals(30.0, ((Number) trend.get(0).get(1)).doubleValue(), 1e-6);
        assertEquals(10f, ((Number) trend.get(0).get(2)).floatValue());

        // an idle cell (enabled, UEs connected, none with data) is not a dark one (disabled)
        assertEquals(List.of(List.of("00f110:000004002")),
                grid.sql("SELECT cellId FROM CELL_KPI WHERE operationalState = 'DISABLED'"));
        assertEquals(List.of(List.of("00f110:000004000", 1, 3)),
                grid.sql("SELECT cellId, rrcConnMean, rrcConnMax FROM CELL_KPI WHERE activeUes = 0 AND rrcConnMean > 0"));

        Exception bad = assertThrows(Exception.class, () -> grid.sql("SELECT nope FROM CELL_KPI"));
        assertTrue(String.valueOf(bad.getMessage()).toLowerCase().contains("nope"), bad.getMessage());
    }
}
