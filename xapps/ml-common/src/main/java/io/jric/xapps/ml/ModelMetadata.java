package io.jric.xapps.ml;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ModelBundle} says about its network: the {@code metadata.json} of the bundle zip.
 *
 * @param modelName      the model name (a descriptor's {@code models[].name})
 * @param version        the model version
 * @param inputFeatures  the input features, in the order the network takes them (the descriptor's
 *                       {@code models[].inputFeatures})
 * @param outputs        names of the network's outputs (regression targets or classes)
 * @param task           {@code regression} (outputs de-normalised with outputMean/outputStd) or
 *                       {@code classification} (softmax probabilities)
 * @param inputMean      normalisation of the inputs (z-score), one per input feature
 * @param inputStd       see inputMean
 * @param outputMean     de-normalisation of regression outputs (empty for classification)
 * @param outputStd      see outputMean
 * @param trainingSeed   the seed the trainer ran with (data recording, initialisation, shuffling)
 * @param trainerVersion version of the trainer code: with the seed, the cache key of the model
 * @param validation     metrics on held-out data (e.g. {@code mse}, {@code trivialMse}, {@code f1})
 * @param extra          xApp-specific settings the model needs at inference (e.g. window length)
 * @param sha256         hex SHA-256 of the bundle's {@code network.zip}; checked on load
 */
public record ModelMetadata(
        String modelName,
        String version,
        List<String> inputFeatures,
        List<String> outputs,
        String task,
        float[] inputMean,
        float[] inputStd,
        float[] outputMean,
        float[] outputStd,
        long trainingSeed,
        String trainerVersion,
        Map<String, Double> validation,
        Map<String, String> extra,
        String sha256) {

    /** Regression task. */
    public static final String REGRESSION = "regression";
    /** Classification task. */
    public static final String CLASSIFICATION = "classification";

    public ModelMetadata {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(version, "version");
        inputFeatures = List.copyOf(inputFeatures);
        outputs = List.copyOf(outputs);
        if (!REGRESSION.equals(task) && !CLASSIFICATION.equals(task)) {
            throw new IllegalArgumentException("task: " + task + " (expected: regression or classification)");
        }
        inputMean = inputMean == null ? new float[0] : inputMean;
        inputStd = inputStd == null ? new float[0] : inputStd;
        outputMean = outputMean == null ? new float[0] : outputMean;
        outputStd = outputStd == null ? new float[0] : outputStd;
        if (inputMean.length != inputFeatures.size() || inputStd.length != inputFeatures.size()) {
            throw new IllegalArgumentException("inputMean/inputStd: " + inputMean.length + "/" + inputStd.length
                    + " values (expected: " + inputFeatures.size() + ", one per input feature)");
        }
        validation = validation == null ? Map.of() : Map.copyOf(validation);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** The input normaliser. */
    public Normalizer inputNormalizer() {
        return new Normalizer(inputMean, inputStd);
    }

    /** The output de-normaliser (regression), or null. */
    public Normalizer outputNormalizer() {
        return outputMean.length == 0 ? null : new Normalizer(outputMean, outputStd);
    }

    /** The same metadata with another version. */
    public ModelMetadata withVersion(String v) {
        return new ModelMetadata(modelName, v, inputFeatures, outputs, task, inputMean, inputStd, outputMean, outputStd,
                trainingSeed, trainerVersion, validation, extra, sha256);
    }

    /** The same metadata with another checksum. */
    ModelMetadata withSha256(String s) {
        return new ModelMetadata(modelName, version, inputFeatures, outputs, task, inputMean, inputStd, outputMean, outputStd,
                trainingSeed, trainerVersion, validation, extra, s);
    }

    /** An extra setting as a number, or the default. */
    public double extraNumber(String key, double dflt) {
        String v = extra.get(key);
        return v == null ? dflt : Double.parseDouble(v);
    }
}
