package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.api.xapp.ModelListener;
import io.jric.api.xapp.TrainedModel;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Federated retraining of {@code lb-mlp} (issue #15, item 8; {@link LbFederatedTrainer}) without a grid: the rows of
 * one simulated run ({@link LbRows}, seed 42, as {@link LbScoreRetrainTest}) split into two "grid nodes" by E2 node, a
 * third of them held out; the local step and the RIC's weighted average (FedAvg, as {@code FederatedRetraining.average})
 * done here. The local step is deterministic for its arguments and the rows in any order, starts from the given
 * parameters and refuses parameters of another length; rounds of local steps and averages, from a parent trained on
 * shuffled outcomes, give a version with the parent's normalisation that predicts the held-out cells' load better.
 * Bounded: one run of 4 simulated minutes of the default network, 5 rounds x 20 epochs over a few hundred cells.
 */
class LbFederatedTest {
    private static ModelBundle parent;
    private static List<ExperienceSample> nodeA;
    private static List<ExperienceSample> nodeB;
    private static List<ExperienceSample> heldOut;

    @BeforeAll
    static void rows() throws Exception {
        ModelBundle good = TrainerTest.small();
        List<ExperienceSample> rows = new ArrayList<>(LbRows.run(SimConfig.defaults().toBuilder().seed(42).build(), 240, good.toBytes(),
                LbScoreRetrainTest.EXPLORING, null, true).rows());
        parent = ModelBundle.fromBytes(LbExperienceTrainer.train(good, LbRows.shuffledOutcomes(rows, 1), 1).content());
        rows.sort(Comparator.comparingLong(ExperienceSample::timeMs).thenComparing(ExperienceSample::cellId));
        String first = rows.stream().map(ExperienceSample::nodeId).sorted().findFirst().orElseThrow();
        nodeA = new ArrayList<>();
        nodeB = new ArrayList<>();
        heldOut = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ExperienceSample r = rows.get(i);
            if (i % 3 == 0) heldOut.add(r);
            else (r.nodeId().equals(first) ? nodeA : nodeB).add(r);
        }
        System.out.printf(Locale.ROOT, "rows: %d on node A (%s), %d on node B, %d held out%n", nodeA.size(), first, nodeB.size(), heldOut.size());
        assertTrue(nodeA.size() >= 20 && nodeB.size() >= 20 && heldOut.size() >= 40, nodeA.size() + " / " + nodeB.size() + " / " + heldOut.size());
    }

    @Test
    void theLocalStepIsDeterministicStartsFromTheGivenParametersAndRefusesOthers() {
        LocalUpdate u = LbFederatedTrainer.trainLocal(parent, null, nodeA, 7, 1, 3);
        List<ExperienceSample> reversed = new ArrayList<>(nodeA);
        java.util.Collections.reverse(reversed);
        assertArrayEquals(u.params(), LbFederatedTrainer.trainLocal(parent, null, reversed, 7, 1, 3).params(), "rows in any order");
        assertEquals(parent.network().numParams(), u.size(), "the parent's architecture");
        assertTrue(u.rows() > nodeA.size() && u.rows() <= 2L * nodeA.size(), "two cells per row: " + u.rows());
        assertTrue(u.figures().containsKey("nextPrbUsedDlPct.trainMse"), u.figures().toString());
        float[] start = parent.network().params().dup().toFloatVector();
        assertTrue(!java.util.Arrays.equals(start, u.params()), "trained");
        // From given parameters: a node with no rows answers them unchanged and with weight 0.
        LocalUpdate none = LbFederatedTrainer.trainLocal(parent, u.params(), List.of(), 7, 2, 3);
        assertEquals(0, none.rows());
        assertArrayEquals(u.params(), none.params());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LbFederatedTrainer.trainLocal(parent, new float[5], nodeA, 7, 2, 3)).getMessage().contains("params: 5 values"));
    }

    /** The RIC's combination: parameters averaged weighted by each node's rows (FedAvg). */
    private static float[] average(List<LocalUpdate> updates) {
        double[] sum = new double[updates.get(0).size()];
        long total = 0;
        for (LocalUpdate u : updates) {
            float[] p = u.params();
            for (int i = 0; i < p.length; i++) sum[i] += (double) p[i] * u.rows();
            total += u.rows();
        }
        float[] out = new float[sum.length];
        for (int i = 0; i < out.length; i++) out[i] = (float) (sum[i] / total);
        return out;
    }

    private static float[] rounds(int rounds, int epochs, long seed, long[] usable) {
        float[] global = null;
        for (int round = 1; round <= rounds; round++) {
            LocalUpdate a = LbFederatedTrainer.trainLocal(parent, global, nodeA, seed, round, epochs);
            LocalUpdate b = LbFederatedTrainer.trainLocal(parent, global, nodeB, seed, round, epochs);
            usable[0] = a.rows() + b.rows();
            global = average(List.of(a, b));
        }
        return global;
    }

    @Test
    void roundsOfLocalStepsAndAveragesGiveABetterVersionWithTheParentsNormalisation() throws Exception {
        long[] usable = {0};
        float[] params = rounds(5, 20, 7, usable);
        assertArrayEquals(params, rounds(5, 20, 7, new long[1]), "deterministic");
        TrainedModel m = LbFederatedTrainer.model(parent, params, Map.of("nextPrbUsedDlPct.trainMse", 1.0, "skipped", 0.0),
                Map.of("usable", usable[0]), 7);
        ModelBundle fed = ModelBundle.fromBytes(m.content());
        assertEquals(LbFederatedTrainer.TRAINER, m.trainer());
        assertEquals(parent.metadata().version(), m.hyperparameters().get("parentVersion"));
        assertArrayEquals(parent.metadata().inputMean(), fed.metadata().inputMean(), "the parent's normalisation");
        assertArrayEquals(parent.metadata().inputStd(), fed.metadata().inputStd());
        assertEquals(LbModel.INPUT_FEATURES, fed.metadata().inputFeatures());
        assertTrue(!m.validation().containsKey("skipped"), m.validation().toString());

        Map<String, Double> p = LbScore.score(new Predictor(parent), heldOut);
        Map<String, Double> f = LbScore.score(new Predictor(fed), heldOut);
        System.out.printf(Locale.ROOT, "held-out %d rows (%.0f cells): loadMaePct federated %.2f (bias %+.2f, rlfMae %.3f) vs shuffled parent %.2f "
                        + "(bias %+.2f, rlfMae %.3f); persistence %.2f; trained on %d cells%n", heldOut.size(), f.get("rows"),
                f.get("loadMaePct"), f.get("loadBiasPct"), f.get("rlfMae"), p.get("loadMaePct"), p.get("loadBiasPct"), p.get("rlfMae"),
                p.get("persistenceLoadMaePct"), usable[0]);
        assertEquals(0.0, f.get(ModelListener.INVALID_OUTPUTS), f.toString());
        assertTrue(f.get("loadMaePct") <= 0.9 * p.get("loadMaePct"), "federated " + f + " vs parent " + p);

        assertTrue(assertThrows(IllegalArgumentException.class, () -> LbFederatedTrainer.model(parent, params, Map.of(),
                Map.of("usable", 49L), 7)).getMessage().contains("rows: 49 usable cells over all grid nodes"));
    }
}
