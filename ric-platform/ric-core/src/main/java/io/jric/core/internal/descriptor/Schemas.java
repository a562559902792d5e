package io.jric.core.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * networknt JSON Schema support: compiling schemas (only class-path resources may be loaded, so a
 * schema can never make the RIC fetch from the network) and turning validation output into
 * descriptor problems of the form {@code <what was found> (expected: <what is expected>)}.
 */
final class Schemas {
    /** Dialect of schemas that do not say otherwise. */
    static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2020-12/schema";

    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaLoaders(l -> l.values(v -> v.add(0,
                    new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:"))))));

    static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .regularExpressionFactory(SchemaPatterns.FACTORY)
            .build();

    private static final Map<String, JsonSchema> META = new ConcurrentHashMap<>();

    private Schemas() {}

    /** A compiled schema (every validator initialised), or an exception saying why it does not compile. */
    static JsonSchema compile(JsonNode schema) {
        JsonSchema s = FACTORY.getSchema(schema, CONFIG);
        s.initializeValidators();
        return s;
    }

    /**
     * Checks that {@code schema} is a valid JSON Schema (against its dialect's meta-schema) and
     * compiles it.
     *
     * @param schema the schema document
     * @param field pointer of the field that holds (or names) the schema
     * @param file the file the schema was read from, as written in the descriptor, or null if inline
     * @return the compiled schema, or null after adding problems
     */
    static JsonSchema checkUserSchema(JsonNode schema, String field, String file, Problems problems) {
        List<SchemaPatterns.Unsupported> slow = SchemaPatterns.check(schema);
        if (!slow.isEmpty()) {
            for (SchemaPatterns.Unsupported u : slow) addUserSchemaProblem(field, file, u.pointer(), u.message(), problems);
            return null;
        }
        String dialect = DEFAULT_DIALECT;
        JsonNode declared = schema.get("$schema");
        if (declared != null && declared.isTextual()) dialect = declared.asText();
        JsonSchema meta;
        try {
            meta = META.computeIfAbsent(dialect, iri -> {
                JsonSchema s = FACTORY.getSchema(SchemaLocation.of(iri), CONFIG);
                s.initializeValidators();
                return s;
            });
        } catch (RuntimeException e) {
            addUserSchemaProblem(field, file, "/$schema", Json.render(declared)
                    + " (expected: a JSON Schema dialect this RIC knows: draft-04, draft-06, draft-07, 2019-09 or 2020-12)",
                    problems);
            return null;
        }
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (ValidationMessage m : meta.validate(schema)) {
            String inner = m.getInstanceLocation().toString();
            if (!seen.add(inner)) continue; // anyOf/oneOf branches: one problem per location is enough
            Mapped mm = map(m, "", null);
            addUserSchemaProblem(field, file, mm.field, mm.message, problems);
            ok = false;
        }
        if (!ok) return null;
        try {
            return compile(schema);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            problems.add(field, (file == null ? "a schema" : Json.quote(file))
                    + " that does not compile: " + why + " (expected: a JSON Schema whose $refs stay within itself)");
            return null;
        }
    }

    private static void addUserSchemaProblem(String field, String file, String inner, String message, Problems problems) {
        if (file == null) {
            problems.add(field + (inner.equals("/") ? "" : inner), message);
        } else {
            problems.add(field, Json.quote(file) + " is not a valid JSON Schema: at " + inner + ": " + message);
        }
    }

    /** Validates {@code instance} and adds one problem per failure, with pointers under {@code base}. */
    static void validate(JsonSchema schema, JsonNode schemaRoot, JsonNode instance, String base, Problems problems) {
        for (ValidationMessage m : schema.validate(instance)) {
            Mapped mm = map(m, base, schemaRoot);
            problems.add(mm.field, mm.message);
        }
    }

    /** A networknt message as a field and a {@code found (expected: ...)} text. */
    static final class Mapped {
        final String field;
        final String message;

        Mapped(String field, String message) {
            this.field = field.isEmpty() ? "/" : field;
            this.message = message;
        }
    }

    static Mapped map(ValidationMessage m, String base, JsonNode schemaRoot) {
        String loc = base + m.getInstanceLocation().toString();
        JsonNode found = m.getInstanceNode();
        JsonNode kw = m.getSchemaNode();
        String type = m.getType() == null ? "" : m.getType();
        switch (type) {
            case "required":
                return new Mapped(loc + "/" + Json.escape(m.getProperty()), "missing (required)");
            case "additionalProperties":
            case "unevaluatedProperties": {
                List<String> known = knownProperties(m, schemaRoot);
                return new Mapped(loc + "/" + Json.escape(m.getProperty()), "unknown field" + unknownHint(m.getProperty(), known));
            }
            case "type":
                return new Mapped(loc, Json.render(found) + " (expected: " + typeWords(kw) + ")");
            case "enum": {
                List<String> options = new ArrayList<>();
                kw.forEach(o -> options.add(Json.render(o)));
                String hint = "";
                if (found != null && found.isTextual()) {
                    List<String> texts = new ArrayList<>();
                    kw.forEach(o -> { if (o.isTextual()) texts.add(o.asText()); });
                    String close = DidYouMean.closest(found.asText(), texts);
                    if (close != null) hint = "; did you mean " + Json.quote(close) + "?";
                }
                return new Mapped(loc, Json.render(found) + " (expected: one of " + String.join(", ", options) + hint + ")");
            }
            case "const":
                return new Mapped(loc, Json.render(found) + " (expected: " + Json.render(kw) + ")");
            case "pattern":
                return new Mapped(loc, Json.render(found) + " (expected: a string matching " + kw.asText() + ")");
            case "minimum":
                return new Mapped(loc, Json.render(found) + " (expected: >= " + kw.asText() + ")");
            case "maximum":
                return new Mapped(loc, Json.render(found) + " (expected: <= " + kw.asText() + ")");
            case "exclusiveMinimum":
                return new Mapped(loc, Json.render(found) + " (expected: > " + kw.asText() + ")");
            case "exclusiveMaximum":
                return new Mapped(loc, Json.render(found) + " (expected: < " + kw.asText() + ")");
            case "minLength":
                return new Mapped(loc, Json.render(found) + " (expected: at least " + kw.asText() + " character"
                        + (kw.asInt() == 1 ? "" : "s") + ")");
            case "maxLength":
                return new Mapped(loc, "a string of " + (found == null ? "?" : found.asText().codePointCount(0, found.asText().length()))
                        + " characters (expected: at most " + kw.asText() + ")");
            case "minItems":
                return new Mapped(loc, (found == null ? "?" : found.size()) + " items (expected: at least " + kw.asText() + ")");
            case "maxItems":
                return new Mapped(loc, (found == null ? "?" : found.size()) + " items (expected: at most " + kw.asText() + ")");
            case "uniqueItems":
                return new Mapped(loc, Json.render(found) + " (expected: no duplicate items)");
            default:
                return new Mapped(loc, Json.render(found) + " (expected: " + m.getError() + ")");
        }
    }

    private static String unknownHint(String name, List<String> known) {
        if (known.isEmpty()) return "";
        String close = DidYouMean.closest(name, known);
        if (close != null) return " (did you mean " + Json.quote(close) + "?)";
        return " (expected one of: " + known.stream().map(Json::quote).collect(Collectors.joining(", ")) + ")";
    }

    /** The sibling {@code properties} of the failing {@code additionalProperties}, looked up in the schema document. */
    private static List<String> knownProperties(ValidationMessage m, JsonNode schemaRoot) {
        if (schemaRoot == null || m.getSchemaLocation() == null) return List.of();
        JsonNodePath fragment = m.getSchemaLocation().getFragment();
        if (fragment == null) return List.of();
        JsonNodePath parent = fragment.getParent();
        String pointer = parent == null ? "" : parent.toString();
        if (pointer.equals("/") || !pointer.startsWith("/")) pointer = "";
        JsonNode props = schemaRoot.at(pointer).get("properties");
        return props == null || !props.isObject() ? List.of() : Json.fieldNames(props);
    }

    private static String typeWords(JsonNode kw) {
        if (kw == null) return "another type";
        if (kw.isArray()) {
            List<String> words = new ArrayList<>();
            kw.forEach(t -> words.add(article(t.asText())));
            return String.join(" or ", words);
        }
        return article(kw.asText());
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }
}
