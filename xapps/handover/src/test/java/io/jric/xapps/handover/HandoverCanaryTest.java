package io.jric.xapps.handover;

import static io.jric.xapps.testing.XappHttp.upload;
import static io.jric.xapps.testing.XappHttp.get;
import static io.jric.xapps.testing.XappHttp.send;
import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.xapps.testing.XappRic;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A canary of the handover xApp (docs/ml-lifecycle.md, section 8) in a real RIC with the simulator over E2: the xApp
 * serves canaries (it used to be refused as "serves no canaries"), the UEs of the canary's cells are decided with the
 * canary version while the other cells' UEs keep the active one, and the judge ends the canary at the end of its window
 * (promoted or rolled back on the cells' KPIs, either a judgement; the audit log says which), after which one version
 * decides for every cell.
 */
class HandoverCanaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCanarysCellsDecideWithItsVersionUntilTheJudgeEndsIt() throws Exception {
        byte[] v1 = TrainerTest.small().toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("ho-canary-cache").toString());
        try (XappRic ric = XappRic.start(XappRic.config("ho-canary", true).set("admin.auth", "off").set("a1.auth", "off"))) {
            Path descriptor = Path.of("xapp.json");
            String json = Files.readString(descriptor).replace("\"values\": { \"trainIfMissing\": false,",
                    "\"values\": { \"trainIfMissing\": false, \"modelFile\": \"\",");
            assertTrue(json.contains("\"modelFile\": \"\""), "the descriptor's config values changed shape");
            ric.node().xapps().install(json, descriptor.toAbsolutePath().getParent(), null);
            String a1 = "http://127.0.0.1:" + ric.node().httpPort() + "/A1-ML/v1/xapps/handover/models/handover-mlp";

            assertEquals(201, upload(a1, "1", v1).statusCode());
            assertEquals(201, upload(a1, "2", v1).statusCode());  // the same network as another version: the mechanics, not a gain
            assertEquals(200, send("POST", a1 + "/activate", "{\"version\":\"1\"}").statusCode());
            ric.simulator(2, 60, 3, 5);
            await(() -> ric.metric("handover", "decisions.1") >= 50, "v1 decides for a while (the canary's baseline)");

            HttpResponse<String> started = send("POST", a1 + "/canary", "{\"version\":\"2\",\"share\":0.5,\"durationS\":20,"
                    + "\"baselineS\":10,\"minSamples\":5,\"kpis\":[{\"name\":\"rlfCount\",\"better\":\"lower\",\"maxDegradationPct\":50}],"
                    + "\"force\":true}");
            assertEquals(200, started.statusCode(), started.body());
            JsonNode c = JSON.readTree(started.body()).get("canary");
            assertEquals("running", c.get("status").asText(), c.toString());
            assertTrue(c.get("canaryCells").size() >= 1 && c.get("otherCells").asInt() >= 1, c.toString());
            long d1 = ric.metric("handover", "decisions.1");
            await(() -> ric.metric("handover", "model.canary.2") == 1 && ric.metric("handover", "decisions.2") >= 5,
                    "the UEs of the canary's cells are decided with v2");
            // each E2 node reports its own cells, and the canary's cells may all be one node's: v2's decisions can come in
            // a report before the other node's next one, so v1's are awaited while the canary still serves
            await(() -> ric.metric("handover", "decisions.1") > d1 + 5 && get(a1).at("/canary/status").asText().equals("running"),
                    "the other cells' UEs are still decided with v1 while the canary runs");
            assertEquals("1", get(a1).get("active").asText(), "v1 stays the active version while the canary runs");

            try {
                await(() -> !get(a1).at("/canary/status").asText().equals("running"), "the judge ends the canary");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + get(a1).get("canary"), e);
            }
            JsonNode ended = get(a1).get("canary");
            System.out.println("handover canary of v2: " + ended);
            String status = ended.get("status").asText();
            assertTrue(Set.of("promoted", "rolled-back").contains(status), ended.toString());
            String winner = status.equals("promoted") ? "2" : "1";
            assertEquals(winner, get(a1).get("active").asText(), ended.toString());
            List<String> events = new ArrayList<>();
            JsonNode audit = get(a1 + "/audit");
            (audit.has("entries") ? audit.get("entries") : audit.get("audit")).forEach(e -> events.add(e.get("event").asText()));
            assertTrue(events.containsAll(List.of("canary-started", "canary-" + status)), events.toString());
            await(() -> ric.metric("handover", "model.canary.2") == 0, "no canary serves any more");
            String loser = winner.equals("2") ? "1" : "2";
            long before = ric.metric("handover", "decisions." + winner);
            // a report being decided when the canary ended may still count a few of its UEs for the loser: let it pass first
            await(() -> ric.metric("handover", "decisions." + winner) > before + 60, "v" + winner + " decides");
            long lost = ric.metric("handover", "decisions." + loser);
            long after = ric.metric("handover", "decisions." + winner);
            await(() -> ric.metric("handover", "decisions." + winner) > after + 20, "v" + winner + " decides for every cell");
            assertEquals(lost, ric.metric("handover", "decisions." + loser), "v" + loser + " no longer decides");
        } finally {
            System.clearProperty("jric.modelCache");
        }
    }
}
