package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The E2 suite for an E2-node target (the harness plays the RIC) against the RAN simulator's agent. */
class E2NodeConformanceTest {
    @Test
    void theSimulatedNodeConforms() throws Exception {
        Report report;
        try (E2NodeSuite suite = new E2NodeSuite("127.0.0.1", 0, Duration.ofSeconds(15));
             RanSimulator sim = new RanSimulator(SimConfig.builder().seed(3).gnbs(1).cellsPerGnb(2).ues(6).build(),
                     RanSimulator.Options.builder().speed(1).build())) {
            sim.start("127.0.0.1", suite.port());
            report = ConformanceRunner.builder().catalogue(Catalogue.load()).suite(suite).caseTimeout(Duration.ofSeconds(30))
                    .target("e2node ran-sim agent (harness E2 port " + suite.port() + ")").build().run();
        }
        report.write(AbstractRicConformanceTest.reportDir("e2node-ran-sim"));
        long e2nodeCases = Catalogue.load().cases().stream().filter(c -> c.appliesTo(TargetKind.E2NODE)).count();
        assertEquals(e2nodeCases, report.results().size());
        for (CaseResult r : report.results()) {
            assertEquals(Outcome.PASS, r.outcome(), () -> r.spec().id() + ": " + r.message() + "\n" + String.join("\n", r.transcript()));
        }
        assertTrue(report.passed());
    }
}
