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
 * {@code cio.changes}, {@code controls.<status>}, {@code policy.updates}, {@code model.rejected}.
 */
public final class LoadBalancingXapp implements Xapp {
    private XappContext ctx;
    private volatile LbPolicy policy = LbPolicy.DEFAULT;
    private ModelSlot<ModelSlot.Active> model;
    /** Watches the cells' state against the model's training data (docs/ml-lifecycle.md, drift). */
    private DriftMonitor drift;
    private final CellState state = new CellState();
    private long nextDecisionTs = Long.MIN_VALUE;


    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
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
            nextDecisionTs = report.timestampMs() + pol.decisionPeriodMs();
        }
        state.add(report);
    }

    private void decide(LbPolicy pol) {
        ModelSlot.Active a = model == null ? null : model.active();
        if (a == null) {
            ctx.metrics().increment("decisions.withoutModel");
            return;
        }
        List<String> ids = state.cellIds();
        if (ids.isEmpty()) return;
        observeDrift(a, ids);
        double[] change = Planner.plan(a.predictor(), state, ids, pol);
        ctx.metrics().increment("decisions." + a.version());
        for (int i = 0; i < ids.size(); i++) {
            double now = state.cio(ids.get(i));
            // outside the policy's range (a policy change): brought inside at once
            double target = Math.max(pol.cioMinDb(), Math.min(pol.cioMaxDb(), now + change[i]));
            if (pol.excludedCells().contains(ids.get(i)) || Math.abs(target - now) < 1e-6) continue;
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
