package io.jric.core.internal.xapp;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.UeSampleKey;
import io.jric.core.internal.grid.UeWatch;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The UE's own outcome of {@code ue}-scope experience rows (docs/ml-lifecycle.md, section 14).
 *
 * <p>The grid keeps no series of every UE (a UE table cost 30 % of the ingest rate). It keeps one only for
 * <em>watched</em> UEs: a UE is watched from the moment an xApp records a {@code ue}-scope row about it whose outcome
 * names one of {@link ExperienceSpec#UE_OUTCOMES}, until that row (the UE's latest such row) is closed or its horizon
 * plus {@link ExperienceStore#GRACE_MS} has passed. The watch is a grid cache ({@code ric.ml.ue.watch}, UE id to
 * {@link UeWatch}); every RIC process mirrors it in a {@link ConcurrentHashMap} through a continuous query, so the KPM
 * ingest ({@link #offer}) checks a UE with one lookup in that map (none at all while nothing is watched) and writes
 * the watched UEs' reports to {@code ric.ml.ue.series}, keyed with the watching row's E2 node as affinity key: the
 * samples sit in the row's partition, read by the outcome task with a local scan like the cell series.
 *
 * <p>Bounds: at most {@link #MAX_WATCHED_UES} UEs watched (a row beyond it gets no UE samples, counted as
 * {@code watchRefused}); at most {@link #MAX_SAMPLES_PER_UE} reports written per watched UE per series expiry window
 * (past half of it, thinned to one per {@link #thinningGapMs}; beyond it dropped; both counted); samples expire with the cell series ({@code grid.seriesExpirySeconds}).
 */
public final class UeOutcomes implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UeOutcomes.class.getName());
    /** Most UEs watched at once over the grid (as mirrored on this process). */
    public static final int MAX_WATCHED_UES = 100_000;
    /**
     * Most reports written per watched UE per series expiry window, per RIC process. The first half of them are written
     * as they come; after that a report is written only {@link #thinningGapMs} (report time) after the last one written,
     * so a UE watched for the whole window keeps reports to its end (thinned, not cut off); what is left of the bound
     * stops only reports whose times run faster than the RIC's clock.
     */
    public static final int MAX_SAMPLES_PER_UE = 1_200;

    private final IgniteCache<Long, UeWatch> watches;
    private final IgniteCache<UeSampleKey, UeKpi> series;
    private final long windowMs;
    private final ConcurrentHashMap<Long, Mirror> mirror = new ConcurrentHashMap<>();
    private final QueryCursor<Cache.Entry<Long, UeWatch>> query;
    private final LongAdder watchesSet = new LongAdder();
    private final LongAdder watchRefused = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder samplesWritten = new LongAdder();
    private final LongAdder samplesDropped = new LongAdder();
    private final LongAdder samplesThinned = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();

    /** A watched UE as this process sees it, with the ingest's count of its samples in the current window. */
    private static final class Mirror {
        final UeWatch watch;
        final long untilMs;
        int count;
        long windowStartMs;
        long lastKeptTs = Long.MIN_VALUE;

        Mirror(UeWatch watch, Mirror old) {
            this.watch = watch;
            this.untilMs = watch.maxUntilMs();
            if (old != null) {
                count = old.count;
                windowStartMs = old.windowStartMs;
                lastKeptTs = old.lastKeptTs;
            }
        }
    }

    private UeOutcomes(RicGrid grid) {
        this.watches = grid.cache(PlatformCaches.UE_WATCH);
        this.series = grid.cache(PlatformCaches.UE_SERIES);
        this.windowMs = grid.settings().seriesExpiry().toMillis();
        ContinuousQuery<Long, UeWatch> q = new ContinuousQuery<>();
        q.setLocalListener(events -> {
            for (CacheEntryEvent<? extends Long, ? extends UeWatch> e : events) apply(e.getEventType(), e.getKey(), e.getValue());
        });
        q.setIncludeExpired(true);
        q.setInitialQuery(new ScanQuery<>());
        this.query = watches.query(q);
        for (Cache.Entry<Long, UeWatch> e : query) apply(EventType.CREATED, e.getKey(), e.getValue());
    }

    private void apply(EventType type, Long ue, UeWatch w) {
        if (type == EventType.REMOVED || type == EventType.EXPIRED || w == null) {
            mirror.remove(ue);
        } else {
            mirror.compute(ue, (k, old) -> new Mirror(w, old));
        }
    }

    /** The UE outcomes of this RIC process's grid node (one per grid node, made on first use). */
    public static UeOutcomes of(RicGrid grid) {
        return grid.service(UeOutcomes.class, () -> new UeOutcomes(grid));
    }

    /** Whether any of {@code names} is a UE figure ({@link ExperienceSpec#UE_OUTCOMES}). */
    public static boolean namesUe(Collection<String> names) {
        for (String n : names) if (ExperienceSpec.ueOutcome(n)) return true;
        return false;
    }

    /** {@link #namesUe(Collection)} of an array. */
    public static boolean namesUe(String[] names) {
        return namesUe(java.util.Arrays.asList(names));
    }

    /**
     * Watches the UE for a row of E2 node {@code nodeId} until {@code untilMs} (RIC clock): its reports are kept from
     * now on, under that node's affinity key.
     *
     * @return false when {@link #MAX_WATCHED_UES} UEs are watched already (counted; the row gets no UE samples)
     */
    public boolean watch(String nodeId, long ueId, long untilMs, long nowMs) {
        Objects.requireNonNull(nodeId, "nodeId");
        Mirror m = mirror.get(ueId);
        if (m == null && mirror.size() >= MAX_WATCHED_UES) {
            watchRefused.increment();
            return false;
        }
        // Each update sets the entry's time to live: it must cover the watch's latest row, not only this one. The mirror
        // may lag (it is updated asynchronously), so the merged latest time the update returns decides: when it is later
        // than what the time to live was set for, the time to live is set again for it.
        long basis = Math.max(untilMs, m == null ? 0 : m.untilMs);
        for (int i = 0; i < 4; i++) {
            Long merged = watches.withExpiryPolicy(new ModifiedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS,
                    Math.max(1, basis - nowMs)))).invoke(ueId, new Extend(nodeId, untilMs));
            if (merged == null || merged <= basis) break;
            basis = merged;
        }
        watchesSet.increment();
        return true;
    }

    /** The time until which the grid's watch of the UE is set (its latest row), 0 when there is none. */
    long watchedUntil(long ueId) {
        UeWatch w = watches.get(ueId);
        return w == null ? 0 : w.maxUntilMs();
    }

    /** The row of {@code nodeId} open until {@code untilMs} closed: unwatch the UE there unless a later row watches it. */
    public void release(String nodeId, long ueId, long untilMs) {
        // The watch may live on another grid node: bounded in time (unreleased, it expires on its own).
        watches.invokeAsync(ueId, new Release(nodeId, untilMs)).get(PairOutcomes.REMOTE_TIMEOUT_MS);
        released.increment();
    }

    /**
     * The least report-time gap between two reports written of a UE that used half its {@link #MAX_SAMPLES_PER_UE}
     * in the window: the other half then lasts the whole window (1 s with the default 10-minute series expiry).
     */
    static long thinningGapMs(long windowMs) {
        return Math.max(1, windowMs / (MAX_SAMPLES_PER_UE / 2));
    }

    /** Whether this process sees the UE watched now (its mirror). */
    public boolean watched(long ueId) {
        return mirror.containsKey(ueId);
    }

    /**
     * The KPM ingest's hook, on its writer thread, with the UE records of one batch: writes the watched UEs' records to
     * {@code ric.ml.ue.series}. Nothing while no UE is watched; else one map lookup per UE (the batch's own boxed key).
     */
    public void offer(Map<Long, UeKpi> ues) {
        Map<UeSampleKey, UeKpi> out = select(ues);
        if (out == null) return;
        try {
            series.putAll(out);
            samplesWritten.add(out.size());
        } catch (RuntimeException ex) {
            writeErrors.increment();
            LOG.log(Level.FINE, "UE outcome samples not written", ex);
        }
    }

    /**
     * {@link #offer} with the write started and not awaited, for the ingest to await it with its other writes: returns
     * what awaits it (counting it, never throwing), or null when there is nothing to write.
     */
    public Runnable offerAsync(Map<Long, UeKpi> ues) {
        Map<UeSampleKey, UeKpi> out = select(ues);
        if (out == null) return null;
        org.apache.ignite.lang.IgniteFuture<Void> f;
        try {
            f = series.putAllAsync(out);
        } catch (RuntimeException ex) {
            writeErrors.increment();
            LOG.log(Level.FINE, "UE outcome samples not written", ex);
            return null;
        }
        int n = out.size();
        return () -> {
            try {
                f.get();
                samplesWritten.add(n);
            } catch (RuntimeException ex) {
                writeErrors.increment();
                LOG.log(Level.FINE, "UE outcome samples not written", ex);
            }
        };
    }

    /** The watched UEs' reports of one batch under their watching nodes' keys (bounded per UE); null when none. */
    private Map<UeSampleKey, UeKpi> select(Map<Long, UeKpi> ues) {
        if (mirror.isEmpty() || ues.isEmpty()) return null;
        long now = System.currentTimeMillis();
        Map<UeSampleKey, UeKpi> out = null;
        for (Map.Entry<Long, UeKpi> e : ues.entrySet()) {
            Mirror m = mirror.get(e.getKey());
            if (m == null) continue;
            if (m.untilMs < now) {  // its rows closed or expired; the grid's event may still be on its way
                mirror.remove(e.getKey(), m);
                continue;
            }
            UeKpi u = e.getValue();
            synchronized (m) {
                if (now - m.windowStartMs > windowMs) {
                    m.windowStartMs = now;
                    m.count = 0;
                }
                if (m.count >= MAX_SAMPLES_PER_UE) {
                    samplesDropped.increment();
                    continue;
                }
                if (m.count >= MAX_SAMPLES_PER_UE / 2 && u.timestampMs() >= m.lastKeptTs
                        && u.timestampMs() - m.lastKeptTs < thinningGapMs(windowMs)) {
                    samplesThinned.increment();
                    continue;
                }
                m.count++;
                m.lastKeptTs = u.timestampMs();
            }
            if (out == null) out = new HashMap<>();
            for (int i = 0; i < m.watch.size(); i++) {
                if (m.watch.untilMs(i) >= now) out.put(new UeSampleKey(m.watch.nodeId(i), e.getKey(), u.timestampMs()), u);
            }
        }
        return out == null || out.isEmpty() ? null : out;
    }

    /** Counters of this process: watched UEs (mirror), watches set, refused, released, samples written, dropped, errors. */
    public Map<String, Long> view() {
        Map<String, Long> m = new TreeMap<>();
        m.put("watchedUes", (long) mirror.size());
        m.put("watches", watchesSet.sum());
        m.put("watchRefused", watchRefused.sum());
        m.put("released", released.sum());
        m.put("samplesWritten", samplesWritten.sum());
        m.put("samplesDropped", samplesDropped.sum());
        m.put("samplesThinned", samplesThinned.sum());
        m.put("writeErrors", writeErrors.sum());
        return m;
    }

    /**
     * The samples of the given (E2 node, UE) pairs in partition {@code p} of this grid node with time in
     * ({@code fromMs}, {@code toMs}], by "node|ue", each list sorted by time: one local scan.
     */
    Map<String, List<UeKpi>> localSamples(int p, java.util.Set<String> nodeUes, long fromMs, long toMs) {
        Map<String, List<UeKpi>> out = new HashMap<>();
        if (nodeUes.isEmpty()) return out;
        for (Cache.Entry<UeSampleKey, UeKpi> e : series.query(new ScanQuery<UeSampleKey, UeKpi>().setPartition(p).setLocal(true))) {
            UeSampleKey k = e.getKey();
            if (k.timestampMs() <= fromMs || k.timestampMs() > toMs) continue;
            String id = k.nodeId() + "|" + k.ueId();
            if (nodeUes.contains(id)) out.computeIfAbsent(id, x -> new ArrayList<>()).add(e.getValue());
        }
        for (List<UeKpi> l : out.values()) l.sort(Comparator.comparingLong(UeKpi::timestampMs));
        return out;
    }

    /** The outcome of a row naming UE figures: status, values (null without data) and the samples counted. */
    static final class Result {
        final String status;
        final double[] values;
        final int samples;

        Result(String status, double[] values, int samples) {
            this.status = status;
            this.values = values;
            this.samples = samples;
        }
    }

    /**
     * The outcome of a {@code ue}-scope row whose outcome names UE figures (and maybe cell KPIs).
     *
     * @param cellSamples the row's cell's samples in (t, t + horizon]
     * @param ueSamples the row's UE's reports in (t, t + horizon], sorted by time
     * @param complete whether the row's cell has reported past t + horizon
     * @return {@code NO_DATA} without a UE report (or, when it names cell KPIs, without a cell sample); otherwise
     *     {@code OK} when complete, {@code PARTIAL} if not; the sample count is the UE's reports
     */
    static Result outcome(ExperienceRow row, List<CellKpi> cellSamples, List<UeKpi> ueSamples, boolean complete) {
        String[] names = row.outcomeNames();
        boolean cellNamed = false;
        for (String n : names) cellNamed |= !ExperienceSpec.ueOutcome(n);
        if (ueSamples.isEmpty() || (cellNamed && cellSamples.isEmpty())) {
            return new Result(ExperienceRow.NO_DATA, null, ueSamples.size());
        }
        Figures f = new Figures(row, ueSamples, complete);
        double[] out = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            if (ExperienceSpec.ueOutcome(names[i])) {
                out[i] = f.value(names[i]);
            } else {
                double sum = 0;
                for (CellKpi s : cellSamples) sum += ExperienceStore.kpi(names[i], s);
                out[i] = ExperienceSpec.summed(names[i]) ? sum : sum / cellSamples.size();
            }
        }
        return new Result(complete ? ExperienceRow.OK : ExperienceRow.PARTIAL, out, ueSamples.size());
    }

    /** The target cell a row's action names ({@link ExperienceSpec#TARGET_NCI_ACTION}), or null. */
    static String targetCell(ExperienceRow row) {
        String[] an = row.actionNames();
        for (int i = 0; i < an.length; i++) {
            if (!an[i].equals(ExperienceSpec.TARGET_NCI_ACTION)) continue;
            double v = row.actionValues()[i];
            if (v < 0 || v >= (double) (1L << 36) || v != Math.rint(v)) return null;
            return row.cellId().substring(0, 7) + String.format(Locale.ROOT, "%09x", (long) v);
        }
        return null;
    }

    /** The UE figures of one row over its reports. */
    private static final class Figures {
        private final double sinr;
        private final double sinrMin;
        private final double rsrp;
        private final double throughput;
        private final int changes;
        private final boolean pingPong;
        private final boolean lost;
        private final double targetSinr;
        private final int targetReports;
        private final double servedByTarget;
        private final double cellSinr;
        private final int cellReports;

        Figures(ExperienceRow row, List<UeKpi> in, boolean complete) {
            double s = 0, r = 0, t = 0, min = Double.POSITIVE_INFINITY;
            int ch = 0;
            boolean left = false, back = false;
            String prev = row.cellId();
            String target = targetCell(row);
            double ts = 0;
            int tn = 0, served = 0;
            double cs = 0;
            int cn = 0;
            for (UeKpi u : in) {
                double own = reportedSinr(u, row.cellId());
                if (!Double.isNaN(own)) {
                    cs += own;
                    cn++;
                }
                s += u.sinrDb();
                r += u.rsrpDbm();
                t += u.throughputDlMbps();
                min = Math.min(min, u.sinrDb());
                String cell = u.servingCellId();
                if (cell != null && !cell.equalsIgnoreCase(prev)) {
                    ch++;
                    prev = cell;
                }
                if (cell != null && !cell.equalsIgnoreCase(row.cellId())) left = true;
                else if (left && cell != null) back = true;
                if (target != null) {
                    double v = reportedSinr(u, target);
                    if (!Double.isNaN(v)) {
                        ts += v;
                        tn++;
                    }
                    if (target.equalsIgnoreCase(cell)) served++;
                }
            }
            int n = in.size();
            sinr = s / n;
            rsrp = r / n;
            throughput = t / n;
            sinrMin = min;
            changes = ch;
            pingPong = back;
            long last = in.get(n - 1).timestampMs();
            lost = complete && last <= row.timeMs() + row.horizonMs() * 3 / 4;
            targetSinr = tn == 0 ? 0 : ts / tn;
            targetReports = tn;
            servedByTarget = (double) served / n;
            cellSinr = cn == 0 ? 0 : cs / cn;
            cellReports = cn;
        }

        /** The SINR the report gives for {@code cellId}: as serving cell, or from its neighbour list; NaN if neither. */
        private static double reportedSinr(UeKpi u, String cellId) {
            if (cellId.equalsIgnoreCase(u.servingCellId())) return u.sinrDb();
            String[] nbr = u.neighbourCellIds();
            float[] nbrSinr = u.neighbourSinrDb();
            if (nbr == null || nbrSinr == null) return Double.NaN;
            for (int j = 0; j < Math.min(nbr.length, nbrSinr.length); j++) {
                if (cellId.equalsIgnoreCase(nbr[j])) return nbrSinr[j];
            }
            return Double.NaN;
        }

        double value(String name) {
            switch (name) {
                case "ue.sinrDb": return sinr;
                case "ue.sinrMinDb": return sinrMin;
                case "ue.rsrpDbm": return rsrp;
                case "ue.throughputDlMbps": return throughput;
                case "ue.cellChanges": return changes;
                case "ue.pingPong": return pingPong ? 1 : 0;
                case "ue.lost": return lost ? 1 : 0;
                case "ue.targetSinrDb": return targetSinr;
                case "ue.targetReports": return targetReports;
                case "ue.servedByTarget": return servedByTarget;
                case "ue.cellSinrDb": return cellSinr;
                case "ue.cellReports": return cellReports;
                default: throw new IllegalArgumentException("UE outcome: " + name + " (expected one of "
                        + ExperienceSpec.UE_OUTCOMES + ")");
            }
        }
    }

    /** Adds the row's node to the watch (or creates it); returns the watch's latest time after it. */
    static final class Extend implements CacheEntryProcessor<Long, UeWatch, Long> {
        private static final long serialVersionUID = 1L;
        private final String nodeId;
        private final long untilMs;

        Extend(String nodeId, long untilMs) {
            this.nodeId = nodeId;
            this.untilMs = untilMs;
        }

        @Override
        public Long process(javax.cache.processor.MutableEntry<Long, UeWatch> e, Object... args) {
            UeWatch w = e.exists() ? e.getValue().extend(nodeId, untilMs) : new UeWatch(new String[] {nodeId}, new long[] {untilMs});
            e.setValue(w);
            return w.maxUntilMs();
        }
    }

    /** Drops the row's node from the watch unless a later row of it watches, and the entry when nothing is left. */
    static final class Release implements CacheEntryProcessor<Long, UeWatch, Void> {
        private static final long serialVersionUID = 1L;
        private final String nodeId;
        private final long untilMs;

        Release(String nodeId, long untilMs) {
            this.nodeId = nodeId;
            this.untilMs = untilMs;
        }

        @Override
        public Void process(javax.cache.processor.MutableEntry<Long, UeWatch> e, Object... args) {
            if (!e.exists()) return null;
            UeWatch w = e.getValue().release(nodeId, untilMs);
            if (w == null) e.remove();
            else if (w != e.getValue()) e.setValue(w);
            return null;
        }
    }

    @Override
    public void close() {
        query.close();
        mirror.clear();
    }
}
