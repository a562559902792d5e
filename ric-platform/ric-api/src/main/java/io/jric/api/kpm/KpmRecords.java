package io.jric.api.kpm;

import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;

/**
 * The field mapping from an E2SM-KPM indication's measurements to the grid's records, in one place:
 * the RIC's E2 termination uses it for every indication it ingests, and anything that must see KPM
 * exactly as the RIC does (the ML trainers' simulator runs) uses it too. Cell ids are passed in, already
 * validated and in canonical form ({@link io.jric.proto.E2Ids#cellId}).
 */
public final class KpmRecords {
    private KpmRecords() {}

    /** A cell's record; {@code timestampMs} is the indication header's collection start time. */
    public static CellKpi cell(String nodeId, String cellId, long timestampMs, long receivedAtMs, CellMeasurement c) {
        return new CellKpi()
                .nodeId(nodeId).cellId(cellId).timestampMs(timestampMs).receivedAtMs(receivedAtMs)
                .prbUsedDlPct(c.getPrbUsedDlPct()).prbUsedUlPct(c.getPrbUsedUlPct())
                .throughputDlMbps(c.getThroughputDlMbps()).throughputUlMbps(c.getThroughputUlMbps())
                .activeUes(c.getActiveUes()).txPowerDbm(c.getTxPowerDbm()).energyWh(c.getEnergyWh())
                .avgCqi(c.getAvgCqi()).avgSinrDb(c.getAvgSinrDb()).rlfCount(c.getRlfCount())
                .hoAttempts(c.getHoAttempts()).hoSuccesses(c.getHoSuccesses())
                .sleeping(c.getSleeping()).cioDb(c.getCioDb())
                .operationalState(switch (c.getOperationalState()) {
                    case CELL_OPERATIONAL_STATE_ENABLED -> CellOperationalState.ENABLED;
                    case CELL_OPERATIONAL_STATE_DISABLED -> CellOperationalState.DISABLED;
                    default -> null;
                })
                .rrcConnMean(c.hasRrcConnMean() ? (int) Math.min(Integer.MAX_VALUE, c.getRrcConnMean() & 0xffffffffL) : -1)
                .rrcConnMax(c.hasRrcConnMax() ? (int) Math.min(Integer.MAX_VALUE, c.getRrcConnMax() & 0xffffffffL) : -1);
    }

    /**
     * A UE's record; {@code neighbourCellIds} are the ids of {@code u}'s neighbours in their order,
     * whose RSRP and SINR are copied alongside.
     */
    public static UeKpi ue(String nodeId, String servingCellId, String[] neighbourCellIds, long timestampMs, UeMeasurement u) {
        int n = u.getNeighboursCount();
        if (neighbourCellIds.length != n) {
            throw new IllegalArgumentException("neighbourCellIds: " + neighbourCellIds.length + " ids (expected: " + n + ")");
        }
        float[] rsrp = new float[n];
        float[] sinr = new float[n];
        for (int j = 0; j < n; j++) {
            rsrp[j] = u.getNeighbours(j).getRsrpDbm();
            sinr[j] = u.getNeighbours(j).getSinrDb();
        }
        return new UeKpi()
                .ueId(u.getUeId()).nodeId(nodeId).servingCellId(servingCellId)
                .timestampMs(timestampMs).rsrpDbm(u.getRsrpDbm()).rsrqDb(u.getRsrqDb()).sinrDb(u.getSinrDb())
                .cqi(u.getCqi()).throughputDlMbps(u.getThroughputDlMbps())
                .throughputUlMbps(u.getThroughputUlMbps()).prbUsedDl(u.getPrbUsedDl())
                .neighbourCellIds(neighbourCellIds).neighbourRsrpDbm(rsrp).neighbourSinrDb(sinr);
    }
}
