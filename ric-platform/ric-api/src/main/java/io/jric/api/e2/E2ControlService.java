package io.jric.api.e2;

import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends RIC Control requests to E2 nodes. */
public interface E2ControlService {
    /**
     * Sends an E2SM-RC control to the node's RC RAN function and completes with the node's
     * answer. The future never completes exceptionally: refusals, failures and timeouts are
     * outcomes with a {@link ControlStatus} and a detail naming the problem.
     *
     * @param nodeId canonical node id
     * @param header the E2SM-RC control header
     * @param message the E2SM-RC control message
     * @param timeout how long to wait for the node's answer
     */
    default CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                                      Duration timeout) {
        return control(nodeId, header, message, timeout, "platform");
    }

    /**
     * As {@link #control(String, RcControlHeader, RcControlMessage, Duration)}, recording who asked
     * ({@code origin}, e.g. an xApp name) in the control log.
     */
    CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                              Duration timeout, String origin);
}
