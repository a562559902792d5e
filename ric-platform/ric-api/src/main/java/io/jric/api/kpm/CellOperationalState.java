package io.jric.api.kpm;

/**
 * A cell's operational state as its node reports it (3GPP TS 28.541 / ITU-T X.731 {@code operationalState}),
 * see {@link CellKpi#operationalState()}.
 */
public enum CellOperationalState {
    /** The cell can serve UEs (it may still be asleep by control: {@link CellKpi#sleeping()}). */
    ENABLED,
    /** The cell cannot serve UEs: an outage. */
    DISABLED
}
