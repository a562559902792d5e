package io.jric.api.e2;

import java.util.Objects;

/** The outcome of one RIC Control, as returned to the caller and written to the control log. */
public final class ControlOutcome {
    private final ControlStatus status;
    private final String nodeId;
    private final String detail;
    private final byte[] outcome;
    private final long roundTripNanos;

    /**
     * @param status how the control ended
     * @param nodeId the target node
     * @param detail the cause or a short explanation (never null; empty on a plain ack)
     * @param outcome the encoded RIC Control Outcome from the node, or an empty array
     * @param roundTripNanos from the request leaving the RIC to the answer arriving, 0 if never sent
     */
    public ControlOutcome(ControlStatus status, String nodeId, String detail, byte[] outcome, long roundTripNanos) {
        this.status = Objects.requireNonNull(status, "status");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.detail = Objects.requireNonNull(detail, "detail");
        this.outcome = outcome == null ? new byte[0] : outcome;
        this.roundTripNanos = roundTripNanos;
    }

    /** How the control ended. */
    public ControlStatus status() {
        return status;
    }

    /** The target node. */
    public String nodeId() {
        return nodeId;
    }

    /** The cause or a short explanation. */
    public String detail() {
        return detail;
    }

    /** The encoded RIC Control Outcome (service-model specific), possibly empty. */
    public byte[] outcome() {
        return outcome.clone();
    }

    /** Round trip in nanoseconds, 0 if the request was never sent. */
    public long roundTripNanos() {
        return roundTripNanos;
    }

    /** True on {@link ControlStatus#ACK}. */
    public boolean acknowledged() {
        return status == ControlStatus.ACK;
    }

    @Override
    public String toString() {
        return "ControlOutcome{" + status + ", node=" + nodeId + (detail.isEmpty() ? "" : ", " + detail) + "}";
    }
}
