package io.jric.core.internal.grid;

/** One RIC Control as recorded in the control log cache. */
public final class ControlLogEntry {
    private final long timestampMs;
    private final String nodeId;
    private final String action;
    private final String status;
    private final String detail;
    private final long roundTripNanos;

    public ControlLogEntry(long timestampMs, String nodeId, String action, String status, String detail,
                           long roundTripNanos) {
        this.timestampMs = timestampMs;
        this.nodeId = nodeId;
        this.action = action;
        this.status = status;
        this.detail = detail;
        this.roundTripNanos = roundTripNanos;
    }

    public long timestampMs() { return timestampMs; }
    public String nodeId() { return nodeId; }
    public String action() { return action; }
    public String status() { return status; }
    public String detail() { return detail; }
    public long roundTripNanos() { return roundTripNanos; }

    @Override
    public String toString() {
        return timestampMs + " " + nodeId + " " + action + " -> " + status + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
