package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** Bundle round trip, checksum, shape checks, deterministic training and the inference engines agreeing. */
class ModelBundleTest {
    private static ModelBundle trained(long seed) {
        Dataset d = new Dataset(3, 1);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        for (int i = 0; i < 600; i++) {
            float a = (float) r.nextDouble(-2, 2), b = (float) r.nextDouble(-2, 2), c = (float) r.nextDouble(0, 10);
            d.add(new float[] {a, b, c}, new float[] {3 * a - b * b + 0.5f * c});
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(seed, 20, 16, 16);
        MlpTrainer.Result res = MlpTrainer.train(d, spec);
        return MlpTrainer.bundle(res, "toy", "1", List.of("a", "b", "c"), List.of("y"), spec, "t1", Map.of("mse", 0.1), Map.of());
    }

    @Test
    void roundTripIsDeterministicAndPredictsTheSame() throws Exception {
        ModelBundle b = trained(5);
        byte[] bytes = b.toBytes();
        assertArrayEquals(bytes, trained(5).toBytes(), "same seed and data: same bundle bytes");
        ModelBundle loaded = ModelBundle.fromBytes(bytes);
        assertEquals(List.of("a", "b", "c"), loaded.metadata().inputFeatures());
        assertEquals(64, loaded.metadata().sha256().length());
        float[] x = {1, -0.5f, 4};
        float[] y1 = new float[1];
        float[] y2 = new float[1];
        new Predictor(b).predict(x, y1);
        new Predictor(loaded).predict(x, y2);
        assertEquals(y1[0], y2[0], 1e-5);
        assertEquals(3 * 1 - 0.25 + 2, y1[0], 1.0, "learnt the function roughly");
    }

    @Test
    void enginesAgree() {
        ModelBundle b = trained(6);
        Predictor def = new Predictor(b, Predictor.Engine.DL4J_DEFAULT);
        Predictor ws = new Predictor(b, Predictor.Engine.DL4J_WORKSPACE);
        Predictor k = new Predictor(b, Predictor.Engine.DENSE_KERNEL);
        Predictor ops = new Predictor(b, Predictor.Engine.ND4J_PREPARED_OPS);
        assertTrue(k.hasKernel());
        float[] x = new float[3 * 50];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-2, 5);
        float[] a = new float[50];
        float[] c = new float[50];
        float[] e = new float[50];
        float[] o = new float[50];
        def.predictBatch(x, 50, a);
        ws.predictBatch(x, 50, c);
        k.predictBatch(x, 50, e);
        ops.predictBatch(x, 50, o);
        for (int i = 0; i < 50; i++) {
            assertEquals(a[i], c[i], 1e-4);
            assertEquals(a[i], e[i], 1e-3);
            assertEquals(a[i], o[i], 1e-3);
        }
    }

    @Test
    void preparedNativeOpsRunTanhSigmoidAndSoftmaxLikeDl4j() {
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork net = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder().seed(3)
                        .dataType(org.nd4j.linalg.api.buffer.DataType.FLOAT).list()
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(5).nOut(7)
                                .activation(org.nd4j.linalg.activations.Activation.TANH).build())
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(7).nOut(6)
                                .activation(org.nd4j.linalg.activations.Activation.SIGMOID).build())
                        .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(6).nOut(6)
                                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build())
                        .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                                .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                        .build());
        net.init();
        Normalizer id = Normalizer.identity(5);
        ModelBundle b = ModelBundle.of(net, new ModelMetadata("acts", "1", List.of("a", "b", "c", "d", "e"),
                List.of("x", "y", "z"), ModelMetadata.CLASSIFICATION, id.mean(), id.std(), null, null, 1, "t", Map.of(), Map.of(),
                null));
        Predictor def = new Predictor(b, Predictor.Engine.DL4J_DEFAULT);
        Predictor ops = new Predictor(b, Predictor.Engine.ND4J_PREPARED_OPS);
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        float[] x = new float[5];
        float[] want = new float[3];
        float[] got = new float[3];
        for (int n = 0; n < 20; n++) {
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextDouble(-3, 3);
            def.predict(x, want);
            ops.predict(x, got);
            assertArrayEquals(want, got, 1e-5f);
            assertEquals(1.0, got[0] + got[1] + got[2], 1e-5, "softmax");
        }
    }

    @Test
    void tamperedOrForeignBundlesAreRefused() throws Exception {
        byte[] bytes = trained(7).toBytes();
        // Flip a byte of network.zip inside the bundle: checksum mismatch.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes)); ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry en;
            while ((en = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (en.getName().equals(ModelBundle.NETWORK)) data[data.length / 2] ^= 1;
                z.putNextEntry(new ZipEntry(en.getName()));
                z.write(data);
                z.closeEntry();
            }
        }
        IOException e = assertThrows(IOException.class, () -> ModelBundle.fromBytes(out.toByteArray()));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertThrows(IOException.class, () -> ModelBundle.fromBytes("garbage".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> ModelBundle.fromBytes(bytes).requireInputs(List.of("a", "b")));
    }
}
