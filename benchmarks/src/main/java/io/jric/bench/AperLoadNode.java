package io.jric.bench;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.e2.aper.sm.E2smException;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apAperFrame;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.E2NodeComponentConfigItem;
import io.jric.proto.e2.v1.E2NodeComponentInterfaceType;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicIndicationType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.rc.v1.RcControlActionDefinition;
import io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition;
import io.jric.sim.AperNodeEdge;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load node of {@link LoadNode}, speaking APER as a real node does (ConnectAper: E2AP v03.01 and
 * E2SM-KPM v03.00 / E2SM-RC v05.00 in APER, through the simulator's node-side edge). The indications are
 * translated and encoded before the flood (a ring of distinct collection times per UE slice), so the
 * flood measures the RIC's APER decode, E2SM mapping and ingest, not the node's encoder.
 */
final class AperLoadNode implements AutoCloseable {
    private static final int RING = 2048;

    private final LoadNode shape;
    private final int cells;
    private final int ues;
    private final int population;
    private final ManagedChannel channel;
    private final AperNodeEdge edge;
    private final CompletableFuture<Void> setUp = new CompletableFuture<>();
    private final CompletableFuture<RicRequestId> subscribed = new CompletableFuture<>();
    private volatile ClientCall<E2apAperFrame, E2apAperFrame> call;
    private volatile List<List<ByteString>> ring;
    private int next;
    private volatile boolean flooding;
    private long sent;

    AperLoadNode(int port, long gnbId, int cells, int uesPerIndication, int uePopulation) {
        this.shape = new LoadNode(port, gnbId, cells, 1, 1);
        this.cells = cells;
        this.ues = uesPerIndication;
        this.population = uePopulation;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        this.edge = new AperNodeEdge("load-" + gnbId, AperNodeEdge.kpmVersion(AperNodeEdge.DEFAULT_KPM_VERSION));
    }

    String nodeId() {
        return shape.nodeId();
    }

    String cellId(int c) {
        return shape.cellId(c);
    }

    CompletableFuture<Void> connect() throws E2smException {
        call = channel.newCall(E2TerminationServiceGrpc.getConnectAperMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onMessage(E2apAperFrame frame) {
                handle(frame.getAper().toByteArray());
                call.request(1);
            }

            @Override
            public void onReady() {
                pump();
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                setUp.completeExceptionally(status.asRuntimeException());
            }
        }, new Metadata());
        call.request(1);
        KpmRanFunctionDefinition.Builder kpm = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM");
        for (int c = 0; c < cells; c++) kpm.addCells(shape.cell(c));
        RcRanFunctionDefinition rc = RcRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-RC")
                .addControlActions(RcControlActionDefinition.newBuilder().setRicStyleType(255).setControlActionId(1)
                        .setControlActionName("Tx Power")).build();
        send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                E2SetupRequest.newBuilder().setTransactionId(1).setGlobalE2NodeId(shape.globalId())
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(2).setRanFunctionRevision(1)
                                .setRanFunctionOid("1.3.6.1.4.1.53148.1.2.2.2").setRanFunctionDefinition(kpm.build().toByteString()))
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(3).setRanFunctionRevision(1)
                                .setRanFunctionOid("1.3.6.1.4.1.53148.1.1.2.3").setRanFunctionDefinition(rc.toByteString()))
                        .addComponentConfigAddition(E2NodeComponentConfigItem.newBuilder()
                                .setInterfaceType(E2NodeComponentInterfaceType.E2_NODE_COMPONENT_INTERFACE_TYPE_NG)
                                .setComponentId("amf1")))).build());
        return setUp;
    }

    CompletableFuture<RicRequestId> subscribed() {
        return subscribed;
    }

    private synchronized void send(E2apPdu pdu) throws E2smException {
        for (byte[] b : edge.outbound(pdu)) sendFrame(ByteString.copyFrom(b));
    }

    private void sendFrame(ByteString b) {
        call.sendMessage(E2apAperFrame.newBuilder().setAper(b).setPayloadProtocolId(27).build());
    }

    private void handle(byte[] frame) {
        try {
            AperNodeEdge.Inbound in = edge.inbound(frame);
            for (byte[] r : in.replies()) synchronized (this) { sendFrame(ByteString.copyFrom(r)); }
            if (!in.decoded()) return;
            E2apPdu pdu = in.pdu();
            if (pdu.hasSuccessfulOutcome() && pdu.getSuccessfulOutcome().hasE2SetupResponse()) {
                setUp.complete(null);
            } else if (pdu.hasUnsuccessfulOutcome()) {
                setUp.completeExceptionally(new IllegalStateException("E2 Setup failed: " + pdu));
            } else if (pdu.hasInitiatingMessage() && pdu.getInitiatingMessage().hasRicSubscriptionRequest()) {
                var r = pdu.getInitiatingMessage().getRicSubscriptionRequest();
                RicSubscriptionResponse.Builder resp = RicSubscriptionResponse.newBuilder().setRicRequestId(r.getRicRequestId())
                        .setRanFunctionId(r.getRanFunctionId());
                List<Integer> actions = new ArrayList<>();
                for (RicActionToBeSetupItem a : r.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
                    resp.addRicActionsAdmitted(a.getRicActionId());
                    actions.add(a.getRicActionId());
                }
                send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicSubscriptionResponse(resp)).build());
                ring = prebuild(r.getRicRequestId(), actions);
                subscribed.complete(r.getRicRequestId());
            } else if (pdu.hasInitiatingMessage() && pdu.getInitiatingMessage().hasRicControlRequest()) {
                var r = pdu.getInitiatingMessage().getRicControlRequest();
                send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(
                        RicControlAcknowledge.newBuilder().setRicRequestId(r.getRicRequestId())
                                .setRanFunctionId(r.getRanFunctionId()))).build());
            }
        } catch (E2smException | RuntimeException e) {
            setUp.completeExceptionally(e);
            subscribed.completeExceptionally(e);
        }
    }

    /** RING collection times, each with the APER frames of every action for one UE slice. */
    private List<List<ByteString>> prebuild(RicRequestId id, List<Integer> actions) throws E2smException {
        int slices = Math.max(1, population / Math.max(1, ues));
        ByteString[] messages = new ByteString[slices];
        for (int s = 0; s < slices; s++) messages[s] = shape.message(cells, ues, s * ues);
        List<List<ByteString>> out = new ArrayList<>(RING);
        long ts = 1_700_000_000_000L;
        for (int i = 0; i < RING; i++) {
            List<ByteString> frames = new ArrayList<>();
            ByteString header = KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(ts + i * 1000L).build().toByteString();
            for (int a : actions) {
                E2apPdu ind = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                        RicIndication.newBuilder().setRicRequestId(id).setRanFunctionId(2).setRicActionId(a)
                                .setRicIndicationType(RicIndicationType.RIC_INDICATION_TYPE_REPORT)
                                .setRicIndicationHeader(header).setRicIndicationMessage(messages[i % slices]))).build();
                for (byte[] b : edge.outbound(ind)) frames.add(ByteString.copyFrom(b));
            }
            out.add(frames);
        }
        return out;
    }

    void flood(boolean on) {
        flooding = on;
        if (on) pump();
    }

    private void pump() {
        List<List<ByteString>> r = ring;
        ClientCall<E2apAperFrame, E2apAperFrame> c = call;
        if (r == null || c == null) return;
        synchronized (this) {
            while (flooding && c.isReady()) {
                for (ByteString f : r.get(next)) sendFrame(f);
                next = (next + 1) % r.size();
                sent++;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        flooding = false;
        try {
            call.halfClose();
        } catch (RuntimeException ignored) {
            // already closed
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        shape.close();
    }
}
