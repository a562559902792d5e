package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.SimConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    private static final TrainOptions DEFAULTS = new TrainOptions(7, 4, 10, 25, SimConfig.defaults());

    @Test
    void noArgumentsKeepTheDefaultsAndLeaveOutUnset() {
        TrainOptions.Command c = TrainOptions.parse(new String[0], DEFAULTS);
        assertEquals(DEFAULTS, c.options());
        assertNull(c.out());
    }

    @Test
    void eachFlagSetsOnlyItsField() {
        TrainOptions.Command c = TrainOptions.parse(
                new String[] {"--epochs", "3", "--seed", "42", "--minutes", "1.5", "--train-seeds", "2", "--out", "m.zip"},
                DEFAULTS);
        assertEquals(new TrainOptions(42, 2, 1.5, 3, DEFAULTS.config()), c.options());
        assertEquals(Path.of("m.zip"), c.out());
    }

    @Test
    void badCommandLinesNameTheProblem() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(new String[] {"--epoch", "3"}, DEFAULTS));
        assertTrue(unknown.getMessage().contains("unknown argument --epoch"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(new String[] {"--seed"}, DEFAULTS));
        assertTrue(missing.getMessage().contains("--seed needs a value"), missing.getMessage());
        IllegalArgumentException notNumber = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(new String[] {"--minutes", "ten"}, DEFAULTS));
        assertTrue(notNumber.getMessage().contains("--minutes needs a number, got 'ten'"), notNumber.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.parse(new String[] {"--epochs", "0"}, DEFAULTS));
        assertTrue(zero.getMessage().contains("epochs must be >= 1"), zero.getMessage());
    }
}
