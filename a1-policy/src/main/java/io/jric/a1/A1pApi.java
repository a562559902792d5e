package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.a1.PolicyEngine.PutResult;
import io.jric.a1.TypeRegistry.PolicyType;
import io.jric.core.internal.http.HttpRequest;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The O-RAN A1-P v2 routes under {@value #BASE}. */
final class A1pApi {
    static final String BASE = "/A1-P/v2";

    private final PolicyEngine engine;
    private final TypeRegistry types;
    private final int maxBody;
    private final String openApi;

    A1pApi(PolicyEngine engine, TypeRegistry types, int maxBody, String openApi) {
        this.engine = engine;
        this.types = types;
        this.maxBody = maxBody;
        this.openApi = openApi;
    }

    Router register(Router r) {
        String inst = BASE + "/policytypes/{policyTypeId}/policies/{policyId}";
        return r.get(BASE + "/openapi.yaml", req -> HttpResponse.text(200, openApi)
                        .withHeader("Content-Type", "application/yaml; charset=utf-8"))
                .get(BASE + "/policytypes", req -> HttpResponse.ok(new ArrayList<>(types.all().keySet())))
                .get(BASE + "/policytypes/{policyTypeId}", req -> HttpResponse.ok(typeObject(
                        engine.type(req.pathParam("policyTypeId")))))
                .get(BASE + "/policytypes/{policyTypeId}/policies", req -> HttpResponse.ok(
                        engine.ids(req.pathParam("policyTypeId"))))
                .put(inst, maxBody, this::put)
                .get(inst, req -> HttpResponse.ok(engine.get(req.pathParam("policyTypeId"), req.pathParam("policyId")).body()))
                .delete(inst, req -> {
                    engine.delete(req.pathParam("policyTypeId"), req.pathParam("policyId"));
                    return HttpResponse.noContent();
                })
                .get(inst + "/status", req -> HttpResponse.ok(
                        engine.get(req.pathParam("policyTypeId"), req.pathParam("policyId")).status().toA1()));
    }

    private HttpResponse put(HttpRequest req) {
        String typeId = req.pathParam("policyTypeId");
        String policyId = req.pathParam("policyId");
        engine.type(typeId); // 404 for an unknown type before anything about the body
        req.requireContentType(HttpResponse.JSON);
        JsonNode body = req.jsonTree();
        PutResult res = engine.put(typeId, policyId, body, req.query("notificationDestination").orElse(null));
        if (res.created()) {
            return HttpResponse.created(BASE + "/policytypes/" + segment(typeId) + "/policies/" + segment(policyId),
                    res.record().body());
        }
        return HttpResponse.ok(res.record().body());
    }

    /** The PolicyTypeObject: {@code policySchema} (with its dialect spelt out) and {@code statusSchema}. */
    static ObjectNode typeObject(PolicyType t) {
        ObjectNode n = Records.JSON.createObjectNode();
        n.set("policySchema", SchemaCheck.withDialect(t.schema(), t.defaultDialect()));
        n.set("statusSchema", STATUS_SCHEMA);
        return n;
    }

    static final JsonNode STATUS_SCHEMA = Records.tree("""
            {
              "$schema": "http://json-schema.org/draft-07/schema#",
              "title": "jRIC policy status",
              "type": "object",
              "required": ["enforceStatus"],
              "properties": {
                "enforceStatus": {"type": "string", "enum": ["ENFORCED", "NOT_ENFORCED"]},
                "enforceReason": {"type": "string",
                  "description": "Why the policy is not enforced: the xApp instances' own reasons, or the platform's"}
              }
            }
            """);

    /** Percent-encodes one path segment (RFC 3986 unreserved characters stay). */
    static String segment(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }

}
