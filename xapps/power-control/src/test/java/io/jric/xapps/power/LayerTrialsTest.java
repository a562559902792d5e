package io.jric.xapps.power;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKpi;
import io.jric.xapps.ml.CellLayers;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LayerTrialsTest {
    private static final CellLayers LAYERS = new CellLayers(3, 14);
    /** Mean PRB use per layer: both layers alike. */
    private static final Map<Integer, Double> EVEN = Map.of(0, 50.0, 1, 50.0);
    /** Layer 0 light, layer 1 busy: UEs pushed from 0 to 1 go where there is less room. */
    private static final Map<Integer, Double> ONTO_BUSIER = Map.of(0, 20.0, 1, 90.0);

    /** A cell of gNB 1 with the local number {@code local} and that many RRC-connected UEs. */
    private static CellKpi cell(int local, int connected) {
        return new CellKpi().nodeId("n1").cellId("00f110:" + Long.toHexString((1L << 14) | local)).rrcConnMean(connected);
    }

    private static Map<Integer, List<CellKpi>> network(int layer0Ues, int layer1Ues) {
        return Map.of(0, List.of(cell(0, layer0Ues), cell(1, 0), cell(2, 0)), 1, List.of(cell(3, layer1Ues), cell(4, 0), cell(5, 0)));
    }

    private static boolean start(LayerTrials t, Map<Integer, List<CellKpi>> net, double modelLevel, long decision) {
        return t.startNext(net, Map.of(0, 46.0, 1, 46.0), layer -> !t.waiting(layer, decision, EVEN), cells -> modelLevel, 20);
    }

    @Test
    void cellsAreNumberedLayerByLayerAndAnIdThatDoesNotParseHasNoLayer() {
        assertEquals(0, LAYERS.layer(cell(2, 0).cellId()));
        assertEquals(1, LAYERS.layer(cell(3, 0).cellId()));
        assertEquals(2, LAYERS.layer(cell(7, 0).cellId()));
        assertEquals(-1, LAYERS.layer("00f110:not-hex"));
        assertEquals(-1, LAYERS.layer("garbage"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CellLayers(0, 14)).getMessage().contains("cellsPerLayer: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new CellLayers(3, 15)).getMessage().contains("localCellIdBits: 15"));
        assertThrows(IllegalArgumentException.class, () -> new LayerTrials(LAYERS, 0.1, 6));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LayerTrials(LAYERS, 6, -1)).getMessage().contains("layerMaxDepthDb -1"));
    }

    @Test
    void layersTakeTurnsOneStepAtATimeNotBelowTheModelsLevel() {
        LayerTrials t = new LayerTrials(LAYERS, 6, 12);
        Map<Integer, List<CellKpi>> net = network(40, 60);
        for (int i = 0; i < 20; i++) t.observeWithoutTrial(LayerTrials.connectedShares(net));
        assertTrue(start(t, net, 23, 0));
        assertEquals(0, t.trialLayer());
        assertEquals(40, t.trialLevel(), 1e-9);
        assertFalse(start(t, net, 23, 1), "one trial at a time");
        for (int i = 1; i < 10; i++) assertEquals(0, t.observeTrial(LayerTrials.connectedShares(net), EVEN, true, 10, i, 60));
        assertEquals(1, t.observeTrial(LayerTrials.connectedShares(net), EVEN, true, 10, 10, 60), "lasted its probation");
        assertEquals(40, t.held(0), 1e-9);
        assertTrue(start(t, net, 23, 11));
        assertEquals(1, t.trialLayer(), "the other layer's turn");
        t.fail(11, 60);
        assertTrue(Double.isNaN(t.held(1)), "a failed layer keeps its own power");
        assertTrue(start(t, net, 37, 12));
        assertEquals(0, t.trialLayer());
        assertEquals(37, t.trialLevel(), 1e-9, "not below the model's level");
        t.abandon();
        assertFalse(start(t, net, 40, 13), "the model wants no lower for layer 0 and layer 1 waits");
    }

    @Test
    void aLayerGoesNoDeeperThanTheMaximumDepthBelowItsOwnPower() {
        LayerTrials t = new LayerTrials(LAYERS, 6, 8);
        Map<Integer, List<CellKpi>> net = Map.of(0, List.of(cell(0, 40), cell(1, 40), cell(2, 40)));
        for (int i = 0; i < 20; i++) t.observeWithoutTrial(LayerTrials.connectedShares(net));
        assertTrue(t.startNext(net, Map.of(0, 46.0), layer -> true, cells -> 23, 20));
        assertEquals(40, t.trialLevel(), 1e-9);
        assertEquals(1, t.observeTrial(LayerTrials.connectedShares(net), EVEN, true, 1, 1, 60));
        assertTrue(t.startNext(net, Map.of(0, 46.0), layer -> true, cells -> 23, 20));
        assertEquals(38, t.trialLevel(), 1e-9, "8 dB below its own power at most");
        assertEquals(1, t.observeTrial(LayerTrials.connectedShares(net), EVEN, true, 1, 2, 60));
        assertFalse(t.startNext(net, Map.of(0, 46.0), layer -> true, cells -> 23, 20), "at its maximum depth");
    }

    @Test
    void aTrialThatPushesItsUesOntoTheOtherLayerFailsAndTheLayerWaitsLongerEachTime() {
        LayerTrials t = new LayerTrials(LAYERS, 6, 12);
        Map<Integer, List<CellKpi>> before = network(40, 60);
        for (int i = 0; i < 20; i++) t.observeWithoutTrial(LayerTrials.connectedShares(i % 2 == 0 ? before : network(41, 59)));
        assertTrue(start(t, before, 23, 100));
        assertEquals(0, t.trialLayer());
        Map<Integer, List<CellKpi>> spilled = network(34, 66);  // layer 0 lost 15 % of its share
        assertEquals(0, t.observeTrial(LayerTrials.connectedShares(spilled), ONTO_BUSIER, true, 60, 102, 60), "judged from the second decision");
        assertEquals(-1, t.observeTrial(LayerTrials.connectedShares(spilled), ONTO_BUSIER, true, 60, 103, 60));
        assertTrue(Double.isNaN(t.held(0)));
        assertTrue(t.inAftermath(103 + LayerTrials.AFTERMATH_PERIODS));
        assertFalse(t.inAftermath(104 + LayerTrials.AFTERMATH_PERIODS));
        assertTrue(t.waiting(0, 162, EVEN));
        assertTrue(t.waiting(0, 163, ONTO_BUSIER), "after a spill: while the other layer is the busier");
        assertFalse(t.waiting(0, 163, EVEN), "waits harmHoldPeriods after the first failure, then until it is as busy as the others");
        assertFalse(t.waiting(0, 103 + 60 * 64, ONTO_BUSIER), "or 64 times harmHoldPeriods");
        assertTrue(start(t, before, 23, 163));
        assertEquals(1, t.trialLayer(), "the turn passed to layer 1");
        t.abandon();
        assertTrue(start(t, before, 23, 164));
        assertEquals(0, t.trialLayer(), "then layer 0 again");
        t.fail(164, 60);
        assertTrue(t.waiting(0, 164 + 119, ONTO_BUSIER));
        assertFalse(t.waiting(0, 164 + 120, ONTO_BUSIER), "doubled; a failure by the radio link failures waits no longer");
        // the same spill onto a lighter layer (the lowered layer the busier one) moves load where there is room: no failure
        LayerTrials lighter = new LayerTrials(LAYERS, 6, 12);
        for (int i = 0; i < 20; i++) lighter.observeWithoutTrial(LayerTrials.connectedShares(i % 2 == 0 ? before : network(41, 59)));
        assertTrue(lighter.startNext(before, Map.of(0, 46.0, 1, 46.0), layer -> true, cells -> 23, 20));
        for (int i = 1; i <= 10; i++) {
            assertEquals(0, lighter.observeTrial(LayerTrials.connectedShares(spilled), Map.of(0, 90.0, 1, 20.0), true, 60, i, 60));
        }
        // without the guard the spill does not judge
        LayerTrials off = new LayerTrials(LAYERS, 6, 12);
        for (int i = 0; i < 20; i++) off.observeWithoutTrial(LayerTrials.connectedShares(before));
        assertTrue(off.startNext(before, Map.of(0, 46.0, 1, 46.0), layer -> true, cells -> 23, 20));
        for (int i = 1; i <= 5; i++) assertEquals(0, off.observeTrial(LayerTrials.connectedShares(spilled), ONTO_BUSIER, false, 60, i, 60));
    }

    @Test
    void withoutConnectedUesReportedTheSharesAreEmptyAndLoadsAreMeansPerLayer() {
        CellKpi busy = cell(0, 1).prbUsedDlPct(80);
        CellKpi idle = cell(1, 1).prbUsedDlPct(20);
        CellKpi nan = cell(3, 1).prbUsedDlPct(Float.NaN);
        Map<Integer, Double> loads = LayerTrials.meanLoads(Map.of(0, List.of(busy, idle), 1, List.of(nan)));
        assertEquals(50, loads.get(0), 1e-9);
        assertFalse(loads.containsKey(1), "a layer with no number reported has no load");
        Map<Integer, ? extends Collection<CellKpi>> none = network(0, 0);
        assertTrue(LayerTrials.connectedShares(none).isEmpty());
        Map<Integer, Double> s = LayerTrials.connectedShares(network(25, 75));
        assertEquals(0.25, s.get(0), 1e-9);
        assertEquals(0.75, s.get(1), 1e-9);
    }
}
