package io.jric.core.internal.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one {@link ObjectMapper} the HTTP layer uses to read request bodies and write responses. */
public final class HttpJson {
    /** Strict about what a request body is: one JSON value and nothing after it (RFC 8259 section 2). */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HttpJson() {}

    /**
     * The shared mapper. It is thread-safe once configured; do not reconfigure it.
     *
     * @return the mapper used for all request and response bodies
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
