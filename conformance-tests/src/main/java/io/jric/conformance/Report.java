package io.jric.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The results of one run, and the three report formats: JUnit XML ({@code TEST-conformance.xml},
 * one testcase per case), a JSON summary ({@code conformance-summary.json}) and an HTML page
 * ({@code conformance-report.html}).
 */
public final class Report {
    public static final String JUNIT_FILE = "TEST-conformance.xml";
    public static final String JSON_FILE = "conformance-summary.json";
    public static final String HTML_FILE = "conformance-report.html";

    private final String target;
    private final Instant started;
    private final Duration duration;
    private final List<CaseResult> results;

    public Report(String target, Instant started, Duration duration, List<CaseResult> results) {
        this.target = target;
        this.started = started;
        this.duration = duration;
        this.results = List.copyOf(results);
    }

    public List<CaseResult> results() {
        return results;
    }

    public String target() {
        return target;
    }

    public long count(Outcome o) {
        return results.stream().filter(r -> r.outcome() == o).count();
    }

    /** True when no case failed (skipped and not-run cases do not fail a run). */
    public boolean passed() {
        return count(Outcome.FAIL) == 0;
    }

    /** 0 when nothing failed, 1 otherwise. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    public String summaryLine() {
        return String.format("conformance: %d case(s): %d passed, %d failed, %d skipped, %d planned (not run) in %d ms",
                results.size(), count(Outcome.PASS), count(Outcome.FAIL), count(Outcome.SKIP), count(Outcome.NOT_RUN),
                duration.toMillis());
    }

    /** Writes the three reports into {@code dir} (created if needed). */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(JUNIT_FILE), junitXml(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(JSON_FILE), json(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(HTML_FILE), html(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ JUnit XML

    public String junitXml() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuite name=\"conformance\"")
                .append(attr("tests", results.size()))
                .append(attr("failures", count(Outcome.FAIL)))
                .append(attr("errors", 0))
                .append(attr("skipped", count(Outcome.SKIP) + count(Outcome.NOT_RUN)))
                .append(attr("time", secs(duration.toMillis())))
                .append(attr("timestamp", started.toString()))
                .append(">\n");
        b.append("  <properties>\n    <property name=\"target\" value=\"").append(xml(target)).append("\"/>\n  </properties>\n");
        for (CaseResult r : results) {
            b.append("  <testcase")
                    .append(attr("classname", "conformance." + r.spec().suite() + "." + r.target().id()))
                    .append(attr("name", r.spec().id() + " " + r.spec().title()))
                    .append(attr("time", secs(r.durationMs())));
            String transcript = String.join("\n", r.transcript());
            switch (r.outcome()) {
                case PASS -> b.append("/>\n");
                case FAIL -> b.append(">\n    <failure").append(attr("message", r.message()))
                        .append(attr("type", "conformance.NotConforming")).append(">")
                        .append(xml(r.message() + "\nreference: " + r.spec().reference() + "\n\nsent/received:\n" + transcript))
                        .append("</failure>\n").append(systemOut(transcript)).append("  </testcase>\n");
                case SKIP, NOT_RUN -> b.append(">\n    <skipped").append(attr("message", r.message())).append("/>\n")
                        .append(systemOut(transcript)).append("  </testcase>\n");
            }
        }
        return b.append("</testsuite>\n").toString();
    }

    private static String systemOut(String transcript) {
        return transcript.isEmpty() ? "" : "    <system-out>" + xml(transcript) + "</system-out>\n";
    }

    private static String attr(String name, Object value) {
        return " " + name + "=\"" + xml(String.valueOf(value)) + "\"";
    }

    private static String secs(long ms) {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    // XML 1.0 allows tab, newline, carriage return and >= 0x20 only.
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) b.append(c);
                    else b.append("\\u").append(String.format("%04x", (int) c));
                }
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ JSON

    public String json() {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = m.createObjectNode();
        root.put("target", target);
        root.put("startedAt", started.toString());
        root.put("durationMs", duration.toMillis());
        root.put("passed", passed());
        ObjectNode totals = root.putObject("totals");
        totals.put("cases", results.size());
        totals.put("pass", count(Outcome.PASS));
        totals.put("fail", count(Outcome.FAIL));
        totals.put("skip", count(Outcome.SKIP));
        totals.put("notRun", count(Outcome.NOT_RUN));
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : results) {
            ObjectNode c = cases.addObject();
            c.put("id", r.spec().id());
            c.put("title", r.spec().title());
            c.put("suite", r.spec().suite());
            c.put("target", r.target().id());
            c.put("reference", r.spec().reference());
            c.put("result", r.outcome().name().toLowerCase(Locale.ROOT).replace("not_run", "not-run"));
            c.put("durationMs", r.durationMs());
            if (!r.message().isEmpty()) c.put("message", r.message());
            if (r.outcome() == Outcome.FAIL) {
                ArrayNode t = c.putArray("transcript");
                r.transcript().forEach(t::add);
            }
        }
        try {
            return m.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ HTML

    public String html() {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>jRIC conformance report</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f0f0f0}")
                .append(".PASS{background:#d9f2d9}.FAIL{background:#f8d0d0}.SKIP{background:#fff2cc}.NOT_RUN{background:#e8e8e8}")
                .append("pre{white-space:pre-wrap;font-size:12px;background:#fafafa;border:1px solid #ddd;padding:6px;margin:4px 0}")
                .append("details{margin-top:4px}\n</style></head><body>\n");
        b.append("<h1>jRIC conformance report</h1>\n<p>Target: <code>").append(xml(target)).append("</code><br>Started: ")
                .append(xml(started.toString())).append("<br>").append(xml(summaryLine())).append("</p>\n");
        b.append("<p><b>").append(passed() ? "CONFORMS: no case failed" : "DOES NOT CONFORM: " + count(Outcome.FAIL) + " case(s) failed")
                .append("</b>. Skipped cases did not run for lack of a precondition; planned cases have no code yet and were not run.</p>\n");
        b.append("<table>\n<tr><th>id</th><th>title</th><th>target</th><th>reference</th><th>result</th><th>duration</th></tr>\n");
        for (CaseResult r : results) {
            b.append("<tr class=\"").append(r.outcome()).append("\"><td><a id=\"").append(r.spec().id()).append("\"></a><code>")
                    .append(r.spec().id()).append("</code></td><td>").append(xml(r.spec().title()));
            if (!r.message().isEmpty()) b.append("<br><b>").append(xml(r.message())).append("</b>");
            if (r.outcome() == Outcome.FAIL && !r.transcript().isEmpty()) {
                b.append("<details open><summary>sent / received</summary><pre>")
                        .append(xml(String.join("\n", r.transcript()))).append("</pre></details>");
            } else if (!r.transcript().isEmpty()) {
                b.append("<details><summary>transcript</summary><pre>")
                        .append(xml(String.join("\n", r.transcript()))).append("</pre></details>");
            }
            b.append("</td><td>").append(r.target().id()).append("</td><td>").append(xml(r.spec().reference()))
                    .append("</td><td>").append(r.outcome() == Outcome.NOT_RUN ? "NOT RUN (planned)" : r.outcome())
                    .append("</td><td>").append(r.durationMs()).append(" ms</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }
}
