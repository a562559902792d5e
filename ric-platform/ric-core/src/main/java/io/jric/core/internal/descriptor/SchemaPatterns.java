package io.jric.core.internal.descriptor;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regular expressions of JSON Schemas ({@code pattern}, {@code patternProperties}, {@code format:
 * regex}) evaluated with RE2/J, whose matching time is linear in the input: a schema cannot make
 * a validation backtrack for ever (issue 13, item 8: {@code ^(.*a){12}$} against a run of
 * {@code a}s held every HTTP worker). RE2 has no backreferences and no lookaround; a schema using
 * them is refused when it is registered, naming the pattern ({@link #check}).
 */
public final class SchemaPatterns {
    /** The factory to give networknt's {@code SchemaValidatorsConfig.regularExpressionFactory}. */
    public static final RegularExpressionFactory FACTORY = SchemaPatterns::compile;

    /** Members whose values are data, not schemas: a {@code pattern} inside them is no keyword. */
    private static final Set<String> DATA = Set.of("enum", "const", "default", "examples");

    private SchemaPatterns() {}

    /**
     * A pattern this RIC cannot evaluate in linear time.
     *
     * @param pointer JSON pointer of the keyword (or of the {@code patternProperties} entry) in the schema
     * @param pattern the pattern as written
     * @param reason RE2's description of what it does not accept
     */
    public record Unsupported(String pointer, String pattern, String reason) {
        /** @return e.g. {@code pattern "(a)\1" is not supported: invalid escape sequence: \1 (expected: ...)} */
        public String message() {
            return "pattern " + Json.quote(pattern) + " is not supported: " + reason
                    + " (expected: a regular expression without backreferences or lookaround, evaluated in linear time)";
        }
    }

    /**
     * Compiles one pattern as JSON Schema uses it (unanchored search).
     *
     * @throws IllegalArgumentException naming the pattern if RE2/J cannot compile it
     */
    public static RegularExpression compile(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(new Unsupported("", regex, reason(e)).message(), e);
        }
        return value -> p.matcher(value).find();
    }

    /**
     * Every {@code pattern} and {@code patternProperties} key of a schema that RE2/J cannot compile.
     *
     * @param schema a JSON Schema document
     * @return the patterns refused, with where they are; empty when all are usable
     */
    public static List<Unsupported> check(JsonNode schema) {
        List<Unsupported> out = new ArrayList<>();
        walk(schema, "", out);
        return out;
    }

    private static void walk(JsonNode node, String at, List<Unsupported> out) {
        if (node == null) return;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), at + "/" + i, out);
            return;
        }
        if (!node.isObject()) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            String here = at + "/" + Json.escape(key);
            if (DATA.contains(key)) continue;
            if (key.equals("pattern") && v.isTextual()) {
                test(v.asText(), here, out);
            } else if (key.equals("patternProperties") && v.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> pp = v.fields(); pp.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = pp.next();
                    String ppAt = here + "/" + Json.escape(p.getKey());
                    test(p.getKey(), ppAt, out);
                    walk(p.getValue(), ppAt, out);
                }
            } else {
                walk(v, here, out);
            }
        }
    }

    private static void test(String regex, String at, List<Unsupported> out) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            out.add(new Unsupported(at, regex, reason(e)));
        }
    }

    private static String reason(PatternSyntaxException e) {
        String d = e.getDescription();
        return d == null || d.isEmpty() ? "RE2 cannot compile it" : "RE2 cannot compile it (" + d + ")";
    }
}
