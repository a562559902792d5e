package io.jric.e2;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionException;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.e2.E2SubscriptionService;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.SubscriptionRecord;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.ProcedureCode;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * RIC Subscriptions: sent with a transaction timeout and retries, remembered in the grid, and
 * made again, unasked, whenever their node completes E2 Setup again or resets.
 */
final class SubscriptionManager implements E2SubscriptionService {
    private static final Logger LOG = Logger.getLogger(SubscriptionManager.class.getName());
    /** ricRequestorID the platform uses for its own subscriptions. */
    static final int PLATFORM_REQUESTOR = 1;

    private final E2Termination termination;
    private final IgniteCache<String, SubscriptionRecord> records;
    private final ConcurrentHashMap<String, E2Subscription> active = new ConcurrentHashMap<>();
    private final AtomicInteger nextInstance = new AtomicInteger(1);
    private final ConcurrentHashMap<String, io.jric.api.kpm.KpmReportListener> listeners = new ConcurrentHashMap<>();

    private final RicGrid grid;
    private final String localGridNode;

    SubscriptionManager(E2Termination termination, RicGrid grid) {
        this.termination = termination;
        this.grid = grid;
        this.records = grid.cache(E2Caches.SUBSCRIPTIONS);
        this.localGridNode = grid.ignite().cluster().localNode().id().toString();
    }

    /**
     * Whether the process that asked for a record is gone: its owner is a grid node no longer in the
     * cluster (records without an owner, from before owners were kept, count as alive).
     */
    private boolean ownerGone(SubscriptionRecord rec) {
        String owner = rec.owner();
        if (owner == null || owner.equals(localGridNode)) return false;
        try {
            return grid.ignite().cluster().node(java.util.UUID.fromString(owner)) == null;
        } catch (IllegalArgumentException e) {
            return true;  // not a grid node id
        }
    }

    /** Control-plane thread: forgets every record of a node (the node itself is forgotten). */
    int forgetNode(String nodeId) {
        int n = 0;
        for (Cache.Entry<String, SubscriptionRecord> e : records.query(new ScanQuery<String, SubscriptionRecord>())) {
            if (e.getValue().nodeId().equals(nodeId) && records.remove(e.getKey())) n++;
        }
        for (String id : List.copyOf(active.keySet())) {
            E2Subscription sub = active.get(id);
            if (sub != null && sub.nodeId().equals(nodeId)) {
                active.remove(id);
                listeners.remove(id);
            }
        }
        return n;
    }

    @Override
    public CompletableFuture<E2Subscription> subscribe(E2SubscriptionRequest request,
                                                       io.jric.api.kpm.KpmReportListener listener) {
        Objects.requireNonNull(request, "request");
        Association a = termination.nodeManager().association(request.nodeId());
        if (a == null) {
            return CompletableFuture.failedFuture(new E2SubscriptionException(
                    "nodeId: " + request.nodeId() + " is not connected to this RIC"));
        }
        if (!a.hasRanFunction(request.ranFunctionId())) {
            return CompletableFuture.failedFuture(new E2SubscriptionException(
                    "ranFunctionId: " + request.ranFunctionId() + " is not a RAN function of " + request.nodeId()
                            + " (it has: " + a.node().ranFunctions() + ")"));
        }
        if (request.details().getRicActionsToBeSetupCount() == 0 || request.details().getRicActionsToBeSetupCount() > 16) {
            return CompletableFuture.failedFuture(new E2SubscriptionException("ricActionsToBeSetup: "
                    + request.details().getRicActionsToBeSetupCount() + " actions (expected: 1..16)"));
        }
        int instance = allocateInstance(request.nodeId());
        String id = request.nodeId() + "/" + PLATFORM_REQUESTOR + "/" + instance;
        SubscriptionRecord rec = new SubscriptionRecord(id, request.nodeId(), request.ranFunctionId(),
                PLATFORM_REQUESTOR, instance, request.details().toByteArray(), System.currentTimeMillis(), localGridNode);
        if (listener != null) listeners.put(id, listener);
        // Record first, then list as active: whoever sees it in subscriptions() can unsubscribe it.
        return send(a, rec).whenComplete((sub, err) -> {
            if (err == null) {
                records.put(id, rec);
                active.put(id, sub);
            } else {
                listeners.remove(id);
            }
        });
    }

    private int allocateInstance(String nodeId) {
        for (int i = 0; i < 65536; i++) {
            int candidate = nextInstance.getAndIncrement() & 0xFFFF;
            String id = nodeId + "/" + PLATFORM_REQUESTOR + "/" + candidate;
            // Also free grid-wide: another RIC process may have made subscriptions to this node before it moved here.
            if (!active.containsKey(id) && !records.containsKey(id)) return candidate;
        }
        throw new E2SubscriptionException("nodeId: " + nodeId + " has no free ricInstanceID left");
    }

