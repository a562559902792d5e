package io.jric.sim;

/**
 * A reader's position in the cells' cumulative counters, so that period measurements are "since this
 * reader's last report". Each subscription (or any other consumer) owns one; reading through one cursor
 * never resets another's. Create with {@link RanModel#newCursor()}; guarded by the model's lock.
 */
public final class PeriodCursor {
    final double[][] seen;
    final long[] lastReadMs;

    PeriodCursor(double[][] seen, long[] lastReadMs) {
        this.seen = seen;
        this.lastReadMs = lastReadMs;
    }
}
