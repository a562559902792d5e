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
    final long receivedAtNanos = System.nanoTime();

    IngestBatch(int cells, int ues, long receivedAtMs) {
        this.cellKeys = new CellKey[cells];
        this.sampleKeys = new CellSampleKey[cells];
        this.cells = new CellKpi[cells];
        this.ueIds = new long[ues];
        this.ues = new UeKpi[ues];
        this.receivedAtMs = receivedAtMs;
    }

    int records() {
        return cells.length + ues.length;
    }
}
