package io.jric.core.internal.grid;

/**
 * Operator limits on controls, for every cell ({@code *}) or one cell. A {@code null} field sets
 * no limit. Enforced by the control router whatever the xApp's priority.
 */
public final class GuardRail {
    private final Double txPowerMinDbm;
    private final Double txPowerMaxDbm;
    private final Double cioMaxAbsDb;
    private final Boolean sleepAllowed;
    private final Boolean handoverAllowed;
    private final Double a3HysteresisMinDb;
    private final Double a3HysteresisMaxDb;
    private final Double a3TimeToTriggerMinMs;
    private final Double a3TimeToTriggerMaxMs;
    private final Double interFrequencyOffsetMaxAbsDb;
    private final Double interFrequencyThresholdMinDbm;
    private final Double interFrequencyThresholdMaxDbm;
    private final String setBy;

    /** Limits on Tx power, CIO, sleep and handovers; none on the A3 parameters. */
    public GuardRail(Double txPowerMinDbm, Double txPowerMaxDbm, Double cioMaxAbsDb, Boolean sleepAllowed,
                     Boolean handoverAllowed, String setBy) {
        this(txPowerMinDbm, txPowerMaxDbm, cioMaxAbsDb, sleepAllowed, handoverAllowed, null, null, null, null, setBy);
    }

    /** Limits on Tx power, CIO, sleep, handovers and the A3 parameters; none on the inter-frequency ones. */
    public GuardRail(Double txPowerMinDbm, Double txPowerMaxDbm, Double cioMaxAbsDb, Boolean sleepAllowed,
                     Boolean handoverAllowed, Double a3HysteresisMinDb, Double a3HysteresisMaxDb,
                     Double a3TimeToTriggerMinMs, Double a3TimeToTriggerMaxMs, String setBy) {
        this(txPowerMinDbm, txPowerMaxDbm, cioMaxAbsDb, sleepAllowed, handoverAllowed, a3HysteresisMinDb, a3HysteresisMaxDb,
                a3TimeToTriggerMinMs, a3TimeToTriggerMaxMs, null, null, null, setBy);
    }

    public GuardRail(Double txPowerMinDbm, Double txPowerMaxDbm, Double cioMaxAbsDb, Boolean sleepAllowed,
                     Boolean handoverAllowed, Double a3HysteresisMinDb, Double a3HysteresisMaxDb,
                     Double a3TimeToTriggerMinMs, Double a3TimeToTriggerMaxMs, Double interFrequencyOffsetMaxAbsDb,
                     Double interFrequencyThresholdMinDbm, Double interFrequencyThresholdMaxDbm, String setBy) {
        this.txPowerMinDbm = txPowerMinDbm;
        this.txPowerMaxDbm = txPowerMaxDbm;
        this.cioMaxAbsDb = cioMaxAbsDb;
        this.sleepAllowed = sleepAllowed;
        this.handoverAllowed = handoverAllowed;
        this.a3HysteresisMinDb = a3HysteresisMinDb;
        this.a3HysteresisMaxDb = a3HysteresisMaxDb;
        this.a3TimeToTriggerMinMs = a3TimeToTriggerMinMs;
        this.a3TimeToTriggerMaxMs = a3TimeToTriggerMaxMs;
        this.interFrequencyOffsetMaxAbsDb = interFrequencyOffsetMaxAbsDb;
        this.interFrequencyThresholdMinDbm = interFrequencyThresholdMinDbm;
        this.interFrequencyThresholdMaxDbm = interFrequencyThresholdMaxDbm;
        this.setBy = setBy == null ? "operator" : setBy;
    }

    public Double txPowerMinDbm() { return txPowerMinDbm; }
    public Double txPowerMaxDbm() { return txPowerMaxDbm; }
    public Double cioMaxAbsDb() { return cioMaxAbsDb; }
    public Boolean sleepAllowed() { return sleepAllowed; }
    public Boolean handoverAllowed() { return handoverAllowed; }
    /** Lowest A3 hysteresis (dB) an xApp may set on a cell. */
    public Double a3HysteresisMinDb() { return a3HysteresisMinDb; }
    /** Highest A3 hysteresis (dB) an xApp may set on a cell. */
    public Double a3HysteresisMaxDb() { return a3HysteresisMaxDb; }
    /** Shortest A3 time to trigger (ms) an xApp may set on a cell. */
    public Double a3TimeToTriggerMinMs() { return a3TimeToTriggerMinMs; }
    /** Longest A3 time to trigger (ms) an xApp may set on a cell. */
    public Double a3TimeToTriggerMaxMs() { return a3TimeToTriggerMaxMs; }
    /** Largest |inter-frequency offset| (dB) an xApp may set on a cell. */
    public Double interFrequencyOffsetMaxAbsDb() { return interFrequencyOffsetMaxAbsDb; }
    /** Lowest inter-frequency event threshold (dBm, threshold 1 and 2) an xApp may set on a cell. */
    public Double interFrequencyThresholdMinDbm() { return interFrequencyThresholdMinDbm; }
    /** Highest inter-frequency event threshold (dBm, threshold 1 and 2) an xApp may set on a cell. */
    public Double interFrequencyThresholdMaxDbm() { return interFrequencyThresholdMaxDbm; }
    /** Who set it (an operator, or an A1 policy id). */
    public String setBy() { return setBy; }

