package io.jric.xapps.testing;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.xapp.XappHost;
import io.jric.server.RicConfig;
import io.jric.server.RicNode;
import io.jric.testing.TestGrids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * A real RIC node for an xApp's tests, on loopback with free ports and temporary stores, and the
 * questions those tests ask of it: install from a descriptor, deliver policies and models, read the
 * xApp's metrics and the control log. Close it to stop the node.
 */
public final class XappRic implements AutoCloseable {
    /** How long {@link #await} waits. */
    public static final Duration AWAIT = Duration.ofSeconds(60);

    private final RicNode ric;
    private final List<io.jric.sim.RanSimulator> sims = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, LogCapture> logs = new java.util.concurrent.ConcurrentHashMap<>();

    private XappRic(RicNode ric) {
        this.ric = ric;
    }

    /**
     * Starts a node whose grid instance is {@code name}; {@code collectKpm} stores decoded KPM in the
     * grid (the xApps' own subscriptions are delivered either way).
     */
    public static XappRic start(String name, boolean collectKpm) throws Exception {
        return new XappRic(RicNode.start(config(name, collectKpm)));
    }

    /** Starts a node with {@code config} (e.g. {@link #config} with changes: {@code .set("admin.auth", "off")}). */
    public static XappRic start(RicConfig config) {
        return new XappRic(RicNode.start(config));
    }

    /** The configuration {@link #start} uses. */
    public static RicConfig config(String name, boolean collectKpm) throws IOException {
        int disco = TestGrids.freePortPair();
        return RicConfig.defaults()
                .set("e2.port", "0").set("http.port", "0").set("e2.kpm.collect", Boolean.toString(collectKpm))
                .set("xapps.gateway.port", "0").set("grid.thinClientPort", "0")
                .set("xapps.storeDir", Files.createTempDirectory(name + "-store").toString())
                .set("a1.storeDir", Files.createTempDirectory(name + "-a1").toString())
                .set("grid.workDir", Files.createTempDirectory(name + "-grid").toString())
                .set("grid.instance", name).set("grid.discoveryPort", Integer.toString(disco))
                .set("grid.discoveryPortRange", "1").set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                .set("grid.addresses", "127.0.0.1:" + disco).set("grid.backups", "0").set("grid.dataRegionMb", "128");
    }

    public RicNode node() {
        return ric;
    }

    /** The E2 port RAN nodes connect to. */
    public int e2Port() {
        return ric.e2().port();
    }

