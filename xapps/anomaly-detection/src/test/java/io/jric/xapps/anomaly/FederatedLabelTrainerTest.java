package io.jric.xapps.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What {@link FederatedLabelTrainer#model} refuses in the figures the grid nodes answered (combined by the RIC as
 * row-weighted means), before it touches the parent: no usable row, a missing figure, a figure that is not a count once
 * multiplied back, too few labels over all nodes, calibration counts that do not add up. The training itself runs in
 * {@code AnomalyFederatedTest}.
 */
class FederatedLabelTrainerTest {
    /** Figures as the RIC combines them for {@code usable} rows: every count divided by {@code usable}. */
    private static Map<String, Double> figures(long usable, long labelled, long confirmed, long faults, long tpAtEach, long fpAtEach) {
        Map<String, Double> m = new TreeMap<>();
        m.put("labelled", labelled / (double) usable);
        m.put("confirmed", confirmed / (double) usable);
        m.put("rejected", (labelled - confirmed) / (double) usable);
        m.put("faultRows", faults / (double) usable);
        m.put("normalRows", (usable - faults) / (double) usable);
        m.put("skippedUnlabelledAlarms", 0.0);
        m.put("skippedNoInputs", 0.0);
        for (double t : LabelTrainer.THRESHOLDS) {
            m.put(FederatedLabelTrainer.figure(t, "tp"), tpAtEach / (double) usable);
            m.put(FederatedLabelTrainer.figure(t, "fp"), fpAtEach / (double) usable);
            m.put(FederatedLabelTrainer.figure(t, "fn"), (faults - tpAtEach) / (double) usable);
        }
        return m;
    }

    private static String refused(Map<String, Double> figures, long usable) {
        return assertThrows(IllegalArgumentException.class,
                () -> FederatedLabelTrainer.model(null, new float[0], figures, Map.of("usable", usable), 7)).getMessage();
    }

    @Test
    void refusesFiguresThatAreNotCountsOrTooFewLabels() {
        assertTrue(refused(figures(300, 40, 20, 30, 25, 5), 0).contains("no usable row"));
        Map<String, Double> missing = figures(300, 40, 20, 30, 25, 5);
        missing.remove(FederatedLabelTrainer.figure(0.5, "fp"));
        assertTrue(refused(missing, 300).contains("no figure calibration.0.50.fp"), refused(missing, 300));
        Map<String, Double> notACount = figures(300, 40, 20, 30, 25, 5);
        notACount.put("labelled", 40.5 / 300);
        assertTrue(refused(notACount, 300).contains("figure labelled"), refused(notACount, 300));
        notACount.put("labelled", Double.NaN);
        assertTrue(refused(notACount, 300).contains("is not a count"), refused(notACount, 300));
        String few = refused(figures(300, 3, 2, 30, 25, 5), 300);
        assertTrue(few.startsWith("labels: 3 labelled rows (2 confirmed, 1 rejected), 30 fault and 270 normal rows")
                && few.contains("over all grid nodes"), few);
        Map<String, Double> unequal = figures(300, 40, 20, 30, 25, 5);
        unequal.put(FederatedLabelTrainer.figure(0.5, "fn"), 1.0 / 300);
        assertTrue(refused(unequal, 300).contains("26 fault rows counted at threshold 0.5, 30 summed"), refused(unequal, 300));
        // The sums come back exact from ratios that do not divide evenly.
        assertEquals(7, FederatedLabelTrainer.sum(Map.of("x", 7.0 / 479), "x", 479));
    }
}
