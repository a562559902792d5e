package io.jric.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An A1 client as the harness uses it: every exchange goes to the case's transcript (method, path,
 * body; status, content type, the headers that matter, body). Sends the target's bearer token
 * unless a case asks for other credentials.
 */
final class A1Client {
    /** The A1-P v2 resource root under the apiRoot. */
    static final String A1P = "/A1-P/v2";
    /** The O-RAN SC A1 mediator's root under the apiRoot. */
    static final String OSC = "/a1-p";
    /** Ask {@link #send} for the target's own credentials. */
    static final String TARGET_AUTH = "\u0000target";
    /** Ask {@link #send} for no Authorization header at all. */
    static final String NO_AUTH = "\u0000none";
    static final String JSON_TYPE = "application/json";

    private final URI root;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    A1Client(URI root, String token) {
        String s = root.toString();
        this.root = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.token = token;
    }

    boolean hasToken() {
        return token != null;
    }

    /** An answer: the request it answers, status, headers, body (parsed when it is JSON, else null). */
    record Answer(String request, int status, java.net.http.HttpHeaders headers, String body, JsonNode json) {
        String contentType() {
            return header("Content-Type").orElse("");
        }

        /** The media type without parameters, lower case. */
        String mediaType() {
            String ct = contentType();
            int i = ct.indexOf(';');
            return (i < 0 ? ct : ct.substring(0, i)).trim().toLowerCase(Locale.ROOT);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        String brief() {
            StringBuilder b = new StringBuilder().append(status).append(' ').append(contentType().isEmpty() ? "(no Content-Type)" : contentType());
            for (String h : List.of("Location", "WWW-Authenticate", "Allow")) {
                header(h).ifPresent(v -> b.append(' ').append(h).append(": ").append(v));
            }
            if (!body.isEmpty()) b.append(' ').append(body.length() > 600 ? body.substring(0, 600) + "..." : body);
            return b.toString();
        }
    }

    Answer get(CaseContext ctx, String path) {
        return send(ctx, "GET", path, null, null, TARGET_AUTH);
    }

    Answer delete(CaseContext ctx, String path) {
        return send(ctx, "DELETE", path, null, null, TARGET_AUTH);
    }

    Answer put(CaseContext ctx, String path, String json) {
        return send(ctx, "PUT", path, json, JSON_TYPE, TARGET_AUTH);
    }

    /**
     * Sends one request. {@code path} is below the apiRoot (e.g. {@code /A1-P/v2/policytypes}),
     * already percent-encoded; {@code authorization} is a literal header value, {@link #TARGET_AUTH}
     * or {@link #NO_AUTH}.
     */
    Answer send(CaseContext ctx, String method, String path, String body, String contentType, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(30));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        String auth = authorization.equals(TARGET_AUTH) ? (token == null ? null : "Bearer " + token)
                : authorization.equals(NO_AUTH) ? null : authorization;
        if (auth != null) b.header("Authorization", auth);
        String request = method + " " + path;
        String shownAuth = auth == null ? "" : " [Authorization: " + (authorization.equals(TARGET_AUTH) ? "Bearer <the target's token>" : auth) + "]";
        if (ctx != null) {
            ctx.sent("A1: " + request + (contentType == null ? "" : " (" + contentType + ")") + shownAuth
                    + (body == null ? "" : " " + abbreviate(body)));
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CaseFailure("A1 endpoint " + root + " unreachable: " + request + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaseFailure("interrupted during " + request);
        }
        JsonNode parsed = null;
        if (!r.body().isEmpty()) {
            try {
                parsed = AdminClient.JSON.readTree(r.body());
            } catch (IOException notJson) {
                parsed = null;
            }
        }
        Answer a = new Answer(request, r.statusCode(), r.headers(), r.body(), parsed);
        if (ctx != null) ctx.received("A1: " + a.brief());
        if (a.status() == 401 && token == null && authorization.equals(TARGET_AUTH)) {
            throw new CaseSkipped("the RIC's A1 answered 401 to " + request + ": it requires credentials, and the harness has none "
                    + "(give a bearer token the RIC accepts: --a1-token)");
        }
        return a;
    }

    /** Percent-encodes one path segment (RFC 3986: unreserved characters stay). */
    static String segment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " chars)" : s;
    }
}
