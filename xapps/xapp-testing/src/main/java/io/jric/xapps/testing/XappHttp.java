package io.jric.xapps.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP calls of xApp tests against a RIC's A1 and admin APIs (model versions, canaries, retraining jobs): one client,
 * bounded by a timeout per call, failures as unchecked exceptions so the calls fit in {@code await} conditions.
 */
public final class XappHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private XappHttp() {
    }

    /** {@code method url} with a JSON body, or none when {@code json} is null. */
    public static HttpResponse<String> send(String method, String url, String json) {
        return send(method, url, json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json");
    }

    /** {@code method url} with {@code body} of {@code contentType}, or no body when {@code body} is null. */
    public static HttpResponse<String> send(String method, String url, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        if (body == null) b.method(method, HttpRequest.BodyPublishers.noBody());
        else b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        }
    }

    /** PUTs model bundle {@code bundle} as {@code version} under {@code model} (its A1-ML or admin URL), with its SHA-256. */
    public static HttpResponse<String> upload(String model, String version, byte[] bundle) {
        return upload(model, version, bundle, null);
    }

    /** {@link #upload(String, String, byte[])} with an {@code X-Model-Lineage} header unless {@code lineage} is null. */
    public static HttpResponse<String> upload(String model, String version, byte[] bundle, String lineage) {
        String url = model + "/versions/" + version + "?sha256=" + sha256(bundle);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bundle));
        if (lineage != null) b.header("X-Model-Lineage", lineage);
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("PUT " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PUT " + url + " interrupted", e);
        }
    }

    /** The lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code url} as JSON; anything but 200 fails, naming the URL and the body. */
    public static JsonNode get(String url) {
        HttpResponse<String> r = send("GET", url, (byte[]) null, null);
        if (r.statusCode() != 200) throw new AssertionError("GET " + url + ": " + r.statusCode() + " " + r.body());
        return json(r.body());
    }

    /** {@code body} parsed as JSON. */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
