package io.jric.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The per-tick physics of {@link RanModel}: mobility, traffic, radio, mobility events (sleep-forced
 * handover, A3, RLF), scheduling and energy. Package-private; runs under the model's lock, in UE and
 * cell index order only, so a seed fully determines the outcome.
 */
final class RadioEngine {
    /** The uplink demand as a share of the downlink's, by default ({@link RanModel#setUplinkDemandShare}). */
    static final double UL_DEMAND_SHARE = 0.25;
    /** The uplink demand as a share of the downlink's: the traffic mix, changeable while running. */
    double ulDemandShare = UL_DEMAND_SHARE;
    private static final double UL_SINR_PENALTY_DB = 3;
    /**
     * Interference over thermal at a cell's uplink receiver in normal operation (dB): the reference an
     * interference burst's rise over thermal adds to. A typical figure for a loaded macro cell.
     */
    static final double UL_NOMINAL_IOT_DB = 6;

    private final SimConfig cfg;
    private final CellState[] cells;
    /**
     * Successful handovers back to the previous cell by the time since the handover away from it, in ticks
     * (the last slot counts every return later than the ones before): counting only, so ping-pongs can be
     * counted for any window up to {@link #MAX_RETURN_WINDOW_MS} after a run, several at once.
     */
    final long[] returnsByDelayTicks;
    /** Longest window {@link RanModel#pingPongsWithin} counts. */
    static final int MAX_RETURN_WINDOW_MS = 60_000;
    private final UeState[] ues;
    private final ShadowingMap[] shadowing;
    private final double[] area;  // minX, minY, maxX, maxY
    private final double perReOffsetDb;
    private final ThroughputHistogram histogram;
    private final List<List<UeState>> byCell = new ArrayList<>();
    /** Several carriers ({@link SimConfig#multiCarrier()}): per-carrier radio, A3 within a layer, A4/A5 across. */
    private final boolean multi;
    /** FTP model 3 traffic ({@link SimConfig#ftp3()}). */
    private final boolean ftp;
    /** Completed FTP files: count, transfer times and throughputs. */
    final FileTransfers files = new FileTransfers();

    RadioEngine(SimConfig cfg, CellState[] cells, UeState[] ues, ShadowingMap[] shadowing,
                double[] area, ThroughputHistogram histogram) {
        this.cfg = cfg;
        this.cells = cells;
        this.ues = ues;
        this.shadowing = shadowing;
        this.area = area;
        this.histogram = histogram;
        this.perReOffsetDb = -10 * Math.log10(12.0 * cfg.prbs());
        for (int i = 0; i < cells.length; i++) byCell.add(new ArrayList<>());
        this.multi = cfg.multiCarrier();
        this.ftp = cfg.ftp3();
        this.returnsByDelayTicks = new long[MAX_RETURN_WINDOW_MS / cfg.tickMs() + 2];
    }

    /** Initial attach and radio state at time 0, without accumulating any counters. */
    void initialise() {
        for (UeState ue : ues) {
            computeRsrp(ue);
            ue.serving = bestRadiating(ue, -1, false);
            computeLink(ue);
        }
        schedule(0, false);
    }

    /** Advances the network to {@code nowMs}, one tick after the previous state. */
    void step(long nowMs, List<Fault> faults) {
        applyFaults(nowMs, faults);
        double dtS = cfg.tickMs() / 1000.0;
        for (UeState ue : ues) {
            move(ue, dtS);
            if (ftp) {
                ftpArrivals(ue, nowMs, dtS);
            } else {
                updateTraffic(ue, nowMs);
            }
            computeRsrp(ue);
        }
        for (UeState ue : ues) {
            connectionManagement(ue, nowMs);
        }
        if (oracle != null) oracle.place(nowMs);
        schedule(nowMs, true);
        if (oracle != null) oracle.scheduled();
    }

    /** A bound's placement of the UEs with data ({@link LoadOracle}); null (the default): none. */
    LoadOracle oracle;

    // ---------------------------------------------------------------- faults, mobility, traffic

