package io.jric.conformance;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.sm.E2smException;
import io.jric.proto.e2.v1.E2NodeComponentConfigItem;
import io.jric.proto.e2.v1.E2NodeComponentInterfaceType;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apAperFrame;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.sim.AperNodeEdge;
import io.jric.sim.E2Encoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An emulated E2 node played by the harness: one association to the RIC under test, over
 * {@code E2TerminationService/Connect} (protobuf) or, with {@link E2Encoding#APER},
 * {@code ConnectAper}: then every PDU goes through the simulator's node-side edge
 * ({@link AperNodeEdge}: E2SM payloads translated by the service models' node sides, then APER in an
 * {@link E2apAperFrame} with PPID {@value #APER_PPID} on stream 0) and what the RIC sends is decoded
 * back to the protobuf model the cases check. Sends whatever octets a case asks for, also octets that
 * are no E2AP PDU, and keeps what the RIC sends back.
 */
final class HarnessNode extends E2Endpoint {
    /** The PPID on the harness's APER frames (O-RAN SC e2sim's). */
    static final int APER_PPID = 27;

    /** Client side of Connect that sends raw octets and receives raw octets. */
    private static final MethodDescriptor<byte[], byte[]> CONNECT_RAW = E2TerminationServiceGrpc.getConnectMethod()
            .toBuilder(new OctetsMarshaller(), new OctetsMarshaller()).build();
    /** The same for ConnectAper (each message an E2apAperFrame). */
    private static final MethodDescriptor<byte[], byte[]> CONNECT_APER_RAW = E2TerminationServiceGrpc.getConnectAperMethod()
            .toBuilder(new OctetsMarshaller(), new OctetsMarshaller()).build();

    private final ManagedChannel channel;
    private final ClientCall<byte[], byte[]> call;
    /** Null for protobuf. */
    private final AperNodeEdge edge;
    /** Non-null over SCTP (then channel and call are null): one association, as a real node opens. */
    private final com.sun.nio.sctp.SctpChannel sctp;

    HarnessNode(String host, int port, String label, CaseContext ctx) {
        this(host, port, label, ctx, E2Encoding.PROTOBUF);
    }

    HarnessNode(String host, int port, String label, CaseContext ctx, E2Encoding encoding) {
        this(host, port, label, ctx, encoding, E2Transport.GRPC);
    }

    HarnessNode(String host, int port, String label, CaseContext ctx, E2Encoding encoding, E2Transport transport) {
        super(label, ctx);
        edge = encoding == E2Encoding.APER || transport == E2Transport.SCTP
                ? new AperNodeEdge(label, AperNodeEdge.kpmVersion(AperNodeEdge.DEFAULT_KPM_VERSION)) : null;
        if (transport == E2Transport.SCTP) {
            channel = null;
            call = null;
            sctp = openSctp(host, port);
            Thread reader = new Thread(this::readSctp, "harness-sctp-" + label);
            reader.setDaemon(true);
            reader.start();
            return;
        }
        sctp = null;
        channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
        call = channel.newCall(edge == null ? CONNECT_RAW : CONNECT_APER_RAW, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(byte[] message) {
                try {
                    received(message);
                } finally {
                    call.request(1);
                }
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                if (edge != null) edge.close();
                inbox.closed("gRPC status " + status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription()));
            }
        }, new Metadata());
        call.request(1);
    }

    private void received(byte[] message) {
        CaseContext c = ctx();
        try {
            if (edge == null) {
                inbox.add(E2apPdu.parseFrom(message));
                return;
            }
            E2apAperFrame frame = E2apAperFrame.parseFrom(message);
            receivedAper(frame.getAper().toByteArray(), frame.getPayloadProtocolId(), frame.getStream());
        } catch (InvalidProtocolBufferException e) {
            if (c != null) c.received(label + ": a message that is no " + (edge == null ? "E2apPdu" : "E2apAperFrame") + " ("
                    + message.length + " octets): " + e.getMessage());
        }
    }

    /** One APER E2AP-PDU from the RIC (from a ConnectAper frame or an SCTP message). */
    private void receivedAper(byte[] aper, int ppid, int stream) {
        CaseContext c = ctx();
        AperNodeEdge.Inbound in = edge.inbound(aper);
        if (in.pdu() != null) {
            inbox.add(in.pdu());
            return;
        }
        if (c != null) c.received(label + ": APER PDU (PPID " + ppid + ", stream " + stream
                + ") the harness node could not take: " + in.problem());
        for (byte[] reply : in.replies()) {
            if (c != null) c.sent(label + ": the node side's answer (APER " + HexFormat.of().formatHex(reply) + ")");
            synchronized (this) {
                sendAper(reply, stream);
            }
        }
    }

    /** Sends one APER E2AP-PDU: a ConnectAper frame, or one SCTP message with the harness's PPID. */
    private void sendAper(byte[] aper, int stream) {
        if (sctp == null) {
            call.sendMessage(frame(aper, stream));
            return;
        }
        try {
            sctp.send(java.nio.ByteBuffer.wrap(aper),
                    com.sun.nio.sctp.MessageInfo.createOutgoing(null, stream).payloadProtocolID(APER_PPID));
        } catch (IOException e) {
            throw new CaseFailure(label + ": SCTP send failed: " + e.getMessage());
        }
    }

    private com.sun.nio.sctp.SctpChannel openSctp(String host, int port) {
        try {
            return com.sun.nio.sctp.SctpChannel.open(new java.net.InetSocketAddress(host, port), 0, 0);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CaseFailure(label + ": no SCTP association to " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** Reads the SCTP association: each complete message is one APER E2AP-PDU (at most 1 MiB). */
    private void readSctp() {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 << 10);
        java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
        try {
            while (true) {
                buf.clear();
                com.sun.nio.sctp.MessageInfo info = sctp.receive(buf, null, null);
                if (info == null || info.bytes() < 0) break;
                buf.flip();
                if (partial.size() + buf.remaining() > (1 << 20)) {
                    throw new IOException("a message of more than 1 MiB");
                }
                partial.write(buf.array(), 0, buf.remaining());
                if (!info.isComplete()) continue;
                byte[] pdu = partial.toByteArray();
                partial.reset();
                receivedAper(pdu, info.payloadProtocolID(), info.streamNumber());
            }
            inbox.closed("SCTP association closed by the RIC");
        } catch (IOException | RuntimeException e) {
            inbox.closed("SCTP association lost: " + e.getMessage());
        }
    }

    private static byte[] frame(byte[] aper, int stream) {
        return E2apAperFrame.newBuilder().setAper(ByteString.copyFrom(aper)).setPayloadProtocolId(APER_PPID)
                .setStream(stream).build().toByteArray();
    }

    @Override
    synchronized void send(E2apPdu pdu) {
        recordSent(pdu);
        if (edge == null) {
            call.sendMessage(pdu.toByteArray());
            return;
        }
        if (pdu.getInitiatingMessage().hasE2SetupRequest()
                && pdu.getInitiatingMessage().getE2SetupRequest().getComponentConfigAdditionCount() == 0) {
            // E2AP v03 makes E2nodeComponentConfigAddition-List mandatory (SIZE(1..)): one NG component
            CaseContext c = ctx();
            if (c != null) c.note(label + ": in APER the E2SetupRequest carries one E2 node component (NG, ng-" + label
                    + "), which E2AP v03 requires");
            pdu = pdu.toBuilder().setInitiatingMessage(pdu.getInitiatingMessage().toBuilder().setE2SetupRequest(
                    pdu.getInitiatingMessage().getE2SetupRequest().toBuilder().addComponentConfigAddition(
                            E2NodeComponentConfigItem.newBuilder()
                                    .setInterfaceType(E2NodeComponentInterfaceType.E2_NODE_COMPONENT_INTERFACE_TYPE_NG)
                                    .setComponentId("ng-" + label)))).build();
        }
        List<byte[]> aper;
        try {
            aper = edge.outbound(pdu);
        } catch (E2smException e) {
            if (!pdu.getInitiatingMessage().hasRicIndication()) {
                throw new CaseFailure("the harness node could not write " + Pdus.name(pdu) + " in APER: " + e.getMessage());
            }
            // an indication the node side cannot translate (a case sends one for a subscription that does not
            // exist, or on the wrong RAN function): it goes out with its payloads as they are, for the RIC to refuse
            CaseContext c = ctx();
            if (c != null) c.note(label + ": RICindication sent with untranslated E2SM payloads (" + e.getMessage() + ")");
            aper = List.of(io.jric.e2.aper.E2apAperCodec.encode(pdu));
        } catch (AperException e) {
            throw new CaseFailure("the harness node could not write " + Pdus.name(pdu) + " in APER: " + e.getMessage());
        }
        for (byte[] a : aper) sendAper(a, 0);
    }

    /** Sends octets as one gRPC message (APER: as the E2AP-PDU of one frame), whatever they are. */
    synchronized void sendOctets(byte[] octets, String description) {
        CaseContext c = ctx();
        if (c != null) c.sent(label + ": " + description + " (octets " + HexFormat.of().formatHex(octets) + ")");
        if (edge == null) {
            call.sendMessage(octets);
        } else {
            sendAper(octets, 0);
        }
    }

    /** Ends the association as a node losing it would: the stream is cancelled. */
    @Override
    public void close() {
        if (sctp != null) {
            try {
                sctp.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            if (edge != null) edge.close();
            return;
        }
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
