package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jric.api.kpm.KpmCaches;
import io.jric.api.kpm.UeKpi;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.NeighbourRelation;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.IgniteCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The neighbour relation learned from UE records in a real grid, remembered while a cell is dark. */
class NeighbourLearnerTest {
    private static RicGrid grid;
    private static final String A = "00f110:000004001";
    private static final String B = "00f110:000004002";
    private static final String C = "00f110:000004003";
    private static final String D = "00f110:000004004";

    @BeforeAll
    static void startGrid() throws IOException {
        grid = RicGrid.start(GridSettings.builder().instanceName("neighbour-test-" + ProcessHandle.current().pid())
                .discoveryPort(FreePorts.pair()).discoveryPortRange(1).communicationPort(FreePorts.pair())
                .workDir(Files.createTempDirectory("jric-neighbours")).dataRegionBytes(128L << 20).backups(0).build());
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }


    private static UeKpi ue(long id, String serving, String... neighbours) {
        return new UeKpi().ueId(id).nodeId("gnb:1").servingCellId(serving).neighbourCellIds(neighbours);
    }

    @Test
    void cellsUesMeasureAreNeighboursBothWaysMostSeenFirstAndStayKnownWhileTheCellIsDark() {
        IgniteCache<Long, UeKpi> ues = grid.cache(KpmCaches.UE_LATEST);
        IgniteCache<String, NeighbourRelation> relations = grid.cache(KpmCaches.NEIGHBOURS);
        ues.put(1L, ue(1, A, B, C));
        ues.put(2L, ue(2, A, B));
        ues.put(3L, ue(3, B, A));
        ues.put(4L, ue(4, D, A));
        try (NeighbourLearner learner = new NeighbourLearner(grid, 0)) {
            assertEquals(4, learner.once(1_000));
            assertEquals(List.of(B, C, D), NeighbourLearner.neighbours(relations, A), "B seen by 3 UEs, then C and D by one");
            assertEquals(List.of(A), NeighbourLearner.neighbours(relations, B));
            assertEquals(List.of(A), NeighbourLearner.neighbours(relations, D), "D's UEs measured A: A is D's neighbour");
            // A goes dark: its UEs leave, nobody measures it any more. Its neighbours stay known.
            ues.removeAll(java.util.Set.of(1L, 2L, 3L, 4L));
            ues.put(5L, ue(5, B, C));
            learner.once(2_000);
            assertEquals(List.of(B, C, D), NeighbourLearner.neighbours(relations, A));
            assertEquals(List.of(A, C), NeighbourLearner.neighbours(relations, B), "A remembered (3 UEs), C seen now (1)");
            assertEquals(List.of(), NeighbourLearner.neighbours(relations, "00f110:000004009"));
        }
    }

    @Test
    void aRelationForgetsOldNeighboursAndKeepsTheMostSeen() {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 40; i++) seen.put(String.format("00f110:%09x", i), i);
        NeighbourRelation r = NeighbourRelation.merge(null, seen, 100, 0);
        assertEquals(NeighbourRelation.MAX_NEIGHBOURS, r.cells().size());
        assertEquals(String.format("00f110:%09x", 39), r.cells().get(0));
        NeighbourRelation later = NeighbourRelation.merge(r, Map.of("00f110:0000000ff", 1), 5_000, 200);
        assertEquals(List.of("00f110:0000000ff"), later.cells(), "neighbours last seen before 200 are forgotten");
    }
}
