package io.jric.api.xapp;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model version an xApp trained from experience ({@link ModelListener#trainModel}, the RIC's retraining job):
 * the file, in the descriptor's format for the model, and what the registry keeps as its lineage.
 */
public final class TrainedModel implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] content;
    private final String trainer;
    // TreeMaps (not Map.copyOf): the answer crosses grid nodes with Ignite's marshaller.
    private final TreeMap<String, String> hyperparameters;
    private final TreeMap<String, Double> validation;
    private final TreeMap<String, Long> rows;

    /**
     * @param content the model file
     * @param trainer the trainer and its version (e.g. {@code power-control ExperienceTrainer e1})
     * @param hyperparameters the training's settings
     * @param validation the trainer's own figures (e.g. its training loss)
     * @param rows the rows it used, by kind (e.g. {@code train}, {@code skipped})
     */
    public TrainedModel(byte[] content, String trainer, Map<String, String> hyperparameters, Map<String, Double> validation,
                        Map<String, Long> rows) {
        this.content = Objects.requireNonNull(content, "content").clone();
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.hyperparameters = new TreeMap<>(hyperparameters);
        this.validation = new TreeMap<>(validation);
        this.rows = new TreeMap<>(rows);
    }

    /** The model file. */
    public byte[] content() {
        return content.clone();
    }

    /** The trainer and its version. */
    public String trainer() {
        return trainer;
    }

    /** The training's settings. */
    public Map<String, String> hyperparameters() {
        return java.util.Collections.unmodifiableMap(hyperparameters);
    }

    /** The trainer's own figures. */
    public Map<String, Double> validation() {
        return java.util.Collections.unmodifiableMap(validation);
    }

    /** The rows used, by kind. */
    public Map<String, Long> rows() {
        return java.util.Collections.unmodifiableMap(rows);
    }
}
