package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.ModelEvent;
import io.jric.core.internal.http.HttpProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The canary plan's checks and its judgement, on made-up series. */
class CanaryPlanTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CanaryPlan plan(String json) throws Exception {
        return CanaryPlan.parse(JSON.readTree(json));
    }

    @Test
    void defaultsAndRoundTrip() throws Exception {
        CanaryPlan p = plan("{\"version\":\"3\"}");
        assertEquals(0.25, p.share());
        assertEquals(300, p.durationS());
        assertEquals(List.of(new CanaryPlan.Kpi("throughputDlMbps", true, 5)), p.kpis());
        assertEquals(p, CanaryPlan.fromJson(p.toJson()));
    }

    @Test
    void everyBadFieldIsNamed() {
        HttpProblem e = assertThrows(HttpProblem.class, () -> plan(
                "{\"share\":0,\"durationS\":1.5,\"baselineS\":4,\"minSamples\":0,\"force\":\"yes\",\"x\":1,"
                        + "\"kpis\":[{\"name\":\"DROP TABLE\",\"better\":\"more\",\"maxDegradationPct\":101}]}"));
        assertEquals(400, e.status());
        for (String f : List.of("version:", "share:", "durationS:", "baselineS:", "minSamples:", "force:", "x:",
                "kpis/0/name:", "kpis/0/better:", "kpis/0/maxDegradationPct:")) {
            assertTrue(e.detail().contains(f), f + " in " + e.detail());
        }
        assertThrows(HttpProblem.class, () -> plan("{\"version\":\"3\",\"kpis\":[]}"));
        assertThrows(HttpProblem.class, () -> plan("[1]"));
    }

    @Test
    void aRetrainingJobsPlanTakesNoVersionNorForceAndNamesItsFieldsUnderCanary() throws Exception {
        CanaryPlan p = CanaryPlan.parseForRetraining(JSON.readTree("{\"share\":0.5,\"durationS\":20,"
                + "\"kpis\":[{\"name\":\"energyWh\",\"better\":\"lower\",\"maxDegradationPct\":5}]}"));
        assertEquals(0.5, p.share());
        assertEquals(20, p.durationS());
        assertEquals(false, p.force());
        CanaryPlan v = p.withVersion("7");
        assertEquals("7", v.version());
        assertEquals(p.kpis(), v.kpis());
        assertEquals(p.share(), v.share());
        HttpProblem e = assertThrows(HttpProblem.class, () -> CanaryPlan.parseForRetraining(JSON.readTree(
                "{\"version\":\"3\",\"force\":true,\"share\":1.5,\"kpis\":[{\"name\":\"x\",\"better\":\"lower\",\"maxDegradationPct\":5}]}")));
        assertEquals(400, e.status());
        for (String f : List.of("canary/version:", "canary/force:", "canary/share:", "canary/kpis/0/name:")) {
            assertTrue(e.detail().contains(f), f + " in " + e.detail());
        }
        assertThrows(HttpProblem.class, () -> CanaryPlan.parseForRetraining(JSON.readTree("3")));
        assertThrows(HttpProblem.class, () -> CanaryPlan.parseForRetraining(null));
    }

    private static List<CanaryPlan.CellMean> cells(Map<String, Double> means, long samples) {
        List<CanaryPlan.CellMean> out = new ArrayList<>();
        means.forEach((c, m) -> out.add(new CanaryPlan.CellMean(c, samples, m)));
        return out;
    }

    @Test
    void judgesTheCanarysChangeAgainstTheOthers() throws Exception {
        CanaryPlan p = plan("{\"version\":\"3\",\"minSamples\":10,\"kpis\":[{\"name\":\"throughputDlMbps\",\"better\":\"higher\",\"maxDegradationPct\":5},"
                + "{\"name\":\"energyWh\",\"better\":\"lower\",\"maxDegradationPct\":5}]}");
        Set<String> canary = Set.of("a", "b");
        // Everything falls by 20 % (traffic), the canary's cells alike: no effect.
        var before = Map.of("throughputDlMbps", cells(Map.of("a", 10.0, "b", 30.0, "c", 20.0, "d", 40.0), 20),
                "energyWh", cells(Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0), 20));
        var same = Map.of("throughputDlMbps", cells(Map.of("a", 8.0, "b", 24.0, "c", 16.0, "d", 32.0), 20),
                "energyWh", cells(Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0), 20));
        ObjectNode f = JSON.createObjectNode();
        assertEquals(CanaryPlan.Verdict.OK, p.judge(before, same, canary::contains, f));
        assertEquals(0.0, f.at("/kpis/0/effectPct").asDouble(), 1e-9);

        // The canary's cells lose 10 % more throughput than the others: degraded, named.
        var worse = Map.of("throughputDlMbps", cells(Map.of("a", 7.2, "b", 21.6, "c", 16.0, "d", 32.0), 20),
                "energyWh", cells(Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0), 20));
        f = JSON.createObjectNode();
        assertEquals(CanaryPlan.Verdict.DEGRADED, p.judge(before, worse, canary::contains, f));
        assertEquals(10.0, f.at("/kpis/0/degradationPct").asDouble(), 1e-6);
        assertTrue(f.get("reasons").get(0).asText().startsWith("throughputDlMbps 10.0 % worse"), f.toString());

        // Energy is lower-is-better: the canary's cells using 8 % more than the others is a degradation.
        var hungry = Map.of("throughputDlMbps", same.get("throughputDlMbps"),
                "energyWh", cells(Map.of("a", 1.08, "b", 1.08, "c", 1.0, "d", 1.0), 20));
        f = JSON.createObjectNode();
        assertEquals(CanaryPlan.Verdict.DEGRADED, p.judge(before, hungry, canary::contains, f));
        assertEquals(8.0, f.at("/kpis/1/degradationPct").asDouble(), 1e-6);

        // Too few samples on a side: inconclusive, whatever the means say.
        var few = Map.of("throughputDlMbps", cells(Map.of("a", 1.0, "b", 1.0, "c", 16.0, "d", 32.0), 2),
                "energyWh", cells(Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0), 2));
        f = JSON.createObjectNode();
        assertEquals(CanaryPlan.Verdict.INCONCLUSIVE, p.judge(before, few, canary::contains, f));
    }

    @Test
    void theCanarysCellsAreDrawnAlikeEverywhereAndNearTheShare() {
        int in = 0;
        for (int i = 0; i < 10_000; i++) {
            String cell = "00f110:" + String.format("%09x", i);
            boolean a = ModelEvent.inCanary("x/m/3", 0.3, cell);
            assertEquals(a, ModelEvent.inCanary("x/m/3", 0.3, cell));
            if (a) in++;
        }
        assertTrue(in > 2_800 && in < 3_200, in + " of 10,000 at share 0.3");
    }
}
