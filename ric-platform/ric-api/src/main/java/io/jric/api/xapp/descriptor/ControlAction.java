package io.jric.api.xapp.descriptor;

/** A RIC Control action an xApp may declare in its descriptor. */
public enum ControlAction {
    /** Hand a UE over to another cell (scope {@code ue}). */
    HANDOVER("handover", ControlSpec.Scope.UE, false),
    /** Change a cell's individual offset, in dB (scope {@code cell}). */
    CELL_INDIVIDUAL_OFFSET("cell_individual_offset", ControlSpec.Scope.CELL, true),
    /** Change a cell's transmit power, in dBm (scope {@code cell}). */
    TX_POWER("tx_power", ControlSpec.Scope.CELL, true),
    /** Switch a cell to sleep or wake it (scope {@code cell}). */
    CELL_SLEEP("cell_sleep", ControlSpec.Scope.CELL, false),
    /** Change the A3 hysteresis a cell gives the UEs it serves, in dB (scope {@code cell}). */
    A3_HYSTERESIS("a3_hysteresis", ControlSpec.Scope.CELL, true),
    /** Change the A3 time to trigger a cell gives the UEs it serves, in ms (scope {@code cell}). */
    A3_TIME_TO_TRIGGER("a3_time_to_trigger", ControlSpec.Scope.CELL, true),
    /**
     * Change the offset (dB, TS 38.331 offsetMO) a cell gives the UEs it serves for another frequency in
     * their inter-frequency events (scope {@code cell}).
     */
    INTER_FREQUENCY_OFFSET("inter_frequency_offset", ControlSpec.Scope.CELL, true),
    /**
     * Change the thresholds (dBm) of the event a cell gives the UEs it serves towards other frequencies:
     * A5 threshold 1 on the serving cell's RSRP and threshold 2 on the other frequency's (A4: threshold 2
     * only). {@code min}/{@code max} bound both (scope {@code cell}).
     */
    INTER_FREQUENCY_THRESHOLD("inter_frequency_threshold", ControlSpec.Scope.CELL, true);

    private final String jsonName;
    private final ControlSpec.Scope scope;
    private final boolean bounded;

    ControlAction(String jsonName, ControlSpec.Scope scope, boolean bounded) {
        this.jsonName = jsonName;
        this.scope = scope;
        this.bounded = bounded;
    }

    /** The name used in the descriptor JSON, e.g. {@code tx_power}. */
    public String jsonName() {
        return jsonName;
    }

    /** The scope this action must be declared with. */
    public ControlSpec.Scope requiredScope() {
        return scope;
    }

    /** Whether the action takes a numeric value that {@code min}/{@code max} may bound. */
    public boolean bounded() {
        return bounded;
    }

    /**
     * The action with the given JSON name.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static ControlAction fromJsonName(String name) {
        for (ControlAction a : values()) if (a.jsonName.equals(name)) return a;
        throw new IllegalArgumentException("unknown control action: " + name);
    }
}
