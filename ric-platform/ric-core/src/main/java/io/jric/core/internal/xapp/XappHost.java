package io.jric.core.internal.xapp;

import io.jric.api.e2.E2ControlService;
import io.jric.api.e2.E2NodeService;
import io.jric.api.e2.E2SubscriptionService;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappProvider;
import io.jric.api.xapp.descriptor.Deployment;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.telemetry.Telemetry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Runs the xApp instances Ignite places on this grid node: loads each xApp's jar in its own
 * class loader, finds its provider through {@link ServiceLoader}, starts it with a context, and
 * stops it again. One host per RIC process, found by the Ignite service through the node-local map.
 */
public final class XappHost implements AutoCloseable {
    /** Key of the host in {@code ignite.cluster().nodeLocalMap()}. */
    public static final String LOCAL_KEY = "jric.xapp.host";
    private static final Logger LOG = Logger.getLogger(XappHost.class.getName());

    private final RicGrid grid;
    private final Telemetry telemetry;
    private final SubscriptionMerger merger;
    private final RemoteChannels remote;
    private final RemoteControls remoteControls;
    private final ControlRouter router;
    private final ControlRouter.LiveGuardRails guardRails;
    private final Path jarDir;
    private final ConcurrentHashMap<String, XappInstance> instances = new ConcurrentHashMap<>();
    private final java.util.concurrent.CopyOnWriteArrayList<java.util.function.Consumer<String>> startListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Registers a listener told the xApp name each time an instance starts on this node (for
     * example to hand it the A1 policies already in force). Called on a platform thread.
     */
    public void addStartListener(java.util.function.Consumer<String> listener) {
        startListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public XappHost(RicGrid grid, Telemetry telemetry, E2NodeService nodes, E2SubscriptionService subscriptions,
                    E2ControlService controls, Duration conflictWindow, Duration controlTimeout) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.merger = new SubscriptionMerger(nodes, subscriptions);
        this.remote = new RemoteChannels(grid, merger, telemetry);
        this.guardRails = ControlRouter.fromCache(grid.cache(PlatformCaches.GUARD_RAILS));
        this.router = new ControlRouter(controls, guardRails,
                grid.cache(io.jric.api.e2.E2Caches.CONTROL_LOG), conflictWindow, controlTimeout);
        this.remoteControls = new RemoteControls(grid, nodes, router, telemetry);
        router.forwarder(remoteControls);
        this.jarDir = grid.settings().workDir().resolve("xapp-jars");
        this.neighbours = new NeighbourLearner(grid, NEIGHBOUR_PERIOD_MS);
        this.experience = new ExperienceStore(grid, EXPERIENCE_PERIOD_MS);
        grid.ignite().cluster().nodeLocalMap().put(LOCAL_KEY, this);
    }

    RicGrid grid() {
        return grid;
    }

    /** How often each process folds its UE records into the learned neighbour relation. */
    static final long NEIGHBOUR_PERIOD_MS = 5_000;
    private final NeighbourLearner neighbours;

    /** How often each process attaches outcomes to the experience rows of its own partitions. */
    static final long EXPERIENCE_PERIOD_MS = 2_000;
    private final ExperienceStore experience;

    /** xApps' experience rows: recording, outcomes, queries (tests run a round with {@code experience().attach(now)}). */
    public ExperienceStore experience() {
        return experience;
    }

    /** The neighbour learner (tests run a round at once with {@code neighbourLearner().once(now)}). */
    NeighbourLearner neighbourLearner() {
        return neighbours;
    }

    Telemetry telemetry() {
        return telemetry;
    }

    /** The control router every xApp control passes through. */
    public ControlRouter router() {
        return router;
    }

    /** The subscription merger. */
    public SubscriptionMerger subscriptions() {
        return merger;
    }

