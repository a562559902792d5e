package io.jric.xapps.anomaly;

import io.jric.api.kpm.CellKpi;
import io.jric.xapps.ml.KpiFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each cell's KPM reports into the model's input row, the same way in the trainer and in the
 * xApp (reports consumed in arrival order). Per watched KPI {@code k}:
 * <ul>
 *   <li>{@code k}: the value in this report;</li>
 *   <li>{@code delta.k}: the value's z-score against the cell's baseline, the mean and spread of its
 *       last {@value #WINDOW} normal reports (spread floored, see {@link #stdFloor}) (reports judged anomalous are kept out of the baseline, for at most
 *       {@value #MAX_FREEZE} periods in a row, after which a persistent change becomes the new normal);</li>
 *   <li>{@code networkDelta.k}: the mean of the latest {@code delta.k} (z-scores) over every cell: a load swing
 *       moves every cell, a fault moves one (and its neighbours a little).</li>
 * </ul>
 */
public final class AnomalyFeaturizer {
    /** The KPIs, in model order. */
    public static final List<String> KPIS = List.of("prbUsedDlPct", "throughputDlMbps", "avgCqi", "avgSinrDb", "rlfCount",
            "energyWh", "activeUes", "efficiencyMbpsPerPrbPct");
    /** Input features, as in the descriptor. */
    public static final List<String> INPUT_FEATURES;
    /** Baseline window in report periods. */
    public static final int WINDOW = 30;
    /** Reports a cell needs before it is judged. */
    public static final int MIN_HISTORY = 5;
    /** Longest run of reports kept out of the baseline. */
    public static final int MAX_FREEZE = 60;

    static {
        List<String> all = new ArrayList<>(KPIS);
        for (String k : KPIS) all.add("delta." + k);
        for (String k : KPIS) all.add("networkDelta." + k);
        INPUT_FEATURES = List.copyOf(all);
    }

    private static final int K = KPIS.size();
    private static final KpiFeatures.Extractor EXTRACT = KpiFeatures.extractor(KPIS);
    private final Map<String, History> cells = new HashMap<>();
    private final Map<String, float[]> lastDelta = new HashMap<>();
    private final float[] netSum = new float[K];

    /** One cell's baseline ring. */
    static final class History {
        final float[][] ring = new float[WINDOW][K];
        int size;
        int next;
        int frozen;
        final float[] current = new float[K];

        float mean(int k) {
            float s = 0;
            for (int i = 0; i < size; i++) s += ring[i][k];
            return size == 0 ? 0 : s / size;
        }

        float std(int k) {
            float m = mean(k);
            float s = 0;
            for (int i = 0; i < size; i++) s += (ring[i][k] - m) * (ring[i][k] - m);
            return size == 0 ? 0 : (float) Math.sqrt(s / size);
        }
    }

    /**
     * Writes the feature row of {@code kpi} into {@code row} (length {@code INPUT_FEATURES.size()});
     * returns false when the cell has too little history to be judged (row left undefined).
     */
    public boolean features(CellKpi kpi, float[] row) {
        History h = cells.computeIfAbsent(kpi.cellId(), c -> new History());
        EXTRACT.extract(kpi, h.current, 0);
        float[] d = lastDelta.computeIfAbsent(kpi.cellId(), c -> new float[K]);
        for (int k = 0; k < K; k++) {
            netSum[k] -= d[k];
            d[k] = h.size == 0 ? 0 : (h.current[k] - h.mean(k)) / Math.max(h.std(k), stdFloor(k, h.mean(k)));
            netSum[k] += d[k];
        }
        if (h.size < MIN_HISTORY) return false;
        int n = lastDelta.size();
        for (int k = 0; k < K; k++) {
            row[k] = h.current[k];
            row[K + k] = d[k];
            row[2 * K + k] = netSum[k] / n;
        }
        return true;
    }

    /** After {@link #features}: whether the report enters the cell's baseline ({@code anomalous}: not, within limits). */
    public void commit(String cellId, boolean anomalous) {
        History h = cells.get(cellId);
        if (h == null) return;
        if (anomalous && h.size >= MIN_HISTORY && h.frozen < MAX_FREEZE) {
            h.frozen++;
            return;
        }
        h.frozen = 0;
        System.arraycopy(h.current, 0, h.ring[h.next], 0, K);
        h.next = (h.next + 1) % WINDOW;
        h.size = Math.min(WINDOW, h.size + 1);
    }

    /** z-score of KPI {@code k} of the cell's current report against its baseline (std floored, see {@link #stdFloor}). */
    public double z(String cellId, int k) {
        History h = cells.get(cellId);
        if (h == null || h.size == 0) return 0;
        float m = h.mean(k);
        return (h.current[k] - m) / Math.max(h.std(k), stdFloor(k, m));
    }

    /**
     * Smallest spread a KPI's baseline is given, so a flat history does not make every wobble an
     * outlier: 1 % of the mean, and half a count for RLFs (a count that is usually 0).
     */
    static float stdFloor(int k, float mean) {
        float f = Math.max(1e-3f, 0.01f * Math.abs(mean));
        return KPIS.get(k).equals("rlfCount") ? Math.max(f, 0.5f) : f;
    }
}
