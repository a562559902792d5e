package io.jric.xapps.lb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two-layer rule's capacity-cell back-off threshold ({@code layerBackOffPct}, issue #16's fourth round). */
class LbPolicyBackOffTest {
    @Test
    void theDefaultTriggersLowAndBacksOffOnlyForALoadedCapacityCell() {
        LbPolicy d = LbPolicy.parse("{}");
        assertEquals(LbPolicy.DEFAULT, d);
        assertEquals(25, d.layerUpPct());
        assertEquals(0, d.layerDownPct());
        assertEquals(4, d.layerStepDb());
        assertEquals(50, d.layerBackOffPct());
        assertEquals(50, d.layerBackOffAt());
        assertEquals(40, LbPolicy.parse("{\"layerBackOffPct\":40}").layerBackOffAt());
    }

    @Test
    void unsetItFollowsTheTrigger() {
        LbPolicy before = new LbPolicy(80, -4, 4, 2, 6, 5000, 0.5, 20, Set.of(), 5, 24, 50, 30, 16, 2, true, 0, 1);
        assertTrue(Double.isNaN(before.layerBackOffPct()));
        assertEquals(50, before.layerBackOffAt());
        // the rule before: the same thresholds through the JSON keys
        LbPolicy parsed = LbPolicy.parse("{\"layerUpPct\":50,\"layerDownPct\":30,\"layerStepDb\":2}");
        assertEquals(before.layerBackOffAt(), parsed.layerBackOffAt());
        assertEquals(before.layerDownPct(), parsed.layerDownPct());
    }

    @Test
    void outOfRangeOrNotANumberIsRefusedByName() {
        for (String bad : new String[] {"-1", "101", "\"half\""}) {
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> LbPolicy.parse("{\"layerBackOffPct\":" + bad + "}")).getMessage();
            assertTrue(msg.contains("layerBackOffPct"), msg);
        }
    }
}
