package io.jric.core.internal.http;

/**
 * Runs on the head of every request for a matched route, in registration order, before the body
 * is read; for example authentication. A rejected request's body is therefore never buffered, and
 * a client that sent {@code Expect: 100-continue} gets no {@code 100 Continue}. Filters run on the
 * connection's I/O thread: they must be quick and must not block. They see the canonical decoded
 * path ({@link HttpRequest#path()}), the same one the router matched; {@link HttpRequest#body()}
 * is not available to them.
 *
 * <p>A filter rejects a request by throwing, typically {@code HttpProblem.unauthorized(...)}; it
 * may pass information on to the handler with {@link HttpRequest#setAttribute}. Unmatched requests
 * (404, 405) and malformed paths (400) do not reach filters.
 */
@FunctionalInterface
public interface Filter {
    /**
     * @param request the request about to be handled
     * @throws Exception to reject it; mapped like a handler's exception
     */
    void apply(HttpRequest request) throws Exception;
}
