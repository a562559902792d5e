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
}
