package io.jric.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a running case has: its spec, its deadline, and a transcript of what was sent to and
 * received from the target (kept for the report of a failing case).
 */
public final class CaseContext {
    /** Most transcript lines kept per case; later ones are counted, not kept. */
    static final int MAX_LINES = 400;
    /** Longest transcript line kept. */
    static final int MAX_LINE = 2_000;

    private final CaseSpec spec;
    private final TargetKind target;
    private final long deadlineNanos;
    private final long startNanos = System.nanoTime();
    private final List<String> transcript = new ArrayList<>();
    private int dropped;

    CaseContext(CaseSpec spec, TargetKind target, Duration timeout) {
        this.spec = spec;
        this.target = target;
        this.deadlineNanos = startNanos + timeout.toNanos();
    }

    public CaseSpec spec() {
        return spec;
    }

    public TargetKind target() {
        return target;
    }

    /** Time left before the runner's per-case timeout, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** {@code wanted}, but no longer than what is left of the case's time. */
    public Duration within(Duration wanted) {
        Duration r = remaining();
        return wanted.compareTo(r) < 0 ? wanted : r;
    }

    /** Records a PDU or request the harness sent. */
    public void sent(String what) {
        line("-> " + what);
    }

    /** Records a PDU or answer the harness received. */
    public void received(String what) {
        line("<- " + what);
    }

    /** Records a note (a step, an observation). */
    public void note(String what) {
        line("   " + what);
    }

    private synchronized void line(String s) {
        if (transcript.size() >= MAX_LINES) {
            dropped++;
            return;
        }
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        String l = String.format("%6d ms %s", ms, s);
        transcript.add(l.length() > MAX_LINE ? l.substring(0, MAX_LINE) + " ...(" + l.length() + " chars)" : l);
    }

    /** The transcript so far. */
    public synchronized List<String> transcript() {
        List<String> out = new ArrayList<>(transcript);
        if (dropped > 0) out.add("   ... " + dropped + " more line(s) not kept");
        return out;
    }

    /** Fails the case. */
    public CaseFailure fail(String message) {
        throw new CaseFailure(message);
    }

    /** Fails the case unless {@code condition}. */
    public void check(boolean condition, String message) {
        if (!condition) throw new CaseFailure(message);
    }

    /** Skips the case: the target does not meet a precondition. */
    public CaseSkipped skip(String precondition) {
        throw new CaseSkipped(precondition);
    }
}
