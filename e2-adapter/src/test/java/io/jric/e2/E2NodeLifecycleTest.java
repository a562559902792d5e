package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeEvent;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.SubscriptionRecord;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.testing.TestGrids;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the RIC keeps of a node over its life: subscriptions made again only for their living owners
 * (after a RIC process died, its records are dropped rather than doubled), and a node gone longer
 * than the retention forgotten with its subscriptions.
 */
class E2NodeLifecycleTest {
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
    void recordsOfADeadRicProcessAreDroppedNotMadeAgainAndOwnOnesAreMadeAgain() throws Exception {
        E2Termination e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build());
        try {
            String nodeId = E2Ids.nodeId(TestNode.gnb(201));
            IgniteCache<String, SubscriptionRecord> records = grid.cache(E2Caches.SUBSCRIPTIONS);
            byte[] details = E2ProtocolTest.kpmSubscription(nodeId).details().toByteArray();
            String local = grid.ignite().cluster().localNode().id().toString();
            // One made by a RIC process that has died (a grid node id no longer in the cluster), one by this one.
            records.put(nodeId + "/1/901", new SubscriptionRecord(nodeId + "/1/901", nodeId, 2, 1, 901, details, 1L,
                    UUID.randomUUID().toString()));
            records.put(nodeId + "/1/902", new SubscriptionRecord(nodeId + "/1/902", nodeId, 2, 1, 902, details, 1L, local));
            try (TestNode node = new TestNode(e2.port())) {
                node.send(TestNode.setup(TestNode.gnb(201), 0x2011));
                node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
                RicRequestId rid = E2ProtocolTest.answerSubscription(node);
                assertEquals(902, rid.getRicInstanceId(), "this process's record is made again");
                E2apPdu another = node.poll(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicSubscriptionRequest(), 500);
                assertNull(another, "the dead process's record is not made again: " + another);
                assertNull(records.get(nodeId + "/1/901"), "and it is gone from the grid");
                assertNotNull(records.get(nodeId + "/1/902"));
                assertEquals(1, e2.stats().orphanSubscriptionsDropped());
            }
        } finally {
            e2.close();
        }
    }

    @Test
    void aNodeGoneLongerThanTheRetentionIsForgottenWithItsSubscriptions() throws Exception {
        E2Termination e2 = E2Termination.start(grid, Telemetry.create(),
                E2Settings.builder().port(0).nodeRetention(Duration.ofMillis(300)).build());
        List<E2NodeEvent> events = new CopyOnWriteArrayList<>();
        e2.nodeService().addListener(events::add);
        try {
            String nodeId = E2Ids.nodeId(TestNode.gnb(202));
            try (TestNode node = new TestNode(e2.port())) {
                node.send(TestNode.setup(TestNode.gnb(202), 0x2021));
                node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
                var sub = e2.subscriptionService().subscribe(E2ProtocolTest.kpmSubscription(nodeId), null);
                E2ProtocolTest.answerSubscription(node);
                sub.get(10, TimeUnit.SECONDS);
                assertEquals(1, recordsOf(nodeId));
            }
            Await.until(() -> e2.nodeService().node(nodeId).isEmpty(), "the node forgotten");
            // The node's record goes first (only that very record: a node back in the meantime keeps its subscriptions),
            // then its subscriptions: wait for them rather than read once between the two.
            Await.until(() -> recordsOf(nodeId) == 0, "its subscription records forgotten too");
            Await.until(() -> e2.subscriptionService().subscriptions().stream().noneMatch(s -> s.nodeId().equals(nodeId)),
                    "its subscriptions gone from the service");
            Await.until(() -> events.stream().anyMatch(e -> e.type() == E2NodeEvent.Type.REMOVED && e.node().nodeId().equals(nodeId)),
                    "a REMOVED event");
            assertTrue(e2.stats().nodesForgotten() >= 1);

            // Back later: a new node, set up and subscribed to afresh.
            try (TestNode node = new TestNode(e2.port())) {
                node.send(TestNode.setup(TestNode.gnb(202), 0x2021));
                node.await(E2ProtocolTest::isSetupResponse, "E2SetupResponse");
                assertTrue(e2.nodeService().node(nodeId).orElseThrow().connected());
                assertFalse(node.poll(p -> p.hasInitiatingMessage() && p.getInitiatingMessage().hasRicSubscriptionRequest(), 300) != null,
                        "nothing of the forgotten node is made again");
            }
        } finally {
            e2.close();
        }
    }

    private static long recordsOf(String nodeId) {
        long n = 0;
        IgniteCache<String, SubscriptionRecord> records = grid.cache(E2Caches.SUBSCRIPTIONS);
        for (var e : records.query(new org.apache.ignite.cache.query.ScanQuery<String, SubscriptionRecord>())) {
            if (e.getValue().nodeId().equals(nodeId)) n++;
        }
        return n;
    }
}