    /**
     * The one rule for a guard rail's scope, used by the admin API and by A1 guard-rail policies (whose
     * schema carries it as {@code pattern}): {@code *} for every cell, or a cell id
     * ({@code <6 hex PLMN>:<9 hex NR cell identity>}, as E2 nodes report them).
     */
    public static final String SCOPE_PATTERN = "^(\\*|[0-9a-f]{6}:[0-9a-f]{9})$";
    /** What {@link #SCOPE_PATTERN} asks for, in words. */
    public static final String SCOPE_EXPECTED = "* or a cell id like 00f110:000004000";
    private static final java.util.regex.Pattern SCOPE = java.util.regex.Pattern.compile(SCOPE_PATTERN);

    /** Whether {@code scope} is a valid guard-rail scope ({@link #SCOPE_PATTERN}). */
    public static boolean validScope(String scope) {
        return scope != null && SCOPE.matcher(scope).matches();
    }

    /** The numeric limits by their JSON/REST names. */
    public static final java.util.List<String> NUMBER_FIELDS = java.util.List.of("txPowerMinDbm", "txPowerMaxDbm", "cioMaxAbsDb",
            "a3HysteresisMinDb", "a3HysteresisMaxDb", "a3TimeToTriggerMinMs", "a3TimeToTriggerMaxMs",
            "interFrequencyOffsetMaxAbsDb", "interFrequencyThresholdMinDbm", "interFrequencyThresholdMaxDbm");
    /** The yes/no limits by their JSON/REST names. */
    public static final java.util.List<String> FLAG_FIELDS = java.util.List.of("sleepAllowed", "handoverAllowed");

    /** A guard rail from named values ({@link #NUMBER_FIELDS}, {@link #FLAG_FIELDS}; null: no limit). */
    public static GuardRail of(java.util.function.Function<String, Double> number, java.util.function.Function<String, Boolean> flag,
                               String setBy) {
        return new GuardRail(number.apply("txPowerMinDbm"), number.apply("txPowerMaxDbm"), number.apply("cioMaxAbsDb"),
                flag.apply("sleepAllowed"), flag.apply("handoverAllowed"), number.apply("a3HysteresisMinDb"),
                number.apply("a3HysteresisMaxDb"), number.apply("a3TimeToTriggerMinMs"), number.apply("a3TimeToTriggerMaxMs"),
                number.apply("interFrequencyOffsetMaxAbsDb"), number.apply("interFrequencyThresholdMinDbm"),
                number.apply("interFrequencyThresholdMaxDbm"), setBy);
    }

    /** The limit named {@code field} (one of {@link #NUMBER_FIELDS}). */
    public Double number(String field) {
        return switch (field) {
            case "txPowerMinDbm" -> txPowerMinDbm;
            case "txPowerMaxDbm" -> txPowerMaxDbm;
            case "cioMaxAbsDb" -> cioMaxAbsDb;
            case "a3HysteresisMinDb" -> a3HysteresisMinDb;
            case "a3HysteresisMaxDb" -> a3HysteresisMaxDb;
            case "a3TimeToTriggerMinMs" -> a3TimeToTriggerMinMs;
            case "a3TimeToTriggerMaxMs" -> a3TimeToTriggerMaxMs;
            case "interFrequencyOffsetMaxAbsDb" -> interFrequencyOffsetMaxAbsDb;
            case "interFrequencyThresholdMinDbm" -> interFrequencyThresholdMinDbm;
            case "interFrequencyThresholdMaxDbm" -> interFrequencyThresholdMaxDbm;
            default -> throw new IllegalArgumentException("unknown guard-rail field " + field);
        };
    }

    /** The first {min, max} field pair whose minimum exceeds its maximum, or null. */
    public String[] minAboveMax() {
        for (String[] p : new String[][] {{"txPowerMinDbm", "txPowerMaxDbm"}, {"a3HysteresisMinDb", "a3HysteresisMaxDb"},
                {"a3TimeToTriggerMinMs", "a3TimeToTriggerMaxMs"}, {"interFrequencyThresholdMinDbm", "interFrequencyThresholdMaxDbm"}}) {
            Double min = number(p[0]);
            Double max = number(p[1]);
            if (min != null && max != null && min > max) return p;
        }
        return null;
    }
}
