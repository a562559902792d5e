package io.jric.xapps.ml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Single-sample latency (p50/p99/p99.9) and batched throughput of DL4J inference for the xApps'
 * networks, out of the box versus the {@link Predictor} engines. A plain harness (no JMH): warm-up,
 * then timed calls with {@link System#nanoTime()} per call, sorted for percentiles.
 *
 * <p>Usage: {@code InferenceBenchmark [--model bundle.zip ...] [--calls N] [--batch N]}; without
 * {@code --model} it benchmarks two networks shaped like the xApps' (power control 8-32-32-2,
 * anomaly detection 89-64-32-4), randomly initialised (cost does not depend on the weights' values).
 */
public final class InferenceBenchmark {
    private InferenceBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<ModelBundle> models = new ArrayList<>();
        int calls = 100_000;
        int batch = 1024;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> models.add(ModelBundle.load(Path.of(args[++i])));
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        MlpTrainer.configureNd4j(1);
        if (models.isEmpty()) {
            models.add(synthetic("power-mlp-shape", 8, 2, ModelMetadata.REGRESSION, 32, 32));
            models.add(synthetic("anomaly-mlp-shape", 89, 4, ModelMetadata.CLASSIFICATION, 64, 32));
        }
        System.out.printf(Locale.ROOT, "java %s, %d cpus, OMP_NUM_THREADS=%s, javacpp.maxPhysicalBytes=%s, heap %d MB%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"), System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes", "(default)"),
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.println();
        System.out.println("| model | engine | single p50 (us) | single p99 (us) | single p99.9 (us) | batch " + batch + " (samples/s) |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (ModelBundle b : models) {
            for (Predictor.Engine e : new Predictor.Engine[] {
                    Predictor.Engine.DL4J_DEFAULT, Predictor.Engine.DL4J_WORKSPACE, Predictor.Engine.ND4J_PREPARED_OPS,
                    Predictor.Engine.DENSE_KERNEL}) {
                Predictor p = new Predictor(b, e);
                double[] lat = single(p, calls);
                double thr = batched(p, batch, Math.max(20, calls / batch / 2));
                System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %.1f | %.1f | %.0f |%n", b.metadata().modelName(),
                        label(e), lat[0], lat[1], lat[2], thr);
            }
        }
    }

    private static String label(Predictor.Engine e) {
        return switch (e) {
            case DL4J_DEFAULT -> "DL4J out of the box (`output(Nd4j.create(x))`)";
            case DL4J_WORKSPACE -> "DL4J, reused input + output workspace";
            case DENSE_KERNEL -> "DL4J weights, plain-Java dense kernel";
            case ND4J_PREPARED_OPS -> "DL4J native ops, prepared contexts";
            default -> e.name();
        };
    }

    /** p50, p99, p99.9 in microseconds of single-sample calls. */
    static double[] single(Predictor p, int calls) {
        float[] x = new float[p.inputs()];
        float[] y = new float[p.outputs()];
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < Math.max(20_000, calls / 5); i++) {
            x[i % x.length] += 1e-3f;
            p.predict(x, y);
        }
        long[] t = new long[calls];
        for (int i = 0; i < calls; i++) {
            x[i % x.length] += 1e-3f;
            long t0 = System.nanoTime();
            p.predict(x, y);
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return new double[] {t[calls / 2] / 1e3, t[(int) (calls * 0.99)] / 1e3, t[(int) (calls * 0.999)] / 1e3};
    }

    /** Samples per second in batches of {@code batch}. */
    static double batched(Predictor p, int batch, int rounds) {
        float[] x = new float[batch * p.inputs()];
        float[] y = new float[batch * p.outputs()];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < Math.max(5, rounds / 4); i++) p.predictBatch(x, batch, y);
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) p.predictBatch(x, batch, y);
        double s = (System.nanoTime() - t0) / 1e9;
        return rounds * (double) batch / s;
    }

    /** A randomly initialised network of the given shape, bundled with identity normalisation. */
    static ModelBundle synthetic(String name, int nIn, int nOut, String task, int... hidden) {
        NeuralNetConfiguration.ListBuilder lb = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).list();
        int prev = nIn;
        for (int h : hidden) {
            lb.layer(new DenseLayer.Builder().nIn(prev).nOut(h).activation(Activation.RELU).build());
            prev = h;
        }
        boolean reg = ModelMetadata.REGRESSION.equals(task);
        lb.layer(new OutputLayer.Builder(reg ? LossFunctions.LossFunction.MSE : LossFunctions.LossFunction.MCXENT)
                .nIn(prev).nOut(nOut).activation(reg ? Activation.IDENTITY : Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(lb.build());
        net.init();
        List<String> in = new ArrayList<>();
        for (int i = 0; i < nIn; i++) in.add("f" + i);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nOut; i++) out.add("o" + i);
        Normalizer id = Normalizer.identity(nIn);
        Normalizer idOut = Normalizer.identity(nOut);
        return ModelBundle.of(net, new ModelMetadata(name, "0", in, out, task, id.mean(), id.std(),
                reg ? idOut.mean() : null, reg ? idOut.std() : null, 1, "bench", Map.of(), Map.of(), null));
    }
}
