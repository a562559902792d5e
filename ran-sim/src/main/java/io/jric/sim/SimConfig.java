package io.jric.sim;

import java.util.List;
import java.util.Objects;

/**
 * Immutable configuration of the RAN simulation, built with {@link #builder()}.
 *
 * <p>Every value is validated when {@link Builder#build()} runs; a bad value throws an
 * {@link IllegalArgumentException} naming the field, the value and what was expected, for example
 * {@code "gnbs: 0 (expected: >= 1)"}. Defaults describe a 7-site, 21-cell urban macro layout at
 * 500 m inter-site distance with 300 moving UEs.
 *
 * <p>Units: distances in metres, times in simulated milliseconds, powers in dBm, offsets in dB,
 * rates in Mbit/s.
 */
public final class SimConfig {
    private final long seed;
    private final int gnbs;
    private final int cellsPerGnb;
    private final int ues;
    private final double interSiteDistanceM;
    private final int tickMs;
    private final double bandwidthMhz;
    private final int prbs;
    private final double maxTxPowerDbm;
    private final double minTxPowerDbm;
    private final double defaultTxPowerDbm;
    private final double a3HysteresisDb;
    private final int a3TimeToTriggerMs;
    private final double a3OffsetDb;
    private final double ueSpeedMinMps;
    private final double ueSpeedMaxMps;
    private final double rlfSinrThresholdDb;
    private final int rlfTimerMs;
    private final int pingPongWindowMs;
    private final double trafficMeanMbps;
    private final double trafficSwing;
    private final long trafficSwingPeriodMs;
    private final long trafficOnMeanMs;
    private final long trafficOffMeanMs;
    private final double shadowingSigmaDb;
    private final double hotspotShare;
    private final double hotspotRadiusM;
    private final double hotspotX;
    private final double hotspotY;
    private final String mcc;
    private final String mnc;
    private final long firstGnbId;
    private final List<Carrier> carriers;
    private final double interFreqHysteresisDb;
    private final int interFreqTimeToTriggerMs;
    private final double ftpFileArrivalsPerS;
    private final double ftpFileSizeMbit;
    private final double indoorShare;

    private SimConfig(Builder b) {
        this.seed = b.seed;
        this.gnbs = b.gnbs;
        this.cellsPerGnb = b.cellsPerGnb;
        this.ues = b.ues;
        this.interSiteDistanceM = b.interSiteDistanceM;
        this.tickMs = b.tickMs;
        this.bandwidthMhz = b.bandwidthMhz;
        this.prbs = b.prbs;
        this.maxTxPowerDbm = b.maxTxPowerDbm;
        this.minTxPowerDbm = b.minTxPowerDbm;
        this.defaultTxPowerDbm = b.defaultTxPowerDbm;
        this.a3HysteresisDb = b.a3HysteresisDb;
        this.a3TimeToTriggerMs = b.a3TimeToTriggerMs;
        this.a3OffsetDb = b.a3OffsetDb;
        this.ueSpeedMinMps = b.ueSpeedMinMps;
        this.ueSpeedMaxMps = b.ueSpeedMaxMps;
        this.rlfSinrThresholdDb = b.rlfSinrThresholdDb;
        this.rlfTimerMs = b.rlfTimerMs;
        this.pingPongWindowMs = b.pingPongWindowMs;
        this.trafficMeanMbps = b.trafficMeanMbps;
        this.trafficSwing = b.trafficSwing;
        this.trafficSwingPeriodMs = b.trafficSwingPeriodMs;
        this.trafficOnMeanMs = b.trafficOnMeanMs;
        this.trafficOffMeanMs = b.trafficOffMeanMs;
        this.shadowingSigmaDb = b.shadowingSigmaDb;
        this.hotspotShare = b.hotspotShare;
        this.hotspotRadiusM = b.hotspotRadiusM;
        this.hotspotX = b.hotspotX;
        this.hotspotY = b.hotspotY;
        this.mcc = b.mcc;
        this.mnc = b.mnc;
        this.firstGnbId = b.firstGnbId;
        this.carriers = b.carriers;
        this.interFreqHysteresisDb = b.interFreqHysteresisDb;
        this.interFreqTimeToTriggerMs = b.interFreqTimeToTriggerMs;
        this.ftpFileArrivalsPerS = b.ftpFileArrivalsPerS;
        this.ftpFileSizeMbit = b.ftpFileSizeMbit;
        this.indoorShare = b.indoorShare;
    }

