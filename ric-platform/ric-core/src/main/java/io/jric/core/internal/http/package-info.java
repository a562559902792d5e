/**
 * A small HTTP/1.1 server on Netty for the RIC's REST APIs (the xApp admin API
 * {@code /ric/v1/...}, later the O-RAN A1-P v2 API {@code /A1-P/v2/...}).
 *
 * <p>Register routes on a {@link io.jric.core.internal.http.Router}, then
 * {@link io.jric.core.internal.http.RicHttpServer#start start} a server:
 *
 * <pre>{@code
 * Router router = new Router()
 *     .get("/ric/v1/xapps/{name}", req -> HttpResponse.ok(registry.get(req.pathParam("name"))))
 *     .post("/ric/v1/xapps", req -> {
 *         req.requireContentType("application/json");
 *         XappSpec spec = req.json(XappSpec.class);
 *         return HttpResponse.created("/ric/v1/xapps/" + spec.name(), registry.deploy(spec));
 *     });
 * try (RicHttpServer server = RicHttpServer.start(HttpServerSettings.builder().port(0).build(), router)) {
 *     ...
 * }
 * }</pre>
 *
 * <p>Handlers are synchronous and run on a small bounded executor, never on the Netty event loop.
 * Every error reaches the client as an RFC 7807 {@code application/problem+json} document; the one
 * table from exceptions to HTTP statuses is {@link io.jric.core.internal.http.ProblemMapper}.
 */
package io.jric.core.internal.http;
