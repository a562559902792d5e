package io.jric.e2;

import io.jric.api.e2.E2Caches;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.LatencyHistogram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ignite.IgniteCache;

/**
 * Writes decoded indications (and control-log entries) to the grid from one writer thread, in
 * batches ({@code putAll}), so that gRPC threads never block on the grid. When more than the
 * configured number of records wait, the associations stop reading (gRPC flow control pushes
 * back to the nodes) until the writer catches up: nothing is dropped.
 *
 * <p>Handing a batch over costs the transport thread no wake-up while the writer is busy or lingering:
 * the writer writes what came in every {@link #LINGER_NANOS} on its own, and is woken only when a full
 * batch waits or after it found nothing to do (then it sleeps until the next offer, at most 50 ms).
 *
 * <p>With more than one writer ({@link E2Settings#ingestWriters()}, issue 17) each indication's records are split
 * into stripes ({@link IngestBatch#split}): the cells of an E2 node always to the same writer, each UE by its id, so
 * every cache key is written by one writer only and a key's records keep the order they were offered in. The
 * back-pressure is counted over all writers together (one high-water mark), and the control log goes with the
 * first writer.
 */
final class IngestPipeline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class.getName());

    /** How long the writer waits for more work when little is queued. */
    static final long LINGER_NANOS = 2_000_000;
    /** How long an idle writer sleeps unless an offer wakes it (control-log entries wait at most this long). */
    static final long IDLE_NANOS = 50_000_000;
    /** The writers, each with its own queue; a key always goes to the same one ({@link IngestBatch#split}). */
    private final Stripe[] stripes;

    /** One writer thread and what waits for it. */
    private final class Stripe {
        final ConcurrentLinkedQueue<IngestBatch> queue = new ConcurrentLinkedQueue<>();
        /** Records queued for this writer (the linger and wake-up decisions); the high-water mark counts all writers'. */
        final AtomicInteger queued = new AtomicInteger();
        /** Set while the writer sleeps with nothing queued: the next offer wakes it. */
        volatile boolean writerIdle;
        final boolean takesControls;
        final Thread thread;

        Stripe(int index, int count) {
            this.takesControls = index == 0;
            this.thread = new Thread(() -> run(this), count == 1 ? "e2-grid-writer" : "e2-grid-writer-" + index);
            this.thread.setDaemon(true);
        }
    }
    /** Wake-ups of the writer by an offer (idle writer or a full batch waiting). */
    private final LongAdder wakeups = new LongAdder();
    /** Control-log entries: drained with the next batch or within 50 ms, without waking the writer per control. */
    private final ConcurrentLinkedQueue<ControlLogEntry> controlQueue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedRecords = new AtomicInteger();
    private final AtomicInteger pendingItems = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> paused = new ConcurrentLinkedQueue<>();
    private final int highWater;
    private final int batchRecords;
    private final IgniteCache<CellKey, CellKpi> cellLatest;
    private final IgniteCache<CellSampleKey, CellKpi> cellSeries;
    private final IgniteCache<Long, UeKpi> ueLatest;
    private final IgniteCache<Long, ControlLogEntry> controlLog;
    /** Watched UEs' reports for experience outcomes: nothing while none is watched, else one map lookup per UE. */
    private final io.jric.core.internal.xapp.UeOutcomes ueOutcomes;
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder gridWrites = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();
    private final LatencyHistogram ingestLatency = new LatencyHistogram();
    private volatile boolean running = true;
    /** Set by {@link #close()} when the writers did not drain the backlog in time: they stop taking batches. */
    private volatile boolean abandoned;

    /** Tests only: while set, the writers wait on it before taking their next batch (a grid that cannot keep up). */
    volatile java.util.concurrent.CountDownLatch holdWriters;

    IngestPipeline(RicGrid grid, E2Settings settings) {
        this.highWater = settings.ingestQueueRecords();
        this.batchRecords = settings.ingestBatchRecords();
        this.cellLatest = grid.cache(KpmCaches.CELL_LATEST);
        this.cellSeries = grid.cache(KpmCaches.CELL_SERIES);
        this.ueLatest = grid.cache(KpmCaches.UE_LATEST);
        this.controlLog = grid.cache(E2Caches.CONTROL_LOG);
        this.ueOutcomes = io.jric.core.internal.xapp.UeOutcomes.of(grid);
        String parallel = System.getProperty("jric.ingest.parallelWrites");
        this.parallelWrites = parallel != null ? Boolean.parseBoolean(parallel) : grid.settings().backups() > 0;
        String writers = System.getProperty("jric.ingest.writers");
        int n = writers != null ? Integer.parseInt(writers.trim()) : settings.ingestWriters();
        if (n < 1 || n > 16) throw new IllegalArgumentException("jric.ingest.writers: " + n + " (expected: 1..16)");
        this.stripes = new Stripe[n];
        for (int i = 0; i < n; i++) stripes[i] = new Stripe(i, n);
        for (Stripe st : stripes) st.thread.start();
    }

    /** Grid writer threads. */
    int writers() {
        return stripes.length;
    }

    /**
     * Queues a batch. Returns false when the backlog is above the high-water mark: the caller
     * must then stop reading and will have {@code resume} run once the writer has caught up.
     */
    boolean offer(IngestBatch batch, Runnable resume) {
        int backlog;
        if (stripes.length == 1) {
            backlog = enqueue(stripes[0], batch);
        } else {
            backlog = 0;
            IngestBatch[] parts = batch.split(stripes.length);
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] != null) backlog = enqueue(stripes[i], parts[i]);
            }
        }
        if (backlog > highWater) {
            paused.add(resume);
            // The writers may have caught up between the count above and this line: then nobody would resume it.
            if (queuedRecords.get() <= highWater / 2) resumePaused();
            return false;
        }
        return true;
    }

    /** Queues one stripe's part; returns the backlog of all writers after it. */
    private int enqueue(Stripe st, IngestBatch part) {
        pendingItems.incrementAndGet();
        st.queue.add(part);
        int mine = st.queued.addAndGet(part.records());
        int backlog = queuedRecords.addAndGet(part.records());
        if (st.writerIdle || mine >= batchRecords) wake(st);
        return backlog;
    }

    private void wake(Stripe st) {
        if (st.writerIdle) st.writerIdle = false;
        wakeups.increment();
        java.util.concurrent.locks.LockSupport.unpark(st.thread);
    }

    private void resumePaused() {
        Runnable r;
        while ((r = paused.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {  // e.g. the association's transport already shut down
                LOG.log(Level.FINE, "resuming a paused association failed", e);
            }
        }
    }

    /** Times an offer woke the writer (it was idle, or a full batch waited). */
    long writerWakeups() {
        return wakeups.sum();
    }

    void logControl(String nodeId, String action, String status, String detail, long rttNanos, String origin) {
        pendingItems.incrementAndGet();
        controlQueue.add(new ControlLogEntry(System.currentTimeMillis(), nodeId, action, status, detail, rttNanos, origin));
    }

    long recordsWritten() {
        return recordsWritten.sum();
    }

    /** Cache entries written (after coalescing repeated keys within a batch). */
    long gridWrites() {
        return gridWrites.sum();
    }

    long backlog() {
        return queuedRecords.get();
    }

    long writeErrors() {
        return writeErrors.sum();
    }

    /** From decode at the RIC to the batch being in the grid. */
    LatencyHistogram ingestLatency() {
        return ingestLatency;
    }

    private void run(Stripe st) {
        ConcurrentLinkedQueue<IngestBatch> queue = st.queue;
        List<Object> drained = new ArrayList<>();
        Map<CellKey, CellKpi> cells = new HashMap<>();
        Map<CellSampleKey, CellKpi> samples = new HashMap<>();
        Map<Long, UeKpi> ues = new HashMap<>();
        Map<Long, ControlLogEntry> controls = new HashMap<>();
        boolean idle = false;
        while (running || !queue.isEmpty() || (st.takesControls && !controlQueue.isEmpty())) {
            if (abandoned) break;
            try {
                if (st.queued.get() < batchRecords) {
                    // Linger so that a trickle of indications is written in one batch, without a wake-up per
                    // indication; with nothing queued for a whole linger, sleep until the next offer (at most 50 ms).
                    if (idle) {
                        st.writerIdle = true;
                        if (queue.isEmpty()) java.util.concurrent.locks.LockSupport.parkNanos(IDLE_NANOS);
                        st.writerIdle = false;
                    } else {
                        java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
                    }
                }
                java.util.concurrent.CountDownLatch hold = holdWriters;
                if (hold != null) {
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                ControlLogEntry c;
                while (st.takesControls && (c = controlQueue.poll()) != null) drained.add(c);
                int records = 0;
                IngestBatch next;
                while (records < batchRecords && (next = queue.poll()) != null) {
                    drained.add(next);
                    records += next.records();
                }
                idle = drained.isEmpty();
                if (idle) continue;
                int batchRecordCount = 0;
                for (Object o : drained) {
                    if (o instanceof IngestBatch) {
                        IngestBatch b = (IngestBatch) o;
                        for (int i = 0; i < b.cells.length; i++) {
                            cells.put(b.cellKeys[i], b.cells[i]);
                            samples.put(b.sampleKeys[i], b.cells[i]);
                        }
                        for (int i = 0; i < b.ues.length; i++) ues.put(b.ueIds[i], b.ues[i]);
                        batchRecordCount += b.records();
                    } else {
                        controls.put(ControlLogEntry.newKey(), (ControlLogEntry) o);
                    }
                }
                try {
                    write(cells, samples, ues, controls);
                    gridWrites.add(cells.size() + samples.size() + ues.size());
                    long now = System.nanoTime();
                    for (Object o : drained) {
                        if (o instanceof IngestBatch) ingestLatency.record(now - ((IngestBatch) o).receivedAtNanos);
                    }
                    recordsWritten.add(batchRecordCount);
                } finally {
                    st.queued.addAndGet(-batchRecordCount);
                    int left = queuedRecords.addAndGet(-batchRecordCount);
                    if (left <= highWater / 2) resumePaused();
                }
            } catch (RuntimeException e) {
                writeErrors.increment();
                LOG.log(Level.WARNING, "grid write failed; batch dropped", e);
            } finally {
                pendingItems.addAndGet(-drained.size());
                drained.clear();
                cells.clear();
                samples.clear();
                ues.clear();
                controls.clear();
            }
        }
    }

    /**
     * Writes one batch: the caches' {@code putAll}s are started together and then awaited, so that on a
     * replicated grid (FULL_SYNC backups on other nodes) their round trips overlap instead of adding up.
     * Returns once every cache has the batch (or throws), before the maps are reused.
     */
    private void write(Map<CellKey, CellKpi> cells, Map<CellSampleKey, CellKpi> samples, Map<Long, UeKpi> ues,
                       Map<Long, ControlLogEntry> controls) {
        if (!parallelWrites) {
            if (!cells.isEmpty()) {
                cellLatest.putAll(cells);
                cellSeries.putAll(samples);
            }
            if (!ues.isEmpty()) ueLatest.putAll(ues);
            if (!controls.isEmpty()) controlLog.putAll(controls);
            ueOutcomes.offer(ues);  // the watched UEs' reports (docs/ml-lifecycle.md, section 14)
            return;
        }
        org.apache.ignite.lang.IgniteFuture<Void> a = cells.isEmpty() ? null : cellLatest.putAllAsync(cells);
        org.apache.ignite.lang.IgniteFuture<Void> b = cells.isEmpty() ? null : cellSeries.putAllAsync(samples);
        org.apache.ignite.lang.IgniteFuture<Void> c = ues.isEmpty() ? null : ueLatest.putAllAsync(ues);
        org.apache.ignite.lang.IgniteFuture<Void> d = controls.isEmpty() ? null : controlLog.putAllAsync(controls);
        Runnable watched = ueOutcomes.offerAsync(ues);  // the watched UEs' reports, awaited with the rest; never throws
        RuntimeException failed = null;
        for (org.apache.ignite.lang.IgniteFuture<Void> f : java.util.Arrays.asList(a, b, c, d)) {
            if (f == null) continue;
            try {
                f.get();
            } catch (RuntimeException e) {
                if (failed == null) failed = e;
            }
        }
        if (watched != null) watched.run();
        if (failed != null) throw failed;
    }

    /**
     * Start the caches' writes of a batch together (on a grid with backups, where each waits for another
     * node) or one after another (one node: nothing to overlap, and the asynchronous calls cost more there).
     * {@code -Djric.ingest.parallelWrites=true|false} overrides it, for comparison.
     */
    private final boolean parallelWrites;

    /** Blocks until everything queued so far is in the grid (or the timeout passes). */
    boolean flush(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (pendingItems.get() == 0) return true;
            Thread.sleep(2);
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        for (Stripe st : stripes) java.util.concurrent.locks.LockSupport.unpark(st.thread);
        try {
            for (Stripe st : stripes) st.thread.join(5000);
            // Still behind after 5 s: stop, rather than write into a grid that is about to close (each batch would fail).
            abandoned = true;
            for (Stripe st : stripes) st.thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queuedRecords.get();
        if (left > 0) LOG.warning("closing with " + left + " KPM records not written to the grid (the ingest backlog)");
    }
}
