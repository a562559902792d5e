package io.jric.api.xapp;

import java.util.List;
import java.util.Map;

/** Receives model versions delivered through A1-ML. */
public interface ModelListener {
    /** The figure {@link #scoreModel} reports for outputs that are NaN, infinite or outside their range. */
    String INVALID_OUTPUTS = "invalidOutputs";

    /**
     * A model version became active. Throwing rejects it: the platform keeps the previous version
     * active and reports the failure to the operator.
     */
    void modelActivated(ModelEvent event) throws Exception;

    /**
     * Whether {@link #modelActivated} serves canaries ({@link ModelEvent#canary()}): the version for the cells
     * {@link ModelEvent#servesCell} selects, the active one for the rest, until the next activation. The
     * platform delivers no canary to a listener that says no (the canary is refused, naming the xApp).
     */
    default boolean servesCanaries() {
        return false;
    }

    /**
     * Scores a model version on recorded experience, for the validation gate (the descriptor's
     * {@code models[].gate}, docs/ml-lifecycle.md): the metrics the xApp defines (one of them the
     * gate's {@code metric}) and {@link #INVALID_OUTPUTS}, the count of outputs that are NaN,
     * infinite or outside what the model may say. Called on a platform thread, not the instance's:
     * load the version apart and leave the serving one and the xApp's state alone.
     *
     * @param model the version to score (the candidate or the active one)
     * @param rows held-out experience rows with their outcome
     * @return metric name to value
     * @throws Exception when the version cannot be loaded or scored (the gate refuses it)
     */
    default Map<String, Double> scoreModel(ModelEvent model, List<ExperienceSample> rows) throws Exception {
        throw new UnsupportedOperationException("the xApp scores no model versions (ModelListener.scoreModel)");
    }

    /**
     * Trains the next version from experience, for the RIC's retraining job (docs/ml-lifecycle.md, issue #15 item 3).
     * Called on a platform thread of a grid node that runs an instance, not the instance's: train apart and leave
     * the serving version and the xApp's state alone. Must be deterministic for its arguments.
     *
     * @param parent the active version, the one to improve on
     * @param rows experience rows with outcome {@code OK}, without those the validation gate holds out
     * @param seed the job's seed
     * @return the new version's file and its lineage
     * @throws Exception when it cannot train (too few rows, a parent it cannot load): the job fails with the message
     */
    default TrainedModel trainModel(ModelEvent parent, List<ExperienceSample> rows, long seed) throws Exception {
        throw new UnsupportedOperationException("the xApp trains no model versions (ModelListener.trainModel)");
    }
}
