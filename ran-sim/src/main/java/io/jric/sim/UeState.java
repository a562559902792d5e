package io.jric.sim;

import java.util.SplittableRandom;

/** Mutable state of one UE: mobility, traffic and the radio view of the last tick (package-private). */
final class UeState {
    final int index;
    final long id;
    final SplittableRandom mobilityRnd;
    final SplittableRandom trafficRnd;
    final double baseDemandMbps;

    double x;
    double y;
    double wx;
    double wy;
    double speedMps;

    boolean on;
    long nextToggleMs;
    double demandDlMbps;

    int serving = -1;
    int previousCell = -1;
    long lastHandoverMs = Long.MIN_VALUE / 2;
    int a3Candidate = -1;
    long a3SinceMs;
    long lowSinrMs;
    /** Inter-frequency (A4/A5) candidate and since when its entering condition holds; -1: none. */
    int ifCandidate = -1;
    long ifSinceMs;
    /** Received power (mW) weighted by activity per carrier (multi-carrier only; else {@link #totalRxMw}). */
    double[] rxMwByCarrier;
    /** FTP model 3: arrival stream (null unless on) and the queue of files, each {arrival ms, size, left Mbit}. */
    SplittableRandom ftpRnd;
    final java.util.ArrayDeque<double[]> files = new java.util.ArrayDeque<>();
    /** Outdoor-to-indoor loss per carrier (dB; multi-carrier only, zeros outdoors). */
    double[] o2iLossDb;
    /** FTP model 3: DL rate (Mbit/s) while scheduled in the last tick, the carrier shared in time. */
    double peakDlMbps;
    /** Mbit still queued for the UE (FTP model 3). */
    double bufferMbit;

    /** RSRP per cell in dBm; negative infinity for cells that do not radiate. */
    final double[] rsrpDbm;
    /** Sum over radiating cells of RSRP (mW) times the cell's activity, plus noise and extra interference. */
    double totalRxMw;
    double sinrDb = Radio.SINR_FLOOR_DB;
    double rsrqDb = -19.5;
    int cqi;
    double thrDlMbps;
    double thrUlMbps;
    double prbDl;
    double prbUl;

    UeState(int index, long id, SplittableRandom mobilityRnd, SplittableRandom trafficRnd, double baseDemandMbps,
            int cells) {
        this.index = index;
        this.id = id;
        this.mobilityRnd = mobilityRnd;
        this.trafficRnd = trafficRnd;
        this.baseDemandMbps = baseDemandMbps;
        this.rsrpDbm = new double[cells];
    }

    double servingRsrpDbm() {
        return serving < 0 ? Double.NEGATIVE_INFINITY : rsrpDbm[serving];
    }
}
