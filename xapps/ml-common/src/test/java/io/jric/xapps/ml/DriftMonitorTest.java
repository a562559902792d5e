package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.XappContext;
import io.jric.sim.SimConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The serving side of drift watching, driven by hand (evaluations called directly; the timer is set to an
 * hour so it never runs during the test): the window, PSI against the model's reference, findings raised and
 * cleared, the retraining hook, prediction error, and models without a reference.
 */
class DriftMonitorTest {
    private static final List<String> INPUTS = List.of("a", "b", "action");
    private static ModelBundle model;
    private static ModelBundle oldModel;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A model trained on a ~ U(0, 10), b ~ N(0, 1), action ~ U(0, 1); validation MSE of y: 1. */
    @BeforeAll
    static void train() {
        Dataset d = new Dataset(3, 1);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 4000; i++) {
            float a = (float) r.nextDouble(0, 10);
            float b = (float) r.nextGaussian();
            float act = (float) r.nextDouble();
            d.add(new float[] {a, b, act}, new float[] {a + b});
        }
        MlpTrainer.Spec spec = MlpTrainer.Spec.regression(2, 1, 4);
        MlpTrainer.Result res = MlpTrainer.train(d, spec);
        model = MlpTrainer.bundle(res, "toy", "1", INPUTS, List.of("y"), spec, "t", Map.of("y.mse", 1.0), Map.of());
        oldModel = MlpTrainer.bundle(new MlpTrainer.Result(res.network(), res.inputs(), res.outputs(), 0), "toy", "0", INPUTS,
                List.of("y"), spec, "t", Map.of("y.mse", 1.0), Map.of());
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    private SimHost host(String drift) throws Exception {
        SimHost h = new SimHost(new SimRun(SimConfig.builder().gnbs(1).ues(3).build(), 1000), ctx -> { }, "toy",
                "{\"drift\":" + drift + "}", 20, 46, false);
        open.add(h);
        return h;
    }

    private DriftMonitor monitor(XappContext ctx) {
        DriftMonitor m = new DriftMonitor(ctx, INPUTS, List.of("a", "b"));
        open.add(m);
        return m;
    }

    private static final String CONFIG = "{\"windowSamples\":1000,\"minSamples\":500,\"evaluateEveryMs\":3600000}";

    /** {@code n} rows from the training distribution, with a shifted by {@code aShift} and the action by {@code actShift}. */
    private static void feed(DriftMonitor m, SplittableRandom r, int n, double aShift, double actShift) {
        float[] row = new float[3];
        for (int i = 0; i < n; i++) {
            row[0] = (float) (r.nextDouble(0, 10) + aShift);
            row[1] = (float) r.nextGaussian();
            row[2] = (float) (r.nextDouble() + actShift);
            m.observe(row, 0);
        }
    }

    @Test
    void aShiftedWatchedFeatureRaisesAFindingOnceAndClearsWhenItReturns() throws Exception {
        SimHost h = host(CONFIG);
        DriftMonitor m = monitor(h);
        List<DriftMonitor.DriftEvent> events = new ArrayList<>();
        m.onDrift(events::add);
        m.model(model);
        assertEquals(1, h.metrics().get("drift.reference"));
        SplittableRandom r = new SplittableRandom(9);

        feed(m, r, 400, 0, 0);
        assertEquals(Map.of(), m.evaluate(), "fewer rows than minSamples: nothing judged");
        // The action is not watched: moving it far raises nothing.
        feed(m, r, 5000, 0, 5);
        Map<String, Double> psi = m.evaluate();
        assertEquals(1000, h.metrics().get("drift.samples"), "the window holds windowSamples rows");
        System.out.println("in distribution: " + psi);
        assertEquals(List.of("a", "b"), psi.keySet().stream().sorted().toList());
        assertTrue(psi.values().stream().allMatch(p -> p < 0.05), psi.toString());
        assertTrue(events.isEmpty());
        assertEquals(0, h.metrics().get("drift.drifting"));

        // a moves by half its range: raised once, naming a.
        feed(m, r, 1000, 5, 0);
        psi = m.evaluate();
        System.out.println("a shifted: " + psi);
        assertTrue(psi.get("a") > 1, psi.toString());
        assertTrue(psi.get("b") < 0.05, psi.toString());
        m.evaluate();
        assertEquals(1, events.size(), "raised once, not at every evaluation: " + events);
        DriftMonitor.DriftEvent e = events.get(0);
        assertTrue(e.raised());
        assertEquals("input", e.kind());
        assertEquals("a", e.feature());
        assertEquals("1", e.modelVersion());
        assertEquals(1, h.metrics().get("drift.drifting"));
        assertEquals(1, h.metrics().get("drift.findings"));
        assertTrue(h.metrics().get("drift.psi.a") > 1000);
        Map<String, String> published = h.publishedTo(DriftMonitor.FINDINGS);
        assertEquals(1, published.size());
        String json = published.values().iterator().next();
        assertTrue(json.contains("\"state\":\"raised\"") && json.contains("\"feature\":\"a\"") && json.contains("\"kind\":\"input\""), json);

        // Back to the training distribution: cleared.
        feed(m, r, 1000, 0, 0);
        m.evaluate();
        assertEquals(2, events.size());
        assertTrue(!events.get(1).raised());
        assertEquals(0, h.metrics().get("drift.drifting"));
        assertEquals(1, h.metrics().get("drift.findings"), "findings count what was raised");
        assertEquals(2, h.publishedTo(DriftMonitor.FINDINGS).size());
    }

