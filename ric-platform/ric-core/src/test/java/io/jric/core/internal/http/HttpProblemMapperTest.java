package io.jric.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class HttpProblemMapperTest {
    static class Base extends RuntimeException {}

    static class Special extends Base {}

    @Test
    void builtInTable() {
        ProblemMapper m = new ProblemMapper();
        assertEquals(400, m.map(new IllegalArgumentException("x")).status());
        assertEquals("x", m.map(new IllegalArgumentException("x")).detail());
        assertEquals(400, m.map(new NumberFormatException("n")).status(), "subclass of IllegalArgumentException");
        assertEquals(404, m.map(new NoSuchElementException()).status());
        assertEquals(409, m.map(new IllegalStateException()).status());
        assertEquals(501, m.map(new UnsupportedOperationException()).status());
        HttpProblem p = HttpProblem.conflict("c");
        assertSame(p, m.map(p));
        HttpProblem internal = m.map(new RuntimeException("hidden"));
        assertEquals(500, internal.status());
        assertEquals("internal error", internal.detail());
        assertTrue(internal.instance().startsWith("urn:uuid:"));
    }

    @Test
    void mostSpecificRegistrationWins() {
        ProblemMapper m = new ProblemMapper();
        m.register(Base.class, t -> HttpProblem.of(422, null, "base"));
        m.register(Special.class, t -> HttpProblem.of(429, null, "special"));
        m.register(RuntimeException.class, t -> HttpProblem.of(502, null, "runtime"));
        assertEquals(422, m.map(new Base()).status());
        assertEquals(429, m.map(new Special()).status());
        assertEquals(502, m.map(new RuntimeException()).status());
        assertEquals(400, m.map(new IllegalArgumentException()).status(), "built-in for a more specific class");
        m.register(IllegalArgumentException.class, t -> HttpProblem.of(422, null, "override"));
        assertEquals(422, m.map(new IllegalArgumentException()).status(), "registration replaces built-in");
    }

    @Test
    void unwrapsCompletionException() {
        ProblemMapper m = new ProblemMapper();
        assertEquals(404, m.map(new CompletionException(new NoSuchElementException("gone"))).status());
    }

    @Test
    void failingMappingIs500() {
        ProblemMapper m = new ProblemMapper();
        m.register(Base.class, t -> {
            throw new IllegalStateException("mapping bug");
        });
        assertEquals(500, m.map(new Base()).status());
    }

    @Test
    void problemValidation() {
        assertThrows(IllegalArgumentException.class, () -> HttpProblem.of(200, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> HttpProblem.badRequest("x").with("status", 1));
        assertThrows(IllegalArgumentException.class, () -> HttpProblem.badRequest("x").withHeader("X-A", "a\r\nb"));
        assertEquals("Payload Too Large", HttpProblem.payloadTooLarge("x").title());
        assertEquals("Not Found", HttpProblem.notFound("x").title());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.json(204, "x"));
    }
}