    private void applyFaults(long nowMs, List<Fault> faults) {
        for (CellState c : cells) {
            c.outage = false;
            c.interferenceRiseDb = 0;
            c.degradationFactor = 1;
        }
        for (Fault f : faults) {
            if (!f.activeAt(nowMs)) continue;
            CellState c = cells[RanModel.indexOf(cells, f.cellId())];
            switch (f.type()) {
                case CELL_OUTAGE -> c.outage = true;
                case INTERFERENCE_BURST -> c.interferenceRiseDb = Math.max(c.interferenceRiseDb, f.magnitude());
                case KPI_DEGRADATION -> c.degradationFactor = Math.min(c.degradationFactor, f.magnitude());
            }
        }
    }

    /** Hotspot centre and radius (m), or null. */
    double[] hotspot;

    /** Whether the UE belongs to the hotspot ({@link SimConfig#hotspotShare()}). */
    boolean inHotspot(UeState ue) {
        return hotspot != null && ue.index < Math.round(cfg.hotspotShare() * ues.length);
    }

    /** A point drawn uniformly in the hotspot disc. */
    double[] hotspotPoint(java.util.SplittableRandom rnd) {
        double r = hotspot[2] * Math.sqrt(rnd.nextDouble());
        double a = 2 * Math.PI * rnd.nextDouble();
        return new double[] {hotspot[0] + r * Math.cos(a), hotspot[1] + r * Math.sin(a)};
    }

    void newWaypoint(UeState ue) {
        if (inHotspot(ue)) {
            double[] p = hotspotPoint(ue.mobilityRnd);
            ue.wx = p[0];
            ue.wy = p[1];
            ue.speedMps = cfg.ueSpeedMinMps() + ue.mobilityRnd.nextDouble() * (cfg.ueSpeedMaxMps() - cfg.ueSpeedMinMps());
            return;
        }
        ue.wx = area[0] + ue.mobilityRnd.nextDouble() * (area[2] - area[0]);
        ue.wy = area[1] + ue.mobilityRnd.nextDouble() * (area[3] - area[1]);
        ue.speedMps = cfg.ueSpeedMinMps() + ue.mobilityRnd.nextDouble() * (cfg.ueSpeedMaxMps() - cfg.ueSpeedMinMps());
    }

    private void move(UeState ue, double dtS) {
        double dx = ue.wx - ue.x;
        double dy = ue.wy - ue.y;
        double dist = Math.sqrt(dx * dx + dy * dy);
        double travel = ue.speedMps * dtS;
        if (travel >= dist) {
            ue.x = ue.wx;
            ue.y = ue.wy;
            newWaypoint(ue);
        } else {
            ue.x += dx / dist * travel;
            ue.y += dy / dist * travel;
        }
    }

    /**
     * FTP model 3: Poisson file arrivals in the tick ending now (rate swung like the on/off traffic's demand),
     * queued behind the UE's unfinished files; the demand is what empties the buffer within this tick.
     */
    private void ftpArrivals(UeState ue, long nowMs, double dtS) {
        double phase = 2 * Math.PI * (nowMs % cfg.trafficSwingPeriodMs()) / cfg.trafficSwingPeriodMs();
        double mean = cfg.ftpFileArrivalsPerS() * (1 + cfg.trafficSwing() * Math.sin(phase)) * dtS;
        // Poisson by inversion of the cumulative distribution (mean per tick is small)
        double u = ue.ftpRnd.nextDouble();
        double p = Math.exp(-mean);
        double cdf = p;
        int n = 0;
        while (u > cdf && n < 1000) {
            n++;
            p *= mean / n;
            cdf += p;
        }
        for (int i = 0; i < n; i++) {
            ue.files.addLast(new double[] {nowMs - cfg.tickMs(), cfg.ftpFileSizeMbit(), cfg.ftpFileSizeMbit()});
            ue.bufferMbit += cfg.ftpFileSizeMbit();
            files.arrived++;
        }
        ue.on = ue.bufferMbit > 0;
        ue.demandDlMbps = ue.bufferMbit / dtS;
    }

