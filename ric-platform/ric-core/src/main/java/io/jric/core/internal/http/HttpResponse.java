package io.jric.core.internal.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link Handler} answers. Immutable: {@link #withHeader} returns a copy.
 *
 * <p>JSON bodies (anything Jackson can serialize: {@code JsonNode}, records, POJOs, maps, lists) are
 * written with {@link HttpJson#mapper()} as {@code application/json}; a {@code null} JSON body means
 * an empty body. The server adds {@code Content-Length}, {@code Connection} and, unless the
 * handler set them with {@link #withHeader}, {@code Content-Type} and {@code Cache-Control: no-store}.
 */
public final class HttpResponse {
    /** Content type of JSON responses. */
    public static final String JSON = "application/json";
    /** Content type of {@link #text} responses. */
    public static final String TEXT = "text/plain; charset=utf-8";

    private final int status;
    private final String contentType;
    private final Object body;
    private final boolean textBody;
    private final List<Map.Entry<String, String>> headers;

    private HttpResponse(int status, String contentType, Object body, boolean textBody,
            List<Map.Entry<String, String>> headers) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("response status must be 200..599, was " + status);
        }
        if (body != null && (status == 204 || status == 304)) {
            throw new IllegalArgumentException("status " + status + " cannot have a body");
        }
        this.status = status;
        this.contentType = body == null ? null : contentType;
        this.body = body;
        this.textBody = textBody;
        this.headers = headers;
    }

    /** @param jsonBody body to serialize as JSON @return 200 OK with that body */
    public static HttpResponse ok(Object jsonBody) {
        return json(200, jsonBody);
    }

    /**
     * 201 Created.
     *
     * @param location the created resource, sent as {@code Location}
     * @param jsonBody body to serialize as JSON, may be {@code null}
     * @return the response
     */
    public static HttpResponse created(String location, Object jsonBody) {
        return json(201, jsonBody).withHeader("Location", Objects.requireNonNull(location, "location"));
    }

    /** @return 204 No Content */
    public static HttpResponse noContent() {
        return status(204);
    }

    /**
     * A JSON response.
     *
     * @param status HTTP status
     * @param body body to serialize as JSON, may be {@code null} (empty body)
     * @return the response
     */
    public static HttpResponse json(int status, Object body) {
        return new HttpResponse(status, JSON, body, false, List.of());
    }

    /** @param status HTTP status @return a response with that status and an empty body */
    public static HttpResponse status(int status) {
        return new HttpResponse(status, null, null, false, List.of());
    }

    /**
     * A plain-text (UTF-8) response.
     *
     * @param status HTTP status
     * @param text the body
     * @return the response
     */
    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, TEXT, Objects.requireNonNull(text, "text"), true, List.of());
    }

    /**
     * A copy with one more header.
     *
     * @param name header name
     * @param value header value (no CR/LF)
     * @return the copy
     */
    public HttpResponse withHeader(String name, String value) {
        checkHeader(name, value);
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(name, value));
        return new HttpResponse(status, contentType, body, textBody, List.copyOf(h));
    }

    /** @return the HTTP status */
    public int statusCode() {
        return status;
    }

    /** @return the body as given (JSON value or text), or {@code null} */
    public Object body() {
        return body;
    }

    /** @return the content type, or {@code null} for an empty body */
    public String contentType() {
        return contentType;
    }

    /** @return the extra headers, in order (unmodifiable) */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /** The body bytes; runs on the handler thread so serialization errors map like handler errors. */
    byte[] encodeBody() throws JsonProcessingException {
        if (body == null) {
            return new byte[0];
        }
        if (textBody) {
            return ((String) body).getBytes(StandardCharsets.UTF_8);
        }
        return HttpJson.mapper().writeValueAsBytes(body);
    }

    static void checkHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ':') {
                throw new IllegalArgumentException("invalid header name: " + name);
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("invalid character in value of header " + name);
            }
        }
    }
}