    @Test
    void aModelWithoutReferenceIsNotWatchedAndANewModelStartsAFreshWindow() throws Exception {
        SimHost h = host(CONFIG);
        DriftMonitor m = monitor(h);
        List<DriftMonitor.DriftEvent> events = new ArrayList<>();
        m.onDrift(events::add);
        m.model(oldModel);
        assertEquals(0, h.metrics().get("drift.reference"));
        SplittableRandom r = new SplittableRandom(4);
        feed(m, r, 2000, 50, 0);
        assertEquals(Map.of(), m.evaluate());
        assertTrue(events.isEmpty(), "no reference: drift off");
        assertEquals(0, h.metrics().get("drift.samples"));

        m.model(model);
        assertEquals(1, h.metrics().get("drift.reference"));
        feed(m, r, 600, 50, 0);
        m.evaluate();
        assertEquals(1, events.size());
        m.model(oldModel);
        assertEquals(0, h.metrics().get("drift.drifting"), "another model: the watch starts over");
        assertEquals(0, h.metrics().get("drift.reference"));
    }

    @Test
    void predictionErrorAgainstTheValidationMseRaisesAnErrorFinding() throws Exception {
        SimHost h = host(CONFIG);
        DriftMonitor m = monitor(h);
        List<DriftMonitor.DriftEvent> events = new ArrayList<>();
        m.onDrift(events::add);
        m.model(model);
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 1000; i++) m.observeError("y", 0, r.nextGaussian());
        m.observeError("unknown", 0, 100);  // no validation MSE: ignored
        m.evaluate();
        long ratio = h.metrics().get("drift.error.y.ratio");
        assertTrue(ratio > 800 && ratio < 1200, "as in validation: " + ratio);
        assertTrue(events.isEmpty());
        for (int i = 0; i < 1000; i++) m.observeError("y", 0, 3 * r.nextGaussian());
        m.evaluate();
        assertEquals(1, events.size());
        assertEquals("error", events.get(0).kind());
        assertEquals("y", events.get(0).feature());
        assertTrue(events.get(0).value() > 6, events.toString());
        assertEquals(1, h.metrics().get("drift.errorDrifting"));
    }

    @Test
    void anErrorIsJudgedAgainstTheValidationErrorOfItsConditionsWhereTheXappGivesIt() throws Exception {
        SimHost h = host(CONFIG);
        DriftMonitor m = monitor(h);
        List<DriftMonitor.DriftEvent> events = new ArrayList<>();
        m.onDrift(events::add);
        m.model(model);  // y.mse 1.0
        SplittableRandom r = new SplittableRandom(6);
        // Errors three times the overall validation error, where validation showed nine times its MSE (e.g. a level
        // at which the model errs more): as expected there, so no finding; the overall MSE alone would raise one.
        for (int i = 0; i < 1000; i++) m.observeError("y", 0, 3 * r.nextGaussian(), 9.0);
        m.evaluate();
        long ratio = h.metrics().get("drift.error.y.ratio");
        assertTrue(ratio > 800 && ratio < 1200, "as validation expected there: " + ratio);
        assertTrue(events.isEmpty(), events.toString());
        // Without an expectation (NaN, or not positive) the output's validation MSE stands in.
        for (int i = 0; i < 1000; i++) m.observeError("y", 0, 3 * r.nextGaussian(), i % 2 == 0 ? Double.NaN : 0);
        m.evaluate();
        assertEquals(1, events.size(), events.toString());
        assertTrue(events.get(0).value() > 6, events.toString());
    }

    @Test
    void badSettingsAreNamedAndChangeNothing() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> monitor(host("{\"psiThreshold\":-1}")));
        assertEquals("drift.psiThreshold: -1.0 (expected: a number > 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> monitor(host("{\"windowSamples\":10}")));
        assertTrue(e.getMessage().startsWith("drift.windowSamples: 10 (expected: 100..100000)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> monitor(host("{\"windowSamples\":1000,\"minSamples\":2000}")));
        assertTrue(e.getMessage().startsWith("drift.minSamples: 2000"), e.getMessage());
        SimHost h = host(CONFIG);
        e = assertThrows(IllegalArgumentException.class, () -> new DriftMonitor(h, INPUTS, List.of("a", "z")));
        assertTrue(e.getMessage().startsWith("watched feature z (expected: one of [a, b, action]"), e.getMessage());
        // Disabled: no timer, and nothing else changes.
        DriftMonitor off = monitor(host("{\"enabled\":false}"));
        assertTrue(!off.settings().enabled());
    }
}
