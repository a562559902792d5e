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

    @Test
    void configIsTakenOffTheCommandLineAndAnUnknownOneIsNamed() {
        java.util.Set<String> allowed = java.util.Set.of("default", "two-layer-ftp3");
        TrainOptions.ConfigArg none = TrainOptions.takeConfig(new String[] {"--seed", "3"}, allowed);
        assertTrue(none.isDefault());
        assertEquals(java.util.List.of("--seed", "3"), java.util.List.of(none.rest()));
        TrainOptions.ConfigArg two = TrainOptions.takeConfig(new String[] {"--seed", "3", "--config", "two-layer-ftp3", "--epochs", "2"},
                allowed);
        assertEquals("two-layer-ftp3", two.name());
        assertEquals(java.util.List.of("--seed", "3", "--epochs", "2"), java.util.List.of(two.rest()));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.takeConfig(new String[] {"--config", "ftp4"}, allowed));
        assertTrue(unknown.getMessage().contains("got 'ftp4'"), unknown.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.takeConfig(new String[] {"--config"}, allowed));
        assertTrue(missing.getMessage().contains("--config needs a value"), missing.getMessage());
    }
}
