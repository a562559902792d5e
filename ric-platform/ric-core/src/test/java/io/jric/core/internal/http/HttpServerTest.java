package io.jric.core.internal.http;

import static io.jric.core.internal.http.HttpTestSupport.assertProblem;
import static io.jric.core.internal.http.HttpTestSupport.json;
import static io.jric.core.internal.http.HttpTestSupport.readResponse;
import static io.jric.core.internal.http.HttpTestSupport.request;
import static io.jric.core.internal.http.HttpTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpServerTest {
    static final int GLOBAL_LIMIT = 1024;
    static RicHttpServer server;
    static HttpClient client;

    record Spec(String name, int replicas) {}

    static final class QuotaExceeded extends RuntimeException {
        QuotaExceeded(String m) {
            super(m);
        }
    }

    @BeforeAll
    static void start() {
        Router router = new Router()
                .filter(req -> {
                    if (req.path().startsWith("/secure") && req.header("Authorization").isEmpty()) {
                        throw HttpProblem.unauthorized("missing bearer token").withHeader("WWW-Authenticate", "Bearer");
                    }
                    req.setAttribute("principal", req.header("Authorization").orElse("anonymous"));
                })
                .get("/ric/v1/xapps/{name}", req -> HttpResponse.ok(Map.of(
                        "name", req.pathParam("name"),
                        "verbose", req.query("verbose").orElse("false"),
                        "tags", req.queryAll("tag"))))
                .get("/ric/v1/xapps/stats", req -> HttpResponse.ok(Map.of("stats", true)))
                .delete("/ric/v1/xapps/{name}", req -> HttpResponse.noContent())
                .post("/ric/v1/xapps", req -> {
                    req.requireContentType("application/json");
                    Spec spec = req.json(Spec.class);
                    return HttpResponse.created("/ric/v1/xapps/" + spec.name(), spec);
                })
                .post("/ric/v1/echo", req -> {
                    req.requireContentType("application/json");
                    return HttpResponse.ok(req.jsonTree());
                })
                .post("/ric/v1/small", 16, req -> HttpResponse.ok(Map.of("size", req.body().length)))
                .post("/ric/v1/large", 8 * GLOBAL_LIMIT, req -> HttpResponse.ok(Map.of("size", req.body().length)))
                .get("/ric/v1/text", req -> HttpResponse.text(200, "hello ü"))
                .get("/whoami", req -> HttpResponse.ok(Map.of("port", req.remoteAddress().getPort())))
                .get("/secure/thing", req -> HttpResponse.ok(Map.of("principal", req.attribute("principal").orElseThrow())))
                .get("/fail/iae", req -> {
                    throw new IllegalArgumentException("bad xApp name 'x y'");
                })
                .get("/fail/nse", req -> {
                    throw new NoSuchElementException("no xApp 'ghost'");
                })
                .get("/fail/ise", req -> {
                    throw new IllegalStateException("xApp 'a' is already running");
                })
                .get("/fail/uoe", req -> {
                    throw new UnsupportedOperationException("not yet");
                })
                .get("/fail/custom", req -> {
                    throw new QuotaExceeded("quota of 3 xApps reached");
                })
                .get("/fail/boom", req -> {
                    throw new RuntimeException("secret-internal-state at io.jric.Foo");
                })
                .get("/fail/problem", req -> {
                    throw HttpProblem.badRequest("policy is invalid").withType("urn:jric:problem:invalid-policy")
                            .with("problems", List.of(Map.of("field", "x", "reason", "missing")));
                });
        server = RicHttpServer.start(HttpServerSettings.builder().port(0).maxBodyBytes(GLOBAL_LIMIT).build(), router);
        server.mapException(QuotaExceeded.class, t -> HttpProblem.of(422, null, t.getMessage()));
        client = HttpTestSupport.client();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pathAndQueryParameters() throws Exception {
        var r = send(client, request(server, "/ric/v1/xapps/kpimon?verbose=true&tag=a&tag=b%20c").GET().build());
        assertEquals(200, r.statusCode());
        JsonNode n = json(r);
        assertEquals("kpimon", n.path("name").asText());
        assertEquals("true", n.path("verbose").asText());
        assertEquals("b c", n.path("tags").path(1).asText());

        r = send(client, request(server, "/ric/v1/xapps/kp%20mon/").GET().build());
        assertEquals(200, r.statusCode(), "trailing slash is tolerated");
        assertEquals("kp mon", json(r).path("name").asText());
        assertEquals("false", json(r).path("verbose").asText());

        r = send(client, request(server, "/ric/v1/xapps/stats").GET().build());
        assertTrue(json(r).path("stats").asBoolean(), "literal segment beats {name}");

        assertProblem(send(client, request(server, "/ric/v1/xapps/a/b").GET().build()), 404);
        assertEquals(400, rawGet("/ric/v1/xapps/a?x=%zz").status(), "malformed query encoding");
        assertEquals(400, rawGet("/ric/v1/xapps/%zz").status(), "malformed path encoding");
        assertEquals("kpimon", HttpJson.mapper().readTree(rawGet("http://localhost/ric/v1/xapps/kpimon").body())
                .path("name").asText(), "absolute-form target");
    }

    private static HttpTestSupport.RawResponse rawGet(String target) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            return readResponse(s.getInputStream());
        }
    }

    @Test
    void jsonEchoRoundTrip() throws Exception {
        String doc = "{\"a\":[1,2.5,{\"b\":\"ü\"}],\"n\":null,\"t\":true}";
        var r = send(client, request(server, "/ric/v1/echo")
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(BodyPublishers.ofString(doc, StandardCharsets.UTF_8)).build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(HttpJson.mapper().readTree(doc), json(r));
    }

    @Test
    void textResponse() throws Exception {
        var r = send(client, request(server, "/ric/v1/text").GET().build());
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("hello ü", r.body());
    }

    @Test
    void createdWithLocation() throws Exception {
        var r = send(client, request(server, "/ric/v1/xapps").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"kpimon\",\"replicas\":2}")).build());
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("/ric/v1/xapps/kpimon", r.headers().firstValue("Location").orElseThrow());
        assertEquals(2, json(r).path("replicas").asInt());
    }

    @Test
    void noContentHasEmptyBody() throws Exception {
        var r = send(client, request(server, "/ric/v1/xapps/kpimon").DELETE().build());
        assertEquals(204, r.statusCode());
        assertEquals("", r.body());
        assertTrue(r.headers().firstValue("Content-Type").isEmpty());
    }

    @Test
    void invalidJsonIsProblem400WithLocation() throws Exception {
        var r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"a\":\n  [1, 2,,]}")).build());
        JsonNode p = assertProblem(r, 400);
        assertEquals("Bad Request", p.path("title").asText());
        String detail = p.path("detail").asText();
        assertTrue(detail.startsWith("body is not valid JSON: "), detail);
        assertTrue(detail.contains("line 2, column"), detail);
        assertEquals("/ric/v1/echo", p.path("instance").asText());

        r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "application/json")
                .POST(BodyPublishers.noBody()).build());
        assertTrue(assertProblem(r, 400).path("detail").asText().contains("empty"));
    }

    @Test
    void bodyNotMatchingTypeIs400() throws Exception {
        var r = send(client, request(server, "/ric/v1/xapps").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"name\":\"a\",\"replicas\":\"many\"}")).build());
        String detail = assertProblem(r, 400).path("detail").asText();
        assertTrue(detail.contains("line 1, column"), detail);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        var r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("{}")).build());
        assertTrue(assertProblem(r, 415).path("detail").asText().contains("text/plain"));
        r = send(client, request(server, "/ric/v1/echo").POST(BodyPublishers.ofString("{}")).build());
        assertProblem(r, 415);
    }

    @Test
    void bodyOverGlobalLimitIs413() throws Exception {
        String big = "{\"x\":\"" + "a".repeat(4 * GLOBAL_LIMIT) + "\"}";
        var r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(big)).build());
        JsonNode p = assertProblem(r, 413);
        assertTrue(p.path("detail").asText().contains(String.valueOf(GLOBAL_LIMIT)), p.toString());

        // chunked (no Content-Length): caught while streaming
        r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
        assertProblem(r, 413);

        // a body far beyond the limit: read and dropped so the client still gets the 413, not a reset
        r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(new byte[3 * 1024 * 1024])).build());
        assertProblem(r, 413);

        // Expect: 100-continue with a declared length over the limit: 413 before any body is sent
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /ric/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            var raw = readResponse(s.getInputStream());
            assertEquals(413, raw.status());
            assertEquals("close", raw.header("Connection"));
        }

        // the server is fine afterwards, and exactly-at-limit passes
        String atLimit = "\"" + "a".repeat(GLOBAL_LIMIT - 2) + "\"";
        r = send(client, request(server, "/ric/v1/echo").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(atLimit)).build());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void perRouteLimits() throws Exception {
        var r = send(client, request(server, "/ric/v1/small").POST(BodyPublishers.ofString("x".repeat(17))).build());
        assertTrue(assertProblem(r, 413).path("detail").asText().contains("16 bytes"));
        r = send(client, request(server, "/ric/v1/small").POST(BodyPublishers.ofString("x".repeat(16))).build());
        assertEquals(16, json(r).path("size").asInt());
        // a route may also allow more than the server default
        r = send(client, request(server, "/ric/v1/large").POST(BodyPublishers.ofString("x".repeat(4 * GLOBAL_LIMIT))).build());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(4 * GLOBAL_LIMIT, json(r).path("size").asInt());
    }

    @Test
    void unknownPathIs404() throws Exception {
        var r = send(client, request(server, "/ric/v1/nothing-here?x=1").GET().build());
        assertTrue(assertProblem(r, 404).path("detail").asText().contains("/ric/v1/nothing-here"));
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        var r = send(client, request(server, "/ric/v1/xapps/kpimon").PUT(BodyPublishers.ofString("{}")).build());
        assertProblem(r, 405);
        assertEquals("DELETE, GET", r.headers().firstValue("Allow").orElseThrow());
        r = send(client, request(server, "/ric/v1/xapps/kpimon").method("HEAD", BodyPublishers.noBody()).build());
        assertEquals(405, r.statusCode());
        assertEquals("", r.body(), "no body in a HEAD response");
    }

    @Test
    void exceptionTable() throws Exception {
        assertEquals("bad xApp name 'x y'", assertProblem(send(client, request(server, "/fail/iae").build()), 400)
                .path("detail").asText());
        assertEquals("no xApp 'ghost'", assertProblem(send(client, request(server, "/fail/nse").build()), 404)
                .path("detail").asText());
        assertProblem(send(client, request(server, "/fail/ise").build()), 409);
        assertProblem(send(client, request(server, "/fail/uoe").build()), 501);
        assertEquals("quota of 3 xApps reached", assertProblem(send(client, request(server, "/fail/custom").build()), 422)
                .path("detail").asText());
    }

    @Test
    void problemTypeAndExtensionsAreKept() throws Exception {
        var r = send(client, request(server, "/fail/problem").build());
        assertEquals(400, r.statusCode());
        JsonNode p = json(r);
        assertEquals("urn:jric:problem:invalid-policy", p.path("type").asText());
        assertEquals("x", p.path("problems").path(0).path("field").asText());
        assertEquals(List.of("type", "title", "status", "detail", "instance", "problems"),
                iterableToList(((ObjectNode) p).fieldNames()));
    }

    @Test
    void unexpectedExceptionIs500WithCorrelationIdAndNoLeak() throws Exception {
        var r = send(client, request(server, "/fail/boom").build());
        JsonNode p = assertProblem(r, 500);
        assertEquals("internal error", p.path("detail").asText());
        assertTrue(p.path("instance").asText().matches("urn:uuid:[0-9a-f-]{36}"), p.toString());
        assertFalse(r.body().contains("secret"), r.body());
        assertFalse(r.body().contains("Exception"), r.body());
        assertFalse(r.body().contains("io.jric"), r.body());
    }

    @Test
    void filterRejectsWith401() throws Exception {
        var r = send(client, request(server, "/secure/thing").build());
        assertEquals("missing bearer token", assertProblem(r, 401).path("detail").asText());
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
        r = send(client, request(server, "/secure/thing").header("Authorization", "Bearer t0k3n").build());
        assertEquals(200, r.statusCode());
        assertEquals("Bearer t0k3n", json(r).path("principal").asText());
    }

    @Test
    void keepAliveReusesOneConnection() throws Exception {
        HttpClient own = HttpTestSupport.client();
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            var r = send(own, request(server, "/whoami").build());
            assertEquals(200, r.statusCode());
            ports.add(json(r).path("port").asInt());
        }
        assertEquals(1, ports.size(), "sequential requests share one connection: " + ports);
    }

    @Test
    void pipelinedRequestsAnsweredInOrderAndConnectionCloseHonoured() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            String reqs = "GET /ric/v1/xapps/first HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /ric/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n[1,2,3]"
                    + "GET /fail/nse HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /ric/v1/xapps/last HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(reqs.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            var r1 = readResponse(in);
            var r2 = readResponse(in);
            var r3 = readResponse(in);
            var r4 = readResponse(in);
            assertEquals("first", HttpJson.mapper().readTree(r1.body()).path("name").asText());
            assertNull(r1.header("Connection"));
            assertEquals("[1,2,3]", r2.body());
            assertEquals(404, r3.status());
            assertEquals("last", HttpJson.mapper().readTree(r4.body()).path("name").asText());
            assertEquals("close", r4.header("Connection"));
            assertEquals(-1, in.read(), "server closes after Connection: close");
        }
    }

    @Test
    void oversizedPipelinedRequestIsAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            String reqs = "GET /ric/v1/xapps/first HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /ric/v1/small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "10\r\n" + "y".repeat(16) + "\r\n10\r\n" + "y".repeat(16) + "\r\n0\r\n\r\n"
                    + "GET /ric/v1/xapps/never HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(reqs.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertEquals(200, readResponse(in).status());
            var r = readResponse(in);
            assertEquals(413, r.status());
            assertEquals("close", r.header("Connection"));
            assertEquals(-1, in.read(), "nothing after the 413");
        }
    }

    @Test
    void http10ClosesUnlessKeepAlive() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /ric/v1/xapps/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
                    + "GET /ric/v1/xapps/b HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            var r1 = readResponse(in);
            assertEquals(200, r1.status());
            assertEquals("keep-alive", r1.header("Connection"));
            var r2 = readResponse(in);
            assertEquals("b", HttpJson.mapper().readTree(r2.body()).path("name").asText());
            assertEquals("close", r2.header("Connection"));
            assertEquals(-1, in.read());
        }
    }

    @Test
    void garbageGets400AndServerKeepsServing() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("\u0001\u0002GARBAGE garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            var r = readResponse(in);
            assertEquals(400, r.status(), r.toString());
            assertEquals("application/problem+json", r.header("Content-Type"));
            assertEquals(400, HttpJson.mapper().readTree(r.body()).path("status").asInt());
            assertEquals(-1, in.read(), "connection closed after a malformed request");
        }
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertEquals(400, readResponse(s.getInputStream()).status());
        }
        assertEquals(200, send(client, request(server, "/ric/v1/xapps/still-up").build()).statusCode());
    }

    @Test
    void oversizedHeadersAre431() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /ric/v1/xapps/a HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertEquals(431, readResponse(s.getInputStream()).status());
        }
    }

    private static List<String> iterableToList(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
