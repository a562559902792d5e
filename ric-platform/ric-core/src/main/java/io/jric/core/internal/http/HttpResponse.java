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
    private final StreamOpener stream;

    private HttpResponse(int status, String contentType, Object body, boolean textBody,
            List<Map.Entry<String, String>> headers) {
        this(status, contentType, body, textBody, headers, null);
    }

    private HttpResponse(int status, String contentType, Object body, boolean textBody,
            List<Map.Entry<String, String>> headers, StreamOpener stream) {
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
        this.stream = stream;
    }

    /**
     * Called once a streaming response's head is on its way, on the connection's I/O thread: keep
     * the {@link ResponseStream} and return at once (never block here). It is called exactly once per
     * streaming response, also when the client left before the head could be written: then the
     * stream is already closed and its {@link ResponseStream#onClose} callbacks run at once.
     */
    @FunctionalInterface
    public interface StreamOpener {
        /** @param stream where to write the body's chunks, from any thread */
        void opened(ResponseStream stream);
    }

    /**
     * The body of a streaming response, written chunk by chunk from any thread. The response holds no
     * worker thread: the handler returns at once and whoever holds the stream writes when it has data.
     */
    public interface ResponseStream {
        /**
         * Writes one chunk. A client that does not read (the connection's outbound buffer is over its
         * high-water mark) is dropped: the connection is closed and this returns false.
         *
         * @param chunk bytes to send
         * @return false if the stream is closed (now or before)
         */
        boolean send(byte[] chunk);

        /** Ends the body and closes the connection. */
        void close();

        /** @return true until the stream is closed, by either side */
        boolean isOpen();

        /** @param callback runs once when the stream closes (at once if it is closed already) */
        void onClose(Runnable callback);
    }

    /**
     * A streaming 200 response: the head goes out with {@code Transfer-Encoding: chunked} (HTTP/1.0:
     * no length, the connection closes at the end), then the body is whatever is written to the
     * {@link ResponseStream} handed to {@code opener}. The connection serves nothing else afterwards
     * and closes when the stream closes. For server-sent events ({@code text/event-stream}) and the like.
     *
     * @param contentType the body's content type
     * @param opener receives the stream once the head is written
     * @return the response
     */
    public static HttpResponse stream(String contentType, StreamOpener opener) {
        return new HttpResponse(200, null, null, false, List.of(Map.entry("Content-Type",
                Objects.requireNonNull(contentType, "contentType"))), Objects.requireNonNull(opener, "opener"));
    }

    /** @return the opener of a streaming response ({@link #stream}), else null */
    StreamOpener streamOpener() {
        return stream;
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
        return new HttpResponse(status, contentType, body, textBody, List.copyOf(h), stream);
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
