package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The guard's reference that follows demand: with an exposure, the expected harm of a steered period scales with the
 * exposure as the unsteered periods taught; with a constant exposure, or too few events to fit, it is the mean rate.
 */
class HarmGuardTest {
    /** Poisson draw (Knuth), for rates this small. */
    private static int poisson(Random r, double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    @Test
    void aRateThatRisesWithDemandIsNotHarmButTheSameRiseWithoutDemandIs() {
        Random r = new Random(5);
        HarmGuard withExposure = new HarmGuard();
        HarmGuard plain = new HarmGuard();
        // unsteered, demand moving between 20 and 30 active UEs: 0.1 events a period per (20 active UEs)^2
        for (int i = 0; i < 300; i++) {
            double active = 20 + (i / 30) % 2 * 10;
            int h = poisson(r, 0.1 * Math.pow(active / 20, 2));
            assertFalse(withExposure.observe("cells", false, h, active, 25, 60));
            assertFalse(plain.observe("cells", false, h, 25, 60));
        }
        // steered while demand rises to 40 active UEs: the rate quadruples, as the unsteered periods say it should
        boolean plainTripped = false;
        for (int i = 0; i < 240; i++) {
            int h = poisson(r, 0.4);
            assertFalse(withExposure.observe("cells", true, h, 40, 25, 60), "period " + i + ": the rise follows demand");
            plainTripped |= plain.observe("cells", true, h, 25, 60);
        }
        assertTrue(plainTripped, "a rate learned at lighter demand takes the rise for harm");
        // the same doubled rate at unchanged demand is harm: it trips
        boolean tripped = false;
        for (int periods = 0; periods < 240 && !tripped; periods++) {
            tripped = withExposure.observe("cells", true, poisson(r, 0.8), 40, 25, 60);
        }
        assertTrue(tripped, "twice the rate the demand explains");
        assertFalse(withExposure.allowed("cells"));
    }

    @Test
    void withAConstantExposureTheReferenceIsTheMeanRate() {
        HarmGuard same = new HarmGuard();
        HarmGuard thrice = new HarmGuard();
        for (int i = 0; i < 200; i++) {
            assertFalse(same.observe("u", false, i % 2, 30, 25, 10));
            assertFalse(thrice.observe("u", false, i % 2, 30, 25, 10));
        }
        for (int i = 0; i < 200; i++) assertFalse(same.observe("u", true, i % 2, 30, 25, 10), "period " + i + ": the mean rate");
        boolean tripped = false;
        int periods = 0;
        for (; periods < 60 && !tripped; periods++) tripped = thrice.observe("u", true, 1 + periods % 2, 30, 25, 10);
        assertTrue(tripped, "three times the mean rate");
        assertTrue(periods <= 10, "tripped after " + periods + " periods");
        assertEquals(1, thrice.trips());
    }

    @Test
    void tooFewEventsTeachNoExponent() {
        HarmGuard g = new HarmGuard();
        // fewer than MIN_FIT_EVENTS unsteered: a constant rate, whatever the exposure does
        for (int i = 0; i < 8; i++) g.observe("u", false, 1, 10 + i, 25, 10);
        assertEquals(1.0, g.reference("u"), 1e-9);
        for (int i = 0; i < 20; i++) assertFalse(g.observe("u", true, 1, 1000, 25, 10), "a rate of 1 is what was seen");
        // and a rate far above it trips, however high the exposure
        boolean tripped = false;
        for (int i = 0; i < 20 && !tripped; i++) tripped = g.observe("u", true, 4, 1000, 25, 10);
        assertTrue(tripped);
    }
}
