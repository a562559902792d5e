package io.jric.xapps.handover;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the handover xApp knows about each UE, built only from KPM reports ({@code cell-and-ue}
 * style): the serving cell and since when, the previous cell, the last serving RSRP/SINR and the
 * RSRP delta of every reported neighbour (for trends), plus the latest PRB load of every cell. From
 * it, one {@link Candidate} per reported neighbour with the model's input features
 * ({@link HandoverModel#INPUT_FEATURES}). The trainer feeds the same reports through the same class,
 * so training and inference see identical features.
 */
final class UeTracker {
    /** Per-UE history. */
    static final class Ue {
        String serving;
        String previous;
        long servingSinceMs;
        long lastTs = Long.MIN_VALUE;
        float rsrp;
        float sinr;
        final Map<String, Float> nbrDelta = new HashMap<>();
        // decision state (xApp only)
        String pendingTarget;
        int pendingCount;
        long lastXappHandoverMs = Long.MIN_VALUE / 2;
        /** Reports in a row with the serving SINR below the policy's rescue threshold. */
        int lowReports;
        /** Report times of the UE's two latest returns to its previous cell (within {@link #RETURN_MS} of leaving it). */
        long lastReturnMs = Long.MIN_VALUE / 2;
        long returnBeforeMs = Long.MIN_VALUE / 2;
        /** Report time of the UE's latest experience row (docs/ml-lifecycle.md, section 14). */
        long lastExperienceRowMs = Long.MIN_VALUE / 2;
        /** Report time of the UE's latest decision that explored ({@link HandoverExploration#cooldownMs}). */
        long lastExploredMs = Long.MIN_VALUE / 2;

        /** The UE's returns to its previous cell seen within {@code memoryMs} before {@code nowMs} (0..2). */
        int returnsWithin(long nowMs, long memoryMs) {
            return (nowMs - lastReturnMs <= memoryMs ? 1 : 0) + (nowMs - returnBeforeMs <= memoryMs ? 1 : 0);
        }
    }

    /** A cell change back to the previous cell within this long of leaving it counts as a return (the longer ping-pong window). */
    static final long RETURN_MS = 10_000;

    /**
     * One handover candidate of one UE.
     *
     * @param ueId          the UE
     * @param nodeId        the node serving it (where a handover control goes)
     * @param servingCellId its serving cell
     * @param targetCellId  the reported neighbour
     * @param features      {@link HandoverModel#INPUT_FEATURES}, raw
     */
    record Candidate(long ueId, String nodeId, String servingCellId, String targetCellId, float[] features) {
        float rsrpDeltaDb() {
            return features[HandoverModel.F_RSRP_DELTA];
        }
    }

    private final Map<Long, Ue> ues = new HashMap<>();
    private final Map<String, Float> cellLoad = new HashMap<>();

    Ue ue(long ueId) {
        return ues.get(ueId);
    }

    /** Latest DL PRB load of a cell in percent (0 if never reported). */
    float load(String cellId) {
        return cellLoad.getOrDefault(cellId, 0f);
    }

    /** Updates from one report and returns the candidates of every UE in it, UE by UE in report order. */
    List<Candidate> update(KpmReport report) {
        for (CellKpi c : report.cells()) cellLoad.put(c.cellId(), c.prbUsedDlPct());
        List<Candidate> out = new ArrayList<>();
        for (UeKpi u : report.ues()) {
            Ue s = ues.computeIfAbsent(u.ueId(), k -> new Ue());
            boolean fresh = s.lastTs != Long.MIN_VALUE && u.timestampMs() - s.lastTs <= 1000;
            if (s.serving == null) {
                s.serving = u.servingCellId();
                s.servingSinceMs = u.timestampMs() - 10_000;  // unknown: treat as long settled
            } else if (!s.serving.equals(u.servingCellId())) {
                if (u.servingCellId().equals(s.previous) && u.timestampMs() - s.servingSinceMs <= RETURN_MS) {
                    s.returnBeforeMs = s.lastReturnMs;
                    s.lastReturnMs = u.timestampMs();
                }
                s.previous = s.serving;
                s.serving = u.servingCellId();
                s.servingSinceMs = u.timestampMs();
                s.pendingTarget = null;
                s.pendingCount = 0;
                fresh = false;  // trends across a cell change mean nothing
            }
            String[] ids = u.neighbourCellIds();
            float[] rsrp = u.neighbourRsrpDbm();
            float[] sinr = u.neighbourSinrDb();
            float servLoad = load(u.servingCellId());
            float sinceS = Math.min(10f, (u.timestampMs() - s.servingSinceMs) / 1000f);
            float sinrTrend = fresh ? u.sinrDb() - s.sinr : 0;
            float rsrpTrendAbs = fresh ? Math.abs(u.rsrpDbm() - s.rsrp) : 0;
            for (int j = 0; j < ids.length; j++) {
                float delta = rsrp[j] - u.rsrpDbm();
                Float before = fresh ? s.nbrDelta.get(ids[j]) : null;
                float[] f = new float[HandoverModel.INPUT_FEATURES.size()];
                f[0] = u.rsrpDbm();
                f[1] = clampSinr(u.sinrDb());
                f[HandoverModel.F_RSRP_DELTA] = delta;
                f[3] = clampSinr(sinr[j]) - clampSinr(u.sinrDb());
                f[4] = before == null ? 0 : delta - before;
                f[5] = sinrTrend;
                f[6] = rsrpTrendAbs;
                f[7] = servLoad;
                f[8] = load(ids[j]);
                f[9] = u.throughputDlMbps();
                f[10] = sinceS;
                f[11] = j;
                f[12] = ids[j].equals(s.previous) ? 1 : 0;
                out.add(new Candidate(u.ueId(), u.nodeId(), u.servingCellId(), ids[j], f));
            }
            s.nbrDelta.clear();
            for (int j = 0; j < ids.length; j++) s.nbrDelta.put(ids[j], rsrp[j] - u.rsrpDbm());
            s.rsrp = u.rsrpDbm();
            s.sinr = u.sinrDb();
            s.lastTs = u.timestampMs();
        }
        return out;
    }

    static float clampSinr(float db) {
        return Math.max(-15f, Math.min(30f, db));
    }
}
