package io.jric.core.internal.grid;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheKeyConfiguration;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.ClientConnectorConfiguration;
import org.apache.ignite.configuration.DataPageEvictionMode;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.logger.java.JavaLogger;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;

/**
 * The RIC's embedded Apache Ignite server node and its cache catalogue (docs/caches.md).
 *
 * <p>Every cache is PARTITIONED with the configured number of backups and FULL_SYNC writes,
 * so a completed write survives the loss of any one node. Discovery uses the static address
 * list of {@link GridSettings}; there is no multicast.
 */
public final class RicGrid implements AutoCloseable {
    /** The data region of the platform's state (never evicts: E2 nodes, subscriptions, xApps, guard rails, A1). */
    public static final String PLATFORM_REGION = "ric-default";
    /** The data region of KPM telemetry and the control log: evicts least recently used pages above 80 % full. */
    public static final String KPM_REGION = "ric-kpm";
    /** Node attribute: false on a grid node that runs no xApp host (xApp services are placed elsewhere). */
    public static final String RUNS_XAPPS_ATTRIBUTE = "jric.runsXapps";
    /** Data region of the xApps' experience rows (evicted like {@link #KPM_REGION}, or on disk: {@link MlPersistence}). */
    public static final String ML_REGION = "ric-ml";
    /** Fill ratio of {@link #KPM_REGION} above which Ignite evicts pages. */
    public static final double KPM_EVICTION_THRESHOLD = 0.8;

    private final Ignite ignite;
    private final GridSettings settings;
    private final GridFailureHandler failure;
    /** The retention the experience caches use (with persistence, the one they were created with on disk). */
    private volatile long experienceRetentionMs;

    private RicGrid(Ignite ignite, GridSettings settings, GridFailureHandler failure) {
        this.ignite = ignite;
        this.settings = settings;
        this.failure = failure;
        this.experienceRetentionMs = settings.experienceRetention().toMillis();
    }

    /**
     * The retention, in ms, of the experience caches as they are: the configured {@code grid.experienceRetentionMinutes},
     * or, with {@code grid.mlPersistence}, the one the caches on disk were created with (a changed setting does not reach
     * them; docs/caches.md).
     */
    public long experienceRetentionMs() {
        return experienceRetentionMs;
    }

    /**
     * Ignite's page-lock tracker ({@code IGNITE_PAGE_LOCK_TRACKER_TYPE}, default 2, a log of every page lock and
     * unlock kept per thread for dumps of hung page locks) is turned off (-1) unless the system property or the
     * environment variable sets it: it cost the grid writer about a tenth of its CPU on the ingest path
     * (docs/benchmarks.md, issue 17), and a failed node exits the process anyway. Set it to 2 to have it back.
     */
    static final String PAGE_LOCK_TRACKER = "IGNITE_PAGE_LOCK_TRACKER_TYPE";

    /**
     * How long, in ms, an ATOMIC cache keeps a removed entry on the heap ({@code IGNITE_CACHE_REMOVED_ENTRIES_TTL},
     * Ignite's default 10,000): every removal, an expiry among them, leaves the entry, its key and its version in its
     * partition's deferred-delete queue so that an older update arriving late cannot bring it back. With the KPM
     * series expiring thousands of records a second, ten seconds of them lived through two or three young collections
     * each and made those collections copy them: 19-36 ms young pauses at 1,000 nodes against 5.5-13 ms with one second
     * (docs/benchmarks.md, "Young pauses from removed entries", issue 17). One second is still far longer than an
     * update takes between the grid's nodes. The system property, or else the environment variable, overrides it.
     */
    static final String REMOVED_ENTRIES_TTL = "IGNITE_CACHE_REMOVED_ENTRIES_TTL";
    static final String REMOVED_ENTRIES_TTL_MS = "1000";

    static {
        if (System.getProperty(PAGE_LOCK_TRACKER) == null && System.getenv(PAGE_LOCK_TRACKER) == null) {
            System.setProperty(PAGE_LOCK_TRACKER, "-1");
        }
        if (System.getProperty(REMOVED_ENTRIES_TTL) == null) {  // Ignite reads only the system property
            String env = System.getenv(REMOVED_ENTRIES_TTL);
            System.setProperty(REMOVED_ENTRIES_TTL, env != null && !env.isBlank() ? env.trim() : REMOVED_ENTRIES_TTL_MS);
        }
    }

