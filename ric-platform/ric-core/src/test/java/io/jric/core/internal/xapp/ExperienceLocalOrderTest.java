package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jric.core.internal.grid.ExperienceKey;
import io.jric.core.internal.grid.ExperienceRow;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rows a grid node reads locally for federated training and scoring ({@link ExperienceStore#localRows}) are kept and
 * ordered by decision time, then row id: the same rows met in any scan order give the same list, and the cut at the limit
 * among rows of one decision time is by row id. No grid: the bounded heap alone.
 */
class ExperienceLocalOrderTest {
    private static ExperienceRow row(long ue, long timeMs) {
        return new ExperienceRow("handover", "gnb-1", "cell-1", ue, timeMs, timeMs, 3000, new String[] {"f"}, new double[] {ue},
                new String[] {"a"}, new double[] {0}, new String[] {"o"});
    }

    private static List<Long> read(List<Object[]> rows, int limit) {
        ExperienceStore.Newest n = new ExperienceStore.Newest(limit);
        for (Object[] r : rows) n.add((ExperienceKey) r[0], (ExperienceRow) r[1]);
        List<Long> ues = new ArrayList<>();
        for (ExperienceRow r : n.rows()) ues.add(r.ueId());
        return ues;
    }

    @Test
    void rowsOfOneTimeAreKeptAndOrderedByRowIdWhateverTheScanOrder() {
        List<Object[]> rows = new ArrayList<>();
        // 40 UEs' rows at 4 decision times (same node and cell); the row id is not the UE's order
        for (int t = 0; t < 4; t++) {
            for (long ue = 0; ue < 10; ue++) {
                long id = 1000L * t + (ue * 7) % 10;
                rows.add(new Object[] {new ExperienceKey("gnb-1", "handover", id), row(100 * t + ue, 1000L * t)});
            }
        }
        List<Long> first = read(rows, 25);
        assertEquals(25, first.size());
        for (int k = 0; k < 5; k++) {
            Collections.shuffle(rows, new Random(k));
            assertEquals(first, read(rows, 25), "the same rows in another scan order");
        }
        // the newest 25: times 3, 2 and the 5 highest ids of time 1 (ids 1005..1009: UEs 5, 8, 1, 4, 7, as id = 7 * ue mod 10)
        assertEquals(List.of(105L, 108L, 101L, 104L, 107L), first.subList(0, 5));
        assertEquals(List.of(300L, 303L, 306L, 309L, 302L), first.subList(15, 20));
    }
}
