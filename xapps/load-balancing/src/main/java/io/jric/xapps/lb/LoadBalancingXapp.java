package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.DriftMonitor;
import io.jric.xapps.ml.HarmGuard;
import io.jric.xapps.ml.HeldControl;
import io.jric.xapps.ml.ModelSlot;
import java.util.List;

/**
 * Load balancing through cell individual offsets: collects {@code cell-and-ue} KPM reports over a
 * decision period (policy {@code decisionPeriodMs}, default 5 s) into a {@link CellState}, then lets
 * the {@link Planner} pick CIO steps with the DL4J model (next-period PRB load of every cell given the
 * candidate CIO changes) and sends them with {@code control().cellIndividualOffset}. Within the
 * policy's CIO range and step; cells in {@code excludedCells} are left alone.
 *
 * <p>Model: config {@code modelFile} ({@code ""}: none, wait for A1-ML), else the trainer's cache file;
 * A1-ML versions replace it (a bad bundle is rejected, the active one kept). Without a model the xApp
 * sends nothing. Metrics: {@code model.active.<version>}, {@code decisions.<version>},
 * {@code cio.changes}, {@code controls.<status>}, {@code policy.updates}, {@code model.rejected},
 * {@code layer.changes}, {@code guard.trips}, {@code decisions.explored}, {@code cio.explored}.
 *
 * <p>Exploration within limits (policy {@code explorationRate}, 0 by default; config {@code explorationSeed}): a cell's
 * offset move may deviate from the planner's choice by a bounded step ({@link LbExploration}), never where the
 * do-no-harm guard holds back; the rows mark it.
 *
 * <p>Experience (in a RIC): one two-cell row per move ({@link LbExperience}); the model is scored and retrained from
 * those rows ({@link LbScore}, {@link LbExperienceTrainer}; federated, {@link LbFederatedTrainer}). The rows are written
 * by a thread of their own (bounded queue). Metrics {@code experience.noPeer}, {@code experience.errors},
 * {@code experience.queueFull}, {@code experience.afterStop}.
 *
 * <p>Pull only (policy {@code pullOnly}, default): on one layer the offsets are 0 or positive, at most the RAN's A3
 * hysteresis (config {@code ranA3HysteresisDb}, default 3 dB), and a cell with an offset of x gets its own A3
 * hysteresis lowered by x ({@code control().a3Hysteresis}): UEs are handed to it x dB sooner and leave it where they
 * would without the offset. A plain CIO also delays the handovers on the other side of every border it moves (UEs
 * stay on a cell whose neighbour is stronger by up to x dB more than the RAN's hysteresis allows), which is where the
 * xApp's RLFs came from (docs/evaluation.md). Metric {@code hysteresis.changes}.
 *
 * <p>Do no harm: a {@link HarmGuard} compares the radio link failures and returns to the previous cell (within
 * 10 s, seen in the UE reports) of every cell whose offset is not 0 with the same cell's rate while it had
 * none; past the policy's {@code harmAllowancePct} it sets the offset back to 0 and holds the cell there.
 *
 * <p>Two layers (config {@code layerNrArfcns}, {@link LayerPlan}): the xApp steers load from the coverage layer
 * to the capacity layer with the inter-frequency controls ({@link LayerSteering}, same guard per sector) and leaves the
 * CIOs within a layer alone (the CIO model was trained on one layer). The step per sector is chosen with the layer model
 * ({@link LayerModel} {@code lb-layer-mlp}, config {@code layerModelFile} or an A1-ML delivery; {@link LayerPlanner}) when
 * one is active, else by the fixed rule (metrics {@code layer.decisions.model}, {@code layer.decisions.rule}).
 */
