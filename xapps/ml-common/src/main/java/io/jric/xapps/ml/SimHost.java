package io.jric.xapps.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.GridReader;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.ModelListener;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyListener;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappConfig;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappMetrics;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Runs one xApp against a {@link SimRun} in the caller's thread, without the RIC: the same
 * {@link Xapp} code, the same {@link KpmReport}s the RIC would deliver, controls applied to the model
 * before the next period (like the E2 control path between two ticks, minus the network), Tx-power
 * and CIO bounds enforced as the control router would. Deterministic for a seed, so the evaluation
 * compares baseline and xApp on exactly the same traffic and mobility. What it leaves out (Ignite,
 * gRPC, the control router's arbitration and guard rails) is covered by the xApps' RicNode tests.
 */
public final class SimHost implements XappContext, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimRun run;
    private final Xapp xapp;
    private final String name;
    private final double minTxDbm;
    private final double maxTxDbm;
    private final Config config;
    // Concurrent: a DriftMonitor's timer thread writes metrics and findings next to the xApp's calls.
    private final Map<String, Long> metrics = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final Map<String, Map<String, String>> published = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, CellKpi> latest = new LinkedHashMap<>();
    private final Map<Long, UeKpi> latestUes = new HashMap<>();
    private final List<String> controlLog = new ArrayList<>();
    private Consumer<KpmReport> kpm;
    private PolicyListener policy;
    private ModelListener model;
    private boolean withUes;
    private io.jric.api.xapp.ExperienceRecorder experience = io.jric.api.xapp.ExperienceRecorder.DISABLED;
    /** Where the xApp's controls go when not straight to the model (null: to the model). */
    private final ControlClient controls;

    /**
     * @param run        the simulation
     * @param xapp       the xApp, started here
     * @param name       the xApp name (logger, metrics)
     * @param configJson the descriptor's config values
     * @param minTxDbm   the descriptor's {@code tx_power} lower bound
     * @param maxTxDbm   the descriptor's {@code tx_power} upper bound
     * @param withUes    whether the subscription is {@code cell-and-ue}
     */
    public SimHost(SimRun run, Xapp xapp, String name, String configJson, double minTxDbm, double maxTxDbm,
                   boolean withUes) throws Exception {
        this(run, xapp, name, configJson, minTxDbm, maxTxDbm, withUes, null);
    }

    /**
     * As {@link #SimHost(SimRun, Xapp, String, String, double, double, boolean)}, the xApp's controls going to
     * {@code controls} instead of straight to the model (null: straight to the model): e.g. through a control router in
     * front of the simulator when several xApps steer one network. The Tx-power bounds and {@link #controlLog()} are
     * then that client's business.
     */
    public SimHost(SimRun run, Xapp xapp, String name, String configJson, double minTxDbm, double maxTxDbm,
                   boolean withUes, ControlClient controls) throws Exception {
        this.controls = controls;
        this.run = run;
        this.xapp = xapp;
        this.name = name;
        this.minTxDbm = minTxDbm;
        this.maxTxDbm = maxTxDbm;
        this.withUes = withUes;
        this.config = new Config(configJson == null ? "{}" : configJson);
        xapp.start(this);
    }

    /** Runs one report period and delivers its reports; returns them. */
    public List<KpmReport> step() {
        List<KpmReport> reports = run.nextPeriod(withUes);
        deliver(reports);
        return reports;
    }

    /** Delivers reports produced elsewhere (e.g. by a recorder) to the xApp. */
    public void deliver(List<KpmReport> reports) {
        for (KpmReport r : reports) {
            for (CellKpi c : r.cells()) latest.put(c.cellId(), c);
            for (UeKpi u : r.ues()) latestUes.put(u.ueId(), u);
            if (kpm != null) kpm.accept(r);
            add("reports", 1);
        }
    }

    /** Delivers a policy instance like A1 would; returns the xApp's answer. */
    public PolicyStatus deliverPolicy(PolicyEvent e) {
        return policy == null ? PolicyStatus.notEnforced("no policy listener") : policy.policy(e);
    }

    /** Delivers a model version like A1-ML would; throws the xApp's rejection. */
    public void deliverModel(ModelEvent e) throws Exception {
        if (model == null) throw new IllegalStateException("no model listener");
        model.modelActivated(e);
    }

    public SimRun run() {
        return run;
    }

    /**
     * Where the xApp's {@code ctx.experience().record(...)} calls go (default: disabled, as outside a RIC):
     * tests and tools collect the rows of a seeded, deterministic run and attach the outcome from the next reports.
     */
    public void recordExperience(io.jric.api.xapp.ExperienceRecorder recorder) {
        this.experience = java.util.Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public io.jric.api.xapp.ExperienceRecorder experience() {
        return experience;
    }

    /** Every control the xApp sent, as {@code action cell value status}. */
    public List<String> controlLog() {
        return controlLog;
    }

    /** Entries published to {@code cache}. */
    public Map<String, String> publishedTo(String cache) {
        return published.getOrDefault(cache, Map.of());
    }

    @Override
    public void close() throws Exception {
        xapp.stop();
    }

    // ------------------------------------------------------------------ XappContext

    @Override
    public XappDescriptor descriptor() {
        throw new UnsupportedOperationException("SimHost runs an xApp without its descriptor");
    }

    @Override
    public String instanceId() {
        return name + "#sim#0";
    }

    @Override
    public XappConfig config() {
        return config;
    }

    @Override
    public GridReader grid() {
        return new GridReader() {
            @Override
            public List<CellKpi> cells() {
                return new ArrayList<>(latest.values());
            }

            @Override
            public Optional<CellKpi> cell(String nodeId, String cellId) {
                return Optional.ofNullable(latest.get(cellId));
            }

            @Override
            public Optional<UeKpi> ue(long ueId) {
                return Optional.ofNullable(latestUes.get(ueId));
            }

            @Override
            public Map<String, String> published(String cacheName) {
                return new TreeMap<>(publishedTo(cacheName));
            }

            @Override
            public List<CellKpi> cellSeries(String nodeId, String cellId, long fromMs, long toMs) {
                return List.of();
            }
        };
    }

    @Override
    public void onKpm(Consumer<KpmReport> handler) {
        this.kpm = handler;
    }

    @Override
    public ControlClient control() {
        if (controls != null) return controls;
        return new ControlClient() {
            @Override
            public CompletionStage<ControlOutcome> txPower(String nodeId, String cellId, double dbm) {
                if (!(dbm >= minTxDbm && dbm <= maxTxDbm)) {
                    return done(ControlStatus.REFUSED, nodeId, "tx_power " + dbm + " outside [" + minTxDbm + ", " + maxTxDbm + "]",
                            "tx_power " + cellId + " " + dbm);
                }
                return apply(nodeId, "tx_power " + cellId + " " + dbm, () -> run.model().setTxPower(cellId, dbm));
            }

            @Override
            public CompletionStage<ControlOutcome> cellIndividualOffset(String nodeId, String cellId, double db) {
                return apply(nodeId, "cio " + cellId + " " + db, () -> run.model().setCio(cellId, db));
            }

            @Override
            public CompletionStage<ControlOutcome> handover(String nodeId, long ueId, String targetCellId) {
                return apply(nodeId, "handover " + ueId + " " + targetCellId, () -> run.model().handover(ueId, targetCellId));
            }

            @Override
            public CompletionStage<ControlOutcome> cellSleep(String nodeId, String cellId, boolean sleep) {
                return apply(nodeId, "cell_sleep " + cellId + " " + sleep, () -> run.model().setSleep(cellId, sleep));
            }

            @Override
            public CompletionStage<ControlOutcome> a3Hysteresis(String nodeId, String cellId, double db) {
                return apply(nodeId, "a3_hysteresis " + cellId + " " + db, () -> run.model().setA3Hysteresis(cellId, db));
            }

            @Override
            public CompletionStage<ControlOutcome> a3TimeToTrigger(String nodeId, String cellId, int ms) {
                return apply(nodeId, "a3_time_to_trigger " + cellId + " " + ms, () -> run.model().setA3TimeToTrigger(cellId, ms));
            }

            @Override
            public CompletionStage<ControlOutcome> interFrequencyOffset(String nodeId, String cellId, long nrArfcn, double db) {
                return apply(nodeId, "inter_frequency_offset " + cellId + " " + nrArfcn + " " + db,
                        () -> run.model().setInterFrequencyOffset(cellId, run.model().carrierByArfcn(nrArfcn), db));
            }

            @Override
            public CompletionStage<ControlOutcome> interFrequencyThresholds(String nodeId, String cellId, double threshold1Dbm,
                                                                            double threshold2Dbm) {
                return apply(nodeId, "inter_frequency_threshold " + cellId + " " + threshold1Dbm + " " + threshold2Dbm, () -> {
                    double t1 = Double.isNaN(threshold1Dbm) ? run.model().interFrequencyThresholds(cellId)[0] : threshold1Dbm;
                    run.model().setInterFrequencyThresholds(cellId, t1, threshold2Dbm);
                });
            }
        };
    }

    private CompletionStage<ControlOutcome> apply(String nodeId, String what, Runnable r) {
        try {
            r.run();
            return done(ControlStatus.ACK, nodeId, "", what);
        } catch (RuntimeException e) {
            return done(ControlStatus.FAILURE, nodeId, e.getMessage(), what);
        }
    }

    private CompletionStage<ControlOutcome> done(ControlStatus s, String nodeId, String detail, String what) {
        controlLog.add(what + " " + s);
        add("sim.controls." + s.name().toLowerCase(), 1);
        return CompletableFuture.completedFuture(new ControlOutcome(s, nodeId, detail, null, 0));
    }

    @Override
    public void onPolicy(PolicyListener listener) {
        this.policy = listener;
    }

    @Override
    public void onModel(ModelListener listener) {
        this.model = listener;
    }

    @Override
    public void publish(String cacheName, String key, String json) {
        published.computeIfAbsent(cacheName, k -> java.util.Collections.synchronizedMap(new LinkedHashMap<>())).put(key, json);
    }

    @Override
    public XappMetrics metrics() {
        return new XappMetrics() {
            @Override
            public void add(String n, long delta) {
                SimHost.this.add(n, delta);
            }

            @Override
            public long get(String n) {
                return metrics.getOrDefault(n, 0L);
            }
        };
    }

    /** All counters. */
    public Map<String, Long> metricValues() {
        return metrics;
    }

    private void add(String n, long delta) {
        metrics.merge(n, delta, Long::sum);
    }

    @Override
    public Tracer tracer() {
        return OpenTelemetry.noop().getTracer("xapp." + name);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("xapp." + name);
    }

    private static final class Config implements XappConfig {
        private final String json;
        private final JsonNode tree;

        Config(String json) throws IOException {
            this.json = json;
            this.tree = JSON.readTree(json);
        }

        @Override
        public String json() {
            return json;
        }

        /** By name, or by JSON pointer ({@code /drift/psiThreshold}) as the RIC's config reads. */
        private JsonNode node(String key) {
            if (!key.startsWith("/")) return tree.get(key);
            JsonNode n = tree.at(key);
            return n.isMissingNode() ? null : n;
        }

        @Override
        public Optional<String> string(String key) {
            JsonNode n = node(key);
            return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
        }

        @Override
        public Optional<Double> number(String key) {
            JsonNode n = node(key);
            return n != null && n.isNumber() ? Optional.of(n.asDouble()) : Optional.empty();
        }

        @Override
        public Optional<Boolean> bool(String key) {
            JsonNode n = node(key);
            return n != null && n.isBoolean() ? Optional.of(n.asBoolean()) : Optional.empty();
        }
    }
}
