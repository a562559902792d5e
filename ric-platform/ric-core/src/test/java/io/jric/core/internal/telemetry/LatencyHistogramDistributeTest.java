package io.jric.core.internal.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link LatencyHistogram#distribute}: coarse export buckets from the fine ones, and an estimated sum. */
class LatencyHistogramDistributeTest {
    @Test
    void valuesLandInTheFirstBucketWhoseBoundTheyDoNotExceed() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(5_000);        // 5 us
        h.record(40_000);       // 40 us
        h.record(40_000);
        h.record(3_000_000);    // 3 ms
        h.record(5_000_000_000L); // 5 s: above the last bound
        long[] bounds = {10_000, 50_000, 1_000_000, 10_000_000, 1_000_000_000};
        long[] counts = new long[bounds.length + 1];
        double sum = h.distribute(bounds, counts);
        assertArrayEquals(new long[] {1, 2, 0, 1, 0, 1}, counts);
        double exact = 5_000 + 80_000 + 3_000_000 + 5_000_000_000.0;
        assertEquals(exact, sum, exact * 0.04, "sum within the fine buckets' 4 %");
    }
}
