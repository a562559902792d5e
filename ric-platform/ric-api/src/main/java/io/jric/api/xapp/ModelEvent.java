package io.jric.api.xapp;

import java.util.List;
import java.util.Objects;

/**
 * A model version delivered to an xApp: to serve everywhere (an activation), or, when {@link #canary()}, to
 * serve only the cells {@link #servesCell} selects while the active version keeps serving the rest (a
 * canary, docs/ml-lifecycle.md). An xApp takes canaries only when its listener says so
 * ({@link ModelListener#servesCanaries()}); a later activation ends any canary.
 */
public final class ModelEvent {
    private final String modelName;
    private final String version;
    private final String format;
    private final List<String> inputFeatures;
    private final byte[] content;
    private final double canaryShare;
    private final String canarySalt;

    /**
     * @param modelName the model (one the descriptor accepts)
     * @param version the version being activated
     * @param format {@code dl4j} or {@code keras-h5}
     * @param inputFeatures the features the model expects, in order
     * @param content the model file
     */
    public ModelEvent(String modelName, String version, String format, List<String> inputFeatures, byte[] content) {
        this(modelName, version, format, inputFeatures, content, 0, null);
    }

    private ModelEvent(String modelName, String version, String format, List<String> inputFeatures, byte[] content,
                       double canaryShare, String canarySalt) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.version = Objects.requireNonNull(version, "version");
        this.format = Objects.requireNonNull(format, "format");
        this.inputFeatures = List.copyOf(inputFeatures);
        this.content = content.clone();
        this.canaryShare = canaryShare;
        this.canarySalt = canarySalt;
    }

    /**
     * This version as a canary: it serves the cells {@link #inCanary} selects with this share and salt.
     *
     * @param share the share of cells, strictly between 0 and 1
     * @param salt what makes the selection differ between canaries (the platform uses the model and version)
     */
    public ModelEvent asCanary(double share, String salt) {
        if (!(share > 0 && share < 1)) throw new IllegalArgumentException("canary share: " + share + " (expected: > 0 and < 1)");
        return new ModelEvent(modelName, version, format, inputFeatures, content, share, Objects.requireNonNull(salt, "salt"));
    }

    /** Whether this is a canary (serves some cells only) rather than an activation. */
    public boolean canary() {
        return canarySalt != null;
    }

    /** The canary's share of cells; 0 for an activation. */
    public double canaryShare() {
        return canaryShare;
    }

    /** Whether this version serves the cell: always for an activation; for a canary, the cells {@link #inCanary} selects. */
    public boolean servesCell(String cellId) {
        return !canary() || inCanary(canarySalt, canaryShare, cellId);
    }

    /**
     * The canary's cells: a cell is in when a hash of salt and cell id falls below the share, so every process,
     * the xApp and the platform's evaluation alike, draws the same cells without telling each other.
     */
    public static boolean inCanary(String salt, double share, String cellId) {
        int h = (salt + "/" + cellId).hashCode();
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return (h & 0x7fffffff) % 10_000 < Math.round(share * 10_000);
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
