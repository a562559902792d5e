package io.jric.core.internal.xapp;

import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.time.Duration;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.apache.ignite.services.ServiceConfiguration;

/**
 * Installs, upgrades and removes xApps. An install validates the descriptor, checks that the jar
 * (or the RIC's classpath) offers the named provider, stores both durably and in the grid, and
 * deploys the xApp as an Ignite service; if any step fails, everything done so far is undone and
 * the error names the problem.
 */
public final class XappManager implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(XappManager.class.getName());

    private final RicGrid grid;
    private final XappStore store;
    private final XappHost host;
    private final IgniteCache<String, XappRecord> records;
    private final IgniteCache<String, byte[]> jars;

    /** Hears of xApps installed, upgraded and removed (through this manager). */
    public interface Listener {
        /** After an install or upgrade succeeded. */
        default void installed(XappDescriptor descriptor) {}

        /** After an xApp was removed. */
        default void removed(XappDescriptor descriptor) {}
    }

    private final java.util.concurrent.CopyOnWriteArrayList<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Registers a lifecycle listener. */
    public void addListener(Listener l) {
        listeners.add(Objects.requireNonNull(l, "listener"));
    }

    private void fire(java.util.function.Consumer<Listener> event) {
        for (Listener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "xApp lifecycle listener failed", e);
            }
        }
    }

    private volatile boolean restoreDone;

    public XappManager(RicGrid grid, XappStore store, XappHost host) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.store = Objects.requireNonNull(store, "store");
        this.host = Objects.requireNonNull(host, "host");
        this.records = grid.cache(PlatformCaches.XAPPS);
        this.jars = grid.cache(PlatformCaches.XAPP_JARS);
        // Installs, upgrades and removals served by any process of the grid reach this process's store too.
        this.mirror = io.jric.core.internal.grid.CacheMirror.start(records, "xapps", new io.jric.core.internal.grid.CacheMirror.Sink<>() {
            @Override
            public void put(String name, XappRecord rec) {
                byte[] jar = rec.jarKey() == null ? null : jars.get(rec.jarKey());
                if (rec.jarKey() != null && jar == null) {
                    LOG.warning("xApp " + name + ": its jar is not in the grid; the durable store keeps the previous copy");
                    return;
                }
                store.save(name, rec.descriptorJson(), jar);
            }

            @Override
            public void removed(String name) {
                store.delete(name);
            }
        });
        // Operator guard rails set through any process reach this process's store too; a scope an A1 policy
        // took over, or a rail removed, leaves it.
        this.railMirror = io.jric.core.internal.grid.CacheMirror.start(grid.cache(PlatformCaches.GUARD_RAILS), "guardrails",
                new io.jric.core.internal.grid.CacheMirror.Sink<String, io.jric.core.internal.grid.GuardRail>() {
                    @Override
                    public void put(String scope, io.jric.core.internal.grid.GuardRail rail) {
                        if (operatorRail(rail)) store.saveGuardRail(scope, XappAdminApi.railJson(rail));
                        else store.deleteGuardRail(scope);
                    }

                    @Override
                    public void removed(String scope) {
                        store.deleteGuardRail(scope);
                    }
                });
    }

    private final io.jric.core.internal.grid.CacheMirror<String, XappRecord> mirror;
    private final io.jric.core.internal.grid.CacheMirror<String, io.jric.core.internal.grid.GuardRail> railMirror;

    /** Operator guard rails (set through the admin API), not those an A1 guard-rail policy set (the A1 store keeps those). */
    private static boolean operatorRail(io.jric.core.internal.grid.GuardRail g) {
        return g.setBy() == null || !g.setBy().startsWith("A1 policy");
    }

    /** Waits until the durable store holds every change heard so far (tests, orderly stop). */
    public void flushStore() throws InterruptedException {
        mirror.flush();
        railMirror.flush();
    }

    /** Stops mirroring the grid into the durable store. */
    @Override
    public void close() {
        mirror.close();
        railMirror.close();
    }

    /**
     * Installs an xApp.
     *
     * @param descriptorJson the descriptor (schemas inline or relative to {@code baseDir})
     * @param baseDir where relative paths in the descriptor point, or null
     * @param jar the xApp's jar, or null when its provider is on the RIC's classpath
     * @throws io.jric.api.xapp.descriptor.DescriptorException when the descriptor is invalid
     * @throws IllegalStateException when an xApp of that name is installed already
     * @throws IllegalArgumentException when the jar or the xApp's start fails
     */
    public synchronized XappRecord install(String descriptorJson, Path baseDir, byte[] jar) {
        XappDescriptor d = DescriptorParser.parse(descriptorJson, baseDir);
        if (records.containsKey(d.name())) {
            throw new IllegalStateException("xApp " + d.name() + " is installed already (version "
                    + records.get(d.name()).version() + "); use upgrade");
        }
        XappRecord rec = prepare(d, jar);
        if (!records.putIfAbsent(d.name(), rec)) {
            throw new IllegalStateException("xApp " + d.name() + " is being installed by someone else");
        }
        try {
            deploy(d);
            store.save(d.name(), rec.descriptorJson(), jar);
        } catch (RuntimeException e) {
            undeploy(d.name());
            records.remove(d.name());
            if (rec.jarKey() != null) jars.remove(rec.jarKey());
            throw failure(d.name(), "install", e);
        }
        LOG.info(() -> "installed xApp " + d.name() + " " + d.version());
        fire(l -> l.installed(d));
        return rec;
    }

    /** Replaces an installed xApp's descriptor and jar; on failure the previous version runs again. */
    public synchronized XappRecord upgrade(String descriptorJson, Path baseDir, byte[] jar) {
        XappDescriptor d = DescriptorParser.parse(descriptorJson, baseDir);
        XappRecord old = records.get(d.name());
        if (old == null) throw new NoSuchElementException("xApp " + d.name() + " is not installed");
        XappRecord rec = prepare(d, jar);
        undeploy(d.name());
        records.put(d.name(), rec);
        try {
            deploy(d);
        } catch (RuntimeException e) {
            undeploy(d.name());
            records.put(d.name(), old);
            if (rec.jarKey() != null && !rec.jarKey().equals(old.jarKey())) jars.remove(rec.jarKey());
            try {
                deploy(DescriptorParser.parse(old.descriptorJson(), null));
            } catch (RuntimeException again) {
                LOG.log(Level.WARNING, "xApp " + d.name() + ": the previous version did not start again either", again);
            }
            throw failure(d.name(), "upgrade", e);
        }
        store.save(d.name(), rec.descriptorJson(), jar);
        if (old.jarKey() != null && !old.jarKey().equals(rec.jarKey())) jars.remove(old.jarKey());
        LOG.info(() -> "upgraded xApp " + d.name() + " " + old.version() + " -> " + d.version());
        fire(l -> l.installed(d));
        return rec;
    }

    /** Removes an xApp: its instances stop and everything they registered is released. */
    public synchronized void remove(String name) {
        XappRecord rec = records.get(name);
        if (rec == null) throw new NoSuchElementException("xApp " + name + " is not installed");
        undeploy(name);
        records.remove(name);
        if (rec.jarKey() != null) jars.remove(rec.jarKey());
        store.delete(name);
        host.router().release(name);
        LOG.info(() -> "removed xApp " + name);
        XappDescriptor d = DescriptorParser.parse(rec.descriptorJson(), null);
        fire(l -> l.removed(d));
    }

    /** Every installed xApp. */
    public List<XappRecord> list() {
        List<XappRecord> out = new ArrayList<>();
        for (Cache.Entry<String, XappRecord> e : records.query(new ScanQuery<String, XappRecord>())) out.add(e.getValue());
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    /** One installed xApp. */
    public XappRecord get(String name) {
        XappRecord r = records.get(name);
        if (r == null) throw new NoSuchElementException("xApp " + name + " is not installed");
        return r;
    }

    /** The status of an xApp's instances on every grid node. */
    public List<XappHost.InstanceStatus> status(String name) {
        get(name);
        List<XappHost.InstanceStatus> out = new ArrayList<>();
        Collection<List<XappHost.InstanceStatus>> perNode = grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new StatusTask(name));
        for (List<XappHost.InstanceStatus> l : perNode) if (l != null) out.addAll(l);
        out.sort((a, b) -> a.instanceId.compareTo(b.instanceId));
        return out;
    }

    /** The status of every xApp instance on every grid node (one broadcast, bounded to 5 s). */
    public List<XappHost.InstanceStatus> statusAll() {
        List<XappHost.InstanceStatus> out = new ArrayList<>();
        Collection<List<XappHost.InstanceStatus>> perNode = grid.ignite().compute(grid.ignite().cluster().forServers())
                .withTimeout(5_000).broadcast(new StatusTask(null));
        for (List<XappHost.InstanceStatus> l : perNode) if (l != null) out.addAll(l);
        out.sort((a, b) -> a.instanceId.compareTo(b.instanceId));
        return out;
    }

    /**
     * Delivers an A1 policy event to every instance of an xApp on every grid node and collects
     * each instance's answer (instance id to status); an instance that does not answer within
     * the timeout counts as not enforcing.
     */
    public Map<String, PolicyStatus> deliverPolicy(String xappName, PolicyEvent event, Duration timeout) {
        get(xappName);
        Map<String, PolicyStatus> out = new TreeMap<>();
        for (Map<String, PolicyStatus> m : grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new PolicyTask(xappName, event, timeout.toMillis()))) {
            if (m != null) out.putAll(m);
        }
        return out;
    }

    /**
     * Delivers a model version to every instance of an xApp on every grid node; the map holds,
     * per instance, null when it took the model, or why it rejected it.
     */
    public Map<String, String> deliverModel(String xappName, ModelEvent event, Duration timeout) {
        get(xappName);
        Map<String, String> out = new TreeMap<>();
        for (Map<String, String> m : grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new ModelTask(xappName, event, timeout.toMillis()))) {
            if (m != null) out.putAll(m);
        }
        return out;
    }

    /** The grid this manager runs on (the validation gate scores on each of its server nodes). */
    public RicGrid grid() {
        return grid;
    }

    /** The experience rows of this grid (the validation gate reads them). */
    public ExperienceStore experience() {
        return host.experience();
    }

    /**
     * Scores a model version on experience rows with one instance of the xApp, on whichever grid node runs
     * one (the validation gate, {@code ModelListener.scoreModel}).
     *
     * @throws IllegalStateException when no instance runs, or it cannot score the version (the reason)
     */
    public Map<String, Double> scoreModel(String xappName, ModelEvent event, List<io.jric.api.xapp.ExperienceSample> rows) {
        get(xappName);
        List<String> failures = new ArrayList<>();
        for (ScoreAnswer a : grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new ScoreTask(xappName, event, new ArrayList<>(rows)))) {
            if (a == null) continue;
            if (a.metrics != null) return a.metrics;
            failures.add(a.error);
        }
        throw new IllegalStateException(failures.isEmpty() ? "no instance of xApp " + xappName + " runs to score the version"
                : "xApp " + xappName + " cannot score version " + event.version() + ": " + failures.get(0));
    }

    /**
     * Trains a version from experience rows with one instance of the xApp, on whichever grid node runs one, in the
     * grid's compute pool (the retraining job, {@code ModelListener.trainModel}).
     *
     * @throws IllegalStateException when no instance runs, or it cannot train (the reason)
     */
    public io.jric.api.xapp.TrainedModel trainModel(String xappName, ModelEvent parent, List<io.jric.api.xapp.ExperienceSample> rows,
                                                    long seed) {
        get(xappName);
        List<String> failures = new ArrayList<>();
        for (TrainAnswer a : grid.ignite().compute(grid.ignite().cluster().forServers())
                .broadcast(new TrainTask(xappName, parent, new ArrayList<>(rows), seed))) {
            if (a == null) continue;
            if (a.model != null) return a.model;
            failures.add(a.error);
        }
        throw new IllegalStateException(failures.isEmpty() ? "no instance of xApp " + xappName + " runs to train a version"
                : "xApp " + xappName + " cannot train a version from " + parent.version() + ": " + failures.get(0));
    }

    private static final class TrainAnswer implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final io.jric.api.xapp.TrainedModel model;
        final String error;

        TrainAnswer(io.jric.api.xapp.TrainedModel model, String error) {
            this.model = model;
            this.error = error;
        }
    }

    /** Runs on each grid node: trains with a local instance, if one runs there (the first node that answers wins). */
    private static final class TrainTask implements IgniteCallable<TrainAnswer> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final ModelEvent parent;
        private final ArrayList<io.jric.api.xapp.ExperienceSample> rows;
        private final long seed;
        @IgniteInstanceResource
        private transient Ignite ignite;

        TrainTask(String name, ModelEvent parent, ArrayList<io.jric.api.xapp.ExperienceSample> rows, long seed) {
            this.name = name;
            this.parent = parent;
            this.rows = rows;
            this.seed = seed;
        }

        @Override
        public TrainAnswer call() {
            XappHost h = localHost(ignite);
            if (h == null) return null;
            try {
                io.jric.api.xapp.TrainedModel m = h.trainModel(name, parent, rows, seed);
                return m == null ? null : new TrainAnswer(m, null);
            } catch (Exception e) {
                return new TrainAnswer(null, String.valueOf(e.getMessage() == null ? e : e.getMessage()));
            }
        }
    }

    private static final class ScoreAnswer implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final Map<String, Double> metrics;
        final String error;

        ScoreAnswer(Map<String, Double> metrics, String error) {
            this.metrics = metrics == null ? null : new TreeMap<>(metrics);
            this.error = error;
        }
    }

    /** Runs on each grid node: scores the version with a local instance, if one runs there. */
    private static final class ScoreTask implements IgniteCallable<ScoreAnswer> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final ModelEvent event;
        private final ArrayList<io.jric.api.xapp.ExperienceSample> rows;
        @IgniteInstanceResource
        private transient Ignite ignite;

        ScoreTask(String name, ModelEvent event, ArrayList<io.jric.api.xapp.ExperienceSample> rows) {
            this.name = name;
            this.event = event;
            this.rows = rows;
        }

        @Override
        public ScoreAnswer call() {
            XappHost h = localHost(ignite);
            if (h == null) return null;
            try {
                Map<String, Double> m = h.scoreModel(name, event, rows);
                return m == null ? null : new ScoreAnswer(m, null);
            } catch (Exception e) {
                return new ScoreAnswer(null, String.valueOf(e));
            }
        }
    }

    private static XappHost localHost(Ignite ignite) {
        return (XappHost) ignite.cluster().nodeLocalMap().get(XappHost.LOCAL_KEY);
    }

    /** Runs on each grid node: hands a policy event to the local instances and waits for their answers. */
    private static final class PolicyTask implements IgniteCallable<Map<String, PolicyStatus>> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final PolicyEvent event;
        private final long timeoutMs;
        @IgniteInstanceResource
        private transient Ignite ignite;

        PolicyTask(String name, PolicyEvent event, long timeoutMs) {
            this.name = name;
            this.event = event;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public Map<String, PolicyStatus> call() {
            XappHost h = localHost(ignite);
            Map<String, PolicyStatus> out = new TreeMap<>();
            if (h == null) return out;
            long deadline = System.currentTimeMillis() + timeoutMs;
            for (Map.Entry<String, java.util.concurrent.CompletableFuture<PolicyStatus>> e
                    : h.deliverPolicy(name, event).entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get(Math.max(1, deadline - System.currentTimeMillis()),
                            java.util.concurrent.TimeUnit.MILLISECONDS));
                } catch (Exception ex) {
                    out.put(e.getKey(), PolicyStatus.notEnforced("no answer within " + timeoutMs + " ms"));
                }
            }
            return out;
        }
    }

    /** Runs on each grid node: hands a model to the local instances and waits for their answers. */
    private static final class ModelTask implements IgniteCallable<Map<String, String>> {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final ModelEvent event;
        private final long timeoutMs;
        @IgniteInstanceResource
        private transient Ignite ignite;

        ModelTask(String name, ModelEvent event, long timeoutMs) {
            this.name = name;
            this.event = event;
            this.timeoutMs = timeoutMs;
        }

        @Override
        public Map<String, String> call() {
            XappHost h = localHost(ignite);
            Map<String, String> out = new TreeMap<>();
            if (h == null) return out;
            long deadline = System.currentTimeMillis() + timeoutMs;
            for (Map.Entry<String, java.util.concurrent.CompletableFuture<Void>> e : h.deliverModel(name, event).entrySet()) {
                try {
                    e.getValue().get(Math.max(1, deadline - System.currentTimeMillis()),
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                    out.put(e.getKey(), null);
                } catch (java.util.concurrent.ExecutionException ex) {
                    out.put(e.getKey(), String.valueOf(ex.getCause()));
                } catch (Exception ex) {
                    out.put(e.getKey(), "no answer within " + timeoutMs + " ms");
                }
            }
            return out;
        }
    }

    /**
     * After a start: the first RIC process of a grid (the only server, with no xApps in the grid)
     * installs what its durable store holds; a process that joins a running grid adopts the grid's
     * xApps instead and rewrites its store to match (what was removed while it was down stays removed).
     * Every process's store mirrors the whole grid's xApps, so any one of them can start a cluster.
     * When it returns, {@link #restored()} is true, also if some stored xApp could not be reinstalled.
     */
    public synchronized List<String> restore() {
        List<String> restored = new ArrayList<>();
        if (grid.serverCount() > 1 || records.size() > 0) {
            java.util.Set<String> inGrid = new java.util.HashSet<>();
            for (XappRecord rec : list()) {
                inGrid.add(rec.name());
                byte[] jar = rec.jarKey() == null ? null : jars.get(rec.jarKey());
                if (rec.jarKey() == null || jar != null) store.save(rec.name(), rec.descriptorJson(), jar);
            }
            for (XappStore.Stored s : store.all()) {
                if (!inGrid.contains(s.name)) {
                    store.delete(s.name);
                    LOG.info(() -> "xApp " + s.name + " is no longer installed in the grid; removed from the durable store");
                }
            }
            adoptGuardRails();
            restoreDone = true;
            return restored;
        }
        for (XappStore.Stored s : store.all()) {
            if (records.containsKey(s.name)) continue;
            try {
                install(s.descriptorJson, null, s.jar);
                restored.add(s.name);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stored xApp " + s.name + " could not be restored: " + e.getMessage());
            }
        }
        restoreGuardRails();
        restoreDone = true;
        return restored;
    }

    /** A process joining a running grid: its store's operator guard rails become the grid's. */
    private void adoptGuardRails() {
        org.apache.ignite.IgniteCache<String, io.jric.core.internal.grid.GuardRail> rails = grid.cache(PlatformCaches.GUARD_RAILS);
        java.util.Set<String> inGrid = new java.util.HashSet<>();
        for (javax.cache.Cache.Entry<String, io.jric.core.internal.grid.GuardRail> e
                : rails.query(new ScanQuery<String, io.jric.core.internal.grid.GuardRail>())) {
            if (!operatorRail(e.getValue())) continue;
            store.saveGuardRail(e.getKey(), XappAdminApi.railJson(e.getValue()));
            inGrid.add(e.getKey());
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String text : store.guardRails()) {
            try {
                String scope = json.readTree(text).path("scope").asText();
                if (!inGrid.contains(scope)) store.deleteGuardRail(scope);
            } catch (java.io.IOException e) {
                LOG.log(Level.WARNING, "a stored guard rail is unreadable: " + e.getMessage());
            }
        }
    }

    /**
     * Writes the operator guard rails of the durable store (set through the admin API) to a grid
     * that has no guard rail for their scope (a fresh grid after a restart). A grid entry is kept:
     * another node kept it alive, or an A1 guard-rail policy set it.
     */
    private void restoreGuardRails() {
        org.apache.ignite.IgniteCache<String, io.jric.core.internal.grid.GuardRail> rails =
                grid.cache(PlatformCaches.GUARD_RAILS);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        int n = 0;
        for (String text : store.guardRails()) {
            try {
                com.fasterxml.jackson.databind.JsonNode t = json.readTree(text);
                String scope = t.path("scope").asText();
                if (!io.jric.core.internal.grid.GuardRail.validScope(scope)) throw new IllegalArgumentException("bad scope " + scope);
                if (rails.putIfAbsent(scope, XappAdminApi.railFrom(t.path("rail")))) n++;
            } catch (java.io.IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "a stored guard rail could not be restored: " + e.getMessage());
            }
        }
        if (n > 0) {
            int restored = n;
            LOG.info(() -> restored + " operator guard rails restored from the store");
        }
    }

    /** The durable store of installed xApps (and of the operator guard rails). */
    public XappStore store() {
        return store;
    }

    /**
     * Whether {@link #restore()} has run in this process: until then the xApps of the durable store
     * (and their policy types) may be missing from the grid.
     */
    public boolean restored() {
        return restoreDone;
    }

    private XappRecord prepare(XappDescriptor d, byte[] jar) {
        String jarKey = null;
        String sha = null;
        if (jar != null) {
            sha = sha256(jar);
            Path tmp = null;
            try {
                tmp = Files.createTempFile("xapp-check-", ".jar");
                Files.write(tmp, jar);
                XappHost.checkProvider(d, tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (tmp != null) tmp.toFile().delete();
            }
            jarKey = d.name() + "@" + d.version() + "@" + sha.substring(0, 12);
            jars.put(jarKey, jar);
        } else {
            XappHost.checkProvider(d, null);
        }
        return new XappRecord(d.name(), d.version(), DescriptorParser.toJson(d), jarKey, sha, System.currentTimeMillis());
    }

    private void deploy(XappDescriptor d) {
        ServiceConfiguration cfg = new ServiceConfiguration()
                .setName(XappService.serviceName(d.name()))
                .setService(new XappService(d.name()))
                .setNodeFilter(new RunsXapps());
        switch (d.deployment().placement()) {
            case CLUSTER_SINGLETON:
                cfg.setTotalCount(1).setMaxPerNodeCount(1);
                break;
            case NODE_SINGLETON:
                cfg.setTotalCount(0).setMaxPerNodeCount(1);
                break;
            default:
                cfg.setTotalCount(d.deployment().instances()).setMaxPerNodeCount(d.deployment().maxPerNode());
        }
        grid.ignite().services().deploy(cfg);
    }

    /** Grid nodes that run an xApp host: all but those started with {@code runsXapps(false)} (data only). */
    static final class RunsXapps implements org.apache.ignite.lang.IgnitePredicate<org.apache.ignite.cluster.ClusterNode> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean apply(org.apache.ignite.cluster.ClusterNode n) {
            return !Boolean.FALSE.equals(n.attribute(io.jric.core.internal.grid.RicGrid.RUNS_XAPPS_ATTRIBUTE));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RunsXapps;  // so that a redeploy of the same configuration is seen as the same
        }

        @Override
        public int hashCode() {
            return 0x6a726963;  // the same in every JVM
        }
    }

    private void undeploy(String name) {
        try {
            grid.ignite().services().cancel(XappService.serviceName(name));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "cancel of " + name, e);
        }
    }

    private static RuntimeException failure(String name, String what, RuntimeException e) {
        if (e instanceof io.jric.api.xapp.descriptor.DescriptorException) return e;
        return new IllegalArgumentException("xApp " + name + ": " + what + " failed, nothing was left installed: "
                + rootMessage(e), e);
    }

    /** The most specific message of an error: Ignite wraps a service's failure in causes and suppressed exceptions. */
    static String rootMessage(Throwable e) {
        Throwable best = e;
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) continue;
            if (t.getMessage() != null && t.getMessage().startsWith("xApp ")) best = t;
            if (t.getCause() != null) todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
        if (best == e) {
            while (best.getCause() != null && best.getCause() != best) best = best.getCause();
        }
        return String.valueOf(best.getMessage());
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs on each grid node: the local instances' status. */
    private static final class StatusTask implements IgniteCallable<List<XappHost.InstanceStatus>> {
        private static final long serialVersionUID = 1L;
        private final String name;
        @IgniteInstanceResource
        private transient Ignite ignite;

        StatusTask(String name) {
            this.name = name;
        }

        @Override
        public List<XappHost.InstanceStatus> call() {
            XappHost h = localHost(ignite);
            return h == null ? List.of() : h.status(name);
        }
    }
}
