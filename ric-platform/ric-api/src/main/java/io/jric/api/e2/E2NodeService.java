package io.jric.api.e2;

import java.util.List;
import java.util.Optional;

/** The E2 nodes the RIC knows of. */
public interface E2NodeService {
    /** Every node that ever completed E2 Setup with this RIC, connected or not. */
    List<E2NodeInfo> nodes();

    /** One node by its canonical id. */
    Optional<E2NodeInfo> node(String nodeId);

    /** Registers a listener for (dis)connections. */
    void addListener(E2NodeListener listener);

    /** Removes a listener registered with {@link #addListener}. */
    void removeListener(E2NodeListener listener);

    /**
     * Whether this RIC process holds the node's E2 association (reports from it arrive here and
     * subscriptions to it are made here). In a grid of several RIC processes each connected node is
     * held by one of them. Default: the node is known and connected.
     */
    default boolean heldHere(String nodeId) {
        return node(nodeId).map(E2NodeInfo::connected).orElse(false);
    }
}
