package io.jric.xapps.anomaly;


import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.DriftMonitor;
import java.util.List;
import java.util.Map;
import io.jric.xapps.ml.ModelSlot;
import io.jric.xapps.ml.Predictor;

/**
 * Anomaly detection: judges every cell of every KPM report. With a model, the DL4J classifier gives
 * P(normal), P(outage), P(interference), P(degradation) from {@link AnomalyFeaturizer}'s row (a window of
 * the cell's last reports, its site and the network); the cell is anomalous when the calibrated
 * {@code 1 - P(normal)} is {@code >= 1 - sensitivity}, of the most probable fault type (decision logic in
 * {@link AnomalyDetector}, shared with the trainer's calibration). Without a model (none loaded yet,
 * or one still training) it is <em>learning</em>: it follows the cells' baselines and reports nothing
 * ({@code decisions.learning}); with config {@code threeSigmaFallback: true} it falls back to the peers'
 * rule instead, a 3-sigma threshold per watched KPI against the same baseline ({@code decisions.threeSigma}),
 * which is noisy while the baselines are young.
 *
 * <p>Findings go to the grid cache named by config {@code findingsCache} (default {@code ric.anomalies})
 * through {@link XappContext#publish}: key {@code <cellId>@<timestampMs>}, JSON value
 * {@code {cell, node, kpi, score, timeMs, type, alarm, detector}}; {@code kpi} is the watched KPI that moved
 * most (largest |z| against the cell's baseline), {@code score} the fault probability (or |z| for 3-sigma),
 * {@code alarm} true on the first finding of an episode, which is also logged at WARNING and counted
 * ({@code alarms.<type>}). Metrics: {@code decisions.<modelVersion>}, {@code model.active.<version>},
 * {@code findings}, {@code model.rejected}, {@code policy.updates}.
 */
public final class AnomalyDetectionXapp implements Xapp {
    /** The model's name in the descriptor. */
    public static final String MODEL_NAME = "anomaly-mlp";
    /** Default findings cache. */
    public static final String FINDINGS = "ric.anomalies";
    private static final ObjectMapper JSON = new ObjectMapper();

