package io.jric.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
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
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicIndicationType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NeighbourMeasurement;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lightweight E2 node for load: E2 Setup, admits any subscription, then (when flooding) sends
 * pre-built KPM indications as fast as gRPC flow control allows; acknowledges every control at once.
 * Measures the RIC, not a radio model.
 */
final class LoadNode implements AutoCloseable {
    private static final PlmnIdentity PLMN = E2Ids.plmn("001", "01");

    private final ManagedChannel channel;
    private final int cells;
    private final ByteString[] messages;
    private int nextMessage;
    private final CompletableFuture<Void> setUp = new CompletableFuture<>();
    private final CompletableFuture<RicRequestId> subscribed = new CompletableFuture<>();
    private final AtomicLong sent = new AtomicLong();
    private final long gnbId;
    private volatile ClientCallStreamObserver<E2apPdu> out;
    private volatile boolean flooding;
    private volatile RicRequestId subscription;
    private long ts = 1_700_000_000_000L;
    /**
     * Send time ({@link System#nanoTime()}) of recent indications, by collection timestamp; kept only when the harness
     * asks ({@link #keepSendTimes}: the loop bench), as it is 512 KiB a node (half a GiB for the scale bench's 1,000).
     */
    private volatile long[] sentAt;
    /** Where the send times also go for a RIC in another process (ric bench scale), or null. */
    private volatile SendTimes shared;
    private int sharedIndex;

    /**
     * @param uesPerIndication UEs in each indication
     * @param uePopulation UEs of this node; successive indications report successive slices of them,
     *     so the grid sees distinct UE keys (no coalescing of repeated keys within a write batch)
     */
    LoadNode(int port, long gnbId, int cells, int uesPerIndication, int uePopulation) {
        this.gnbId = gnbId;
        this.cells = cells;
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
        int slices = Math.max(1, uePopulation / Math.max(1, uesPerIndication));
        this.messages = new ByteString[slices];
        for (int slice = 0; slice < slices; slice++) {
            messages[slice] = message(cells, uesPerIndication, slice * uesPerIndication);
        }
    }

    ByteString message(int cells, int uesPerIndication, int firstUe) {
        KpmIndicationMessage.Builder m = KpmIndicationMessage.newBuilder();
        for (int c = 0; c < cells; c++) {
            m.addCells(CellMeasurement.newBuilder().setCell(cell(c)).setPrbUsedDlPct(40 + c).setPrbUsedUlPct(20)
                    .setThroughputDlMbps(120).setThroughputUlMbps(30).setActiveUes(uesPerIndication / cells)
                    .setTxPowerDbm(43).setEnergyWh(0.2f).setAvgCqi(11).setAvgSinrDb(14));
        }
        for (int u = 0; u < uesPerIndication; u++) {
            UeMeasurement.Builder ue = UeMeasurement.newBuilder().setUeId(gnbId * 1_000_000 + firstUe + u).setServingCell(cell(u % cells))
                    .setRsrpDbm(-90).setRsrqDb(-10).setSinrDb(12).setCqi(10).setThroughputDlMbps(4).setPrbUsedDl(3);
            for (int n = 0; n < 3; n++) {
                ue.addNeighbours(NeighbourMeasurement.newBuilder().setCell(cell((u + n + 1) % cells)).setRsrpDbm(-100 - n));
            }
            m.addUes(ue);
        }
        return m.build().toByteString();
    }

    NrCgi cell(int c) {
        return NrCgi.newBuilder().setPlmnIdentity(PLMN.getValue()).setNrCellIdentity((gnbId << 14) | c).build();
    }

    GlobalE2NodeId globalId() {
        return globalId(gnbId);
    }

    /** The E2 node id of the load node with this gNB id (what the RIC calls it). */
    static String nodeIdOf(long gnbId) {
        return E2Ids.nodeId(globalId(gnbId));
    }

    private static GlobalE2NodeId globalId(long gnbId) {
        return GlobalE2NodeId.newBuilder().setGnb(GlobalE2NodeGnbId.newBuilder().setGlobalGnbId(GlobalGnbId.newBuilder()
                .setPlmnIdentity(PLMN).setGnbId(BitString.newBuilder().setValue(gnbId).setLength(22)))).build();
    }

    String nodeId() {
        return E2Ids.nodeId(globalId());
    }

    String cellId(int c) {
        return E2Ids.cellId(cell(c));
    }

    int recordsPerIndication() {
        return KpmIndicationMessageCounts.records(messages[0]);
    }

