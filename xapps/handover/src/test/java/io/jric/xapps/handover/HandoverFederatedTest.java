package io.jric.xapps.handover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.LocalUpdate;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The handover xApp's federated local step and version (docs/ml-lifecycle.md, section 14) without a RIC: two "nodes"
 * each hold their own rows; every round each fine-tunes the averaged parameters on its rows only (the RIC's FedAvg,
 * weighted by row count, done here as the RIC does it); the step is deterministic; the averaged version predicts the
 * observed SINR gain of held-out rows better than the parent it started from; too few rows over all nodes are refused.
 * The rows are synthetic: the observed gain is the neighbour's SINR advantage the UE reported, a world the small
 * offline model (trained on the simulator's A3-based labels) only approximates.
 */
class HandoverFederatedTest {
    private static List<ExperienceSample> rows(long seed, int n) {
        Random r = new Random(seed);
        List<ExperienceSample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Double> f = new HashMap<>();
            double sinr = -5 + 25 * r.nextDouble();
            double delta = -8 + 14 * r.nextDouble();
            f.put("servingRsrpDbm", -110 + 30 * r.nextDouble());
            f.put("servingSinrDb", sinr);
            f.put("nbrRsrpDeltaDb", -6 + 9 * r.nextDouble());
            f.put("nbrSinrDeltaDb", delta);
            f.put("nbrRsrpDeltaTrendDb", r.nextGaussian());
            f.put("servingSinrTrendDb", r.nextGaussian());
            f.put("servingRsrpChangeAbsDb", Math.abs(r.nextGaussian()));
            f.put("servingPrbLoadPct", 100 * r.nextDouble());
            f.put("nbrPrbLoadPct", 100 * r.nextDouble());
            f.put("ueThroughputDlMbps", 20 * r.nextDouble());
            f.put("timeOnServingCellS", 10 * r.nextDouble());
            f.put("nbrRank", (double) r.nextInt(3));
            f.put("nbrIsPreviousCell", r.nextInt(5) == 0 ? 1.0 : 0.0);
            Map<String, Double> outcome = Map.of("ue.sinrDb", sinr, "ue.targetSinrDb", sinr + delta + 0.5 * r.nextGaussian(),
                    "ue.targetReports", 8.0, "ue.cellSinrDb", sinr, "ue.cellReports", 8.0);
            out.add(new ExperienceSample("gnb:00f110:1/22", "00f110:000004001", 1_700_000_000_000L + 1000L * i, f,
                    Map.of("handover", 0.0, HandoverExperience.TARGET_NCI, (double) 0x4002), outcome, 8));
        }
        return out;
    }

    private static float[] average(LocalUpdate a, LocalUpdate b) {
        float[] out = new float[a.params().length];
        double wa = a.rows() / (double) (a.rows() + b.rows());
        for (int i = 0; i < out.length; i++) out[i] = (float) (wa * a.params()[i] + (1 - wa) * b.params()[i]);
        return out;
    }

    @Test
    void twoNodesRowsMakeOneVersionThatBeatsItsParentWithoutSharingRows() throws Exception {
        ModelBundle parent = TrainerTest.small();
        List<ExperienceSample> nodeA = rows(1, 300);
        List<ExperienceSample> nodeB = rows(2, 500);
        List<ExperienceSample> heldOut = rows(3, 300);

        LocalUpdate a1 = HandoverFederated.trainLocal(parent, null, nodeA, 7, 1, 5);
        assertArrayEquals(a1.params(), HandoverFederated.trainLocal(parent, null, nodeA, 7, 1, 5).params(), "deterministic");
        assertEquals(300, a1.rows());
        float[] global = null;
        LocalUpdate a = a1, b = null;
        for (int round = 1; round <= 3; round++) {
            a = round == 1 ? a1 : HandoverFederated.trainLocal(parent, global, nodeA, 7, round, 5);
            b = HandoverFederated.trainLocal(parent, global, nodeB, 7, round, 5);
            global = average(a, b);
        }
        Map<String, Double> validation = new HashMap<>(a.figures());
        var version = HandoverFederated.model(parent, global, validation, Map.of("usable", 800L), 7);
        ModelBundle v2 = ModelBundle.fromBytes(version.content());
        assertEquals(parent.metadata().inputFeatures(), v2.metadata().inputFeatures());
        double before = HandoverExperience.score(new Predictor(parent), heldOut).get("sinrGainMaeDb");
        double after = HandoverExperience.score(new Predictor(v2), heldOut).get("sinrGainMaeDb");
        System.out.printf("handover federated: sinrGainMaeDb on held-out rows %.3f (parent) -> %.3f (two nodes, 3 rounds)%n", before, after);
        assertTrue(after < 0.8 * before, after + " vs the parent's " + before);
        assertEquals(HandoverFederated.TRAINER, version.trainer());

        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> HandoverFederated.model(parent, new float[0], Map.of(), Map.of("usable", 12L), 7));
        assertTrue(few.getMessage().startsWith("rows: 12 labelled experience rows over all grid nodes"), few.getMessage());
    }
}
