package io.jric.xapps.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The training data's distribution of each input feature, kept with the model so that serving can tell
 * when its inputs no longer look like what the model learned from (issue #15, item 7; see
 * {@link DriftMonitor}). Per feature: fixed bin edges at the training data's quantiles (deciles by
 * default; equal quantiles merged, so a feature with few distinct values gets fewer bins) and the share of
 * training rows in each bin. A value {@code v} falls in the first bin {@code i} with {@code v <= edges[i]},
 * or in the last bin ({@code edges.length}) when it is above every edge.
 *
 * <p>Stored in the bundle's {@code metadata.json} under {@code extra.driftReference} (JSON text), written by
 * {@link MlpTrainer#bundle} from the rows the network was trained on. Bundles without it (trained before it
 * existed, or imported from Keras) load as before; {@link #of(ModelMetadata)} returns null for them and drift
 * watching is off for that model.
 */
public final class DriftReference {
    /** The key in {@link ModelMetadata#extra()}. */
    public static final String EXTRA_KEY = "driftReference";
    /** Bins per feature by default: deciles of the training data. */
    public static final int DEFAULT_BINS = 10;
    /** Most bins a feature may have (bins are kept in a byte per sample when serving). */
    public static final int MAX_BINS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One feature's bins: {@code edges.length + 1} bins, {@code fractions} summing to 1. */
    public record Feature(String name, double[] edges, double[] fractions) {
        public Feature {
            Objects.requireNonNull(name, "name");
            if (fractions.length != edges.length + 1) {
                throw new IllegalArgumentException(name + ": " + fractions.length + " fractions for " + edges.length
                        + " edges (expected: " + (edges.length + 1) + ")");
            }
            if (fractions.length > MAX_BINS) {
                throw new IllegalArgumentException(name + ": " + fractions.length + " bins (expected: <= " + MAX_BINS + ")");
            }
            for (int i = 0; i < edges.length; i++) {
                if (!Double.isFinite(edges[i]) || (i > 0 && edges[i] <= edges[i - 1])) {
                    throw new IllegalArgumentException(name + ".edges: " + Arrays.toString(edges)
                            + " (expected: finite and strictly increasing)");
                }
            }
            double sum = 0;
            for (double f : fractions) {
                if (!(f >= 0) || !Double.isFinite(f)) {
                    throw new IllegalArgumentException(name + ".fractions: " + Arrays.toString(fractions)
                            + " (expected: finite and >= 0)");
                }
                sum += f;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new IllegalArgumentException(name + ".fractions: sum " + sum + " (expected: 1)");
            }
        }

        /** The bin of {@code v}: the first {@code i} with {@code v <= edges[i]}, else {@code edges.length}. */
        public int bin(double v) {
            int lo = 0;
            int hi = edges.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (v <= edges[mid]) hi = mid;
                else lo = mid + 1;
            }
            return lo;
        }

        /** Number of bins. */
        public int bins() {
            return fractions.length;
        }
    }

    private final long rows;
    private final Map<String, Feature> features;

    private DriftReference(long rows, Map<String, Feature> features) {
        if (rows < 1) throw new IllegalArgumentException("rows: " + rows + " (expected: >= 1)");
        this.rows = rows;
        this.features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    }

    /**
     * The reference of training rows: per column of {@code rows} (named by {@code names}, in order), edges at
     * the {@code k/bins} quantiles and the share of rows per bin. Non-finite values are left out; a column
     * with no finite value gets no reference.
     */
    public static DriftReference fit(List<String> names, float[][] rows, int bins) {
        Objects.requireNonNull(names, "names");
        if (rows.length == 0) throw new IllegalArgumentException("rows: empty");
        if (bins < 2 || bins > MAX_BINS) throw new IllegalArgumentException("bins: " + bins + " (expected: 2.." + MAX_BINS + ")");
        if (rows[0].length != names.size()) {
            throw new IllegalArgumentException("rows: " + rows[0].length + " columns (expected: " + names.size() + ", one per name)");
        }
        Map<String, Feature> out = new LinkedHashMap<>();
        float[] col = new float[rows.length];
        for (int j = 0; j < names.size(); j++) {
            int n = 0;
            for (float[] r : rows) if (Float.isFinite(r[j])) col[n++] = r[j];
            if (n == 0) continue;
            float[] sorted = Arrays.copyOf(col, n);
            Arrays.sort(sorted);
            List<Double> edges = new ArrayList<>();
            for (int k = 1; k < bins; k++) {
                double e = sorted[Math.max(0, (int) Math.ceil((double) k * n / bins) - 1)];
                if (edges.isEmpty() || e > edges.get(edges.size() - 1)) edges.add(e);
            }
            double[] ed = edges.stream().mapToDouble(Double::doubleValue).toArray();
            double[] counts = new double[ed.length + 1];
            Feature probe = new Feature(names.get(j), ed, uniform(ed.length + 1));
            for (int i = 0; i < n; i++) counts[probe.bin(sorted[i])]++;
            for (int i = 0; i < counts.length; i++) counts[i] /= n;
            out.put(names.get(j), new Feature(names.get(j), ed, counts));
        }
        return new DriftReference(rows.length, out);
    }

    private static double[] uniform(int n) {
        double[] f = new double[n];
        Arrays.fill(f, 1.0 / n);
        return f;
    }

    /** Training rows the reference was fitted on. */
    public long rows() {
        return rows;
    }

    /** The features with a reference, by name. */
    public Map<String, Feature> features() {
        return features;
    }

    /** The reference of a feature, or null. */
    public Feature feature(String name) {
        return features.get(name);
    }

    /**
     * Population stability index of an observed histogram against the reference bins of {@code f}:
     * {@code sum_i (a_i - r_i) ln(a_i / r_i)} with {@code a_i}, {@code r_i} the observed and reference shares,
     * each smoothed by half a row per bin (so an empty bin gives a large but finite term). {@code counts}
     * must have {@code f.bins()} entries; 0 when nothing was observed.
     */
    public static double psi(Feature f, long[] counts, long referenceRows) {
        if (counts.length != f.bins()) {
            throw new IllegalArgumentException("counts: " + counts.length + " bins (expected: " + f.bins() + ")");
        }
        long n = 0;
        for (long c : counts) n += c;
        if (n == 0) return 0;
        int b = counts.length;
        double psi = 0;
        for (int i = 0; i < b; i++) {
            double a = (counts[i] + 0.5) / (n + 0.5 * b);
            double r = (f.fractions()[i] * referenceRows + 0.5) / (referenceRows + 0.5 * b);
            psi += (a - r) * Math.log(a / r);
        }
        return psi;
    }

    /** The reference as JSON text (what {@link #EXTRA_KEY} holds). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("rows", rows);
        ObjectNode fs = root.putObject("features");
        for (Feature f : features.values()) {
            ObjectNode o = fs.putObject(f.name());
            ArrayNode e = o.putArray("edges");
            for (double v : f.edges()) e.add((float) v);
            ArrayNode p = o.putArray("fractions");
            for (double v : f.fractions()) p.add(Math.round(v * 1e6) / 1e6);
        }
        return root.toString();
    }

    /**
     * Reads {@link #toJson} text.
     *
     * @throws IllegalArgumentException unreadable, naming what is wrong
     */
    public static DriftReference parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(EXTRA_KEY + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || root.path("format").asInt() != 1) {
            throw new IllegalArgumentException(EXTRA_KEY + ".format: " + (root == null ? null : root.get("format")) + " (expected: 1)");
        }
        long rows = root.path("rows").asLong(0);
        Map<String, Feature> ordered = new LinkedHashMap<>();
        JsonNode fs = root.path("features");
        if (!fs.isObject()) throw new IllegalArgumentException(EXTRA_KEY + ".features: missing (expected: an object)");
        for (var it = fs.fields(); it.hasNext(); ) {
            var e = it.next();
            double[] edges = numbers(e.getValue().path("edges"), EXTRA_KEY + ".features." + e.getKey() + ".edges");
            double[] fr = numbers(e.getValue().path("fractions"), EXTRA_KEY + ".features." + e.getKey() + ".fractions");
            Feature f = new Feature(e.getKey(), edges, fr);
            ordered.put(e.getKey(), f);
        }
        return new DriftReference(rows, ordered);
    }

    private static double[] numbers(JsonNode a, String what) {
        if (!a.isArray()) throw new IllegalArgumentException(what + ": missing (expected: an array of numbers)");
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!a.get(i).isNumber()) throw new IllegalArgumentException(what + "[" + i + "]: " + a.get(i) + " (expected: a number)");
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    /**
     * The reference a model carries, or null when it has none (drift watching off for it).
     *
     * @throws IllegalArgumentException present but unreadable
     */
    public static DriftReference of(ModelMetadata md) {
        String s = md.extra().get(EXTRA_KEY);
        return s == null ? null : parse(s);
    }

    /** {@code extra} with this reference added under {@link #EXTRA_KEY}. */
    public Map<String, String> addTo(Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>(extra == null ? Map.of() : extra);
        m.put(EXTRA_KEY, toJson());
        return m;
    }
}
