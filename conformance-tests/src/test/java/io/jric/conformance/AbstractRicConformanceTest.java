package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The RIC-target suites (E2, descriptor, A1) run by the harness's own runner against whatever RIC a subclass points
 * at (as grpc-java's AbstractInteropTest runs one set of cases over several transports): one
 * JUnit test per catalogue case, each passing only if the case passed. The reports land in
 * {@code target/conformance/<name>}.
 */
abstract class AbstractRicConformanceTest {
    abstract RicTarget target();

    abstract String reportName();

    /** A bearer token the RIC accepts on A1, or null (the A1 authentication cases are then skipped). */
    String a1Token() {
        return null;
    }

    /** Case selection (globs); every case by default. */
    String selection() {
        return "";
    }

    static Path reportDir(String name) {
        return Path.of(System.getProperty("conformance.reportDir", "target/conformance")).resolve(name);
    }

    @TestFactory
    Stream<DynamicTest> catalogue() throws Exception {
        RicTarget t = target();
        Report report;
        A1Target a = A1Target.of(t.admin(), a1Token(), t.admin());
        try (RicE2Suite e2 = new RicE2Suite(t); DescriptorSuite desc = new DescriptorSuite(t.admin()); A1Suite a1 = new A1Suite(a)) {
            report = ConformanceRunner.builder().catalogue(Catalogue.load()).suite(e2).suite(desc).suite(a1)
                    .select(selection()).caseTimeout(Duration.ofSeconds(30)).target(t.describe() + " " + a.describe()).build().run();
        }
        report.write(reportDir(reportName()));
        List<DynamicTest> tests = new ArrayList<>();
        for (CaseResult r : report.results()) {
            tests.add(DynamicTest.dynamicTest(r.spec().id() + " " + r.spec().title(), () -> {
                switch (r.outcome()) {
                    case PASS -> { }
                    case NOT_RUN -> {
                        assertEquals(CaseSpec.Status.PLANNED, r.spec().status());
                        Assumptions.abort("planned, not run: " + r.message());
                    }
                    default -> fail(r.outcome() + ": " + r.message() + "\n" + String.join("\n", r.transcript()));
                }
            }));
        }
        assertTrue(report.count(Outcome.PASS) > 0, "no case ran");
        return tests.stream();
    }
}
