package io.jric.conformance;

import io.jric.testing.TestGrids;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole implemented catalogue for a RIC target (E2 and descriptor suites) against the
 * embedded RIC, in the build. Every case must pass; none may be skipped.
 */
class EmbeddedRicConformanceTest extends AbstractRicConformanceTest {
    private static EmbeddedRic ric;

    @BeforeAll
    static void startRic() throws Exception {
        int disco = TestGrids.freePortPair();
        ric = EmbeddedRic.start("conformance-ric", Map.of(
                "grid.discoveryPort", Integer.toString(disco),
                "grid.addresses", "127.0.0.1:" + disco,
                "grid.communicationPort", Integer.toString(TestGrids.freePortPair()),
                "e2.allowedPlmns", "00101",
                "e2.kpm.periodMs", "200",
                "e2.subscription.timeoutMs", "500",
                "e2.control.timeoutMs", "500"));
    }

    @AfterAll
    static void stopRic() {
        if (ric != null) ric.close();
    }

    @Override
    RicTarget target() {
        return RicTarget.of("127.0.0.1", ric.e2Port(), ric.admin()).withUnservedPlmn("99999");
    }

    @Override
    String reportName() {
        return "embedded-ric";
    }
}
