package io.jric.e2.aper;

import java.nio.file.Path;

/** Test helpers of this package for the service model tests in sub-packages. */
public final class TestBridge {
    private TestBridge() {
    }

    public static Object json(String line) {
        return Json.parse(line);
    }

    /** The oracle script, or a skipped test saying what is missing (as OracleDifferentialTest). */
    public static Path oracleOrSkip() {
        return OracleDifferentialTest.oracleOrSkip();
    }

    public static byte[] vector(String name) {
        return Vectors.load(name);
    }
}
