package io.jric.server;

import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.RicHttpServer;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.xapp.XappAdminApi;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import io.jric.core.internal.xapp.XappStore;
import io.jric.e2.E2Termination;
import io.jric.e2.KpmCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One RIC process: the embedded grid node, telemetry, the E2 termination, KPM collection, the
 * xApp host and manager (reinstalling what the durable store holds), and the admin HTTP API.
 */
public final class RicNode implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RicNode.class.getName());
    /** Said with every 401/403 of the admin API: where its tokens come from and how a developer turns it off. */
    static final String ADMIN_AUTH_HINT = "tokens are configured in admin.tokens; admin.auth=off turns admin authentication "
            + "off, for development and tests only, as ./ric demo does";

    private final RicGrid grid;
    private final Telemetry telemetry;
    private final E2Termination e2;
    private final KpmCollector collector;
    private final XappHost xappHost;
    private final XappManager xapps;
    private final RicHttpServer http;
    private final io.jric.a1.A1Service a1;
    private final io.jric.gateway.XappGatewayServer gateway;
    private final DashboardApi dashboard;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RicNode(RicGrid grid, Telemetry telemetry, E2Termination e2, KpmCollector collector, XappHost xappHost,
                    XappManager xapps, io.jric.a1.A1Service a1, io.jric.gateway.XappGatewayServer gateway,
                    DashboardApi dashboard, RicHttpServer http) {
        this.dashboard = dashboard;
        this.a1 = a1;
        this.gateway = gateway;
        this.grid = grid;
        this.telemetry = telemetry;
        this.e2 = e2;
        this.collector = collector;
        this.xappHost = xappHost;
        this.xapps = xapps;
        this.http = http;
    }

    /** Starts everything the configuration asks for; on failure, stops what had started. */
    public static RicNode start(RicConfig config) {
        return start(config, null);
    }

    /**
     * As {@link #start(RicConfig)}, for a RIC that runs the RAN simulator in its own process (the demo):
     * with {@code sim} not null the admin API also serves {@code /ric/v1/sim/...} (fault injection,
     * {@link SimFaultsApi}). The simulator is not started or closed here.
     */
    public static RicNode start(RicConfig config, io.jric.sim.RanSimulator sim) {
        var gridSettings = config.gridSettings();
        var e2Settings = config.e2Settings();
        var httpSettings = config.httpSettings();
        var telemetrySettings = config.telemetrySettings();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            RicGrid grid = RicGrid.start(gridSettings);
            started.add(grid);
            Telemetry telemetry = Telemetry.create(telemetrySettings);
            started.add(telemetry);
            if (telemetry.exporting()) {
                LOG.info("traces exported over OTLP (" + telemetrySettings.protocol() + ") to "
                        + telemetrySettings.otlpEndpoint() + ", sampling ratio " + telemetrySettings.samplingRatio());
            }
            E2Termination e2 = E2Termination.start(grid, telemetry, e2Settings);
            started.add(e2);
            int period = config.kpmCollectionPeriodMs();
            KpmCollector collector = period > 0 ? KpmCollector.start(e2, period) : null;
            if (collector != null) started.add(collector);
            XappHost host = new XappHost(grid, telemetry, e2.nodeService(), e2.subscriptionService(),
                    e2.controlService(), config.conflictWindow(), e2Settings.controlTimeout());
            started.add(host);
            host.router().ownership(config.ownedParameters(), config.ownershipLease());
            XappManager xapps = new XappManager(grid, new XappStore(config.xappStoreDir()), host);
            started.add(xapps);
            io.jric.a1.A1Service a1 = io.jric.a1.A1Service.start(grid, xapps, host, config.a1Settings());
            started.add(a1);
            int gatewayPort = config.integer("xapps.gateway.port");
            var gatewaySecurity = config.gatewaySecurity();
            if (gatewayPort >= 0 && gatewaySecurity.tokens() == null) {
                LOG.warning("xApp gateway authentication is OFF (development flag xapps.gateway.auth=off)");
            } else if (gatewayPort >= 0 && gatewaySecurity.tokens().isEmpty()) {
                LOG.warning("xApp gateway authentication uses bearer tokens but none is configured "
                        + "(xapps.gateway.tokens): every remote xApp will be refused");
            }
            io.jric.gateway.XappGatewayServer gateway = gatewayPort < 0 ? null
                    : io.jric.gateway.XappGatewayServer.start(config.get("xapps.gateway.host"), gatewayPort, grid, xapps,
                            e2.nodeService(), gatewaySecurity);
            if (gateway != null) started.add(gateway);
            List<String> restored = xapps.restore();
            if (!restored.isEmpty()) LOG.info("xApps restored from the store: " + restored);
            Router router = new Router();
            java.util.Set<String> adminTokens = config.adminTokens();
            if (adminTokens == null) {
                LOG.warning("admin API authentication is OFF (development flag admin.auth=off): anyone who reaches the "
                        + "HTTP port can install xApps");
            } else {
                if (adminTokens.isEmpty()) {
                    LOG.warning("admin API authentication uses bearer tokens but none is configured (admin.tokens): "
                            + "every /ric/v1 request will be refused");
                }
                router.filter(new io.jric.core.internal.http.BearerTokenFilter("jric-admin", List.of("/ric/v1"),
                        java.util.Set.of(), adminTokens, ADMIN_AUTH_HINT));
            }
            if (adminTokens != null && config.metricsNeedAuth()) {
                router.filter(new io.jric.core.internal.http.BearerTokenFilter("jric-admin", List.of(MetricsApi.PATH),
                        java.util.Set.of(), adminTokens, ADMIN_AUTH_HINT + "; http.metrics.auth=off opens /metrics alone"));
            } else if (adminTokens != null) {
                LOG.info("GET /metrics needs no token (http.metrics.auth=off)");
            }
            io.prometheus.metrics.model.registry.PrometheusRegistry registry =
                    new io.prometheus.metrics.model.registry.PrometheusRegistry();
            registry.register(new RicMetrics(grid, e2, host, xapps, a1, telemetry));
            new MetricsApi(registry).register(router);
            new HealthApi(grid, e2, xapps, a1).register(router);
            new DriftApi(grid, xapps).register(router);
            if (sim != null) new SimFaultsApi(sim).register(router);
            DashboardApi dashboard = new DashboardApi(grid, e2, xapps, host, a1, config.integer("http.dashboard.maxStreams"));
            started.add(dashboard);
            dashboard.register(router);
            registry.register((io.prometheus.metrics.model.registry.MultiCollector) () -> new io.prometheus.metrics.model.snapshots.MetricSnapshots(
                    RicMetrics.gauge("jric_dashboard_streams", "Dashboard event streams open now", dashboard.subscribers()),
                    io.prometheus.metrics.model.snapshots.CounterSnapshot.builder().name("jric_dashboard_streams_refused")
                            .help("Dashboard event streams refused because http.dashboard.maxStreams were open")
                            .dataPoint(io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot.builder()
                                    .value(dashboard.refusedStreams()).build()).build()));
            a1.register(new E2NodesApi(e2.nodeService()).register(new XappAdminApi(grid, xapps, host).register(router)));
            RicHttpServer http = RicHttpServer.start(httpSettings, router, config.httpTls());
            return new RicNode(grid, telemetry, e2, collector, host, xapps, a1, gateway, dashboard, http);
        } catch (RuntimeException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    public RicGrid grid() {
        return grid;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public E2Termination e2() {
        return e2;
    }

    /** The xApp manager (install, upgrade, remove). */
    public XappManager xapps() {
        return xapps;
    }

    /** The local xApp host (instances, control router, subscription merger). */
    public XappHost xappHost() {
        return xappHost;
    }

    /** The A1 service (policies). */
    public io.jric.a1.A1Service a1() {
        return a1;
    }

    /** The gRPC gateway for out-of-process xApps, or null when disabled ({@code xapps.gateway.port=-1}). */
    public io.jric.gateway.XappGatewayServer xappGateway() {
        return gateway;
    }

    /** The web dashboard (its page at {@code /dashboard}). */
    DashboardApi dashboard() {
        return dashboard;
    }

    /** The dashboard's address: {@code http[s]://host:port/dashboard}. */
    public String dashboardUrl() {
        return http.baseUri() + DashboardApi.PAGE;
    }

    /** The admin HTTP server's port. */
    public int httpPort() {
        return http.port();
    }

    /**
     * Stops the HTTP API, the xApps, the E2 termination, the grid node, then flushes the trace
     * export; safe to call more than once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        for (AutoCloseable c : new AutoCloseable[] {http, dashboard, gateway, a1, xapps, xappHost, collector, e2, grid, telemetry}) {
            if (c == null) continue;
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + c.getClass().getSimpleName(), e);
            }
        }
    }
}
