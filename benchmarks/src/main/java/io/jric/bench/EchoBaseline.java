package io.jric.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.proto.bench.v1.EchoMessage;
import io.jric.proto.bench.v1.EchoServiceGrpc;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Bare gRPC echo round trips (unary and one bidirectional stream), the yardstick of the benchmarks. */
final class EchoBaseline {
    final long[] unary;
    final long[] streaming;

    private EchoBaseline(long[] unary, long[] streaming) {
        this.unary = unary;
        this.streaming = streaming;
    }

    static EchoBaseline measure(int port, int rounds, int warm, com.google.protobuf.ByteString payload) throws Exception {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        try {
            EchoServiceGrpc.EchoServiceBlockingStub blocking = EchoServiceGrpc.newBlockingStub(ch);
            EchoMessage ping = EchoMessage.newBuilder().setPayload(payload).build();
            long[] unary = new long[rounds];
            for (int i = -warm; i < rounds; i++) {
                long s = System.nanoTime();
                blocking.echo(ping);
                if (i >= 0) unary[i] = System.nanoTime() - s;
            }
            LinkedBlockingQueue<EchoMessage> back = new LinkedBlockingQueue<>();
            StreamObserver<EchoMessage> stream = EchoServiceGrpc.newStub(ch).echoStream(new StreamObserver<>() {
                @Override
                public void onNext(EchoMessage m) {
                    back.add(m);
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            });
            long[] streaming = new long[rounds];
            for (int i = -warm; i < rounds; i++) {
                long s = System.nanoTime();
                stream.onNext(ping);
                if (back.poll(10, TimeUnit.SECONDS) == null) throw new IllegalStateException("echo stream stalled");
                if (i >= 0) streaming[i] = System.nanoTime() - s;
            }
            stream.onCompleted();
            return new EchoBaseline(unary, streaming);
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    static long pct(long[] v, double p) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1))];
    }

    static String us(long nanos) {
        return String.format("%.0f us", nanos / 1e3);
    }
}
