package io.jric.core.internal.xapp;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.ModelListener;
import java.util.Map;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyListener;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.descriptor.HandlerSpec;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One running xApp instance: its own thread and bounded event queue, so a slow or throwing xApp
 * only hurts itself. Events beyond the queue's capacity are dropped and counted; exceptions in
 * handlers are caught, counted and kept as {@link #lastError()}.
 *
 * <p>An xApp whose descriptor declares its KPM handler non-blocking ({@code handler.nonBlocking})
 * has its reports handled on the E2 transport thread that decoded them, with no hand-off, whenever
 * the instance is idle (nothing queued, no handler running); otherwise the report joins the queue,
 * so the xApp still sees one event at a time and a node's reports in order. Every call is timed; a
 * handler that overruns its budget more than {@link HandlerSpec#OVERRUN_LIMIT} times within
 * {@link HandlerSpec#WINDOW} calls (after the first {@link HandlerSpec#GRACE}) is demoted to the
 * instance's thread (counted in {@link #demotions}); its calls there are timed too, and after enough
 * windows with at most {@link HandlerSpec#PROMOTE_LIMIT} overruns each it goes back to the transport
 * thread (counted in {@link #promotions}).
 */
final class XappInstance {
    private static final Logger LOG = Logger.getLogger(XappInstance.class.getName());
    static final long START_TIMEOUT_MS = 10_000;
    static final long STOP_TIMEOUT_MS = 5_000;

    final String instanceId;
    final XappDescriptor descriptor;
    final ClassLoader loader;
    final Xapp xapp;
    final ThreadPoolExecutor executor;
    final ConcurrentHashMap<String, LongAdder> metrics = new ConcurrentHashMap<>();
    final LongAdder reports = new LongAdder();
    final LongAdder drops = new LongAdder();
    final LongAdder errors = new LongAdder();
    /** Reports handled on the E2 transport thread (non-blocking handlers). */
    final LongAdder inlineReports = new LongAdder();
    /** Reports of a non-blocking handler that were queued because the instance was busy at the time. */
    final LongAdder inlineBusy = new LongAdder();
    /** Calls of a non-blocking handler on the transport thread that took longer than its budget. */
    final LongAdder overruns = new LongAdder();
    /** Times the handler was moved from the transport thread to the instance's thread. */
    final LongAdder demotions = new LongAdder();
    /** Times a demoted handler went back to the transport thread. */
    final LongAdder promotions = new LongAdder();
    /** Whether reports are handled on the transport thread now. */
    private volatile boolean inline;
    private volatile String demotedBecause;
    private final long budgetNanos;
    /** Held while any handler or event of this instance runs, on whichever thread: one at a time. */
    private final java.util.concurrent.locks.ReentrantLock running = new java.util.concurrent.locks.ReentrantLock();
    /** Work handed to the instance thread and not finished yet; reports run inline only when it is 0. */
    private final java.util.concurrent.atomic.AtomicInteger queuedWork = new java.util.concurrent.atomic.AtomicInteger();
    /**
     * Inline calls so far, calls and overruns in the current window (inline while inline, on the instance's thread
     * while demoted), and clean windows still needed before a promotion (all guarded by {@link #running}).
     */
    private long inlineCalls;
    private int windowCalls;
    private int windowOverruns;
    private int cleanWindowsNeeded;
    /** Time the KPM handler took per report (recorded on the instance thread; allocation-free). */
    final io.jric.core.internal.telemetry.LatencyHistogram handlerLatency = new io.jric.core.internal.telemetry.LatencyHistogram();
    /** Controls of this instance by outcome, indexed by {@link io.jric.api.e2.ControlStatus#ordinal()}. */
    final LongAdder[] controls = newAdders(io.jric.api.e2.ControlStatus.values().length);
    final List<SubscriptionMerger.Channel> channels = new ArrayList<>();
    /** Continuous queries the instance opened; closed when it stops. */
    final List<AutoCloseable> queries = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Consumer<KpmReport> kpmHandler;
    volatile PolicyListener policyListener;
    volatile ModelListener modelListener;
    volatile String lastError = "";
    volatile String state = "starting";
    /** Makes the {@code xapp.kpm} span of each report's handling; null: no span, the indication's context only. */
    private final Tracer tracer;

    XappInstance(String instanceId, XappDescriptor descriptor, ClassLoader loader, Xapp xapp, Tracer tracer) {
        this.tracer = tracer;
        this.instanceId = instanceId;
        this.descriptor = descriptor;
        this.loader = loader;
        this.xapp = xapp;
        this.inline = descriptor.handler().nonBlocking();
        this.budgetNanos = descriptor.handler().budgetUs() * 1_000L;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(descriptor.queueCapacity()), r -> {
                    Thread t = new Thread(r, "xapp-" + instanceId);
                    t.setDaemon(true);
                    t.setContextClassLoader(loader);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    private static LongAdder[] newAdders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) a[i] = new LongAdder();
        return a;
    }

    /** Counts the outcome of one of this instance's controls. */
    void controlEnded(io.jric.api.e2.ControlOutcome outcome, Throwable failure) {
        io.jric.api.e2.ControlStatus st = outcome != null ? outcome.status() : io.jric.api.e2.ControlStatus.REFUSED;
        controls[st.ordinal()].increment();
    }

    /** Runs {@code start} on the instance's thread and waits for it (bounded). */
    void start(XappContextImpl ctx, SubscriptionMerger merger) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                xapp.start(ctx);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("xApp " + descriptor.name() + " did not return from start() within "
                    + START_TIMEOUT_MS + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("xApp " + descriptor.name() + " failed in start(): " + e.getCause(), e.getCause());
        }
        for (SubscriptionSpec s : descriptor.subscriptions()) channels.add(merger.open(instanceId, s, this::offerKpm));
        state = "running";
    }

    /**
     * Hands a report to the handler: at once on the calling (E2 transport) thread when the handler is
     * declared non-blocking and the instance is idle, else through the instance's queue. The handling
     * is one span ({@code xapp.kpm}), child of the span current where the report was offered (the
     * {@code e2.indication} that carried it), and current while the handler runs: the controls the
     * handler sends ({@code e2.control}) belong to the same trace. Without a tracer (export off) there
     * is no such span: the indication's context alone is current while the handler runs, and the
     * controls are its children.
     */
    void offerKpm(KpmReport report) {
        Consumer<KpmReport> h = kpmHandler;
        if (h == null) return;
        Context parent = Context.current();
        if (inline) {
            if (queuedWork.get() == 0 && running.tryLock()) {
                try {
                    if (queuedWork.get() == 0 && inline) {
                        Thread me = Thread.currentThread();
                        ClassLoader transportLoader = me.getContextClassLoader();
                        me.setContextClassLoader(loader);  // as on the instance's own thread
                        long took;
                        try {
                            took = handle(h, report, parent);
                        } finally {
                            me.setContextClassLoader(transportLoader);
                        }
                        inlineReports.increment();
                        checkBudget(took);
                        return;
                    }
                } finally {
                    running.unlock();
                }
            }
            inlineBusy.increment();
            offer(() -> handle(h, report, parent));
            return;
        }
        if (demotedBecause != null) {
            offer(() -> checkDemoted(handle(h, report, parent)));  // timed on its thread: may go back
            return;
        }
        offer(() -> handle(h, report, parent));
    }

    /** Queues a report for the handler on the instance's thread (reports forwarded from other RIC processes). */
    void offerKpmQueued(KpmReport report) {
        Consumer<KpmReport> h = kpmHandler;
        if (h == null) return;
        Context parent = Context.current();
        offer(() -> handle(h, report, parent));
    }

    /** Runs the handler on the current thread (the caller holds {@link #running}); returns the time it took. */
    private long handle(Consumer<KpmReport> h, KpmReport report, Context parent) {
        reports.increment();
        long t0 = System.nanoTime();
        if (tracer == null) {
            try (Scope ignored = parent.makeCurrent()) {
                h.accept(report);
            } catch (Throwable t) {
                failed(t);
            }
            long took = System.nanoTime() - t0;
            handlerLatency.record(took);
            return took;
        }
        Span span = tracer.spanBuilder("xapp.kpm").setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan();
        try (Scope ignored = span.makeCurrent()) {
            h.accept(report);
        } catch (Throwable e) {
            span.setStatus(StatusCode.ERROR, String.valueOf(e));
            failed(e);
        }
        long took = System.nanoTime() - t0;
        handlerLatency.record(took);
        if (span.isRecording()) {
            span.setAttribute("xapp.name", descriptor.name());
            span.setAttribute("xapp.instance", instanceId);
            span.setAttribute("e2.node", report.nodeId());
        }
        span.end();
        return took;
    }

    private void failed(Throwable t) {
        errors.increment();
        lastError = t.toString();
        LOG.log(Level.FINE, "xApp " + instanceId + " handler failed", t);
    }

    /** After an inline call (the caller holds {@link #running}): counts an overrun, demotes past the limit. */
    private void checkBudget(long tookNanos) {
        boolean over = tookNanos > budgetNanos;
        if (over) overruns.increment();
        if (++inlineCalls <= HandlerSpec.GRACE) return;
        if (windowCalls == HandlerSpec.WINDOW) windowCalls = windowOverruns = 0;
        windowCalls++;
        if (over && ++windowOverruns > HandlerSpec.OVERRUN_LIMIT) {
            long n = demotions.sum();
            demotedBecause = String.format(java.util.Locale.ROOT, "%d of %d calls overran the %d us budget (the last took %d us)",
                    windowOverruns, windowCalls, budgetNanos / 1000, tookNanos / 1000);
            cleanWindowsNeeded = (int) Math.min(HandlerSpec.MAX_CLEAN_WINDOWS, 1L << Math.min(n, 30));
            windowCalls = windowOverruns = 0;
            inline = false;
            demotions.increment();
            LOG.warning(() -> "xApp " + instanceId + ": its non-blocking KPM handler moves to the instance's own thread: "
                    + demotedBecause + "; it goes back after " + cleanWindowsNeeded + " window(s) of "
                    + HandlerSpec.WINDOW + " calls there with at most " + HandlerSpec.PROMOTE_LIMIT + " overruns");
        }
    }

    /** After a call of a demoted handler on the instance's thread (holding {@link #running}): back inline when it keeps within budget. */
    private void checkDemoted(long tookNanos) {
        if (kpmHandler == null || inline) return;  // stopping, or already back
        if (tookNanos > budgetNanos) windowOverruns++;
        if (++windowCalls < HandlerSpec.WINDOW) return;
        boolean clean = windowOverruns <= HandlerSpec.PROMOTE_LIMIT;
        windowCalls = windowOverruns = 0;
        if (!clean || --cleanWindowsNeeded > 0) return;
        demotedBecause = null;
        promotions.increment();
        inline = true;
        LOG.info(() -> "xApp " + instanceId + ": its non-blocking KPM handler is back on the E2 transport thread (within "
                + budgetNanos / 1000 + " us in all but at most " + HandlerSpec.PROMOTE_LIMIT + " of " + HandlerSpec.WINDOW
                + " calls on its own thread)");
    }

    /** How reports reach the handler now: "thread", "inline", or "thread (demoted: why)". */
    String dispatch() {
        if (inline) return "inline";
        String why = demotedBecause;
        return why == null ? "thread" : "thread (demoted: " + why + ")";
    }

    /** Queues work on the instance thread; false (and a counted drop) when the queue is full. */
    boolean offer(Runnable work) {
        queuedWork.incrementAndGet();
        try {
            executor.execute(() -> {
                running.lock();
                try {
                    work.run();
                } catch (Throwable t) {
                    failed(t);
                } finally {
                    queuedWork.decrementAndGet();
                    running.unlock();
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            queuedWork.decrementAndGet();
            drops.increment();
            return false;
        }
    }

    /** Delivers a policy event on the instance thread; the status says whether the xApp enforces it. */
    CompletableFuture<PolicyStatus> policy(PolicyEvent e) {
        PolicyListener l = policyListener;
        if (l == null) {
            return CompletableFuture.completedFuture(PolicyStatus.notEnforced(
                    "xApp " + descriptor.name() + " registered no policy listener"));
        }
        CompletableFuture<PolicyStatus> f = new CompletableFuture<>();
        if (!offer(() -> {
            try {
                PolicyStatus s = l.policy(e);
                f.complete(s == null ? PolicyStatus.notEnforced("listener returned no status") : s);
            } catch (RuntimeException t) {
                f.complete(PolicyStatus.notEnforced("xApp failed: " + t));
                errors.increment();
                lastError = t.toString();
            }
        })) {
            f.complete(PolicyStatus.notEnforced("xApp " + instanceId + " is overloaded (event queue full)"));
        }
        return f;
    }

    /** Delivers a model on the instance thread; completes exceptionally when the xApp rejects it. */
    CompletableFuture<Void> model(ModelEvent e) {
        ModelListener l = modelListener;
        if (l == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "xApp " + descriptor.name() + " registered no model listener"));
        }
        if (e.canary() && !l.servesCanaries()) {
            return CompletableFuture.failedFuture(new IllegalStateException("xApp " + descriptor.name()
                    + " serves no canaries (its model listener does not say servesCanaries)"));
        }
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (!offer(() -> {
            try {
                l.modelActivated(e);
                f.complete(null);
            } catch (Exception ex) {
                f.completeExceptionally(ex);
            }
        })) {
            f.completeExceptionally(new IllegalStateException("xApp " + instanceId + " is overloaded (event queue full)"));
        }
        return f;
    }

    /**
     * Scores a model version on experience rows (the validation gate), on the caller's thread: the xApp's
     * {@code scoreModel} loads the version apart and does not touch what serves.
     */
    Map<String, Double> score(ModelEvent e, List<io.jric.api.xapp.ExperienceSample> rows) throws Exception {
        ModelListener l = modelListener;
        if (l == null) throw new IllegalStateException("xApp " + descriptor.name() + " registered no model listener");
        return l.scoreModel(e, rows);
    }

    /** Trains a version from experience rows (the retraining job), on the caller's thread (the xApp's {@code trainModel}). */
    io.jric.api.xapp.TrainedModel train(ModelEvent parent, List<io.jric.api.xapp.ExperienceSample> rows, long seed) throws Exception {
        ModelListener l = modelListener;
        if (l == null) throw new IllegalStateException("xApp " + descriptor.name() + " registered no model listener");
        return l.trainModel(parent, rows, seed);
    }

    /** One federated retraining round on this node's rows (the xApp's {@code trainLocal}), on the caller's thread. */
    io.jric.api.xapp.LocalUpdate trainLocal(ModelEvent parent, float[] global, List<io.jric.api.xapp.ExperienceSample> rows, long seed,
                                            int round, int epochs) throws Exception {
        ModelListener l = modelListener;
        if (l == null) throw new IllegalStateException("xApp " + descriptor.name() + " registered no model listener");
        return l.trainLocal(parent, global, rows, seed, round, epochs);
    }

    /** The version file of averaged parameters (the xApp's {@code federatedModel}), on the caller's thread. */
    io.jric.api.xapp.TrainedModel federatedModel(ModelEvent parent, float[] params, Map<String, Double> validation,
                                                 Map<String, Long> rows, long seed) throws Exception {
        ModelListener l = modelListener;
        if (l == null) throw new IllegalStateException("xApp " + descriptor.name() + " registered no model listener");
        return l.federatedModel(parent, params, validation, rows, seed);
    }

    /** Releases the channels, calls {@code stop} (bounded) and ends the thread. */
    void stop(SubscriptionMerger merger) {
        state = "stopping";
        for (SubscriptionMerger.Channel c : channels) merger.close(c);
        channels.clear();
        for (AutoCloseable q : queries) {
            try {
                q.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a continuous query of " + instanceId, e);
            }
        }
        queries.clear();
        kpmHandler = null;
        policyListener = null;
        modelListener = null;
        inline = false;
        executor.getQueue().clear();
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                running.lock();  // an inline handler still running on a transport thread finishes first
                try {
                    xapp.stop();
                } catch (Throwable t) {
                    LOG.log(Level.INFO, "xApp " + instanceId + " failed in stop()", t);
                } finally {
                    running.unlock();
                }
                done.complete(null);
            });
            done.get(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.info("xApp " + instanceId + " did not stop within " + STOP_TIMEOUT_MS + " ms; abandoning its thread");
        }
        executor.shutdownNow();
        if (loader instanceof XappClassLoader) {
            try {
                ((XappClassLoader) loader).close();
            } catch (java.io.IOException e) {
                LOG.log(Level.FINE, "closing class loader", e);
            }
        }
        state = "stopped";
    }

    String lastError() {
        return lastError;
    }
}
