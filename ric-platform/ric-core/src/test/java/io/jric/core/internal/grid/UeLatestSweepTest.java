package io.jric.core.internal.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.util.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.binary.BinaryObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ric.kpm.ue.latest} without Ignite's per-entry expiry (issue 17): a record received {@code ueExpiry} ago is not
 * fresh for readers, a sweep round removes it (only if it is still stale), a round removes at most its bound, and a
 * record without a receive time is stamped and expires later. The rounds run with a given clock, no timing.
 */
@Timeout(120)
class UeLatestSweepTest {
    /** Long enough that the node's own scheduled sweep (real clock, every 15 s) never finds these records stale. */
    private static final Duration EXPIRY = Duration.ofHours(1);
    private static final long E = EXPIRY.toMillis();
    private static RicGrid grid;
    private static Path workDir;
    private static IgniteCache<Long, UeKpi> ues;

    @BeforeAll
    static void startGrid() {
        workDir = RicGridTest.tempDir("jric-ue-sweep");
        grid = RicGrid.start(GridSettings.builder()
                .instanceName("ue-sweep-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1)
                .communicationPort(FreePorts.pair())
                .workDir(workDir).dataRegionBytes(128L << 20).backups(0)
                .ueExpiry(EXPIRY).build());
        ues = grid.cache(KpmCaches.UE_LATEST);
    }

    @AfterAll
    static void stopGrid() {
        try {
            if (grid != null) grid.close();
        } finally {
            RicGridTest.deleteTree(workDir);
        }
    }

    @BeforeEach
    void empty() {
        ues.clear();
    }

    private static UeKpi ue(long id, long receivedAtMs) {
        return new UeKpi().ueId(id).nodeId("gnb:1").servingCellId("00f110:000000001").timestampMs(1_700_000_000_000L)
                .receivedAtMs(receivedAtMs);
    }

    private static UeLatestSweep sweep(int max) {
        return new UeLatestSweep(grid, false, max);
    }

    @Test
    void aRecordReceivedTheExpiryAgoIsAbsentForReadersAndTheSweepRemovesIt() {
        long t0 = System.currentTimeMillis();
        ues.put(1L, ue(1, t0));
        ues.put(2L, ue(2, t0 - E));          // exactly the expiry ago: expired (as with a time to live)
        ues.put(3L, ue(3, t0 - E + 1_000));  // a second younger: still there
        assertTrue(UeLatestSweep.fresh(ues.get(1L), t0, E));
        assertFalse(UeLatestSweep.fresh(ues.get(2L), t0, E), "expired, before any sweep");
        assertTrue(UeLatestSweep.fresh(ues.get(3L), t0, E));
        assertFalse(UeLatestSweep.fresh(null, t0, E));

        UeLatestSweep s = sweep(UeLatestSweep.MAX_REMOVED_PER_ROUND);
        assertEquals(1, s.once(t0));
        assertNull(ues.get(2L), "removed by the sweep");
        assertNotNull(ues.get(1L));
        assertNotNull(ues.get(3L));
        assertEquals(2, ues.size());
        assertEquals(1, s.once(t0 + 1_000), "the next second's round takes the next one");
        assertNull(ues.get(3L));
        assertEquals(2L, s.view().get("removed"));
    }

    @Test
    void aReportThatArrivedAfterTheScanIsNotRemoved() {
        long t0 = System.currentTimeMillis();
        ues.put(7L, ue(7, t0 - 2 * E));
        // The sweep saw it stale; a fresh report comes in before the removal reaches the entry.
        ues.put(7L, ue(7, t0));
        IgniteCache<Long, BinaryObject> bin = ues.withKeepBinary();
        assertFalse(bin.invoke(7L, new UeLatestSweep.RemoveIfStale(t0 - E)));
        assertEquals(t0, ues.get(7L).receivedAtMs());
    }

    @Test
    void aRoundRemovesAtMostItsBoundAndCountsTheRoundsThatHitIt() {
        long t0 = System.currentTimeMillis();
        for (long i = 100; i < 125; i++) ues.put(i, ue(i, t0 - 2 * E));
        ues.put(999L, ue(999, t0));
        UeLatestSweep s = sweep(10);
        assertEquals(10, s.once(t0));
        assertEquals(16, ues.size());
        assertEquals(10, s.once(t0));
        assertEquals(5, s.once(t0));
        assertEquals(0, s.once(t0));
        assertEquals(1, ues.size(), "only the fresh record is left");
        assertEquals(25L, s.view().get("removed"));
        assertEquals(2L, s.view().get("cappedRounds"), "the first two rounds met the bound");
        assertEquals(4L, s.view().get("rounds"));
    }

    @Test
    void aRecordWithoutAReceiveTimeIsStampedByTheFirstRoundAndExpiresAfterIt() {
        long t0 = System.currentTimeMillis();
        ues.put(42L, ue(42, 0));
        assertTrue(UeLatestSweep.fresh(ues.get(42L), t0 + 10 * E, E), "no receive time: counts as fresh");
        UeLatestSweep s = sweep(UeLatestSweep.MAX_REMOVED_PER_ROUND);
        assertEquals(0, s.once(t0));
        long stamped = ues.get(42L).receivedAtMs();
        assertNotEquals(0L, stamped, "stamped");
        assertEquals(0, s.once(stamped + E - 1));
        assertNotNull(ues.get(42L));
        assertEquals(1, s.once(stamped + E));
        assertNull(ues.get(42L));
    }
}
