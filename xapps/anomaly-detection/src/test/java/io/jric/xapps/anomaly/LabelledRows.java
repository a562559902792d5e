package io.jric.xapps.anomaly;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ExperienceSample;
import io.jric.sim.Fault;
import io.jric.xapps.ml.SimRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Experience rows as the anomaly xApp records them (an alarm's row, and a normal row per cell every so often), made
 * by replaying a simulator recording through the xApp's decision logic, and an operator's labels from the
 * simulator's ground truth ({@link #label}).
 */
final class LabelledRows {
    private LabelledRows() {}

    /**
     * The operator's label of a row from the ground truth, {@code timeMs} in simulated time: an alarm is confirmed when
     * a fault of its cell covers it (from a period before its start to two periods after its end, the recovery
     * transient, as {@link DetectionScore} counts), else rejected; a normal row is confirmed when a fault covers most
     * of its period (a fault the version missed), else left unlabelled (null).
     */
    static String label(List<Fault> faults, String cell, long timeMs, boolean alarm) {
        if (alarm) {
            for (Fault f : faults) {
                if (f.cellId().equals(cell) && timeMs >= f.startMs() - Trainer.PERIOD_MS
                        && timeMs < f.startMs() + f.durationMs() + 2 * Trainer.PERIOD_MS) return "confirmed";
            }
            return "rejected";
        }
        return FaultSchedule.label(faults, cell, timeMs, Trainer.PERIOD_MS) != FaultClass.NORMAL ? "confirmed" : null;
    }

    /** The rows {@code model} records on {@code rec} (default policy), labelled from the recording's faults. */
    static List<ExperienceSample> rows(AnomalyDetector.Model model, Trainer.Recording rec, long normalEveryMs) {
        AnomalyDetector d = new AnomalyDetector();
        Map<String, float[]> judged = new HashMap<>();
        d.judged = (c, row) -> judged.put(c.cellId() + "@" + c.timestampMs(), row.clone());
        Map<String, Long> lastNormal = new HashMap<>();
        List<ExperienceSample> out = new ArrayList<>();
        for (KpmReport r : rec.reports()) {
            Set<String> flagged = new HashSet<>();
            for (AnomalyDetector.Finding f : d.onReport(r, model, AnomalyPolicy.DEFAULT, null)) {
                flagged.add(f.cell().cellId());
                if (!f.alarm()) continue;
                float[] in = judged.get(f.cell().cellId() + "@" + f.cell().timestampMs());
                out.add(sample(f.cell(), in, f.type(), f.score(), label(rec.faults(), f.cell().cellId(),
                        f.cell().timestampMs() - SimRun.EPOCH_MS, true)));
            }
            for (CellKpi c : r.cells()) {
                float[] in = judged.get(c.cellId() + "@" + c.timestampMs());
                if (flagged.contains(c.cellId()) || in == null) continue;
                Long last = lastNormal.get(c.cellId());
                if (last != null && c.timestampMs() - last < normalEveryMs) continue;
                lastNormal.put(c.cellId(), c.timestampMs());
                out.add(sample(c, in, FaultClass.NORMAL, 0, label(rec.faults(), c.cellId(), c.timestampMs() - SimRun.EPOCH_MS, false)));
            }
            judged.clear();
        }
        return out;
    }

    static ExperienceSample sample(CellKpi c, float[] in, FaultClass verdict, double score, String label) {
        return new ExperienceSample(c.nodeId(), c.cellId(), c.timestampMs(), AnomalyExperience.features(in),
                AnomalyExperience.action(in, verdict, score), Map.of("rlfCount", 0.0), 10, label);
    }

    /** The rows with their labels permuted across them (the absence of a label moves too), {@code Random(seed)}. */
    static List<ExperienceSample> shuffledLabels(List<ExperienceSample> rows, long seed) {
        List<String> labels = new ArrayList<>();
        for (ExperienceSample r : rows) labels.add(r.label());
        Collections.shuffle(labels, new Random(seed));
        List<ExperienceSample> out = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) out.add(relabel(rows.get(i), labels.get(i)));
        return out;
    }

    static ExperienceSample relabel(ExperienceSample r, String label) {
        return new ExperienceSample(r.nodeId(), r.cellId(), r.timeMs(), r.features(), r.action(), r.outcome(), r.outcomeSamples(), label);
    }

    /** Counts by kind: alarms, confirmed, rejected, normal rows, confirmed normal rows. */
    static String describe(List<ExperienceSample> rows) {
        int alarms = 0, confirmed = 0, rejected = 0, normal = 0, missed = 0;
        for (ExperienceSample r : rows) {
            boolean alarm = AnomalyExperience.verdict(r) > 0;
            if (alarm) alarms++;
            else normal++;
            if ("confirmed".equals(r.label())) {
                confirmed++;
                if (!alarm) missed++;
            }
            if ("rejected".equals(r.label())) rejected++;
        }
        return rows.size() + " rows: " + alarms + " alarms, " + normal + " normal; labels " + confirmed + " confirmed (" + missed
                + " of them normal rows: missed faults), " + rejected + " rejected";
    }
}