    /** FTP model 3: takes what the UE received this tick off its queue and records the files completed. */
    private void ftpDrain(UeState ue, long nowMs, double dtS) {
        double got = ue.thrDlMbps * dtS;
        double used = 0;
        // the UE's data went at its scheduled rate, not spread over the tick when it needed less than a tick
        double rate = Math.max(ue.thrDlMbps, ue.peakDlMbps);
        while (!ue.files.isEmpty() && got > 1e-12) {
            double[] f = ue.files.peekFirst();
            double take = Math.min(f[2], got);
            f[2] -= take;
            got -= take;
            used += take;
            if (f[2] <= 1e-9) {
                ue.files.removeFirst();
                // arrival at the start of the tick it arrived in; finished when its last bit went, at the
                // UE's rate within this tick
                double doneMs = (nowMs - cfg.tickMs()) + 1000 * used / rate;
                files.complete(f[1], Math.max(1e-3, doneMs - f[0]));
            }
        }
        double left = 0;
        for (double[] f : ue.files) left += f[2];
        ue.bufferMbit = left;
    }

    void initTraffic(UeState ue) {
        double on = cfg.trafficOnMeanMs();
        double off = cfg.trafficOffMeanMs();
        ue.on = off == 0 || ue.trafficRnd.nextDouble() < on / (on + off);
        ue.nextToggleMs = exponential(ue, ue.on ? on : off);
        ue.demandDlMbps = demand(ue, 0);
    }

    private void updateTraffic(UeState ue, long nowMs) {
        if (cfg.trafficOffMeanMs() > 0) {
            while (nowMs >= ue.nextToggleMs) {
                ue.on = !ue.on;
                ue.nextToggleMs += Math.max(cfg.tickMs(),
                        exponential(ue, ue.on ? cfg.trafficOnMeanMs() : cfg.trafficOffMeanMs()));
            }
        }
        ue.demandDlMbps = demand(ue, nowMs);
    }

    private double demand(UeState ue, long nowMs) {
        if (!ue.on) return 0;
        double phase = 2 * Math.PI * (nowMs % cfg.trafficSwingPeriodMs()) / cfg.trafficSwingPeriodMs();
        return ue.baseDemandMbps * (1 + cfg.trafficSwing() * Math.sin(phase));
    }

    private static long exponential(UeState ue, double meanMs) {
        return (long) Math.ceil(-meanMs * Math.log(1 - ue.trafficRnd.nextDouble()));
    }

    // ---------------------------------------------------------------- radio

