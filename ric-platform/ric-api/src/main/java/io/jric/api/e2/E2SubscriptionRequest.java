package io.jric.api.e2;

import io.jric.proto.e2.v1.RicSubscriptionDetails;
import java.util.Objects;

/** What to subscribe to on one node: a RAN function and the E2AP subscription details. */
public final class E2SubscriptionRequest {
    private final String nodeId;
    private final int ranFunctionId;
    private final RicSubscriptionDetails details;

    /**
     * @param nodeId canonical node id
     * @param ranFunctionId the node's RAN function (e.g. its KPM function)
     * @param details event trigger and actions, encoded by the service model
     */
    public E2SubscriptionRequest(String nodeId, int ranFunctionId, RicSubscriptionDetails details) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.ranFunctionId = ranFunctionId;
        this.details = Objects.requireNonNull(details, "details");
    }

    /** Canonical node id. */
    public String nodeId() {
        return nodeId;
    }

    /** RAN function id. */
    public int ranFunctionId() {
        return ranFunctionId;
    }

    /** Event trigger and actions. */
    public RicSubscriptionDetails details() {
        return details;
    }
}
