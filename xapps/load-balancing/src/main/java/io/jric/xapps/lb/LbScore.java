package io.jric.xapps.lb;

import io.jric.api.xapp.ExperienceSample;
import io.jric.api.xapp.ModelListener;
import io.jric.xapps.ml.Predictor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well a load-balancing model's predictions match what the grid observed after the xApp's moves: the scorer of
 * the validation gate (the descriptor's {@code models[].gate}, docs/ml-lifecycle.md, "Two-cell outcomes and the
 * load-balancing xApp").
 *
 * <p>Each experience row ({@link LbExperience}) is about two cells: the one whose offset moved and its peer, the
 * neighbour the load moves to or from. For each of the two the row holds the model's 12 inputs as the planner scored
 * them (the peer's prefixed {@code peer.}), and the outcome holds each cell's mean PRB load and its radio link failures
 * over the horizon ({@code prbUsedDlPct}, {@code rlfCount}, {@code peer.prbUsedDlPct}, {@code peer.rlfCount}): what
 * the model predicts ({@code nextPrbUsedDlPct}, {@code nextRlfCount}) when the horizon is the decision period (5 s by
 * default, as both are). So every row gives two predictions to check, and both heads are observed. The metrics:
 * <ul>
 *   <li>{@code loadMaePct} (the gate's metric): mean |predicted − observed| next-period PRB load over both cells of every
 *       row, percent of PRBs; {@code loadBiasPct} its signed mean, {@code loadRmsePct} the root mean square; {@code peerLoadMaePct} over the peers only (the side
 *       the move is meant to relieve or fill);</li>
 *   <li>{@code persistenceLoadMaePct}: the same error of the load the cell had in the period before (the row's own
 *       {@code prbUsedDlPct}), the same for every version: how much a model beats doing without one;</li>
 *   <li>{@code rlfMae}: mean |predicted − observed| radio link failures per cell over the horizon;</li>
 *   <li>{@code invalidOutputs}: predictions that are NaN, infinite, a load outside [{@value #LOAD_MIN}, {@value #LOAD_MAX}]
 *       % or an RLF count outside [{@value #RLF_MIN}, {@value #RLF_MAX}]; such a prediction still counts in the errors,
 *       at the bound (NaN: the bound farthest from the observed value), so every version is scored on the same cells;</li>
 *   <li>{@code rows}: the cells scored (two per complete row).</li>
 * </ul>
 * A side whose outcome lacks the load is skipped; a feature the row lacks is 0, as for a KPI a node does not report.
 * Only offset moves are scored (and trained on, {@link LbExperienceTrainer}): a row whose action has no {@code cioDb}
 * or has {@code interFrequencyOffsetDb} (a layer move between two carriers, {@link LbExperience}) is left out, as
 * its features are not the model's inputs ({@link #isOffsetMove}).
 */
public final class LbScore {
    static final double LOAD_MIN = -50;
    static final double LOAD_MAX = 150;
    static final double RLF_MIN = -5;
    static final double RLF_MAX = 1000;

    private LbScore() {}

    /** One cell of a row as the model sees it and what the grid observed. */
    record Side(float[] x, double load, double rlf, boolean peer) {}

    /**
     * Whether {@code r} is an offset move (its features the model's 12 inputs of both cells): its action names
     * {@code cioDb} and no {@code interFrequencyOffsetDb}. A layer move's row holds three features per cell; the model's
     * other inputs would read as 0.
     */
    static boolean isOffsetMove(ExperienceSample r) {
        return r.action().containsKey("cioDb") && !r.action().containsKey("interFrequencyOffsetDb");
    }

    /**
     * The cells of the offset-move rows of {@code rows} ({@link #isOffsetMove}) with an observed load: the row's own
     * ({@code ""}) and its peer's ({@code peer.}).
     */
    static List<Side> sides(List<ExperienceSample> rows) {
        List<Side> out = new ArrayList<>();
        int nf = LbModel.INPUT_FEATURES.size();
        for (ExperienceSample r : rows) {
            if (!isOffsetMove(r)) continue;
            for (String prefix : new String[] {"", "peer."}) {
                Double load = r.outcome().get(prefix + "prbUsedDlPct");
                if (load == null || !Double.isFinite(load)) continue;
                Double rlf = r.outcome().get(prefix + "rlfCount");
                float[] x = new float[nf];
                for (int k = 0; k < nf; k++) {
                    Double v = r.features().get(prefix + LbModel.INPUT_FEATURES.get(k));
                    x[k] = v == null || !Double.isFinite(v) ? 0f : v.floatValue();
                }
                out.add(new Side(x, load, rlf == null || !Double.isFinite(rlf) ? Double.NaN : rlf, !prefix.isEmpty()));
            }
        }
        return out;
    }

    /** {@code v} within [{@code lo}, {@code hi}]; NaN: the bound farthest from {@code observed}. */
    static double bounded(float v, double lo, double hi, double observed) {
        if (Float.isNaN(v)) return Math.abs(hi - observed) >= Math.abs(observed - lo) ? hi : lo;
        return Math.max(lo, Math.min(hi, v));
    }

    /** The metrics of {@code p} on {@code rows}. */
    public static Map<String, Double> score(Predictor p, List<ExperienceSample> rows) {
        List<Side> sides = sides(rows);
        int n = sides.size();
        int nf = LbModel.INPUT_FEATURES.size();
        float[] in = new float[n * nf];
        for (int i = 0; i < n; i++) System.arraycopy(sides.get(i).x(), 0, in, i * nf, nf);
        float[] out = new float[2 * n];
        if (n > 0) p.predictBatch(in, n, out);
        double loadErr = 0;
        double loadSq = 0;
        double persistenceErr = 0;
        double loadBias = 0;
        double peerErr = 0;
        int peers = 0;
        double rlfErr = 0;
        int rlfRows = 0;
        long invalid = 0;
        int scored = 0;
        for (int i = 0; i < n; i++) {
            Side s = sides.get(i);
            if (!Float.isFinite(out[2 * i]) || !Float.isFinite(out[2 * i + 1]) || out[2 * i] < LOAD_MIN || out[2 * i] > LOAD_MAX
                    || out[2 * i + 1] < RLF_MIN || out[2 * i + 1] > RLF_MAX) {
                invalid++;
            }
            // an invalid output still counts, at its bound (NaN: the bound farthest from what was observed), so every
            // version is scored on the same cells (the gate compares two versions' means)
            double load = bounded(out[2 * i], LOAD_MIN, LOAD_MAX, s.load());
            double rlf = bounded(out[2 * i + 1], RLF_MIN, RLF_MAX, Double.isNaN(s.rlf()) ? 0 : s.rlf());
            double e = load - s.load();
            loadErr += Math.abs(e);
            loadSq += e * e;
            persistenceErr += Math.abs(s.x()[0] - s.load());
            loadBias += e;
            if (s.peer()) {
                peerErr += Math.abs(e);
                peers++;
            }
            if (!Double.isNaN(s.rlf())) {
                rlfErr += Math.abs(rlf - s.rlf());
                rlfRows++;
            }
            scored++;
        }
        Map<String, Double> m = new TreeMap<>();
        m.put("rows", (double) scored);
        m.put(ModelListener.INVALID_OUTPUTS, (double) invalid);
        m.put("loadMaePct", scored == 0 ? Double.NaN : loadErr / scored);
        m.put("loadBiasPct", scored == 0 ? Double.NaN : loadBias / scored);
        m.put("loadRmsePct", scored == 0 ? Double.NaN : Math.sqrt(loadSq / scored));
        m.put("persistenceLoadMaePct", scored == 0 ? Double.NaN : persistenceErr / scored);
        m.put("peerLoadMaePct", peers == 0 ? Double.NaN : peerErr / peers);
        m.put("rlfMae", rlfRows == 0 ? Double.NaN : rlfErr / rlfRows);
        return m;
    }
}
