package io.jric.a1;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.ModelListener;
import io.jric.api.xapp.descriptor.ModelGate;
import io.jric.core.internal.grid.ExperienceRow;
import io.jric.core.internal.grid.RicGrid;
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

    /** A stored row as the xApps' scorers and trainers see it (with the operator's label, if any). */
    static ExperienceSample sample(ExperienceRow r) {
        return new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), map(r.featureNames(), r.featureValues()),
                map(r.actionNames(), r.actionValues()), map(r.outcomeNames(), r.outcomeValues()), r.outcomeSamples(), r.label());
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
        Scoring rows = scoring(xapps, xapp, g.heldOutPct(), out);
        out.put("rowsWithOutcome", rows.okRows()).put("heldOutPct", g.heldOutPct()).put("rowsHeldOut", rows.size());
        ArrayNode rs = out.putArray("reasons");
        if (rows.size() < g.minRows()) {
            reasons.add("not enough held-out experience: " + rows.size() + " rows with an OK outcome (expected: at least gate.minRows "
                    + g.minRows() + "; " + rows.okRows() + " OK rows in all, " + g.heldOutPct() + " % held out)");
            return finish(out, reasons, rs);
        }
        ObjectNode c = out.putObject("candidate");
        c.put("version", candidate.version());
        Double cm = score(xapps, xapp, candidate, rows, g, c, reasons, "candidate");
        Double am = null;
        List<String> activeReasons = new ArrayList<>();
        if (active != null) {
            ObjectNode a = out.putObject("active");
            a.put("version", active.version());
            am = score(xapps, xapp, active, rows, g, a, activeReasons, "active");
        } else {
            out.putNull("active");
        }
        if (cm != null) {
            compare(g, cm, candidate.version(), active == null ? null : active.version(), am, activeReasons, out, reasons);
            robustness(xapps, xapp, g, candidate, rows, cm, out.putObject("robustness"), reasons);
        }
        return finish(out, reasons, rs);
    }

    /**
     * The candidate's metric {@code cm} against the active version's {@code am}: it must beat it by
     * {@code minImprovementPct}. With no active version ({@code activeVersion} null) it must meet {@code absoluteBar} when
     * one is declared. An active version whose metric is missing ({@code am} null: its scoring failed or its metric is not
     * finite, {@code activeReasons} say why) refuses the candidate: there is nothing to compare it with, and passing it
     * would let a version in unchecked (activate with {@code force} to skip the gate).
     */
    static void compare(ModelGate g, double cm, String candidateVersion, String activeVersion, Double am,
                        List<String> activeReasons, ObjectNode out, List<String> reasons) {
        if (activeVersion != null && am == null) {
            reasons.add("active version " + activeVersion + " could not be scored, so version " + candidateVersion
                    + " cannot be compared with it (" + String.join("; ", activeReasons) + ")");
        } else if (am != null) {
            double improvement = -g.degradationPct(cm, am);
            out.put("improvementPct", improvement);
            if (!g.better(cm, am, g.minImprovementPct())) {
                reasons.add(String.format(java.util.Locale.ROOT, "%s %.6g of version %s does not beat %.6g of active version %s by %s %% "
                                + "(%s is better; improvement %.2f %%)", g.metric(), cm, candidateVersion, am, activeVersion,
                        fmt(g.minImprovementPct()), g.direction() == ModelGate.Direction.MIN ? "smaller" : "larger", improvement));
            }
        } else if (g.absoluteBar() != null) {
            boolean meets = g.direction() == ModelGate.Direction.MIN ? cm <= g.absoluteBar() : cm >= g.absoluteBar();
            if (!meets) {
                reasons.add(String.format(java.util.Locale.ROOT, "%s %.6g of version %s does not meet gate.absoluteBar %s",
                        g.metric(), cm, candidateVersion, fmt(g.absoluteBar())));
            }
        }
    }

    private static ObjectNode finish(ObjectNode out, List<String> reasons, ArrayNode rs) {
        reasons.forEach(rs::add);
        out.put("decision", reasons.isEmpty() ? "passed" : "refused");
        return out;
    }

    /** Scores one version into {@code into}; its metric, or null (with the reason) when it has none. */
    private static Double score(XappManager xapps, String xapp, ModelEvent v, Scoring rows, ModelGate g,
                                ObjectNode into, List<String> reasons, String role) {
        Map<String, Double> m;
        try {
            m = rows.score(v, Perturbation.NONE);
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
    private static void robustness(XappManager xapps, String xapp, ModelGate g, ModelEvent candidate, Scoring rows,
                                   double clean, ObjectNode into, List<String> reasons) {
        into.put("maxDegradationPct", g.maxDegradationPct());
        List<String> before = new ArrayList<>(reasons);
        if (g.noisePct() > 0) {
            ObjectNode n = into.putObject("noise");
            n.put("noisePct", g.noisePct()).put("seed", g.noiseSeed());
            variant(g, candidate, rows, Perturbation.noise(g.noisePct(), g.noiseSeed()), clean, g.maxDegradationPct(), n, reasons,
                    "with " + fmt(g.noisePct()) + " % noise on the features");
        }
        if (g.stressNoisePct() > 0) {
            ObjectNode n = into.putObject("stress");
            n.put("noisePct", g.stressNoisePct()).put("seed", g.noiseSeed() + 1);
            variant(g, candidate, rows, Perturbation.noise(g.stressNoisePct(), g.noiseSeed() + 1), clean, null, n, reasons,
                    "with " + fmt(g.stressNoisePct()) + " % noise on the features (stress)");
        }
        ObjectNode missing = into.putObject("missing");
        if (g.missingMaxDegradationPct() != null) into.put("missingMaxDegradationPct", g.missingMaxDegradationPct());
        g.missingDefaults().forEach((feature, dflt) -> {
            ObjectNode n = missing.putObject(feature);
            n.put("default", dflt);
            variant(g, candidate, rows, Perturbation.missing(feature, dflt), clean, g.missingMaxDegradationPct(), n, reasons,
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
    private static void variant(ModelGate g, ModelEvent candidate, Scoring rows, Perturbation p,
                                double clean, Double bound, ObjectNode into, List<String> reasons, String what) {
        Map<String, Double> m;
        try {
            m = rows.score(candidate, p);
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

    /** How the rows of one copy are perturbed before scoring: none, noise on every feature, or one feature missing. */
    static final class Perturbation implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static final Perturbation NONE = new Perturbation(0, 0, null, 0);
        final double noisePct;
        final long seed;
        final String missingFeature;
        final double missingDefault;

        private Perturbation(double noisePct, long seed, String missingFeature, double missingDefault) {
            this.noisePct = noisePct;
            this.seed = seed;
            this.missingFeature = missingFeature;
            this.missingDefault = missingDefault;
        }

        static Perturbation noise(double pct, long seed) {
            return new Perturbation(pct, seed, null, 0);
        }

        static Perturbation missing(String feature, double dflt) {
            return new Perturbation(0, 0, feature, dflt);
        }

        List<ExperienceSample> apply(List<ExperienceSample> rows) {
            if (noisePct > 0) return noisy(rows, noisePct, seed);
            if (missingFeature == null) return rows;
            List<ExperienceSample> m = new ArrayList<>(rows.size());
            for (ExperienceSample r : rows) {
                Map<String, Double> f = new HashMap<>(r.features());
                f.put(missingFeature, missingDefault);
                m.add(r.withFeatures(f));
            }
            return m;
        }
    }

    /** The held-out rows a gate scores on, wherever they are. */
    interface Scoring {
        /** Held-out rows. */
        int size();

        /** Rows with an OK outcome in all. */
        int okRows();

        /** The xApp's metrics of a version on the (perturbed) held-out rows. */
        Map<String, Double> score(ModelEvent v, Perturbation p);
    }

    /**
     * Where the gate scores: on a grid of several server nodes, each node scores on its own held-out rows with its own
     * instance of the xApp and answers only the metrics and its row count (no experience row leaves its node; the
     * metrics combine as row-weighted means, the counts {@code invalidOutputs}, {@code rows} and {@code pairs} summed), provided every node holding held-out rows
     * runs an instance; otherwise, and on one node, the rows are read here and scored by one instance.
     */
    static Scoring scoring(XappManager xapps, String xapp, int heldOutPct, ObjectNode out) {
        RicGrid grid = xapps.grid();
        if (grid != null && grid.serverCount() > 1) {
            List<GateAnswer> counts = new ArrayList<>(grid.ignite().compute(grid.ignite().cluster().forServers())
                    .broadcast(new GateTask(xapp, heldOutPct, null, null)));
            counts.sort(java.util.Comparator.comparing(a -> a.node));
            String without = null;
            int held = 0;
            int ok = 0;
            ObjectNode per = JSON.createObjectNode();
            for (GateAnswer a : counts) {
                held += a.rows;
                ok += a.ok;
                per.put(a.node, a.rows);
                if (a.rows > 0 && !a.instance && without == null) without = a.node;
            }
            if (without == null) {
                out.put("scoredOn", "each grid node over its own held-out rows (metrics combined as row-weighted means)");
                out.set("rowsHeldOutPerNode", per);
                int heldRows = held;
                int okRows = ok;
                return new Scoring() {
                    @Override
                    public int size() {
                        return heldRows;
                    }

                    @Override
                    public int okRows() {
                        return okRows;
                    }

                    @Override
                    public Map<String, Double> score(ModelEvent v, Perturbation p) {
                        List<GateAnswer> got = new ArrayList<>(grid.ignite().compute(grid.ignite().cluster().forServers())
                                .broadcast(new GateTask(xapp, heldOutPct, v, p)));
                        got.sort(java.util.Comparator.comparing(a -> a.node));
                        return combine(got);
                    }
                };
            }
            out.put("scoredOn", "this process (grid node " + without + " holds held-out rows but runs no instance of " + xapp + ")");
        }
        int[] ok = new int[1];
        List<ExperienceSample> rows = heldOutRows(xapps.experience(), xapp, heldOutPct, ok);
        return new Scoring() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public int okRows() {
                return ok[0];
            }

            @Override
            public Map<String, Double> score(ModelEvent v, Perturbation p) {
                return xapps.scoreModel(xapp, v, p.apply(rows));
            }
        };
    }

    /** Metrics that are counts, summed over the nodes rather than averaged: invalid outputs, rows and pairs scored. */
    static final java.util.Set<String> SUMMED_METRICS = java.util.Set.of(ModelListener.INVALID_OUTPUTS, "rows", "pairs");

    /** The nodes' metrics as row-weighted means (the counts of {@link #SUMMED_METRICS} summed); a node's failure fails the score. */
    static Map<String, Double> combine(List<GateAnswer> answers) {
        Map<String, Double> sum = new java.util.TreeMap<>();
        Map<String, Double> weight = new java.util.TreeMap<>();
        for (GateAnswer a : answers) {
            if (a.error != null) throw new IllegalStateException("grid node " + a.node + ": " + a.error);
            if (a.rows == 0 || a.metrics == null) continue;
            a.metrics.forEach((k, v) -> {
                if (SUMMED_METRICS.contains(k)) {
                    sum.merge(k, v, Double::sum);
                    weight.put(k, 1.0);
                } else {
                    sum.merge(k, v * a.rows, Double::sum);
                    weight.merge(k, (double) a.rows, Double::sum);
                }
            });
        }
        sum.replaceAll((k, v) -> v / weight.get(k));
        return sum;
    }

    /** One node's answer: its held-out rows, and the metrics of a version on them. */
    static final class GateAnswer implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        String node;
        int rows;
        int ok;
        boolean instance;
        Map<String, Double> metrics;
        String error;
    }

    /** Runs on every server node: counts its held-out rows, or scores a version on them with its own instance. */
    private static final class GateTask implements org.apache.ignite.lang.IgniteCallable<GateAnswer> {
        private static final long serialVersionUID = 1L;
        private final String xapp;
        private final int heldOutPct;
        private final ModelEvent version;
        private final Perturbation perturbation;
        @org.apache.ignite.resources.IgniteInstanceResource
        private transient org.apache.ignite.Ignite ignite;

        GateTask(String xapp, int heldOutPct, ModelEvent version, Perturbation perturbation) {
            this.xapp = xapp;
            this.heldOutPct = heldOutPct;
            this.version = version;
            this.perturbation = perturbation;
        }

        @Override
        public GateAnswer call() {
            GateAnswer a = new GateAnswer();
            a.node = String.valueOf(ignite.cluster().localNode().consistentId());
            try {
                io.jric.core.internal.xapp.XappHost h =
                        (io.jric.core.internal.xapp.XappHost) ignite.cluster().nodeLocalMap().get(io.jric.core.internal.xapp.XappHost.LOCAL_KEY);
                a.instance = h != null && h.runsInstanceOf(xapp);
                List<ExperienceSample> rows = new ArrayList<>();
                for (ExperienceRow r : ExperienceStore.localRows(ignite, xapp, Long.MAX_VALUE, MAX_ROWS_READ).rows) {
                    if (!ExperienceRow.OK.equals(r.outcomeStatus())) continue;
                    a.ok++;
                    if (heldOut(r.nodeId(), r.cellId(), r.timeMs(), heldOutPct)) rows.add(sample(r));
                }
                // a stable sort: rows of one time, node and cell (several UEs) keep localRows' row-id order
                rows.sort(java.util.Comparator.comparingLong(ExperienceSample::timeMs)
                        .thenComparing(ExperienceSample::nodeId).thenComparing(ExperienceSample::cellId));
                if (rows.size() > MAX_ROWS_SCORED) rows = new ArrayList<>(rows.subList(rows.size() - MAX_ROWS_SCORED, rows.size()));
                a.rows = rows.size();
                if (version != null && !rows.isEmpty()) {
                    if (!a.instance) throw new IllegalStateException("holds held-out rows of " + xapp + " but runs no instance of it");
                    a.metrics = h.scoreModel(xapp, version, perturbation.apply(rows));
                    if (a.metrics == null) throw new IllegalStateException("no instance of " + xapp + " runs here any more");
                }
            } catch (Exception e) {
                a.error = String.valueOf(e.getMessage() == null ? e : e.getMessage());
            }
            return a;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
