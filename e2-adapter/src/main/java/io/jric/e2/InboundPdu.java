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
    /** A node-initiated procedure the model has no message for, decoded and prepared by the APER edge; else null. */
    final NodeProcedure nodeProcedure;

    /** What the association does for a node-initiated procedure the edge took (the model has no message for it). */
    enum Kind {
        /** E2 Removal: send the answer, then release the association as a peer close would. */
        E2_REMOVAL,
        /** RIC Subscription Delete Required: delete each listed subscription the normal way (no answer: class 2). */
        SUBSCRIPTION_DELETE_REQUIRED,
        /** RIC Subscription Modification Required: send the refusal the edge made (jRIC does not modify subscriptions). */
        SUBSCRIPTION_MODIFICATION_REFUSED
    }

    /** One subscription the node asks the RIC to delete, with its cause in words. */
    record SubscriptionRef(io.jric.proto.e2.v1.RicRequestId requestId, int ranFunctionId, String cause) {
    }

    /**
     * A node-initiated procedure: its kind, the APER answer to send as it is (null: none), the procedure code
     * (the answer goes on the stream the request came on), the subscriptions it names and a description for logs.
     */
    record NodeProcedure(Kind kind, byte[] answer, int procedureCode, java.util.List<SubscriptionRef> subscriptions,
                         String description) {
    }

    private InboundPdu(E2apPdu pdu, String parseError) {
        this(pdu, parseError, null);
    }

    private InboundPdu(E2apPdu pdu, String parseError, E2apPdu errorAnswer) {
        this(pdu, parseError, errorAnswer, null);
    }

    private InboundPdu(E2apPdu pdu, String parseError, E2apPdu errorAnswer, NodeProcedure nodeProcedure) {
        this.pdu = pdu;
        this.parseError = parseError;
        this.errorAnswer = errorAnswer;
        this.nodeProcedure = nodeProcedure;
    }

    static InboundPdu nodeProcedure(NodeProcedure p) {
        return new InboundPdu(null, null, null, p);
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
