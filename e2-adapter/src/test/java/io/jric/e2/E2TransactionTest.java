package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2Subscription;
import io.jric.api.e2.E2SubscriptionException;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.jric.testing.TestGrids;
import io.jric.testing.TestTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Subscription timeouts and retries, control outcomes and the control log, trace propagation. */
class E2TransactionTest {
    private static RicGrid grid;
    private TestTelemetry tracing;
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
        tracing = new TestTelemetry();
        e2 = E2Termination.start(grid, tracing.telemetry(), E2Settings.builder().port(0)
                .subscriptionTimeout(Duration.ofMillis(300)).subscriptionRetries(1).build());
    }

    @AfterEach
    void stopE2() {
        e2.close();
    }

    private TestNode connect(long gnbId) throws InterruptedException {
        TestNode node = new TestNode(e2.port());
        node.send(TestNode.setup(TestNode.gnb(gnbId), gnbId << 4));
        node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
        return node;
    }

    private static boolean isSubscriptionRequest(E2apPdu p) {
        return p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicSubscriptionRequest();
    }

    private static boolean isControlRequest(E2apPdu p) {
        return p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicControlRequest();
    }

    @Test
    void anUnansweredSubscriptionIsResentThenSucceeds() throws Exception {
        try (TestNode node = connect(201)) {
            String nodeId = E2Ids.nodeId(TestNode.gnb(201));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            E2apPdu first = node.await(E2TransactionTest::isSubscriptionRequest, "first RICsubscriptionRequest");
            // Ignore the first; the RIC resends after its timeout and the node answers that one.
            RicRequestId rid = E2ProtocolTest.answerSubscription(node);
            assertEquals(first.getInitiatingMessage().getRicSubscriptionRequest().getRicRequestId(), rid);
            E2Subscription s = sub.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(1), s.admittedActions());
            assertEquals(1, e2.stats().retries());
            assertEquals(1, e2.subscriptionService().subscriptions().size());
        }
    }

    @Test
    void aSubscriptionNobodyAnswersFailsNamingTheAttempts() throws Exception {
        try (TestNode node = connect(202)) {
            String nodeId = E2Ids.nodeId(TestNode.gnb(202));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            ExecutionException e = assertThrows(ExecutionException.class, () -> sub.get(10, TimeUnit.SECONDS));
            assertInstanceOf(E2SubscriptionException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("after 2 attempt(s)"), e.getCause().getMessage());
            for (Cache.Entry<String, Object> r : grid.<String, Object>cache(E2Caches.SUBSCRIPTIONS).query(new ScanQuery<String, Object>())) {
                assertTrue(!r.getKey().startsWith(nodeId + "/"), "failed subscription remembered: " + r.getKey());
            }
        }
    }

    @Test
    void aRefusedSubscriptionCarriesTheNodesCause() throws Exception {
        try (TestNode node = connect(203)) {
            String nodeId = E2Ids.nodeId(TestNode.gnb(203));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            E2apPdu req = node.await(E2TransactionTest::isSubscriptionRequest, "RICsubscriptionRequest");
            node.send(E2apPdu.newBuilder().setUnsuccessfulOutcome(UnsuccessfulOutcome.newBuilder().setRicSubscriptionFailure(
                    RicSubscriptionFailure.newBuilder()
                            .setRicRequestId(req.getInitiatingMessage().getRicSubscriptionRequest().getRicRequestId())
                            .setRanFunctionId(2).setCause(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED))))
                    .build());
            ExecutionException e = assertThrows(ExecutionException.class, () -> sub.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("ricRequest:ACTION_NOT_SUPPORTED"), e.getCause().getMessage());
        }
    }

    @Test
    void subscribingOnAnUnknownNodeOrFunctionFailsClearly() {
        ExecutionException unknown = assertThrows(ExecutionException.class, () -> e2.subscriptionService()
                .subscribe(E2ProtocolTest.kpmSubscription("gnb:00f110:1/22")).get(5, TimeUnit.SECONDS));
        assertTrue(unknown.getCause().getMessage().contains("is not connected"), unknown.getCause().getMessage());
    }

    private static RcControlMessage txPower(long nci, float dbm) {
        return RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                .setCell(TestNode.cell(nci)).setTxPowerDbm(dbm)).build();
    }

    private static final RcControlHeader HEADER = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();

    @Test
    void controlAckFailureTimeoutAndRefusalAreOutcomesAndLogged() throws Exception {
        try (TestNode node = connect(204)) {
            String nodeId = E2Ids.nodeId(TestNode.gnb(204));

            CompletableFuture<ControlOutcome> acked = e2.controlService().control(nodeId, HEADER, txPower(204 << 4, 30f),
                    Duration.ofSeconds(5));
            E2apPdu req = node.await(E2TransactionTest::isControlRequest, "RICcontrolRequest");
            RicControlRequest r = req.getInitiatingMessage().getRicControlRequest();
            assertEquals(3, r.getRanFunctionId(), "sent to the node's RC function");
            assertEquals(30f, RcControlMessage.parseFrom(r.getRicControlMessage()).getTxPower().getTxPowerDbm());
            node.send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(
                    RicControlAcknowledge.newBuilder().setRicRequestId(r.getRicRequestId()).setRanFunctionId(3))).build());
            ControlOutcome ok = acked.get(5, TimeUnit.SECONDS);
            assertEquals(ControlStatus.ACK, ok.status());
            assertTrue(ok.roundTripNanos() > 0);

            CompletableFuture<ControlOutcome> failed = e2.controlService().control(nodeId, HEADER, txPower(204 << 4, 99f),
                    Duration.ofSeconds(5));
            RicControlRequest r2 = node.await(E2TransactionTest::isControlRequest, "RICcontrolRequest")
                    .getInitiatingMessage().getRicControlRequest();
            node.send(E2apPdu.newBuilder().setUnsuccessfulOutcome(UnsuccessfulOutcome.newBuilder().setRicControlFailure(
                    RicControlFailure.newBuilder().setRicRequestId(r2.getRicRequestId()).setRanFunctionId(3)
                            .setCause(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_FAILED_TO_EXECUTE)))).build());
            ControlOutcome no = failed.get(5, TimeUnit.SECONDS);
            assertEquals(ControlStatus.FAILURE, no.status());
            assertEquals("ricRequest:CONTROL_FAILED_TO_EXECUTE", no.detail());

            ControlOutcome late = e2.controlService().control(nodeId, HEADER, txPower(204 << 4, 31f), Duration.ofMillis(200))
                    .get(5, TimeUnit.SECONDS);
            assertEquals(ControlStatus.TIMEOUT, late.status());

            ControlOutcome refused = e2.controlService().control("gnb:00f110:dead/22", HEADER, txPower(1, 30f), null)
                    .get(5, TimeUnit.SECONDS);
            assertEquals(ControlStatus.REFUSED, refused.status());
            assertTrue(refused.detail().contains("not connected"), refused.detail());

            assertTrue(e2.flush(10_000));
            List<String> statuses = new ArrayList<>();
            for (Cache.Entry<Long, ControlLogEntry> e : grid.<Long, ControlLogEntry>cache(E2Caches.CONTROL_LOG)
                    .query(new ScanQuery<Long, ControlLogEntry>())) {
                statuses.add(e.getValue().status());
            }
            assertTrue(statuses.containsAll(List.of("ACK", "FAILURE", "TIMEOUT", "REFUSED")), statuses.toString());
        }
    }

    @Test
    void traceContextCrossesTheGrpcHopBothWays() throws Exception {
        try (TestNode node = connect(205)) {
            String nodeId = E2Ids.nodeId(TestNode.gnb(205));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            RicRequestId rid = E2ProtocolTest.answerSubscription(node);
            sub.get(10, TimeUnit.SECONDS);

            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String parentSpan = "00f067aa0ba902b7";
            node.send(TestNode.indication(rid, 2, 205 << 4, 10f, 5_000).toBuilder()
                    .putTraceContext("traceparent", "00-" + traceId + "-" + parentSpan + "-01").build());
            assertTrue(e2.flush(10_000));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            SpanData ind = null;
            while (ind == null && System.nanoTime() < deadline) {
                ind = tracing.exporter().getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals("e2.indication")).findFirst().orElse(null);
            }
            assertNotNull(ind, "no e2.indication span");
            assertEquals(traceId, ind.getTraceId());
            assertEquals(parentSpan, ind.getParentSpanId());
            assertEquals(SpanKind.CONSUMER, ind.getKind());

            CompletableFuture<ControlOutcome> c = e2.controlService().control(nodeId, HEADER, txPower(205 << 4, 30f),
                    Duration.ofSeconds(5));
            E2apPdu req = node.await(E2TransactionTest::isControlRequest, "RICcontrolRequest");
            String traceparent = req.getTraceContextMap().get("traceparent");
            assertNotNull(traceparent, "control request carries no trace context");
            node.send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(
                    RicControlAcknowledge.newBuilder().setRicRequestId(req.getInitiatingMessage().getRicControlRequest()
                            .getRicRequestId()).setRanFunctionId(3))).build());
            c.get(5, TimeUnit.SECONDS);
            // The caller hears first; the span ends right after, on the transport thread.
            SpanData control = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (control == null && System.nanoTime() < until) {
                control = tracing.exporter().getFinishedSpanItems().stream()
                        .filter(s -> s.getName().equals("e2.control")).findFirst().orElse(null);
            }
            assertNotNull(control, "no e2.control span");
            assertTrue(traceparent.startsWith("00-" + control.getTraceId() + "-" + control.getSpanId() + "-"), traceparent);
        }
    }
}
