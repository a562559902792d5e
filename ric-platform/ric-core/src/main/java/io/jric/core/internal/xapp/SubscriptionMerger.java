package io.jric.core.internal.xapp;

import io.jric.api.e2.E2NodeEvent;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2NodeListener;
import io.jric.api.e2.E2NodeService;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.e2.E2SubscriptionService;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.e2.ServiceModels;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the E2 subscriptions xApps declare into E2 subscriptions, merging equal ones: one E2
 * subscription per (node, RAN function, event trigger, actions), with one channel per xApp
 * instance, reference-counted and deleted with its last channel. Channels declared for every
 * node ({@code "*"}) follow nodes that connect later. Only nodes held by this RIC process are
 * attached; {@link RemoteChannels} covers the others. Reconnects need nothing from here: the E2
 * termination re-makes its subscriptions, and the reports keep flowing to the same channels.
 */
public final class SubscriptionMerger implements E2NodeListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SubscriptionMerger.class.getName());

    private final E2NodeService nodes;
    private final E2SubscriptionService e2;
    private final ConcurrentHashMap<String, Merged> merged = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Channel> channels = new CopyOnWriteArrayList<>();

    /** One xApp instance's interest in one declared subscription. */
    public final class Channel {
        final String owner;
        final SubscriptionSpec spec;
        final Set<String> cells;
        final Consumer<KpmReport> sink;
        final Set<String> attachedKeys = ConcurrentHashMap.newKeySet();

        Channel(String owner, SubscriptionSpec spec, Consumer<KpmReport> sink) {
            this.owner = owner;
            this.spec = spec;
            this.cells = Set.copyOf(spec.cells());
            this.sink = sink;
        }

        void deliver(KpmReport report) {
            sink.accept(cells.isEmpty() ? report : report.onlyCells(cells));
        }

        /** The xApp instance owning the channel. */
        public String owner() {
            return owner;
        }
    }

    /** One E2 subscription shared by channels. */
    private final class Merged {
        final String key;
        final String nodeId;
        final CopyOnWriteArrayList<Channel> channels = new CopyOnWriteArrayList<>();
        volatile String subscriptionId;
        volatile String state = "pending";

        Merged(String key, String nodeId) {
            this.key = key;
            this.nodeId = nodeId;
        }

        void dispatch(KpmReport report) {
            for (Channel c : channels) {
                try {
                    c.deliver(report);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "channel of " + c.owner + " failed", e);
                }
            }
        }
    }

    public SubscriptionMerger(E2NodeService nodes, E2SubscriptionService e2) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.e2 = Objects.requireNonNull(e2, "e2");
        nodes.addListener(this);
    }

    /** Opens a channel and attaches it to every connected node the spec names. */
    public Channel open(String owner, SubscriptionSpec spec, Consumer<KpmReport> sink) {
        Channel c = new Channel(owner, spec, sink);
        channels.add(c);
        for (E2NodeInfo n : nodes.nodes()) {
            if (n.connected()) attach(c, n);
        }
        return c;
    }

    /** Closes a channel; E2 subscriptions left without channels are deleted. */
    public void close(Channel c) {
        channels.remove(c);
        for (String key : c.attachedKeys) {
            Merged m = merged.get(key);
            if (m == null) continue;
            m.channels.remove(c);
            synchronized (m) {
                if (m.channels.isEmpty() && merged.remove(key, m) && m.subscriptionId != null) {
                    e2.unsubscribe(m.subscriptionId).whenComplete((v, err) -> {
                        if (err != null) LOG.log(Level.INFO, "delete of " + m.subscriptionId + ": " + err.getMessage());
                    });
                }
            }
        }
        c.attachedKeys.clear();
    }

    @Override
    public void event(E2NodeEvent event) {
        switch (event.type()) {
            case CONNECTED -> {
                for (Channel c : channels) attach(c, event.node());
            }
            // Pending or failed subscriptions of a node that left are made afresh when it comes back (active ones
            // the E2 termination makes again itself); a forgotten node's are all gone.
            case DISCONNECTED -> detachNode(event.node().nodeId(), false);
            case REMOVED -> detachNode(event.node().nodeId(), true);
        }
    }

    private void detachNode(String nodeId, boolean all) {
        for (Merged m : merged.values()) {
            if (!m.nodeId.equals(nodeId)) continue;
            synchronized (m) {
                if (!all && m.subscriptionId != null) continue;
                if (!merged.remove(m.key, m)) continue;
            }
            for (Channel c : m.channels) c.attachedKeys.remove(m.key);
        }
    }

    private void attach(Channel c, E2NodeInfo node) {
        if (!c.spec.nodes().contains("*") && !c.spec.nodes().contains(node.nodeId())) return;
        // Nodes held by another RIC process of the grid: that process subscribes for this channel
        // (RemoteChannels) and forwards the reports.
        if (!nodes.heldHere(node.nodeId())) return;
        if (!c.cells.isEmpty() && node.cellIds().stream().noneMatch(c.cells::contains)) return;
        int kpm = -1;
        for (RanFunctionInfo f : node.ranFunctions()) {
            if (f.oid().equals(ServiceModels.KPM_OID)) kpm = f.ranFunctionId();
        }
        if (kpm < 0) return;
        RicSubscriptionDetails details = details(c.spec);
        String key = node.nodeId() + "|" + kpm + "|" + java.util.Base64.getEncoder().encodeToString(details.toByteArray());
        if (!c.attachedKeys.add(key)) return;
        boolean[] created = new boolean[1];
        Merged m = merged.computeIfAbsent(key, k -> {
            created[0] = true;
            return new Merged(k, node.nodeId());
        });
        m.channels.add(c);
        if (!created[0]) return;
        e2.subscribe(new E2SubscriptionRequest(node.nodeId(), kpm, details), m::dispatch).whenComplete((sub, err) -> {
            if (err != null) {
                m.state = "failed: " + (err.getCause() != null ? err.getCause().getMessage() : err.getMessage());
                LOG.warning("E2 subscription for " + key + " failed: " + m.state);
                return;
            }
            synchronized (m) {
                m.subscriptionId = sub.subscriptionId();
                m.state = "active";
                if (m.channels.isEmpty() && merged.get(key) != m) e2.unsubscribe(sub.subscriptionId());
            }
        });
    }

    /** The E2 subscription details for a declared KPM subscription. */
    static RicSubscriptionDetails details(SubscriptionSpec spec) {
        int style = spec.style().kpmReportStyle();
        return RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder()
                        .setReportingPeriodMs(spec.reportPeriodMs()).build().toByteString())
                .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                        .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                        .setRicActionDefinition(KpmActionDefinition.newBuilder().setRicStyleType(style)
                                .setGranularityPeriodMs(spec.reportPeriodMs()).build().toByteString()))
                .build();
    }

    /** A view of one merged E2 subscription, for the admin API. */
    public static final class View {
        public final String nodeId;
        public final String subscriptionId;
        public final String state;
        public final List<String> channels;

        View(String nodeId, String subscriptionId, String state, List<String> channels) {
            this.nodeId = nodeId;
            this.subscriptionId = subscriptionId;
            this.state = state;
            this.channels = channels;
        }
    }

    /** Every merged subscription with its channels' owners. */
    public List<View> view() {
        List<View> out = new ArrayList<>();
        for (Merged m : merged.values()) {
            List<String> owners = new ArrayList<>();
            for (Channel c : m.channels) owners.add(c.owner);
            out.add(new View(m.nodeId, m.subscriptionId, m.state, owners));
        }
        out.sort((a, b) -> (a.nodeId + a.subscriptionId).compareTo(b.nodeId + b.subscriptionId));
        return out;
    }

    /** Number of E2 subscriptions held for xApps. */
    public int e2Subscriptions() {
        return merged.size();
    }

    /** The E2 subscription ids held for an owner (xApp instance). */
    public Set<String> subscriptionsOf(String owner) {
        Set<String> ids = new HashSet<>();
        for (Merged m : merged.values()) {
            for (Channel c : m.channels) if (c.owner.equals(owner) && m.subscriptionId != null) ids.add(m.subscriptionId);
        }
        return ids;
    }

    @Override
    public void close() {
        nodes.removeListener(this);
    }

}
