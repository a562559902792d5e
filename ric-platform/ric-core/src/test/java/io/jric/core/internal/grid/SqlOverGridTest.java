package io.jric.core.internal.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
                .discoveryPort(freePort()).discoveryPortRange(1).communicationPort(freePort()).thinClientPort(0)
                .workDir(Files.createTempDirectory("jric-sql")).dataRegionBytes(128L << 20).backups(0).build());
    }

    @AfterAll
    static void stop() {
        grid.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void cellsAndUesCanBeQueriedWithSql() {
        var cells = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST);
        for (int i = 0; i < 6; i++) {
            String cell = String.format("00f110:%09x", 0x4000 + i);
            cells.put(new CellKey("gnb:00f110:1/22", cell), new CellKpi().nodeId("gnb:00f110:1/22").cellId(cell)
                    .timestampMs(1000 + i).prbUsedDlPct(10 * i).activeUes(i));
        }
        grid.<Long, UeKpi>cache(KpmCaches.UE_LATEST).put(7L, new UeKpi().ueId(7).nodeId("gnb:00f110:1/22")
                .servingCellId("00f110:000004001").sinrDb(-3.5f).cqi(4));

        List<List<?>> busy = grid.sql("SELECT cellId, prbUsedDlPct FROM CELL_KPI WHERE prbUsedDlPct > ? "
                + "ORDER BY prbUsedDlPct DESC", 25f);
        assertEquals(3, busy.size(), busy.toString());
        assertEquals("00f110:000004005", busy.get(0).get(0));
        assertEquals(50f, ((Number) busy.get(0).get(1)).floatValue());

        List<List<?>> perNode = grid.sql("SELECT nodeId, COUNT(*), SUM(activeUes) FROM CELL_KPI GROUP BY nodeId");
        assertEquals(6L, ((Number) perNode.get(0).get(1)).longValue());
        assertEquals(15L, ((Number) perNode.get(0).get(2)).longValue());

        List<List<?>> weak = grid.sql("SELECT u.ueId, c.prbUsedDlPct FROM UE_KPI u JOIN CELL_KPI c "
                + "ON u.servingCellId = c.cellId WHERE u.sinrDb < 0");
        assertEquals(List.of(7L, 10f), List.of(((Number) weak.get(0).get(0)).longValue(), ((Number) weak.get(0).get(1)).floatValue()));

        Exception bad = assertThrows(Exception.class, () -> grid.sql("SELECT nope FROM CELL_KPI"));
        assertTrue(String.valueOf(bad.getMessage()).toLowerCase().contains("nope"), bad.getMessage());
    }
}
