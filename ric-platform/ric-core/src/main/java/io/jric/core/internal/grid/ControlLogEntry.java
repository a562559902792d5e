package io.jric.core.internal.grid;

/** One RIC Control (or a control the platform refused) as recorded in the control log cache. */
public final class ControlLogEntry {
    private static final java.util.concurrent.atomic.AtomicLong SEQ =
            new java.util.concurrent.atomic.AtomicLong(new java.util.Random().nextInt(1 << 16));

    /**
     * A key for a new entry: milliseconds since the epoch in the high bits, so keys sort by time,
     * and a per-process counter with a random start in the low 20 bits, so RIC processes rarely collide.
     */
    public static long newKey() {
        return (System.currentTimeMillis() << 20) | (SEQ.incrementAndGet() & 0xFFFFF);
    }

    private final long timestampMs;
    private final String nodeId;
    private final String action;
    private final String status;
    private final String detail;
    private final long roundTripNanos;
    private final String origin;

    public ControlLogEntry(long timestampMs, String nodeId, String action, String status, String detail,
                           long roundTripNanos) {
        this(timestampMs, nodeId, action, status, detail, roundTripNanos, "platform");
    }

    /** @param origin who asked for the control: an xApp name, or {@code platform} */
    public ControlLogEntry(long timestampMs, String nodeId, String action, String status, String detail,
                           long roundTripNanos, String origin) {
        this.origin = origin;
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
    public String origin() { return origin; }

    @Override
    public String toString() {
        return timestampMs + " " + origin + " " + nodeId + " " + action + " -> " + status + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
