package io.jric.api.xapp.descriptor;

import java.util.List;
import java.util.Objects;

/**
 * An ML model the xApp uses: its name, the features it takes in order, its file format and the
 * other formats A1-ML may deliver to it (e.g. {@code keras-h5} next to {@code dl4j}).
 */
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
    private final List<Format> alsoAccepts;
    private final ModelGate gate;

    /**
     * A model delivered in one format only.
     *
     * @param name model name, unique within the descriptor
     * @param inputFeatures input feature names in the order the model takes them (1..256, unique)
     * @param format file format
     */
    public ModelSpec(String name, List<String> inputFeatures, Format format) {
        this(name, inputFeatures, format, List.of());
    }

    /**
     * @param name model name, unique within the descriptor
     * @param inputFeatures input feature names in the order the model takes them (1..256, unique)
     * @param format the model's own file format (the default of an A1-ML upload)
     * @param alsoAccepts further formats the xApp takes through A1-ML (may be empty)
     */
    public ModelSpec(String name, List<String> inputFeatures, Format format, List<Format> alsoAccepts) {
        this(name, inputFeatures, format, alsoAccepts, null);
    }

    /**
     * @param name model name, unique within the descriptor
     * @param inputFeatures input feature names in the order the model takes them (1..256, unique)
     * @param format the model's own file format (the default of an A1-ML upload)
     * @param alsoAccepts further formats the xApp takes through A1-ML (may be empty)
     * @param gate the validation gate new versions must pass before activation, or null for none
     */
    public ModelSpec(String name, List<String> inputFeatures, Format format, List<Format> alsoAccepts, ModelGate gate) {
        this.gate = gate;
        this.name = Objects.requireNonNull(name, "name");
        this.inputFeatures = List.copyOf(inputFeatures);
        this.format = Objects.requireNonNull(format, "format");
        List<Format> more = new java.util.ArrayList<>();
        for (Format f : alsoAccepts) if (f != format && !more.contains(f)) more.add(f);
        this.alsoAccepts = List.copyOf(more);
    }

    /** Model name, unique within the descriptor. */
    public String name() {
        return name;
    }

    /** Input feature names, in the order the model takes them. */
    public List<String> inputFeatures() {
        return inputFeatures;
    }

    /** The model's own file format: what an A1-ML upload is unless it names another. */
    public Format format() {
        return format;
    }

    /** Further formats the xApp accepts through A1-ML (without {@link #format()}). */
    public List<Format> alsoAccepts() {
        return alsoAccepts;
    }

    /** Every format the xApp accepts, {@link #format()} first. */
    public List<Format> formats() {
        List<Format> all = new java.util.ArrayList<>();
        all.add(format);
        all.addAll(alsoAccepts);
        return List.copyOf(all);
    }

    /** The validation gate new versions must pass, if the descriptor declares one. */
    public java.util.Optional<ModelGate> gate() {
        return java.util.Optional.ofNullable(gate);
    }

    /** Whether A1-ML may deliver this model to the xApp in format {@code f}. */
    public boolean accepts(Format f) {
        return f == format || alsoAccepts.contains(f);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ModelSpec)) return false;
        ModelSpec m = (ModelSpec) o;
        return m.name.equals(name) && m.inputFeatures.equals(inputFeatures) && m.format == format
                && m.alsoAccepts.equals(alsoAccepts) && Objects.equals(m.gate, gate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, inputFeatures, format, alsoAccepts, gate);
    }

    @Override
    public String toString() {
        return "model " + name + " (" + format.jsonName() + ", " + inputFeatures.size() + " features)";
    }
}
