package io.jric.api.kpm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.CellOperationalState;
import io.jric.proto.e2sm.kpm.v1.NeighbourMeasurement;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import org.junit.jupiter.api.Test;

/** Every measured field lands in its record field, each with a distinct value so a swap shows. */
class KpmRecordsTest {
    @Test
    void everyCellFieldLandsWhereItBelongs() {
        CellMeasurement m = CellMeasurement.newBuilder()
                .setPrbUsedDlPct(1).setPrbUsedUlPct(2).setThroughputDlMbps(3).setThroughputUlMbps(4).setActiveUes(5)
                .setTxPowerDbm(6).setEnergyWh(7).setAvgCqi(8).setAvgSinrDb(9).setRlfCount(10).setHoAttempts(11)
                .setHoSuccesses(12).setSleeping(true).setCioDb(13)
                .setOperationalState(CellOperationalState.CELL_OPERATIONAL_STATE_DISABLED).setRrcConnMean(14).setRrcConnMax(15).build();
        CellKpi c = KpmRecords.cell("gnb:1", "cell:1", 100, 101, m);
        assertEquals("gnb:1", c.nodeId());
        assertEquals("cell:1", c.cellId());
        assertEquals(100, c.timestampMs());
        assertEquals(101, c.receivedAtMs());
        float[] got = {c.prbUsedDlPct(), c.prbUsedUlPct(), c.throughputDlMbps(), c.throughputUlMbps(), c.activeUes(),
                c.txPowerDbm(), c.energyWh(), c.avgCqi(), c.avgSinrDb(), c.rlfCount(), c.hoAttempts(), c.hoSuccesses(), c.cioDb()};
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13}, got);
        assertTrue(c.sleeping());
        assertEquals(io.jric.api.kpm.CellOperationalState.DISABLED, c.operationalState());
        assertEquals(14, c.rrcConnMean());
        assertEquals(15, c.rrcConnMax());
    }

    @Test
    void aNodeThatReportsNoStateAndNoRrcCountsGivesNullAndMinusOne() {
        CellKpi c = KpmRecords.cell("gnb:1", "cell:1", 100, 101, CellMeasurement.newBuilder().setActiveUes(3).build());
        assertEquals(null, c.operationalState());
        assertEquals(-1, c.rrcConnMean());
        assertEquals(-1, c.rrcConnMax());
        CellKpi idle = KpmRecords.cell("gnb:1", "cell:1", 100, 101, CellMeasurement.newBuilder()
                .setOperationalState(CellOperationalState.CELL_OPERATIONAL_STATE_ENABLED).setRrcConnMean(0).setRrcConnMax(0).build());
        assertEquals(io.jric.api.kpm.CellOperationalState.ENABLED, idle.operationalState());
        assertEquals(0, idle.rrcConnMean(), "a reported 0 stays 0");
    }

    @Test
    void everyUeFieldAndNeighbourLandsWhereItBelongs() {
        UeMeasurement m = UeMeasurement.newBuilder().setUeId(42).setRsrpDbm(-80).setRsrqDb(-10).setSinrDb(12).setCqi(9)
                .setThroughputDlMbps(3).setThroughputUlMbps(1).setPrbUsedDl(7)
                .addNeighbours(NeighbourMeasurement.newBuilder().setRsrpDbm(-90).setSinrDb(2))
                .addNeighbours(NeighbourMeasurement.newBuilder().setRsrpDbm(-95).setSinrDb(-1)).build();
        UeKpi u = KpmRecords.ue("gnb:1", "cell:1", new String[] {"cell:2", "cell:3"}, 100, m);
        assertEquals(42, u.ueId());
        assertEquals("gnb:1", u.nodeId());
        assertEquals(100, u.timestampMs());
        assertEquals("cell:1", u.servingCellId());
        assertArrayEquals(new float[] {-80, -10, 12, 9, 3, 1, 7},
                new float[] {u.rsrpDbm(), u.rsrqDb(), u.sinrDb(), u.cqi(), u.throughputDlMbps(), u.throughputUlMbps(), u.prbUsedDl()});
        assertArrayEquals(new String[] {"cell:2", "cell:3"}, u.neighbourCellIds());
        assertArrayEquals(new float[] {-90, -95}, u.neighbourRsrpDbm());
        assertArrayEquals(new float[] {2, -1}, u.neighbourSinrDb());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KpmRecords.ue("gnb:1", "cell:1", new String[1], 100, m))
                .getMessage().startsWith("neighbourCellIds: 1 ids (expected: 2)"));
    }
}