    /**
     * Starts one instance of an installed xApp (called by its Ignite service on this node). When a
     * grid node has just left, reads may fail until the partition map is exchanged: those are retried
     * for up to 15 s, so a failover does not give up on the first try.
     */
    void start(String name, String instanceId) throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                startOnce(name, instanceId);
                return;
            } catch (javax.cache.CacheException | org.apache.ignite.IgniteException e) {
                if (!topologyChange(e) || System.nanoTime() > deadline) throw e;
                LOG.info(() -> "xApp " + name + ": grid topology changing, retrying start: " + e.getMessage());
                Thread.sleep(200);
            }
        }
    }

    private static boolean topologyChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.apache.ignite.cluster.ClusterTopologyException
                    || t instanceof org.apache.ignite.internal.cluster.ClusterTopologyCheckedException) {
                return true;
            }
        }
        return false;
    }

    private void startOnce(String name, String instanceId) throws Exception {
        XappRecord rec = grid.<String, XappRecord>cache(PlatformCaches.XAPPS).get(name);
        if (rec == null) throw new IllegalStateException("xApp " + name + " is not installed");
        XappDescriptor d = DescriptorParser.parse(rec.descriptorJson(), null);
        ClassLoader loader = loaderFor(rec);
        XappProvider provider = provider(d.entry().provider(), loader, name);
        Xapp xapp = provider.create();
        XappInstance inst = new XappInstance(instanceId, d, loader, xapp, telemetry.detailTracer());
        try {
            inst.start(new XappContextImpl(inst, this), merger);
            if (d.deployment().placement() != Deployment.Placement.NODE_SINGLETON) {
                remote.publish(instanceId, d, rec.version(), inst::offerKpmQueued);
            }
        } catch (Exception e) {
            remote.withdraw(instanceId, d);
            inst.stop(merger);
            throw e;
        }
        instances.put(instanceId, inst);
        LOG.info(() -> "xApp instance " + instanceId + " (" + d.name() + " " + d.version() + ") started");
        for (java.util.function.Consumer<String> l : startListeners) {
            java.util.concurrent.CompletableFuture.runAsync(() -> l.accept(d.name())).exceptionally(t -> {
                LOG.log(java.util.logging.Level.WARNING, "start listener failed for " + d.name(), t);
                return null;
            });
        }
    }

    /** Stops one instance (its service was cancelled or undeployed). */
    void stop(String instanceId) {
        XappInstance inst = instances.remove(instanceId);
        if (inst == null) return;
        remote.withdraw(instanceId, inst.descriptor);
        inst.stop(merger);
        LOG.info(() -> "xApp instance " + instanceId + " stopped");
    }

    private ClassLoader loaderFor(XappRecord rec) throws IOException {
        ClassLoader platform = XappHost.class.getClassLoader();
        if (rec.jarKey() == null) return platform;
        byte[] jar = grid.<String, byte[]>cache(PlatformCaches.XAPP_JARS).get(rec.jarKey());
        if (jar == null) throw new IllegalStateException("the jar of xApp " + rec.name() + " is missing from the grid");
        Files.createDirectories(jarDir);
        Path file = jarDir.resolve(rec.name() + "-" + rec.version() + "-" + rec.jarSha256().substring(0, 12) + ".jar");
        if (!Files.exists(file)) {
            Path tmp = Files.createTempFile(jarDir, rec.name(), ".part");
            Files.write(tmp, jar);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            return new XappClassLoader(rec.name(), file.toUri().toURL(), platform);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The provider with this id among those the loader sees; an error lists the ids found. */
    static XappProvider provider(String id, ClassLoader loader, String xappName) {
        List<String> seen = new ArrayList<>();
        for (XappProvider p : ServiceLoader.load(XappProvider.class, loader)) {
            if (p.id().equals(id)) return p;
            seen.add(p.id());
        }
        throw new IllegalArgumentException("/entry/provider: \"" + id + "\" not found for xApp " + xappName
                + " (providers found: " + (seen.isEmpty() ? "none" : String.join(", ", seen)) + ")");
    }

    /** Checks that a jar (or the RIC's classpath when null) offers the provider, without starting anything. */
    static void checkProvider(XappDescriptor d, Path jar) {
        if (jar == null) {
            provider(d.entry().provider(), XappHost.class.getClassLoader(), d.name());
            return;
        }
        try (XappClassLoader l = new XappClassLoader(d.name(), jar.toUri().toURL(), XappHost.class.getClassLoader())) {
            provider(d.entry().provider(), l, d.name());
        } catch (IOException e) {
            throw new IllegalArgumentException("jar: cannot read " + jar + ": " + e.getMessage(), e);
        } catch (java.util.ServiceConfigurationError e) {
            throw new IllegalArgumentException("jar: its XappProvider cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Delivers a policy event to one local instance; null when the instance is not here. */
    public CompletableFuture<PolicyStatus> deliverPolicyTo(String instanceId, PolicyEvent e) {
        XappInstance i = instances.get(instanceId);
        return i == null ? null : i.policy(e);
    }

    /** Delivers a policy event to every local instance of an xApp; one status per instance. */
    public Map<String, CompletableFuture<PolicyStatus>> deliverPolicy(String xappName, PolicyEvent e) {
        Map<String, CompletableFuture<PolicyStatus>> out = new java.util.TreeMap<>();
        for (XappInstance i : instances.values()) {
            if (i.descriptor.name().equals(xappName)) out.put(i.instanceId, i.policy(e));
        }
        return out;
    }

    /** Delivers a model to every local instance of an xApp. */
    public Map<String, CompletableFuture<Void>> deliverModel(String xappName, ModelEvent e) {
        Map<String, CompletableFuture<Void>> out = new java.util.TreeMap<>();
        for (XappInstance i : instances.values()) {
            if (i.descriptor.name().equals(xappName)) out.put(i.instanceId, i.model(e));
        }
        return out;
    }

    /**
     * Scores a model version with the first local instance of an xApp (the validation gate); null when no
     * instance of it runs here.
     */
    public Map<String, Double> scoreModel(String xappName, ModelEvent e, List<io.jric.api.xapp.ExperienceSample> rows)
            throws Exception {
        for (XappInstance i : new java.util.TreeMap<>(instances).values()) {
            if (i.descriptor.name().equals(xappName)) return i.score(e, rows);
        }
        return null;
    }

    /** Trains a version with the first local instance of an xApp (the retraining job); null when none runs here. */
    public io.jric.api.xapp.TrainedModel trainModel(String xappName, ModelEvent parent, List<io.jric.api.xapp.ExperienceSample> rows,
                                                    long seed) throws Exception {
        for (XappInstance i : new java.util.TreeMap<>(instances).values()) {
            if (i.descriptor.name().equals(xappName)) return i.train(parent, rows, seed);
        }
        return null;
    }

    /** Whether an instance of the xApp runs on this node. */
    public boolean runsInstanceOf(String xappName) {
        for (XappInstance i : instances.values()) {
            if (i.descriptor.name().equals(xappName)) return true;
        }
        return false;
    }

    /**
     * One federated retraining round with the first local instance of an xApp, over rows of this node only;
     * null when no instance of it runs here.
     */
    public io.jric.api.xapp.LocalUpdate trainLocal(String xappName, ModelEvent parent, float[] global,
                                                   List<io.jric.api.xapp.ExperienceSample> rows, long seed, int round, int epochs)
            throws Exception {
        for (XappInstance i : new java.util.TreeMap<>(instances).values()) {
            if (i.descriptor.name().equals(xappName)) return i.trainLocal(parent, global, rows, seed, round, epochs);
        }
        return null;
    }

    /** The federated version file with the first local instance of an xApp; null when none runs here. */
    public io.jric.api.xapp.TrainedModel federatedModel(String xappName, ModelEvent parent, float[] params,
                                                        Map<String, Double> validation, Map<String, Long> rows, long seed)
            throws Exception {
        for (XappInstance i : new java.util.TreeMap<>(instances).values()) {
            if (i.descriptor.name().equals(xappName)) return i.federatedModel(parent, params, validation, rows, seed);
        }
        return null;
    }

    /** Status of the local instances of one xApp (all xApps when name is null). */
    public List<InstanceStatus> status(String xappName) {
        List<InstanceStatus> out = new ArrayList<>();
        for (XappInstance i : instances.values()) {
            if (xappName != null && !i.descriptor.name().equals(xappName)) continue;
            Map<String, Long> m = new java.util.TreeMap<>();
            i.metrics.forEach((k, v) -> m.put(k, v.sum()));
            // a report is counted in reports before inlineReports: read inline first, so inline <= reports holds
            long inline = i.inlineReports.sum();
            out.add(new InstanceStatus(i.instanceId, i.descriptor.name(), i.descriptor.version(), i.state,
                    i.reports.sum(), i.drops.sum(), i.errors.sum(), i.executor.getQueue().size(), i.lastError(),
                    new ArrayList<>(merger.subscriptionsOf(i.instanceId)), m, i.dispatch(), inline,
                    i.inlineBusy.sum(), i.overruns.sum(), i.demotions.sum(), i.promotions.sum()));
        }
        out.sort((a, b) -> a.instanceId.compareTo(b.instanceId));
        return out;
    }

    /**
     * The live counters of each local instance, for export at scrape time (the histogram and the
     * control counters are the instance's own, not copies).
     */
    public List<InstanceMetrics> metrics() {
        List<InstanceMetrics> out = new ArrayList<>();
        for (XappInstance i : instances.values()) {
            long[] controls = new long[i.controls.length];
            for (int k = 0; k < controls.length; k++) controls[k] = i.controls[k].sum();
            Map<String, Long> m = new java.util.TreeMap<>();
            i.metrics.forEach((k, v) -> m.put(k, v.sum()));
            long inline = i.inlineReports.sum();  // before reports, as in status()
            out.add(new InstanceMetrics(i.descriptor.name(), i.instanceId, i.state, i.reports.sum(), i.drops.sum(),
                    i.errors.sum(), i.executor.getQueue().size(), i.handlerLatency, controls, m, inline,
                    i.demotions.sum(), i.promotions.sum()));
        }
        return out;
    }

    /**
     * One local instance's counters.
     *
     * @param controls controls by outcome, indexed by {@link io.jric.api.e2.ControlStatus#ordinal()}
     * @param metrics the xApp's own metrics ({@code XappContext.metrics()}), e.g. {@code model.active.<version>}
     * @param inlineReports reports handled on the E2 transport thread (a non-blocking handler)
     * @param demotions times a non-blocking handler was moved to the instance's thread for overrunning its budget
     * @param promotions times a demoted handler went back to the E2 transport thread
     */
    public record InstanceMetrics(String xapp, String instanceId, String state, long reports, long drops, long errors,
                                  int queued, io.jric.core.internal.telemetry.LatencyHistogram handlerLatency,
                                  long[] controls, Map<String, Long> metrics, long inlineReports, long demotions,
                                  long promotions) {}

    /** One instance's status, as the admin API shows it. */
    public static final class InstanceStatus {
        public final String instanceId;
        public final String xapp;
        public final String version;
        public final String state;
        public final long reports;
        public final long drops;
        public final long errors;
        public final int queued;
        public final String lastError;
        public final List<String> subscriptions;
        public final Map<String, Long> metrics;
        /** How reports reach the KPM handler: {@code thread}, {@code inline} or {@code thread (demoted: why)}. */
        public final String dispatch;
        /** Reports handled on the E2 transport thread. */
        public final long inlineReports;
        /** Reports of a non-blocking handler queued because the instance was busy then. */
        public final long inlineBusy;
        /** Inline calls that took longer than the handler's budget. */
        public final long overruns;
        /** Times the handler was moved from the transport thread to the instance's thread. */
        public final long demotions;
        /** Times a demoted handler went back to the transport thread, its calls within budget again. */
        public final long promotions;

        InstanceStatus(String instanceId, String xapp, String version, String state, long reports, long drops,
                       long errors, int queued, String lastError, List<String> subscriptions, Map<String, Long> metrics,
                       String dispatch, long inlineReports, long inlineBusy, long overruns, long demotions,
                       long promotions) {
            this.instanceId = instanceId;
            this.xapp = xapp;
            this.version = version;
            this.state = state;
            this.reports = reports;
            this.drops = drops;
            this.errors = errors;
            this.queued = queued;
            this.lastError = lastError;
            this.subscriptions = subscriptions;
            this.metrics = metrics;
            this.dispatch = dispatch;
            this.inlineReports = inlineReports;
            this.inlineBusy = inlineBusy;
            this.overruns = overruns;
            this.demotions = demotions;
            this.promotions = promotions;
        }
    }

    @Override
    public void close() {
        for (String id : new ArrayList<>(instances.keySet())) stop(id);
        remote.close();
        router.forwarder(null);
        remoteControls.close();
        merger.close();
        guardRails.close();
        neighbours.close();
        experience.close();
        grid.ignite().cluster().nodeLocalMap().remove(LOCAL_KEY, this);
    }
}
