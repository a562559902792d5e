package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.api.e2.E2Subscription;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.E2TerminationServiceGrpc;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import io.jric.testing.TestGrids;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: one E2 node cannot grow the grid without bound (cells only as declared, UEs up to a
 * per-node limit, drops counted and reported), and a peer that never reads cannot make the RIC hold
 * its replies without bound.
 */
class E2BoundsTest {
    private static RicGrid grid;

    @BeforeAll
    static void startGrid() {
        grid = TestGrids.start();
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @Test
    void recordsOfUndeclaredCellsAndUesBeyondTheLimitAreDroppedAndReported() throws Exception {
        try (E2Termination e2 = E2Termination.start(grid, io.jric.core.internal.telemetry.Telemetry.create(),
                E2Settings.builder().port(0).maxUesPerNode(50).build());
             TestNode node = new TestNode(e2.port())) {
            long gnb = 301;
            long declared = gnb << 4;
            node.send(TestNode.setup(TestNode.gnb(gnb), declared, declared + 1));
            node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
            String nodeId = E2Ids.nodeId(TestNode.gnb(gnb));
            CompletableFuture<E2Subscription> sub = e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId));
            RicRequestId rid = E2ProtocolTest.answerSubscription(node);
            sub.get(10, TimeUnit.SECONDS);

            // 10 indications, each: the 2 declared cells + 2,000 new cell ids, and 30 new UEs (300 in all,
            // the limit is 50) served by a declared cell, plus 5 UEs served by an undeclared cell.
            int undeclaredPerIndication = 2000;
            for (int i = 0; i < 10; i++) {
                KpmIndicationMessage.Builder m = KpmIndicationMessage.newBuilder();
                m.addCells(CellMeasurement.newBuilder().setCell(TestNode.cell(declared)).setPrbUsedDlPct(10));
                m.addCells(CellMeasurement.newBuilder().setCell(TestNode.cell(declared + 1)).setPrbUsedDlPct(20));
                for (int c = 0; c < undeclaredPerIndication; c++) {
                    m.addCells(CellMeasurement.newBuilder().setCell(TestNode.cell(1_000_000L + i * 10_000L + c)));
                }
                for (int u = 0; u < 30; u++) {
                    m.addUes(UeMeasurement.newBuilder().setUeId(gnb * 1_000_000 + i * 100 + u)
                            .setServingCell(TestNode.cell(declared)));
                }
                for (int u = 0; u < 5; u++) {
                    m.addUes(UeMeasurement.newBuilder().setUeId(gnb * 1_000_000 + 90_000 + i * 100 + u)
                            .setServingCell(TestNode.cell(2_000_000L + u)));
                }
                node.send(indication(rid, KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(1_000 + i).build(), m.build()));
            }
            E2apPdu error = node.await(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasErrorIndication(),
                    "Error Indication about the dropped records");
            String detail = error.getInitiatingMessage().getErrorIndication().getDetail();
            assertTrue(detail.contains("did not declare in E2 Setup"), detail);
            awaitCount(() -> e2.stats().indications() == 10, "10 indications");
            // the counter of indications goes up when one arrives; its records are admitted (and counted) after
            awaitCount(() -> e2.stats().undeclaredCellRecords() >= 10L * (undeclaredPerIndication + 5)
                    && e2.stats().ueRecordsOverLimit() >= 300L - 50, "the 10th indication's records admitted");
            assertTrue(e2.flush(10_000));

            assertEquals(10L * (undeclaredPerIndication + 5), e2.stats().undeclaredCellRecords());
            assertEquals(300L - 50, e2.stats().ueRecordsOverLimit());
            IgniteCache<CellKey, CellKpi> cells = grid.cache(KpmCaches.CELL_LATEST);
            long nodeCells = cells.query(new ScanQuery<CellKey, CellKpi>((k, v) -> k.nodeId().equals(nodeId))).getAll().size();
            assertEquals(2, nodeCells, "only the 2 declared cells reach the grid");
            IgniteCache<Long, UeKpi> ues = grid.cache(KpmCaches.UE_LATEST);
            long nodeUes = ues.query(new ScanQuery<Long, UeKpi>((k, v) -> nodeId.equals(v.nodeId()))).getAll().size();
            assertEquals(50, nodeUes, "UEs up to the per-node limit");
        }
    }

    @Test
    void aSetupDeclaringTooManyCellsIsRefused() throws Exception {
        try (E2Termination e2 = E2Termination.start(grid, io.jric.core.internal.telemetry.Telemetry.create(),
                E2Settings.builder().port(0).maxCellsPerNode(4).build());
             TestNode node = new TestNode(e2.port())) {
            node.send(TestNode.setup(TestNode.gnb(302), 1, 2, 3, 4, 5));
            E2apPdu failure = node.await(p -> p.hasUnsuccessfulOutcome() && p.getUnsuccessfulOutcome().hasE2SetupFailure(),
                    "E2SetupFailure");
            assertNotNull(failure);
            assertEquals(1, e2.stats().setupsRejected());
        }
    }

    @Test
    void aPeerThatNeverReadsIsClosedInsteadOfBufferedWithoutBound() throws Exception {
        try (E2Termination e2 = E2Termination.start(grid, io.jric.core.internal.telemetry.Telemetry.create(),
                E2Settings.builder().port(0).maxOutboundBytes(256 << 10).build())) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", e2.port()).usePlaintext()
                    .flowControlWindow(64 << 10).directExecutor().build();
            try {
                ClientCall<byte[], E2apPdu> call = channel.newCall(TestNode.RAW_CONNECT, CallOptions.DEFAULT);
                CompletableFuture<Status> closed = new CompletableFuture<>();
                call.start(new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                }, new Metadata());
                // Never call.request(): the RIC's answers (an Error Indication per malformed frame) pile up.
                byte[] garbage = {(byte) 0xff, 0x01, 0x02};
                int sent = 0;
                while (e2.stats().streamsClosedNotReading() == 0 && sent < 400_000) {
                    call.sendMessage(garbage);
                    sent++;
                    if (sent % 1000 == 0) {
                        // let the RIC catch up so the client's own buffers stay small
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (!call.isReady() && System.nanoTime() < deadline && e2.stats().streamsClosedNotReading() == 0) {
                            Thread.sleep(1);
                        }
                    }
                }
                assertEquals(1, e2.stats().streamsClosedNotReading(), "stream closed after " + sent + " frames");
                System.out.println("E2BoundsTest: a peer that never reads was closed after " + sent + " frames ("
                        + e2.stats().errorIndicationsSent() + " Error Indications answered)");
                assertTrue(e2.stats().errorIndicationsSent() > 0);
                call.cancel("test done", null);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static E2apPdu indication(RicRequestId rid, KpmIndicationHeader h, KpmIndicationMessage m) {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRicRequestId(rid).setRanFunctionId(2).setRicActionId(1)
                        .setRicIndicationHeader(h.toByteString()).setRicIndicationMessage(m.toByteString()))).build();
    }

    private static void awaitCount(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(5);
        }
    }
}
