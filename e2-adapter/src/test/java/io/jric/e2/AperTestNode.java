package io.jric.e2;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apAperFrame;
import io.jric.proto.e2.v1.E2apPdu;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** A test E2 node on ConnectAper: sends raw APER frames, decodes what the RIC sends with jRIC's codec. */
final class AperTestNode implements AutoCloseable {
    final LinkedBlockingQueue<E2apPdu> received = new LinkedBlockingQueue<>();
    /** Every frame the RIC sent (also those of procedures the model has no message for). */
    final LinkedBlockingQueue<io.jric.e2.aper.E2apFrame> frames = new LinkedBlockingQueue<>();
    final AtomicLong framesReceived = new AtomicLong();
    /** Every PDU the RIC sent, in order (await consumes from {@code received}; this keeps them all). */
    final java.util.List<E2apPdu> all = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Status closedWith;
    volatile String undecodable;
    private final ManagedChannel channel;
    private final ClientCall<E2apAperFrame, E2apAperFrame> call;

    AperTestNode(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        call = channel.newCall(E2TerminationServiceGrpc.getConnectAperMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(E2apAperFrame frame) {
                framesReceived.incrementAndGet();
                try {
                    E2apAperCodec.Decoded d = E2apAperCodec.decode(frame.getAper().toByteArray());
                    frames.add(d.frame());
                    if (d.pdu() != null) {
                        all.add(d.pdu()); // first: a test woken by received sees it in all too
                        received.add(d.pdu());
                    }
                } catch (RuntimeException e) {
                    undecodable = "the RIC sent APER that does not decode: " + e;
                }
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                closedWith = status;
            }
        }, new Metadata());
        call.request(1);
    }

    synchronized void send(E2apPdu pdu) {
        sendBytes(E2apAperCodec.encode(pdu), 27);
    }

    synchronized void sendBytes(byte[] aper, int ppid) {
        call.sendMessage(E2apAperFrame.newBuilder().setAper(ByteString.copyFrom(aper)).setPayloadProtocolId(ppid).build());
    }

    boolean isReady() {
        return call.isReady();
    }

    E2apPdu await(Predicate<E2apPdu> what, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            E2apPdu p = received.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && what.test(p)) return p;
        }
        throw new AssertionError("no " + description + " from the RIC within 10 s");
    }

    io.jric.e2.aper.E2apFrame awaitFrame(Predicate<io.jric.e2.aper.E2apFrame> what, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            io.jric.e2.aper.E2apFrame f = frames.poll(100, TimeUnit.MILLISECONDS);
            if (f != null && what.test(f)) return f;
        }
        throw new AssertionError("no " + description + " from the RIC within 10 s");
    }

    @Override
    public void close() throws InterruptedException {
        call.cancel("test node closed", null);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