    private XappContext ctx;
    private String cache = FINDINGS;
    private final AnomalyDetector detector = new AnomalyDetector();
    private volatile AnomalyPolicy policy = AnomalyPolicy.DEFAULT;
    private ModelSlot<AnomalyDetector.Model> model;
    private boolean threeSigmaFallback;
    /** Watches the model's inputs against its training data (docs/ml-lifecycle.md, drift). */
    private DriftMonitor drift;

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        this.cache = ctx.config().string("findingsCache").orElse(FINDINGS);
        this.threeSigmaFallback = ctx.config().bool("threeSigmaFallback").orElse(false);
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
        Predictor.Engine engine = ModelSlot.engine(ctx);
        model = new ModelSlot<>(ctx, "anomaly", MODEL_NAME, AnomalyFeaturizer.INPUT_FEATURES, FaultClass.OUTPUTS,
                b -> AnomalyDetector.Model.of(b, engine));
        ctx.onModel(model::onModel);
        model.loadInBackground(Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED,
                () -> Trainer.train(Trainer.defaults()),
                "run `ric train anomaly-detection` (or deliver one through A1-ML); until then "
                        + (threeSigmaFallback ? "the 3-sigma rule judges" : "nothing is reported"));
        drift = new DriftMonitor(ctx, AnomalyFeaturizer.INPUT_FEATURES, DRIFT_WATCHED);
        detector.drift = drift;
    }

    /**
     * The inputs watched for drift: all but the network-wide context ({@code networkDelta.*}), one value per
     * report shared by every cell, of which the training data holds too few independent values for its deciles
     * to judge a healthy network by (docs/ml-lifecycle.md: PSI up to 6 on a fault-free run with nothing changed).
     */
    static final List<String> DRIFT_WATCHED = AnomalyFeaturizer.INPUT_FEATURES.stream()
            .filter(f -> !f.startsWith("networkDelta.")).toList();

    @Override
    public void stop() {
        if (drift != null) drift.close();
    }

    private PolicyStatus onPolicy(PolicyEvent e) {
        if (!AnomalyPolicy.TYPE.equals(e.policyTypeId())) return PolicyStatus.notEnforced("unknown policy type " + e.policyTypeId());
        try {
            policy = e.deleted() ? AnomalyPolicy.DEFAULT : AnomalyPolicy.parse(e.json());
        } catch (IllegalArgumentException ex) {
            return PolicyStatus.notEnforced(ex.getMessage());
        }
        ctx.metrics().increment("policy.updates");
        return PolicyStatus.enforced();
    }

    private void onReport(KpmReport report) {
        AnomalyDetector.Model m = model.active();
        if (m != null) drift.model(m.predictor().bundle());
        java.util.Set<String> flagged = new java.util.HashSet<>();
        for (AnomalyDetector.Finding f : detector.onReport(report, m, policy, ctx.metrics()::increment, threeSigmaFallback)) {
            flagged.add(f.cell().cellId());
            publish(f.cell(), f.type(), f.kpi(), f.score(), f.alarm(), f.detector());
        }
        if (m != null && ctx.experience().enabled()) {
            for (CellKpi c : report.cells()) {
                if (flagged.contains(c.cellId())) continue;
                Long last = lastNormalRow.get(c.cellId());
                if (last != null && c.timestampMs() - last < NORMAL_ROW_EVERY_MS && c.timestampMs() >= last) continue;
                lastNormalRow.put(c.cellId(), c.timestampMs());
                record(c, FaultClass.NORMAL, 0);
            }
        }
    }

    /** How often a cell with no finding leaves an unlabelled "normal" experience row (KPM time). */
    static final long NORMAL_ROW_EVERY_MS = 60_000;
    /** Per cell, the KPM time of its last normal row (one entry per cell the xApp hears from). */
    private final Map<String, Long> lastNormalRow = new java.util.HashMap<>();

    /**
     * One experience row (the descriptor's {@code experience}): what the cell reported, and the verdict as the
     * action ({@code faultClass}: 0 normal, 1 outage, 2 interference, 3 degradation; {@code score}). An operator
     * confirms or rejects an alarm's row ({@code POST /ric/v1/experience/anomaly-detection/labels}); the platform
     * attaches the cell's RLFs, throughput and SINR over the next 10 s to every row. Returns the row id, or -1.
     */
    private long record(CellKpi c, FaultClass verdict, double score) {
        if (!ctx.experience().enabled()) return ExperienceRecorder.NOT_RECORDED;
        Map<String, Double> features = new java.util.TreeMap<>();
        features.put("prbUsedDlPct", (double) c.prbUsedDlPct());
        features.put("throughputDlMbps", (double) c.throughputDlMbps());
        features.put("throughputUlMbps", (double) c.throughputUlMbps());
        features.put("avgCqi", (double) c.avgCqi());
        features.put("avgSinrDb", (double) c.avgSinrDb());
        features.put("rlfCount", (double) c.rlfCount());
        features.put("energyWh", (double) c.energyWh());
        features.put("activeUes", (double) c.activeUes());
        try {
            return ctx.experience().record(c.timestampMs(), c.nodeId(), c.cellId(), 0, features,
                    Map.of("faultClass", (double) verdict.ordinal(), "score", Math.round(score * 1000) / 1000.0));
        } catch (IllegalArgumentException e) {  // e.g. a KPI the node reported as NaN: the finding stands
            ctx.metrics().increment("experience.refused");
            return ExperienceRecorder.NOT_RECORDED;
        }
    }

    private void publish(CellKpi c, FaultClass type, String kpi, double score, boolean alarm, String detector) {
        ObjectNode n = JSON.createObjectNode();
        n.put("cell", c.cellId());
        n.put("node", c.nodeId());
        n.put("kpi", kpi);
        n.put("score", Math.round(score * 1000) / 1000.0);
        n.put("timeMs", c.timestampMs());
        n.put("type", type == null ? "UNCLASSIFIED" : type.name());
        n.put("alarm", alarm);
        n.put("detector", detector);
        if (alarm) {  // the row an operator labels: POST /ric/v1/experience/anomaly-detection/labels {nodeId, id, label}
            long row = record(c, type == null ? FaultClass.NORMAL : type, score);
            if (row != ExperienceRecorder.NOT_RECORDED) n.put("experienceId", row);
        }
        // Counted before the grid write: whoever reads the finding in the grid finds it counted too.
        ctx.metrics().increment("findings");
        if (alarm) {
            String t = type == null ? "UNCLASSIFIED" : type.name();
            ctx.metrics().increment("alarms." + t);
            ctx.logger().log(System.Logger.Level.WARNING, "ALARM {0} on cell {1} ({2}): {3} moved most, score {4}",
                    t, c.cellId(), c.nodeId(), kpi, score);
        }
        ctx.publish(cache, c.cellId() + "@" + c.timestampMs(), n.toString());
    }
}