    void computeRsrp(UeState ue) {
        if (multi) {
            computeRsrpPerCarrier(ue);
            return;
        }
        double sumAct = 0;
        for (CellState c : cells) {
            if (!c.radiating()) {
                ue.rsrpDbm[c.index] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double dx = ue.x - c.x;
            double dy = ue.y - c.y;
            double d = Math.sqrt(dx * dx + dy * dy);
            double gain = Radio.antennaGainDb(Radio.bearingDeg(dx, dy), c.azimuthDeg);
            double rsrp = c.txPowerDbm + perReOffsetDb + gain - Radio.pathLossDb(d)
                    - shadowing[c.gnbIndex].at(ue.x, ue.y);
            ue.rsrpDbm[c.index] = rsrp;
            sumAct += Radio.dbToLin(rsrp) * c.activity;
        }
        ue.totalRxMw = sumAct;
    }

    private void computeRsrpPerCarrier(UeState ue) {
        Arrays.fill(ue.rxMwByCarrier, 0);
        for (CellState c : cells) {
            if (!c.radiating()) {
                ue.rsrpDbm[c.index] = Double.NEGATIVE_INFINITY;
                continue;
            }
            double dx = ue.x - c.x;
            double dy = ue.y - c.y;
            double d = Math.sqrt(dx * dx + dy * dy);
            double gain = Radio.antennaGainDb(Radio.bearingDeg(dx, dy), c.azimuthDeg);
            double rsrp = c.txPowerDbm + c.perReOffsetDb + gain - Radio.pathLossDb(d) - c.pathLossOffsetDb
                    - ue.o2iLossDb[c.carrier] - shadowing[c.gnbIndex].at(ue.x, ue.y);
            ue.rsrpDbm[c.index] = rsrp;
            ue.rxMwByCarrier[c.carrier] += Radio.dbToLin(rsrp) * c.activity;
        }
        ue.totalRxMw = Double.NaN;  // per carrier only
    }

    /** Activity-weighted received power (mW) on the cell's carrier at the UE. */
    private double rxMw(UeState ue, CellState c) {
        return multi ? ue.rxMwByCarrier[c.carrier] : ue.totalRxMw;
    }

    /** SINR in dB the UE would have if served by {@code cell}, given this tick's interference. */
    double sinrDb(UeState ue, int cell) {
        CellState c = cells[cell];
        if (!c.radiating()) return Radio.SINR_FLOOR_DB;
        double s = Radio.dbToLin(ue.rsrpDbm[cell]);
        double i = Math.max(0, rxMw(ue, c) - s * c.activity);
        double sinr = Radio.linToDb(s / (i + noiseMw(c)));
        return Math.max(Radio.SINR_FLOOR_DB, sinr);
    }

    /** SINR in dB of {@code cell} at the UE as if no interference burst were active. */
    double burstFreeSinrDb(UeState ue, int cell) {
        CellState c = cells[cell];
        if (!c.radiating()) return Radio.SINR_FLOOR_DB;
        double s = Radio.dbToLin(ue.rsrpDbm[cell]);
        double i = Math.max(0, rxMw(ue, c) - s * c.activity);
        return Math.max(Radio.SINR_FLOOR_DB, Radio.linToDb(s / (i + c.noisePerReMw)));
    }

    /** RSRQ in dB of {@code cell} at the UE, clamped to the reportable range -19.5..-3. */
    double rsrqDb(UeState ue, int cell) {
        CellState c = cells[cell];
        if (!c.radiating()) return -19.5;
        double s = Radio.dbToLin(ue.rsrpDbm[cell]);
        double rsrq = Radio.linToDb(s / (12 * (rxMw(ue, c) + noiseMw(c))));
        return Math.max(-19.5, Math.min(-3, rsrq));
    }

    /**
     * How much an interference burst lowers the uplink SINR at the cell's receiver (dB): the burst's
     * rise over thermal on top of the nominal interference over thermal, {@link #UL_NOMINAL_IOT_DB}.
     */
    static double ulInterferenceRiseDb(CellState c) {
        if (!(c.interferenceRiseDb > 0)) return 0;
        return Radio.linToDb(1 + Radio.dbToLin(c.interferenceRiseDb) / Radio.dbToLin(UL_NOMINAL_IOT_DB));
    }

    private static double noiseMw(CellState c) {
        return c.noisePerReMw * (1 + (c.interferenceRiseDb > 0 ? Radio.dbToLin(c.interferenceRiseDb) : 0));
    }

    private void computeLink(UeState ue) {
        if (ue.serving < 0) {
            ue.sinrDb = Radio.SINR_FLOOR_DB;
            ue.rsrqDb = -19.5;
            ue.cqi = 0;
            return;
        }
        ue.sinrDb = sinrDb(ue, ue.serving);
        ue.rsrqDb = rsrqDb(ue, ue.serving);
        ue.cqi = Radio.cqi(ue.sinrDb);
    }

    /** The radiating cell with the highest RSRP (+ CIO if asked), excluding {@code exclude}; -1 if none. */
    int bestRadiating(UeState ue, int exclude, boolean withCio) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (CellState c : cells) {
            if (c.index == exclude || !c.radiating()) continue;
            double v = ue.rsrpDbm[c.index] + (withCio ? c.cioDb : 0);
            if (v > bestValue) {
                bestValue = v;
                best = c.index;
            }
        }
        return best;
    }

    // ---------------------------------------------------------------- connection management

