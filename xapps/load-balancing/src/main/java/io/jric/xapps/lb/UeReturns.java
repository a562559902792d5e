package io.jric.xapps.lb;

import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Returns to the previous cell seen in the per-UE KPM reports: a UE served by cell A, then B, then A again
 * within the window (from the report that showed it on B) is one return, counted on B (the cell it left);
 * with a layer plan, returns between cells of different layers are also counted apart.
 * Returns faster than one report period are not seen. Bounded: at most {@link #MAX_UES} UEs are tracked
 * (the least recently seen are forgotten).
 */
final class UeReturns {
    static final int MAX_UES = 200_000;

    private static final class Track {
        String current;
        String previous;
        long changedMs;
    }

    private final long windowMs;
    private final Map<Long, Track> ues = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Track> e) {
            return size() > MAX_UES;
        }
    };
    private final Map<String, Integer> returns = new HashMap<>();
    private final Map<String, Integer> betweenLayers = new HashMap<>();
    private final java.util.function.ToIntFunction<String> layerOf;

    /** @param layerOf a cell's layer, for {@link #returnsBetweenLayers}; null: one layer */
    UeReturns(long windowMs, java.util.function.ToIntFunction<String> layerOf) {
        this.windowMs = windowMs;
        this.layerOf = layerOf;
    }

    /** Adds one report's UEs. */
    void add(KpmReport r) {
        for (UeKpi u : r.ues()) {
            String serving = u.servingCellId();
            if (serving == null) continue;
            Track t = ues.computeIfAbsent(u.ueId(), k -> new Track());
            if (t.current == null) {
                t.current = serving;
                t.changedMs = r.timestampMs();
                continue;
            }
            if (serving.equals(t.current)) continue;
            if (serving.equals(t.previous) && r.timestampMs() - t.changedMs <= windowMs) {
                returns.merge(t.current, 1, Integer::sum);
                if (layerOf != null && layerOf.applyAsInt(serving) != layerOf.applyAsInt(t.current)) {
                    betweenLayers.merge(t.current, 1, Integer::sum);
                }
            }
            t.previous = t.current;
            t.current = serving;
            t.changedMs = r.timestampMs();
        }
    }

    /** Returns counted on {@code cellId} since the last {@link #reset()}. */
    int returns(String cellId) {
        return returns.getOrDefault(cellId, 0);
    }

    /** Returns counted on {@code cellId} since the last {@link #reset()} that went back to the other layer. */
    int returnsBetweenLayers(String cellId) {
        return betweenLayers.getOrDefault(cellId, 0);
    }

    /** Starts a new decision period (keeps the UEs' tracks). */
    void reset() {
        returns.clear();
        betweenLayers.clear();
    }

    /** The serving cell a UE was last seen on, or null. */
    String serving(long ueId) {
        Track t = ues.get(ueId);
        return t == null ? null : t.current;
    }
}
