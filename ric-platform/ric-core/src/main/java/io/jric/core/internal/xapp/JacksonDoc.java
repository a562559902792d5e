package io.jric.core.internal.xapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jric.api.xapp.JsonDoc;
import io.jric.api.xapp.XappConfig;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link JsonDoc} (and {@link XappConfig}) over a Jackson tree; the SDK's JSON for xApps. */
final class JacksonDoc implements XappConfig {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    /** Documents larger than this are refused: xApps read policies and config, not bulk data. */
    static final int MAX_CHARS = 1 << 20;

    private final String json;
    private final JsonNode tree;

    private JacksonDoc(String json, JsonNode tree) {
        this.json = json;
        this.tree = tree;
    }

    /** Parses; {@code what} names the document in errors (e.g. "config.values", "json"). */
    static JacksonDoc parse(String json, String what) {
        if (json == null) throw new IllegalArgumentException(what + ": null (expected JSON text)");
        if (json.length() > MAX_CHARS) {
            throw new IllegalArgumentException(what + ": " + json.length() + " characters (at most " + MAX_CHARS + ")");
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || tree.isMissingNode()) throw new IllegalArgumentException(what + ": empty (expected JSON text)");
            return new JacksonDoc(json, tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** Writes plain Java values (maps, lists, arrays, strings, numbers, booleans, null) as JSON. */
    static String write(Object value) {
        check(value, 0);
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("toJson: " + e.getOriginalMessage(), e);
        }
    }

    private static void check(Object v, int depth) {
        if (depth > 64) throw new IllegalArgumentException("toJson: nested deeper than 64 levels");
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean || v instanceof Character) return;
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw new IllegalArgumentException("toJson: a map key is a " + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                            + " (expected String)");
                }
                check(e.getValue(), depth + 1);
            }
            return;
        }
        if (v instanceof Iterable<?> it) {
            for (Object o : it) check(o, depth + 1);
            return;
        }
        if (v.getClass().isArray()) {
            if (v instanceof Object[] a) for (Object o : a) check(o, depth + 1);
            return; // primitive arrays
        }
        throw new IllegalArgumentException("toJson: a " + v.getClass().getName()
                + " (expected Map, List, array, String, number, Boolean or null)");
    }

    private JsonNode at(String path) {
        if (path == null) throw new IllegalArgumentException("path: null");
        if (path.isEmpty()) return tree;
        if (path.charAt(0) != '/') return tree.path(path);
        try {
            return tree.at(JsonPointer.compile(path));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("path: " + path + " is not a JSON pointer: " + e.getMessage(), e);
        }
    }

    @Override
    public String json() {
        return json;
    }

    @Override
    public Optional<String> string(String path) {
        JsonNode n = at(path);
        return n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    @Override
    public Optional<Double> number(String path) {
        JsonNode n = at(path);
        return n.isNumber() ? Optional.of(n.asDouble()) : Optional.empty();
    }

    @Override
    public Optional<Boolean> bool(String path) {
        JsonNode n = at(path);
        return n.isBoolean() ? Optional.of(n.asBoolean()) : Optional.empty();
    }

    @Override
    public Optional<Object> value(String path) {
        return Optional.ofNullable(plain(at(path)));
    }

    private static Object plain(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), plain(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonNode e : n) l.add(plain(e));
            return l;
        }
        if (n.isTextual()) return n.asText();
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.asLong();
        if (n.isNumber()) return n.asDouble();
        if (n.isBoolean()) return n.asBoolean();
        return null;
    }

    @Override
    public List<String> keys(String path) {
        JsonNode n = at(path);
        List<String> out = new ArrayList<>();
        if (n.isObject()) n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Override
    public int size(String path) {
        JsonNode n = at(path);
        return n.isArray() ? n.size() : 0;
    }

    @Override
    public String toString() {
        return json;
    }
}
