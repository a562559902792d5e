package io.jric.xapps.ml;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference over a {@link ModelBundle}: takes raw feature values (as extracted from KPM), applies
 * the bundle's normalisation, runs the network and returns de-normalised regression outputs or class
 * probabilities. Not thread-safe: one per xApp instance (the instance thread); input and output buffers
 * are reused (the kernel engine allocates nothing per call; the DL4J engines allocate inside DL4J).
 *
 * <p>Four engines (see docs/benchmarks.md for measured figures):
 * <ul>
 *   <li>{@link Engine#DL4J_DEFAULT}: {@code network.output(Nd4j.create(row))} per call, DL4J out of the box;</li>
 *   <li>{@link Engine#DL4J_WORKSPACE}: DL4J with one reused input array, output into a reused
 *       workspace, copied out through the native buffer (no INDArray allocation per call);</li>
 *   <li>{@link Engine#DENSE_KERNEL}: the same network's weights copied out of DL4J into flat float
 *       arrays and evaluated in plain Java: for small multi-layer perceptrons the fixed cost of a native
 *       op call dominates, so this is the fastest single-sample path. Available only for networks of
 *       dense/output layers with relu, tanh, sigmoid, identity or softmax; checked against DL4J's own
 *       output on construction (max abs difference &lt; 1e-4, else refused).</li>
 *   <li>{@link Engine#ND4J_PREPARED_OPS}: the same networks through ND4J's native ops, one sample at a
 *       time, with the ops and their contexts prepared once ({@link PreparedOps}); the fastest single-sample
 *       path that stays inside DL4J's native backend. Same layer restrictions and check as the kernel;
 *       single rows (a batch runs row by row).</li>
 * </ul>
 * {@link Engine#AUTO} uses the kernel for batches of up to {@link #KERNEL_MAX_ROWS} rows when available
 * and DL4J with workspaces otherwise (large batches are faster through OpenBLAS GEMM).
 */
public final class Predictor {
    /** Largest batch {@link Engine#AUTO} evaluates with the kernel. */
    public static final int KERNEL_MAX_ROWS = 32;

    /** How to run the network. */
    public enum Engine { AUTO, DL4J_DEFAULT, DL4J_WORKSPACE, DENSE_KERNEL, ND4J_PREPARED_OPS }

    private static final WorkspaceConfiguration WS = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.5)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .build();

    private final ModelBundle bundle;
    private final MultiLayerNetwork net;
    private final Normalizer in;
    private final Normalizer out;
    private final boolean softmaxTask;
    private final int nIn;
    private final int nOut;
    private final Engine engine;
    private final DenseKernel kernel;
    private final PreparedOps prepared;
    private final String wsId = "jric-predict-" + System.identityHashCode(this);
    private float[] rowBuf;
    private INDArray inputArr;
    private int inputRows;

    /** A predictor with {@link Engine#AUTO}. */
    public Predictor(ModelBundle bundle) {
        this(bundle, Engine.AUTO);
    }

    /**
     * A predictor with the given engine. {@link Engine#DENSE_KERNEL} and {@link Engine#ND4J_PREPARED_OPS}
     * throw {@link IllegalArgumentException} for a network they cannot run (other layers or activations),
     * and the latter {@link IllegalStateException} if its output disagrees with DL4J's.
     */
    public Predictor(ModelBundle bundle, Engine engine) {
        this.bundle = bundle;
        this.net = bundle.network();
        ModelMetadata md = bundle.metadata();
        this.in = md.inputNormalizer();
        this.out = md.outputNormalizer();
        this.softmaxTask = ModelMetadata.CLASSIFICATION.equals(md.task());
        this.nIn = md.inputFeatures().size();
        this.nOut = md.outputs().size();
        DenseKernel k = DenseKernel.of(net);
        if (k != null && (k.sizes[0] != nIn || !agrees(net, nIn, k.outputs(), k::forward))) k = null;
        if ((engine == Engine.DENSE_KERNEL || engine == Engine.ND4J_PREPARED_OPS) && k == null) {
            throw new IllegalArgumentException(engine + " runs only networks of dense layers with relu/tanh/sigmoid/identity/softmax"
                    + " whose plain-Java evaluation matches DL4J's");
        }
        PreparedOps ops = null;
        if (engine == Engine.ND4J_PREPARED_OPS) {
            ops = new PreparedOps(net, k.act, k.sizes);
            if (!agrees(net, nIn, k.outputs(), ops::forward)) {
                throw new IllegalStateException("ND4J prepared ops disagree with DL4J's output for this network");
            }
        }
        this.kernel = k;
        this.prepared = ops;
        this.engine = engine;
        this.rowBuf = new float[nIn * 64];
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public int inputs() {
        return nIn;
    }

    public int outputs() {
        return nOut;
    }

    /** Whether the plain-Java kernel is available for this network. */
    public boolean hasKernel() {
        return kernel != null;
    }

    /** One sample: {@code features} (raw, {@link #inputs()} values) to {@code result} ({@link #outputs()} values). */
    public void predict(float[] features, float[] result) {
        predictBatch(features, 1, result);
    }

    /**
     * {@code rows} samples, row-major in {@code features} ({@code rows * inputs()} raw values), to
     * {@code result} ({@code rows * outputs()} values).
     */
    public void predictBatch(float[] features, int rows, float[] result) {
        int n = rows * nIn;
        if (rowBuf.length < n) rowBuf = new float[Math.max(n, rowBuf.length * 2)];
        System.arraycopy(features, 0, rowBuf, 0, n);
        for (int r = 0; r < rows; r++) in.apply(rowBuf, r * nIn);
        Engine e = engine;
        if (e == Engine.AUTO) e = kernel != null && rows <= KERNEL_MAX_ROWS ? Engine.DENSE_KERNEL : Engine.DL4J_WORKSPACE;
        switch (e) {
            case DENSE_KERNEL -> {
                for (int r = 0; r < rows; r++) kernel.forward(rowBuf, r * nIn, result, r * nOut);
            }
            case ND4J_PREPARED_OPS -> {
                for (int r = 0; r < rows; r++) prepared.forward(rowBuf, r * nIn, result, r * nOut);
            }
            case DL4J_DEFAULT -> {
                float[] copy = java.util.Arrays.copyOf(rowBuf, n);
                INDArray o = net.output(Nd4j.create(copy, new long[] {rows, nIn}, 'c'));
                float[] v = o.dup('c').data().asFloat();
                System.arraycopy(v, 0, result, 0, rows * nOut);
            }
            default -> dl4jWorkspace(rows, result);
        }
        if (out != null) {
            for (int r = 0; r < rows; r++) out.invert(result, r * nOut);
        }
    }

    private void dl4jWorkspace(int rows, float[] result) {
        if (inputArr == null || inputRows != rows) {
            try (MemoryWorkspace scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                inputArr = Nd4j.create(DataType.FLOAT, new long[] {rows, nIn}, 'c');
            }
            inputRows = rows;
        }
        FloatBuffer ib = inputArr.data().asNioFloat();
        ib.put(rowBuf, 0, rows * nIn);
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WS, wsId)) {
            INDArray o = net.output(inputArr, false, ws);
            if (o.ordering() != 'c' || o.isView()) o = o.dup('c');
            o.data().asNioFloat().get(result, 0, rows * nOut);
        }
    }

    /** Index of the largest of {@code n} values from {@code offset}. */
    public static int argmax(float[] v, int offset, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) if (v[offset + i] > v[offset + best]) best = i;
        return best;
    }

    /** One row from {@code x[xOff..]} to {@code y[yOff..]}. */
    interface RowForward {
        void forward(float[] x, int xOff, float[] y, int yOff);
    }

    /** Whether {@code f} gives DL4J's own output (within 1e-4) on a few deterministic inputs. */
    static boolean agrees(MultiLayerNetwork net, int nIn, int nOut, RowForward f) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(42);
        int rows = 8;
        float[] x = new float[rows * nIn];
        for (int i = 0; i < x.length; i++) x[i] = (float) (r.nextGaussian() * 1.5);
        INDArray ref = net.output(Nd4j.create(x, new long[] {rows, nIn}, 'c'));
        float[] mine = new float[nOut];
        for (int row = 0; row < rows; row++) {
            f.forward(x, row * nIn, mine, 0);
            for (int j = 0; j < nOut; j++) {
                if (Math.abs(mine[j] - ref.getFloat(row, j)) > 1e-4f) return false;
            }
        }
        return true;
    }

    /** A dense network's weights in flat arrays, evaluated in plain Java. */
    static final class DenseKernel {
        private final float[][] w;   // per layer, [nIn * nOut], row-major by input
        private final float[][] b;
        final int[] act;     // 0 identity, 1 relu, 2 tanh, 3 sigmoid, 4 softmax
        final int[] sizes;
        private final float[][] buf;

        private DenseKernel(float[][] w, float[][] b, int[] act, int[] sizes) {
            this.w = w;
            this.b = b;
            this.act = act;
            this.sizes = sizes;
            this.buf = new float[sizes.length][];
            for (int i = 0; i < sizes.length; i++) buf[i] = new float[sizes[i]];
        }

        static DenseKernel of(MultiLayerNetwork net) {
            int n = net.getnLayers();
            float[][] w = new float[n][];
            float[][] b = new float[n][];
            int[] act = new int[n];
            int[] sizes = new int[n + 1];
            for (int i = 0; i < n; i++) {
                Layer l = net.getLayer(i);
                if (!(l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.DenseLayer)
                        && !(l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
                    return null;
                }
                IActivation a = ((BaseLayer) l.conf().getLayer()).getActivationFn();
                if (a instanceof ActivationIdentity) act[i] = 0;
                else if (a instanceof ActivationReLU r && r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope())) act[i] = 1;
                else if (a instanceof ActivationTanH) act[i] = 2;
                else if (a instanceof ActivationSigmoid) act[i] = 3;
                else if (a instanceof ActivationSoftmax && i == n - 1) act[i] = 4;
                else return null;
                INDArray wi = l.getParam("W");
                INDArray bi = l.getParam("b");
                if (wi == null || bi == null) return null;
                int nIn = (int) wi.size(0);
                int nOut = (int) wi.size(1);
                if (i > 0 && sizes[i] != nIn) return null;
                sizes[i] = nIn;
                sizes[i + 1] = nOut;
                float[][] m = wi.toFloatMatrix();
                float[] flat = new float[nIn * nOut];
                for (int r = 0; r < nIn; r++) System.arraycopy(m[r], 0, flat, r * nOut, nOut);
                w[i] = flat;
                b[i] = bi.toFloatVector();
            }
            int[] outSizes = java.util.Arrays.copyOfRange(sizes, 1, sizes.length);
            DenseKernel k = new DenseKernel(w, b, act, sizes);
            k.outSizes = outSizes;
            return k;
        }

        private int[] outSizes;

        private static boolean zero(Double d) {
            return d == null || d == 0.0;
        }

        int outputs() {
            return sizes[sizes.length - 1];
        }

        void forward(float[] x, int xOff, float[] y, int yOff) {
            float[] cur = x;
            int curOff = xOff;
            int layers = w.length;
            for (int l = 0; l < layers; l++) {
                int nIn = sizes[l];
                int nOut = sizes[l + 1];
                float[] dst = l == layers - 1 ? y : buf[l + 1];
                int dOff = l == layers - 1 ? yOff : 0;
                float[] wl = w[l];
                System.arraycopy(b[l], 0, dst, dOff, nOut);
                for (int i = 0; i < nIn; i++) {
                    float xi = cur[curOff + i];
                    if (xi == 0f) continue;
                    int base = i * nOut;
                    for (int j = 0; j < nOut; j++) dst[dOff + j] += xi * wl[base + j];
                }
                switch (act[l]) {
                    case 1 -> { for (int j = 0; j < nOut; j++) if (dst[dOff + j] < 0) dst[dOff + j] = 0; }
                    case 2 -> { for (int j = 0; j < nOut; j++) dst[dOff + j] = (float) Math.tanh(dst[dOff + j]); }
                    case 3 -> { for (int j = 0; j < nOut; j++) dst[dOff + j] = (float) (1 / (1 + Math.exp(-dst[dOff + j]))); }
                    case 4 -> {
                        float max = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < nOut; j++) max = Math.max(max, dst[dOff + j]);
                        float sum = 0;
                        for (int j = 0; j < nOut; j++) {
                            dst[dOff + j] = (float) Math.exp(dst[dOff + j] - max);
                            sum += dst[dOff + j];
                        }
                        for (int j = 0; j < nOut; j++) dst[dOff + j] /= sum;
                    }
                    default -> { }
                }
                cur = dst;
                curOff = dOff;
            }
        }
    }
}
