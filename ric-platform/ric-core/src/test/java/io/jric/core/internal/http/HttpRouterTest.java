package io.jric.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRouterTest {
    private static final Handler A = req -> HttpResponse.noContent();
    private static final Handler B = req -> HttpResponse.noContent();

    @Test
    void matchesSegmentsAndParams() {
        Router r = new Router()
                .get("/A1-P/v2/policytypes/{typeId}/policies/{policyId}", A)
                .put("/A1-P/v2/policytypes/{typeId}/policies/{policyId}", B);
        Router.Match m = r.match("PUT", "/A1-P/v2/policytypes/20008/policies/p%201/");
        assertSame(B, m.route().handler);
        assertEquals(Map.of("typeId", "20008", "policyId", "p 1"), m.params());
        assertThrows(HttpProblem.class, () -> r.match("PUT", "/A1-P/v2/policytypes/20008/policies/p%2F1"),
                "an encoded '/' is refused, not decoded into a parameter");
        assertNull(r.match("GET", "/A1-P/v2/policytypes/20008/policies").route());
        assertEquals(Set.of(), r.match("GET", "/A1-P/v2/policytypes/20008/policies").allowed());
        assertThrows(HttpProblem.class, () -> r.match("GET", "/A1-P/v2/policytypes//policies/x"),
                "an empty segment is refused");
        assertEquals(Set.of("GET", "PUT"), r.match("DELETE", "/A1-P/v2/policytypes/1/policies/2").allowed());
        assertEquals("a+b", r.match("GET", "/A1-P/v2/policytypes/a+b/policies/x").params().get("typeId"));
    }

    @Test
    void literalBeatsParameterRegardlessOfOrder() {
        Router r = new Router().get("/x/{id}/y", A).get("/x/list/{id}", B);
        assertSame(B, r.match("GET", "/x/list/y").route().handler);
        assertSame(A, r.match("GET", "/x/other/y").route().handler);
    }

    @Test
    void rootAndMalformed() {
        Router r = new Router().get("/", A);
        assertSame(A, r.match("GET", "/").route().handler);
        assertThrows(HttpProblem.class, () -> r.match("GET", "/%zz"));
    }

    @Test
    void rejectsBadRoutes() {
        Router r = new Router().get("/a/{id}", A);
        assertThrows(IllegalArgumentException.class, () -> r.get("/a/{other}", B), "same shape, same method");
        assertThrows(IllegalArgumentException.class, () -> r.get("no-slash", A));
        assertThrows(IllegalArgumentException.class, () -> r.get("/a/{x}/{x}", A));
        assertThrows(IllegalArgumentException.class, () -> r.get("/a/pre{x}", A));
        assertThrows(IllegalArgumentException.class, () -> r.get("/a//b", A));
        assertThrows(IllegalArgumentException.class, () -> r.post("/b", 0, A));
        r.delete("/a/{other}", B);
    }

    @Test
    void frozenOnceStarted() {
        Router r = new Router().get("/a", A);
        try (RicHttpServer s = RicHttpServer.start(HttpServerSettings.builder().port(0).build(), r)) {
            assertThrows(IllegalStateException.class, () -> r.get("/b", B));
            assertThrows(IllegalStateException.class, () -> r.filter(req -> { }));
        }
    }
}
