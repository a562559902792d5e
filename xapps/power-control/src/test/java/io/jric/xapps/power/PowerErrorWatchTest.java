package io.jric.xapps.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.ModelMetadata;
import io.jric.xapps.ml.Predictor;
import io.jric.xapps.ml.SimHost;
import io.jric.xapps.ml.SimRun;
import io.jric.xapps.ml.TrainOptions;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Power control's prediction-error drift watch on unchanged traffic (docs/ml-lifecycle.md, section 9): the small model
 * of the drift test (its trainer, 1.5 simulated minutes of 3 gNBs x 90 UEs at 2 Mbit/s without the demand swing, 3
 * epochs) serves the same network on another seed, with the cells held at 43 dBm (the drift test's policy) and with the
 * default policy. Judged against the validation error at the level each cell runs at (the bundle's
 * {@code cellPowerW.mse.dbm<bin>}, validated at the configured demand), the rolling error stays well under the error
 * factor and no {@code error} finding is raised; the error against the single overall validation MSE, as the watch
 * judged before (validated at 0.6x the demand), is printed for comparison.
 */
class PowerErrorWatchTest {
    static final SimConfig TRAINING = SimConfig.builder().gnbs(3).ues(90).trafficSwing(0).trafficMeanMbps(2).build();
    static final List<String> POLICIES = List.of("{\"minTxPowerDbm\":43,\"maxTxPowerDbm\":43}", "{}");
    private static ModelBundle model;
    private static double mseAt06;

    @BeforeAll
    static void train() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("power-error-models").toString());
        model = Trainer.train(new TrainOptions(3, 1, 1.5, 3, TRAINING));
        // What the bundle's validation MSE was before: validated at 0.6x the demand, one figure for every level.
        TrainOptions o = new TrainOptions(3, 1, 1.5, 3, TRAINING);
        Dataset at06 = Trainer.record(Trainer.recordingConfig(o, 1000), o.minutes(), o.seed() * 31 + 1000);
        mseAt06 = io.jric.xapps.ml.MlpTrainer.mse(new Predictor(model), at06)[PowerModel.OUTPUTS.indexOf("cellPowerW")];
    }

    @Test
    void unchangedTrafficRaisesNoErrorFinding() throws Exception {
        Map<String, Double> v = model.metadata().validation();
        System.out.println("validation: " + v + "; overall MSE at 0.6x demand " + mseAt06);
        // 1.5 simulated minutes draw a few levels only: bins with too few rows are left out (the overall MSE stands in).
        assertTrue(v.containsKey(Trainer.levelKey(43)), "the MSE of the 40-46 dBm bin in the bundle: " + v);
        for (String policy : POLICIES) {
            Map<String, Long> m = serve(model, policy);
            double calibrated = m.getOrDefault("drift.error.cellPowerW.ratio", -1000L) / 1000.0;
            double overall = serve(withValidation(model, Map.of("cellPowerW.mse", v.get("cellPowerW.mse"))), policy)
                    .getOrDefault("drift.error.cellPowerW.ratio", -1000L) / 1000.0;
            double before = serve(withValidation(model, Map.of("cellPowerW.mse", mseAt06)), policy)
                    .getOrDefault("drift.error.cellPowerW.ratio", -1000L) / 1000.0;
            System.out.printf(Locale.ROOT, "policy %s: rolling error / validation error %.2f per level, %.2f overall (1x demand), "
                    + "%.2f overall at 0.6x demand (the watch before)%n", policy, calibrated, overall, before);
            assertTrue(calibrated >= 0 && calibrated < 2.0, "unchanged traffic: the error ratio stays under half the factor of 4: " + m);
            assertEquals(0L, m.getOrDefault("drift.findings", 0L), "no finding: " + m);
            assertEquals(0L, m.getOrDefault("drift.errorDrifting", 0L), "no error drift: " + m);
        }
    }

    /** Runs the xApp with {@code b} on unchanged traffic; its metrics once two full windows were judged. */
    private static Map<String, Long> serve(ModelBundle b, String policy) throws Exception {
        SimRun run = new SimRun(TRAINING.toBuilder().seed(5).build(), 1000);
        try (SimHost host = new SimHost(run, new PowerControlXapp(), "power-control",
                "{\"modelFile\":\"\",\"drift\":{\"windowSamples\":900,\"minSamples\":500,\"evaluateEveryMs\":100,\"psiThreshold\":100}}", 20, 46, false)) {
            host.deliverModel(new ModelEvent(PowerModel.MODEL_NAME, "1", "dl4j", PowerModel.INPUT_FEATURES, b.toBytes()));
            host.deliverPolicy(new PolicyEvent(PowerPolicy.TYPE, "t", policy, false));
            for (int k = 0; k < 200; k++) host.step();  // 1,800 outcomes: two windows (inputs not judged: psiThreshold 100)
            long e0 = host.metricValues().getOrDefault("drift.evaluations", 0L);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (host.metricValues().getOrDefault("drift.evaluations", 0L) < e0 + 2) {
                if (System.nanoTime() > deadline) throw new AssertionError("no drift evaluation in 30 s: " + host.metricValues());
                Thread.sleep(50);
            }
            return host.metricValues();
        }
    }

    private static ModelBundle withValidation(ModelBundle b, Map<String, Double> validation) {
        ModelMetadata m = b.metadata();
        return ModelBundle.of(b.network(), new ModelMetadata(m.modelName(), m.version(), m.inputFeatures(), m.outputs(), m.task(),
                m.inputMean(), m.inputStd(), m.outputMean(), m.outputStd(), m.trainingSeed(), m.trainerVersion(),
                new LinkedHashMap<>(validation), m.extra(), null));
    }
}
