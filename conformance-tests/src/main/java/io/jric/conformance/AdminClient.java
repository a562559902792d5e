package io.jric.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** The RIC admin REST API ({@code /ric/v1}) as the harness uses it; every exchange goes to the transcript. */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AdminClient(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    URI base() {
        return base;
    }

    /** A response: status, content type and body (parsed when JSON, else null). */
    record Answer(int status, String contentType, String body, JsonNode json) {
        String brief() {
            return status + " " + contentType + " " + (body.length() > 600 ? body.substring(0, 600) + "..." : body);
        }
    }

    Answer get(CaseContext ctx, String path) {
        return send(ctx, "GET", path, null);
    }

    Answer delete(CaseContext ctx, String path) {
        return send(ctx, "DELETE", path, null);
    }

    Answer post(CaseContext ctx, String path, String json) {
        return send(ctx, "POST", path, json);
    }

    /** Installs an xApp: the descriptor, with the jar when given. */
    Answer install(CaseContext ctx, JsonNode descriptor, byte[] jar) {
        String body;
        if (jar == null) {
            body = descriptor.toString();
        } else {
            ObjectNode b = JSON.createObjectNode();
            b.set("descriptor", descriptor);
            b.put("jar", Base64.getEncoder().encodeToString(jar));
            body = b.toString();
        }
        return send(ctx, "POST", "/ric/v1/xapps", body);
    }

    Answer send(CaseContext ctx, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (ctx != null) ctx.sent("admin: " + method + " " + path + (json == null ? "" : " " + abbreviate(json)));
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CaseFailure("admin API " + base + " unreachable: " + method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted during " + method + " " + path);
        }
        String ct = r.headers().firstValue("Content-Type").orElse("");
        JsonNode parsed = null;
        if (!r.body().isEmpty()) {
            try {
                parsed = JSON.readTree(r.body());
            } catch (IOException notJson) {
                parsed = null;
            }
        }
        Answer a = new Answer(r.statusCode(), ct, r.body(), parsed);
        if (ctx != null) ctx.received("admin: " + a.brief());
        return a;
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " chars)" : s;
    }
}
