package io.jric.api.xapp.descriptor;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an xApp records as experience ({@code XappContext.experience()}) and how the platform judges it:
 * after {@link #horizonMs()} the platform attaches the outcome, the KPIs named in {@link #outcome()} read
 * from the grid's KPM series over the horizon; {@link #scope()} says whether a decision is about a cell or
 * a UE; at most {@link #maxRows()} rows are kept for the xApp (more are dropped and counted).
 */
public final class ExperienceSpec {
    /** Default {@link #maxRows()}. */
    public static final int DEFAULT_MAX_ROWS = 100_000;

    /**
     * The KPIs an outcome may name: fields of the cell record ({@code CellKpi}). The per-period counts
     * and energy are summed over the horizon; the others are averaged.
     */
    public static final List<String> OUTCOME_KPIS = List.of("prbUsedDlPct", "prbUsedUlPct", "throughputDlMbps",
            "throughputUlMbps", "activeUes", "txPowerDbm", "energyWh", "avgCqi", "avgSinrDb", "rlfCount", "hoAttempts",
            "hoSuccesses", "rrcConnMean", "cioDb");
    /**
     * The UE's own figures a {@code ue}-scope outcome may name besides cell KPIs, read from the reports of the row's
     * UE over the horizon (docs/ml-lifecycle.md, section 14): {@code ue.sinrDb}, {@code ue.rsrpDbm},
     * {@code ue.throughputDlMbps} (means of its serving-cell reports), {@code ue.sinrMinDb} (its lowest serving
     * SINR), {@code ue.cellChanges} (serving-cell changes, from the row's cell on), {@code ue.pingPong} (1 when it
     * left the row's cell and came back to it), {@code ue.lost} (1 when its reports stopped before the last quarter
     * of the horizon while its cell's node kept reporting), and for the target cell the row's action names with
     * {@link #TARGET_NCI_ACTION}: {@code ue.targetSinrDb} (the mean SINR it reported for that cell, as serving or
     * neighbour cell; 0 without such a report), {@code ue.targetReports} (how many reports had it) and
     * {@code ue.servedByTarget} (the share of reports served by it); for the row's own cell {@code ue.cellSinrDb}
     * (the mean SINR it reported for that cell, as serving or neighbour cell; 0 without such a report) and
     * {@code ue.cellReports}.
     */
    public static final List<String> UE_OUTCOMES = List.of("ue.sinrDb", "ue.sinrMinDb", "ue.rsrpDbm",
            "ue.throughputDlMbps", "ue.cellChanges", "ue.pingPong", "ue.lost", "ue.targetSinrDb", "ue.targetReports",
            "ue.servedByTarget", "ue.cellSinrDb", "ue.cellReports");
    /**
     * The action value by which a {@code ue}-scope row names its target cell for the {@code ue.target*} outcomes: the
     * target's NR cell identity (NCI, 36 bits, exact in a double) in the PLMN of the row's cell.
     */
    public static final String TARGET_NCI_ACTION = "targetNci";

    /** Whether {@code name} is one of {@link #UE_OUTCOMES}. */
    public static boolean ueOutcome(String name) {
        return UE_OUTCOMES.contains(name);
    }

    /** The outcome KPIs that are summed over the horizon rather than averaged. */
    public static final List<String> SUMMED_KPIS = List.of("energyWh", "rlfCount", "hoAttempts", "hoSuccesses");

    /** What one decision is about. */
    public enum Scope {
        /** A cell: the outcome is that cell's KPIs. */
        CELL("cell"),
        /**
         * A UE: rows carry the UE id; the outcome is its cell's KPIs and/or the UE's own figures ({@link #UE_OUTCOMES}),
         * which the grid keeps for watched UEs only.
         */
        UE("ue");

        private final String jsonName;

        Scope(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name used in the descriptor JSON. */
        public String jsonName() {
            return jsonName;
        }

        /**
         * The scope with the given JSON name.
         *
         * @throws IllegalArgumentException if there is none
         */
        public static Scope fromJsonName(String name) {
            for (Scope s : values()) if (s.jsonName.equals(name)) return s;
            throw new IllegalArgumentException("unknown experience scope: " + name);
        }
    }

    private final long horizonMs;
    private final List<String> outcome;
    private final Scope scope;
    private final int maxRows;

    /**
     * @param horizonMs how long after a decision its outcome is measured, in milliseconds (100 .. 3,600,000)
     * @param outcome the KPIs that form the outcome, from {@link #OUTCOME_KPIS} (1..16, unique), and for the
     *     {@code ue} scope also {@link #UE_OUTCOMES}
     * @param scope what a decision is about
     * @param maxRows most rows kept for the xApp (1 .. 10,000,000)
     */
    public ExperienceSpec(long horizonMs, List<String> outcome, Scope scope, int maxRows) {
        this.horizonMs = horizonMs;
        this.outcome = List.copyOf(outcome);
        this.scope = Objects.requireNonNull(scope, "scope");
        this.maxRows = maxRows;
    }

    /** How long after a decision its outcome is measured, in milliseconds. */
    public long horizonMs() {
        return horizonMs;
    }

    /** The KPIs that form the outcome, in the descriptor's order. */
    public List<String> outcome() {
        return outcome;
    }

    /** What a decision is about. */
    public Scope scope() {
        return scope;
    }

    /** Most rows kept for the xApp; beyond it a record is dropped and counted. */
    public int maxRows() {
        return maxRows;
    }

    /** Whether {@code kpi} is summed over the horizon (counts, energy) rather than averaged. */
    public static boolean summed(String kpi) {
        return SUMMED_KPIS.contains(kpi);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ExperienceSpec)) return false;
        ExperienceSpec e = (ExperienceSpec) o;
        return e.horizonMs == horizonMs && e.outcome.equals(outcome) && e.scope == scope && e.maxRows == maxRows;
    }

    @Override
    public int hashCode() {
        return Objects.hash(horizonMs, outcome, scope, maxRows);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "experience (%s scope, horizon %d ms, outcome %s, at most %d rows)",
                scope.jsonName(), horizonMs, outcome, maxRows);
    }
}
