package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.DriftMonitor;
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
 * {@code layer.changes}, {@code guard.trips}.
 *
 * <p>Do no harm: a {@link HarmGuard} compares the radio link failures and returns to the previous cell (within
 * 10 s, seen in the UE reports) of every cell whose offset is not 0 with the same cell's rate while it had
 * none; past the policy's {@code harmAllowancePct} it sets the offset back to 0 and holds the cell there.
 *
 * <p>Two layers (config {@code layerNrArfcns}, {@link LayerPlan}): the xApp steers load from the coverage layer
 * to the capacity layer with the inter-frequency controls ({@link LayerSteering}, no model needed, same guard
 * per sector) and leaves the CIOs within a layer alone (the model was trained on one layer).
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
    private long nextDecisionTs = Long.MIN_VALUE;
    /** Returns to the previous cell within this long count as harm (the longer of the usual ping-pong windows). */
    static final long RETURN_WINDOW_MS = 10_000;


    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
        LayerPlan plan = LayerPlan.fromConfig(ctx.config().json());
        if (plan != null) {
            layers = new LayerSteering(plan);
            returns = new UeReturns(RETURN_WINDOW_MS, plan::layer);
            ctx.logger().log(System.Logger.Level.INFO, "two layers: {0}", plan);
        }
        model = ModelSlot.predictors(ctx, "load-balancing", LbModel.MODEL_NAME, LbModel.INPUT_FEATURES, LbModel.OUTPUTS);
        ctx.onModel(model::onModel);
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
            decide(pol);
            state.reset();
            returns.reset();
            nextDecisionTs = report.timestampMs() + pol.decisionPeriodMs();
        }
        state.add(report);
        returns.add(report);
    }

    private void decide(LbPolicy pol) {
        if (layers != null) {
            // Two layers: steering between them (no model needed); offsets within a layer are left alone.
            layers.decide(state, returns, guard, pol, ctx);
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
        double[] change = Planner.plan(a.predictor(), state, ids, pol);
        ctx.metrics().increment("decisions." + a.version());
        for (int i = 0; i < ids.size(); i++) {
            double now = state.cio(ids.get(i));
            // outside the policy's range (a policy change): brought inside at once
            double target = Math.max(pol.cioMinDb(), Math.min(pol.cioMaxDb(), now + change[i]));
            if (held.contains(ids.get(i))) target = 0;
            else if (pol.excludedCells().contains(ids.get(i))) continue;
            if (Math.abs(target - now) < 1e-6) continue;
            ctx.metrics().increment("cio.changes");
            ctx.control().cellIndividualOffset(state.nodeOf(ids.get(i)), ids.get(i), target).thenAccept(o ->
                    ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
        }
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
