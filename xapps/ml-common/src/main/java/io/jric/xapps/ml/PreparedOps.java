package io.jric.xapps.ml;

import java.nio.FloatBuffer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense network run one sample at a time through ND4J's native (libnd4j) ops, with everything a call
 * needs prepared once: per layer an {@code xw_plus_b} op and its activation op ({@code relu},
 * {@code tanh}, {@code sigmoid}, {@code softmax}; identity needs none), each with an {@link OpContext}
 * holding its input and output arrays, all outside any workspace. A call copies the sample into the
 * first array, executes the prepared ops in place and copies the result out: no INDArray, op or
 * context is created per call, which is where {@code MultiLayerNetwork.output} spends most of its
 * ~50 us on these small networks. Same arithmetic as DL4J's own layers (checked against
 * {@code output()} on construction by {@link Predictor}). Not thread-safe; single rows only.
 */
final class PreparedOps {
    private final OpExecutioner exec = Nd4j.getExecutioner();
    private final INDArray input;
    private final FloatBuffer inputBuf;
    private final FloatBuffer outputBuf;
    private final CustomOp[] ops;
    private final OpContext[] contexts;
    private final int nIn;
    private final int nOut;

    /**
     * @param net   the network (dense and output layers only, as accepted by the dense kernel)
     * @param act   per layer: 0 identity, 1 relu, 2 tanh, 3 sigmoid, 4 softmax
     * @param sizes layer widths, input first
     */
    PreparedOps(MultiLayerNetwork net, int[] act, int[] sizes) {
        int layers = act.length;
        this.nIn = sizes[0];
        this.nOut = sizes[layers];
        int count = 0;
        for (int a : act) count += a == 0 ? 1 : 2;
        ops = new CustomOp[count];
        contexts = new OpContext[count];
        try (MemoryWorkspace scope = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray cur = Nd4j.create(DataType.FLOAT, 1, nIn);
            input = cur;
            int k = 0;
            for (int l = 0; l < layers; l++) {
                INDArray w = net.getLayer(l).getParam("W").castTo(DataType.FLOAT).dup('c');
                INDArray b = net.getLayer(l).getParam("b").castTo(DataType.FLOAT).dup('c').reshape(sizes[l + 1]);
                INDArray next = Nd4j.create(DataType.FLOAT, 1, sizes[l + 1]);
                XwPlusB mm = new XwPlusB(cur, w, b);
                mm.addOutputArgument(next);
                prepare(k++, mm, new INDArray[] {cur, w, b}, next, null, null);
                switch (act[l]) {
                    case 1 -> prepare(k++, op("relu", next), new INDArray[] {next}, next, new double[] {0.0}, null);
                    case 2 -> prepare(k++, op("tanh", next), new INDArray[] {next}, next, null, null);
                    case 3 -> prepare(k++, op("sigmoid", next), new INDArray[] {next}, next, null, null);
                    case 4 -> prepare(k++, op("softmax", next), new INDArray[] {next}, next, null, new long[] {1});
                    default -> { }
                }
                cur = next;
            }
            inputBuf = input.data().asNioFloat();
            outputBuf = cur.data().asNioFloat();
        }
    }

    private static DynamicCustomOp op(String name, INDArray inPlace) {
        return DynamicCustomOp.builder(name).addInputs(inPlace).addOutputs(inPlace).build();
    }

    private void prepare(int k, CustomOp op, INDArray[] in, INDArray out, double[] t, long[] i) {
        OpContext c = exec.buildContext();
        c.setInputArrays(in);
        c.setOutputArrays(out);
        if (t != null) c.setTArguments(t);
        if (i != null) c.setIArguments(i);
        ops[k] = op;
        contexts[k] = c;
    }

    /** One sample from {@code x[xOff..]} to {@code y[yOff..]}. */
    void forward(float[] x, int xOff, float[] y, int yOff) {
        inputBuf.put(0, x, xOff, nIn);
        for (int k = 0; k < ops.length; k++) exec.exec(ops[k], contexts[k]);
        outputBuf.get(0, y, yOff, nOut);
    }
}
