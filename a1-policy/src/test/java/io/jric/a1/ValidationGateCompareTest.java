package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.descriptor.ModelGate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's comparison alone: beat the active version, meet the bar without one, refuse when the active cannot be scored. */
class ValidationGateCompareTest {
    private static ModelGate gate(Double bar) {
        return new ModelGate("loadMaePct", ModelGate.Direction.MIN, 5, bar, 30, 50, 0, 1, 25, Map.of());
    }

    private static List<String> compare(ModelGate g, double cm, String active, Double am, List<String> activeReasons) {
        List<String> reasons = new ArrayList<>();
        ObjectNode out = new ObjectMapper().createObjectNode();
        ValidationGate.compare(g, cm, "2", active, am, activeReasons, out, reasons);
        return reasons;
    }

    @Test
    void anActiveVersionThatCannotBeScoredRefusesTheCandidate() {
        assertEquals(List.of(), compare(gate(null), 9.0, "1", 10.0, List.of()), "10 % better than the active one");
        assertEquals(1, compare(gate(null), 9.8, "1", 10.0, List.of()).size(), "2 % better: not enough");
        assertEquals(List.of(), compare(gate(null), 50.0, null, null, List.of()), "no active version, no bar: nothing to beat");
        assertEquals(1, compare(gate(20.0), 50.0, null, null, List.of()).size(), "no active version: the bar");
        List<String> r = compare(gate(null), 9.0, "1", null,
                List.of("active version 1: the xApp's scorer reports loadMaePct = NaN (expected: a finite number; it reports [rows])"));
        assertEquals(1, r.size(), r.toString());
        assertTrue(r.get(0).startsWith("active version 1 could not be scored, so version 2 cannot be compared with it (active version 1: "
                + "the xApp's scorer reports loadMaePct = NaN"), r.get(0));
    }
}