    /** Sends the subscription of a record on an association; the caller lists it as active on success. */
    private CompletableFuture<E2Subscription> send(Association a, SubscriptionRecord rec) {
        RicSubscriptionDetails details;
        try {
            details = RicSubscriptionDetails.parseFrom(rec.details());
        } catch (InvalidProtocolBufferException e) {
            return CompletableFuture.failedFuture(new E2SubscriptionException(
                    "subscription " + rec.subscriptionId() + " has corrupt details: " + e.getMessage()));
        }
        RicRequestId rid = Pdus.requestId(rec.ricRequestorId(), rec.ricInstanceId());
        E2apPdu pdu = Pdus.initiating(InitiatingMessage.newBuilder().setRicSubscriptionRequest(
                RicSubscriptionRequest.newBuilder().setRicRequestId(rid).setRanFunctionId(rec.ranFunctionId())
                        .setRicSubscriptionDetails(details)));
        // Mark active before sending: the node may report right after its response.
        a.subscriptionActive(rid, rec.ranFunctionId(), rec.subscriptionId(), listeners.get(rec.subscriptionId()));
        E2Settings s = termination.settings();
        return a.transact(ProcedureCode.PROCEDURE_CODE_RIC_SUBSCRIPTION, rid, pdu, s.subscriptionTimeout().toNanos(),
                        s.subscriptionRetries())
                .handle((answer, err) -> {
                    if (err != null) {
                        a.subscriptionInactive(rid);
                        Throwable cause = err instanceof CompletionException ? err.getCause() : err;
                        throw new E2SubscriptionException("RIC Subscription " + rec.subscriptionId() + " failed: "
                                + cause.getMessage());
                    }
                    if (answer.hasUnsuccessfulOutcome()) {
                        a.subscriptionInactive(rid);
                        throw new E2SubscriptionException("RIC Subscription " + rec.subscriptionId()
                                + " refused by " + rec.nodeId() + ": " + Pdus.describe(
                                answer.getUnsuccessfulOutcome().getRicSubscriptionFailure().getCause()));
                    }
                    RicSubscriptionResponse r = answer.getSuccessfulOutcome().getRicSubscriptionResponse();
                    E2Subscription sub = new E2Subscription(rec.subscriptionId(), rec.nodeId(), rec.ranFunctionId(),
                            rec.ricRequestorId(), rec.ricInstanceId(), r.getRicActionsAdmittedList());
                    return sub;
                });
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String subscriptionId) {
        SubscriptionRecord rec = records.getAndRemove(Objects.requireNonNull(subscriptionId, "subscriptionId"));
        active.remove(subscriptionId);
        listeners.remove(subscriptionId);
        if (rec == null) {
            return CompletableFuture.failedFuture(new E2SubscriptionException(
                    "subscriptionId: " + subscriptionId + " (no such subscription)"));
        }
        Association a = termination.nodeManager().association(rec.nodeId());
        if (a == null) return CompletableFuture.completedFuture(null); // the node dropped it with the association
        RicRequestId rid = Pdus.requestId(rec.ricRequestorId(), rec.ricInstanceId());
        a.subscriptionInactive(rid);
        E2apPdu pdu = Pdus.initiating(InitiatingMessage.newBuilder().setRicSubscriptionDeleteRequest(
                RicSubscriptionDeleteRequest.newBuilder().setRicRequestId(rid).setRanFunctionId(rec.ranFunctionId())));
        E2Settings s = termination.settings();
        return a.transact(ProcedureCode.PROCEDURE_CODE_RIC_SUBSCRIPTION_DELETE, rid, pdu,
                        s.subscriptionTimeout().toNanos(), s.subscriptionRetries())
                .handle((answer, err) -> {
                    if (err != null) {
                        throw new E2SubscriptionException("RIC Subscription Delete " + subscriptionId + ": "
                                + (err instanceof CompletionException ? err.getCause() : err).getMessage()
                                + " (the RIC has forgotten the subscription)");
                    }
                    if (answer.hasUnsuccessfulOutcome()) {
                        throw new E2SubscriptionException("RIC Subscription Delete " + subscriptionId + " refused by "
                                + rec.nodeId() + ": " + Pdus.describe(answer.getUnsuccessfulOutcome()
                                .getRicSubscriptionDeleteFailure().getCause()) + " (the RIC has forgotten the subscription)");
                    }
                    return null;
                });
    }

    @Override
    public Collection<E2Subscription> subscriptions() {
        return List.copyOf(active.values());
    }

    /**
     * Control-plane thread: the node completed E2 Setup again, or reset. Makes every subscription
     * the RIC remembers for it again on this association, except those already active on it.
     */
    void nodeReady(Association a) {
        String nodeId = a.node().nodeId();
        List<SubscriptionRecord> mine = new ArrayList<>();
        for (Cache.Entry<String, SubscriptionRecord> e : records.query(new ScanQuery<String, SubscriptionRecord>())) {
            if (!e.getValue().nodeId().equals(nodeId)) continue;
            if (ownerGone(e.getValue())) {
                // Asked for by a RIC process that has died: whoever read its reports died with it, and the
                // components now serving this node subscribe for themselves. Made again it would only double
                // the node's reports (two subscriptions per purpose).
                records.remove(e.getKey());
                termination.stats().orphanSubscriptionsDropped.increment();
                LOG.info(() -> "dropped subscription " + e.getKey() + " of " + nodeId + ": the RIC process that made it is gone");
                continue;
            }
            mine.add(e.getValue());
        }
        int resetsBefore = a.resets();
        for (SubscriptionRecord rec : mine) {
            RicRequestId rid = Pdus.requestId(rec.ricRequestorId(), rec.ricInstanceId());
            if (a.subscriptionIsActive(rid)) continue;
            termination.stats().resubscriptions.increment();
            send(a, rec).whenComplete((sub, err) -> {
                if (err != null) {
                    // A later Reset or a closed association supersedes this attempt (the next nodeReady makes it
                    // again): expected, not worth a warning each time a node resets in a loop.
                    boolean superseded = a.resets() != resetsBefore || a.closed();
                    LOG.log(superseded ? Level.FINE : Level.WARNING,
                            "re-subscription of " + rec.subscriptionId() + " failed: " + err.getMessage());
                } else {
                    active.put(rec.subscriptionId(), sub);
                    LOG.info(() -> "re-subscribed " + sub + " after " + nodeId + " came back");
                }
            });
        }
    }
}
