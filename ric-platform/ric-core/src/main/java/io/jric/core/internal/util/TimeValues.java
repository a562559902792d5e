package io.jric.core.internal.util;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time values as people type them on a command line: a number with an optional unit, {@code 45},
 * {@code 45s}, {@code 2m}, {@code 1h}, {@code 500ms}, {@code 1.5s}; a bare number is in the option's own
 * unit (seconds for {@code --duration}, milliseconds for {@code --...-ms}). Written here rather than
 * taken from a library: {@link Duration#parse} wants ISO-8601 ({@code PT45S}), which nobody types.
 */
public final class TimeValues {
    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?\\s*");

    private TimeValues() {}

    /**
     * Parses {@code text}; a bare number is read in {@code bareUnit} ({@code "ms"}, {@code "s"},
     * {@code "m"} or {@code "h"}).
     *
     * @throws IllegalArgumentException naming the value and the forms accepted
     */
    public static Duration parse(String text, String bareUnit) {
        Matcher m = text == null ? null : VALUE.matcher(text.toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a time (expected e.g. 45, 45s, 2m, 1h or 500ms; a bare number is in "
                    + unitName(bareUnit) + ")");
        }
        String unit = m.group(2) == null ? bareUnit : m.group(2);
        double millisPerUnit = switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalArgumentException("unit " + unit);
        };
        double millis = Double.parseDouble(m.group(1)) * millisPerUnit;
        if (millis > Long.MAX_VALUE / 2) throw new IllegalArgumentException("'" + text + "' is too long a time");
        return Duration.ofMillis(Math.round(millis));
    }

    private static String unitName(String unit) {
        return switch (unit) {
            case "ms" -> "milliseconds";
            case "s" -> "seconds";
            case "m" -> "minutes";
            default -> "hours";
        };
    }
}
