package io.jric.xapps.lb;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.sim.RanSimulator;
import io.jric.xapps.testing.XappRic;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The load-balancing xApp in a real RIC with the simulator over E2 (3 gNBs, 9 cells, 120 UEs, 8x real time, KPM series
 * kept): each offset move it makes is recorded as a two-cell experience row (the moved cell and the neighbour it shares
 * the most border PRBs with), and the RIC's own outcome task attaches both cells' KPIs over the 5 s horizon; read
 * through the admin API that {@code ./ric data export} reads. Bounded: at most 60 s of waiting per step
 * ({@link XappRic#AWAIT}), a few simulated minutes.
 */
class LoadBalancingExperienceRicTest {
    /** Every cell counts as overloaded, offsets are free, no harm guard, one decision per horizon. */
    private static final String ACTIVE = "{\"targetMaxPrbLoadPct\":1,\"cioMinDb\":-4,\"cioMaxDb\":4,\"cioStepDb\":2,"
            + "\"maxChangesPerPeriod\":6,\"decisionPeriodMs\":5000,\"cioCostPctPerDb\":0,\"rlfCostPct\":0,\"harmAllowancePct\":-1}";

    @Test
    void eachMoveIsRecordedWithBothCellsOutcomes() throws Exception {
        byte[] v1 = TrainerTest.small().toBytes();
        System.setProperty("jric.modelCache", Files.createTempDirectory("lb-exp-cache").toString());  // no cached model
        try (XappRic ric = XappRic.start(XappRic.config("lb-exp", true).set("admin.auth", "off"))) {
            RanSimulator sim = ric.simulator(3, 120, 6, 8);
            ric.installFromModuleDescriptor();
            assertTrue(ric.policy("load-balancing", LbPolicy.TYPE, ACTIVE).values().stream().allMatch(PolicyStatus::isEnforced));
            assertNull(ric.deliver("load-balancing", new ModelEvent(LbModel.MODEL_NAME, "1", "dl4j", LbModel.INPUT_FEATURES, v1)));
            await(() -> ric.metric("load-balancing", "cio.changes") >= 2, "offset moves");

            ObjectMapper mapper = new ObjectMapper();
            JsonNode body = XappRic.awaitValue(() -> {
                try {
                    JsonNode b = mapper.readTree(ric.experience("load-balancing"));
                    int ok = 0;
                    for (JsonNode r : b.get("rows")) if (r.get("outcomeStatus").asText().equals("OK")) ok++;
                    return ok >= 4 ? b : null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "4 load-balancing rows with both cells' outcomes attached");

            Set<String> cells = new HashSet<>(sim.model().cellIds());
            int ok = 0;
            int acrossE2Nodes = 0;
            for (JsonNode r : body.get("rows")) {
                String cell = r.get("cellId").asText();
                String peer = r.get("peerCellId").asText();
                assertTrue(cells.contains(cell) && cells.contains(peer), r.toString());
                assertNotEquals(cell, peer, r.toString());
                assertEquals(2 * LbModel.INPUT_FEATURES.size() + 1, r.get("features").size(), "both cells' model inputs: " + r);
                for (String f : LbModel.INPUT_FEATURES) {
                    assertTrue(r.get("features").has(f) && r.get("features").has("peer." + f), f + " in " + r);
                }
                JsonNode a = r.get("action");
                assertNotEquals(0.0, a.get("cioChangeDb").asDouble(), "a row per move: " + r);
                assertEquals(a.get("cioDb").asDouble(), r.get("features").get("cioDb").asDouble() + a.get("cioChangeDb").asDouble(), 1e-6);
                assertTrue(a.get("cioDb").asDouble() >= 0 && a.get("cioDb").asDouble() <= 3, "pull only, inside the RAN's hysteresis: " + r);
                if (!r.get("nodeId").asText().equals(r.get("peerNodeId").asText())) acrossE2Nodes++;
                if (!r.get("outcomeStatus").asText().equals("OK")) continue;
                ok++;
                JsonNode o = r.get("outcome");
                for (String k : new String[] {"prbUsedDlPct", "throughputDlMbps", "rlfCount", "hoAttempts", "hoSuccesses", "activeUes"}) {
                    assertTrue(o.has(k) && o.has("peer." + k), k + " of both cells: " + r);
                }
                assertTrue(o.get("prbUsedDlPct").asDouble() >= 0 && o.get("peer.prbUsedDlPct").asDouble() >= 0, r.toString());
                assertTrue(r.get("outcomeSamples").asInt() >= 1 && r.get("peerOutcomeSamples").asInt() >= 1, r.toString());
            }
            assertTrue(ok >= 4, "rows with both outcomes: " + ok);
            System.out.printf("load-balancing experience: %d rows, %d with outcome OK, %d with the peer on another E2 node, stats %s%n",
                    body.get("rows").size(), ok, acrossE2Nodes, body.get("stats"));
            assertTrue(ric.metric("load-balancing", "experience.recorded") >= 4);
            assertEquals(0, ric.metric("load-balancing", "experience.errors"));
            assertEquals(0, ric.metric("load-balancing", "experience.dropped"));
        } finally {
            System.clearProperty("jric.modelCache");
        }
    }
}
