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

    /**
     * Loads the file store into the grid when the grid holds no A1 state at all (a fresh grid after
     * a restart). A grid that has A1 state is the truth: another node kept it alive.
     *
     * @return how many types and instances were loaded, or -1 if the grid had state already
     */
    int reloadIfGridEmpty() {
        if (policies.size() > 0 || types.size() > 0) return -1;
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
        return n;
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
