package io.jric.gateway;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.jric.api.e2.E2NodeService;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.xapp.XappManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The RIC's xApp gateway: a gRPC server (Netty, direct executor) for
 * {@code oran.ric.xapp.v1.XappPlatformService}, through which out-of-process xApps (descriptor
 * {@code entry.provider = "jric.remote"}) attach to their proxy instances on this grid node.
 *
 * <pre>{@code
 * try (XappGatewayServer gw = XappGatewayServer.start("0.0.0.0", 36422, grid, xappManager, e2.nodeService())) {
 *     gw.port();
 * }
 * }</pre>
 */
public final class XappGatewayServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(XappGatewayServer.class.getName());
    /** The default port (config key {@code xapps.gateway.port}). */
    public static final int DEFAULT_PORT = 36422;

    private final RemoteXappGateway gateway;
    private final XappManager manager;
    private final Server server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private XappGatewayServer(RemoteXappGateway gateway, XappManager manager, String host, int port, RicGrid grid,
                              E2NodeService nodes, Security security) {
        this.gateway = gateway;
        this.manager = manager;
        NettyServerBuilder nb = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
        if (security.tls() != null) nb.sslContext(security.tls());
        ServerInterceptor[] interceptors = security.tokens() == null
                ? new ServerInterceptor[] {new PeerInterceptor()}
                : new ServerInterceptor[] {new PeerInterceptor(), new TokenInterceptor(security.tokens())};
        this.server = nb
                .directExecutor()
                .addService(ServerInterceptors.intercept(
                        new XappPlatformServiceImpl(gateway, grid, nodes, closed::get), interceptors))
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .maxInboundMessageSize(4 << 20)
                .build();
    }

    /**
     * Starts the gateway of this grid node.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param grid this RIC's grid node
     * @param xapps this node's xApp manager (install state, removal)
     * @param nodes the E2 nodes, for Health (may be null)
     * @throws IllegalStateException when a gateway of this grid node runs already
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static XappGatewayServer start(String host, int port, RicGrid grid, XappManager xapps, E2NodeService nodes) {
        return start(host, port, grid, xapps, nodes, Security.NONE);
    }

    /**
     * Who may use the gateway: bearer tokens remote xApps must send as {@code authorization:
     * Bearer <token>} metadata (null: no check; empty: nobody), and the TLS context (null: plaintext;
     * one that requires client certificates makes it mutual TLS).
     */
    public record Security(java.util.Set<String> tokens, io.netty.handler.ssl.SslContext tls) {
        /** No authentication, plaintext (tests and development). */
        public static final Security NONE = new Security(null, null);

        public Security {
            tokens = tokens == null ? null : java.util.Set.copyOf(tokens);
        }
    }

    /** Starts the gateway of this grid node with the given security. */
    public static XappGatewayServer start(String host, int port, RicGrid grid, XappManager xapps, E2NodeService nodes,
                                          Security security) {
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(security, "security");
        RemoteXappGateway gateway = RemoteXappGateway.forNode(grid.ignite().name());
        gateway.bind(xapps);
        XappGatewayServer s;
        try {
            s = new XappGatewayServer(gateway, xapps, host, port, grid, nodes, security);
            s.server.start();
        } catch (IOException e) {
            gateway.unbind(xapps, Status.UNAVAILABLE);
            throw new UncheckedIOException("xApp gateway could not listen on " + host + ":" + port, e);
        } catch (RuntimeException e) {
            gateway.unbind(xapps, Status.UNAVAILABLE);
            throw e;
        }
        LOG.info(() -> "xApp gateway (oran.ric.xapp.v1) listening on " + host + ":" + s.port());
        return s;
    }

    /** The port the gateway listens on. */
    public int port() {
        return server.getPort();
    }

    /** The remote xApps of this grid node. */
    public RemoteXappGateway gateway() {
        return gateway;
    }

    /** Ends every attached stream with UNAVAILABLE, then stops the server (bounded). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        gateway.unbind(manager, Status.UNAVAILABLE.withDescription("the RIC's xApp gateway is shutting down"));
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }

    /** Refuses calls without an accepted {@code authorization: Bearer <token>} (constant-time comparison). */
    private static final class TokenInterceptor implements ServerInterceptor {
        private static final Metadata.Key<String> AUTHORIZATION =
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        private final java.util.List<byte[]> tokens;

        TokenInterceptor(java.util.Set<String> tokens) {
            this.tokens = tokens.stream().map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toList();
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            String h = headers.get(AUTHORIZATION);
            if (h == null || h.length() < 7 || !h.substring(0, 7).equalsIgnoreCase("bearer ")) {
                call.close(Status.UNAUTHENTICATED.withDescription(
                        "the xApp gateway requires \"authorization: Bearer <token>\" metadata"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            byte[] given = h.substring(7).trim().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean ok = false;
            for (byte[] t : tokens) ok |= java.security.MessageDigest.isEqual(given, t);
            if (!ok) {
                call.close(Status.PERMISSION_DENIED.withDescription("the bearer token is not one this RIC accepts "
                        + "for the xApp gateway"), new Metadata());
                return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
        }
    }

    /** Puts the caller's address in the context (for Health and error messages). */
    private static final class PeerInterceptor implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                          ServerCallHandler<Q, R> next) {
            Context ctx = Context.current().withValue(XappPlatformServiceImpl.PEER,
                    String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
            return Contexts.interceptCall(ctx, call, headers, next);
        }
    }
}
