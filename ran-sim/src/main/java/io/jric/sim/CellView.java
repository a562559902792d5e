package io.jric.sim;

/**
 * Read-only snapshot of one cell after the last tick (for views and tests).
 *
 * @param cellId      {@code E2Ids.cellId(NrCgi)} of the cell
 * @param gnbIndex    index of its gNB (0-based, layout order)
 * @param sector      sector index within the gNB
 * @param x           site x in metres
 * @param y           site y in metres
 * @param azimuthDeg  antenna azimuth, degrees clockwise from north
 * @param txPowerDbm  configured Tx power
 * @param cioDb       configured cell individual offset
 * @param sleeping    switched off by control
 * @param outage      in a {@link Fault.Type#CELL_OUTAGE} fault
 * @param prbLoadDl   DL PRB load 0..1
 * @param servedUes   UEs attached
 * @param activeUes   attached UEs with traffic
 * @param throughputDlMbps cell DL throughput
 * @param powerW      input power drawn
 */
public record CellView(String cellId, int gnbIndex, int sector, double x, double y, double azimuthDeg,
                       double txPowerDbm, double cioDb, boolean sleeping, boolean outage, double prbLoadDl,
                       int servedUes, int activeUes, double throughputDlMbps, double powerW) {
}
