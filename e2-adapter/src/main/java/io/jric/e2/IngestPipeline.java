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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 */
final class IngestPipeline implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class.getName());

    /** How long the writer waits for more work when little is queued. */
    static final long LINGER_NANOS = 2_000_000;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
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
    private final LongAdder recordsWritten = new LongAdder();
    private final LongAdder gridWrites = new LongAdder();
    private final LongAdder writeErrors = new LongAdder();
    private final LatencyHistogram ingestLatency = new LatencyHistogram();
    private final Thread writer;
    private volatile boolean running = true;

    IngestPipeline(RicGrid grid, E2Settings settings) {
        this.highWater = settings.ingestQueueRecords();
        this.batchRecords = settings.ingestBatchRecords();
        this.cellLatest = grid.cache(KpmCaches.CELL_LATEST);
        this.cellSeries = grid.cache(KpmCaches.CELL_SERIES);
        this.ueLatest = grid.cache(KpmCaches.UE_LATEST);
        this.controlLog = grid.cache(E2Caches.CONTROL_LOG);
        this.writer = new Thread(this::run, "e2-grid-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Queues a batch. Returns false when the backlog is above the high-water mark: the caller
     * must then stop reading and will have {@code resume} run once the writer has caught up.
     */
    boolean offer(IngestBatch batch, Runnable resume) {
        int backlog = queuedRecords.addAndGet(batch.records());
        pendingItems.incrementAndGet();
        queue.add(batch);
        if (backlog > highWater) {
            paused.add(resume);
            return false;
        }
        return true;
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

    private void run() {
        List<Object> drained = new ArrayList<>();
        Map<CellKey, CellKpi> cells = new HashMap<>();
        Map<CellSampleKey, CellKpi> samples = new HashMap<>();
        Map<Long, UeKpi> ues = new HashMap<>();
        Map<Long, ControlLogEntry> controls = new HashMap<>();
        while (running || !queue.isEmpty() || !controlQueue.isEmpty()) {
            try {
                Object first = queue.poll(50, TimeUnit.MILLISECONDS);
                ControlLogEntry c;
                while ((c = controlQueue.poll()) != null) drained.add(c);
                if (first == null && drained.isEmpty()) continue;
                if (first != null) drained.add(first);
                if (queue.size() < 4) {
                    // Linger briefly so that a trickle of indications is written in one batch: fewer
                    // writer wake-ups and grid calls competing with the control loop for the CPU.
                    java.util.concurrent.locks.LockSupport.parkNanos(LINGER_NANOS);
                }
                int records = first instanceof IngestBatch ? ((IngestBatch) first).records() : 1;
                while (records < batchRecords) {
                    Object next = queue.poll();
                    if (next == null) break;
                    drained.add(next);
                    records += next instanceof IngestBatch ? ((IngestBatch) next).records() : 1;
                }
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
                write(cells, samples, ues, controls);
                gridWrites.add(cells.size() + samples.size() + ues.size());
                long now = System.nanoTime();
                for (Object o : drained) {
                    if (o instanceof IngestBatch) ingestLatency.record(now - ((IngestBatch) o).receivedAtNanos);
                }
                recordsWritten.add(batchRecordCount);
                int left = queuedRecords.addAndGet(-batchRecordCount);
                if (left <= highWater / 2) {
                    Runnable r;
                    while ((r = paused.poll()) != null) r.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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

    private void write(Map<CellKey, CellKpi> cells, Map<CellSampleKey, CellKpi> samples, Map<Long, UeKpi> ues,
                       Map<Long, ControlLogEntry> controls) {
        if (!cells.isEmpty()) {
            cellLatest.putAll(cells);
            cellSeries.putAll(samples);
        }
        if (!ues.isEmpty()) ueLatest.putAll(ues);
        if (!controls.isEmpty()) controlLog.putAll(controls);
    }

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
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
