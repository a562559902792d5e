package io.jric.xapps.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelListener;
import io.jric.api.xapp.TrainedModel;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.TrainOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The anomaly xApp's scorer ({@link AnomalyScore}) and label trainer ({@link LabelTrainer}) without a RIC
 * (docs/ml-lifecycle.md, "Anomaly detection learns from labels"): a deliberately weak model (1 simulation of 3
 * minutes, 3 epochs) replays two simulator recordings with faults (seeds 21 and 22, 3 gNBs x 3 cells, 90 UEs, 8
 * simulated minutes each) through the xApp's decision logic, which makes the experience rows the xApp records (an alarm's
 * row, a normal row per cell every 5 s); an operator's labels come from the simulator's ground truth. The rows of
 * seed 21 train, those of seed 22 judge.
 */
class AnomalyLabelsTest {
    private static final SimConfig NET = SimConfig.builder().gnbs(3).ues(90).build();
    private static ModelBundle weak;
    private static List<ExperienceSample> trainRows;
    private static List<ExperienceSample> heldOutRows;

    @BeforeAll
    static void weakModelAndRows() throws Exception {
        System.setProperty("jric.modelCache", Files.createTempDirectory("anomaly-labels").toString());
        weak = Trainer.train(new TrainOptions(3, 1, 3, 3, NET));
        AnomalyDetector.Model m = AnomalyDetector.Model.of(weak);
        trainRows = LabelledRows.rows(m, Trainer.recording(NET.toBuilder().seed(21).build(), 8), 5000);
        heldOutRows = LabelledRows.rows(m, Trainer.recording(NET.toBuilder().seed(22).build(), 8), 5000);
        System.out.println("training rows (seed 21): " + LabelledRows.describe(trainRows));
        System.out.println("held-out rows (seed 22): " + LabelledRows.describe(heldOutRows));
    }

    @Test
    void aRowCarriesTheModelsInputsWithin64FeaturesAndTheVersionThatRecordedItJudgesItAgain() throws Exception {
        List<ExperienceSample> alarms = new ArrayList<>();
        for (ExperienceSample r : trainRows) {
            assertTrue(r.features().size() <= 64, "at most 64 features: " + r.features().size());
            assertTrue(r.action().size() <= 64, "at most 64 action values: " + r.action().size());
            assertNotNull(AnomalyExperience.inputs(r), "the model's inputs rebuilt from the row");
            if (AnomalyExperience.verdict(r) > 0) alarms.add(r);
        }
        assertTrue(alarms.size() >= 10, "alarms raised: " + alarms.size());
        // The version that raised the alarms calls (nearly) every alarm row a fault again: the inputs are the ones it saw.
        Map<String, Double> m = AnomalyScore.score(AnomalyDetector.Model.of(weak), alarms);
        System.out.println("the recording version on its own alarm rows: " + m);
        assertEquals(alarms.size(), m.get("rows") + m.get("skippedUnlabelledAlarms"));
        assertTrue(m.get("labelledRecall") >= 0.95 || m.get("confirmed") == 0, m.toString());
        if (m.get("rejected") > 0) assertTrue(m.get("falseAlarmsPer1000Normal") >= 950, m.toString());
        assertEquals(0, m.get(ModelListener.INVALID_OUTPUTS));
    }

    @Test
    void theTruthOfARowAndWhatIsSkippedOrInvalid() {
        ExperienceSample alarm = trainRows.stream().filter(r -> AnomalyExperience.verdict(r) > 0).findFirst().orElseThrow();
        ExperienceSample normal = trainRows.stream().filter(r -> AnomalyExperience.verdict(r) == 0).findFirst().orElseThrow();
        assertEquals(AnomalyExperience.Truth.FAULT, AnomalyExperience.truth(LabelledRows.relabel(alarm, "confirmed")));
        assertEquals(AnomalyExperience.Truth.NORMAL, AnomalyExperience.truth(LabelledRows.relabel(alarm, "rejected")));
        assertEquals(AnomalyExperience.Truth.UNKNOWN, AnomalyExperience.truth(LabelledRows.relabel(alarm, null)));
        assertEquals(AnomalyExperience.Truth.NORMAL, AnomalyExperience.truth(LabelledRows.relabel(normal, null)));
        assertEquals(AnomalyExperience.Truth.FAULT, AnomalyExperience.truth(LabelledRows.relabel(normal, "confirmed")));

        // A row as the xApp recorded it before (the eight KPIs only) is skipped; so is an unlabelled alarm.
        Map<String, Double> kpis = new HashMap<>();
        for (String k : List.of("prbUsedDlPct", "throughputDlMbps", "throughputUlMbps", "avgCqi", "avgSinrDb", "rlfCount", "energyWh",
                "activeUes")) kpis.put(k, normal.features().get(k));
        ExperienceSample old = new ExperienceSample("n", "c", 1, kpis, Map.of("faultClass", 0.0, "score", 0.0), Map.of(), 10, null);
        assertNull(AnomalyExperience.inputs(old));
        // A NaN input: the version's outputs are NaN, counted as invalid and not scored.
        Map<String, Double> nan = new HashMap<>(normal.features());
        nan.put("delta.avgSinrDb", Double.NaN);
        Map<String, Double> m = AnomalyScore.score(AnomalyDetector.Model.of(weak),
                List.of(old, LabelledRows.relabel(alarm, null), normal.withFeatures(nan), normal));
        assertEquals(1, m.get("skippedNoInputs"), m.toString());
        assertEquals(1, m.get("skippedUnlabelledAlarms"), m.toString());
        assertEquals(1, m.get(ModelListener.INVALID_OUTPUTS), m.toString());
        assertEquals(1, m.get("rows"), m.toString());
        assertEquals(0, m.get("labelled"), m.toString());
        assertTrue(Double.isNaN(m.get("labelledF1")), "no labelled row: " + m);
        // No row with a truth at all: the gate's figure is NaN (the gate refuses, naming it).
        assertTrue(Double.isNaN(AnomalyScore.score(AnomalyDetector.Model.of(weak), List.of(old)).get("f1")));
    }

