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
 * {@code <grid node>|<xApp>|<version>|<index>}); every other RIC process opens a proxy channel for them
 * in its own {@link SubscriptionMerger} - so the E2 subscription is made, and merged, where the E2 node
 * is held - and sends the reports to the instance's grid node (ordered Ignite messaging, topic
 * {@code jric.kpm.<instance>}, from one sender thread behind a bounded queue: the E2 path never
 * blocks, a full queue drops and counts), where they join the instance's queue like local ones.
 * Proxies go when the instance withdraws its channels; records of grid nodes that left are swept
 * every 5 s (and with them the E2 owner records of {@code ric.e2.owners}).
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
    private final IgniteCache<String, String> owners;
    /** Keys the worker applied an event for before the initial scan was applied (worker thread only). */
    private final java.util.Set<String> evented = new java.util.HashSet<>();
    private boolean scanApplied;
    /**
     * Proxies are opened and closed here, off Ignite's continuous-query threads (they read the grid),
     * one key at a time against the record's current value; it also sweeps records of departed grid nodes.
     */
    private final java.util.concurrent.ScheduledExecutorService worker =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "xapp-remote-channels"));
    /** Reports leave through one sender thread, so the E2 path only ever offers to a bounded queue. */
    private final java.util.concurrent.BlockingQueue<Outgoing> outgoing = new java.util.concurrent.ArrayBlockingQueue<>(8192);
    private final Thread sender = daemon(this::send, "xapp-remote-reports");
    private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean running = true;

    private record Outgoing(UUID to, String topic, Forwarded report, String key, String value) {}

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private record Proxy(String value, SubscriptionMerger.Channel channel) {}

    /** What crosses between processes: a report in fields the grid's marshaller takes as they are. */
    static final class Forwarded {
        final String nodeId;
        final String subscriptionId;
        final long timestampMs;
        final CellKpi[] cells;
        final UeKpi[] ues;
        /** W3C traceparent of the indication's span, so the xApp's handling joins its trace; may be null. */
        final String traceparent;

        Forwarded(KpmReport r, String traceparent) {
            this.traceparent = traceparent;
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

    private final io.jric.core.internal.telemetry.Telemetry telemetry;

    RemoteChannels(RicGrid grid, SubscriptionMerger merger, io.jric.core.internal.telemetry.Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.ignite = grid.ignite();
        this.local = ignite.cluster().localNode().id().toString();
        this.records = grid.cache(PlatformCaches.XAPP_CHANNELS);
        this.xapps = grid.cache(PlatformCaches.XAPPS);
        this.owners = grid.cache(io.jric.api.e2.E2Caches.OWNERS);
        this.merger = Objects.requireNonNull(merger, "merger");
        ContinuousQuery<String, String> q = new ContinuousQuery<>();
        q.setLocalListener(events -> {
            for (CacheEntryEvent<? extends String, ? extends String> e : events) {
                // The event's own value: a read of the cache here could still see a backup's old copy.
                String key = e.getKey();
                String value = e.getEventType() == EventType.REMOVED || e.getEventType() == EventType.EXPIRED
                        ? null : e.getValue();
                worker.execute(() -> {
                    if (!scanApplied) evented.add(key);
                    sync(key, value);
                });
            }
        });
        q.setInitialQuery(new ScanQuery<>());
        cursor = records.query(q);
        List<Cache.Entry<String, String>> initial = new java.util.ArrayList<>();
        for (Cache.Entry<String, String> e : cursor) initial.add(e);
        for (Cache.Entry<String, String> e : initial) {
            // Events for a key queued before its scan entry are newer than the scan: they win.
            worker.execute(() -> {
                if (!evented.contains(e.getKey())) sync(e.getKey(), e.getValue());
            });
        }
        worker.execute(() -> {
            scanApplied = true;
            evented.clear();
        });
        worker.scheduleWithFixedDelay(this::sweep, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        sender.start();
    }

    /**
     * A local instance's declared subscriptions, for the other RIC processes to serve (not called for
     * {@code node-singleton} xApps: each process runs one instance for the nodes it holds).
     */
    void publish(String instanceId, XappDescriptor d, String version, Consumer<KpmReport> sink) {
        if (d.subscriptions().isEmpty()) return;
        IgniteBiPredicate<UUID, Object> l = (from, msg) -> {
            if (msg instanceof Forwarded) {
                Forwarded f = (Forwarded) msg;
                try (io.opentelemetry.context.Scope ignored = telemetry.extractTraceparent(f.traceparent).makeCurrent()) {
                    sink.accept(f.report());
                }
            }
            return true;
        };
        listeners.put(instanceId, l);
        ignite.message().localListen(TOPIC + instanceId, l);
        for (int i = 0; i < d.subscriptions().size(); i++) {
            records.put(instanceId + "#" + i, String.join("|", local, d.name(), version, Integer.toString(i)));
        }
    }

    /** The instance stopped (or failed to start): the other processes drop its proxies. */
    void withdraw(String instanceId, XappDescriptor d) {
        for (int i = 0; i < d.subscriptions().size(); i++) {
            try {
                records.remove(instanceId + "#" + i);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not withdraw channel " + i + " of " + instanceId
                        + "; the other RIC processes drop it once this grid node is gone", e);
            }
        }
        IgniteBiPredicate<UUID, Object> l = listeners.remove(instanceId);
        if (l != null) ignite.message().stopLocalListen(TOPIC + instanceId, l);
    }

    /** Brings the proxy of one channel in line with its record's value (null: gone); worker thread. */
    private void sync(String key, String value) {
        Proxy existing = proxies.get(key);
        if (existing != null && existing.value().equals(value)) return;
        closeProxy(key); // gone, changed (its instance moved or was upgraded), or now local
        if (value == null) return;
        String[] parts = value.split("\\|", 4);
        if (parts.length != 4 || parts[0].equals(local)) return;
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
            if (rec == null || !rec.version().equals(parts[2])) return; // removed, or an upgrade is under way
            spec = DescriptorParser.parse(rec.descriptorJson(), null).subscriptions().get(Integer.parseInt(parts[3]));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "channel " + key + " of xApp " + parts[1] + " cannot be served here", e);
            return;
        }
        String topic = TOPIC + instanceId;
        proxies.put(key, new Proxy(value, merger.open(instanceId + "@" + owner, spec, report -> {
            if (!outgoing.offer(new Outgoing(ownerId, topic,
                    new Forwarded(report, telemetry.currentTraceparent()), key, value))) {
                dropped.increment();
                long n = dropped.sum();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warning("reports for xApp instances in other RIC processes dropped (send queue full): " + n);
                }
            }
        })));
        LOG.fine(() -> "serving channel " + key + " of grid node " + owner + " here");
    }

    /** The sender thread: ordered per instance topic, so one node's reports arrive in order. */
    private void send() {
        while (running) {
            Outgoing o;
            try {
                o = outgoing.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                ignite.message(ignite.cluster().forNodeId(o.to())).sendOrdered(o.topic(), o.report(), 0);
            } catch (RuntimeException e) {
                if (ignite.cluster().node(o.to()) == null) {
                    worker.execute(() -> {
                        Proxy current = proxies.get(o.key());
                        if (current != null && current.value().equals(o.value())) closeProxy(o.key());
                        records.remove(o.key(), o.value());
                    });
                } else {
                    LOG.log(Level.FINE, "forwarding a report on " + o.topic(), e);
                }
            }
        }
    }

    /** Drops channel records and E2 owner records of grid nodes that have left (crashed processes). */
    private void sweep() {
        try {
            for (Cache.Entry<String, String> e : records.query(new ScanQuery<String, String>())) {
                if (!alive(e.getValue().split("\\|", 2)[0])) records.remove(e.getKey(), e.getValue());
            }
            for (Cache.Entry<String, String> e : owners.query(new ScanQuery<String, String>())) {
                if (!alive(e.getValue())) owners.remove(e.getKey(), e.getValue());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "sweeping channel and owner records", e);
        }
    }

    private boolean alive(String gridNode) {
        try {
            return ignite.cluster().node(UUID.fromString(gridNode)) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void closeProxy(String key) {
        Proxy p = proxies.remove(key);
        if (p != null) merger.close(p.channel());
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        try {
            cursor.close();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the channel query", e);
        }
        worker.shutdownNow();
        for (String key : proxies.keySet()) closeProxy(key);
        for (String instanceId : listeners.keySet()) {
            IgniteBiPredicate<UUID, Object> l = listeners.remove(instanceId);
            if (l != null) ignite.message().stopLocalListen(TOPIC + instanceId, l);
        }
    }
}
