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
}
