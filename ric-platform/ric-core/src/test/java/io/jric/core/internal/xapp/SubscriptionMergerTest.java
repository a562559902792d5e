package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2NodeEvent;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2NodeListener;
import io.jric.api.e2.E2NodeService;
import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.e2.E2SubscriptionService;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.e2.ServiceModels;
import io.jric.api.kpm.KpmReportListener;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The merger over fakes of the E2 services: what it keeps of a node that leaves, fails, or is forgotten. */
class SubscriptionMergerTest {
    private static final String NODE = "gnb:00f110:1/22";

    private final Map<String, E2NodeInfo> nodes = new ConcurrentHashMap<>();
    private final List<E2NodeListener> listeners = new ArrayList<>();
    private final List<E2SubscriptionRequest> requests = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private boolean refuse;

    private final E2NodeService nodeService = new E2NodeService() {
        @Override public List<E2NodeInfo> nodes() { return List.copyOf(nodes.values()); }
        @Override public Optional<E2NodeInfo> node(String nodeId) { return Optional.ofNullable(nodes.get(nodeId)); }
        @Override public void addListener(E2NodeListener l) { listeners.add(l); }
        @Override public void removeListener(E2NodeListener l) { listeners.remove(l); }
    };

    private final E2SubscriptionService e2 = new E2SubscriptionService() {
        @Override
        public CompletableFuture<E2Subscription> subscribe(E2SubscriptionRequest r, KpmReportListener l) {
            requests.add(r);
            if (refuse) return CompletableFuture.failedFuture(new IllegalStateException("node went away"));
            return CompletableFuture.completedFuture(new E2Subscription(r.nodeId() + "/1/" + requests.size(), r.nodeId(),
                    r.ranFunctionId(), 1, requests.size(), List.of(1)));
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String id) {
            deleted.add(id);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Collection<E2Subscription> subscriptions() { return List.of(); }
    };

    private E2NodeInfo node(boolean connected) {
        return new E2NodeInfo(NODE, connected, 1, connected ? 0 : 2, "peer",
                List.of(new RanFunctionInfo(2, 1, ServiceModels.KPM_OID, new byte[0])), List.of("cell-1"));
    }

    private void event(E2NodeEvent.Type type, boolean connected) {
        E2NodeInfo n = node(connected);
        if (type == E2NodeEvent.Type.REMOVED) nodes.remove(NODE);
        else nodes.put(NODE, n);
        for (E2NodeListener l : listeners) l.event(new E2NodeEvent(type, n));
    }

    @Test
    void aSubscriptionThatFailedIsMadeAgainWhenTheNodeComesBackAndAForgottenNodeLeavesNothing() {
        SubscriptionMerger merger = new SubscriptionMerger(nodeService, e2);
        refuse = true;
        event(E2NodeEvent.Type.CONNECTED, true);
        merger.open("xapp-1", new SubscriptionSpec("kpm", 1000, SubscriptionSpec.Style.values()[0], List.of("*"), List.of()),
                r -> { });
        assertEquals(1, requests.size());
        assertTrue(merger.view().get(0).state.startsWith("failed"), merger.view().get(0).state);

        // It leaves: the failed subscription is not kept; it comes back: made again, now with success.
        event(E2NodeEvent.Type.DISCONNECTED, false);
        assertEquals(0, merger.view().size(), "nothing kept of a failed subscription of a node that left");
        refuse = false;
        event(E2NodeEvent.Type.CONNECTED, true);
        assertEquals(2, requests.size(), "made again on return");
        assertEquals("active", merger.view().get(0).state);

        // An active one stays over a disconnection (the E2 termination makes it again itself) ...
        event(E2NodeEvent.Type.DISCONNECTED, false);
        assertEquals(1, merger.view().size());
        // ... and goes when the node is forgotten.
        event(E2NodeEvent.Type.REMOVED, false);
        assertEquals(0, merger.view().size(), "nothing kept of a forgotten node");
        assertEquals(2, requests.size());
    }
}
