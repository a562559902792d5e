package io.jric.xapps.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.ExperienceSample;
import io.jric.sim.Fault;
import io.jric.xapps.testing.XappHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the anomaly xApp's RIC tests ask of a RIC over HTTP (auth off): A1-ML uploads, the admin API's experience
 * export and labels, and the rows as {@link ExperienceSample}s.
 */
final class AnomalyRic {
    static final ObjectMapper JSON = new ObjectMapper();

    private AnomalyRic() {}

    /** The xApp's experience rows, exported through {@code base}'s admin API ({@code http://host:port}). */
    static List<JsonNode> rows(String base) {
        List<JsonNode> out = new ArrayList<>();
        get(base + "/ric/v1/experience/anomaly-detection?limit=100000").get("rows").forEach(out::add);
        return out;
    }

    /**
     * Labels the exported rows from the simulator's ground truth ({@link LabelledRows#label}, {@code epoch}: the KPM
     * headers' Unix ms of simulated time 0) through {@code base}'s admin API.
     *
     * @return alarms, confirmed, of them normal rows (missed faults), rejected
     */
    static int[] label(String base, List<JsonNode> rows, List<Fault> faults, long epoch) {
        int[] n = new int[4];
        for (JsonNode r : rows) {
            boolean alarm = r.at("/action/faultClass").asDouble() > 0;
            if (alarm) n[0]++;
            String label = LabelledRows.label(faults, r.get("cellId").asText(), r.get("timeMs").asLong() - epoch, alarm);
            if (label == null) continue;
            if (label.equals("confirmed")) n[1]++;
            else n[3]++;
            if (label.equals("confirmed") && !alarm) n[2]++;
            HttpResponse<String> l = send("POST", base + "/ric/v1/experience/anomaly-detection/labels", "{\"nodeId\":\""
                    + r.get("nodeId").asText() + "\",\"id\":" + r.get("id").asLong() + ",\"label\":\"" + label + "\"}");
            assertEquals(200, l.statusCode(), l.body());
        }
        return n;
    }

    /** Whether the validation gate holds an exported row out of training ({@code ValidationGate.heldOut}, package-private). */
    static boolean heldOut(JsonNode r, int pct) {
        try {
            java.lang.reflect.Method m = Class.forName("io.jric.a1.ValidationGate").getDeclaredMethod("heldOut", String.class, String.class,
                    long.class, int.class);
            m.setAccessible(true);
            return (boolean) m.invoke(null, r.get("nodeId").asText(), r.get("cellId").asText(), r.get("timeMs").asLong(), pct);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExperienceSample sample(JsonNode r) {
        return new ExperienceSample(r.get("nodeId").asText(), r.get("cellId").asText(), r.get("timeMs").asLong(), map(r.get("features")),
                map(r.get("action")), map(r.get("outcome")), r.get("outcomeSamples").asInt(), r.get("label").isNull() ? null : r.get("label").asText());
    }

    private static Map<String, Double> map(JsonNode o) {
        Map<String, Double> m = new HashMap<>();
        if (o != null && o.isObject()) o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asDouble()));
        return m;
    }

    /** PUT of a version through A1-ML ({@code base}: the model's A1-ML URL), with its lineage header. */
    static HttpResponse<String> upload(String base, String version, byte[] body, String lineage) {
        return XappHttp.upload(base, version, body, lineage);
    }

    static HttpResponse<String> send(String method, String url, String json) {
        return XappHttp.send(method, url, json);
    }

    static JsonNode get(String url) {
        return XappHttp.get(url);
    }
}
