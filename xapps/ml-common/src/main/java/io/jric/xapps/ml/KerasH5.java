package io.jric.xapps.ml;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras HDF5 ({@code .h5}) models, the A1-ML format {@code keras-h5}.
 *
 * <p><b>Import</b> ({@link #bundle}): a Keras Sequential model is read with DL4J's Keras model import
 * ({@code deeplearning4j-modelimport}) into a {@link MultiLayerNetwork}. A Keras file carries no
 * jRIC metadata, so the contract is: the network takes the model's input features <i>in raw units</i>
 * (no z-score; put any scaling into the first layer), in the order the descriptor declares, and gives
 * the xApp's outputs in their units (regression) or class probabilities (a softmax last layer makes
 * the model a classifier). The version is the one A1-ML gives.
 *
 * <p><b>Export</b> ({@link #export}): writes a jRIC bundle as a Keras 2 h5 file of Dense layers (the
 * layout Keras 2.2 writes: {@code model_config}, {@code keras_version} and {@code backend} attributes
 * at the root, weights under {@code model_weights/<layer>/<layer>/kernel:0|bias:0}), with the
 * bundle's input normalisation folded into the first layer and the output de-normalisation into the
 * last, so the file follows the import contract above: importing it again predicts what the bundle
 * predicts. {@code jric-ml export-keras} uses it, e.g. to move a model trained here to a Keras tool.
 */
public final class KerasH5 {
    /** The 8-byte signature every HDF5 file starts with. */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The Keras version written; DL4J reads this attribute into a 5-byte buffer, so it must be 5 characters. */
    private static final String KERAS_VERSION = "2.2.4";

    private KerasH5() {}

    /** Whether {@code bytes} start with the HDF5 signature. */
    public static boolean isHdf5(byte[] bytes) {
        if (bytes.length < SIGNATURE.length) return false;
        for (int i = 0; i < SIGNATURE.length; i++) if (bytes[i] != SIGNATURE[i]) return false;
        return true;
    }

    /**
     * Imports a Keras Sequential h5 model into a DL4J network.
     *
     * @throws IOException not HDF5, not a Keras Sequential model, or layers DL4J cannot import (the message says which)
     */
    public static MultiLayerNetwork importSequential(byte[] h5) throws IOException {
        if (!isHdf5(h5)) {
            throw new IOException("not an HDF5 file (expected: a Keras .h5 model, which starts with the HDF5 signature)");
        }
        Path tmp = Files.createTempFile("jric-keras-", ".h5");
        try {
            Files.write(tmp, h5);
            synchronized (KerasH5.class) {
                return KerasModelImport.importKerasSequentialModelAndWeights(tmp.toString(), false);
            }
        } catch (IOException e) {
            throw new IOException("Keras model: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IOException("Keras model: cannot import (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "; expected: a Keras Sequential model saved as .h5)", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A bundle from a Keras h5 model under the import contract (raw inputs, outputs in the xApp's units
     * or softmax class probabilities).
     *
     * @throws IOException the file does not import, or its input/output sizes do not match {@code inputs}/{@code outputs}
     */
    public static ModelBundle bundle(byte[] h5, String modelName, String version, List<String> inputs,
                                     List<String> outputs) throws IOException {
        MultiLayerNetwork net = importSequential(h5);
        Layer last = net.getLayer(net.getnLayers() - 1);
        boolean softmax = last.conf().getLayer() instanceof BaseLayer bl && bl.getActivationFn() instanceof ActivationSoftmax;
        float[] zeros = new float[inputs.size()];
        float[] ones = new float[inputs.size()];
        java.util.Arrays.fill(ones, 1);
        ModelMetadata md = new ModelMetadata(modelName, version, inputs, outputs,
                softmax ? ModelMetadata.CLASSIFICATION : ModelMetadata.REGRESSION, zeros, ones, null, null, 0, "keras-h5",
                Map.of(), Map.of("source", "keras-h5"), null);
        try {
            return ModelBundle.of(net, md);
        } catch (IllegalArgumentException e) {
            throw new IOException("Keras model: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code b} as a Keras 2 h5 file (normalisation folded in; see the class comment).
     *
     * @throws IllegalArgumentException a layer that is not dense, an activation Keras import would not map back,
     *                                  or a regression output behind a non-linear last activation (cannot fold)
     */
    public static byte[] export(ModelBundle b) throws IOException {
        MultiLayerNetwork net = b.network();
        ModelMetadata md = b.metadata();
        int n = net.getnLayers();
        List<float[][]> kernels = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        List<String> activations = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Layer l = net.getLayer(i);
            if (!(l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.DenseLayer)
                    && !(l.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
                throw new IllegalArgumentException("layer " + i + ": " + l.conf().getLayer().getClass().getSimpleName()
                        + " (expected: dense layers only)");
            }
            activations.add(kerasActivation(((BaseLayer) l.conf().getLayer()).getActivationFn(), i));
            INDArray w = l.getParam("W");
            INDArray bias = l.getParam("b");
            kernels.add(w.toFloatMatrix());
            biases.add(bias.reshape(bias.length()).toFloatVector());
        }
        // x_n = (x - m) / s  =>  x_n W + c = x (W / s) + (c - (m / s) W)
        Normalizer in = md.inputNormalizer();
        float[] m = in.mean();
        float[] s = in.std();
        float[][] w0 = kernels.get(0);
        float[] b0 = biases.get(0);
        for (int j = 0; j < b0.length; j++) {
            double shift = 0;
            for (int i = 0; i < w0.length; i++) {
                shift += m[i] / s[i] * w0[i][j];
            }
            b0[j] -= (float) shift;
        }
        for (int i = 0; i < w0.length; i++) {
            for (int j = 0; j < w0[i].length; j++) w0[i][j] /= s[i];
        }
        // y = y_n * s + m with a linear last layer  =>  W s, c s + m
        Normalizer out = md.outputNormalizer();
        if (out != null && ModelMetadata.REGRESSION.equals(md.task())) {
            if (!"linear".equals(activations.get(n - 1))) {
                throw new IllegalArgumentException("the last layer's activation is " + activations.get(n - 1)
                        + ": regression outputs can only be de-normalised into a linear last layer");
            }
            float[] om = out.mean();
            float[] os = out.std();
            float[][] wl = kernels.get(n - 1);
            float[] bl = biases.get(n - 1);
            for (int j = 0; j < bl.length; j++) {
                for (float[] row : wl) row[j] *= os[j];
                bl[j] = bl[j] * os[j] + om[j];
            }
        }
        return write(kernels, biases, activations, md.modelName());
    }

    private static String kerasActivation(IActivation a, int layer) {
        if (a instanceof ActivationIdentity) return "linear";
        if (a instanceof ActivationReLU r && r.getMax() == null && zero(r.getThreshold()) && zero(r.getNegativeSlope())) {
            return "relu";
        }
        if (a instanceof ActivationTanH) return "tanh";
        if (a instanceof ActivationSigmoid) return "sigmoid";
        if (a instanceof ActivationSoftmax) return "softmax";
        throw new IllegalArgumentException("layer " + layer + ": activation " + a + " (expected: identity, relu, tanh, sigmoid or softmax)");
    }

    private static boolean zero(Double d) {
        return d == null || d == 0.0;
    }

    private static byte[] write(List<float[][]> kernels, List<float[]> biases, List<String> activations, String modelName)
            throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < kernels.size(); i++) names.add("dense_" + (i + 1));
        ObjectNode root = JSON.createObjectNode();
        root.put("class_name", "Sequential");
        ObjectNode config = root.putObject("config");
        config.put("name", modelName);
        ArrayNode layers = config.putArray("layers");
        for (int i = 0; i < kernels.size(); i++) {
            ObjectNode layer = layers.addObject();
            layer.put("class_name", "Dense");
            ObjectNode c = layer.putObject("config");
            c.put("name", names.get(i)).put("trainable", true);
            if (i == 0) c.putArray("batch_input_shape").addNull().add(kernels.get(0).length);
            c.put("dtype", "float32").put("units", biases.get(i).length).put("activation", activations.get(i))
                    .put("use_bias", true);
            ObjectNode init = c.putObject("kernel_initializer");
            init.put("class_name", "VarianceScaling");
            init.putObject("config").put("scale", 1.0).put("mode", "fan_avg").put("distribution", "uniform").putNull("seed");
            ObjectNode binit = c.putObject("bias_initializer");
            binit.put("class_name", "Zeros");
            binit.putObject("config");
            for (String k : List.of("kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint",
                    "bias_constraint")) {
                c.putNull(k);
            }
        }
        root.put("keras_version", KERAS_VERSION).put("backend", "tensorflow");

        Path tmp = Files.createTempFile("jric-keras-", ".h5");
        try {
            synchronized (Hdf5Archive.LOCK_OBJECT) {
                H5File f = new H5File(tmp.toString(), hdf5.H5F_ACC_TRUNC());
                try {
                    stringAttribute(f, "keras_version", KERAS_VERSION);
                    stringAttribute(f, "backend", "tensorflow");
                    stringAttribute(f, "model_config", JSON.writeValueAsString(root));
                    Group weights = f.createGroup("model_weights");
                    stringArrayAttribute(weights, "layer_names", names);
                    stringAttribute(weights, "backend", "tensorflow");
                    stringAttribute(weights, "keras_version", KERAS_VERSION);
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get(i);
                        Group lg = weights.createGroup(name);
                        stringArrayAttribute(lg, "weight_names", List.of(name + "/kernel:0", name + "/bias:0"));
                        Group inner = lg.createGroup(name);
                        float[][] k = kernels.get(i);
                        float[] flat = new float[k.length * k[0].length];
                        for (int r = 0; r < k.length; r++) System.arraycopy(k[r], 0, flat, r * k[0].length, k[0].length);
                        floatDataSet(inner, "kernel:0", flat, k.length, k[0].length);
                        floatDataSet(inner, "bias:0", biases.get(i), biases.get(i).length);
                        inner.deallocate();
                        lg.deallocate();
                    }
                    weights.deallocate();
                } finally {
                    f.deallocate();
                }
            }
            return Files.readAllBytes(tmp);
        } catch (RuntimeException e) {
            throw new IOException("writing the h5 file failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A fixed-length string attribute, as h5py stores Python bytes (what Keras writes). */
    private static void stringAttribute(H5Object on, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StrType type = new StrType(PredType.C_S1(), bytes.length);
        DataSpace space = new DataSpace(hdf5.H5S_SCALAR);
        Attribute a = on.createAttribute(name, type, space);
        a.write(type, new BytePointer(bytes));
        a.deallocate();
        space.deallocate();
        type.deallocate();
    }

    /** An array of fixed-length, null-padded strings (h5py's numpy {@code S} arrays). */
    private static void stringArrayAttribute(H5Object on, String name, List<String> values) {
        int width = 1;
        for (String v : values) width = Math.max(width, v.getBytes(StandardCharsets.UTF_8).length);
        byte[] buf = new byte[width * values.size()];
        for (int i = 0; i < values.size(); i++) {
            byte[] v = values.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(v, 0, buf, i * width, v.length);
        }
        StrType type = new StrType(PredType.C_S1(), width);
        type.setStrpad(hdf5.H5T_STR_NULLPAD);
        DataSpace space = new DataSpace(1, new long[] {values.size()});
        Attribute a = on.createAttribute(name, type, space);
        a.write(type, new BytePointer(buf));
        a.deallocate();
        space.deallocate();
        type.deallocate();
    }

    private static void floatDataSet(Group g, String name, float[] values, long... dims) {
        DataSpace space = new DataSpace(dims.length, dims);
        DataSet ds = g.createDataSet(name, PredType.NATIVE_FLOAT(), space);
        ds.write(new FloatPointer(values), PredType.NATIVE_FLOAT());
        ds.deallocate();
        space.deallocate();
    }
}
