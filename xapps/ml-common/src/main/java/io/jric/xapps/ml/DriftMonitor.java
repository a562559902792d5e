package io.jric.xapps.ml;

import io.jric.api.xapp.XappContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches an ML xApp's inputs for drift from the data its active model was trained on (issue #15, item 7).
 *
 * <p><b>Serving side.</b> The xApp hands every row it gives the model to {@link #observe} (or only the
 * features it watches, see below): per watched feature, the value's bin in the model's
 * {@link DriftReference} goes into a sliding window of the last {@code windowSamples} rows (one byte per
 * feature and row) and the window's per-bin counts move by one: O(features x log(bins)) per row, no
 * allocation. Every {@code evaluateEveryMs} a shared background thread ({@code jric-drift}) computes the
 * population stability index (PSI, {@link DriftReference#psi}) of each feature with at least
 * {@code minSamples} values in the window against its training distribution.
 *
 * <p><b>Drift.</b> Raised when the largest PSI reaches {@code psiThreshold} (default 0.25, the usual
 * "significant shift"), cleared when it falls below {@code clearBelowPsi} (default half of it). Each change
 * (and nothing else) publishes a finding to the grid cache {@value #FINDINGS} (key
 * {@code <xapp>@<instance>@<timeMs>-<n>}, JSON {@code {xapp, instance, model, kind: "input", state: "raised" |
 * "cleared", psiMax, feature, psi: {feature: psi, ...} (the 8 largest), threshold, samples, timeMs}}, kept 60
 * minutes like every published entry; the admin API's {@code GET /ric/v1/drift} lists them), logs it at
 * WARNING (raised) or INFO (cleared), and calls the {@link #onDrift} listeners: the hook that can start
 * retraining (the retraining job itself is issue #15 item 3).
 *
 * <p><b>Prediction error.</b> Where the xApp can observe the outcome of a prediction it calls
 * {@link #observeError} (e.g. power control: the cell's predicted input power against the energy it then
 * reported); the rolling mean squared error over the last {@code windowSamples} outcomes is compared with the
 * model's validation MSE ({@code <output>.mse} in {@link ModelMetadata#validation()}); at {@code errorFactor}
 * times it or more (default 4) with at least {@code minSamples} outcomes a finding of kind {@code "error"} is
 * raised the same way.
 *
 * <p><b>Metrics</b> (the instance's, so {@code ./ric xapp status} and {@code /metrics} show them; PSI in
 * thousandths): {@code drift.reference} (1 while the active model has a reference), {@code drift.samples},
 * {@code drift.evaluations}, {@code drift.psi.<feature>}, {@code drift.psiMax}, {@code drift.drifting} (1
 * while raised), {@code drift.findings} (raised, inputs and errors), {@code drift.error.<output>.ratio}
 * (rolling MSE / validation MSE, thousandths), {@code drift.errorDrifting}.
 *
 * <p><b>Config</b> (the xApp's {@code drift} object): {@code enabled} (true), {@code psiThreshold} (0.25),
 * {@code clearBelowPsi} (half the threshold), {@code windowSamples} (2000, 100..100000), {@code minSamples}
 * (500, at most the window), {@code evaluateEveryMs} (5000, 100..3600000), {@code errorFactor} (4). A model
 * without a reference (trained before references existed, or imported from Keras) is not watched:
 * {@code drift.reference} is 0 and nothing is raised for its inputs.
 *
 * <p>Thread-safe: observations on the xApp's thread, evaluation on the timer thread, under this object's lock.
 */
public final class DriftMonitor implements AutoCloseable {
    /** The grid cache drift findings are published to. */
    public static final String FINDINGS = "ric.ml.drift";
    /** Findings' feature PSIs listed, largest first. */
    static final int TOP = 8;
    private static final int MAX_OUTPUTS = 16;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jric-drift");
        t.setDaemon(true);
        return t;
    });

    /**
     * What {@link #onDrift} listeners get: a drift raised or cleared.
     *
     * @param xapp         the xApp's name
     * @param instance     the instance id
     * @param modelVersion the active model's version
     * @param kind         {@code input} (PSI of the inputs) or {@code error} (prediction error)
     * @param raised       true when raised, false when cleared
     * @param value        the largest PSI ({@code input}) or the error ratio ({@code error})
     * @param feature      the feature (input) or output (error) with that value
     * @param psi          per feature PSI (the {@value #TOP} largest, largest first; empty for {@code error})
     * @param threshold    the threshold crossed
     * @param samples      rows (or outcomes) in the window
     * @param timeMs       wall clock of the evaluation
     */
    public record DriftEvent(String xapp, String instance, String modelVersion, String kind, boolean raised, double value,
                             String feature, Map<String, Double> psi, double threshold, long samples, long timeMs) {}

    /** The settings (config object {@code drift}). */
    public record Settings(boolean enabled, double psiThreshold, double clearBelowPsi, int windowSamples, int minSamples,
                           long evaluateEveryMs, double errorFactor) {
        /** Defaults. */
        public static final Settings DEFAULT = new Settings(true, 0.25, 0.125, 2000, 500, 5000, 4);

        public Settings {
            check(psiThreshold > 0 && Double.isFinite(psiThreshold), "psiThreshold", psiThreshold, "a number > 0");
            check(clearBelowPsi >= 0 && clearBelowPsi <= psiThreshold, "clearBelowPsi", clearBelowPsi,
                    "0..psiThreshold (" + psiThreshold + ")");
            check(windowSamples >= 100 && windowSamples <= 100_000, "windowSamples", windowSamples, "100..100000");
            check(minSamples >= 1 && minSamples <= windowSamples, "minSamples", minSamples, "1..windowSamples (" + windowSamples + ")");
            check(evaluateEveryMs >= 100 && evaluateEveryMs <= 3_600_000, "evaluateEveryMs", evaluateEveryMs, "100..3600000");
            check(errorFactor > 1 && Double.isFinite(errorFactor), "errorFactor", errorFactor, "a number > 1");
        }

        private static void check(boolean ok, String field, Object value, String expected) {
            if (!ok) throw new IllegalArgumentException("drift." + field + ": " + value + " (expected: " + expected + ")");
        }

        /** The xApp config's {@code drift} object, defaults for what it leaves out. */
        public static Settings from(XappContext ctx) {
            var c = ctx.config();
            double thr = c.number("/drift/psiThreshold").orElse(DEFAULT.psiThreshold);
            int window = intOf(c.number("/drift/windowSamples").orElse((double) DEFAULT.windowSamples), "windowSamples");
            return new Settings(c.bool("/drift/enabled").orElse(true), thr, c.number("/drift/clearBelowPsi").orElse(thr / 2),
                    window, intOf(c.number("/drift/minSamples").orElse((double) Math.min(DEFAULT.minSamples, window)), "minSamples"),
                    (long) intOf(c.number("/drift/evaluateEveryMs").orElse((double) DEFAULT.evaluateEveryMs), "evaluateEveryMs"),
                    c.number("/drift/errorFactor").orElse(DEFAULT.errorFactor));
        }

        private static int intOf(double v, String field) {
            check(v == Math.rint(v) && Math.abs(v) < Integer.MAX_VALUE, field, v, "an integer");
            return (int) v;
        }
    }

    private final XappContext ctx;
    private final String xapp;
    private final Settings settings;
    private final List<String> inputs;
    private final List<String> watched;
    private final List<Consumer<DriftEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> task;
    private final java.util.concurrent.atomic.AtomicLong published = new java.util.concurrent.atomic.AtomicLong();

    // Under this object's lock:
    private Object source;
    private String modelVersion;
    private DriftReference reference;
    /** Per watched feature with a reference: its index in the model's input row, reference bins, counts. */
    private int[] index = new int[0];
    private DriftReference.Feature[] ref = new DriftReference.Feature[0];
    private long[][] counts = new long[0][];
    private byte[] ring = new byte[0];
    private int pos;
    private int filled;
    private boolean drifting;
    private final Map<String, ErrorWindow> errors = new LinkedHashMap<>();
    private boolean closed;

    /**
     * A monitor of the xApp's model inputs, evaluated in the background from now until {@link #close}.
     *
     * @param ctx     the xApp's context (config {@code drift}, metrics, publishing, logging)
     * @param inputs  the model's input features, in the order {@link #observe} rows carry them
     * @param watched the features to watch (a subset of {@code inputs}): leave out what the xApp sets itself
     *                (e.g. a candidate action), whose distribution is the xApp's choice, not its environment's
     * @throws IllegalArgumentException a watched feature that is no input, bad config (naming the field)
     */
    public DriftMonitor(XappContext ctx, List<String> inputs, Collection<String> watched) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.inputs = List.copyOf(inputs);
        this.watched = List.copyOf(watched);
        for (String w : this.watched) {
            if (!this.inputs.contains(w)) throw new IllegalArgumentException("watched feature " + w + " (expected: one of " + this.inputs + ")");
        }
        this.settings = Settings.from(ctx);
        String name;
        try {
            name = ctx.descriptor().name();
        } catch (UnsupportedOperationException e) {  // a harness without a descriptor (SimHost)
            name = ctx.instanceId();
        }
        this.xapp = name;
        set("drift.reference", 0);
        task = settings.enabled()
                ? TIMER.scheduleWithFixedDelay(this::evaluateQuietly, settings.evaluateEveryMs(), settings.evaluateEveryMs(), TimeUnit.MILLISECONDS)
                : null;
    }

    /** The settings in force. */
    public Settings settings() {
        return settings;
    }

    /**
     * Adds a listener called on every drift raised or cleared (the hook that can start retraining), on the
     * {@code jric-drift} thread: hand long work to another thread.
     */
    public void onDrift(Consumer<DriftEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Tells the monitor which model is active (cheap when it is the same as last time: call it with every
     * report). A new model's reference replaces the old one and empties the window; a model without a
     * reference stops the watch until one with a reference is active.
     */
    public void model(ModelBundle bundle) {
        if (bundle == null) return;
        synchronized (this) {
            if (bundle == source) return;
            source = bundle;
            modelVersion = bundle.metadata().version();
            DriftReference r;
            try {
                r = DriftReference.of(bundle.metadata());
            } catch (IllegalArgumentException e) {
                ctx.logger().log(System.Logger.Level.WARNING, "model {0}: unreadable drift reference, drift watch off: {1}",
                        modelVersion, e.getMessage());
                r = null;
            }
            reference = r;
            for (DriftReference.Feature f : ref) set("drift.psi." + f.name(), 0);  // the old model's figures
            set("drift.psiMax", 0);
            List<Integer> idx = new ArrayList<>();
            List<DriftReference.Feature> fs = new ArrayList<>();
            if (r != null) {
                for (String w : watched) {
                    DriftReference.Feature f = r.feature(w);
                    if (f == null) continue;
                    idx.add(inputs.indexOf(w));
                    fs.add(f);
                }
            }
            index = idx.stream().mapToInt(Integer::intValue).toArray();
            ref = fs.toArray(new DriftReference.Feature[0]);
            counts = new long[ref.length][];
            for (int j = 0; j < ref.length; j++) counts[j] = new long[ref[j].bins()];
            ring = new byte[settings.windowSamples() * ref.length];
            pos = 0;
            filled = 0;
            for (Map.Entry<String, ErrorWindow> e : errors.entrySet()) {
                e.getValue().reset();
                set("drift.error." + e.getKey() + ".ratio", 0);
            }
            if (drifting) drifting = false;  // a new model starts a new watch
            set("drift.reference", r == null ? 0 : 1);
            set("drift.drifting", 0);
            set("drift.samples", 0);
            set("drift.errorDrifting", 0);
            if (r == null) {
                ctx.logger().log(System.Logger.Level.INFO, "model {0} carries no drift reference: its inputs are not watched for drift",
                        modelVersion);
            }
        }
    }

    /** Adds one model input row ({@code row[offset..offset + inputs)}, in input order) to the window. */
    public synchronized void observe(float[] row, int offset) {
        int w = ref.length;
        if (w == 0 || closed) return;
        int base = pos * w;
        boolean full = filled == settings.windowSamples();
        for (int j = 0; j < w; j++) {
            float v = row[offset + index[j]];
            int b = Float.isFinite(v) ? ref[j].bin(v) : -1;
            if (full) {
                int old = ring[base + j];
                if (old >= 0) counts[j][old]--;
            }
            ring[base + j] = (byte) b;
            if (b >= 0) counts[j][b]++;
        }
        pos = pos + 1 == settings.windowSamples() ? 0 : pos + 1;
        if (!full) filled++;
    }

    /**
     * Adds one observed outcome of a prediction of {@code output} (a name the model's validation figures carry
     * as {@code <output>.mse}); outputs without a validation MSE are ignored. At most 16 outputs are tracked.
     */
    public synchronized void observeError(String output, double predicted, double actual) {
        observeError(output, predicted, actual, Double.NaN);
    }

    /**
     * As {@link #observeError(String, double, double)}, with the squared error the model's validation showed under
     * this outcome's conditions ({@code expectedSquaredError}, e.g. power control: the validation MSE of the Tx power
     * level the cell ran at). The window then compares its mean squared error with the mean of these expectations
     * instead of the single {@code <output>.mse}: an error is judged against what the model's own validation rows
     * showed where it now serves. NaN or not positive: the output's validation MSE stands in.
     */
    public synchronized void observeError(String output, double predicted, double actual, double expectedSquaredError) {
        if (closed || source == null || !Double.isFinite(predicted) || !Double.isFinite(actual)) return;
        ErrorWindow e = errors.get(output);
        if (e == null) {
            if (errors.size() >= MAX_OUTPUTS) return;
            e = new ErrorWindow(settings.windowSamples());
            errors.put(output, e);
        }
        double expected = expectedSquaredError > 0 && Double.isFinite(expectedSquaredError) ? expectedSquaredError : Double.NaN;
        if (Double.isNaN(expected)) {
            Double mse = validationMse(output);
            expected = mse == null ? 0 : mse;
        }
        e.add((predicted - actual) * (predicted - actual), expected);
    }

    private void evaluateQuietly() {
        try {
            evaluate();
        } catch (RuntimeException e) {  // never let the shared timer drop this task
            ctx.logger().log(System.Logger.Level.WARNING, "drift evaluation failed", e);
        }
    }

    /** One evaluation now (the timer does this every {@code evaluateEveryMs}); the features' PSI, largest first. */
    public Map<String, Double> evaluate() {
        List<DriftEvent> events = new ArrayList<>();
        Map<String, Double> sorted;
        synchronized (this) {
            if (closed) return Map.of();
            ctx.metrics().increment("drift.evaluations");
            set("drift.samples", filled);
            Map<String, Double> psi = new LinkedHashMap<>();
            double max = 0;
            String maxFeature = null;
            for (int j = 0; j < ref.length; j++) {
                long n = 0;
                for (long c : counts[j]) n += c;
                if (n < settings.minSamples()) continue;
                double p = DriftReference.psi(ref[j], counts[j], reference.rows());
                psi.put(ref[j].name(), p);
                set("drift.psi." + ref[j].name(), Math.round(p * 1000));
                if (p > max || maxFeature == null) {
                    max = p;
                    maxFeature = ref[j].name();
                }
            }
            sorted = new LinkedHashMap<>();
            psi.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            if (!psi.isEmpty()) {
                set("drift.psiMax", Math.round(max * 1000));
                boolean raise = !drifting && max >= settings.psiThreshold();
                boolean clear = drifting && max < settings.clearBelowPsi();
                if (raise || clear) {
                    drifting = raise;
                    set("drift.drifting", drifting ? 1 : 0);
                    Map<String, Double> top = new LinkedHashMap<>();
                    sorted.entrySet().stream().limit(TOP).forEach(e -> top.put(e.getKey(), round(e.getValue())));
                    events.add(new DriftEvent(xapp, ctx.instanceId(), modelVersion, "input", raise, max,
                            maxFeature, top, raise ? settings.psiThreshold() : settings.clearBelowPsi(), filled,
                            System.currentTimeMillis()));
                }
            }
            for (Map.Entry<String, ErrorWindow> e : errors.entrySet()) {
                ErrorWindow w = e.getValue();
                double mse = w.expectedMean();  // the validation MSE, per outcome where the xApp gave one
                if (!(mse > 0) || w.n < settings.minSamples()) continue;
                double ratio = w.mean() / mse;
                set("drift.error." + e.getKey() + ".ratio", Math.round(ratio * 1000));
                boolean raise = !w.drifting && ratio >= settings.errorFactor();
                boolean clear = w.drifting && ratio < settings.errorFactor() / 2;
                if (raise || clear) {
                    w.drifting = raise;
                    events.add(new DriftEvent(xapp, ctx.instanceId(), modelVersion, "error", raise, ratio,
                            e.getKey(), Map.of(), raise ? settings.errorFactor() : settings.errorFactor() / 2, w.n,
                            System.currentTimeMillis()));
                }
            }
            boolean anyError = errors.values().stream().anyMatch(x -> x.drifting);
            set("drift.errorDrifting", anyError ? 1 : 0);
        }
        for (DriftEvent e : events) report(e);
        return sorted;
    }

    private Double validationMse(String output) {
        if (!(source instanceof ModelBundle b)) return null;
        return b.metadata().validation().get(output + ".mse");
    }

    private void report(DriftEvent e) {
        if (e.raised()) ctx.metrics().increment("drift.findings");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("xapp", e.xapp());
        json.put("instance", e.instance());
        json.put("model", e.modelVersion());
        json.put("kind", e.kind());
        json.put("state", e.raised() ? "raised" : "cleared");
        json.put(e.kind().equals("input") ? "psiMax" : "errorRatio", round(e.value()));
        json.put(e.kind().equals("input") ? "feature" : "output", e.feature());
        if (e.kind().equals("input")) json.put("psi", e.psi());
        json.put("threshold", e.threshold());
        json.put("samples", e.samples());
        json.put("timeMs", e.timeMs());
        String text = String.format(Locale.ROOT, "%s drift %s for model %s: %s %s %.3f (threshold %.3f, %d samples)%s",
                e.kind(), e.raised() ? "RAISED" : "cleared", e.modelVersion(), e.kind().equals("input") ? "PSI of" : "error ratio of",
                e.feature(), e.value(), e.threshold(), e.samples(), e.psi().isEmpty() ? "" : " " + e.psi());
        ctx.logger().log(e.raised() ? System.Logger.Level.WARNING : System.Logger.Level.INFO, text);
        try {
            ctx.publish(FINDINGS, e.xapp() + "@" + e.instance() + "@" + e.timeMs() + "-" + published.incrementAndGet(),
                    JSON.writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException ex) {  // e.g. outside a RIC: the metric and the log still tell
            ctx.metrics().increment("drift.publishFailures");
        }
        for (Consumer<DriftEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                ctx.logger().log(System.Logger.Level.WARNING, "drift listener failed", ex);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private void set(String metric, long value) {
        ctx.metrics().add(metric, value - ctx.metrics().get(metric));
    }

    /** Stops the background evaluation; observations are ignored from now on. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (task != null) task.cancel(false);
    }

    /** A sliding window of squared errors, with the squared error the model's validation expected for each. */
    private static final class ErrorWindow {
        final double[] v;
        final double[] x;
        int pos;
        int n;
        double sum;
        double sumExpected;
        boolean drifting;

        ErrorWindow(int size) {
            v = new double[size];
            x = new double[size];
        }

        void add(double squaredError, double expected) {
            if (n == v.length) {
                sum -= v[pos];
                sumExpected -= x[pos];
            } else {
                n++;
            }
            v[pos] = squaredError;
            x[pos] = expected;
            sum += squaredError;
            sumExpected += expected;
            pos = (pos + 1) % v.length;
        }

        double mean() {
            return n == 0 ? 0 : Math.max(0, sum) / n;
        }

        double expectedMean() {
            return n == 0 ? 0 : Math.max(0, sumExpected) / n;
        }

        void reset() {
            Arrays.fill(v, 0);
            Arrays.fill(x, 0);
            pos = 0;
            n = 0;
            sum = 0;
            sumExpected = 0;
            drifting = false;
        }
    }
}
