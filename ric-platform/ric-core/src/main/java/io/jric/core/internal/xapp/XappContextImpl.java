package io.jric.core.internal.xapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.e2.ControlOutcome;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.GridReader;
import io.jric.api.xapp.ModelListener;
import io.jric.api.xapp.PolicyListener;
import io.jric.api.xapp.XappConfig;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappMetrics;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.proto.E2Ids;
import io.opentelemetry.api.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;

/** The platform side of one instance's {@link XappContext}. */
final class XappContextImpl implements XappContext {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final XappInstance instance;
    private final XappHost host;
    private final XappConfig config;
    private final GridReader grid;
    private final ControlClient control;
    private final io.jric.api.xapp.ExperienceRecorder experience;

    XappContextImpl(XappInstance instance, XappHost host) {
        this.instance = instance;
        this.host = host;
        this.config = JacksonDoc.parse(instance.descriptor.config().map(c -> c.valuesJson()).orElse("{}"), "config.values");
        this.grid = new Reader(host);
        this.control = new Control();
        this.experience = host.experience().recorder(instance.descriptor, instance.metrics);
    }

    @Override
    public io.jric.api.xapp.ExperienceRecorder experience() {
        return experience;
    }

    @Override
    public XappDescriptor descriptor() {
        return instance.descriptor;
    }

    @Override
    public String instanceId() {
        return instance.instanceId;
    }

    @Override
    public XappConfig config() {
        return config;
    }

    @Override
    public GridReader grid() {
        return grid;
    }

    @Override
    public void onKpm(Consumer<KpmReport> handler) {
        instance.kpmHandler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public void onCellUpdate(Consumer<CellKpi> handler) {
        java.util.Objects.requireNonNull(handler, "handler");
        org.apache.ignite.cache.query.ContinuousQuery<CellKey, CellKpi> q = new org.apache.ignite.cache.query.ContinuousQuery<>();
        q.setLocalListener(events -> {
            for (javax.cache.event.CacheEntryEvent<? extends CellKey, ? extends CellKpi> e : events) {
                CellKpi v = e.getValue();
                if (v != null) instance.offer(() -> handler.accept(v));
            }
        });
        instance.queries.add(host.grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).query(q));
    }

    @Override
    public ControlClient control() {
        return control;
    }

