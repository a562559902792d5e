package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import org.junit.jupiter.api.Test;

/**
 * The load oracle (a bound, not a steering): off by default; on, it hands UEs with data around and the busiest cell of
 * each second carries less than without it. Two-layer FTP3 at 2x demand, 30 simulated seconds.
 */
class LoadOracleTest {
    private static SimConfig config() {
        SimConfig p = SimConfig.preset("two-layer-ftp3").seed(31).build();
        return p.toBuilder().ftp3(2 * p.ftpFileArrivalsPerS(), p.ftpFileSizeMbit()).build();
    }

    /** Mean over 30 one-second periods of the highest cell PRB use (%); the oracle in {@code mode} or none. */
    private static double meanPeak(RanModel m) {
        PeriodCursor cursor = m.newCursor();
        double sum = 0;
        for (int s = 0; s < 30; s++) {
            m.step(10);
            double max = 0;
            for (CellMeasurement c : m.indication(cursor, m.cellIds(), false).getCellsList()) max = Math.max(max, c.getPrbUsedDlPct());
            sum += max;
        }
        return sum / 30;
    }

    @Test
    void offByDefaultAndLowersThePeakWhenOn() {
        RanModel plain = new RanModel(config());
        double without = meanPeak(plain);
        assertEquals(0, plain.loadOracleMoves());
        for (String mode : new String[] {"tick", "period"}) {
            RanModel m = new RanModel(config());
            m.enableLoadOracle(mode, 10);
            double with = meanPeak(m);
            assertTrue(m.loadOracleMoves() > 0, mode + ": no UE moved");
            assertTrue(with < 0.9 * without, mode + ": peak " + with + " % vs " + without + " % without");
        }
    }

    @Test
    void refusesAnUnknownModeAndASecondStart() {
        RanModel m = new RanModel(config());
        assertThrows(IllegalArgumentException.class, () -> m.enableLoadOracle("sometimes", 10));
        assertThrows(IllegalArgumentException.class, () -> m.enableLoadOracle("burst", 0));
        m.enableLoadOracle("burst", 10);
        assertThrows(IllegalStateException.class, () -> m.enableLoadOracle("tick", 10));
    }
}
