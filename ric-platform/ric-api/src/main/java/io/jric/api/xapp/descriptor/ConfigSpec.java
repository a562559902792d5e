package io.jric.api.xapp.descriptor;

import java.util.Objects;

/** The xApp's own configuration: a JSON Schema and values that satisfy it. */
public final class ConfigSpec {
    private final String schemaJson;
    private final String valuesJson;

    /**
     * @param schemaJson JSON Schema of the values, as canonical JSON text
     * @param valuesJson the values, as canonical JSON text
     */
    public ConfigSpec(String schemaJson, String valuesJson) {
        this.schemaJson = Objects.requireNonNull(schemaJson, "schemaJson");
        this.valuesJson = Objects.requireNonNull(valuesJson, "valuesJson");
    }

    /** JSON Schema of the values, as canonical JSON text (always inline). */
    public String schemaJson() {
        return schemaJson;
    }

    /** The values, as canonical JSON text. */
    public String valuesJson() {
        return valuesJson;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigSpec && ((ConfigSpec) o).schemaJson.equals(schemaJson)
                && ((ConfigSpec) o).valuesJson.equals(valuesJson);
    }

    @Override
    public int hashCode() {
        return 31 * schemaJson.hashCode() + valuesJson.hashCode();
    }

    @Override
    public String toString() {
        return "config " + valuesJson;
    }
}
