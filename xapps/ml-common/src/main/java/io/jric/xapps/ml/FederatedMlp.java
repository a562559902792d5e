package io.jric.xapps.ml;

import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J side of federated retraining (the RIC's federated averaging, docs/ml-lifecycle.md): a grid node's local
 * step trains a copy of the parent network, from the parameters the round started with, over the node's own rows,
 * normalised with the <em>parent's</em> statistics (every node must, or the average of their parameters means
 * nothing); the version made of the averaged parameters keeps the parent's architecture, normalisation and drift
 * reference (the rows' own distribution is not known to any one node). Deterministic for its arguments with one
 * ND4J thread ({@link MlpTrainer#configureNd4j}).
 */
public final class FederatedMlp {
    /** Minibatch rows (as {@link MlpTrainer.Spec#regression}). */
    static final int BATCH = 128;

    private FederatedMlp() {}

    /** A copy of the parent's network with {@code params} (null: the parent's own). */
    public static MultiLayerNetwork start(ModelBundle parent, float[] params) {
        MultiLayerNetwork net = parent.network().clone();
        if (params != null) {
            long n = net.numParams();
            if (params.length != n) {
                throw new IllegalArgumentException("params: " + params.length + " values (expected: " + n + ", the parent's network)");
            }
            net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c'));
        }
        return net;
    }

    /** The network's parameters as one flat vector (the order {@link #start} takes them in). */
    public static float[] params(MultiLayerNetwork net) {
        return net.params().dup().toFloatVector();
    }

    /**
     * Trains {@code net} in place over the rows (raw units: normalised here with the parent's statistics), minibatches
     * of {@link #BATCH} rows in an order drawn from {@code seed}.
     *
     * @return the network
     */
    public static MultiLayerNetwork fit(MultiLayerNetwork net, ModelMetadata parent, Dataset rows, long seed, int epochs) {
        MlpTrainer.configureNd4j(seed);
        float[][] xn = parent.inputNormalizer().applyAll(rows.features());
        Normalizer outNorm = parent.outputNormalizer();
        float[][] yn = outNorm == null ? rows.labels() : outNorm.applyAll(rows.labels());
        int n = xn.length;
        int in = rows.inputs();
        int out = rows.outputs();
        int bs = Math.max(1, Math.min(BATCH, n));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Random rnd = new java.util.Random(seed);
        float[] xb = new float[bs * in];
        float[] yb = new float[bs * out];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int s = 0; s + bs <= n; s += bs) {
                for (int r = 0; r < bs; r++) {
                    System.arraycopy(xn[order[s + r]], 0, xb, r * in, in);
                    System.arraycopy(yn[order[s + r]], 0, yb, r * out, out);
                }
                INDArray fx = Nd4j.create(xb, new long[] {bs, in}, 'c');
                INDArray fy = Nd4j.create(yb, new long[] {bs, out}, 'c');
                net.fit(new DataSet(fx, fy));
            }
        }
        return net;
    }

    /**
     * The bundle of averaged parameters: the parent's architecture, normalisation and extra settings (its drift
     * reference among them), with this trainer, seed, figures and {@code extra} added.
     */
    public static ModelBundle bundle(ModelBundle parent, float[] params, String trainer, long seed, Map<String, Double> validation,
                                     Map<String, String> extra) {
        ModelMetadata p = parent.metadata();
        Map<String, String> x = new TreeMap<>(p.extra());
        x.putAll(extra);
        ModelMetadata md = new ModelMetadata(p.modelName(), p.version(), p.inputFeatures(), p.outputs(), p.task(), p.inputMean(),
                p.inputStd(), p.outputMean(), p.outputStd(), seed, trainer, new TreeMap<>(validation), x, null);
        return ModelBundle.of(start(parent, params), md);
    }
}
