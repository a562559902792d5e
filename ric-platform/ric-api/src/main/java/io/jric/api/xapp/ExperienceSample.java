package io.jric.api.xapp;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recorded decision with its outcome, as the validation gate hands it to
 * {@link ModelListener#scoreModel}: what the xApp saw ({@link #features}), what it did
 * ({@link #action}) and what the grid observed over the horizon ({@link #outcome}).
 */
public final class ExperienceSample implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String nodeId;
    private final String cellId;
    private final long timeMs;
    // Plain HashMaps (not Map.copyOf): the sample crosses grid nodes with Ignite's marshaller.
    private final HashMap<String, Double> features;
    private final HashMap<String, Double> action;
    private final HashMap<String, Double> outcome;
    private final int outcomeSamples;
    /** An operator's label ({@code confirmed} / {@code rejected}), or null; added after the first release of this class. */
    private final String label;

    /**
     * @param nodeId the E2 node
     * @param cellId the cell
     * @param timeMs the decision time (the KPM record's timestamp)
     * @param features the features as recorded (the gate's robustness check passes perturbed copies)
     * @param action the action as recorded
     * @param outcome the outcome KPIs the descriptor's {@code experience.outcome} names
     * @param outcomeSamples how many KPM samples the outcome is made of
     */
    public ExperienceSample(String nodeId, String cellId, long timeMs, Map<String, Double> features,
                            Map<String, Double> action, Map<String, Double> outcome, int outcomeSamples) {
        this(nodeId, cellId, timeMs, features, action, outcome, outcomeSamples, null);
    }

    /**
     * As the other constructor, with the operator's label of the row (docs/ml-lifecycle.md, "Operator labels").
     *
     * @param label {@code confirmed}, {@code rejected}, or null when nobody judged the row
     */
    public ExperienceSample(String nodeId, String cellId, long timeMs, Map<String, Double> features,
                            Map<String, Double> action, Map<String, Double> outcome, int outcomeSamples, String label) {
        this.label = label;
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.cellId = Objects.requireNonNull(cellId, "cellId");
        this.timeMs = timeMs;
        this.features = new HashMap<>(features);
        this.action = new HashMap<>(action);
        this.outcome = new HashMap<>(outcome);
        this.outcomeSamples = outcomeSamples;
    }

    /** The E2 node. */
    public String nodeId() {
        return nodeId;
    }

    /** The cell. */
    public String cellId() {
        return cellId;
    }

    /** The decision time. */
    public long timeMs() {
        return timeMs;
    }

    /** What the xApp saw. */
    public Map<String, Double> features() {
        return Collections.unmodifiableMap(features);
    }

    /** What the xApp did. */
    public Map<String, Double> action() {
        return Collections.unmodifiableMap(action);
    }

    /** The outcome KPIs over the horizon. */
    public Map<String, Double> outcome() {
        return Collections.unmodifiableMap(outcome);
    }

    /** The number of KPM samples in the outcome. */
    public int outcomeSamples() {
        return outcomeSamples;
    }

    /**
     * An operator's label of the row: {@code confirmed} (e.g. an anomaly alarm that was a real fault) or
     * {@code rejected}; null when nobody judged it.
     */
    public String label() {
        return label;
    }

    /** A copy with other feature values (the gate's perturbed inputs); the label is kept. */
    public ExperienceSample withFeatures(Map<String, Double> f) {
        return new ExperienceSample(nodeId, cellId, timeMs, f, action, outcome, outcomeSamples, label);
    }
}
