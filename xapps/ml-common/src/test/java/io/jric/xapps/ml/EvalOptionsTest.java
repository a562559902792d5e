package io.jric.xapps.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluations' command line: defaults, values, and errors that name the flag. */
class EvalOptionsTest {
    private static final String[] EXTRA = {"--demand=numbers", "--pingpong-ms=int", "--policy=text"};

    @Test
    void defaultsAndValues() {
        EvalOptions none = EvalOptions.parse(new String[0], EXTRA);
        assertEquals(List.of(1L, 2L), none.seeds(List.of(1L, 2L)));
        assertEquals(10, none.minutes(10));
        assertNull(none.model());
        assertNull(none.string("--policy"));
        EvalOptions o = EvalOptions.parse(new String[] {"--seeds", "7, 8", "--minutes", "2.5", "--model", "m.zip",
                "--demand", "0.5,1", "--pingpong-ms", "3000", "--policy", "{\"a\":1}"}, EXTRA);
        assertEquals(List.of(7L, 8L), o.seeds(List.of()));
        assertEquals(2.5, o.minutes(10));
        assertEquals(Path.of("m.zip"), o.model());
        assertEquals(List.of(0.5, 1.0), o.numbers("--demand", List.of()));
        assertEquals(3000, o.integer("--pingpong-ms", 0));
        assertEquals("{\"a\":1}", o.string("--policy"));
    }

    @Test
    void badCommandLinesNameTheFlag() {
        for (String[] args : new String[][] {
                {"--sedes", "1"}, {"--seeds"}, {"--seeds", "1,x"}, {"--minutes", "0"}, {"--minutes", "ten"},
                {"--demand", "0.5,lots"}, {"--pingpong-ms", "5s"}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvalOptions.parse(args, EXTRA),
                    String.join(" ", args));
            assertTrue(e.getMessage().contains(args[0].equals("--sedes") ? "unknown argument --sedes" : args[0]), e.getMessage());
        }
    }
}
