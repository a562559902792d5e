package io.jric.core.internal.grid;

/**
 * One decision of an xApp in {@code ric.ml.experience}: what it saw (features), what it did (action),
 * and, once the platform attached it, the outcome (declared KPIs over the horizon) with its status.
 * A plain class (Ignite cannot store records); name and value arrays run in parallel.
 */
public final class ExperienceRow {
    /** Outcome not attached yet: the horizon has not passed. */
    public static final String PENDING = "PENDING";
    /** Outcome attached from KPM samples covering the whole horizon. */
    public static final String OK = "OK";
    /** Outcome attached from the samples there were: the cell stopped reporting before the horizon ended. */
    public static final String PARTIAL = "PARTIAL";
    /** No KPM sample of the cell in the horizon: no outcome. */
    public static final String NO_DATA = "NO_DATA";
    /** The outcome could not be computed from the row (e.g. an outcome name this version does not know): closed without one. */
    public static final String ERROR = "ERROR";

    private final String xapp;
    private final String nodeId;
    private final String cellId;
    private final long ueId;
    private final long timeMs;
    private final long recordedAtMs;
    private final long horizonMs;
    private final String[] featureNames;
    private final double[] featureValues;
    private final String[] actionNames;
    private final double[] actionValues;
    private final String[] outcomeNames;
    private double[] outcomeValues;
    private String outcomeStatus;
    private int outcomeSamples;
    private long attachedAtMs;
    private String label;
    private long labelledAtMs;
    private String peerNodeId;
    private String peerCellId;
    private int peerOutcomeSamples;

    public ExperienceRow(String xapp, String nodeId, String cellId, long ueId, long timeMs, long recordedAtMs,
                         long horizonMs, String[] featureNames, double[] featureValues, String[] actionNames,
                         double[] actionValues, String[] outcomeNames) {
        this.xapp = xapp;
        this.nodeId = nodeId;
        this.cellId = cellId;
        this.ueId = ueId;
        this.timeMs = timeMs;
        this.recordedAtMs = recordedAtMs;
        this.horizonMs = horizonMs;
        this.featureNames = featureNames;
        this.featureValues = featureValues;
        this.actionNames = actionNames;
        this.actionValues = actionValues;
        this.outcomeNames = outcomeNames;
        this.outcomeStatus = PENDING;
    }

    public String xapp() { return xapp; }
    public String nodeId() { return nodeId; }
    public String cellId() { return cellId; }
    /** The UE the decision is about, 0 for a cell decision. */
    public long ueId() { return ueId; }
    /** Decision time: the KPM data's time the decision was based on (Unix ms, the series' clock). */
    public long timeMs() { return timeMs; }
    /** When the RIC recorded the row (Unix ms, the RIC's clock). */
    public long recordedAtMs() { return recordedAtMs; }
    public long horizonMs() { return horizonMs; }
    public String[] featureNames() { return featureNames; }
    public double[] featureValues() { return featureValues; }
    public String[] actionNames() { return actionNames; }
    public double[] actionValues() { return actionValues; }
    /** The declared outcome KPIs. */
    public String[] outcomeNames() { return outcomeNames; }
    /** The outcome, parallel to {@link #outcomeNames()}; null until attached or without data. */
    public double[] outcomeValues() { return outcomeValues; }
    /** {@link #PENDING}, {@link #OK}, {@link #PARTIAL} or {@link #NO_DATA}. */
    public String outcomeStatus() { return outcomeStatus; }
    /** KPM samples the outcome was computed from. */
    public int outcomeSamples() { return outcomeSamples; }
    /** When the outcome was attached (RIC clock), 0 while pending. */
    public long attachedAtMs() { return attachedAtMs; }

    /**
     * An operator's judgement of the decision, e.g. {@code confirmed} or {@code rejected} for an anomaly alarm
     * (docs/ml-lifecycle.md, "Operator labels"); null when nobody judged it.
     */
    public String label() { return label; }
    /** When the label was set (RIC clock), 0 without one. */
    public long labelledAtMs() { return labelledAtMs; }

    /** This row with its outcome attached (its label, if any, kept). */
    public ExperienceRow withOutcome(String status, double[] values, int samples, long atMs) {
        ExperienceRow r = copy();
        r.outcomeStatus = status;
        r.outcomeValues = values;
        r.outcomeSamples = samples;
        r.attachedAtMs = atMs;
        return r;
    }

    /** This row with an operator's label (its outcome, if any, kept). */
    public ExperienceRow withLabel(String label, long atMs) {
        ExperienceRow r = copy();
        r.label = label;
        r.labelledAtMs = atMs;
        return r;
    }

    private ExperienceRow copy() {
        ExperienceRow r = new ExperienceRow(xapp, nodeId, cellId, ueId, timeMs, recordedAtMs, horizonMs, featureNames,
                featureValues, actionNames, actionValues, outcomeNames);
        r.outcomeStatus = outcomeStatus;
        r.outcomeValues = outcomeValues;
        r.outcomeSamples = outcomeSamples;
        r.attachedAtMs = attachedAtMs;
        r.label = label;
        r.labelledAtMs = labelledAtMs;
        r.peerNodeId = peerNodeId;
        r.peerCellId = peerCellId;
        r.peerOutcomeSamples = peerOutcomeSamples;
        return r;
    }

    // ------------------------------------------------------------------ two-cell rows (docs/ml-lifecycle.md, "Two-cell outcomes")

    /** The prefix of the peer cell's KPIs in {@link #outcomeNames()} of a two-cell row. */
    public static final String PEER_PREFIX = "peer.";

    /**
     * The E2 node of the row's second ("peer") cell, e.g. the cell load was moved to or from; null for a row about
     * one cell.
     */
    public String peerNodeId() { return peerNodeId; }
    /** The row's second cell; null for a row about one cell. */
    public String peerCellId() { return peerCellId; }
    /** KPM samples of the peer cell the {@code peer.} outcome was computed from (0 for a one-cell row). */
    public int peerOutcomeSamples() { return peerOutcomeSamples; }

    /**
     * This row about two cells: its {@code outcomeNames} must already hold the declared KPIs followed by the same
     * KPIs prefixed {@link #PEER_PREFIX}.
     */
    public ExperienceRow withPeer(String nodeId, String cellId) {
        ExperienceRow r = copy();
        r.peerNodeId = nodeId;
        r.peerCellId = cellId;
        return r;
    }

    /**
     * This two-cell row with its outcome attached: {@code values} parallel to {@link #outcomeNames()} (NaN for a
     * cell without samples), the samples of each cell apart.
     */
    public ExperienceRow withPairOutcome(String status, double[] values, int samples, int peerSamples, long atMs) {
        ExperienceRow r = withOutcome(status, values, samples, atMs);
        r.peerOutcomeSamples = peerSamples;
        return r;
    }

    @Override
    public String toString() {
        return xapp + " " + nodeId + " " + cellId + (ueId != 0 ? " ue " + ueId : "")
                + (peerCellId != null ? " peer " + peerNodeId + " " + peerCellId : "") + " @" + timeMs + " " + outcomeStatus;
    }
}
