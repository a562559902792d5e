package io.jric.a1;

import io.jric.a1.Records.OperatorType;
import io.jric.a1.Records.PolicyRecord;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.HttpProblem;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * The A1 state in the grid ({@value #POLICIES}, {@value #TYPES}; values are the JSON of
 * {@link PolicyRecord} and {@link OperatorType}) mirrored in a {@link FileStore}. Writes go to the
 * file first, then to the grid; a grid failure puts the file back. Grid failures become 503, store
 * failures 507 (the A1-P "insufficient storage" answer).
 */
final class PolicyStore {
    private static final Logger LOG = Logger.getLogger(PolicyStore.class.getName());
    /** Policy instances: {@code <typeId>/<policyId>} to the instance's record. */
    static final String POLICIES = "a1.policies";
    /** Operator-defined policy types: type id to its definition. */
    static final String TYPES = "a1.types";

    private final IgniteCache<String, String> policies;
    private final IgniteCache<String, String> types;
    private final FileStore files;

    PolicyStore(RicGrid grid, FileStore files) {
        this.policies = grid.ignite().getOrCreateCache(config(POLICIES, grid));
        this.types = grid.ignite().getOrCreateCache(config(TYPES, grid));
        this.files = files;
        this.grid = grid;
    }

    private static CacheConfiguration<String, String> config(String name, RicGrid grid) {
        return new CacheConfiguration<String, String>(name)
                .setCacheMode(CacheMode.PARTITIONED)
                .setBackups(grid.settings().backups())
                .setAtomicityMode(CacheAtomicityMode.ATOMIC)
                .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC)
                .setAffinity(new RendezvousAffinityFunction(false, 32))
                .setStatisticsEnabled(false);
    }

    private final RicGrid grid;
    private io.jric.core.internal.grid.CacheMirror<String, String> policyMirror;
    private io.jric.core.internal.grid.CacheMirror<String, String> typeMirror;

    /**
     * After a start, and before A1 serves: the first RIC process of a grid (the only server, and no A1
     * state in the grid) loads its file store into the grid; a process that joins a running grid adopts
     * the grid's A1 state and rewrites its files to match (what was deleted while it was down stays
     * deleted). From then on every change, whichever process served it, is mirrored into this process's
     * files, so any one process restarted alone restores the whole cluster's A1 state.
     *
     * @return how many types and instances were loaded from the files, or -1 if the grid's state was adopted
     */
    int reloadIfGridEmpty() {
        int result;
        if (grid.serverCount() > 1 || policies.size() > 0 || types.size() > 0) {
            adoptGrid();
            result = -1;
        } else {
            int n = 0;
            for (OperatorType t : files.readTypes()) {
                types.putIfAbsent(t.id(), Records.write(t));
                n++;
            }
            for (PolicyRecord r : files.readPolicies()) {
                policies.putIfAbsent(r.key(), Records.write(r));
                n++;
            }
            int loaded = n;
            LOG.info(() -> "A1: " + loaded + " policy types and instances loaded from the durable store");
            result = n;
        }
        startMirrors();
        return result;
    }

    private void adoptGrid() {
        java.util.Set<String> typeIds = new java.util.HashSet<>();
        for (Cache.Entry<String, String> e : types.query(new ScanQuery<String, String>())) {
            OperatorType t = Records.read(e.getValue(), OperatorType.class);
            files.writeType(t);
            typeIds.add(t.id());
        }
        for (OperatorType t : files.readTypes()) if (!typeIds.contains(t.id())) files.deleteType(t.id());
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (PolicyRecord r : allPolicies()) {
            files.writePolicy(r);
            keys.add(r.key());
        }
        for (PolicyRecord r : files.readPolicies()) if (!keys.contains(r.key())) files.deletePolicy(r.typeId(), r.policyId());
        LOG.info(() -> "A1: joined a running grid; the durable store now holds its " + keys.size() + " policy instances and "
                + typeIds.size() + " operator types");
    }

    private void startMirrors() {
        policyMirror = io.jric.core.internal.grid.CacheMirror.start(policies, "a1-policies", new io.jric.core.internal.grid.CacheMirror.Sink<>() {
            @Override
            public void put(String key, String json) {
                files.writePolicy(Records.read(json, PolicyRecord.class));
            }

            @Override
            public void removed(String key) {
                int slash = key.indexOf('/');
                files.deletePolicy(key.substring(0, slash), key.substring(slash + 1));
            }
        });
        typeMirror = io.jric.core.internal.grid.CacheMirror.start(types, "a1-types", new io.jric.core.internal.grid.CacheMirror.Sink<>() {
            @Override
            public void put(String id, String json) {
                files.writeType(Records.read(json, OperatorType.class));
            }

            @Override
            public void removed(String id) {
                files.deleteType(id);
            }
        });
    }

    /** Waits until the files hold every change heard so far (tests, orderly stop). */
    void flush() throws InterruptedException {
        if (policyMirror != null) policyMirror.flush();
        if (typeMirror != null) typeMirror.flush();
    }

    /** Stops mirroring. */
    void close() {
        if (policyMirror != null) policyMirror.close();
        if (typeMirror != null) typeMirror.close();
    }

    Optional<PolicyRecord> policy(String typeId, String policyId) {
        String v = grid(() -> policies.get(PolicyRecord.key(typeId, policyId)));
        return v == null ? Optional.empty() : Optional.of(Records.read(v, PolicyRecord.class));
    }

    /** The instances of one type, by policy id. */
    List<PolicyRecord> policies(String typeId) {
        String prefix = typeId + "/";
        List<PolicyRecord> out = new ArrayList<>();
        grid(() -> {
            for (Cache.Entry<String, String> e : policies.query(new ScanQuery<String, String>())) {
                if (e.getKey().startsWith(prefix)) out.add(Records.read(e.getValue(), PolicyRecord.class));
            }
            return null;
        });
        out.sort(Comparator.comparing(PolicyRecord::policyId));
        return out;
    }

    /** Number of instances per policy type, from the keys alone ({@code typeId/policyId}); for metrics. */
    java.util.Map<String, Long> instanceCounts() {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        grid(() -> {
            for (String k : policies.query(new ScanQuery<String, String>(),
                    (org.apache.ignite.lang.IgniteClosure<Cache.Entry<String, String>, String>) Cache.Entry::getKey)) {
                int slash = k.lastIndexOf('/');
                if (slash > 0) out.merge(k.substring(0, slash), 1L, Long::sum);
            }
            return null;
        });
        return out;
    }

    /** Every instance, of every type (also of types no one provides right now). */
    List<PolicyRecord> allPolicies() {
        List<PolicyRecord> out = new ArrayList<>();
        grid(() -> {
            for (Cache.Entry<String, String> e : policies.query(new ScanQuery<String, String>())) {
                out.add(Records.read(e.getValue(), PolicyRecord.class));
            }
            return null;
        });
        out.sort(Comparator.comparing(PolicyRecord::key));
        return out;
    }

    void put(PolicyRecord r) {
        String before = storage(() -> files.readPolicyText(r.typeId(), r.policyId()).orElse(null));
        storage(() -> {
            files.writePolicy(r);
            return null;
        });
        try {
            grid(() -> {
                policies.put(r.key(), Records.write(r));
                return null;
            });
        } catch (RuntimeException e) {
            files.restorePolicy(r.typeId(), r.policyId(), before);
            throw e;
        }
    }

    void remove(PolicyRecord r) {
        storage(() -> {
            files.deletePolicy(r.typeId(), r.policyId());
            return null;
        });
        try {
            grid(() -> policies.remove(r.key()));
        } catch (RuntimeException e) {
            files.writePolicy(r);
            throw e;
        }
    }

    Optional<OperatorType> type(String id) {
        String v = grid(() -> types.get(id));
        return v == null ? Optional.empty() : Optional.of(Records.read(v, OperatorType.class));
    }

    List<OperatorType> types() {
        List<OperatorType> out = new ArrayList<>();
        grid(() -> {
            for (Cache.Entry<String, String> e : types.query(new ScanQuery<String, String>())) {
                out.add(Records.read(e.getValue(), OperatorType.class));
            }
            return null;
        });
        out.sort(Comparator.comparing(OperatorType::id));
        return out;
    }

    void putType(OperatorType t) {
        storage(() -> {
            files.writeType(t);
            return null;
        });
        try {
            grid(() -> {
                types.put(t.id(), Records.write(t));
                return null;
            });
        } catch (RuntimeException e) {
            files.deleteType(t.id());
            throw e;
        }
    }

    void removeType(OperatorType t) {
        storage(() -> {
            files.deleteType(t.id());
            return null;
        });
        try {
            grid(() -> types.remove(t.id()));
        } catch (RuntimeException e) {
            files.writeType(t);
            throw e;
        }
    }

    private static <T> T grid(Supplier<T> op) {
        try {
            return op.get();
        } catch (IgniteException | javax.cache.CacheException | IllegalStateException e) {
            throw HttpProblem.serviceUnavailable("the grid cannot serve A1 state right now: " + e.getMessage())
                    .withHeader("Retry-After", "1").withCause(e);
        }
    }

    private static <T> T storage(Supplier<T> op) {
        try {
            return op.get();
        } catch (UncheckedIOException e) {
            throw HttpProblem.of(507, "Insufficient Storage", e.getMessage()).withCause(e);
        }
    }
}
