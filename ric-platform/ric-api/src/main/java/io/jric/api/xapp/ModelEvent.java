package io.jric.api.xapp;

import java.util.List;
import java.util.Objects;

/** A model version delivered to an xApp. */
public final class ModelEvent {
    private final String modelName;
    private final String version;
    private final String format;
    private final List<String> inputFeatures;
    private final byte[] content;

    /**
     * @param modelName the model (one the descriptor accepts)
     * @param version the version being activated
     * @param format {@code dl4j} or {@code keras-h5}
     * @param inputFeatures the features the model expects, in order
     * @param content the model file
     */
    public ModelEvent(String modelName, String version, String format, List<String> inputFeatures, byte[] content) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.version = Objects.requireNonNull(version, "version");
        this.format = Objects.requireNonNull(format, "format");
        this.inputFeatures = List.copyOf(inputFeatures);
        this.content = content.clone();
    }

    public String modelName() {
        return modelName;
    }

    public String version() {
        return version;
    }

    public String format() {
        return format;
    }

    public List<String> inputFeatures() {
        return inputFeatures;
    }

    /** A copy of the model file. */
    public byte[] content() {
        return content.clone();
    }
}
