package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Only offset moves are scored and trained on: a layer move's row (two carriers; three features per cell, its action
 * {@code interFrequencyOffsetDb}) is recorded but gives no side to {@link LbScore} nor a training row to
 * {@link LbExperienceTrainer} (counted as skipped). Rows made by hand, no model, no simulator.
 */
class LbLayerRowsTest {
    static ExperienceSample offsetRow(String cell, long t) {
        Map<String, Double> f = new HashMap<>();
        for (String k : LbModel.INPUT_FEATURES) {
            f.put(k, 1.0);
            f.put("peer." + k, 2.0);
        }
        Map<String, Double> a = Map.of("cioDb", 2.0, "cioChangeDb", 2.0, "peer.cioDb", 0.0, "peer.cioChangeDb", 0.0);
        Map<String, Double> o = Map.of("prbUsedDlPct", 40.0, "rlfCount", 0.0, "peer.prbUsedDlPct", 60.0, "peer.rlfCount", 1.0);
        return new ExperienceSample("gnb-1", cell, t, f, a, o, 5);
    }

    static ExperienceSample layerRow(String cell, long t) {
        Map<String, Double> f = Map.of("prbUsedDlPct", 80.0, "rlfCount", 0.0, "returnsBetweenLayers", 1.0,
                "peer.prbUsedDlPct", 20.0, "peer.rlfCount", 0.0, "peer.returnsBetweenLayers", 0.0);
        Map<String, Double> a = Map.of("interFrequencyOffsetDb", 2.0, "interFrequencyOffsetChangeDb", 2.0,
                "a5Threshold1LoweringDb", 2.0, "held", 0.0);
        Map<String, Double> o = Map.of("prbUsedDlPct", 70.0, "rlfCount", 0.0, "peer.prbUsedDlPct", 30.0, "peer.rlfCount", 0.0);
        return new ExperienceSample("gnb-1", cell, t, f, a, o, 5);
    }

    @Test
    void layerMovesAreNeitherScoredNorTrainedOn() {
        List<ExperienceSample> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) rows.add(offsetRow("c" + i, 1000L * i));
        for (int i = 0; i < 4; i++) rows.add(layerRow("l" + i, 1000L * i));
        assertTrue(LbScore.isOffsetMove(rows.get(0)));
        assertFalse(LbScore.isOffsetMove(rows.get(3)));
        List<LbScore.Side> sides = LbScore.sides(rows);
        assertEquals(6, sides.size(), "two sides per offset row, none per layer row");
        for (LbScore.Side s : sides) assertTrue(s.load() == 40.0 || s.load() == 60.0, "an offset row's outcome: " + s.load());
        long[] skipped = {0};
        assertEquals(6, LbExperienceTrainer.dataset(rows, skipped).size());
        assertEquals(8, skipped[0], "both cells of each layer row skipped");
        // a row with both kinds of action is not an offset move either
        Map<String, Double> both = new HashMap<>(rows.get(0).action());
        both.put("interFrequencyOffsetDb", 2.0);
        ExperienceSample r = rows.get(0);
        assertFalse(LbScore.isOffsetMove(new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), r.features(), both, r.outcome(), 5)));
    }

    @Test
    void anInvalidOutputCountsAtItsBoundSoEveryVersionIsScoredOnTheSameCells() {
        assertEquals(150.0, LbScore.bounded(Float.POSITIVE_INFINITY, -50, 150, 40), 0);
        assertEquals(-50.0, LbScore.bounded(-300f, -50, 150, 40), 0);
        assertEquals(150.0, LbScore.bounded(Float.NaN, -50, 150, 40), 0, "NaN: the bound farthest from 40");
        assertEquals(-50.0, LbScore.bounded(Float.NaN, -50, 150, 120), 0);
        assertEquals(37.5, LbScore.bounded(37.5f, -50, 150, 40), 0, "a valid output as it is");
    }
}
