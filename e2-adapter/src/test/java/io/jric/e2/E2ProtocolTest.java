package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.CauseRicService;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.ResetRequest;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.testing.TestGrids;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** E2 Setup, malformed and out-of-order PDUs, against the real termination over loopback gRPC. */
class E2ProtocolTest {
    private static RicGrid grid;
    private E2Termination e2;

    @BeforeAll
    static void startGrid() {
        grid = TestGrids.start();
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @BeforeEach
    void startE2() {
        e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build());
    }

    @AfterEach
    void stopE2() {
        e2.close();
    }

    static boolean isErrorIndication(E2apPdu p) {
        return p.hasInitiatingMessage() && p.getInitiatingMessage().hasErrorIndication();
    }

    static boolean isSetupResponse(E2apPdu p) {
        return p.hasSuccessfulOutcome() && p.getSuccessfulOutcome().hasE2SetupResponse();
    }

    static boolean isSetupFailure(E2apPdu p) {
        return p.hasUnsuccessfulOutcome() && p.getUnsuccessfulOutcome().hasE2SetupFailure();
    }

    @Test
    void setupIsAcceptedAndTheNodeIsRecordedInTheGrid() throws Exception {
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(101), 0x1001, 0x1002));
            E2apPdu resp = node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            var r = resp.getSuccessfulOutcome().getE2SetupResponse();
            assertEquals(1, r.getTransactionId());
            assertEquals(2, r.getRanFunctionsAcceptedCount());
            assertEquals(20, r.getGlobalRicId().getRicId().getLength());

            String nodeId = E2Ids.nodeId(TestNode.gnb(101));
            E2NodeInfo info = e2.nodeService().node(nodeId).orElseThrow();
            assertTrue(info.connected());
            assertEquals(2, info.ranFunctions().size());
            assertEquals(2, info.cellIds().size());
            assertEquals(E2Ids.cellId(TestNode.cell(0x1001)), info.cellIds().get(0));
        }
    }

    @Test
    void setupFromAnUnservedPlmnIsRejectedWithACause() throws Exception {
        e2.close();
        e2 = E2Termination.start(grid, Telemetry.create(),
                E2Settings.builder().port(0).allowedPlmns(Set.of("99f999")).build());
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(102), 0x2001));
            E2apPdu f = node.await(E2ProtocolTest::isSetupFailure, "E2SetupFailure");
            assertEquals(CauseMisc.CAUSE_MISC_OM_INTERVENTION, f.getUnsuccessfulOutcome().getE2SetupFailure().getCause().getMisc());
            assertTrue(e2.nodeService().node(E2Ids.nodeId(TestNode.gnb(102))).isEmpty(), "rejected node recorded");
            assertEquals(1, e2.stats().setupsRejected());
        }
    }

    @Test
    void setupWithOnlyUnsupportedFunctionsIsRejected() throws Exception {
        try (TestNode node = new TestNode(e2.port())) {
            node.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                    E2SetupRequest.newBuilder().setTransactionId(9).setGlobalE2NodeId(TestNode.gnb(103))
                            .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(7)
                                    .setRanFunctionOid("1.2.3.4.5.unknown")))).build());
            E2apPdu f = node.await(E2ProtocolTest::isSetupFailure, "E2SetupFailure");
            assertEquals(9, f.getUnsuccessfulOutcome().getE2SetupFailure().getTransactionId());
            assertEquals(CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED,
                    f.getUnsuccessfulOutcome().getE2SetupFailure().getCause().getRicService());
            // The association is still usable: a proper setup on it succeeds.
            node.send(TestNode.setup(TestNode.gnb(103), 0x3001));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse after a rejected setup");
        }
    }

    @Test
    void malformedBytesAreAnsweredWithAnErrorIndicationAndTheAssociationSurvives() throws Exception {
        try (TestNode node = new TestNode(e2.port()); TestNode other = new TestNode(e2.port())) {
            other.send(TestNode.setup(TestNode.gnb(105), 0x5001));
            other.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");

            node.send(TestNode.setup(TestNode.gnb(104), 0x4001));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            node.sendBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01});
            E2apPdu ei = node.await(E2ProtocolTest::isErrorIndication, "ErrorIndication");
            ErrorIndication e = ei.getInitiatingMessage().getErrorIndication();
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR, e.getCause().getProtocol());
            assertTrue(e.getDetail().contains("does not decode"), e.getDetail());

            node.sendBytes(E2apPdu.getDefaultInstance().toByteArray());
            E2apPdu empty = node.await(E2ProtocolTest::isErrorIndication, "ErrorIndication for an empty PDU");
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE,
                    empty.getInitiatingMessage().getErrorIndication().getCause().getProtocol());

            // Still alive: a subscription round trip works on the same association.
            String nodeId = E2Ids.nodeId(TestNode.gnb(104));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(kpmSubscription(nodeId));
            answerSubscription(node);
            assertEquals(nodeId, sub.get(10, TimeUnit.SECONDS).nodeId());
            assertTrue(e2.nodeService().node(nodeId).orElseThrow().connected());
            assertTrue(e2.nodeService().node(E2Ids.nodeId(TestNode.gnb(105))).orElseThrow().connected());
            assertEquals(null, node.closedWith, "association was closed");
        }
    }

    @Test
    void aResetWithACauseValueThisRicDoesNotKnowIsStillAnswered() throws Exception {
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(105), 0x5001));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            // protocol cause 99: no such value in E2AP; a newer or broken peer may send it
            node.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                    .setCriticality(Criticality.CRITICALITY_REJECT)
                    .setResetRequest(ResetRequest.newBuilder().setTransactionId(7)
                            .setCause(Cause.newBuilder().setProtocolValue(99)))).build());
            E2apPdu resp = node.await(p -> p.hasSuccessfulOutcome() && p.getSuccessfulOutcome().hasResetResponse(),
                    "ResetResponse");
            assertEquals(7, resp.getSuccessfulOutcome().getResetResponse().getTransactionId());
            assertEquals("protocol:unknown(99)", Pdus.describe(Cause.newBuilder().setProtocolValue(99).build()));
            assertEquals("misc:UNSPECIFIED", Pdus.describe(Cause.newBuilder().setMiscValue(
                    CauseMisc.CAUSE_MISC_UNSPECIFIED_VALUE).build()));
        }
    }

    @Test
    void indicationBeforeSetupIsOutOfOrder() throws Exception {
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.indication(Pdus.requestId(1, 1), 2, 0x6001, 50f, 1000));
            E2apPdu ei = node.await(E2ProtocolTest::isErrorIndication, "ErrorIndication");
            ErrorIndication e = ei.getInitiatingMessage().getErrorIndication();
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE, e.getCause().getProtocol());
            assertTrue(e.getDetail().contains("before E2 Setup"), e.getDetail());
            node.send(TestNode.setup(TestNode.gnb(106), 0x6001));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse after the out-of-order PDU");
        }
    }

    @Test
    void indicationsLandInTheGridAndBadOnesAreNamed() throws Exception {
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(107), 0x7001));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            String nodeId = E2Ids.nodeId(TestNode.gnb(107));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(kpmSubscription(nodeId));
            RicRequestId rid = answerSubscription(node);
            sub.get(10, TimeUnit.SECONDS);

            node.send(TestNode.indication(rid, 2, 0x7001, 42.5f, 123_000));
            node.send(TestNode.indication(Pdus.requestId(rid.getRicRequestorId(), rid.getRicInstanceId() + 77), 2, 0x7001, 1f, 124_000));
            E2apPdu unknown = node.await(E2ProtocolTest::isErrorIndication, "ErrorIndication for an unknown request id");
            assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN,
                    unknown.getInitiatingMessage().getErrorIndication().getCause().getRicRequest());

            node.send(TestNode.rawIndication(rid, 2, ByteString.copyFrom(new byte[] {8, 1}),
                    ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFF})));
            E2apPdu bad = node.await(E2ProtocolTest::isErrorIndication, "ErrorIndication for a bad KPM message");
            assertTrue(bad.getInitiatingMessage().getErrorIndication().getDetail().contains("ricIndicationMessage"),
                    bad.getInitiatingMessage().getErrorIndication().getDetail());

            assertTrue(e2.flush(10_000));
            CellKpi kpi = grid.<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST)
                    .get(new CellKey(nodeId, E2Ids.cellId(TestNode.cell(0x7001))));
            assertEquals(42.5f, kpi.prbUsedDlPct());
            assertEquals(7, kpi.activeUes());
            assertEquals(123_000, kpi.timestampMs());
            assertEquals(1, e2.recordsWritten());
        }
    }

    @Test
    void lossOfTheAssociationMarksTheNodeDisconnected() throws Exception {
        String nodeId = E2Ids.nodeId(TestNode.gnb(108));
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(108), 0x8001));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            assertTrue(e2.nodeService().node(nodeId).orElseThrow().connected());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (e2.nodeService().node(nodeId).orElseThrow().connected() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        E2NodeInfo info = e2.nodeService().node(nodeId).orElseThrow();
        assertFalse(info.connected());
        assertTrue(info.disconnectedAtMs() > 0);
    }

    static E2SubscriptionRequest kpmSubscription(String nodeId) {
        return new E2SubscriptionRequest(nodeId, 2, RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(ByteString.copyFrom(new byte[] {8, 100}))
                .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                        .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT))
                .build());
    }

    /** Waits for a RIC Subscription Request and admits its actions; returns its request id. */
    static RicRequestId answerSubscription(TestNode node) throws InterruptedException {
        E2apPdu req = node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicSubscriptionRequest(),
                "RICsubscriptionRequest");
        RicSubscriptionRequest r = req.getInitiatingMessage().getRicSubscriptionRequest();
        node.send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicSubscriptionResponse(
                RicSubscriptionResponse.newBuilder().setRicRequestId(r.getRicRequestId())
                        .setRanFunctionId(r.getRanFunctionId()).addRicActionsAdmitted(1))).build());
        return r.getRicRequestId();
    }
}
