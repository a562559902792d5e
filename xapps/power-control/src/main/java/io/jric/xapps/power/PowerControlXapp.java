package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.DriftMonitor;
import io.jric.xapps.ml.HarmGuard;
import io.jric.xapps.ml.ModelSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Power control: once per report period, over the latest KPM state of every cell the policy does not
 * exclude, asks {@link PowerModel} for the common Tx power level that saves the most energy within the
 * policy's throughput-loss bound, and sends it through {@code control().txPower} to every controlled
 * cell whose power differs.
 *
 * <p>Model: the bundle at config {@code modelFile} ({@code ""}: none, wait for A1-ML), else the trainer's cache file (see
 * {@link Trainer}); a version delivered through A1-ML ({@code onModel}) replaces it (a corrupt or
 * mismatched bundle is rejected and the active one kept). Without a model the xApp sends nothing
 * (the cells keep their power). Metrics: {@code model.active.<version>} (1 while active),
 * {@code decisions.<version>} per decision taken with that version, {@code controls.<status>},
 * {@code policy.updates}, {@code model.rejected}; the platform counts {@code experience.recorded} and
 * {@code experience.dropped} (one row per controlled cell and decision, see {@link #recordExperience}).
 *
 * <p>Do no harm (policy {@code harmAllowancePct}, {@code harmHoldPeriods}, {@code harmBaselinePeriods}): the first
 * decisions only learn the controlled cells' radio link failure rate at their own power; from then on a
 * {@link HarmGuard} counts the failures while any cell is held below its own power against that rate, and past the
 * allowance gives every cell its own power back for a while ({@link #guardAllows}). A model trained on another network
 * (docs/evaluation.md, two layers) then costs a few short tries, each ended when the failures rise, not the whole run.
 */
public final class PowerControlXapp implements Xapp {
    private XappContext ctx;
    private final PowerModel model = new PowerModel();
    private volatile PowerPolicy policy = PowerPolicy.DEFAULT;
    private ModelSlot<ModelSlot.Active> slot;
    /** Watches the cells' KPIs against the model's training data (docs/ml-lifecycle.md, drift). */
    private DriftMonitor drift;
    private final float[] driftRow = new float[PowerModel.INPUT_FEATURES.size()];
    private volatile boolean warnedNoModel;
    private final Map<String, CellKpi> latest = new TreeMap<>();
    private long lastDecisionTs = Long.MIN_VALUE;
    private long explorationSeed = 1;
    /** Per cell: the level last sent and the decision time it was sent at. */
    private final Map<String, double[]> commanded = new java.util.HashMap<>();
    /** The do-no-harm guard over the controlled cells' radio link failures (policy {@code harmAllowancePct}). */
    private final HarmGuard guard = new HarmGuard();
    /** The guard's one unit: the controlled cells together (they share one level). */
    static final String GUARD_UNIT = "cells";
    /** Radio link failures of the controlled cells reported since the last decision. */
    private double rlfSinceDecision;
    /** Decisions taken so far; the first {@code harmBaselinePeriods} only learn the failure rate. */
    private long decisions;
    /** Per cell, its own Tx power: the first reported before this xApp sent it a control (bounded by the network's cells). */
    private final Map<String, Double> ownPower = new java.util.HashMap<>();
    /** Several carriers (config {@code cellsPerLayer}): one level per layer, lowered a layer and a step at a time; else null. */
    private LayerTrials trials;

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        explorationSeed = ctx.config().number("explorationSeed").map(Double::longValue).orElse(1L);
        trials = io.jric.xapps.ml.CellLayers.fromConfig(ctx.config())
                .map(l -> new LayerTrials(l, ctx.config().number("layerStepDb", 6), ctx.config().number("layerMaxDepthDb", 6)))
                .orElse(null);
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
        slot = ModelSlot.predictors(ctx, "power", PowerModel.MODEL_NAME, PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS);
        ModelSlot<ModelSlot.Active> s = slot;
        ctx.onModel(new io.jric.api.xapp.ModelListener() {
            @Override
            public void modelActivated(io.jric.api.xapp.ModelEvent e) throws Exception {
                s.onModel(e);
            }

            @Override  // a canary's cells decide with the canary version, the others with the active one
            public boolean servesCanaries() {
                return true;
            }

            @Override  // the validation gate: the version loaded apart (kernel engine), scored on experience rows
            public java.util.Map<String, Double> scoreModel(io.jric.api.xapp.ModelEvent e,
                                                            java.util.List<io.jric.api.xapp.ExperienceSample> rows) throws Exception {
                return PowerScore.score(new io.jric.xapps.ml.Predictor(s.load(e)), rows);
            }

            @Override  // the retraining job: the next version from experience, trained apart from the serving one
            public io.jric.api.xapp.TrainedModel trainModel(io.jric.api.xapp.ModelEvent parent,
                                                            java.util.List<io.jric.api.xapp.ExperienceSample> rows, long seed) throws Exception {
                return ExperienceTrainer.train(s.load(parent), rows, seed);
            }

            @Override  // federated retraining: one round over this grid node's own rows, from the averaged parameters
            public io.jric.api.xapp.LocalUpdate trainLocal(io.jric.api.xapp.ModelEvent parent, float[] global,
                                                           java.util.List<io.jric.api.xapp.ExperienceSample> rows, long seed,
                                                           int round, int epochs) throws Exception {
                return FederatedTrainer.trainLocal(s.load(parent), global, rows, seed, round, epochs);
            }

            @Override  // federated retraining: the version of the averaged parameters
            public io.jric.api.xapp.TrainedModel federatedModel(io.jric.api.xapp.ModelEvent parent, float[] params,
                                                                java.util.Map<String, Double> validation,
                                                                java.util.Map<String, Long> rows, long seed) throws Exception {
                return FederatedTrainer.model(s.load(parent), params, validation, rows, seed);
            }
        });
        slot.loadInBackground(Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED,
                () -> Trainer.train(Trainer.defaults()), "run `ric train power-control` (or deliver one through A1-ML); until then cells keep their power");

        drift = new DriftMonitor(ctx, PowerModel.INPUT_FEATURES, DRIFT_WATCHED);
    }

    /**
     * The inputs watched for drift: the cells' KPIs, not the Tx power, which the xApp sets itself (the
     * training data explored every level at random), nor the candidate level.
     */
    static final List<String> DRIFT_WATCHED = List.of("prbUsedDlPct", "throughputDlMbps", "activeUes", "avgCqi", "avgSinrDb");

    @Override
    public void stop() {
        if (drift != null) drift.close();
    }

    /** Per cell: its previous record (what the model would have seen before the period that followed). */
    private final Map<String, CellKpi> previousRecord = new java.util.HashMap<>();
    /** The report period: the shortest gap between two records of a cell seen. */
    private long periodMs = Long.MAX_VALUE;
    private float[] errorRows = new float[0];
    private float[] errorOut = new float[0];

    /**
     * The prediction error the grid lets the xApp observe (drift watch), paired as the trainer pairs its rows: for
     * each cell of a report, the model's {@code cellPowerW} for the cell's previous record and the power the cell
     * ran with over the period since (this record's {@code txPowerDbm}), against the power it drew (this record's
     * {@code energyWh} over the period). Only consecutive records count; one small batch per report.
     */
    private void observePowerOutcomes(KpmReport report) {
        ModelSlot.Active a = slot == null ? null : slot.active();
        int f = PowerModel.INPUT_FEATURES.size();
        int o = PowerModel.OUTPUTS.size();
        int n = 0;
        List<CellKpi> cells = report.cells();
        if (errorRows.length < cells.size() * f) {
            errorRows = new float[cells.size() * f];
            errorOut = new float[cells.size() * o];
        }
        double[] actualW = new double[cells.size()];
        for (CellKpi c : cells) {
            CellKpi prev = previousRecord.put(c.cellId(), c);
            if (prev == null || c.timestampMs() <= prev.timestampMs()) continue;
            periodMs = Math.min(periodMs, c.timestampMs() - prev.timestampMs());
            if (a == null || c.sleeping() || c.timestampMs() - prev.timestampMs() != periodMs) continue;
            PowerModel.features(prev, c.txPowerDbm(), errorRows, f * n);
            actualW[n++] = c.energyWh() / (periodMs / 3_600_000.0);
        }
        if (n == 0) return;
        drift.model(a.predictor().bundle());
        a.predictor().predictBatch(errorRows, n, errorOut);
        Map<String, Double> validation = a.predictor().bundle().metadata().validation() == null ? Map.of()
                : a.predictor().bundle().metadata().validation();
        for (int i = 0; i < n; i++) {
            // Judged against the validation error at the level the cell ran at, where the bundle has it (else the overall MSE).
            Double expected = validation.get(Trainer.levelKey(errorRows[f * i + PowerModel.KPI_FEATURES.size()]));
            drift.observeError("cellPowerW", errorOut[o * i + 1], actualW[i], expected == null ? Double.NaN : expected);
        }
    }

    /** Version of the active model, or null. */
    String activeVersion() {
        return slot == null ? null : slot.activeVersion();
    }

    private PolicyStatus onPolicy(PolicyEvent e) {
        if (!PowerPolicy.TYPE.equals(e.policyTypeId())) return PolicyStatus.notEnforced("unknown policy type " + e.policyTypeId());
        if (e.deleted()) {
            policy = PowerPolicy.DEFAULT;
            ctx.metrics().increment("policy.updates");
            return PolicyStatus.enforced();
        }
        try {
            policy = PowerPolicy.parse(e.json());
        } catch (IllegalArgumentException ex) {
            return PolicyStatus.notEnforced(ex.getMessage());
        }
        ctx.metrics().increment("policy.updates");
        ctx.logger().log(System.Logger.Level.INFO, "policy {0}: {1}", e.policyId(), policy);
        return PolicyStatus.enforced();
    }

    private void onReport(KpmReport report) {
        PowerPolicy pol = policy;
        for (CellKpi c : report.cells()) {
            latest.put(c.cellId(), c);
            if (!commanded.containsKey(c.cellId())) ownPower.put(c.cellId(), (double) c.txPowerDbm());
            if (!c.sleeping() && !pol.excludedCells().contains(c.cellId()) && c.rlfCount() > 0) rlfSinceDecision += c.rlfCount();
        }
        observePowerOutcomes(report);
        ModelSlot.Active a = slot == null ? null : slot.active();
        if (a == null) {
            rlfSinceDecision = 0;  // the guard learns from decision periods only
            if (!warnedNoModel) {
                warnedNoModel = true;
                ctx.logger().log(System.Logger.Level.INFO, "no power model yet: no controls");
            }
            ctx.metrics().increment("reports.withoutModel");
            return;
        }
        // One decision per report period, when its first report arrives, over the latest state of every cell.
        if (report.timestampMs() <= lastDecisionTs) return;
        lastDecisionTs = report.timestampMs();
        drift.model(a.predictor().bundle());
        // The cells each model version serves: all of them with the active one, unless a canary serves some.
        Map<ModelSlot.Active, List<CellKpi>> byModel = new java.util.LinkedHashMap<>();
        for (CellKpi c : latest.values()) {
            if (c.sleeping() || pol.excludedCells().contains(c.cellId())) continue;
            PowerModel.features(c, c.txPowerDbm(), driftRow, 0);  // what the model sees of the cell
            drift.observe(driftRow, 0);
            ModelSlot.Active m = slot.forCell(c.cellId());
            byModel.computeIfAbsent(m == null ? a : m, k -> new ArrayList<>()).add(c);
        }
        if (trials != null) {
            decideLayers(a, pol, report.timestampMs());
            return;
        }
        if (!guardAllows(pol, report.timestampMs())) return;
        byModel.forEach((m, cells) -> decide(m, pol, cells, report.timestampMs()));
    }

    /**
     * Several carriers ({@link LayerTrials}): once per decision, judges the running trial of one layer (radio link
     * failures on every controlled cell against the rate at the cells' own power, and the spill of its UEs onto busier
     * layers), or, without one, keeps the guard over the levels the layers hold and starts the next layer's trial towards
     * the active model's level for that layer's cells. Every cell then moves towards its layer's level (down by at most
     * {@code maxStepDb} per decision, {@link LayerTrials#TRIAL_RAMP_DB} on trial; up at once). A canary version, where
     * one serves, is not asked: the active version decides for all layers. The guard's expected failures follow the
     * controlled cells' active UEs ({@link HarmGuard#observe(String, boolean, double, double, double, int)}): on
     * finite-buffer traffic the failure rate follows demand, which a lower power hardly moves. Metrics {@code layer.trials.started},
     * {@code .accepted}, {@code .failed}, {@code .spilled}, {@code guard.trips}, {@code decisions.afterTrial}.
     */
    private void decideLayers(ModelSlot.Active a, PowerPolicy pol, long reportTs) {
        double rlf = rlfSinceDecision;
        rlfSinceDecision = 0;
        long n = decisions++;
        Map<Integer, List<CellKpi>> byLayer = new TreeMap<>();
        List<CellKpi> controlled = new ArrayList<>();
        for (CellKpi c : latest.values()) {
            if (c.sleeping() || pol.excludedCells().contains(c.cellId())) continue;
            byLayer.computeIfAbsent(trials.layer(c.cellId()), k -> new ArrayList<>()).add(c);
            controlled.add(c);
        }
        Map<Integer, Double> shares = LayerTrials.connectedShares(byLayer);
        // the failure rate follows demand, which a power step hardly moves: the guard's reference follows the active UEs
        double demand = 0;
        for (CellKpi c : controlled) demand += Math.max(0, c.activeUes());
        boolean guardOn = pol.harmAllowancePct() >= 0;
        int trial = trials.trialLayer();
        if (trial != Integer.MIN_VALUE && !byLayer.containsKey(trial)) {
            trials.abandon();
            trial = Integer.MIN_VALUE;
        }
        if (trial != Integer.MIN_VALUE) {
            if (guardOn && guard.observe(LayerTrials.unit(trial), true, rlf, demand, pol.harmAllowancePct(), pol.harmHoldPeriods())) {
                trials.fail(n, pol.harmHoldPeriods());
                ctx.metrics().increment("guard.trips");
                ctx.metrics().increment("layer.trials.failed");
                ctx.logger().log(System.Logger.Level.WARNING, "layer {0} at {1} dBm: radio link failures above the do-no-harm bound "
                        + "(+{2} %): the layer keeps the level it had", trial, trials.trialLevel(), pol.harmAllowancePct());
            } else {
                int verdict = trials.observeTrial(shares, LayerTrials.meanLoads(byLayer), guardOn,
                        guardOn ? pol.harmBaselinePeriods() : 1, n, pol.harmHoldPeriods());
                if (verdict < 0) {
                    ctx.metrics().increment("layer.trials.failed");
                    ctx.metrics().increment("layer.trials.spilled");
                    ctx.logger().log(System.Logger.Level.WARNING, "layer {0} at {1} dBm pushed its UEs onto other layers (its share of "
                            + "the connected UEs fell by more than {2} %): the layer keeps the level it had", trial, trials.trialLevel(),
                            LayerTrials.MAX_SPILL_PCT);
                } else if (verdict > 0) {
                    ctx.metrics().increment("layer.trials.accepted");
                }
            }
        } else {
            boolean steered = false;
            for (CellKpi c : controlled) if (currentPower(c) < own(c, pol) - 0.25) steered = true;
            boolean aftermath = guardOn && trials.inAftermath(n);
            if (aftermath) {
                // the decisions right after a failed trial are its own (UEs lost at the trial's level fail, or come back,
                // a few seconds later): they teach no reference, judge no level held and start no trial
                ctx.metrics().increment("decisions.afterTrial");
            } else if (guardOn) {
                // a layer's trial is judged against the rate with every cell at its own power, so the allowance bounds the
                // harm of all the levels together, not each step against the one before it
                if (!steered) {
                    for (Integer layer : byLayer.keySet()) {
                        guard.observe(LayerTrials.unit(layer), false, rlf, demand, pol.harmAllowancePct(), pol.harmHoldPeriods());
                    }
                }
                if (guard.observe(GUARD_UNIT, steered, rlf, demand, pol.harmAllowancePct(), pol.harmHoldPeriods())) {
                    tripHeldLevels(pol, reportTs);
                    return;
                }
                if (!steered && n < pol.harmBaselinePeriods()) {
                    ctx.metrics().increment("decisions.baseline");
                    trials.observeWithoutTrial(shares);
                    holdOwnPower(pol, reportTs);
                    return;
                }
                if (!guard.allowed(GUARD_UNIT)) {
                    ctx.metrics().increment("decisions.held");
                    holdOwnPower(pol, reportTs);
                    return;
                }
            }
            if (!aftermath) trials.observeWithoutTrial(shares);
            Map<Integer, Double> ownLevel = new TreeMap<>();
            byLayer.forEach((layer, cells) -> {
                double o = Double.NEGATIVE_INFINITY;
                for (CellKpi c : cells) o = Math.max(o, own(c, pol));
                ownLevel.put(layer, o);
            });
            Map<Integer, Double> loads = LayerTrials.meanLoads(byLayer);
            double min = Math.min(pol.minTxPowerDbm(), pol.maxTxPowerDbm());
            if (!aftermath && trials.startNext(byLayer, ownLevel,
                    layer -> guard.allowed(LayerTrials.unit(layer)) && !trials.waiting(layer, n, loads),
                    cells -> model.bestLevel(a.predictor(), pol, cells), min)) {
                ctx.metrics().increment("layer.trials.started");
            }
        }
        ctx.metrics().increment("decisions." + a.version());
        byLayer.forEach((layer, cells) -> {
            double level = layer == trials.trialLayer() ? trials.trialLevel() : trials.held(layer);
            for (CellKpi c : cells) {
                double own = own(c, pol);
                double floor = Math.min(pol.minTxPowerDbm(), pol.maxTxPowerDbm());
                double target = Double.isNaN(level) ? own : Math.min(own, Math.max(floor, level));
                double current = currentPower(c);
                double down = layer == trials.trialLayer() ? Math.min(pol.maxStepDb(), LayerTrials.TRIAL_RAMP_DB)
                        : pol.maxStepDb();
                if (target < current - down) target = current - down;
                if (Math.abs(target - current) < 0.25) continue;
                ctx.control().txPower(c.nodeId(), c.cellId(), target).thenAccept(o ->
                        ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
                c.txPowerDbm((float) target);
                commanded.put(c.cellId(), new double[] {target, reportTs});
            }
            if (!Double.isNaN(level)) recordExperience(reportTs, cells, level, new Exploration.Choice(level, false));
        });
    }

    /** The guard over the layers' held levels tripped: every cell gets its own power back, the layers hold nothing. */
    private void tripHeldLevels(PowerPolicy pol, long reportTs) {
        ctx.metrics().increment("guard.trips");
        ctx.logger().log(System.Logger.Level.WARNING, "radio link failures above the do-no-harm bound at the layers'' "
                + "levels: every cell gets its own power back (trip {0})", guard.trips());
        trials.resetToOwnPower();
        holdOwnPower(pol, reportTs);
    }

    /**
     * Do no harm, once per decision: hands the period's radio link failures of the controlled cells to the {@link HarmGuard},
     * as steered while the xApp holds any of them below its own power (within the policy's range). When the failures
     * exceed the rate seen with none held by more than the policy's allowance (plus chance), every cell gets its own
     * power back at once and keeps it for {@code harmHoldPeriods} decisions (doubled on each trip). The first
     * {@code harmBaselinePeriods} decisions only learn that rate. While the xApp does not decide, the policy's range
     * still holds: a cell outside it is brought to the nearest end. Returns whether the xApp may decide now. Metrics
     * {@code guard.trips}, {@code decisions.baseline}, {@code decisions.held}.
     */
    private boolean guardAllows(PowerPolicy pol, long reportTs) {
        double rlf = rlfSinceDecision;
        rlfSinceDecision = 0;
        if (pol.harmAllowancePct() < 0) return true;
        boolean steered = false;
        for (CellKpi c : latest.values()) {
            if (!c.sleeping() && !pol.excludedCells().contains(c.cellId()) && currentPower(c) < own(c, pol) - 0.25) steered = true;
        }
        long n = decisions++;
        if (guard.observe(GUARD_UNIT, steered, rlf, pol.harmAllowancePct(), pol.harmHoldPeriods())) {
            ctx.metrics().increment("guard.trips");
            ctx.logger().log(System.Logger.Level.WARNING, "radio link failures above the do-no-harm bound (+{0} % over the rate at "
                    + "the cells'' own power): every cell gets its own power back, held for {1} decisions or more (trip {2})",
                    pol.harmAllowancePct(), pol.harmHoldPeriods(), guard.trips());
            holdOwnPower(pol, reportTs);
            return false;
        }
        if (!steered && n < pol.harmBaselinePeriods()) {
            ctx.metrics().increment("decisions.baseline");
            holdOwnPower(pol, reportTs);
            return false;
        }
        if (!guard.allowed(GUARD_UNIT)) {
            ctx.metrics().increment("decisions.held");
            holdOwnPower(pol, reportTs);
            return false;
        }
        return true;
    }

    /** The cell's own power (the one it had before this xApp's first control), within the policy's range. */
    private double own(CellKpi c, PowerPolicy pol) {
        double p = ownPower.getOrDefault(c.cellId(), (double) c.txPowerDbm());
        return Math.max(Math.min(pol.minTxPowerDbm(), pol.maxTxPowerDbm()), Math.min(pol.maxTxPowerDbm(), p));
    }

    /** Every controlled cell not at its own power (within the policy's range) is set to it. */
    private void holdOwnPower(PowerPolicy pol, long reportTs) {
        for (CellKpi c : latest.values()) {
            if (c.sleeping() || pol.excludedCells().contains(c.cellId())) continue;
            double target = own(c, pol);
            if (Math.abs(currentPower(c) - target) < 0.25) continue;
            ctx.control().txPower(c.nodeId(), c.cellId(), target).thenAccept(o ->
                    ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
            c.txPowerDbm((float) target);
            commanded.put(c.cellId(), new double[] {target, reportTs});
        }
    }

    /** One level for the cells one model version serves, from that version's predictions. */
    private void decide(ModelSlot.Active a, PowerPolicy pol, List<CellKpi> controlled, long reportTs) {
        double level = 0;
        for (CellKpi c : controlled) level = Math.max(level, currentPower(c));
        double chosen = model.decideLevel(a.predictor(), pol, controlled, level);
        Exploration.Choice choice = Exploration.apply(chosen, level, pol, explorationSeed, reportTs);
        double target = choice.levelDbm();
        ctx.metrics().increment("decisions." + a.version());
        if (choice.explored()) ctx.metrics().increment("decisions.explored");
        recordExperience(reportTs, controlled, chosen, choice);
        for (CellKpi c : controlled) {
            if (Math.abs(target - currentPower(c)) < 0.25) continue;
            ctx.control().txPower(c.nodeId(), c.cellId(), target).thenAccept(o ->
                    ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
            c.txPowerDbm((float) target);  // assume it lands; the next report corrects if not
            commanded.put(c.cellId(), new double[] {target, reportTs});
        }
    }

    /**
     * The cell's power as far as the xApp knows: the level it last sent when the cell's record is not newer than
     * that decision (an E2 node whose report for the period arrives after the decision shows the power before the
     * control; taking it for the current one would skip a control that is still needed), else the reported one.
     */
    private double currentPower(CellKpi c) {
        double[] sent = commanded.get(c.cellId());
        return sent != null && c.timestampMs() <= (long) sent[1] ? sent[0] : c.txPowerDbm();
    }

    /**
     * One experience row per controlled cell (the descriptor's {@code experience}: the platform attaches the
     * cell's throughput, PRB use and energy over the next second): what the model saw of the cell
     * ({@link #experienceFeatures}) and the action: {@code txPowerDbm} the level sent, {@code chosenTxPowerDbm} the
     * model's choice, {@code explored} 1 when exploration deviated from it ({@link Exploration}), else 0.
     * Only reads the cells, so it changes no decision; does nothing where the platform records none.
     *
     * <p>The decision time of every row is the decision's: the timestamp of the report that triggered it, whose
     * period the control follows. A cell of another E2 node may show an older record (its report for this period
     * arrives after the decision); with that record's time the outcome window would cover the period before the
     * control took effect.
     */
    private void recordExperience(long decisionTimeMs, List<CellKpi> controlled, double chosen, Exploration.Choice choice) {
        if (!ctx.experience().enabled()) return;
        Map<String, Double> action = Map.of("txPowerDbm", choice.levelDbm(), "chosenTxPowerDbm", chosen,
                "explored", choice.explored() ? 1.0 : 0.0);
        for (CellKpi c : controlled) {
            try {
                ctx.experience().record(decisionTimeMs, c.nodeId(), c.cellId(), 0, experienceFeatures(c), action);
            } catch (IllegalArgumentException e) {  // e.g. a KPI the node reported as NaN: the decision stands
                ctx.metrics().increment("experience.refused");
            }
        }
    }

    /** What an experience row keeps of a cell's KPM record: the model's KPI inputs ({@link PowerModel#KPI_FEATURES}). */
    public static Map<String, Double> experienceFeatures(CellKpi c) {
        Map<String, Double> features = new TreeMap<>();
        features.put("prbUsedDlPct", (double) c.prbUsedDlPct());
        features.put("throughputDlMbps", (double) c.throughputDlMbps());
        features.put("activeUes", (double) c.activeUes());
        features.put("avgCqi", (double) c.avgCqi());
        features.put("avgSinrDb", (double) c.avgSinrDb());
        features.put("txPowerDbm", (double) c.txPowerDbm());
        return features;
    }
}