    private void connectionManagement(UeState ue, long nowMs) {
        if (ue.serving < 0) {
            ue.serving = bestRadiating(ue, -1, false);
            resetMobility(ue);
        } else if (cells[ue.serving].sleeping) {
            // The cell hands its UEs over before it switches off.
            int target = bestRadiating(ue, ue.serving, true);
            computeLink(ue);
            if (target < 0 || !handover(ue, target, nowMs)) {
                ue.serving = target;
                resetMobility(ue);
            }
        }
        computeLink(ue);
        if (ue.serving < 0) return;
        if (multi) {
            int before = ue.serving;
            evaluateA3(ue, nowMs);
            if (ue.serving == before) evaluateInterFrequency(ue, nowMs);
        } else {
            evaluateA3(ue, nowMs);
        }
        evaluateRlf(ue, nowMs);
    }

    private void evaluateA3(UeState ue, long nowMs) {
        CellState serving = cells[ue.serving];
        if (!serving.radiating()) {
            ue.a3Candidate = -1;  // no link: no measurement report, no handover command
            return;
        }
        int best = multi ? bestOnCarrier(ue, ue.serving, serving.carrier) : bestRadiating(ue, ue.serving, true);
        boolean entering = best >= 0 && ue.rsrpDbm[best] + cells[best].cioDb
                > ue.rsrpDbm[ue.serving] + serving.cioDb + serving.a3HysteresisDb + cfg.a3OffsetDb();
        if (!entering) {
            ue.a3Candidate = -1;
            return;
        }
        if (ue.a3Candidate != best) {
            ue.a3Candidate = best;
            ue.a3SinceMs = nowMs;
        }
        if (nowMs - ue.a3SinceMs >= serving.a3TimeToTriggerMs) {
            if (!handover(ue, best, nowMs)) {
                ue.a3SinceMs = nowMs;  // report again after another time to trigger
            }
        }
    }

    /** The radiating cell on {@code carrier} with the highest RSRP + CIO, excluding {@code exclude}; -1 if none. */
    private int bestOnCarrier(UeState ue, int exclude, int carrier) {
        int best = -1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (CellState c : cells) {
            if (c.carrier != carrier || c.index == exclude || !c.radiating()) continue;
            double v = ue.rsrpDbm[c.index] + c.cioDb;
            if (v > bestValue) {
                bestValue = v;
                best = c.index;
            }
        }
        return best;
    }

    /**
     * Inter-frequency mobility (TS 38.331 A5, A4 when threshold 1 is infinite), as the serving cell configures
     * it: serving RSRP + hysteresis below threshold 1 and a cell of another carrier with RSRP + the serving
     * cell's offset for that carrier + the cell's CIO - hysteresis above threshold 2, for the time to trigger;
     * the best such cell is the target.
     */
    private void evaluateInterFrequency(UeState ue, long nowMs) {
        CellState serving = cells[ue.serving];
        if (!serving.radiating()) {
            ue.ifCandidate = -1;
            return;
        }
        double hys = cfg.interFreqHysteresisDb();
        int best = -1;
        if (ue.rsrpDbm[ue.serving] + hys < serving.interFreqThreshold1Dbm) {
            double bestValue = Double.NEGATIVE_INFINITY;
            for (CellState c : cells) {
                if (c.carrier == serving.carrier || !c.radiating()) continue;
                double v = ue.rsrpDbm[c.index] + serving.freqOffsetDb[c.carrier] + c.cioDb - hys;
                if (v > serving.interFreqThreshold2Dbm && v > bestValue) {
                    bestValue = v;
                    best = c.index;
                }
            }
        }
        if (best < 0) {
            ue.ifCandidate = -1;
            return;
        }
        if (ue.ifCandidate != best) {
            ue.ifCandidate = best;
            ue.ifSinceMs = nowMs;
        }
        if (nowMs - ue.ifSinceMs >= cfg.interFreqTimeToTriggerMs()) {
            if (handover(ue, best, nowMs)) {
                cells[ue.previousCell].totals[CellState.T_IF_HO]++;
            } else {
                ue.ifSinceMs = nowMs;
            }
        }
    }

    private void evaluateRlf(UeState ue, long nowMs) {
        if (ue.sinrDb >= cfg.rlfSinrThresholdDb()) {
            ue.lowSinrMs = 0;
            return;
        }
        ue.lowSinrMs += cfg.tickMs();
        if (ue.lowSinrMs < cfg.rlfTimerMs()) return;
        cells[ue.serving].totals[CellState.T_RLF]++;
        ue.serving = bestRadiating(ue, -1, false);  // RRC re-establishment on the strongest cell
        resetMobility(ue);
        computeLink(ue);
    }

