package io.jric.core.internal.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request as filters and handlers see it. Header names are case-insensitive; the path, path
 * parameters and query parameters are percent-decoded, once (see {@link RequestTarget}).
 *
 * <p>Filters see the request head only, before the body is read: there {@link #body()} and the
 * methods that parse it throw {@link IllegalStateException}. Handlers see the complete request.
 *
 * <p>Not thread-safe: a request belongs to the one worker thread that runs its filters and handler.
 */
public final class HttpRequest {
    private final String method;
    private final String uri;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final io.netty.handler.codec.http.HttpHeaders headers;
    private final byte[] body;
    private final InetSocketAddress remoteAddress;
    private Map<String, Object> attributes;

    HttpRequest(String method, String uri, String path, Map<String, String> pathParams,
            Map<String, List<String>> query, io.netty.handler.codec.http.HttpHeaders headers, byte[] body,
            InetSocketAddress remoteAddress) {
        this.method = method;
        this.uri = uri;
        this.path = path;
        this.pathParams = pathParams;
        this.query = query;
        this.headers = headers;
        this.body = body;
        this.remoteAddress = remoteAddress;
    }

    /** @return the request method in upper case, e.g. {@code GET} */
    public String method() {
        return method;
    }

    /** @return the request target as sent (path and query, still encoded) */
    public String uri() {
        return uri;
    }

    /**
     * @return the canonical path without the query string: the decoded segments joined with
     *     {@code /}, no trailing {@code /}. Filters and the router match exactly this path.
     */
    public String path() {
        return path;
    }

    /**
     * A {@code {name}} segment of the matched route.
     *
     * @param name parameter name as written in the route
     * @return the decoded value
     * @throws IllegalArgumentException if the route has no such parameter (a programming error)
     */
    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) {
            throw new IllegalArgumentException("route has no path parameter {" + name + "}");
        }
        return v;
    }

    /** @return all path parameters of the matched route (unmodifiable) */
    public Map<String, String> pathParams() {
        return pathParams;
    }

    /**
     * The first value of a query parameter.
     *
     * @param name parameter name
     * @return the decoded value; empty if absent ({@code ?flag} yields an empty string)
     */
    public Optional<String> query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** @param name parameter name @return all values of that query parameter, possibly none */
    public List<String> queryAll(String name) {
        return query.getOrDefault(name, List.of());
    }

    /**
     * The first value of a header.
     *
     * @param name header name, any case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** @param name header name, any case @return all values of that header, possibly none */
    public List<String> headerAll(String name) {
        return headers.getAll(name);
    }

    /**
     * @return the raw body; empty if there was none. The array is the request's own: do not modify
     * @throws IllegalStateException in a filter, which runs before the body is read
     */
    public byte[] body() {
        if (body == null) {
            throw new IllegalStateException("the request body is not read yet: filters see the request head only");
        }
        return body;
    }

    /** The same request with its body, carrying the attributes the filters set. */
    HttpRequest withBody(byte[] content) {
        HttpRequest r = new HttpRequest(method, uri, path, pathParams, query, headers, content, remoteAddress);
        r.attributes = attributes;
        return r;
    }

    /** @return the body decoded as UTF-8 */
    public String bodyAsString() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    /** @return the client's address */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * The body as a JSON tree.
     *
     * @return the parsed body
     * @throws HttpProblem 400 if the body is empty or not valid JSON
     */
    public JsonNode jsonTree() {
        if (body().length == 0) {
            throw HttpProblem.badRequest("body is not valid JSON: the request body is empty");
        }
        try {
            JsonNode n = HttpJson.mapper().readTree(body);
            if (n == null || n.isMissingNode()) {
                throw HttpProblem.badRequest("body is not valid JSON: no content");
            }
            return n;
        } catch (IOException e) {
            throw jsonProblem(e);
        }
    }

    /**
     * The body bound to a type with {@link HttpJson#mapper()}.
     *
     * @param type the target type
     * @param <T> the target type
     * @return the bound body
     * @throws HttpProblem 400 if the body is empty, not valid JSON or does not fit the type
     */
    public <T> T json(Class<T> type) {
        if (body().length == 0) {
            throw HttpProblem.badRequest("body is not valid JSON: the request body is empty");
        }
        try {
            return HttpJson.mapper().readValue(body, type);
        } catch (IOException e) {
            throw jsonProblem(e);
        }
    }

    /**
     * Rejects the request unless its media type is the given one (parameters such as
     * {@code charset} are ignored, case does not matter).
     *
     * @param mediaType e.g. {@code application/json}
     * @throws HttpProblem 415 if the Content-Type is missing or different
     */
    public void requireContentType(String mediaType) {
        String ct = headers.get("Content-Type");
        String actual = ct == null ? null : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (actual == null || !actual.equals(mediaType.trim().toLowerCase(Locale.ROOT))) {
            throw HttpProblem.unsupportedMediaType("expected Content-Type " + mediaType + " but "
                    + (ct == null ? "none was sent" : "got " + ct));
        }
    }

    /**
     * A value a filter stored for later filters and the handler (e.g. the authenticated principal).
     *
     * @param name attribute name
     * @return the value, or empty
     */
    public Optional<Object> attribute(String name) {
        return attributes == null ? Optional.empty() : Optional.ofNullable(attributes.get(name));
    }

    /**
     * Stores a value for later filters and the handler.
     *
     * @param name attribute name
     * @param value the value; {@code null} removes it
     */
    public void setAttribute(String name, Object value) {
        if (attributes == null) {
            attributes = new HashMap<>();
        }
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }

    private static HttpProblem jsonProblem(IOException e) {
        String where = "";
        String msg = e.getMessage();
        if (e instanceof JsonProcessingException jpe) {
            msg = jpe.getOriginalMessage();
            JsonLocation loc = jpe.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                where = " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            }
        }
        String prefix = e instanceof DatabindException && !(e instanceof StreamReadException)
                ? "body does not match the expected structure: "
                : "body is not valid JSON: ";
        return HttpProblem.badRequest(prefix + msg + where).withCause(e);
    }
}
