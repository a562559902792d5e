package io.jric.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.descriptor.ImportResult;
import io.jric.core.internal.descriptor.OranScImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Descriptor cases against a RIC's admin API: one case per validation rule (a required field
 * missing, a field wrong), each posting an otherwise valid descriptor with that one fault to
 * {@code POST /ric/v1/xapps} and expecting 400 problem+json naming the field, with nothing
 * installed; a valid descriptor is accepted; an O-RAN SC config-file.json imports to one the
 * RIC accepts.
 */
public final class DescriptorSuite implements Suite {
    /** One rule: how to break the valid descriptor, and the JSON pointer the problem must name. */
    record Rule(String id, Consumer<ObjectNode> breakIt, String field) {}

    static final Map<String, Rule> RULES = new LinkedHashMap<>();

    private static void rule(String id, String field, Consumer<ObjectNode> breakIt) {
        RULES.put(id, new Rule(id, breakIt, field));
    }

    private static ObjectNode at(ObjectNode d, String arrayField, int i) {
        return (ObjectNode) d.withArray(arrayField).get(i);
    }

    static {
        rule("DESC-REQ-001", "/schemaVersion", d -> d.remove("schemaVersion"));
        rule("DESC-REQ-002", "/name", d -> d.remove("name"));
        rule("DESC-REQ-003", "/version", d -> d.remove("version"));
        rule("DESC-REQ-004", "/vendor", d -> d.remove("vendor"));
        rule("DESC-REQ-005", "/sdkApiVersion", d -> d.remove("sdkApiVersion"));
        rule("DESC-REQ-006", "/entry", d -> d.remove("entry"));
        rule("DESC-REQ-007", "/entry/provider", d -> ((ObjectNode) d.get("entry")).remove("provider"));
        rule("DESC-REQ-008", "/subscriptions/0/serviceModel", d -> at(d, "subscriptions", 0).remove("serviceModel"));
        rule("DESC-REQ-009", "/subscriptions/0/reportPeriodMs", d -> at(d, "subscriptions", 0).remove("reportPeriodMs"));
        rule("DESC-REQ-010", "/controls/0/scope", d -> at(d, "controls", 0).remove("scope"));
        rule("DESC-REQ-011", "/policyTypes/0/schema", d -> at(d, "policyTypes", 0).remove("schema"));
        rule("DESC-REQ-012", "/models/0/inputFeatures", d -> at(d, "models", 0).remove("inputFeatures"));
        rule("DESC-VAL-001", "/schemaVersion", d -> d.put("schemaVersion", "2"));
        rule("DESC-VAL-002", "/name", d -> d.put("name", "Bad_Name"));
        rule("DESC-VAL-003", "/version", d -> d.put("version", "1.0"));
        rule("DESC-VAL-004", "/vendor", d -> d.put("vendor", ""));
        rule("DESC-VAL-005", "/sdkApiVersion", d -> d.put("sdkApiVersion", "2"));
        rule("DESC-VAL-006", "/entry/provider", d -> ((ObjectNode) d.get("entry")).put("provider", "Not A Provider"));
        rule("DESC-VAL-007", "/priority", d -> d.put("priority", 101));
        rule("DESC-VAL-008", "/queueCapacity", d -> d.put("queueCapacity", 8));
        rule("DESC-VAL-009", "/deployment/instances", d -> d.putObject("deployment").put("placement", "node-singleton").put("instances", 2));
        rule("DESC-VAL-010", "/subscriptions/0/serviceModel", d -> at(d, "subscriptions", 0).put("serviceModel", "rc"));
        rule("DESC-VAL-011", "/subscriptions/0/reportPeriodMs", d -> at(d, "subscriptions", 0).put("reportPeriodMs", 5));
        rule("DESC-VAL-012", "/subscriptions/0/style", d -> at(d, "subscriptions", 0).put("style", "ue"));
        rule("DESC-VAL-013", "/subscriptions/0/nodes/0", d -> at(d, "subscriptions", 0).putArray("nodes").add("not-a-node"));
        rule("DESC-VAL-014", "/subscriptions/0/cells/0", d -> at(d, "subscriptions", 0).putArray("cells").add("zz"));
        rule("DESC-VAL-015", "/controls/0/action", d -> at(d, "controls", 0).put("action", "reboot"));
        rule("DESC-VAL-016", "/controls/0/scope", d -> at(d, "controls", 0).put("scope", "ue"));
        rule("DESC-VAL-017", "/controls/0/min", d -> at(d, "controls", 0).put("min", 50).put("max", 40));
        rule("DESC-VAL-018", "/controls/1/min", d -> d.withArray("controls").addObject().put("action", "handover").put("scope", "ue").put("min", 1));
        rule("DESC-VAL-019", "/controls/1/action", d -> d.withArray("controls").addObject().put("action", "tx_power").put("scope", "cell"));
        rule("DESC-VAL-020", "/policyTypes/1/id", d -> d.withArray("policyTypes").add(at(d, "policyTypes", 0).deepCopy().put("name", "again")));
        rule("DESC-VAL-021", "/policyTypes/0/schema/type", d -> ((ObjectNode) at(d, "policyTypes", 0).get("schema")).put("type", "strin"));
        rule("DESC-VAL-022", "/policyTypes/0/defaultInstance/maxTxPowerDbm",
                d -> ((ObjectNode) at(d, "policyTypes", 0).get("defaultInstance")).put("maxTxPowerDbm", 99));
        rule("DESC-VAL-023", "/models/0/format", d -> at(d, "models", 0).put("format", "onnx"));
        rule("DESC-VAL-024", "/config/values/stepDb", d -> ((ObjectNode) d.get("config").get("values")).put("stepDb", "one"));
        rule("DESC-VAL-025", "/nam", d -> d.put("nam", "typo"));
    }