    private static void resetMobility(UeState ue) {
        ue.previousCell = -1;
        ue.a3Candidate = -1;
        ue.ifCandidate = -1;
        ue.lowSinrMs = 0;
    }

    /**
     * Executes a handover of the UE to {@code target}: counts the attempt on the source cell and
     * succeeds when the target radiates and its SINR at the UE is above the RLF threshold.
     */
    boolean handover(UeState ue, int target, long nowMs) {
        CellState source = cells[ue.serving];
        source.totals[CellState.T_HO_ATT]++;
        if (!cells[target].radiating() || sinrDb(ue, target) < cfg.rlfSinrThresholdDb()) return false;
        source.totals[CellState.T_HO_SUCC]++;
        if (ue.previousCell == target && nowMs - ue.lastHandoverMs <= cfg.pingPongWindowMs()) {
            source.totals[CellState.T_PING_PONG]++;
        }
        if (ue.previousCell == target) {
            long ticks = (nowMs - ue.lastHandoverMs) / cfg.tickMs();
            returnsByDelayTicks[(int) Math.min(returnsByDelayTicks.length - 1, Math.max(0, ticks))]++;
        }
        ue.previousCell = source.index;
        ue.lastHandoverMs = nowMs;
        ue.serving = target;
        ue.a3Candidate = -1;
        ue.ifCandidate = -1;
        ue.lowSinrMs = 0;
        computeLink(ue);
        return true;
    }

    // ---------------------------------------------------------------- scheduling and energy

    private void schedule(long nowMs, boolean accumulate) {
        for (List<UeState> l : byCell) l.clear();
        for (UeState ue : ues) {
            ue.thrDlMbps = 0;
            ue.thrUlMbps = 0;
            ue.prbDl = 0;
            ue.prbUl = 0;
            if (ue.serving >= 0) byCell.get(ue.serving).add(ue);
        }
        double tickHours = cfg.tickMs() / 3_600_000.0;
        for (CellState c : cells) {
            List<UeState> served = byCell.get(c.index);
            allocate(c, served);
            c.powerW = Radio.cellPowerW(c.sleeping, c.txPowerDbm, c.outage ? 0 : c.prbLoadDl);
            c.servedUes = served.size();
            c.connectedUes = c.radiating() ? c.servedUes : 0;
            double cqiSum = 0;
            double sinrSum = 0;
            for (UeState ue : served) {
                cqiSum += ue.cqi;
                sinrSum += ue.sinrDb;
            }
            c.avgCqi = served.isEmpty() ? 0 : cqiSum / served.size();
            c.avgSinrDb = served.isEmpty() ? 0 : sinrSum / served.size();
            if (accumulate) {
                double[] t = c.totals;
                t[CellState.T_TICKS]++;
                t[CellState.T_PRB_DL_PCT] += 100 * c.prbLoadDl;
                t[CellState.T_PRB_UL_PCT] += 100 * c.prbLoadUl;
                t[CellState.T_THR_DL] += c.thrDlMbps;
                t[CellState.T_THR_UL] += c.thrUlMbps;
                t[CellState.T_ACTIVE_UES] += c.activeUes;
                t[CellState.T_ENERGY_WH] += c.powerW * tickHours;
                t[CellState.T_CQI_SUM] += cqiSum;
                t[CellState.T_CQI_N] += served.size();
                t[CellState.T_SINR_SUM] += sinrSum;
                t[CellState.T_SINR_N] += served.size();
                t[CellState.T_CONNECTED] += c.connectedUes;
                c.connectedHistory[(int) ((long) t[CellState.T_TICKS] % CellState.CONNECTED_HISTORY)] =
                        (short) Math.min(Short.MAX_VALUE, c.connectedUes);
            }
            c.activity = c.radiating() ? Radio.IDLE_ACTIVITY + (1 - Radio.IDLE_ACTIVITY) * c.prbLoadDl : 0;
        }
        if (accumulate) {
            for (UeState ue : ues) {
                if (ue.demandDlMbps > 0) histogram.add(ue.thrDlMbps);
            }
        }
        if (ftp && accumulate) {
            double dtS = cfg.tickMs() / 1000.0;
            for (UeState ue : ues) {
                if (ue.bufferMbit > 0) ftpDrain(ue, nowMs, dtS);
            }
        }
    }

