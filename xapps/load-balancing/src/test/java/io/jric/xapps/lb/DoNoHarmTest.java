package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.SimConfig;
import io.jric.xapps.ml.HarmGuard;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The do-no-harm bound in a short seeded simulation: on the two-layer FTP3 network the xApp moves load from
 * the saturated coverage layer to the capacity layer, and its radio link failures and ping-pongs (5 s and
 * 10 s) stay within 5 % of no balancing (plus one event, for counts this small); the margins are printed.
 * The guard itself: it trips on harm above its allowance and not on the rate it learned unsteered.
 */
class DoNoHarmTest {
    @Test
    void steeringBetweenLayersMovesLoadAndStaysWithinTheHarmBound() throws Exception {
        SimConfig cfg = SimConfig.preset("two-layer-ftp3").seed(777).gnbs(7).ues(300).build();
        int periods = 240;  // 4 simulated minutes
        String layers = Evaluate.layerConfig(cfg);
        Evaluate.Outcome none = Evaluate.arm(cfg, periods, null, null, layers);
        Evaluate.Outcome xapp = Evaluate.arm(cfg, periods, new LoadBalancingXapp(), null, layers);
        long[][] harm = {
                {none.stats().radioLinkFailures(), xapp.stats().radioLinkFailures()},
                {none.pingPongs5s(), xapp.pingPongs5s()},
                {none.pingPongs10s(), xapp.pingPongs10s()}};
        String[] names = {"radio link failures", "ping-pongs within 5 s", "ping-pongs within 10 s"};
        for (int i = 0; i < harm.length; i++) {
            double bound = harm[i][0] * 1.05 + 1;
            System.out.printf(Locale.ROOT, "%-24s no balancing %5d  xApp %5d  bound %7.1f  margin %+7.1f%n", names[i],
                    harm[i][0], harm[i][1], bound, bound - harm[i][1]);
            assertTrue(harm[i][1] <= bound, names[i] + ": " + harm[i][1] + " above " + bound);
        }
        System.out.printf(Locale.ROOT, "peak cell PRB %.1f -> %.1f %%, busiest cell's mean %.1f -> %.1f %%, cell-seconds above "
                + "80 %% %.2f -> %.2f %%, inter-frequency handovers %d -> %d, guard trips %d%n", none.meanMax(), xapp.meanMax(),
                none.maxMean(), xapp.maxMean(), none.overPct(), xapp.overPct(), none.interFrequencyHandovers(),
                xapp.interFrequencyHandovers(), xapp.guardTrips());
        // the load moved: fewer overloaded cell-seconds, a lighter busiest cell (UEs moved up earlier stay up, so
        // the count of inter-frequency handovers need not rise)
        assertTrue(xapp.overPct() < 0.8 * none.overPct(), "fewer overloaded cell-seconds");
        assertTrue(xapp.maxMean() < none.maxMean(), "a lighter busiest cell");
    }

    /**
     * One layer (the default network at its default demand, where plain CIOs cost RLFs): the xApp's pull-only offsets
     * (each with the cell's A3 hysteresis lowered as much) keep RLFs and ping-pongs within 5 % (plus one event) of no
     * balancing while it does steer; plain CIOs with the same model and policy cost more RLFs.
     */
    @Test
    void onOneLayerPullOnlyOffsetsStayWithinTheHarmBound() throws Exception {
        io.jric.xapps.ml.ModelBundle model = TrainerTest.small();
        byte[] bundle = model.toBytes();
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(778).build();
        int periods = 240;  // 4 simulated minutes
        Evaluate.Outcome none = Evaluate.arm(cfg, periods, null, null);
        Evaluate.Outcome pull = Evaluate.arm(cfg, periods, new LoadBalancingXapp(), host -> deliver(host, model, bundle, null));
        Evaluate.Outcome plain = Evaluate.arm(cfg, periods, new LoadBalancingXapp(), host -> deliver(host, model, bundle,
                "{\"pullOnly\":false}"));
        long[][] harm = {
                {none.stats().radioLinkFailures(), pull.stats().radioLinkFailures(), plain.stats().radioLinkFailures()},
                {none.pingPongs5s(), pull.pingPongs5s(), plain.pingPongs5s()},
                {none.pingPongs10s(), pull.pingPongs10s(), plain.pingPongs10s()}};
        String[] names = {"radio link failures", "ping-pongs within 5 s", "ping-pongs within 10 s"};
        for (int i = 0; i < harm.length; i++) {
            double bound = harm[i][0] * 1.05 + 1;
            System.out.printf(Locale.ROOT, "%-24s no balancing %5d  xApp %5d  bound %7.1f  margin %+7.1f  (plain CIOs %5d)%n", names[i],
                    harm[i][0], harm[i][1], bound, bound - harm[i][1], harm[i][2]);
            assertTrue(harm[i][1] <= bound, names[i] + ": " + harm[i][1] + " above " + bound);
        }
        System.out.printf(Locale.ROOT, "controls sent %d (plain %d), guard trips %d (plain %d), busiest cell's mean %.1f -> %.1f %%%n",
                pull.controlsSent(), plain.controlsSent(), pull.guardTrips(), plain.guardTrips(), none.maxMean(), pull.maxMean());
        assertTrue(pull.controlsSent() > 0, "the xApp steered");
        assertTrue(plain.stats().radioLinkFailures() > pull.stats().radioLinkFailures(), "plain CIOs cost more RLFs");
    }

    private static void deliver(io.jric.xapps.ml.SimHost host, io.jric.xapps.ml.ModelBundle model, byte[] bundle, String policy)
            throws Exception {
        host.deliverModel(new io.jric.api.xapp.ModelEvent(LbModel.MODEL_NAME, model.metadata().version(), "dl4j",
                LbModel.INPUT_FEATURES, bundle));
        if (policy != null) host.deliverPolicy(new io.jric.api.xapp.PolicyEvent(LbPolicy.TYPE, "test", policy, false));
    }

    @Test
    void theGuardTripsOnHarmAboveWhatItLearnedUnsteeredAndHoldsTheUnit() {
        HarmGuard g = new HarmGuard();
        for (int i = 0; i < 40; i++) assertFalse(g.observe("a", false, i % 2, 5, 4), "unsteered never trips");
        assertEquals(0.5, g.reference("a"), 0.1);
        // steered at the same rate: within 5 % plus one event of slack
        for (int i = 0; i < 40; i++) assertFalse(g.observe("a", true, i % 2, 5, 4));
        // steered at four times the rate: trips within a few periods, then holds for 4 periods
        boolean tripped = false;
        int periods = 0;
        for (; periods < 10 && !tripped; periods++) tripped = g.observe("a", true, 2 * (1 + periods % 2), 5, 4);
        assertTrue(periods <= 6, "tripped after " + periods + " periods");
        assertTrue(tripped);
        assertFalse(g.allowed("a"));
        for (int i = 0; i < 4; i++) g.observe("a", false, 0, 5, 4);
        assertTrue(g.allowed("a"));
        assertEquals(1, g.trips());
        // guard off: never trips
        HarmGuard off = new HarmGuard();
        off.observe("b", false, 0, -1, 4);
        for (int i = 0; i < 10; i++) assertFalse(off.observe("b", true, 5, -1, 4));
    }
}
