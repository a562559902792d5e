package io.jric.core.internal.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeValuesTest {
    @Test
    void acceptsBareNumbersInTheOptionsUnitAndCommonUnits() {
        assertEquals(Duration.ofSeconds(45), TimeValues.parse("45", "s"));
        assertEquals(Duration.ofSeconds(45), TimeValues.parse("45s", "s"));
        assertEquals(Duration.ofMinutes(2), TimeValues.parse("2m", "s"));
        assertEquals(Duration.ofMinutes(2), TimeValues.parse("2min", "s"));
        assertEquals(Duration.ofHours(1), TimeValues.parse("1h", "s"));
        assertEquals(Duration.ofMillis(500), TimeValues.parse("500ms", "s"));
        assertEquals(Duration.ofMillis(1500), TimeValues.parse("1.5s", "ms"));
        assertEquals(Duration.ofMillis(3000), TimeValues.parse("3000", "ms"));
        assertEquals(Duration.ofSeconds(10), TimeValues.parse(" 10S ", "s"));
    }

    @Test
    void refusesWhatIsNotATimeNamingTheForms() {
        for (String bad : new String[] {"", "s", "45x", "-5", "4 5", "1e3", "45 seconds"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeValues.parse(bad, "s"), bad);
            assertTrue(e.getMessage().contains("45s, 2m"), e.getMessage());
        }
    }
}
