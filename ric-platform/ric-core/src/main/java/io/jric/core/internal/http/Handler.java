package io.jric.core.internal.http;

/**
 * Answers one request. Runs on the server's worker executor (never on a Netty event loop), so it
 * may block briefly, e.g. on the grid. Any exception it throws becomes a problem response through
 * {@link ProblemMapper}.
 */
@FunctionalInterface
public interface Handler {
    /**
     * @param request the complete request
     * @return the response, not {@code null}
     * @throws Exception mapped to an {@code application/problem+json} response
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
