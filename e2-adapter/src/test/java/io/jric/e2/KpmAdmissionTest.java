package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.proto.E2Ids;
import org.junit.jupiter.api.Test;

/** The per-node UE admission (a primitive map since issue 17) and the decoder's cell-id cache. */
class KpmAdmissionTest {
    @Test
    void admitsUpToTheLimitKeepsReportedUesAndFreesIdleOnes() {
        KpmAdmission a = new KpmAdmission(100, 5_000);
        for (long ue = 0; ue < 100; ue++) assertTrue(a.admitUe(ue * 7919, 1_000), "UE " + ue);
        assertEquals(100, a.admittedUes());
        assertFalse(a.admitUe(-1, 1_000), "the 101st UE is refused");
        for (long ue = 0; ue < 50; ue++) assertTrue(a.admitUe(ue * 7919, 4_000), "a known UE keeps its place");
        // 1 s later than the last sweep attempt, the 50 UEs not reported since 1,000 ms are idle for 5 s: freed
        assertTrue(a.admitUe(-1, 6_500));
        assertEquals(51, a.admittedUes());
        assertTrue(a.admitUe(0, 6_500));
        for (long ue = 1; ue <= 60; ue++) a.admitUe(-1 - ue, 6_500);
        assertEquals(100, a.admittedUes(), "never more than the limit");
    }

    @Test
    void lastSeenGrowsAndRemovesLikeAMap() {
        KpmAdmission.LastSeen m = new KpmAdmission.LastSeen();
        java.util.Map<Long, Long> ref = new java.util.HashMap<>();
        java.util.Random r = new java.util.Random(17);
        for (int i = 0; i < 20_000; i++) {
            long k = r.nextInt(3_000) - 1_000L;
            long v = r.nextInt(1_000);
            if (!m.touch(k, v)) m.put(k, v);
            ref.put(k, v);
            if (i % 5_000 == 4_999) {
                m.removeOlderThan(500);
                ref.values().removeIf(x -> x < 500);
            }
            assertEquals(ref.size(), m.size());
        }
        for (long k = -1_000; k < 2_000; k++) assertEquals(ref.getOrDefault(k, -7L), m.get(k, -7));
    }

    @Test
    void cellIdCacheGivesTheCanonicalIds() {
        KpmDecoder.CellIds ids = new KpmDecoder.CellIds();
        ByteString plmn = ByteString.copyFrom(new byte[] {0x00, (byte) 0xf1, 0x10});
        ByteString other = ByteString.copyFrom(new byte[] {0x13, (byte) 0xf0, (byte) 0x84});
        for (int round = 0; round < 3; round++) {
            for (long nci = 0; nci < 500; nci += 7) {
                assertEquals(E2Ids.cellId(plmn, nci << 14), ids.of(plmn, nci << 14));
                assertEquals(E2Ids.cellId(other, nci << 14), ids.of(other, nci << 14));
            }
        }
    }
}
