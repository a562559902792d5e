package io.jric.conformance;

import io.jric.testing.TestGrids;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole implemented catalogue for a RIC target (E2, descriptor and A1 suites) against the
 * embedded RIC, in the build, with A1 bearer-token authentication on. Every case must pass; none
 * may be skipped.
 */
class EmbeddedRicConformanceTest extends AbstractRicConformanceTest {
    static final String A1_TOKEN = "conformance-a1-token";
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
                "e2.control.timeoutMs", "500",
                "a1.auth", "tokens",
                "a1.tokens", A1_TOKEN));
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
    String a1Token() {
        return A1_TOKEN;
    }

    @Override
    String reportName() {
        return "embedded-ric";
    }
}
