package io.jric.sim;

import io.grpc.Channel;
import io.grpc.stub.ClientResponseObserver;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.sm.E2smException;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apAperFrame;
import io.jric.proto.e2.v1.E2apPdu;
import java.util.ArrayList;
import java.util.List;

/**
 * How one association's PDUs travel (package-private): which rpc opens the stream and what the
 * messages on it are. The node's logic always works on the protobuf {@link E2apPdu}; a wire turns
 * it into its messages and back.
 *
 * <ul>
 *   <li>{@link Protobuf}: {@code E2TerminationService/Connect}, the PDU as it is;</li>
 *   <li>{@link Aper}: {@code E2TerminationService/ConnectAper}, each PDU an APER E2AP-PDU in an
 *       {@link E2apAperFrame} with a PPID and stream, through an {@link AperNodeEdge}.</li>
 * </ul>
 *
 * @param <W> the message type of the stream
 */
interface E2Wire<W> {
    /** What an inbound message gave: the PDU for the node's logic, or null with replies and the problem. */
    record Inbound<W>(E2apPdu pdu, List<W> replies, String problem) {}

    /** Opens the stream on {@code channel}. */
    void open(Channel channel, ClientResponseObserver<W, W> observer);

    /**
     * The messages carrying {@code pdu} (usually one; none or several where the E2SM translation says so).
     *
     * @throws E2smException the E2SM payloads do not translate
     * @throws AperException the PDU has no encoding on this wire
     */
    List<W> encode(E2apPdu pdu) throws E2smException;

    /** An inbound message; called on the stream's thread, the replies of its handling follow on the same thread. */
    Inbound<W> decode(W message);

    /** The handling of the message last given to {@link #decode} on this thread is over. */
    default void decoded() {
    }

    /** The association ended. */
    default void closed() {
    }

    /** A short name for logs. */
    String name();

    /** jRIC's protobuf model, unchanged. */
    final class Protobuf implements E2Wire<E2apPdu> {
        static final Protobuf INSTANCE = new Protobuf();

        @Override
        public void open(Channel channel, ClientResponseObserver<E2apPdu, E2apPdu> observer) {
            E2TerminationServiceGrpc.newStub(channel).connect(observer);
        }

        @Override
        public List<E2apPdu> encode(E2apPdu pdu) {
            return List.of(pdu);
        }

        @Override
        public Inbound<E2apPdu> decode(E2apPdu message) {
            return new Inbound<>(message, List.of(), null);
        }

        @Override
        public String name() {
            return "protobuf";
        }
    }

    /**
     * APER E2AP-PDUs in frames. Outbound frames go on stream 0, except the answers given while an
     * inbound frame is handled, which go on that frame's stream (as an SCTP node answers on the stream
     * of the request).
     */
    final class Aper implements E2Wire<E2apAperFrame> {
        private final AperNodeEdge edge;
        private final long ppid;
        private final ThreadLocal<Integer> inboundStream = new ThreadLocal<>();

        Aper(AperNodeEdge edge, long ppid) {
            this.edge = edge;
            this.ppid = ppid;
        }

        AperNodeEdge edge() {
            return edge;
        }

        @Override
        public void open(Channel channel, ClientResponseObserver<E2apAperFrame, E2apAperFrame> observer) {
            E2TerminationServiceGrpc.newStub(channel).connectAper(observer);
        }

        @Override
        public List<E2apAperFrame> encode(E2apPdu pdu) throws E2smException {
            List<byte[]> pdus = edge.outbound(pdu);
            List<E2apAperFrame> out = new ArrayList<>(pdus.size());
            for (byte[] b : pdus) out.add(frame(b));
            return out;
        }

        private E2apAperFrame frame(byte[] aper) {
            Integer s = inboundStream.get();
            return E2apAperFrame.newBuilder().setAper(com.google.protobuf.ByteString.copyFrom(aper))
                    .setPayloadProtocolId((int) ppid).setStream(s == null ? 0 : s).build();
        }

        @Override
        public Inbound<E2apAperFrame> decode(E2apAperFrame message) {
            inboundStream.set(message.getStream());
            AperNodeEdge.Inbound in = edge.inbound(message.getAper().toByteArray());
            List<E2apAperFrame> replies = new ArrayList<>(in.replies().size());
            for (byte[] b : in.replies()) replies.add(frame(b));
            return new Inbound<>(in.pdu(), replies, in.problem());
        }

        @Override
        public void decoded() {
            inboundStream.remove();
        }

        @Override
        public void closed() {
            edge.close();
        }

        @Override
        public String name() {
            return "aper (PPID " + ppid + ")";
        }
    }
}
