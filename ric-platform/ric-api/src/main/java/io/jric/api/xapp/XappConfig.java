package io.jric.api.xapp;

import java.util.Optional;

/** The descriptor's config values (already validated against the descriptor's config schema). */
public interface XappConfig {
    /** The whole config as JSON text ({@code {}} when the descriptor has none). */
    String json();

    /** A top-level string value. */
    Optional<String> string(String key);

    /** A top-level numeric value. */
    Optional<Double> number(String key);

    /** A top-level boolean value. */
    Optional<Boolean> bool(String key);

    /** A top-level numeric value or the default. */
    default double number(String key, double dflt) {
        return number(key).orElse(dflt);
    }
}
