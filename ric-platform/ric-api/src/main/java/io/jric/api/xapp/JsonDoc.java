package io.jric.api.xapp;

import java.util.List;
import java.util.Optional;

/**
 * A JSON document read by the platform (an A1 policy, the descriptor's config, a published entry):
 * typed lookups by a top-level name ({@code "stepDb"}) or an RFC 6901 JSON pointer
 * ({@code "/limits/maxDbm"}, {@code "/cells/0"}; {@code ""} is the whole document), so an xApp needs no JSON library of its own. A
 * lookup of a missing value, or of a value of another type, is empty. Get one with
 * {@link XappContext#json(String)}; write JSON with {@link XappContext#toJson(Object)}.
 */
public interface JsonDoc {
    /** The document as JSON text. */
    String json();

    /** A string value. */
    Optional<String> string(String path);

    /** A numeric value. */
    Optional<Double> number(String path);

    /** A boolean value. */
    Optional<Boolean> bool(String path);

    /**
     * Any value as plain Java: {@code Map<String, Object>} (in document order), {@code List<Object>},
     * {@code String}, {@code Double}, {@code Long} (integers), {@code Boolean}; empty for JSON null or missing.
     */
    default Optional<Object> value(String path) {
        return Optional.empty();
    }

    /** The member names of an object, in document order; empty when not an object. */
    default List<String> keys(String path) {
        return List.of();
    }

    /** The number of elements of an array; 0 when not an array. */
    default int size(String path) {
        return 0;
    }

    /** A numeric value or the default. */
    default double number(String path, double dflt) {
        return number(path).orElse(dflt);
    }

    /** A string value or the default. */
    default String string(String path, String dflt) {
        return string(path).orElse(dflt);
    }

    /** A boolean value or the default. */
    default boolean bool(String path, boolean dflt) {
        return bool(path).orElse(dflt);
    }
}
