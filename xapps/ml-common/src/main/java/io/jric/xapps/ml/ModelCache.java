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
}
