package io.jric.e2;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeEvent;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2NodeListener;
import io.jric.api.e2.E2NodeService;
import io.jric.core.internal.grid.RicGrid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;

/** The E2 nodes: live associations in this RIC process, node records in the grid. */
final class NodeManager implements E2NodeService {
    private static final Logger LOG = Logger.getLogger(NodeManager.class.getName());

    private final ConcurrentHashMap<String, Association> associations = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<E2NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final IgniteCache<String, E2NodeInfo> nodes;
    private final IgniteCache<String, String> owners;
    private final String localGridNode;

    NodeManager(RicGrid grid) {
        this.nodes = grid.cache(E2Caches.NODES);
        this.owners = grid.cache(E2Caches.OWNERS);
        this.localGridNode = grid.ignite().cluster().localNode().id().toString();
    }

    @Override
    public boolean heldHere(String nodeId) {
        return association(nodeId) != null;
    }

    /** The live association of a node in this process, or null. */
    Association association(String nodeId) {
        Association a = associations.get(nodeId);
        return a != null && a.established() ? a : null;
    }

    int connectedCount() {
        return associations.size();
    }

    /** Control-plane thread: a node completed E2 Setup; listeners hear of it in {@link #announce}. */
    void connected(Association a, E2NodeInfo info) {
        a.established(info);
        Association old = associations.put(info.nodeId(), a);
        if (old != null && old != a) {
            LOG.info(() -> "node " + info.nodeId() + " opened a new association; closing the old one from " + old.peer());
            old.replace();
        }
        nodes.put(info.nodeId(), info);
        owners.put(info.nodeId(), localGridNode);
    }

    /** Control-plane thread: tells the listeners a node is connected (after its subscriptions were re-made). */
    void announce(E2NodeInfo info) {
        fire(new E2NodeEvent(E2NodeEvent.Type.CONNECTED, info));
    }

    /** Control-plane thread: an established node changed its RAN functions. */
    void updated(Association a, E2NodeInfo info) {
        a.established(info);
        nodes.put(info.nodeId(), info);
    }

    /** Control-plane thread: cells learnt from a node's reports, recorded without touching its admission. */
    void updatedCells(Association a, E2NodeInfo info) {
        if (associations.get(info.nodeId()) != a) return;
        nodes.put(info.nodeId(), info);
    }

    /** Control-plane thread: an association of an established node is gone. */
    void disconnected(Association a) {
        E2NodeInfo info = a.node();
        if (!associations.remove(info.nodeId(), a)) return;
        E2NodeInfo down = info.disconnected(System.currentTimeMillis());
        try {
            owners.remove(info.nodeId(), localGridNode);
            nodes.put(info.nodeId(), down);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record " + info.nodeId() + " as disconnected", e);
        }
        fire(new E2NodeEvent(E2NodeEvent.Type.DISCONNECTED, down));
    }

    private void fire(E2NodeEvent event) {
        for (E2NodeListener l : listeners) {
            try {
                l.event(event);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "E2 node listener failed on " + event, e);
            }
        }
    }

    @Override
    public List<E2NodeInfo> nodes() {
        List<E2NodeInfo> all = new ArrayList<>();
        for (Cache.Entry<String, E2NodeInfo> e : nodes.query(new ScanQuery<String, E2NodeInfo>())) all.add(e.getValue());
        all.sort(Comparator.comparing(E2NodeInfo::nodeId));
        return all;
    }

    @Override
    public Optional<E2NodeInfo> node(String nodeId) {
        return Optional.ofNullable(nodes.get(Objects.requireNonNull(nodeId, "nodeId")));
    }

    @Override
    public void addListener(E2NodeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(E2NodeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Control-plane thread: forgets the nodes disconnected for longer than {@code retention} and held by
     * no RIC process of the grid: their records, their subscription records, and (through a
     * {@link E2NodeEvent.Type#REMOVED} event) whatever the listeners kept for them. Without this, every
     * node id that ever connected would stay in the grid forever.
     *
     * @param forgotten counts each node forgotten, before its REMOVED event (so a listener told of it sees the count)
     * @return the nodes forgotten
     */
    List<String> forgetStale(java.time.Duration retention, SubscriptionManager subscriptions,
                             java.util.concurrent.atomic.LongAdder forgotten) {
        long cutoff = System.currentTimeMillis() - retention.toMillis();
        List<String> gone = new ArrayList<>();
        for (Cache.Entry<String, E2NodeInfo> e : nodes.query(new ScanQuery<String, E2NodeInfo>())) {
            E2NodeInfo n = e.getValue();
            if (n.connected() || n.disconnectedAtMs() == 0 || n.disconnectedAtMs() > cutoff) continue;
            if (associations.containsKey(n.nodeId()) || owners.containsKey(n.nodeId())) continue;
            // Only this very record: a node that came back in the meantime wrote a new one.
            if (!nodes.remove(n.nodeId(), n)) continue;
            subscriptions.forgetNode(n.nodeId());
            gone.add(n.nodeId());
            forgotten.increment();
            fire(new E2NodeEvent(E2NodeEvent.Type.REMOVED, n));
        }
        return gone;
    }

    void closeAll() {
        for (Association a : associations.values()) {
            a.closeFromRic(io.grpc.Status.UNAVAILABLE.withDescription("RIC shutting down"));
            try {
                owners.remove(a.node().nodeId(), localGridNode);
                nodes.put(a.node().nodeId(), a.node().disconnected(System.currentTimeMillis()));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "grid already stopped", e);
            }
        }
        associations.clear();
    }
}
