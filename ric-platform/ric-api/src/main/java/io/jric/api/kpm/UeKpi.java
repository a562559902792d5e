package io.jric.api.kpm;

/**
 * The KPM measurements of one UE for one reporting period, as stored in the grid.
 *
 * <p>A plain mutable value (the grid stores it in binary form); setters return {@code this}.
 */
public final class UeKpi {
    private long ueId;
    private String nodeId;
    private String servingCellId;
    private long timestampMs;
    private long receivedAtMs;
    private float rsrpDbm;
    private float rsrqDb;
    private float sinrDb;
    private int cqi;
    private float throughputDlMbps;
    private float throughputUlMbps;
    private float prbUsedDl;
    private String[] neighbourCellIds;
    private float[] neighbourRsrpDbm;
    private float[] neighbourSinrDb;

    /** An empty record; fill it with the setters. */
    public UeKpi() {}

    /** The RAN UE id. */
    public long ueId() {
        return ueId;
    }

    /** Sets the RAN UE id. */
    public UeKpi ueId(long ueId) {
        this.ueId = ueId;
        return this;
    }

    /** The E2 node serving the UE. */
    public String nodeId() {
        return nodeId;
    }

    /** Sets the E2 node serving the UE. */
    public UeKpi nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
    }

    /** The serving cell's canonical id. */
    public String servingCellId() {
        return servingCellId;
    }

    /** Sets the serving cell's canonical id. */
    public UeKpi servingCellId(String servingCellId) {
        this.servingCellId = servingCellId;
        return this;
    }

    /** Collection start time, Unix epoch milliseconds. */
    public long timestampMs() {
        return timestampMs;
    }

    /** Sets collection start time, Unix epoch milliseconds. */
    public UeKpi timestampMs(long timestampMs) {
        this.timestampMs = timestampMs;
        return this;
    }

    /**
     * When the RIC received the report, Unix epoch milliseconds of the RIC's clock (0: not known, e.g. a record made
     * outside the E2 ingest). {@code ric.kpm.ue.latest} expires a UE {@code grid.ueExpirySeconds} after this time
     * (docs/caches.md): readers treat an older record as absent and a periodic sweep removes it.
     */
    public long receivedAtMs() {
        return receivedAtMs;
    }

    /** Sets when the RIC received the report (RIC clock, Unix epoch milliseconds). */
    public UeKpi receivedAtMs(long receivedAtMs) {
        this.receivedAtMs = receivedAtMs;
        return this;
    }

    /** Serving-cell RSRP in dBm. */
    public float rsrpDbm() {
        return rsrpDbm;
    }

    /** Sets serving-cell RSRP in dBm. */
    public UeKpi rsrpDbm(float rsrpDbm) {
        this.rsrpDbm = rsrpDbm;
        return this;
    }

    /** Serving-cell RSRQ in dB. */
    public float rsrqDb() {
        return rsrqDb;
    }

    /** Sets serving-cell RSRQ in dB. */
    public UeKpi rsrqDb(float rsrqDb) {
        this.rsrqDb = rsrqDb;
        return this;
    }

    /** Serving-cell SINR in dB. */
    public float sinrDb() {
        return sinrDb;
    }

    /** Sets serving-cell SINR in dB. */
    public UeKpi sinrDb(float sinrDb) {
        this.sinrDb = sinrDb;
        return this;
    }

    /** Channel quality indicator (0..15). */
    public int cqi() {
        return cqi;
    }

    /** Sets channel quality indicator (0..15). */
    public UeKpi cqi(int cqi) {
        this.cqi = cqi;
        return this;
    }

    /** Downlink throughput in Mbit/s. */
    public float throughputDlMbps() {
        return throughputDlMbps;
    }

    /** Sets downlink throughput in Mbit/s. */
    public UeKpi throughputDlMbps(float throughputDlMbps) {
        this.throughputDlMbps = throughputDlMbps;
        return this;
    }

    /** Uplink throughput in Mbit/s. */
    public float throughputUlMbps() {
        return throughputUlMbps;
    }

    /** Sets uplink throughput in Mbit/s. */
    public UeKpi throughputUlMbps(float throughputUlMbps) {
        this.throughputUlMbps = throughputUlMbps;
        return this;
    }

    /** Downlink PRBs used by the UE. */
    public float prbUsedDl() {
        return prbUsedDl;
    }

    /** Sets downlink PRBs used by the UE. */
    public UeKpi prbUsedDl(float prbUsedDl) {
        this.prbUsedDl = prbUsedDl;
        return this;
    }

    /**
     * Neighbour cells measured by the UE, in the node's order: strongest first (jRIC's simulator on several carriers:
     * per frequency, the serving carrier's strongest first, then each other carrier's).
     */
    public String[] neighbourCellIds() {
        return neighbourCellIds;
    }

    /** Sets neighbour cells measured by the UE, strongest first. */
    public UeKpi neighbourCellIds(String[] neighbourCellIds) {
        this.neighbourCellIds = neighbourCellIds;
        return this;
    }

    /** RSRP of each neighbour in dBm, same order as the neighbour ids. */
    public float[] neighbourRsrpDbm() {
        return neighbourRsrpDbm;
    }

    /** Sets rSRP of each neighbour in dBm, same order as the neighbour ids. */
    public UeKpi neighbourRsrpDbm(float[] neighbourRsrpDbm) {
        this.neighbourRsrpDbm = neighbourRsrpDbm;
        return this;
    }

    /** SINR of each neighbour in dB, same order as the neighbour ids. */
    public float[] neighbourSinrDb() {
        return neighbourSinrDb;
    }

    /** Sets sINR of each neighbour in dB, same order as the neighbour ids. */
    public UeKpi neighbourSinrDb(float[] neighbourSinrDb) {
        this.neighbourSinrDb = neighbourSinrDb;
        return this;
    }

    @Override
    public String toString() {
        return "UeKpi{" + "ueId=" + ueId + ", " + "nodeId=" + nodeId + ", " + "servingCellId=" + servingCellId + ", " + "timestampMs=" + timestampMs + ", " + "receivedAtMs=" + receivedAtMs + ", " + "rsrpDbm=" + rsrpDbm + ", " + "rsrqDb=" + rsrqDb + ", " + "sinrDb=" + sinrDb + ", " + "cqi=" + cqi + ", " + "throughputDlMbps=" + throughputDlMbps + ", " + "throughputUlMbps=" + throughputUlMbps + ", " + "prbUsedDl=" + prbUsedDl + ", " + "neighbourCellIds=" + java.util.Arrays.toString(neighbourCellIds) + ", " + "neighbourRsrpDbm=" + java.util.Arrays.toString(neighbourRsrpDbm) + ", " + "neighbourSinrDb=" + java.util.Arrays.toString(neighbourSinrDb) + "}";
    }
}
