package io.jric.conformance;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apPdu;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness playing the RIC: an E2 gRPC server ({@code E2TerminationService/Connect}) the E2
 * node under test connects to. Each stream the node opens is one {@link Association}, handed
 * to the cases in the order they arrive.
 */
final class HarnessRic implements AutoCloseable {
    private final Server server;
    private final LinkedBlockingQueue<Association> arrivals = new LinkedBlockingQueue<>();
    private final AtomicInteger count = new AtomicInteger();

    private HarnessRic(Server server) {
        this.server = server;
    }

    /** Listens on {@code host:port} (port 0: any free port). */
    static HarnessRic start(String host, int port) {
        HarnessRic[] self = new HarnessRic[1];
        E2TerminationServiceGrpc.E2TerminationServiceImplBase service = new E2TerminationServiceGrpc.E2TerminationServiceImplBase() {
            @Override
            public StreamObserver<E2apPdu> connect(StreamObserver<E2apPdu> out) {
                Association a = new Association((ServerCallStreamObserver<E2apPdu>) out,
                        "node(association " + self[0].count.incrementAndGet() + ")");
                self[0].arrivals.add(a);
                return a.observer;
            }
        };
        Server s = NettyServerBuilder.forAddress(new InetSocketAddress(host, port)).addService(service).build();
        self[0] = new HarnessRic(s);
        try {
            s.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return self[0];
    }

    int port() {
        return server.getPort();
    }

    /** The next association a node opens, or null within the timeout. */
    Association nextAssociation(Duration timeout) throws InterruptedException {
        return arrivals.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An association that arrived and nobody took yet, or null. */
    Association pollAssociation() {
        return arrivals.poll();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The RIC end of one node association. */
    static final class Association extends E2Endpoint {
        private final ServerCallStreamObserver<E2apPdu> out;
        final StreamObserver<E2apPdu> observer = new StreamObserver<>() {
            @Override
            public void onNext(E2apPdu value) {
                inbox.add(value);
            }

            @Override
            public void onError(Throwable t) {
                inbox.closed("stream failed: " + Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                inbox.closed("the node ended the stream");
                synchronized (Association.this) {
                    try {
                        Association.this.out.onCompleted();
                    } catch (RuntimeException ignored) {
                        // already closed
                    }
                }
            }
        };

        Association(ServerCallStreamObserver<E2apPdu> out, String label) {
            super(label, null);
            this.out = out;
            out.setOnCancelHandler(() -> inbox.closed("cancelled by the node"));
        }

        @Override
        synchronized void send(E2apPdu pdu) {
            recordSent(pdu);
            if (inbox.isClosed()) return;
            try {
                out.onNext(pdu);
            } catch (RuntimeException e) {
                inbox.closed("send failed: " + e);
            }
        }

        /** Ends the association from the RIC side, as an association loss would. */
        @Override
        public synchronized void close() {
            if (inbox.isClosed()) return;
            CaseContext c = ctx();
            if (c != null) c.note(label + ": the harness (as RIC) drops the association");
            try {
                out.onError(Status.UNAVAILABLE.withDescription("conformance harness dropped the association").asRuntimeException());
            } catch (RuntimeException ignored) {
                // already closed
            }
            inbox.closed("dropped by the harness");
        }
    }
}