    /** Waits until {@code n} E2 nodes are connected. */
    public void awaitNodes(int n) throws InterruptedException {
        await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == n, n + " connected E2 nodes");
    }

    /**
     * Starts the RAN simulator ({@code gnbs} gNBs with three cells each, {@code ues} UEs, seeded,
     * running {@code speed} times faster than real time), connects its nodes to this RIC and waits
     * until all are connected. It stops with this fixture. Inject faults with
     * {@code sim.injectFault(Fault.cellOutage(...))} (the same faults {@code ./ric sim fault} injects into a demo).
     */
    public io.jric.sim.RanSimulator simulator(int gnbs, int ues, long seed, double speed) throws InterruptedException {
        io.jric.sim.RanSimulator sim = new io.jric.sim.RanSimulator(
                io.jric.sim.SimConfig.builder().seed(seed).gnbs(gnbs).ues(ues).build(),
                io.jric.sim.RanSimulator.Options.builder().speed(speed).build());
        sims.add(sim);
        int before = (int) ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count();
        sim.start("127.0.0.1", e2Port());
        awaitNodes(before + gnbs);
        return sim;
    }

    /** Installs the xApp from the descriptor {@code xapp.json} in the working directory (the module's). */
    public void installFromModuleDescriptor() throws Exception {
        Path descriptor = Path.of("xapp.json");
        ric.xapps().install(Files.readString(descriptor), descriptor.toAbsolutePath().getParent(), null);
    }

    /** Delivers a policy to every instance of {@code xapp}; their statuses. */
    public Map<String, PolicyStatus> policy(String xapp, String policyType, String json) {
        return ric.xapps().deliverPolicy(xapp, new PolicyEvent(policyType, "test", json, false), Duration.ofSeconds(10));
    }

    /** Delivers a model to the one instance of {@code xapp}; its answer (null: accepted, else the reason). */
    public String deliver(String xapp, ModelEvent model) {
        Map<String, String> r = ric.xapps().deliverModel(xapp, model, Duration.ofSeconds(20));
        if (r.size() != 1) throw new AssertionError("expected one instance to answer, got " + r);
        return r.values().iterator().next();
    }

    /**
     * The experience rows of {@code xapp} as the admin API serves them ({@code GET /ric/v1/experience/{xapp}},
     * what {@code ric data export} reads): the JSON body. Needs a node started with {@code admin.auth=off}.
     */
    public String experience(String xapp) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + ric.httpPort()
                        + "/ric/v1/experience/" + xapp)).timeout(Duration.ofSeconds(30)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("GET /ric/v1/experience/" + xapp + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    /** A metric of the first instance of {@code xapp}, 0 when absent. */
    public long metric(String xapp, String name) {
        List<XappHost.InstanceStatus> s = ric.xapps().status(xapp);
        return s.isEmpty() ? 0 : s.get(0).metrics.getOrDefault(name, 0L);
    }

    /** The control-log entries sent by {@code origin} that match {@code filter}. */
    public List<ControlLogEntry> controls(String origin, Predicate<ControlLogEntry> filter) {
        List<ControlLogEntry> out = new ArrayList<>();
        for (Cache.Entry<Long, ControlLogEntry> e : ric.grid().<Long, ControlLogEntry>cache(E2Caches.CONTROL_LOG)
                .query(new ScanQuery<Long, ControlLogEntry>())) {
            if (origin.equals(e.getValue().origin()) && filter.test(e.getValue())) out.add(e.getValue());
        }
        return out;
    }

    /**
     * KPM reports the platform delivered to the instances of {@code xapp} (the platform's own count,
     * summed over instances; an xApp's own {@code ctx.metrics()} counters are in {@link #metric}).
     */
    public long reports(String xapp) {
        long n = 0;
        for (XappHost.InstanceStatus s : ric.xapps().status(xapp)) n += s.reports;
        return n;
    }

    /** The platform's status of each instance of {@code xapp}: state, reports, drops, errors, queue, last error. */
    public List<XappHost.InstanceStatus> status(String xapp) {
        return ric.xapps().status(xapp);
    }

    /**
     * Waits until the control log holds an entry from {@code origin} matching {@code filter}, and
     * returns the newest such entry. The log is written off the control's path (it lags the
     * control's outcome by up to a batch of the ingest pipeline), so tests wait for entries.
     */
    public ControlLogEntry awaitControl(String origin, Predicate<ControlLogEntry> filter, String what) throws InterruptedException {
        await(() -> !controls(origin, filter).isEmpty(), what);
        List<ControlLogEntry> found = controls(origin, filter);
        found.sort(java.util.Comparator.comparingLong(ControlLogEntry::timestampMs));
        return found.get(found.size() - 1);
    }

    /**
     * The lines {@code xapp} logged through {@code ctx.logger()} since this call first named it (at
     * most the last 10,000), formatted as the console shows them. Surefire keeps each test class's
     * console in {@code target/surefire-reports/<class>-output.txt}; this is for asserting on them.
     */
    public List<String> log(String xapp) {
        return logs.computeIfAbsent(xapp, LogCapture::new).lines();
    }

    /** Collects the records of one xApp's logger. */
    private static final class LogCapture extends java.util.logging.Handler {
        private final java.util.ArrayDeque<String> lines = new java.util.ArrayDeque<>();
        private final java.util.logging.Logger logger;

        LogCapture(String xapp) {
            logger = java.util.logging.Logger.getLogger("xapp." + xapp);
            setFormatter(new java.util.logging.SimpleFormatter());
            logger.addHandler(this);
        }

        @Override
        public synchronized void publish(java.util.logging.LogRecord r) {
            if (lines.size() == 10_000) lines.removeFirst();
            lines.addLast(r.getLevel() + " " + getFormatter().formatMessage(r));
        }

        synchronized List<String> lines() {
            return new ArrayList<>(lines);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    /** The control-log entries sent by {@code origin} and acknowledged by the node. */
    public List<ControlLogEntry> acked(String origin) {
        return controls(origin, c -> "ACK".equals(c.status()));
    }

    /**
     * The neighbours the RIC learned for a cell from UE measurements (what {@code ctx.grid().neighbours}
     * gives xApps), most UEs first; needs KPM collection ({@code start(name, true)}) and a few seconds.
     */
    public List<String> neighbours(String cellId) {
        io.jric.core.internal.grid.NeighbourRelation r = ric.grid()
                .<String, io.jric.core.internal.grid.NeighbourRelation>cache(io.jric.api.kpm.KpmCaches.NEIGHBOURS).get(cellId);
        return r == null ? List.of() : r.cells();
    }

    /** Polls {@code value} every 20 ms for up to {@link #AWAIT} until it is not null, and returns it; fails naming {@code what}. */
    public static <T> T awaitValue(java.util.function.Supplier<T> value, String what) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        T v;
        while ((v = value.get()) == null) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return v;
    }

    /** Polls {@code condition} every 20 ms for up to {@link #AWAIT}; fails naming {@code what}. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        for (io.jric.sim.RanSimulator sim : sims) sim.close();
        for (LogCapture c : logs.values()) c.close();
        ric.close();
    }
}
