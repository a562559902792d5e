package io.jric.server;

import static io.jric.server.RicFixture.await;
import static io.jric.server.RicFixture.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.KpmReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics}, {@code /healthz} and {@code /readyz} of a real RIC with the simulator connected:
 * scraped over HTTP, the exposition checked line by line against the text format, and every family
 * the run exercises found with a non-zero sample.
 */
class MetricsEndpointTest {
    private static final String TXPOWER = "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]";

    @Test
    void scrapeDuringASimulatorRunFindsEveryExercisedFamilyAndReadinessFollowsTheXapps() throws Exception {
        ProbeXapp.BY_NAME.clear();
        try (RicFixture f = RicFixture.start()) {
            assertEquals(200, f.send("GET", "/healthz", null).statusCode());
            assertEquals(200, f.send("GET", "/readyz", null).statusCode(), f.send("GET", "/readyz", null).body());

            // readiness: an installed xApp that has not started yet makes the RIC not ready
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() ->
                    f.ric.xapps().install(probe("sleepy", "1.0.0", "slow-start", ""), null, null));
            await(() -> f.send("GET", "/readyz", null).statusCode() == 503, "503 while sleepy starts");
            HttpResponse<String> notReady = f.send("GET", "/readyz", null);
            assertTrue(notReady.body().contains("\"xapps\":\"no running instance of sleepy\""), notReady.body());
            assertTrue(notReady.body().contains("\"ready\":false"), notReady.body());
            slow.get(30, TimeUnit.SECONDS);
            await(() -> f.send("GET", "/readyz", null).statusCode() == 200, "ready once sleepy runs");
            assertTrue(f.send("GET", "/readyz", null).body().contains("\"grid\":true"));

            // the loop: reports, an acknowledged control, a guard-rail refusal, a conflict, handler errors, A1
            f.ric.xapps().install(probe("steer", "1.0.0", "record", "\"priority\":100," + TXPOWER), null, null);
            f.ric.xapps().install(probe("rival", "1.0.0", "record", "\"priority\":10," + TXPOWER), null, null);
            f.ric.xapps().install(probe("thrower", "1.0.0", "throw", ""), null, null);
            await(() -> ProbeXapp.BY_NAME.containsKey("steer") && ProbeXapp.BY_NAME.containsKey("rival"), "started");
            ProbeXapp steer = ProbeXapp.BY_NAME.get("steer");
            KpmReport r = steer.reports.poll(30, TimeUnit.SECONDS);
            assertEquals(ControlStatus.ACK, steer.txPowerOnFirstCell(r, 39).toCompletableFuture().get(10, TimeUnit.SECONDS).status());
            assertEquals(ControlStatus.CONFLICT, ProbeXapp.BY_NAME.get("rival").txPowerOnFirstCell(r, 30)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS).status());
            String rails = "/A1-P/v2/policytypes/jric.guardrails.v1/policies/ceiling";
            assertEquals(201, f.send("PUT", rails, "{\"scope\":\"*\",\"txPowerMaxDbm\":40}").statusCode());
            await(() -> steer.txPowerOnFirstCell(r, 44).toCompletableFuture().join().status() == ControlStatus.REFUSED,
                    "the guard rail refuses");
            assertEquals(404, f.send("GET", "/A1-P/v2/policytypes/no-such-type", null).statusCode());
            await(() -> f.ric.xappHost().metrics().stream().anyMatch(m -> m.xapp().equals("thrower") && m.errors() > 0),
                    "thrower fails");

