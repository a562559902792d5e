package io.jric.core.internal.xapp;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.E2Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Outcomes of two-cell experience rows (docs/ml-lifecycle.md, "Two-cell outcomes"): a row that names a second
 * ("peer") cell, e.g. the cell load was moved to, gets the declared KPIs of both cells over the same horizon
 * ({@code x} and {@code peer.x}). The row sits with its own cell's series; the peer's series may sit in another
 * partition (another E2 node), on this grid node (a local scan of that partition) or on another one (a scan of that
 * partition run where it lives, filtered there to the peer cells and the window: only their samples cross). Each closed
 * row counts where its peer was read ({@link ExperienceStore.Stats#peerReadsLocal}, {@code peerReadsRemote}). A peer on
 * the same E2 node shares the row's partition and is read with the row's own cell, in the same scan.
 *
 * <p>Status: {@code OK} once both cells reported past the horizon; otherwise, after the grace, {@code PARTIAL} when
 * either cell has samples in the window (a cell without any has NaN values, left out of the export) and {@code NO_DATA}
 * when neither has.
 */
final class PairOutcomes {
    /** Longest wait, in ms, for a remote read of the outcome task (a peer partition's scan, a peer cell's latest record). */
    static final long REMOTE_TIMEOUT_MS = 2_000;
    private final RicGrid grid;
    private final IgniteCache<ExperienceKey, ExperienceRow> rows;
    private final IgniteCache<CellSampleKey, CellKpi> series;
    private final IgniteCache<CellKey, CellKpi> cellLatest;
    private final Function<String, ExperienceStore.Stats> stats;
    /** Scans of peer partitions (other than the rows' own) this process started. */
    final java.util.concurrent.atomic.LongAdder peerPartitionScans = new java.util.concurrent.atomic.LongAdder();

    PairOutcomes(RicGrid grid, IgniteCache<ExperienceKey, ExperienceRow> rows, IgniteCache<CellSampleKey, CellKpi> series,
                 IgniteCache<CellKey, CellKpi> cellLatest, Function<String, ExperienceStore.Stats> stats) {
        this.grid = grid;
        this.rows = rows;
        this.series = series;
        this.cellLatest = cellLatest;
        this.stats = stats;
    }

    /** The outcome names of a two-cell row: the declared KPIs, then the same prefixed {@code peer.}. */
    static String[] outcomeNames(List<String> declared) {
        String[] out = new String[2 * declared.size()];
        for (int i = 0; i < declared.size(); i++) {
            out[i] = declared.get(i);
            out[declared.size() + i] = ExperienceRow.PEER_PREFIX + declared.get(i);
        }
        return out;
    }

    /** Refuses a bad peer, naming it; nothing is kept. */
    static void validatePeer(XappDescriptor d, String nodeId, String cellId, String peerNodeId, String peerCellId) {
        ExperienceSpec spec = d.experience().orElseThrow(() -> new IllegalStateException(
                "experience: xApp " + d.name() + " declares no experience section in its descriptor"));
        if (spec.scope() != ExperienceSpec.Scope.CELL) {
            throw new IllegalArgumentException("peerCellId: " + peerCellId + " (expected: none; two-cell rows need the "
                    + "experience scope cell, the descriptor's is " + spec.scope().jsonName() + ")");
        }
        if (peerNodeId == null || peerNodeId.isEmpty()) {
            throw new IllegalArgumentException("peerNodeId: " + peerNodeId + " (expected: the E2 node id of the peer cell)");
        }
        try {
            E2Ids.parseCellId(Objects.requireNonNull(peerCellId, "peerCellId"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("peerCellId: " + peerCellId + " (expected: <6 hex digits>:<9 hex digits>)");
        }
        if (peerNodeId.equals(nodeId) && peerCellId.equals(cellId)) {
            throw new IllegalArgumentException("peerCellId: " + peerCellId + " (expected: another cell than the row's own)");
        }
    }

    private int partition(String nodeId) {
        return grid.ignite().affinity(KpmCaches.CELL_SERIES).partition(new CellSampleKey(nodeId, "", 0));
    }

    /** Whether the row is a two-cell row whose peer's series shares partition {@code p} (read with the row's own). */
    boolean peerInPartition(ExperienceRow row, int p) {
        return row.peerCellId() != null && (row.peerNodeId().equals(row.nodeId()) || partition(row.peerNodeId()) == p);
    }

    /** Whether the peer cell's latest record is at or past {@code end} (one read per peer cell and round). */
    boolean peerReportedPast(ExperienceRow row, long end, Map<CellKey, Long> memo) {
        CellKey k = new CellKey(row.peerNodeId(), row.peerCellId());
        Long ts = memo.computeIfAbsent(k, x -> {
            try {  // maybe on another grid node: bounded, a slow one must not hold the outcome task
                CellKpi c = cellLatest.getAsync(x).get(REMOTE_TIMEOUT_MS);
                return c == null ? Long.MIN_VALUE : c.timestampMs();
            } catch (javax.cache.CacheException | org.apache.ignite.IgniteException e) {
                return Long.MIN_VALUE;  // not known to have reported past: the row waits, at most until the grace
            }
        });
        return ts >= end;
    }

    /**
     * Reads into {@code samples} (keyed {@code node|cell}) the series of the peer cells of the two-cell rows due this
     * round ({@code due}, by the rows' partition) that live outside their row's partition: one scan per such partition
     * and round, over the window of all the rows whose peers it holds.
     *
     * @return the partitions that could not be read (e.g. their grid node left mid-scan): their rows wait for the next round
     */
    Set<Integer> readPeersElsewhere(Map<Integer, List<Map.Entry<ExperienceKey, ExperienceRow>>> due, Map<String, List<CellKpi>> samples) {
        Map<Integer, Set<String>> cellsByPartition = new HashMap<>();
        Map<Integer, long[]> window = new HashMap<>();
        for (Map.Entry<Integer, List<Map.Entry<ExperienceKey, ExperienceRow>>> byP : due.entrySet()) {
            for (Map.Entry<ExperienceKey, ExperienceRow> d : byP.getValue()) {
                ExperienceRow r = d.getValue();
                if (r.peerCellId() == null || peerInPartition(r, byP.getKey())) continue;
                int q = partition(r.peerNodeId());
                cellsByPartition.computeIfAbsent(q, x -> new HashSet<>()).add(r.peerNodeId() + "|" + r.peerCellId());
                long[] w = window.computeIfAbsent(q, x -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                w[0] = Math.min(w[0], r.timeMs());
                w[1] = Math.max(w[1], r.timeMs() + r.horizonMs());
            }
        }
        Affinity<CellSampleKey> aff = grid.ignite().affinity(KpmCaches.CELL_SERIES);
        Set<Integer> failed = new HashSet<>();
        for (Map.Entry<Integer, Set<String>> e : cellsByPartition.entrySet()) {
            int q = e.getKey();
            long[] w = window.get(q);
            PeerWindow filter = new PeerWindow(new HashSet<>(e.getValue()), w[0], w[1]);
            org.apache.ignite.cluster.ClusterNode owner = aff.mapPartitionToNode(q);
            Map<String, List<CellKpi>> read;
            peerPartitionScans.increment();
            try {
                if (owner == null) throw new org.apache.ignite.IgniteException("partition " + q + " has no owner");
                if (owner.isLocal()) {
                    read = new ScanPeer(q, filter).scan(series);
                } else {  // run on the owner, bounded in time: a slow or hung grid node must not hold the outcome task
                    read = grid.ignite().compute(grid.ignite().cluster().forNode(owner)).withTimeout(REMOTE_TIMEOUT_MS)
                            .call(new ScanPeer(q, filter));
                }
            } catch (javax.cache.CacheException | org.apache.ignite.IgniteException ex) {
                failed.add(q);
                continue;
            }
            read.forEach((k, v) -> samples.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        return failed;
    }

    /** A local scan of one partition of the cell series through {@link PeerWindow}, run on the partition's owner. */
    static final class ScanPeer implements org.apache.ignite.lang.IgniteCallable<Map<String, List<CellKpi>>> {
        private static final long serialVersionUID = 1L;
        private final int partition;
        private final PeerWindow filter;
        @org.apache.ignite.resources.IgniteInstanceResource
        private transient org.apache.ignite.Ignite ignite;

        ScanPeer(int partition, PeerWindow filter) {
            this.partition = partition;
            this.filter = filter;
        }

        @Override
        public Map<String, List<CellKpi>> call() {
            return scan(ignite.cache(KpmCaches.CELL_SERIES));
        }

        Map<String, List<CellKpi>> scan(IgniteCache<CellSampleKey, CellKpi> series) {
            Map<String, List<CellKpi>> read = new HashMap<>();
            for (Cache.Entry<CellSampleKey, CellKpi> s : series.query(new ScanQuery<CellSampleKey, CellKpi>(filter)
                    .setPartition(partition).setLocal(true))) {
                read.computeIfAbsent(s.getKey().nodeId() + "|" + s.getKey().cellId(), x -> new ArrayList<>()).add(s.getValue());
            }
            return read;
        }
    }

    /** Whether the two-cell row's peer lives in one of the {@code unread} partitions. */
    boolean peerUnread(ExperienceRow row, Set<Integer> unread) {
        return !unread.isEmpty() && unread.contains(partition(row.peerNodeId()));
    }

    /**
     * Attaches the outcome of the two-cell row {@code key} from {@code samples}, counts where its peer was read, and
     * returns its status.
     *
     * @param complete whether both cells reported past the horizon
     * @param samples the series of partition {@code p}, by {@code node|cell}
     * @param peerSamples the peer cells' series read from other partitions this round ({@link #readPeersElsewhere})
     */
    String attach(ExperienceKey key, ExperienceRow row, boolean complete, Map<String, List<CellKpi>> samples,
                  Map<String, List<CellKpi>> peerSamples, int p, long nowMs) {
        long start = row.timeMs();
        long end = start + row.horizonMs();
        List<CellKpi> own = window(samples.get(row.nodeId() + "|" + row.cellId()), start, end);
        List<CellKpi> peer = window((peerInPartition(row, p) ? samples : peerSamples).get(row.peerNodeId() + "|" + row.peerCellId()),
                start, end);
        String[] names = row.outcomeNames();
        String[] declared = Arrays.copyOf(names, names.length / 2);
        double[] values = new double[names.length];
        Arrays.fill(values, Double.NaN);
        if (!own.isEmpty()) System.arraycopy(ExperienceStore.outcome(declared, own), 0, values, 0, declared.length);
        if (!peer.isEmpty()) System.arraycopy(ExperienceStore.outcome(declared, peer), 0, values, declared.length, declared.length);
        String status = own.isEmpty() && peer.isEmpty() ? ExperienceRow.NO_DATA
                : complete && !own.isEmpty() && !peer.isEmpty() ? ExperienceRow.OK : ExperienceRow.PARTIAL;
        rows.invoke(key, new AttachPairOutcome(status, own.isEmpty() && peer.isEmpty() ? null : values, own.size(), peer.size(), nowMs));
        boolean remote = !peerInPartition(row, p) && !isLocal(partition(row.peerNodeId()));
        (remote ? stats.apply(row.xapp()).peerReadsRemote : stats.apply(row.xapp()).peerReadsLocal).increment();
        return status;
    }

    private boolean isLocal(int partition) {
        org.apache.ignite.cluster.ClusterNode n = grid.ignite().affinity(KpmCaches.CELL_SERIES).mapPartitionToNode(partition);
        return n != null && n.isLocal();
    }

    private static List<CellKpi> window(List<CellKpi> all, long start, long end) {
        List<CellKpi> in = new ArrayList<>();
        if (all == null) return in;
        for (CellKpi s : all) if (s.timestampMs() > start && s.timestampMs() <= end) in.add(s);
        return in;
    }

    /** Scan filter run where the peer's partition lives: only the peer cells' samples in the window leave it. */
    static final class PeerWindow implements IgniteBiPredicate<CellSampleKey, CellKpi> {
        private static final long serialVersionUID = 1L;
        private final HashSet<String> cells;
        private final long fromExclusive;
        private final long toInclusive;

        PeerWindow(HashSet<String> cells, long fromExclusive, long toInclusive) {
            this.cells = cells;
            this.fromExclusive = fromExclusive;
            this.toInclusive = toInclusive;
        }

        @Override
        public boolean apply(CellSampleKey k, CellKpi v) {
            return k.timestampMs() > fromExclusive && k.timestampMs() <= toInclusive && cells.contains(k.nodeId() + "|" + k.cellId());
        }
    }

    /** Attaches a two-cell outcome to the row as it is in the cache (keeping a label set meanwhile). */
    static final class AttachPairOutcome implements org.apache.ignite.cache.CacheEntryProcessor<ExperienceKey, ExperienceRow, Void> {
        private static final long serialVersionUID = 1L;
        private final String status;
        private final double[] values;
        private final int samples;
        private final int peerSamples;
        private final long atMs;

        AttachPairOutcome(String status, double[] values, int samples, int peerSamples, long atMs) {
            this.status = status;
            this.values = values;
            this.samples = samples;
            this.peerSamples = peerSamples;
            this.atMs = atMs;
        }

        @Override
        public Void process(javax.cache.processor.MutableEntry<ExperienceKey, ExperienceRow> e, Object... args) {
            if (e.exists()) e.setValue(e.getValue().withPairOutcome(status, values, samples, peerSamples, atMs));
            return null;
        }
    }
}
