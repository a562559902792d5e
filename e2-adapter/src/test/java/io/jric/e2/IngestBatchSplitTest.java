package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.UeKpi;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How an indication's records are split over the grid writers (issue 17): each key always to the same writer (the
 * node's cells together, each UE by its id), nothing lost or repeated, and the records' order kept within a writer.
 */
class IngestBatchSplitTest {
    private static IngestBatch batch(String node, int cells, long[] ueIds) {
        IngestBatch b = new IngestBatch(cells, ueIds.length, 1_700_000_000_000L);
        for (int i = 0; i < cells; i++) {
            String cell = String.format("00f110:%09x", i + 1);
            b.cellKeys[i] = new CellKey(node, cell);
            b.sampleKeys[i] = new CellSampleKey(node, cell, 1_700_000_000_000L);
            b.cells[i] = new CellKpi().nodeId(node).cellId(cell);
        }
        for (int i = 0; i < ueIds.length; i++) {
            b.ueIds[i] = ueIds[i];
            b.ues[i] = new UeKpi().ueId(ueIds[i]).timestampMs(i);  // the position, to check the order
        }
        return b;
    }

    @Test
    void everyKeyGoesToItsOwnWriterOnceAndInOrder() {
        Random r = new Random(17);
        for (int n = 1; n <= 4; n++) {
            for (int round = 0; round < 200; round++) {
                String node = "gnb:00f110:" + r.nextInt(1000) + "/22";
                long[] ids = new long[r.nextInt(60)];
                for (int i = 0; i < ids.length; i++) ids[i] = r.nextInt(100_000);
                IngestBatch b = batch(node, r.nextInt(4), ids);
                IngestBatch[] parts = b.split(n);
                assertEquals(n, parts.length);
                int records = 0;
                List<Long> seen = new ArrayList<>();
                for (int s = 0; s < n; s++) {
                    IngestBatch p = parts[s];
                    if (p == null) continue;
                    records += p.records();
                    assertTrue(p.records() > 0 || b.records() == 0, "no empty part");
                    assertEquals(b.receivedAtMs, p.receivedAtMs);
                    assertEquals(b.receivedAtNanos, p.receivedAtNanos);
                    for (int i = 0; i < p.cells.length; i++) {
                        assertEquals(IngestBatch.stripeOf(node, n), s, "cells go with their node");
                        assertSame(b.cells[i], p.cells[i]);
                        assertSame(b.cellKeys[i], p.cellKeys[i]);
                        assertSame(b.sampleKeys[i], p.sampleKeys[i]);
                    }
                    long lastPos = -1;
                    for (int i = 0; i < p.ues.length; i++) {
                        assertEquals(IngestBatch.stripeOf(p.ueIds[i], n), s, "a UE goes to its id's writer");
                        assertEquals(p.ueIds[i], p.ues[i].ueId());
                        assertTrue(p.ues[i].timestampMs() > lastPos, "order kept within the part");
                        lastPos = p.ues[i].timestampMs();
                        seen.add(p.ues[i].timestampMs());
                    }
                }
                assertEquals(b.records(), records, "nothing lost or repeated");
                assertEquals(ids.length, seen.size());
                assertEquals(ids.length, seen.stream().distinct().count());
            }
        }
    }

    @Test
    void aBatchOneWriterTakesWholeIsNotCopied() {
        IngestBatch cellsOnly = batch("gnb:00f110:1/22", 3, new long[0]);
        IngestBatch[] parts = cellsOnly.split(2);
        assertSame(cellsOnly, parts[IngestBatch.stripeOf("gnb:00f110:1/22", 2)]);
        assertNull(parts[1 - IngestBatch.stripeOf("gnb:00f110:1/22", 2)]);
        assertSame(cellsOnly, cellsOnly.split(1)[0]);
    }

    @Test
    void consecutiveUeIdsSpreadOverTheWriters() {
        int[] perStripe = new int[2];
        for (long id = 0; id < 4000; id++) perStripe[IngestBatch.stripeOf(id, 2)]++;
        assertTrue(perStripe[0] > 1500 && perStripe[1] > 1500, perStripe[0] + " / " + perStripe[1]);
    }
}
