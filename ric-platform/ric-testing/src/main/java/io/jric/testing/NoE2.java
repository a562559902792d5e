package io.jric.testing;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2ControlService;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2NodeListener;
import io.jric.api.e2.E2NodeService;
import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionException;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.e2.E2SubscriptionService;
import io.jric.api.kpm.KpmReportListener;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * E2 services for tests that need an xApp platform but no RAN: there are no nodes, every
 * subscription fails with "no E2 in this test" and every control is {@link ControlStatus#REFUSED}.
 */
public final class NoE2 implements E2NodeService, E2SubscriptionService, E2ControlService {
    /** What subscriptions fail with and controls are refused for. */
    public static final String REASON = "no E2 in this test";

    @Override
    public List<E2NodeInfo> nodes() {
        return List.of();
    }

    @Override
    public Optional<E2NodeInfo> node(String nodeId) {
        return Optional.empty();
    }

    @Override
    public void addListener(E2NodeListener listener) {}

    @Override
    public void removeListener(E2NodeListener listener) {}

    @Override
    public CompletableFuture<E2Subscription> subscribe(E2SubscriptionRequest request, KpmReportListener listener) {
        return CompletableFuture.failedFuture(new E2SubscriptionException(REASON));
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String subscriptionId) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Collection<E2Subscription> subscriptions() {
        return List.of();
    }

    @Override
    public CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                                     Duration timeout, String origin) {
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId, REASON, null, 0));
    }
}
