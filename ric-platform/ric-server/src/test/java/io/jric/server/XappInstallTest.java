package io.jric.server;

import static io.jric.server.RicFixture.await;
import static io.jric.server.RicFixture.probe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Install, upgrade and remove through the REST API and the CLI; bad input changes nothing; restart keeps xApps. */
class XappInstallTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private RicFixture f;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        ProbeXapp.BY_NAME.clear();
        f = RicFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private boolean nothingLeftOf(String name) {
        return f.send("GET", "/ric/v1/xapps/" + name, null).statusCode() == 404
                && f.ric.grid().ignite().services().serviceDescriptors().stream()
                        .noneMatch(d -> d.name().equals("xapp:" + name))
                && !Files.exists(f.storeDir.resolve(name))
                && (!ProbeXapp.BY_NAME.containsKey(name) || ProbeXapp.BY_NAME.get(name).stopped);
    }

    @Test
    void installListStatusUpgradeAndRemoveThroughRest() throws Exception {
        HttpResponse<String> created = f.send("POST", "/ric/v1/xapps", probe("rest-xapp", "1.0.0", "record", ""));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("/ric/v1/xapps/rest-xapp", created.headers().firstValue("Location").orElse(""));

        JsonNode list = json(f.send("GET", "/ric/v1/xapps", null));
        assertEquals("rest-xapp", list.get(0).get("name").asText());

        await(() -> ProbeXapp.BY_NAME.containsKey("rest-xapp") && !ProbeXapp.BY_NAME.get("rest-xapp").reports.isEmpty(),
                "the xApp receives KPM reports");
        JsonNode status = json(f.send("GET", "/ric/v1/xapps/rest-xapp", null));
        assertEquals("1.0.0", status.get("version").asText());
        assertEquals("running", status.get("instances").get(0).get("state").asText());
        assertEquals(2, status.get("instances").get(0).get("subscriptions").size(), "one E2 subscription per node");

        HttpResponse<String> conflict = f.send("POST", "/ric/v1/xapps", probe("rest-xapp", "1.0.0", "record", ""));
        assertEquals(409, conflict.statusCode());

        ProbeXapp v1 = ProbeXapp.BY_NAME.get("rest-xapp");
        HttpResponse<String> upgraded = f.send("PUT", "/ric/v1/xapps/rest-xapp", probe("rest-xapp", "1.1.0", "record", ""));
        assertEquals(200, upgraded.statusCode(), upgraded.body());
        await(() -> ProbeXapp.BY_NAME.get("rest-xapp") != v1, "the new version runs");
        assertTrue(v1.stopped, "the old instance was stopped");
        assertEquals("1.1.0", json(f.send("GET", "/ric/v1/xapps/rest-xapp", null)).get("version").asText());

        assertEquals(204, f.send("DELETE", "/ric/v1/xapps/rest-xapp", null).statusCode());
        HttpResponse<String> gone = f.send("GET", "/ric/v1/xapps/rest-xapp", null);
        assertEquals(404, gone.statusCode());
        assertEquals("application/problem+json", gone.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(nothingLeftOf("rest-xapp"));
    }

    @Test
    void operatorGuardRailsTakeA3BoundsAndRefuseInvertedOnes() throws Exception {
        HttpResponse<String> ok = f.send("PUT", "/ric/v1/guardrails/*",
                "{\"a3HysteresisMinDb\":1,\"a3HysteresisMaxDb\":6,\"a3TimeToTriggerMinMs\":160}");
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode view = json(ok);
        assertEquals(6.0, view.get("a3HysteresisMaxDb").asDouble());
        assertEquals(160.0, view.get("a3TimeToTriggerMinMs").asDouble());
        assertTrue(view.get("a3TimeToTriggerMaxMs").isNull(), view.toString());
        HttpResponse<String> inverted = f.send("PUT", "/ric/v1/guardrails/*", "{\"a3TimeToTriggerMinMs\":640,\"a3TimeToTriggerMaxMs\":320}");
        assertEquals(400, inverted.statusCode());
        assertTrue(inverted.body().contains("a3TimeToTriggerMinMs: 640.0 (expected: <= a3TimeToTriggerMaxMs 320.0)"), inverted.body());
        HttpResponse<String> negative = f.send("PUT", "/ric/v1/guardrails/*", "{\"a3HysteresisMaxDb\":-1}");
        assertEquals(400, negative.statusCode());
        assertTrue(negative.body().contains("a3HysteresisMaxDb: -1.0 (expected: >= 0)"), negative.body());
        assertEquals(6.0, json(f.send("GET", "/ric/v1/guardrails", null)).get("*").get("a3HysteresisMaxDb").asDouble(),
                "a refused update leaves the rail as it was");
    }

    @Test
    void theControlLogFiltersByOriginCellNodeStatusAndTimeAndNamesBadParameters() throws Exception {
        var log = f.ric.grid().<Long, io.jric.core.internal.grid.ControlLogEntry>cache(io.jric.api.e2.E2Caches.CONTROL_LOG);
        log.clear();
        String a = "00f110:000004001";
        String b = "00f110:000004002";
        long t0 = 1_700_000_000_000L;
        log.put(1L, new io.jric.core.internal.grid.ControlLogEntry(t0, "gnb:1", "tx_power " + a + " 43.0 dBm", "ACK", "", 900_000, "power"));
        log.put(2L, new io.jric.core.internal.grid.ControlLogEntry(t0 + 1, "gnb:1", "tx_power " + b + " 40.0 dBm", "ACK", "", 800_000, "power"));
        log.put(3L, new io.jric.core.internal.grid.ControlLogEntry(t0 + 2, "gnb:2", "tx_power " + a + " 30.0 dBm", "CONFLICT", "held", 0, "outage"));
        log.put(4L, new io.jric.core.internal.grid.ControlLogEntry(t0 + 3, "gnb:1", "handover ue:17 to " + b, "ACK", "", 1_000_000, "ho"));
        java.util.function.Function<String, List<Long>> times = q -> {
            HttpResponse<String> r = f.send("GET", "/ric/v1/controls" + q, null);
            assertEquals(200, r.statusCode(), r.body());
            List<Long> out = new java.util.ArrayList<>();
            try {
                for (JsonNode e : json(r)) out.add(e.get("timestampMs").asLong() - t0);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return out;
        };
        assertEquals(List.of(3L, 2L, 1L, 0L), times.apply(""), "newest first");
        assertEquals(List.of(3L, 2L), times.apply("?limit=2"));
        assertEquals(List.of(1L, 0L), times.apply("?origin=power"));
        assertEquals(List.of(2L, 0L), times.apply("?cell=" + a));
        assertEquals(List.of(3L, 1L), times.apply("?cell=" + b), "a handover names its target cell");
        assertEquals(List.of(3L), times.apply("?cell=ue:17"));
        assertEquals(List.of(2L), times.apply("?status=conflict"));
        assertEquals(List.of(2L), times.apply("?node=gnb:2"));
        assertEquals(List.of(3L, 1L), times.apply("?node=gnb:1&sinceMs=" + (t0 + 1)));
        assertEquals(List.of(1L, 0L), times.apply("?beforeMs=" + (t0 + 2)), "paging back");
        HttpResponse<String> bad = f.send("GET", "/ric/v1/controls?status=MAYBE", null);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("status: MAYBE"), bad.body());
        assertTrue(f.send("GET", "/ric/v1/controls?cell=nope", null).body().contains("cell: nope"));
        assertTrue(f.send("GET", "/ric/v1/controls?limit=0", null).body().contains("limit: 0 (expected: 1..10000)"));
        assertEquals(200, f.send("GET", "/ric/v1/controls/holds", null).statusCode());
    }

    @Test
    void aPublishedCacheIsServedAsJsonAndBadNamesAreNamed() throws Exception {
        assertEquals(404, f.send("GET", "/ric/v1/published/test.findings", null).statusCode());
        var c = f.ric.grid().ignite().<String, String>getOrCreateCache("test.findings");
        c.put("00f110:000004001", "{\"kind\":\"outage\",\"since\":17}");
        c.put("00f110:000004000", "{\"kind\":\"normal\"}");
        HttpResponse<String> r = f.send("GET", "/ric/v1/published/test.findings", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"00f110:000004000\":{\"kind\":\"normal\"},\"00f110:000004001\":{\"kind\":\"outage\",\"since\":17}}",
                r.body().replace(" ", "").replace("\n", ""));
        assertEquals("{\"00f110:000004000\":{\"kind\":\"normal\"}}",
                f.send("GET", "/ric/v1/published/test.findings?limit=1", null).body().replace(" ", "").replace("\n", ""));
        HttpResponse<String> platform = f.send("GET", "/ric/v1/published/ric.e2.control.log", null);
        assertEquals(400, platform.statusCode(), platform.body());
        assertTrue(platform.body().contains("a platform cache"), platform.body());
    }

    @Test
    void aBadDescriptorIsRejectedNamingTheFieldAndNothingIsInstalled() throws Exception {
        String bad = probe("bad-xapp", "1.0.0", "record", "\"priority\":500");
        HttpResponse<String> r = f.send("POST", "/ric/v1/xapps", bad);
        assertEquals(400, r.statusCode());
        JsonNode p = json(r);
        assertEquals("/priority", p.get("problems").get(0).get("field").asText(), r.body());
        assertTrue(nothingLeftOf("bad-xapp"));

        HttpResponse<String> notJson = f.send("POST", "/ric/v1/xapps", "{\"name\": ");
        assertEquals(400, notJson.statusCode());
        assertEquals(0, json(f.send("GET", "/ric/v1/xapps", null)).size());
    }

    @Test
    void anXappThatFailsToStartOrHasNoProviderLeavesNothingBehind() throws Exception {
        HttpResponse<String> r = f.send("POST", "/ric/v1/xapps", probe("fails", "1.0.0", "fail-start", ""));
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(json(r).get("detail").asText().contains("probe told to fail in start"), r.body());
        assertTrue(nothingLeftOf("fails"));
        assertEquals(0, f.ric.e2().subscriptionService().subscriptions().size(), "subscriptions left behind");

        String noProvider = probe("orphan", "1.0.0", "record", "").replace("\"provider\":\"probe\"", "\"provider\":\"nope\"");
        HttpResponse<String> o = f.send("POST", "/ric/v1/xapps", noProvider);
        assertEquals(400, o.statusCode());
        assertTrue(json(o).get("detail").asText().contains("\"nope\" not found"), o.body());
        assertTrue(nothingLeftOf("orphan"));
    }

    @Test
    void theCliInstallsListsAndRemoves() throws Exception {
        Path d = tmp.resolve("xapp.json");
        Files.writeString(d, probe("cli-xapp", "1.0.0", "record", ""));
        String url = "http://127.0.0.1:" + f.ric.httpPort();
        assertEquals(0, cli("xapp", "--url", url, "install", d.toString()));
        assertTrue(f.ric.xapps().list().stream().anyMatch(x -> x.name().equals("cli-xapp")));
        assertEquals(0, cli("xapp", "--url", url, "list"));
        assertEquals(0, cli("xapp", "--url", url, "status", "cli-xapp"));
        Files.writeString(d, probe("cli-xapp", "2.0.0", "record", ""));
        assertEquals(0, cli("xapp", "--url", url, "upgrade", d.toString()));
        assertEquals("2.0.0", f.ric.xapps().get("cli-xapp").version());
        assertEquals(0, cli("xapp", "--url", url, "remove", "cli-xapp"));
        assertTrue(nothingLeftOf("cli-xapp"));

        Files.writeString(d, probe("cli-bad", "1.0.0", "record", "\"queueCapacity\":1"));
        assertEquals(2, cli("xapp", "--url", url, "install", d.toString()), "a bad descriptor is caught before sending");
        assertEquals(1, cli("xapp", "--url", url, "remove", "never-installed"));
    }

    private static int cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            return RicMain.commandLine().setErr(new PrintWriter(new StringWriter())).execute(args);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void installedXappsSurviveARestartOfTheRic() throws Exception {
        f.ric.xapps().install(probe("durable", "1.2.3", "record", ""), null, null);
        await(() -> ProbeXapp.BY_NAME.containsKey("durable"), "started");
        Path store = f.storeDir;
        f.close();
        ProbeXapp.BY_NAME.clear();
        f = new RicFixture(store);
        await(() -> ProbeXapp.BY_NAME.containsKey("durable"), "restored after restart");
        assertEquals("1.2.3", f.ric.xapps().get("durable").version());
        await(() -> !ProbeXapp.BY_NAME.get("durable").reports.isEmpty(), "the restored xApp receives reports again");
    }

    @Test
    void anXappFromAJarRunsInItsOwnClassLoader() throws Exception {
        byte[] jar = buildJar();
        String descriptor = "{\"schemaVersion\":\"1\",\"name\":\"jar-xapp\",\"version\":\"1.0.0\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"jarred\"},"
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":100,\"style\":\"cell\"}]}";
        String body = "{\"descriptor\":" + descriptor + ",\"jar\":\"" + Base64.getEncoder().encodeToString(jar) + "\"}";
        HttpResponse<String> r = f.send("POST", "/ric/v1/xapps", body);
        assertEquals(201, r.statusCode(), r.body());
        await(() -> metric("jar-xapp", "reports") > 3, "the jar xApp counts reports");
        assertEquals(1, metric("jar-xapp", "isolated"), "the xApp's class was not loaded by its own class loader");
        assertTrue(Files.exists(f.storeDir.resolve("jar-xapp").resolve("xapp.jar")));
        assertEquals(204, f.send("DELETE", "/ric/v1/xapps/jar-xapp", null).statusCode());
        assertFalse(Files.exists(f.storeDir.resolve("jar-xapp")));
    }

    private long metric(String xapp, String name) {
        List<io.jric.core.internal.xapp.XappHost.InstanceStatus> s = f.ric.xapps().status(xapp);
        return s.isEmpty() ? 0 : s.get(0).metrics.getOrDefault(name, 0L);
    }

    /** Compiles a tiny xApp against the SDK and packs it with its ServiceLoader registration. */
    private byte[] buildJar() throws Exception {
        Path src = tmp.resolve("src/jarred");
        Files.createDirectories(src);
        Files.writeString(src.resolve("JarredXapp.java"), String.join("\n",
                "package jarred;",
                "public final class JarredXapp implements io.jric.api.xapp.Xapp, io.jric.api.xapp.XappProvider {",
                "  public String id() { return \"jarred\"; }",
                "  public io.jric.api.xapp.Xapp create() { return new JarredXapp(); }",
                "  public void start(io.jric.api.xapp.XappContext ctx) {",
                "    if (getClass().getClassLoader().getName() != null",
                "        && getClass().getClassLoader().getName().equals(\"xapp-jar-xapp\")) ctx.metrics().increment(\"isolated\");",
                "    ctx.onKpm(r -> ctx.metrics().increment(\"reports\"));",
                "  }",
                "}"));
        Path classes = tmp.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                src.resolve("JarredXapp.java").toString());
        assertEquals(0, rc, "test xApp did not compile");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(bytes)) {
            j.putNextEntry(new JarEntry("jarred/JarredXapp.class"));
            j.write(Files.readAllBytes(classes.resolve("jarred/JarredXapp.class")));
            j.closeEntry();
            j.putNextEntry(new JarEntry("META-INF/services/io.jric.api.xapp.XappProvider"));
            j.write("jarred.JarredXapp\n".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return bytes.toByteArray();
    }
}
