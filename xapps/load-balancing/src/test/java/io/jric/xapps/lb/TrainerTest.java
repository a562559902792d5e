package io.jric.xapps.lb;

import io.jric.xapps.ml.TrainOptions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import org.junit.jupiter.api.Test;

/** The trainer's model loads back from its bundle bytes and beats the trivial predictors on held-out data. */
class TrainerTest {
    /** A small, quick model (shared by the tests of this module). */
    static synchronized ModelBundle small() throws Exception {
        if (small == null) small = Trainer.train(new TrainOptions(5, 2, 5, 25, SimConfig.defaults()));
        return small;
    }

    private static ModelBundle small;

    @Test
    void trainedModelLoadsAndBeatsTrivialPredictorsOnHeldOutData() throws Exception {
        ModelBundle b = small();
        ModelBundle loaded = ModelBundle.fromBytes(b.toBytes());
        assertEquals(LbModel.INPUT_FEATURES, loaded.metadata().inputFeatures());
        assertEquals(LbModel.OUTPUTS, loaded.metadata().outputs());
        float[] x = new float[LbModel.INPUT_FEATURES.size()];
        for (int i = 0; i < x.length; i++) x[i] = 3 * i;
        float[] y1 = new float[2];
        float[] y2 = new float[2];
        new Predictor(b).predict(x, y1);
        new Predictor(loaded).predict(x, y2);
        assertArrayEquals(y1, y2, 1e-4f);
        var v = loaded.metadata().validation();
        assertTrue(v.get("validationRows") > 500, v.toString());
        assertTrue(v.get("nextPrbUsedDlPct.mse") < v.get("nextPrbUsedDlPct.trivialMse"), v.toString());
        assertTrue(v.get("nextPrbUsedDlPct.mse") < v.get("nextPrbUsedDlPct.persistenceMse"), v.toString());
        assertTrue(v.get("nextRlfCount.mse") < v.get("nextRlfCount.trivialMse"), v.toString());
    }

    @Test
    void recordingIsDeterministic() {
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(3).gnbs(3).ues(60).build();
        var a = Trainer.record(cfg, 1, 9);
        var b = Trainer.record(cfg, 1, 9);
        assertEquals(a.size(), b.size());
        assertTrue(a.size() > 0);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.features()[i], b.features()[i]);
            assertArrayEquals(a.labels()[i], b.labels()[i]);
        }
    }
}
