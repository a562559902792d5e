package io.jric.e2;

import io.grpc.stub.ServerCallStreamObserver;
import io.jric.proto.e2.v1.E2apPdu;

/** The protobuf E2AP stream ({@code E2TerminationService.Connect}). */
final class GrpcLink implements E2Link {
    private final ServerCallStreamObserver<E2apPdu> out;

    GrpcLink(ServerCallStreamObserver<E2apPdu> out) {
        this.out = out;
        out.disableAutoRequest();
    }

    @Override public void send(E2apPdu pdu) { out.onNext(pdu); }
    @Override public boolean isReady() { return out.isReady(); }
    @Override public int size(E2apPdu pdu) { return pdu.getSerializedSize(); }
    @Override public void request(int n) { out.request(n); }
    @Override public void onReady(Runnable handler) { out.setOnReadyHandler(handler); }
    @Override public void onCancel(Runnable handler) { out.setOnCancelHandler(handler); }
    @Override public void fail(io.grpc.Status status) { out.onError(status.asRuntimeException()); }
    @Override public void complete() { out.onCompleted(); }
    @Override public String describe() { return "E2AP (jRIC protobuf) over gRPC"; }
}
