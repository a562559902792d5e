package io.jric.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Client-side helpers shared by the HTTP tests. */
final class HttpTestSupport {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpTestSupport() {}

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    static java.net.http.HttpRequest.Builder request(RicHttpServer server, String pathAndQuery) {
        return java.net.http.HttpRequest.newBuilder(URI.create(server.baseUri() + pathAndQuery)).timeout(TIMEOUT);
    }

    static java.net.http.HttpResponse<String> send(HttpClient client, java.net.http.HttpRequest req)
            throws IOException, InterruptedException {
        return client.send(req, BodyHandlers.ofString());
    }

    static JsonNode json(java.net.http.HttpResponse<String> resp) throws IOException {
        return HttpJson.mapper().readTree(resp.body());
    }

    /** Asserts an RFC 7807 problem with the given status and returns its document. */
    static JsonNode assertProblem(java.net.http.HttpResponse<String> resp, int status) throws IOException {
        assertEquals(status, resp.statusCode(), resp.body());
        assertEquals("application/problem+json", resp.headers().firstValue("Content-Type").orElse(null));
        JsonNode p = json(resp);
        assertEquals(status, p.path("status").asInt(), resp.body());
        assertEquals("about:blank", p.path("type").asText());
        assertEquals(false, p.path("title").asText().isEmpty(), resp.body());
        return p;
    }

    /** A response read off a raw socket. */
    record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Reads one response with a Content-Length (or none, for 204) from a raw stream; null at EOF. */
    static RawResponse readResponse(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null) {
            return null;
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int len = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(len);
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
}