    /** A builder with every default set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration (seed 1). */
    public static SimConfig defaults() {
        return builder().build();
    }

    /**
     * A named preset, for the command line: {@code default}; {@code two-layer} (every sector a 10 MHz 700 MHz
     * cell and a 100 MHz 3.5 GHz cell, {@link Carrier#lowBand()} and {@link Carrier#midBand()});
     * {@code ftp3} (finite-buffer traffic, {@link Builder#ftp3(double, double)} at 0.25 files/s of 4 Mbit);
     * {@code two-layer-ftp3} (both).
     *
     * @throws IllegalArgumentException unknown name
     */
    public static Builder preset(String name) {
        Objects.requireNonNull(name, "name");
        return switch (name) {
            case "default" -> builder();
            case "two-layer" -> twoLayer();
            case "ftp3" -> builder().ftp3(0.25, 4);
            case "two-layer-ftp3" -> twoLayer().ftp3(0.25, 4);
            default -> throw new IllegalArgumentException("preset: " + name
                    + " (expected one of default, two-layer, ftp3, two-layer-ftp3)");
        };
    }

    private static Builder twoLayer() {
        return builder().carriers(List.of(Carrier.lowBand(), Carrier.midBand())).indoorShare(0.8);
    }

    /** A builder initialised from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Master seed; every random stream of the model derives from it. */
    public long seed() { return seed; }
    /** Number of gNB sites, placed on hexagonal rings around a centre site. */
    public int gnbs() { return gnbs; }
    /** Sector cells per gNB, with azimuths spread evenly from 0 degrees (3: 0/120/240). */
    public int cellsPerGnb() { return cellsPerGnb; }
    /** Number of UEs. */
    public int ues() { return ues; }
    /** Distance between neighbouring sites in metres. */
    public double interSiteDistanceM() { return interSiteDistanceM; }
    /** Simulated time advanced by one {@link RanModel#step()}. */
    public int tickMs() { return tickMs; }
    /** Channel bandwidth in MHz (informational; capacity follows {@link #prbs()}). */
    public double bandwidthMhz() { return bandwidthMhz; }
    /** Physical resource blocks per cell (180 kHz each). */
    public int prbs() { return prbs; }
    /** Highest settable Tx power. */
    public double maxTxPowerDbm() { return maxTxPowerDbm; }
    /** Lowest settable Tx power. */
    public double minTxPowerDbm() { return minTxPowerDbm; }
    /** Tx power of every cell at start. */
    public double defaultTxPowerDbm() { return defaultTxPowerDbm; }
    /** A3 hysteresis in dB. */
    public double a3HysteresisDb() { return a3HysteresisDb; }
    /** A3 time to trigger in ms. */
    public int a3TimeToTriggerMs() { return a3TimeToTriggerMs; }
    /** A3 offset in dB. */
    public double a3OffsetDb() { return a3OffsetDb; }
    /** Lowest UE speed in m/s. */
    public double ueSpeedMinMps() { return ueSpeedMinMps; }
    /** Highest UE speed in m/s. */
    public double ueSpeedMaxMps() { return ueSpeedMaxMps; }
    /** SINR below which the radio link failure timer runs. */
    public double rlfSinrThresholdDb() { return rlfSinrThresholdDb; }
    /** How long the SINR must stay below the threshold before a radio link failure (T310-like). */
    public int rlfTimerMs() { return rlfTimerMs; }
    /** A handover back to the previous cell within this window counts as a ping-pong. */
    public int pingPongWindowMs() { return pingPongWindowMs; }
    /** Mean downlink demand of an active UE in Mbit/s (uplink demand is a quarter of it). */
    public double trafficMeanMbps() { return trafficMeanMbps; }
    /** Amplitude (0..1) of the slow sinusoidal swing of every UE's demand. */
    public double trafficSwing() { return trafficSwing; }
    /** Period of the demand swing in simulated ms. */
    public long trafficSwingPeriodMs() { return trafficSwingPeriodMs; }
    /** Mean length of a UE's active (on) period in ms. */
    public long trafficOnMeanMs() { return trafficOnMeanMs; }
    /** Mean length of a UE's idle (off) period in ms; 0 keeps every UE always on. */
    public long trafficOffMeanMs() { return trafficOffMeanMs; }
    /** Standard deviation of the log-normal shadowing in dB. */
    public double shadowingSigmaDb() { return shadowingSigmaDb; }
    /**
     * Share (0..1) of the UEs that start and roam inside the hotspot: a disc of {@link #hotspotRadiusM()}
     * centred at {@link #hotspotX()}, {@link #hotspotY()} or, when those are not set, 0.4 ISD from the
     * first site along its first sector's azimuth (so inside that sector). 0 (the default): every UE roams
     * the whole area.
     */
    public double hotspotShare() { return hotspotShare; }
    /** Radius of the hotspot in m. */
    public double hotspotRadiusM() { return hotspotRadiusM; }
    /**
     * Hotspot centre x in m (the first site is at 0, 0), or NaN (the default) for the first sector's; must lie
     * in the simulated area (the sites' bounding box plus 0.6 ISD). Ignored while {@link #hotspotShare()} is 0.
     */
    public double hotspotX() { return hotspotX; }
    /** Hotspot centre y in m (y points along azimuth 0), or NaN (the default) for the first sector's. */
    public double hotspotY() { return hotspotY; }
    /** Mobile country code (3 digits). */
    public String mcc() { return mcc; }
    /** Mobile network code (2 or 3 digits). */
    public String mnc() { return mnc; }
    /** gNB id (22 bits) of the first site; site {@code i} gets {@code firstGnbId + i}. */
    public long firstGnbId() { return firstGnbId; }

