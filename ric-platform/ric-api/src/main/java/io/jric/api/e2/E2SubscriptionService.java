package io.jric.api.e2;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/**
 * RIC Subscriptions. The RIC remembers every subscription it made and makes it again,
 * unasked, when the node reconnects after losing its association.
 */
public interface E2SubscriptionService {
    /**
     * Sends a RIC Subscription Request (retried on timeout) and completes with the node's
     * answer; completes exceptionally with {@link E2SubscriptionException} naming the cause
     * on failure, unknown node or exhausted retries.
     */
    default CompletableFuture<E2Subscription> subscribe(E2SubscriptionRequest request) {
        return subscribe(request, null);
    }

    /**
     * Like {@link #subscribe(E2SubscriptionRequest)}, and delivers every decoded KPM report of the
     * subscription to {@code listener} (on the E2 transport thread; it must not block), also after the
     * node reconnects. {@code null}: the reports only go to the grid.
     */
    CompletableFuture<E2Subscription> subscribe(E2SubscriptionRequest request,
                                                io.jric.api.kpm.KpmReportListener listener);

    /** Sends RIC Subscription Delete; the RIC forgets the subscription whatever the node answers. */
    CompletableFuture<Void> unsubscribe(String subscriptionId);

    /** The subscriptions currently held by the RIC. */
    Collection<E2Subscription> subscriptions();
}
