package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.a1.Records.OperatorType;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.xapp.XappManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which policy types exist, resolved on every call from the grid (so every RIC node agrees):
 * the built-in guard-rails type, the types of the installed xApps' descriptors and the
 * operator-defined types. Precedence for one id: built-in, then xApp (the first xApp by name
 * supplies the schema), then operator-defined.
 */
final class TypeRegistry {
    /** Where a type comes from. */
    enum Kind { BUILTIN, XAPP, OPERATOR }

    /**
     * A resolved policy type.
     *
     * @param providers installed xApps whose descriptor declares this type id, by name
     * @param defaultDialect JSON Schema dialect of a schema without {@code $schema}
     * @param operatorDefined whether an operator-defined type of this id exists too
     */
    record PolicyType(String id, String name, String description, JsonNode schema, Kind kind,
                      List<String> providers, String defaultDialect, boolean operatorDefined) {}

    /** One xApp's declared type. */
    record Declared(String xapp, String id, String name, String description, JsonNode schema, JsonNode defaultInstance) {}

    private record Parsed(String descriptorJson, List<Declared> types) {}

    static final JsonNode GUARDRAILS_SCHEMA = loadGuardRailsSchema();

    private final XappManager xapps;
    private final PolicyStore store;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    TypeRegistry(XappManager xapps, PolicyStore store) {
        this.xapps = xapps;
        this.store = store;
    }

    private static JsonNode loadGuardRailsSchema() {
        try (InputStream in = TypeRegistry.class.getResourceAsStream("guardrails-v1.schema.json")) {
            return Records.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy types each installed xApp declares, by xApp name. */
    Map<String, List<Declared>> declared() {
        Map<String, List<Declared>> out = new TreeMap<>();
        for (XappRecord r : xapps.list()) out.put(r.name(), declared(r));
        return out;
    }

    /** The types one installed xApp declares; empty if it is not installed. */
    List<Declared> declaredBy(String xapp) {
        for (XappRecord r : xapps.list()) {
            if (r.name().equals(xapp)) return declared(r);
        }
        return List.of();
    }

    private List<Declared> declared(XappRecord r) {
        Parsed p = parsed.get(r.name());
        if (p != null && p.descriptorJson.equals(r.descriptorJson())) return p.types;
        List<Declared> types = new ArrayList<>();
        JsonNode d = Records.tree(r.descriptorJson());
        for (JsonNode t : d.path("policyTypes")) {
            types.add(new Declared(r.name(), t.path("id").asText(), t.path("name").asText(),
                    t.hasNonNull("description") ? t.get("description").asText() : null, t.get("schema"),
                    t.get("defaultInstance")));
        }
        List<Declared> frozen = List.copyOf(types);
        parsed.put(r.name(), new Parsed(r.descriptorJson(), frozen));
        return frozen;
    }

    Optional<PolicyType> find(String id) {
        return Optional.ofNullable(all().get(id));
    }

    /** Every policy type, by id. */
    Map<String, PolicyType> all() {
        Map<String, PolicyType> out = new TreeMap<>();
        Map<String, List<Declared>> byId = new TreeMap<>();
        for (List<Declared> l : declared().values()) {
            for (Declared d : l) byId.computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d);
        }
        Map<String, OperatorType> operator = new TreeMap<>();
        for (OperatorType t : store.types()) operator.put(t.id(), t);
        for (Map.Entry<String, List<Declared>> e : byId.entrySet()) {
            Declared first = e.getValue().get(0);
            List<String> providers = e.getValue().stream().map(Declared::xapp).toList();
            out.put(e.getKey(), new PolicyType(e.getKey(), first.name(), first.description(), first.schema(), Kind.XAPP,
                    providers, SchemaCheck.DIALECT_2020_12, operator.containsKey(e.getKey())));
        }
        for (OperatorType t : operator.values()) {
            out.putIfAbsent(t.id(), new PolicyType(t.id(), t.name(), t.description(), t.schema(), Kind.OPERATOR,
                    List.of(), SchemaCheck.DIALECT_DRAFT_07, true));
        }
        out.put(A1Service.GUARDRAILS_TYPE, new PolicyType(A1Service.GUARDRAILS_TYPE, "jRIC guard rails",
                "Operator limits on RAN controls, written to the ric.guardrails cache and enforced by the control router.",
                GUARDRAILS_SCHEMA, Kind.BUILTIN, List.of(), SchemaCheck.DIALECT_2020_12, false));
        return out;
    }
}
