package io.jric.core.internal.http;

import static io.jric.core.internal.http.HttpTestSupport.readResponse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 13 items 1 and 3: token-guarded routes cannot be reached through a disguised path, and a
 * request without a valid token is refused on its head, before its body is read. A real server on
 * loopback with the same filter set-up as the RIC (admin API under /ric/v1, A1 under /A1-P/v2 and
 * /a1-p with an open health check); requests are written byte for byte on a socket so that no
 * client normalises the path first.
 */
@Timeout(60)
class HttpAuthBypassTest {
    static final String TOKEN = "s3cret-token";
    static final int BIG_LIMIT = 128 * 1024 * 1024;
    static RicHttpServer server;
    static final AtomicInteger reached = new AtomicInteger();

    @BeforeAll
    static void start() {
        Handler guarded = req -> {
            reached.incrementAndGet();
            return HttpResponse.ok(Map.of("path", req.path(), "size", req.body().length));
        };
        Router router = new Router()
                .filter(new BearerTokenFilter("jric-admin", List.of("/ric/v1"), Set.of(), Set.of(TOKEN)))
                .filter(new BearerTokenFilter("jric-a1", List.of("/A1-P/v2", "/a1-p"), Set.of("/a1-p/healthcheck"),
                        Set.of(TOKEN)))
                .post("/ric/v1/xapps", BIG_LIMIT, guarded)
                .get("/ric/v1/xapps", guarded)
                .put("/ric/v1/guardrails/{scope}", guarded)
                .put("/A1-P/v2/policytypes/{typeId}/policies/{policyId}", guarded)
                .put("/a1-p/policytypes/{typeId}", guarded)
                .get("/a1-p/healthcheck", req -> HttpResponse.ok(Map.of("ok", true)));
        server = RicHttpServer.start(HttpServerSettings.builder().port(0).build(), router);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        reached.set(0);
    }

    /** A disguised path and the status it must get without a token. */
    record Case(String method, String target, int expected) {}

    static final List<Case> CASES = List.of(
            // the forms from the issue: they decode to a guarded route, so the token is asked for
            new Case("POST", "/%72ic/v1/xapps", 401),
            new Case("POST", "/ric/%761/xapps", 401),
            new Case("POST", "/%72%69%63/%76%31/%78%61%70%70%73", 401),
            new Case("PUT", "/%411-P/v2/policytypes/1/policies/p", 401),
            new Case("PUT", "/A1-P/%762/policytypes/1/policies/p", 401),
            new Case("PUT", "/%611-p/policytypes/1", 401),
            new Case("PUT", "/a1-p/policytypes/1", 401),
            new Case("PUT", "/ric/v1/%67uardrails/cell-1", 401),
            // trailing slash, query, fragment, absolute form: the same route, the same filter
            new Case("POST", "/ric/v1/xapps/", 401),
            new Case("POST", "/%72ic/v1/xapps?x=/../a1-p/healthcheck", 401),
            new Case("POST", "/ric/v1/xapps#frag", 401),
            new Case("POST", "http://127.0.0.1/%72ic/v1/xapps", 401),
            // ambiguous forms are refused outright
            new Case("POST", "/%2572ic/v1/xapps", 400),
            new Case("POST", "/%252572ic/v1/xapps", 400),
            new Case("POST", "/ric/v1/xapps//", 400),
            new Case("POST", "//ric/v1/xapps", 400),
            new Case("POST", "/ric//v1/xapps", 400),
            new Case("POST", "/./ric/v1/xapps", 400),
            new Case("POST", "/ric/./v1/xapps", 400),
            new Case("POST", "/a1-p/../ric/v1/xapps", 400),
            new Case("POST", "/a1-p/healthcheck/../../ric/v1/xapps", 400),
            new Case("POST", "/%2e/ric/v1/xapps", 400),
            new Case("POST", "/%2E%2E/ric/v1/xapps", 400),
            new Case("POST", "/ric%2Fv1/xapps", 400),
            new Case("POST", "/ric%2fv1%2fxapps", 400),
            new Case("POST", "/ric%5Cv1/xapps", 400),
            new Case("POST", "/ric\\v1/xapps", 400),
            new Case("POST", "/ric;x=1/v1/xapps", 400),
            new Case("POST", "/ric/v1;/xapps", 400),
            new Case("POST", "/ric/v1/xapps;jsessionid=1", 400),
            new Case("POST", "/ric/v1/xapps%00", 400),
            new Case("POST", "/ric/v1/xapps%", 400),
            new Case("POST", "/ric/v1/xapps%7", 400),
            new Case("POST", "/%u0072ic/v1/xapps", 400),
            new Case("POST", "/%C0%AFric/v1/xapps", 400),
            new Case("GET", "/a1-p/healthcheck/..%2F..%2Fric/v1/xapps", 400),
            // the router is case-sensitive, and so is everything before it: no route, no handler
            new Case("POST", "/RIC/v1/xapps", 404),
            new Case("POST", "/%52IC/v1/xapps", 404),
            new Case("POST", "/ric/V1/xapps", 404),
            new Case("PUT", "/a1-P/v2/policytypes/1/policies/p", 404),
            new Case("PUT", "/A1-p/policytypes/1", 404),
            new Case("PUT", "/%611-P/policytypes/1", 404));

