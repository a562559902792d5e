package io.jric.xapps.lb;

import io.jric.api.xapp.XappContext;
import io.jric.xapps.ml.HarmGuard;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Load balancing between two carriers stacked on the same sites, with the inter-frequency controls. Per
 * sector (the coverage-layer cell and the capacity-layer cell of one site and azimuth), every decision:
 * while the coverage cell's mean PRB load is above {@link LbPolicy#layerUpPct()} and the capacity cell's below
 * it, the coverage cell's offset towards the capacity frequency rises by {@link LbPolicy#layerStepDb()} (up to
 * {@link LbPolicy#layerOffsetMaxDb()}), so its UEs' A4 sends them up sooner; below {@link LbPolicy#layerDownPct()}
 * (or with the capacity cell loaded: at or above {@link LbPolicy#layerBackOffPct()}, which unset is {@code layerUpPct})
 * it falls back a step; the capacity cell's "below" in the first test is also against that back-off point. The capacity cell's A5 threshold 1 moves down by
 * the same offset, so the gap the RAN keeps between moving up and moving back down (against ping-pong) stays
 * as configured: the UEs moved up are not handed straight back (and when the offset comes down, the threshold
 * follows two decisions later).
 *
 * <p>With a model ({@link LayerModel}, {@link LayerPlanner}) the step per sector (down, hold, up) is the one whose
 * predicted loads above the target and harm cost least; without one, the fixed rule above.
 *
 * <p>The {@link HarmGuard} watches each steered sector's radio link failures and returns to the previous cell across
 * the layers (both cells) against the sector's own unsteered rate; when it trips, the sector goes back to neutral at once
 * and stays there for the hold.
 */
final class LayerSteering {
    private final LayerPlan plan;
    private final Map<String, Double> offsets = new HashMap<>();
    /** Per sector the capacity cell's A5 threshold-1 lowering in force, and the offsets of the last two decisions. */
    private final Map<String, double[]> thresholdLowering = new HashMap<>();

    LayerSteering(LayerPlan plan) {
        this.plan = plan;
    }

    /** Told of each sector's offset change after it was sent (the xApp's experience rows). */
    interface Moves {
        void moved(String low, String high, double offsetNow, double offsetNext, double thresholdLoweringDb, boolean held);
    }

    /** One decision over the period in {@code state} and {@code returns}; sends the changes. */
    void decide(CellState state, UeReturns returns, HarmGuard guard, LbPolicy pol, XappContext ctx) {
        decide(state, returns, guard, pol, ctx, null);
    }

    /** As {@link #decide(CellState, UeReturns, HarmGuard, LbPolicy, XappContext)}, telling {@code moves} (may be null). */
    void decide(CellState state, UeReturns returns, HarmGuard guard, LbPolicy pol, XappContext ctx, Moves moves) {
        decide(state, null, null, returns, guard, pol, ctx, moves);
    }

    /**
     * As {@link #decide(CellState, UeReturns, HarmGuard, LbPolicy, XappContext, Moves)}, with the learned step choice
     * ({@link LayerPlanner}) where {@code model} and {@code layers} are given; else (no model loaded) the fixed rule.
     * Metrics {@code layer.decisions.model} and {@code layer.decisions.rule} count the decisions of each.
     */
    void decide(CellState state, LayerState layers, LayerModel.Inference model, UeReturns returns, HarmGuard guard, LbPolicy pol,
                XappContext ctx, Moves moves) {
        Map<String, String[]> sectors = new TreeMap<>();
        for (String id : state.cellIds()) {
            int l = plan.layer(id);
            if (l >= 0) sectors.computeIfAbsent(plan.sector(id), k -> new String[2])[l] = id;
        }
        Map<String, Double> learned = null;
        if (model != null && layers != null) {
            java.util.List<String> keys = new java.util.ArrayList<>();
            java.util.List<String[]> pairs = new java.util.ArrayList<>();
            for (Map.Entry<String, String[]> e : sectors.entrySet()) {
                if (e.getValue()[0] == null || e.getValue()[1] == null) continue;
                keys.add(e.getKey());
                pairs.add(e.getValue());
            }
            double[] now = new double[keys.size()];
            for (int i = 0; i < now.length; i++) now[i] = offsets.getOrDefault(keys.get(i), 0.0);
            double[] next = LayerPlanner.choose(model, state, layers, returns, pairs, now, pol);
            learned = new HashMap<>();
            for (int i = 0; i < now.length; i++) learned.put(keys.get(i), next[i]);
            ctx.metrics().increment("layer.decisions.model");
        } else {
            ctx.metrics().increment("layer.decisions.rule");
        }
        for (Map.Entry<String, String[]> e : sectors.entrySet()) {
            String low = e.getValue()[0];
            String high = e.getValue()[1];
            if (low == null || high == null) continue;
            String unit = "layer:" + e.getKey();
            double now = offsets.getOrDefault(e.getKey(), 0.0);
            // what steering between the layers can cost: RLFs on either cell and UEs handed back across the layers
            double harm = LayerState.harm(state, returns, low, high);
            double[] inForce = thresholdLowering.get(e.getKey());
            boolean steered = now > 0 || inForce != null && inForce[0] > 0;
            boolean tripped = guard.observe(unit, steered, harm, pol.harmAllowancePct(), pol.harmHoldPeriods());
            double next = now;
            boolean heldBack = tripped || !guard.allowed(unit);
            if (heldBack) {
                if (tripped) ctx.metrics().increment("guard.trips");
                next = 0;
            } else if (learned != null) {
                next = learned.getOrDefault(e.getKey(), now);
            } else if (state.load(low) > pol.layerUpPct() && state.load(high) < pol.layerBackOffAt()) {
                next = Math.min(pol.layerOffsetMaxDb(), now + pol.layerStepDb());
            } else if (state.load(low) < pol.layerDownPct() || state.load(high) >= pol.layerBackOffAt()) {
                next = Math.max(0, now - pol.layerStepDb());
            }
            if (pol.excludedCells().contains(low) || pol.excludedCells().contains(high)) next = now;
            // The capacity cell's threshold 1 follows the offset up at once and down only after two decisions at
            // the lower offset, so taking the offload back stops new moves up without handing back the UEs just moved.
            double[] t = thresholdLowering.computeIfAbsent(e.getKey(), k -> new double[3]);  // {in force, previous, before}
            double lowering = Math.max(next, Math.max(t[1], t[2]));
            t[2] = t[1];
            t[1] = next;
            if (Math.abs(lowering - t[0]) > 1e-9) {
                t[0] = lowering;
                ctx.control().interFrequencyThresholds(state.nodeOf(high), high,
                        Math.max(-156, plan.a5Threshold1Dbm() - lowering), plan.a5Threshold2Dbm()).thenAccept(o ->
                        ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
            }
            if (Math.abs(next - now) < 1e-9) continue;
            offsets.put(e.getKey(), next);
            ctx.metrics().increment("layer.changes");
            ctx.control().interFrequencyOffset(state.nodeOf(low), low, plan.nrArfcns().get(1), next).thenAccept(o ->
                    ctx.metrics().increment("controls." + o.status().name().toLowerCase()));
            if (moves != null) moves.moved(low, high, now, next, t[0], heldBack);
        }
    }

    /** The offset in force (as sent) per sector. */
    Map<String, Double> offsets() {
        return offsets;
    }
}
