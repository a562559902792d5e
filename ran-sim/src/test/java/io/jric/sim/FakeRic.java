package io.jric.sim;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** A minimal E2 termination for tests: a real gRPC server on 127.0.0.1 and an ephemeral port. */
final class FakeRic implements AutoCloseable {
    /** What the fake answers to an E2 Setup Request (null: no answer). */
    volatile Function<E2SetupRequest, E2apPdu> setupAnswer = FakeRic::accept;
    final BlockingQueue<Conn> connections = new LinkedBlockingQueue<>();
    private final Server server;

    /** One node's association as seen by the RIC. */
    final class Conn {
        final BlockingQueue<E2apPdu> in = new LinkedBlockingQueue<>();
        final BlockingQueue<Throwable> ended = new LinkedBlockingQueue<>();
        private final StreamObserver<E2apPdu> out;

        Conn(StreamObserver<E2apPdu> out) {
            this.out = out;
        }

        synchronized void send(E2apPdu pdu) {
            out.onNext(pdu);
        }

        private boolean completed;

        synchronized void complete() {
            if (!completed) {
                completed = true;
                out.onCompleted();
            }
        }

        /** The next PDU the node sent that matches, skipping others; fails after the timeout. */
        E2apPdu await(Predicate<E2apPdu> match, String what) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                long left = deadline - System.nanoTime();
                E2apPdu p = left <= 0 ? null : in.poll(left, TimeUnit.NANOSECONDS);
                if (p == null) throw new AssertionError("timed out waiting for " + what);
                if (match.test(p)) return p;
            }
        }

        /** The very next PDU the node sent. */
        E2apPdu next() throws InterruptedException {
            E2apPdu p = in.poll(10, TimeUnit.SECONDS);
            if (p == null) throw new AssertionError("timed out waiting for a PDU");
            return p;
        }
    }

    FakeRic() throws IOException {
        this(0);
    }

    static FakeRic onPort(int port) throws IOException {
        return new FakeRic(port);
    }

    private FakeRic(int port) throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .directExecutor()
                .addService(new E2TerminationServiceGrpc.E2TerminationServiceImplBase() {
                    @Override
                    public StreamObserver<E2apPdu> connect(StreamObserver<E2apPdu> toNode) {
                        Conn conn = new Conn(toNode);
                        connections.add(conn);
                        return new StreamObserver<>() {
                            @Override
                            public void onNext(E2apPdu pdu) {
                                conn.in.add(pdu);
                                if (pdu.getInitiatingMessage().hasE2SetupRequest()) {
                                    E2apPdu answer = setupAnswer.apply(pdu.getInitiatingMessage().getE2SetupRequest());
                                    if (answer != null) conn.send(answer);
                                }
                            }

                            @Override
                            public void onError(Throwable t) {
                                conn.ended.add(t);
                            }

                            @Override
                            public void onCompleted() {
                                conn.ended.add(new RuntimeException("completed by node"));
                                conn.complete();
                            }
                        };
                    }
                })
                .build()
                .start();
    }

    int port() {
        return server.getPort();
    }

    /** The next association opened by a node. */
    Conn nextConnection() throws InterruptedException {
        Conn c = connections.poll(10, TimeUnit.SECONDS);
        if (c == null) throw new AssertionError("timed out waiting for a node to connect");
        return c;
    }

    static E2apPdu accept(E2SetupRequest req) {
        E2SetupResponse.Builder r = E2SetupResponse.newBuilder().setTransactionId(req.getTransactionId());
        req.getRanFunctionsList().forEach(f -> r.addRanFunctionsAccepted(RanFunctionIdItem.newBuilder()
                .setRanFunctionId(f.getRanFunctionId()).setRanFunctionRevision(f.getRanFunctionRevision())));
        return E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setE2SetupResponse(r)).build();
    }

    static E2apPdu refuse(E2SetupRequest req, E2SetupFailure.Builder failure) {
        return E2apPdu.newBuilder().setUnsuccessfulOutcome(UnsuccessfulOutcome.newBuilder()
                .setE2SetupFailure(failure.setTransactionId(req.getTransactionId()))).build();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }
}
