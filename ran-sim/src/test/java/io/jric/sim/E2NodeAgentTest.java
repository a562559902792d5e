package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.ResetRequest;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicControlAckRequest;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.TimeToWait;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.CellSleepControl;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class E2NodeAgentTest {
    private static final long EPOCH = 1_700_000_000_000L;
    private static final String PARENT_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + PARENT_TRACE + "-00f067aa0ba902b7-01";

    private FakeRic ric;
    private E2SetupRequest firstSetup;
    private RanModel model;
    private E2NodeAgent agent;
    private InMemorySpanExporter spans;
    private OpenTelemetrySdk otel;

    @BeforeEach
    void setUp() throws Exception {
        ric = new FakeRic();
        model = new RanModel(SimConfig.builder().seed(5).build());
        spans = InMemorySpanExporter.create();
        otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) agent.close();
        ric.close();
        otel.close();
    }

    private E2NodeAgent.Options.Builder options() {
        return E2NodeAgent.Options.builder().openTelemetry(otel).epochBaseMs(EPOCH).initialBackoffMs(50);
    }

    /** Starts an agent for gNB 1 and returns the RIC's side of its association after setup. */
    private FakeRic.Conn connect(E2NodeAgent.Options opts) throws Exception {
        agent = new E2NodeAgent(model, 1, opts);
        agent.connect("127.0.0.1", ric.port());
        FakeRic.Conn conn = ric.nextConnection();
        if (!opts.skipSetup()) {
            assertTrue(agent.setupFuture().get(10, TimeUnit.SECONDS).accepted());
            firstSetup = conn.next().getInitiatingMessage().getE2SetupRequest();
        }
        return conn;
    }

    private static RicRequestId rid(int requestor, int instance) {
        return RicRequestId.newBuilder().setRicRequestorId(requestor).setRicInstanceId(instance).build();
    }

    private static E2apPdu subscription(RicRequestId id, int ranFunction, int periodMs, KpmActionDefinition... defs) {
        RicSubscriptionDetails.Builder d = RicSubscriptionDetails.newBuilder().setRicEventTriggerDefinition(
                KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs(periodMs).build().toByteString());
        for (int i = 0; i < defs.length; i++) {
            d.addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(i + 1)
                    .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT).setRicActionDefinition(defs[i].toByteString()));
        }
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicSubscriptionRequest(
                RicSubscriptionRequest.newBuilder().setRicRequestId(id).setRanFunctionId(ranFunction)
                        .setRicSubscriptionDetails(d))).build();
    }

    private static E2apPdu control(RicRequestId id, int ranFunction, RcControlMessage msg, RicControlAckRequest ack) {
        RicControlRequest.Builder r = RicControlRequest.newBuilder().setRicRequestId(id).setRanFunctionId(ranFunction)
                .setRicControlHeader(RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build().toByteString())
                .setRicControlMessage(msg.toByteString());
        if (ack != null) r.setRicControlAckRequest(ack);
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(r))
                .putTraceContext("traceparent", TRACEPARENT).build();
    }

    private static RcControlMessage txPower(String cellId, float dbm) {
        return RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                .setCell(E2Ids.parseCellId(cellId)).setTxPowerDbm(dbm)).build();
    }

    private void tick(int n) {
        for (int i = 0; i < n; i++) {
            model.step();
            agent.onSimTime(model.timeMs());
        }
    }

    @Test
    void setupCarriesNodeIdAndBothRanFunctions() throws Exception {
        FakeRic.Conn conn = connect(options().build());
        E2SetupRequest setup = firstSetup;
        assertEquals(model.globalNodeId(1), setup.getGlobalE2NodeId());
        assertEquals(22, setup.getGlobalE2NodeId().getGnb().getGlobalGnbId().getGnbId().getLength());
        assertEquals(2, setup.getGlobalE2NodeId().getGnb().getGlobalGnbId().getGnbId().getValue());
        assertEquals(List.of(2, 3), setup.getRanFunctionsList().stream().map(RanFunctionItem::getRanFunctionId).toList());
        RanFunctionItem kpm = setup.getRanFunctions(0);
        assertEquals(E2NodeAgent.KPM_OID, kpm.getRanFunctionOid());
        KpmRanFunctionDefinition def = KpmRanFunctionDefinition.parseFrom(kpm.getRanFunctionDefinition());
        assertEquals(model.cellCgis(1), def.getCellsList());
        assertEquals(10, def.getMinReportingPeriodMs());
        RanFunctionItem rc = setup.getRanFunctions(1);
        assertEquals(E2NodeAgent.RC_OID, rc.getRanFunctionOid());
        assertEquals("ORAN-E2SM-RC", RcRanFunctionDefinition.parseFrom(rc.getRanFunctionDefinition()).getRanFunctionShortName());
        assertTrue(agent.isSetUp());
        assertEquals(model.nodeId(1), agent.nodeId());
    }

    @Test
    void setupFailureIsExposedWithItsCause() throws Exception {
        ric.setupAnswer = req -> FakeRic.refuse(req, E2SetupFailure.newBuilder()
                .setCause(io.jric.proto.e2.v1.Cause.newBuilder().setMisc(io.jric.proto.e2.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION))
                .setTimeToWait(TimeToWait.TIME_TO_WAIT_V1S));
        agent = new E2NodeAgent(model, 0, options().reconnect(false).build());
        agent.connect("127.0.0.1", ric.port());
        SetupOutcome outcome = agent.setupFuture().get(10, TimeUnit.SECONDS);
        assertFalse(outcome.accepted());
        assertEquals(io.jric.proto.e2.v1.CauseMisc.CAUSE_MISC_OM_INTERVENTION, outcome.cause().getMisc());
        assertFalse(agent.isSetUp());
    }

    @Test
    void subscriptionIsAnsweredAndReportedEveryPeriodOfSimulatedTime() throws Exception {
        FakeRic.Conn conn = connect(options().build());
        NrCgi second = model.cellCgis(1).get(1);
        conn.send(subscription(rid(100, 1), 2, 500,
                KpmActionDefinition.newBuilder().setRicStyleType(1).build(),
                KpmActionDefinition.newBuilder().setRicStyleType(4).addCellFilter(second).build()));
        E2apPdu resp = conn.await(p -> p.getSuccessfulOutcome().hasRicSubscriptionResponse(), "subscription response");
        assertEquals(List.of(1, 2), resp.getSuccessfulOutcome().getRicSubscriptionResponse().getRicActionsAdmittedList());
        assertEquals(1, agent.activeSubscriptions());

        tick(20);  // 2 s of simulated time: 4 periods x 2 actions
        List<RicIndication> cellReports = new ArrayList<>();
        List<RicIndication> ueReports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            E2apPdu pdu = conn.await(p -> p.getInitiatingMessage().hasRicIndication(), "indication " + i);
            assertTrue(pdu.getTraceContextMap().get("traceparent").startsWith("00-"), "trace context injected");
            RicIndication ind = pdu.getInitiatingMessage().getRicIndication();
            (ind.getRicActionId() == 1 ? cellReports : ueReports).add(ind);
        }
        assertEquals(4, cellReports.size());
        assertEquals(4, ueReports.size());
        for (int i = 0; i < 4; i++) {
            RicIndication ind = cellReports.get(i);
            assertEquals(rid(100, 1), ind.getRicRequestId());
            assertEquals(2, ind.getRanFunctionId());
            assertEquals(i, ind.getRicIndicationSn());
            KpmIndicationHeader h = KpmIndicationHeader.parseFrom(ind.getRicIndicationHeader());
            assertEquals(EPOCH + 500L * i, h.getCollectionStartTimeMs(), "one report per 500 ms period");
            KpmIndicationMessage m = KpmIndicationMessage.parseFrom(ind.getRicIndicationMessage());
            assertEquals(model.cellCgis(1), m.getCellsList().stream().map(c -> c.getCell()).toList());
            assertEquals(0, m.getUesCount());
            assertTrue(m.getCells(0).getEnergyWh() > 0);
            KpmIndicationMessage ue = KpmIndicationMessage.parseFrom(ueReports.get(i).getRicIndicationMessage());
            assertEquals(1, ue.getCellsCount());
            assertEquals(second, ue.getCells(0).getCell());
            ue.getUesList().forEach(u -> assertEquals(second, u.getServingCell()));
        }
        assertEquals(8, agent.indicationsSent());
        List<SpanData> produced = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("ran.indication")).toList();
        assertEquals(8, produced.size());
        assertEquals(SpanKind.PRODUCER, produced.get(0).getKind());

        // delete: acknowledged, and no indication follows (the control ack below proves the ordering)
        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicSubscriptionDeleteRequest(
                RicSubscriptionDeleteRequest.newBuilder().setRicRequestId(rid(100, 1)).setRanFunctionId(2))).build());
        conn.await(p -> p.getSuccessfulOutcome().hasRicSubscriptionDeleteResponse(), "delete response");
        assertEquals(0, agent.activeSubscriptions());
        tick(10);
        conn.send(control(rid(1, 1), 3, txPower(model.cellIds(1).get(0), 40), null));
        assertTrue(conn.next().getSuccessfulOutcome().hasRicControlAcknowledge(), "no indication after delete");

        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicSubscriptionDeleteRequest(
                RicSubscriptionDeleteRequest.newBuilder().setRicRequestId(rid(100, 1)).setRanFunctionId(2))).build());
        E2apPdu f = conn.next();
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN,
                f.getUnsuccessfulOutcome().getRicSubscriptionDeleteFailure().getCause().getRicRequest());
    }

    @Test
    void badSubscriptionsAreRefused() throws Exception {
        FakeRic.Conn conn = connect(options().build());
        KpmActionDefinition style1 = KpmActionDefinition.newBuilder().setRicStyleType(1).build();
        conn.send(subscription(rid(1, 1), 99, 1000, style1));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID, conn.await(
                p -> p.getUnsuccessfulOutcome().hasRicSubscriptionFailure(), "failure")
                .getUnsuccessfulOutcome().getRicSubscriptionFailure().getCause().getRicRequest());
        conn.send(subscription(rid(1, 2), 2, 5, style1));
        assertTrue(conn.next().getUnsuccessfulOutcome().hasRicSubscriptionFailure(), "period below minimum");
        conn.send(subscription(rid(1, 3), 2, 1000, KpmActionDefinition.newBuilder()
                .addCellFilter(model.cellCgis(0).get(0)).build()));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED, conn.next().getUnsuccessfulOutcome()
                .getRicSubscriptionFailure().getCause().getRicRequest(), "cell of another node");
        conn.send(subscription(rid(1, 4), 2, 1000, style1, KpmActionDefinition.newBuilder().setRicStyleType(3).build()));
        var partial = conn.next().getSuccessfulOutcome().getRicSubscriptionResponse();
        assertEquals(List.of(1), partial.getRicActionsAdmittedList());
        assertEquals(2, partial.getRicActionsNotAdmitted(0).getRicActionId());
        conn.send(subscription(rid(1, 4), 2, 1000, style1));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_ACTION, conn.next().getUnsuccessfulOutcome()
                .getRicSubscriptionFailure().getCause().getRicRequest(), "duplicate request id");
        assertEquals(1, agent.activeSubscriptions());
    }

    @Test
    void controlsAreAppliedAndAcknowledgedOrRefused() throws Exception {
        FakeRic.Conn conn = connect(options().build());
        String cell = model.cellIds(1).get(2);
        conn.send(control(rid(7, 1), 3, txPower(cell, 30), RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK));
        E2apPdu ack = conn.await(p -> p.getSuccessfulOutcome().hasRicControlAcknowledge(), "control ack");
        assertEquals(rid(7, 1), ack.getSuccessfulOutcome().getRicControlAcknowledge().getRicRequestId());
        RcControlOutcome outcome = RcControlOutcome.parseFrom(
                ack.getSuccessfulOutcome().getRicControlAcknowledge().getRicControlOutcome());
        assertEquals(30.0, outcome.getValueAfter());
        assertEquals(30.0, model.txPower(cell));
        assertEquals(1, agent.controlsApplied());

        // the control span is a child of the RIC's trace context
        SpanData span = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("ran.control"))
                .findFirst().orElseThrow();
        assertEquals(SpanKind.CONSUMER, span.getKind());
        assertEquals(PARENT_TRACE, span.getTraceId());
        assertEquals("00f067aa0ba902b7", span.getParentSpanId());
        assertTrue(ack.getTraceContextMap().get("traceparent").contains(PARENT_TRACE));

        // unknown cell
        conn.send(control(rid(7, 2), 3, txPower("00f110:0000fffff", 30), null));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID, conn.next().getUnsuccessfulOutcome()
                .getRicControlFailure().getCause().getRicRequest());
        // a cell of another node
        conn.send(control(rid(7, 3), 3, txPower(model.cellIds(0).get(0), 30), null));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID, conn.next().getUnsuccessfulOutcome()
                .getRicControlFailure().getCause().getRicRequest());
        // out of range
        conn.send(control(rid(7, 4), 3, txPower(cell, 60), null));
        E2apPdu failed = conn.next();
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_FAILED_TO_EXECUTE, failed.getUnsuccessfulOutcome()
                .getRicControlFailure().getCause().getRicRequest());
        assertTrue(RcControlOutcome.parseFrom(failed.getUnsuccessfulOutcome().getRicControlFailure().getRicControlOutcome())
                .getDetail().contains("txPowerDbm"));
        // undecodable
        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(
                RicControlRequest.newBuilder().setRicRequestId(rid(7, 5)).setRanFunctionId(3)
                        .setRicControlMessage(ByteString.copyFrom(new byte[] {(byte) 0xFF, 0x01})))).build());
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID, conn.next().getUnsuccessfulOutcome()
                .getRicControlFailure().getCause().getRicRequest());
        // unknown RAN function
        conn.send(control(rid(7, 6), 99, txPower(cell, 30), null));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID, conn.next().getUnsuccessfulOutcome()
                .getRicControlFailure().getCause().getRicRequest());
        // NO_ACK success: no reply; the next reply belongs to the following request
        conn.send(control(rid(7, 7), 3, RcControlMessage.newBuilder().setCellSleep(CellSleepControl.newBuilder()
                .setCell(E2Ids.parseCellId(cell)).setSleep(true)).build(), RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_NO_ACK));
        conn.send(control(rid(7, 8), 3, txPower(cell, 35), null));
        E2apPdu next = conn.next();
        assertEquals(rid(7, 8), next.getSuccessfulOutcome().getRicControlAcknowledge().getRicRequestId());
        assertTrue(model.isSleeping(cell));
        assertEquals(3, agent.controlsApplied());
        assertEquals(5, agent.controlsRejected());
    }

    @Test
    void handoverControlMovesAUeOfThisNode() throws Exception {
        FakeRic.Conn conn = connect(options().build());
        Object[] pick = RanModelTest.ueWithCloseNeighbour(model, 1);
        UeView ue = (UeView) pick[0];
        String target = (String) pick[1];
        conn.send(control(rid(9, 1), 3, RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder()
                .setUeId(ue.ueId()).setTargetCell(E2Ids.parseCellId(target))).build(), null));
        E2apPdu reply = conn.next();
        double after = RcControlOutcome.parseFrom(reply.getSuccessfulOutcome().getRicControlAcknowledge()
                .getRicControlOutcome()).getValueAfter();
        assertEquals(E2Ids.parseCellId(target).getNrCellIdentity(), (long) after);
        assertEquals(target, model.servingCell(ue.ueId()));
        conn.send(control(rid(9, 2), 3, RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder()
                .setUeId(100_000).setTargetCell(E2Ids.parseCellId(target))).build(), null));
        assertEquals(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID, conn.next().getUnsuccessfulOutcome()
                .getRicControlFailure().getCause().getRicRequest());
    }

    @Test
    void streamClosedByRicMakesTheNodeDropSubscriptionsAndSetUpAgain() throws Exception {
        FakeRic.Conn first = connect(options().build());
        first.send(subscription(rid(3, 1), 2, 100, KpmActionDefinition.newBuilder().setRicStyleType(1).build()));
        first.await(p -> p.getSuccessfulOutcome().hasRicSubscriptionResponse(), "subscription response");
        assertEquals(1, agent.activeSubscriptions());
        CountDown setups = new CountDown(1);
        agent.onSetup(o -> setups.down());

        first.complete();
        FakeRic.Conn second = ric.nextConnection();
        E2apPdu setup = second.await(p -> p.getInitiatingMessage().hasE2SetupRequest(), "second E2 Setup");
        assertEquals(model.globalNodeId(1), setup.getInitiatingMessage().getE2SetupRequest().getGlobalE2NodeId());
        setups.await();
        assertEquals(0, agent.activeSubscriptions());
        assertTrue(agent.isSetUp());
        assertEquals(2, agent.associations());
        assertEquals(2, agent.setupRequestsSent());
        tick(5);
        assertEquals(0, agent.indicationsSent(), "no subscription survived the association");
    }

    @Test
    void agentStartedBeforeTheRicSetsUpWhenTheRicAppears() throws Exception {
        int port = ric.port();
        ric.close();
        agent = new E2NodeAgent(model, 2, options().maxBackoffMs(100).build());
        agent.connect("127.0.0.1", port);
        var future = agent.setupFuture();
        try (FakeRic late = FakeRic.onPort(port)) {
            late.nextConnection();
            assertTrue(future.get(10, TimeUnit.SECONDS).accepted());
            assertTrue(agent.isSetUp());
            assertTrue(agent.associations() >= 1);
        }
    }

    @Test
    void resetErrorIndicationAndOutOfOrderPdus() throws Exception {
        FakeRic.Conn conn = connect(options().skipSetup(true).build());
        assertFalse(agent.isSetUp());
        // a raw PDU from the node goes out as is
        E2apPdu raw = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRanFunctionId(2))).build();
        assertTrue(agent.sendRaw(raw));
        assertEquals(raw, conn.next());
        // the RIC's ErrorIndication is counted and kept
        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setErrorIndication(
                ErrorIndication.newBuilder().setDetail("first PDU must be E2 Setup"))).build());
        // a setup request sent to a node is out of place: the node answers with an ErrorIndication
        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                E2SetupRequest.newBuilder())).build());
        E2apPdu err = conn.next();
        assertEquals(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE,
                err.getInitiatingMessage().getErrorIndication().getCause().getProtocol());
        assertEquals(1, agent.errorIndicationsReceived());
        assertEquals("first PDU must be E2 Setup", agent.lastErrorIndication().getDetail());
        // reset drops subscriptions and is answered with the same transaction id
        conn.send(subscription(rid(4, 1), 2, 100, KpmActionDefinition.newBuilder().setRicStyleType(1).build()));
        conn.await(p -> p.getSuccessfulOutcome().hasRicSubscriptionResponse(), "subscription response");
        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setResetRequest(
                ResetRequest.newBuilder().setTransactionId(42))).build());
        E2apPdu reset = conn.await(p -> p.getSuccessfulOutcome().hasResetResponse(), "reset response");
        assertEquals(42, reset.getSuccessfulOutcome().getResetResponse().getTransactionId());
        assertEquals(0, agent.activeSubscriptions());
        assertNotNull(agent.globalNodeId());
        // a service query is answered with a service update listing what the RIC did not accept
        conn.send(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicServiceQuery(
                io.jric.proto.e2.v1.RicServiceQuery.newBuilder().addRanFunctionsAccepted(
                        io.jric.proto.e2.v1.RanFunctionIdItem.newBuilder().setRanFunctionId(2).setRanFunctionRevision(1))))
                .build());
        var update = conn.next().getInitiatingMessage().getRicServiceUpdate();
        assertEquals(List.of(3), update.getRanFunctionsAddedList().stream().map(RanFunctionItem::getRanFunctionId).toList());
        assertEquals(0, update.getRanFunctionsDeletedCount());
    }

    /** A latch wrapper that fails the test on timeout. */
    private static final class CountDown {
        private final java.util.concurrent.CountDownLatch latch;

        CountDown(int n) {
            latch = new java.util.concurrent.CountDownLatch(n);
        }

        void down() {
            latch.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        }
    }
}
