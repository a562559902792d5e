package io.jric.core.internal.xapp;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * KPM reports across the RIC processes of one grid. Each xApp instance publishes its declared
 * subscriptions in the grid ({@code ric.xapp.channels}: {@code <instance>#<index>} to
 * {@code <grid node>|<xApp>|<index>}); every other RIC process opens a proxy channel for them in its
 * own {@link SubscriptionMerger} - so the E2 subscription is made, and merged, where the E2 node is
 * held - and sends the reports to the instance's grid node (Ignite messaging, topic
 * {@code jric.kpm.<instance>}), where they join the instance's queue like local ones. Proxies go when
 * the instance withdraws its channels or its grid node leaves.
 */
final class RemoteChannels implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RemoteChannels.class.getName());
    private static final String TOPIC = "jric.kpm.";

    private final Ignite ignite;
    private final String local;
    private final IgniteCache<String, String> records;
    private final IgniteCache<String, XappRecord> xapps;
    private final SubscriptionMerger merger;
    /** Proxy channels served here, by channel key, with the record value they were opened for. */
    private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();
    private final Map<String, IgniteBiPredicate<UUID, Object>> listeners = new ConcurrentHashMap<>();
    private final QueryCursor<Cache.Entry<String, String>> cursor;
    /** Proxies are opened and closed here, off Ignite's continuous-query threads (they read the grid). */
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xapp-remote-channels");
        t.setDaemon(true);
        return t;
    });

    private record Proxy(String value, SubscriptionMerger.Channel channel) {}

    /** What crosses between processes: a report in fields the grid's marshaller takes as they are. */
    static final class Forwarded {
        final String nodeId;
        final String subscriptionId;
        final long timestampMs;
        final CellKpi[] cells;
        final UeKpi[] ues;

        Forwarded(KpmReport r) {
            this.nodeId = r.nodeId();
            this.subscriptionId = r.subscriptionId();
            this.timestampMs = r.timestampMs();
            this.cells = r.cells().toArray(new CellKpi[0]);
            this.ues = r.ues().toArray(new UeKpi[0]);
        }

        KpmReport report() {
            return new KpmReport(nodeId, subscriptionId, timestampMs, List.of(cells), List.of(ues), System.nanoTime());
        }
    }

    RemoteChannels(RicGrid grid, SubscriptionMerger merger) {
        this.ignite = grid.ignite();
        this.local = ignite.cluster().localNode().id().toString();
        this.records = grid.cache(PlatformCaches.XAPP_CHANNELS);
        this.xapps = grid.cache(PlatformCaches.XAPPS);
        this.merger = Objects.requireNonNull(merger, "merger");
        ContinuousQuery<String, String> q = new ContinuousQuery<>();
        q.setLocalListener(events -> {
            for (CacheEntryEvent<? extends String, ? extends String> e : events) {
                String key = e.getKey();
                String value = e.getValue();
                if (e.getEventType() == EventType.REMOVED || e.getEventType() == EventType.EXPIRED) {
                    worker.execute(() -> closeProxy(key));
                } else {
                    worker.execute(() -> openProxy(key, value));
                }
            }
        });
        q.setInitialQuery(new ScanQuery<>());
        cursor = records.query(q);
        for (Cache.Entry<String, String> e : cursor) openProxy(e.getKey(), e.getValue());
    }

    /** A local instance's declared subscriptions, for the other RIC processes to serve. */
    void publish(String instanceId, XappDescriptor d, Consumer<KpmReport> sink) {
        if (d.subscriptions().isEmpty()) return;
        IgniteBiPredicate<UUID, Object> l = (from, msg) -> {
            if (msg instanceof Forwarded) sink.accept(((Forwarded) msg).report());
            return true;
        };
        listeners.put(instanceId, l);
        ignite.message().localListen(TOPIC + instanceId, l);
        for (int i = 0; i < d.subscriptions().size(); i++) {
            records.put(instanceId + "#" + i, local + "|" + d.name() + "|" + i);
        }
    }

    /** The instance stopped: the other processes drop its proxies. */
    void withdraw(String instanceId, XappDescriptor d) {
        for (int i = 0; i < d.subscriptions().size(); i++) {
            try {
                records.remove(instanceId + "#" + i);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "withdrawing a channel of " + instanceId, e);
            }
        }
        IgniteBiPredicate<UUID, Object> l = listeners.remove(instanceId);
        if (l != null) ignite.message().stopLocalListen(TOPIC + instanceId, l);
    }

    private void openProxy(String key, String value) {
        Proxy existing = proxies.get(key);
        if (existing != null && existing.value().equals(value)) return;
        closeProxy(key); // the record changed (e.g. its instance moved): serve the new one, or none if it is here now
        String[] parts = value.split("\\|", 3);
        if (parts.length != 3 || parts[0].equals(local)) return;
        String owner = parts[0];
        String instanceId = key.substring(0, key.lastIndexOf('#'));
        UUID ownerId;
        try {
            ownerId = UUID.fromString(owner);
        } catch (IllegalArgumentException e) {
            return;
        }
        if (ignite.cluster().node(ownerId) == null) {
            records.remove(key, value); // its grid node is gone
            return;
        }
        SubscriptionSpec spec;
        try {
            XappRecord rec = xapps.get(parts[1]);
            if (rec == null) return;
            spec = DescriptorParser.parse(rec.descriptorJson(), null).subscriptions().get(Integer.parseInt(parts[2]));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "channel " + key + " of xApp " + parts[1] + " cannot be served here", e);
            return;
        }
        var to = ignite.message(ignite.cluster().forNodeId(ownerId));
        String topic = TOPIC + instanceId;
        proxies.computeIfAbsent(key, k -> new Proxy(value, merger.open(instanceId + "@" + owner, spec, report -> {
            try {
                to.send(topic, new Forwarded(report));
            } catch (RuntimeException e) {
                if (ignite.cluster().node(ownerId) == null) {
                    worker.execute(() -> {
                        Proxy current = proxies.get(key);
                        if (current != null && current.value().equals(value)) closeProxy(key);
                        records.remove(key, value);
                    });
                } else {
                    LOG.log(Level.FINE, "forwarding a report to " + instanceId, e);
                }
            }
        })));
        LOG.fine(() -> "serving channel " + key + " of grid node " + owner + " here");
    }

    private void closeProxy(String key) {
        Proxy p = proxies.remove(key);
        if (p != null) merger.close(p.channel());
    }

    @Override
    public void close() {
        try {
            cursor.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the channel query", e);
        }
        worker.shutdownNow();
        for (String key : proxies.keySet()) closeProxy(key);
    }
}
