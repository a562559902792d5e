package io.jric.api.xapp;

/**
 * The descriptor's config values (already validated against the descriptor's config schema), read
 * by name or JSON pointer like any {@link JsonDoc}: {@code config().number("stepDb", 1)},
 * {@code config().string("/thresholds/mode", "auto")}.
 */
public interface XappConfig extends JsonDoc {
}
