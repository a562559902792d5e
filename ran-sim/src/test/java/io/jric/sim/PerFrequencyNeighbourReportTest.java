package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.NeighbourMeasurement;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * A UE's KPM report on several carriers names neighbours per frequency (the serving carrier's three strongest, then
 * the strongest of each other carrier), so UEs of the weaker carrier report neighbours of their own layer; on one
 * carrier the report is the three strongest neighbours, as before.
 */
class PerFrequencyNeighbourReportTest {
    private static final int TICKS_10_S = 100;

    /** The {@code max} strongest cells other than the serving one among {@code candidates}, strongest first. */
    private static List<String> strongest(RanModel m, long ue, String serving, List<String> candidates, int max) {
        List<String> c = new ArrayList<>(candidates);
        c.remove(serving);
        c.sort(Comparator.comparingDouble((String id) -> -m.rsrp(ue, id)));
        return c.subList(0, Math.min(max, c.size()));
    }

    private static List<String> ids(UeMeasurement u) {
        List<String> out = new ArrayList<>();
        for (NeighbourMeasurement n : u.getNeighboursList()) out.add(E2Ids.cellId(n.getCell()));
        return out;
    }

    @Test
    void onTwoLayersEachUeReportsItsOwnLayersStrongestNeighboursAndTheOtherLayersStrongestCell() {
        RanModel m = new RanModel(SimConfig.preset("two-layer").seed(7).build());
        m.step(TICKS_10_S);
        List<String> n28 = new ArrayList<>();
        List<String> n78 = new ArrayList<>();
        for (String id : m.cellIds()) ("n28".equals(m.carrierOf(id)) ? n28 : n78).add(id);
        assertEquals(21, n28.size());
        assertEquals(21, n78.size());
        int reports = 0;
        int n78Reports = 0;
        for (String cell : m.cellIds()) {
            boolean low = n28.contains(cell);
            for (UeMeasurement u : m.ueMeasurements(cell)) {
                reports++;
                List<String> own = strongest(m, u.getUeId(), cell, low ? n28 : n78, 3);
                List<String> other = strongest(m, u.getUeId(), cell, low ? n78 : n28, 1);
                List<String> expected = new ArrayList<>(own);
                expected.addAll(other);
                assertEquals(expected, ids(u), "UE " + u.getUeId() + " on " + cell);
                for (int j = 0; j < 3; j++) {
                    String nb = ids(u).get(j);
                    assertEquals(m.carrierOf(cell), m.carrierOf(nb), "the first three are on the serving carrier");
                    assertEquals((float) m.rsrp(u.getUeId(), nb), u.getNeighbours(j).getRsrpDbm());
                }
                if (!low) n78Reports++;
            }
        }
        assertTrue(reports > 250, "UEs reported: " + reports);
        // the mid band's UEs now report mid-band neighbours although the low band's cells are stronger
        assertTrue(n78Reports > 50, "UEs on n78: " + n78Reports);
    }

    @Test
    void onOneCarrierEachUeReportsTheThreeStrongestNeighboursAsBefore() {
        RanModel m = new RanModel(SimConfig.defaults());
        m.step(TICKS_10_S);
        int reports = 0;
        for (String cell : m.cellIds()) {
            for (UeMeasurement u : m.ueMeasurements(cell)) {
                reports++;
                assertEquals(strongest(m, u.getUeId(), cell, m.cellIds(), 3), ids(u), "UE " + u.getUeId());
                for (NeighbourMeasurement n : u.getNeighboursList()) {
                    assertTrue(Objects.equals(null, m.carrierOf(E2Ids.cellId(n.getCell()))));
                }
            }
        }
        assertTrue(reports > 250, "UEs reported: " + reports);
    }
}
