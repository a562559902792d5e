package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The xApp-behaviour suite against a well-behaved xApp hosted in the sandbox: every case passes. */
class XappConformanceTest {
    @Test
    void aWellBehavedXappConforms() throws Exception {
        Report report;
        try (XappSuite suite = new XappSuite(XappUnderTest.onClassPath(TestXapps.descriptor("good-xapp", "conformance-good")),
                Duration.ofMillis(1500), 2)) {
            report = ConformanceRunner.builder().catalogue(Catalogue.load()).suite(suite).caseTimeout(Duration.ofSeconds(40))
                    .target("xapp good-xapp (sandbox)").build().run();
        }
        report.write(AbstractRicConformanceTest.reportDir("xapp-good"));
        assertEquals(Catalogue.load().implementedFor(TargetKind.XAPP).size(), report.results().size());
        for (CaseResult r : report.results()) {
            assertEquals(Outcome.PASS, r.outcome(), () -> r.spec().id() + ": " + r.message() + "\n" + String.join("\n", r.transcript()));
        }
    }
}
