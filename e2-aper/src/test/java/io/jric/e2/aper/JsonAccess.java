package io.jric.e2.aper;

/** Test access to the package-private JSON reader for tests in sub-packages. */
public final class JsonAccess {
    private JsonAccess() {
    }

    public static Object parse(String s) {
        return Json.parse(s);
    }
}
