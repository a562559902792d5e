package io.jric.core.internal.http;

import static io.jric.core.internal.http.HttpTestSupport.assertProblem;
import static io.jric.core.internal.http.HttpTestSupport.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HttpServerLifecycleTest {

    @Test
    void saturatedExecutorAnswers503() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Router router = new Router().get("/block", req -> {
            started.countDown();
            assertTrue(release.await(20, TimeUnit.SECONDS));
            return HttpResponse.ok(Map.of("done", true));
        });
        HttpServerSettings settings = HttpServerSettings.builder().port(0).workerThreads(1).queueCapacity(1).build();
        try (RicHttpServer server = RicHttpServer.start(settings, router)) {
            HttpClient client = HttpTestSupport.client();
            var a = client.sendAsync(request(server, "/block").build(), BodyHandlers.ofString());
            assertTrue(started.await(10, TimeUnit.SECONDS), "first request occupies the only worker");
            List<CompletableFuture<java.net.http.HttpResponse<String>>> more = new ArrayList<>();
            CountDownLatch answered = new CountDownLatch(2);
            for (int i = 0; i < 3; i++) {
                var f = client.sendAsync(request(server, "/block").build(), BodyHandlers.ofString());
                f.whenComplete((r, e) -> answered.countDown());
                more.add(f);
            }
            // One of the three waits in the queue; the other two are refused while the worker is blocked.
            assertTrue(answered.await(10, TimeUnit.SECONDS), "two requests answered while the worker is blocked");
            release.countDown();
            assertEquals(200, a.get(10, TimeUnit.SECONDS).statusCode());
            int ok = 0;
            int unavailable = 0;
            for (var f : more) {
                var r = f.get(10, TimeUnit.SECONDS);
                if (r.statusCode() == 503) {
                    unavailable++;
                    assertProblem(r, 503);
                    assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
                } else {
                    assertEquals(200, r.statusCode());
                    ok++;
                }
            }
            assertEquals(1, ok);
            assertEquals(2, unavailable);
        }
    }

    @Test
    void closeLetsRunningHandlerFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Router router = new Router().get("/slow", req -> {
            started.countDown();
            assertTrue(release.await(20, TimeUnit.SECONDS));
            return HttpResponse.ok(Map.of("done", true));
        });
        RicHttpServer server = RicHttpServer.start(HttpServerSettings.builder().port(0)
                .shutdownTimeout(Duration.ofSeconds(10)).build(), router);
        HttpClient client = HttpTestSupport.client();
        var pending = client.sendAsync(request(server, "/slow").build(), BodyHandlers.ofString());
        assertTrue(started.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
        awaitRefusingConnections(server.port());
        release.countDown();
        var r = pending.get(10, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        assertEquals("close", r.headers().firstValue("Connection").orElse(""));
        closing.get(10, TimeUnit.SECONDS);
        assertThrows(Exception.class, () -> client.send(request(server, "/slow").build(), BodyHandlers.ofString()));
    }

    /** close() stops accepting before it waits for handlers: wait for that, without sleeping. */
    private static void awaitRefusingConnections(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                Thread.onSpinWait();
            } catch (IOException refused) {
                return;
            }
        }
        throw new AssertionError("server still accepting connections");
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        Router router = new Router().get("/a", req -> HttpResponse.ok(Map.of()));
        try (RicHttpServer server = RicHttpServer.start(HttpServerSettings.builder().port(0)
                .idleTimeout(Duration.ofMillis(200)).build(), router);
                Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /a HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(200, HttpTestSupport.readResponse(s.getInputStream()).status());
            assertEquals(-1, s.getInputStream().read(), "closed by the server once idle");
        }
    }

    @Test
    void bindConflictFailsCleanly() {
        try (RicHttpServer first = RicHttpServer.start(HttpServerSettings.builder().port(0).build(), new Router())) {
            HttpServerSettings same = HttpServerSettings.builder().port(first.port()).build();
            assertThrows(UncheckedIOException.class, () -> RicHttpServer.start(same, new Router()));
        }
    }

    @Test
    void settingsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> HttpServerSettings.builder().maxBodyBytes(0).build());
        assertThrows(IllegalArgumentException.class, () -> HttpServerSettings.builder().workerThreads(0).build());
        assertThrows(IllegalArgumentException.class, () -> HttpServerSettings.builder().port(70000).build());
        HttpServerSettings d = HttpServerSettings.builder().build();
        assertEquals("127.0.0.1", d.host());
        assertEquals(8080, d.port());
        assertEquals(1024 * 1024, d.maxBodyBytes());
        assertEquals(2, d.workerThreads());
    }
}
