package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionRequest;
import io.jric.api.e2.ServiceModels;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.e2.aper.E2RemovalRequest;
import io.jric.e2.aper.E2RemovalResponse;
import io.jric.e2.aper.E2apFrame;
import io.jric.e2.aper.RicSubscriptionDeleteRequired;
import io.jric.e2.aper.RicSubscriptionModificationRefuse;
import io.jric.e2.aper.RicSubscriptionModificationRequired;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDeleteResponse;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.sim.AperNodeEdge;
import io.jric.testing.TestGrids;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The node-initiated procedures the RIC terminates at the APER edge, over ConnectAper against the real
 * termination: E2 Removal, RIC Subscription Delete Required, RIC Subscription Modification Required.
 */
class NodeProceduresEdgeTest {
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

    private static final Cause UNSPECIFIED = Cause.newBuilder().setRicRequest(CauseRicRequest.CAUSE_RIC_REQUEST_UNSPECIFIED).build();

    /** E2 Setup of a gNB with one KPM v03.00 RAN function (id 2, two cells), as the simulator's APER node side encodes it. */
    private String setUp(AperTestNode node, long gnbId) throws Exception {
        KpmRanFunctionDefinition kpm = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM")
                .addCells(TestNode.cell(0x10)).addCells(TestNode.cell(0x11)).build();
        E2apPdu setup = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                E2SetupRequest.newBuilder().setTransactionId(1).setGlobalE2NodeId(TestNode.gnb(gnbId))
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(2).setRanFunctionRevision(1)
                                .setRanFunctionOid(ServiceModels.KPM_OID).setRanFunctionDefinition(kpm.toByteString()))
                        .addComponentConfigAddition(io.jric.proto.e2.v1.E2NodeComponentConfigItem.newBuilder()
                                .setInterfaceType(io.jric.proto.e2.v1.E2NodeComponentInterfaceType.E2_NODE_COMPONENT_INTERFACE_TYPE_NG)
                                .setComponentId("amf1")))).build();
        AperNodeEdge nodeEdge = new AperNodeEdge("test", AperNodeEdge.kpmVersion("v03.00"));
        node.sendBytes(nodeEdge.outbound(setup).get(0), 70);
        E2apPdu answer = node.await(p -> p.hasSuccessfulOutcome() || p.hasUnsuccessfulOutcome(), "an answer to the setup");
        assertTrue(answer.getSuccessfulOutcome().hasE2SetupResponse(), "E2 Setup Response: " + answer);
        assertEquals(1, answer.getSuccessfulOutcome().getE2SetupResponse().getRanFunctionsAcceptedCount(), answer.toString());
        Await.until(() -> e2.connectedNodes() == 1, "the node is connected");
        // the grid (and so the node records) is shared by the tests: take the connected one
        return e2.nodeService().nodes().stream().filter(n -> n.connected()).findFirst().orElseThrow().nodeId();
    }

    /** A KPM subscription the node admits; returns it once the RIC has it. */
    private E2Subscription subscribe(AperTestNode node, String nodeId) throws Exception {
        RicSubscriptionDetails details = RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs(1000).build().toByteString())
                .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                        .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                        .setRicActionDefinition(KpmActionDefinition.newBuilder().setRicStyleType(1).build().toByteString()))
                .build();
        CompletableFuture<E2Subscription> f = e2.subscriptionService().subscribe(new E2SubscriptionRequest(nodeId, 2, details), null);
        E2apPdu req = node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicSubscriptionRequest(),
                "RIC Subscription Request");
        RicSubscriptionRequest r = req.getInitiatingMessage().getRicSubscriptionRequest();
        RicSubscriptionResponse.Builder resp = RicSubscriptionResponse.newBuilder().setRicRequestId(r.getRicRequestId())
                .setRanFunctionId(r.getRanFunctionId());
        for (RicActionToBeSetupItem a : r.getRicSubscriptionDetails().getRicActionsToBeSetupList()) resp.addRicActionsAdmitted(a.getRicActionId());
        node.send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicSubscriptionResponse(resp)).build());
        E2Subscription sub = f.get(10, TimeUnit.SECONDS);
        assertEquals(1, e2.subscriptionService().subscriptions().size());
        return sub;
    }

    private static RicRequestId rid(E2Subscription s) {
        return RicRequestId.newBuilder().setRicRequestorId(s.ricRequestorId()).setRicInstanceId(s.ricInstanceId()).build();
    }

    @Test
    void subscriptionDeleteRequiredDeletesTheSubscriptionTheNormalWayAndIgnoresUnknownOnes() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            String nodeId = setUp(node, 0x51);
            E2Subscription sub = subscribe(node, nodeId);
            node.sendBytes(new RicSubscriptionDeleteRequired(List.of(
                    new RicSubscriptionDeleteRequired.Item(RicRequestId.newBuilder().setRicRequestorId(77).setRicInstanceId(999).build(), 2,
                            UNSPECIFIED),
                    new RicSubscriptionDeleteRequired.Item(rid(sub), 2,
                            Cause.newBuilder().setMisc(CauseMisc.CAUSE_MISC_OM_INTERVENTION).build()))).frame().encode(), 70);
            E2apPdu del = node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicSubscriptionDeleteRequest(),
                    "RIC Subscription Delete Request for the required subscription");
            var d = del.getInitiatingMessage().getRicSubscriptionDeleteRequest();
            assertEquals(rid(sub), d.getRicRequestId(), "only the known subscription is deleted");
            assertEquals(2, d.getRanFunctionId());
            node.send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicSubscriptionDeleteResponse(
                    RicSubscriptionDeleteResponse.newBuilder().setRicRequestId(d.getRicRequestId()).setRanFunctionId(2))).build());
            Await.until(() -> e2.subscriptionService().subscriptions().isEmpty(), "the RIC forgot the subscription");
            // class 2: no answer, and nothing about the unknown one but a log line. The association handles its
            // PDUs in order: a probe the RIC must answer with an Error Indication (RIC Query, which it does not
            // implement) comes after; its Error Indication must be the only one the RIC ever sent.
            byte[] query = io.jric.e2.aper.E2apFrame.encodeIeContainer(List.of(new io.jric.e2.aper.ProtocolIe(49, 0, new byte[] {0x03})));
            node.sendBytes(new io.jric.e2.aper.E2apFrame(io.jric.e2.aper.E2apFrame.Type.INITIATING_MESSAGE, 16, 0, query).encode(), 70);
            node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasErrorIndication(), "the probe's Error Indication");
            assertEquals(1, node.all.stream().filter(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasErrorIndication()).count(),
                    "no Error Indication but the probe's: " + node.all);
            assertNull(node.undecodable);
            assertTrue(e2.nodeService().node(nodeId).orElseThrow().connected());
        }
    }

    @Test
    void subscriptionModificationRequiredIsRefused() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            String nodeId = setUp(node, 0x52);
            E2Subscription sub = subscribe(node, nodeId);
            node.sendBytes(new RicSubscriptionModificationRequired(rid(sub), 2,
                    List.of(new RicSubscriptionModificationRequired.ActionToModify(1, 11)), List.of()).frame().encode(), 70);
            E2apFrame f = node.awaitFrame(x -> x.procedureCode() == 15, "an answer to RIC Subscription Modification Required");
            assertEquals(E2apFrame.Type.UNSUCCESSFUL_OUTCOME, f.type());
            RicSubscriptionModificationRefuse refuse = RicSubscriptionModificationRefuse.decode(f.value());
            assertEquals(rid(sub), refuse.requestId());
            assertEquals(2, refuse.ranFunctionId());
            assertEquals(UNSPECIFIED, refuse.cause());
            assertEquals(1, e2.subscriptionService().subscriptions().size(), "the subscription is left as it was");
            assertNull(node.undecodable);
        }
    }

    @Test
    void e2RemovalIsAnsweredAndTheAssociationReleased() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            String nodeId = setUp(node, 0x53);
            node.sendBytes(new E2RemovalRequest(9).frame().encode(), 70);
            E2apFrame f = node.awaitFrame(x -> x.procedureCode() == 13, "E2 Removal Response");
            assertEquals(E2apFrame.Type.SUCCESSFUL_OUTCOME, f.type());
            assertEquals(9, E2RemovalResponse.decode(f.value()).transactionId());
            Await.until(() -> node.closedWith != null, "the RIC closes the association");
            Await.until(() -> !e2.nodeService().node(nodeId).orElseThrow().connected(), "the node is marked disconnected");
            assertTrue(e2.nodeService().node(nodeId).orElseThrow().disconnectedAtMs() > 0);
            assertEquals(0, e2.connectedNodes());
        }
    }

    @Test
    void e2RemovalBeforeE2SetupIsStillAnswered() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            node.sendBytes(new E2RemovalRequest(3).frame().encode(), 70);
            E2apFrame f = node.awaitFrame(x -> x.procedureCode() == 13, "E2 Removal Response");
            assertEquals(E2apFrame.Type.SUCCESSFUL_OUTCOME, f.type());
            assertEquals(3, E2RemovalResponse.decode(f.value()).transactionId());
            Await.until(() -> node.closedWith != null, "the RIC closes the association");
            assertNotNull(node.closedWith);
            assertFalse(e2.connectedNodes() > 0);
        }
    }

    @Test
    void aMalformedNodeProcedureIsAnsweredWithAnErrorIndication() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            // E2 Removal Request without its TransactionID
            node.sendBytes(new E2apFrame(E2apFrame.Type.INITIATING_MESSAGE, 13, 0, E2apFrame.encodeIeContainer(List.of())).encode(), 70);
            E2apPdu ei = node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasErrorIndication(), "Error Indication");
            // (APER has no room for the detail text: the cause says a mandatory IE is missing)
            assertEquals(io.jric.proto.e2.v1.CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE,
                    ei.getInitiatingMessage().getErrorIndication().getCause().getProtocol());
            assertEquals(1, e2.stats().aperDecodeFailures());
            assertNull(node.closedWith, "the association lives on");
        }
    }
}
