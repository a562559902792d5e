package io.jric.xapps.power;

import io.jric.sim.SimConfig;
import io.jric.xapps.ml.Dataset;
import io.jric.xapps.ml.MlpTrainer;
import io.jric.xapps.ml.TrainOptions;
import java.nio.file.Files;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The model versions the gate tests compare, trained once per test JVM: {@link #good()} by the xApp's trainer on
 * the simulator (1 recording of 1.5 simulated minutes, 8 epochs, seed 3: the same small model as
 * {@code PowerControlXappTest}); {@link #shuffled(long)} on the same kind of data with the outcomes shuffled across
 * rows, so that it learned nothing true about them (the deliberately bad version of issue #15).
 */
final class GateModels {
    private static byte[] good;
    private static Dataset shuffleData;
    private static final Map<Long, byte[]> SHUFFLED = new java.util.HashMap<>();

    private static java.util.List<PowerExperience.Row> weakExperience;

    private GateModels() {}

    /**
     * The experience the gate and retraining tests put in the RIC: 240 s of the simulator (seed 5, 2 gNBs x 3 cells,
     * 60 UEs) with power-control serving {@code shuffled(1)} and exploring at 0.3 (exploration seed 1).
     */
    static synchronized java.util.List<PowerExperience.Row> weakExperience() throws Exception {
        if (weakExperience == null) {
            weakExperience = PowerExperience.record(SimConfig.builder().seed(5).gnbs(2).ues(60).build(), shuffled(1),
                    "{\"explorationRate\":0.3}", 1, 240);
        }
        return weakExperience;
    }

    static synchronized byte[] good() throws Exception {
        cacheDir();
        if (good == null) good = Trainer.train(new TrainOptions(3, 2, 3, 15, SimConfig.builder().gnbs(2).ues(60).build())).toBytes();
        return good;
    }

    /** A model trained on simulator rows whose outcomes were permuted with {@code seed}. */
    static synchronized byte[] shuffled(long seed) throws Exception {
        cacheDir();
        if (shuffleData == null) shuffleData = Trainer.recordForTest(SimConfig.builder().gnbs(2).ues(60).seed(11).build(), 3, 11);
        byte[] b = SHUFFLED.get(seed);
        if (b != null) return b;
        Dataset d = shuffleData;
        float[][] x = d.features();
        float[][] y = d.labels();
        int[] perm = new int[x.length];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = perm.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Dataset s = new Dataset(d.inputs(), d.outputs());
        for (int i = 0; i < x.length; i++) s.add(x[i], y[perm[i]]);
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(seed, 8, 32, 32);
        MlpTrainer.Result r = MlpTrainer.train(s.shuffled(seed), spec);
        b = MlpTrainer.bundle(r, PowerModel.MODEL_NAME, "1", PowerModel.INPUT_FEATURES, PowerModel.OUTPUTS, spec,
                "shuffled-outcomes", Map.of(), Map.of()).toBytes();
        SHUFFLED.put(seed, b);
        return b;
    }

    private static void cacheDir() throws Exception {
        if (System.getProperty("jric.modelCache") == null) {
            System.setProperty("jric.modelCache", Files.createTempDirectory("power-gate-models").toString());
        }
    }
}
