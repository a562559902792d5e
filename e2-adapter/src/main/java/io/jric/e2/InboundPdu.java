package io.jric.e2;

import io.grpc.MethodDescriptor;
import io.jric.proto.e2.v1.E2apPdu;
import java.io.IOException;
import java.io.InputStream;

/**
 * An inbound message of the E2 stream: either a parsed E2AP PDU or the reason its bytes are not
 * one. The RIC parses the bytes itself (instead of letting gRPC fail the whole call) so that a
 * malformed PDU is answered with an Error Indication and the association lives on.
 */
final class InboundPdu {
    final E2apPdu pdu;
    final String parseError;
    /** With a parse error: the Error Indication to answer with (null: a transfer-syntax-error one). */
    final E2apPdu errorAnswer;

    private InboundPdu(E2apPdu pdu, String parseError) {
        this(pdu, parseError, null);
    }

    private InboundPdu(E2apPdu pdu, String parseError, E2apPdu errorAnswer) {
        this.pdu = pdu;
        this.parseError = parseError;
        this.errorAnswer = errorAnswer;
    }

    static InboundPdu of(E2apPdu pdu) {
        return new InboundPdu(pdu, null, null);
    }

    /** A PDU that cannot be taken: why, and the Error Indication to answer with (null: none, only counted). */
    static InboundPdu refused(String why, E2apPdu errorAnswer) {
        return new InboundPdu(null, why, errorAnswer);
    }

    /** Parses leniently: bad bytes become an {@link InboundPdu} with a parse error. */
    static final MethodDescriptor.Marshaller<InboundPdu> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InboundPdu value) {
            return value.pdu.toByteString().newInput();
        }

        @Override
        public InboundPdu parse(InputStream stream) {
            try {
                return new InboundPdu(E2apPdu.parseFrom(stream), null);
            } catch (IOException e) {
                return new InboundPdu(null, "E2AP-PDU does not decode: " + e.getMessage());
            }
        }
    };
}
