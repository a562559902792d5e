package io.jric.e2;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.jric.api.e2.ServiceModels;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.GlobalE2NodeGnbId;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.GlobalGnbId;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A scripted E2 node for protocol tests: sends exactly the bytes a test asks for (also bytes
 * that are no E2AP PDU at all) over a real gRPC stream and queues what the RIC sends back.
 */
final class TestNode implements AutoCloseable {
    static final PlmnIdentity PLMN = E2Ids.plmn("001", "01");

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };
    static final MethodDescriptor<byte[], E2apPdu> RAW_CONNECT = E2TerminationServiceGrpc.getConnectMethod()
            .toBuilder(BYTES, ProtoUtils.marshaller(E2apPdu.getDefaultInstance())).build();

    final LinkedBlockingQueue<E2apPdu> received = new LinkedBlockingQueue<>();
    volatile Status closedWith;
    private final ManagedChannel channel;
    private final ClientCall<byte[], E2apPdu> call;

    TestNode(int port) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        call = channel.newCall(RAW_CONNECT, CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(E2apPdu message) {
                received.add(message);
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
        call.sendMessage(pdu.toByteArray());
    }

    synchronized void sendBytes(byte[] bytes) {
        call.sendMessage(bytes);
    }

    /** The next PDU from the RIC that matches, skipping others; fails after the timeout. */
    E2apPdu await(Predicate<E2apPdu> what, String description) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            E2apPdu p = received.poll(100, TimeUnit.MILLISECONDS);
            if (p != null && what.test(p)) return p;
        }
        throw new AssertionError("no " + description + " from the RIC within 10 s");
    }

    /** Nothing matching arrives within the given time. */
    E2apPdu poll(Predicate<E2apPdu> what, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            E2apPdu p = received.poll(10, TimeUnit.MILLISECONDS);
            if (p != null && what.test(p)) return p;
        }
        return null;
    }

    void halfClose() {
        call.halfClose();
    }

    @Override
    public void close() throws InterruptedException {
        call.cancel("test node closed", null);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- PDU builders

    static GlobalE2NodeId gnb(long gnbId) {
        return GlobalE2NodeId.newBuilder().setGnb(GlobalE2NodeGnbId.newBuilder().setGlobalGnbId(
                GlobalGnbId.newBuilder().setPlmnIdentity(PLMN).setGnbId(BitString.newBuilder().setValue(gnbId).setLength(22))))
                .build();
    }

    static NrCgi cell(long nci) {
        return NrCgi.newBuilder().setPlmnIdentity(PLMN.getValue()).setNrCellIdentity(nci).build();
    }

    static E2apPdu setup(GlobalE2NodeId id, long... ncis) {
        KpmRanFunctionDefinition.Builder kpm = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM");
        for (long n : ncis) kpm.addCells(cell(n));
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                E2SetupRequest.newBuilder().setTransactionId(1).setGlobalE2NodeId(id)
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(2).setRanFunctionRevision(1)
                                .setRanFunctionOid(ServiceModels.KPM_OID).setRanFunctionDefinition(kpm.build().toByteString()))
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(3).setRanFunctionRevision(1)
                                .setRanFunctionOid(ServiceModels.RC_OID)))).build();
    }

    static E2apPdu indication(RicRequestId rid, int ranFunction, long nci, float prbDl, long ts) {
        KpmIndicationHeader h = KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(ts).build();
        KpmIndicationMessage m = KpmIndicationMessage.newBuilder()
                .addCells(CellMeasurement.newBuilder().setCell(cell(nci)).setPrbUsedDlPct(prbDl).setActiveUes(7))
                .build();
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRicRequestId(rid).setRanFunctionId(ranFunction).setRicActionId(1)
                        .setRicIndicationHeader(h.toByteString()).setRicIndicationMessage(m.toByteString()))).build();
    }

    static E2apPdu rawIndication(RicRequestId rid, int ranFunction, ByteString header, ByteString message) {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRicRequestId(rid).setRanFunctionId(ranFunction).setRicActionId(1)
                        .setRicIndicationHeader(header).setRicIndicationMessage(message))).build();
    }
}
