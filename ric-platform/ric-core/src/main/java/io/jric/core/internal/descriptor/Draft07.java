package io.jric.core.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a JSON Schema (draft-04, -06, -07, 2019-09 or 2020-12) as an equivalent draft-07 schema,
 * the dialect A1AP specifies for policy types (A1 clients such as ONAP's Policy Management Service
 * validate with draft-04/06/07 validators). Conversions:
 * <ul>
 *   <li>{@code $schema} becomes {@value #DIALECT} (and is dropped from subschemas);</li>
 *   <li>{@code $defs} becomes {@code definitions}, and {@code $ref}s into it follow;</li>
 *   <li>{@code prefixItems} becomes the array form of {@code items}, the 2020-12 {@code items} next
 *       to it {@code additionalItems};</li>
 *   <li>{@code dependentRequired} and {@code dependentSchemas} become {@code dependencies};</li>
 *   <li>a 2019-09/2020-12 {@code $ref} with sibling keywords (which apply there, but are ignored
 *       in draft-07) becomes {@code allOf: [{$ref}]} next to the siblings;</li>
 *   <li>draft-04's boolean {@code exclusiveMinimum}/{@code exclusiveMaximum} become numbers, its
 *       {@code id} {@code $id};</li>
 *   <li>the annotation {@code contentSchema} (no draft-07 equivalent, no effect on validation) is dropped.</li>
 * </ul>
 * Keywords with no draft-07 equivalent ({@link #UNSUPPORTED}) are refused: {@link #unsupported}
 * names where they are.
 */
public final class Draft07 {
    /** The draft-07 meta-schema URI. */
    public static final String DIALECT = "http://json-schema.org/draft-07/schema#";

    /** Keywords whose meaning draft-07 cannot express. */
    public static final Set<String> UNSUPPORTED = Set.of("unevaluatedProperties", "unevaluatedItems", "$dynamicRef",
            "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$anchor", "minContains", "maxContains", "$vocabulary");

    private static final Set<String> ONE_SCHEMA = Set.of("additionalProperties", "additionalItems", "contains",
            "propertyNames", "not", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems", "contentSchema");
    private static final Set<String> SCHEMA_MAP = Set.of("properties", "patternProperties", "definitions", "$defs",
            "dependentSchemas");
    private static final Set<String> SCHEMA_ARRAY = Set.of("allOf", "anyOf", "oneOf", "prefixItems");

    private Draft07() {}

    /**
     * Where a schema uses keywords draft-07 cannot express.
     *
     * @return JSON pointers (into the schema) of each such keyword, empty when it converts
     */
    public static List<String> unsupported(JsonNode schema) {
        List<String> out = new ArrayList<>();
        walk(schema, "", out);
        return out;
    }

    private static void walk(JsonNode s, String at, List<String> out) {
        if (!s.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            String here = at + "/" + escape(k);
            if (UNSUPPORTED.contains(k)) out.add(here);
            JsonNode v = e.getValue();
            if (ONE_SCHEMA.contains(k) || (k.equals("items") && v.isObject())) {
                walk(v, here, out);
            } else if (SCHEMA_MAP.contains(k) || k.equals("dependencies")) {
                v.fields().forEachRemaining(f -> walk(f.getValue(), here + "/" + escape(f.getKey()), out));
            } else if (SCHEMA_ARRAY.contains(k) || (k.equals("items") && v.isArray())) {
                for (int i = 0; i < v.size(); i++) walk(v.get(i), here + "/" + i, out);
            }
        }
    }

    /**
     * The schema as draft-07.
     *
     * @param schema a JSON Schema
     * @param defaultDialect the dialect when the schema names none
     * @return a new draft-07 schema (the argument is not changed)
     * @throws IllegalArgumentException when the schema uses {@link #UNSUPPORTED} keywords
     */
    public static JsonNode convert(JsonNode schema, String defaultDialect) {
        List<String> bad = unsupported(schema);
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("the schema uses keywords draft-07 cannot express, at " + String.join(", ", bad));
        }
        if (!schema.isObject()) return schema;
        JsonNode declared = schema.get("$schema");
        String dialect = declared != null && declared.isTextual() ? declared.asText() : defaultDialect;
        Dialect d = dialect.contains("draft-04") ? Dialect.D04 : dialect.contains("draft-06") || dialect.contains("draft-07")
                ? Dialect.D0607 : Dialect.D2019;
        ObjectNode out = (ObjectNode) convert(schema, d);
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", DIALECT);
        root.setAll(out);
        return root;
    }

    private enum Dialect { D04, D0607, D2019 }

    private static JsonNode convert(JsonNode s, Dialect d) {
        if (!s.isObject()) return s.deepCopy();
        ObjectNode in = (ObjectNode) s;
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ObjectNode definitions = null;
        ObjectNode dependencies = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = in.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            JsonNode v = e.getValue();
            switch (k) {
                case "$schema", "contentSchema" -> { }
                case "$defs", "definitions" -> {
                    if (definitions == null) definitions = JsonNodeFactory.instance.objectNode();
                    definitions.setAll(map(v, d));
                }
                case "dependentRequired" -> {
                    if (dependencies == null) dependencies = JsonNodeFactory.instance.objectNode();
                    dependencies.setAll((ObjectNode) v.deepCopy());
                }
                case "dependentSchemas" -> {
                    if (dependencies == null) dependencies = JsonNodeFactory.instance.objectNode();
                    dependencies.setAll(map(v, d));
                }
                case "dependencies" -> {
                    if (dependencies == null) dependencies = JsonNodeFactory.instance.objectNode();
                    ObjectNode m = JsonNodeFactory.instance.objectNode();
                    v.fields().forEachRemaining(f -> m.set(f.getKey(), f.getValue().isArray() ? f.getValue().deepCopy()
                            : convert(f.getValue(), d)));
                    dependencies.setAll(m);
                }
                case "prefixItems" -> o.set("items", array(v, d));
                case "items" -> {
                    if (v.isArray()) o.set("items", array(v, d));
                    else if (d == Dialect.D2019 && in.has("prefixItems")) o.set("additionalItems", convert(v, d));
                    else o.set("items", convert(v, d));
                }
                case "$ref" -> o.set("$ref", v.isTextual() && v.asText().startsWith("#/$defs/")
                        ? JsonNodeFactory.instance.textNode("#/definitions/" + v.asText().substring("#/$defs/".length()))
                        : v.deepCopy());
                case "id" -> {
                    if (d == Dialect.D04 && v.isTextual()) o.set("$id", v.deepCopy());
                    else o.set(k, v.deepCopy());
                }
                case "exclusiveMinimum", "exclusiveMaximum" -> {
                    if (v.isBoolean()) {
                        String bound = k.equals("exclusiveMinimum") ? "minimum" : "maximum";
                        if (v.asBoolean() && in.has(bound)) o.set(k, in.get(bound).deepCopy());
                    } else {
                        o.set(k, v.deepCopy());
                    }
                }
                case "minimum", "maximum" -> {
                    String ex = k.equals("minimum") ? "exclusiveMinimum" : "exclusiveMaximum";
                    if (!(in.path(ex).isBoolean() && in.get(ex).asBoolean())) o.set(k, v.deepCopy());
                }
                default -> {
                    if (ONE_SCHEMA.contains(k)) o.set(k, convert(v, d));
                    else if (SCHEMA_MAP.contains(k)) o.set(k, map(v, d));
                    else if (SCHEMA_ARRAY.contains(k)) o.set(k, array(v, d));
                    else o.set(k, v.deepCopy());
                }
            }
        }
        if (definitions != null) o.set("definitions", definitions);
        if (dependencies != null) o.set("dependencies", dependencies);
        if (d == Dialect.D2019 && o.has("$ref") && o.size() > 1) {
            // 2019-09 and later apply a $ref's siblings; draft-07 ignores them: keep both through allOf
            ObjectNode ref = JsonNodeFactory.instance.objectNode();
            ref.set("$ref", o.remove("$ref"));
            ArrayNode all = o.has("allOf") ? (ArrayNode) o.get("allOf") : o.putArray("allOf");
            all.insert(0, ref);
        }
        return o;
    }

    private static ObjectNode map(JsonNode v, Dialect d) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        v.fields().forEachRemaining(f -> m.set(f.getKey(), convert(f.getValue(), d)));
        return m;
    }

    private static ArrayNode array(JsonNode v, Dialect d) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (JsonNode x : v) a.add(convert(x, d));
        return a;
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
