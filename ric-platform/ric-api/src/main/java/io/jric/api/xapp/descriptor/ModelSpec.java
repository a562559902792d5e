package io.jric.api.xapp.descriptor;

import java.util.List;
import java.util.Objects;

/** An ML model the xApp uses: its name, the features it takes in order, and its file format. */
public final class ModelSpec {

    /** Model file format. */
    public enum Format {
        /** Deeplearning4j model zip. */
        DL4J("dl4j"),
        /** Keras HDF5 model. */
        KERAS_H5("keras-h5");

        private final String jsonName;

        Format(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name used in the descriptor JSON. */
        public String jsonName() {
            return jsonName;
        }

        /**
         * The format with the given JSON name.
         *
         * @throws IllegalArgumentException if there is none
         */
        public static Format fromJsonName(String name) {
            for (Format f : values()) if (f.jsonName.equals(name)) return f;
            throw new IllegalArgumentException("unknown model format: " + name);
        }
    }

    private final String name;
    private final List<String> inputFeatures;
    private final Format format;

    /**
     * @param name model name, unique within the descriptor
     * @param inputFeatures input feature names in the order the model takes them (1..256, unique)
     * @param format file format
     */
    public ModelSpec(String name, List<String> inputFeatures, Format format) {
        this.name = Objects.requireNonNull(name, "name");
        this.inputFeatures = List.copyOf(inputFeatures);
        this.format = Objects.requireNonNull(format, "format");
    }

    /** Model name, unique within the descriptor. */
    public String name() {
        return name;
    }

    /** Input feature names, in the order the model takes them. */
    public List<String> inputFeatures() {
        return inputFeatures;
    }

    /** File format. */
    public Format format() {
        return format;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelSpec)) return false;
        ModelSpec m = (ModelSpec) o;
        return m.name.equals(name) && m.inputFeatures.equals(inputFeatures) && m.format == format;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, inputFeatures, format);
    }

    @Override
    public String toString() {
        return "model " + name + " (" + format.jsonName() + ", " + inputFeatures.size() + " features)";
    }
}
