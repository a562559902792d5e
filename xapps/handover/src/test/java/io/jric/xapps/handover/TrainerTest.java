package io.jric.xapps.handover;

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
    /** A small, quick model, trained on the network as the xApp runs it (shared by the tests of this module). */
    static synchronized ModelBundle small() throws Exception {
        if (small == null) {
            small = Trainer.train(new TrainOptions(5, 1, 2.5, 6, Trainer.leadConfig(SimConfig.defaults().toBuilder().ues(200).build())));
        }
        return small;
    }

    private static ModelBundle small;

    @Test
    void trainedModelLoadsAndBeatsTrivialPredictorsOnHeldOutData() throws Exception {
        ModelBundle b = small();
        ModelBundle loaded = ModelBundle.fromBytes(b.toBytes());
        assertEquals(HandoverModel.INPUT_FEATURES, loaded.metadata().inputFeatures());
        assertEquals(HandoverModel.OUTPUTS, loaded.metadata().outputs());
        // the loaded network computes what the trained one does
        float[] x = new float[HandoverModel.INPUT_FEATURES.size()];
        for (int i = 0; i < x.length; i++) x[i] = i - 3;
        float[] y1 = new float[2];
        float[] y2 = new float[2];
        new Predictor(b).predict(x, y1);
        new Predictor(loaded).predict(x, y2);
        assertArrayEquals(y1, y2, 1e-5f);
        // held-out figures the trainer measured (a simulation it did not train on)
        var v = loaded.metadata().validation();
        assertTrue(v.get("validationRows") > 1000, v.toString());
        assertTrue(v.get("futureSinrGainDb.mse") < 0.8 * v.get("futureSinrGainDb.trivialMse"), v.toString());
        assertTrue(v.get("futureSinrGainDb.mse") < 0.8 * v.get("futureSinrGainDb.persistenceMse"), v.toString());
        assertTrue(v.get("pingPongRiskDelta.mse") < 0.8 * v.get("pingPongRiskDelta.trivialMse"), v.toString());
    }

    @Test
    void recordingIsDeterministic() {
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(3).gnbs(3).ues(60).build();
        var a = Trainer.record(cfg, 0.5);
        var b = Trainer.record(cfg, 0.5);
        assertEquals(a.size(), b.size());
        assertTrue(a.size() > 0);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.features()[i], b.features()[i]);
            assertArrayEquals(a.labels()[i], b.labels()[i]);
        }
    }
}
