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
 *
 * <p>Experience (docs/ml-lifecycle.md, sections 3a and 15): one row per alarm and an unlabelled normal row per cell every
 * {@code normalRowEveryMs} of KPM time, each carrying the model's input row ({@link AnomalyExperience}); operators confirm or
 * reject the alarms; the validation gate scores a version by the labels ({@link AnomalyScore}) and the RIC's retraining
 * job fine-tunes the active version on them ({@link LabelTrainer}; on a grid of several nodes, where the rows are:
 * {@link FederatedLabelTrainer}).
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
        ctx.onModel(new io.jric.api.xapp.ModelListener() {
            @Override
            public void modelActivated(io.jric.api.xapp.ModelEvent e) throws Exception {
                model.onModel(e);
            }

            /** The validation gate's scorer: the version's verdicts against the operators' labels ({@link AnomalyScore}). */
            @Override
            public Map<String, Double> scoreModel(io.jric.api.xapp.ModelEvent e, List<io.jric.api.xapp.ExperienceSample> rows)
                    throws Exception {
                return AnomalyScore.score(AnomalyDetector.Model.of(model.load(e)), rows);
            }

            /** The retraining job's trainer: the parent fine-tuned on the labelled rows ({@link LabelTrainer}). */
            @Override
            public io.jric.api.xapp.TrainedModel trainModel(io.jric.api.xapp.ModelEvent parent,
                                                            List<io.jric.api.xapp.ExperienceSample> rows, long seed) throws Exception {
                return LabelTrainer.train(model.load(parent), rows, seed);
            }

            /** Federated retraining, one grid node's round over its own rows ({@link FederatedLabelTrainer}). */
            @Override
            public io.jric.api.xapp.LocalUpdate trainLocal(io.jric.api.xapp.ModelEvent parent, float[] global,
                                                           List<io.jric.api.xapp.ExperienceSample> rows, long seed, int round,
                                                           int epochs) throws Exception {
                return FederatedLabelTrainer.trainLocal(model.load(parent), global, rows, seed, round, epochs);
            }

            /** Federated retraining: the version of the averaged parameters, calibrated on the nodes' summed counts. */
            @Override
            public io.jric.api.xapp.TrainedModel federatedModel(io.jric.api.xapp.ModelEvent parent, float[] params,
                                                                Map<String, Double> validation, Map<String, Long> rows, long seed)
                    throws Exception {
                return FederatedLabelTrainer.model(model.load(parent), params, validation, rows, seed);
            }
        });
        this.normalRowEveryMs = ctx.config().number("normalRowEveryMs").map(Number::longValue).orElse(NORMAL_ROW_EVERY_MS);
        if (normalRowEveryMs < 1000 || normalRowEveryMs > 3_600_000) {
            throw new IllegalArgumentException("normalRowEveryMs: " + normalRowEveryMs + " (expected: 1000..3600000)");
        }
        model.loadInBackground(Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED,
                () -> Trainer.train(Trainer.defaults()),
                "run `ric train anomaly-detection` (or deliver one through A1-ML); until then "
                        + (threeSigmaFallback ? "the 3-sigma rule judges" : "nothing is reported"));
        drift = new DriftMonitor(ctx, AnomalyFeaturizer.INPUT_FEATURES, DRIFT_WATCHED);
        detector.drift = drift;
        if (ctx.experience().enabled()) {  // keep each judged cell's input row: the experience row carries it
            detector.judged = (c, row) -> {
                Judged j = inputs.computeIfAbsent(c.cellId(), id -> new Judged(row.length));
                System.arraycopy(row, 0, j.row, 0, row.length);
                j.timestampMs = c.timestampMs();
            };
        }
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
                if (last != null && c.timestampMs() - last < normalRowEveryMs && c.timestampMs() >= last) continue;
                Judged j = inputs.get(c.cellId());
                if (j == null || j.timestampMs != c.timestampMs()) continue;  // not judged (too little history yet)
                lastNormalRow.put(c.cellId(), c.timestampMs());
                record(c, FaultClass.NORMAL, 0);
            }
        }
    }

    /** How often a cell with no finding leaves an unlabelled "normal" experience row (KPM time), by default. */
    static final long NORMAL_ROW_EVERY_MS = 60_000;
    /** The same, from config {@code normalRowEveryMs} (1,000..3,600,000; default {@link #NORMAL_ROW_EVERY_MS}). */
    private long normalRowEveryMs = NORMAL_ROW_EVERY_MS;
    /**
     * Per cell, the model's input row of its latest judged report (one array per cell, reused): what an experience row
     * records so that a version can judge it again ({@link AnomalyExperience}).
     */
    private final Map<String, Judged> inputs = new java.util.HashMap<>();

    /** A cell's latest judged report: its time and the model's input row. */
    private static final class Judged {
        final float[] row;
        long timestampMs = Long.MIN_VALUE;

        Judged(int n) {
            row = new float[n];
        }
    }
    /** Per cell, the KPM time of its last normal row (one entry per cell the xApp hears from). */
    private final Map<String, Long> lastNormalRow = new java.util.HashMap<>();

    /**
     * One experience row (the descriptor's {@code experience}): the model's input row for the cell's report as the
     * model judged it (the first 64 inputs as features, among them the cell's reported KPIs, the other 25 in the
     * action; {@link AnomalyExperience}), and the verdict as the action ({@code faultClass}: 0 normal, 1 outage,
     * 2 interference, 3 degradation; {@code score}). An operator confirms or rejects an alarm's row
     * ({@code POST /ric/v1/experience/anomaly-detection/labels}); the platform attaches the cell's RLFs, throughput and
     * SINR over the next 10 s to every row. Returns the row id, or -1 (also for a report the model did not judge).
     */
    private long record(CellKpi c, FaultClass verdict, double score) {
        if (!ctx.experience().enabled()) return ExperienceRecorder.NOT_RECORDED;
        Judged j = inputs.get(c.cellId());
        if (j == null || j.timestampMs != c.timestampMs()) return ExperienceRecorder.NOT_RECORDED;  // this report was not judged
        float[] in = j.row;
        try {
            return ctx.experience().record(c.timestampMs(), c.nodeId(), c.cellId(), 0, AnomalyExperience.features(in),
                    AnomalyExperience.action(in, verdict, score));
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
