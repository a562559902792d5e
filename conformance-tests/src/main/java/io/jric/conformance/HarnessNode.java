package io.jric.conformance;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apPdu;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * An emulated E2 node played by the harness: one association ({@code E2TerminationService/Connect})
 * to the RIC under test. Sends whatever octets a case asks for, also octets that are no E2AP PDU,
 * and keeps what the RIC sends back.
 */
final class HarnessNode extends E2Endpoint {
    /** Client side of Connect that sends raw octets and parses what comes back as E2AP PDUs. */
    private static final MethodDescriptor<byte[], E2apPdu> CONNECT_RAW = E2TerminationServiceGrpc.getConnectMethod()
            .toBuilder(new OctetsMarshaller(), ProtoUtils.marshaller(E2apPdu.getDefaultInstance())).build();

    private final ManagedChannel channel;
    private final ClientCall<byte[], E2apPdu> call;

    HarnessNode(String host, int port, String label, CaseContext ctx) {
        super(label, ctx);
        channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
        call = channel.newCall(CONNECT_RAW, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(E2apPdu message) {
                inbox.add(message);
                call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                inbox.closed("gRPC status " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
            }
        }, new Metadata());
        call.request(1);
    }

    @Override
    synchronized void send(E2apPdu pdu) {
        recordSent(pdu);
        call.sendMessage(pdu.toByteArray());
    }

    /** Sends octets as one gRPC message, whatever they are. */
    synchronized void sendOctets(byte[] octets, String description) {
        CaseContext c = ctx();
        if (c != null) c.sent(label + ": " + description + " (octets " + HexFormat.of().formatHex(octets) + ")");
        call.sendMessage(octets);
    }

    /** Ends the association as a node losing it would: the stream is cancelled. */
    @Override
    public void close() {
        try {
            call.cancel("conformance harness closed the association", null);
        } catch (RuntimeException ignored) {
            // already closed
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class OctetsMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
