package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Keras h5 through DL4J's Keras import: a network with weights set by hand gives the outputs computed
 * by hand; trained bundles exported to h5 (normalisation folded in) import to the same predictions;
 * files that are not HDF5, truncated, or of the wrong shape are refused with a message naming why.
 */
class KerasH5Test {
    private static final List<String> IN = List.of("a", "b", "c");

    /** 3 -> 2 (relu) -> 1 (identity) with known weights; identity normalisation. */
    private static ModelBundle handMade() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(2).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1).activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new float[][] {{1, -1}, {2, 0.5f}, {0, 3}}));
        net.getLayer(0).setParam("b", Nd4j.createFromArray(new float[][] {{0.5f, -1}}));
        net.getLayer(1).setParam("W", Nd4j.createFromArray(new float[][] {{2}, {-3}}));
        net.getLayer(1).setParam("b", Nd4j.createFromArray(new float[][] {{0.25f}}));
        ModelMetadata md = new ModelMetadata("toy", "1", IN, List.of("y"), ModelMetadata.REGRESSION,
                new float[3], new float[] {1, 1, 1}, null, null, 0, "t", Map.of(), Map.of(), null);
        return ModelBundle.of(net, md);
    }

    private static float byHand(float a, float b, float c) {
        float h0 = Math.max(0, 1 * a + 2 * b + 0 * c + 0.5f);
        float h1 = Math.max(0, -1 * a + 0.5f * b + 3 * c - 1);
        return 2 * h0 - 3 * h1 + 0.25f;
    }

    @Test
    void handSetWeightsSurviveExportAndImport() throws Exception {
        byte[] h5 = KerasH5.export(handMade());
        assertTrue(KerasH5.isHdf5(h5), "an HDF5 file");
        ModelBundle k = KerasH5.bundle(h5, "toy", "7", IN, List.of("y"));
        assertEquals("7", k.metadata().version());
        assertEquals(ModelMetadata.REGRESSION, k.metadata().task());
        for (Predictor.Engine e : List.of(Predictor.Engine.DL4J_DEFAULT, Predictor.Engine.DENSE_KERNEL)) {
            Predictor p = new Predictor(k, e);
            float[] y = new float[1];
            for (float[] x : new float[][] {{1, 2, 3}, {-1, 0.5f, 0}, {0, 0, 0}, {3, -2, 1}}) {
                p.predict(x, y);
                assertEquals(byHand(x[0], x[1], x[2]), y[0], 1e-5, e + " at " + Arrays.toString(x));
            }
        }
    }

    @Test
    void aTrainedRegressionBundlePredictsTheSameAfterTheRoundTrip() throws Exception {
        Dataset d = new Dataset(3, 1);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 600; i++) {
            // inputs far from zero mean / unit spread, so the folding of the normalisation matters
            float a = (float) r.nextDouble(40, 60), b = (float) r.nextDouble(-200, 0), c = (float) r.nextDouble(0, 1);
            d.add(new float[] {a, b, c}, new float[] {a * 3 + b * 0.1f + 50 * c * c + 1000});
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(3, 10, 16, 8);
        ModelBundle b = MlpTrainer.bundle(MlpTrainer.train(d, spec), "toy", "1", IN, List.of("y"), spec, "t", Map.of(), Map.of());
        ModelBundle k = KerasH5.bundle(KerasH5.export(b), "toy", "2", IN, List.of("y"));
        assertAgree(new Predictor(b), new Predictor(k), 3, 1, 2e-4);
    }

    @Test
    void aSoftmaxClassifierImportsAsAClassifier() throws Exception {
        Dataset d = new Dataset(3, 3);
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 600; i++) {
            float a = (float) r.nextDouble(0, 100), b = (float) r.nextDouble(-5, 5), c = (float) r.nextDouble(0, 1);
            int cls = a > 66 ? 2 : a > 33 ? 1 : 0;
            float[] y = new float[3];
            y[cls] = 1;
            d.add(new float[] {a, b, c}, y);
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.classification(4, 10, null, 8);
        ModelBundle b = MlpTrainer.bundle(MlpTrainer.train(d, spec), "cls", "1", IN, List.of("low", "mid", "high"), spec, "t",
                Map.of(), Map.of());
        ModelBundle k = KerasH5.bundle(KerasH5.export(b), "cls", "2", IN, List.of("low", "mid", "high"));
        assertEquals(ModelMetadata.CLASSIFICATION, k.metadata().task());
        assertAgree(new Predictor(b), new Predictor(k), 3, 3, 1e-4);
    }

    private static void assertAgree(Predictor expected, Predictor actual, int nIn, int nOut, double tolerance) {
        SplittableRandom r = new SplittableRandom(9);
        float[] x = new float[nIn];
        float[] y1 = new float[nOut];
        float[] y2 = new float[nOut];
        for (int i = 0; i < 200; i++) {
            x[0] = (float) r.nextDouble(30, 70);
            x[1] = (float) r.nextDouble(-210, 10);
            x[2] = (float) r.nextDouble(0, 1);
            expected.predict(x, y1);
            actual.predict(x, y2);
            for (int j = 0; j < nOut; j++) {
                double scale = Math.max(1, Math.abs(y1[j]));
                assertEquals(y1[j], y2[j], tolerance * scale, "output " + j + " at " + Arrays.toString(x));
            }
        }
    }

    @Test
    void badFilesAreRefusedWithTheReason() throws Exception {
        IOException notHdf5 = assertThrows(IOException.class,
                () -> KerasH5.bundle("PK\u0003\u0004 a zip".getBytes(), "toy", "1", IN, List.of("y")));
        assertTrue(notHdf5.getMessage().contains("not an HDF5 file"), notHdf5.getMessage());

        byte[] h5 = KerasH5.export(handMade());
        IOException truncated = assertThrows(IOException.class,
                () -> KerasH5.bundle(Arrays.copyOf(h5, h5.length / 3), "toy", "1", IN, List.of("y")));
        assertTrue(truncated.getMessage().startsWith("Keras model"), truncated.getMessage());

        IOException inputs = assertThrows(IOException.class,
                () -> KerasH5.bundle(h5, "toy", "1", List.of("a", "b"), List.of("y")));
        assertTrue(inputs.getMessage().contains("takes 3 inputs but the metadata names 2"), inputs.getMessage());
        IOException outputs = assertThrows(IOException.class,
                () -> KerasH5.bundle(h5, "toy", "1", IN, List.of("y", "z")));
        assertTrue(outputs.getMessage().contains("has 1 outputs but the metadata names 2"), outputs.getMessage());
        assertFalse(KerasH5.isHdf5(new byte[3]));
    }
}
