package io.jric.xapps.power;

import io.jric.api.kpm.CellKpi;
import io.jric.xapps.ml.CellLayers;
import io.jric.xapps.ml.HarmGuard;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Power on several carriers: one level per layer, lowered one layer and one step at a time, each step a trial judged on
 * the whole network. On stacked carriers the harm of a lower power need not show on the cells lowered: a capacity
 * layer's UEs fall back to the coverage layer and fail or crawl there (docs/evaluation.md, power control on two layers),
 * so a trial is judged on every controlled cell's radio link failures and on where the lowered layer's UEs go, and
 * only one layer moves at a time so that the harm has one cause.
 *
 * <p>A trial lowers one layer by {@code stepDb} from the level it holds ({@link #TRIAL_RAMP_DB} a decision), not below
 * what the model chooses for that layer's cells nor the policy's minimum, and lasts {@code probationPeriods} decisions.
 * It ends early, and the layer goes back to the level it held, when either guard trips:
 * <ul>
 *   <li>radio link failures: the {@link HarmGuard} unit {@code layer:<n>}, whose reference rate is learned from the
 *       decisions with every cell at its own power, so that the allowance bounds the levels of all layers together
 *       (a reference learned at the levels held let the harm creep up a step at a time);</li>
 *   <li>spill onto busier layers: the layer's share of the network's RRC-connected UEs over the trial below its share
 *       before it by more than {@link #MAX_SPILL_PCT} percent plus chance ({@link #spilled}), while the other layers'
 *       mean PRB use is above its own. The model assumes that a cell keeps its UEs at a lower power; a layer that sheds
 *       them onto busier carriers leaves what it knows and slows their transfers. Shedding them onto a lighter layer
 *       moves load where there is room and is left to the failures to judge. (A first version judged the network's
 *       throughput per active UE instead: on finite-buffer traffic it drifts with the queues, and it failed trials that
 *       did no harm.)</li>
 * </ul>
 * A trial that lasts its probation becomes the layer's level. A failed layer keeps the level it had and waits the
 * policy's {@code harmHoldPeriods} decisions, doubled on each of its failures, before it is tried again from there; after
 * a spill it also waits until it is at least as busy as the other layers (at most 64 times {@code harmHoldPeriods}):
 * a spill is the layer's coverage, not chance, and would recur. Layers take turns. The caller keeps the guard over the
 * layers' held levels (its unit {@code cells}) between trials.
 *
 * <p>Not thread-safe: one decision thread. Bounded: one entry per layer (a layer number is below {@code 2^14}).
 */
final class LayerTrials {
    /** Decisions without a trial kept, per layer, for the reference share of connected UEs. */
    static final int SHARE_WINDOW = 20;
    /** Trial decisions before the spill guard judges (the power steps down, then UEs hand over after their time to trigger). */
    static final int SPILL_MIN_PERIODS = 2;
    /** The share of the network's connected UEs a layer may lose in a trial (percent of its own share), plus chance. */
    static final double MAX_SPILL_PCT = 5;

    private final CellLayers layers;
    private final double stepDb;
    private final double maxDepthDb;
    /** Per layer: the level it holds (NaN: the cells' own power). */
    private final Map<Integer, Double> held = new TreeMap<>();
    private int trialLayer = Integer.MIN_VALUE;
    private double trialLevel;
    private long trialPeriods;
    private double trialShareSum;
    private int trialShareCount;
    private double trialLoadSum;
    private double othersLoadSum;
    private int loadCount;
    private int nextLayer;
    /** Per layer: its share of the connected UEs in the last decisions without a trial (a ring; [0] count, [1] next). */
    private final Map<Integer, double[]> shares = new TreeMap<>();
    /**
     * Largest step down per decision of a layer on trial (dB; the policy's {@code maxStepDb} if smaller): the spill
     * guard sees the first decibels that push UEs off the layer, not the whole step.
     */
    static final double TRIAL_RAMP_DB = 1;
    /** Decisions after a failed trial whose radio link failures are the trial's (the caller neither learns nor judges on them). */
    static final int AFTERMATH_PERIODS = 10;
    private long lastFailure = Long.MIN_VALUE / 2;
    /**
     * Per layer: trials failed, the decision before which it is not tried again, whether the last failure was a spill,
     * and the decision from which a spill no longer holds it back.
     */
    private final Map<Integer, long[]> failures = new TreeMap<>();

    /**
     * @param layers     the operator's numbering of the cells
     * @param stepDb     how far one trial lowers a layer (config {@code layerStepDb})
     * @param maxDepthDb how far below its cells' own power a layer may go in all (config {@code layerMaxDepthDb})
     */
    LayerTrials(CellLayers layers, double stepDb, double maxDepthDb) {
        if (!(stepDb >= 0.5 && stepDb <= 26)) throw new IllegalArgumentException("layerStepDb " + stepDb + " (expected 0.5..26)");
        if (!(maxDepthDb >= 0 && maxDepthDb <= 26)) {
            throw new IllegalArgumentException("layerMaxDepthDb " + maxDepthDb + " (expected 0..26)");
        }
        this.layers = layers;
        this.stepDb = stepDb;
        this.maxDepthDb = maxDepthDb;
    }

    int layer(String cellId) {
        return layers.layer(cellId);
    }

    /** The layer on trial, or {@link Integer#MIN_VALUE}. */
    int trialLayer() {
        return trialLayer;
    }

    double trialLevel() {
        return trialLevel;
    }

    /** The level the layer holds, NaN when it holds its cells' own power. */
    double held(int layer) {
        return held.getOrDefault(layer, Double.NaN);
    }



    /** Every layer back to its cells' own power, no trial (after the guard over the held levels tripped). */
    void resetToOwnPower() {
        held.clear();
        endTrial();
    }

    /** The trial in progress ends without a verdict (the policy changed or the layer has no cells left). */
    void abandon() {
        endTrial();
    }

    /**
     * Each layer's share of the network's RRC-connected UEs (KPM {@code RRC.ConnMean}) in one report period; empty when the
     * cells report none connected (a node that does not report the KPI: then only the radio link failures judge).
     */
    static Map<Integer, Double> connectedShares(Map<Integer, ? extends Collection<CellKpi>> layerCells) {
        Map<Integer, Double> ues = new TreeMap<>();
        double total = 0;
        for (Map.Entry<Integer, ? extends Collection<CellKpi>> e : layerCells.entrySet()) {
            double n = 0;
            for (CellKpi c : e.getValue()) n += Math.max(0, c.rrcConnMean());
            ues.put(e.getKey(), n);
            total += n;
        }
        if (!(total > 0)) return Map.of();
        final double t = total;
        ues.replaceAll((k, v) -> v / t);
        return ues;
    }

    /** Each layer's mean downlink PRB use over its cells in one report period (percent). */
    static Map<Integer, Double> meanLoads(Map<Integer, ? extends Collection<CellKpi>> layerCells) {
        Map<Integer, Double> loads = new TreeMap<>();
        layerCells.forEach((layer, cells) -> {
            double sum = 0;
            int n = 0;
            for (CellKpi c : cells) {
                if (!Float.isFinite(c.prbUsedDlPct())) continue;
                sum += c.prbUsedDlPct();
                n++;
            }
            if (n > 0) loads.put(layer, sum / n);
        });
        return loads;
    }

    /** One decision without a trial: each layer's share of the connected UEs joins its reference window. */
    void observeWithoutTrial(Map<Integer, Double> connectedShares) {
        connectedShares.forEach((layer, share) -> {
            double[] r = shares.computeIfAbsent(layer, k -> new double[2 + SHARE_WINDOW]);
            r[2 + (int) r[1]] = share;
            r[1] = (r[1] + 1) % SHARE_WINDOW;
            r[0] = Math.min(SHARE_WINDOW, r[0] + 1);
        });
    }

    /**
     * One decision of the running trial. Returns what became of it: {@code 0} it goes on, {@code 1} it lasted its
     * probation (the layer now holds the trial level), {@code -1} the spill guard failed it (the layer goes back
     * to the level it held). The caller fails it on a radio-link-failure trip ({@link #fail}).
     *
     * @param connectedShares the layers' shares of the connected UEs in this period ({@link #connectedShares})
     * @param guard           whether the spill guard judges (the policy's guard is on)
     */
    int observeTrial(Map<Integer, Double> connectedShares, Map<Integer, Double> loads, boolean guard, int probationPeriods,
                     long decision, int holdPeriods) {
        trialPeriods++;
        Double share = connectedShares.get(trialLayer);
        if (share != null && trialPeriods >= SPILL_MIN_PERIODS) {
            trialShareSum += share;
            trialShareCount++;
        }
        Double own = loads.get(trialLayer);
        double others = 0;
        int n = 0;
        for (Map.Entry<Integer, Double> e : loads.entrySet()) {
            if (e.getKey() == trialLayer) continue;
            others += e.getValue();
            n++;
        }
        if (own != null && n > 0) {
            trialLoadSum += own;
            othersLoadSum += others / n;
            loadCount++;
        }
        if (guard && spilled() && loadCount > 0 && othersLoadSum > trialLoadSum) {
            int layer = trialLayer;
            fail(decision, holdPeriods);
            // a spill is the layer's coverage, not chance: it would spill again while the other layers stay the busier
            long[] f = failures.get(layer);
            f[2] = 1;
            f[3] = decision + ((long) Math.max(0, holdPeriods) << 6);
            return -1;
        }
        if (trialPeriods >= Math.max(1, probationPeriods)) {
            held.put(trialLayer, trialLevel);
            endTrial();
            return 1;
        }
        return 0;
    }

    /**
     * Whether the trial pushed UEs off its layer: the layer's mean share of the connected UEs over the trial (from its
     * {@link #SPILL_MIN_PERIODS}th decision) below its mean over the reference window by more than {@link #MAX_SPILL_PCT}
     * percent of it plus two standard errors (of the window's per-decision spread, over the trial's and the window's
     * decisions).
     */
    private boolean spilled() {
        double[] r = shares.get(trialLayer);
        if (trialShareCount == 0 || r == null || r[0] < SPILL_MIN_PERIODS) return false;
        int n = (int) r[0];
        double sum = 0;
        double sq = 0;
        for (int i = 0; i < n; i++) {
            sum += r[2 + i];
            sq += r[2 + i] * r[2 + i];
        }
        double mean = sum / n;
        double var = Math.max(0, sq / n - mean * mean);
        double trialMean = trialShareSum / trialShareCount;
        double stdErr = Math.sqrt(var / trialShareCount + var / n);
        return trialMean < mean * (1 - MAX_SPILL_PCT / 100) - 2 * stdErr;
    }

    /**
     * The running trial failed: its layer keeps the level it held and is not tried again for {@code holdPeriods}
     * decisions, doubled on each failure of that layer (at most 64 times).
     */
    void fail(long decision, int holdPeriods) {
        long[] f = failures.computeIfAbsent(trialLayer, k -> new long[4]);
        f[0]++;
        f[1] = decision + ((long) Math.max(0, holdPeriods) << Math.min(6, f[0] - 1));
        f[2] = 0;
        lastFailure = decision;
        endTrial();
    }

    /**
     * Whether this decision is among the {@link #AFTERMATH_PERIODS} after a failed trial, whose radio link failures
     * belong to that trial.
     */
    boolean inAftermath(long decision) {
        return decision < lastFailure + 1 + AFTERMATH_PERIODS;
    }

    /**
     * Whether the layer waits after a failed trial at this decision: for {@code holdPeriods} decisions after a failure
     * (doubled on each), and after a spill until the layer is itself at least as busy as the others ({@code loads}, mean
     * PRB use per layer), or 64 times {@code holdPeriods} have passed.
     */
    boolean waiting(int layer, long decision, Map<Integer, Double> loads) {
        long[] f = failures.get(layer);
        if (f == null) return false;
        if (decision < f[1]) return true;
        if (f[2] == 0 || decision >= f[3]) return false;
        Double own = loads.get(layer);
        if (own == null) return true;
        for (Map.Entry<Integer, Double> e : loads.entrySet()) {
            if (e.getKey() != layer && e.getValue() > own) return true;
        }
        return false;
    }

    private void endTrial() {
        trialLayer = Integer.MIN_VALUE;
        trialPeriods = 0;
        trialShareSum = 0;
        trialShareCount = 0;
        trialLoadSum = 0;
        othersLoadSum = 0;
        loadCount = 0;
    }

    /**
     * Starts the next layer's trial, in turn, when one may be lowered: not held by its guard unit, and the model's
     * level for its cells ({@code modelLevel}) at least 0.5 dB below the level it holds. Returns whether a trial started.
     *
     * @param layerCells the controlled cells per layer
     * @param ownLevel   per layer, the highest own power of its cells (within the policy's range)
     * @param allowed    whether the layer's guard unit lets it be lowered
     * @param modelLevel the model's level for a layer's cells
     * @param minDbm     the policy's minimum
     */
    boolean startNext(Map<Integer, ? extends Collection<CellKpi>> layerCells, Map<Integer, Double> ownLevel,
                      java.util.function.IntPredicate allowed, java.util.function.ToDoubleFunction<Collection<CellKpi>> modelLevel,
                      double minDbm) {
        if (trialLayer != Integer.MIN_VALUE || layerCells.isEmpty()) return false;
        Integer[] order = new java.util.TreeSet<>(layerCells.keySet()).toArray(new Integer[0]);
        int start = 0;
        while (start < order.length && order[start] < nextLayer) start++;
        for (int k = 0; k < order.length; k++) {
            int layer = order[(start + k) % order.length];
            if (!allowed.test(layer)) continue;
            double from = Double.isNaN(held(layer)) ? ownLevel.get(layer) : held(layer);
            double to = Math.max(Math.max(minDbm, from - stepDb), modelLevel.applyAsDouble(layerCells.get(layer)));
            to = Math.max(to, ownLevel.get(layer) - maxDepthDb);
            to = Math.round(to * 2) / 2.0;
            if (to > from - 0.5) continue;
            trialLayer = layer;
            trialLevel = to;
            nextLayer = layer + 1;
            return true;
        }
        return false;
    }

    /** Units of the {@link HarmGuard} per layer. */
    static String unit(int layer) {
        return "layer:" + layer;
    }
}
