package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A small HTTP server that records the status notifications POSTed to it, per path. */
final class CallbackReceiver implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, List<JsonNode>> received = new ConcurrentHashMap<>();
    /** Answer with this status (204 by default). */
    volatile int answer = 204;

    CallbackReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (ex.getRequestMethod().equals("POST")
                        && ex.getRequestHeaders().getFirst("Content-Type").startsWith("application/json")) {
                    at(ex.getRequestURI().getPath()).add(A1Fixture.tree(new String(body)));
                }
                ex.sendResponseHeaders(answer, -1);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    /** The URL of a path on this receiver. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<JsonNode> at(String path) {
        return received.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>());
    }

    /** The last status received at a path as {@code ENFORCED} or {@code NOT_ENFORCED: reason}, or null. */
    String last(String path) {
        List<JsonNode> l = at(path);
        if (l.isEmpty()) return null;
        JsonNode s = l.get(l.size() - 1);
        return s.get("enforceStatus").asText() + (s.has("enforceReason") ? ": " + s.get("enforceReason").asText() : "");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
