package io.jric.sim;

/**
 * Link-level formulas of the radio model (package-private, stateless).
 *
 * <ul>
 *   <li>Path loss: 3GPP TR 36.814 macro NLOS at 2 GHz, {@code PL = 128.1 + 37.6 log10(d / 1 km)},
 *       with d clamped to at least 35 m.</li>
 *   <li>Antenna: 3GPP horizontal sector pattern {@code A(t) = -min(12 (t / 65 deg)^2, 25 dB)} on top of a
 *       15 dBi boresight gain (25 dB front-to-back).</li>
 *   <li>RSRP is the power of one resource element: {@code Ptx - 10 log10(12 * PRBs) + gain - PL - shadowing}.</li>
 *   <li>Thermal noise per 15 kHz resource element: {@code -174 + 10 log10(15000) + 7 dB noise figure}.</li>
 *   <li>Spectral efficiency: attenuated Shannon with 2x2 MIMO rank adaptation,
 *       {@code 0.75 max(log2(1 + SINR), 2 log2(1 + SINR / 4))} (the second layer costs 3 dB per layer
 *       for channel correlation), capped at 5.55 b/s/Hz per layer (the 64QAM top of the CQI table)
 *       and zero below -10 dB.</li>
 * </ul>
 */
final class Radio {
    static final double ANTENNA_GAIN_DBI = 15;
    static final double BEAMWIDTH_DEG = 65;
    static final double FRONT_TO_BACK_DB = 25;
    static final double MIN_DISTANCE_M = 35;
    static final double NOISE_PER_RE_DBM = -174 + 10 * Math.log10(15_000) + 7;
    static final double NOISE_PER_RE_MW = dbToLin(NOISE_PER_RE_DBM);
    static final double PRB_BANDWIDTH_MHZ = 0.18;
    /** Share of PRB capacity left after control channels and reference signals. */
    static final double OVERHEAD_FACTOR = 0.86;
    static final double MAX_SPECTRAL_EFFICIENCY = 5.5547;
    static final double SINR_FLOOR_DB = -30;
    /** Activity of an idle cell as seen by interfered UEs (reference signals and broadcast). */
    static final double IDLE_ACTIVITY = 0.1;

    /** EARTH-style power model of one cell: P = P0 + deltaP * Ptx(W) * load; sleep draws P_SLEEP. */
    static final double P0_W = 130;
    static final double DELTA_P = 4.7;
    static final double P_SLEEP_W = 75;

    /** Lowest SINR (dB) per CQI 1..15; below the first value the CQI is 0. */
    private static final double[] CQI_SINR_DB = {
        -6.7, -4.7, -2.3, 0.2, 2.4, 4.3, 5.9, 8.1, 10.3, 11.7, 14.1, 16.3, 18.7, 21.0, 22.7
    };

    private Radio() {}

    static double dbToLin(double db) {
        return Math.pow(10, db / 10);
    }

    static double linToDb(double lin) {
        return lin <= 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(lin);
    }

    static double pathLossDb(double distanceM) {
        double d = Math.max(distanceM, MIN_DISTANCE_M);
        return 128.1 + 37.6 * Math.log10(d / 1000.0);
    }

    /**
     * Antenna gain in dBi towards a point seen under {@code bearingDeg} from a sector pointing at
     * {@code azimuthDeg} (both clockwise from north).
     */
    static double antennaGainDb(double bearingDeg, double azimuthDeg) {
        double off = bearingDeg - azimuthDeg;
        off = ((off % 360) + 540) % 360 - 180;  // -180..180
        double ratio = off / BEAMWIDTH_DEG;
        return ANTENNA_GAIN_DBI - Math.min(12 * ratio * ratio, FRONT_TO_BACK_DB);
    }

    /** Bearing of (dx, dy) in degrees clockwise from north (the +y axis), 0..360. */
    static double bearingDeg(double dx, double dy) {
        double deg = Math.toDegrees(Math.atan2(dx, dy));
        return deg < 0 ? deg + 360 : deg;
    }

    /** Per-resource-element power in dBm of a cell transmitting {@code txPowerDbm} over {@code prbs}. */
    static double perRePowerDbm(double txPowerDbm, int prbs) {
        return txPowerDbm - 10 * Math.log10(12.0 * prbs);
    }

    static int cqi(double sinrDb) {
        int cqi = 0;
        while (cqi < CQI_SINR_DB.length && sinrDb >= CQI_SINR_DB[cqi]) cqi++;
        return cqi;
    }

    static double spectralEfficiency(double sinrDb) {
        if (sinrDb < -10) return 0;
        double sinr = dbToLin(sinrDb);
        double rank1 = Math.min(0.75 * log2(1 + sinr), MAX_SPECTRAL_EFFICIENCY);
        double rank2 = 2 * Math.min(0.75 * log2(1 + sinr / 4), MAX_SPECTRAL_EFFICIENCY);
        return Math.max(rank1, rank2);
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    /** Rate of one PRB in Mbit/s at the given SINR. */
    static double prbRateMbps(double sinrDb) {
        return PRB_BANDWIDTH_MHZ * spectralEfficiency(sinrDb) * OVERHEAD_FACTOR;
    }

    static double dbmToWatt(double dbm) {
        return Math.pow(10, (dbm - 30) / 10);
    }

    /** Cell input power in W for the EARTH-like model. */
    static double cellPowerW(boolean sleeping, double txPowerDbm, double load) {
        if (sleeping) return P_SLEEP_W;
        return P0_W + DELTA_P * dbmToWatt(txPowerDbm) * Math.max(0, Math.min(1, load));
    }
}