    CompletableFuture<Void> connect() {
        E2TerminationServiceGrpc.newStub(channel).connect(new ClientResponseObserver<E2apPdu, E2apPdu>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<E2apPdu> requestStream) {
                out = requestStream;
                requestStream.setOnReadyHandler(LoadNode.this::pump);
            }

            @Override
            public void onNext(E2apPdu pdu) {
                handle(pdu);
            }

            @Override
            public void onError(Throwable t) {
                setUp.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {}
        });
        KpmRanFunctionDefinition.Builder def = KpmRanFunctionDefinition.newBuilder();
        for (int c = 0; c < cells; c++) def.addCells(cell(c));
        send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                E2SetupRequest.newBuilder().setTransactionId(1).setGlobalE2NodeId(globalId())
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(2).setRanFunctionRevision(1)
                                .setRanFunctionOid("1.3.6.1.4.1.53148.1.2.2.2").setRanFunctionDefinition(def.build().toByteString()))
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(3).setRanFunctionRevision(1)
                                .setRanFunctionOid("1.3.6.1.4.1.53148.1.1.2.3")))).build());
        return setUp;
    }

    CompletableFuture<RicRequestId> subscribed() {
        return subscribed;
    }

    private synchronized void send(E2apPdu pdu) {
        out.onNext(pdu);
    }

    private void handle(E2apPdu pdu) {
        if (pdu.hasSuccessfulOutcome() && pdu.getSuccessfulOutcome().hasE2SetupResponse()) {
            setUp.complete(null);
        } else if (pdu.hasUnsuccessfulOutcome()) {
            setUp.completeExceptionally(new IllegalStateException("E2 Setup failed: " + pdu));
        } else if (pdu.hasInitiatingMessage() && pdu.getInitiatingMessage().hasRicSubscriptionRequest()) {
            var r = pdu.getInitiatingMessage().getRicSubscriptionRequest();
            send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicSubscriptionResponse(
                    RicSubscriptionResponse.newBuilder().setRicRequestId(r.getRicRequestId())
                            .setRanFunctionId(r.getRanFunctionId()).addRicActionsAdmitted(1))).build());
            subscription = r.getRicRequestId();
            subscribed.complete(r.getRicRequestId());
        } else if (pdu.hasInitiatingMessage() && pdu.getInitiatingMessage().hasRicControlRequest()) {
            var r = pdu.getInitiatingMessage().getRicControlRequest();
            noteControlArrival(r.getRicControlMessage());
            send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(
                    RicControlAcknowledge.newBuilder().setRicRequestId(r.getRicRequestId())
                            .setRanFunctionId(r.getRanFunctionId()))).build());
        }
    }

    /** Records how long the control took from the xApp's call to this node (the loop benchmark's breakdown). */
    private void noteControlArrival(com.google.protobuf.ByteString message) {
        try {
            var m = io.jric.proto.e2sm.rc.v1.RcControlMessage.parseFrom(message);
            if (!m.hasTxPower()) return;
            Long asked = LoopXapp.ASKED.remove(nodeId() + "|" + E2Ids.cellId(m.getTxPower().getCell()));
            if (asked != null) LoopXapp.CONTROL_OUT.record(System.nanoTime() - asked);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            // not ours to judge here; the RIC's control path is what is measured
        }
    }

    void flood(boolean on) {
        flooding = on;
        if (on) channel.getState(false); // nudge; the ready handler does the work
        if (on) pump();
    }

    private void pump() {
        ClientCallStreamObserver<E2apPdu> o = out;
        if (o == null || subscription == null) return;
        synchronized (this) {
            while (flooding && o.isReady()) o.onNext(nextIndication());
        }
    }

    /** The next indication (caller holds the lock): a new collection timestamp, its send time noted. */
    private E2apPdu nextIndication() {
        ts += 1;
        long now = System.nanoTime();
        long[] mine = sentAt;
        if (mine != null) mine[(int) (ts & 0xFFFF)] = now;
        SendTimes st = shared;
        if (st != null) st.record(sharedIndex, ts, now);
        E2apPdu pdu = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRicRequestId(subscription).setRanFunctionId(2).setRicActionId(1)
                        .setRicIndicationType(RicIndicationType.RIC_INDICATION_TYPE_REPORT)
                        .setRicIndicationHeader(KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(ts)
                                .build().toByteString())
                        .setRicIndicationMessage(messages[nextMessage]))).build();
        nextMessage = (nextMessage + 1) % messages.length;
        sent.incrementAndGet();
        return pdu;
    }

    long sent() {
        return sent.get();
    }

    /**
     * Sends one indication now (paced load); false when not subscribed yet or gRPC flow control
     * says the transport is full.
     */
    boolean sendOne() {
        ClientCallStreamObserver<E2apPdu> o = out;
        if (o == null || subscription == null) return false;
        synchronized (this) {
            if (!o.isReady()) return false;
            o.onNext(nextIndication());
            return true;
        }
    }

    /** Keeps the send times of the last 65,536 indications for {@link #sentAt}. */
    void keepSendTimes() {
        sentAt = new long[1 << 16];
    }

    /** Also notes each send time in {@code st} as node number {@code index} (for a RIC in another process). */
    void shareSendTimes(SendTimes st, int index) {
        this.sharedIndex = index;
        this.shared = st;
    }

    /** When the indication with this collection timestamp left the node ({@link System#nanoTime()}). */
    long sentAt(long collectionTs) {
        long[] mine = sentAt;
        return mine == null ? 0 : mine[(int) (collectionTs & 0xFFFF)];
    }

    @Override
    public void close() throws InterruptedException {
        flooding = false;
        try {
            out.onCompleted();
        } catch (RuntimeException ignored) {
            // already closed
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Counts the records of a KPM message. */
    static final class KpmIndicationMessageCounts {
        static int records(ByteString message) {
            try {
                KpmIndicationMessage m = KpmIndicationMessage.parseFrom(message);
                return m.getCellsCount() + m.getUesCount();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
