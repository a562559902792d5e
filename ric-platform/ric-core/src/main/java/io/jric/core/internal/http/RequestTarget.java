package io.jric.core.internal.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request target decoded and checked once, so that every filter and the router see exactly the
 * same path.
 *
 * <p>The path is split at {@code /} and each segment is percent-decoded exactly once (UTF-8).
 * Anything that other software might read differently is refused with 400 rather than guessed:
 * a malformed escape, bytes that are not UTF-8, an encoded {@code /} ({@code %2F}) or
 * {@code \} ({@code %5C}), a {@code %} left after decoding (double encoding such as
 * {@code %2572}), a {@code .} or {@code ..} segment (also as {@code %2E}), an empty segment
 * ({@code //}), control characters, a backslash and a raw {@code ;} (path parameters, which some
 * servers strip and others keep). One trailing {@code /} is tolerated and
 * dropped. Matching is case-sensitive, like the router's.
 *
 * @param path the canonical path: {@code /} followed by the decoded segments joined with {@code /}
 * @param segments the decoded segments (empty for {@code /})
 * @param query the decoded query parameters
 */
record RequestTarget(String path, List<String> segments, Map<String, List<String>> query) {

    /**
     * Parses a request target as sent (origin form {@code /p?q} or absolute form {@code http://h/p?q}).
     *
     * @throws HttpProblem 400 naming what is wrong with the target
     */
    static RequestTarget parse(String uri) {
        String target = originForm(uri);
        if (target.isEmpty() || target.charAt(0) != '/') {
            throw bad("the request target must be a path starting with '/'", uri);
        }
        int end = target.length();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String raw = target.substring(0, end);
        List<String> segs = new ArrayList<>();
        if (!raw.equals("/")) {
            String body = raw.substring(1);
            if (body.endsWith("/")) {
                body = body.substring(0, body.length() - 1);
            }
            String[] parts = body.split("/", -1);
            for (String part : parts) {
                segs.add(segment(part, raw));
            }
        }
        Map<String, List<String>> query;
        try {
            query = new QueryStringDecoder(target).parameters();
        } catch (IllegalArgumentException e) {
            throw bad("malformed query string: " + e.getMessage(), uri);
        }
        String path = "/" + String.join("/", segs);
        return new RequestTarget(path, List.copyOf(segs), query);
    }

    private static String segment(String raw, String path) {
        if (raw.isEmpty()) {
            throw bad("empty path segment ('//')", path);
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw bad("control character in path", path);
            }
            if (c == '\\') {
                throw bad("backslash in path", path);
            }
            if (c == ';') {
                throw bad("';' in path (path parameters are not supported; encode it as %3B if it is data)", path);
            }
        }
        String s = raw.indexOf('%') < 0 ? raw : decode(raw, path);
        if (s.equals(".") || s.equals("..")) {
            throw bad("dot segment '" + s + "' in path", path);
        }
        return s;
    }

    private static String decode(String raw, String path) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (c > 0x7e) {
                    // not ASCII: take it as the UTF-8 the client meant
                    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                        b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                        i++;
                    }
                    bytes.write(b, 0, b.length);
                } else {
                    bytes.write(c);
                }
                continue;
            }
            int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
            int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw bad("malformed percent-encoding in path segment '" + raw + "'", path);
            }
            int b = hi * 16 + lo;
            if (b == '/') {
                throw bad("encoded '/' (%2F) in path segment '" + raw + "'", path);
            }
            if (b == '\\') {
                throw bad("encoded backslash (%5C) in path segment '" + raw + "'", path);
            }
            if (b == '%') {
                throw bad("encoded '%' (%25) in path segment '" + raw + "': paths are decoded once, double encoding"
                        + " is refused", path);
            }
            if (b < 0x20 || b == 0x7f) {
                throw bad("encoded control character in path segment '" + raw + "'", path);
            }
            bytes.write(b);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw bad("path segment '" + raw + "' is not percent-encoded UTF-8", path);
        }
    }

    private static HttpProblem bad(String what, String target) {
        String shown = target.length() > 200 ? target.substring(0, 197) + "..." : target;
        return HttpProblem.badRequest("malformed request path: " + what + " in " + shown);
    }

    /** Reduces an absolute-form target ({@code http://host/p?q}) to origin form ({@code /p?q}). */
    static String originForm(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        try {
            URI u = new URI(uri);
            if (u.isAbsolute() && u.getRawPath() != null) {
                String p = u.getRawPath().isEmpty() ? "/" : u.getRawPath();
                return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
            }
        } catch (URISyntaxException e) {
            // not a URI: refused as not starting with '/'
        }
        return uri;
    }
}
