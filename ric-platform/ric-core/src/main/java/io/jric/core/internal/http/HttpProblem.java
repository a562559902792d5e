package io.jric.core.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An RFC 7807 problem: thrown by handlers and filters, rendered as {@code application/problem+json}.
 *
 * <p>Instances are immutable; the {@code with...} methods return modified copies, so the usual
 * form is {@code throw HttpProblem.badRequest("invalid policy").with("problems", list);}. No stack
 * trace is captured: a problem is an answer to the client, not a bug report.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The media type problems are rendered as. */
    public static final String CONTENT_TYPE = "application/problem+json";

    private static final Set<String> RESERVED = Set.of("type", "title", "status", "detail", "instance");

    private final String type;
    private final String title;
    private final int status;
    private final String detail;
    private final String instance;
    private final transient Map<String, Object> extensions;
    private final List<Map.Entry<String, String>> headers;

    private HttpProblem(String type, String title, int status, String detail, String instance,
            Map<String, Object> extensions, List<Map.Entry<String, String>> headers, Throwable cause) {
        super(status + " " + title + (detail == null ? "" : ": " + detail), cause, false, false);
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.extensions = extensions;
        this.headers = headers;
    }

    /**
     * A problem with the given status, title and detail and type {@code about:blank}.
     *
     * @param status HTTP status, 400..599
     * @param title short summary; {@code null} means the status' reason phrase
     * @param detail explanation of this occurrence, may be {@code null}
     * @return the problem
     * @throws IllegalArgumentException if the status is not an error status
     */
    public static HttpProblem of(int status, String title, String detail) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("problem status must be 400..599, was " + status);
        }
        String t = title != null ? title : HttpResponseStatus.valueOf(status).reasonPhrase();
        return new HttpProblem("about:blank", t, status, detail, null, Map.of(), List.of(), null);
    }

    /** @param detail explanation @return a 400 Bad Request problem */
    public static HttpProblem badRequest(String detail) {
        return of(400, null, detail);
    }

    /** @param detail explanation @return a 401 Unauthorized problem */
    public static HttpProblem unauthorized(String detail) {
        return of(401, null, detail);
    }

    /** @param detail explanation @return a 403 Forbidden problem */
    public static HttpProblem forbidden(String detail) {
        return of(403, null, detail);
    }

    /** @param detail explanation @return a 404 Not Found problem */
    public static HttpProblem notFound(String detail) {
        return of(404, null, detail);
    }

    /** @param detail explanation @return a 409 Conflict problem */
    public static HttpProblem conflict(String detail) {
        return of(409, null, detail);
    }

    /** @param detail explanation @return a 413 Payload Too Large problem */
    public static HttpProblem payloadTooLarge(String detail) {
        return of(413, "Payload Too Large", detail);
    }

    /** @param detail explanation @return a 415 Unsupported Media Type problem */
    public static HttpProblem unsupportedMediaType(String detail) {
        return of(415, null, detail);
    }

    /** @param detail explanation @return a 503 Service Unavailable problem */
    public static HttpProblem serviceUnavailable(String detail) {
        return of(503, null, detail);
    }

    /**
     * A copy with another problem type URI.
     *
     * @param typeUri URI reference identifying the problem type
     * @return the copy
     */
    public HttpProblem withType(String typeUri) {
        return new HttpProblem(Objects.requireNonNull(typeUri, "typeUri"), title, status, detail, instance,
                extensions, headers, getCause());
    }

    /**
     * A copy with an {@code instance} URI reference (by default the server fills in the request path).
     *
     * @param instanceUri URI reference identifying this occurrence
     * @return the copy
     */
    public HttpProblem withInstance(String instanceUri) {
        return new HttpProblem(type, title, status, detail, instanceUri, extensions, headers, getCause());
    }

    /**
     * A copy with an extension member, e.g. {@code with("problems", List.of(...))}. The value is
     * serialized with {@link HttpJson#mapper()}.
     *
     * @param name member name; not one of the standard members
     * @param value member value
     * @return the copy
     * @throws IllegalArgumentException if the name is a standard member
     */
    public HttpProblem with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (RESERVED.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a standard problem member");
        }
        Map<String, Object> ext = new LinkedHashMap<>(extensions);
        ext.put(name, value);
        return new HttpProblem(type, title, status, detail, instance, Collections.unmodifiableMap(ext),
                headers, getCause());
    }

    /**
     * A copy that also sends a response header, e.g. {@code WWW-Authenticate} with a 401 or
     * {@code Retry-After} with a 503.
     *
     * @param name header name
     * @param value header value
     * @return the copy
     */
    public HttpProblem withHeader(String name, String value) {
        HttpResponse.checkHeader(name, value);
        List<Map.Entry<String, String>> h = new ArrayList<>(headers);
        h.add(Map.entry(name, value));
        return new HttpProblem(type, title, status, detail, instance, extensions, List.copyOf(h), getCause());
    }

    /**
     * A copy carrying a cause (kept for logging; never sent to the client).
     *
     * @param cause the underlying exception
     * @return the copy
     */
    public HttpProblem withCause(Throwable cause) {
        return new HttpProblem(type, title, status, detail, instance, extensions, headers, cause);
    }

    /** @return the problem type URI reference, {@code about:blank} by default */
    public String type() {
        return type;
    }

    /** @return the short, human-readable summary of the problem type */
    public String title() {
        return title;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the explanation of this occurrence, or {@code null} */
    public String detail() {
        return detail;
    }

    /** @return the instance URI reference, or {@code null} */
    public String instance() {
        return instance;
    }

    /** @return the extension members, in insertion order (unmodifiable) */
    public Map<String, Object> extensions() {
        return extensions;
    }

    /** @return extra response headers (unmodifiable) */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * The problem document.
     *
     * @param defaultInstance used as {@code instance} when this problem has none; may be {@code null}
     * @return the JSON object
     */
    ObjectNode toJson(String defaultInstance) {
        ObjectNode n = HttpJson.mapper().createObjectNode();
        n.put("type", type);
        n.put("title", title);
        n.put("status", status);
        if (detail != null) {
            n.put("detail", detail);
        }
        String inst = instance != null ? instance : defaultInstance;
        if (inst != null) {
            n.put("instance", inst);
        }
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            n.set(e.getKey(), HttpJson.mapper().valueToTree(e.getValue()));
        }
        return n;
    }
}