    /**
     * The carriers every site radiates on, one cell per sector and carrier (local cell id {@code carrier *
     * cellsPerGnb + sector}); empty (the default): one carrier of {@link #prbs()} PRBs at 2 GHz, as always.
     */
    public List<Carrier> carriers() { return carriers; }
    /** Whether {@link #carriers()} lists any (then even a single listed carrier uses the per-carrier model). */
    public boolean multiCarrier() { return !carriers.isEmpty(); }
    /** Hysteresis (dB) of the inter-frequency A4/A5 events every cell configures. */
    public double interFreqHysteresisDb() { return interFreqHysteresisDb; }
    /** Time to trigger (ms) of the inter-frequency A4/A5 events. */
    public int interFreqTimeToTriggerMs() { return interFreqTimeToTriggerMs; }
    /**
     * Mean file arrivals per second and UE of the finite-buffer FTP model 3 traffic (TR 36.814 / TR 36.889):
     * Poisson arrivals of files of {@link #ftpFileSizeMbit()}, the rate swung by {@link #trafficSwing()}; 0
     * (the default): the full-buffer on/off traffic of {@link #trafficMeanMbps()}.
     */
    public double ftpFileArrivalsPerS() { return ftpFileArrivalsPerS; }
    /** Size of one FTP model 3 file in Mbit (4 Mbit = 0.5 MB, the size TR 36.889 uses). */
    public double ftpFileSizeMbit() { return ftpFileSizeMbit; }
    /**
     * Share (0..1) of the UEs that are indoors (multi-carrier only): each gets an outdoor-to-indoor loss of TR
     * 38.901 (7.4.3), half of them the low-loss and half the high-loss building model, with an indoor distance
     * drawn uniformly in 0..25 m; the loss grows with frequency (at 700 MHz about 10 / 18 dB through the wall,
     * at 3.5 GHz 13 / 27 dB). The UE keeps its loss as it moves. 0 (the default): every UE outdoors.
     */
    public double indoorShare() { return indoorShare; }
    /** Whether the traffic is FTP model 3 ({@link #ftpFileArrivalsPerS()} above 0). */
    public boolean ftp3() { return ftpFileArrivalsPerS > 0; }

