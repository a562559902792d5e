package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.core.internal.http.HttpProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The operator's plan for a canary (A1-ML {@code POST .../canary}, docs/ml-lifecycle.md): which version, on
 * what share of the cells, for how long, judged on which KPIs of the grid's per-cell series with which
 * thresholds; and the judgement itself ({@link #judge}), a difference of differences: each KPI's change in the
 * canary's cells from before the canary to during it, against the same change in the other cells, so a
 * network-wide swing (traffic, time of day) counts for neither side.
 *
 * @param version the version to serve as a canary
 * @param share the share of cells it serves, strictly between 0 and 1
 * @param durationS how long it serves before it is promoted (wall-clock seconds)
 * @param baselineS how much of the series before the start is the baseline (seconds of the nodes' KPM clock)
 * @param minSamples the fewest KPM samples each side needs in each window for a judgement
 * @param kpis what is judged
 * @param force pass the validation gate without evaluating (recorded)
 */
record CanaryPlan(String version, double share, int durationS, int baselineS, int minSamples, List<Kpi> kpis, boolean force) {
    /** The per-cell series columns a canary can be judged on ({@code RIC.CELL_SAMPLE}). */
    static final Set<String> KPIS = Set.of("prbUsedDlPct", "prbUsedUlPct", "throughputDlMbps", "throughputUlMbps", "txPowerDbm",
            "energyWh", "avgCqi", "avgSinrDb", "activeUes", "rlfCount", "hoAttempts", "hoSuccesses", "rrcConnMean");

    /**
     * One KPI and how much worse the canary's cells may get.
     *
     * @param name a column of {@link #KPIS}
     * @param higherIsBetter whether more is better (throughput) or less (energy, RLFs)
     * @param maxDegradationPct how much worse, in percent of the other cells' change, before the canary is rolled back
     */
    record Kpi(String name, boolean higherIsBetter, double maxDegradationPct) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("version", "share", "durationS", "baselineS", "minSamples", "kpis", "force");

    /** Reads and checks a plan; a 400 lists every problem, naming the field. */
    static CanaryPlan parse(JsonNode body) {
        List<String> problems = new ArrayList<>();
        if (body == null || !body.isObject()) throw HttpProblem.badRequest("the canary plan must be a JSON object");
        body.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) problems.add(f + ": unknown field (expected: " + new java.util.TreeSet<>(FIELDS) + ")");
        });
        JsonNode v = body.get("version");
        String version = v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
        if (version == null) problems.add("version: missing or not a string");
        double share = number(body, "share", 0.25, x -> x > 0 && x < 1, "> 0 and < 1", problems);
        int durationS = (int) number(body, "durationS", 300, x -> x == Math.rint(x) && x >= 5 && x <= 86_400, "a whole number 5..86400", problems);
        int baselineS = (int) number(body, "baselineS", 60, x -> x == Math.rint(x) && x >= 5 && x <= 3_600, "a whole number 5..3600", problems);
        int minSamples = (int) number(body, "minSamples", 5, x -> x == Math.rint(x) && x >= 1 && x <= 10_000, "a whole number 1..10000", problems);
        List<Kpi> kpis = new ArrayList<>();
        JsonNode k = body.get("kpis");
        if (k == null) {
            kpis.add(new Kpi("throughputDlMbps", true, 5));
        } else if (!k.isArray() || k.isEmpty() || k.size() > 8) {
            problems.add("kpis: " + k + " (expected: 1 to 8 objects {\"name\", \"better\": \"higher\"|\"lower\", \"maxDegradationPct\"})");
        } else {
            for (int i = 0; i < k.size(); i++) {
                JsonNode e = k.get(i);
                String at = "kpis/" + i;
                String name = e.path("name").asText("");
                if (!KPIS.contains(name)) problems.add(at + "/name: " + e.get("name") + " (expected one of " + new java.util.TreeSet<>(KPIS) + ")");
                String better = e.path("better").asText("");
                if (!better.equals("higher") && !better.equals("lower")) problems.add(at + "/better: " + e.get("better") + " (expected: \"higher\" or \"lower\")");
                JsonNode m = e.get("maxDegradationPct");
                if (m == null || !m.isNumber() || !(m.asDouble() >= 0 && m.asDouble() <= 100)) {
                    problems.add(at + "/maxDegradationPct: " + m + " (expected: a number 0..100)");
                }
                if (problems.isEmpty()) kpis.add(new Kpi(name, better.equals("higher"), m.asDouble()));
            }
        }
        JsonNode f = body.get("force");
        if (f != null && !f.isBoolean()) problems.add("force: " + f + " (expected: true or false)");
        if (!problems.isEmpty()) {
            throw HttpProblem.badRequest("invalid canary plan: " + String.join("; ", problems)).with("problems", problems);
        }
        return new CanaryPlan(version, share, durationS, baselineS, minSamples, List.copyOf(kpis), f != null && f.booleanValue());
    }

    /**
     * The plan a retraining job's canary follows ({@code POST .../retrain {"canary": {...}}}): a plan as {@link #parse}
     * reads it, without {@code version} (the job's new version) and {@code force} (a retrained version goes through the
     * gate); its version is set by {@link #withVersion}. A 400 names each field under {@code canary/}.
     */
    static CanaryPlan parseForRetraining(JsonNode canary) {
        if (canary == null || !canary.isObject()) {
            throw HttpProblem.badRequest("canary: " + canary + " (expected: a canary plan object without version and force)");
        }
        List<String> problems = new ArrayList<>();
        if (canary.has("version")) problems.add("canary/version: (expected: absent; the canary serves the version the job trains)");
        if (canary.has("force")) problems.add("canary/force: (expected: absent; a retrained version goes through the validation gate)");
        ObjectNode copy = ((ObjectNode) canary).deepCopy();
        copy.remove("force");
        copy.put("version", "retrained");
        try {
            if (problems.isEmpty()) return parse(copy);
            parse(copy);
        } catch (HttpProblem p) {
            if (p.extensions().get("problems") instanceof List<?> listed) listed.forEach(x -> problems.add("canary/" + x));
            else problems.add("canary: " + p.detail());
        }
        throw HttpProblem.badRequest("invalid canary plan: " + String.join("; ", problems)).with("problems", problems);
    }

    /** This plan for {@code v}. */
    CanaryPlan withVersion(String v) {
        return new CanaryPlan(v, share, durationS, baselineS, minSamples, kpis, force);
    }

    private static double number(JsonNode body, String field, double dflt, java.util.function.DoublePredicate ok, String expected,
                                 List<String> problems) {
        JsonNode n = body.get(field);
        if (n == null) return dflt;
        if (!n.isNumber() || !ok.test(n.asDouble())) {
            problems.add(field + ": " + n + " (expected: " + expected + ")");
            return dflt;
        }
        return n.asDouble();
    }

    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", version).put("share", share).put("durationS", durationS).put("baselineS", baselineS)
                .put("minSamples", minSamples).put("force", force);
        ArrayNode a = o.putArray("kpis");
        for (Kpi k : kpis) {
            a.addObject().put("name", k.name()).put("better", k.higherIsBetter() ? "higher" : "lower")
                    .put("maxDegradationPct", k.maxDegradationPct());
        }
        return o;
    }

    static CanaryPlan fromJson(JsonNode o) {
        List<Kpi> kpis = new ArrayList<>();
        o.get("kpis").forEach(k -> kpis.add(new Kpi(k.get("name").asText(), k.get("better").asText().equals("higher"),
                k.get("maxDegradationPct").asDouble())));
        return new CanaryPlan(o.get("version").asText(), o.get("share").asDouble(), o.get("durationS").asInt(),
                o.get("baselineS").asInt(), o.get("minSamples").asInt(), kpis, o.get("force").asBoolean());
    }

    /** A cell's samples of one KPI in one window: how many, and their mean. */
    record CellMean(String cellId, long samples, double mean) {}

    /** The outcome of a judgement: {@code ok}, {@code degraded} (roll back) or {@code inconclusive} (too few samples). */
    enum Verdict { OK, DEGRADED, INCONCLUSIVE }

    /**
     * Judges the canary on each KPI: per side (the canary's cells, the others), the sum over cells seen in both
     * windows of their mean before and during; the canary's ratio during/before over the others' ratio, minus
     * one, is its effect; against the KPI's direction, its degradation. Degraded when any KPI degrades beyond its
     * bound; inconclusive when a side has fewer than {@code minSamples} samples in a window. The figures go to
     * {@code out}.
     *
     * @param before per KPI, each cell's samples in the baseline window
     * @param during per KPI, each cell's samples since the canary started serving
     * @param inCanary whether a cell is one of the canary's
     */
    Verdict judge(Map<String, List<CellMean>> before, Map<String, List<CellMean>> during, Predicate<String> inCanary,
                  ObjectNode out) {
        Verdict verdict = Verdict.OK;
        List<String> reasons = new ArrayList<>();
        ArrayNode figures = out.putArray("kpis");
        for (Kpi k : kpis) {
            Map<String, CellMean> b = new HashMap<>();
            for (CellMean m : before.getOrDefault(k.name(), List.of())) b.put(m.cellId(), m);
            double[] sumBefore = new double[2];
            double[] sumDuring = new double[2];
            long[] nBefore = new long[2];
            long[] nDuring = new long[2];
            int[] cells = new int[2];
            for (CellMean d : during.getOrDefault(k.name(), List.of())) {
                CellMean p = b.get(d.cellId());
                if (p == null) continue;
                int side = inCanary.test(d.cellId()) ? 0 : 1;
                sumBefore[side] += p.mean();
                sumDuring[side] += d.mean();
                nBefore[side] += p.samples();
                nDuring[side] += d.samples();
                cells[side]++;
            }
            ObjectNode f = figures.addObject().put("name", k.name()).put("better", k.higherIsBetter() ? "higher" : "lower")
                    .put("maxDegradationPct", k.maxDegradationPct());
            f.putObject("canary").put("cells", cells[0]).put("samplesBefore", nBefore[0]).put("samplesDuring", nDuring[0])
                    .put("meanBefore", cells[0] == 0 ? 0 : sumBefore[0] / cells[0]).put("meanDuring", cells[0] == 0 ? 0 : sumDuring[0] / cells[0]);
            f.putObject("others").put("cells", cells[1]).put("samplesBefore", nBefore[1]).put("samplesDuring", nDuring[1])
                    .put("meanBefore", cells[1] == 0 ? 0 : sumBefore[1] / cells[1]).put("meanDuring", cells[1] == 0 ? 0 : sumDuring[1] / cells[1]);
            if (Math.min(Math.min(nBefore[0], nBefore[1]), Math.min(nDuring[0], nDuring[1])) < minSamples) {
                f.put("verdict", "inconclusive");
                reasons.add(k.name() + ": fewer than " + minSamples + " samples on a side");
                if (verdict == Verdict.OK) verdict = Verdict.INCONCLUSIVE;
                continue;
            }
            double ratioCanary = ratio(sumDuring[0], sumBefore[0]);
            double ratioOthers = ratio(sumDuring[1], sumBefore[1]);
            double effectPct = 100 * (ratioCanary / Math.max(ratioOthers, 1e-9) - 1);
            double degradationPct = k.higherIsBetter() ? -effectPct : effectPct;
            f.put("effectPct", round(effectPct)).put("degradationPct", round(degradationPct));
            if (degradationPct > k.maxDegradationPct()) {
                f.put("verdict", "degraded");
                reasons.add(String.format(java.util.Locale.ROOT, "%s %.1f %% worse in the canary's cells than in the others (bound %.1f %%)",
                        k.name(), degradationPct, k.maxDegradationPct()));
                verdict = Verdict.DEGRADED;
            } else {
                f.put("verdict", "ok");
            }
        }
        ArrayNode r = out.putArray("reasons");
        reasons.forEach(r::add);
        out.put("verdict", verdict.name().toLowerCase(java.util.Locale.ROOT));
        return verdict;
    }

    /** During over before; a KPI that was 0 before and stays 0 did not change (1), one that rose from 0 doubled (2). */
    private static double ratio(double during, double before) {
        if (before > 0) return Math.max(during, 0) / before;
        return during > 0 ? 2 : 1;
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
