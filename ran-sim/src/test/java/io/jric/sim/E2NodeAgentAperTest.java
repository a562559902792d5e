package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.GlobalRicId;
import io.jric.proto.e2.v1.E2NodeComponentConfigAckItem;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.E2apAperFrame;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's node speaking APER over {@code ConnectAper}, against a fake RIC that decodes with
 * {@link E2apAperCodec}. E2SM-KPM is translated by a test-only family ({@link MarkingKpm}: it marks
 * payloads with a prefix on the way to APER and removes it on the way back, so the test sees every
 * translation); E2SM-RC has no family here and keeps its payloads as they are.
 */
class E2NodeAgentAperTest {
    private static final byte[] MARK = "APER:".getBytes(StandardCharsets.US_ASCII);

    private AperRic ric;
    private RanModel model;
    private E2NodeAgent agent;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        ric = new AperRic();
        model = new RanModel(SimConfig.builder().seed(5).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) agent.close();
        ric.close();
    }

    // ------------------------------------------------------------------ the test family

    static ByteString mark(ByteString proto) {
        return ByteString.copyFrom(MARK).concat(proto);
    }

    static ByteString unmark(ByteString aper) throws E2smException {
        if (!aper.startsWith(ByteString.copyFrom(MARK))) throw new E2smException("E2SM-KPM test: not marked: " + aper);
        return aper.substring(MARK.length);
    }

    /** E2SM-KPM in all versions; the node side marks what goes to the RIC and unmarks what comes from it. */
    final class MarkingKpm implements E2smFamilies.Family {
        @Override
        public String serviceModel() {
            return "E2SM-KPM";
        }

        @Override
        public boolean matches(String oid) {
            return E2NodeAgent.KPM_OID.equals(oid);
        }

        @Override
        public List<String> versions() {
            return List.of("v03.00", "v02.03");
        }

        @Override
        public RicSideFunction ricSide(ByteString aperDefinition) throws E2smException {
            throw new E2smException("test family: node side only");
        }

        @Override
        public NodeSideFunction nodeSide(String version) {
            calls.add("nodeSide " + version);
            return new NodeSideFunction() {
                @Override
                public String serviceModel() {
                    return "E2SM-KPM";
                }

                @Override
                public String version() {
                    return version;
                }

                @Override
                public ByteString definitionToAper(ByteString definitionProto) {
                    return mark(definitionProto);
                }

                @Override
                public RicSubscriptionRequest subscriptionFromRic(RicSubscriptionRequest request) throws E2smException {
                    calls.add("subscriptionFromRic " + request.getRicRequestId().getRicRequestorId());
                    RicSubscriptionDetails.Builder d = request.getRicSubscriptionDetails().toBuilder()
                            .setRicEventTriggerDefinition(unmark(request.getRicSubscriptionDetails().getRicEventTriggerDefinition()))
                            .clearRicActionsToBeSetup();
                    for (RicActionToBeSetupItem a : request.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
                        d.addRicActionsToBeSetup(a.toBuilder().setRicActionDefinition(unmark(a.getRicActionDefinition())));
                    }
                    return request.toBuilder().setRicSubscriptionDetails(d).build();
                }

                @Override
                public void subscriptionEnded(RicRequestId requestId) {
                    calls.add("subscriptionEnded " + requestId.getRicRequestorId());
                }

                /** Two APER indications per protobuf one, as a version that splits reports would send. */
                @Override
                public List<RicIndication> indicationToRic(RicIndication indication) {
                    RicIndication marked = indication.toBuilder().setRicIndicationHeader(mark(indication.getRicIndicationHeader()))
                            .setRicIndicationMessage(mark(indication.getRicIndicationMessage())).build();
                    return List.of(marked, marked);
                }
            };
        }
    }

    private E2smFamilies.Family families(String oid) {
        MarkingKpm kpm = new MarkingKpm();
        return kpm.matches(oid) ? kpm : null;
    }

    // ------------------------------------------------------------------ helpers

    private E2NodeAgent.Options.Builder options() {
        return E2NodeAgent.Options.builder().e2Encoding(E2Encoding.APER).epochBaseMs(1_700_000_000_000L).initialBackoffMs(50);
    }

    /** Starts the agent for gNB 1, answers its E2 Setup, returns the association. */
    private AperRic.Conn connect(E2NodeAgent.Options opts) throws Exception {
        agent = new E2NodeAgent(model, 1, opts, this::families);
        agent.connect("127.0.0.1", ric.port());
        AperRic.Conn conn = ric.nextConnection();
        E2apAperFrame setup = conn.nextFrame();
        E2SetupRequest req = E2apAperCodec.decode(setup.getAper().toByteArray()).pdu().getInitiatingMessage().getE2SetupRequest();
        E2apPdu accept = FakeRic.accept(req);
        accept = accept.toBuilder().setSuccessfulOutcome(accept.getSuccessfulOutcome().toBuilder().setE2SetupResponse(
                accept.getSuccessfulOutcome().getE2SetupResponse().toBuilder().setGlobalRicId(GlobalRicId.newBuilder()
                        .setPlmnIdentity(req.getGlobalE2NodeId().getGnb().getGlobalGnbId().getPlmnIdentity())
                        .setRicId(BitString.newBuilder().setValue(7).setLength(20)))
                .addComponentConfigAdditionAck(E2NodeComponentConfigAckItem.newBuilder()
                        .setInterfaceType(req.getComponentConfigAddition(0).getInterfaceType())
                        .setComponentId(req.getComponentConfigAddition(0).getComponentId()).setSuccess(true)))).build();
        conn.send(accept, 0);
        assertTrue(agent.setupFuture().get(10, TimeUnit.SECONDS).accepted());
        conn.firstSetup = setup;
        return conn;
    }

    private static RicRequestId rid(int requestor, int instance) {
        return RicRequestId.newBuilder().setRicRequestorId(requestor).setRicInstanceId(instance).build();
    }

    private static E2apPdu markedSubscription(RicRequestId id, int periodMs) {
        RicSubscriptionDetails.Builder d = RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(mark(KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs(periodMs).build().toByteString()))
                .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                        .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                        .setRicActionDefinition(mark(KpmActionDefinition.newBuilder().setRicStyleType(1).build().toByteString())));
        return E2Pdus.initiating(InitiatingMessage.newBuilder().setRicSubscriptionRequest(
                RicSubscriptionRequest.newBuilder().setRicRequestId(id).setRanFunctionId(E2NodeAgent.KPM_RAN_FUNCTION_ID)
                        .setRicSubscriptionDetails(d)));
    }

    // ------------------------------------------------------------------ cases

    @Test
    void e2SetupDecodesToTheAgentsModelWithDefinitionsTranslatedByTheirFamily() throws Exception {
        AperRic.Conn conn = connect(options().build());
        assertEquals(27, conn.firstSetup.getPayloadProtocolId(), "default PPID, as e2sim");
        assertEquals(0, conn.firstSetup.getStream());
        E2apAperCodec.Decoded d = E2apAperCodec.decode(conn.firstSetup.getAper().toByteArray());
        E2SetupRequest got = d.pdu().getInitiatingMessage().getE2SetupRequest();
        E2SetupRequest expected = RanFunctions.setupRequest(model, 1, got.getTransactionId(), 10);

        E2SetupRequest.Builder unmarked = got.toBuilder().clearRanFunctions();
        for (RanFunctionItem f : got.getRanFunctionsList()) {
            if (f.getRanFunctionOid().equals(E2NodeAgent.KPM_OID)) {
                unmarked.addRanFunctions(f.toBuilder().setRanFunctionDefinition(unmark(f.getRanFunctionDefinition())));
            } else {
                unmarked.addRanFunctions(f);  // E2SM-RC: no family, the definition is the protobuf one as it is
            }
        }
        assertEquals(expected, unmarked.build());
        assertEquals(List.of("nodeSide v03.00"), calls, "KPM node side in the default version; none for RC");
        assertEquals(0, agent.e2Problems());
    }

    @Test
    void kpmVersionIsTheOneConfigured() throws Exception {
        connect(options().kpmVersion("v02.03").build());
        assertEquals(List.of("nodeSide v02.03"), calls);
    }

    @Test
    void ppidIsConfigurable() throws Exception {
        AperRic.Conn conn = connect(options().aperPpid(70).build());
        assertEquals(70, conn.firstSetup.getPayloadProtocolId());
    }

    @Test
    void malformedFrameIsAnsweredWithAnAperErrorIndicationAndTheAssociationLivesOn() throws Exception {
        AperRic.Conn conn = connect(options().build());
        conn.sendOctets(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, 3);
        E2apAperFrame answer = conn.nextFrame();
        assertEquals(3, answer.getStream(), "answered on the stream of the frame");
        E2apPdu pdu = E2apAperCodec.decode(answer.getAper().toByteArray()).pdu();
        ErrorIndication ei = pdu.getInitiatingMessage().getErrorIndication();
        assertTrue(pdu.getInitiatingMessage().hasErrorIndication(), "got " + pdu);
        assertTrue(ei.getCause().hasProtocol());
        assertEquals(CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR, ei.getCause().getProtocol());
        assertTrue(agent.isConnected());
        assertTrue(agent.isSetUp());
        assertEquals(1, agent.e2Problems());

        // an empty frame as well
        conn.sendOctets(new byte[0], 0);
        assertTrue(E2apAperCodec.decode(conn.nextFrame().getAper().toByteArray()).pdu().getInitiatingMessage().hasErrorIndication());

        // and the association still works
        conn.send(markedSubscription(rid(7, 1), 100), 1);
        E2apAperFrame resp = conn.awaitFrame(f -> decode(f).hasSuccessfulOutcome(), "a subscription response");
        assertTrue(decode(resp).getSuccessfulOutcome().hasRicSubscriptionResponse());
        assertEquals(1, resp.getStream());
        assertEquals(1, agent.associations(), "no new association");
    }

    @Test
    void aperSubscriptionReachesKpmSubscriptionsAsProtobufAndIndicationsAreSentTranslated() throws Exception {
        AperRic.Conn conn = connect(options().build());
        conn.send(markedSubscription(rid(100, 1), 500), 0);
        E2apPdu resp = decode(conn.awaitFrame(f -> decode(f).hasSuccessfulOutcome(), "subscription response"));
        assertEquals(List.of(1), resp.getSuccessfulOutcome().getRicSubscriptionResponse().getRicActionsAdmittedList(),
                "KpmSubscriptions admitted the action: the trigger and action definition reached it as protobuf");
        assertEquals(1, agent.activeSubscriptions());
        assertTrue(calls.contains("subscriptionFromRic 100"));

        for (int i = 0; i < 5; i++) {  // 500 ms of simulated time: one period, one action
            model.step();
            agent.onSimTime(model.timeMs());
        }
        List<RicIndication> inds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            inds.add(decode(conn.awaitFrame(f -> decode(f).getInitiatingMessage().hasRicIndication(), "indication " + i))
                    .getInitiatingMessage().getRicIndication());
        }
        assertEquals(inds.get(0), inds.get(1), "both indications the node side made of one report are sent");
        KpmIndicationHeader h = KpmIndicationHeader.parseFrom(unmark(inds.get(0).getRicIndicationHeader()));
        assertEquals("jRIC-sim", h.getVendorName());
        assertEquals(1, agent.indicationsSent());

        conn.send(E2Pdus.initiating(InitiatingMessage.newBuilder().setRicSubscriptionDeleteRequest(
                RicSubscriptionDeleteRequest.newBuilder().setRicRequestId(rid(100, 1)).setRanFunctionId(E2NodeAgent.KPM_RAN_FUNCTION_ID))), 0);
        conn.awaitFrame(f -> decode(f).getSuccessfulOutcome().hasRicSubscriptionDeleteResponse(), "delete response");
        assertEquals(0, agent.activeSubscriptions());
        assertTrue(calls.contains("subscriptionEnded 100"));
    }

    @Test
    void untranslatableSubscriptionIsRefusedAndTheAssociationLivesOn() throws Exception {
        AperRic.Conn conn = connect(options().build());
        E2apPdu sub = markedSubscription(rid(9, 1), 100);
        RicSubscriptionRequest.Builder r = sub.getInitiatingMessage().getRicSubscriptionRequest().toBuilder();
        r.getRicSubscriptionDetailsBuilder().setRicEventTriggerDefinition(ByteString.copyFromUtf8("not marked"));
        conn.send(E2Pdus.initiating(InitiatingMessage.newBuilder().setRicSubscriptionRequest(r)), 0);
        E2apPdu f = decode(conn.awaitFrame(x -> decode(x).hasUnsuccessfulOutcome(), "subscription failure"));
        assertEquals(rid(9, 1), f.getUnsuccessfulOutcome().getRicSubscriptionFailure().getRicRequestId());
        assertEquals(0, agent.activeSubscriptions());
        assertEquals(1, agent.e2Problems());
        assertTrue(agent.isSetUp());
    }

    @Test
    void controlOfAFunctionWithoutFamilyKeepsItsPayloads() throws Exception {
        AperRic.Conn conn = connect(options().build());
        String cell = model.cellIds(1).get(0);
        RicControlRequest req = RicControlRequest.newBuilder().setRicRequestId(rid(1, 1))
                .setRanFunctionId(E2NodeAgent.RC_RAN_FUNCTION_ID)
                .setRicControlHeader(RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build().toByteString())
                .setRicControlMessage(RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                        .setCell(io.jric.proto.E2Ids.parseCellId(cell)).setTxPowerDbm(40)).build().toByteString())
                .build();
        conn.send(E2Pdus.initiating(InitiatingMessage.newBuilder().setRicControlRequest(req)), 2);
        E2apAperFrame f = conn.awaitFrame(x -> decode(x).getSuccessfulOutcome().hasRicControlAcknowledge(), "control ack");
        assertEquals(2, f.getStream());
        RcControlOutcome o = RcControlOutcome.parseFrom(decode(f).getSuccessfulOutcome().getRicControlAcknowledge().getRicControlOutcome());
        assertEquals(40, o.getValueAfter(), 1e-9);
        assertEquals(1, agent.controlsApplied());
    }

    @Test
    void protobufStaysTheDefault() {
        assertEquals(E2Encoding.PROTOBUF, E2NodeAgent.Options.builder().build().e2Encoding());
        assertEquals("v03.00", E2NodeAgent.Options.builder().build().kpmVersion());
        assertEquals(27, E2NodeAgent.Options.builder().build().aperPpid());
        assertEquals(E2Encoding.APER, E2Encoding.of("aper"));
        assertThrows(IllegalArgumentException.class, () -> E2Encoding.of("ber"));
        assertThrows(IllegalArgumentException.class, () -> E2NodeAgent.Options.builder().kpmVersion("3").build());
    }

    @Test
    void edgeReportsUndecodableOctetsWithHexBitPositionAndReason() {
        AperNodeEdge edge = new AperNodeEdge("n", AperNodeEdge.kpmVersion("v03.00"), oid -> null);
        byte[] junk = new byte[100];
        java.util.Arrays.fill(junk, (byte) 0xFF);
        AperNodeEdge.Inbound in = edge.inbound(junk);
        assertNull(in.pdu());
        assertEquals(1, in.replies().size());
        assertTrue(in.problem().contains("100 octets, first 64: " + "ff".repeat(64) + ")"), in.problem());
        assertTrue(in.problem().contains(" at bit "), in.problem());
        AperException e = assertThrows(AperException.class, () -> E2apAperCodec.decode(junk));
        assertTrue(in.problem().endsWith(e.reason() + " at bit " + e.bitPosition()), in.problem());
        assertArrayEquals(in.replies().get(0), edge.inbound(junk).replies().get(0));
    }

    private static E2apPdu decode(E2apAperFrame f) {
        E2apPdu p = E2apAperCodec.decode(f.getAper().toByteArray()).pdu();
        assertNotNull(p);
        return p;
    }

    // ------------------------------------------------------------------ a fake RIC side of ConnectAper

    /** A gRPC server with {@code ConnectAper} only: keeps what the node sends, sends what the test asks. */
    static final class AperRic implements AutoCloseable {
        final BlockingQueue<Conn> connections = new LinkedBlockingQueue<>();
        private final Server server;

        final class Conn {
            final BlockingQueue<E2apAperFrame> in = new LinkedBlockingQueue<>();
            private final StreamObserver<E2apAperFrame> out;
            E2apAperFrame firstSetup;

            Conn(StreamObserver<E2apAperFrame> out) {
                this.out = out;
            }

            synchronized void send(E2apPdu pdu, int stream) {
                sendOctets(E2apAperCodec.encode(pdu), stream);
            }

            synchronized void sendOctets(byte[] aper, int stream) {
                out.onNext(E2apAperFrame.newBuilder().setAper(ByteString.copyFrom(aper)).setPayloadProtocolId(70).setStream(stream).build());
            }

            E2apAperFrame nextFrame() throws InterruptedException {
                E2apAperFrame f = in.poll(10, TimeUnit.SECONDS);
                if (f == null) throw new AssertionError("timed out waiting for a frame");
                return f;
            }

            E2apAperFrame awaitFrame(Predicate<E2apAperFrame> match, String what) throws InterruptedException {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (true) {
                    long left = deadline - System.nanoTime();
                    E2apAperFrame f = left <= 0 ? null : in.poll(left, TimeUnit.NANOSECONDS);
                    if (f == null) throw new AssertionError("timed out waiting for " + what);
                    if (match.test(f)) return f;
                }
            }
        }

        AperRic() throws IOException {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).directExecutor()
                    .addService(new E2TerminationServiceGrpc.E2TerminationServiceImplBase() {
                        @Override
                        public StreamObserver<E2apAperFrame> connectAper(StreamObserver<E2apAperFrame> toNode) {
                            Conn conn = new Conn(toNode);
                            connections.add(conn);
                            return new StreamObserver<>() {
                                @Override
                                public void onNext(E2apAperFrame f) {
                                    conn.in.add(f);
                                }

                                @Override
                                public void onError(Throwable t) {
                                }

                                @Override
                                public void onCompleted() {
                                    toNode.onCompleted();
                                }
                            };
                        }
                    })
                    .build().start();
        }

        int port() {
            return server.getPort();
        }

        Conn nextConnection() throws InterruptedException {
            Conn c = connections.poll(10, TimeUnit.SECONDS);
            if (c == null) throw new AssertionError("timed out waiting for a node to connect");
            return c;
        }

        @Override
        public void close() throws InterruptedException {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
