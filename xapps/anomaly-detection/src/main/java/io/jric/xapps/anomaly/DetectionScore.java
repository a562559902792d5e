package io.jric.xapps.anomaly;

import io.jric.sim.Fault;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Event-level detection scores. Each injected fault is an event on its cell covering report periods
 * {@code first..last} (the periods its window touches). Consecutive alarm periods of a cell form an
 * episode; an episode is a true positive when it overlaps {@code first..last+2} of a fault on that
 * cell (two periods of grace for the recovery transient), else a false alarm. A fault is detected when
 * an alarm falls in {@code first..last+2}; its delay is the first such period minus {@code first}
 * (0 = the report covering the onset). Precision = true episodes / episodes; recall = detected faults
 * / faults; F1 their harmonic mean; "within 3" counts a fault as detected only with delay <= 3.
 *
 * @param faults         injected faults
 * @param detected       detected faults
 * @param detectedWithin3 detected with delay <= 3 periods
 * @param episodes       alarm episodes
 * @param falseEpisodes  episodes overlapping no fault
 * @param meanDelay      mean delay of detected faults, periods
 * @param hours          simulated hours
 */
public record DetectionScore(int faults, int detected, int detectedWithin3, int episodes, int falseEpisodes,
                             double meanDelay, double hours) {

    public double precision() {
        return episodes == 0 ? 0 : (episodes - falseEpisodes) / (double) episodes;
    }

    public double recall() {
        return faults == 0 ? 0 : detected / (double) faults;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** F1 counting only detections within 3 report periods. */
    public double f1Within3() {
        double p = precision();
        double r = faults == 0 ? 0 : detectedWithin3 / (double) faults;
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double falseAlarmsPerHour() {
        return hours == 0 ? 0 : falseEpisodes / hours;
    }

    /** Scores alarm periods (per cell, period indices) against the faults. */
    public static DetectionScore score(List<Fault> faults, Map<String, ? extends NavigableSet<Long>> alarms, long periodMs,
                                       double hours) {
        int detected = 0;
        int within3 = 0;
        double delaySum = 0;
        for (Fault f : faults) {
            long first = f.startMs() / periodMs;
            long last = (f.startMs() + f.durationMs() - 1) / periodMs;
            NavigableSet<Long> a = alarms.containsKey(f.cellId()) ? alarms.get(f.cellId()) : new TreeSet<Long>();
            Long hit = a.ceiling(first);
            if (hit != null && hit <= last + 2) {
                detected++;
                delaySum += hit - first;
                if (hit - first <= 3) within3++;
            }
        }
        int episodes = 0;
        int falseEpisodes = 0;
        for (Map.Entry<String, ? extends NavigableSet<Long>> e : alarms.entrySet()) {
            Long start = null;
            Long prev = null;
            for (long p : e.getValue()) {
                if (prev == null || p != prev + 1) {
                    if (start != null) {
                        episodes++;
                        if (!overlaps(faults, e.getKey(), start, prev, periodMs)) falseEpisodes++;
                    }
                    start = p;
                }
                prev = p;
            }
            if (start != null) {
                episodes++;
                if (!overlaps(faults, e.getKey(), start, prev, periodMs)) falseEpisodes++;
            }
        }
        return new DetectionScore(faults.size(), detected, within3, episodes, falseEpisodes,
                detected == 0 ? Double.NaN : delaySum / detected, hours);
    }

    private static boolean overlaps(List<Fault> faults, String cell, long from, long to, long periodMs) {
        for (Fault f : faults) {
            if (!f.cellId().equals(cell)) continue;
            long first = f.startMs() / periodMs;
            long last = (f.startMs() + f.durationMs() - 1) / periodMs + 2;
            if (from <= last && to >= first) return true;
        }
        return false;
    }
}
