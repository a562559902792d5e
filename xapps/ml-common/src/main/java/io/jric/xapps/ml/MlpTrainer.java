package io.jric.xapps.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deterministic training of a multi-layer perceptron with DL4J: fixed seed for weight init
 * ({@code NeuralNetConfiguration.seed}) and ND4J's random generator, shuffling with
 * {@code java.util.Random(seed)}, float32, one ND4J thread. With {@code OMP_NUM_THREADS=1} in the
 * environment (the trainers' launch scripts set it; measured ~3x faster on 2 cores than the default)
 * the same seed and data give the same network bit for bit.
 */
public final class MlpTrainer {
    /**
     * What to train.
     *
     * @param hidden       sizes of the hidden layers (relu)
     * @param task         {@link ModelMetadata#REGRESSION} (identity output, MSE on normalised targets)
     *                     or {@link ModelMetadata#CLASSIFICATION} (softmax, multi-class cross entropy)
     * @param learningRate Adam step size
     * @param l2           L2 weight decay
     * @param epochs       passes over the training data
     * @param batchSize    minibatch rows
     * @param seed         every random choice of training derives from it
     * @param classWeights per-class loss weights for classification (null: all 1)
     */
    public record Spec(int[] hidden, String task, double learningRate, double l2, int epochs, int batchSize, long seed,
                       float[] classWeights) {
        public static Spec regression(long seed, int epochs, int... hidden) {
            return new Spec(hidden, ModelMetadata.REGRESSION, 2e-3, 1e-5, epochs, 128, seed, null);
        }

        public static Spec classification(long seed, int epochs, float[] classWeights, int... hidden) {
            return new Spec(hidden, ModelMetadata.CLASSIFICATION, 2e-3, 1e-5, epochs, 128, seed, classWeights);
        }
    }

    /**
     * A trained network with the normalisers fitted on its training data, and the raw input rows it was
     * trained on (shared, not copied; {@link #bundle} keeps their per-feature distribution with the model,
     * {@link DriftReference}; null: none is kept).
     */
    public record Result(MultiLayerNetwork network, Normalizer inputs, Normalizer outputs, long trainMillis,
                         float[][] trainingInputs) {
        /** A result without its training rows (its bundle carries no drift reference). */
        public Result(MultiLayerNetwork network, Normalizer inputs, Normalizer outputs, long trainMillis) {
            this(network, inputs, outputs, trainMillis, null);
        }
    }

    private MlpTrainer() {}

    /** Sets up ND4J for deterministic single-threaded work; idempotent. */
    public static void configureNd4j(long seed) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        try {
            Nd4j.getEnvironment().setMaxMasterThreads(1);
        } catch (RuntimeException | LinkageError ignored) {
            // older backends: OMP_NUM_THREADS governs
        }
        Nd4j.getRandom().setSeed(seed);
    }

    /** Trains on {@code train}; inputs (and regression targets) are z-score normalised first. */
    public static Result train(Dataset train, Spec spec) {
        long t0 = System.nanoTime();
        configureNd4j(spec.seed());
        float[][] x = train.features();
        float[][] y = train.labels();
        Normalizer inNorm = Normalizer.fit(x);
        boolean regression = ModelMetadata.REGRESSION.equals(spec.task());
        Normalizer outNorm = regression ? Normalizer.fit(y) : null;
        float[][] xn = inNorm.applyAll(x);
        float[][] yn = regression ? outNorm.applyAll(y) : y;

        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER)
                .updater(new Adam(spec.learningRate()))
                .l2(spec.l2())
                .list();
        int prev = train.inputs();
        for (int h : spec.hidden()) {
            lb.layer(new DenseLayer.Builder().nIn(prev).nOut(h).activation(Activation.RELU).build());
            prev = h;
        }
        if (regression) {
            lb.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(prev).nOut(train.outputs())
                    .activation(Activation.IDENTITY).build());
        } else {
            OutputLayer.Builder ob = spec.classWeights() == null
                    ? new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    : new OutputLayer.Builder(new org.nd4j.linalg.lossfunctions.impl.LossMCXENT(
                            Nd4j.create(spec.classWeights(), new long[] {1, spec.classWeights().length}, 'c')));
            lb.layer(ob.nIn(prev).nOut(train.outputs()).activation(Activation.SOFTMAX).build());
        }
        MultiLayerConfiguration conf = lb.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();

        int n = xn.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Random rnd = new java.util.Random(spec.seed());
        int bs = Math.max(1, Math.min(spec.batchSize(), n));
        float[] xb = new float[bs * train.inputs()];
        float[] yb = new float[bs * train.outputs()];
        for (int epoch = 0; epoch < spec.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int start = 0; start + bs <= n; start += bs) {
                for (int r = 0; r < bs; r++) {
                    System.arraycopy(xn[order[start + r]], 0, xb, r * train.inputs(), train.inputs());
                    System.arraycopy(yn[order[start + r]], 0, yb, r * train.outputs(), train.outputs());
                }
                INDArray fx = Nd4j.create(xb, new long[] {bs, train.inputs()}, 'c');
                INDArray fy = Nd4j.create(yb, new long[] {bs, train.outputs()}, 'c');
                net.fit(new DataSet(fx, fy));
            }
            TrainingProgress.epochDone(epoch + 1, spec.epochs());
        }
        return new Result(net, inNorm, outNorm, (System.nanoTime() - t0) / 1_000_000, x);
    }

    /**
     * The bundle of a training result. When the result has its training rows, the bundle carries their
     * per-feature distribution ({@link DriftReference}, {@code extra.driftReference}) for drift watching.
     */
    public static ModelBundle bundle(Result r, String modelName, String version, List<String> inputFeatures,
                                     List<String> outputs, Spec spec, String trainerVersion,
                                     Map<String, Double> validation, Map<String, String> extra) {
        if (r.trainingInputs() != null && r.trainingInputs().length > 0) {
            extra = DriftReference.fit(inputFeatures, r.trainingInputs(), DriftReference.DEFAULT_BINS).addTo(extra);
        }
        ModelMetadata md = new ModelMetadata(modelName, version, inputFeatures, outputs, spec.task(),
                r.inputs().mean(), r.inputs().std(),
                r.outputs() == null ? null : r.outputs().mean(), r.outputs() == null ? null : r.outputs().std(),
                spec.seed(), trainerVersion, new TreeMap<>(validation), extra, null);
        return ModelBundle.of(r.network(), md);
    }

    /** Per-output mean squared error of the predictor on {@code data} (raw units). */
    public static double[] mse(Predictor p, Dataset data) {
        float[][] x = data.features();
        float[][] y = data.labels();
        double[] se = new double[data.outputs()];
        float[] out = new float[data.outputs()];
        for (int i = 0; i < x.length; i++) {
            p.predict(x[i], out);
            for (int j = 0; j < out.length; j++) se[j] += (out[j] - y[i][j]) * (double) (out[j] - y[i][j]);
        }
        for (int j = 0; j < se.length; j++) se[j] /= Math.max(1, x.length);
        return se;
    }

    /** Per-output MSE of the trivial predictor (the training mean of each target) on {@code data}. */
    public static double[] trivialMse(Dataset train, Dataset data) {
        float[][] ty = train.labels();
        double[] mean = new double[train.outputs()];
        for (float[] r : ty) for (int j = 0; j < mean.length; j++) mean[j] += r[j];
        for (int j = 0; j < mean.length; j++) mean[j] /= Math.max(1, ty.length);
        double[] se = new double[data.outputs()];
        for (float[] r : data.labels()) for (int j = 0; j < se.length; j++) se[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
        for (int j = 0; j < se.length; j++) se[j] /= Math.max(1, data.size());
        return se;
    }

    /** Splits {@code names} into a list (for metadata). */
    static List<String> list(String... names) {
        return new ArrayList<>(List.of(names));
    }
}
