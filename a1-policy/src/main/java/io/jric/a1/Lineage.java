package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.core.internal.http.HttpProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The lineage of a model version (issue #15, item 4): how it was made. The uploader sends it as JSON
 * in the {@code X-Model-Lineage} header of the A1-ML upload; every field is optional:
 * <pre>
 * {"dataWindow": {"from": "2026-12-06T19:00:00Z", "to": "2026-12-06T19:30:00Z"},
 *  "rows": {"train": 12000, "validation": 3000},
 *  "featureSchema": ["prbUsedDlPct", ...],          // must equal the descriptor's inputFeatures
 *  "trainer": "power-control Trainer p2", "codeVersion": "git:2313c85",
 *  "hyperparameters": {"epochs": 25, "hidden": [32, 32]}, "seed": 7,
 *  "validation": {"cellPowerW.mse": 0.8}, "parent": "2", "notes": "..."}
 * </pre>
 * Unknown fields and wrong types are refused (400 naming the field's JSON pointer), so a typo does not
 * silently lose lineage. A {@code dl4j} bundle's own {@code metadata.json} fills what the uploader left
 * out ({@code featureSchema}, {@code trainer}, {@code seed}, {@code validation}, {@code hyperparameters}
 * from its {@code extra}); {@code sources} says which field came from where.
 */
final class Lineage {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("dataWindow", "rows", "featureSchema", "trainer", "codeVersion",
            "hyperparameters", "seed", "validation", "parent", "notes");

    private Lineage() {}

    /** The uploader's lineage checked; an empty object without one. */
    static ObjectNode parse(String json, List<String> declaredFeatures, Predicate<String> versionExists) {
        if (json == null || json.isBlank()) {
            ObjectNode empty = JSON.createObjectNode();
            empty.putObject("sources");
            return empty;
        }
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw HttpProblem.badRequest("X-Model-Lineage: not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) throw HttpProblem.badRequest("X-Model-Lineage: " + n + " (expected: a JSON object)");
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) problems.add("/" + f + ": (expected: absent; lineage fields are " + FIELDS + ")");
        }
        check(n, "dataWindow", JsonNode::isObject, "an object {from, to}", problems);
        JsonNode w = n.get("dataWindow");
        if (w != null && w.isObject()) {
            for (Iterator<String> it = w.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("from") && !f.equals("to")) problems.add("/dataWindow/" + f + ": (expected: absent; from, to)");
                else if (!w.get(f).isTextual() && !w.get(f).isIntegralNumber()) {
                    problems.add("/dataWindow/" + f + ": " + w.get(f) + " (expected: an ISO-8601 instant or epoch milliseconds)");
                }
            }
        }
        check(n, "rows", JsonNode::isObject, "an object of row counts, e.g. {\"train\": 1200}", problems);
        JsonNode rows = n.get("rows");
        if (rows != null && rows.isObject()) {
            rows.fields().forEachRemaining(e -> {
                if (!e.getValue().isIntegralNumber() || e.getValue().asLong() < 0) {
                    problems.add("/rows/" + e.getKey() + ": " + e.getValue() + " (expected: an integer >= 0)");
                }
            });
        }
        check(n, "featureSchema", JsonNode::isArray, "an array of feature names", problems);
        JsonNode fs = n.get("featureSchema");
        if (fs != null && fs.isArray()) {
            List<String> given = new ArrayList<>();
            fs.forEach(x -> given.add(x.asText()));
            if (!given.equals(declaredFeatures)) {
                problems.add("/featureSchema: " + given + " (expected: " + declaredFeatures + ", the descriptor's inputFeatures in order)");
            }
        }
        check(n, "trainer", JsonNode::isTextual, "a string", problems);
        check(n, "codeVersion", JsonNode::isTextual, "a string", problems);
        check(n, "notes", JsonNode::isTextual, "a string", problems);
        check(n, "hyperparameters", JsonNode::isObject, "an object", problems);
        check(n, "seed", JsonNode::isIntegralNumber, "an integer", problems);
        check(n, "validation", JsonNode::isObject, "an object of numbers", problems);
        JsonNode v = n.get("validation");
        if (v != null && v.isObject()) {
            v.fields().forEachRemaining(e -> {
                if (!e.getValue().isNumber()) problems.add("/validation/" + e.getKey() + ": " + e.getValue() + " (expected: a number)");
            });
        }
        check(n, "parent", JsonNode::isTextual, "a version id", problems);
        JsonNode p = n.get("parent");
        if (p != null && p.isTextual() && !versionExists.test(p.asText())) {
            problems.add("/parent: \"" + p.asText() + "\" (expected: a version of this model the RIC keeps)");
        }
        if (!problems.isEmpty()) {
            throw HttpProblem.badRequest("X-Model-Lineage: " + String.join("; ", problems));
        }
        ObjectNode out = ((ObjectNode) n).deepCopy();
        ObjectNode sources = out.putObject("sources");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) sources.put(it.next(), "uploader");
        return out;
    }

    private static void check(JsonNode n, String field, Predicate<JsonNode> ok, String expected, List<String> problems) {
        JsonNode v = n.get(field);
        if (v != null && !ok.test(v)) problems.add("/" + field + ": " + v + " (expected: " + expected + ")");
    }

    /**
     * Fills from a {@code dl4j} bundle's {@code metadata.json} what the uploader did not say. A bundle whose
     * features differ from the descriptor's is refused (it would be refused at activation anyway).
     */
    static void fillFromBundle(ObjectNode lineage, byte[] bytes, boolean dl4j, List<String> declaredFeatures) {
        ObjectNode sources = (ObjectNode) lineage.get("sources");
        JsonNode md = dl4j ? bundleMetadata(bytes) : null;
        if (md == null) {  // Keras files carry no jRIC metadata; an unreadable bundle is refused at activation
            if (!lineage.has("featureSchema")) {
                ArrayNode f = lineage.putArray("featureSchema");
                declaredFeatures.forEach(f::add);
                sources.put("featureSchema", "descriptor");
            }
            return;
        }
        JsonNode features = md.get("inputFeatures");
        if (features != null && features.isArray()) {
            List<String> f = new ArrayList<>();
            features.forEach(x -> f.add(x.asText()));
            if (!f.equals(declaredFeatures)) {
                throw HttpProblem.badRequest("body: the bundle's metadata.json names inputFeatures " + f + " (expected: "
                        + declaredFeatures + ", the descriptor's, in order)");
            }
            if (!lineage.has("featureSchema")) {
                lineage.set("featureSchema", features);
                sources.put("featureSchema", "bundle");
            }
        }
        fill(lineage, sources, "trainer", md.get("trainerVersion"));
        fill(lineage, sources, "seed", md.get("trainingSeed"));
        fill(lineage, sources, "validation", md.get("validation"));
        fill(lineage, sources, "hyperparameters", md.get("extra"));
        JsonNode outputs = md.get("outputs");
        if (outputs != null) {
            lineage.set("outputs", outputs);
            sources.put("outputs", "bundle");
        }
    }

    private static void fill(ObjectNode lineage, ObjectNode sources, String field, JsonNode value) {
        if (lineage.has(field) || value == null || value.isNull()) return;
        lineage.set(field, value);
        sources.put(field, "bundle");
    }

    /** The bundle's metadata.json, or null when the body is not a zip holding one. */
    private static JsonNode bundleMetadata(byte[] bytes) {
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (e.getName().equals("metadata.json")) {
                    byte[] b = z.readNBytes(1 << 20);
                    JsonNode n = JSON.readTree(b);
                    return n != null && n.isObject() ? n : null;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
