package io.jric.api.xapp.descriptor;

import java.util.Locale;

/**
 * How the platform calls an xApp's KPM handler (the descriptor's {@code handler}). By default the
 * handler runs on the instance's own thread, behind its bounded queue. An xApp whose handler never
 * blocks (no grid reads, no I/O, no waiting on locks or futures) may declare it {@link #nonBlocking()}:
 * the handler then runs on the E2 transport thread that decoded the report, saving the hand-off to
 * the instance's thread, within a wall-time {@link #budgetUs()} per call. A handler that overruns the
 * budget too often (more than {@link #OVERRUN_LIMIT} calls of a window of {@link #WINDOW} after the
 * first {@link #GRACE} calls) is demoted to the instance's own thread, and the demotion is counted; it
 * goes back once its calls there keep within the budget again ({@link #PROMOTE_LIMIT}).
 */
public final class HandlerSpec {
    /** Default {@link #budgetUs()}. */
    public static final int DEFAULT_BUDGET_US = 200;
    /** Calls after start whose overruns do not count (the JIT compiles the handler meanwhile). */
    public static final int GRACE = 1_000;
    /** Calls per window in which overruns are counted. */
    public static final int WINDOW = 200;
    /**
     * More overruns than this within one window (a quarter of it) demote the handler: a handler whose
     * calls take longer than the budget as a rule, not one that a busy machine preempted now and then.
     */
    public static final int OVERRUN_LIMIT = 50;
    /**
     * A demoted handler goes back to the transport thread after whole windows of calls on the instance's own thread
     * with at most this many overruns each (a twentieth): one such window after its first demotion, twice as many
     * after each further one (at most {@link #MAX_CLEAN_WINDOWS}), so that a transient stall (a collection, a busy
     * minute of the machine) does not cost the handler its place for good and a handler that is slow by turns does
     * not flap.
     */
    public static final int PROMOTE_LIMIT = 10;
    /** The most clean windows a demoted handler needs before it goes back to the transport thread. */
    public static final int MAX_CLEAN_WINDOWS = 64;
    /** The default: the handler runs on the instance's own thread. */
    public static final HandlerSpec DEFAULT = new HandlerSpec(false, DEFAULT_BUDGET_US);

    private final boolean nonBlocking;
    private final int budgetUs;

    /**
     * @param nonBlocking run the KPM handler on the E2 transport thread
     * @param budgetUs wall time one call may take there, in microseconds (10 .. 100,000)
     */
    public HandlerSpec(boolean nonBlocking, int budgetUs) {
        if (budgetUs < 10 || budgetUs > 100_000) {
            throw new IllegalArgumentException("budgetUs: " + budgetUs + " (expected: 10 .. 100000)");
        }
        this.nonBlocking = nonBlocking;
        this.budgetUs = budgetUs;
    }

    /** Whether the KPM handler runs on the E2 transport thread. */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /** Wall time in microseconds one handler call may take on the transport thread. */
    public int budgetUs() {
        return budgetUs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandlerSpec && ((HandlerSpec) o).nonBlocking == nonBlocking && ((HandlerSpec) o).budgetUs == budgetUs;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(nonBlocking) * 31 + budgetUs;
    }

    @Override
    public String toString() {
        return nonBlocking ? String.format(Locale.ROOT, "handler non-blocking (budget %d us)", budgetUs) : "handler on its own thread";
    }
}
