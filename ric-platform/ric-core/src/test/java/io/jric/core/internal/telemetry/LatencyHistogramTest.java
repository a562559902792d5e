package io.jric.core.internal.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesWithinFourPercent() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) h.record(v * 1000);
        assertEquals(100_000, h.count());
        long p50 = h.percentile(50);
        long p99 = h.percentile(99);
        assertTrue(Math.abs(p50 - 50_000_000L) <= 0.07 * 50_000_000L, "p50=" + p50);
        assertTrue(Math.abs(p99 - 99_000_000L) <= 0.07 * 99_000_000L, "p99=" + p99);
        assertTrue(h.percentile(100) >= 100_000_000L);
    }

    @Test
    void smallValuesExactAndResetEmpties() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(3);
        h.record(3);
        h.record(7);
        assertEquals(3, h.percentile(50));
        assertEquals(7, h.percentile(100));
        h.reset();
        assertEquals(0, h.count());
        assertEquals(0, h.percentile(99));
    }

    @Test
    void bucketBoundsAreMonotonic() {
        long prev = -1;
        for (int i = 0; i < 37 * 16; i++) {
            long ub = LatencyHistogram.upperBound(i);
            assertTrue(ub > prev, "bucket " + i);
            assertEquals(i, LatencyHistogram.index(ub), "index of upper bound " + ub);
            prev = ub;
        }
    }
}
