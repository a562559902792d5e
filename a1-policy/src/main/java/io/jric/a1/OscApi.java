package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.a1.Records.OperatorType;
import io.jric.a1.TypeRegistry.PolicyType;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpRequest;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The O-RAN SC A1 mediator's flavour under {@value #BASE}: integer policy type ids, PUT/DELETE of
 * policy types, 202 for instance PUT/DELETE, and its status shape. Same store as A1-P v2.
 */
final class OscApi {
    static final String BASE = "/a1-p";
    private static final Pattern INT_ID = Pattern.compile("[1-9][0-9]{0,9}");
    private static final Set<String> TYPE_FIELDS = Set.of("name", "description", "policy_type_id", "create_schema");

    private final PolicyEngine engine;
    private final TypeRegistry types;
    private final int maxBody;

    OscApi(PolicyEngine engine, TypeRegistry types, int maxBody) {
        this.engine = engine;
        this.types = types;
        this.maxBody = maxBody;
    }

    Router register(Router r) {
        String type = BASE + "/policytypes/{policy_type_id}";
        String inst = type + "/policies/{policy_instance_id}";
        return r.get(BASE + "/healthcheck", req -> HttpResponse.status(200))
                .get(BASE + "/policytypes", req -> HttpResponse.ok(integerIds()))
                .get(type, req -> HttpResponse.ok(typeView(engine.type(typeId(req)))))
                .put(type, maxBody, this::putType)
                .delete(type, req -> {
                    engine.deleteOperatorType(typeId(req));
                    return HttpResponse.noContent();
                })
                .get(type + "/policies", req -> HttpResponse.ok(engine.ids(typeId(req))))
                .put(inst, maxBody, req -> {
                    String id = typeId(req);
                    engine.type(id);
                    req.requireContentType(HttpResponse.JSON);
                    JsonNode body = req.jsonTree();
                    engine.put(id, req.pathParam("policy_instance_id"), body,
                            req.query("notificationDestination").orElse(null));
                    return HttpResponse.status(202);
                })
                .get(inst, req -> HttpResponse.ok(engine.get(typeId(req), req.pathParam("policy_instance_id")).body()))
                .delete(inst, req -> {
                    engine.delete(typeId(req), req.pathParam("policy_instance_id"));
                    return HttpResponse.status(202);
                })
                .get(inst + "/status", req -> HttpResponse.ok(
                        engine.get(typeId(req), req.pathParam("policy_instance_id")).status().toOsc()));
    }

    static boolean isIntegerId(String id) {
        return INT_ID.matcher(id).matches() && Long.parseLong(id) <= Integer.MAX_VALUE;
    }

    private List<Long> integerIds() {
        List<Long> out = new ArrayList<>();
        for (String id : types.all().keySet()) {
            if (isIntegerId(id)) out.add(Long.parseLong(id));
        }
        out.sort(Long::compare);
        return out;
    }

    private static String typeId(HttpRequest req) {
        String id = req.pathParam("policy_type_id");
        if (!isIntegerId(id)) {
            throw HttpProblem.badRequest("policy_type_id must be an integer 1..2147483647, was \"" + id + "\"")
                    .with("problems", List.of(SchemaCheck.problem("policy_type_id", "type",
                            Records.JSON.getNodeFactory().textNode(id), "an integer 1..2147483647")));
        }
        return id;
    }

    private static ObjectNode typeView(PolicyType t) {
        ObjectNode n = Records.JSON.createObjectNode();
        n.put("name", t.name());
        n.put("description", t.description() == null ? "" : t.description());
        n.put("policy_type_id", Long.parseLong(t.id()));
        n.set("create_schema", t.schema());
        return n;
    }

    private HttpResponse putType(HttpRequest req) {
        String id = typeId(req);
        req.requireContentType(HttpResponse.JSON);
        JsonNode body = req.jsonTree();
        List<Map<String, Object>> problems = new ArrayList<>();
        if (!body.isObject()) {
            problems.add(SchemaCheck.problem("/", "type", body, "an object"));
        } else {
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!TYPE_FIELDS.contains(f)) {
                    problems.add(SchemaCheck.problem("/" + f, "additionalProperties", body.get(f),
                            "no such field (expected one of name, description, policy_type_id, create_schema)"));
                }
            }
            text(body, "name", problems);
            text(body, "description", problems);
            JsonNode pid = body.get("policy_type_id");
            if (pid == null) {
                problems.add(SchemaCheck.problem("/policy_type_id", "required", null, "the integer " + id));
            } else if (!pid.isIntegralNumber() || !pid.asText().equals(id)) {
                problems.add(SchemaCheck.problem("/policy_type_id", "const", pid, id + " (the id in the path)"));
            }
            JsonNode schema = body.get("create_schema");
            if (schema == null) {
                problems.add(SchemaCheck.problem("/create_schema", "required", null, "a JSON Schema object"));
            } else {
                problems.addAll(SchemaCheck.checkSchema(schema, SchemaCheck.DIALECT_DRAFT_07, "/create_schema"));
                for (String at : io.jric.core.internal.descriptor.Draft07.unsupported(schema)) {
                    problems.add(SchemaCheck.problem("/create_schema" + at, "draft-07", null,
                            "no keyword draft-07 cannot express: A1 serves policy types as draft-07"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw HttpProblem.badRequest("invalid policy type: " + problems.get(0).get("message")
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, see problems)" : ""))
                    .with("problems", problems);
        }
        engine.createOperatorType(new OperatorType(id, body.get("name").asText(), body.get("description").asText(),
                body.get("create_schema"), System.currentTimeMillis()));
        return HttpResponse.status(201).withHeader("Location", BASE + "/policytypes/" + id);
    }

    private static void text(JsonNode body, String field, List<Map<String, Object>> problems) {
        JsonNode v = body.get(field);
        if (v == null) problems.add(SchemaCheck.problem("/" + field, "required", null, "a string"));
        else if (!v.isTextual()) problems.add(SchemaCheck.problem("/" + field, "type", v, "a string"));
    }
}
