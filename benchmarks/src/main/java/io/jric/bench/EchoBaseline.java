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

    /**
     * The same bidirectional stream echo, but paced like the loop's load: one message every 1/rate s
     * from a thread that parks between sends, each carrying its send time. Back to back (above) every
     * thread on the path is still awake when the next message comes; paced, as in the loop, each message
     * may find the event loops and the sender asleep, and pays the machine's wake-ups. Comparing the
     * loop with both tells the RIC's own cost from the VM's.
     */
    static io.jric.core.internal.telemetry.LatencyHistogram paced(int port, int rate, int seconds) throws Exception {
        ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        io.jric.core.internal.telemetry.LatencyHistogram h = new io.jric.core.internal.telemetry.LatencyHistogram();
        java.util.concurrent.atomic.AtomicLong received = new java.util.concurrent.atomic.AtomicLong();
        try {
            StreamObserver<EchoMessage> stream = EchoServiceGrpc.newStub(ch).echoStream(new StreamObserver<>() {
                @Override
                public void onNext(EchoMessage m) {
                    long now = System.nanoTime();
                    h.record(now - m.getPayload().asReadOnlyByteBuffer().getLong());
                    received.incrementAndGet();
                }

                @Override
                public void onError(Throwable t) {}

                @Override
                public void onCompleted() {}
            });
            long period = 1_000_000_000L / rate;
            long warmEnd = System.nanoTime() + 1_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            long next = System.nanoTime();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8);
            boolean reset = false;
            while (next < end) {
                long now = System.nanoTime();
                if (!reset && now >= warmEnd) {
                    h.reset();
                    reset = true;
                }
                while (next <= now) {
                    b.clear();
                    b.putLong(0, System.nanoTime());
                    stream.onNext(EchoMessage.newBuilder().setPayload(com.google.protobuf.ByteString.copyFrom(b.array())).build());
                    next += period;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            }
            stream.onCompleted();
            return h;
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