    private final AdminClient admin;
    private final Map<String, CaseBody> cases = new LinkedHashMap<>();

    /** A suite against the admin API at {@code admin} (null: every case is skipped, saying so). */
    public DescriptorSuite(URI admin) {
        this.admin = admin == null ? null : new AdminClient(admin);
        cases.put("DESC-VALID-001", this::validAccepted);
        for (Rule r : RULES.values()) cases.put(r.id(), ctx -> invalidRefused(ctx, r));
        cases.put("DESC-ORAN-001", this::oranImport);
    }

    @Override
    public String suite() {
        return "descriptor";
    }

    @Override
    public TargetKind target() {
        return TargetKind.RIC;
    }

    @Override
    public Map<String, CaseBody> cases() {
        return Collections.unmodifiableMap(cases);
    }

    private AdminClient admin(CaseContext ctx) {
        if (admin == null) ctx.skip("the RIC's admin API (--admin URL)");
        return admin;
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() & 0xFFFFFFFL, 36);
    }

    /** A valid descriptor using every section, for the probe xApp's provider. */
    static ObjectNode validDescriptor(String name) {
        ObjectNode d = AdminClient.JSON.createObjectNode();
        d.put("schemaVersion", "1").put("name", name).put("version", "1.2.3").put("vendor", "jRIC conformance harness")
                .put("sdkApiVersion", "1").put("description", "conformance: descriptor validation");
        d.putObject("entry").put("provider", ProbeXapp.PROVIDER_ID);
        d.put("priority", 40).put("queueCapacity", 64);
        d.putObject("deployment").put("placement", "cluster-singleton").put("instances", 1).put("maxPerNode", 1);
        // Subscribes on a node id no RIC has, so installing it disturbs nothing.
        d.putArray("subscriptions").addObject().put("serviceModel", "kpm").put("reportPeriodMs", 1000).put("style", "cell")
                .putArray("nodes").add("gnb:00f110:3fffff/22");
        d.putArray("controls").addObject().put("action", "tx_power").put("scope", "cell").put("min", 30).put("max", 46);
        ObjectNode pt = d.putArray("policyTypes").addObject().put("id", "990001").put("name", "conformance bounds");
        ObjectNode schema = pt.putObject("schema").put("type", "object");
        schema.putObject("properties").putObject("maxTxPowerDbm").put("type", "number").put("maximum", 60);
        pt.putObject("defaultInstance").put("maxTxPowerDbm", 43);
        ArrayNode features = d.putArray("models").addObject().put("name", "conformance-model").put("format", "dl4j").putArray("inputFeatures");
        features.add("prbUsedDlPct").add("txPowerDbm");
        ObjectNode cfg = d.putObject("config");
        cfg.putObject("schema").put("type", "object").putObject("properties").putObject("stepDb").put("type", "number");
        cfg.putObject("values").put("stepDb", 1);
        return d;
    }

    private void validAccepted(CaseContext ctx) {
        AdminClient a = admin(ctx);
        String name = uniqueName("conformance-valid");
        AdminClient.Answer r = a.install(ctx, validDescriptor(name), ProbeJar.bytes());
        try {
            ctx.check(r.status() == 201, "POST /ric/v1/xapps with a valid descriptor: " + r.brief() + " (expected: 201 Created)");
            AdminClient.Answer g = a.get(ctx, "/ric/v1/xapps/" + name);
            ctx.check(g.status() == 200 && g.json() != null && "1.2.3".equals(g.json().path("version").asText()),
                    "GET /ric/v1/xapps/" + name + ": " + g.brief() + " (expected: 200 with version 1.2.3)");
        } finally {
            if (r.status() / 100 == 2) {
                AdminClient.Answer d = a.delete(ctx, "/ric/v1/xapps/" + name);
                ctx.check(d.status() == 204, "DELETE /ric/v1/xapps/" + name + ": " + d.brief() + " (expected: 204)");
            }
        }
    }

    private void invalidRefused(CaseContext ctx, Rule rule) {
        AdminClient a = admin(ctx);
        String name = uniqueName("conformance-bad");
        ObjectNode d = validDescriptor(name);
        rule.breakIt().accept(d);
        ctx.note("the valid descriptor broken at " + rule.field());
        AdminClient.Answer r = a.install(ctx, d, ProbeJar.bytes());
        if (r.status() / 100 == 2) {
            a.delete(ctx, "/ric/v1/xapps/" + name);
            ctx.fail("POST /ric/v1/xapps accepted a descriptor broken at " + rule.field() + ": " + r.brief()
                    + " (expected: 400 problem+json naming " + rule.field() + ")");
        }
        ctx.check(r.status() == 400, "POST /ric/v1/xapps: status " + r.status() + " (expected: 400)");
        ctx.check(r.contentType().startsWith("application/problem+json"), "Content-Type '" + r.contentType()
                + "' (expected: application/problem+json)");
        JsonNode problems = r.json() == null ? null : r.json().get("problems");
        ctx.check(problems != null && problems.isArray(), "the 400 body has no problems[] list: " + r.body());
        boolean named = false;
        for (JsonNode p : problems) {
            if (rule.field().equals(p.path("field").asText()) && !p.path("message").asText().isBlank()) named = true;
        }
        ctx.check(named, "problems " + problems + " do not name " + rule.field() + " with a message");
        AdminClient.Answer g = a.get(ctx, "/ric/v1/xapps/" + name);
        ctx.check(g.status() == 404, "after a refused install, GET /ric/v1/xapps/" + name + ": " + g.status() + " (expected: 404, nothing installed)");
    }

    /** The O-RAN SC config-file.json the import case converts. */
    static String oranSample() {
        try (InputStream in = DescriptorSuite.class.getResourceAsStream("oran-sc-config-file.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void oranImport(CaseContext ctx) throws IOException {
        AdminClient a = admin(ctx);
        ImportResult r = OranScImporter.importJson(oranSample());
        XappDescriptor d = r.descriptor();
        ctx.note("imported: " + DescriptorParser.toJson(d));
        ctx.note("mapped: " + r.mapped());
        ctx.note("not mapped: " + r.notMapped());
        ctx.check(d.name().equals("conformance-oran-sc"), "imported name " + d.name() + " (expected: conformance-oran-sc, from xapp_name)");
        ctx.check(d.version().equals("1.0.0"), "imported version " + d.version() + " (expected: 1.0.0, normalized from 1.0)");
        ctx.check(d.subscriptions().size() == 1 && d.subscriptions().get(0).serviceModel().equals("kpm"),
                "imported subscriptions " + d.subscriptions() + " (expected: one kpm subscription, from RIC_INDICATION)");
        ctx.check(d.policyTypes().size() == 1 && d.policyTypes().get(0).id().equals("20008"),
                "imported policy types " + d.policyTypes() + " (expected: 20008, from messaging.ports[].policies)");
        ctx.check(r.notMapped().stream().anyMatch(s -> s.contains("containers")),
                "notMapped " + r.notMapped() + " does not report the containers section");
        ObjectNode body = (ObjectNode) AdminClient.JSON.readTree(DescriptorParser.toJson(d));
        String name = uniqueName("conformance-oran");
        body.put("name", name);
        ((ObjectNode) body.get("entry")).put("provider", ProbeXapp.PROVIDER_ID);
        ctx.note("installing the import as " + name + " with the probe's provider (the import names no code)");
        AdminClient.Answer in = a.install(ctx, body, ProbeJar.bytes());
        try {
            ctx.check(in.status() == 201, "POST /ric/v1/xapps with the imported descriptor: " + in.brief() + " (expected: 201)");
        } finally {
            if (in.status() / 100 == 2) a.delete(ctx, "/ric/v1/xapps/" + name);
        }
    }
}
