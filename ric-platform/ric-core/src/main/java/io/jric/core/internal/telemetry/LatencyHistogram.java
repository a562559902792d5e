package io.jric.core.internal.telemetry;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with log-linear buckets (16 per power of two, so about 4 %
 * relative error) from 1 ns to about 68 s. Recording is one array increment.
 */
public final class LatencyHistogram {
    private static final int SUB = 16;
    private static final int SUB_BITS = 4;
    private static final int POWERS = 37;
    private final AtomicLongArray buckets = new AtomicLongArray(POWERS * SUB);
    private final LongAdder count = new LongAdder();

    /** Records one latency in nanoseconds (negative values count as 0). */
    public void record(long nanos) {
        buckets.incrementAndGet(index(Math.max(0, nanos)));
        count.increment();
    }

    /** Number of recorded values. */
    public long count() {
        return count.sum();
    }

    /** The value at the given percentile (0..100), in nanoseconds; 0 when empty. */
    public long percentile(double p) {
        long total = 0;
        long[] snap = new long[buckets.length()];
        for (int i = 0; i < snap.length; i++) {
            snap[i] = buckets.get(i);
            total += snap[i];
        }
        if (total == 0) return 0;
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < snap.length; i++) {
            seen += snap[i];
            if (seen >= rank) return upperBound(i);
        }
        return upperBound(snap.length - 1);
    }

    /**
     * Distributes the recorded values over coarser buckets (for export, e.g. as a Prometheus
     * histogram): {@code counts[i]} receives the values of at most {@code boundsNanos[i]} and more
     * than the previous bound, {@code counts[bounds.length]} those above the last bound. A value is
     * placed by the upper edge of its fine bucket (about 4 % wide), so one near a bound may land in
     * the next coarse bucket. Reads the buckets once; allocates nothing.
     *
     * @param boundsNanos ascending upper bounds, in nanoseconds
     * @param counts receives the (non-cumulative) counts; length {@code boundsNanos.length + 1}; added to, not cleared
     * @return an estimate of the sum of the values, in nanoseconds (each counted at its fine bucket's middle)
     */
    public double distribute(long[] boundsNanos, long[] counts) {
        if (counts.length != boundsNanos.length + 1) {
            throw new IllegalArgumentException("counts must have boundsNanos.length + 1 elements");
        }
        double sum = 0;
        int b = 0;
        for (int i = 0; i < buckets.length(); i++) {
            long n = buckets.get(i);
            if (n == 0) continue;
            long upper = upperBound(i);
            long lower = i == 0 ? 0 : upperBound(i - 1) + 1;
            sum += n * ((lower + upper) / 2.0);
            while (b < boundsNanos.length && upper > boundsNanos[b]) b++;
            counts[b] += n;
        }
        return sum;
    }

    /** Forgets everything recorded. */
    public void reset() {
        for (int i = 0; i < buckets.length(); i++) buckets.set(i, 0);
        count.reset();
    }

    static int index(long v) {
        if (v < SUB) return (int) v;
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - SUB_BITS;
        int sub = (int) ((v >>> shift) & (SUB - 1));
        int idx = (shift + 1) * SUB + sub;
        return Math.min(idx, POWERS * SUB - 1);
    }

    static long upperBound(int idx) {
        if (idx < SUB) return idx;
        int shift = idx / SUB - 1;
        long sub = idx % SUB;
        return ((SUB + sub + 1) << shift) - 1;
    }
}
