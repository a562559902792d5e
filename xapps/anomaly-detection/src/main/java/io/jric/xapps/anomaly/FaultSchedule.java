package io.jric.xapps.anomaly;

import io.jric.sim.Fault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random fault injections for training and evaluation, deterministic for a seed: starting after a
 * warm-up, a new fault every {@code meanGapMs} on average (exponential gaps) on a uniformly chosen cell
 * not already faulty (10 s cool-down), of a uniformly chosen type, lasting 10..60 s; interference
 * bursts 25..45 dB over thermal noise, KPI degradations to 20..50 % of per-PRB capacity. Faults on
 * different cells may overlap (a neighbour of an outage carries more load, and that is not a fault).
 */
public final class FaultSchedule {
    private FaultSchedule() {}

    public static List<Fault> generate(List<String> cells, long seed, long durationMs, long warmupMs, long meanGapMs) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        List<Fault> out = new ArrayList<>();
        Map<String, Long> busyUntil = new HashMap<>();
        long t = warmupMs;
        while (true) {
            t += (long) (-meanGapMs * Math.log(1 - r.nextDouble()));
            if (t >= durationMs - 10_000) break;
            String cell = cells.get(r.nextInt(cells.size()));
            if (busyUntil.getOrDefault(cell, -1L) > t) continue;
            long dur = 10_000 + (long) (r.nextDouble() * 50_000);
            dur = Math.min(dur, durationMs - t);
            Fault f = switch (r.nextInt(3)) {
                case 0 -> Fault.cellOutage(cell, t, dur);
                case 1 -> Fault.interferenceBurst(cell, t, dur, 25 + r.nextDouble() * 20);
                default -> Fault.kpiDegradation(cell, t, dur, 0.2 + r.nextDouble() * 0.3);
            };
            out.add(f);
            busyUntil.put(cell, t + dur + 10_000);
        }
        return out;
    }

    /** The class of {@code cell} in period {@code [startMs, startMs + periodMs)}: a fault covering at least half of it, else normal. */
    public static FaultClass label(List<Fault> faults, String cell, long startMs, long periodMs) {
        for (Fault f : faults) {
            if (!f.cellId().equals(cell)) continue;
            long overlap = Math.min(startMs + periodMs, f.startMs() + f.durationMs()) - Math.max(startMs, f.startMs());
            if (overlap * 2 >= periodMs) return FaultClass.of(f.type());
        }
        return FaultClass.NORMAL;
    }
}
