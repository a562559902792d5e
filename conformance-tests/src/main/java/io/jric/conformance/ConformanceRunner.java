package io.jric.conformance;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the selected catalogue cases against suites, one case at a time, each bounded by a
 * timeout, printing one progress line per case ({@code [3/27] E2-SETUP-002 ... PASS (120 ms)}).
 * Planned cases that apply to the target are listed as {@link Outcome#NOT_RUN}, never as passed.
 */
public final class ConformanceRunner {
    private final Catalogue catalogue;
    private final List<Suite> suites;
    private final String selection;
    private final Duration caseTimeout;
    private final PrintStream progress;
    private final String targetDescription;

    private ConformanceRunner(Builder b) {
        this.catalogue = Objects.requireNonNull(b.catalogue, "catalogue");
        this.suites = List.copyOf(b.suites);
        this.selection = b.selection;
        this.caseTimeout = b.caseTimeout;
        this.progress = b.progress;
        this.targetDescription = b.targetDescription;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One planned execution: a case against one suite (or a not-run entry). */
    private record Planned(CaseSpec spec, TargetKind target, Suite suite) {}

    /** Runs every selected case that applies to a suite's target; never throws for a failing case. */
    public Report run() {
        Set<TargetKind> kinds = new LinkedHashSet<>();
        for (Suite s : suites) kinds.add(s.target());
        List<Planned> plan = new ArrayList<>();
        for (CaseSpec c : catalogue.select(selection)) {
            for (TargetKind k : kinds) {
                if (!c.appliesTo(k)) continue;
                Suite owner = null;
                for (Suite s : suites) if (s.target() == k && s.suite().equals(c.suite())) owner = s;
                plan.add(new Planned(c, k, owner));
            }
        }
        boolean showTarget = kinds.size() > 1;
        Instant started = Instant.now();
        List<CaseResult> results = new ArrayList<>();
        int n = 0;
        for (Planned p : plan) {
            n++;
            String label = "[" + n + "/" + plan.size() + "] " + p.spec.id() + (showTarget ? " (" + p.target.id() + ")" : "");
            if (progress != null) {
                progress.print(label + " ... ");
                progress.flush();
            }
            CaseResult r = runOne(p);
            results.add(r);
            if (progress != null) {
                progress.println(r.outcome() + (r.outcome() == Outcome.NOT_RUN ? " (planned)" : " (" + r.durationMs() + " ms)"));
                if (r.outcome() == Outcome.FAIL || r.outcome() == Outcome.SKIP) {
                    progress.println("      " + firstLine(r.message()));
                }
            }
        }
        Report report = new Report(targetDescription, started, Duration.between(started, Instant.now()), results);
        if (progress != null) progress.println(report.summaryLine());
        return report;
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i) + " ...";
    }

    private CaseResult runOne(Planned p) {
        if (!p.spec.implemented()) {
            return new CaseResult(p.spec, p.target, Outcome.NOT_RUN, 0,
                    "planned: no code for this case yet; it was not run", List.of());
        }
        CaseContext ctx = new CaseContext(p.spec, p.target, caseTimeout);
        long start = System.nanoTime();
        Map<String, CaseBody> bodies = p.suite == null ? Map.of() : p.suite.cases();
        CaseBody body = bodies.get(p.spec.id());
        if (body == null) {
            return new CaseResult(p.spec, p.target, Outcome.FAIL, 0, "harness error: the catalogue marks "
                    + p.spec.id() + " implemented for " + p.target.id() + " but no " + p.spec.suite()
                    + " suite for that target has code for it", List.of());
        }
        FutureTask<Void> task = new FutureTask<>(() -> {
            body.run(ctx);
            return null;
        });
        Thread t = new Thread(task, "conformance-" + p.spec.id());
        t.setDaemon(true);
        t.start();
        Outcome outcome;
        String message;
        try {
            task.get(caseTimeout.toMillis(), TimeUnit.MILLISECONDS);
            outcome = Outcome.PASS;
            message = "";
        } catch (TimeoutException e) {
            task.cancel(true);
            outcome = Outcome.FAIL;
            message = "timed out after " + caseTimeout.toMillis() + " ms (the per-case timeout); the transcript shows how far it got";
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            outcome = Outcome.FAIL;
            message = "interrupted";
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof CaseSkipped) {
                outcome = Outcome.SKIP;
                message = "precondition not met: " + c.getMessage();
            } else if (c instanceof CaseFailure) {
                outcome = Outcome.FAIL;
                message = c.getMessage();
            } else {
                outcome = Outcome.FAIL;
                message = "the case broke: " + c;
                ctx.note("exception: " + stack(c));
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        return new CaseResult(p.spec, p.target, outcome, ms, message, ctx.transcript());
    }

    private static String stack(Throwable t) {
        StringBuilder b = new StringBuilder(t.toString());
        StackTraceElement[] st = t.getStackTrace();
        for (int i = 0; i < Math.min(8, st.length); i++) b.append(" | at ").append(st[i]);
        return b.toString();
    }

    public static final class Builder {
        private Catalogue catalogue;
        private final List<Suite> suites = new ArrayList<>();
        private String selection = "";
        private Duration caseTimeout = Duration.ofSeconds(30);
        private PrintStream progress = System.out;
        private String targetDescription = "";

        public Builder catalogue(Catalogue c) { catalogue = c; return this; }

        public Builder suite(Suite s) { suites.add(s); return this; }

        public Builder suites(List<? extends Suite> s) { suites.addAll(s); return this; }

        /** Comma-separated id globs ({@code E2-*}); empty: every case. */
        public Builder select(String s) { selection = s == null ? "" : s; return this; }

        public Builder caseTimeout(Duration d) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("case timeout: " + d + " (expected: > 0)");
            caseTimeout = d;
            return this;
        }

        /** Where progress lines go; null for none. */
        public Builder progress(PrintStream p) { progress = p; return this; }

        /** What was tested, for the reports (e.g. {@code ric e2=127.0.0.1:36421 admin=http://...}). */
        public Builder target(String description) { targetDescription = description; return this; }

        public ConformanceRunner build() {
            return new ConformanceRunner(this);
        }
    }
}
