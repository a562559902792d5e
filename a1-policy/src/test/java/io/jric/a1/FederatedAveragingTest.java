package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.LocalUpdate;
import io.jric.core.internal.http.HttpProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coordinator's arithmetic of federated retraining (FedAvg) and the retraining policy's checks, without a grid. */
class FederatedAveragingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FederatedRetraining.NodeAnswer node(String name, long rows, float... params) {
        FederatedRetraining.NodeAnswer a = new FederatedRetraining.NodeAnswer();
        a.node = name;
        a.train = rows;
        a.update = params == null ? null : new LocalUpdate(params, rows, Map.of());
        return a;
    }

    @Test
    void parametersAreAveragedWeightedByEachNodesRows() {
        float[] avg = FederatedRetraining.average(List.of(node("a", 300, 1f, 10f), node("b", 100, 5f, -2f)));
        assertArrayEquals(new float[] {(300 * 1f + 100 * 5f) / 400, (300 * 10f + 100 * -2f) / 400}, avg, 1e-6f);
        // A node without rows, or without an update, takes no part.
        assertArrayEquals(new float[] {2f, 4f},
                FederatedRetraining.average(List.of(node("a", 0, 100f, 100f), node("b", 7, 2f, 4f), node("c", 3, (float[]) null))), 0f);
    }

    @Test
    void differentArchitecturesOrNoRowsAreRefused() {
        IllegalStateException shape = assertThrows(IllegalStateException.class,
                () -> FederatedRetraining.average(List.of(node("a", 1, 1f, 2f), node("b", 1, 1f, 2f, 3f))));
        assertTrue(shape.getMessage().contains("grid node b answered 3 parameters"), shape.getMessage());
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> FederatedRetraining.average(List.of(node("a", 0, 1f))));
        assertTrue(none.getMessage().contains("no grid node holds usable experience rows"), none.getMessage());
    }

    @Test
    void aRetrainingPolicyIsCheckedFieldByField() throws Exception {
        JsonNode p = RetrainTriggers.parse(JSON.readTree("{\"everyMinutes\":30,\"onDrift\":true}"), 1234);
        assertEquals(30, p.get("everyMinutes").asDouble());
        assertTrue(p.get("onDrift").asBoolean());
        assertEquals(RetrainTriggers.DEFAULT_MIN_ROWS, p.get("minRows").asLong());
        assertEquals(RetrainTriggers.DEFAULT_MIN_INTERVAL_MINUTES, p.get("minIntervalMinutes").asDouble());
        assertEquals("auto", p.get("mode").asText());
        assertEquals(1234, p.get("setAtMs").asLong());
        HttpProblem bad = assertThrows(HttpProblem.class, () -> RetrainTriggers.parse(JSON.readTree(
                "{\"everyMinutes\":-1,\"onDrift\":1,\"minRows\":0,\"minIntervalMinutes\":\"x\",\"mode\":\"swarm\",\"seed\":1.5,"
                        + "\"rounds\":0,\"localEpochs\":1000,\"what\":true}"), 0));
        assertEquals(400, bad.status());
        for (String f : List.of("everyMinutes:", "onDrift:", "minRows:", "minIntervalMinutes:", "mode:", "seed:", "rounds:",
                "localEpochs:", "what:")) {
            assertTrue(bad.detail().contains(f), f + " in " + bad.detail());
        }
        HttpProblem neither = assertThrows(HttpProblem.class, () -> RetrainTriggers.parse(JSON.readTree("{\"minRows\":5}"), 0));
        assertTrue(neither.detail().contains("a schedule, onDrift: true, or both"), neither.detail());
    }
}
