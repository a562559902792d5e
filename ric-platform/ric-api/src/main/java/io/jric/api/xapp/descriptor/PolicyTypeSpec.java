package io.jric.api.xapp.descriptor;

import java.util.Objects;
import java.util.Optional;

/** An A1 policy type the xApp handles: its id, and the JSON Schema every instance must satisfy. */
public final class PolicyTypeSpec {
    private final String id;
    private final String name;
    private final String description;
    private final String schemaJson;
    private final String defaultInstanceJson;

    /**
     * @param id A1 policy type id ({@code ^[A-Za-z0-9_.:-]{1,64}$}; O-RAN SC uses integers as strings)
     * @param name human-readable name
     * @param description longer text, or null
     * @param schemaJson the policy type's JSON Schema as canonical JSON text
     * @param defaultInstanceJson an instance created when the xApp starts, as canonical JSON text, or null
     */
    public PolicyTypeSpec(String id, String name, String description, String schemaJson, String defaultInstanceJson) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
        this.schemaJson = Objects.requireNonNull(schemaJson, "schemaJson");
        this.defaultInstanceJson = defaultInstanceJson;
    }

    /** A1 policy type id. */
    public String id() {
        return id;
    }

    /** Human-readable name. */
    public String name() {
        return name;
    }

    /** Longer text, if given. */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The policy type's JSON Schema, as canonical JSON text (always inline, even if the descriptor referenced a file). */
    public String schemaJson() {
        return schemaJson;
    }

    /** The instance to create when the xApp starts, as canonical JSON text, if given. */
    public Optional<String> defaultInstanceJson() {
        return Optional.ofNullable(defaultInstanceJson);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PolicyTypeSpec)) return false;
        PolicyTypeSpec p = (PolicyTypeSpec) o;
        return p.id.equals(id) && p.name.equals(name) && Objects.equals(p.description, description)
                && p.schemaJson.equals(schemaJson) && Objects.equals(p.defaultInstanceJson, defaultInstanceJson);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, description, schemaJson, defaultInstanceJson);
    }

    @Override
    public String toString() {
        return "policy type " + id + " (" + name + ")";
    }
}
