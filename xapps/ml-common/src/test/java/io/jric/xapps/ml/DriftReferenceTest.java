package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The training-side reference of each input feature: bins, shares, PSI, JSON and the bundle it travels in. */
class DriftReferenceTest {
    @Test
    void decileBinsOfTheTrainingDataHoldATenthEach() {
        float[][] rows = new float[1000][];
        for (int i = 0; i < rows.length; i++) rows[i] = new float[] {i, 7, i % 2};
        DriftReference r = DriftReference.fit(List.of("ramp", "constant", "binary"), rows, 10);
        DriftReference.Feature ramp = r.feature("ramp");
        assertEquals(9, ramp.edges().length);
        assertEquals(99, ramp.edges()[0]);
        assertEquals(899, ramp.edges()[8]);
        for (double f : ramp.fractions()) assertEquals(0.1, f, 1e-9);
        assertEquals(0, ramp.bin(-5));
        assertEquals(0, ramp.bin(99));
        assertEquals(1, ramp.bin(99.5));
        assertEquals(9, ramp.bin(1e9));
        // Equal quantiles merge: a constant gets one edge (at or below it / above it), a 0/1 feature three bins.
        assertArrayEquals(new double[] {7}, r.feature("constant").edges());
        assertArrayEquals(new double[] {1, 0}, r.feature("constant").fractions());
        assertArrayEquals(new double[] {0, 1}, r.feature("binary").edges());
        assertArrayEquals(new double[] {0.5, 0.5, 0}, r.feature("binary").fractions(), 1e-9);
        assertEquals(1000, r.rows());
    }

    @Test
    void psiIsSmallForTheSameDistributionAndLargeForAShiftedOne() {
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] rows = new float[5000][];
        for (int i = 0; i < rows.length; i++) rows[i] = new float[] {(float) rnd.nextGaussian()};
        DriftReference.Feature f = DriftReference.fit(List.of("x"), rows, 10).feature("x");
        long[] same = new long[f.bins()];
        long[] shifted = new long[f.bins()];
        long[] wider = new long[f.bins()];
        for (int i = 0; i < 1000; i++) {
            double g = rnd.nextGaussian();
            same[f.bin(g)]++;
            shifted[f.bin(g + 1)]++;
            wider[f.bin(2 * g)]++;
        }
        double pSame = DriftReference.psi(f, same, 5000);
        double pShift = DriftReference.psi(f, shifted, 5000);
        double pWide = DriftReference.psi(f, wider, 5000);
        System.out.printf("PSI same %.4f, shifted by one sigma %.4f, twice as wide %.4f%n", pSame, pShift, pWide);
        assertTrue(pSame < 0.05, "same distribution: " + pSame);
        assertTrue(pShift > 0.5, "one sigma shift: " + pShift);
        assertTrue(pWide > 0.25, "twice the spread: " + pWide);
        assertEquals(0, DriftReference.psi(f, new long[f.bins()], 5000), "nothing observed");
        assertThrows(IllegalArgumentException.class, () -> DriftReference.psi(f, new long[3], 5000));
    }

    @Test
    void jsonRoundTripAndBadReferencesNamed() {
        float[][] rows = {{1, 2}, {3, 4}, {5, Float.NaN}, {7, 8}};
        DriftReference r = DriftReference.fit(List.of("a", "b"), rows, 4);
        DriftReference back = DriftReference.parse(r.toJson());
        assertEquals(r.toJson(), back.toJson());
        assertArrayEquals(r.feature("a").edges(), back.feature("a").edges());
        assertArrayEquals(new double[] {2, 4, 8}, back.feature("b").edges(), "NaN left out");
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 0}, back.feature("b").fractions(), 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DriftReference.parse("{\"format\":2}"));
        assertTrue(e.getMessage().contains("driftReference.format: 2 (expected: 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DriftReference.parse(
                "{\"format\":1,\"rows\":3,\"features\":{\"a\":{\"edges\":[2,1],\"fractions\":[0.5,0.2,0.3]}}}"));
        assertTrue(e.getMessage().contains("a.edges: [2.0, 1.0] (expected: finite and strictly increasing)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DriftReference.parse(
                "{\"format\":1,\"rows\":3,\"features\":{\"a\":{\"edges\":[1],\"fractions\":[0.5,0.2]}}}"));
        assertTrue(e.getMessage().contains("a.fractions: sum 0.7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DriftReference.parse("not json"));
        assertThrows(IllegalArgumentException.class, () -> DriftReference.fit(List.of("a"), rows, 4), "columns must match names");
        assertThrows(IllegalArgumentException.class, () -> DriftReference.fit(List.of("a", "b"), rows, 1));
    }

    @Test
    void trainedBundlesCarryTheirReferenceAndOldOnesLoadWithout() throws Exception {
        Dataset d = new Dataset(2, 1);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 300; i++) {
            float a = (float) r.nextDouble(0, 10);
            float b = (float) r.nextDouble(-1, 1);
            d.add(new float[] {a, b}, new float[] {a + b});
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(2, 2, 8);
        MlpTrainer.Result res = MlpTrainer.train(d, spec);
        ModelBundle withRef = ModelBundle.fromBytes(MlpTrainer.bundle(res, "toy", "1", List.of("a", "b"), List.of("y"), spec, "t",
                Map.of(), Map.of("window", "3")).toBytes());
        DriftReference ref = DriftReference.of(withRef.metadata());
        assertNotNull(ref);
        assertEquals(300, ref.rows());
        assertEquals(List.of("a", "b"), List.copyOf(ref.features().keySet()));
        assertEquals("3", withRef.metadata().extra().get("window"), "the trainer's own extras kept");
        // A bundle made without its training rows (like every bundle before references existed) has none.
        MlpTrainer.Result old = new MlpTrainer.Result(res.network(), res.inputs(), res.outputs(), res.trainMillis());
        ModelBundle without = ModelBundle.fromBytes(MlpTrainer.bundle(old, "toy", "1", List.of("a", "b"), List.of("y"), spec, "t",
                Map.of(), Map.of()).toBytes());
        assertNull(DriftReference.of(without.metadata()));
    }
}
