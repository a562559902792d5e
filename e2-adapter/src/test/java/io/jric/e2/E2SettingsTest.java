package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class E2SettingsTest {
    @Test
    void nodeIdPatternsMatchWholeIds() {
        assertTrue(E2Settings.globMatches("gnb:00f110:7/22", "gnb:00f110:7/22"));
        assertFalse(E2Settings.globMatches("gnb:00f110:7/22", "gnb:00f110:7/220"));
        assertTrue(E2Settings.globMatches("gnb:00f110:*", "gnb:00f110:7/22"));
        assertFalse(E2Settings.globMatches("gnb:00f110:*", "gnb:00f111:7/22"));
        assertTrue(E2Settings.globMatches("*:7/*", "gnb:00f110:7/22"));
        assertFalse(E2Settings.globMatches("*:7/*", "gnb:00f110:17/22"));
        assertFalse(E2Settings.globMatches("a*a", "a"), "the two ends may not overlap");
        assertTrue(E2Settings.globMatches("*", "anything"));
    }

    @Test
    void theAllowListNeedsMutualTlsAndBindsCertificatesToIds() {
        assertThrows(IllegalArgumentException.class,
                () -> E2Settings.builder().allowedNodeIds(Map.of("cn", List.of("x"))).build());
        E2Settings open = E2Settings.builder().build();
        assertTrue(open.nodeIdAllowed("any", "any-node"), "no list: any certificate, any id");
    }
}
