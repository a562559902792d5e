package io.jric.api.kpm;

/**
 * The KPM measurements of one cell for one reporting period, as stored in the grid.
 *
 * <p>A plain mutable value (the grid stores it in binary form); setters return {@code this}.
 */
public final class CellKpi {
    private String nodeId;
    private String cellId;
    private long timestampMs;
    private long receivedAtMs;
    private float prbUsedDlPct;
    private float prbUsedUlPct;
    private float throughputDlMbps;
    private float throughputUlMbps;
    private int activeUes;
    private float txPowerDbm;
    private float energyWh;
    private float avgCqi;
    private float avgSinrDb;
    private int rlfCount;
    private int hoAttempts;
    private int hoSuccesses;
    private boolean sleeping;
    private float cioDb;
    private String operationalState;
    private int rrcConnMean = -1;
    private int rrcConnMax = -1;

    /** An empty record; fill it with the setters. */
    public CellKpi() {}

    /** The E2 node that reported the cell. */
    public String nodeId() {
        return nodeId;
    }

    /** Sets the E2 node that reported the cell. */
    public CellKpi nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    /** The cell's canonical id. */
    public String cellId() {
        return cellId;
    }

    /** Sets the cell's canonical id. */
    public CellKpi cellId(String cellId) {
        this.cellId = cellId;
        return this;
    }

    /** Collection start time, Unix epoch milliseconds. */
    public long timestampMs() {
        return timestampMs;
    }

    /** Sets collection start time, Unix epoch milliseconds. */
    public CellKpi timestampMs(long timestampMs) {
        this.timestampMs = timestampMs;
        return this;
    }

    /** When the RIC received the indication, Unix epoch milliseconds. */
    public long receivedAtMs() {
        return receivedAtMs;
    }

    /** Sets when the RIC received the indication, Unix epoch milliseconds. */
    public CellKpi receivedAtMs(long receivedAtMs) {
        this.receivedAtMs = receivedAtMs;
        return this;
    }

    /** Downlink PRB use in percent. */
    public float prbUsedDlPct() {
        return prbUsedDlPct;
    }

    /** Sets downlink PRB use in percent. */
    public CellKpi prbUsedDlPct(float prbUsedDlPct) {
        this.prbUsedDlPct = prbUsedDlPct;
        return this;
    }

    /** Uplink PRB use in percent. */
    public float prbUsedUlPct() {
        return prbUsedUlPct;
    }

    /** Sets uplink PRB use in percent. */
    public CellKpi prbUsedUlPct(float prbUsedUlPct) {
        this.prbUsedUlPct = prbUsedUlPct;
        return this;
    }

    /** Downlink throughput in Mbit/s. */
    public float throughputDlMbps() {
        return throughputDlMbps;
    }

    /** Sets downlink throughput in Mbit/s. */
    public CellKpi throughputDlMbps(float throughputDlMbps) {
        this.throughputDlMbps = throughputDlMbps;
        return this;
    }

    /** Uplink throughput in Mbit/s. */
    public float throughputUlMbps() {
        return throughputUlMbps;
    }

    /** Sets uplink throughput in Mbit/s. */
    public CellKpi throughputUlMbps(float throughputUlMbps) {
        this.throughputUlMbps = throughputUlMbps;
        return this;
    }

    /** Number of active UEs. */
    public int activeUes() {
        return activeUes;
    }

    /** Sets number of active UEs. */
    public CellKpi activeUes(int activeUes) {
        this.activeUes = activeUes;
        return this;
    }

    /** Configured Tx power in dBm. */
    public float txPowerDbm() {
        return txPowerDbm;
    }

    /** Sets configured Tx power in dBm. */
    public CellKpi txPowerDbm(float txPowerDbm) {
        this.txPowerDbm = txPowerDbm;
        return this;
    }

    /** Energy used in the period, watt-hours. */
    public float energyWh() {
        return energyWh;
    }

    /** Sets energy used in the period, watt-hours. */
    public CellKpi energyWh(float energyWh) {
        this.energyWh = energyWh;
        return this;
    }

    /** Mean CQI of the cell's UEs. */
    public float avgCqi() {
        return avgCqi;
    }

    /** Sets mean CQI of the cell's UEs. */
    public CellKpi avgCqi(float avgCqi) {
        this.avgCqi = avgCqi;
        return this;
    }

    /** Mean SINR of the cell's UEs in dB. */
    public float avgSinrDb() {
        return avgSinrDb;
    }

