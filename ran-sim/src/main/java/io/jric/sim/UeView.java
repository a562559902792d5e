package io.jric.sim;

/**
 * Read-only snapshot of one UE after the last tick (for views and tests).
 *
 * @param ueId          UE id (1-based)
 * @param x             position x in metres
 * @param y             position y in metres
 * @param servingCellId serving cell id, or {@code null} when the UE has no cell
 * @param rsrpDbm       RSRP of the serving cell
 * @param sinrDb        DL SINR
 * @param cqi           CQI 0..15
 * @param throughputDlMbps DL throughput
 * @param active        whether the UE has traffic this tick
 */
public record UeView(long ueId, double x, double y, String servingCellId, double rsrpDbm, double sinrDb, int cqi,
                     double throughputDlMbps, boolean active) {
}
