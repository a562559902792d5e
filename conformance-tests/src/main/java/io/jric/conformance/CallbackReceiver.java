package io.jric.conformance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's end of A1 status notifications: a small HTTP server (JDK {@code HttpServer}) that
 * records every request per path and answers 204, as the A1-P callback expects. Each case uses
 * its own path, so cases never see each other's notifications.
 */
final class CallbackReceiver implements AutoCloseable {
    /** One request the RIC sent to the receiver. */
    record Callback(String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return method + " " + path + " " + contentType + " " + body;
        }
    }

    private final HttpServer server;
    private final String host;
    private final Map<String, BlockingQueue<Callback>> byPath = new ConcurrentHashMap<>();

    private CallbackReceiver(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Starts on {@code host}, a free port. */
    static CallbackReceiver start(String host) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(host, 0), 16);
            CallbackReceiver r = new CallbackReceiver(s, host);
            s.createContext("/", ex -> {
                try (ex) {
                    byte[] body = ex.getRequestBody().readAllBytes();
                    String ct = ex.getRequestHeaders().getFirst("Content-Type");
                    String path = ex.getRequestURI().getPath();
                    r.queue(path).add(new Callback(ex.getRequestMethod(), path, ct == null ? "" : ct,
                            new String(body, StandardCharsets.UTF_8)));
                    ex.sendResponseHeaders(204, -1);
                }
            });
            s.start();
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException("notification receiver on " + host + ": " + e.getMessage(), e);
        }
    }

    private BlockingQueue<Callback> queue(String path) {
        return byPath.computeIfAbsent(path, k -> new LinkedBlockingQueue<>());
    }

    /** The absolute URI of a path on this receiver (the {@code notificationDestination} to give). */
    URI uri(String path) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + server.getAddress().getPort() + path);
    }

    /** The next request to {@code path}, waiting at most {@code timeout}; null if none came. */
    Callback next(String path, Duration timeout) throws InterruptedException {
        return queue(path).poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Drops what arrived so far on {@code path}; returns how many. */
    int drain(String path) {
        return queue(path).drainTo(new java.util.ArrayList<>());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