    @Test
    void aBadNormalRowPeriodStopsTheStartNamingTheField() {
        io.jric.xapps.ml.SimRun run = new io.jric.xapps.ml.SimRun(NET, (int) Trainer.PERIOD_MS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new io.jric.xapps.ml.SimHost(run,
                new AnomalyDetectionXapp(), "anomaly-detection", "{\"modelFile\":\"\",\"normalRowEveryMs\":10}", 20, 46, true).close());
        assertEquals("normalRowEveryMs: 10 (expected: 1000..3600000)", e.getMessage());
    }

    @Test
    void tooFewLabelsFailWithTheCounts() {
        List<ExperienceSample> unlabelled = new ArrayList<>();
        for (ExperienceSample r : trainRows) unlabelled.add(LabelledRows.relabel(r, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelTrainer.train(weak, unlabelled, 7));
        assertTrue(e.getMessage().startsWith("labels: 0 labelled rows (0 confirmed, 0 rejected)"), e.getMessage());
        assertTrue(e.getMessage().contains("expected: at least " + LabelTrainer.MIN_LABELLED + " labelled"), e.getMessage());
        assertTrue(e.getMessage().contains("/ric/v1/experience/anomaly-detection/labels"), e.getMessage());
    }

    @Test
    void fineTunedOnTheLabelsItBeatsTheWeakParentOnHeldOutRowsAndOnShuffledLabelsItDoesNot() throws Exception {
        long t0 = System.nanoTime();
        TrainedModel v2 = LabelTrainer.train(weak, trainRows, 7);
        System.out.printf(Locale.ROOT, "trained in %.1f s: %s rows %s%n", (System.nanoTime() - t0) / 1e9, v2.validation(), v2.rows());
        ModelBundle b2 = ModelBundle.fromBytes(v2.content());
        // Deterministic for the rows, the parent and the seed.
        ModelBundle again = ModelBundle.fromBytes(LabelTrainer.train(weak, trainRows, 7).content());
        assertArrayEquals(b2.network().params().toFloatVector(), again.network().params().toFloatVector());
        assertEquals(b2.metadata().extra().get(AnomalyDetector.BIAS_KEY), again.metadata().extra().get(AnomalyDetector.BIAS_KEY));
        // Lineage: trainer, the parent's architecture and features, the recalibrated bias, the rows by kind.
        assertEquals(LabelTrainer.TRAINER, v2.trainer());
        assertEquals(AnomalyFeaturizer.INPUT_FEATURES, b2.metadata().inputFeatures());
        assertEquals(weak.network().numParams(), b2.network().numParams());
        assertNotNull(b2.metadata().extra().get(AnomalyDetector.BIAS_KEY));
        assertTrue(v2.rows().get("labelled") >= LabelTrainer.MIN_LABELLED, v2.rows().toString());
        assertEquals(v2.rows().get("usable"), v2.rows().get("labelled") + v2.rows().get("unlabelledNormal"));

        ModelBundle shuffled = ModelBundle.fromBytes(LabelTrainer.train(weak, LabelledRows.shuffledLabels(trainRows, 1), 7).content());
        Map<String, Double> parent = AnomalyScore.score(AnomalyDetector.Model.of(weak), heldOutRows);
        Map<String, Double> tuned = AnomalyScore.score(AnomalyDetector.Model.of(b2), heldOutRows);
        Map<String, Double> noise = AnomalyScore.score(AnomalyDetector.Model.of(shuffled), heldOutRows);
        for (var e : Map.of("weak parent", parent, "fine-tuned on the labels", tuned, "fine-tuned on shuffled labels", noise).entrySet()) {
            Map<String, Double> m = e.getValue();
            System.out.printf(Locale.ROOT, "held-out rows, %s: f1 %.3f (precision %.3f, recall %.3f), labelled f1 %.3f, false alarms %.1f per "
                            + "1,000 normal rows, on %d rows (%d labelled)%n", e.getKey(), m.get("f1"), m.get("precision"), m.get("recall"),
                    m.get("labelledF1"), m.get("falseAlarmsPer1000Normal"), m.get("rows").intValue(), m.get("labelled").intValue());
        }
        assertTrue(tuned.get("f1") > parent.get("f1"), "the fine-tuned version beats its parent: " + tuned + " vs " + parent);
        assertTrue(noise.get("f1") < tuned.get("f1"), "the shuffled labels' version does not match it: " + noise + " vs " + tuned);
        assertEquals(0, tuned.get(ModelListener.INVALID_OUTPUTS));
    }
}
