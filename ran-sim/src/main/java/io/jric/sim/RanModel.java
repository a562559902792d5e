package io.jric.sim;

import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.GlobalE2NodeGnbId;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.GlobalGnbId;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.CellOperationalState;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.NeighbourMeasurement;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic system-level model of a RAN: gNB sites on a hexagonal layout, sector cells, moving
 * UEs, radio links, handovers, radio link failures, scheduling and energy.
 *
 * <h2>Identifiers</h2>
 * gNB {@code i} (0-based, layout order: centre site, then ring by ring) has the 22-bit gNB id
 * {@code firstGnbId + i} (see {@link #globalNodeId(int)}); its sector {@code s} has the 36-bit NR
 * cell identity {@code NCI = gnbId << 14 | s}. Cells are addressed by {@code E2Ids.cellId(NrCgi)},
 * e.g. {@code "00f110:000004000"} for PLMN 001/01, gNB 1, sector 0. UE ids run from 1 to
 * {@code ues}.
 *
 * <h2>Time and determinism</h2>
 * The model starts at simulated time 0 and only moves when {@link #step()} advances it by
 * {@link SimConfig#tickMs()}. Every random stream derives from {@link SimConfig#seed()}, and all
 * iteration is in index order, so one seed and one sequence of calls give identical results.
 *
 * <h2>Radio model</h2>
 * RSRP per cell = Tx power per resource element + antenna gain (3GPP sector pattern, 65 deg, 25 dB
 * front-to-back, 15 dBi) - path loss (128.1 + 37.6 log10(d km)) - spatially correlated log-normal
 * shadowing per site. SINR counts every other radiating cell weighted by its previous-tick PRB load
 * (plus 10 % for always-on signals), thermal noise and any interference fault. Each cell shares its
 * 106 PRBs max-min fairly among its UEs' demands (attenuated Shannon rate, capped); the uplink
 * (a quarter of the demand) uses the downlink SINR less 3 dB, less an interference burst's rise at the
 * cell's receiver over a nominal 6 dB interference over thermal; energy follows
 * an EARTH-like {@code P = 130 W + 4.7 * Ptx(W) * load}, 75 W when asleep. Mobility uses the A3
 * event with CIO, hysteresis, offset and time to trigger; a UE whose SINR stays below the RLF
 * threshold for the RLF timer re-establishes on the strongest cell; UEs of a cell put to sleep are
 * handed over at the next tick.
 *
 * <h2>Options off by default</h2>
 * {@link SimConfig#carriers()}: one cell per sector and {@link Carrier}, each carrier its own path-loss
 * frequency term, numerology and interference; A3 within a carrier, A4/A5 across them with per-cell
 * thresholds, per-frequency offsets and CIOs; {@link SimConfig#indoorShare()} adds TR 38.901's
 * outdoor-to-indoor loss. {@link SimConfig#ftp3()}: FTP model 3 file traffic instead of the on/off demand
 * ({@link #fileTransfers()}). Neither draws from the default random streams nor changes a value when off.
 *
 * <h2>Threads</h2>
 * Thread-safe: every public method locks the model, so controls from other threads interleave
 * between ticks.
 */
public final class RanModel {
    /** Bits of the gNB id inside the NR cell identity and the GlobalGnbId BIT STRING. */
    public static final int GNB_ID_BITS = 22;
    /** Bits of the local cell id inside the 36-bit NR cell identity. */
    public static final int LOCAL_CELL_BITS = 14;
    /** Lowest settable CIO in dB. */
    public static final double MIN_CIO_DB = -24;
    /** Highest settable CIO in dB. */
    public static final double MAX_CIO_DB = 24;
    private static final int NEIGHBOURS_REPORTED = 3;
    private static final long FTP_SEED_SALT = 0x6674703321L;
    private static final long O2I_SEED_SALT = 0x6f3269L;

    private final SimConfig cfg;
    private final PlmnIdentity plmn;
    private final CellState[] cells;
    private final UeState[] ues;
    private final Map<String, Integer> cellIndex = new HashMap<>();  // lookup only, never iterated
    private final List<List<String>> cellIdsByGnb = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final ThroughputHistogram histogram = new ThroughputHistogram();
    private final RadioEngine engine;
    private long timeMs;
    private long ricHandovers;

    /** Builds the layout, places the UEs and attaches each to its strongest cell (time 0). */
    public RanModel(SimConfig config) {
        this.cfg = config;
        this.plmn = E2Ids.plmn(config.mcc(), config.mnc());
        SplittableRandom master = new SplittableRandom(config.seed());
        double isd = config.interSiteDistanceM();
        double[][] sites = HexLayout.sites(config.gnbs(), isd);
        double[] area = HexLayout.area(config.gnbs(), isd);
        SplittableRandom shadowRnd = master.split();
        ShadowingMap[] shadowing = new ShadowingMap[sites.length];
        for (int g = 0; g < sites.length; g++) {
            shadowing[g] = new ShadowingMap(shadowRnd.split(), area[0], area[1], area[2], area[3],
                    config.shadowingSigmaDb());
        }
        int perGnb = config.cellsPerGnb();
        List<Carrier> carriers = config.carriers();
        int layers = Math.max(1, carriers.size());
        cells = new CellState[sites.length * perGnb * layers];
        for (int g = 0; g < sites.length; g++) {
            List<String> ids = new ArrayList<>(perGnb * layers);
            long gnbId = config.firstGnbId() + g;
            for (int k = 0; k < layers; k++) {
                for (int s = 0; s < perGnb; s++) {
                    int idx = (g * layers + k) * perGnb + s;
                    long nci = (gnbId << LOCAL_CELL_BITS) | ((long) k * perGnb + s);
                    NrCgi cgi = NrCgi.newBuilder().setPlmnIdentity(plmn.getValue()).setNrCellIdentity(nci).build();
                    String id = E2Ids.cellId(cgi);
                    Carrier carrier = carriers.isEmpty() ? null : carriers.get(k);
                    cells[idx] = new CellState(idx, g, s, nci, id, cgi, sites[g][0], sites[g][1], 360.0 * s / perGnb,
                            carrier == null ? config.defaultTxPowerDbm() : carrier.txPowerDbm());
                    CellState c = cells[idx];
                    c.a3HysteresisDb = config.a3HysteresisDb();
                    c.a3TimeToTriggerMs = config.a3TimeToTriggerMs();
                    c.carrier = k;
                    c.prbs = carrier == null ? config.prbs() : carrier.prbs();
                    c.perReOffsetDb = -10 * Math.log10(12.0 * c.prbs);
                    c.freqOffsetDb = new double[layers];
                    if (carrier != null) {
                        c.noisePerReMw = Radio.NOISE_PER_RE_MW * carrier.scsKhz() / 15.0;
                        c.pathLossOffsetDb = carrier.pathLossOffsetDb();
                        c.prbScale = carrier.scsKhz() / 15.0;
                        c.interFreqThreshold1Dbm = carrier.interFreqThreshold1Dbm();
                        c.interFreqThreshold2Dbm = carrier.interFreqThreshold2Dbm();
                    }
                    cellIndex.put(id, idx);
                    ids.add(id);
                }
            }
            cellIdsByGnb.add(Collections.unmodifiableList(ids));
        }
        ues = new UeState[config.ues()];
        SplittableRandom ueRnd = master.split();
        engine = new RadioEngine(config, cells, ues, shadowing, area, histogram);
        if (config.hotspotShare() > 0) {
            double az = Math.toRadians(cells[0].azimuthDeg);
            engine.hotspot = Double.isNaN(config.hotspotX())
                    ? new double[] {cells[0].x + 0.4 * isd * Math.sin(az), cells[0].y + 0.4 * isd * Math.cos(az),
                            config.hotspotRadiusM()}
                    : new double[] {config.hotspotX(), config.hotspotY(), config.hotspotRadiusM()};
        }
        for (int i = 0; i < ues.length; i++) {
            SplittableRandom mobility = ueRnd.split();
            SplittableRandom traffic = ueRnd.split();
            double sigma = 0.5;
            double base = config.trafficMeanMbps() * Math.exp(sigma * traffic.nextGaussian() - sigma * sigma / 2);
            UeState ue = new UeState(i, i + 1L, mobility, traffic, base, cells.length);
            ue.x = area[0] + mobility.nextDouble() * (area[2] - area[0]);
            ue.y = area[1] + mobility.nextDouble() * (area[3] - area[1]);
            if (engine.inHotspot(ue)) {
                double[] p = engine.hotspotPoint(mobility);
                ue.x = p[0];
                ue.y = p[1];
            }
            engine.newWaypoint(ue);
            engine.initTraffic(ue);
            ues[i] = ue;
        }
        if (config.multiCarrier()) {
            // Indoor UEs from a stream of their own (nothing above draws differently)
            SplittableRandom o2i = new SplittableRandom(config.seed() ^ O2I_SEED_SALT);
            for (UeState ue : ues) {
                ue.rxMwByCarrier = new double[layers];
                ue.o2iLossDb = new double[layers];
                SplittableRandom r = o2i.split();
                boolean indoor = r.nextDouble() < config.indoorShare();
                boolean highLoss = r.nextDouble() < 0.5;
                double inside = 0.5 * 25 * r.nextDouble();  // TR 38.901: 0.5 dB per m, d_2D-in up to 25 m
                for (int k = 0; indoor && k < layers; k++) {
                    ue.o2iLossDb[k] = carriers.get(k).wallLossDb(highLoss) + inside;
                }
            }
        }
        if (config.ftp3()) {
            // A stream of its own, so that the draws above (positions, mobility, the on/off traffic the
            // FTP model replaces) stay what they are for every seed.
            SplittableRandom ftp = new SplittableRandom(config.seed() ^ FTP_SEED_SALT);
            for (UeState ue : ues) {
                ue.ftpRnd = ftp.split();
                ue.on = false;  // no file yet
                ue.demandDlMbps = 0;
            }
        }
        engine.initialise();
    }

    // ------------------------------------------------------------------------------ time

    /** Advances the model by one tick of {@link SimConfig#tickMs()} simulated milliseconds. */
    public synchronized void step() {
        timeMs += cfg.tickMs();
        engine.step(timeMs, faults);
    }

    /** Advances the model by {@code n} ticks. */
    public synchronized void step(int n) {
        for (int i = 0; i < n; i++) step();
    }

    /** Simulated time in ms since start. */
    public synchronized long timeMs() {
        return timeMs;
    }

    /** The configuration. */
    public SimConfig config() {
        return cfg;
    }

    // ------------------------------------------------------------------------------ identifiers

    /** Number of gNBs. */
    public int gnbCount() {
        return cellIdsByGnb.size();
    }

    /** Ids of all cells, gNB by gNB, sector by sector. */
    public List<String> cellIds() {
        List<String> out = new ArrayList<>(cells.length);
        for (CellState c : cells) out.add(c.id);
        return out;
    }

    /** Ids of the cells of gNB {@code gnbIndex}. */
    public List<String> cellIds(int gnbIndex) {
        checkGnb(gnbIndex);
        return cellIdsByGnb.get(gnbIndex);
    }

    /** NR CGIs of the cells of gNB {@code gnbIndex}. */
    public List<NrCgi> cellCgis(int gnbIndex) {
        List<NrCgi> out = new ArrayList<>();
        for (String id : cellIds(gnbIndex)) out.add(cells[cellIndex.get(id)].cgi);
        return out;
    }

    /** Whether {@code cellId} names a cell of this model. */
    public boolean hasCell(String cellId) {
        return cellId != null && cellIndex.containsKey(cellId);
    }

    /** Whether {@code ueId} names a UE of this model. */
    public boolean hasUe(long ueId) {
        return ueId >= 1 && ueId <= ues.length;
    }

    /** Index of the gNB owning {@code cellId}. */
    public int gnbOf(String cellId) {
        return cells[index(cellId)].gnbIndex;
    }

    /** The PLMN identity of every cell and node. */
    public PlmnIdentity plmn() {
        return plmn;
    }

    /** The 22-bit gNB id of gNB {@code gnbIndex}. */
    public long gnbId(int gnbIndex) {
        checkGnb(gnbIndex);
        return cfg.firstGnbId() + gnbIndex;
    }

    /** GlobalE2NodeId (gNB choice) of gNB {@code gnbIndex}: PLMN and a 22-bit gNB id BIT STRING. */
    public GlobalE2NodeId globalNodeId(int gnbIndex) {
        BitString id = BitString.newBuilder().setValue(gnbId(gnbIndex)).setLength(GNB_ID_BITS).build();
        return GlobalE2NodeId.newBuilder()
                .setGnb(GlobalE2NodeGnbId.newBuilder()
                        .setGlobalGnbId(GlobalGnbId.newBuilder().setPlmnIdentity(plmn).setGnbId(id)))
                .build();
    }

    /** {@code E2Ids.nodeId} of gNB {@code gnbIndex}. */
    public String nodeId(int gnbIndex) {
        return E2Ids.nodeId(globalNodeId(gnbIndex));
    }

    // ------------------------------------------------------------------------------ controls

    /**
     * Hands UE {@code ueId} over to {@code targetCellId} now (counted on the source cell like any
     * handover). Returns the NR cell identity serving the UE afterwards.
     *
     * @throws IllegalArgumentException unknown UE or cell
     * @throws IllegalStateException    the UE has no cell, the target does not radiate, or the target's
     *                                  SINR is below the RLF threshold (attempt counted, UE stays)
     */
    public synchronized long handover(long ueId, String targetCellId) {
        UeState ue = ue(ueId);
        int target = index(targetCellId);
        if (ue.serving < 0) throw new IllegalStateException("ueId: " + ueId + " has no serving cell");
        if (ue.serving == target) return cells[target].nci;
        if (!cells[target].radiating()) {
            throw new IllegalStateException("targetCellId: " + targetCellId + " is "
                    + (cells[target].sleeping ? "sleeping" : "in outage"));
        }
        ricHandovers++;
        if (!engine.handover(ue, target, timeMs)) {
            throw new IllegalStateException("handover of ue " + ueId + " to " + targetCellId
                    + " failed: target SINR below " + cfg.rlfSinrThresholdDb() + " dB");
        }
        return cells[ue.serving].nci;
    }

    /** Sets the cell individual offset, {@value #MIN_CIO_DB}..{@value #MAX_CIO_DB} dB; returns it. */
    public synchronized double setCio(String cellId, double db) {
        CellState c = cells[index(cellId)];
        if (!(db >= MIN_CIO_DB && db <= MAX_CIO_DB)) {
            throw new IllegalArgumentException("cioDb: " + db + " (expected: " + MIN_CIO_DB + ".." + MAX_CIO_DB + ")");
        }
        c.cioDb = db;
        return db;
    }

    /** Highest settable A3 hysteresis in dB (3GPP TS 38.331 Hysteresis: 0..30 in 0.5 dB steps). */
    public static final double MAX_A3_HYSTERESIS_DB = 15;
    /** The A3 times to trigger a cell can configure, in ms (3GPP TS 38.331 TimeToTrigger). */
    public static final int[] A3_TIMES_TO_TRIGGER_MS = {0, 40, 64, 80, 100, 128, 160, 256, 320, 480, 512, 640, 1024,
            1280, 2560, 5120};

    /**
     * Sets the A3 hysteresis, 0..{@value #MAX_A3_HYSTERESIS_DB} dB in 0.5 dB steps, the cell configures
     * for the UEs it serves (their A3 entering condition while it is their serving cell); returns it.
     */
    public synchronized double setA3Hysteresis(String cellId, double db) {
        CellState c = cells[index(cellId)];
        if (!(db >= 0 && db <= MAX_A3_HYSTERESIS_DB) || db * 2 != Math.rint(db * 2)) {
            throw new IllegalArgumentException("a3HysteresisDb: " + db + " (expected: 0.." + MAX_A3_HYSTERESIS_DB
                    + " in 0.5 dB steps)");
        }
        c.a3HysteresisDb = db;
        return db;
    }

    /**
     * Sets the A3 time to trigger, one of {@link #A3_TIMES_TO_TRIGGER_MS} ms, the cell configures for the
     * UEs it serves; returns it.
     */
    public synchronized int setA3TimeToTrigger(String cellId, int ms) {
        CellState c = cells[index(cellId)];
        if (java.util.Arrays.binarySearch(A3_TIMES_TO_TRIGGER_MS, ms) < 0) {
            throw new IllegalArgumentException("a3TimeToTriggerMs: " + ms + " (expected one of "
                    + java.util.Arrays.toString(A3_TIMES_TO_TRIGGER_MS) + ")");
        }
        c.a3TimeToTriggerMs = ms;
        return ms;
    }

    /** The A3 hysteresis (dB) the cell configures now. */
    public synchronized double a3Hysteresis(String cellId) {
        return cells[index(cellId)].a3HysteresisDb;
    }

    /** The A3 time to trigger (ms) the cell configures now. */
    public synchronized int a3TimeToTrigger(String cellId) {
        return cells[index(cellId)].a3TimeToTriggerMs;
    }

    /** Lowest and highest settable inter-frequency offset (dB; TS 38.331 Q-OffsetRange). */
    public static final double MIN_FREQ_OFFSET_DB = -24;
    public static final double MAX_FREQ_OFFSET_DB = 24;

    /**
     * Sets the offset (dB, {@value #MIN_FREQ_OFFSET_DB}..{@value #MAX_FREQ_OFFSET_DB}) the cell configures for
     * the frequency of {@code carrierName} in its UEs' inter-frequency events (TS 38.331 offsetMO, Ofn): higher
     * draws them there sooner. Returns it.
     *
     * @throws IllegalArgumentException unknown cell or carrier, the cell's own carrier, or out of range
     */
    public synchronized double setInterFrequencyOffset(String cellId, String carrierName, double db) {
        CellState c = cells[index(cellId)];
        int k = carrierIndex(carrierName);
        if (k == c.carrier) {
            throw new IllegalArgumentException("carrier: " + carrierName + " (the cell's own; expected another)");
        }
        if (!(db >= MIN_FREQ_OFFSET_DB && db <= MAX_FREQ_OFFSET_DB)) {
            throw new IllegalArgumentException("frequencyOffsetDb: " + db + " (expected: " + MIN_FREQ_OFFSET_DB + ".."
                    + MAX_FREQ_OFFSET_DB + ")");
        }
        c.freqOffsetDb[k] = db;
        return db;
    }

    /** The offset (dB) the cell configures for the frequency of {@code carrierName}. */
    public synchronized double interFrequencyOffset(String cellId, String carrierName) {
        return cells[index(cellId)].freqOffsetDb[carrierIndex(carrierName)];
    }

    /**
     * Sets the inter-frequency event thresholds the cell configures for its UEs (TS 38.331 A5 threshold 1 on the
     * serving RSRP, -156..-31 dBm or positive infinity for A4; threshold 2 on the other layer's RSRP, -156..-31
     * dBm).
     *
     * @throws IllegalArgumentException unknown cell, single-carrier model, or out of range
     */
    public synchronized void setInterFrequencyThresholds(String cellId, double threshold1Dbm, double threshold2Dbm) {
        CellState c = cells[index(cellId)];
        if (!cfg.multiCarrier()) throw new IllegalArgumentException("cellId: " + cellId + " (single carrier: no inter-frequency events)");
        Carrier checked = cfg.carriers().get(c.carrier).withInterFreqThresholds(threshold1Dbm, threshold2Dbm);
        c.interFreqThreshold1Dbm = checked.interFreqThreshold1Dbm();
        c.interFreqThreshold2Dbm = checked.interFreqThreshold2Dbm();
    }

    /** The cell's inter-frequency thresholds: {threshold 1, threshold 2} in dBm. */
    public synchronized double[] interFrequencyThresholds(String cellId) {
        CellState c = cells[index(cellId)];
        return new double[] {c.interFreqThreshold1Dbm, c.interFreqThreshold2Dbm};
    }

    /** Name of the carrier with NR-ARFCN {@code nrArfcn}; throws {@link IllegalArgumentException} if none. */
    public String carrierByArfcn(long nrArfcn) {
        for (Carrier k : cfg.carriers()) if (k.nrArfcn() == nrArfcn) return k.name();
        throw new IllegalArgumentException("nrArfcn: " + nrArfcn + " (no carrier on it)");
    }

    /** Name of the cell's carrier, or {@code null} on the single default carrier. */
    public String carrierOf(String cellId) {
        CellState c = cells[index(cellId)];
        return cfg.multiCarrier() ? cfg.carriers().get(c.carrier).name() : null;
    }

    private int carrierIndex(String carrierName) {
        List<Carrier> list = cfg.carriers();
        for (int k = 0; k < list.size(); k++) if (list.get(k).name().equals(carrierName)) return k;
        throw new IllegalArgumentException("carrier: " + carrierName + " (unknown carrier)");
    }

    /** Sets the Tx power within the configured range; effective from the next tick. Returns it. */
    public synchronized double setTxPower(String cellId, double dbm) {
        CellState c = cells[index(cellId)];
        if (!(dbm >= cfg.minTxPowerDbm() && dbm <= cfg.maxTxPowerDbm())) {
            throw new IllegalArgumentException("txPowerDbm: " + dbm + " (expected: " + cfg.minTxPowerDbm() + ".."
                    + cfg.maxTxPowerDbm() + ")");
        }
        c.txPowerDbm = dbm;
        return dbm;
    }

    /**
     * Changes the traffic mix while running: each UE's uplink demand becomes {@code share} times its downlink
     * demand (default 0.25; e.g. 1 for an upload-heavy mix: video calls, cameras). Only the uplink changes:
     * downlink scheduling, radio, mobility and energy do not depend on it. Effective from the next tick.
     *
     * @throws IllegalArgumentException share outside 0..4
     */
    public synchronized void setUplinkDemandShare(double share) {
        if (!(share >= 0 && share <= 4)) throw new IllegalArgumentException("uplinkDemandShare: " + share + " (expected: 0..4)");
        engine.ulDemandShare = share;
    }

    /** The uplink demand as a share of the downlink demand (see {@link #setUplinkDemandShare}). */
    public synchronized double uplinkDemandShare() {
        return engine.ulDemandShare;
    }

    /** Puts a cell to sleep (its UEs hand over at the next tick) or wakes it. */
    public synchronized void setSleep(String cellId, boolean sleep) {
        cells[index(cellId)].sleeping = sleep;
    }

    /** Configured CIO of the cell. */
    public synchronized double cio(String cellId) {
        return cells[index(cellId)].cioDb;
    }

    /** Configured Tx power of the cell. */
    public synchronized double txPower(String cellId) {
        return cells[index(cellId)].txPowerDbm;
    }

    /** Whether the cell sleeps. */
    public synchronized boolean isSleeping(String cellId) {
        return cells[index(cellId)].sleeping;
    }

    /** Serving cell of the UE, or {@code null} if it has none. */
    public synchronized String servingCell(long ueId) {
        UeState ue = ue(ueId);
        return ue.serving < 0 ? null : cells[ue.serving].id;
    }

    /** RSRP (dBm) of {@code cellId} at the UE after the last tick; negative infinity if it does not radiate. */
    public synchronized double rsrp(long ueId, String cellId) {
        return ue(ueId).rsrpDbm[index(cellId)];
    }

    // ------------------------------------------------------------------------------ faults

    /**
     * Schedules a fault; it acts on every tick whose time falls in its window.
     *
     * @throws IllegalArgumentException unknown cell
     */
    public synchronized void injectFault(Fault fault) {
        index(fault.cellId());
        faults.add(fault);
    }

    /**
     * Ends a fault injected earlier: one not yet started is withdrawn, one in effect stops at the next
     * tick (it stays in {@link #faults()} with its window cut to end now), one already over is left as it
     * was. Returns whether the fault was found.
     */
    public synchronized boolean clearFault(Fault fault) {
        int i = faults.indexOf(fault);
        if (i < 0) return false;
        long lasted = timeMs - fault.startMs();
        if (lasted <= 0) {
            faults.remove(i);
        } else if (lasted < fault.durationMs()) {
            faults.set(i, new Fault(fault.type(), fault.cellId(), fault.startMs(), lasted, fault.magnitude()));
        }
        return true;
    }

    /**
     * Drops a fault that is over from {@link #faults()} (so that a long run with many injections keeps a
     * bounded list), also one {@link #clearFault} cut short; returns whether it was there and over. A fault
     * not yet over stays: clear it first.
     */
    public synchronized boolean forgetFault(Fault fault) {
        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            boolean same = f.equals(fault) || (f.type() == fault.type() && f.cellId().equals(fault.cellId())
                    && f.startMs() == fault.startMs() && f.magnitude() == fault.magnitude() && f.durationMs() < fault.durationMs());
            if (same) {
                if (timeMs < f.startMs() + f.durationMs()) return false;
                faults.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Faults injected so far, in injection order. */
    public synchronized List<Fault> faults() {
        return List.copyOf(faults);
    }

    // ------------------------------------------------------------------------------ views and stats

    /** Snapshot of every cell after the last tick. */
    public synchronized List<CellView> cells() {
        List<CellView> out = new ArrayList<>(cells.length);
        for (CellState c : cells) {
            out.add(new CellView(c.id, c.gnbIndex, c.sector, c.x, c.y, c.azimuthDeg, c.txPowerDbm, c.cioDb,
                    c.sleeping, c.outage, c.prbLoadDl, c.servedUes, c.activeUes, c.thrDlMbps, c.powerW));
        }
        return out;
    }

    /** Snapshot of one cell after the last tick. */
    public synchronized CellView cell(String cellId) {
        return cells().get(index(cellId));
    }

    /** Snapshot of every UE after the last tick. */
    public synchronized List<UeView> ues() {
        List<UeView> out = new ArrayList<>(ues.length);
        for (UeState ue : ues) {
            out.add(new UeView(ue.id, ue.x, ue.y, ue.serving < 0 ? null : cells[ue.serving].id, ue.servingRsrpDbm(),
                    ue.sinrDb, ue.cqi, ue.thrDlMbps, ue.demandDlMbps > 0));
        }
        return out;
    }

    /** DL throughput of every UE in the last tick, indexed by {@code ueId - 1}. */
    public synchronized double[] ueThroughputSamplesMbps() {
        double[] out = new double[ues.length];
        for (UeState ue : ues) out[ue.index] = ue.thrDlMbps;
        return out;
    }

    /** Network-wide cumulative totals since time 0. */
    public synchronized RanStats stats() {
        double[] sum = new double[CellState.T_SIZE];
        for (CellState c : cells) {
            for (int i = 0; i < sum.length; i++) sum[i] += c.totals[i];
        }
        return new RanStats(timeMs, (long) sum[CellState.T_HO_ATT], (long) sum[CellState.T_HO_SUCC],
                (long) sum[CellState.T_PING_PONG], (long) sum[CellState.T_RLF], ricHandovers,
                sum[CellState.T_ENERGY_WH], histogram.mean(), histogram.quantile(0.05), histogram.quantile(0.5),
                histogram.count());
    }

    /** Inter-frequency (A4/A5) handovers since time 0, network-wide (0 on a single carrier). */
    public synchronized long interFrequencyHandovers() {
        long n = 0;
        for (CellState c : cells) n += (long) c.totals[CellState.T_IF_HO];
        return n;
    }

    /**
     * Ping-pongs since time 0 counted with a window of {@code windowMs} (0..60,000): successful handovers back
     * to the previous cell at most that long after the handover away from it, as {@link SimConfig#pingPongWindowMs()}
     * counts them, for any window after the run (the configured window only sets {@link RanStats#pingPongs()}).
     */
    public synchronized long pingPongsWithin(int windowMs) {
        if (windowMs < 0 || windowMs > RadioEngine.MAX_RETURN_WINDOW_MS) {
            throw new IllegalArgumentException("windowMs: " + windowMs + " (expected 0.." + RadioEngine.MAX_RETURN_WINDOW_MS + ")");
        }
        long n = 0;
        long tick = cfg.tickMs();
        long[] h = engine.returnsByDelayTicks;
        for (int i = 0; i < h.length - 1 && i * tick <= windowMs; i++) n += h[i];
        return n;
    }

    /** FTP model 3 totals since time 0 (all zero unless {@link SimConfig#ftp3()}). */
    public synchronized FileTransferStats fileTransfers() {
        double queued = 0;
        for (UeState ue : ues) queued += ue.bufferMbit;
        FileTransfers f = engine.files;
        return new FileTransferStats(f.arrived, f.completed, queued, f.meanTransferMs(), f.meanThroughputMbps(),
                f.quantile(0.05), f.quantile(0.5));
    }

    /** Mbit queued for the UE now (FTP model 3; 0 otherwise). */
    public synchronized double bufferMbit(long ueId) {
        return ue(ueId).bufferMbit;
    }

    /**
     * Turns on a bound, not a steering: from the next tick, the UEs with data are handed to the cells (either carrier,
     * any neighbour, SINR at or above the RLF threshold) that keep the PRB use lowest: {@code mode} {@code "tick"}, every
     * tick, against the PRB use summed over the report period of {@code periodTicks} ticks so far; {@code "burst"}, once
     * per burst of data (the least outstanding work), held there until the buffer empties; {@code "period"}, as
     * {@code "burst"} and placed afresh at the start of every report period. For how low placement alone can take the
     * peak cell PRB use in a scenario; its handovers count like any other. Once on it stays on.
     */
    public synchronized void enableLoadOracle(String mode, int periodTicks) {
        if (engine.oracle != null) throw new IllegalStateException("the load oracle is already on");
        LoadOracle.Mode m = switch (mode == null ? "" : mode) {
            case "tick" -> LoadOracle.Mode.EVERY_TICK;
            case "burst" -> LoadOracle.Mode.PER_BURST;
            case "period" -> LoadOracle.Mode.PER_PERIOD;
            default -> throw new IllegalArgumentException("mode: " + mode + " (expected tick, burst or period)");
        };
        engine.oracle = new LoadOracle(m, periodTicks, cells, ues, engine, cfg.rlfSinrThresholdDb(), cfg.tickMs());
    }

    /** Handovers the load oracle made (0 when it is off). */
    public synchronized long loadOracleMoves() {
        return engine.oracle == null ? 0 : engine.oracle.moves;
    }

    /** Cumulative ping-pong handovers counted on the cell (as source). */
    public synchronized long pingPongs(String cellId) {
        return (long) cells[index(cellId)].totals[CellState.T_PING_PONG];
    }

    // ------------------------------------------------------------------------------ measurements

    /** A new period reader whose first period starts now. */
    public synchronized PeriodCursor newCursor() {
        double[][] seen = new double[cells.length][];
        long[] last = new long[cells.length];
        for (CellState c : cells) {
            seen[c.index] = c.totals.clone();
            last[c.index] = timeMs;
        }
        return new PeriodCursor(seen, last);
    }

    /**
     * KPM measurements of the given cells over the period since {@code cursor} last read them (then
     * moves the cursor), plus, if {@code withUes}, the UEs those cells serve. Gauges are averaged over
     * the ticks in the period (or the last tick's value if none passed), counters and energy summed.
     */
    public synchronized KpmIndicationMessage indication(PeriodCursor cursor, Collection<String> cellIds,
                                                        boolean withUes) {
        KpmIndicationMessage.Builder b = KpmIndicationMessage.newBuilder();
        for (String id : cellIds) b.addCells(cellMeasurement(cursor, cells[index(id)]));
        if (withUes) {
            for (String id : cellIds) b.addAllUes(ueMeasurementsOf(index(id)));
        }
        return b.build();
    }

    /** Per-UE measurements of the UEs {@code cellId} serves, by UE id, as of the last tick. */
    public synchronized List<UeMeasurement> ueMeasurements(String cellId) {
        return ueMeasurementsOf(index(cellId));
    }

    private CellMeasurement cellMeasurement(PeriodCursor cursor, CellState c) {
        double[] seen = cursor.seen[c.index];
        double[] d = new double[CellState.T_SIZE];
        for (int i = 0; i < d.length; i++) d[i] = c.totals[i] - seen[i];
        System.arraycopy(c.totals, 0, seen, 0, seen.length);
        cursor.lastReadMs[c.index] = timeMs;
        double n = d[CellState.T_TICKS];
        CellMeasurement.Builder m = CellMeasurement.newBuilder()
                .setCell(c.cgi)
                .setTxPowerDbm((float) c.txPowerDbm)
                .setCioDb((float) c.cioDb)
                .setSleeping(c.sleeping)
                .setEnergyWh((float) d[CellState.T_ENERGY_WH])
                .setRlfCount((int) d[CellState.T_RLF])
                .setHoAttempts((int) d[CellState.T_HO_ATT])
                .setHoSuccesses((int) d[CellState.T_HO_SUCC])
                .setOperationalState(c.outage ? CellOperationalState.CELL_OPERATIONAL_STATE_DISABLED
                        : CellOperationalState.CELL_OPERATIONAL_STATE_ENABLED);
        if (n > 0) {
            m.setRrcConnMean((int) Math.round(d[CellState.T_CONNECTED] / n))
                    .setRrcConnMax(c.maxConnected((int) n));
        } else {
            m.setRrcConnMean(c.connectedUes).setRrcConnMax(c.connectedUes);
        }
        if (n > 0) {
            m.setPrbUsedDlPct((float) (d[CellState.T_PRB_DL_PCT] / n))
                    .setPrbUsedUlPct((float) (d[CellState.T_PRB_UL_PCT] / n))
                    .setThroughputDlMbps((float) (d[CellState.T_THR_DL] / n))
                    .setThroughputUlMbps((float) (d[CellState.T_THR_UL] / n))
                    .setActiveUes((int) Math.round(d[CellState.T_ACTIVE_UES] / n))
                    .setAvgCqi((float) (d[CellState.T_CQI_N] > 0 ? d[CellState.T_CQI_SUM] / d[CellState.T_CQI_N] : 0))
                    .setAvgSinrDb((float) (d[CellState.T_SINR_N] > 0 ? d[CellState.T_SINR_SUM] / d[CellState.T_SINR_N] : 0));
        } else {
            m.setPrbUsedDlPct((float) (100 * c.prbLoadDl))
                    .setPrbUsedUlPct((float) (100 * c.prbLoadUl))
                    .setThroughputDlMbps((float) c.thrDlMbps)
                    .setThroughputUlMbps((float) c.thrUlMbps)
                    .setActiveUes(c.activeUes)
                    .setAvgCqi((float) c.avgCqi)
                    .setAvgSinrDb((float) c.avgSinrDb);
        }
        return m.build();
    }

    private List<UeMeasurement> ueMeasurementsOf(int cell) {
        List<UeMeasurement> out = new ArrayList<>();
        for (UeState ue : ues) {
            if (ue.serving != cell) continue;
            UeMeasurement.Builder m = UeMeasurement.newBuilder()
                    .setUeId(ue.id)
                    .setServingCell(cells[cell].cgi)
                    .setRsrpDbm((float) ue.servingRsrpDbm())
                    .setRsrqDb((float) ue.rsrqDb)
                    .setSinrDb((float) ue.sinrDb)
                    .setCqi(ue.cqi)
                    .setThroughputDlMbps((float) ue.thrDlMbps)
                    .setThroughputUlMbps((float) ue.thrUlMbps)
                    .setPrbUsedDl((float) ue.prbDl);
            // several carriers: per frequency, as a UE measures (NeighbourReport); one carrier: as before
            int[] reported = cfg.multiCarrier() ? NeighbourReport.perFrequency(cells, ue, cfg.carriers().size())
                    : strongestNeighbours(ue);
            for (int n : reported) {
                m.addNeighbours(NeighbourMeasurement.newBuilder()
                        .setCell(cells[n].cgi)
                        .setRsrpDbm((float) ue.rsrpDbm[n])
                        .setRsrqDb((float) engine.rsrqDb(ue, n))
                        .setSinrDb((float) engine.sinrDb(ue, n)));
            }
            out.add(m.build());
        }
        return out;
    }

    private int[] strongestNeighbours(UeState ue) {
        int[] best = new int[NEIGHBOURS_REPORTED];
        int count = 0;
        for (CellState c : cells) {
            if (c.index == ue.serving || !c.radiating()) continue;
            int pos = count < best.length ? count++ : best.length;
            // insertion into the sorted top list (strongest first; lower index wins ties)
            while (pos > 0 && ue.rsrpDbm[c.index] > ue.rsrpDbm[best[pos - 1]]) {
                if (pos < best.length) best[pos] = best[pos - 1];
                pos--;
            }
            if (pos < best.length) best[pos] = c.index;
        }
        return Arrays.copyOf(best, count);
    }

    // ------------------------------------------------------------------------------ helpers

    /** The cell's live state, for the package's tests. */
    synchronized CellState cellState(String cellId) {
        return cells[index(cellId)];
    }

    private int index(String cellId) {
        Integer idx = cellId == null ? null : cellIndex.get(cellId);
        if (idx == null) throw new IllegalArgumentException("cellId: " + cellId + " (unknown cell)");
        return idx;
    }

    static int indexOf(CellState[] cells, String cellId) {
        for (CellState c : cells) if (c.id.equals(cellId)) return c.index;
        throw new IllegalArgumentException("cellId: " + cellId + " (unknown cell)");
    }

    private UeState ue(long ueId) {
        if (!hasUe(ueId)) throw new IllegalArgumentException("ueId: " + ueId + " (expected: 1.." + ues.length + ")");
        return ues[(int) (ueId - 1)];
    }

    private void checkGnb(int gnbIndex) {
        if (gnbIndex < 0 || gnbIndex >= cellIdsByGnb.size()) {
            throw new IllegalArgumentException("gnbIndex: " + gnbIndex + " (expected: 0.." + (cellIdsByGnb.size() - 1) + ")");
        }
    }
}