            HttpResponse<String> scrape = get(f, "/metrics", null);
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                    scrape.headers().toString());
            Map<String, Family> m = parse(scrape.body());

            // families the run makes non-zero
            for (String name : List.of("jric_e2_nodes_connected", "jric_e2_node_connected", "jric_e2_setups_total",
                    "jric_e2_indications_total", "jric_e2_controls_total", "jric_ingest_records_total",
                    "jric_ingest_latency_seconds_count", "jric_xapp_reports_total", "jric_xapp_errors_total",
                    "jric_xapp_handler_latency_seconds_count", "jric_xapp_controls_total",
                    "jric_control_router_refused_total", "jric_control_router_conflicts_total",
                    "jric_control_router_guardrail_hits_total", "jric_a1_policy_instances", "jric_a1_requests_total",
                    "jric_grid_server_nodes", "jric_grid_cache_entries", "jric_grid_region_used_bytes")) {
                assertTrue(nonZero(m, name), name + " has no non-zero sample in\n" + scrape.body());
            }
            assertEquals(2.0, value(m, "jric_e2_nodes_connected", Map.of()));
            assertEquals(2.0, value(m, "jric_e2_setups_total", Map.of("result", "accepted")));
            assertTrue(value(m, "jric_e2_controls_total", Map.of("outcome", "ack")) >= 1);
            assertTrue(value(m, "jric_xapp_controls_total", Map.of("xapp", "steer", "outcome", "ack")) >= 1);
            assertTrue(value(m, "jric_xapp_controls_total", Map.of("xapp", "steer", "outcome", "refused")) >= 1);
            assertEquals(1.0, value(m, "jric_xapp_controls_total", Map.of("xapp", "rival", "outcome", "conflict")));
            assertEquals(1.0, value(m, "jric_a1_policy_instances", Map.of("policy_type", "jric.guardrails.v1")));
            assertTrue(value(m, "jric_a1_requests_total", Map.of("method", "PUT", "status", "201")) >= 1);
            assertTrue(value(m, "jric_a1_requests_total", Map.of("method", "GET", "status", "404")) >= 1);
            assertTrue(value(m, "jric_grid_cache_entries", Map.of("cache", io.jric.api.kpm.KpmCaches.CELL_LATEST)) > 0);
            // families present, zero in a short clean run (nothing rejects, fails to decode, times out or overflows)
            for (String name : List.of("jric_e2_error_indications_total", "jric_e2_decode_failures_total",
                    "jric_ingest_backlog_records", "jric_xapp_drops_total", "jric_xapp_queue_depth", "jric_xapp_handler_demotions_total",
                    "jric_xapp_model_version")) {
                assertTrue(family(m, name) != null && !family(m, name).samples.isEmpty(),
                        name + " missing in\n" + scrape.body());
            }
            // no per-UE or per-cell labels anywhere
            for (Family fam : m.values()) {
                for (Sample s : fam.samples) {
                    assertFalse(s.labels.containsKey("ue") || s.labels.containsKey("cell") || s.labels.containsKey("cell_id"),
                            s.toString());
                }
            }

            HttpResponse<String> om = get(f, "/metrics", "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertTrue(om.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
            assertTrue(om.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
            assertTrue(om.body().contains("# TYPE jric_e2_indications counter"), om.body());
        }
    }

    @Test
    void metricsNeedTheAdminTokenWhileProbesNeedNone() throws Exception {
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-metrics-auth"), "metrics-auth-" + System.nanoTime())
                .set("admin.auth", "tokens").set("admin.tokens", "op-secret");
        try (RicNode ric = RicNode.start(cfg)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + ric.httpPort();
            HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, none.statusCode());
            assertEquals("Bearer realm=\"jric-admin\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .header("Authorization", "Bearer op-secret").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            parse(ok.body());
            for (String probe : List.of("/healthz", "/readyz")) {
                assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + probe)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), probe);
            }
        }
        assertFalse(RicConfig.defaults().set("http.metrics.auth", "off").metricsNeedAuth());
        assertTrue(RicConfig.defaults().metricsNeedAuth());
    }

    private static HttpResponse<String> get(RicFixture f, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.url(path)));
        if (accept != null) b.header("Accept", accept);
        return f.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---- a strict reader of the Prometheus text format (0.0.4) ----

    record Sample(String name, Map<String, String> labels, double value) {}

    static final class Family {
        final String name;
        final String type;
        final List<Sample> samples = new ArrayList<>();

        Family(String name, String type) {
            this.name = name;
            this.type = type;
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( -?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

    /** Parses an exposition, failing on any line that is not in the text format; checks histograms. */
    static Map<String, Family> parse(String text) {
        assertTrue(text.endsWith("\n"), "ends with a newline");
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> help = new HashMap<>();
        Family current = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) continue;
            if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                assertTrue(NAME.matcher(p[0]).matches(), line);
                assertTrue(help.put(p[0], p.length > 1 ? p[1] : "") == null, "one HELP per family: " + line);
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ");
                assertEquals(2, p.length, line);
                assertTrue(List.of("counter", "gauge", "histogram", "summary", "untyped").contains(p[1]), line);
                assertFalse(families.containsKey(p[0]), "one TYPE per family: " + line);
                current = new Family(p[0], p[1]);
                families.put(p[0], current);
                continue;
            }
            if (line.startsWith("#")) continue;
            Matcher sm = SAMPLE.matcher(line);
            if (!sm.matches()) fail("not a sample line: " + line);
            String name = sm.group(1);
            if (current == null || !familyOf(name, current)) fail("sample outside its family's TYPE block: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (sm.group(3) != null && !sm.group(3).isEmpty()) {
                Matcher lm = LABEL.matcher(sm.group(3));
                int at = 0;
                while (at < sm.group(3).length()) {
                    if (!lm.find(at) || lm.start() != at) fail("bad labels: " + line);
                    assertTrue(labels.put(lm.group(1), lm.group(2)) == null, "duplicate label: " + line);
                    at = lm.end();
                }
            }
            String v = sm.group(4);
            double value = switch (v) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(v);
            };
            current.samples.add(new Sample(name, labels, value));
        }
        for (Family fam : families.values()) {
            if (fam.type.equals("histogram")) checkHistogram(fam);
            if (fam.type.equals("counter")) {
                for (Sample s : fam.samples) assertTrue(s.value >= 0 && s.name.endsWith("_total"), s.toString());
            }
        }
        return families;
    }

    private static boolean familyOf(String sample, Family f) {
        if (sample.equals(f.name)) return true;
        List<String> suffixes = switch (f.type) {
            case "counter" -> List.of("_total", "_created");
            case "histogram" -> List.of("_bucket", "_count", "_sum", "_created");
            case "summary" -> List.of("_count", "_sum", "_created");
            default -> List.of();
        };
        for (String s : suffixes) if (sample.equals(f.name + s)) return true;
        return false;
    }

    /** Buckets cumulative, ending with le="+Inf" equal to _count, per label set. */
    private static void checkHistogram(Family fam) {
        Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new HashMap<>();
        for (Sample s : fam.samples) {
            Map<String, String> rest = new LinkedHashMap<>(s.labels);
            rest.remove("le");
            if (s.name.endsWith("_bucket")) bySeries.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
            if (s.name.endsWith("_count")) counts.put(rest, s.value);
        }
        assertFalse(bySeries.isEmpty() && !fam.samples.isEmpty(), fam.name + " has no buckets");
        for (var e : bySeries.entrySet()) {
            double prevLe = Double.NEGATIVE_INFINITY;
            double prev = 0;
            for (Sample b : e.getValue()) {
                double le = b.labels.get("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.labels.get("le"));
                assertTrue(le > prevLe && b.value >= prev, fam.name + " buckets not cumulative: " + e.getValue());
                prevLe = le;
                prev = b.value;
            }
            assertEquals(Double.POSITIVE_INFINITY, prevLe, fam.name + " ends with +Inf");
            assertEquals(counts.get(e.getKey()), prev, fam.name + " +Inf bucket = count");
            assertEquals(17, e.getValue().size(), fam.name + ": 16 bounds from 10 us to 1 s and +Inf");
        }
    }

    private static String familyOf(String sampleName) {
        for (String s : List.of("_total", "_count", "_sum", "_bucket")) {
            if (sampleName.endsWith(s)) return sampleName.substring(0, sampleName.length() - s.length());
        }
        return sampleName;
    }

    private static Family family(Map<String, Family> m, String sampleName) {
        Family fam = m.get(sampleName);
        return fam != null ? fam : m.get(familyOf(sampleName));
    }

    private static boolean nonZero(Map<String, Family> m, String sampleName) {
        Family fam = family(m, sampleName);
        if (fam == null) return false;
        for (Sample s : fam.samples) if (s.name.equals(sampleName) && s.value != 0) return true;
        return false;
    }

    private static double value(Map<String, Family> m, String sampleName, Map<String, String> labels) {
        Family fam = family(m, sampleName);
        assertTrue(fam != null, "no family for " + sampleName);
        for (Sample s : fam.samples) {
            if (s.name.equals(sampleName) && s.labels.entrySet().containsAll(labels.entrySet())
                    && s.labels.size() == labels.size()) {
                return s.value;
            }
        }
        fail("no sample " + sampleName + labels);
        return 0;
    }
}
