package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The catalogue and the code agree, and docs/conformance.md is the catalogue's. */
class CatalogueTest {
    private final Catalogue catalogue = Catalogue.load();

    /** Every suite implementation, built without starting anything expensive. */
    private static List<Suite> allSuites() {
        List<Suite> s = new ArrayList<>();
        s.add(new RicE2Suite(RicTarget.of("127.0.0.1", 1, null)));
        s.add(new E2NodeSuite("127.0.0.1", 0, Duration.ofSeconds(1)));
        s.add(new DescriptorSuite(URI.create("http://127.0.0.1:1")));
        s.add(new A1Suite(A1Target.of(URI.create("http://127.0.0.1:1"), null, null)));
        s.add(new XappSuite(XappUnderTest.onClassPath(TestXapps.descriptor("x-app", "conformance-good")), Duration.ZERO, 1));
        return s;
    }

    @Test
    void everyImplementedCaseHasCodeForEachOfItsTargetsAndPlannedOnesHaveNone() {
        List<Suite> suites = allSuites();
        try {
            List<String> problems = new ArrayList<>();
            for (CaseSpec c : catalogue.cases()) {
                for (TargetKind t : c.targets()) {
                    boolean coded = suites.stream().anyMatch(s -> s.target() == t && s.suite().equals(c.suite())
                            && s.cases().containsKey(c.id()));
                    if (c.implemented() && !coded) problems.add(c.id() + ": implemented for " + t.id() + " but no code");
                    if (!c.implemented() && coded) problems.add(c.id() + ": planned but has code for " + t.id());
                }
            }
            for (Suite s : suites) {
                for (String id : s.cases().keySet()) {
                    CaseSpec c = catalogue.get(id).orElse(null);
                    if (c == null) problems.add(id + ": code in " + s.getClass().getSimpleName() + " but not in the catalogue");
                    else if (!c.suite().equals(s.suite()) || !c.appliesTo(s.target())) {
                        problems.add(id + ": code for " + s.target().id() + " but the catalogue says suite " + c.suite() + ", targets " + c.targets());
                    }
                }
            }
            assertEquals(List.of(), problems);
        } finally {
            suites.forEach(Suite::close);
        }
    }

    @Test
    void theCatalogueCoversTheIssue() {
        Set<String> suites = new TreeSet<>();
        catalogue.cases().forEach(c -> suites.add(c.suite()));
        assertEquals(Set.of("a1", "descriptor", "e2", "xapp"), suites);
        // The issue's A1 list: every A1-P v2 path and code, schema violation, unknown type/instance,
        // notification callback, status values, problem+json bodies, authentication.
        for (String id : List.of("A1-TYPE-001", "A1-POL-001", "A1-POL-002", "A1-POL-003", "A1-NOTIF-001", "A1-STAT-001",
                "A1-PROB-001", "A1-METH-001", "A1-AUTH-001", "A1-AUTH-002")) {
            assertTrue(catalogue.get(id).map(CaseSpec::implemented).orElse(false), id + " listed and implemented");
        }
        String refs = String.join("\n", catalogue.cases().stream().filter(c -> c.suite().equals("a1")).map(CaseSpec::reference).toList());
        for (String path : List.of("GET /policytypes", "GET /policytypes/{policyTypeId}", "GET /policies",
                "PUT /policytypes/{policyTypeId}/policies/{policyId}", "DELETE", "/status", "notificationDestination")) {
            assertTrue(refs.contains(path), "no A1 case cites " + path);
        }
        for (String code : List.of("200", "201", "204", "400", "404", "405", "409", "401")) {
            assertTrue(refs.contains(code), "no A1 case cites status " + code);
        }
        assertTrue(catalogue.cases().stream().filter(CaseSpec::implemented).count() >= 80);
    }

    @Test
    void selectionTakesGlobsAndRejectsPatternsMatchingNothing() {
        assertEquals(List.of("E2-SETUP-001", "E2-SETUP-002", "E2-SETUP-003", "E2-SETUP-004", "E2-SETUP-005", "E2-SETUP-006"),
                catalogue.select("e2-setup-*").stream().map(CaseSpec::id).toList());
        assertEquals(2, catalogue.select("E2-SUB-001, DESC-REQ-001").size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> catalogue.select("E3-*"));
        assertTrue(e.getMessage().contains("E3-*"), e.getMessage());
    }

    @Test
    void badCatalogueEntriesAreNamed() throws Exception {
        ObjectMapper m = new ObjectMapper();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalogue.parse(m.readTree(
                "{\"cases\":[{\"id\":\"E2-X-001\",\"title\":\"t\",\"suite\":\"e2\",\"targets\":[\"ric\"],\"reference\":\"r\","
                        + "\"steps\":{\"ric\":[\"s\"],\"xapp\":[\"s\"]},\"expected\":{\"ric\":\"e\"},\"status\":\"implemented\"}]}")));
        assertTrue(e.getMessage().contains("steps.xapp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Catalogue.parse(m.readTree("{\"cases\":[{\"id\":\"bad\"}]}")));
        assertTrue(e.getMessage().contains("(bad)"), e.getMessage());
    }

    @Test
    void docsListEveryCase() throws Exception {
        Path root = Path.of(System.getProperty("conformance.projectRoot", ".."));
        Path doc = root.resolve("docs/conformance.md");
        String expected = ConformanceDocs.markdown(catalogue);
        if (Boolean.getBoolean("conformance.updateDocs")) Files.writeString(doc, expected, StandardCharsets.UTF_8);
        assertTrue(Files.exists(doc), doc + " missing: run CatalogueTest with -Dconformance.updateDocs=true");
        assertEquals(expected, Files.readString(doc), "docs/conformance.md is out of date with the catalogue: run "
                + "mvn -pl conformance-tests test -Dtest=CatalogueTest -Dconformance.updateDocs=true");
    }
}
