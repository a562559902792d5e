package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The runner's verdicts, timeouts and progress lines, and the three report formats. */
class RunnerAndReportTest {
    /** A fake descriptor suite whose cases pass, fail, skip, hang and break. */
    private static Suite fake() {
        return new Suite() {
            @Override
            public String suite() {
                return "descriptor";
            }

            @Override
            public TargetKind target() {
                return TargetKind.RIC;
            }

            @Override
            public Map<String, CaseBody> cases() {
                return Map.of(
                        "DESC-VALID-001", ctx -> ctx.sent("POST <descriptor & \"quotes\">"),
                        "DESC-REQ-001", ctx -> {
                            ctx.sent("POST something");
                            ctx.received("200 OK \u0001");
                            ctx.fail("accepted <bad> descriptor");
                        },
                        "DESC-REQ-002", ctx -> ctx.skip("an admin API"),
                        "DESC-REQ-003", ctx -> new CountDownLatch(1).await(),
                        "DESC-REQ-004", ctx -> {
                            throw new IllegalStateException("boom");
                        });
            }
        };
    }

    /** The shipped catalogue plus one planned case at the end (every shipped case has code). */
    private static Catalogue withPlannedCase() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root;
        try (InputStream in = Catalogue.class.getResourceAsStream(Catalogue.RESOURCE)) {
            root = (ObjectNode) m.readTree(in);
        }
        ((ArrayNode) root.get("cases")).add(m.readTree("{\"id\":\"DESC-PLAN-001\",\"title\":\"a planned case\",\"suite\":\"descriptor\","
                + "\"targets\":[\"ric\"],\"reference\":\"r\",\"steps\":{\"ric\":[\"s\"]},\"expected\":{\"ric\":\"e\"},"
                + "\"status\":\"planned\"}"));
        return Catalogue.parse(root);
    }

    @Test
    void verdictsProgressAndReports(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Report r = ConformanceRunner.builder().catalogue(withPlannedCase()).suite(fake())
                .select("DESC-VALID-001,DESC-REQ-00?,DESC-PLAN-001").caseTimeout(Duration.ofMillis(300))
                .progress(new PrintStream(progress, true, StandardCharsets.UTF_8)).target("fake").build().run();
        Map<String, CaseResult> by = new java.util.HashMap<>();
        r.results().forEach(c -> by.put(c.spec().id(), c));
        assertEquals(Outcome.PASS, by.get("DESC-VALID-001").outcome());
        assertEquals(Outcome.FAIL, by.get("DESC-REQ-001").outcome());
        assertEquals(Outcome.SKIP, by.get("DESC-REQ-002").outcome());
        assertTrue(by.get("DESC-REQ-002").message().contains("an admin API"));
        assertEquals(Outcome.FAIL, by.get("DESC-REQ-003").outcome());
        assertTrue(by.get("DESC-REQ-003").message().contains("timed out after 300 ms"));
        assertTrue(by.get("DESC-REQ-004").message().contains("boom"));
        assertEquals(Outcome.FAIL, by.get("DESC-REQ-005").outcome(), "a case with no code in the suite fails");
        assertEquals(Outcome.NOT_RUN, by.get("DESC-PLAN-001").outcome());
        assertEquals(1, r.exitCode());
        String p = progress.toString(StandardCharsets.UTF_8);
        assertTrue(p.contains("] DESC-VALID-001 ... PASS ("), p);
        assertTrue(p.contains("DESC-PLAN-001 ... NOT_RUN (planned)"), p);

        r.write(dir);
        Document x = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(Report.JUNIT_FILE).toFile());
        NodeList cases = x.getElementsByTagName("testcase");
        assertEquals(r.results().size(), cases.getLength());
        assertEquals(String.valueOf(r.count(Outcome.FAIL)), x.getDocumentElement().getAttribute("failures"));
        Element failure = (Element) x.getElementsByTagName("failure").item(0);
        assertTrue(failure.getTextContent().contains("POST something"), "failure carries what was sent");
        JsonNode j = new ObjectMapper().readTree(dir.resolve(Report.JSON_FILE).toFile());
        assertEquals(r.results().size(), j.path("cases").size());
        assertEquals("not-run", j.path("cases").get(r.results().size() - 1).path("result").asText());
        String html = Files.readString(dir.resolve(Report.HTML_FILE));
        assertTrue(html.contains("accepted &lt;bad&gt; descriptor") && html.contains("NOT RUN (planned)"), html);
    }
}