    /**
     * Starts (or joins) the grid and creates the caches that do not exist yet. With {@link GridSettings#mlPersistence()}
     * the cluster is activated first ({@link MlPersistence#activate}): caches can be neither created nor used before.
     */
    public static RicGrid start(GridSettings settings) {
        if (settings.mlPersistence()) MlPersistence.prepare(settings);
        IgniteConfiguration cfg = configuration(settings);
        Ignite ignite;
        try {
            ignite = Ignition.start(cfg);
        } catch (RuntimeException e) {
            throw MlPersistence.explainStartFailure(e, settings);
        }
        RicGrid grid = new RicGrid(ignite, settings, (GridFailureHandler) cfg.getFailureHandler());
        try {
            if (settings.mlPersistence()) MlPersistence.activate(ignite, settings);
            for (CacheConfiguration<?, ?> cc : cacheConfigurations(settings)) {
                ignite.getOrCreateCache(cc);
            }
            if (settings.mlPersistence()) grid.experienceRetentionMs = MlPersistence.checkRetention(ignite, settings);
            UeLatestSweep.of(grid);  // the UE records' expiry on this node's partitions
        } catch (RuntimeException e) {
            try {
                grid.close();  // its services (the sweep's timer), then the node
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return grid;
    }

    /**
     * The Calcite planner's time budget per query, in ms, unless set on the command line. Ignite's default, 15 s,
     * is a wall-clock budget: on a 2-core machine under load (load average 14, seen in DashboardApiTest) a cold
     * planner ran out of it on the dashboard's history query and the query failed ("There are not enough rules to
     * produce a node", a 500). The RIC's few queries are fixed and small; a longer budget only matters when the
     * machine is that slow.
     */
    static final long PLANNER_TIMEOUT_MS = 120_000;

    /** The Ignite configuration for these settings (public for tools that start extra nodes). */
    public static IgniteConfiguration configuration(GridSettings s) {
        if (System.getProperty("IGNITE_CALCITE_PLANNER_TIMEOUT") == null) {
            System.setProperty("IGNITE_CALCITE_PLANNER_TIMEOUT", Long.toString(PLANNER_TIMEOUT_MS));
        }
        TcpDiscoveryVmIpFinder ipFinder = new TcpDiscoveryVmIpFinder();
        ipFinder.setAddresses(s.addresses());
        TcpDiscoverySpi discovery = new TcpDiscoverySpi();
        discovery.setIpFinder(ipFinder);
        discovery.setLocalAddress(s.localHost());
        discovery.setLocalPort(s.discoveryPort());
        discovery.setLocalPortRange(s.discoveryPortRange());

        TcpCommunicationSpi communication = new TcpCommunicationSpi();
        communication.setLocalAddress(s.localHost());
        communication.setLocalPort(s.communicationPort());
        communication.setLocalPortRange(s.discoveryPortRange());
        // Bounded per-connection queues: a slow peer pushes back instead of filling the heap.
        communication.setMessageQueueLimit(4096);

        DataStorageConfiguration storage = new DataStorageConfiguration();
        storage.setDefaultDataRegionConfiguration(new DataRegionConfiguration()
                .setName(PLATFORM_REGION)
                .setInitialSize(Math.min(s.dataRegionBytes(), 64L << 20))
                .setMaxSize(s.dataRegionBytes())
                .setMetricsEnabled(true));
        // Telemetry is bounded by size as well as by time: above the threshold Ignite evicts the least
        // recently used data pages of this region instead of failing the node when it is full.
        // The ML region evicts like the KPM region, or is on disk (MlPersistence) with grid.mlPersistence.
        MlPersistence.configure(storage, s);
        storage.setDataRegionConfigurations(MlPersistence.region(s), new DataRegionConfiguration()
                .setName(KPM_REGION)
                .setInitialSize(32L << 20)
                .setMaxSize(s.kpmRegionBytes())
                .setPageEvictionMode(DataPageEvictionMode.RANDOM_2_LRU)
                .setEvictionThreshold(KPM_EVICTION_THRESHOLD)
                // Ignite makes room once per update, a putAll included: keep enough empty pages for the
                // largest ingest batch (4096 records of ~350 bytes with their index entries), or the
                // region fills between two evictions.
                .setEmptyPagesPoolSize(emptyPagesPool(s.kpmRegionBytes()))
                .setMetricsEnabled(true));

        Logger jul = Logger.getLogger("org.apache.ignite");
        if (jul.getLevel() == null) jul.setLevel(Level.WARNING);

        return new IgniteConfiguration()
                .setIgniteInstanceName(s.instanceName())
                .setConsistentId(s.instanceName())
                .setLocalHost(s.localHost())
                .setWorkDirectory(s.workDir().toAbsolutePath().toString())
                .setDiscoverySpi(discovery)
                .setCommunicationSpi(communication)
                .setDataStorageConfiguration(storage)
                .setFailureHandler(new GridFailureHandler(s.exitOnFailure()))
                .setUserAttributes(java.util.Map.of(RUNS_XAPPS_ATTRIBUTE, s.runsXapps()))
                // No REST/memcached connector (port 11211): it has no authentication.
                .setConnectorConfiguration(null)
                .setGridLogger(new JavaLogger(jul, false))
                .setMetricsLogFrequency(0)
                .setPeerClassLoadingEnabled(false)
                .setSqlConfiguration(new org.apache.ignite.configuration.SqlConfiguration()
                        .setQueryEnginesConfiguration(new org.apache.ignite.calcite.CalciteQueryEngineConfiguration()
                                .setDefault(true)))
                .setClientConnectorConfiguration(clientConnector(s))
                .setCacheKeyConfiguration(
                        new CacheKeyConfiguration(CellKey.class.getName(), "nodeId"),
                        new CacheKeyConfiguration(CellSampleKey.class.getName(), "nodeId"),
                        new CacheKeyConfiguration(ExperienceKey.class.getName(), "nodeId"),
                        new CacheKeyConfiguration(UeSampleKey.class.getName(), "nodeId"));
    }

    /** Empty pages kept free in the KPM region: 4096 (16 MiB), at most a tenth of the region. */
    static int emptyPagesPool(long regionBytes) {
        long pages = regionBytes / DataStorageConfiguration.DFLT_PAGE_SIZE;
        return (int) Math.max(100, Math.min(4096, pages / 10 - 1));
    }

    /**
     * The thin-client connector, or null (the default): plaintext only on a loopback address (Ignite 2.x
     * thin-client authentication needs native persistence for the whole cluster, which the RIC keeps to the
     * optional {@code ric-ml} region, {@code grid.mlPersistence}), otherwise TLS
     * with a client certificate from the configured CA.
     */
    private static ClientConnectorConfiguration clientConnector(GridSettings s) {
        if (s.thinClientPort() == 0) return null;
        ClientConnectorConfiguration c = new ClientConnectorConfiguration()
                .setHost(s.thinClientHost()).setPort(s.thinClientPort()).setPortRange(100)
                .setThinClientEnabled(true).setJdbcEnabled(false).setOdbcEnabled(false)
                .setHandshakeTimeout(5_000);
        if (s.thinClientTlsCert() != null) {
            javax.net.ssl.SSLContext ctx = GridTls.serverContext(s.thinClientTlsCert(), s.thinClientTlsKey(),
                    s.thinClientTlsClientCa());
            c.setSslEnabled(true).setUseIgniteSslContextFactory(false).setSslClientAuth(true)
                    .setSslContextFactory(new GridTls.Fixed(ctx));
        }
        return c;
    }

    /** The catalogue: one configuration per cache (see docs/caches.md). */
    public static CacheConfiguration<?, ?>[] cacheConfigurations(GridSettings s) {
        return new CacheConfiguration<?, ?>[] {
            base(new CacheConfiguration<String, E2NodeInfo>(E2Caches.NODES), s),
            small(base(new CacheConfiguration<String, String>(E2Caches.OWNERS), s)),
            base(new CacheConfiguration<String, SubscriptionRecord>(E2Caches.SUBSCRIPTIONS), s),
            kpm(base(new CacheConfiguration<Long, ControlLogEntry>(E2Caches.CONTROL_LOG), s))
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MINUTES, 60))),
            small(base(new CacheConfiguration<String, GuardRail>(PlatformCaches.GUARD_RAILS), s)),
            small(base(new CacheConfiguration<String, XappRecord>(PlatformCaches.XAPPS), s)),
            small(base(new CacheConfiguration<String, String>(PlatformCaches.XAPP_CHANNELS), s)),
            small(base(new CacheConfiguration<String, byte[]>(PlatformCaches.XAPP_JARS), s)),
            kpm(sql(base(new CacheConfiguration<CellKey, CellKpi>(KpmCaches.CELL_LATEST), s),
                    cellEntity(CellKey.class.getName(), "CELL_KPI")))
                    .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.seriesExpiry().toMillis())))
                    .setEagerTtl(true),
            ueLatest(kpm(base(new CacheConfiguration<Long, UeKpi>(KpmCaches.UE_LATEST), s)), s),
            small(base(new CacheConfiguration<String, NeighbourRelation>(KpmCaches.NEIGHBOURS), s))
                    .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.HOURS, 1))),
            kpm(sql(base(new CacheConfiguration<CellSampleKey, CellKpi>(KpmCaches.CELL_SERIES), s),
                    cellEntity(CellSampleKey.class.getName(), "CELL_SAMPLE")))
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.seriesExpiry().toMillis())))
                    .setEagerTtl(true),
            ml(base(new CacheConfiguration<ExperienceKey, ExperienceRow>(PlatformCaches.EXPERIENCE), s))
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.experienceRetention().toMillis())))
                    .setEagerTtl(true),
            ml(base(new CacheConfiguration<ExperienceKey, Long>(PlatformCaches.EXPERIENCE_PENDING), s))
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.experienceRetention().toMillis())))
                    .setEagerTtl(true),
            // UE outcomes (docs/ml-lifecycle.md, section 14): transient KPM data, so in ric-kpm like the cell series.
            // The watch's entries carry their own expiry (each row's horizon plus grace; this is the upper bound).
            kpm(small(base(new CacheConfiguration<Long, UeWatch>(PlatformCaches.UE_WATCH), s)))
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.experienceRetention().toMillis())))
                    .setEagerTtl(true),
            kpm(base(new CacheConfiguration<UeSampleKey, UeKpi>(PlatformCaches.UE_SERIES), s))
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.seriesExpiry().toMillis())))
                    .setEagerTtl(true),
        };
    }

    /**
     * {@code -Djric.grid.ueLatestTtl=true}: {@code ric.kpm.ue.latest} expires by Ignite's per-entry time to live again
     * (the way before issue 17), for comparison; set it alike on every grid node.
     */
    static final String UE_LATEST_TTL = "jric.grid.ueLatestTtl";

    /**
     * The UE records expire {@code ueExpiry} after they were received, without Ignite's per-entry expiry: readers skip
     * older records and {@link UeLatestSweep} removes them (its javadoc says why). With {@link #UE_LATEST_TTL}, by
     * Ignite's time to live from the last update (both ways the same rule).
     */
    private static CacheConfiguration<Long, UeKpi> ueLatest(CacheConfiguration<Long, UeKpi> cc, GridSettings s) {
        if (!Boolean.getBoolean(UE_LATEST_TTL)) return cc;
        return cc.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, s.ueExpiry().toMillis())));
    }

    private static <K, V> CacheConfiguration<K, V> kpm(CacheConfiguration<K, V> cc) {
        return cc.setDataRegionName(KPM_REGION);
    }

    private static <K, V> CacheConfiguration<K, V> ml(CacheConfiguration<K, V> cc) {
        return cc.setDataRegionName(ML_REGION);
    }

    private static <K, V> CacheConfiguration<K, V> base(CacheConfiguration<K, V> cc, GridSettings s) {
        return cc.setCacheMode(CacheMode.PARTITIONED)
                .setBackups(s.backups())
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setStatisticsEnabled(false);
    }

    /**
     * SQL schema of the KPM tables {@code RIC.CELL_KPI} and {@code RIC.CELL_SAMPLE}. UEs have no table:
     * keeping one cost about 30 % of the ingest rate (docs/benchmarks.md); read UEs by id instead.
     */
    public static final String SQL_SCHEMA = "RIC";

    private static <K, V> CacheConfiguration<K, V> sql(CacheConfiguration<K, V> cc, org.apache.ignite.cache.QueryEntity e) {
        return cc.setSqlSchema(SQL_SCHEMA).setQueryEntities(java.util.List.of(e));
    }

    private static org.apache.ignite.cache.QueryEntity cellEntity(String keyType, String table) {
        org.apache.ignite.cache.QueryEntity e = new org.apache.ignite.cache.QueryEntity(keyType, CellKpi.class.getName())
                .setTableName(table);
        for (String f : new String[] {"nodeId", "cellId", "operationalState"}) e.addQueryField(f, String.class.getName(), null);
        e.addQueryField("timestampMs", Long.class.getName(), null);
        for (String f : new String[] {"prbUsedDlPct", "prbUsedUlPct", "throughputDlMbps", "throughputUlMbps", "txPowerDbm",
            "energyWh", "avgCqi", "avgSinrDb", "cioDb"}) {
            e.addQueryField(f, Float.class.getName(), null);
        }
        for (String f : new String[] {"activeUes", "rlfCount", "hoAttempts", "hoSuccesses", "rrcConnMean", "rrcConnMax"}) {
            e.addQueryField(f, Integer.class.getName(), null);
        }
        e.addQueryField("sleeping", Boolean.class.getName(), null);
        return e;
    }

    /**
     * Runs a read-only SQL query over the KPM tables; rows of column values. A query that meets a topology change (a node
     * joining or leaving, or a cache started, e.g. an xApp's shared cache) fails with "Topology was changed. Please retry
     * on stable topology": it is retried, up to 5 times, 50-250 ms apart; any other failure is thrown at once.
     */
    public java.util.List<java.util.List<?>> sql(String query, Object... args) {
        for (int attempt = 1; ; attempt++) {
            try {
                return ignite.cache(KpmCaches.CELL_LATEST).query(new org.apache.ignite.cache.query.SqlFieldsQuery(query)
                        .setSchema(SQL_SCHEMA).setArgs(args)).getAll();
            } catch (RuntimeException e) {
                if (attempt >= 5 || !topologyChanged(e)) throw e;
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean topologyChanged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.ignite.cluster.ClusterTopologyException
                    || t instanceof org.apache.ignite.internal.cluster.ClusterTopologyCheckedException) {
                return true;
            }
        }
        return false;
    }

    /** Few, small entries: 32 partitions instead of 1024 keep the empty cache's footprint small. */
    private static <K, V> CacheConfiguration<K, V> small(CacheConfiguration<K, V> cc) {
        return cc.setAffinity(new org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction(false, 32));
    }

    /** The Ignite node. */
    public Ignite ignite() {
        return ignite;
    }

    /** The settings this node started with. */
    public GridSettings settings() {
        return settings;
    }

    /** A cache of the catalogue by name. */
    public <K, V> IgniteCache<K, V> cache(String name) {
        IgniteCache<K, V> c = ignite.cache(name);
        if (c == null) throw new IllegalArgumentException("cache: " + name + " (not in the catalogue)");
        return c;
    }

    /** Number of server nodes in the cluster now. */
    public int serverCount() {
        return ignite.cluster().forServers().nodes().size();
    }

    /** Whether the grid node failed (Ignite's failure handler ran); a failed node is stopped or stopping. */
    public boolean failed() {
        return failure != null && failure.failure() != null;
    }

    /** Why the grid node failed, or null. */
    public String failureReason() {
        return failure == null ? null : failure.failure();
    }

    /** Runs {@code listener} (on a fresh thread) when the grid node fails; at once if it has failed already. */
    public void onFailure(java.util.function.Consumer<String> listener) {
        if (failure != null) failure.listen(listener);
    }

    /** Fill and eviction of a data region ({@link #PLATFORM_REGION}, {@link #KPM_REGION} or {@link #ML_REGION}) on this node. */
    public RegionStats regionStats(String region) {
        org.apache.ignite.DataRegionMetrics m = ignite.dataRegionMetrics(region);
        if (m == null) throw new IllegalArgumentException("data region: " + region + " (expected: " + PLATFORM_REGION
                + ", " + KPM_REGION + " or " + ML_REGION + ")");
        long max = region.equals(KPM_REGION) ? settings.kpmRegionBytes()
                : region.equals(ML_REGION) ? settings.mlRegionBytes() : settings.dataRegionBytes();
        return new RegionStats(region, m.getTotalUsedPages() * (long) m.getPageSize(), max, m.getEvictionRate());
    }

    /** A data region's use: bytes of used pages, the region's maximum, and Ignite's page eviction rate. */
    public static final class RegionStats {
        public final String region;
        public final long usedBytes;
        public final long maxBytes;
        /** Ignite's {@code DataRegionMetrics.getEvictionRate()}: pages evicted recently (0 when never full). */
        public final float evictionRate;

        RegionStats(String region, long usedBytes, long maxBytes, float evictionRate) {
            this.region = region;
            this.usedBytes = usedBytes;
            this.maxBytes = maxBytes;
            this.evictionRate = evictionRate;
        }

        @Override
        public String toString() {
            return String.format("%s %d/%d MiB (%.0f %%), eviction rate %.1f", region, usedBytes >> 20, maxBytes >> 20,
                    100.0 * usedBytes / maxBytes, evictionRate);
        }
    }

    /**
     * A helper that lives as long as this grid node (one per type, made on first use, closed before the node stops),
     * so that nothing outlives the node it was made for: a static registry of them kept every closed node's heap
     * reachable (a test JVM that started grid after grid ran out of memory).
     */
    public <T extends AutoCloseable> T service(Class<T> type, java.util.function.Supplier<T> make) {
        return type.cast(services.computeIfAbsent(type, k -> make.get()));
    }

    private final java.util.Map<Class<?>, AutoCloseable> services = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void close() {
        for (AutoCloseable c : services.values()) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(RicGrid.class.getName()).log(System.Logger.Level.DEBUG, "closing " + c + ": " + e);
            }
        }
        services.clear();
        ignite.close();
    }
}
