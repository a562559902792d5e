package io.jric.xapps.ml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation table: per KPI, the baseline's and each contender's value (mean over seeds) and the
 * relative change against the baseline, plus one row per seed if asked. Plain text, Markdown-ready.
 */
public final class KpiTable {
    /** One KPI: its name, unit, and whether lower is better (for the verdict column). */
    public record Kpi(String name, String unit, boolean lowerIsBetter) {}

    private final List<Kpi> kpis = new ArrayList<>();
    private final List<String> arms = new ArrayList<>();
    private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();  // arm -> kpi -> per seed

    /** A table with the baseline arm first. */
    public KpiTable(String baseline, String... others) {
        arms.add(baseline);
        arms.addAll(List.of(others));
        for (String a : arms) values.put(a, new LinkedHashMap<>());
    }

    public KpiTable kpi(String name, String unit, boolean lowerIsBetter) {
        kpis.add(new Kpi(name, unit, lowerIsBetter));
        return this;
    }

    /** Records one seed's value of a KPI for an arm. */
    public void add(String arm, String kpi, double value) {
        values.get(arm).computeIfAbsent(kpi, k -> new ArrayList<>()).add(value);
    }

    /** Mean over seeds of a KPI for an arm (NaN if none). */
    public double mean(String arm, String kpi) {
        List<Double> v = values.get(arm).get(kpi);
        if (v == null || v.isEmpty()) return Double.NaN;
        double s = 0;
        for (double d : v) s += d;
        return s / v.size();
    }

    /** Relative change of {@code arm} against the baseline in percent (NaN when the baseline is 0). */
    public double relChangePct(String arm, String kpi) {
        double b = mean(arms.get(0), kpi);
        double a = mean(arm, kpi);
        return b == 0 ? Double.NaN : 100 * (a - b) / Math.abs(b);
    }

    /** The table as Markdown. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| KPI | ").append(arms.get(0));
        for (int i = 1; i < arms.size(); i++) sb.append(" | ").append(arms.get(i)).append(" | change");
        sb.append(" |\n|---|---:");
        for (int i = 1; i < arms.size(); i++) sb.append("|---:|---:");
        sb.append("|\n");
        for (Kpi k : kpis) {
            sb.append("| ").append(k.name()).append(k.unit().isEmpty() ? "" : " (" + k.unit() + ")");
            sb.append(" | ").append(fmt(mean(arms.get(0), k.name())));
            for (int i = 1; i < arms.size(); i++) {
                double rel = relChangePct(arms.get(i), k.name());
                sb.append(" | ").append(fmt(mean(arms.get(i), k.name()))).append(" | ")
                        .append(Double.isNaN(rel) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", rel));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** Per-seed values of every arm, one line per (arm, seed). */
    public String renderPerSeed() {
        StringBuilder sb = new StringBuilder();
        for (String a : arms) {
            Map<String, List<Double>> m = values.get(a);
            int seeds = m.values().stream().mapToInt(List::size).max().orElse(0);
            for (int s = 0; s < seeds; s++) {
                sb.append(String.format(Locale.ROOT, "%-22s seed#%d", a, s));
                for (Kpi k : kpis) {
                    List<Double> v = m.get(k.name());
                    sb.append("  ").append(k.name()).append('=').append(v == null || v.size() <= s ? "-" : fmt(v.get(s)));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
