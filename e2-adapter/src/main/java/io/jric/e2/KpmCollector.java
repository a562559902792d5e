package io.jric.e2;

import io.jric.api.e2.E2NodeEvent;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.e2.ServiceModels;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The RIC's own KPM collection: when a node with an E2SM-KPM RAN function connects for the
 * first time, subscribe to its cell and UE measurements (report style 4) at the configured
 * period so the grid fills without any xApp asking. Reconnects need nothing from here: the
 * subscription manager makes remembered subscriptions again by itself.
 */
public final class KpmCollector implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KpmCollector.class.getName());

    private final E2Termination e2;
    private final int periodMs;
    private final io.jric.api.e2.E2NodeListener listener = this::onEvent;

    private KpmCollector(E2Termination e2, int periodMs) {
        this.e2 = e2;
        this.periodMs = periodMs;
    }

    /** Starts collecting from every node that connects from now on, every {@code periodMs}. */
    public static KpmCollector start(E2Termination e2, int periodMs) {
        if (periodMs < 10) throw new IllegalArgumentException("periodMs: " + periodMs + " (expected: >= 10)");
        KpmCollector c = new KpmCollector(e2, periodMs);
        e2.nodeService().addListener(c.listener);
        return c;
    }

    private void onEvent(E2NodeEvent event) {
        if (event.type() != E2NodeEvent.Type.CONNECTED) return;
        E2NodeInfo node = event.node();
        for (E2Subscription s : e2.subscriptionService().subscriptions()) {
            if (s.nodeId().equals(node.nodeId())) return; // remembered: the subscription manager re-makes it
        }
        for (RanFunctionInfo f : node.ranFunctions()) {
            if (f.oid().equals(ServiceModels.KPM_OID)) {
                subscribe(node.nodeId(), f.ranFunctionId());
            }
        }
    }

    /** Subscribes to a node's KPM function with this collector's period. */
    public CompletableFuture<E2Subscription> subscribe(String nodeId, int ranFunctionId) {
        RicSubscriptionDetails details = RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder()
                        .setReportingPeriodMs(periodMs).build().toByteString())
                .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                        .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                        .setRicActionDefinition(KpmActionDefinition.newBuilder().setRicStyleType(4)
                                .setGranularityPeriodMs(periodMs).build().toByteString()))
                .build();
        return e2.subscriptionService().subscribe(new E2SubscriptionRequest(nodeId, ranFunctionId, details))
                .whenComplete((s, err) -> {
                    if (err != null) LOG.log(Level.WARNING, "KPM collection from " + nodeId + " failed: " + err.getMessage());
                });
    }

    @Override
    public void close() {
        e2.nodeService().removeListener(listener);
    }
}
