package io.jric.core.internal.xapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.JsonDoc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDK's JSON: typed lookups by name or pointer, plain Java values, writing, and clear errors. */
class JacksonDocTest {
    private static final String POLICY = "{\"stepDb\":2,\"ceilingDbm\":44.5,\"mode\":\"boost\",\"enabled\":true,"
            + "\"limits\":{\"cells\":[\"00f110:000004001\",\"00f110:000004002\"],\"max\":3}}";

    @Test
    void readsByNameAndByPointerAndIsEmptyForMissingOrOtherTypes() {
        JsonDoc d = JacksonDoc.parse(POLICY, "json");
        assertEquals(2.0, d.number("stepDb", 1));
        assertEquals(44.5, d.number("/ceilingDbm").orElseThrow());
        assertEquals("boost", d.string("mode", "x"));
        assertTrue(d.bool("/enabled", false));
        assertEquals("00f110:000004002", d.string("/limits/cells/1").orElseThrow());
        assertEquals(2, d.size("/limits/cells"));
        assertEquals(List.of("cells", "max"), d.keys("/limits"));
        assertEquals(Optional.empty(), d.number("mode"), "a string is not a number");
        assertEquals(Optional.empty(), d.string("/nope/deeper"));
        assertEquals(7.0, d.number("/limits/min", 7));
        assertEquals(3L, ((Map<?, ?>) d.value("/limits").orElseThrow()).get("max"));
        assertEquals(List.of("00f110:000004001", "00f110:000004002"), d.value("/limits/cells").orElseThrow());
    }

    @Test
    void writesPlainValuesAndReadsThemBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell", "00f110:000004001");
        m.put("boostDb", 3.0);
        m.put("neighbours", List.of("a", "b"));
        m.put("since", 1_700_000_000_000L);
        m.put("cleared", null);
        String json = JacksonDoc.write(m);
        assertEquals("{\"cell\":\"00f110:000004001\",\"boostDb\":3.0,\"neighbours\":[\"a\",\"b\"],\"since\":1700000000000,"
                + "\"cleared\":null}", json);
        assertEquals(m, JacksonDoc.parse(json, "json").value("").orElseThrow(), "the empty pointer is the whole document");
        assertEquals("b", JacksonDoc.parse(json, "json").string("/neighbours/1").orElseThrow());
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException notJson = assertThrows(IllegalArgumentException.class, () -> JacksonDoc.parse("{\"a\":", "json"));
        assertTrue(notJson.getMessage().startsWith("json: not JSON: ") && notJson.getMessage().contains("line 1"),
                notJson.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> JacksonDoc.write(Map.of("t", new Object())));
        assertTrue(type.getMessage().contains("java.lang.Object (expected Map, List, array, String, number, Boolean or null)"),
                type.getMessage());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class, () -> JacksonDoc.write(Map.of(1, "x")));
        assertTrue(key.getMessage().contains("map key is a java.lang.Integer"), key.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JacksonDoc.parse("x".repeat(JacksonDoc.MAX_CHARS + 1), "json"))
                .getMessage().contains("characters (at most"));
    }
}
