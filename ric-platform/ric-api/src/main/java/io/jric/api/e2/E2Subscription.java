package io.jric.api.e2;

import java.util.List;
import java.util.Objects;

/** An E2 subscription the node accepted. */
public final class E2Subscription {
    private final String subscriptionId;
    private final String nodeId;
    private final int ranFunctionId;
    private final int ricRequestorId;
    private final int ricInstanceId;
    private final List<Integer> admittedActions;

    /**
     * @param subscriptionId the RIC's id for it (stable across node reconnects)
     * @param nodeId canonical node id
     * @param ranFunctionId the RAN function
     * @param ricRequestorId RICrequestID.ricRequestorID
     * @param ricInstanceId RICrequestID.ricInstanceID
     * @param admittedActions the action ids the node admitted
     */
    public E2Subscription(String subscriptionId, String nodeId, int ranFunctionId, int ricRequestorId,
                          int ricInstanceId, List<Integer> admittedActions) {
        this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.ranFunctionId = ranFunctionId;
        this.ricRequestorId = ricRequestorId;
        this.ricInstanceId = ricInstanceId;
        this.admittedActions = List.copyOf(admittedActions);
    }

    /** The RIC's id for the subscription, stable across node reconnects. */
    public String subscriptionId() {
        return subscriptionId;
    }

    /** Canonical node id. */
    public String nodeId() {
        return nodeId;
    }

    /** RAN function id. */
    public int ranFunctionId() {
        return ranFunctionId;
    }

    /** RICrequestID.ricRequestorID. */
    public int ricRequestorId() {
        return ricRequestorId;
    }

    /** RICrequestID.ricInstanceID. */
    public int ricInstanceId() {
        return ricInstanceId;
    }

    /** The admitted action ids. */
    public List<Integer> admittedActions() {
        return admittedActions;
    }

    @Override
    public String toString() {
        return "E2Subscription{" + subscriptionId + " on " + nodeId + "/" + ranFunctionId + ", actions=" + admittedActions + "}";
    }
}
