package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellSampleKey;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ExperienceRecorder;
import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.xapp.ExperienceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ric data export} against a running RIC: experience rows recorded in its grid, outcomes attached
 * from KPM series, written as CSV through the admin API with its bearer token; and its errors.
 */
class DataExportCommandTest {
    private static final String TOKEN = "data-export-token";
    private static final String NODE = "gnb:00f110:1/22";
    private static final String CELL_A = "00f110:000004001";
    private static final String CELL_B = "00f110:000004002";
    private static final long T0 = Instant.parse("2026-12-06T12:00:00Z").toEpochMilli();
    private static RicNode ric;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        ric = RicNode.start(RicFixture.config(Files.createTempDirectory("jric-data-export"), "data-export-" + System.nanoTime())
                .set("admin.auth", "tokens").set("admin.tokens", TOKEN));
        XappDescriptor d = XappDescriptor.builder("exp-cli", "1.0.0", "test", new Entry("exp-cli", null))
                .experience(new ExperienceSpec(3000, List.of("throughputDlMbps", "rlfCount"), ExperienceSpec.Scope.CELL, 100))
                .build();
        ExperienceStore store = ric.xappHost().experience();
        long now = System.currentTimeMillis();
        assertNotEquals(ExperienceRecorder.NOT_RECORDED,
                store.record(d, T0, NODE, CELL_A, 0, Map.of("prbUsedDlPct", 40.0), Map.of("txPowerDbm", 41.0), now));
        store.record(d, T0 + 1000, NODE, CELL_B, 0, Map.of("prbUsedDlPct", 90.0, "avgCqi", 7.0), Map.of("txPowerDbm", 44.0), now);
        // Recorded "an hour later" on the RIC's clock: its outcome waits (the cell has not reported past its horizon).
        store.record(d, T0 + 9000, NODE, CELL_A, 0, Map.of("prbUsedDlPct", 10.0), Map.of("txPowerDbm", 30.0), now + 3_600_000);
        var series = ric.grid().<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES);
        for (int i = 1; i <= 3; i++) {
            series.put(new CellSampleKey(NODE, CELL_A, T0 + i * 1000L),
                    new CellKpi().nodeId(NODE).cellId(CELL_A).timestampMs(T0 + i * 1000L).throughputDlMbps(20 * i).rlfCount(1));
        }
        ric.grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST).put(new CellKey(NODE, CELL_A),
                new CellKpi().nodeId(NODE).cellId(CELL_A).timestampMs(T0 + 3000));
        // Cell A reported past the first row's horizon; B never reported (its row closes after the grace);
        // A's second row still waits. (The RIC's own outcome task may run a round too: same result.)
        store.attach(now);
        store.attach(now + 3000 + ExperienceStore.GRACE_MS);
    }

    @AfterAll
    static void stop() {
        if (ric != null) ric.close();
    }

    private static String url() {
        return "http://127.0.0.1:" + ric.httpPort();
    }

    @Test
    void exportWritesTheRowsAsCsvWithAHeaderOldestFirst() throws Exception {
        Path out = dir.resolve("out/exp.csv");
        SimFaultsApiTest.Cli c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-cli",
                "-o", out.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("wrote 3 rows of exp-cli to " + out), c.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(List.of(
                "time,node,cell,ue,feature.avgCqi,feature.prbUsedDlPct,action.txPowerDbm,outcome.throughputDlMbps,"
                        + "outcome.rlfCount,outcomeStatus,outcomeSamples,label",
                "2026-12-06T12:00:00Z," + NODE + "," + CELL_A + ",0,,40.0,41.0,40.0,3.0,OK,3,",
                "2026-12-06T12:00:01Z," + NODE + "," + CELL_B + ",0,7.0,90.0,44.0,,,NO_DATA,0,",
                "2026-12-06T12:00:09Z," + NODE + "," + CELL_A + ",0,,10.0,30.0,,,PENDING,0,"), lines);

        // A window: --from inclusive (ISO-8601), --to exclusive (epoch ms); --limit.
        Path window = dir.resolve("window.csv");
        c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-cli",
                "--from", "2026-12-06T12:00:01Z", "--to", Long.toString(T0 + 9000), "-o", window.toString());
        assertEquals(0, c.code(), c.err());
        assertEquals(2, Files.readAllLines(window).size(), "header + the row at 12:00:01");
        c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-cli", "--limit", "2",
                "-o", window.toString());
        assertEquals(0, c.code(), c.err());
        assertEquals(3, Files.readAllLines(window).size());
        assertTrue(c.err().contains("--limit 2 reached; more rows match"), c.err());
    }

    private static java.net.http.HttpResponse<String> postLabel(String xapp, String body, String token) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url() + "/ric/v1/experience/" + xapp + "/labels"))
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twoCellRowsExportThePeerAndBothCellsOutcomes() throws Exception {
        XappDescriptor d = XappDescriptor.builder("exp-pair", "1.0.0", "test", new Entry("exp-pair", null))
                .experience(new ExperienceSpec(2000, List.of("prbUsedDlPct", "rlfCount"), ExperienceSpec.Scope.CELL, 100))
                .build();
        ExperienceStore store = ric.xappHost().experience();
        String peerNode = "gnb:00f110:2/22";
        String cellC = "00f110:000004011";
        String peerCell = "00f110:000008011";
        String silentPeer = "00f110:000008012";
        long now = System.currentTimeMillis();
        store.recordPair(d, T0, NODE, cellC, peerNode, peerCell, Map.of("prbUsedDlPct", 30.0, "peer.prbUsedDlPct", 95.0),
                Map.of("cioDb", 2.0), now);
        store.recordPair(d, T0 + 1, NODE, cellC, peerNode, silentPeer, Map.of("prbUsedDlPct", 30.0), Map.of("cioDb", 2.0), now);
        var series = ric.grid().<CellSampleKey, CellKpi>cache(KpmCaches.CELL_SERIES);
        for (int i = 1; i <= 2; i++) {
            series.put(new CellSampleKey(NODE, cellC, T0 + i * 1000L),
                    new CellKpi().nodeId(NODE).cellId(cellC).timestampMs(T0 + i * 1000L).prbUsedDlPct(40 + 10 * i));
            series.put(new CellSampleKey(peerNode, peerCell, T0 + i * 1000L),
                    new CellKpi().nodeId(peerNode).cellId(peerCell).timestampMs(T0 + i * 1000L).prbUsedDlPct(90 - 10 * i).rlfCount(1));
        }
        var latest = ric.grid().<CellKey, CellKpi>cache(KpmCaches.CELL_LATEST);
        latest.put(new CellKey(NODE, cellC), new CellKpi().nodeId(NODE).cellId(cellC).timestampMs(T0 + 2001));
        latest.put(new CellKey(peerNode, peerCell), new CellKpi().nodeId(peerNode).cellId(peerCell).timestampMs(T0 + 2001));
        store.attach(now + 2000 + ExperienceStore.GRACE_MS);

        Path out = dir.resolve("pair.csv");
        SimFaultsApiTest.Cli c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-pair",
                "-o", out.toString());
        assertEquals(0, c.code(), c.err());
        assertEquals(List.of(
                "time,node,cell,ue,peerNode,peerCell,feature.peer.prbUsedDlPct,feature.prbUsedDlPct,action.cioDb,"
                        + "outcome.prbUsedDlPct,outcome.rlfCount,outcome.peer.prbUsedDlPct,outcome.peer.rlfCount,"
                        + "outcomeStatus,outcomeSamples,peerOutcomeSamples,label",
                "2026-12-06T12:00:00Z," + NODE + "," + cellC + ",0," + peerNode + "," + peerCell + ",95.0,30.0,2.0,55.0,0.0,75.0,2.0,OK,2,2,",
                "2026-12-06T12:00:00.001Z," + NODE + "," + cellC + ",0," + peerNode + "," + silentPeer + ",,30.0,2.0,55.0,0.0,,,PARTIAL,2,0,"),
                Files.readAllLines(out));
    }

    @Test
    void anOperatorLabelsARowThroughTheAdminApiAndTheExportCarriesIt() throws Exception {
        XappDescriptor d = XappDescriptor.builder("exp-label", "1.0.0", "test", new Entry("exp-label", null))
                .experience(new ExperienceSpec(3000, List.of("rlfCount"), ExperienceSpec.Scope.CELL, 100)).build();
        long id = ric.xappHost().experience().record(d, T0, NODE, CELL_A, 0, Map.of("avgSinrDb", -4.0),
                Map.of("faultClass", 2.0), System.currentTimeMillis());
        String body = "{\"nodeId\":\"" + NODE + "\",\"id\":" + id + ",\"label\":\"confirmed\"}";

        assertEquals(401, postLabel("exp-label", body, null).statusCode(), "authenticated before anything is read");
        var r = postLabel("exp-label", body.replace("confirmed", "perhaps"), TOKEN);
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("label: \\\"perhaps\\\" (expected: confirmed or rejected)"), r.body());
        r = postLabel("exp-label", body.replace(Long.toString(id), Long.toString(id + 1)), TOKEN);
        assertEquals(404, r.statusCode(), r.body());
        assertEquals(400, postLabel("exp-label", "{\"nodeId\":\"" + NODE + "\",\"id\":\"x\",\"label\":\"confirmed\"}", TOKEN)
                .statusCode());
        assertEquals(400, postLabel("exp-label", "[1]", TOKEN).statusCode());

        r = postLabel("exp-label", body, TOKEN);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"label\":\"confirmed\""), r.body());

        Path out = dir.resolve("labelled.csv");
        SimFaultsApiTest.Cli c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-label",
                "-o", out.toString());
        assertEquals(0, c.code(), c.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(",label"), lines.get(0));
        assertTrue(lines.get(1).endsWith(",confirmed"), lines.get(1));
    }

    @Test
    void errorsNameTheProblemAndWriteNothing() throws Exception {
        Path out = dir.resolve("never.csv");
        SimFaultsApiTest.Cli c = SimFaultsApiTest.cli("data", "--url", url(), "export", "--xapp", "exp-cli", "-o", out.toString());
        assertEquals(1, c.code());
        assertTrue(c.err().startsWith("ric: 401"), c.err());
        c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "nobody", "-o", out.toString());
        assertEquals(1, c.code());
        assertTrue(c.err().contains("404 xApp nobody is not installed and has no experience rows"), c.err());
        c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-cli", "--from", "yesterday",
                "-o", out.toString());
        assertEquals(2, c.code());
        c = SimFaultsApiTest.cli("data", "--url", url(), "--token", TOKEN, "export", "--xapp", "exp-cli", "--format", "parquet",
                "-o", out.toString());
        assertEquals(2, c.code());
        assertFalse(Files.exists(out));
        // The endpoint itself: a bad time is a 400 naming the parameter.
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(url() + "/ric/v1/experience/exp-cli?from=yesterday"))
                .header("Authorization", "Bearer " + TOKEN).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("from: yesterday (expected: epoch milliseconds or an ISO-8601 instant"), r.body());
    }
}
