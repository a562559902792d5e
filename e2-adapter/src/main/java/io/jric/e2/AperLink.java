package io.jric.e2;

import io.jric.proto.e2.v1.E2apPdu;

/**
 * An association's link to a node that speaks APER: PDUs of the model go through the association's
 * {@link AperEdge} and leave as frames on a {@link FrameSink} (a gRPC frame stream or an SCTP association).
 */
final class AperLink implements E2Link {
    /** Where APER frames go, with the flow control of the transport under it. */
    interface FrameSink {
        void send(byte[] aper, int ppid, int stream);

        boolean isReady();

        void request(int n);

        void onReady(Runnable handler);

        void onCancel(Runnable handler);

        void fail(io.grpc.Status status);

        void complete();
    }

    /** E2AP's SCTP payload protocol id (IANA: 70 E2-CP); used until the node has sent its own. */
    static final int DEFAULT_PPID = 70;

    private final AperEdge edge;
    private final FrameSink sink;

    AperLink(AperEdge edge, FrameSink sink) {
        this.edge = edge;
        this.sink = sink;
    }

    AperEdge edge() {
        return edge;
    }

    @Override
    public void send(E2apPdu pdu) {
        byte[] aper = edge.toNode(pdu);
        if (aper == null) return;
        sink.send(aper, edge.ppid(DEFAULT_PPID), edge.streamFor(pdu));
    }

    @Override
    public void sendFrame(byte[] aper, int procedureCode) {
        sink.send(aper, edge.ppid(DEFAULT_PPID), edge.streamForProcedure(procedureCode));
    }

    @Override public boolean isReady() { return sink.isReady(); }
    /** APER is a little more compact than protobuf for the same content: the protobuf size bounds it well enough. */
    @Override public int size(E2apPdu pdu) { return pdu.getSerializedSize(); }
    @Override public void request(int n) { sink.request(n); }
    @Override public void onReady(Runnable handler) { sink.onReady(handler); }
    @Override public void onCancel(Runnable handler) { sink.onCancel(handler); }
    @Override public void fail(io.grpc.Status status) { sink.fail(status); }
    @Override public void complete() { sink.complete(); }
    @Override public String describe() { return edge.describe(); }
    @Override public String serviceModelVersion(int ranFunctionId) { return edge.serviceModelVersion(ranFunctionId); }
}
