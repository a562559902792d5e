package io.jric.xapps.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.ExperienceSample;
import io.jric.sim.SimConfig;
import io.jric.xapps.ml.ModelBundle;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate's metric for power control ({@link PowerScore}) on experience made in the simulator with fixed seeds
 * ({@link PowerExperience}): a model trained on the simulator and models trained on shuffled outcomes, scored on
 * rows recorded while a weak (shuffled) or a good version served, with and without exploration, on networks the
 * models were not trained on. The good model must be far ahead on every data set, and its outputs must stay valid
 * and bounded on perturbed rows and with each KPI missing.
 */
class PowerScoreTest {
    private static final long[] SHUFFLE_SEEDS = {1, 2, 3};
    private static byte[] good;
    private static final Map<Long, byte[]> shuffled = new TreeMap<>();

    @BeforeAll
    static void models() throws Exception {
        good = GateModels.good();
        for (long s : SHUFFLE_SEEDS) shuffled.put(s, GateModels.shuffled(s));
    }

    private static final String EXPLORE = "{\"explorationRate\":0.3}";

    /** Data sets: network (seed, gNBs, UEs), the version serving, the policy. */
    private record Case(String name, SimConfig cfg, String serving, String policy) {}

    private static List<Case> cases() {
        return List.of(
                new Case("weak v1 serving, exploring 0.3", SimConfig.builder().seed(5).gnbs(2).ues(60).build(), "shuffled", EXPLORE),
                new Case("good serving, exploring 0.3", SimConfig.builder().seed(6).gnbs(2).ues(60).build(), "good", EXPLORE),
                new Case("good serving, no exploration", SimConfig.builder().seed(7).gnbs(2).ues(60).build(), "good", null),
                new Case("weak v1 serving, no exploration, 3 gNBs", SimConfig.builder().seed(8).gnbs(3).ues(90).build(), "shuffled", null));
    }

    @Test
    void aSimulatorTrainedModelOrdersTheObservedPowerFarBetterThanShuffledOnesOnEveryDataSet() throws Exception {
        List<Double> margins = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-42s %6s %-12s %10s %10s %10s%n",
                "data set", "rows", "model", "maeW", "biasW", "orderErr"));
        for (Case c : cases()) {
            byte[] serving = c.serving().equals("good") ? good : shuffled.get(1L);
            List<ExperienceSample> rows = PowerExperience.samples(PowerExperience.record(c.cfg(), serving, c.policy(), 1, 180));
            Map<String, Double> g = PowerScore.score(predictor(good), rows);
            java.util.DoubleSummaryStatistics lv = rows.stream().mapToDouble(r -> r.action().get("txPowerDbm")).summaryStatistics();
            java.util.DoubleSummaryStatistics pw = rows.stream().mapToDouble(r -> r.outcome().get("energyWh") * 3600).summaryStatistics();
            table.append(String.format(Locale.ROOT, "%s: level %.1f..%.1f mean %.1f; observed W %.1f..%.1f mean %.1f%n", c.name(),
                    lv.getMin(), lv.getMax(), lv.getAverage(), pw.getMin(), pw.getMax(), pw.getAverage()));
            table.append(line(c.name(), rows.size(), "good", g));
            double worstShuffled = Double.MAX_VALUE;
            for (long s : SHUFFLE_SEEDS) {
                Map<String, Double> b = PowerScore.score(predictor(shuffled.get(s)), rows);
                table.append(line("", rows.size(), "shuffled-" + s, b));
                worstShuffled = Math.min(worstShuffled, b.get("powerMaeW"));
                assertEquals(0.0, b.get("invalidOutputs"), "shuffled outputs stay in range too");
            }
            double ge = g.get("powerMaeW");
            table.append(String.format(Locale.ROOT, "%-42s margin: best shuffled %.2f W - good %.2f W = %.2f W (x%.1f)%n", "",
                    worstShuffled, ge, worstShuffled - ge, worstShuffled / ge));
            assertEquals(0.0, g.get("invalidOutputs"), c.name());
            assertEquals(rows.size(), g.get("rows"), 0.0, c.name());
            margins.add(worstShuffled / ge);
            assertTrue(ge <= 0.5 * worstShuffled, c.name() + ": the good model's powerMaeW " + ge + " W is at most half the best "
                    + "shuffled model's " + worstShuffled + " W");
        }
        System.out.println(table);
        System.out.printf(Locale.ROOT, "powerMaeW margins (best shuffled / good), per data set: %s%n", margins);
    }

    @Test
    void outputsStayValidAndBoundedOnPerturbedRowsAndWithEachKpiMissing() throws Exception {
        List<ExperienceSample> rows = PowerExperience.samples(PowerExperience.record(
                SimConfig.builder().seed(5).gnbs(2).ues(60).build(), shuffled.get(1L), EXPLORE, 1, 60));
        Predictor p = predictor(good);
        Map<String, Double> clean = PowerScore.score(p, rows);
        StringBuilder out = new StringBuilder("clean " + clean + "\n");
        for (double pct : new double[] {2, 30}) {
            Map<String, Double> m = PowerScore.score(p, noisy(rows, pct, 1));
            out.append("noise ").append(pct).append(" % ").append(m).append('\n');
            assertEquals(0.0, m.get("invalidOutputs"), pct + " % noise: " + m);
        }
        for (String f : PowerModel.KPI_FEATURES) {
            if (f.equals("txPowerDbm")) continue;  // the level is the xApp's own, never missing
            List<ExperienceSample> missing = new ArrayList<>();
            for (ExperienceSample r : rows) {
                Map<String, Double> x = new TreeMap<>(r.features());
                x.put(f, 0.0);
                missing.add(r.withFeatures(x));
            }
            Map<String, Double> m = PowerScore.score(p, missing);
            out.append(f).append(" missing ").append(m).append('\n');
            assertEquals(0.0, m.get("invalidOutputs"), f + " missing: " + m);
        }
        // Absurd inputs (KPIs a million times too large): the outputs leave their bounds and are counted, not scored.
        List<ExperienceSample> absurd = new ArrayList<>();
        for (ExperienceSample r : rows) {
            Map<String, Double> x = new TreeMap<>(r.features());
            x.replaceAll((k, v) -> k.equals("txPowerDbm") ? v : v * 1e6);
            absurd.add(r.withFeatures(x));
        }
        Map<String, Double> m = PowerScore.score(p, absurd);
        out.append("absurd ").append(m).append('\n');
        assertTrue(m.get("invalidOutputs") > 0, "unbounded outputs are counted: " + m);
        assertEquals(rows.size(), m.get("invalidOutputs") + m.get("rows"), 0.0);
        System.out.println(out);
    }

    static Predictor predictor(byte[] bundle) throws Exception {
        return new Predictor(ModelBundle.fromBytes(bundle));
    }

    static List<ExperienceSample> noisy(List<ExperienceSample> rows, double pct, long seed) {
        Random rnd = new Random(seed);
        List<ExperienceSample> out = new ArrayList<>(rows.size());
        for (ExperienceSample r : rows) {
            Map<String, Double> f = new TreeMap<>(r.features());
            for (Map.Entry<String, Double> e : f.entrySet()) e.setValue(e.getValue() * (1 + pct / 100 * rnd.nextGaussian()));
            out.add(r.withFeatures(f));
        }
        return out;
    }

    private static String line(String name, int rows, String model, Map<String, Double> m) {
        return String.format(Locale.ROOT, "%-42s %6d %-12s %10.2f %10.2f %10.4f%n", name, rows, model,
                m.get("powerMaeW"), m.get("powerBiasW"), m.get("powerOrderError"));
    }
}
