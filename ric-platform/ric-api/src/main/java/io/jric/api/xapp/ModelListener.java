package io.jric.api.xapp;

/** Hears of ML model versions activated (or rolled back to) for the models the xApp accepts. */
@FunctionalInterface
public interface ModelListener {
    /**
     * A model version became active. Throwing rejects it: the platform keeps the previous version
     * active and reports the failure to the operator.
     */
    void modelActivated(ModelEvent event) throws Exception;
}
