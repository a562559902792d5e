package io.jric.xapps.ml;

import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.XappContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one active model of an ML xApp: loaded at start from the trainer's cache (or the config's
 * {@code modelFile}, or trained when {@code trainIfMissing} is set), replaced by versions delivered
 * through A1-ML, and never replaced by a bundle that does not fit (wrong name, format, inputs or
 * outputs: the delivery is rejected and the active model kept). Takes A1-ML formats {@code dl4j} (a
 * {@link ModelBundle} zip) and {@code keras-h5} (imported with {@link KerasH5}). Publishes
 * {@code model.active.<version>} (1 while active) and {@code model.rejected} metrics; while it trains a
 * missing model, {@code model.training} (1), {@code model.training.startedAtMs},
 * {@code model.training.simulations} and {@code model.training.epoch} of {@code model.training.epochs}
 * (see {@link TrainingProgress}); {@code model.missing} (1) when there is none and none is trained.
 * Until a model is active the xApp is <em>learning</em>: it acts on no model output.
 */
public final class ModelSlot<M> {
    /** A model in use and its version (the usual {@code M}: see {@link #predictors}). */
    public record Active(Predictor predictor, String version) {}

    /** The xApp config key that chooses the inference engine (see {@link #engine}). */
    public static final String ENGINE_KEY = "inferenceEngine";

    /**
     * The engine the xApp's config asks for: {@code auto} (the default: the plain-Java kernel for single
     * rows and small batches, DL4J above), {@code kernel}, {@code dl4j} (DL4J with a reused workspace) or
     * {@code dl4j-native-ops} (DL4J's native ops with prepared contexts, {@link Predictor.Engine#ND4J_PREPARED_OPS}).
     * A model the chosen engine cannot run is rejected when it is delivered, naming why.
     */
    public static Predictor.Engine engine(XappContext ctx) {
        String v = ctx.config().string(ENGINE_KEY).orElse("auto");
        return switch (v) {
            case "auto" -> Predictor.Engine.AUTO;
            case "kernel" -> Predictor.Engine.DENSE_KERNEL;
            case "dl4j" -> Predictor.Engine.DL4J_WORKSPACE;
            case "dl4j-native-ops" -> Predictor.Engine.ND4J_PREPARED_OPS;
            default -> throw new IllegalArgumentException(ENGINE_KEY + ": " + v + " (expected: auto, kernel, dl4j or dl4j-native-ops)");
        };
    }

    /** A slot whose active model is a {@link Predictor} (the engine of {@link #engine}) with its version. */
    public static ModelSlot<Active> predictors(XappContext ctx, String what, String modelName, List<String> inputs,
                                               List<String> outputs) {
        Predictor.Engine engine = engine(ctx);
        return new ModelSlot<>(ctx, what, modelName, inputs, outputs,
                b -> new Active(new Predictor(b, engine), b.metadata().version()));
    }

    private final XappContext ctx;
    private final String what;
    private final String modelName;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Function<ModelBundle, M> factory;
    private volatile M active;
    private volatile String activeVersion;
    /** A version serving some cells only (a canary), with the event that selects them; null when none. */
    private volatile Canary<M> canary;

    private record Canary<M>(M model, ModelEvent event) {}

