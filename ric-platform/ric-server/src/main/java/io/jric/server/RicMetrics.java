package io.jric.server;

import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2NodeInfo;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.LatencyHistogram;
import io.jric.core.internal.xapp.XappHost;
import io.jric.e2.E2Stats;
import io.jric.e2.E2Termination;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ignite.cache.CachePeekMode;

/**
 * The RIC's Prometheus metrics, read at scrape time from the counters the components keep anyway
 * ({@link E2Stats}, the ingest pipeline, the xApp host, the control router, A1, the grid): the
 * loop's hot path does no extra work for them. Latency histograms ({@link LatencyHistogram}) are
 * exported as Prometheus histograms with buckets from 10 us to 1 s. Labels are bounded: E2 node
 * ids, xApp names, policy type ids, cache and region names, outcomes and statuses; never UEs or
 * cells. Names, labels and meanings: docs/operations.md.
 */
final class RicMetrics implements MultiCollector {
    private static final Logger LOG = Logger.getLogger(RicMetrics.class.getName());

    /** Histogram bucket upper bounds in seconds: where the near-RT loop lives. */
    static final double[] BUCKETS_SECONDS = {
        10e-6, 25e-6, 50e-6, 100e-6, 250e-6, 500e-6,
        1e-3, 2.5e-3, 5e-3, 10e-3, 25e-3, 50e-3, 100e-3, 250e-3, 500e-3, 1.0};
    private static final long[] BUCKETS_NANOS = new long[BUCKETS_SECONDS.length];
    private static final double[] BOUNDS_WITH_INF = new double[BUCKETS_SECONDS.length + 1];

    static {
        for (int i = 0; i < BUCKETS_SECONDS.length; i++) {
            BUCKETS_NANOS[i] = Math.round(BUCKETS_SECONDS[i] * 1e9);
            BOUNDS_WITH_INF[i] = BUCKETS_SECONDS[i];
        }
        BOUNDS_WITH_INF[BUCKETS_SECONDS.length] = Double.POSITIVE_INFINITY;
    }

    private static final Pattern VERSION_NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");
    private static final String MODEL_ACTIVE = "model.active.";

    private final RicGrid grid;
    private final E2Termination e2;
    private final XappHost host;
    private final io.jric.core.internal.xapp.XappManager xapps;
    private final io.jric.a1.A1Service a1;
    private final io.jric.core.internal.telemetry.Telemetry telemetry;

    RicMetrics(RicGrid grid, E2Termination e2, XappHost host, io.jric.core.internal.xapp.XappManager xapps,
               io.jric.a1.A1Service a1, io.jric.core.internal.telemetry.Telemetry telemetry) {
        this.telemetry = telemetry;
        this.grid = grid;
        this.e2 = e2;
        this.host = host;
        this.xapps = xapps;
        this.a1 = a1;
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        // Each group on its own: a component that cannot answer (e.g. the grid while it fails) costs its own families only.
        section(out, "e2", () -> e2(out));
        section(out, "xapps", () -> xapps(out));
        section(out, "drift", () -> drift(out));
        section(out, "control router", () -> router(out));
        section(out, "a1", () -> a1(out));
        section(out, "grid", () -> grid(out));
        section(out, "telemetry", () -> telemetry(out));
        return new MetricSnapshots(out);
    }

    private static void section(List<MetricSnapshot> out, String what, Runnable r) {
        int before = out.size();
        try {
            r.run();
        } catch (RuntimeException e) {
            while (out.size() > before) out.remove(out.size() - 1);
            LOG.log(Level.FINE, "metrics: " + what + " unavailable", e);
        }
    }

