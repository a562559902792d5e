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

    /**
     * Federated retraining, one grid node's local step (docs/ml-lifecycle.md, issue #15 item 8): trains from
     * {@code global} (or, when it is null, the parent's own parameters) over this node's own experience rows only and
     * returns the parameters and the row count; the RIC averages the nodes' parameters weighted by their rows
     * (FedAvg) and sends the average back for the next round. Called on a platform thread of each grid node that holds
     * experience rows, not the instance's; train apart. Every node must return a vector of the same length and order
     * (the parent's architecture) and must normalise with the parent's statistics, not its own rows', or the average
     * means nothing. Must be deterministic for its arguments.
     *
     * @param parent the active version, the one every node starts from
     * @param global the averaged parameters of the previous round, or null in the first round
     * @param rows this node's experience rows with outcome {@code OK}, without those the validation gate holds out
     * @param seed the job's seed
     * @param round the round, from 1
     * @param epochs passes over the rows in this round
     * @throws Exception when it cannot train (a parent it cannot load, no usable row): the job fails with the message
     */
    default LocalUpdate trainLocal(ModelEvent parent, float[] global, List<ExperienceSample> rows, long seed, int round,
                                   int epochs) throws Exception {
        throw new UnsupportedOperationException("the xApp trains no federated versions (ModelListener.trainLocal)");
    }

    /**
     * Federated retraining, the last step: the version file made of the averaged parameters (the parent's architecture
     * and normalisation) with its lineage.
     *
     * @param parent the active version the rounds started from
     * @param params the averaged parameters after the last round
     * @param validation the figures the RIC combined from the nodes' updates (row-weighted means)
     * @param rows the rows trained on, by kind (per node among them)
     * @param seed the job's seed
     */
    default TrainedModel federatedModel(ModelEvent parent, float[] params, Map<String, Double> validation, Map<String, Long> rows,
                                        long seed) throws Exception {
        throw new UnsupportedOperationException("the xApp trains no federated versions (ModelListener.federatedModel)");
    }
}
