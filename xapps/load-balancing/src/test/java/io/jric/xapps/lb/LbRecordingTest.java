package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.SimConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the load-balancing xApp records (no RIC: {@link io.jric.xapps.ml.SimHost} with a collecting recorder, seeded):
 * one two-cell row per move, with the moved cell's and its peer's model inputs and the move as the action; and the same
 * run without a recorder sends exactly the same controls (recording never changes a decision). Bounded: 2 simulated
 * minutes per run.
 */
class LbRecordingTest {
    @Test
    void eachOffsetMoveIsRecordedOnceAndRecordingChangesNoDecision() throws Exception {
        SimConfig cfg = SimConfig.defaults().toBuilder().seed(31).build();
        byte[] bundle = TrainerTest.small().toBytes();
        LbRows.Run with = LbRows.run(cfg, 120, bundle, null, null, true);
        LbRows.Run without = LbRows.run(cfg, 120, bundle, null, null, false);
        assertEquals(without.controls(), with.controls(), "the same controls with and without recording");
        long moves = with.metrics().getOrDefault("cio.changes", 0L);
        long noPeer = with.metrics().getOrDefault("experience.noPeer", 0L);
        System.out.printf("one layer: %d offset moves, %d rows, %d without a neighbour, %d with both outcomes%n", moves,
                with.recorded().size(), noPeer, with.rows().size());
        assertTrue(with.recorded().size() >= 5, "moves recorded: " + with.recorded().size());
        assertEquals(moves, with.recorded().size() + noPeer, "one row per move");
        assertEquals(0, with.metrics().getOrDefault("experience.errors", 0L));
        for (Object[] r : with.recorded()) {
            @SuppressWarnings("unchecked") Map<String, Double> f = (Map<String, Double>) r[5];
            @SuppressWarnings("unchecked") Map<String, Double> a = (Map<String, Double>) r[6];
            assertNotEquals(r[2], r[4], "the peer is another cell");
            assertEquals(2 * LbModel.INPUT_FEATURES.size() + 1, f.size(), f.toString());
            for (String k : LbModel.INPUT_FEATURES) assertTrue(f.containsKey(k) && f.containsKey("peer." + k), k);
            assertTrue(f.get("pairEdgePrb") > 0, "the peer shares border PRBs with the cell: " + f);
            assertNotEquals(0.0, a.get("cioChangeDb"), a.toString());
            assertEquals(f.get("cioChangeDb"), a.get("cioChangeDb"), 1e-6, "the change the planner scored is the one asked for");
            assertEquals(f.get("cioDb") + a.get("cioChangeDb"), a.get("cioDb"), 1e-6);
            assertEquals(f.get("peer.cioDb") + a.get("peer.cioChangeDb"), a.get("peer.cioDb"), 1e-6);
            assertTrue(a.get("cioDb") >= 0 && a.get("cioDb") <= 3, "pull only, at most the RAN's hysteresis: " + a);
        }
        for (var s : with.rows()) {
            assertTrue(s.outcome().containsKey("prbUsedDlPct") && s.outcome().containsKey("peer.prbUsedDlPct"), s.outcome().toString());
        }
    }

    @Test
    void layerMovesAreRecordedAsCoverageToCapacityPairsAndChangeNoDecision() throws Exception {
        SimConfig cfg = SimConfig.preset("two-layer-ftp3").seed(777).gnbs(3).ues(150).build();
        String layers = Evaluate.layerConfig(cfg);
        LbRows.Run with = LbRows.run(cfg, 120, null, null, layers, true);
        LbRows.Run without = LbRows.run(cfg, 120, null, null, layers, false);
        assertEquals(without.controls(), with.controls(), "the same controls with and without recording");
        long moves = with.metrics().getOrDefault("layer.changes", 0L);
        System.out.printf("two layers: %d layer moves, %d rows%n", moves, with.recorded().size());
        assertTrue(moves >= 1, "the coverage layer is offloaded: " + with.metrics());
        assertEquals(moves, with.recorded().size(), "one row per layer move");
        LayerPlan plan = LayerPlan.fromConfig(layers);
        for (Object[] r : with.recorded()) {
            assertEquals(0, plan.layer((String) r[2]), "the row's cell is the coverage cell");
            assertEquals(1, plan.layer((String) r[4]), "its peer the capacity cell");
            assertEquals(plan.sector((String) r[2]), plan.sector((String) r[4]), "of the same sector");
            @SuppressWarnings("unchecked") Map<String, Double> f = (Map<String, Double>) r[5];
            @SuppressWarnings("unchecked") Map<String, Double> a = (Map<String, Double>) r[6];
            assertTrue(f.containsKey("prbUsedDlPct") && f.containsKey("peer.prbUsedDlPct") && f.containsKey("peer.returnsBetweenLayers"), f.toString());
            assertNotEquals(0.0, a.get("interFrequencyOffsetChangeDb"), a.toString());
            assertTrue(a.get("interFrequencyOffsetDb") >= 0, a.toString());
        }
    }
}
