package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SimConfigTest {

    @Test
    void defaultsDescribeSevenSitesOfThreeSectors() {
        SimConfig c = SimConfig.defaults();
        assertEquals(7, c.gnbs());
        assertEquals(3, c.cellsPerGnb());
        assertEquals(300, c.ues());
        assertEquals(100, c.tickMs());
        assertEquals(106, c.prbs());
        assertEquals(43, c.defaultTxPowerDbm());
        assertEquals("001", c.mcc());
        assertEquals(c.seed(), c.toBuilder().build().seed());
    }

    @Test
    void invalidValuesAreRejectedWithTheFieldName() {
        assertMessage("gnbs: 0 (expected: >= 1)", SimConfig.builder().gnbs(0));
        assertMessage("tickMs: 0 (expected: 1..60000)", SimConfig.builder().tickMs(0));
        assertMessage("defaultTxPowerDbm: 50.0 (expected: 20.0..46.0)", SimConfig.builder().defaultTxPowerDbm(50));
        assertMessage("ueSpeedMaxMps: 0.5 (expected: finite and >= ueSpeedMinMps 1.0)",
                SimConfig.builder().ueSpeedMaxMps(0.5));
        assertMessage("mcc: 1 (expected: 3 digits)", SimConfig.builder().plmn("1", "01"));
        assertMessage("interSiteDistanceM: -1.0 (expected: finite and > 0)", SimConfig.builder().interSiteDistanceM(-1));
        assertMessage("trafficSwing: 2.0 (expected: 0.0..1.0)", SimConfig.builder().trafficSwing(2));
    }

    private static void assertMessage(String expected, SimConfig.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertEquals(expected, e.getMessage());
    }
}
