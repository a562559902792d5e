package io.jric.xapps.ml;

import io.jric.api.kpm.CellKpi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The named per-cell features an ML xApp can ask for: the names in a descriptor's
 * {@code models[].inputFeatures} that come straight from a {@link CellKpi}. Features an xApp derives
 * itself (a candidate Tx power, a delta over a window) are named by the xApp and appended.
 */
public final class KpiFeatures {
    private static final Map<String, ToDoubleFunction<CellKpi>> CELL = new LinkedHashMap<>();

    static {
        CELL.put("prbUsedDlPct", CellKpi::prbUsedDlPct);
        CELL.put("prbUsedUlPct", CellKpi::prbUsedUlPct);
        CELL.put("throughputDlMbps", CellKpi::throughputDlMbps);
        CELL.put("throughputUlMbps", CellKpi::throughputUlMbps);
        CELL.put("activeUes", CellKpi::activeUes);
        CELL.put("txPowerDbm", CellKpi::txPowerDbm);
        CELL.put("energyWh", CellKpi::energyWh);
        CELL.put("avgCqi", CellKpi::avgCqi);
        CELL.put("avgSinrDb", CellKpi::avgSinrDb);
        CELL.put("rlfCount", CellKpi::rlfCount);
        CELL.put("hoAttempts", CellKpi::hoAttempts);
        CELL.put("hoSuccesses", CellKpi::hoSuccesses);
        CELL.put("cioDb", CellKpi::cioDb);
        CELL.put("sleeping", c -> c.sleeping() ? 1 : 0);
        // Mbit/s carried per percent of PRBs used: drops when per-PRB capacity degrades.
        CELL.put("efficiencyMbpsPerPrbPct", c -> c.prbUsedDlPct() > 0.5 ? c.throughputDlMbps() / c.prbUsedDlPct() : 0);
        // Uplink over downlink throughput: set by the traffic mix, not the load; falls when the uplink
        // alone suffers (interference at the cell's receiver).
        CELL.put("ulDlThroughputRatio", c -> c.throughputDlMbps() > 0.1 ? c.throughputUlMbps() / c.throughputDlMbps() : 0);
    }

    private KpiFeatures() {}

    /** Every cell feature name, in a stable order. */
    public static List<String> cellFeatureNames() {
        return List.copyOf(CELL.keySet());
    }

    /** Whether {@code name} is a cell feature. */
    public static boolean isCellFeature(String name) {
        return CELL.containsKey(name);
    }

    /** The value of cell feature {@code name}. */
    public static double cell(String name, CellKpi kpi) {
        ToDoubleFunction<CellKpi> f = CELL.get(name);
        if (f == null) throw new IllegalArgumentException("feature: " + name + " (expected one of " + CELL.keySet() + ")");
        return f.applyAsDouble(kpi);
    }

    /** An extractor of the given cell features, in order, for repeated use without lookups. */
    public static Extractor extractor(List<String> names) {
        @SuppressWarnings("unchecked")
        ToDoubleFunction<CellKpi>[] fs = new ToDoubleFunction[names.size()];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = CELL.get(names.get(i));
            if (fs[i] == null) {
                throw new IllegalArgumentException("feature: " + names.get(i) + " (expected one of " + CELL.keySet() + ")");
            }
        }
        return new Extractor(fs);
    }

    /** Writes a fixed list of cell features into a caller's buffer. */
    public static final class Extractor {
        private final ToDoubleFunction<CellKpi>[] fs;

        private Extractor(ToDoubleFunction<CellKpi>[] fs) {
            this.fs = fs;
        }

        /** Number of features. */
        public int size() {
            return fs.length;
        }

        /** Writes the features of {@code kpi} into {@code out[offset..offset+size)}. */
        public void extract(CellKpi kpi, float[] out, int offset) {
            for (int i = 0; i < fs.length; i++) out[offset + i] = (float) fs[i].applyAsDouble(kpi);
        }
    }
}
