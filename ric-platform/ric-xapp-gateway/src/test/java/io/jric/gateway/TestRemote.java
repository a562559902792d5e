package io.jric.gateway;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.jric.proto.xapp.v1.AttachRequest;
import io.jric.proto.xapp.v1.XappEvent;
import io.jric.proto.xapp.v1.XappPlatformServiceGrpc;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-JVM remote xApp over real loopback gRPC. */
final class TestRemote implements AutoCloseable {
    final ManagedChannel channel;
    final XappPlatformServiceGrpc.XappPlatformServiceBlockingStub blocking;
    final XappPlatformServiceGrpc.XappPlatformServiceStub async;

    TestRemote(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        blocking = XappPlatformServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
        async = XappPlatformServiceGrpc.newStub(channel);
    }

    /** One Attach stream. */
    static final class Stream {
        final BlockingQueue<XappEvent> events = new LinkedBlockingQueue<>();
        final CompletableFuture<Status> ended = new CompletableFuture<>();
        volatile ClientCallStreamObserver<AttachRequest> call;

        XappEvent next(XappEvent.EventCase kind) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (true) {
                XappEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (e == null) throw new AssertionError("no " + kind + " event within 30 s (ended: " + ended.getNow(null) + ")");
                if (e.getEventCase() == kind) return e;
            }
        }

        Status awaitEnd() throws Exception {
            return ended.get(30, TimeUnit.SECONDS);
        }

        void cancel() {
            call.cancel("test detaches", null);
        }
    }

    Stream attach(String name) {
        Stream s = new Stream();
        async.attach(AttachRequest.newBuilder().setXappName(name).build(), new ClientResponseObserver<AttachRequest, XappEvent>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<AttachRequest> requestStream) {
                s.call = requestStream;
            }

            @Override
            public void onNext(XappEvent value) {
                s.events.add(value);
            }

            @Override
            public void onError(Throwable t) {
                s.ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                s.ended.complete(Status.OK);
            }
        });
        return s;
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(5, TimeUnit.SECONDS);
    }
}
