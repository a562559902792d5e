package io.jric.core.internal.http;

/**
 * Runs before the handler of every matched route (on the same worker thread), in registration
 * order; for example authentication. A filter rejects a request by throwing, typically
 * {@code HttpProblem.unauthorized(...)}; it may pass information on with
 * {@link HttpRequest#setAttribute}. Unmatched requests (404, 405) do not reach filters.
 */
@FunctionalInterface
public interface Filter {
    /**
     * @param request the request about to be handled
     * @throws Exception to reject it; mapped like a handler's exception
     */
    void apply(HttpRequest request) throws Exception;
}
