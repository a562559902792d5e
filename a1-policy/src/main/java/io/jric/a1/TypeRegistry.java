package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.a1.Records.OperatorType;
import io.jric.core.internal.descriptor.Draft07;
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

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(TypeRegistry.class.getName());

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
            com.fasterxml.jackson.databind.node.ObjectNode s = (com.fasterxml.jackson.databind.node.ObjectNode) Records.JSON.readTree(in);
            // the one scope rule, shared with the admin API
            ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("properties").get("scope"))
                    .put("pattern", io.jric.core.internal.grid.GuardRail.SCOPE_PATTERN);
            return Draft07.convert(s, SchemaCheck.DIALECT_2020_12);
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
            out.put(e.getKey(), new PolicyType(e.getKey(), first.name(), first.description(),
                    draft07(first.schema(), SchemaCheck.DIALECT_2020_12), Kind.XAPP,
                    providers, SchemaCheck.DIALECT_DRAFT_07, operator.containsKey(e.getKey())));
        }
        for (OperatorType t : operator.values()) {
            out.putIfAbsent(t.id(), new PolicyType(t.id(), t.name(), t.description(),
                    draft07(t.schema(), SchemaCheck.DIALECT_DRAFT_07), Kind.OPERATOR,
                    List.of(), SchemaCheck.DIALECT_DRAFT_07, true));
        }
        out.put(A1Service.GUARDRAILS_TYPE, new PolicyType(A1Service.GUARDRAILS_TYPE, "jRIC guard rails",
                "Operator limits on RAN controls, written to the ric.guardrails cache and enforced by the control router.",
                GUARDRAILS_SCHEMA, Kind.BUILTIN, List.of(), SchemaCheck.DIALECT_DRAFT_07, false));
        return out;
    }

    private final Map<String, JsonNode> converted = new ConcurrentHashMap<>();

    /**
     * The schema as draft-07, the dialect A1AP specifies and A1 clients validate with: it is what
     * A1 serves and what instances are validated against. (Descriptors and operator types with
     * keywords draft-07 cannot express are refused when they are installed or created.)
     */
    private JsonNode draft07(JsonNode schema, String defaultDialect) {
        return converted.computeIfAbsent(defaultDialect + "\n" + schema, k -> {
            try {
                return Draft07.convert(schema, defaultDialect);
            } catch (IllegalArgumentException e) {
                // only a type created before draft-07 was enforced can get here: serve it as declared
                LOG.warning("A1: a policy type schema is served in its own dialect: " + e.getMessage());
                return SchemaCheck.withDialect(schema, defaultDialect);
            }
        });
    }
}
