package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import io.jric.core.internal.descriptor.SchemaPatterns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON Schema validation of policy instances with networknt json-schema-validator. Schemas may
 * only refer to themselves and the built-in meta-schemas: nothing is ever fetched over the network.
 * A failure becomes a problem entry {@code {pointer, keyword, found, expected, message}}.
 * Patterns run on RE2/J ({@link SchemaPatterns}), in time linear in the instance; a schema with a
 * pattern RE2/J cannot compile (backreferences, lookaround) is refused by {@link #checkSchema}.
 */
final class SchemaCheck {
    /** Dialect of xApp policy schemas without {@code $schema} (the descriptor's rule). */
    static final String DIALECT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
    /** Dialect of O-RAN SC {@code create_schema}s without {@code $schema} (O-RAN SC documents draft-07). */
    static final String DIALECT_DRAFT_07 = "http://json-schema.org/draft-07/schema#";

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .regularExpressionFactory(SchemaPatterns.FACTORY)
            .build();
    private static final JsonSchemaFactory F2020 = factory(SpecVersion.VersionFlag.V202012);
    private static final JsonSchemaFactory F07 = factory(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> COMPILED = new ConcurrentHashMap<>();
    private static final Map<String, JsonSchema> META = new ConcurrentHashMap<>();

    private SchemaCheck() {}

    private static JsonSchemaFactory factory(SpecVersion.VersionFlag v) {
        return JsonSchemaFactory.getInstance(v, b -> b.schemaLoaders(l -> l.values(list -> list.add(0,
                new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));
    }

    /** The schema with {@code $schema} spelt out (the given default when it declares none). */
    static JsonNode withDialect(JsonNode schema, String defaultDialect) {
        if (!schema.isObject() || schema.has("$schema")) return schema;
        com.fasterxml.jackson.databind.node.ObjectNode copy = Records.JSON.createObjectNode();
        copy.put("$schema", defaultDialect);
        copy.setAll((com.fasterxml.jackson.databind.node.ObjectNode) schema);
        return copy;
    }

    /** The compiled schema (cached by its text). */
    static JsonSchema compile(JsonNode schema, String defaultDialect) {
        String key = defaultDialect + "\n" + schema.toString();
        return COMPILED.computeIfAbsent(key, k -> {
            JsonSchemaFactory f = DIALECT_DRAFT_07.equals(defaultDialect) ? F07 : F2020;
            JsonSchema s = f.getSchema(schema, CONFIG);
            s.initializeValidators();
            return s;
        });
    }

    /** Problems of an instance against a schema; empty when valid. */
    static List<Map<String, Object>> validate(JsonNode schema, String defaultDialect, JsonNode instance) {
        return problems(compile(schema, defaultDialect).validate(instance), "");
    }

    /**
     * Checks that a document is a JSON Schema of a dialect this RIC knows, valid against that
     * dialect's meta-schema, and that compiles.
     *
     * @param base pointer of the schema inside the request body, e.g. {@code /create_schema}
     * @return problems, empty when usable
     */
    static List<Map<String, Object>> checkSchema(JsonNode schema, String defaultDialect, String base) {
        if (!schema.isObject()) {
            return List.of(problem(base.isEmpty() ? "/" : base, "type", schema, "a JSON Schema object"));
        }
        List<Map<String, Object>> slow = new ArrayList<>();
        for (SchemaPatterns.Unsupported u : SchemaPatterns.check(schema)) {
            Map<String, Object> p = problem(base + u.pointer(), "pattern", Records.JSON.getNodeFactory().textNode(u.pattern()),
                    "a regular expression without backreferences or lookaround (RE2 syntax, evaluated in linear time)");
            p.put("message", base + u.pointer() + ": " + u.message());
            slow.add(p);
        }
        if (!slow.isEmpty()) return slow;
        JsonNode declared = schema.get("$schema");
        String dialect = declared != null && declared.isTextual() ? declared.asText() : defaultDialect;
        JsonSchema meta;
        try {
            meta = META.computeIfAbsent(dialect, iri -> {
                JsonSchema s = F2020.getSchema(SchemaLocation.of(iri), CONFIG);
                s.initializeValidators();
                return s;
            });
        } catch (RuntimeException e) {
            return List.of(problem(base + "/$schema", "$schema", declared,
                    "a JSON Schema dialect this RIC knows: draft-04, draft-06, draft-07, 2019-09 or 2020-12"));
        }
        List<Map<String, Object>> out = problems(meta.validate(schema), base);
        if (!out.isEmpty()) return out;
        try {
            compile(schema, defaultDialect);
            return List.of();
        } catch (RuntimeException e) {
            return List.of(problem(base.isEmpty() ? "/" : base, "compile", null,
                    "a JSON Schema that compiles and whose $refs stay inside it (" + e.getMessage() + ")"));
        }
    }

    private static List<Map<String, Object>> problems(Set<ValidationMessage> messages, String base) {
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ValidationMessage m : messages) {
            Map<String, Object> p = map(m, base);
            if (seen.add(p.get("pointer") + "|" + p.get("expected"))) out.add(p);
        }
        out.sort((a, b) -> String.valueOf(a.get("pointer")).compareTo(String.valueOf(b.get("pointer"))));
        return out;
    }

    private static Map<String, Object> map(ValidationMessage m, String base) {
        String loc = base + m.getInstanceLocation().toString();
        if (loc.isEmpty()) loc = "/";
        String at = loc.equals("/") ? "" : loc;
        JsonNode found = m.getInstanceNode();
        JsonNode kw = m.getSchemaNode();
        String type = m.getType() == null ? "" : m.getType();
        switch (type) {
            case "required":
                return problem(at + "/" + escape(m.getProperty()), type, null, "a value (the field is required)");
            case "additionalProperties":
            case "unevaluatedProperties":
                return problem(at + "/" + escape(m.getProperty()), type, found == null ? null : found.get(m.getProperty()),
                        "absent; the schema declares no such field");
            case "type":
                return problem(loc, type, found, typeWords(kw));
            case "enum": {
                List<String> options = new ArrayList<>();
                kw.forEach(o -> options.add(o.toString()));
                return problem(loc, type, found, "one of " + String.join(", ", options));
            }
            case "const":
                return problem(loc, type, found, String.valueOf(kw));
            case "pattern":
                return problem(loc, type, found, io.jric.core.internal.grid.GuardRail.SCOPE_PATTERN.equals(kw.asText())
                        ? io.jric.core.internal.grid.GuardRail.SCOPE_EXPECTED : "a string matching " + kw.asText());
            case "minimum":
                return problem(loc, type, found, ">= " + kw.asText());
            case "maximum":
                return problem(loc, type, found, "<= " + kw.asText());
            case "exclusiveMinimum":
                return problem(loc, type, found, "> " + kw.asText());
            case "exclusiveMaximum":
                return problem(loc, type, found, "< " + kw.asText());
            case "minLength":
                return problem(loc, type, found, "at least " + kw.asText() + " characters");
            case "maxLength":
                return problem(loc, type, found, "at most " + kw.asText() + " characters");
            case "minItems":
                return problem(loc, type, found, "at least " + kw.asText() + " items");
            case "maxItems":
                return problem(loc, type, found, "at most " + kw.asText() + " items");
            default:
                return problem(loc, type, found, m.getError() == null ? m.getMessage() : m.getError());
        }
    }

    static Map<String, Object> problem(String pointer, String keyword, JsonNode found, String expected) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pointer", pointer);
        p.put("keyword", keyword);
        if (found != null) p.put("found", found);
        p.put("expected", expected);
        p.put("message", pointer + ": " + (found == null ? (keyword.equals("required") ? "missing" : "invalid") : abbreviate(found.toString()))
                + " (expected: " + expected + ")");
        return p;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String escape(String segment) {
        return segment == null ? "" : segment.replace("~", "~0").replace("/", "~1");
    }

    private static String typeWords(JsonNode kw) {
        if (kw == null) return "another type";
        List<String> words = new ArrayList<>();
        if (kw.isArray()) kw.forEach(t -> words.add(article(t.asText())));
        else words.add(article(kw.asText()));
        return String.join(" or ", words);
    }

    private static String article(String t) {
        return ("aeiou".indexOf(t.isEmpty() ? 'x' : t.charAt(0)) >= 0 ? "an " : "a ") + t;
    }
}
