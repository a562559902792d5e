package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo turns exploration on (issue #15, item 2) where a default policy instance declares it, and nothing else. */
class DemoXappsTest {
    @Test
    void theDemoSetsTheExplorationRateOfDefaultInstancesThatDeclareIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode power = json.readTree(Files.readString(Path.of("../../xapps/power-control/xapp.json")));
        assertEquals(0.0, power.at("/policyTypes/0/defaultInstance/explorationRate").asDouble(-1), "production default: off");
        JsonNode before = power.deepCopy();
        DemoXapps.exploreInDemo(power);
        assertEquals(DemoXapps.DEMO_EXPLORATION_RATE, power.at("/policyTypes/0/defaultInstance/explorationRate").asDouble());
        ((com.fasterxml.jackson.databind.node.ObjectNode) power.at("/policyTypes/0/defaultInstance")).put("explorationRate", 0);
        assertEquals(before, power, "only the rate changed");

        JsonNode other = json.readTree("{\"policyTypes\":[{\"id\":\"x\",\"defaultInstance\":{\"a\":1}},{\"id\":\"y\"}]}");
        JsonNode copy = other.deepCopy();
        DemoXapps.exploreInDemo(other);
        assertEquals(copy, other, "no explorationRate declared: untouched");
    }
}
