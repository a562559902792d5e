package io.jric.e2;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.jric.api.e2.E2ControlService;
import io.jric.api.e2.E2NodeService;
import io.jric.api.e2.E2SubscriptionService;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.LatencyHistogram;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.E2apAperFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The E2 termination of the RIC: a gRPC server for {@code oran.ric.e2.v1.E2TerminationService}
 * (Netty, direct executor) and the node, subscription and control services behind it.
 *
 * <pre>{@code
 * try (E2Termination e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build())) {
 *     e2.nodeService().nodes();
 * }
 * }</pre>
 */
public final class E2Termination implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(E2Termination.class.getName());

    private final E2Settings settings;
    private final Telemetry telemetry;
    private final E2Stats stats = new E2Stats();
    private final NodeManager nodeManager;
    private final SubscriptionManager subscriptionManager;
    private final ControlManager controlManager;
    private final SetupHandler setupHandler;
    private final IngestPipeline ingest;
    private final ExecutorService controlPlane;
    private final ScheduledThreadPoolExecutor timer;
    private final Server server;
    private volatile SctpE2Server sctp;

    private E2Termination(RicGrid grid, Telemetry telemetry, E2Settings settings) {
        this.settings = settings;
        this.telemetry = telemetry;
        this.nodeManager = new NodeManager(grid);
        this.subscriptionManager = new SubscriptionManager(this, grid);
        this.controlManager = new ControlManager(this);
        this.setupHandler = new SetupHandler(this);
        this.ingest = new IngestPipeline(grid, settings);
        this.controlPlane = Executors.newSingleThreadExecutor(r -> daemon(r, "e2-control-plane"));
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "e2-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.timer.scheduleAtFixedRate(this::sweepTimeouts, SWEEP_MS, SWEEP_MS, TimeUnit.MILLISECONDS);
        long forgetEveryMs = Math.max(100, Math.min(60_000, settings.nodeRetention().toMillis() / 2));
        this.timer.scheduleAtFixedRate(() -> controlPlane(this::forgetStaleNodes), forgetEveryMs, forgetEveryMs,
                TimeUnit.MILLISECONDS);
        NettyServerBuilder nb = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()));
        if (settings.tlsCert() != null) nb.sslContext(sslContext(settings));
        this.server = nb
                .directExecutor()
                .addService(serviceDefinition())
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .permitKeepAliveTime(5, TimeUnit.SECONDS)
                .maxInboundMessageSize(4 << 20)
                .build();
    }

    /** Granularity of transaction timeouts. */
    static final long SWEEP_MS = 5;

    private final java.util.Set<Association> associations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void opened(Association a) {
        associations.add(a);
    }

    void closed(Association a) {
        associations.remove(a);
        awaiting.remove(a);
    }

    /**
     * The associations that may have a transaction waiting for its answer: the timeout sweep visits these, not every
     * association (1,000 of them every 5 ms took the timer thread 0.04 cores at 1,000 nodes, docs/benchmarks.md).
     */
    private final java.util.Set<Association> awaiting = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Called by an association after it registered a pending transaction. */
    void awaiting(Association a) {
        awaiting.add(a);
    }

    private void forgetStaleNodes() {
        java.util.List<String> gone = nodeManager.forgetStale(settings.nodeRetention(), subscriptionManager, stats.nodesForgotten);
        if (gone.isEmpty()) return;
        LOG.info(() -> "forgot " + gone.size() + " node(s) disconnected for more than " + settings.nodeRetention()
                + " (e2.nodeRetention), with their subscriptions: " + (gone.size() <= 5 ? gone : gone.subList(0, 5) + " ..."));
    }

    private void sweepTimeouts() {
        long now = System.nanoTime();
        for (Association a : awaiting) {
            try {
                a.expireOverdue(now);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "timeout sweep failed", e);
            }
            if (!a.hasPending()) {
                awaiting.remove(a);
                // A transaction registered between the check and the removal re-adds itself after its put;
                // one registered before the removal is seen here.
                if (a.hasPending() && associations.contains(a)) awaiting.add(a);
            }
        }
    }

    private static io.netty.handler.ssl.SslContext sslContext(E2Settings s) {
        try {
            io.netty.handler.ssl.SslContextBuilder b = io.grpc.netty.GrpcSslContexts.forServer(
                    s.tlsCert().toFile(), s.tlsKey().toFile());
            if (s.tlsClientCa() != null) {
                b.trustManager(s.tlsClientCa().toFile()).clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("e2.tls: cannot use " + s.tlsCert() + " / " + s.tlsKey() + ": " + e.getMessage(), e);
        }
    }

    /** Starts the E2 termination on the given grid. */
    public static E2Termination start(RicGrid grid, Telemetry telemetry, E2Settings settings) {
        E2Termination t = new E2Termination(grid, telemetry, settings);
        try {
            t.server.start();
        } catch (IOException e) {
            t.close();
            throw new UncheckedIOException("E2 termination could not listen on " + settings.host() + ":" + settings.port(), e);
        }
        LOG.info(() -> "E2 termination listening on " + settings.host() + ":" + t.port());
        if (settings.sctpPort() >= 0) {
            t.sctp = SctpE2Server.start(t, settings.host(), settings.sctpPort(), settings.sctpMaxAssociations());
        }
        if (settings.tlsClientCa() == null) {
            LOG.warning("E2 on " + settings.host() + ":" + t.port() + " without client certificates: any peer that reaches the "
                    + "port can set up as any E2 node id, and take over a connected node. Use mutual TLS in production "
                    + "(e2.tls.cert, e2.tls.key, e2.tls.clientCa; e2.tls.allowedNodeIds binds node ids to certificates).");
        }
        return t;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The Connect method with a lenient request marshaller, so malformed PDUs do not kill the call. */
    private ServerServiceDefinition serviceDefinition() {
        MethodDescriptor<InboundPdu, E2apPdu> connect = E2TerminationServiceGrpc.getConnectMethod()
                .toBuilder(InboundPdu.MARSHALLER, ProtoUtils.marshaller(E2apPdu.getDefaultInstance()))
                .build();
        ServerServiceDefinition def = ServerServiceDefinition.builder(E2TerminationServiceGrpc.SERVICE_NAME)
                .addMethod(connect, ServerCalls.asyncBidiStreamingCall(responses -> {
                    ServerCallStreamObserver<E2apPdu> out = (ServerCallStreamObserver<E2apPdu>) responses;
                    return new Association(this, new GrpcLink(out), String.valueOf(PEER.get()), CERTIFICATE.get());
                }))
                .addMethod(E2TerminationServiceGrpc.getConnectAperMethod(), ServerCalls.asyncBidiStreamingCall(
                        responses -> aperOverGrpc((ServerCallStreamObserver<E2apAperFrame>) responses)))
                .build();
        return ServerInterceptors.intercept(def, new PeerInterceptor());
    }

    /** ConnectAper: the association of a node that speaks APER, carried over gRPC frames instead of SCTP. */
    private io.grpc.stub.StreamObserver<E2apAperFrame> aperOverGrpc(ServerCallStreamObserver<E2apAperFrame> out) {
        String peer = String.valueOf(PEER.get());
        AperEdge edge = new AperEdge("gRPC", stats);
        edge.peer(peer);
        out.disableAutoRequest();
        AperLink.FrameSink sink = new AperLink.FrameSink() {
            @Override
            public void send(byte[] aper, int ppid, int stream) {
                out.onNext(E2apAperFrame.newBuilder().setAper(com.google.protobuf.ByteString.copyFrom(aper))
                        .setPayloadProtocolId(ppid).setStream(stream).build());
            }

            @Override public boolean isReady() { return out.isReady(); }
            @Override public void request(int n) { out.request(n); }
            @Override public void onReady(Runnable handler) { out.setOnReadyHandler(handler); }
            @Override public void onCancel(Runnable handler) { out.setOnCancelHandler(handler); }
            @Override public void fail(io.grpc.Status status) { out.onError(status.asRuntimeException()); }
            @Override public void complete() { out.onCompleted(); }
        };
        Association a = new Association(this, new AperLink(edge, sink), peer, CERTIFICATE.get());
        edge.injectTo(a::injected);
        edge.subscriptions(a::indicationMatches);
        return new io.grpc.stub.StreamObserver<>() {
            @Override
            public void onNext(E2apAperFrame frame) {
                a.onFrame(edge.fromNode(frame.getAper().toByteArray(), frame.getPayloadProtocolId(), frame.getStream()));
            }

            @Override
            public void onError(Throwable t) {
                a.onError(t);
            }

            @Override
            public void onCompleted() {
                a.onCompleted();
            }
        };
    }

    private static final Context.Key<Object> PEER = Context.key("e2-peer");
    private static final Context.Key<String> CERTIFICATE = Context.key("e2-peer-certificate");

    /** Makes the remote address of the call, and the name in its client certificate, available to the association. */
    private static final class PeerInterceptor implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            Context ctx = Context.current().withValue(PEER, call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR))
                    .withValue(CERTIFICATE, certificateName(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION)));
            return Contexts.interceptCall(ctx, call, headers, next);
        }
    }

    /** The CN of the peer's certificate (its whole subject without one), or null without a client certificate. */
    static String certificateName(javax.net.ssl.SSLSession session) {
        if (session == null) return null;
        try {
            java.security.cert.Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof java.security.cert.X509Certificate x)) return null;
            String subject = x.getSubjectX500Principal().getName();
            javax.naming.ldap.LdapName dn = new javax.naming.ldap.LdapName(subject);
            for (javax.naming.ldap.Rdn rdn : dn.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) return String.valueOf(rdn.getValue());
            }
            return subject;
        } catch (javax.net.ssl.SSLPeerUnverifiedException | javax.naming.InvalidNameException e) {
            return null;
        }
    }

    /** The port the server listens on (useful with port 0). */
    public int port() {
        return server.getPort();
    }

    /** Whether the E2 gRPC server is accepting connections (started and not shut down). */
    public boolean listening() {
        return !server.isShutdown() && !server.isTerminated();
    }

    /** The SCTP port E2AP in APER is served on, or -1 when there is no SCTP listener (see {@link #sctpStatus()}). */
    public int sctpPort() {
        SctpE2Server s = sctp;
        return s == null ? -1 : s.port();
    }

    /** "listening on port N", "off (e2.sctp.port = -1)" or why SCTP is unavailable here. */
    public String sctpStatus() {
        SctpE2Server s = sctp;
        if (s == null) return "off (no SCTP port configured)";
        return s.unavailable() == null ? "listening on port " + s.port() : "unavailable: " + s.unavailable();
    }

    /** The E2 nodes. */
    public E2NodeService nodeService() {
        return nodeManager;
    }

    /** RIC Subscriptions. */
    public E2SubscriptionService subscriptionService() {
        return subscriptionManager;
    }

    /** RIC Control. */
    public E2ControlService controlService() {
        return controlManager;
    }

    /** Counters and latency histograms. */
    public E2Stats stats() {
        return stats;
    }

    /** Connected nodes in this process. */
    public int connectedNodes() {
        return nodeManager.connectedCount();
    }

    /** KPM records written to the grid so far. */
    public long recordsWritten() {
        return ingest.recordsWritten();
    }

    /** KPM cache entries written to the grid so far (latest and series; repeated keys in a batch count once). */
    public long gridWrites() {
        return ingest.gridWrites();
    }

    /** Grid writes that failed (each a batch of records dropped, and logged). */
    public long ingestWriteErrors() {
        return ingest.writeErrors();
    }

    /** Grid writer threads of the KPM ingest ({@link E2Settings#ingestWriters()}, or {@code -Djric.ingest.writers}). */
    public int ingestWriters() {
        return ingest.writers();
    }

    /** Records decoded but not yet in the grid. */
    public long ingestBacklog() {
        return ingest.backlog();
    }

    /** Latency from decoding an indication to its records being in the grid. */
    public LatencyHistogram ingestLatency() {
        return ingest.ingestLatency();
    }

    /** Waits until every decoded record and control-log entry is in the grid; false on timeout. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        return ingest.flush(timeoutMs);
    }

    E2Settings settings() {
        return settings;
    }

    Telemetry telemetry() {
        return telemetry;
    }

    NodeManager nodeManager() {
        return nodeManager;
    }

    SubscriptionManager subscriptionManager() {
        return subscriptionManager;
    }

    SetupHandler setup() {
        return setupHandler;
    }

    IngestPipeline ingest() {
        return ingest;
    }

    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    void controlPlane(Runnable task) {
        try {
            controlPlane.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "E2 control-plane task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.fine("E2 termination is shutting down; task dropped");
        }
    }

    @Override
    public void close() {
        SctpE2Server s = sctp;
        if (s != null) s.close();
        server.shutdown();
        try {
            controlPlane.submit(nodeManager::closeAll).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing associations", e);
        }
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.shutdownNow();
        controlPlane.shutdown();
        timer.shutdownNow();
        ingest.close();
    }

}
