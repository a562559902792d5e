package io.jric.core.internal.xapp;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.E2Ids;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * xApps' experience in the grid (docs/ml-lifecycle.md): records one row per decision in
 * {@code ric.ml.experience}, co-located with the cell's KPM series (affinity by E2 node), bounded per xApp
 * ({@code experience.maxRows}, over the retention) and in time (expiry); and, off the KPM path, attaches
 * each row's outcome once its horizon has passed: every {@code periodMs} each RIC process scans the pending
 * rows of the partitions it is primary for and reads the declared KPIs from the series in the same partition.
 *
 * <p>A row's outcome is attached when the cell has reported past the horizon (status {@code OK}), or, when
 * the cell stops reporting, {@link #GRACE_MS} after the horizon on the RIC's clock: {@code PARTIAL} with the
 * samples there were, {@code NO_DATA} without any. Nothing stays pending longer than that.
 */
public final class ExperienceStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExperienceStore.class.getName());
    /** How long after the horizon (RIC clock) a row whose cell stopped reporting waits before it is closed. */
    public static final long GRACE_MS = 30_000;
    /** Most pending rows one round handles per partition (the rest wait for the next round). */
    static final int MAX_PER_PARTITION_ROUND = 20_000;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
    private static final AtomicLong SEQ = new AtomicLong(new java.util.Random().nextInt(1 << 16));

    private final RicGrid grid;
    private final IgniteCache<ExperienceKey, ExperienceRow> rows;
    private final IgniteCache<ExperienceKey, Long> pending;
    private final IgniteCache<CellSampleKey, CellKpi> series;
    private final IgniteCache<CellKey, CellKpi> cellLatest;
    private final long retentionMs;
    private final Map<String, SlidingCount> budgets = new ConcurrentHashMap<>();
    private final Map<String, Stats> stats = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Set<String> warnedHorizon = ConcurrentHashMap.newKeySet();
    /** Outcomes of two-cell rows (docs/ml-lifecycle.md, "Two-cell outcomes"). */
    private final PairOutcomes pairs;
    /** The outcome task's period (0 when tests drive it): a two-cell row whose peer stays unreadable waits one round past its grace. */
    private final long periodMs;

    /**
     * @param periodMs how often the outcome task runs on this process; 0: never on its own (tests call
     *     {@link #attach(long)})
     */
    public ExperienceStore(RicGrid grid, long periodMs) {
        this.grid = Objects.requireNonNull(grid, "grid");
        this.rows = grid.cache(PlatformCaches.EXPERIENCE);
        this.pending = grid.cache(PlatformCaches.EXPERIENCE_PENDING);
        this.series = grid.cache(KpmCaches.CELL_SERIES);
        this.cellLatest = grid.cache(KpmCaches.CELL_LATEST);
        // The caches' own retention (with persistence the one on disk may differ from the setting); bounded for the count.
        this.retentionMs = Math.min(grid.experienceRetentionMs(), TimeUnit.DAYS.toMillis(365 * 100));
        if (grid.settings().mlPersistence()) { // rows from before a restart count against maxRows until they expire
            ExperienceSeed.recordedTimes(grid.ignite(), System.currentTimeMillis() - retentionMs).forEach((xapp, times) -> {
                SlidingCount count = budgets.computeIfAbsent(xapp, k -> new SlidingCount(retentionMs));
                for (long t : times) count.tryAdd(t, Long.MAX_VALUE);
            });
        }

        this.pairs = new PairOutcomes(grid, rows, series, cellLatest, this::stats);
        this.periodMs = Math.max(0, periodMs);
        if (periodMs > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ric-experience-outcomes");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleWithFixedDelay(this::safeAttach, periodMs, periodMs, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Counters of one xApp's experience on this RIC process. */
    public static final class Stats {
        /** Rows recorded. */
        public final LongAdder recorded = new LongAdder();
        /** Records dropped because the xApp's {@code maxRows} was reached. */
        public final LongAdder dropped = new LongAdder();
        /** Rows an operator labelled. */
        public final LongAdder labelled = new LongAdder();
        /** {@code ue}-scope rows whose UE could not be watched ({@link UeOutcomes#MAX_WATCHED_UES}, or a grid error). */
        public final LongAdder ueWatchRefused = new LongAdder();
        /** Outcomes attached by this process, by status ({@code OK}, {@code PARTIAL}, {@code NO_DATA}). */
        public final Map<String, LongAdder> attached = new ConcurrentHashMap<>();
        /** Two-cell rows closed whose peer cell's series this grid node read itself (its own partitions). */
        public final LongAdder peerReadsLocal = new LongAdder();
        /** Two-cell rows closed whose peer cell's series was read from another grid node (a remote partition scan). */
        public final LongAdder peerReadsRemote = new LongAdder();

        /** A plain map of the counters. */
        public Map<String, Long> view() {
            Map<String, Long> m = new TreeMap<>();
            m.put("recorded", recorded.sum());
            m.put("dropped", dropped.sum());
            m.put("labelled", labelled.sum());
            long refused = ueWatchRefused.sum();
            if (refused > 0) m.put("ueWatchRefused", refused);

            if (peerReadsLocal.sum() + peerReadsRemote.sum() > 0) {
                m.put("peerReads.local", peerReadsLocal.sum());
                m.put("peerReads.remote", peerReadsRemote.sum());
            }
            attached.forEach((k, v) -> m.put("outcome." + k, v.sum()));
            return m;
        }
    }

    /** This process's counters of an xApp's experience (all zero when it recorded nothing here). */
    public Stats stats(String xapp) {
        return stats.computeIfAbsent(xapp, k -> new Stats());
    }

    /** The recorder an xApp instance gets ({@link io.jric.api.xapp.XappContext#experience()}). */
    ExperienceRecorder recorder(XappDescriptor d, Map<String, LongAdder> metrics) {
        if (d.experience().isEmpty()) return ExperienceRecorder.DISABLED;
        return new ExperienceRecorder() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public long record(long decisionTimeMs, String nodeId, String cellId, long ueId, Map<String, Double> features,
                               Map<String, Double> action) {
                long id = ExperienceStore.this.record(d, decisionTimeMs, nodeId, cellId, ueId, features, action,
                        System.currentTimeMillis());
                metrics.computeIfAbsent(id == NOT_RECORDED ? "experience.dropped" : "experience.recorded",
                        k -> new LongAdder()).increment();
                return id;
            }

            @Override
            public long record(long decisionTimeMs, String nodeId, String cellId, String peerNodeId, String peerCellId,
                               Map<String, Double> features, Map<String, Double> action) {
                long id = ExperienceStore.this.recordPair(d, decisionTimeMs, nodeId, cellId, peerNodeId, peerCellId,
                        features, action, System.currentTimeMillis());
                metrics.computeIfAbsent(id == NOT_RECORDED ? "experience.dropped" : "experience.recorded",
                        k -> new LongAdder()).increment();
                return id;
            }

            @Override
            public long record(String nodeId, String cellId, long ueId, Map<String, Double> features, Map<String, Double> action) {
                CellKpi latest = nodeId == null || cellId == null ? null : cellLatest.get(new CellKey(nodeId, cellId));
                return record(latest != null ? latest.timestampMs() : System.currentTimeMillis(), nodeId, cellId, ueId,
                        features, action);
            }
        };
    }

    /**
     * Records one decision of the xApp {@code d} (which must declare {@code experience}).
     *
     * @param nowMs the RIC's clock now
     * @return the row id, or {@link ExperienceRecorder#NOT_RECORDED} when the xApp's row bound is reached
     * @throws IllegalArgumentException naming a bad argument
     */
    public long record(XappDescriptor d, long decisionTimeMs, String nodeId, String cellId, long ueId,
                       Map<String, Double> features, Map<String, Double> action, long nowMs) {
        return record(d, decisionTimeMs, nodeId, cellId, ueId, null, null, features, action, nowMs);
    }

    /**
     * Records one decision of the xApp {@code d} about two cells ({@link ExperienceRecorder#record(long, String,
     * String, String, String, Map, Map)}): a cell-scope row whose outcome also holds the peer cell's KPIs.
     *
     * @return the row id, or {@link ExperienceRecorder#NOT_RECORDED} when the xApp's row bound is reached
     * @throws IllegalArgumentException naming a bad argument (also a peer equal to the cell, or a {@code ue} scope)
     */
    public long recordPair(XappDescriptor d, long decisionTimeMs, String nodeId, String cellId, String peerNodeId,
                           String peerCellId, Map<String, Double> features, Map<String, Double> action, long nowMs) {
        PairOutcomes.validatePeer(d, nodeId, cellId, peerNodeId, peerCellId);
        return record(d, decisionTimeMs, nodeId, cellId, 0, peerNodeId, peerCellId, features, action, nowMs);
    }

    private long record(XappDescriptor d, long decisionTimeMs, String nodeId, String cellId, long ueId, String peerNodeId,
                        String peerCellId, Map<String, Double> features, Map<String, Double> action, long nowMs) {
        ExperienceSpec spec = d.experience().orElseThrow(() -> new IllegalStateException(
                "experience: xApp " + d.name() + " declares no experience section in its descriptor"));
        if (nodeId == null || nodeId.isEmpty()) throw new IllegalArgumentException("nodeId: " + nodeId + " (expected: an E2 node id)");
        try {
            E2Ids.parseCellId(Objects.requireNonNull(cellId, "cellId"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cellId: " + cellId + " (expected: <6 hex digits>:<9 hex digits>)");
        }
        if (ueId < 0) throw new IllegalArgumentException("ueId: " + ueId + " (expected: >= 0; 0 for a cell decision)");
        if (spec.scope() == ExperienceSpec.Scope.UE && ueId == 0) {
            throw new IllegalArgumentException("ueId: 0 (expected: the UE's id; the descriptor's experience scope is ue)");
        }
        if (decisionTimeMs <= 0) throw new IllegalArgumentException("decisionTimeMs: " + decisionTimeMs + " (expected: Unix epoch ms)");
        String[] fn = new String[Objects.requireNonNull(features, "features").size()];
        double[] fv = new double[fn.length];
        flatten("features", features, fn, fv);
        String[] an = new String[Objects.requireNonNull(action, "action").size()];
        double[] av = new double[an.length];
        flatten("action", action, an, av);
        if (spec.horizonMs() >= grid.settings().seriesExpiry().toMillis() && warnedHorizon.add(d.name())) {
            LOG.warning("xApp " + d.name() + ": experience horizon " + spec.horizonMs() + " ms is not shorter than the KPM "
                    + "series expiry (" + grid.settings().seriesExpiry() + "): outcomes will lack data (raise grid.seriesExpirySeconds)");
        }
        Stats st = stats(d.name());
        if (!budgets.computeIfAbsent(d.name(), k -> new SlidingCount(retentionMs)).tryAdd(nowMs, spec.maxRows())) {
            st.dropped.increment();
            return ExperienceRecorder.NOT_RECORDED;
        }
        long id = (nowMs << 20) | (SEQ.incrementAndGet() & 0xFFFFF);
        ExperienceKey key = new ExperienceKey(nodeId, d.name(), id);
        ExperienceRow row = new ExperienceRow(d.name(), nodeId, cellId, ueId, decisionTimeMs, nowMs, spec.horizonMs(), fn, fv,
                an, av, peerCellId == null ? spec.outcome().toArray(new String[0]) : PairOutcomes.outcomeNames(spec.outcome()));
        rows.put(key, peerCellId == null ? row : row.withPeer(peerNodeId, peerCellId));
        pending.put(key, nowMs + spec.horizonMs() + GRACE_MS);
        if (spec.scope() == ExperienceSpec.Scope.UE && UeOutcomes.namesUe(spec.outcome())) {
            // The UE's own outcome: its reports are kept from now until this row closes (section 14).
            try {
                if (!ueOutcomes().watch(nodeId, ueId, nowMs + spec.horizonMs() + GRACE_MS, nowMs)) st.ueWatchRefused.increment();
            } catch (RuntimeException e) {  // the row is kept; without its UE's reports it closes NO_DATA
                st.ueWatchRefused.increment();
                LOG.log(Level.FINE, "experience: UE " + ueId + " not watched", e);
            }
        }
        st.recorded.increment();
        return id;
    }

    private static void flatten(String what, Map<String, Double> values, String[] names, double[] out) {
        if (values.size() > ExperienceRecorder.MAX_VALUES) {
            throw new IllegalArgumentException(what + ": " + values.size() + " values (expected: at most "
                    + ExperienceRecorder.MAX_VALUES + ")");
        }
        int i = 0;
        for (Map.Entry<String, Double> e : new TreeMap<>(values).entrySet()) {
            if (!NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException(what + ": name \"" + e.getKey() + "\" (expected: " + NAME.pattern() + ")");
            }
            Double v = e.getValue();
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException(what + "." + e.getKey() + ": " + v + " (expected: a finite number)");
            }
            names[i] = e.getKey();
            out[i++] = v;
        }
    }

    private final LongAdder failedRounds = new LongAdder();

    /** Rounds of the outcome task on this process that ended on an exception (logged at WARNING; the task goes on). */
    public long failedRounds() {
        return failedRounds.sum();
    }

    private void safeAttach() {
        try {
            attach(System.currentTimeMillis());
        } catch (Throwable e) {  // an exception leaving this method would end the scheduled task for good
            failedRounds.increment();
            LOG.log(Level.WARNING, "experience outcomes skipped a round", e);
        }
    }

    /**
     * One round of the outcome task over the pending rows of the partitions this process is primary for.
     *
     * @param nowMs the RIC's clock now (rows whose cell stopped reporting close {@link #GRACE_MS} after their horizon)
     * @return the number of rows whose outcome was attached
     */
    public int attach(long nowMs) {
        Affinity<ExperienceKey> aff = grid.ignite().affinity(PlatformCaches.EXPERIENCE_PENDING);
        // First the due rows of every partition; then each partition holding peers of two-cell rows is read once for
        // all of them; then each partition's rows are closed.
        Map<Integer, Due> dues = new java.util.LinkedHashMap<>();
        Map<CellKey, Long> peerLatest = new HashMap<>();  // two-cell rows: each peer cell's latest record, read once a round
        for (int p : aff.primaryPartitions(grid.ignite().cluster().localNode())) {
            try {
                Due d = due(p, nowMs, peerLatest);
                if (!d.rows.isEmpty()) dues.put(p, d);
            } catch (javax.cache.CacheException | org.apache.ignite.IgniteException e) {
                LOG.log(Level.FINE, "experience outcomes: partition " + p + " skipped this round", e);
            } catch (RuntimeException e) {  // not a grid error: the other partitions go on
                LOG.log(Level.WARNING, "experience outcomes: partition " + p + " skipped this round", e);
            }
        }
        Map<Integer, List<Map.Entry<ExperienceKey, ExperienceRow>>> duePairs = new HashMap<>();
        dues.forEach((p, d) -> duePairs.put(p, d.rows));
        // Two-cell rows whose peer cell's series lives in another partition: read there, locally or on its grid node.
        Map<String, List<CellKpi>> peerSamples = new HashMap<>();
        Set<Integer> unread = pairs.readPeersElsewhere(duePairs, peerSamples);
        int done = 0;
        for (Map.Entry<Integer, Due> e : dues.entrySet()) {
            int p = e.getKey();
            try {
                done += attachPartition(p, e.getValue(), peerSamples, unread, nowMs);
            } catch (javax.cache.CacheException | org.apache.ignite.IgniteException ex) {
                LOG.log(Level.FINE, "experience outcomes: partition " + p + " skipped this round", ex);
            } catch (RuntimeException ex) {  // not a grid error: the other partitions go on
                LOG.log(Level.WARNING, "experience outcomes: partition " + p + " skipped this round", ex);
            }
        }
        return done;
    }

    /** The rows of one partition whose outcome is due this round. */
    private static final class Due {
        final List<Map.Entry<ExperienceKey, ExperienceRow>> rows = new ArrayList<>();
        final List<Boolean> complete = new ArrayList<>();
        final List<Long> deadlines = new ArrayList<>();
    }

    private Due due(int p, long nowMs, Map<CellKey, Long> peerLatest) {
        Due out = new Due();
        List<Map.Entry<ExperienceKey, ExperienceRow>> due = out.rows;
        List<Boolean> complete = out.complete;
        List<Long> deadlines = out.deadlines;
        int seen = 0;
        for (Cache.Entry<ExperienceKey, Long> e : pending.query(new ScanQuery<ExperienceKey, Long>().setPartition(p).setLocal(true))) {
            if (++seen > MAX_PER_PARTITION_ROUND) break;
            ExperienceRow row = rows.get(e.getKey());
            if (row == null) { // expired or evicted: nothing left to attach to
                pending.remove(e.getKey());
                continue;
            }
            long end = row.timeMs() + row.horizonMs();
            CellKpi latest = cellLatest.get(new CellKey(row.nodeId(), row.cellId()));
            boolean full = latest != null && latest.timestampMs() >= end;
            if (full && row.peerCellId() != null) full = pairs.peerReportedPast(row, end, peerLatest);
            if (!full && nowMs < e.getValue()) continue;
            due.add(Map.entry(e.getKey(), row));
            complete.add(full);
            deadlines.add(e.getValue());
        }
        return out;
    }

    private int attachPartition(int p, Due d0, Map<String, List<CellKpi>> peerSamples, Set<Integer> unread, long nowMs) {
        List<Map.Entry<ExperienceKey, ExperienceRow>> due = d0.rows;
        List<Boolean> complete = d0.complete;
        List<Long> deadlines = d0.deadlines;
        // The cells' samples in this partition, once for every due row (series entries share the row's partition).
        Map<String, List<CellKpi>> samples = new HashMap<>();
        Set<String> cells = new HashSet<>();
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (Map.Entry<ExperienceKey, ExperienceRow> d : due) {
            cells.add(d.getValue().nodeId() + "|" + d.getValue().cellId());
            if (pairs.peerInPartition(d.getValue(), p)) cells.add(d.getValue().peerNodeId() + "|" + d.getValue().peerCellId());
            from = Math.min(from, d.getValue().timeMs());
            to = Math.max(to, d.getValue().timeMs() + d.getValue().horizonMs());
        }
        for (Cache.Entry<CellSampleKey, CellKpi> e : series.query(new ScanQuery<CellSampleKey, CellKpi>().setPartition(p).setLocal(true))) {
            CellSampleKey k = e.getKey();
            if (k.timestampMs() <= from || k.timestampMs() > to) continue;
            String cell = k.nodeId() + "|" + k.cellId();
            if (cells.contains(cell)) samples.computeIfAbsent(cell, x -> new ArrayList<>()).add(e.getValue());
        }
        // The watched UEs' reports in this partition (section 14), for rows whose outcome names UE figures.
        Set<String> nodeUes = new HashSet<>();
        for (Map.Entry<ExperienceKey, ExperienceRow> d : due) {
            ExperienceRow r = d.getValue();
            if (r.ueId() != 0 && UeOutcomes.namesUe(r.outcomeNames())) nodeUes.add(r.nodeId() + "|" + r.ueId());
        }
        Map<String, List<io.jric.api.kpm.UeKpi>> ueSamples = nodeUes.isEmpty() ? Map.of()
                : ueOutcomes().localSamples(p, nodeUes, from, to);

        int done = 0;
        for (int i = 0; i < due.size(); i++) {
            ExperienceKey key = due.get(i).getKey();
            ExperienceRow row = due.get(i).getValue();
            try {
                // A peer that stays unreadable (its grid node does not answer) holds the row one round past its grace at most.
                boolean peerWait = nowMs < deadlines.get(i) + periodMs;
                done += attachRow(key, row, complete.get(i), samples, peerSamples, ueSamples, peerWait ? unread : Set.of(), p,
                        nowMs);
            } catch (javax.cache.CacheException | org.apache.ignite.IgniteException e) {
                throw e;  // a grid error: the partition's rows wait for the next round
            } catch (RuntimeException e) {  // this row's outcome cannot be computed (e.g. an unknown outcome name)
                LOG.log(Level.WARNING, "experience outcomes: row " + key.id() + " of xApp " + row.xapp() + " closed as "
                        + ExperienceRow.ERROR, e);
                rows.invoke(key, new AttachOutcome(ExperienceRow.ERROR, null, 0, nowMs));
                pending.remove(key);
                if (row.ueId() != 0) releaseUe(row);
                stats(row.xapp()).attached.computeIfAbsent(ExperienceRow.ERROR, x -> new LongAdder()).increment();
                done++;
            }
        }
        return done;
    }

    private void releaseUe(ExperienceRow row) {
        try {
            ueOutcomes().release(row.nodeId(), row.ueId(), row.recordedAtMs() + row.horizonMs() + GRACE_MS);
        } catch (RuntimeException e) {  // the watch expires on its own
            LOG.log(Level.FINE, "experience: UE " + row.ueId() + " not released", e);
        }
    }

    /** Attaches one due row's outcome; 1 when done, 0 when it waits for the next round. */
    private int attachRow(ExperienceKey key, ExperienceRow row, boolean full, Map<String, List<CellKpi>> samples,
                          Map<String, List<CellKpi>> peerSamples, Map<String, List<io.jric.api.kpm.UeKpi>> ueSamples,
                          Set<Integer> unread, int p, long nowMs) {
        if (row.peerCellId() != null) {
            if (pairs.peerUnread(row, unread)) return 0;  // its peer's grid node did not answer: next round
            String status = pairs.attach(key, row, full, samples, peerSamples, p, nowMs);
            pending.remove(key);
            stats(row.xapp()).attached.computeIfAbsent(status, x -> new LongAdder()).increment();
            return 1;
        }
        long start = row.timeMs();
        long end = start + row.horizonMs();
        List<CellKpi> in = new ArrayList<>();
        for (CellKpi s : samples.getOrDefault(row.nodeId() + "|" + row.cellId(), List.of())) {
            if (s.timestampMs() > start && s.timestampMs() <= end) in.add(s);
        }
        String status;
        double[] values;
        int n;
        boolean ueRow = row.ueId() != 0 && UeOutcomes.namesUe(row.outcomeNames());
        if (ueRow) {
            List<io.jric.api.kpm.UeKpi> ue = new ArrayList<>();
            for (io.jric.api.kpm.UeKpi u : ueSamples.getOrDefault(row.nodeId() + "|" + row.ueId(), List.of())) {
                if (u.timestampMs() > start && u.timestampMs() <= end) ue.add(u);
            }
            UeOutcomes.Result r = UeOutcomes.outcome(row, in, ue, full);
            status = r.status;
            values = r.values;
            n = r.samples;
        } else {
            status = in.isEmpty() ? ExperienceRow.NO_DATA : full ? ExperienceRow.OK : ExperienceRow.PARTIAL;
            values = in.isEmpty() ? null : outcome(row.outcomeNames(), in);
            n = in.size();
        }
        // Atomically on the row as it is now: an operator's label set since it was read is kept.
        rows.invoke(key, new AttachOutcome(status, values, n, nowMs));
        pending.remove(key);
        if (ueRow) releaseUe(row);
        stats(row.xapp()).attached.computeIfAbsent(status, x -> new LongAdder()).increment();
        return 1;
    }

    /** Scans of other partitions for two-cell rows' peers this process started (one per peer partition and round). */
    public long peerPartitionScans() {
        return pairs.peerPartitionScans.sum();
    }

    private UeOutcomes ueOutcomes() {
        return UeOutcomes.of(grid);
    }

    /** This process's counters of watched UEs and their reports ({@link UeOutcomes#view()}). */
    public Map<String, Long> ueSeriesStats() {
        return ueOutcomes().view();
    }

    /** The labels an operator may set on a row ({@link #label}). */
    public static final Set<String> LABELS = Set.of("confirmed", "rejected");

    /**
     * Sets an operator's label on one row (e.g. an anomaly alarm confirmed or rejected): kept with the row,
     * exported with it, never replaced by the outcome task. Labelling again replaces the label.
     *
     * @return the labelled row
     * @throws IllegalArgumentException naming a bad label or id
     * @throws java.util.NoSuchElementException when the row does not exist (never recorded, or expired)
     */
    public ExperienceRow label(String xapp, String nodeId, long rowId, String label, long nowMs) {
        if (label == null || !LABELS.contains(label)) {
            throw new IllegalArgumentException("label: " + (label == null ? null : "\"" + label + "\"") + " (expected: confirmed or rejected)");
        }
        if (nodeId == null || nodeId.isEmpty()) throw new IllegalArgumentException("nodeId: " + nodeId + " (expected: the row's E2 node id)");
        if (rowId <= 0) throw new IllegalArgumentException("id: " + rowId + " (expected: a row id, as the experience rows list it)");
        ExperienceRow r = rows.invoke(new ExperienceKey(nodeId, Objects.requireNonNull(xapp, "xapp"), rowId), new SetLabel(label, nowMs));
        if (r == null) {
            throw new java.util.NoSuchElementException("no experience row " + rowId + " of xApp " + xapp + " on E2 node " + nodeId
                    + " (never recorded, or older than the rows' retention)");
        }
        stats(xapp).labelled.increment();
        return r;
    }

    /** Attaches an outcome to the row as it is in the cache (keeping a label set meanwhile); nothing when it is gone. */
    static final class AttachOutcome implements org.apache.ignite.cache.CacheEntryProcessor<ExperienceKey, ExperienceRow, Void> {
        private static final long serialVersionUID = 1L;
        private final String status;
        private final double[] values;
        private final int samples;
        private final long atMs;

        AttachOutcome(String status, double[] values, int samples, long atMs) {
            this.status = status;
            this.values = values;
            this.samples = samples;
            this.atMs = atMs;
        }

        @Override
        public Void process(javax.cache.processor.MutableEntry<ExperienceKey, ExperienceRow> e, Object... args) {
            if (e.exists()) e.setValue(e.getValue().withOutcome(status, values, samples, atMs));
            return null;
        }
    }

    /** Sets a label on the row as it is in the cache; returns the new row, null when there is none. */
    static final class SetLabel implements org.apache.ignite.cache.CacheEntryProcessor<ExperienceKey, ExperienceRow, ExperienceRow> {
        private static final long serialVersionUID = 1L;
        private final String label;
        private final long atMs;

        SetLabel(String label, long atMs) {
            this.label = label;
            this.atMs = atMs;
        }

        @Override
        public ExperienceRow process(javax.cache.processor.MutableEntry<ExperienceKey, ExperienceRow> e, Object... args) {
            if (!e.exists()) return null;
            ExperienceRow r = e.getValue().withLabel(label, atMs);
            e.setValue(r);
            return r;
        }
    }

    /** Each KPI over the samples: summed for counts and energy, averaged otherwise. */
    static double[] outcome(String[] kpis, List<CellKpi> samples) {
        double[] out = new double[kpis.length];
        for (int i = 0; i < kpis.length; i++) {
            double sum = 0;
            for (CellKpi s : samples) sum += kpi(kpis[i], s);
            out[i] = ExperienceSpec.summed(kpis[i]) ? sum : sum / samples.size();
        }
        return out;
    }

    static double kpi(String name, CellKpi c) {
        switch (name) {
            case "prbUsedDlPct": return c.prbUsedDlPct();
            case "prbUsedUlPct": return c.prbUsedUlPct();
            case "throughputDlMbps": return c.throughputDlMbps();
            case "throughputUlMbps": return c.throughputUlMbps();
            case "activeUes": return c.activeUes();
            case "txPowerDbm": return c.txPowerDbm();
            case "energyWh": return c.energyWh();
            case "avgCqi": return c.avgCqi();
            case "avgSinrDb": return c.avgSinrDb();
            case "rlfCount": return c.rlfCount();
            case "hoAttempts": return c.hoAttempts();
            case "hoSuccesses": return c.hoSuccesses();
            case "rrcConnMean": return c.rrcConnMean();
            case "cioDb": return c.cioDb();
            default: throw new IllegalArgumentException("outcome KPI: " + name + " (expected one of " + ExperienceSpec.OUTCOME_KPIS + ")");
        }
    }

    /** Rows of a query, oldest first, and whether more matched than the limit. */
    public static final class Page {
        public final List<ExperienceRow> rows;
        /** The rows' ids, parallel to {@link #rows}. */
        public final List<Long> ids;
        public final boolean truncated;

        Page(List<ExperienceRow> rows, List<Long> ids, boolean truncated) {
            this.rows = rows;
            this.ids = ids;
            this.truncated = truncated;
        }
    }

    /**
     * An xApp's rows over the whole grid with decision time in [{@code fromMs}, {@code toMs}), oldest first,
     * at most {@code limit} (the oldest ones; a bounded heap over one scan, whatever the cache's size).
     */
    public Page rows(String xapp, long fromMs, long toMs, int limit) {
        Objects.requireNonNull(xapp, "xapp");
        Comparator<Map.Entry<ExperienceKey, ExperienceRow>> order = Comparator
                .<Map.Entry<ExperienceKey, ExperienceRow>>comparingLong(e -> e.getValue().timeMs())
                .thenComparingLong(e -> e.getKey().id());
        PriorityQueue<Map.Entry<ExperienceKey, ExperienceRow>> oldest = new PriorityQueue<>(order.reversed());
        boolean truncated = false;
        for (Cache.Entry<ExperienceKey, ExperienceRow> e : rows.query(new ScanQuery<ExperienceKey, ExperienceRow>(
                new XappRows(xapp, fromMs, toMs, grid.ignite().cluster().localNode().id())))) {
            oldest.add(Map.entry(e.getKey(), e.getValue()));
            if (oldest.size() > limit) {
                oldest.poll();
                truncated = true;
            }
        }
        List<Map.Entry<ExperienceKey, ExperienceRow>> all = new ArrayList<>(oldest);
        all.sort(order);
        List<ExperienceRow> out = new ArrayList<>(all.size());
        List<Long> ids = new ArrayList<>(all.size());
        for (Map.Entry<ExperienceKey, ExperienceRow> e : all) {
            out.add(e.getValue());
            ids.add(e.getKey().id());
        }
        return new Page(out, ids, truncated);
    }

    // ------------------------------------------------------------------ rows leaving their grid node, and local reads

    private static final Map<String, LongAdder> SERVED_TO_OTHER_NODES = new ConcurrentHashMap<>();

    /**
     * Experience rows this grid node (Ignite instance {@code igniteInstanceName}) has handed to a scan started on
     * another grid node since it started: rows crossing nodes through {@link #rows} (the export, the validation gate,
     * the central retraining job). A federated retraining job reads none (docs/ml-lifecycle.md).
     */
    public static long rowsServedToOtherNodes(String igniteInstanceName) {
        LongAdder a = SERVED_TO_OTHER_NODES.get(String.valueOf(igniteInstanceName));
        return a == null ? 0 : a.sum();
    }

    /** This grid node's count of {@link #rowsServedToOtherNodes(String)}. */
    public long rowsServedToOtherNodes() {
        return rowsServedToOtherNodes(grid.ignite().name());
    }

    /**
     * The scan filter of {@link #rows}: runs on every grid node that holds rows, and counts the rows it passes to a
     * scan that another node started.
     */
    private static final class XappRows implements org.apache.ignite.lang.IgniteBiPredicate<ExperienceKey, ExperienceRow> {
        private static final long serialVersionUID = 1L;
        private final String xapp;
        private final long fromMs;
        private final long toMs;
        private final java.util.UUID origin;
        @org.apache.ignite.resources.IgniteInstanceResource
        private transient org.apache.ignite.Ignite ignite;
        private transient LongAdder served;

        XappRows(String xapp, long fromMs, long toMs, java.util.UUID origin) {
            this.xapp = xapp;
            this.fromMs = fromMs;
            this.toMs = toMs;
            this.origin = origin;
        }

        @Override
        public boolean apply(ExperienceKey k, ExperienceRow v) {
            boolean match = k.xapp().equals(xapp) && v.timeMs() >= fromMs && v.timeMs() < toMs;
            if (match && ignite == null) {
                try {
                    ignite = org.apache.ignite.Ignition.localIgnite();  // on a grid thread, the node running the scan
                } catch (RuntimeException notAGridThread) {
                    return true;
                }
            }
            if (match && !origin.equals(ignite.cluster().localNode().id())) {
                if (served == null) served = SERVED_TO_OTHER_NODES.computeIfAbsent(String.valueOf(ignite.name()), n -> new LongAdder());
                served.increment();
            }
            return match;
        }
    }

    /** An xApp's rows held on this grid node, and what was read to find them. */
    public static final class LocalRows {
        /** The rows (any outcome status), oldest first: by decision time, then row id ({@link Newest}). */
        public final List<ExperienceRow> rows;
        /** The partitions of {@code ric.ml.experience} this node was primary for when it read them. */
        public final int partitions;

        LocalRows(List<ExperienceRow> rows, int partitions) {
            this.rows = rows;
            this.partitions = partitions;
        }
    }

    /**
     * The xApp's rows in the partitions this grid node is primary for, recorded at or before {@code recordedUpToMs}:
     * local scans only (no row comes from, or goes to, another node). Over every server node of a stable grid
     * these are each row once (a row's primary node holds it; its backup copy is not read).
     *
     * @param limit the most rows returned (the newest decisions kept; among rows of one decision time, the highest row ids)
     */
    public LocalRows localRows(String xapp, long recordedUpToMs, int limit) {
        return localRows(grid.ignite(), xapp, recordedUpToMs, limit);
    }

    /** {@link #localRows(String, long, int)} of the grid node {@code ignite} (any server node, with or without xApps). */
    public static LocalRows localRows(org.apache.ignite.Ignite ignite, String xapp, long recordedUpToMs, int limit) {
        Objects.requireNonNull(xapp, "xapp");
        IgniteCache<ExperienceKey, ExperienceRow> rows = ignite.cache(PlatformCaches.EXPERIENCE);
        if (rows == null) return new LocalRows(new ArrayList<>(), 0);
        Affinity<ExperienceKey> aff = ignite.affinity(PlatformCaches.EXPERIENCE);
        int[] parts = aff.primaryPartitions(ignite.cluster().localNode());
        Newest newest = new Newest(limit);
        for (int p : parts) {
            for (Cache.Entry<ExperienceKey, ExperienceRow> e : rows.query(new ScanQuery<ExperienceKey, ExperienceRow>()
                    .setPartition(p).setLocal(true))) {
                if (!e.getKey().xapp().equals(xapp) || e.getValue().recordedAtMs() > recordedUpToMs) continue;
                newest.add(e.getKey(), e.getValue());
            }
        }
        return new LocalRows(newest.rows(), parts.length);
    }

    /**
     * The newest {@code limit} rows of those added, by decision time then row id (unique per row): which rows are kept
     * and their order depend on the rows only, not on the order a scan met them (rows of several UEs often share a
     * decision time, node and cell). {@link #rows()} gives them oldest first.
     */
    static final class Newest {
        static final Comparator<Map.Entry<ExperienceKey, ExperienceRow>> ORDER = Comparator
                .<Map.Entry<ExperienceKey, ExperienceRow>>comparingLong(e -> e.getValue().timeMs())
                .thenComparingLong(e -> e.getKey().id());
        private final int limit;
        private final PriorityQueue<Map.Entry<ExperienceKey, ExperienceRow>> heap = new PriorityQueue<>(ORDER);

        Newest(int limit) {
            this.limit = limit;
        }

        void add(ExperienceKey key, ExperienceRow row) {
            heap.add(Map.entry(key, row));
            if (heap.size() > limit) heap.poll();
        }

        List<ExperienceRow> rows() {
            List<Map.Entry<ExperienceKey, ExperienceRow>> all = new ArrayList<>(heap);
            all.sort(ORDER);
            List<ExperienceRow> out = new ArrayList<>(all.size());
            for (Map.Entry<ExperienceKey, ExperienceRow> e : all) out.add(e.getValue());
            return out;
        }
    }

    /**
     * Rows recorded over a sliding window (the retention), in 512 buckets: the per-xApp row bound. Rows
     * leave the count when they expire; the count may lag by one bucket (1/512 of the retention).
     */
    static final class SlidingCount {
        private static final int BUCKETS = 512;
        private final long windowMs;
        private final long bucketMs;
        private final long[] starts = new long[BUCKETS];
        private final long[] counts = new long[BUCKETS];

        SlidingCount(long windowMs) {
            this.windowMs = windowMs;
            this.bucketMs = Math.max(1, (windowMs + BUCKETS - 2) / (BUCKETS - 1));
            java.util.Arrays.fill(starts, Long.MIN_VALUE);
        }

        synchronized boolean tryAdd(long nowMs, long max) {
            long b = Math.floorDiv(nowMs, bucketMs);
            long oldest = Math.floorDiv(nowMs - windowMs, bucketMs);
            long total = 0;
            for (int j = 0; j < BUCKETS; j++) {
                if (starts[j] > oldest && starts[j] <= b) total += counts[j];
            }
            if (total >= max) return false;
            int i = (int) Math.floorMod(b, (long) BUCKETS);
            if (starts[i] != b) {
                starts[i] = b;
                counts[i] = 0;
            }
            counts[i]++;
            return true;
        }
    }

    @Override
    public void close() {
        if (timer != null) timer.shutdownNow();
    }
}
