package io.jric.core.internal.grid;

import java.util.Objects;

/**
 * A RIC Subscription as the RIC remembers it in the grid, so that it can be made again when
 * the node reconnects (also from another grid node). The details are the encoded E2AP
 * {@code RicSubscriptionDetails}. The owner is the grid node (its id, new each time a process
 * starts) of the RIC process whose component asked for the subscription: once that process is gone,
 * so is whoever read the subscription's reports, and the record is dropped instead of made again.
 */
public final class SubscriptionRecord {
    private final String subscriptionId;
    private final String nodeId;
    private final int ranFunctionId;
    private final int ricRequestorId;
    private final int ricInstanceId;
    private final byte[] details;
    private final long createdAtMs;
    private final String owner;

    public SubscriptionRecord(String subscriptionId, String nodeId, int ranFunctionId, int ricRequestorId,
                              int ricInstanceId, byte[] details, long createdAtMs) {
        this(subscriptionId, nodeId, ranFunctionId, ricRequestorId, ricInstanceId, details, createdAtMs, null);
    }

    public SubscriptionRecord(String subscriptionId, String nodeId, int ranFunctionId, int ricRequestorId,
                              int ricInstanceId, byte[] details, long createdAtMs, String owner) {
        this.owner = owner;
        this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.ranFunctionId = ranFunctionId;
        this.ricRequestorId = ricRequestorId;
        this.ricInstanceId = ricInstanceId;
        this.details = details.clone();
        this.createdAtMs = createdAtMs;
    }

    public String subscriptionId() { return subscriptionId; }
    public String nodeId() { return nodeId; }
    public int ranFunctionId() { return ranFunctionId; }
    public int ricRequestorId() { return ricRequestorId; }
    public int ricInstanceId() { return ricInstanceId; }
    public byte[] details() { return details.clone(); }
    public long createdAtMs() { return createdAtMs; }
    /** The grid node id of the RIC process that asked for it; null in records written before owners were kept. */
    public String owner() { return owner; }
}