    @Override
    public void onPolicy(PolicyListener listener) {
        instance.policyListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void onModel(ModelListener listener) {
        instance.modelListener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void publish(String cacheName, String key, String json) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        sharedCache(host, cacheName, true).put(key, json);
    }

    /** A shared xApp cache ({@link XappContext#publish}); null when absent and {@code create} is false. */
    static IgniteCache<String, String> sharedCache(XappHost host, String cacheName, boolean create) {
        Objects.requireNonNull(cacheName, "cacheName");
        if (!cacheName.matches("[a-z][a-z0-9_.-]{0,99}") || cacheName.startsWith("ignite")) {
            throw new IllegalArgumentException("cacheName: " + cacheName + " (expected: [a-z][a-z0-9_.-]{0,99}, not ignite*)");
        }
        for (org.apache.ignite.configuration.CacheConfiguration<?, ?> c
                : io.jric.core.internal.grid.RicGrid.cacheConfigurations(host.grid().settings())) {
            if (c.getName().equals(cacheName)) {
                throw new IllegalArgumentException("cacheName: " + cacheName + " (a platform cache; xApps publish to their own)");
            }
        }
        if (!create) return host.grid().ignite().cache(cacheName);
        return host.grid().ignite().getOrCreateCache(new org.apache.ignite.configuration.CacheConfiguration<String, String>(cacheName)
                .setCacheMode(org.apache.ignite.cache.CacheMode.PARTITIONED)
                .setBackups(host.grid().settings().backups())
                .setAtomicityMode(org.apache.ignite.cache.CacheAtomicityMode.ATOMIC)
                .setAffinity(new org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction(false, 32))
                .setExpiryPolicyFactory(javax.cache.expiry.CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.MINUTES, 60))));
    }

    @Override
    public io.jric.api.xapp.JsonDoc json(String json) {
        return JacksonDoc.parse(json, "json");
    }

    @Override
    public String toJson(Object value) {
        return JacksonDoc.write(value);
    }

    @Override
    public XappMetrics metrics() {
        return new XappMetrics() {
            @Override
            public void add(String name, long delta) {
                instance.metrics.computeIfAbsent(Objects.requireNonNull(name, "name"), k -> new LongAdder()).add(delta);
            }

            @Override
            public long get(String name) {
                LongAdder a = instance.metrics.get(name);
                return a == null ? 0 : a.sum();
            }
        };
    }

    @Override
    public Tracer tracer() {
        return host.telemetry().openTelemetry().getTracer("xapp." + instance.descriptor.name());
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("xapp." + instance.descriptor.name());
    }

    /** Typed controls through the router. */
    private final class Control extends RoutedControlClient {
        Control() {
            super(0);
        }

        private Control(long holdNanos) {
            super(holdNanos);
        }

        @Override
        protected CompletionStage<ControlOutcome> send(ControlRouter.Request request) {
            return host.router().route(instance.descriptor, request).whenComplete(instance::controlEnded);
        }

        @Override
        protected ControlClient withHold(long holdNanos) {
            return new Control(holdNanos);
        }

        @Override
        public int release(String nodeId, String cellId) {
            E2Ids.parseCellId(Objects.requireNonNull(cellId, "cellId"));
            return host.router().releaseEverywhere(instance.descriptor.name(), nodeId, cellId);
        }
    }

    /** Grid reads. */
    private static final class Reader implements GridReader {
        private final IgniteCache<CellKey, CellKpi> cells;
        private final IgniteCache<Long, UeKpi> ues;
        private final IgniteCache<CellSampleKey, CellKpi> series;
        private final XappHost host;

        private final io.jric.core.internal.grid.RicGrid grid;

        Reader(XappHost host) {
            this.grid = host.grid();
            this.host = host;
            this.cells = host.grid().cache(KpmCaches.CELL_LATEST);
            this.ues = host.grid().cache(KpmCaches.UE_LATEST);
            this.series = host.grid().cache(KpmCaches.CELL_SERIES);
        }

        @Override
        public List<CellKpi> cells() {
            List<CellKpi> out = new ArrayList<>();
            for (Cache.Entry<CellKey, CellKpi> e : cells.query(new ScanQuery<CellKey, CellKpi>())) out.add(e.getValue());
            return out;
        }

        @Override
        public Optional<CellKpi> cell(String nodeId, String cellId) {
            return Optional.ofNullable(cells.get(new CellKey(nodeId, cellId)));
        }

        @Override
        public java.util.Map<String, String> published(String cacheName) {
            IgniteCache<String, String> c = sharedCache(host, cacheName, false);
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            if (c == null) return out;
            for (Cache.Entry<String, String> e : c.query(new ScanQuery<String, String>())) out.put(e.getKey(), e.getValue());
            return out;
        }

        @Override
        public List<String> neighbours(String cellId) {
            io.jric.proto.E2Ids.parseCellId(java.util.Objects.requireNonNull(cellId, "cellId"));
            return NeighbourLearner.neighbours(grid.cache(io.jric.api.kpm.KpmCaches.NEIGHBOURS), cellId);
        }

        @Override
        public Optional<UeKpi> ue(long ueId) {
            UeKpi u = ues.get(ueId);
            // a record older than grid.ueExpirySeconds is expired, whether or not the sweep has removed it yet
            return io.jric.core.internal.grid.UeLatestSweep.fresh(grid, u) ? Optional.of(u) : Optional.empty();
        }

        @Override
        public List<List<?>> sql(String query, Object... args) {
            String q = java.util.Objects.requireNonNull(query, "query").stripLeading().toUpperCase(java.util.Locale.ROOT);
            if (!q.startsWith("SELECT") && !q.startsWith("WITH")) {
                throw new IllegalArgumentException("sql: only SELECT or WITH queries are allowed for xApps (got: "
                        + query.strip().split("\\s+", 2)[0] + ")");
            }
            return grid.sql(query, args);
        }

        @Override
        public List<CellKpi> cellSeries(String nodeId, String cellId, long fromMs, long toMs) {
            List<CellKpi> out = new ArrayList<>();
            for (Cache.Entry<CellSampleKey, CellKpi> e : series.query(new ScanQuery<CellSampleKey, CellKpi>(
                    (k, v) -> k.nodeId().equals(nodeId) && k.cellId().equals(cellId)
                            && k.timestampMs() >= fromMs && k.timestampMs() < toMs))) {
                out.add(e.getValue());
            }
            out.sort((a, b) -> Long.compare(a.timestampMs(), b.timestampMs()));
            return out;
        }
    }

}
