package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.InterFrequencyControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Several carriers per site: layout, coverage, inter-frequency events and their controls. */
class MultiCarrierTest {
    private static final int TICKS_30_S = 300;

    private static RanModel twoLayer(long seed) {
        return new RanModel(SimConfig.preset("two-layer").seed(seed).build());
    }

    private static long onCarrier(RanModel m, String carrier) {
        return m.ues().stream().filter(u -> u.servingCellId() != null && carrier.equals(m.carrierOf(u.servingCellId())))
                .count();
    }

    private static double bestRsrp(RanModel m, long ue, String carrier) {
        double best = Double.NEGATIVE_INFINITY;
        for (String id : m.cellIds()) if (carrier.equals(m.carrierOf(id))) best = Math.max(best, m.rsrp(ue, id));
        return best;
    }

    private static void everyCell(RanModel m, String carrier, Consumer<String> action) {
        for (String id : m.cellIds()) if (carrier.equals(m.carrierOf(id))) action.accept(id);
    }

    private static RcControl.Result control(RanModel m, int gnb, RcControlHeader h, RcControlMessage msg) {
        RcControl rc = new RcControl(m, gnb, E2NodeAgent.RC_RAN_FUNCTION_ID, E2NodeAgent.KPM_RAN_FUNCTION_ID);
        return rc.handle(RicControlRequest.newBuilder()
                .setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(1).setRicInstanceId(1))
                .setRanFunctionId(E2NodeAgent.RC_RAN_FUNCTION_ID)
                .setRicControlHeader(h.toByteString()).setRicControlMessage(msg.toByteString()).build());
    }

    private static NrCgi cgi(RanModel m, String cellId) {
        int g = m.gnbOf(cellId);
        return m.cellCgis(g).stream().filter(c -> E2Ids.cellId(c).equals(cellId)).findFirst().orElseThrow();
    }

    @Test
    void theDefaultHasOneCarrierAndTheNewOptionsOff() {
        SimConfig d = SimConfig.defaults();
        assertFalse(d.multiCarrier());
        assertFalse(d.ftp3());
        assertEquals(0, d.indoorShare());
        RanModel m = new RanModel(d);
        assertEquals(21, m.cellIds().size());
        assertEquals(null, m.carrierOf(m.cellIds().get(0)));
        assertThrows(IllegalArgumentException.class, () -> m.setInterFrequencyThresholds(m.cellIds().get(0), -110, -110));
        assertThrows(IllegalArgumentException.class, () -> SimConfig.builder().indoorShare(0.5).build());
        assertThrows(IllegalArgumentException.class, () -> SimConfig.preset("three-layer"));
    }

    @Test
    void eachSectorHasOneCellPerCarrierOnTheSameSiteAndAzimuth() {
        RanModel m = twoLayer(3);
        assertEquals(42, m.cellIds().size());
        assertEquals(6, m.cellIds(0).size());
        List<CellView> cells = m.cells();
        for (int g = 0; g < m.gnbCount(); g++) {
            for (int s = 0; s < 3; s++) {
                CellView low = m.cell(m.cellIds(g).get(s));
                CellView mid = m.cell(m.cellIds(g).get(3 + s));
                assertEquals("n28", m.carrierOf(low.cellId()));
                assertEquals("n78", m.carrierOf(mid.cellId()));
                assertEquals(low.x(), mid.x());
                assertEquals(low.y(), mid.y());
                assertEquals(low.azimuthDeg(), mid.azimuthDeg());
            }
        }
        assertEquals(42, cells.stream().map(CellView::cellId).distinct().count());
        assertEquals(140_000, Carrier.lowBand().nrArfcn());
        assertEquals(633_333, Carrier.midBand().nrArfcn());
    }

    @Test
    void aNodeAdvertisesBothLayersCellsAndTheInterFrequencyControlOnlyWithSeveralCarriers() throws Exception {
        for (boolean two : new boolean[] {false, true}) {
            RanModel m = new RanModel(two ? SimConfig.preset("two-layer").build() : SimConfig.defaults());
            var setup = RanFunctions.setupRequest(m, 0, 1, 100);
            var kpm = io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition.parseFrom(
                    setup.getRanFunctions(0).getRanFunctionDefinition());
            var rc = io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition.parseFrom(
                    setup.getRanFunctions(1).getRanFunctionDefinition());
            assertEquals(two ? 6 : 3, kpm.getCellsCount());
            assertEquals(two, rc.getControlActionsList().stream()
                    .anyMatch(a -> a.getRicStyleType() == 255 && a.getControlActionId() == 5));
        }
    }

    @Test
    void uesCampOnBothLayersAndTheLowBandReachesFurther() {
        RanModel m = twoLayer(3);
        m.step(TICKS_30_S);
        long low = onCarrier(m, "n28");
        long mid = onCarrier(m, "n78");
        assertTrue(low >= 30 && mid >= 30, "n28 " + low + ", n78 " + mid);
        assertTrue(m.interFrequencyHandovers() > 0);
        // coverage: where the best cell of the layer is received above -110 dBm
        int lowCovered = 0;
        int midCovered = 0;
        int lowStronger = 0;
        for (UeView u : m.ues()) {
            double l = bestRsrp(m, u.ueId(), "n28");
            double h = bestRsrp(m, u.ueId(), "n78");
            if (l > -110) lowCovered++;
            if (h > -110) midCovered++;
            if (l > h) lowStronger++;
        }
        assertTrue(lowCovered > midCovered + 30, "covered: n28 " + lowCovered + ", n78 " + midCovered);
        assertEquals(300, lowStronger);
    }

    @Test
    void thresholdsDecideTheLayer() {
        RanModel toMid = twoLayer(5);
        // A4 towards n78 always met, A5 back never: everyone ends on n78 (unless n78's SINR fails the handover)
        everyCell(toMid, "n28", id -> toMid.setInterFrequencyThresholds(id, Double.POSITIVE_INFINITY, -156));
        everyCell(toMid, "n78", id -> toMid.setInterFrequencyThresholds(id, -156, -31));
        toMid.step(100);
        assertTrue(onCarrier(toMid, "n78") >= 290, "n78 " + onCarrier(toMid, "n78"));

        RanModel toLow = twoLayer(5);
        everyCell(toLow, "n28", id -> toLow.setInterFrequencyThresholds(id, Double.POSITIVE_INFINITY, -31));
        everyCell(toLow, "n78", id -> toLow.setInterFrequencyThresholds(id, Double.POSITIVE_INFINITY, -156));
        toLow.step(100);
        assertTrue(onCarrier(toLow, "n28") >= 290, "n28 " + onCarrier(toLow, "n28"));
    }

    @Test
    void aFrequencyOffsetSetOverE2smRcShiftsUesBetweenLayers() {
        long[] midShare = new long[3];
        double[] offsets = {-6, 0, 6};
        for (int i = 0; i < offsets.length; i++) {
            RanModel m = twoLayer(7);
            if (offsets[i] != 0) {
                for (String id : m.cellIds()) {
                    if (!"n28".equals(m.carrierOf(id))) continue;
                    RcControl.Result r = control(m, m.gnbOf(id), RcControlHeader.newBuilder().setRicStyleType(255)
                            .setControlActionId(5).build(), RcControlMessage.newBuilder().setInterFrequency(
                            InterFrequencyControl.newBuilder().setCell(cgi(m, id))
                                    .setNrArfcn((int) Carrier.midBand().nrArfcn()).setFrequencyOffsetDb((float) offsets[i]))
                            .build());
                    assertTrue(r.applied(), r.detail());
                }
            }
            m.step(TICKS_30_S);
            midShare[i] = onCarrier(m, "n78");
        }
        assertTrue(midShare[0] < midShare[1] && midShare[1] < midShare[2],
                "UEs on n78 at offset -6/0/+6 dB: " + java.util.Arrays.toString(midShare));
    }

    @Test
    void theInterFrequencyControlIsCheckedAndAppliedAsARealNodeWould() {
        RanModel m = twoLayer(9);
        String low = m.cellIds(0).get(0);
        RcControlHeader h = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(5).build();
        // thresholds: A5 on a low-band cell, then back to A4 with threshold 1 >= 0
        RcControl.Result r = control(m, 0, h, RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl
                .newBuilder().setCell(cgi(m, low)).setThreshold1Dbm(-100).setThreshold2Dbm(-95)).build());
        assertTrue(r.applied(), r.detail());
        assertEquals(-100, m.interFrequencyThresholds(low)[0]);
        assertEquals(-95, m.interFrequencyThresholds(low)[1]);
        r = control(m, 0, h, RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder()
                .setCell(cgi(m, low)).setThreshold1Dbm(0)).build());
        assertTrue(r.applied(), r.detail());
        assertEquals(Double.POSITIVE_INFINITY, m.interFrequencyThresholds(low)[0]);
        // the cell's own frequency, an unknown one, an out-of-range value, another node's cell: refused, nothing changed
        for (RcControlMessage bad : List.of(
                RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(cgi(m, low))
                        .setNrArfcn((int) Carrier.lowBand().nrArfcn()).setFrequencyOffsetDb(3)).build(),
                RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(cgi(m, low))
                        .setNrArfcn(123).setFrequencyOffsetDb(3)).build(),
                RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(cgi(m, low))
                        .setNrArfcn((int) Carrier.midBand().nrArfcn()).setFrequencyOffsetDb(3).setThreshold2Dbm(-20)).build(),
                RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder()
                        .setCell(cgi(m, m.cellIds(1).get(0))).setThreshold2Dbm(-100)).build())) {
            RcControl.Result f = control(m, 0, h, bad);
            assertFalse(f.applied(), bad.toString());
        }
        assertEquals(0, m.interFrequencyOffset(low, "n78"));
        assertEquals(-95, m.interFrequencyThresholds(low)[1]);
    }

    @Test
    void anE2smRcHandoverMovesAUeToACellOnTheOtherLayer() {
        RanModel m = twoLayer(11);
        m.step(50);
        // a UE on the low band with a good mid-band cell: hand it over to that cell by RIC control
        for (UeView u : m.ues()) {
            if (u.servingCellId() == null || !"n28".equals(m.carrierOf(u.servingCellId()))) continue;
            String target = null;
            for (String id : m.cellIds()) {
                if ("n78".equals(m.carrierOf(id)) && (target == null || m.rsrp(u.ueId(), id) > m.rsrp(u.ueId(), target))) {
                    target = id;
                }
            }
            if (m.rsrp(u.ueId(), target) < -112) continue;
            int gnb = m.gnbOf(u.servingCellId());
            RcControl.Result r = control(m, gnb,
                    RcControlHeader.newBuilder().setRicStyleType(3).setControlActionId(1).setUeId(u.ueId()).build(),
                    RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder().setUeId(u.ueId())
                            .setTargetCell(cgi(m, target))).build());
            if (!r.applied() && r.detail().contains("SINR below")) continue;  // a failed attempt, as a node reports it
            assertTrue(r.applied(), r.detail());
            assertEquals(target, m.servingCell(u.ueId()));
            assertNotEquals(m.carrierOf(u.servingCellId()), m.carrierOf(target));
            assertEquals(1, m.stats().ricHandovers());
            return;
        }
        throw new AssertionError("no low-band UE with a usable mid-band cell");
    }
}
