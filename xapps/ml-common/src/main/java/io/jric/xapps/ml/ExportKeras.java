package io.jric.xapps.ml;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code jric-ml export-keras <bundle.zip> <model.h5>}: writes a jRIC model bundle as a Keras h5 file
 * (see {@link KerasH5#export}) and checks that importing it again predicts what the bundle predicts.
 * The h5 file can be uploaded through A1-ML with {@code format=keras-h5}.
 */
public final class ExportKeras {
    private ExportKeras() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: jric-ml export-keras <bundle.zip> <model.h5>");
            System.exit(2);
        }
        ModelBundle b = ModelBundle.load(Path.of(args[0]));
        byte[] h5 = KerasH5.export(b);
        ModelMetadata md = b.metadata();
        ModelBundle back = KerasH5.bundle(h5, md.modelName(), md.version(), md.inputFeatures(), md.outputs());
        Predictor p1 = new Predictor(b);
        Predictor p2 = new Predictor(back);
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        float[] mean = md.inputNormalizer().mean();
        float[] std = md.inputNormalizer().std();
        float[] x = new float[mean.length];
        float[] y1 = new float[md.outputs().size()];
        float[] y2 = new float[md.outputs().size()];
        double worst = 0;
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < x.length; j++) x[j] = (float) (mean[j] + std[j] * r.nextGaussian());
            p1.predict(x, y1);
            p2.predict(x, y2);
            for (int j = 0; j < y1.length; j++) worst = Math.max(worst, Math.abs(y1[j] - y2[j]) / Math.max(1, Math.abs(y1[j])));
        }
        Files.write(Path.of(args[1]), h5);
        System.out.printf("wrote %s (%d bytes, Keras %s model %s v%s, %d inputs in raw units: %s); "
                        + "re-imported: max relative difference %.2e over 1000 samples%n", args[1], h5.length,
                md.task(), md.modelName(), md.version(), md.inputFeatures().size(), md.inputFeatures(), worst);
    }
}