    @Override
    public String toString() {
        return "SimConfig{seed=" + seed + ", gnbs=" + gnbs + ", cellsPerGnb=" + cellsPerGnb + ", ues=" + ues
                + ", isd=" + interSiteDistanceM + "m, tick=" + tickMs + "ms, prbs=" + prbs
                + ", tx=" + defaultTxPowerDbm + "dBm [" + minTxPowerDbm + ", " + maxTxPowerDbm + "]"
                + ", a3{hys=" + a3HysteresisDb + ", ttt=" + a3TimeToTriggerMs + ", off=" + a3OffsetDb + "}"
                + ", traffic=" + trafficMeanMbps + "Mbps"
                + (hotspotShare > 0 ? ", hotspot{share=" + hotspotShare + ", r=" + hotspotRadiusM + "m"
                        + (Double.isNaN(hotspotX) ? "" : ", at=" + hotspotX + "," + hotspotY) + "}" : "")
                + (carriers.isEmpty() ? "" : ", carriers=" + carriers)
                + (ftpFileArrivalsPerS > 0 ? ", ftp3{" + ftpFileArrivalsPerS + "/s x " + ftpFileSizeMbit + "Mbit}" : "")
                + ", plmn=" + mcc + "/" + mnc + ", firstGnbId=" + firstGnbId + "}";
    }

    /** Mutable builder of {@link SimConfig}; {@link #build()} validates. */
    public static final class Builder {
        private long seed = 1;
        private int gnbs = 7;
        private int cellsPerGnb = 3;
        private int ues = 300;
        private double interSiteDistanceM = 500;
        private int tickMs = 100;
        private double bandwidthMhz = 20;
        private int prbs = 106;
        private double maxTxPowerDbm = 46;
        private double minTxPowerDbm = 20;
        private double defaultTxPowerDbm = 43;
        private double a3HysteresisDb = 3;
        private int a3TimeToTriggerMs = 320;
        private double a3OffsetDb = 0;
        private double ueSpeedMinMps = 1;
        private double ueSpeedMaxMps = 15;
        private double rlfSinrThresholdDb = -6;
        private int rlfTimerMs = 1000;
        private int pingPongWindowMs = 1000;
        private double trafficMeanMbps = 5;
        private double trafficSwing = 0.5;
        private long trafficSwingPeriodMs = 600_000;
        private long trafficOnMeanMs = 10_000;
        private long trafficOffMeanMs = 20_000;
        private double shadowingSigmaDb = 7;
        private double hotspotShare = 0;
        private double hotspotRadiusM = 150;
        private double hotspotX = Double.NaN;
        private double hotspotY = Double.NaN;
        private String mcc = "001";
        private String mnc = "01";
        private long firstGnbId = 1;
        private List<Carrier> carriers = List.of();
        private double interFreqHysteresisDb = 1;
        private int interFreqTimeToTriggerMs = 320;
        private double ftpFileArrivalsPerS = 0;
        private double ftpFileSizeMbit = 4;
        private double indoorShare = 0;

        private Builder() {}

        private Builder(SimConfig c) {
            seed = c.seed; gnbs = c.gnbs; cellsPerGnb = c.cellsPerGnb; ues = c.ues;
            interSiteDistanceM = c.interSiteDistanceM; tickMs = c.tickMs; bandwidthMhz = c.bandwidthMhz;
            prbs = c.prbs; maxTxPowerDbm = c.maxTxPowerDbm; minTxPowerDbm = c.minTxPowerDbm;
            defaultTxPowerDbm = c.defaultTxPowerDbm; a3HysteresisDb = c.a3HysteresisDb;
            a3TimeToTriggerMs = c.a3TimeToTriggerMs; a3OffsetDb = c.a3OffsetDb; ueSpeedMinMps = c.ueSpeedMinMps;
            ueSpeedMaxMps = c.ueSpeedMaxMps; rlfSinrThresholdDb = c.rlfSinrThresholdDb; rlfTimerMs = c.rlfTimerMs;
            pingPongWindowMs = c.pingPongWindowMs; trafficMeanMbps = c.trafficMeanMbps; trafficSwing = c.trafficSwing;
            trafficSwingPeriodMs = c.trafficSwingPeriodMs; trafficOnMeanMs = c.trafficOnMeanMs;
            trafficOffMeanMs = c.trafficOffMeanMs; shadowingSigmaDb = c.shadowingSigmaDb;
            hotspotShare = c.hotspotShare; hotspotRadiusM = c.hotspotRadiusM;
            hotspotX = c.hotspotX; hotspotY = c.hotspotY; mcc = c.mcc; mnc = c.mnc;
            firstGnbId = c.firstGnbId; carriers = c.carriers;
            interFreqHysteresisDb = c.interFreqHysteresisDb; interFreqTimeToTriggerMs = c.interFreqTimeToTriggerMs;
            ftpFileArrivalsPerS = c.ftpFileArrivalsPerS; ftpFileSizeMbit = c.ftpFileSizeMbit;
            indoorShare = c.indoorShare;
        }

