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

    int records() {
        return cells.length + ues.length;
    }
}
