package io.jric.e2;

import io.jric.proto.e2.v1.E2apPdu;

/**
 * What an {@link Association} needs of its transport: send PDUs of the E2AP model, read with
 * credit-based flow control, and close. Implementations: the protobuf gRPC stream
 * ({@link GrpcLink}) and the APER edge ({@link AperLink}) over a gRPC frame stream or SCTP.
 */
interface E2Link {
    /** Sends one PDU; may throw if the transport already failed. */
    void send(E2apPdu pdu);

    /** False while the transport holds unsent bytes beyond its window (the peer is not reading). */
    boolean isReady();

    /** Bytes the PDU takes on this transport (for the outbound bound; an estimate is fine). */
    int size(E2apPdu pdu);

    /** Allows n more inbound PDUs to be delivered. */
    void request(int n);

    void onReady(Runnable handler);

    /** Called when the peer goes away without closing (cancel, reset). */
    void onCancel(Runnable handler);

    /** Closes with an error status. */
    void fail(io.grpc.Status status);

    /** Closes normally. */
    void complete();

    /** "E2AP (jRIC protobuf) over gRPC", "E2AP v03.01 APER over SCTP", ... */
    String describe();

    /** The service model and version the node speaks for a RAN function ("E2SM-KPM v03.00"), null for jRIC's protobuf E2SM. */
    default String serviceModelVersion(int ranFunctionId) {
        return null;
    }

    /**
     * Sends a complete APER E2AP-PDU as it is (an answer the APER edge made to a procedure the model has no
     * message for), on the stream the procedure's request came on. Only links to APER nodes have such answers.
     */
    default void sendFrame(byte[] aper, int procedureCode) {
        throw new UnsupportedOperationException("not an APER link");
    }
}
