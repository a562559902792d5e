package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.e2.E2NodeInfo;
import io.jric.sim.CellView;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault injection into a running RIC with the simulator in its process (as {@code ric demo} runs it), over
 * the admin API with bearer tokens and through the CLI; each fault's effect is read from the grid's KPM
 * records (the per-cell series), which is what an xApp sees.
 */
class SimFaultsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "sim-secret";
    private static final long PERIOD_MS = 200;
    /** Unix ms of simulated time 0 in the KPM headers: a record's timestamp minus this is its period's start in simulated time. */
    private static final long EPOCH_BASE = 1_800_000_000_000L;

    private static RicNode ric;
    private static RanSimulator sim;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Cells a test has used: each test takes its own, so none depends on another. */
    private static final Set<String> TAKEN = new HashSet<>();

    @BeforeAll
    static void start() throws Exception {
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-sim-faults"), "sim-faults-" + System.nanoTime())
                .set("e2.kpm.collect", "true").set("e2.kpm.periodMs", Long.toString(PERIOD_MS))
                .set("admin.auth", "tokens").set("admin.tokens", TOKEN);
        sim = new RanSimulator(SimConfig.builder().seed(11).gnbs(3).cellsPerGnb(3).ues(120).build(),
                RanSimulator.Options.builder().speed(10)
                        .agentOptions(E2NodeAgent.Options.builder().epochBaseMs(EPOCH_BASE).build()).build());
        ric = RicNode.start(cfg, sim);
        sim.start("127.0.0.1", ric.e2().port());
        await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 3, "3 nodes connected");
        for (String cell : sim.model().cellIds()) await(() -> !samples(cell, 0).isEmpty(), "KPM records of " + cell);
    }

    @AfterAll
    static void stop() {
        if (sim != null) sim.close();
        if (ric != null) ric.close();
    }

    // ------------------------------------------------------------------------------------------ tests

    @Test
    void aCellOutageShowsAsDisabledWithNoUesAndEndsAfterItsDuration() throws Exception {
        String cell = takeBusiestCell();
        JsonNode f = inject("{\"type\": \"cell-outage\", \"cell\": \"" + cell + "\", \"duration\": \"3s\"}");
        assertEquals("cell-outage", f.get("type").asText());
        assertEquals(List.of(cell), cells(f));
        assertEquals(3000, f.get("durationMs").asLong());
        long start = f.get("startMs").asLong();
        long end = f.get("endMs").asLong();

        Sample during = awaitSample(cell, start, s -> s.periodStart + PERIOD_MS < end, "a record inside the outage");
        assertEquals("DISABLED", during.state, during.toString());
        assertEquals(0, during.connMean, during.toString());
        assertEquals(0, during.activeUes, during.toString());
        assertEquals(0f, during.prbDl, during.toString());
        assertEquals(0f, during.thrDl, during.toString());
        assertEquals("active", get("/ric/v1/sim/faults/" + f.get("id").asText()).get("state").asText());

        // ends by itself after its duration: state ENABLED again in the records, "ended" in the API, gone from the default list
        Sample after = awaitSample(cell, end, s -> true, "a record after the outage");
        assertEquals("ENABLED", after.state, after.toString());
        assertEquals("ended", get("/ric/v1/sim/faults/" + f.get("id").asText()).get("state").asText());
        assertFalse(ids(get(SimFaultsApi.PATH)).contains(f.get("id").asText()));
        assertTrue(ids(get(SimFaultsApi.PATH + "?all=true")).contains(f.get("id").asText()));
    }

    @Test
    void anInterferenceBurstLowersTheCellsSinrForItsDuration() throws Exception {
        String cell = takeBusiestCell();
        float before = mean(samples(cell, 0), s -> s.sinr);
        JsonNode f = inject("{\"type\": \"interference-burst\", \"cell\": \"" + cell + "\", \"duration\": \"2s\", "
                + "\"parameters\": {\"riseDb\": 70}}");
        assertEquals(70.0, f.get("parameters").get("riseDb").asDouble());
        long start = f.get("startMs").asLong();
        long end = f.get("endMs").asLong();
        // the first record inside the burst, before its UEs' radio links fail and they leave the cell
        Sample during = awaitSample(cell, start, s -> true, "a record inside the burst");
        assertTrue(during.sinr < before - 10, "SINR " + during.sinr + " dB during the burst, " + before + " dB before");
        assertEquals("ENABLED", during.state, "interference does not disable the cell");
        // after it, the SINR is back up (or the cell has no UE left to average over: 0)
        awaitSample(cell, end, s -> s.sinr > during.sinr + 10, "the SINR back up after the burst");
        await(() -> state(f).equals("ended"), "the burst ended");
    }

    @Test
    void aKpiDegradationCutsTheThroughputPerPrbForItsDuration() throws Exception {
        String cell = takeBusiestCell();
        List<Sample> history = samples(cell, 0);
        float before = mean(history, s -> s.prbDl > 1 ? s.thrDl / s.prbDl : Float.NaN);
        JsonNode f = inject("{\"type\": \"kpi-degradation\", \"cell\": \"" + cell + "\", \"duration\": \"2s\", "
                + "\"parameters\": {\"capacityFactor\": 0.05}}");
        long start = f.get("startMs").asLong();
        long end = f.get("endMs").asLong();
        Sample during = awaitSample(cell, start, s -> s.prbDl > 1 && s.periodStart + PERIOD_MS < end,
                "a record inside the degradation with PRBs in use");
        float perPrb = during.thrDl / during.prbDl;
        assertTrue(perPrb < 0.3f * before, "throughput per % PRB " + perPrb + " during, " + before + " before");
        awaitSample(cell, end, s -> true, "a record after the degradation");
        await(() -> state(f).equals("ended"), "the degradation ended");
    }

    @Test
    void aNodeWideFaultHitsEveryCellOfTheNodeAndDeleteClearsItAtOnce() throws Exception {
        String node = sim.model().nodeId(2);
        List<String> nodeCells = sim.model().cellIds(2);
        synchronized (TAKEN) {
            TAKEN.addAll(nodeCells);
        }
        JsonNode f = inject("{\"type\": \"outage\", \"node\": \"" + node + "\", \"duration\": \"10m\"}");
        assertEquals(nodeCells, cells(f));
        assertEquals(node, f.get("node").asText());
        String id = f.get("id").asText();
        long start = f.get("startMs").asLong();
        for (String cell : nodeCells) {
            Sample s = awaitSample(cell, start, x -> true, "a record of " + cell + " in the outage");
            assertEquals("DISABLED", s.state, s.toString());
        }
        assertTrue(ids(get(SimFaultsApi.PATH)).contains(id));

        assertEquals(204, send("DELETE", SimFaultsApi.PATH + "/" + id, null, TOKEN).statusCode());
        JsonNode cleared = get(SimFaultsApi.PATH + "/" + id);
        assertEquals("cleared", cleared.get("state").asText());
        long clearedAt = cleared.get("clearedAtMs").asLong();
        for (String cell : nodeCells) {
            Sample s = awaitSample(cell, clearedAt + sim.model().config().tickMs(), x -> true, "a record of " + cell + " after DELETE");
            assertEquals("ENABLED", s.state, s.toString());
            assertFalse(sim.model().cell(cell).outage());
        }
        assertFalse(ids(get(SimFaultsApi.PATH)).contains(id));
        assertEquals(404, send("DELETE", SimFaultsApi.PATH + "/999999", null, TOKEN).statusCode());
    }

    @Test
    void endedFaultsAreRememberedOnlyUpToABound() throws Exception {
        String cell = takeBusiestCell();
        int n = SimFaultsApi.KEEP_ENDED + 5;
        for (int i = 0; i < n; i++) {
            // capacity factor 1: a fault without effect, active from the next tick, then cleared
            JsonNode f = inject("{\"type\": \"kpi-degradation\", \"cell\": \"" + cell + "\", \"duration\": \"1h\", "
                    + "\"parameters\": {\"capacityFactor\": 1}}");
            await(() -> state(f).equals("active"), "fault " + f.get("id").asText() + " active");
            assertEquals(204, send("DELETE", SimFaultsApi.PATH + "/" + f.get("id").asText(), null, TOKEN).statusCode());
        }
        long kept = sim.model().faults().stream().filter(x -> x.cellId().equals(cell) && x.magnitude() == 1.0).count();
        assertTrue(kept <= SimFaultsApi.KEEP_ENDED, kept + " cleared faults still in the model");
        assertTrue(get(SimFaultsApi.PATH + "?all=true").size() <= SimFaultsApi.KEEP_ENDED + 10);
    }

    @Test
    void invalidFaultsNameEveryFieldAndInjectNothing() throws Exception {
        int faultsBefore = sim.model().faults().size();
        HttpResponse<String> r = send("POST", SimFaultsApi.PATH,
                "{\"type\": \"meltdown\", \"cell\": \"nope\", \"duration\": \"-3s\", \"colour\": \"red\"}", TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(List.of("/colour", "/type", "/cell", "/duration"), fields(r));

        String cell = sim.model().cellIds().get(0);
        r = send("POST", SimFaultsApi.PATH, "{\"type\": \"interference-burst\", \"cell\": \"" + cell
                + "\", \"duration\": 5, \"parameters\": {\"riseDb\": 100, \"capacityFactor\": 0.5}}", TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(List.of("/parameters/capacityFactor", "/parameters/riseDb"), fields(r));
        assertTrue(r.body().contains("0..80 dB"), r.body());

        r = send("POST", SimFaultsApi.PATH, "{\"type\": \"cell-outage\", \"cell\": \"" + cell + "\", \"node\": \""
                + sim.model().nodeId(0) + "\", \"duration\": \"1s\", \"delay\": \"2 days\"}", TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(List.of("/node", "/delay"), fields(r));

        r = send("POST", SimFaultsApi.PATH, "{\"type\": \"kpi-degradation\", \"duration\": \"1s\"}", TOKEN);
        assertEquals(List.of("/cell"), fields(r));
        r = send("POST", SimFaultsApi.PATH, "[1]", TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        r = send("POST", SimFaultsApi.PATH, "{\"type\": \"cell-outage\"", TOKEN);
        assertEquals(400, r.statusCode(), r.body());

        assertEquals(faultsBefore, sim.model().faults().size(), "nothing was injected");
    }

    @Test
    void theEndpointIsBehindTheAdminTokenAndAbsentWithoutASimulator() throws Exception {
        String cell = sim.model().cellIds().get(0);
        String body = "{\"type\": \"cell-outage\", \"cell\": \"" + cell + "\", \"duration\": \"1s\"}";
        assertEquals(401, send("POST", SimFaultsApi.PATH, body, null).statusCode());
        assertEquals(403, send("POST", SimFaultsApi.PATH, body, "wrong").statusCode());
        assertEquals(401, send("GET", SimFaultsApi.PATH, null, null).statusCode());
        assertEquals(401, send("GET", "/ric/v1/sim/cells", null, null).statusCode());

        JsonNode cells = get("/ric/v1/sim/cells");
        assertEquals(9, cells.size());
        assertEquals(sim.model().nodeId(0), cells.get(0).get("nodeId").asText());

        try (RicNode plain = RicNode.start(RicFixture.config(Files.createTempDirectory("jric-no-sim"), "no-sim-" + System.nanoTime()))) {
            String base = "http://127.0.0.1:" + plain.httpPort();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + SimFaultsApi.PATH))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            Cli c = cli("sim", "--url", base, "fault", "cell-outage", "--cell", cell, "--duration", "1s");
            assertEquals(1, c.code);
            assertTrue(c.err.contains("runs no simulator"), c.err);
        }
    }

    @Test
    void theCliInjectsListsAndClearsFaults() throws Exception {
        String cell = takeBusiestCell();
        String base = "http://127.0.0.1:" + ric.httpPort();
        Cli c = cli("sim", "--url", base, "--token", TOKEN, "fault", "interference-burst", "--cell", cell,
                "--duration", "5m", "--delay", "1m", "--rise-db", "12.5");
        assertEquals(0, c.code, c.err);
        JsonNode f = JSON.readTree(c.out);
        assertEquals("scheduled", f.get("state").asText());
        assertEquals(12.5, f.get("parameters").get("riseDb").asDouble());
        assertEquals(300_000, f.get("durationMs").asLong());
        String id = f.get("id").asText();

        c = cli("sim", "--url", base, "--token", TOKEN, "faults");
        assertEquals(0, c.code, c.err);
        assertTrue(ids(JSON.readTree(c.out)).contains(id), c.out);

        c = cli("sim", "--url", base, "--token", TOKEN, "clear", id);
        assertEquals(0, c.code, c.err);
        assertTrue(c.out.contains("cleared fault " + id), c.out);
        assertEquals("cleared", state(f));

        c = cli("sim", "--url", base, "--token", TOKEN, "faults", "--all");
        assertTrue(ids(JSON.readTree(c.out)).contains(id), c.out);

        c = cli("sim", "--url", base, "--token", TOKEN, "fault", "kpi-degradation", "--cell", cell, "--duration", "1s",
                "--capacity-factor", "1.5");
        assertEquals(1, c.code);
        assertTrue(c.err.contains("parameters/capacityFactor: 1.5"), c.err);

        c = cli("sim", "--url", base, "--token", TOKEN, "fault", "cell-outage", "--duration", "1s");
        assertEquals(2, c.code, "picocli: --cell or --node is required");

        c = cli("sim", "--url", base, "fault", "cell-outage", "--cell", cell, "--duration", "1s");
        assertEquals(1, c.code, "no token");

        c = cli("sim", "--url", base, "--token", TOKEN, "cells");
        assertEquals(0, c.code, c.err);
        assertTrue(c.out.contains(cell), c.out);
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** A KPM record of a cell from the grid's series. */
    record Sample(long periodStart, String state, int connMean, int activeUes, float prbDl, float thrDl, float sinr) {}

    static List<Sample> samples(String cell, long fromSimMs) {
        List<Sample> out = new ArrayList<>();
        for (List<?> row : ric.grid().sql("SELECT timestampMs, operationalState, rrcConnMean, activeUes, prbUsedDlPct, "
                + "throughputDlMbps, avgSinrDb FROM CELL_SAMPLE WHERE cellId = ? AND timestampMs >= ? ORDER BY timestampMs",
                cell, EPOCH_BASE + fromSimMs)) {
            out.add(new Sample((Long) row.get(0) - EPOCH_BASE, (String) row.get(1), (Integer) row.get(2), (Integer) row.get(3),
                    (Float) row.get(4), (Float) row.get(5), (Float) row.get(6)));
        }
        return out;
    }

    /** The first record whose period starts at or after {@code fromSimMs} and that {@code which} accepts. */
    static Sample awaitSample(String cell, long fromSimMs, Predicate<Sample> which, String what) throws InterruptedException {
        Sample[] found = new Sample[1];
        await(() -> {
            for (Sample s : samples(cell, fromSimMs)) {
                if (which.test(s)) {
                    found[0] = s;
                    return true;
                }
            }
            return false;
        }, what);
        return found[0];
    }

    static float mean(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
        double sum = 0;
        int n = 0;
        for (Sample s : samples) {
            double v = f.applyAsDouble(s);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        assertTrue(n > 0, "some records to compare with");
        return (float) (sum / n);
    }

    /** The cell with the most active UEs that no other test has taken, not of gNB 2 (the node-wide test's). */
    static String takeBusiestCell() {
        synchronized (TAKEN) {
            String cell = sim.model().cells().stream().filter(c -> !TAKEN.contains(c.cellId()) && c.gnbIndex() != 2)
                    .max(Comparator.comparingInt(CellView::activeUes)).orElseThrow().cellId();
            TAKEN.add(cell);
            return cell;
        }
    }

    static JsonNode inject(String body) throws Exception {
        HttpResponse<String> r = send("POST", SimFaultsApi.PATH, body, TOKEN);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode f = JSON.readTree(r.body());
        assertEquals(SimFaultsApi.PATH + "/" + f.get("id").asText(), r.headers().firstValue("Location").orElse(""));
        return f;
    }

    static String state(JsonNode fault) {
        try {
            return get(SimFaultsApi.PATH + "/" + fault.get("id").asText()).get("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = send("GET", path, null, TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static HttpResponse<String> send(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ric.httpPort() + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (json != null) b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> cells(JsonNode fault) {
        List<String> out = new ArrayList<>();
        fault.get("cells").forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    static List<String> fields(HttpResponse<String> r) throws Exception {
        List<String> out = new ArrayList<>();
        JSON.readTree(r.body()).get("problems").forEach(p -> out.add(p.get("field").asText()));
        return out;
    }

    record Cli(int code, String out, String err) {}

    static synchronized Cli cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = RicMain.commandLine().setErr(new PrintWriter(new StringWriter())).execute(args);
            return new Cli(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(Condition condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                if (condition.holds()) return;
            } catch (Exception e) {
                throw new AssertionError(what, e);
            }
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