    @Test
    void noDisguisedPathReachesAGuardedHandlerWithoutAToken() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            for (boolean withBody : new boolean[] {false, true}) {
                String body = withBody ? "{\"name\":\"evil\"}" : "";
                HttpTestSupport.RawResponse r = exchange(c.method() + " " + c.target() + " HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body);
                if (r == null || r.status() != c.expected()) {
                    wrong.add(c.method() + " " + c.target() + (withBody ? " (with body)" : "") + ": expected "
                            + c.expected() + ", got " + (r == null ? "no answer" : r.status() + " " + r.body()));
                    continue;
                }
                assertEquals("application/problem+json", r.header("Content-Type"), c.target());
                JsonNode p = HttpJson.mapper().readTree(r.body());
                assertEquals(c.expected(), p.path("status").asInt(), r.body());
                if (c.expected() == 401) {
                    assertTrue(r.header("WWW-Authenticate").startsWith("Bearer realm="), c.target());
                }
                if (c.expected() == 400 && !p.path("detail").asText().startsWith("malformed request path: ")) {
                    wrong.add(c.method() + " " + c.target() + ": 400 does not name the path problem: " + r.body());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(0, reached.get(), "a guarded handler ran without a token");
    }

    @Test
    void theDecodedPathIsTheOneTheHandlerSeesAndTheFilterChecked() throws Exception {
        HttpTestSupport.RawResponse r = exchange("POST /%72ic/v1/xapps/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TOKEN + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertEquals(200, r.status(), r.body());
        assertEquals("/ric/v1/xapps", HttpJson.mapper().readTree(r.body()).path("path").asText());
        r = exchange("POST /%72ic/v1/xapps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
        assertEquals(403, r.status(), r.body());
        // the open health check stays open under any spelling the router accepts as the same path
        r = exchange("GET /%611-p/healthcheck/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, r.status(), r.body());
        assertEquals(1, reached.get());
    }

    @Test
    void aLargeBodyWithoutATokenIsRefusedBeforeItIsSent() throws Exception {
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            // headers only: the 60 MiB body is never sent, yet the answer comes
            out.write(ascii("POST /ric/v1/xapps HTTP/1.1\r\nHost: x\r\nContent-Type: application/java-archive\r\n"
                    + "Content-Length: " + (60L * 1024 * 1024) + "\r\n\r\n"));
            out.flush();
            HttpTestSupport.RawResponse r = readResponse(s.getInputStream());
            assertNotNull(r, "no answer before the body");
            assertEquals(401, r.status(), r.body());
            assertEquals("close", r.header("Connection"));
        }
        assertEquals(0, reached.get());
    }

    @Test
    void aChunkedBodyWithoutATokenIsRefusedBeforeItIsSent() throws Exception {
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write(ascii("POST /%72ic/v1/xapps HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                    + "Authorization: Bearer not-the-token\r\n\r\n"));
            out.flush();
            HttpTestSupport.RawResponse r = readResponse(s.getInputStream());
            assertNotNull(r, "no answer before the body");
            assertEquals(403, r.status(), r.body());
            // what the client still sends is read and dropped, then the connection closes
            out.write(ascii("10\r\n0123456789abcdef\r\n0\r\n\r\n"));
            out.flush();
            assertEquals(-1, s.getInputStream().read());
        }
        assertEquals(0, reached.get());
    }

    @Test
    void expectContinueIsAnsweredWithTheRefusalNotWith100() throws Exception {
        try (Socket s = socket()) {
            s.getOutputStream().write(ascii("POST /ric/v1/xapps HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 1048576\r\n\r\n"));
            HttpTestSupport.RawResponse r = readResponse(s.getInputStream());
            assertEquals(401, r.status(), "the first answer must be the refusal, not 100 Continue");
            assertEquals(-1, s.getInputStream().read(), "the connection closes after the refusal");
        }
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write(ascii("POST /ric/v1/xapps HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nAuthorization: Bearer "
                    + TOKEN + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"));
            out.flush();
            InputStream in = s.getInputStream();
            HttpTestSupport.RawResponse cont = readResponse(in);
            assertEquals(100, cont.status(), "with a valid token the server asks for the body");
            out.write(ascii("hello"));
            out.flush();
            HttpTestSupport.RawResponse r = readResponse(in);
            assertEquals(200, r.status(), r.body());
            assertEquals(5, HttpJson.mapper().readTree(r.body()).path("size").asInt());
        }
        assertEquals(1, reached.get());
    }

    @Test
    void aRefusedRequestWithoutABodyKeepsTheConnection() throws Exception {
        try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(ascii("GET /ric/v1/xapps HTTP/1.1\r\nHost: x\r\n\r\n"));
            out.flush();
            assertEquals(401, readResponse(in).status());
            out.write(ascii("GET /ric/v1/xapps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n"));
            out.flush();
            HttpTestSupport.RawResponse r = readResponse(in);
            assertEquals(200, r.status(), r.body());
            assertNull(r.header("Connection"));
        }
    }

    private static Socket socket() throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static HttpTestSupport.RawResponse exchange(String raw) throws Exception {
        try (Socket s = socket()) {
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return readResponse(s.getInputStream());
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
