package io.jric.e2;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.UeKpi;

/** The records of one decoded indication, waiting to be written to the grid. */
final class IngestBatch {
    final CellKey[] cellKeys;
    final CellSampleKey[] sampleKeys;
    final CellKpi[] cells;
    final long[] ueIds;
    final UeKpi[] ues;
    final long receivedAtMs;
    final long receivedAtNanos;

    IngestBatch(int cells, int ues, long receivedAtMs) {
        this(cells, ues, receivedAtMs, System.nanoTime());
    }

    private IngestBatch(int cells, int ues, long receivedAtMs, long receivedAtNanos) {
        this.receivedAtNanos = receivedAtNanos;
        this.cellKeys = new CellKey[cells];
        this.sampleKeys = new CellSampleKey[cells];
        this.cells = new CellKpi[cells];
        this.ueIds = new long[ues];
        this.ues = new UeKpi[ues];
        this.receivedAtMs = receivedAtMs;
    }

    /** This batch without the cells and UEs whose flag is false (the same batch when nothing is dropped). */
    IngestBatch keep(boolean[] keepCell, int cellsKept, boolean[] keepUe, int uesKept) {
        if (cellsKept == cells.length && uesKept == ues.length) return this;
        IngestBatch b = new IngestBatch(cellsKept, uesKept, receivedAtMs, receivedAtNanos);
        int j = 0;
        for (int i = 0; i < cells.length; i++) {
            if (!keepCell[i]) continue;
            b.cellKeys[j] = cellKeys[i];
            b.sampleKeys[j] = sampleKeys[i];
            b.cells[j++] = cells[i];
        }
        j = 0;
        for (int i = 0; i < ues.length; i++) {
            if (!keepUe[i]) continue;
            b.ueIds[j] = ueIds[i];
            b.ues[j++] = ues[i];
        }
        return b;
    }

    /**
     * This batch's records split over {@code n} grid writers (issue 17): the cells (all of one E2 node) go to the node's
     * stripe, each UE to its id's stripe, so every key is always written by the same writer and a key's records stay in
     * the order they were offered. Entry {@code i} is null when stripe {@code i} gets nothing; with one stripe that has
     * it all, the batch itself.
     */
    IngestBatch[] split(int n) {
        IngestBatch[] out = new IngestBatch[n];
        if (n == 1) {
            out[0] = this;
            return out;
        }
        int cellStripe = cells.length == 0 ? -1 : stripeOf(cellKeys[0].nodeId(), n);
        int[] ueCount = new int[n];
        int[] stripeOfUe = new int[ues.length];
        for (int i = 0; i < ues.length; i++) ueCount[stripeOfUe[i] = stripeOf(ueIds[i], n)]++;
        for (int s = 0; s < n; s++) {
            int c = s == cellStripe ? cells.length : 0;
            if (c + ueCount[s] == records()) {
                out[s] = this;  // everything is this stripe's
                return out;
            }
            if (c + ueCount[s] > 0) out[s] = new IngestBatch(c, ueCount[s], receivedAtMs, receivedAtNanos);
        }
        if (cellStripe >= 0) {
            IngestBatch b = out[cellStripe];
            System.arraycopy(cellKeys, 0, b.cellKeys, 0, cells.length);
            System.arraycopy(sampleKeys, 0, b.sampleKeys, 0, cells.length);
            System.arraycopy(cells, 0, b.cells, 0, cells.length);
        }
        int[] at = new int[n];
        for (int i = 0; i < ues.length; i++) {
            IngestBatch b = out[stripeOfUe[i]];
            int j = at[stripeOfUe[i]]++;
            b.ueIds[j] = ueIds[i];
            b.ues[j] = ues[i];
        }
        return out;
    }

    /** The writer stripe of a UE id. */
    static int stripeOf(long ueId, int n) {
        long h = ueId * 0x9E3779B97F4A7C15L;  // spread consecutive ids (Fibonacci hashing)
        return (int) ((h >>> 33) % n);
    }

    /** The writer stripe of an E2 node's cells. */
    static int stripeOf(String nodeId, int n) {
        int h = nodeId.hashCode() * 0x9E3779B9;
        return (h >>> 1) % n;
    }

    int records() {
        return cells.length + ues.length;
    }
}
