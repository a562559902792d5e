package io.jric.xapps.anomaly;

import io.jric.sim.Fault;
import java.util.List;

/** The model's classes: normal plus the simulator's fault types, in output order. */
public enum FaultClass {
    NORMAL, CELL_OUTAGE, INTERFERENCE_BURST, KPI_DEGRADATION;

    /** Output names, as in the bundle metadata. */
    public static final List<String> OUTPUTS = List.of("NORMAL", "CELL_OUTAGE", "INTERFERENCE_BURST", "KPI_DEGRADATION");

    /** The class of a simulator fault type. */
    public static FaultClass of(Fault.Type t) {
        return valueOf(t.name());
    }
}
