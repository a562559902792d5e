package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.CellOperationalState;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RanModelTest {
    private static final SimConfig CFG = SimConfig.builder().seed(42).build();

    /** Everything every gNB would report (cells and UEs) over one period, serialized. */
    private static ByteString allReports(RanModel m, PeriodCursor cursor) {
        ByteString out = ByteString.EMPTY;
        for (int g = 0; g < m.gnbCount(); g++) {
            out = out.concat(m.indication(cursor, m.cellIds(g), true).toByteString());
        }
        return out;
    }

    private static CellMeasurement period(RanModel m, PeriodCursor c, String cell) {
        return m.indication(c, List.of(cell), false).getCells(0);
    }

    /** The cell with the most served UEs. */
    private static String busiest(RanModel m) {
        return m.cells().stream().max(Comparator.comparingInt(CellView::servedUes)).orElseThrow().cellId();
    }

    @Test
    void pingPongsCanBeCountedForSeveralWindowsInOneRun() {
        for (int window : new int[] {1000, 5000}) {
            RanModel m = new RanModel(SimConfig.builder().seed(21).gnbs(7).ues(150).pingPongWindowMs(window).build());
            m.step(3000);  // 300 s
            long configured = m.stats().pingPongs();
            assertEquals(configured, m.pingPongsWithin(window), "the configured window's count, window " + window);
            assertTrue(m.pingPongsWithin(10_000) >= m.pingPongsWithin(5_000));
            assertTrue(m.pingPongsWithin(5_000) >= m.pingPongsWithin(1_000));
            if (window == 5000) assertTrue(configured > 0, "A3 at 3 dB makes returns within 5 s here");
        }
        RanModel m = new RanModel(SimConfig.builder().seed(21).gnbs(1).ues(10).build());
        assertThrows(IllegalArgumentException.class, () -> m.pingPongsWithin(60_001));
        assertThrows(IllegalArgumentException.class, () -> m.pingPongsWithin(-1));
    }

    @Test
    void sameSeedGivesIdenticalMeasurementsAndAnotherSeedDoesNot() {
        RanModel a = new RanModel(CFG);
        RanModel b = new RanModel(CFG);
        RanModel c = new RanModel(CFG.toBuilder().seed(43).build());
        PeriodCursor ca = a.newCursor();
        PeriodCursor cb = b.newCursor();
        PeriodCursor cc = c.newCursor();
        for (int period = 0; period < 5; period++) {
            a.step(10);
            b.step(10);
            c.step(10);
            ByteString ra = allReports(a, ca);
            assertEquals(ra, allReports(b, cb), "period " + period);
            assertFalse(ra.equals(allReports(c, cc)), "another seed, period " + period);
        }
        assertEquals(a.stats(), b.stats());
    }

    @Test
    void hexLayoutHasTwentyOneUniqueCellsAndEveryUeIsServed() {
        RanModel m = new RanModel(CFG);
        assertEquals(7, m.gnbCount());
        Set<String> ids = new HashSet<>(m.cellIds());
        assertEquals(21, ids.size());
        Set<String> nodes = new HashSet<>();
        for (int g = 0; g < 7; g++) {
            assertEquals(3, m.cellIds(g).size());
            nodes.add(m.nodeId(g));
            for (int s = 0; s < 3; s++) {
                long nci = (m.gnbId(g) << 14) | s;
                assertEquals(E2Ids.cellId(E2Ids.plmn("001", "01").getValue(), nci), m.cellIds(g).get(s));
            }
        }
        assertEquals(7, nodes.size());
        assertEquals("gnb:00f110:1/22", m.nodeId(0));
        assertEquals("00f110:000004000", m.cellIds(0).get(0));
        // the six ring sites are one inter-site distance from the centre
        for (CellView cell : m.cells()) {
            double d = Math.hypot(cell.x(), cell.y());
            assertTrue(cell.gnbIndex() == 0 ? d < 1e-9 : Math.abs(d - 500) < 1e-6, "site distance " + d);
        }
        assertEquals(300, m.ues().size());
        for (UeView ue : m.ues()) assertNotNull(ue.servingCellId(), "ue " + ue.ueId());
    }

    @Test
    void a3HandoversHappenAndHysteresisReducesThem() {
        RanModel noHys = new RanModel(CFG.toBuilder().a3HysteresisDb(0).build());
        RanModel bigHys = new RanModel(CFG.toBuilder().a3HysteresisDb(10).build());
        noHys.step(300);
        bigHys.step(300);
        RanStats a = noHys.stats();
        RanStats b = bigHys.stats();
        assertTrue(a.handoverSuccesses() > 100, "handovers with 0 dB: " + a);
        assertTrue(b.handoverAttempts() < a.handoverAttempts() / 2, a + " vs " + b);
        assertTrue(a.pingPongs() >= b.pingPongs());
        assertEquals(30_000, a.simTimeMs());
    }

    @Test
    void lowerTxPowerLowersReportedPowerEnergyAndRsrp() {
        RanModel base = new RanModel(CFG);
        RanModel low = new RanModel(CFG);
        String cell = busiest(base);
        long ue = base.ues().stream().filter(u -> cell.equals(u.servingCellId())).findFirst().orElseThrow().ueId();
        PeriodCursor cb = base.newCursor();
        PeriodCursor cl = low.newCursor();
        assertEquals(30.0, low.setTxPower(cell, 30));
        base.step(20);
        low.step(20);
        CellMeasurement mb = period(base, cb, cell);
        CellMeasurement ml = period(low, cl, cell);
        assertEquals(43f, mb.getTxPowerDbm());
        assertEquals(30f, ml.getTxPowerDbm());
        assertTrue(ml.getEnergyWh() < mb.getEnergyWh(), ml.getEnergyWh() + " vs " + mb.getEnergyWh());
        // UEs move identically in both models, so the RSRP of that cell differs by exactly the power step
        assertEquals(base.rsrp(ue, cell) - 13, low.rsrp(ue, cell), 1e-9);
        assertEquals(30, low.txPower(cell));
    }

    @Test
    void sleepingCellReportsSleepingNoUesAndLessEnergy() {
        RanModel base = new RanModel(CFG);
        RanModel sleepy = new RanModel(CFG);
        String cell = busiest(base);
        PeriodCursor cb = base.newCursor();
        PeriodCursor cs = sleepy.newCursor();
        sleepy.setSleep(cell, true);
        base.step();
        sleepy.step();
        CellMeasurement mb = period(base, cb, cell);
        CellMeasurement ms = period(sleepy, cs, cell);
        assertTrue(ms.getSleeping());
        assertFalse(mb.getSleeping());
        assertEquals(0, ms.getActiveUes());
        assertEquals(0, sleepy.cell(cell).servedUes());
        assertTrue(ms.getHoAttempts() > 0, "its UEs were handed over");
        assertTrue(ms.getEnergyWh() < mb.getEnergyWh());
        for (UeView u : sleepy.ues()) assertNotNull(u.servingCellId());
        assertTrue(sleepy.ueMeasurements(cell).isEmpty());
        sleepy.setSleep(cell, false);
        sleepy.step(20);
        assertTrue(sleepy.cell(cell).servedUes() > 0, "UEs come back after wake-up");
    }

    @Test
    void cioAttractsUesToTheCell() {
        RanModel base = new RanModel(CFG);
        RanModel biased = new RanModel(CFG);
        String cell = busiest(base);
        biased.setCio(cell, 10);
        base.step(20);
        biased.step(20);
        assertTrue(biased.cell(cell).servedUes() > base.cell(cell).servedUes() + 3,
                biased.cell(cell).servedUes() + " vs " + base.cell(cell).servedUes());
        assertEquals(10, biased.cio(cell));
    }

    @Test
    void eachCellsA3ParametersGovernTheHandoversOutOfIt() {
        RanModel ref = new RanModel(CFG.toBuilder().a3HysteresisDb(0).build());
        RanModel held = new RanModel(CFG.toBuilder().a3HysteresisDb(0).build());
        RanModel slow = new RanModel(CFG.toBuilder().a3HysteresisDb(0).build());
        List<String> site0 = held.cellIds().stream().filter(c -> held.gnbOf(c) == 0).toList();
        List<String> others = held.cellIds().stream().filter(c -> held.gnbOf(c) != 0).toList();
        for (String c : site0) {
            assertEquals(15.0, held.setA3Hysteresis(c, 15));
            assertEquals(5120, held.setA3TimeToTrigger(c, 5120));
        }
        for (String c : site0) slow.setA3TimeToTrigger(c, 5120);  // the time to trigger alone
        assertEquals(0.0, held.a3Hysteresis(others.get(0)));
        assertEquals(CFG.a3TimeToTriggerMs(), held.a3TimeToTrigger(others.get(0)));
        PeriodCursor cr = ref.newCursor();
        PeriodCursor ch = held.newCursor();
        PeriodCursor cs = slow.newCursor();
        ref.step(300);
        held.step(300);
        slow.step(300);
        KpmIndicationMessage r = ref.indication(cr, ref.cellIds(), false);
        KpmIndicationMessage h = held.indication(ch, held.cellIds(), false);
        KpmIndicationMessage w = slow.indication(cs, slow.cellIds(), false);
        long slowOut = 0;
        for (int i = 0; i < w.getCellsCount(); i++) {
            if (site0.contains(E2Ids.cellId(w.getCells(i).getCell()))) slowOut += w.getCells(i).getHoAttempts();
        }
        long refOut = 0;
        long heldOut = 0;
        long heldElsewhere = 0;
        for (int i = 0; i < r.getCellsCount(); i++) {
            if (site0.contains(E2Ids.cellId(r.getCells(i).getCell()))) refOut += r.getCells(i).getHoAttempts();
        }
        for (int i = 0; i < h.getCellsCount(); i++) {
            if (site0.contains(E2Ids.cellId(h.getCells(i).getCell()))) heldOut += h.getCells(i).getHoAttempts();
            else heldElsewhere += h.getCells(i).getHoAttempts();
        }
        assertTrue(refOut > 10, "A3 hands UEs out of site 0 at 0 dB: " + refOut);
        assertEquals(0, heldOut, "15 dB / 5120 ms on site 0's cells: its UEs stay (RLFs aside)");
        assertTrue(heldElsewhere > 10, "the other cells keep their 0 dB: " + heldElsewhere);
        assertTrue(slowOut < refOut / 2, "5120 ms time to trigger alone: " + slowOut + " vs " + refOut);
    }

    @Test
    void aHotspotCrowdsTheFirstSector() {
        RanModel plain = new RanModel(CFG);
        RanModel hot = new RanModel(CFG.toBuilder().hotspotShare(0.5).build());
        plain.step(50);
        hot.step(50);
        String first = hot.cellIds().get(0);
        int plainServed = plain.cells().get(0).servedUes();
        int hotServed = hot.cells().get(0).servedUes();
        assertTrue(hotServed > plainServed + CFG.ues() / 5, "first sector serves " + plainServed + " -> " + hotServed);
        assertEquals(first, plain.cellIds().get(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CFG.toBuilder().hotspotShare(1.5).build())
                .getMessage().startsWith("hotspotShare"));
    }

    @Test
    void aHotspotCanBeCentredAnywhere() {
        double cx = 250;
        double cy = 144.3;  // the centroid of the sites at (0, 0), (500, 0) and (250, 433): a corner of three sites' cells
        RanModel hot = new RanModel(CFG.toBuilder().hotspotShare(0.2).hotspotRadiusM(100).hotspotCentre(cx, cy).build());
        hot.step(100);
        int n = (int) Math.round(0.2 * CFG.ues());
        List<UeView> ues = hot.ues();
        for (int i = 0; i < ues.size(); i++) {
            double d = Math.hypot(ues.get(i).x() - cx, ues.get(i).y() - cy);
            if (i < n) assertTrue(d <= 100 + 1e-6, "hotspot UE " + i + " is " + d + " m from the centre");
        }
        long outside = ues.stream().skip(n).filter(u -> Math.hypot(u.x() - cx, u.y() - cy) > 100).count();
        assertTrue(outside > (CFG.ues() - n) / 2, "the other UEs roam the whole area: " + outside + " outside the disc");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CFG.toBuilder().hotspotCentre(1, Double.NaN).build())
                .getMessage().startsWith("hotspotCentre"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CFG.toBuilder().hotspotCentre(900, 0).build())
                .getMessage().startsWith("hotspotX: 900.0 (expected: -800.0..800.0)"), "outside the simulated area");
    }

    @Test
    void controlsRejectBadValuesNamingTheField() {
        RanModel m = new RanModel(CFG);
        String cell = m.cellIds().get(0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setCio(cell, 25)).getMessage().startsWith("cioDb: 25.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setCio(cell, Double.NaN)).getMessage().startsWith("cioDb"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setA3Hysteresis(cell, -1)).getMessage()
                .startsWith("a3HysteresisDb: -1.0 (expected: 0..15.0 in 0.5 dB steps)"));
        assertThrows(IllegalArgumentException.class, () -> m.setA3Hysteresis(cell, 3.2));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setA3TimeToTrigger(cell, 1000)).getMessage()
                .startsWith("a3TimeToTriggerMs: 1000 (expected one of [0, 40,"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setTxPower(cell, 47)).getMessage()
                .startsWith("txPowerDbm: 47.0 (expected: 20.0..46.0)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setSleep("00f110:0000fffff", true)).getMessage()
                .startsWith("cellId: 00f110:0000fffff"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.handover(0, cell)).getMessage().startsWith("ueId: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.handover(1, "nope")).getMessage().startsWith("cellId: nope"));
        assertThrows(IllegalArgumentException.class, () -> m.injectFault(Fault.cellOutage("nope", 0, 10)));
        assertThrows(IllegalArgumentException.class, () -> Fault.cellOutage(cell, 0, 0));
    }

    /** A UE (served by {@code gnb}, or any if negative) and another cell within 3 dB of its serving cell. */
    static Object[] ueWithCloseNeighbour(RanModel m, int gnb) {
        for (UeView ue : m.ues()) {
            if (ue.servingCellId() == null || (gnb >= 0 && m.gnbOf(ue.servingCellId()) != gnb)) continue;
            for (String c : m.cellIds()) {
                if (!c.equals(ue.servingCellId()) && m.rsrp(ue.ueId(), c) > ue.rsrpDbm() - 3) {
                    return new Object[] {ue, c};
                }
            }
        }
        throw new AssertionError("no UE near a cell border");
    }

    @Test
    void ricHandoverMovesTheUe() {
        RanModel m = new RanModel(CFG);
        Object[] pick = ueWithCloseNeighbour(m, -1);
        UeView ue = (UeView) pick[0];
        String target = (String) pick[1];
        long before = m.stats().handoverAttempts();
        long nci = m.handover(ue.ueId(), target);
        assertEquals(E2Ids.parseCellId(target).getNrCellIdentity(), nci);
        assertEquals(target, m.servingCell(ue.ueId()));
        assertEquals(before + 1, m.stats().handoverAttempts());
        assertEquals(1, m.stats().ricHandovers());
        m.setSleep(ue.servingCellId(), true);
        assertThrows(IllegalStateException.class, () -> m.handover(ue.ueId(), ue.servingCellId()));
    }

    @Test
    void cellOutageSilencesTheCellOnlyDuringItsWindow() {
        RanModel m = new RanModel(CFG);
        String cell = busiest(m);
        m.injectFault(Fault.cellOutage(cell, 1_000, 2_000));
        PeriodCursor c = m.newCursor();
        m.step(9);  // ticks 100..900
        CellMeasurement before = period(m, c, cell);
        m.step(20);  // ticks 1000..2900: the fault window
        CellMeasurement during = period(m, c, cell);
        assertTrue(m.cell(cell).outage());
        m.step(21);  // ticks 3000..5000 (recovery)
        period(m, c, cell);
        m.step(20);  // 5000..7000
        CellMeasurement after = period(m, c, cell);
        assertFalse(m.cell(cell).outage());
        assertTrue(before.getThroughputDlMbps() > 0);
        assertEquals(0f, during.getThroughputDlMbps());
        assertEquals(0f, during.getPrbUsedDlPct());
        assertTrue(during.getRlfCount() > 0, "its UEs lose the link: " + during);
        assertTrue(after.getThroughputDlMbps() > 0, "recovered: " + after);
        for (UeView u : m.ues()) assertNotNull(u.servingCellId());
    }

    @Test
    void anIdleCellThatIsUpReportsItsConnectedUesAndStateEnabled() {
        // UEs with (almost) no traffic: 100 ms on, ten hours off on average
        RanModel m = new RanModel(CFG.toBuilder().trafficOnMeanMs(100).trafficOffMeanMs(36_000_000).build());
        PeriodCursor c = m.newCursor();
        m.step(10);
        boolean sawIdle = false;
        for (String cell : m.cellIds()) {
            CellView v = m.cell(cell);
            CellMeasurement p = period(m, c, cell);
            assertEquals(CellOperationalState.CELL_OPERATIONAL_STATE_ENABLED, p.getOperationalState(), cell);
            assertTrue(p.hasRrcConnMean() && p.hasRrcConnMax(), cell);
            assertTrue(p.getRrcConnMax() >= p.getRrcConnMean(), p.toString());
            if (v.servedUes() > 0 && p.getActiveUes() == 0) {
                sawIdle = true;
                assertTrue(p.getRrcConnMean() > 0, "an idle cell that is up has RRC-connected UEs: " + p);
            }
        }
        assertTrue(sawIdle, "some cell serves UEs none of which has traffic");
    }

    @Test
    void connMeanAndConnMaxFollowTheServedUesOverThePeriod() {
        RanModel m = new RanModel(CFG);
        String cell = busiest(m);
        PeriodCursor c = m.newCursor();
        long sum = 0;
        int max = 0;
        for (int i = 0; i < 20; i++) {
            m.step();
            int served = m.cell(cell).servedUes();
            sum += served;
            max = Math.max(max, served);
        }
        CellMeasurement p = period(m, c, cell);
        assertEquals(Math.round(sum / 20.0), p.getRrcConnMean());
        assertEquals(max, p.getRrcConnMax());
        // no tick since the last read: the instantaneous count
        assertEquals(m.cell(cell).servedUes(), period(m, c, cell).getRrcConnMean());
    }

    @Test
    void aCellInOutageReportsStateDisabledAndNoConnectedUes() {
        RanModel m = new RanModel(CFG);
        String cell = busiest(m);
        PeriodCursor c = m.newCursor();
        m.step(5);
        CellMeasurement before = period(m, c, cell);
        assertEquals(CellOperationalState.CELL_OPERATIONAL_STATE_ENABLED, before.getOperationalState());
        assertTrue(before.getRrcConnMean() > 0, before.toString());
        m.injectFault(Fault.cellOutage(cell, m.timeMs() + 100, 1_000));
        m.step(10);  // the whole window
        CellMeasurement during = period(m, c, cell);
        assertEquals(CellOperationalState.CELL_OPERATIONAL_STATE_DISABLED, during.getOperationalState());
        assertEquals(0, during.getRrcConnMean());
        assertEquals(0, during.getRrcConnMax());
        assertEquals(0, during.getActiveUes());
        m.step(1);
        assertEquals(CellOperationalState.CELL_OPERATIONAL_STATE_ENABLED, period(m, c, cell).getOperationalState());
    }

    @Test
    void aFaultClearedEndsAtTheNextTickAndAScheduledOneIsWithdrawn() {
        RanModel m = new RanModel(CFG);
        String cell = busiest(m);
        Fault now = Fault.cellOutage(cell, 100, 60_000);
        Fault later = Fault.interferenceBurst(cell, 30_000, 10_000, 40);
        m.injectFault(now);
        m.injectFault(later);
        m.step(5);
        assertTrue(m.cell(cell).outage());
        assertTrue(m.clearFault(now));
        assertTrue(m.clearFault(later));
        m.step();
        assertFalse(m.cell(cell).outage());
        assertEquals(List.of(Fault.cellOutage(cell, 100, 400)), m.faults(), "the cleared one cut to end now, the scheduled one gone");
        assertFalse(m.clearFault(later));
        assertFalse(m.forgetFault(later), "not there");
        Fault running = Fault.kpiDegradation(cell, 600, 10_000, 0.5);
        m.injectFault(running);
        m.step();
        assertFalse(m.forgetFault(running), "not over");
        assertTrue(m.forgetFault(now), "the cleared one, known by the fault as injected");
        assertEquals(List.of(running), m.faults());
    }

    @Test
    void interferenceBurstDegradesSinrOnlyDuringItsWindow() {
        RanModel m = new RanModel(CFG);
        String cell = busiest(m);
        m.injectFault(Fault.interferenceBurst(cell, 1_000, 1_000, 50));
        PeriodCursor c = m.newCursor();
        m.step(9);
        CellMeasurement before = period(m, c, cell);
        m.step(5);  // first half of the burst, before RLFs move UEs away
        CellMeasurement during = period(m, c, cell);
        m.step(25);
        period(m, c, cell);
        m.step(10);
        CellMeasurement after = period(m, c, cell);
        assertTrue(during.getAvgSinrDb() < before.getAvgSinrDb() - 10, before.getAvgSinrDb() + " -> " + during.getAvgSinrDb());
        assertTrue(during.getAvgCqi() < before.getAvgCqi());
        assertTrue(after.getAvgSinrDb() > during.getAvgSinrDb() + 10, during.getAvgSinrDb() + " -> " + after.getAvgSinrDb());
    }

    @Test
    void interferenceBurstHitsTheCellsUplinkReceiver() {
        RanModel base = new RanModel(CFG);
        RanModel hit = new RanModel(CFG);
        String cell = busiest(base);
        hit.injectFault(Fault.interferenceBurst(cell, 0, 1_050, 30));
        PeriodCursor cb = base.newCursor();
        PeriodCursor ch = hit.newCursor();
        base.step(3);  // before RLFs move UEs away
        hit.step(3);
        CellMeasurement mb = period(base, cb, cell);
        CellMeasurement mh = period(hit, ch, cell);
        assertTrue(mb.getThroughputUlMbps() > 0, "uplink traffic to compare: " + mb);
        // 30 dB over thermal on top of 6 dB nominal IoT: about 24 dB less uplink SINR.
        // The downlink loses what the rise at the UEs costs; the uplink loses far more.
        float dl = mh.getThroughputDlMbps() / mb.getThroughputDlMbps();
        float ul = mh.getThroughputUlMbps() / mb.getThroughputUlMbps();
        assertTrue(dl > 0, "the downlink still carries traffic: " + mh);
        assertTrue(ul < 0.3f * dl, "uplink kept " + ul + " of its throughput, downlink " + dl);
        assertEquals(0.0, RadioEngine.ulInterferenceRiseDb(base.cellState(cell)), 0.0, "no burst, no uplink rise");
        assertEquals(24.0, RadioEngine.ulInterferenceRiseDb(hit.cellState(cell)), 0.1);
    }

    @Test
    void kpiDegradationInflatesPrbUseAndCutsThroughputOnlyDuringItsWindow() {
        RanModel base = new RanModel(CFG);
        RanModel bad = new RanModel(CFG);
        String cell = busiest(base);
        bad.injectFault(Fault.kpiDegradation(cell, 0, 1_050, 0.2));
        PeriodCursor cb = base.newCursor();
        PeriodCursor cd = bad.newCursor();
        base.step(10);
        bad.step(10);
        CellMeasurement mb = period(base, cb, cell);
        CellMeasurement md = period(bad, cd, cell);
        assertTrue(md.getPrbUsedDlPct() > 2 * mb.getPrbUsedDlPct() || md.getPrbUsedDlPct() > 99, mb + " vs " + md);
        assertTrue(md.getThroughputDlMbps() < 0.8 * mb.getThroughputDlMbps(), mb + " vs " + md);
        base.step(10);
        bad.step(10);
        period(base, cb, cell);
        period(bad, cd, cell);
        base.step(10);
        bad.step(10);
        mb = period(base, cb, cell);
        md = period(bad, cd, cell);
        assertEquals(mb.getPrbUsedDlPct(), md.getPrbUsedDlPct(), 10, "after the window");
        assertEquals(mb.getThroughputDlMbps(), md.getThroughputDlMbps(), 0.2 * mb.getThroughputDlMbps(), "after the window");
    }

    @Test
    void cursorsAreIndependentAndEnergyIsConserved() {
        RanModel m = new RanModel(CFG);
        String cell = m.cellIds().get(4);
        PeriodCursor a = m.newCursor();
        PeriodCursor b = m.newCursor();
        PeriodCursor all = m.newCursor();
        m.step(10);
        double a1 = period(m, a, cell).getEnergyWh();
        m.step(10);
        double a2 = period(m, a, cell).getEnergyWh();
        double b12 = period(m, b, cell).getEnergyWh();
        assertEquals(b12, a1 + a2, 1e-4);
        double total = 0;
        KpmIndicationMessage msg = m.indication(all, m.cellIds(), false);
        for (CellMeasurement cm : msg.getCellsList()) total += cm.getEnergyWh();
        assertEquals(m.stats().energyWh(), total, 1e-3);
        // a second read in the same tick has no new ticks: energy 0, gauges from the last tick
        CellMeasurement again = period(m, a, cell);
        assertEquals(0f, again.getEnergyWh());
        assertEquals((float) (100 * m.cell(cell).prbLoadDl()), again.getPrbUsedDlPct());
    }

    @Test
    void ueMeasurementsCarryThreeStrongestNeighbours() {
        RanModel m = new RanModel(CFG);
        m.step(5);
        String cell = busiest(m);
        var ues = m.ueMeasurements(cell);
        assertFalse(ues.isEmpty());
        for (var u : ues) {
            assertEquals(cell, E2Ids.cellId(u.getServingCell()));
            assertEquals(3, u.getNeighboursCount());
            assertTrue(u.getNeighbours(0).getRsrpDbm() >= u.getNeighbours(1).getRsrpDbm());
            assertTrue(u.getNeighbours(1).getRsrpDbm() >= u.getNeighbours(2).getRsrpDbm());
            assertTrue(u.getCqi() >= 0 && u.getCqi() <= 15);
            assertTrue(u.getRsrqDb() <= -3 && u.getRsrqDb() >= -19.5);
        }
        double[] samples = m.ueThroughputSamplesMbps();
        assertEquals(300, samples.length);
        assertArrayEquals(samples, m.ueThroughputSamplesMbps());
    }
}
