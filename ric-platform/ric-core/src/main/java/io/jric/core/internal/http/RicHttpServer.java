package io.jric.core.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP/1.1 server: Netty for the wire, a bounded executor for handlers.
 *
 * <p>Behaviour in brief: keep-alive and pipelining (responses in request order, one request of a
 * connection handled at a time), {@code Connection: close} and HTTP/1.0 honoured; bodies over the
 * route's limit get 413 (by {@code Content-Length} before the body is read, or while it streams in);
 * malformed requests get 400 and the connection is closed; unknown paths 404, wrong methods 405 with
 * {@code Allow}; a full executor queue 503 with {@code Retry-After}. Every error is an
 * {@code application/problem+json} document, every response carries {@code Cache-Control: no-store}.
 * A handler may answer with a streaming response ({@link HttpResponse#stream}, e.g. server-sent events):
 * its worker is freed at once, the body is written from any thread, the connection serves nothing else
 * and a client that does not read is dropped.
 */
public final class RicHttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RicHttpServer.class.getName());
    /** Requests of one connection that may wait behind the one being handled before reading pauses. */
    private static final int MAX_PIPELINED = 8;
    /** Bytes of an oversized body read and dropped, so the client sees the 413, before hard close. */
    private static final long MAX_DISCARD = 16L * 1024 * 1024;

    private final HttpServerSettings settings;
    private final Router router;
    private final ProblemMapper problems = new ProblemMapper();
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final ThreadPoolExecutor workers;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int aggregateLimit;
    private volatile boolean draining;
    private Channel serverChannel;
    private int port;

    private RicHttpServer(HttpServerSettings settings, Router router) {
        this.settings = settings;
        this.router = router;
        this.aggregateLimit = router.maxBodyLimit(settings.maxBodyBytes());
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("jric-http-accept", true),
                NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(settings.ioThreads(),
                new DefaultThreadFactory("jric-http-io", true), NioIoHandler.newFactory());
        this.workers = new ThreadPoolExecutor(settings.workerThreads(), settings.workerThreads(), 0,
                TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(settings.queueCapacity()),
                new DefaultThreadFactory("jric-http-worker", true), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Binds and starts serving. The router is frozen from now on.
     *
     * @param settings server settings
     * @param router the routes and filters
     * @return the running server
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static RicHttpServer start(HttpServerSettings settings, Router router) {
        return start(settings, router, null);
    }

    /**
     * Binds and starts serving HTTPS with the given TLS context (null: plain HTTP). With a context
     * that requires client certificates, only holders of a certificate from its trusted CA connect.
     */
    public static RicHttpServer start(HttpServerSettings settings, Router router, io.netty.handler.ssl.SslContext tls) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(router, "router");
        router.freeze();
        RicHttpServer server = new RicHttpServer(settings, router);
        server.tls = tls;
        try {
            server.bind();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private volatile io.netty.handler.ssl.SslContext tls;

    private void bind() {
        ServerBootstrap b = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Connection conn = new Connection();
                        ChannelPipeline p = ch.pipeline();
                        if (tls != null) p.addLast("tls", tls.newHandler(ch.alloc()));
                        p.addLast("codec", new HttpServerCodec());
                        long idle = settings.idleTimeout().toMillis();
                        if (idle > 0) {
                            p.addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
                        }
                        p.addLast("head", new HeadHandler(conn));
                        p.addLast("aggregator", new HttpObjectAggregator(aggregateLimit));
                        p.addLast("dispatcher", new Dispatcher(conn));
                    }
                });
        try {
            serverChannel = b.bind(settings.host(), settings.port()).syncUninterruptibly().channel();
        } catch (Exception e) {
            IOException io = e instanceof IOException ioe ? ioe : new IOException(e);
            throw new UncheckedIOException("cannot bind HTTP server to " + settings.host() + ":" + settings.port(), io);
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        LOG.info(() -> (tls == null ? "HTTP" : "HTTPS") + " server listening on " + serverChannel.localAddress());
    }

    /** @return the bound port (the ephemeral one if the settings said 0) */
    public int port() {
        return port;
    }

    /** @return {@code http://host:port} of this server ({@code https://} when it serves TLS) */
    public URI baseUri() {
        String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create((tls == null ? "http://" : "https://") + h + ":" + port);
    }

    /**
     * Adds an exception mapping (see {@link ProblemMapper}); the most specific class wins.
     *
     * @param type exception class
     * @param mapping turns an instance into the problem to send
     * @return this server
     */
    public RicHttpServer mapException(Class<? extends Throwable> type, Function<Throwable, HttpProblem> mapping) {
        problems.register(type, mapping);
        return this;
    }

    /**
     * Stops accepting connections, lets running and queued handlers finish within the shutdown
     * timeout (their responses carry {@code Connection: close}), then closes all connections.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining = true;
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        workers.shutdown();
        boolean interrupted = false;
        try {
            if (!workers.awaitTermination(settings.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning("HTTP handlers still running at shutdown timeout; interrupting them");
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            interrupted = true;
        }
        // Close each connection behind the responses the finished handlers queued on its event loop,
        // and wait for that: shutting an event loop down closes its channels before running its tasks.
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel ch : connections) {
            ch.eventLoop().execute(() -> ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE));
            closing.add(ch.closeFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** Per-connection state shared by {@link HeadHandler} and {@link Dispatcher}; event-loop only. */
    private static final class Connection {
        /** An oversized body was rejected: all further input is dropped. */
        boolean discarding;
        /** The rejected body has been read completely (or was never going to be sent). */
        boolean bodyDone;
        /** The 413 has been written; close as soon as the body is done. */
        boolean rejectionWritten;
        /** Heads checked by {@link HeadHandler} whose aggregated request the dispatcher has not taken yet. */
        final ArrayDeque<Head> heads = new ArrayDeque<>();
        /**
         * The connection carries a streaming response: all further input is read (so a client that leaves
         * is noticed) and dropped before it is parsed into requests.
         */
        boolean streaming;
    }

    /**
     * What {@link HeadHandler} decided about a request head: the decoded target, the route match,
     * the request the filters saw (body not yet read), or the problem to answer without a handler.
     * {@code headers} identifies the aggregated request it belongs to.
     */
    private record Head(io.netty.handler.codec.http.HttpHeaders headers, HttpRequest request, Router.Match match,
            HttpProblem problem) {}

    /** A response decided before any handler ran; the connection closes after it. */
    private record Rejection(HttpProblem problem, String instance, boolean lingering) {}

    /** A request ready for dispatch, or a response decided on the event loop. */
    private record Job(HttpRequest request, Router.Route route, HttpProblem problem, boolean keepAlive,
            boolean http10, boolean closeAfter, boolean lingering) {}

    /** A fully encoded response. */
    private record Encoded(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers,
            HttpResponse.StreamOpener stream) {
        Encoded(int status, String contentType, byte[] body, List<Map.Entry<String, String>> headers) {
            this(status, contentType, body, headers, null);
        }
    }

    /**
     * Decides on each request head before the aggregator buffers its body: decodes and checks the
     * path once ({@link RequestTarget}), matches the route, enforces the route's body limit and
     * runs the filters (authentication). A request refused here while a body follows is answered
     * with a {@link Rejection} (in request order) and its body is read and dropped, never buffered;
     * the aggregator never sees it, so no {@code 100 Continue} is sent for it.
     */
    private final class HeadHandler extends ChannelInboundHandlerAdapter {
        private final Connection conn;
        private long limit;
        private long received;
        private long discarded;

        HeadHandler(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (conn.streaming) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (conn.discarding) {
                if (msg instanceof HttpContent c) {
                    discarded += c.content().readableBytes();
                    if (msg instanceof LastHttpContent || discarded > MAX_DISCARD) {
                        bodyDone(ctx);
                    }
                }
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof io.netty.handler.codec.http.HttpRequest req && req.decoderResult().isSuccess()) {
                if (!head(ctx, req)) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
            }
            if (msg instanceof HttpContent c && c.decoderResult().isSuccess()) {
                received += c.content().readableBytes();
                if (received > limit) {
                    boolean last = msg instanceof LastHttpContent;
                    ReferenceCountUtil.release(msg);
                    reject(ctx, tooLarge(), null, !last);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        /** @return whether the request goes on to the aggregator */
        private boolean head(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest req) {
            received = 0;
            limit = settings.maxBodyBytes();
            long declared;
            try {
                declared = HttpUtil.getContentLength(req, -1L);
            } catch (NumberFormatException e) {
                declared = -1;
            }
            boolean expectContinue = HttpUtil.is100ContinueExpected(req);
            boolean last = req instanceof LastHttpContent;
            boolean bodyFollows = !last && !expectContinue && (declared > 0 || HttpUtil.isTransferEncodingChunked(req));
            // a refused request that waits for 100 Continue is rejected (and closed), never passed to the
            // aggregator, which would send the 100
            boolean noBody = last || (!expectContinue && declared <= 0 && !HttpUtil.isTransferEncodingChunked(req));
            String expect = req.headers().get(HttpHeaderNames.EXPECT);
            if (expect != null && !req.protocolVersion().equals(HttpVersion.HTTP_1_0)
                    && !HttpHeaderValues.CONTINUE.contentEqualsIgnoreCase(expect.trim())) {
                reject(ctx, HttpProblem.of(417, null, "unsupported Expect: " + req.headers().get(HttpHeaderNames.EXPECT)),
                        null, bodyFollows);
                return false;
            }
            String method = req.method().name();
            RequestTarget target;
            try {
                target = RequestTarget.parse(req.uri());
            } catch (HttpProblem p) {
                return refuse(ctx, req, p, null, null, noBody, bodyFollows);
            }
            Router.Match m = router.match(method, target);
            HttpRequest request = new HttpRequest(method, req.uri(), target.path(), m.params(), target.query(),
                    req.headers(), null, (InetSocketAddress) ctx.channel().remoteAddress());
            if (m.route() == null) {
                // 404 or 405, answered by the dispatcher; the server's default body limit applies
                conn.heads.add(new Head(req.headers(), request, m, null));
                return true;
            }
            if (m.route().maxBody > 0) {
                limit = m.route().maxBody;
            }
            try {
                for (Filter f : router.filters()) {
                    f.apply(request);
                }
            } catch (Throwable t) {
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return refuse(ctx, req, problems.map(t, request.toString()), request, m, noBody, bodyFollows);
            }
            if (declared > limit) {
                reject(ctx, tooLarge(), target.path(), bodyFollows);
                return false;
            }
            conn.heads.add(new Head(req.headers(), request, m, null));
            return true;
        }

        /**
         * A request refused on its head: without a body it goes on (empty) and is answered in turn
         * with the connection kept; with a body it is rejected and the body dropped.
         */
        private boolean refuse(ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpRequest req, HttpProblem p,
                HttpRequest request, Router.Match m, boolean noBody, boolean bodyFollows) {
            if (noBody) {
                conn.heads.add(new Head(req.headers(), request, m, p));
                return true;
            }
            reject(ctx, p, request == null ? null : request.path(), bodyFollows);
            return false;
        }

        private HttpProblem tooLarge() {
            return HttpProblem.payloadTooLarge("request body exceeds the limit of " + limit + " bytes for this resource");
        }

        private void reject(ChannelHandlerContext ctx, HttpProblem p, String instance, boolean bodyFollows) {
            conn.discarding = true;
            conn.bodyDone = !bodyFollows;
            ctx.fireChannelRead(new Rejection(p, instance, bodyFollows));
        }

        private void bodyDone(ChannelHandlerContext ctx) {
            if (!conn.bodyDone) {
                conn.bodyDone = true;
                if (conn.rejectionWritten) {
                    ctx.close();
                }
            }
        }
    }

    /** Turns aggregated requests into jobs, runs them one at a time per connection, writes responses. */
    private final class Dispatcher extends ChannelInboundHandlerAdapter {
        private final Connection conn;
        private final ArrayDeque<Job> pending = new ArrayDeque<>();
        private boolean busy;
        private boolean closing;
        private ChannelStream stream;

        Dispatcher(Connection conn) {
            this.conn = conn;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.add(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.remove(ctx.channel());
            closing = true;
            pending.clear();
            if (stream != null) {
                stream.closed();
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Job job;
            try {
                if (closing || conn.streaming) {
                    return;
                }
                if (msg instanceof Rejection r) {
                    job = new Job(null, null, r.problem().instance() == null && r.instance() != null
                            ? r.problem().withInstance(r.instance()) : r.problem(), false, false, true, r.lingering());
                } else if (msg instanceof FullHttpRequest req) {
                    job = prepare(ctx, req);
                } else {
                    return;
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
            pending.add(job);
            if (pending.size() >= MAX_PIPELINED) {
                ctx.channel().config().setAutoRead(false);
            }
            drain(ctx);
        }

        private Job prepare(ChannelHandlerContext ctx, FullHttpRequest req) {
            DecoderResult dr = req.decoderResult();
            if (!dr.isSuccess()) {
                Throwable cause = dr.cause();
                HttpProblem p;
                if (cause instanceof TooLongHttpLineException) {
                    p = HttpProblem.of(414, null, "request line too long");
                } else if (cause instanceof TooLongHttpHeaderException) {
                    p = HttpProblem.of(431, null, "request header fields too large");
                } else {
                    p = HttpProblem.badRequest("malformed HTTP request");
                }
                LOG.log(Level.FINE, "malformed HTTP request from " + ctx.channel().remoteAddress(), cause);
                return new Job(null, null, p, false, false, true, false);
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            boolean http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
            Head head = conn.heads.poll();
            if (head == null || head.headers() != req.headers()) {
                LOG.severe("HTTP request " + req.method() + " " + req.uri() + " arrived without its checked head; closing "
                        + ctx.channel().remoteAddress());
                return new Job(null, null, HttpProblem.of(500, null, "internal error"), false, false, true, false);
            }
            String method = req.method().name();
            if (head.problem() != null) {
                return new Job(head.request(), null, head.problem(), keepAlive, http10, false, false);
            }
            Router.Match m = head.match();
            String path = head.request().path();
            if (m.route() != null) {
                HttpRequest request = head.request().withBody(ByteBufUtil.getBytes(req.content()));
                return new Job(request, m.route(), null, keepAlive, http10, false, false);
            }
            HttpProblem problem = !m.allowed().isEmpty()
                    ? HttpProblem.of(405, null, "method " + method + " is not allowed on " + path)
                            .withHeader("Allow", String.join(", ", m.allowed()))
                    : HttpProblem.notFound("no resource at " + path);
            return new Job(head.request(), null, problem, keepAlive, http10, false, false);
        }

        private void drain(ChannelHandlerContext ctx) {
            while (!busy && !closing && !pending.isEmpty()) {
                dispatch(ctx, pending.poll());
            }
        }

        private void dispatch(ChannelHandlerContext ctx, Job job) {
            busy = true;
            if (job.problem() != null) {
                write(ctx, job, encodeProblem(job.problem(), job.request() == null ? null : job.request().path()));
                return;
            }
            try {
                workers.execute(() -> {
                    Encoded out = run(job);
                    try {
                        ctx.executor().execute(() -> write(ctx, job, out));
                    } catch (RejectedExecutionException e) {
                        // event loop already shut down: the connection is gone
                    }
                });
            } catch (RejectedExecutionException e) {
                HttpProblem p = HttpProblem.serviceUnavailable(draining
                        ? "the server is shutting down"
                        : "too many requests in progress; retry later").withHeader("Retry-After", "1");
                write(ctx, job, encodeProblem(p, job.request().path()));
            }
        }

        /** On a worker thread. */
        private Encoded run(Job job) {
            HttpRequest req = job.request();
            try {
                HttpResponse r = job.route().handler.handle(req);
                if (r == null) {
                    throw new NullPointerException("handler for " + job.route().method + " " + job.route().pattern
                            + " returned null");
                }
                return new Encoded(r.statusCode(), r.contentType(), r.encodeBody(), r.headers(), r.streamOpener());
            } catch (Throwable t) {
                if (t instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return encodeProblem(problems.map(t, req.toString()), req.path());
            }
        }

        private void write(ChannelHandlerContext ctx, Job job, Encoded out) {
            if (job.request() != null) {
                router.responded(job.request(), out.status());
            }
            if (out.stream() != null) {
                writeStreamHead(ctx, job, out);
                return;
            }
            if (closing || !ctx.channel().isActive()) {
                busy = false;
                return;
            }
            HttpResponseStatus status = HttpResponseStatus.valueOf(out.status());
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    out.body().length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(out.body()));
            var h = resp.headers();
            for (Map.Entry<String, String> e : out.headers()) {
                h.add(e.getKey(), e.getValue());
            }
            if (out.contentType() != null && out.body().length > 0 && !h.contains(HttpHeaderNames.CONTENT_TYPE)) {
                h.set(HttpHeaderNames.CONTENT_TYPE, out.contentType());
            }
            if (out.status() != 204 && out.status() != 304) {
                h.set(HttpHeaderNames.CONTENT_LENGTH, out.body().length);
            } else {
                h.remove(HttpHeaderNames.CONTENT_LENGTH);
            }
            if (!h.contains(HttpHeaderNames.CACHE_CONTROL)) {
                h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
            }
            boolean keepAlive = job.keepAlive() && !job.closeAfter() && !draining
                    && !h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
            if (!keepAlive) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (job.http10()) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            } else {
                h.remove(HttpHeaderNames.CONNECTION);
            }
            ctx.writeAndFlush(resp).addListener(f -> afterWrite(ctx, job, keepAlive, f.isSuccess()));
        }

        /**
         * The head of a streaming response; the connection then belongs to the stream (busy for good, input
         * dropped) until either side closes it. The opener is called in every case, with a closed stream
         * when the client is gone already.
         */
        private void writeStreamHead(ChannelHandlerContext ctx, Job job, Encoded out) {
            boolean chunked = !job.http10();
            conn.streaming = true;
            conn.heads.clear();
            pending.clear();
            stream = new ChannelStream(ctx.channel(), chunked);
            if (closing || draining || !ctx.channel().isActive()) {
                stream.closed();
                ctx.close();
            } else {
                io.netty.handler.codec.http.HttpResponse resp = new io.netty.handler.codec.http.DefaultHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(out.status()));
                var h = resp.headers();
                for (Map.Entry<String, String> e : out.headers()) {
                    h.add(e.getKey(), e.getValue());
                }
                if (!h.contains(HttpHeaderNames.CACHE_CONTROL)) {
                    h.set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
                }
                if (chunked) {
                    HttpUtil.setTransferEncodingChunked(resp, true);
                } else {
                    h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
                }
                ctx.writeAndFlush(resp).addListener(f -> {
                    if (!f.isSuccess()) {
                        ctx.close();
                    }
                });
            }
            try {
                out.stream().opened(stream);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "stream opener of " + job.request() + " failed", e);
                stream.close();
            }
        }

        private void afterWrite(ChannelHandlerContext ctx, Job job, boolean keepAlive, boolean success) {
            busy = false;
            if (!success) {
                closing = true;
                ctx.close();
                return;
            }
            if (!keepAlive) {
                closing = true;
                pending.clear();
                if (job.lingering() && !conn.bodyDone) {
                    // Let the client finish sending the rejected body so it reads the 413 instead of a reset.
                    conn.rejectionWritten = true;
                    ((SocketChannel) ctx.channel()).shutdownOutput();
                    ctx.channel().config().setAutoRead(true);
                } else {
                    ctx.close();
                }
                return;
            }
            if (pending.size() < MAX_PIPELINED) {
                ctx.channel().config().setAutoRead(true);
            }
            drain(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                if (!busy && pending.isEmpty()) {
                    closing = true;
                    ctx.close();
                }
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
                LOG.log(Level.FINE, "HTTP connection " + ctx.channel().remoteAddress() + " failed", cause);
            } else {
                LOG.log(Level.WARNING, "HTTP connection " + ctx.channel().remoteAddress() + " failed", cause);
            }
            closing = true;
            ctx.close();
        }
    }

    /** The body of a streaming response on one connection; writable from any thread. */
    private static final class ChannelStream implements HttpResponse.ResponseStream {
        private final Channel channel;
        private final boolean chunked;
        private boolean open = true;
        private List<Runnable> callbacks = new ArrayList<>();

        ChannelStream(Channel channel, boolean chunked) {
            this.channel = channel;
            this.chunked = chunked;
        }

        @Override
        public boolean send(byte[] chunk) {
            if (!isOpen()) {
                return false;
            }
            if (!channel.isWritable()) {
                LOG.fine(() -> "streaming response to " + channel.remoteAddress() + ": the client does not read; dropped");
                close();
                return false;
            }
            channel.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(Unpooled.wrappedBuffer(chunk)))
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            close();
                        }
                    });
            return true;
        }

        @Override
        public void close() {
            if (!markClosed()) {
                return;
            }
            channel.writeAndFlush(chunked ? LastHttpContent.EMPTY_LAST_CONTENT : Unpooled.EMPTY_BUFFER)
                    .addListener(ChannelFutureListener.CLOSE);
        }

        /** The connection is gone. */
        void closed() {
            markClosed();
        }

        private boolean markClosed() {
            List<Runnable> run;
            synchronized (this) {
                if (!open) {
                    return false;
                }
                open = false;
                run = callbacks;
                callbacks = null;
            }
            for (Runnable r : run) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "stream close callback failed", e);
                }
            }
            return true;
        }

        @Override
        public synchronized boolean isOpen() {
            return open;
        }

        @Override
        public void onClose(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            synchronized (this) {
                if (open) {
                    callbacks.add(callback);
                    return;
                }
            }
            callback.run();
        }
    }

    private static Encoded encodeProblem(HttpProblem p, String defaultInstance) {
        byte[] body;
        try {
            body = HttpJson.mapper().writeValueAsBytes(p.toJson(defaultInstance));
        } catch (Exception e) {
            // an extension member could not be serialized: send the standard members only
            HttpProblem plain = HttpProblem.of(p.status(), p.title(), p.detail()).withType(p.type());
            String inst = p.instance() != null ? p.instance() : defaultInstance;
            try {
                body = HttpJson.mapper().writeValueAsBytes(plain.toJson(inst));
            } catch (Exception impossible) {
                body = ("{\"title\":\"Internal Server Error\",\"status\":500}").getBytes(StandardCharsets.UTF_8);
            }
        }
        return new Encoded(p.status(), HttpProblem.CONTENT_TYPE, body, p.headers());
    }
}
