package io.jric.xapps.handover;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.DriftMonitor;
import io.jric.xapps.ml.HeldControl;
import io.jric.xapps.ml.ModelSlot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Handover: on every {@code cell-and-ue} KPM report, for every UE in it and every neighbour the UE
 * reports, the DL4J model predicts (1) how much better (dB of SINR, mean over the next 3 s) the UE would
 * be on that neighbour than by staying and (2) how much the handover changes the chance of a ping-pong
 * within 5 s (the model's label: a 3 dB A3-like rule sending the UE back).
 *
 * <p>Leading (policy {@code leadMobility}, default): once a model is active the xApp gives every cell it
 * steers the policy's A3 hysteresis and time to trigger ({@code control().a3Hysteresis /
 * a3TimeToTrigger}), wide enough that the RAN's own A3 is a safety net, and makes the handovers itself
 * (see {@link #ranA3}). It gives the cells the RAN's own A3 (config {@code ranA3HysteresisDb} /
 * {@code ranA3TimeToTriggerMs}) back when the policy stops leading, when it stops, and for 60 s after
 * its handovers are refused or time out 3 times within 10 s (see {@link #handoverOutcome}).
 *
 * <p>Voluntary handovers: the best neighbour by the SINR gain minus {@code pingPongCostDb} times the
 * ping-pong change, among those whose predicted ping-pong change is at most
 * {@code maxPingPongRiskIncrease} or whose gain reaches {@code riskFreeGainDb}, when that score is at
 * least the operating hysteresis for at least the operating time to trigger; never into or out of
 * excluded cells, never back to the previous cell within the ping-pong window, not within a fifth of
 * that window of the UE's last cell change, and never to a neighbour weaker than the serving cell by
 * more than that cell's acknowledged A3 hysteresis minus 0.5 dB (A3 would take the UE straight back), nor
 * by more than 6 dB (outside the model's training data). Rescues: a UE whose serving SINR stayed below
 * {@code rescueBelowSinrDb} for {@code rescueAfterReports} reports is handed over at once, to a neighbour
 * that is not its previous cell and has at least {@code rescueMinTargetSinrDb} of SINR if there is one.
 *
 * <p>Per UE history: a voluntary handover back to the cell the UE left within {@code returnWindowMs} needs
 * {@code returnPenaltyDb} more score, and a UE that returned to its previous cell lately (up to two returns within
 * {@code bounceMemoryMs}) needs {@code bouncePenaltyDb} more per return for any voluntary handover; a voluntary
 * target may be weaker than the serving cell by at most {@code maxTargetRsrpDeficitDb}.
 *
 * <p>Several carriers (config {@code cellsPerLayer}, {@code localCellIdBits}): the xApp hands UEs over only within
 * the layer of their serving cell (moves between layers are the RAN's A4/A5 and the load balancer's), and leads only
 * the cells whose UEs report neighbours on their own layer (see {@link #observeLayers}).
 *
 * <p>Optionally (policy {@code stickyCioDb} &gt; 0, off by default) it raises the CIO of a cell while the
 * RAN's A3 is about to send a UE that entered it within the ping-pong window back to its previous cell
 * (see {@link #stickyCio}). Measured with the RAN's A3 leading: this delays A3's returns past the window
 * rather than avoiding them, at a cost in RLFs, hence off by default (docs/evaluation.md).
 *
 * <p>The operating hysteresis and time to trigger start at the policy's upper bounds and adapt every
 * 10 s of report time to the RLF rate the cells report (60 s window): towards the lower bounds
 * while it is above the policy's target, back up while it is below half of it.
 *
 * <p>Model: config {@code modelFile} ({@code ""}: none, wait for A1-ML), else the trainer's cache file of the
 * network's model ({@link Trainer#modelFor}: with {@code cellsPerLayer} > 0 the one trained on two layers);
 * A1-ML versions replace it (a bad bundle is rejected, the active one kept). Without a model the xApp
 * sends nothing (A3 alone). Metrics: {@code model.active.<version>}, {@code decisions.<version>} (UE
 * decisions taken with that version), {@code handovers.sent}, {@code rescues.sent}, {@code a3.sent},
 * {@code lead.suspended}, {@code controls.<status>}, {@code policy.updates}, {@code model.rejected},
 * {@code cio.sent}, {@code operatingHysteresisCentiDb}, {@code operatingTttMs}, {@code decisions.explored},
 * {@code experience.errors}, {@code experience.queueFull}, {@code experience.badCellId}, {@code experience.afterStop}.
 *
 * <p>Experience (docs/ml-lifecycle.md, section 14): inside a RIC, one {@code ue}-scope row per handover and per UE kept
 * (at most one per {@link #STAY_ROW_EVERY_MS}), recorded after the decision on a thread of its own (at most
 * {@link #EXPERIENCE_QUEUE} rows waiting; more are dropped and counted); the platform attaches the UE's own
 * outcome. Exploration (policy {@code explorationRate}, off by default) and the model's score and retraining are
 * {@link HandoverExploration} and {@link HandoverExperience}.
 */
public final class HandoverXapp implements Xapp {
    private XappContext ctx;
    private final UeTracker tracker = new UeTracker();
    private volatile HandoverPolicy policy = HandoverPolicy.DEFAULT;
    /** The policy's exploration (off by default; docs/ml-lifecycle.md, section 14). */
    private volatile HandoverExploration exploration = HandoverExploration.OFF;
    /** Config {@code explorationSeed}: whether a decision explores is a function of it, the report time and the UE. */
    private long explorationSeed = 1;
    private ModelSlot<ModelSlot.Active> model;
    /** Watches the UEs' radio and load features against the model's training data (docs/ml-lifecycle.md, drift). */
    private DriftMonitor drift;
    /** The RAN's own A3 (xApp config), restored where the xApp stops leading. */
    private double ranA3HysteresisDb = 3;
    private int ranA3TimeToTriggerMs = 320;
    /** Per cell, the A3 hysteresis and time to trigger the xApp asked for (sent, not refused). */
    private final Map<String, double[]> a3Sent = new HashMap<>();
    /** Per cell, the A3 hysteresis the node acknowledged (absent: the RAN's own). */
    private final Map<String, Double> a3AckedHys = new HashMap<>();
    /** Per cell, the A3 time to trigger the node acknowledged (absent: the RAN's own). */
    private final Map<String, Integer> a3AckedTtt = new HashMap<>();
    /** Per cell, report time before which a refused A3 control is not sent again. */
    private final Map<String, Long> a3RetryAtMs = new HashMap<>();
    /** A3 ownership in a RIC (see {@link HeldControl}): per cell, report time of the last A3 controls sent. */
    private final Map<String, Long> a3SentAtMs = new HashMap<>();
    /** The client of the A3 controls: holding them for {@link #a3LeaseMs} where the host has holds, else plain. */
    private io.jric.api.xapp.ControlClient a3Client;
    /** Config {@code a3LeaseMs} (default 60 s): how long a cell's A3 stays held; renewed every third of it; 0: never. */
    private long a3LeaseMs;
    /** Report time of the latest report (the clock of outcome callbacks). */
    private volatile long lastReportMs;
    /** Report times of recent handovers the router refused or that timed out. */
    private final java.util.ArrayDeque<Long> handoverRefusals = new java.util.ArrayDeque<>();
    /** Report time until which the xApp does not lead mobility (its handovers were being refused). */
    private long leadSuspendedUntilMs = Long.MIN_VALUE;
    /** Per cell, its node (for controls sent outside a report). */
    private final Map<String, String> cellNodes = new HashMap<>();
    private int periodMs = 200;
    /** 0: at the policy's upper bounds (conservative), 1: at the lower bounds. */
    private double level;
    private final long[] rlfBuckets = new long[6];
    private final double[] ueSecondBuckets = new double[6];
    private long bucketStartMs = Long.MIN_VALUE;
    private int bucket;
    private float[] xbuf = new float[0];
    private float[] ybuf = new float[0];
    /** Sticky CIO: per cell, until when it is held up, and the CIO last sent. */
    private final Map<String, Long> stickyUntilMs = new HashMap<>();
    private final Map<String, Double> cioSent = new HashMap<>();
    /**
     * Several carriers (config {@code cellsPerLayer}, {@code localCellIdBits}: a cell's layer is its local number,
     * NCI mod 2^localCellIdBits, divided by cellsPerLayer); 0: one layer.
     */
    private int cellsPerLayer;
    private int localCellIdBits = 14;
    /**
     * Config {@code loadWeightDb} (0..20, default 0: off): a voluntary target's score gains this many dB per unit of
     * PRB load (0..1) it has less than the serving cell, a throughput-aware key (a less loaded cell gives the UE more
     * PRBs); rescues are unaffected.
     */
    private double loadWeightDb;
    /**
     * Several carriers: per cell, the share of its UEs' reports that name a neighbour on the cell's own layer (an
     * exponential average) and whether the xApp leads the cell's mobility (only where it sees that layer's neighbours).
     */
    private final Map<String, double[]> sameLayerSeen = new java.util.concurrent.ConcurrentHashMap<>();


    /** Predicted ping-pong change at or below which a move counts as avoiding a ping-pong. */
    static final float AVOID_RISK = -0.5f;
    /** Added to a rescue candidate's key when it is not the previous cell and its SINR is usable. */
    private static final float RESCUE_PREFERENCE = 100f;
    /** Weakest target (dB below the serving RSRP) the model was trained on. */
    private static final double MAX_RSRP_DEFICIT_DB = 6;
    /** How long a refused A3 control waits before it is sent again (report time). */
    static final long A3_RETRY_MS = 10_000;
    /** Refused or timed-out handovers within 10 s that suspend leading. */
    static final int MAX_REFUSALS = 3;
    /** How long leading stays suspended (report time). */
    static final long LEAD_SUSPEND_MS = 60_000;

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        ranA3HysteresisDb = ctx.config().number("ranA3HysteresisDb").orElse(3.0);
        ranA3TimeToTriggerMs = ctx.config().number("ranA3TimeToTriggerMs").orElse(320.0).intValue();
        periodMs = ctx.config().number("reportPeriodMs").orElse(200.0).intValue();
        cellsPerLayer = ctx.config().number("cellsPerLayer").orElse(0.0).intValue();
        localCellIdBits = ctx.config().number("localCellIdBits").orElse(14.0).intValue();
        loadWeightDb = ctx.config().number("loadWeightDb").orElse(0.0);
        if (!(loadWeightDb >= 0 && loadWeightDb <= 20)) throw new IllegalArgumentException("loadWeightDb: 0..20 dB, got " + loadWeightDb);
        explorationSeed = ctx.config().number("explorationSeed").orElse(1.0).longValue();
        // A3 ownership in a RIC: the controls go as holds with this xApp's lease, renewed every third of it while the
        // xApp leads the cell (a3RenewalDue), the cell released when its A3 is given back (HeldControl)
        HeldControl a3 = HeldControl.of(ctx, ctx.config().number("a3LeaseMs").orElse(60_000.0).longValue(), "A3 controls");
        a3Client = a3.client();
        a3LeaseMs = a3.leaseMs();
        policy = HandoverPolicy.defaultFor(cellsPerLayer);  // several carriers: their own risk bound
        publishOperatingPoint();
        ctx.onKpm(this::onReport);
        ctx.onPolicy(this::onPolicy);
        model = ModelSlot.predictors(ctx, "handover", HandoverModel.MODEL_NAME, HandoverModel.INPUT_FEATURES, HandoverModel.OUTPUTS);
        ModelSlot<ModelSlot.Active> slot = model;
        ctx.onModel(new io.jric.api.xapp.ModelListener() {
            @Override
            public void modelActivated(io.jric.api.xapp.ModelEvent e) throws Exception {
                slot.onModel(e);
            }

            @Override  // a canary's cells (the UE's serving cell) decide with the canary version, the others with the active one
            public boolean servesCanaries() {
                return true;
            }

            @Override  // the validation gate: the version loaded apart, scored on held-out experience (section 14)
            public Map<String, Double> scoreModel(io.jric.api.xapp.ModelEvent e, List<io.jric.api.xapp.ExperienceSample> rows)
                    throws Exception {
                return HandoverExperience.score(new io.jric.xapps.ml.Predictor(slot.load(e)), rows);
            }

            @Override  // the retraining job: the parent fine-tuned on the UEs' observed outcomes, apart from the serving one
            public io.jric.api.xapp.TrainedModel trainModel(io.jric.api.xapp.ModelEvent parent,
                                                            List<io.jric.api.xapp.ExperienceSample> rows, long seed) throws Exception {
                return HandoverExperience.train(slot.load(parent), rows, seed);
            }

            @Override  // federated retraining: one round over this grid node's own rows, from the averaged parameters
            public io.jric.api.xapp.LocalUpdate trainLocal(io.jric.api.xapp.ModelEvent parent, float[] global,
                                                           List<io.jric.api.xapp.ExperienceSample> rows, long seed, int round,
                                                           int epochs) throws Exception {
                return HandoverFederated.trainLocal(slot.load(parent), global, rows, seed, round, epochs);
            }

            @Override  // federated retraining: the version of the averaged parameters
            public io.jric.api.xapp.TrainedModel federatedModel(io.jric.api.xapp.ModelEvent parent, float[] params,
                                                                Map<String, Double> validation, Map<String, Long> rows,
                                                                long seed) throws Exception {
                return HandoverFederated.model(slot.load(parent), params, validation, rows, seed);
            }
        });
        Trainer.ModelChoice choice = Trainer.modelFor(cellsPerLayer);  // several carriers: the two-layer model
        model.loadInBackground(choice.trainerVersion(), choice.seed(),
                () -> Trainer.train(choice.options()), "run the handover Trainer (or deliver one through A1-ML); until then A3 alone decides");
        drift = new DriftMonitor(ctx, HandoverModel.INPUT_FEATURES, DRIFT_WATCHED);
    }

    /**
     * The inputs watched for drift: radio, load and throughput; not the time on the serving cell, the
     * neighbour's rank or whether it is the previous cell, which the xApp's own handovers shape.
     */
    static final List<String> DRIFT_WATCHED = HandoverModel.INPUT_FEATURES.subList(0, 10);

    /** Gives the cells whose A3 the xApp changed the RAN's own settings back (best effort). */
    @Override
    public synchronized void stop() {
        if (ctx == null) return;
        if (drift != null) drift.close();
        stopped = true;
        if (recorder != null) recorder.shutdown();  // the rows queued are still written
        for (String id : List.copyOf(a3Sent.keySet())) {
            String node = cellNodes.get(id);
            if (node == null) continue;
            a3Client.a3Hysteresis(node, id, ranA3HysteresisDb);
            a3Client.a3TimeToTrigger(node, id, ranA3TimeToTriggerMs);
        }
        a3Sent.clear();
        a3AckedHys.clear();
        a3AckedTtt.clear();
    }

    /** Version of the active model, or null. */
    String activeVersion() {
        return model == null ? null : model.activeVersion();
    }

    private PolicyStatus onPolicy(PolicyEvent e) {
        if (!HandoverPolicy.TYPE.equals(e.policyTypeId())) return PolicyStatus.notEnforced("unknown policy type " + e.policyTypeId());
        HandoverPolicy p;
        HandoverExploration x;
        if (e.deleted()) {
            p = HandoverPolicy.defaultFor(cellsPerLayer);
            x = HandoverExploration.OFF;
        } else {
            try {
                p = HandoverPolicy.parse(e.json(), HandoverPolicy.defaultFor(cellsPerLayer));
                x = HandoverExploration.parse(e.json());
            } catch (IllegalArgumentException ex) {
                return PolicyStatus.notEnforced(ex.getMessage());
            }
        }
        synchronized (this) {
            policy = p;
            exploration = x;
            publishOperatingPoint();
        }
        ctx.metrics().increment("policy.updates");
        ctx.logger().log(System.Logger.Level.INFO, "policy {0}: {1}", e.policyId(), p);
        return PolicyStatus.enforced();
    }

    double operatingHysteresisDb() {
        HandoverPolicy p = policy;
        return p.hysteresisMaxDb() - level * (p.hysteresisMaxDb() - p.hysteresisMinDb());
    }

    int operatingTttMs() {
        HandoverPolicy p = policy;
        return (int) Math.round(p.timeToTriggerMaxMs() - level * (p.timeToTriggerMaxMs() - p.timeToTriggerMinMs()));
    }

    private void publishOperatingPoint() {
        if (ctx == null) return;
        long h = Math.round(operatingHysteresisDb() * 100);
        ctx.metrics().add("operatingHysteresisCentiDb", h - ctx.metrics().get("operatingHysteresisCentiDb"));
        long t = operatingTttMs();
        ctx.metrics().add("operatingTttMs", t - ctx.metrics().get("operatingTttMs"));
    }

    private synchronized void adapt(KpmReport report) {
        long ts = report.timestampMs();
        if (bucketStartMs == Long.MIN_VALUE) bucketStartMs = ts;
        if (ts - bucketStartMs >= 10_000) {
            long rlf = 0;
            double ueS = 0;
            for (int i = 0; i < rlfBuckets.length; i++) {
                rlf += rlfBuckets[i];
                ueS += ueSecondBuckets[i];
            }
            if (ueS > 0) {
                double rate = rlf / (ueS / 3600.0);
                HandoverPolicy p = policy;
                if (rate > p.targetRlfPerUeHour()) level = Math.min(1, level + 0.1);
                else if (rate < p.targetRlfPerUeHour() / 2) level = Math.max(0, level - 0.1);
                publishOperatingPoint();
            }
            bucket = (bucket + 1) % rlfBuckets.length;
            rlfBuckets[bucket] = 0;
            ueSecondBuckets[bucket] = 0;
            bucketStartMs = ts;
        }
        for (CellKpi c : report.cells()) rlfBuckets[bucket] += c.rlfCount();
        ueSecondBuckets[bucket] += report.ues().size() * periodMs / 1000.0;
    }

    /** A cell's layer from its id {@code <plmn hex>:<NCI hex>} (0 with one layer). */
    int layer(String cellId) {
        if (cellsPerLayer <= 0) return 0;
        long nci = Long.parseLong(cellId.substring(cellId.indexOf(':') + 1), 16);
        return (int) ((nci & ((1L << localCellIdBits) - 1)) / cellsPerLayer);
    }

    /** Weight of one UE report in a cell's share of reports naming a neighbour on its layer. */
    static final double SEEN_ALPHA = 0.02;
    /** Share above which the xApp leads a cell's mobility (several carriers), and below which it stops. */
    static final double LEAD_SEEN_SHARE = 0.6;
    static final double STOP_SEEN_SHARE = 0.4;

    /**
     * Several carriers: updates each cell's share of UE reports that name a neighbour on the cell's own layer. A RAN
     * whose reports name the strongest neighbours of any layer hides a weaker carrier's cells (a mid band under a low
     * band's stronger reference signals): its UEs hardly ever show a neighbour of their own layer, the xApp cannot
     * choose targets there, so it leaves mobility (A3 within the layer, A4/A5 across) to the RAN. Reports per
     * frequency (TS 38.331 measurement objects; jRIC's simulator since issue #16's third round) show each UE its own
     * layer's neighbours, and the xApp leads every layer.
     */
    private void observeLayers(KpmReport report) {
        if (cellsPerLayer <= 0) return;
        for (UeKpi u : report.ues()) {
            String serving = u.servingCellId();
            if (serving == null) continue;
            int l = layer(serving);
            boolean seen = false;
            for (String n : u.neighbourCellIds()) if (layer(n) == l) seen = true;
            double[] v = sameLayerSeen.computeIfAbsent(serving, k -> new double[3]);  // {share, reports, leading 0/1}
            v[1]++;
            double w = Math.max(SEEN_ALPHA, 1 / v[1]);
            v[0] = (1 - w) * v[0] + w * (seen ? 1 : 0);
            if (v[1] >= 50) v[2] = v[0] >= LEAD_SEEN_SHARE ? 1 : v[0] < STOP_SEEN_SHARE ? 0 : v[2];
        }
    }

    /** Whether the xApp can steer the cell's UEs: one layer, or its UEs see neighbours on the cell's layer. */
    private boolean steerable(String cellId) {
        if (cellsPerLayer <= 0) return true;
        double[] v = sameLayerSeen.get(cellId);
        return v != null && v[2] > 0;
    }

    private void onReport(KpmReport report) {
        adapt(report);
        observeLayers(report);
        List<UeTracker.Candidate> cands = tracker.update(report);
        ModelSlot.Active a = model == null ? null : model.active();
        if (a == null) {
            ctx.metrics().increment("reports.withoutModel");
            return;
        }
        HandoverPolicy p = policy;
        lastReportMs = report.timestampMs();
        for (UeKpi u : report.ues()) {
            UeTracker.Ue st = tracker.ue(u.ueId());
            if (st != null) st.lowReports = u.sinrDb() < p.rescueBelowSinrDb() ? st.lowReports + 1 : 0;
        }
        ranA3(report, p);
        stickyCio(report, cands);
        if (cands.isEmpty()) return;
        int n = cands.size();
        int nIn = HandoverModel.INPUT_FEATURES.size();
        if (xbuf.length < n * nIn) {
            xbuf = new float[n * nIn * 2];
            ybuf = new float[n * 4];
        }
        for (int i = 0; i < n; i++) System.arraycopy(cands.get(i).features(), 0, xbuf, i * nIn, nIn);
        drift.model(a.predictor().bundle());
        for (int i = 0; i < n; i++) drift.observe(xbuf, i * nIn);
        a.predictor().predictBatch(xbuf, n, ybuf);
        if (model.canaryVersion() != null) canaryPredictions(cands, a, nIn);
        double hys = operatingHysteresisDb();
        int ttt = operatingTttMs();
        int i = 0;
        while (i < n) {
            long ue = cands.get(i).ueId();
            UeTracker.Ue st = tracker.ue(ue);
            boolean rescue = p.rescueAfterReports() > 0 && st.lowReports >= p.rescueAfterReports();
            int j = i;
            int best = -1;
            float bestKey = Float.NEGATIVE_INFINITY;
            while (j < n && cands.get(j).ueId() == ue) {
                UeTracker.Candidate c = cands.get(j);
                if (cellsPerLayer > 0 && layer(c.targetCellId()) != layer(c.servingCellId())) {
                    j++;  // moves between layers are the RAN's (A4/A5) and the load balancer's
                    continue;
                }
                float gain = ybuf[2 * j];
                float risk = ybuf[2 * j + 1];
                float key;
                if (rescue) {
                    // Any neighbour that is not the previous cell and gives a usable SINR first, so the
                    // rescue does not become a ping-pong; then the best predicted gain.
                    boolean toPrevious = c.features()[HandoverModel.F_IS_PREVIOUS] > 0.5f
                            && (report.timestampMs() - st.servingSinceMs) < p.pingPongWindowMs();
                    float nbrSinr = c.features()[1] + c.features()[3];
                    key = gain + (!toPrevious && nbrSinr >= p.rescueMinTargetSinrDb() ? RESCUE_PREFERENCE : 0);
                } else {
                    // UEs whose link is fine are left alone, unless the move steers them clear of a ping-pong.
                    boolean atRisk = c.features()[1] < p.actBelowSinrDb() || (risk <= AVOID_RISK && gain >= 0);
                    boolean riskOk = risk <= p.maxPingPongRiskIncrease() || gain >= p.riskFreeGainDb();
                    if (!atRisk || !riskOk) {
                        j++;
                        continue;
                    }
                    key = gain - (float) p.pingPongCostDb() * risk;
                    if (loadWeightDb > 0) key += (float) (loadWeightDb * (c.features()[7] - c.features()[8]) / 100.0);
                    // back to the cell the UE left a short while ago: only on a clearly larger gain
                    if (c.targetCellId().equals(st.previous) && report.timestampMs() - st.servingSinceMs < p.returnWindowMs()) {
                        key -= (float) p.returnPenaltyDb();
                    }
                }
                if (eligible(c, p, rescue) && key > bestKey) {
                    best = j;
                    bestKey = key;
                }
                j++;
            }
            long ts = report.timestampMs();
            UeTracker.Candidate chosen = best < 0 ? null : cands.get(best);
            UeTracker.Candidate target = decide(ts, cands.get(i), chosen, bestKey, rescue, p, hys, ttt);
            boolean explored = false;
            if (!rescue && exploration.explores(explorationSeed, ts, ue, st.lastExploredMs,
                    HandoverExploration.cooldownMs(p.pingPongWindowMs()))) {
                if (target != null) {
                    target = null;  // the model hands over: stay instead (the time to trigger starts again)
                    explored = true;
                } else if (chosen != null && explorable(ts, chosen, bestKey, p, hys)) {
                    target = chosen;  // the model stays: hand over to its best-scored neighbour, within the margin
                    explored = true;
                }
                if (explored) {
                    st.lastExploredMs = ts;
                    ctx.metrics().increment("decisions.explored");
                }
            }
            if (target != null) send(ts, target, rescue);
            if (ctx.experience().enabled()) record(ts, cands, i, j, best, target != null, rescue, explored, p);
            ModelSlot.Active decider = model.forCell(cands.get(i).servingCellId());
            ctx.metrics().increment("decisions." + (decider == null ? a : decider).version());
            i = j;
        }
    }

    /**
     * A canary serves some cells (docs/ml-lifecycle.md, section 8): the candidates of UEs those cells serve take the
     * canary version's predictions instead of the active one's (already in {@code ybuf}), one row at a time.
     */
    private void canaryPredictions(List<UeTracker.Candidate> cands, ModelSlot.Active active, int nIn) {
        float[] x = new float[nIn];
        float[] y = new float[HandoverModel.OUTPUTS.size()];
        for (int k = 0; k < cands.size(); k++) {
            ModelSlot.Active m = model.forCell(cands.get(k).servingCellId());
            if (m == null || m == active) continue;
            System.arraycopy(xbuf, k * nIn, x, 0, nIn);
            m.predictor().predict(x, y);
            ybuf[2 * k] = y[0];
            ybuf[2 * k + 1] = y[1];
        }
    }

    /**
     * Raises the CIO of a cell to the policy's {@code stickyCioDb} while one of its UEs entered it within
     * the ping-pong window and sees its previous cell come within {@code stickyArmDb} of the serving
     * cell (the RAN's A3 would send it back sooner or later); holds it until that UE's window has
     * passed, then back to 0. Controls go only on change.
     */
    private void stickyCio(KpmReport report, List<UeTracker.Candidate> cands) {
        HandoverPolicy p = policy;
        long ts = report.timestampMs();
        if (p.stickyCioDb() != 0) {
            for (UeTracker.Candidate c : cands) {
                if (c.features()[HandoverModel.F_IS_PREVIOUS] < 0.5f || c.rsrpDeltaDb() < p.stickyArmDb()) continue;
                UeTracker.Ue s = tracker.ue(c.ueId());
                long until = s.servingSinceMs + p.pingPongWindowMs();
                if (until > ts) stickyUntilMs.merge(c.servingCellId(), until, Math::max);
            }
        }
        for (CellKpi cell : report.cells()) {
            String id = cell.cellId();
            boolean held = stickyUntilMs.getOrDefault(id, Long.MIN_VALUE) > ts && !p.excludedCells().contains(id);
            double want = held ? p.stickyCioDb() : 0;
            double sent = cioSent.getOrDefault(id, 0.0);
            if (want == sent) continue;
            cioSent.put(id, want);
            ctx.metrics().increment("cio.sent");
            ctx.control().cellIndividualOffset(cell.nodeId(), id, want).thenAccept(o ->
                    ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
        }
    }

    private boolean eligible(UeTracker.Candidate c, HandoverPolicy p, boolean rescue) {
        if (p.excludedCells().contains(c.targetCellId()) || p.excludedCells().contains(c.servingCellId())) return false;
        // The A3 hysteresis the target cell has acknowledged: a weaker target would be sent straight back.
        // Never below the model's training range (neighbours within 6 dB).
        double a3 = ackedHysteresis(c.targetCellId());
        double deficit = Math.min(a3 - 0.5, MAX_RSRP_DEFICIT_DB);
        return c.rsrpDeltaDb() >= -(rescue ? deficit : Math.min(deficit, p.maxTargetRsrpDeficitDb()));
    }

    /**
     * While the policy says {@code leadMobility}, gives every reported cell that is not excluded the
     * policy's A3 hysteresis and time to trigger; otherwise gives the cells it changed back the RAN's own
     * (config {@code ranA3HysteresisDb} / {@code ranA3TimeToTriggerMs}). Controls go only on change; a
     * refused or failed one is counted ({@code controls.<status>}) and not repeated until the wanted
     * values change.
     */
    private synchronized void ranA3(KpmReport report, HandoverPolicy p) {
        long ts = report.timestampMs();
        boolean suspended = ts < leadSuspendedUntilMs;
        for (CellKpi cell : report.cells()) {
            String id = cell.cellId();
            cellNodes.putIfAbsent(id, cell.nodeId());
            boolean lead = p.leadMobility() && !suspended && !p.excludedCells().contains(id) && steerable(id);
            double[] sent = a3Sent.get(id);
            if (sent == null && !lead && !a3AckedHys.containsKey(id) && !a3AckedTtt.containsKey(id)) {
                continue;  // the RAN's own settings stand
            }
            double hys = lead ? p.ranA3HysteresisDb() : ranA3HysteresisDb;
            int ttt = lead ? p.ranA3TimeToTriggerMs() : ranA3TimeToTriggerMs;
            if (sent != null && sent[0] == hys && sent[1] == ttt && !a3RenewalDue(id, ts, lead)) continue;
            if (a3RetryAtMs.getOrDefault(id, Long.MIN_VALUE) > ts) continue;
            a3Sent.put(id, new double[] {hys, ttt});
            a3SentAtMs.put(id, ts);
            ctx.metrics().increment("a3.sent");
            a3Client.a3Hysteresis(cell.nodeId(), id, hys).thenAccept(o -> a3Outcome(id, hys, -1, o));
            a3Client.a3TimeToTrigger(cell.nodeId(), id, ttt).thenAccept(o -> a3Outcome(id, Double.NaN, ttt, o));
        }
    }

    /**
     * Records the outcome of an A3 control (a hysteresis, or a time to trigger when
     * {@code hysteresisDb} is NaN): an acknowledged value is what the cell applies (the RAN's own again:
     * forgotten); anything else is retried no sooner than 10 s of report time later.
     */
    private void a3Outcome(String cellId, double hysteresisDb, int tttMs, ControlOutcome o) {
        // the release goes out of the xApp's lock: the report thread needs it, the router's release logs to the grid
        String releaseOn = a3Recorded(cellId, hysteresisDb, tttMs, o);
        if (releaseOn != null) ctx.control().release(releaseOn, cellId);
    }

    /** Records an A3 outcome (see {@link #a3Outcome}); the cell's node when the cell is to be released, else null. */
    private synchronized String a3Recorded(String cellId, double hysteresisDb, int tttMs, ControlOutcome o) {
        ctx.metrics().increment("controls." + o.status().name().toLowerCase());
        if (o.status() == ControlStatus.ACK) {
            boolean leading = isLeading(cellId);
            if (!Double.isNaN(hysteresisDb)) {
                if (hysteresisDb == ranA3HysteresisDb && !leading) a3AckedHys.remove(cellId);
                else a3AckedHys.put(cellId, hysteresisDb);
            } else {
                if (tttMs == ranA3TimeToTriggerMs && !leading) a3AckedTtt.remove(cellId);
                else a3AckedTtt.put(cellId, tttMs);
            }
            if (!leading && !a3AckedHys.containsKey(cellId) && !a3AckedTtt.containsKey(cellId) && a3Sent.remove(cellId) != null) {
                // the RAN's own A3 is back: the cell's A3 is free for other xApps at once, not when the lease ends
                a3SentAtMs.remove(cellId);
                return cellNodes.get(cellId);
            }
            return null;
        }
        if (o.status() == ControlStatus.CONFLICT) {
            // another xApp holds the parameter (the router refused this before the node): its value is in force, not ours
            ctx.metrics().increment("a3.conflicts");
            if (!Double.isNaN(hysteresisDb)) a3AckedHys.remove(cellId);
            else a3AckedTtt.remove(cellId);
        }
        a3Sent.remove(cellId);
        a3RetryAtMs.put(cellId, lastReportMs + A3_RETRY_MS);
        ctx.logger().log(System.Logger.Level.WARNING, "A3 control on {0}: {1} {2}", cellId, o.status(), o.detail());
        return null;
    }

    /** Whether a cell the xApp leads is due to have its A3 sent again to renew the hold (a third of the lease on). */
    private boolean a3RenewalDue(String cellId, long ts, boolean lead) {
        if (a3LeaseMs <= 0 || !lead || !a3AckedHys.containsKey(cellId)) return false;
        boolean due = ts - a3SentAtMs.getOrDefault(cellId, ts) >= a3LeaseMs / 3;
        if (due) ctx.metrics().increment("a3.renewed");
        return due;
    }

    private synchronized boolean isLeading(String cellId) {
        HandoverPolicy p = policy;
        return p.leadMobility() && lastReportMs >= leadSuspendedUntilMs && !p.excludedCells().contains(cellId) && steerable(cellId);
    }

    private synchronized double ackedHysteresis(String cellId) {
        return a3AckedHys.getOrDefault(cellId, ranA3HysteresisDb);
    }

    /**
     * Counts a handover the router refused or that timed out (a guard rail forbidding RIC handovers, an
     * unreachable node): after {@value #MAX_REFUSALS} within 10 s of report time the xApp stops leading
     * for {@value #LEAD_SUSPEND_MS} ms, so the cells get the RAN's own A3 back while it cannot hand over.
     */
    private synchronized void handoverOutcome(ControlOutcome o) {
        ctx.metrics().increment("controls." + o.status().name().toLowerCase());
        if (o.status() != ControlStatus.REFUSED && o.status() != ControlStatus.TIMEOUT) return;
        long now = lastReportMs;
        handoverRefusals.addLast(now);
        while (!handoverRefusals.isEmpty() && handoverRefusals.peekFirst() < now - 10_000) handoverRefusals.pollFirst();
        if (handoverRefusals.size() >= MAX_REFUSALS && now >= leadSuspendedUntilMs) {
            leadSuspendedUntilMs = now + LEAD_SUSPEND_MS;
            handoverRefusals.clear();
            ctx.metrics().increment("lead.suspended");
            ctx.logger().log(System.Logger.Level.WARNING, "handovers {0} ({1}): giving the cells the RAN''s own A3 "
                    + "back for {2} ms", o.status(), o.detail(), LEAD_SUSPEND_MS);
        }
    }

    /** The UE's decision: the neighbour to hand it to now, or null (the handover itself is {@link #send}). */
    private UeTracker.Candidate decide(long ts, UeTracker.Candidate any, UeTracker.Candidate best, float key, boolean rescue,
                                       HandoverPolicy p, double hys, int ttt) {
        UeTracker.Ue s = tracker.ue(any.ueId());
        // a UE that bounced between cells lately needs a clearer gain (its own hysteresis, from its history)
        double need = rescue ? 0 : hys + p.bouncePenaltyDb() * s.returnsWithin(ts, p.bounceMemoryMs());
        if (best == null || key < need) {
            s.pendingTarget = null;
            s.pendingCount = 0;
            return null;
        }
        if (!rescue) {
            long sinceChange = ts - s.servingSinceMs;
            if (sinceChange < p.pingPongWindowMs() / 5) return null;
            if (best.targetCellId().equals(s.previous) && sinceChange < p.pingPongWindowMs()) return null;
            if (best.targetCellId().equals(s.pendingTarget)) {
                s.pendingCount++;
            } else {
                s.pendingTarget = best.targetCellId();
                s.pendingCount = 1;
            }
            if ((long) (s.pendingCount - 1) * periodMs < ttt) return null;
        }
        s.pendingTarget = null;
        s.pendingCount = 0;
        return best;
    }

    /**
     * Whether an exploring decision may hand the UE to {@code best} although the model keeps it: the rules every
     * voluntary handover obeys (no move within a fifth of the ping-pong window of the last cell change, none back to
     * the previous cell within it) and a score at most the policy's {@code explorationMarginDb} below what is needed.
     */
    private boolean explorable(long ts, UeTracker.Candidate best, float key, HandoverPolicy p, double hys) {
        UeTracker.Ue s = tracker.ue(best.ueId());
        double need = hys + p.bouncePenaltyDb() * s.returnsWithin(ts, p.bounceMemoryMs());
        long sinceChange = ts - s.servingSinceMs;
        if (key < need - exploration.marginDb() || sinceChange < p.pingPongWindowMs() / 5) return false;
        if (best.targetCellId().equals(s.previous) && sinceChange < p.pingPongWindowMs()) return false;
        s.pendingTarget = null;
        s.pendingCount = 0;
        return true;
    }

    private void send(long ts, UeTracker.Candidate target, boolean rescue) {
        UeTracker.Ue s = tracker.ue(target.ueId());
        s.lastXappHandoverMs = ts;
        s.lowReports = 0;
        ctx.metrics().increment(rescue ? "rescues.sent" : "handovers.sent");
        ctx.control().handover(target.nodeId(), target.ueId(), target.targetCellId()).thenAccept(this::handoverOutcome);
    }

    /** A UE that stays gets at most one experience row per this much report time (a handover always gets one). */
    static final long STAY_ROW_EVERY_MS = 3000;

    /**
     * Records the UE's decision as one {@code ue}-scope experience row (docs/ml-lifecycle.md, section 14), after it
     * was taken: the features are the model's inputs for one neighbour (the handover's target; for a stay, the
     * best-scored neighbour, else the one with the largest predicted gain), the action whether the UE was handed over,
     * to which cell ({@code targetNci}), rescue, explored, and the model's two predictions for that neighbour. A UE
     * that stays with no neighbour within 6 dB of its serving cell's RSRP (the model's training range) that the xApp
     * decides on (same layer, neither cell excluded, {@link #fallbackNeighbour}) gets no row; nor does a neighbour id that
     * is no NR cell id ({@code experience.badCellId}); after {@link #stop()} none is written ({@code experience.afterStop}).
     */
    private void record(long ts, List<UeTracker.Candidate> cands, int from, int to, int best, boolean handover,
                        boolean rescue, boolean explored, HandoverPolicy p) {
        UeTracker.Candidate first = cands.get(from);
        UeTracker.Ue s = tracker.ue(first.ueId());
        if (!handover && ts - s.lastExperienceRowMs < STAY_ROW_EVERY_MS) return;
        int k = best;
        if (k < 0) {
            // the neighbour with the largest predicted gain among those the model was trained on (within 6 dB of RSRP)
            k = fallbackNeighbour(cands, from, to, ybuf, c -> decidable(c, p));
            if (k < 0) return;  // no neighbour any decision of the model could be about
        }
        UeTracker.Candidate c = cands.get(k);
        Map<String, Double> features = new HashMap<>();
        float[] f = c.features();
        for (int m = 0; m < HandoverModel.INPUT_FEATURES.size(); m++) features.put(HandoverModel.INPUT_FEATURES.get(m), (double) f[m]);
        Map<String, Double> action = new HashMap<>();
        action.put("handover", handover ? 1.0 : 0.0);
        long targetNci = HandoverExperience.nciOrNegative(c.targetCellId());
        if (targetNci < 0) {  // a neighbour id from the network that is no NR cell id: the decision stands, no row
            ctx.metrics().increment("experience.badCellId");
            return;
        }
        action.put(HandoverExperience.TARGET_NCI, (double) targetNci);
        action.put("rescue", rescue ? 1.0 : 0.0);
        action.put("explored", explored ? 1.0 : 0.0);
        action.put("predictedGainDb", (double) ybuf[2 * k]);
        action.put("predictedPingPongRiskDelta", (double) ybuf[2 * k + 1]);
        s.lastExperienceRowMs = ts;
        String node = c.nodeId();
        String cell = c.servingCellId();
        long ueId = c.ueId();
        java.util.concurrent.ThreadPoolExecutor w = recorder();
        if (w == null) {  // stopped: no recorder thread any more
            ctx.metrics().increment("experience.afterStop");
            return;
        }
        try {
            w.execute(() -> {
                try {
                    ctx.experience().record(ts, node, cell, ueId, features, action);
                } catch (RuntimeException e) {  // a bad id or value from the network: the decision stands, no row
                    ctx.metrics().increment("experience.errors");
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException refused) {
            ctx.metrics().increment(w.isShutdown() ? "experience.afterStop" : "experience.queueFull");
        }
    }

    /**
     * Whether the xApp ever decides about handing a UE from {@code c}'s serving cell to {@code c}'s neighbour: both on
     * the same layer (several carriers) and neither excluded by the policy.
     */
    private boolean decidable(UeTracker.Candidate c, HandoverPolicy p) {
        if (cellsPerLayer > 0 && layer(c.targetCellId()) != layer(c.servingCellId())) return false;
        return !p.excludedCells().contains(c.targetCellId()) && !p.excludedCells().contains(c.servingCellId());
    }

    /**
     * A stay's row when the model scored no neighbour best: among {@code cands[from, to)} (one UE's) that {@code decidable}
     * accepts and the model was trained on (within {@link #MAX_RSRP_DEFICIT_DB} of the serving RSRP), the one with the
     * largest predicted gain ({@code y[2k]}; the first on ties), or -1.
     */
    static int fallbackNeighbour(List<UeTracker.Candidate> cands, int from, int to, float[] y,
                                 java.util.function.Predicate<UeTracker.Candidate> decidable) {
        int k = -1;
        for (int m = from; m < to; m++) {
            UeTracker.Candidate c = cands.get(m);
            if (c.rsrpDeltaDb() < -MAX_RSRP_DEFICIT_DB || !decidable.test(c)) continue;
            if (k < 0 || y[2 * m] > y[2 * k]) k = m;
        }
        return k;
    }

    /** Rows waiting for the recorder thread at most; beyond it a row is dropped and counted ({@code experience.queueFull}). */
    static final int EXPERIENCE_QUEUE = 10_000;
    private java.util.concurrent.ThreadPoolExecutor recorder;
    /** Set by {@link #stop()}: no recorder thread is started after it; rows then are counted {@code experience.afterStop}. */
    private boolean stopped;

    /**
     * The thread that writes the rows to the grid (a few grid writes each), so the report path never waits for them: the
     * xApp decides on every report of every UE, and its handovers are time-critical.
     */
    private synchronized java.util.concurrent.ThreadPoolExecutor recorder() {
        if (stopped) return null;
        if (recorder == null) {
            recorder = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(EXPERIENCE_QUEUE), r -> {
                        Thread t = new Thread(r, "handover-experience");
                        t.setDaemon(true);
                        return t;
                    });
        }
        return recorder;
    }
}
