package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks real responses against the published OpenAPI document: the path (as a template), method
 * and status must be documented, the content type must be one the document lists for that
 * response, and a JSON body must validate against the documented schema ($refs inlined, checked
 * as draft-07, which OpenAPI 3.0 schemas are a subset of). Records what was exercised.
 */
final class OpenApiCheck {
    static final JsonNode DOC = load();
    /** {@code METHOD template status} of every checked response. */
    static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();
    private static final JsonSchemaFactory F = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private OpenApiCheck() {}

    private static JsonNode load() {
        try (InputStream in = OpenApiCheck.class.getResourceAsStream(A1Service.OPENAPI_RESOURCE)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documented path template a request path matches, or null. */
    static String template(String rawPath) {
        String path = rawPath.split("\\?", 2)[0];
        String[] segs = path.substring(1).split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = DOC.get("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            String[] ts = t.substring(1).split("/", -1);
            if (ts.length != segs.length) continue;
            int literals = 0;
            boolean ok = true;
            for (int i = 0; i < ts.length && ok; i++) {
                if (ts[i].startsWith("{")) continue;
                if (ts[i].equals(segs[i])) literals++;
                else ok = false;
            }
            if (ok && literals > bestLiterals) {
                best = t;
                bestLiterals = literals;
            }
        }
        return best;
    }

    static void check(String method, String rawPath, HttpResponse<String> r) {
        String t = template(rawPath);
        assertNotNull(t, () -> rawPath + " matches no path of the OpenAPI document");
        JsonNode op = DOC.get("paths").get(t).get(method.toLowerCase(Locale.ROOT));
        assertNotNull(op, () -> method + " " + t + " is not in the OpenAPI document");
        String status = Integer.toString(r.statusCode());
        JsonNode resp = resolve(op.path("responses").get(status));
        assertNotNull(resp, () -> method + " " + t + " answered " + status + ", which the OpenAPI document does not list: "
                + r.body());
        EXERCISED.add(method + " " + t + " " + status);
        String body = r.body();
        if (body.isEmpty()) {
            assertTrue(resp.path("content").isMissingNode() || resp.path("content").isEmpty(),
                    () -> method + " " + t + " " + status + ": empty body but the document promises content");
            return;
        }
        String ct = r.headers().firstValue("Content-Type").orElse("").split(";", 2)[0].trim();
        JsonNode media = resp.path("content").get(ct);
        assertNotNull(media, () -> method + " " + t + " " + status + ": content type " + ct + " not documented");
        if (!ct.endsWith("json")) return;
        JsonNode schema = inline(media.get("schema"));
        JsonSchema s = SCHEMAS.computeIfAbsent(schema.toString(), k -> F.getSchema(schema));
        Set<ValidationMessage> errors = s.validate(A1Fixture.tree(body));
        if (!errors.isEmpty()) {
            fail(method + " " + rawPath + " " + status + " body does not match the OpenAPI document: " + errors + "\n" + body);
        }
    }

    private static JsonNode resolve(JsonNode n) {
        while (n != null && n.has("$ref")) n = DOC.at(n.get("$ref").asText().substring(1));
        return n;
    }

    /** A copy with every {@code $ref} to the document replaced by its target. */
    static JsonNode inline(JsonNode n) {
        if (n == null) return null;
        if (n.isObject()) {
            if (n.has("$ref") && n.get("$ref").asText().startsWith("#/")) return inline(resolve(n));
            ObjectNode out = A1Fixture.JSON.createObjectNode();
            n.fields().forEachRemaining(e -> out.set(e.getKey(), inline(e.getValue())));
            return out;
        }
        if (n.isArray()) {
            var out = A1Fixture.JSON.createArrayNode();
            n.forEach(x -> out.add(inline(x)));
            return out;
        }
        return n;
    }

    /** Every {@code METHOD template status} the document lists. */
    static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        DOC.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (m.getKey().equals("parameters")) return;
            m.getValue().path("responses").fieldNames().forEachRemaining(s ->
                    out.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey() + " " + s));
        }));
        return out;
    }
}
