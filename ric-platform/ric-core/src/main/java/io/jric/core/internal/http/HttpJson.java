package io.jric.core.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one {@link ObjectMapper} the HTTP layer uses to read request bodies and write responses. */
public final class HttpJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
