package io.jric.api.xapp.descriptor;

import java.util.Objects;
import java.util.Optional;

/** A RIC Control action the xApp may issue, with optional bounds on its value. */
public final class ControlSpec {

    /** What a control action applies to. */
    public enum Scope {
        /** A cell. */
        CELL("cell"),
        /** A UE. */
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
            throw new IllegalArgumentException("unknown scope: " + name);
        }
    }

    private final ControlAction action;
    private final Scope scope;
    private final Double min;
    private final Double max;

    /**
     * @param action the action
     * @param scope what it applies to ({@link ControlAction#requiredScope()})
     * @param min lowest value the xApp may request, or null for no bound
     * @param max highest value the xApp may request, or null for no bound
     */
    public ControlSpec(ControlAction action, Scope scope, Double min, Double max) {
        this.action = Objects.requireNonNull(action, "action");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.min = min;
        this.max = max;
    }

    /** The action. */
    public ControlAction action() {
        return action;
    }

    /** What the action applies to. */
    public Scope scope() {
        return scope;
    }

    /** Lowest value the xApp may request (dBm for tx_power, dB for cell_individual_offset), if bounded. */
    public Optional<Double> min() {
        return Optional.ofNullable(min);
    }

    /** Highest value the xApp may request (dBm for tx_power, dB for cell_individual_offset), if bounded. */
    public Optional<Double> max() {
        return Optional.ofNullable(max);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ControlSpec)) return false;
        ControlSpec c = (ControlSpec) o;
        return c.action == action && c.scope == scope && Objects.equals(c.min, min) && Objects.equals(c.max, max);
    }

    @Override
    public int hashCode() {
        return Objects.hash(action, scope, min, max);
    }

    @Override
    public String toString() {
        return action.jsonName() + "/" + scope.jsonName() + (min != null || max != null ? " [" + min + ", " + max + "]" : "");
    }
}
