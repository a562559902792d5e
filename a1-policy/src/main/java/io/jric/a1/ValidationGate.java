package io.jric.a1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.ModelListener;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.xapp.ExperienceStore;
import io.jric.core.internal.xapp.XappManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The validation gate (issue #15, item 5): scores a candidate version and the active one on held-out
 * experience rows with the xApp's own {@link ModelListener#scoreModel}, and the candidate again on
 * perturbed rows (noise, a missing KPI replaced by its default). The figures say why it passed or not.
 *
 * <p>Held out: the xApp's rows with outcome {@code OK} whose (E2 node, cell, decision time) hashes into the first
 * {@code heldOutPct} of 100 buckets. The split depends only on what the row is about, not on when or by which
 * process it was recorded, so the same rows give the same split (a replayed or re-recorded data set too), and a
 * trainer that takes the other buckets never trains on the gate's rows.
 */
final class ValidationGate {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The most rows read from the experience store for one evaluation. */
    static final int MAX_ROWS_READ = 200_000;
    /** The most held-out rows scored (the newest). */
    static final int MAX_ROWS_SCORED = 20_000;

    private ValidationGate() {}

    /** Whether a row (by its E2 node, cell and decision time) is held out for the gate. */
    static boolean heldOut(String nodeId, String cellId, long timeMs, int heldOutPct) {
        long z = timeMs * 0x9E3779B97F4A7C15L + nodeId.hashCode() * 31L + cellId.hashCode();
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return Math.floorMod(z, 100L) < heldOutPct;
    }

    /** The held-out rows of an xApp, with their outcome, oldest first; and how many OK rows there were. */
    static List<ExperienceSample> heldOutRows(ExperienceStore store, String xapp, int heldOutPct, int[] okRows) {
        ExperienceStore.Page page = store.rows(xapp, Long.MIN_VALUE, Long.MAX_VALUE, MAX_ROWS_READ);
        List<ExperienceSample> out = new ArrayList<>();
        int ok = 0;
        for (int i = 0; i < page.rows.size(); i++) {
            ExperienceRow r = page.rows.get(i);
            if (!ExperienceRow.OK.equals(r.outcomeStatus())) continue;
            ok++;
            if (!heldOut(r.nodeId(), r.cellId(), r.timeMs(), heldOutPct)) continue;
            out.add(sample(r));
        }
        okRows[0] = ok;
        return out.size() > MAX_ROWS_SCORED ? new ArrayList<>(out.subList(out.size() - MAX_ROWS_SCORED, out.size())) : out;
    }

    /** A stored row as the xApps' scorers and trainers see it. */
    static ExperienceSample sample(ExperienceRow r) {
        return new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), map(r.featureNames(), r.featureValues()),
                map(r.actionNames(), r.actionValues()), map(r.outcomeNames(), r.outcomeValues()), r.outcomeSamples());
    }

    private static Map<String, Double> map(String[] names, double[] values) {
        Map<String, Double> m = new HashMap<>();
        if (names == null || values == null) return m;
        for (int i = 0; i < names.length && i < values.length; i++) m.put(names[i], values[i]);
        return m;
    }

    /**
     * Evaluates {@code candidate} against {@code active} (null: none is active). The answer holds
     * {@code decision} ({@code passed} / {@code refused}), {@code reasons}, both versions' metrics, the rows
     * used and the robustness figures.
     */
    static ObjectNode evaluate(XappManager xapps, String xapp, ModelGate g, ModelEvent candidate, ModelEvent active) {
        ObjectNode out = JSON.createObjectNode();
        out.put("evaluatedAtMs", System.currentTimeMillis()).put("metric", g.metric())
                .put("direction", g.direction().name().toLowerCase(java.util.Locale.ROOT))
                .put("minImprovementPct", g.minImprovementPct());
        List<String> reasons = new ArrayList<>();
        int[] ok = new int[1];
        List<ExperienceSample> rows = heldOutRows(xapps.experience(), xapp, g.heldOutPct(), ok);
        out.put("rowsWithOutcome", ok[0]).put("heldOutPct", g.heldOutPct()).put("rowsHeldOut", rows.size());
        ArrayNode rs = out.putArray("reasons");
        if (rows.size() < g.minRows()) {
            reasons.add("not enough held-out experience: " + rows.size() + " rows with an OK outcome (expected: at least gate.minRows "
                    + g.minRows() + "; " + ok[0] + " OK rows in all, " + g.heldOutPct() + " % held out)");
            return finish(out, reasons, rs);
        }
        ObjectNode c = out.putObject("candidate");
        c.put("version", candidate.version());
        Double cm = score(xapps, xapp, candidate, rows, g, c, reasons, "candidate");
        Double am = null;
        if (active != null) {
            ObjectNode a = out.putObject("active");
            a.put("version", active.version());
            am = score(xapps, xapp, active, rows, g, a, new ArrayList<>(), "active");
        } else {
            out.putNull("active");
        }
        if (cm != null) {
            if (am != null) {
                double improvement = -g.degradationPct(cm, am);
                out.put("improvementPct", improvement);
                if (!g.better(cm, am, g.minImprovementPct())) {
                    reasons.add(String.format(java.util.Locale.ROOT, "%s %.6g of version %s does not beat %.6g of active version %s by %s %% "
                                    + "(%s is better; improvement %.2f %%)", g.metric(), cm, candidate.version(), am, active.version(),
                            fmt(g.minImprovementPct()), g.direction() == ModelGate.Direction.MIN ? "smaller" : "larger", improvement));
                }
            } else if (g.absoluteBar() != null) {
                boolean meets = g.direction() == ModelGate.Direction.MIN ? cm <= g.absoluteBar() : cm >= g.absoluteBar();
                if (!meets) {
                    reasons.add(String.format(java.util.Locale.ROOT, "%s %.6g of version %s does not meet gate.absoluteBar %s",
                            g.metric(), cm, candidate.version(), fmt(g.absoluteBar())));
                }
            }
            robustness(xapps, xapp, g, candidate, rows, cm, out.putObject("robustness"), reasons);
        }
        return finish(out, reasons, rs);
    }

    private static ObjectNode finish(ObjectNode out, List<String> reasons, ArrayNode rs) {
        reasons.forEach(rs::add);
        out.put("decision", reasons.isEmpty() ? "passed" : "refused");
        return out;
    }

    /** Scores one version into {@code into}; its metric, or null (with the reason) when it has none. */
    private static Double score(XappManager xapps, String xapp, ModelEvent v, List<ExperienceSample> rows, ModelGate g,
                                ObjectNode into, List<String> reasons, String role) {
        Map<String, Double> m;
        try {
            m = xapps.scoreModel(xapp, v, rows);
        } catch (RuntimeException e) {
            into.put("error", e.getMessage());
            reasons.add(role + " version " + v.version() + " could not be scored: " + e.getMessage());
            return null;
        }
        ObjectNode mn = into.putObject("metrics");
        m.forEach(mn::put);
        Double x = m.get(g.metric());
        if (x == null || !Double.isFinite(x)) {
            reasons.add(role + " version " + v.version() + ": the xApp's scorer reports " + g.metric() + " = " + x
                    + " (expected: a finite number; it reports " + m.keySet() + ")");
            return null;
        }
        double invalid = m.getOrDefault(ModelListener.INVALID_OUTPUTS, 0.0);
        if (invalid > 0 && role.equals("candidate")) {
            reasons.add("candidate version " + v.version() + " gives " + (long) invalid + " invalid outputs (NaN, infinite or out of range) on "
                    + rows.size() + " held-out rows");
        }
        return x;
    }

    /**
     * The candidate on perturbed rows: {@code noisePct} noise (valid outputs, metric within {@code maxDegradationPct}),
     * {@code stressNoisePct} noise (valid outputs only) and each declared missing KPI at its default (valid outputs;
     * metric within {@code missingMaxDegradationPct} when set).
     */
    private static void robustness(XappManager xapps, String xapp, ModelGate g, ModelEvent candidate, List<ExperienceSample> rows,
                                   double clean, ObjectNode into, List<String> reasons) {
        into.put("maxDegradationPct", g.maxDegradationPct());
        List<String> before = new ArrayList<>(reasons);
        if (g.noisePct() > 0) {
            ObjectNode n = into.putObject("noise");
            n.put("noisePct", g.noisePct()).put("seed", g.noiseSeed());
            variant(xapps, xapp, g, candidate, noisy(rows, g.noisePct(), g.noiseSeed()), clean, g.maxDegradationPct(), n, reasons,
                    "with " + fmt(g.noisePct()) + " % noise on the features");
        }
        if (g.stressNoisePct() > 0) {
            ObjectNode n = into.putObject("stress");
            n.put("noisePct", g.stressNoisePct()).put("seed", g.noiseSeed() + 1);
            variant(xapps, xapp, g, candidate, noisy(rows, g.stressNoisePct(), g.noiseSeed() + 1), clean, null, n, reasons,
                    "with " + fmt(g.stressNoisePct()) + " % noise on the features (stress)");
        }
        ObjectNode missing = into.putObject("missing");
        if (g.missingMaxDegradationPct() != null) into.put("missingMaxDegradationPct", g.missingMaxDegradationPct());
        g.missingDefaults().forEach((feature, dflt) -> {
            List<ExperienceSample> m = new ArrayList<>(rows.size());
            for (ExperienceSample r : rows) {
                Map<String, Double> f = new HashMap<>(r.features());
                f.put(feature, dflt);
                m.add(r.withFeatures(f));
            }
            ObjectNode n = missing.putObject(feature);
            n.put("default", dflt);
            variant(xapps, xapp, g, candidate, m, clean, g.missingMaxDegradationPct(), n, reasons,
                    "with " + feature + " missing (replaced by " + fmt(dflt) + ")");
        });
        into.put("passed", before.size() == reasons.size());
    }

    /** Copies of the rows with every feature multiplied by (1 + pct/100 * N(0,1)), {@code java.util.Random(seed)}, features in name order. */
    static List<ExperienceSample> noisy(List<ExperienceSample> rows, double pct, long seed) {
        Random rnd = new Random(seed);
        List<ExperienceSample> out = new ArrayList<>(rows.size());
        for (ExperienceSample r : rows) {
            Map<String, Double> f = new java.util.TreeMap<>(r.features());
            for (Map.Entry<String, Double> e : f.entrySet()) e.setValue(e.getValue() * (1 + pct / 100 * rnd.nextGaussian()));
            out.add(r.withFeatures(f));
        }
        return out;
    }

    /** Scores one perturbed copy: invalid outputs always refuse; the degradation refuses above {@code bound} (null: reported only). */
    private static void variant(XappManager xapps, String xapp, ModelGate g, ModelEvent candidate, List<ExperienceSample> rows,
                                double clean, Double bound, ObjectNode into, List<String> reasons, String what) {
        Map<String, Double> m;
        try {
            m = xapps.scoreModel(xapp, candidate, rows);
        } catch (RuntimeException e) {
            into.put("error", e.getMessage());
            reasons.add("robustness " + what + ": " + e.getMessage());
            return;
        }
        ObjectNode mn = into.putObject("metrics");
        m.forEach(mn::put);
        Double x = m.get(g.metric());
        double invalid = m.getOrDefault(ModelListener.INVALID_OUTPUTS, 0.0);
        if (invalid > 0) reasons.add("robustness " + what + ": " + (long) invalid + " invalid outputs (NaN, infinite or out of range)");
        if (x == null || !Double.isFinite(x)) {
            reasons.add("robustness " + what + ": " + g.metric() + " = " + x);
            return;
        }
        double d = g.degradationPct(x, clean);
        into.put("degradationPct", d);
        if (bound != null && d > bound) {
            reasons.add(String.format(java.util.Locale.ROOT, "robustness %s: %s %.6g is %.1f %% worse than %.6g (expected: at most %s %%)",
                    what, g.metric(), x, d, clean, fmt(bound)));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
