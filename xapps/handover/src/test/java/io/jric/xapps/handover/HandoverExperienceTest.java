package io.jric.xapps.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The handover xApp's experience without a RIC: the observed SINR-gain label of a row that stayed and of one handed
 * over, rows without a label; the policy's exploration fields (off by default, bad values named, seeded draws at the
 * configured rate).
 */
class HandoverExperienceTest {
    private static ExperienceSample row(double handover, Map<String, Double> outcome) {
        return new ExperienceSample("gnb:00f110:1/22", "00f110:000004001", 1_700_000_000_000L, Map.of("servingSinrDb", 3.0),
                Map.of("handover", handover, HandoverExperience.TARGET_NCI, (double) 0x4002), outcome, 10);
    }

    @Test
    void theObservedGainIsTheTargetsSinrAgainstWhatTheUeHadOrItsOldCell() {
        // Stayed: the neighbour's reported SINR against the SINR the UE had.
        assertEquals(8 - 2, HandoverExperience.observedGainDb(row(0, Map.of("ue.targetSinrDb", 8.0, "ue.targetReports", 10.0,
                "ue.sinrDb", 2.0, "ue.cellSinrDb", 2.5, "ue.cellReports", 10.0))), 1e-9);
        // Handed over: what it had on the neighbour against its old cell as it reported it; clamped to -10..25 dB.
        assertEquals(25 - (-10), HandoverExperience.observedGainDb(row(1, Map.of("ue.targetSinrDb", 30.0, "ue.targetReports", 9.0,
                "ue.sinrDb", 29.0, "ue.cellSinrDb", -14.0, "ue.cellReports", 4.0))), 1e-9);
        // No report of the neighbour, or (handed over) of the old cell: no label.
        assertTrue(Double.isNaN(HandoverExperience.observedGainDb(row(0, Map.of("ue.targetSinrDb", 0.0, "ue.targetReports", 0.0,
                "ue.sinrDb", 2.0)))));
        assertTrue(Double.isNaN(HandoverExperience.observedGainDb(row(1, Map.of("ue.targetSinrDb", 5.0, "ue.targetReports", 3.0,
                "ue.sinrDb", 5.0, "ue.cellSinrDb", 0.0, "ue.cellReports", 0.0)))));
        assertTrue(Double.isNaN(HandoverExperience.observedGainDb(row(0, Map.of()))));
        assertEquals(0x4002, HandoverExperience.nci("00f110:000004002"));
    }

    @Test
    void explorationIsOffByDefaultBoundedByThePolicyAndSeeded() {
        HandoverExploration off = HandoverExploration.parse("{\"hysteresisMinDb\":1}");
        assertEquals(0, off.rate());
        assertEquals(3, off.marginDb());
        for (long t = 0; t < 1000; t++) assertFalse(off.explores(1, t, 7));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HandoverExploration.parse("{\"explorationRate\":1.5}"));
        assertTrue(bad.getMessage().startsWith("explorationRate: 1.5"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> HandoverExploration.parse("{\"explorationMarginDb\":\"x\"}"));
        assertTrue(bad.getMessage().startsWith("explorationMarginDb"), bad.getMessage());
        HandoverExploration x = HandoverExploration.parse("{\"explorationRate\":0.2,\"explorationMarginDb\":2}");
        int n = 0;
        for (long t = 0; t < 20_000; t++) if (x.explores(1, 1_700_000_000_000L + 200 * t, 1 + t % 60)) n++;
        assertTrue(n > 3_600 && n < 4_400, n + " of 20,000 decisions explored at rate 0.2");
        for (long t = 0; t < 200; t++) assertEquals(x.explores(5, t, 3), x.explores(5, t, 3), "a function of seed, time and UE");
    }

    @Test
    void aNeighbourIdThatIsNoCellIdGivesNoNci() {
        assertEquals(0x4002, HandoverExperience.nciOrNegative("00f110:000004002"));
        assertEquals(0x4002, HandoverExperience.nciOrNegative("4002"));
        assertEquals(-1, HandoverExperience.nciOrNegative("00f110:cell-7"));
        assertEquals(-1, HandoverExperience.nciOrNegative("00f110:"));
        assertEquals(-1, HandoverExperience.nciOrNegative(null));
        assertEquals(-1, HandoverExperience.nciOrNegative("00f110:-5"));
        assertEquals(-1, HandoverExperience.nciOrNegative("00f110:ffffffffffffffffff"));
    }

    private static UeTracker.Candidate cand(String serving, String target, float rsrpDelta) {
        float[] f = new float[HandoverModel.INPUT_FEATURES.size()];
        f[HandoverModel.F_RSRP_DELTA] = rsrpDelta;
        return new UeTracker.Candidate(7, "gnb-1", serving, target, f);
    }

    @Test
    void aStaysRowNamesOnlyANeighbourTheXappDecidesOn() {
        java.util.List<UeTracker.Candidate> c = java.util.List.of(cand("a", "b", -1), cand("a", "x", -2), cand("a", "c", -9));
        float[] y = {1, 0, 5, 0, 9, 0};
        // x has the largest gain within 6 dB; c is outside the model's range
        assertEquals(1, HandoverXapp.fallbackNeighbour(c, 0, 3, y, k -> true));
        // x excluded (or on another layer): b
        assertEquals(0, HandoverXapp.fallbackNeighbour(c, 0, 3, y, k -> !k.targetCellId().equals("x")));
        assertEquals(-1, HandoverXapp.fallbackNeighbour(c, 0, 3, y, k -> false));
    }

    @Test
    void aUeThatExploredDoesNotExploreAgainWithinTheCooldown() {
        HandoverExploration x = HandoverExploration.parse("{\"explorationRate\":1}");
        assertEquals(10_000, HandoverExploration.cooldownMs(10_000));
        assertEquals(HandoverExploration.OUTCOME_HORIZON_MS, HandoverExploration.cooldownMs(1_000));
        long t0 = 1_700_000_000_000L;
        assertTrue(x.explores(1, t0, 3, Long.MIN_VALUE / 2, 10_000));
        assertFalse(x.explores(1, t0 + 9_800, 3, t0, 10_000));
        assertTrue(x.explores(1, t0 + 10_000, 3, t0, 10_000));
        HandoverExploration off = HandoverExploration.parse("{}");
        for (long t = 0; t < 100; t++) assertFalse(off.explores(1, t0 + 200 * t, 3, Long.MIN_VALUE / 2, 0));
    }
}
