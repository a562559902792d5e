package io.jric.xapps.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where trained bundles are cached: {@code $JRIC_MODEL_CACHE}, else the system property
 * {@code jric.modelCache}, else {@code ~/.cache/jric/models}. A file is named
 * {@code <model>-<trainerVersion>-seed<seed>.zip}: the trainer's code version and seed determine the
 * model, so a cached file is reused until either changes. Models are never committed to the repository.
 */
public final class ModelCache {
    private ModelCache() {}

    /** The cache directory. */
    public static Path dir() {
        String env = System.getenv("JRIC_MODEL_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        String prop = System.getProperty("jric.modelCache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        return Path.of(System.getProperty("user.home"), ".cache", "jric", "models");
    }

    /** The cache file of a model. */
    public static Path file(String modelName, String trainerVersion, long seed) {
        return dir().resolve(modelName + "-" + trainerVersion + "-seed" + seed + ".zip");
    }

    /** The cached bundle, or null when absent or unreadable. */
    public static ModelBundle loadIfPresent(Path file) {
        if (!Files.isRegularFile(file)) return null;
        try {
            return ModelBundle.load(file);
        } catch (IOException e) {
            System.getLogger(ModelCache.class.getName()).log(System.Logger.Level.WARNING,
                    "ignoring unreadable cached model {0}: {1}", file, e.getMessage());
            return null;
        }
    }

    /** A trainer that makes the bundle on a cache miss. */
    @FunctionalInterface
    public interface Maker {
        ModelBundle make() throws Exception;
    }

    /** The cached bundle at {@code file}, made and saved first when absent. */
    public static ModelBundle getOrMake(Path file, Maker maker) throws Exception {
        ModelBundle b = loadIfPresent(file);
        if (b != null) return b;
        b = maker.make();
        b.save(file);
        return b;
    }

    /**
     * The model an evaluation runs: the bundle at {@code given} when set, else the default model's
     * cache file ({@code modelName}, {@code trainerVersion}, {@code seed}); either is made by
     * {@code maker} and saved when absent. Prints which model it is and its validation figures.
     */
    public static ModelBundle forEvaluation(Path given, String modelName, String trainerVersion, long seed,
                                            Maker maker) throws Exception {
        Path file = given != null ? given : file(modelName, trainerVersion, seed);
        ModelBundle model = getOrMake(file, maker);
        System.out.printf(java.util.Locale.ROOT, "model %s v%s (%s), validation %s%n", model.metadata().modelName(),
                model.metadata().version(), file, model.metadata().validation());
        return model;
    }
}
