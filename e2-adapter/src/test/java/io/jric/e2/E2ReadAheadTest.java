package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import io.jric.testing.TestGrids;
import io.jric.testing.TestTelemetry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While the grid writers are behind (ingest backlog above its high-water mark), an association stops reading its
 * node's indications; an answer the RIC awaits from that node (here a RIC Control Acknowledge) shares the stream and
 * must not wait behind them until the writers catch up: the association reads on, a bounded number of indications.
 */
class E2ReadAheadTest {
    private static final long GNB = 301;
    private static final long NCI = GNB << 4;
    private static final int UES = 200;   // records per indication: 1 cell + 200 UEs

    private static RicGrid grid;

    @BeforeAll
    static void startGrid() {
        grid = TestGrids.start();
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    private static E2apPdu indication(RicRequestId rid, int n) {
        return indication(rid, n, NCI);
    }

    private static E2apPdu indication(RicRequestId rid, int n, long nci) {
        KpmIndicationMessage.Builder m = KpmIndicationMessage.newBuilder()
                .addCells(CellMeasurement.newBuilder().setCell(TestNode.cell(nci)).setPrbUsedDlPct(50).setActiveUes(UES));
        for (int u = 0; u < UES; u++) {
            m.addUes(UeMeasurement.newBuilder().setUeId(u + 1).setServingCell(TestNode.cell(nci)).setRsrpDbm(-90).setCqi(9));
        }
        return TestNode.rawIndication(rid, 2,
                KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(1_700_000_000_000L + n).build().toByteString(),
                m.build().toByteString());
    }

    /** Waits until the count has not moved for the given time, and returns it. */
    private static long settled(LongSupplier count, long quietMs) throws InterruptedException {
        long last = count.getAsLong();
        long since = System.nanoTime();
        while (System.nanoTime() - since < TimeUnit.MILLISECONDS.toNanos(quietMs)) {
            Thread.sleep(20);
            long now = count.getAsLong();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    @Test
    void aControlAcknowledgementIsReadPastIndicationsHeldBackForTheGridWriters() throws Exception {
        E2Termination e2 = E2Termination.start(grid, new TestTelemetry().telemetry(), E2Settings.builder().port(0)
                .ingestQueueRecords(1000).ingestWriters(1).build());
        CountDownLatch hold = new CountDownLatch(1);
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(GNB), NCI));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            String nodeId = E2Ids.nodeId(TestNode.gnb(GNB));
            e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            RicRequestId rid = E2ProtocolTest.answerSubscription(node);
            Await.until(() -> e2.nodeManager().association(nodeId) != null
                    && e2.nodeManager().association(nodeId).subscriptionIsActive(rid), "the subscription active");

            e2.ingest().holdWriters = hold;   // the grid writers stop: every indication stays in the backlog
            int sent = 60;
            for (int i = 0; i < sent; i++) node.send(indication(rid, i));
            // 201 records each against a mark of 1,000: the association pauses after a few, holding the rest unread.
            long readWhilePaused = settled(() -> e2.stats().indications(), 500);
            assertTrue(e2.stats().backpressurePauses() > 0, "the association paused");
            assertTrue(readWhilePaused < sent, "indications held back unread: " + readWhilePaused + " of " + sent);

            CompletableFuture<ControlOutcome> outcome = e2.controlService().control(nodeId,
                    RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build(),
                    RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder().setCell(TestNode.cell(NCI))
                            .setTxPowerDbm(40)).build(), Duration.ofSeconds(20));
            RicControlRequest r = node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicControlRequest(),
                    "RICcontrolRequest").getInitiatingMessage().getRicControlRequest();
            node.send(E2apPdu.newBuilder().setSuccessfulOutcome(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(
                    RicControlAcknowledge.newBuilder().setRicRequestId(r.getRicRequestId()).setRanFunctionId(3))).build());

            // The acknowledgement is behind the unread indications; with the writers still held it arrives all the same.
            ControlOutcome o = outcome.get(15, TimeUnit.SECONDS);
            assertEquals(ControlStatus.ACK, o.status(), o.detail());
            assertEquals(sent, e2.stats().indications(), "every indication before the acknowledgement was read");
            assertTrue(e2.stats().readAheads() > 0 && e2.stats().readAheads() <= Association.READ_AHEAD_PDUS,
                    "read ahead, bounded: " + e2.stats().readAheads());
            assertEquals(1, hold.getCount(), "the writers were held throughout");

            // With no answer awaited the association pauses again: later indications stay unread.
            int more = 40;
            for (int i = 0; i < more; i++) node.send(indication(rid, sent + i));
            long later = settled(() -> e2.stats().indications(), 500);
            assertTrue(later < sent + more, "paused again after the answer: " + later + " of " + (sent + more));

            hold.countDown();
            Await.until(() -> e2.stats().indications() == sent + more, "the held indications read once the writers catch up");
            assertTrue(e2.flush(30_000));
            assertEquals(0, e2.ingest().backlog(), "nothing left in the backlog");
            assertEquals(0, e2.ingest().writeErrors());
        } finally {
            hold.countDown();
            e2.close();
        }
    }

    @Test
    void aPausedNodeAddsAtMostTheIndicationThatCrossedTheMarkToTheBacklog() throws Exception {
        int mark = 1000;
        E2Termination e2 = E2Termination.start(grid, new TestTelemetry().telemetry(), E2Settings.builder().port(0)
                .ingestQueueRecords(mark).ingestWriters(1).build());
        CountDownLatch hold = new CountDownLatch(1);
        try (TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(GNB + 1), NCI + 16));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            String nodeId = E2Ids.nodeId(TestNode.gnb(GNB + 1));
            e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            RicRequestId rid = E2ProtocolTest.answerSubscription(node);
            Await.until(() -> e2.nodeManager().association(nodeId) != null
                    && e2.nodeManager().association(nodeId).subscriptionIsActive(rid), "the subscription active");

            e2.ingest().holdWriters = hold;
            int sent = 40;
            for (int i = 0; i < sent; i++) node.send(indication(rid, i, NCI + 16));
            long read = settled(() -> e2.stats().indications(), 500);
            int perIndication = 1 + UES;
            long backlog = e2.ingest().backlog();
            assertTrue(e2.stats().backpressurePauses() > 0, "the association paused");
            // Below the mark every indication is taken; the one that crosses it is taken too, and then nothing more:
            // what the transport had already been asked for would otherwise follow it into the backlog.
            assertTrue(backlog > mark && backlog <= mark + perIndication,
                    "backlog " + backlog + " records for a mark of " + mark + " and " + perIndication + " per indication");
            assertEquals(mark / perIndication + 1, read, "indications read before the pause");

            hold.countDown();
            Await.until(() -> e2.stats().indications() == sent, "the held indications read once the writers catch up");
            assertTrue(e2.flush(30_000));
            assertEquals(0, e2.ingest().backlog(), "nothing left in the backlog");
        } finally {
            hold.countDown();
            e2.close();
        }
    }
}
