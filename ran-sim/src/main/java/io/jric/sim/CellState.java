package io.jric.sim;

import io.jric.proto.e2sm.kpm.v1.NrCgi;

/** Mutable state of one sector cell (package-private; owned by {@link RanModel}). */
final class CellState {
    // Indices into the cumulative totals array (doubles hold counts exactly up to 2^53).
    static final int T_TICKS = 0;
    static final int T_PRB_DL_PCT = 1;
    static final int T_PRB_UL_PCT = 2;
    static final int T_THR_DL = 3;
    static final int T_THR_UL = 4;
    static final int T_ACTIVE_UES = 5;
    static final int T_ENERGY_WH = 6;
    static final int T_CQI_SUM = 7;
    static final int T_CQI_N = 8;
    static final int T_SINR_SUM = 9;
    static final int T_SINR_N = 10;
    static final int T_RLF = 11;
    static final int T_HO_ATT = 12;
    static final int T_HO_SUCC = 13;
    static final int T_PING_PONG = 14;
    /** Sum over ticks of the RRC-connected UEs (RRC.ConnMean). */
    static final int T_CONNECTED = 15;
    /** Inter-frequency (A4/A5) handovers out of the cell (multi-carrier only). */
    static final int T_IF_HO = 16;
    static final int T_SIZE = 17;
    /** Ticks of RRC-connected counts kept for RRC.ConnMax: periods up to 409.6 s at the default 100 ms tick. */
    static final int CONNECTED_HISTORY = 4096;

    final int index;
    final int gnbIndex;
    final int sector;
    final long nci;
    final String id;
    final NrCgi cgi;
    final double x;
    final double y;
    final double azimuthDeg;
    /** Index into {@link SimConfig#carriers()} (0 on the single default carrier). */
    int carrier;
    /** PRBs of the cell's carrier. */
    int prbs;
    /** {@code -10 log10(12 * prbs)}: Tx power to power per resource element. */
    double perReOffsetDb;
    /** Thermal noise per resource element of the carrier's subcarrier spacing (mW). */
    double noisePerReMw = Radio.NOISE_PER_RE_MW;
    /** Path loss of the carrier relative to the 2 GHz reference (dB; multi-carrier only). */
    double pathLossOffsetDb;
    /** Bandwidth of one PRB relative to 180 kHz (multi-carrier only). */
    double prbScale = 1;
    /** Offset (dB) the cell configures per carrier for its UEs' inter-frequency events (offsetMO, Ofn). */
    double[] freqOffsetDb = new double[0];
    /** Inter-frequency event thresholds the cell configures (A5 threshold 1 on the serving RSRP, +inf: A4). */
    double interFreqThreshold1Dbm = Double.POSITIVE_INFINITY;
    double interFreqThreshold2Dbm;
    /** RSRP offset of this cell per resource element, excluding path loss, shadowing and antenna. */
    double txPowerDbm;
    double cioDb;
    /** A3 hysteresis and time to trigger the cell configures for its UEs (start: the config's). */
    double a3HysteresisDb;
    int a3TimeToTriggerMs;
    boolean sleeping;

    // Fault effects, recomputed every tick.
    boolean outage;
    double interferenceRiseDb;
    double degradationFactor = 1;

    // Instantaneous state of the last tick.
    double prbLoadDl;
    double prbLoadUl;
    double thrDlMbps;
    double thrUlMbps;
    int activeUes;
    int servedUes;
    /** UEs in RRC_CONNECTED: those attached while the cell radiates (every UE is connected in this model). */
    int connectedUes;
    double powerW;
    double avgCqi;
    double avgSinrDb;
    /** Interference activity seen by others, from the previous tick's load. */
    double activity = 0.5;

    final double[] totals = new double[T_SIZE];
    /** RRC-connected UEs of accumulated tick k at {@code k % CONNECTED_HISTORY}. */
    final short[] connectedHistory = new short[CONNECTED_HISTORY];

    CellState(int index, int gnbIndex, int sector, long nci, String id, NrCgi cgi, double x, double y, double azimuthDeg,
              double txPowerDbm) {
        this.index = index;
        this.gnbIndex = gnbIndex;
        this.sector = sector;
        this.nci = nci;
        this.id = id;
        this.cgi = cgi;
        this.x = x;
        this.y = y;
        this.azimuthDeg = azimuthDeg;
        this.txPowerDbm = txPowerDbm;
    }

    /** The most RRC-connected UEs in the last {@code ticks} accumulated ticks (at most {@link #CONNECTED_HISTORY}). */
    int maxConnected(int ticks) {
        long last = (long) totals[T_TICKS];
        int n = (int) Math.min(Math.min(ticks, CONNECTED_HISTORY), last);
        int max = 0;
        for (long k = last - n + 1; k <= last; k++) max = Math.max(max, connectedHistory[(int) (k % CONNECTED_HISTORY)]);
        return max;
    }

    /** Whether the cell transmits (not asleep and not in outage). */
    boolean radiating() {
        return !sleeping && !outage;
    }
}