        /** See {@link SimConfig#seed()}. */
        public Builder seed(long v) { seed = v; return this; }
        /** See {@link SimConfig#gnbs()}. */
        public Builder gnbs(int v) { gnbs = v; return this; }
        /** See {@link SimConfig#cellsPerGnb()}. */
        public Builder cellsPerGnb(int v) { cellsPerGnb = v; return this; }
        /** See {@link SimConfig#ues()}. */
        public Builder ues(int v) { ues = v; return this; }
        /** See {@link SimConfig#interSiteDistanceM()}. */
        public Builder interSiteDistanceM(double v) { interSiteDistanceM = v; return this; }
        /** See {@link SimConfig#tickMs()}. */
        public Builder tickMs(int v) { tickMs = v; return this; }
        /** See {@link SimConfig#bandwidthMhz()}. */
        public Builder bandwidthMhz(double v) { bandwidthMhz = v; return this; }
        /** See {@link SimConfig#prbs()}. */
        public Builder prbs(int v) { prbs = v; return this; }
        /** See {@link SimConfig#maxTxPowerDbm()}. */
        public Builder maxTxPowerDbm(double v) { maxTxPowerDbm = v; return this; }
        /** See {@link SimConfig#minTxPowerDbm()}. */
        public Builder minTxPowerDbm(double v) { minTxPowerDbm = v; return this; }
        /** See {@link SimConfig#defaultTxPowerDbm()}. */
        public Builder defaultTxPowerDbm(double v) { defaultTxPowerDbm = v; return this; }
        /** See {@link SimConfig#a3HysteresisDb()}. */
        public Builder a3HysteresisDb(double v) { a3HysteresisDb = v; return this; }
        /** See {@link SimConfig#a3TimeToTriggerMs()}. */
        public Builder a3TimeToTriggerMs(int v) { a3TimeToTriggerMs = v; return this; }
        /** See {@link SimConfig#a3OffsetDb()}. */
        public Builder a3OffsetDb(double v) { a3OffsetDb = v; return this; }
        /** See {@link SimConfig#ueSpeedMinMps()}. */
        public Builder ueSpeedMinMps(double v) { ueSpeedMinMps = v; return this; }
        /** See {@link SimConfig#ueSpeedMaxMps()}. */
        public Builder ueSpeedMaxMps(double v) { ueSpeedMaxMps = v; return this; }
        /** See {@link SimConfig#rlfSinrThresholdDb()}. */
        public Builder rlfSinrThresholdDb(double v) { rlfSinrThresholdDb = v; return this; }
        /** See {@link SimConfig#rlfTimerMs()}. */
        public Builder rlfTimerMs(int v) { rlfTimerMs = v; return this; }
        /** See {@link SimConfig#pingPongWindowMs()}. */
        public Builder pingPongWindowMs(int v) { pingPongWindowMs = v; return this; }
        /** See {@link SimConfig#trafficMeanMbps()}. */
        public Builder trafficMeanMbps(double v) { trafficMeanMbps = v; return this; }
        /** See {@link SimConfig#trafficSwing()}. */
        public Builder trafficSwing(double v) { trafficSwing = v; return this; }
        /** See {@link SimConfig#trafficSwingPeriodMs()}. */
        public Builder trafficSwingPeriodMs(long v) { trafficSwingPeriodMs = v; return this; }
        /** See {@link SimConfig#trafficOnMeanMs()}. */
        public Builder trafficOnMeanMs(long v) { trafficOnMeanMs = v; return this; }
        /** See {@link SimConfig#trafficOffMeanMs()}. */
        public Builder trafficOffMeanMs(long v) { trafficOffMeanMs = v; return this; }
        /** See {@link SimConfig#hotspotShare()}. */
        public Builder hotspotShare(double v) { hotspotShare = v; return this; }
        /** See {@link SimConfig#hotspotRadiusM()}. */
        public Builder hotspotRadiusM(double v) { hotspotRadiusM = v; return this; }
        /** Centres the hotspot at {@code x, y} m; NaN, NaN: the first sector's default centre. */
        public Builder hotspotCentre(double x, double y) { hotspotX = x; hotspotY = y; return this; }
        /** See {@link SimConfig#shadowingSigmaDb()}. */
        public Builder shadowingSigmaDb(double v) { shadowingSigmaDb = v; return this; }
        /** Sets the PLMN; see {@link SimConfig#mcc()} and {@link SimConfig#mnc()}. */
        public Builder plmn(String mccDigits, String mncDigits) { mcc = mccDigits; mnc = mncDigits; return this; }
        /** See {@link SimConfig#firstGnbId()}. */
        public Builder firstGnbId(long v) { firstGnbId = v; return this; }