    private void e2(List<MetricSnapshot> out) {
        E2Stats s = e2.stats();
        out.add(gauge("jric_e2_nodes_connected", "E2 nodes connected to this RIC process", e2.connectedNodes()));
        GaugeSnapshot.Builder node = GaugeSnapshot.builder().name("jric_e2_node_connected")
                .help("1 while the E2 node is connected, 0 while it is known but disconnected");
        for (E2NodeInfo n : e2.nodeService().nodes()) {
            node.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("node", n.nodeId()))
                    .value(n.connected() ? 1 : 0).build());
        }
        out.add(node.build());
        out.add(counter("jric_e2_setups", "E2 Setup Requests answered, by result",
                "result", "accepted", s.setupsAccepted(), "rejected", s.setupsRejected()));
        out.add(counter("jric_e2_indications", "RIC Indications received", s.indications()));
        out.add(counter("jric_e2_error_indications", "E2 Error Indications, by direction",
                "direction", "sent", s.errorIndicationsSent(), "received", s.errorIndicationsReceived()));
        out.add(counter("jric_e2_decode_failures", "PDUs or payloads that did not decode: e2ap = APER E2AP PDUs "
                        + "or E2SM payloads from APER nodes, e2sm = service-model payloads of indications",
                "kind", "e2ap", s.aperDecodeFailures(), "e2sm", s.decodeErrors()));
        out.add(counter("jric_e2_controls", "RIC Controls handled by the E2 termination, by outcome", "outcome",
                "ack", s.controlsAcked(), "failure", s.controlsFailed(), "timeout", s.controlsTimedOut(),
                "refused", s.controlsRefused()));
        out.add(counter("jric_e2_retries", "E2 requests resent after a timeout", s.retries()));
        out.add(counter("jric_e2_backpressure_pauses", "Times the RIC stopped reading a node because the grid writer "
                + "was behind", s.backpressurePauses()));
        out.add(counter("jric_e2_read_aheads", "Indications read past the ingest high-water mark because the RIC awaited "
                + "an answer from that node (an answer queued behind them would otherwise wait for the grid writer)",
                s.readAheads()));
        out.add(histogram("jric_e2_control_round_trip_seconds", "Round trip of answered RIC Controls, send to answer",
                Labels.EMPTY, s.controlRoundTrip()));
        out.add(counter("jric_ingest_records", "KPM records (cell and UE) decoded from indications",
                s.recordsDecoded()));
        out.add(counter("jric_ingest_records_written", "KPM records written to the grid", e2.recordsWritten()));
        out.add(gauge("jric_ingest_backlog_records", "Records decoded but not yet in the grid", e2.ingestBacklog()));
        out.add(histogram("jric_ingest_latency_seconds", "From decoding an indication to its records being in the grid",
                Labels.EMPTY, e2.ingestLatency()));
    }

    private void xapps(List<MetricSnapshot> out) {
        Map<String, XappAgg> byXapp = new TreeMap<>();
        for (XappHost.InstanceMetrics m : host.metrics()) {
            XappAgg a = byXapp.computeIfAbsent(m.xapp(), k -> new XappAgg());
            a.reports += m.reports();
            a.drops += m.drops();
            a.errors += m.errors();
            a.queued += m.queued();
            a.inlineReports += m.inlineReports();
            a.demotions += m.demotions();
            a.promotions += m.promotions();
            a.sumNanos += m.handlerLatency().distribute(BUCKETS_NANOS, a.buckets);
            for (int i = 0; i < m.controls().length; i++) a.controls[i] += m.controls()[i];
            m.metrics().forEach((k, v) -> {
                if (k.startsWith(MODEL_ACTIVE) && v > 0) a.activeModel = k.substring(MODEL_ACTIVE.length());
            });
        }
        CounterSnapshot.Builder reports = CounterSnapshot.builder().name("jric_xapp_reports")
                .help("KPM reports handled by the xApp's instances in this process");
        CounterSnapshot.Builder drops = CounterSnapshot.builder().name("jric_xapp_drops")
                .help("Reports and events dropped because the instance's queue was full");
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("jric_xapp_errors")
                .help("Handler calls that threw");
        CounterSnapshot.Builder inline = CounterSnapshot.builder().name("jric_xapp_inline_reports")
                .help("KPM reports handled on the E2 transport thread (handler declared non-blocking)");
        CounterSnapshot.Builder demotions = CounterSnapshot.builder().name("jric_xapp_handler_demotions")
                .help("Times a non-blocking KPM handler was moved to the instance's own thread for overrunning its budget");
        CounterSnapshot.Builder promotions = CounterSnapshot.builder().name("jric_xapp_handler_promotions")
                .help("Times a demoted KPM handler went back to the E2 transport thread, its calls within budget again");
        GaugeSnapshot.Builder queue = GaugeSnapshot.builder().name("jric_xapp_queue_depth")
                .help("Events waiting in the instances' queues");
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder().name("jric_xapp_handler_latency_seconds")
                .help("Time the xApp's KPM handler took per report");
        CounterSnapshot.Builder controls = CounterSnapshot.builder().name("jric_xapp_controls")
                .help("Controls the xApp sent, by outcome (conflict: lost arbitration)");
        GaugeSnapshot.Builder model = GaugeSnapshot.builder().name("jric_xapp_model_version")
                .help("Number in the version of the active model (0 while none is active, e.g. while learning)");
        GaugeSnapshot.Builder modelInfo = GaugeSnapshot.builder().name("jric_xapp_model_active")
                .help("1 for the version of the model the xApp has active");
        for (Map.Entry<String, XappAgg> e : byXapp.entrySet()) {
            Labels l = Labels.of("xapp", e.getKey());
            XappAgg a = e.getValue();
            reports.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(a.reports).build());
            drops.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(a.drops).build());
            errors.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(a.errors).build());
            queue.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(a.queued).build());
            inline.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(a.inlineReports).build());
            demotions.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(a.demotions).build());
            promotions.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(a.promotions).build());
            latency.dataPoint(histogramPoint(l, a.buckets, a.sumNanos));
            for (ControlStatus st : ControlStatus.values()) {
                controls.dataPoint(CounterDataPointSnapshot.builder()
                        .labels(Labels.of("outcome", st.name().toLowerCase(Locale.ROOT), "xapp", e.getKey()))
                        .value(a.controls[st.ordinal()]).build());
            }
            model.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(versionNumber(a.activeModel)).build());
            if (a.activeModel != null) {
                modelInfo.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("version", a.activeModel, "xapp", e.getKey())).value(1).build());
            }
        }
        out.add(reports.build());
        out.add(drops.build());
        out.add(errors.build());
        out.add(queue.build());
        out.add(inline.build());
        out.add(demotions.build());
        out.add(promotions.build());
        out.add(latency.build());
        out.add(controls.build());
        out.add(model.build());
        out.add(modelInfo.build());
        out.add(gauge("jric_xapps_installed", "xApps installed in the grid", xapps.list().size()));
    }

    /**
     * Model drift (docs/ml-lifecycle.md): from the {@code drift.*} metrics of the instances in this process that
     * watch drift (the ML xApps' {@code DriftMonitor}, PSI kept in thousandths). Feature labels are the model's
     * input names: bounded by the model, never cells or UEs.
     */
    private void drift(List<MetricSnapshot> out) {
        GaugeSnapshot.Builder psi = GaugeSnapshot.builder().name("jric_ml_drift_psi")
                .help("Population stability index of a model input over the recent window against the training data");
        GaugeSnapshot.Builder psiMax = GaugeSnapshot.builder().name("jric_ml_drift_psi_max")
                .help("Largest per-feature PSI of the xApp's inputs at the last evaluation");
        GaugeSnapshot.Builder raised = GaugeSnapshot.builder().name("jric_ml_drift_raised")
                .help("1 while input drift is raised (PSI at or above the threshold, until it falls below the clear level)");
        GaugeSnapshot.Builder errRaised = GaugeSnapshot.builder().name("jric_ml_drift_error_raised")
                .help("1 while prediction-error drift is raised");
        GaugeSnapshot.Builder errRatio = GaugeSnapshot.builder().name("jric_ml_drift_error_ratio")
                .help("Rolling MSE of a model output against its validation MSE");
        GaugeSnapshot.Builder reference = GaugeSnapshot.builder().name("jric_ml_drift_reference")
                .help("1 when the active model carries a training reference (0: its drift is not watched)");
        GaugeSnapshot.Builder rows = GaugeSnapshot.builder().name("jric_ml_drift_window_rows")
                .help("Model input rows in the drift window");
        CounterSnapshot.Builder findings = CounterSnapshot.builder().name("jric_ml_drift_findings")
                .help("Drift findings raised (inputs and prediction error)");
        Map<String, Map<String, Long>> byXapp = new TreeMap<>();
        for (XappHost.InstanceMetrics m : host.metrics()) {
            if (!m.metrics().containsKey("drift.reference")) continue;
            Map<String, Long> agg = byXapp.computeIfAbsent(m.xapp(), k -> new TreeMap<>());
            m.metrics().forEach((k, v) -> {
                if (!k.startsWith("drift.")) return;
                // counters and window rows add up over instances; PSI, ratios and flags take the largest
                if (k.equals("drift.findings") || k.equals("drift.samples")) agg.merge(k, v, Long::sum);
                else agg.merge(k, v, (a, b) -> Math.max(a, b));
            });
        }
        for (Map.Entry<String, Map<String, Long>> e : byXapp.entrySet()) {
            Labels l = Labels.of("xapp", e.getKey());
            Map<String, Long> m = e.getValue();
            psiMax.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.getOrDefault("drift.psiMax", 0L) / 1000.0).build());
            raised.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.getOrDefault("drift.drifting", 0L)).build());
            errRaised.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.getOrDefault("drift.errorDrifting", 0L)).build());
            reference.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.getOrDefault("drift.reference", 0L)).build());
            rows.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(m.getOrDefault("drift.samples", 0L)).build());
            findings.dataPoint(CounterDataPointSnapshot.builder().labels(l).value(m.getOrDefault("drift.findings", 0L)).build());
            m.forEach((k, v) -> {
                if (k.startsWith("drift.psi.")) {
                    psi.dataPoint(GaugeDataPointSnapshot.builder()
                            .labels(Labels.of("feature", k.substring("drift.psi.".length()), "xapp", e.getKey())).value(v / 1000.0).build());
                } else if (k.startsWith("drift.error.") && k.endsWith(".ratio")) {
                    errRatio.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("output",
                            k.substring("drift.error.".length(), k.length() - ".ratio".length()), "xapp", e.getKey())).value(v / 1000.0).build());
                }
            });
        }
        out.add(psi.build());
        out.add(psiMax.build());
        out.add(raised.build());
        out.add(errRaised.build());
        out.add(errRatio.build());
        out.add(reference.build());
        out.add(rows.build());
        out.add(findings.build());
    }

    /** The number in a model version ("3", "v3", "1.2"); 0 for none, 1 when it has no number. */
    static double versionNumber(String version) {
        if (version == null) return 0;
        Matcher m = VERSION_NUMBER.matcher(version);
        return m.find() ? Double.parseDouble(m.group(1)) : 1;
    }

    private void router(List<MetricSnapshot> out) {
        var r = host.router();
        out.add(counter("jric_control_router_refused", "Controls the router refused (undeclared, out of range, "
                + "guard rail)", r.refused()));
        out.add(counter("jric_control_router_conflicts", "Controls that lost arbitration", r.conflicts()));
        out.add(counter("jric_control_router_guardrail_hits", "Controls refused by a guard rail", r.guardRailHits()));
        out.add(counter("jric_control_router_held_conflicts", "Controls refused because another xApp held the parameter "
                + "(a hold or an owned cell parameter; also counted in jric_control_router_conflicts)", r.heldConflicts()));
        out.add(gauge("jric_control_router_holds", "Parameters held now (holds and owned cell parameters)", r.holds()));
    }

    private void a1(List<MetricSnapshot> out) {
        GaugeSnapshot.Builder inst = GaugeSnapshot.builder().name("jric_a1_policy_instances")
                .help("A1 policy instances, by policy type");
        a1.policyInstanceCounts().forEach((type, n) -> inst.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("policy_type", type)).value(n).build()));
        out.add(inst.build());
        CounterSnapshot.Builder req = CounterSnapshot.builder().name("jric_a1_requests")
                .help("A1 requests answered (A1-P, O-RAN SC, A1-ML), by method and status");
        a1.requestCounts().forEach((method, byStatus) -> byStatus.forEach((status, n) -> req.dataPoint(
                CounterDataPointSnapshot.builder().labels(Labels.of("method", method, "status", status.toString()))
                        .value(n).build())));
        out.add(req.build());
        out.add(counter("jric_a1_notifications", "A1 status notifications, by result", "result",
                "sent", a1.notificationsSent(), "failed", a1.notificationFailures()));
    }

    private void grid(List<MetricSnapshot> out) {
        out.add(gauge("jric_grid_server_nodes", "Server nodes in the grid cluster", grid.serverCount()));
        GaugeSnapshot.Builder caches = GaugeSnapshot.builder().name("jric_grid_cache_entries")
                .help("Primary entries of each grid cache held by this node");
        for (var cc : RicGrid.cacheConfigurations(grid.settings())) {
            var cache = grid.ignite().cache(cc.getName());
            if (cache == null) continue;
            caches.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("cache", cc.getName()))
                    .value(cache.localSizeLong(CachePeekMode.PRIMARY)).build());
        }
        out.add(caches.build());
        GaugeSnapshot.Builder used = GaugeSnapshot.builder().name("jric_grid_region_used_bytes")
                .help("Off-heap bytes in use in each data region on this node");
        GaugeSnapshot.Builder max = GaugeSnapshot.builder().name("jric_grid_region_max_bytes")
                .help("Maximum size of each data region on this node");
        for (String region : new String[] {RicGrid.PLATFORM_REGION, RicGrid.KPM_REGION, RicGrid.ML_REGION}) {
            RicGrid.RegionStats s = grid.regionStats(region);
            Labels l = Labels.of("region", region);
            used.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(s.usedBytes).build());
            max.dataPoint(GaugeDataPointSnapshot.builder().labels(l).value(s.maxBytes).build());
        }
        out.add(used.build());
        out.add(max.build());
        out.add(gauge("jric_grid_failed", "1 when this node's grid member failed", grid.failed() ? 1 : 0));
    }

    private void telemetry(List<MetricSnapshot> out) {
        io.jric.core.internal.telemetry.Telemetry.ExportStats t = telemetry.exportStats();
        out.add(counter("jric_telemetry_spans", "Spans handed to the OTLP exporter, by result: exported, failed (the "
                        + "receiver refused the batch or did not answer), dropped (the export queue was full); "
                        + "0 while telemetry.otlp.endpoint is empty",
                "result", "exported", t.exported(), "failed", t.failed(), "dropped", t.dropped()));
        out.add(gauge("jric_telemetry_export_queue_spans", "Spans waiting for OTLP export or being sent", t.queued()));
    }

    private static final class XappAgg {
        long reports;
        long drops;
        long errors;
        long queued;
        long inlineReports;
        long demotions;
        long promotions;
        final long[] buckets = new long[BUCKETS_NANOS.length + 1];
        double sumNanos;
        final long[] controls = new long[ControlStatus.values().length];
        String activeModel;
    }

    static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    /** A counter; the name without {@code _total}, which the writers add. */
    static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    /** A counter with one label: pairs of label value and count. */
    static CounterSnapshot counter(String name, String help, String label, Object... valuesAndCounts) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (int i = 0; i < valuesAndCounts.length; i += 2) {
            b.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of(label, (String) valuesAndCounts[i]))
                    .value(((Number) valuesAndCounts[i + 1]).doubleValue()).build());
        }
        return b.build();
    }

    static HistogramSnapshot histogram(String name, String help, Labels labels, LatencyHistogram h) {
        long[] counts = new long[BUCKETS_NANOS.length + 1];
        double sum = h.distribute(BUCKETS_NANOS, counts);
        return HistogramSnapshot.builder().name(name).help(help).dataPoint(histogramPoint(labels, counts, sum)).build();
    }

    private static HistogramDataPointSnapshot histogramPoint(Labels labels, long[] counts, double sumNanos) {
        HistogramDataPointSnapshot.Builder b = HistogramDataPointSnapshot.builder();
        b.classicHistogramBuckets(ClassicHistogramBuckets.of(BOUNDS_WITH_INF, counts));
        b.labels(labels);
        b.sum(sumNanos / 1e9);
        return b.build();
    }
}