    private void allocate(CellState c, List<UeState> served) {
        int n = served.size();
        c.prbLoadDl = 0;
        c.prbLoadUl = 0;
        c.thrDlMbps = 0;
        c.thrUlMbps = 0;
        c.activeUes = 0;
        if (n == 0 || !c.radiating()) return;
        double ulRiseDb = ulInterferenceRiseDb(c);
        double[] rateDl = new double[n];
        double[] needDl = new double[n];
        double[] rateUl = new double[n];
        double[] needUl = new double[n];
        for (int i = 0; i < n; i++) {
            UeState ue = served.get(i);
            if (ue.demandDlMbps > 0) c.activeUes++;
            rateDl[i] = Radio.prbRateMbps(ue.sinrDb) * c.degradationFactor;
            if (multi) rateDl[i] *= c.prbScale;
            // Uplink: the downlink SINR less 3 dB; under a burst, the burst-free SINR less the rise at the
            // cell's receiver (the burst's noise at the UE is a downlink effect only).
            double ulBase = ulRiseDb > 0 ? burstFreeSinrDb(ue, ue.serving) : ue.sinrDb;
            rateUl[i] = Radio.prbRateMbps(ulBase - UL_SINR_PENALTY_DB - ulRiseDb) * c.degradationFactor;
            if (multi) rateUl[i] *= c.prbScale;
            needDl[i] = rateDl[i] > 0 ? ue.demandDlMbps / rateDl[i] : 0;
            // FTP model 3 is a downlink model: while a file downloads the uplink carries a quarter of the
            // mean offered downlink load (acknowledgements and requests), not a quarter of the buffer
            double ulDemand = !ftp ? ulDemandShare * ue.demandDlMbps
                    : ue.demandDlMbps > 0 ? ulDemandShare * cfg.ftpFileArrivalsPerS() * cfg.ftpFileSizeMbit() : 0;
            needUl[i] = rateUl[i] > 0 ? ulDemand / rateUl[i] : 0;
        }
        if (ftp) {
            // the rate a UE with data gets while scheduled, sharing the whole carrier in time with the cell's
            // other UEs with data: what a file that fits in one tick is sent at
            for (int i = 0; i < n; i++) served.get(i).peakDlMbps = rateDl[i] * c.prbs / Math.max(1, c.activeUes);
        }
        double[] prbDl = waterfill(needDl, c.prbs);
        double[] prbUl = waterfill(needUl, c.prbs);
        double usedDl = 0;
        double usedUl = 0;
        for (int i = 0; i < n; i++) {
            UeState ue = served.get(i);
            ue.prbDl = prbDl[i];
            ue.prbUl = prbUl[i];
            ue.thrDlMbps = prbDl[i] * rateDl[i];
            ue.thrUlMbps = prbUl[i] * rateUl[i];
            usedDl += prbDl[i];
            usedUl += prbUl[i];
            c.thrDlMbps += ue.thrDlMbps;
            c.thrUlMbps += ue.thrUlMbps;
        }
        c.prbLoadDl = Math.min(1, usedDl / c.prbs);
        c.prbLoadUl = Math.min(1, usedUl / c.prbs);
    }

    /** Max-min fair share of {@code capacity} PRBs among the needs (index order breaks ties). */
    static double[] waterfill(double[] need, double capacity) {
        int n = need.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(need[a], need[b]));  // stable
        double[] out = new double[n];
        int left = 0;
        for (double v : need) if (v > 0) left++;
        double remaining = capacity;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (need[i] <= 0) continue;
            double give = Math.min(need[i], remaining / left);
            out[i] = give;
            remaining -= give;
            left--;
        }
        return out;
    }
}
