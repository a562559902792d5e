package io.jric.xapps.anomaly;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.xapps.ml.KpiFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns each cell's KPM reports into the model's input row, the same way in the trainer and in the
 * xApp (reports consumed in arrival order, one node's report at a time: {@link #observe} the report's
 * cells, then {@link #features} and {@link #commit} each). Per watched KPI {@code k}, over a sliding
 * window of the cell's last reports:
 * <ul>
 *   <li>{@code k}: the value in this report;</li>
 *   <li>{@code delta.k}: the value's z-score against the cell's baseline, the mean and spread of its
 *       last {@value #WINDOW} normal reports (spread floored, see {@link #stdFloor}) (reports judged
 *       anomalous are kept out of the baseline, for at most {@value #MAX_FREEZE} periods in a row, after
 *       which a persistent change becomes the new normal);</li>
 *   <li>{@code lag1.k}, {@code lag2.k}: {@code delta.k} of the cell's previous two reports (0 before);</li>
 *   <li>{@code mean5.k}: the mean {@code delta.k} of the cell's last {@value #RECENT} reports;</li>
 *   <li>{@code step.k}: the change since the previous report, in units of the baseline's spread;</li>
 *   <li>{@code site.k}: {@code delta.k} minus the mean {@code delta.k} of the other cells of the same
 *       node (the site's other sectors share its traffic swing; a fault hits one sector, and an outage
 *       pushes its UEs onto the others);</li>
 *   <li>{@code networkDelta.k}: the mean of the latest {@code delta.k} over every cell: a load swing
 *       moves every cell, a fault one (and its neighbours a little).</li>
 * </ul>
 */
public final class AnomalyFeaturizer {
    /** The KPIs, in model order. */
    public static final List<String> KPIS = List.of("prbUsedDlPct", "throughputDlMbps", "avgCqi", "avgSinrDb", "rlfCount",
            "energyWh", "activeUes", "efficiencyMbpsPerPrbPct", "throughputUlMbps", "ulDlThroughputRatio");
    /** Feature groups, in model order (each one value per KPI). */
    public static final List<String> GROUPS = List.of("", "delta.", "lag1.", "lag2.", "mean5.", "step.", "site.", "networkDelta.");
    /** Input features, as in the descriptor. */
    public static final List<String> INPUT_FEATURES;
    /** Baseline window in report periods. */
    public static final int WINDOW = 30;
    /** Reports a cell needs before it is judged. */
    public static final int MIN_HISTORY = 5;
    /** Longest run of reports kept out of the baseline. */
    public static final int MAX_FREEZE = 60;
    /** Reports in the short window of {@code mean5}. */
    public static final int RECENT = 5;

    /**
     * Per-cell features from the per-UE records (KPM style 4), in model order: see {@link #observe}.
     */
    public static final List<String> UE_FEATURES = List.of("ue.effRatio", "ue.effRatioMin", "ue.effRatioMean3",
            "ue.scheduled", "ue.sinrStep", "ue.sinrStep3", "ue.lowEffShare", "ue.sinrStepHigh", "ue.sinrStepHigh3");

    static {
        List<String> all = new ArrayList<>();
        for (String g : GROUPS) for (String k : KPIS) all.add(g + k);
        all.addAll(UE_FEATURES);
        INPUT_FEATURES = List.copyOf(all);
    }

    private static final int U = UE_FEATURES.size();
    /** SINR bins of the learned efficiency table: 0.5 dB from -15 dB. */
    private static final int BINS = 110;
    private static final float BIN_LOW_DB = -15;
    /** Decay per update of the learned per-SINR efficiency (a slowly forgetting maximum). */
    private static final float EFF_DECAY = 0.9995f;
    /** UEs above this SINR have little interference, so a noise rise on their cell shows most in their SINR. */
    private static final float HIGH_SINR_DB = 8;
    /** Per SINR bin: the best Mbit/s per PRB seen lately (healthy cells set it; a degraded cell's UEs fall below it). */
    private final float[] effBySinr = new float[BINS];
    private final Map<Long, LastUe> ueLast = new HashMap<>();

    /** A UE's serving cell and SINR in its previous report. */
    private record LastUe(String cell, float sinrDb) {}

    private static final int K = KPIS.size();
    private static final KpiFeatures.Extractor EXTRACT = KpiFeatures.extractor(KPIS);
    private final Map<String, History> cells = new HashMap<>();
    private final Map<String, List<History>> sites = new HashMap<>();
    private final float[] netSum = new float[K];
    private int netCells;

    /** One cell's baseline ring and its recent z-scores. */
    static final class History {
        final float[][] ring = new float[WINDOW][K];
        int size;
        int next;
        int frozen;
        int reports;
        final float[] current = new float[K];
        final float[] previous = new float[K];
        final float[] z = new float[K];
        final float[] lag1 = new float[K];
        final float[] lag2 = new float[K];
        final float[] step = new float[K];
        final float[][] recent = new float[RECENT][K];
        final float[] ue = {1, 1, 1, 0, 0, 0, 0, 0, 0};
        final float[] highSteps = new float[3];
        final float[] effHistory = {1, 1, 1};
        final float[] sinrSteps = new float[3];

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
     * Takes in one node's report (all its cells, and its UEs if the subscription has them) before its
     * rows are built. From the UE records, per cell: {@code ue.effRatio} the mean, over UEs scheduled in
     * the report's last slot, of their Mbit/s per PRB divided by the best recently seen at their SINR
     * across the network (about 1 for a healthy cell, the remaining capacity share for a degraded one; 1
     * with no UE scheduled), {@code ue.effRatioMin} its minimum, {@code ue.effRatioMean3} its mean over
     * the cell's last 3 reports, {@code ue.scheduled} the number of UEs scheduled, {@code ue.sinrStep}
     * the mean SINR change in dB of the UEs served by the cell in this and the previous report (UE
     * positions change little in a second; a noise rise on the cell moves them all),
     * {@code ue.sinrStep3} its sum over the last 3 reports, {@code ue.lowEffShare} the share of
     * scheduled UEs below 0.75 of the expected efficiency, {@code ue.sinrStepHigh} and {@code ue.sinrStepHigh3}
     * the same steps as {@code ue.sinrStep} and {@code ue.sinrStep3} over the UEs that had at least 8 dB
     * (little interference, so a noise rise shows most in them).
     */
    public void observe(KpmReport report) {
        observe(report.cells());
        observeUes(report.cells(), report.ues());
    }

    private static int bin(float sinrDb) {
        return Math.max(0, Math.min(BINS - 1, (int) Math.floor((sinrDb - BIN_LOW_DB) * 2)));
    }

    private void observeUes(List<CellKpi> cellList, List<UeKpi> ues) {
        Map<String, float[]> acc = new HashMap<>();
        for (CellKpi c : cellList) acc.put(c.cellId(), new float[8]);
        // acc: 0 sum ratio, 1 min ratio, 2 scheduled, 3 sum sinr step, 4 matched UEs, 5 low-eff count,
        // 6 sum sinr step of matched UEs above HIGH_SINR_DB, 7 their count
        for (float[] a : acc.values()) a[1] = 1;
        List<float[]> updates = new ArrayList<>();
        for (UeKpi u : ues) {
            float[] a = acc.get(u.servingCellId());
            if (a == null) continue;
            int b = bin(u.sinrDb());
            if (u.prbUsedDl() > 0 && u.throughputDlMbps() > 0) {
                float eff = u.throughputDlMbps() / u.prbUsedDl();
                float ref = effBySinr[b];
                float ratio = ref <= 0 ? 1 : Math.min(1.5f, eff / ref);
                a[0] += ratio;
                a[1] = Math.min(a[1], ratio);
                a[2]++;
                if (ratio < 0.75f) a[5]++;
                updates.add(new float[] {b, eff});
            }
            LastUe last = ueLast.get(u.ueId());
            if (last != null && last.cell().equals(u.servingCellId())) {
                a[3] += u.sinrDb() - last.sinrDb();
                a[4]++;
                if (last.sinrDb() >= HIGH_SINR_DB) {
                    a[6] += u.sinrDb() - last.sinrDb();
                    a[7]++;
                }
            }
            ueLast.put(u.ueId(), new LastUe(u.servingCellId(), u.sinrDb()));
        }
        for (float[] up : updates) {
            int b = (int) up[0];
            effBySinr[b] = Math.max(effBySinr[b] * EFF_DECAY, up[1]);
        }
        for (CellKpi c : cellList) {
            History h = cells.get(c.cellId());
            float[] a = acc.get(c.cellId());
            float ratio = a[2] == 0 ? 1 : a[0] / a[2];
            float step = a[4] == 0 ? 0 : a[3] / a[4];
            System.arraycopy(h.effHistory, 0, h.effHistory, 1, 2);
            h.effHistory[0] = ratio;
            System.arraycopy(h.sinrSteps, 0, h.sinrSteps, 1, 2);
            h.sinrSteps[0] = step;
            h.ue[0] = ratio;
            h.ue[1] = a[1];
            h.ue[2] = (h.effHistory[0] + h.effHistory[1] + h.effHistory[2]) / 3;
            h.ue[3] = a[2];
            h.ue[4] = step;
            h.ue[5] = h.sinrSteps[0] + h.sinrSteps[1] + h.sinrSteps[2];
            h.ue[6] = a[2] == 0 ? 0 : a[5] / a[2];
            System.arraycopy(h.highSteps, 0, h.highSteps, 1, 2);
            h.highSteps[0] = a[7] == 0 ? 0 : a[6] / a[7];
            h.ue[7] = h.highSteps[0];
            h.ue[8] = h.highSteps[0] + h.highSteps[1] + h.highSteps[2];
        }
    }

    /** Takes in one node's cell records (no UE records: the UE features stay neutral). */
    public void observe(List<CellKpi> report) {
        for (CellKpi kpi : report) {
            History h = cells.get(kpi.cellId());
            if (h == null) {
                h = new History();
                cells.put(kpi.cellId(), h);
                sites.computeIfAbsent(kpi.nodeId() == null ? "" : kpi.nodeId(), n -> new ArrayList<>()).add(h);
                netCells++;
            }
            System.arraycopy(h.current, 0, h.previous, 0, K);
            EXTRACT.extract(kpi, h.current, 0);
            System.arraycopy(h.lag1, 0, h.lag2, 0, K);
            System.arraycopy(h.z, 0, h.lag1, 0, K);
            for (int k = 0; k < K; k++) {
                netSum[k] -= h.z[k];
                if (h.size == 0) {
                    h.z[k] = 0;
                    h.step[k] = 0;
                } else {
                    float m = h.mean(k);
                    float sd = Math.max(h.std(k), stdFloor(k, m));
                    h.z[k] = (h.current[k] - m) / sd;
                    h.step[k] = h.reports == 0 ? 0 : (h.current[k] - h.previous[k]) / sd;
                }
                netSum[k] += h.z[k];
            }
            System.arraycopy(h.z, 0, h.recent[h.reports % RECENT], 0, K);
            h.reports++;
        }
    }

    /**
     * Writes the feature row of {@code kpi} (already {@link #observe}d) into {@code row} (length
     * {@code INPUT_FEATURES.size()}); returns false when the cell has too little history to be judged
     * (row left undefined).
     */
    public boolean features(CellKpi kpi, float[] row) {
        History h = cells.get(kpi.cellId());
        if (h == null) {
            observe(List.of(kpi));
            h = cells.get(kpi.cellId());
        }
        if (h.size < MIN_HISTORY) return false;
        List<History> site = sites.get(kpi.nodeId() == null ? "" : kpi.nodeId());
        for (int k = 0; k < K; k++) {
            float others = 0;
            int n = 0;
            for (History o : site) {
                if (o == h || o.size == 0) continue;
                others += o.z[k];
                n++;
            }
            row[k] = h.current[k];
            row[K + k] = h.z[k];
            row[2 * K + k] = h.lag1[k];
            row[3 * K + k] = h.lag2[k];
            float recent = 0;
            int m = Math.min(RECENT, h.reports);
            for (int i = 0; i < m; i++) recent += h.recent[i][k];
            row[4 * K + k] = recent / m;
            row[5 * K + k] = h.step[k];
            row[6 * K + k] = n == 0 ? 0 : h.z[k] - others / n;
            row[7 * K + k] = netSum[k] / netCells;
        }
        System.arraycopy(h.ue, 0, row, GROUPS.size() * K, U);
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
        return h == null ? 0 : h.z[k];
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
