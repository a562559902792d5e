package io.jric.server;

import io.jric.core.internal.util.TimeValues;
import picocli.CommandLine.ITypeConverter;

/**
 * picocli converters for time options: {@code 45}, {@code 45s}, {@code 2m}, {@code 500ms} (see
 * {@link TimeValues}); a bare number is in the option's own unit, which its name says.
 */
public final class TimeOptions {
    private TimeOptions() {}

    /** For options counted in seconds ({@code --duration}, {@code --...-s}): whole seconds, at least the value typed. */
    public static final class Seconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long ms = TimeValues.parse(value, "s").toMillis();
            return (ms + 999) / 1000;
        }
    }

    /** For options counted in milliseconds ({@code --...-ms}). */
    public static final class Millis implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return TimeValues.parse(value, "ms").toMillis();
        }
    }
}