        /** See {@link SimConfig#carriers()}; an empty list restores the single default carrier. */
        public Builder carriers(List<Carrier> v) { carriers = List.copyOf(Objects.requireNonNull(v, "carriers")); return this; }
        /** See {@link SimConfig#indoorShare()}. */
        public Builder indoorShare(double v) { indoorShare = v; return this; }
        /** See {@link SimConfig#interFreqHysteresisDb()}. */
        public Builder interFreqHysteresisDb(double v) { interFreqHysteresisDb = v; return this; }
        /** See {@link SimConfig#interFreqTimeToTriggerMs()}. */
        public Builder interFreqTimeToTriggerMs(int v) { interFreqTimeToTriggerMs = v; return this; }
        /** FTP model 3 traffic: Poisson file arrivals per UE at {@code filesPerS}, files of {@code fileSizeMbit}; 0 files/s: off. */
        public Builder ftp3(double filesPerS, double fileSizeMbit) {
            ftpFileArrivalsPerS = filesPerS;
            ftpFileSizeMbit = fileSizeMbit;
            return this;
        }

        /** Validates and builds; throws {@link IllegalArgumentException} naming the first bad field. */
        public SimConfig build() {
            atLeast("gnbs", gnbs, 1);
            range("cellsPerGnb", cellsPerGnb, 1, 16);
            atLeast("ues", ues, 0);
            positive("interSiteDistanceM", interSiteDistanceM);
            range("tickMs", tickMs, 1, 60_000);
            positive("bandwidthMhz", bandwidthMhz);
            range("prbs", prbs, 1, 275);
            if (!(minTxPowerDbm < maxTxPowerDbm)) {
                throw new IllegalArgumentException("minTxPowerDbm: " + minTxPowerDbm
                        + " (expected: < maxTxPowerDbm " + maxTxPowerDbm + ")");
            }
            finite("maxTxPowerDbm", maxTxPowerDbm);
            finite("minTxPowerDbm", minTxPowerDbm);
            range("defaultTxPowerDbm", defaultTxPowerDbm, minTxPowerDbm, maxTxPowerDbm);
            range("a3HysteresisDb", a3HysteresisDb, 0, 30);
            range("a3TimeToTriggerMs", a3TimeToTriggerMs, 0, 60_000);
            range("a3OffsetDb", a3OffsetDb, -30, 30);
            positive("ueSpeedMinMps", ueSpeedMinMps);
            if (!(ueSpeedMaxMps >= ueSpeedMinMps) || !Double.isFinite(ueSpeedMaxMps)) {
                throw new IllegalArgumentException("ueSpeedMaxMps: " + ueSpeedMaxMps
                        + " (expected: finite and >= ueSpeedMinMps " + ueSpeedMinMps + ")");
            }
            range("rlfSinrThresholdDb", rlfSinrThresholdDb, -30, 30);
            range("rlfTimerMs", rlfTimerMs, 0, 60_000);
            range("pingPongWindowMs", pingPongWindowMs, 0, 600_000);
            range("trafficMeanMbps", trafficMeanMbps, 0, 10_000);
            range("trafficSwing", trafficSwing, 0, 1);
            range("trafficSwingPeriodMs", trafficSwingPeriodMs, 1, Long.MAX_VALUE);
            range("trafficOnMeanMs", trafficOnMeanMs, 1, Long.MAX_VALUE);
            range("trafficOffMeanMs", trafficOffMeanMs, 0, Long.MAX_VALUE);
            range("shadowingSigmaDb", shadowingSigmaDb, 0, 20);
            range("hotspotShare", hotspotShare, 0, 1);
            range("hotspotRadiusM", hotspotRadiusM, 10, 5000);
            if (Double.isNaN(hotspotX) != Double.isNaN(hotspotY)) {
                throw new IllegalArgumentException("hotspotCentre: " + hotspotX + ", " + hotspotY
                        + " (expected: both set or both NaN)");
            }
            if (!Double.isNaN(hotspotX)) {
                double[] a = HexLayout.area(gnbs, interSiteDistanceM);
                range("hotspotX", hotspotX, a[0], a[2]);
                range("hotspotY", hotspotY, a[1], a[3]);
            }
            range("carriers", carriers.size(), 0, 4);
            if (carriers.size() * cellsPerGnb > (1 << RanModel.LOCAL_CELL_BITS)) {
                throw new IllegalArgumentException("carriers: " + carriers.size() + " x cellsPerGnb " + cellsPerGnb
                        + " (expected: at most " + (1 << RanModel.LOCAL_CELL_BITS) + " cells per gNB)");
            }
            for (int i = 0; i < carriers.size(); i++) {
                Carrier k = carriers.get(i);
                range("carriers[" + i + "].txPowerDbm", k.txPowerDbm(), minTxPowerDbm, maxTxPowerDbm);
                for (int j = 0; j < i; j++) {
                    if (carriers.get(j).name().equals(k.name())) {
                        throw new IllegalArgumentException("carriers[" + i + "].name: " + k.name() + " (expected: unique)");
                    }
                }
            }
            range("indoorShare", indoorShare, 0, 1);
            if (indoorShare > 0 && carriers.isEmpty()) {
                throw new IllegalArgumentException("indoorShare: " + indoorShare + " (expected: 0 without carriers)");
            }
            range("interFreqHysteresisDb", interFreqHysteresisDb, 0, 15);
            range("interFreqTimeToTriggerMs", interFreqTimeToTriggerMs, 0, 5120);
            range("ftpFileArrivalsPerS", ftpFileArrivalsPerS, 0, 100);
            range("ftpFileSizeMbit", ftpFileSizeMbit, 0.001, 10_000);
            Objects.requireNonNull(mcc, "mcc");
            Objects.requireNonNull(mnc, "mnc");
            if (!mcc.matches("\\d{3}")) {
                throw new IllegalArgumentException("mcc: " + mcc + " (expected: 3 digits)");
            }
            if (!mnc.matches("\\d{2,3}")) {
                throw new IllegalArgumentException("mnc: " + mnc + " (expected: 2 or 3 digits)");
            }
            long maxGnbId = (1L << RanModel.GNB_ID_BITS) - 1;
            range("firstGnbId", firstGnbId, 0, maxGnbId - gnbs + 1);
            return new SimConfig(this);
        }

        private static void atLeast(String name, long v, long min) {
            if (v < min) throw new IllegalArgumentException(name + ": " + v + " (expected: >= " + min + ")");
        }

        private static void range(String name, long v, long min, long max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + ".." + max + ")");
            }
        }

        private static void range(String name, double v, double min, double max) {
            if (!(v >= min && v <= max)) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + ".." + max + ")");
            }
        }

        private static void positive(String name, double v) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: finite and > 0)");
            }
        }

        private static void finite(String name, double v) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException(name + ": " + v + " (expected: finite)");
        }
    }
}
