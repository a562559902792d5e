package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelCache;
import io.jric.xapps.ml.Predictor;
import java.nio.file.Path;
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
    private volatile Active active;
    private final CellState state = new CellState();
    private long nextDecisionTs = Long.MIN_VALUE;

    record Active(Predictor predictor, String version) {}

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
        ctx.onModel(this::onModel);
        String configured = ctx.config().string("modelFile").orElse(null);
        if (configured != null && configured.isEmpty()) return;
        Path file = configured != null ? Path.of(configured)
                : ModelCache.file(LbModel.MODEL_NAME, Trainer.TRAINER_VERSION, Trainer.DEFAULT_SEED);
        boolean train = ctx.config().bool("trainIfMissing").orElse(false);
        Thread loader = new Thread(() -> loadInitial(file, train), "load-balancing-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void loadInitial(Path file, boolean train) {
        try {
            ModelBundle b = train ? ModelCache.getOrMake(file, () -> Trainer.train(Trainer.Options.defaults()))
                    : ModelCache.loadIfPresent(file);
            if (b == null) {
                ctx.logger().log(System.Logger.Level.WARNING, "no load-balancing model at {0}: run the load-balancing "
                        + "Trainer (or deliver one through A1-ML); until then no CIO changes", file);
                return;
            }
            synchronized (this) {
                if (active == null) activate(b, "file " + file.getFileName());
            }
        } catch (Exception e) {
            ctx.logger().log(System.Logger.Level.ERROR, "loading the load-balancing model failed", e);
        }
    }

    private synchronized void activate(ModelBundle b, String source) {
        Active previous = active;
        active = new Active(new Predictor(b), b.metadata().version());
        if (previous != null) {
            ctx.metrics().add("model.active." + previous.version(), -ctx.metrics().get("model.active." + previous.version()));
        }
        ctx.metrics().add("model.active." + b.metadata().version(), 1 - ctx.metrics().get("model.active." + b.metadata().version()));
        ctx.logger().log(System.Logger.Level.INFO, "load-balancing model {0} v{1} active ({2}; validation {3})",
                b.metadata().modelName(), b.metadata().version(), source, b.metadata().validation());
    }

    private void onModel(ModelEvent e) throws Exception {
        try {
            if (!LbModel.MODEL_NAME.equals(e.modelName())) {
                throw new IllegalArgumentException("model " + e.modelName() + " (expected: " + LbModel.MODEL_NAME + ")");
            }
            if (!"dl4j".equals(e.format())) throw new IllegalArgumentException("format " + e.format() + " (expected: dl4j)");
            ModelBundle b = ModelBundle.fromBytes(e.content());
            b.requireInputs(e.inputFeatures());
            b.requireInputs(LbModel.INPUT_FEATURES);
            if (!b.metadata().outputs().equals(LbModel.OUTPUTS)) {
                throw new IllegalArgumentException("outputs " + b.metadata().outputs() + " (expected: " + LbModel.OUTPUTS + ")");
            }
            activate(b.withVersion(e.version()), "A1-ML");
        } catch (Exception ex) {
            ctx.metrics().increment("model.rejected");
            ctx.logger().log(System.Logger.Level.WARNING, "rejected load-balancing model {0} v{1}: {2}", e.modelName(),
                    e.version(), ex.getMessage());
            throw ex;
        }
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
        Active a = active;
        if (a == null) {
            ctx.metrics().increment("decisions.withoutModel");
            return;
        }
        List<String> ids = state.cellIds();
        if (ids.isEmpty()) return;
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
}
