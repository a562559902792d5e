package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's per-node answers combined: means weighted by each node's held-out rows, counts summed, a failure named. */
class ValidationGateCombineTest {
    private static ValidationGate.GateAnswer answer(String node, int rows, Map<String, Double> metrics, String error) {
        ValidationGate.GateAnswer a = new ValidationGate.GateAnswer();
        a.node = node;
        a.rows = rows;
        a.metrics = metrics;
        a.error = error;
        return a;
    }

    @Test
    void meansAreWeightedByRowsAndCountsAreSummed() {
        Map<String, Double> m = ValidationGate.combine(List.of(
                answer("a", 100, Map.of("powerMaeW", 2.0, "invalidOutputs", 1.0, "rows", 90.0), null),
                answer("b", 300, Map.of("powerMaeW", 6.0, "invalidOutputs", 2.0, "rows", 280.0), null),
                answer("c", 0, null, null)));
        assertEquals(5.0, m.get("powerMaeW"), 1e-12, "(100 x 2 + 300 x 6) / 400");
        assertEquals(3.0, m.get("invalidOutputs"), 0.0);
        assertEquals(370.0, m.get("rows"), 0.0);
    }

    @Test
    void aNodeThatFailedFailsTheScoreNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ValidationGate.combine(List.of(
                answer("a", 100, Map.of("powerMaeW", 2.0), null),
                answer("b", 50, null, "holds held-out rows of power-control but runs no instance of it"))));
        assertTrue(e.getMessage().startsWith("grid node b: holds held-out rows"), e.getMessage());
        assertFalse(ValidationGate.combine(List.of(answer("a", 0, null, null))).containsKey("powerMaeW"), "no rows, no metric");
    }
}