public final class LoadBalancingXapp implements Xapp {
    private XappContext ctx;
    private volatile LbPolicy policy = LbPolicy.DEFAULT;
    private ModelSlot<ModelSlot.Active> model;
    /** Watches the cells' state against the model's training data (docs/ml-lifecycle.md, drift). */
    private DriftMonitor drift;
    private final CellState state = new CellState();
    private UeReturns returns = new UeReturns(RETURN_WINDOW_MS, null);
    private final HarmGuard guard = new HarmGuard();
    private LayerSteering layers;
    /** Two layers: who an offset towards the capacity layer would move (the layer model's features). */
    private LayerState layerState;
    /** Two layers: the learned step choice's model ({@link LayerModel}); none active: the fixed rule. */
    private ModelSlot<ModelSlot.Active> layerModel;
    /** One two-cell experience row per move, when the RIC keeps experience (docs/ml-lifecycle.md). */
    private LbExperience experience;
    private long nextDecisionTs = Long.MIN_VALUE;
    /** The RAN's own A3 hysteresis (config {@code ranA3HysteresisDb}): what pull-only offsets lower and give back. */
    private double ranA3HysteresisDb = 3;
    /** Per cell, the A3 hysteresis this xApp asked for (absent: the RAN's own, never changed). */
    private final java.util.Map<String, Double> hysteresisSent = new java.util.concurrent.ConcurrentHashMap<>();
    /** Returns to the previous cell within this long count as harm (the longer of the usual ping-pong windows). */
    static final long RETURN_WINDOW_MS = 10_000;
    /** Seed of exploration (config {@code explorationSeed}, default 1; {@link LbExploration}). */
    private long explorationSeed = 1;
    /** The client of the hysteresis controls: holding them for {@link #a3LeaseMs} where the host has holds, else plain. */
    private io.jric.api.xapp.ControlClient a3Client;
    /** Config {@code a3LeaseMs} (default 60 s): how long a lowered hysteresis stays held; renewed every third of it. */
    private long a3LeaseMs;
    /** Per cell, report time of the last hysteresis control sent (for renewals). */
    private final java.util.Map<String, Long> hysteresisSentAtMs = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Per cell, report time until which another xApp holds its A3 hysteresis (a CONFLICT from the router): no pull
     * there meanwhile, its offset goes back to 0 (an offset without its lowered hysteresis is the plain CIO that costs
     * RLFs). Metric {@code hysteresis.conflicts}.
     */
    private final java.util.Map<String, Long> contendedUntilMs = new java.util.concurrent.ConcurrentHashMap<>();
    /** Report time of the current decision. */
    private volatile long decisionTsMs;
    /** How long a cell whose hysteresis another xApp holds is left alone before the xApp tries it again (report time). */
    static final long CONTENDED_BACKOFF_MS = 30_000;


    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        experience = new LbExperience(ctx);
        ranA3HysteresisDb = ctx.config().number("ranA3HysteresisDb").orElse(3.0);
        explorationSeed = ctx.config().number("explorationSeed").map(Double::longValue).orElse(1L);
        // the hysteresis is held by ownership in a RIC: the lowering goes as a hold with this xApp's lease, renewed every
        // third of it, and the cell is released when the hysteresis is given back (HeldControl)
        HeldControl a3 = HeldControl.of(ctx, ctx.config().number("a3LeaseMs").map(Double::longValue).orElse(60_000L), "hysteresis");
        a3Client = a3.client();
        a3LeaseMs = a3.leaseMs();
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
        LayerPlan plan = LayerPlan.fromConfig(ctx.config().json());
        if (plan != null) {
            layers = new LayerSteering(plan);
            returns = new UeReturns(RETURN_WINDOW_MS, plan::layer);
            layerState = new LayerState(plan, ctx.config().number("a4ThresholdDbm").orElse(LayerTrainer.A4_THRESHOLD_DBM));
            layerModel = ModelSlot.predictors(ctx, "load-balancing layers", LayerModel.MODEL_NAME, LayerModel.INPUT_FEATURES,
                    LayerModel.OUTPUTS);
            // only a configured file (or an A1-ML delivery): without one the fixed rule steers
            if (!ctx.config().string("layerModelFile").orElse("").isEmpty()) {
                layerModel.loadInBackground("layerModelFile", LayerTrainer.TRAINER_VERSION, LayerTrainer.DEFAULT_SEED,
                        () -> LayerTrainer.train(LayerTrainer.defaults()), "the fixed two-layer rule steers until one is delivered");
            }
            ctx.logger().log(System.Logger.Level.INFO, "two layers: {0}", plan);
        }
        model = ModelSlot.predictors(ctx, "load-balancing", LbModel.MODEL_NAME, LbModel.INPUT_FEATURES, LbModel.OUTPUTS);
        ModelSlot<ModelSlot.Active> slot = model;
        ModelSlot<ModelSlot.Active> layerSlot = layerModel;
        ctx.onModel(new io.jric.api.xapp.ModelListener() {
            @Override
            public void modelActivated(io.jric.api.xapp.ModelEvent e) throws Exception {
                if (layerSlot != null && LayerModel.MODEL_NAME.equals(e.modelName())) layerSlot.onModel(e);
                else slot.onModel(e);
            }

            @Override  // the validation gate: the version loaded apart, scored on two-cell experience rows
            public java.util.Map<String, Double> scoreModel(io.jric.api.xapp.ModelEvent e,
                                                            List<io.jric.api.xapp.ExperienceSample> rows) throws Exception {
                return LbScore.score(new io.jric.xapps.ml.Predictor(slot.load(e)), rows);
            }

            @Override  // the retraining job: the next version from experience, trained apart from the serving one
            public io.jric.api.xapp.TrainedModel trainModel(io.jric.api.xapp.ModelEvent parent,
                                                            List<io.jric.api.xapp.ExperienceSample> rows, long seed) throws Exception {
                return LbExperienceTrainer.train(slot.load(parent), rows, seed);
            }

            @Override  // federated retraining: one grid node's round over the rows it holds
            public io.jric.api.xapp.LocalUpdate trainLocal(io.jric.api.xapp.ModelEvent parent, float[] global,
                                                           List<io.jric.api.xapp.ExperienceSample> rows, long seed, int round,
                                                           int epochs) throws Exception {
                return LbFederatedTrainer.trainLocal(slot.load(parent), global, rows, seed, round, epochs);
            }

            @Override  // federated retraining: the version of the averaged parameters
            public io.jric.api.xapp.TrainedModel federatedModel(io.jric.api.xapp.ModelEvent parent, float[] params,
                                                                java.util.Map<String, Double> validation,
                                                                java.util.Map<String, Long> rows, long seed) throws Exception {
                return LbFederatedTrainer.model(slot.load(parent), params, validation, rows, seed);
            }
        });
        model.loadInBackground(Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED,
                () -> Trainer.train(Trainer.defaults()), "run the load-balancing Trainer (or deliver one through A1-ML); until then no CIO changes");
        drift = new DriftMonitor(ctx, LbModel.INPUT_FEATURES, DRIFT_WATCHED);
    }

    /**
     * The inputs watched for drift: the cells' and their neighbours' load, UEs, CQI and edge PRBs; not the
     * offsets, which the xApp sets itself, nor what a candidate change adds.
     */
    static final List<String> DRIFT_WATCHED = List.of("prbUsedDlPct", "activeUes", "avgCqi", "nbrPrbUsedDlPct", "edgePrbOut", "edgePrbIn");

    @Override
    public void stop() {
        if (drift != null) drift.close();
        if (experience != null) experience.close();  // the rows queued are written
    }

    private PolicyStatus onPolicy(PolicyEvent e) {
        if (!LbPolicy.TYPE.equals(e.policyTypeId())) return PolicyStatus.notEnforced("unknown policy type " + e.policyTypeId());
        LbPolicy p;
        if (e.deleted()) {
            p = LbPolicy.DEFAULT;
        } else {
            try {
                p = LbPolicy.parse(e.json());
            } catch (IllegalArgumentException ex) {
                return PolicyStatus.notEnforced(ex.getMessage());
            }
        }
        policy = p;
        ctx.metrics().increment("policy.updates");
        ctx.logger().log(System.Logger.Level.INFO, "policy {0}: {1}", e.policyId(), p);
        return PolicyStatus.enforced();
    }

    private void onReport(KpmReport report) {
        LbPolicy pol = policy;
        if (nextDecisionTs == Long.MIN_VALUE) nextDecisionTs = report.timestampMs() + pol.decisionPeriodMs();
        if (report.timestampMs() >= nextDecisionTs) {
            decide(pol, report.timestampMs());
            state.reset();
            returns.reset();
            if (layerState != null) layerState.reset();
            nextDecisionTs = report.timestampMs() + pol.decisionPeriodMs();
        }
        state.add(report);
        returns.add(report);
        if (layerState != null) layerState.add(report);
    }

    private void decide(LbPolicy pol, long decisionTs) {
        decisionTsMs = decisionTs;
        if (layers != null) {
            // Two layers: steering between them (the layer model when one is active, else the rule); CIOs left alone.
            ModelSlot.Active la = layerModel == null ? null : layerModel.active();
            LayerModel.Inference inference = la == null ? null : (x, rows, y) -> la.predictor().predictBatch(x, rows, y);
            layers.decide(state, layerState, inference, returns, guard, pol, ctx, !experience.enabled() ? null
                    : (low, high, now, next, lowering, heldBack) -> experience.recordLayerMove(decisionTs, state, returns, low,
                            high, now, next, lowering, heldBack));
            return;
        }
        ModelSlot.Active a = model == null ? null : model.active();
        if (a == null) {
            ctx.metrics().increment("decisions.withoutModel");
            return;
        }
        List<String> ids = state.cellIds();
        if (ids.isEmpty()) return;
        observeDrift(a, ids);
        // The guard: a cell counts as steered while it or a neighbour has an offset (a lowered offset pushes UEs to
        // the neighbours, a raised one pulls them in); where that cost more RLFs and returns than the cell had
        // unsteered, the offsets of the cell and of its neighbours go back to 0 and stay there while it is held.
        java.util.Set<String> held = new java.util.HashSet<>();
        for (String id : ids) {
            boolean steered = state.cio(id) != 0;
            for (String j : ids) if (!steered && !j.equals(id) && state.cio(j) != 0 && state.neighbours(id, j)) steered = true;
            String unit = "cio:" + id;
            boolean tripped = guard.observe(unit, steered, state.rlf(id) + returns.returns(id),
                    pol.harmAllowancePct(), pol.harmHoldPeriods());
            if (tripped) ctx.metrics().increment("guard.trips");
            if (!guard.allowed(unit)) held.add(id);
        }
        java.util.Set<String> frozen = new java.util.HashSet<>(held);
        for (String h : held) for (String j : ids) if (state.neighbours(h, j)) frozen.add(j);
        held = frozen;
        pol = pol.excluding(held);
        // Pull only: a CIO of x on a cell with its own A3 hysteresis lowered by x hands UEs over to it x dB sooner and
        // lets them go exactly as before; a plain CIO also holds UEs on the cell it raises (and a negative one on its
        // neighbours) x dB past the point where the RAN would hand them to a stronger cell: RLFs.
        if (pol.pullOnly()) pol = pol.withCioRange(0, ranA3HysteresisDb);
        double[] change = Planner.plan(a.predictor(), state, ids, pol);
        ctx.metrics().increment("decisions." + a.version());
        // exploration within limits (policy explorationRate, 0 by default: nothing changes)
        double[] chosen = change.clone();
        boolean[] explored = LbExploration.apply(change, state, ids, pol, guard, explorationSeed, decisionTs);
        int exploredCells = 0;
        for (boolean b : explored) if (b) exploredCells++;
        if (exploredCells > 0) {
            ctx.metrics().increment("decisions.explored");
            for (int k = 0; k < exploredCells; k++) ctx.metrics().increment("cio.explored");
        }
        // what the experience rows say of this decision (filled as the controls go out; recorded after them)
        double[] applied = new double[ids.size()];
        boolean[] moved = new boolean[ids.size()];
        boolean[] heldBack = new boolean[ids.size()];
        double[] hysteresisDb = new double[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            double now = state.cio(ids.get(i));
            // outside the policy's range (a policy change): brought inside at once
            double target = Math.max(pol.cioMinDb(), Math.min(pol.cioMaxDb(), now + change[i]));
            if (held.contains(ids.get(i)) || contended(ids.get(i), decisionTs)) target = 0;
            else if (pol.excludedCells().contains(ids.get(i))) continue;
            applied[i] = target - now;
            moved[i] = Math.abs(target - now) >= 1e-6;
            heldBack[i] = held.contains(ids.get(i));
            hysteresisDb[i] = wantedHysteresis(target, pol);
            String id = ids.get(i);
            String node = state.nodeOf(id);
            double cio = target;
            if (pol.pullOnly() && target > now && target > 0) {
                // a rising pull: its lower hysteresis first, and the offset only once the node took it (a refused
                // hysteresis, e.g. by a guard rail, would leave a plain CIO that holds UEs on the cell)
                ctx.metrics().increment("cio.changes");
                hysteresis(id, node, target, pol).thenAccept(ok -> {
                    if (ok) sendCio(node, id, cio);
                    else ctx.metrics().increment("pull.withheld");
                });
                continue;
            }
            if (Math.abs(target - now) >= 1e-6) {
                ctx.metrics().increment("cio.changes");
                sendCio(node, id, cio);
            }
            // a falling offset gets its hysteresis back after it
            hysteresis(id, node, target, pol);
        }
        if (experience.enabled()) experience.recordOffsetMoves(decisionTs, state, ids, applied, moved, hysteresisDb, heldBack,
                chosen, explored);
    }

    /** The cell's own A3 hysteresis for its CIO (see {@link #hysteresis}). */
    private double wantedHysteresis(double cioDb, LbPolicy pol) {
        // in the 0.5 dB steps of TS 38.331, rounded down: never later than without the offset
        return pol.pullOnly() && cioDb > 0 ? Math.max(0, Math.floor(2 * (ranA3HysteresisDb - cioDb)) / 2) : ranA3HysteresisDb;
    }

    private void sendCio(String node, String cellId, double db) {
        ctx.control().cellIndividualOffset(node, cellId, db).thenAccept(o ->
                ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
    }

    /**
     * The cell's own A3 hysteresis for its CIO: pull only, the RAN's hysteresis less a positive CIO (so UEs leave the
     * cell where they would without the offset); otherwise (and where the CIO is 0) the RAN's own. Sent only on change,
     * and only to cells whose hysteresis this xApp changed or changes now. Completes with whether the cell has the
     * wanted hysteresis (true when nothing needed sending).
     */
    private java.util.concurrent.CompletionStage<Boolean> hysteresis(String cellId, String node, double cioDb, LbPolicy pol) {
        double want = wantedHysteresis(cioDb, pol);
        Double sent = hysteresisSent.get(cellId);
        long ts = decisionTsMs;
        if (sent == null ? want == ranA3HysteresisDb : Math.abs(sent - want) < 1e-6) {
            if (sent == null || !renewalDue(cellId, ts)) return java.util.concurrent.CompletableFuture.completedFuture(true);
            ctx.metrics().increment("hysteresis.renewed");   // the same value again: the hold's lease renewed
        } else {
            ctx.metrics().increment("hysteresis.changes");
        }
        if (want == ranA3HysteresisDb) hysteresisSent.remove(cellId);
        else hysteresisSent.put(cellId, want);
        hysteresisSentAtMs.put(cellId, ts);
        return a3Client.a3Hysteresis(node, cellId, want).thenApply(o -> {
            ctx.metrics().increment("controls." + o.status().name().toLowerCase());
            boolean ok = o.status() == io.jric.api.e2.ControlStatus.ACK;
            if (o.status() == io.jric.api.e2.ControlStatus.CONFLICT) {
                // another xApp holds the cell's hysteresis (refused before the node): its value is in force, nothing of
                // ours is, nor owed; the cell's offset goes back to 0 at the next decision (see contendedUntilMs)
                ctx.metrics().increment("hysteresis.conflicts");
                hysteresisSent.remove(cellId);
                contendedUntilMs.put(cellId, ts + CONTENDED_BACKOFF_MS);
                return false;
            }
            // not in force: a lowering counts as never sent, a give-back as still owed (sent again at the next decision)
            if (!ok && want == ranA3HysteresisDb) hysteresisSent.put(cellId, sent);
            else if (!ok) hysteresisSent.remove(cellId);
            // given back: the cell's hysteresis is free for other xApps at once, not when the lease ends
            if (ok && want == ranA3HysteresisDb) {
                ctx.control().release(node, cellId);
                hysteresisSentAtMs.remove(cellId);
            }
            return ok;
        });
    }

    /** Whether a lowered hysteresis is due to be sent again to renew its hold (a third of the lease on). */
    private boolean renewalDue(String cellId, long ts) {
        Long at = hysteresisSentAtMs.get(cellId);
        return a3LeaseMs > 0 && at != null && ts - at >= a3LeaseMs / 3;
    }

    /** Whether another xApp held the cell's hysteresis lately (a CONFLICT within {@link #CONTENDED_BACKOFF_MS}). */
    private boolean contended(String cellId, long ts) {
        Long until = contendedUntilMs.get(cellId);
        if (until == null) return false;
        if (ts < until) return true;
        contendedUntilMs.remove(cellId);
        return false;
    }

    /** Each cell's row as the model sees it with no change (what the planner starts from), to the drift watch. */
    private void observeDrift(ModelSlot.Active a, List<String> ids) {
        drift.model(a.predictor().bundle());
        int nf = LbModel.INPUT_FEATURES.size();
        float[] x = new float[ids.size() * nf];
        state.features(ids, new double[ids.size()], x);
        for (int i = 0; i < ids.size(); i++) drift.observe(x, i * nf);
    }
}
