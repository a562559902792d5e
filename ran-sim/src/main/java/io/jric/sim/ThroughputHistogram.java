package io.jric.sim;

/** Fixed-bin histogram of throughput samples (0.05 Mbit/s bins, last bin open-ended). */
final class ThroughputHistogram {
    private static final double BIN_MBPS = 0.05;
    private final long[] bins = new long[20_000];
    private long count;
    private double sum;

    void add(double mbps) {
        int bin = (int) Math.min(bins.length - 1, Math.max(0, mbps / BIN_MBPS));
        bins[bin]++;
        count++;
        sum += mbps;
    }

    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** The p-quantile (0..1) as the centre of its bin; 0 when empty. */
    double quantile(double p) {
        if (count == 0) return 0;
        long rank = (long) Math.ceil(p * count);
        if (rank < 1) rank = 1;
        long acc = 0;
        for (int i = 0; i < bins.length; i++) {
            acc += bins[i];
            if (acc >= rank) return (i + 0.5) * BIN_MBPS;
        }
        return (bins.length - 0.5) * BIN_MBPS;
    }
}
