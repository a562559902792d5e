package io.jric.api.xapp.descriptor;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The validation gate of a model (the descriptor's {@code models[].gate}, docs/ml-lifecycle.md): before
 * A1-ML activates a new version, the RIC scores it and the active version on held-out experience rows
 * ({@code heldOutPct} of the xApp's rows with outcome {@code OK}, chosen by a hash of the row id) with the
 * xApp's {@code ModelListener.scoreModel} and activates it only if it beats the active one by at least
 * {@code minImprovementPct} on {@code metric} (or meets {@code absoluteBar} when none is active) and passes
 * the robustness check: no invalid outputs (the scorer's own validity and bounds) on the clean rows nor on any
 * perturbed copy; a metric at most {@code maxDegradationPct} worse when the features are perturbed by
 * {@code noisePct} % Gaussian noise (seed {@code noiseSeed}); still valid outputs with {@code stressNoisePct} %
 * noise; and, for each of {@code missingDefaults}' features replaced by its default (as an xApp does for a KPI a
 * node does not report), valid outputs and, when {@code missingMaxDegradationPct} is set, a metric at most that
 * much worse.
 */
public final class ModelGate {
    /** Whether smaller or larger values of the metric are better. */
    public enum Direction {
        /** Smaller is better (errors). */
        MIN,
        /** Larger is better (accuracy, reward). */
        MAX
    }

    private final String metric;
    private final Direction direction;
    private final double minImprovementPct;
    private final Double absoluteBar;
    private final int heldOutPct;
    private final int minRows;
    private final double noisePct;
    private final long noiseSeed;
    private final double maxDegradationPct;
    private final Map<String, Double> missingDefaults;
    private final Double missingMaxDegradationPct;
    private final double stressNoisePct;

    /**
     * @param metric the metric the xApp's scorer reports that decides
     * @param direction MIN or MAX
     * @param minImprovementPct 0..100: how much better than the active version the candidate must be, in %
     * @param absoluteBar the value the candidate must meet when no version is active (null: none needed)
     * @param heldOutPct 1..100: the share of experience rows held out for the gate
     * @param minRows at least this many held-out rows, else the candidate is refused
     * @param noisePct relative Gaussian noise on every feature for the robustness check
     * @param noiseSeed the noise's seed
     * @param maxDegradationPct how much worse the metric may get under {@code noisePct} noise, in %
     * @param missingDefaults features to replace, one at a time, by these defaults
     * @param missingMaxDegradationPct how much worse the metric may get with a missing feature, in % (null: no bound,
     *     only valid outputs are required)
     * @param stressNoisePct relative Gaussian noise of the stress copy, on which only valid outputs count (0: none)
     */
    public ModelGate(String metric, Direction direction, double minImprovementPct, Double absoluteBar, int heldOutPct,
                     int minRows, double noisePct, long noiseSeed, double maxDegradationPct, Map<String, Double> missingDefaults,
                     Double missingMaxDegradationPct, double stressNoisePct) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.direction = Objects.requireNonNull(direction, "direction");
        this.minImprovementPct = minImprovementPct;
        this.absoluteBar = absoluteBar;
        this.heldOutPct = heldOutPct;
        this.minRows = minRows;
        this.noisePct = noisePct;
        this.noiseSeed = noiseSeed;
        this.maxDegradationPct = maxDegradationPct;
        this.missingDefaults = Map.copyOf(new TreeMap<>(missingDefaults));
        this.missingMaxDegradationPct = missingMaxDegradationPct;
        this.stressNoisePct = stressNoisePct;
    }

    /** As the full constructor, without a bound for missing features and without a stress copy. */
    public ModelGate(String metric, Direction direction, double minImprovementPct, Double absoluteBar, int heldOutPct,
                     int minRows, double noisePct, long noiseSeed, double maxDegradationPct, Map<String, Double> missingDefaults) {
        this(metric, direction, minImprovementPct, absoluteBar, heldOutPct, minRows, noisePct, noiseSeed, maxDegradationPct,
                missingDefaults, null, 0);
    }

    /** The deciding metric. */
    public String metric() {
        return metric;
    }

    /** Whether smaller or larger is better. */
    public Direction direction() {
        return direction;
    }

    /** The improvement over the active version required, in %. */
    public double minImprovementPct() {
        return minImprovementPct;
    }

    /** The bar without an active version, or null. */
    public Double absoluteBar() {
        return absoluteBar;
    }

    /** The share of rows held out, in %. */
    public int heldOutPct() {
        return heldOutPct;
    }

    /** The fewest held-out rows the gate decides on. */
    public int minRows() {
        return minRows;
    }

    /** Relative noise on the features, in %. */
    public double noisePct() {
        return noisePct;
    }

    /** The noise's seed. */
    public long noiseSeed() {
        return noiseSeed;
    }

    /** The largest degradation allowed under perturbation, in %. */
    public double maxDegradationPct() {
        return maxDegradationPct;
    }

    /** Features replaced by these defaults, one at a time. */
    public Map<String, Double> missingDefaults() {
        return missingDefaults;
    }

    /** The largest degradation allowed with a missing feature, in %, or null (only valid outputs required). */
    public Double missingMaxDegradationPct() {
        return missingMaxDegradationPct;
    }

    /** Relative noise of the stress copy, in % (0: none). */
    public double stressNoisePct() {
        return stressNoisePct;
    }

    /** Whether {@code a} is better than {@code b} by at least {@code pct} % of {@code b}. */
    public boolean better(double a, double b, double pct) {
        double margin = Math.abs(b) * pct / 100;
        return direction == Direction.MIN ? a < b - margin || (pct == 0 && a < b) : a > b + margin || (pct == 0 && a > b);
    }

    /** How much worse {@code a} is than {@code base}, in % of {@code base} (negative when better). */
    public double degradationPct(double a, double base) {
        double d = direction == Direction.MIN ? a - base : base - a;
        return 100 * d / Math.max(1e-12, Math.abs(base));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelGate)) return false;
        ModelGate g = (ModelGate) o;
        return g.metric.equals(metric) && g.direction == direction && g.minImprovementPct == minImprovementPct
                && Objects.equals(g.absoluteBar, absoluteBar) && g.heldOutPct == heldOutPct && g.minRows == minRows
                && g.noisePct == noisePct && g.noiseSeed == noiseSeed && g.maxDegradationPct == maxDegradationPct
                && g.missingDefaults.equals(missingDefaults) && Objects.equals(g.missingMaxDegradationPct, missingMaxDegradationPct)
                && g.stressNoisePct == stressNoisePct;
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, direction, minImprovementPct, absoluteBar, heldOutPct, minRows, noisePct, noiseSeed,
                maxDegradationPct, missingDefaults, missingMaxDegradationPct, stressNoisePct);
    }
}