    /**
     * @param ctx the xApp's context
     * @param what a short name for logs, e.g. {@code power}
     * @param modelName the model name the descriptor declares
     * @param inputs the input features, in order
     * @param outputs the outputs, in order
     * @param factory makes what the xApp uses (e.g. a predictor) from a checked bundle
     */
    public ModelSlot(XappContext ctx, String what, String modelName, List<String> inputs, List<String> outputs,
                     Function<ModelBundle, M> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.what = what;
        this.modelName = modelName;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    /**
     * Loads the initial model in the background, as the config says: {@code modelFile} ("" waits for
     * A1-ML), else the trainer's cache file for this trainer version and seed; trains on a cache miss
     * only with {@code trainIfMissing}.
     */
    public void loadInBackground(String trainerVersion, long seed, ModelCache.Maker trainer, String ifMissing) {
        loadInBackground("modelFile", trainerVersion, seed, trainer, ifMissing);
    }

    /**
     * As {@link #loadInBackground(String, long, ModelCache.Maker, String)}, with the model file named by the config key
     * {@code fileKey} (for an xApp with a second model).
     */
    public void loadInBackground(String fileKey, String trainerVersion, long seed, ModelCache.Maker trainer, String ifMissing) {
        String configured = ctx.config().string(fileKey).orElse(null);
        if (configured != null && configured.isEmpty()) return;
        Path file = configured != null ? Path.of(configured) : ModelCache.file(modelName, trainerVersion, seed);
        boolean train = ctx.config().bool("trainIfMissing").orElse(false);
        Thread loader = new Thread(() -> {
            try {
                ModelBundle b = ModelCache.loadIfPresent(file);
                if (b == null && train) {
                    ctx.logger().log(System.Logger.Level.INFO, "no " + what + " model at {0}: training one now (learning until it is ready)", file);
                    set("model.training.startedAtMs", System.currentTimeMillis());
                    set("model.training", 1);
                    try {
                        b = TrainingProgress.listen(new TrainingProgress.Listener() {
                            @Override
                            public void simulationStarted(int started) {
                                set("model.training.simulations", started);
                            }

                            @Override
                            public void epochDone(int epoch, int epochs) {
                                set("model.training.epochs", epochs);
                                set("model.training.epoch", epoch);
                            }
                        }, () -> ModelCache.getOrMake(file, trainer));
                    } finally {
                        set("model.training", 0);
                    }
                }
                if (b == null) {
                    set("model.missing", 1);
                    ctx.logger().log(System.Logger.Level.WARNING, "no " + what + " model at {0}: " + ifMissing, file);
                    return;
                }
                synchronized (this) {
                    if (active == null) activate(b, "file " + file.getFileName());
                }
            } catch (Exception e) {
                set("model.failed", 1);
                ctx.logger().log(System.Logger.Level.ERROR, "loading the " + what + " model failed", e);
            }
        }, what + "-model-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void set(String metric, long value) {
        ctx.metrics().add(metric, value - ctx.metrics().get(metric));
    }

    private synchronized void activate(ModelBundle b, String source) {
        String previous = activeVersion;
        set("model.missing", 0);
        active = factory.apply(b);
        activeVersion = b.metadata().version();
        if (previous != null) {
            ctx.metrics().add("model.active." + previous, -ctx.metrics().get("model.active." + previous));
        }
        ctx.metrics().add("model.active." + b.metadata().version(), 1 - ctx.metrics().get("model.active." + b.metadata().version()));
        ctx.logger().log(System.Logger.Level.INFO, what + " model {0} v{1} active ({2}; validation {3})",
                b.metadata().modelName(), b.metadata().version(), source, b.metadata().validation());
    }

    /**
     * A1-ML delivery: checks the bundle against what the xApp expects, then makes it active (and ends any
     * canary), or, for a canary ({@link ModelEvent#canary()}), serves it to the cells it selects
     * ({@link #forCell}); throws to reject, and the slot stays as it was.
     */
    public void onModel(ModelEvent e) throws Exception {
        try {
            ModelBundle b = load(e);
            if (e.canary()) {
                startCanary(b, e);
            } else {
                synchronized (this) {
                    endCanary();
                    activate(b, "A1-ML");
                }
            }
        } catch (Exception ex) {
            ctx.metrics().increment("model.rejected");
            ctx.logger().log(System.Logger.Level.WARNING, "rejected " + what + " model {0} v{1}: {2}", e.modelName(),
                    e.version(), ex.getMessage());
            throw ex;
        }
    }

    /**
     * A delivered version loaded and checked against what the xApp expects (name, inputs, outputs), without
     * making it active: what {@link #onModel} activates, and what a validation gate's scorer evaluates.
     */
    public ModelBundle load(ModelEvent e) throws Exception {
        if (!modelName.equals(e.modelName())) {
            throw new IllegalArgumentException("model " + e.modelName() + " (expected: " + modelName + ")");
        }
        ModelBundle b = switch (e.format()) {
            case "dl4j" -> ModelBundle.fromBytes(e.content());
            // Keras: raw inputs in the declared order, outputs in the xApp's units (see KerasH5).
            case "keras-h5" -> KerasH5.bundle(e.content(), modelName, e.version(), inputs, outputs);
            default -> throw new IllegalArgumentException("format " + e.format() + " (expected: dl4j or keras-h5)");
        };
        b.requireInputs(e.inputFeatures());
        b.requireInputs(inputs);
        if (!b.metadata().outputs().equals(outputs)) {
            throw new IllegalArgumentException("outputs " + b.metadata().outputs() + " (expected: " + outputs + ")");
        }
        // The event's version is authoritative (A1-ML numbers versions; the bundle may carry its trainer's).
        return b.withVersion(e.version());
    }

    private synchronized void startCanary(ModelBundle b, ModelEvent e) {
        if (active == null) throw new IllegalStateException("no active " + what + " model: a canary needs one to compare with");
        M m = factory.apply(b);
        endCanary();
        canary = new Canary<>(m, e);
        ctx.metrics().add("model.canary." + e.version(), 1 - ctx.metrics().get("model.canary." + e.version()));
        ctx.logger().log(System.Logger.Level.INFO, what + " model v{0} serves a canary ({1} of the cells; v{2} the rest)",
                e.version(), e.canaryShare(), activeVersion);
    }

    private void endCanary() {
        Canary<M> c = canary;
        if (c == null) return;
        canary = null;
        ctx.metrics().add("model.canary." + c.event().version(), -ctx.metrics().get("model.canary." + c.event().version()));
    }

    /** The active model, or null before one is loaded. */
    public M active() {
        return active;
    }

    /**
     * The model that serves this cell: the canary's where one serves it ({@link ModelEvent#servesCell}), else the
     * active one (null before one is loaded).
     */
    public M forCell(String cellId) {
        Canary<M> c = canary;
        return c != null && c.event().servesCell(cellId) ? c.model() : active;
    }

    /** The canary's version, or null when no canary serves. */
    public String canaryVersion() {
        Canary<M> c = canary;
        return c == null ? null : c.event().version();
    }

    /** The active model's version, or null. */
    public String activeVersion() {
        return activeVersion;
    }
}