    /** Sets mean SINR of the cell's UEs in dB. */
    public CellKpi avgSinrDb(float avgSinrDb) {
        this.avgSinrDb = avgSinrDb;
        return this;
    }

    /** Radio link failures in the period. */
    public int rlfCount() {
        return rlfCount;
    }

    /** Sets radio link failures in the period. */
    public CellKpi rlfCount(int rlfCount) {
        this.rlfCount = rlfCount;
        return this;
    }

    /** Outgoing handover attempts in the period. */
    public int hoAttempts() {
        return hoAttempts;
    }

    /** Sets outgoing handover attempts in the period. */
    public CellKpi hoAttempts(int hoAttempts) {
        this.hoAttempts = hoAttempts;
        return this;
    }

    /** Successful outgoing handovers in the period. */
    public int hoSuccesses() {
        return hoSuccesses;
    }

    /** Sets successful outgoing handovers in the period. */
    public CellKpi hoSuccesses(int hoSuccesses) {
        this.hoSuccesses = hoSuccesses;
        return this;
    }

    /** True when the cell is switched off for energy saving. */
    public boolean sleeping() {
        return sleeping;
    }

    /** Sets true when the cell is switched off for energy saving. */
    public CellKpi sleeping(boolean sleeping) {
        this.sleeping = sleeping;
        return this;
    }

    /** Configured cell individual offset in dB. */
    public float cioDb() {
        return cioDb;
    }

    /** Sets configured cell individual offset in dB. */
    public CellKpi cioDb(float cioDb) {
        this.cioDb = cioDb;
        return this;
    }

    /**
     * The cell's operational state at the end of the period: {@link CellOperationalState#DISABLED} while
     * it cannot serve (an outage), {@link CellOperationalState#ENABLED} otherwise (a sleeping cell is
     * enabled, see {@link #sleeping()}); {@code null} when the node did not report it (no E2SM-KPM
     * measurement carries it: real nodes report it over O1, docs/e2-aper.md).
     */
    public CellOperationalState operationalState() {
        return operationalState == null ? null : CellOperationalState.valueOf(operationalState);
    }

    /** Sets the cell's operational state ({@code null}: not reported). */
    public CellKpi operationalState(CellOperationalState operationalState) {
        this.operationalState = operationalState == null ? null : operationalState.name();
        return this;
    }

    /**
     * RRC.ConnMean (3GPP TS 28.552): mean number of UEs in RRC_CONNECTED in the period, with traffic or
     * not (unlike {@link #activeUes()}, which counts only UEs with data); -1 when the node did not report it.
     */
    public int rrcConnMean() {
        return rrcConnMean;
    }

    /** Sets RRC.ConnMean (-1: not reported). */
    public CellKpi rrcConnMean(int rrcConnMean) {
        this.rrcConnMean = rrcConnMean;
        return this;
    }

    /** RRC.ConnMax (3GPP TS 28.552): most UEs in RRC_CONNECTED at once in the period; -1 when not reported. */
    public int rrcConnMax() {
        return rrcConnMax;
    }

    /** Sets RRC.ConnMax (-1: not reported). */
    public CellKpi rrcConnMax(int rrcConnMax) {
        this.rrcConnMax = rrcConnMax;
        return this;
    }

    @Override
    public String toString() {
        return "CellKpi{" + "nodeId=" + nodeId + ", " + "cellId=" + cellId + ", " + "timestampMs=" + timestampMs + ", " + "receivedAtMs=" + receivedAtMs + ", " + "prbUsedDlPct=" + prbUsedDlPct + ", " + "prbUsedUlPct=" + prbUsedUlPct + ", " + "throughputDlMbps=" + throughputDlMbps + ", " + "throughputUlMbps=" + throughputUlMbps + ", " + "activeUes=" + activeUes + ", " + "txPowerDbm=" + txPowerDbm + ", " + "energyWh=" + energyWh + ", " + "avgCqi=" + avgCqi + ", " + "avgSinrDb=" + avgSinrDb + ", " + "rlfCount=" + rlfCount + ", " + "hoAttempts=" + hoAttempts + ", " + "hoSuccesses=" + hoSuccesses + ", " + "sleeping=" + sleeping + ", " + "cioDb=" + cioDb + ", " + "operationalState=" + operationalState + ", " + "rrcConnMean=" + rrcConnMean + ", " + "rrcConnMax=" + rrcConnMax + "}";
    }
}
