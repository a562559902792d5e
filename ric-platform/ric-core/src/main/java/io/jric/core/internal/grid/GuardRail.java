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
    private final String setBy;

    public GuardRail(Double txPowerMinDbm, Double txPowerMaxDbm, Double cioMaxAbsDb, Boolean sleepAllowed,
                     Boolean handoverAllowed, String setBy) {
        this.txPowerMinDbm = txPowerMinDbm;
        this.txPowerMaxDbm = txPowerMaxDbm;
        this.cioMaxAbsDb = cioMaxAbsDb;
        this.sleepAllowed = sleepAllowed;
        this.handoverAllowed = handoverAllowed;
        this.setBy = setBy == null ? "operator" : setBy;
    }

    public Double txPowerMinDbm() { return txPowerMinDbm; }
    public Double txPowerMaxDbm() { return txPowerMaxDbm; }
    public Double cioMaxAbsDb() { return cioMaxAbsDb; }
    public Boolean sleepAllowed() { return sleepAllowed; }
    public Boolean handoverAllowed() { return handoverAllowed; }
    /** Who set it (an operator, or an A1 policy id). */
    public String setBy() { return setBy; }
}
