package io.jric.conformance;

import static io.jric.conformance.A1Client.A1P;
import static io.jric.conformance.A1Client.OSC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jric.conformance.A1Client.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * A1 cases against a RIC, the harness playing the A1-P consumer (the Non-RT RIC): every A1-P v2
 * path and status code, schema violations, unknown types and instances, status values, status
 * notifications to the harness's own receiver, RFC 7807 problem bodies, and bearer-token
 * authentication. Cases that need no xApp use a policy type whose schema the harness knows:
 * jRIC's built-in {@value #GUARDRAILS} when the RIC lists it, else the probe xApp's type. Cases
 * that need enforcement install the probe xApp ({@link ProbeXapp}, through the admin API) with a
 * policy type of its own; the probe enforces a policy unless it says {@code "refuse": true}.
 * Every case uses fresh policy ids and deletes what it created.
 */
public final class A1Suite implements Suite {
    /** jRIC's built-in policy type. */
    static final String GUARDRAILS = "jric.guardrails.v1";
    /** The probe's policy type schema (draft-07 / 2020-12 agnostic). */
    static final String PROBE_SCHEMA = "{\"type\":\"object\",\"additionalProperties\":false,\"required\":[\"threshold\"],"
            + "\"properties\":{\"threshold\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":100},"
            + "\"refuse\":{\"type\":\"boolean\"},\"note\":{\"type\":\"string\",\"maxLength\":200}}}";
    /** How long a RIC may take to list a newly installed xApp's type, settle a status or notify. */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private final A1Target target;
    private final A1Client a1;
    private final AdminClient admin;
    private final Map<String, CaseBody> cases = new LinkedHashMap<>();
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36), 36);
    private CallbackReceiver receiver;
    private Probe probe;

    /** The probe xApp installed for this suite: its name and its policy type. */
    record Probe(String xapp, String typeId) {}

    /** A way to break a valid policy, and what is wrong with the result. */
    record Violation(String what, BiFunction<TestType, String, ObjectNode> body) {}

    /**
     * A policy type whose schema the harness knows: how to make a valid instance (variant
     * {@code v}) for a policy id, and violations of its schema.
     */
    record TestType(String id, String how, BiFunction<String, Integer, ObjectNode> valid, List<Violation> violations) {}

    public A1Suite(A1Target target) {
        this.target = target;
        this.a1 = target.apiRoot() == null ? null : new A1Client(target.apiRoot(), target.token());
        this.admin = target.admin() == null ? null : new AdminClient(target.admin());
        cases.put("A1-TYPE-001", this::typesListed);
        cases.put("A1-TYPE-002", this::typeComesAndGoesWithXapp);
        cases.put("A1-POL-001", this::lifecycle);
        cases.put("A1-POL-002", this::schemaViolation);
        cases.put("A1-POL-003", this::unknownTypeOrInstance);
        cases.put("A1-POL-004", this::identicalPut);
        cases.put("A1-POL-005", this::malformedBody);
        cases.put("A1-POL-006", this::conflict);
        cases.put("A1-POL-008", this::trailingContent);
        cases.put("A1-POL-007", this::encodedIds);
        cases.put("A1-STAT-001", this::statusValues);
        cases.put("A1-STAT-002", this::statusMatchesSchema);
        cases.put("A1-NOTIF-001", this::notification);
        cases.put("A1-NOTIF-002", this::badDestination);
        cases.put("A1-PROB-001", this::problemBodies);
        cases.put("A1-METH-001", this::methodNotAllowed);
        cases.put("A1-AUTH-001", this::noCredentials);
        cases.put("A1-AUTH-002", this::unknownToken);
        cases.put("A1-AUTH-003", this::schemeCaseInsensitive);
        cases.put("A1-OSC-001", this::oscFlavour);
        if (a1 == null) {
            cases.replaceAll((id, body) -> ctx -> ctx.skip("the RIC's A1 endpoint (--a1 URL, or --admin when A1 is served next to it)"));
        }
    }

    @Override
    public String suite() {
        return "a1";
    }

    @Override
    public TargetKind target() {
        return TargetKind.RIC;
    }

    @Override
    public Map<String, CaseBody> cases() {
        return Collections.unmodifiableMap(cases);
    }

    @Override
    public synchronized void close() {
        if (probe != null && admin != null) {
            try {
                admin.delete(null, "/ric/v1/xapps/" + probe.xapp());
            } catch (RuntimeException e) {
                // best effort: the RIC may be gone already
            }
            probe = null;
        }
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
    }

    // ------------------------------------------------------------------ paths, ids, fixtures

    private String fresh(String what) {
        return "conformance-" + what + "-" + run + "-" + Long.toString(System.nanoTime() & 0xFFFFFFL, 36);
    }

    static String typePath(String typeId) {
        return A1P + "/policytypes/" + A1Client.segment(typeId);
    }

    static String policyPath(String typeId, String policyId) {
        return typePath(typeId) + "/policies/" + A1Client.segment(policyId);
    }

    static String withDestination(String path, URI dest) {
        return path + "?notificationDestination=" + URLEncoder.encode(dest.toString(), StandardCharsets.UTF_8);
    }

    private AdminClient requireAdmin(CaseContext ctx) {
        if (admin == null) {
            ctx.skip("the RIC's admin API (--admin URL), to install the harness's probe xApp: a policy type whose "
                    + "enforcement the harness controls");
        }
        return admin;
    }

    private void requireToken(CaseContext ctx) {
        if (!a1.hasToken()) {
            ctx.skip("a bearer token the RIC accepts (--a1-token); without one the harness assumes A1 authentication is "
                    + "off and does not check it");
        }
    }

    private synchronized CallbackReceiver receiver() {
        if (receiver == null) receiver = CallbackReceiver.start(target.callbackHost());
        return receiver;
    }

    /** The policy type ids the RIC lists (fails the case unless 200 with an array). */
    private List<String> listTypes(CaseContext ctx) {
        Answer l = a1.get(ctx, A1P + "/policytypes");
        expectJson(ctx, l, 200, "GET " + A1P + "/policytypes");
        ctx.check(l.json().isArray(), "GET " + A1P + "/policytypes: body " + l.body() + " (expected: a JSON array of policy type ids)");
        List<String> out = new ArrayList<>();
        for (JsonNode n : l.json()) out.add(n.isTextual() ? n.asText() : n.toString());
        return out;
    }

    private static ObjectNode json(String s) {
        try {
            return (ObjectNode) AdminClient.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode probeDescriptor(String name, String typeId) {
        ObjectNode d = AdminClient.JSON.createObjectNode();
        d.put("schemaVersion", "1").put("name", name).put("version", "1.0.0").put("vendor", "jRIC conformance harness")
                .put("sdkApiVersion", "1").put("description", "conformance: A1 policy probe");
        d.putObject("entry").put("provider", ProbeXapp.PROVIDER_ID);
        ObjectNode pt = d.putArray("policyTypes").addObject();
        pt.put("id", typeId).put("name", "conformance probe threshold")
                .put("description", "enforced by the conformance probe unless the policy says refuse: true");
        pt.set("schema", json(PROBE_SCHEMA));
        return d;
    }

    /** A policy type id no one else uses: an integer (so the O-RAN SC flavour can use it too). */
    private static String freshTypeId() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1_900_000_000L, 2_147_000_000L));
    }

    /** Installs a probe xApp declaring a fresh policy type and waits until A1 lists the type. */
    private Probe installProbe(CaseContext ctx, String name) throws InterruptedException {
        AdminClient ad = requireAdmin(ctx);
        String typeId = freshTypeId();
        ctx.note("installing the probe xApp " + name + " with policy type " + typeId);
        AdminClient.Answer r = ad.install(ctx, probeDescriptor(name, typeId), ProbeJar.bytes());
        if (r.status() != 201) {
            throw new CaseFailure("the admin API did not install the probe xApp: " + r.brief() + " (expected: 201)");
        }
        Optional<Boolean> listed = Waits.until(ctx.within(SETTLE), () -> {
            Answer l = a1.send(null, "GET", A1P + "/policytypes", null, null, A1Client.TARGET_AUTH);
            return l.status() == 200 && l.json() != null && contains(l.json(), typeId) ? Optional.of(true) : Optional.empty();
        });
        if (listed.isEmpty()) {
            ad.delete(ctx, "/ric/v1/xapps/" + name);
            throw new CaseFailure("GET " + A1P + "/policytypes did not list policy type " + typeId + " within " + SETTLE.toMillis()
                    + " ms of installing the xApp " + name + " that declares it (expected: an installed xApp's policy types are offered over A1)");
        }
        ctx.note("policy type " + typeId + " is listed");
        return new Probe(name, typeId);
    }

    /** The suite's shared probe, installed on first use and removed when the suite closes. */
    private synchronized Probe probe(CaseContext ctx) throws InterruptedException {
        requireAdmin(ctx);
        if (probe == null) probe = installProbe(ctx, "conformance-a1-" + run);
        else ctx.note("using the probe xApp " + probe.xapp() + " (policy type " + probe.typeId() + ")");
        return probe;
    }

    private static boolean contains(JsonNode array, String id) {
        for (JsonNode n : array) if (n.asText().equals(id)) return true;
        return false;
    }

    static TestType guardrailsType() {
        BiFunction<String, Integer, ObjectNode> valid = (pid, v) -> {
            ObjectNode n = AdminClient.JSON.createObjectNode();
            // a cell id no RIC has (PLMN fff0ff, never assigned), one per policy id: one guard-rail policy per scope
            n.put("scope", String.format("fff0ff:%09x", pid.hashCode() & 0xfffffffL)).put("txPowerMaxDbm", 20 + v)
                    .put("sleepAllowed", false);
            return n;
        };
        return new TestType(GUARDRAILS, "jRIC's built-in guard-rails type (scope: a cell id no RIC has)", valid, List.of(
                new Violation("txPowerMaxDbm is a string where the schema wants a number",
                        (t, pid) -> valid.apply(pid, 0).put("txPowerMaxDbm", "high")),
                new Violation("the required member scope is missing", (t, pid) -> {
                    ObjectNode n = valid.apply(pid, 0);
                    n.remove("scope");
                    return n;
                }),
                new Violation("a member the schema does not declare (additionalProperties: false)",
                        (t, pid) -> valid.apply(pid, 0).put("colour", "red")),
                new Violation("txPowerMaxDbm 500 is above the schema's maximum 80",
                        (t, pid) -> valid.apply(pid, 0).put("txPowerMaxDbm", 500))));
    }

    static TestType probeType(String typeId) {
        BiFunction<String, Integer, ObjectNode> valid = (pid, v) -> AdminClient.JSON.createObjectNode().put("threshold", v);
        return new TestType(typeId, "the probe xApp's policy type " + typeId, valid, List.of(
                new Violation("threshold is a string where the schema wants an integer",
                        (t, pid) -> valid.apply(pid, 0).put("threshold", "high")),
                new Violation("the required member threshold is missing", (t, pid) -> AdminClient.JSON.createObjectNode().put("note", "x")),
                new Violation("a member the schema does not declare (additionalProperties: false)",
                        (t, pid) -> valid.apply(pid, 0).put("colour", "red")),
                new Violation("threshold 500 is above the schema's maximum 100", (t, pid) -> valid.apply(pid, 500))));
    }

    /** A type to create policies of: the built-in guard rails when listed, else the probe's; or skip. */
    private TestType testType(CaseContext ctx) throws InterruptedException {
        TestType t = optionalTestType(ctx);
        if (t == null) {
            ctx.skip("a policy type whose schema the harness knows: jRIC's built-in " + GUARDRAILS
                    + " (this RIC does not list it) or the harness's probe xApp's type (needs the admin API, --admin)");
        }
        return t;
    }

    private TestType optionalTestType(CaseContext ctx) throws InterruptedException {
        if (listTypes(ctx).contains(GUARDRAILS)) {
            ctx.note("policies of " + GUARDRAILS + " (no xApp needed)");
            return guardrailsType();
        }
        if (admin != null) return probeType(probe(ctx).typeId());
        return null;
    }

    private void cleanup(CaseContext ctx, String path) {
        try {
            a1.delete(ctx, path);
        } catch (RuntimeException e) {
            ctx.note("clean-up failed: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ checks

    private static String expectation(int... codes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < codes.length; i++) b.append(i == 0 ? "" : " or ").append(codes[i]);
        return b.toString();
    }

    private static boolean oneOf(int status, int... codes) {
        for (int c : codes) if (c == status) return true;
        return false;
    }

    /** Status {@code code} with an application/json body that parses. */
    static void expectJson(CaseContext ctx, Answer a, int code, String what) {
        ctx.check(a.status() == code, what + ": got " + a.brief() + " (expected: " + code + " application/json)");
        ctx.check(a.mediaType().equals("application/json"), what + ": Content-Type '" + a.contentType()
                + "' (expected: application/json)");
        ctx.check(a.json() != null, what + ": the body is not JSON: " + a.body());
    }

    /** One of {@code codes}, as an RFC 7807 problem ({@code application/problem+json}). */
    static void expectProblem(CaseContext ctx, Answer a, String what, int... codes) {
        if (!oneOf(a.status(), codes)) {
            ctx.fail(what + ": got " + a.brief() + " (expected: " + expectation(codes) + " application/problem+json"
                    + (a.status() / 100 == 2 ? "; the RIC accepted it" : "") + ")");
        }
        String p = problemDefect(a);
        if (p != null) ctx.fail(what + ": " + a.status() + " is not an RFC 7807 problem: " + p);
    }

    /** What is wrong with an error answer as an RFC 7807 problem, or null. */
    static String problemDefect(Answer a) {
        if (!a.mediaType().equals("application/problem+json")) {
            return "Content-Type '" + a.contentType() + "' (expected: application/problem+json; body " + abbreviate(a.body()) + ")";
        }
        if (a.json() == null || !a.json().isObject()) return "the body is not a JSON object: " + abbreviate(a.body());
        JsonNode st = a.json().get("status");
        if (st != null && (!st.isNumber() || st.asInt() != a.status())) {
            return "member status " + st + " (expected: the number " + a.status() + ", the HTTP status)";
        }
        for (String f : List.of("type", "title", "detail", "instance")) {
            JsonNode v = a.json().get(f);
            if (v != null && !v.isTextual()) return "member " + f + " " + v + " (expected: a string)";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** The status object's problems against a (simple) status schema: type, required, enum, properties. */
    static List<String> schemaProblems(JsonNode schema, JsonNode value, String at) {
        List<String> out = new ArrayList<>();
        if (schema == null || !schema.isObject()) return out;
        String type = schema.path("type").asText("");
        boolean typeOk = switch (type) {
            case "object" -> value.isObject();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            default -> true;
        };
        String where = at.isEmpty() ? "/" : at;
        if (!typeOk) {
            out.add(where + ": " + value + " (expected: " + type + ")");
            return out;
        }
        if (schema.has("enum")) {
            boolean in = false;
            for (JsonNode e : schema.get("enum")) in |= e.equals(value);
            if (!in) out.add(where + ": " + value + " (expected: one of " + schema.get("enum") + ")");
        }
        if (value.isObject()) {
            for (JsonNode r : schema.path("required")) {
                if (!value.has(r.asText())) out.add(at + "/" + r.asText() + ": missing (the statusSchema requires it)");
            }
            JsonNode props = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (props.has(f.getKey())) out.addAll(schemaProblems(props.get(f.getKey()), f.getValue(), at + "/" + f.getKey()));
                else if (schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").asBoolean()) {
                    out.add(at + "/" + f.getKey() + ": present (the statusSchema allows no such member)");
                }
            }
        }
        return out;
    }

    /** Location resolves (against the request URI) to the policy's own URI. */
    private void checkLocation(CaseContext ctx, Answer a, String path) {
        Optional<String> loc = a.header("Location");
        ctx.check(loc.isPresent() && !loc.get().isBlank(), "PUT " + path + " answered 201 without a Location header "
                + "(expected: Location with the URI of the created policy)");
        URI base = URI.create(target.apiRoot().toString().replaceAll("/$", "") + path);
        URI resolved;
        try {
            resolved = base.resolve(loc.get().trim());
        } catch (IllegalArgumentException e) {
            throw new CaseFailure("Location '" + loc.get() + "' is not a URI reference: " + e.getMessage());
        }
        ctx.check(resolved.getPath() != null && resolved.getPath().equals(base.getPath()),
                "Location '" + loc.get() + "' resolves to " + resolved + " (expected: the created policy, " + base + ")");
    }

    /** GET of a policy: 200 and a body JSON-equal to {@code expected}. */
    private void expectPolicy(CaseContext ctx, String path, JsonNode expected, String when) {
        Answer g = a1.get(ctx, path);
        expectJson(ctx, g, 200, "GET " + path + " " + when);
        ctx.check(g.json().equals(expected), "GET " + path + " " + when + ": " + g.body() + " (expected: " + expected + ")");
    }

    private void expectAbsent(CaseContext ctx, String path, String when) {
        Answer g = a1.get(ctx, path);
        if (g.status() == 200) {
            cleanup(ctx, path);
            ctx.fail("GET " + path + " " + when + ": 200 " + g.body() + " (expected: 404, nothing stored)");
        }
        expectProblem(ctx, g, "GET " + path + " " + when, 404);
    }

    /** Polls the status until it satisfies {@code want}; fails saying what the last one was. */
    private JsonNode awaitStatus(CaseContext ctx, String path, Predicate<JsonNode> want, String wanted) throws InterruptedException {
        String sp = path + "/status";
        JsonNode[] last = new JsonNode[1];
        Answer[] lastAnswer = new Answer[1];
        Optional<JsonNode> s = Waits.until(ctx.within(SETTLE), () -> {
            Answer a = a1.send(null, "GET", sp, null, null, A1Client.TARGET_AUTH);
            lastAnswer[0] = a;
            if (a.status() != 200 || a.json() == null) return Optional.empty();
            last[0] = a.json();
            return want.test(a.json()) ? Optional.of(a.json()) : Optional.empty();
        });
        if (lastAnswer[0] != null) ctx.received("A1: GET " + sp + " (polled): " + lastAnswer[0].brief());
        if (s.isPresent()) {
            expectJson(ctx, lastAnswer[0], 200, "GET " + sp);
            return s.get();
        }
        throw new CaseFailure("GET " + sp + ": expected " + wanted + " within " + SETTLE.toMillis() + " ms; the last answer was "
                + (lastAnswer[0] == null ? "none" : lastAnswer[0].brief()));
    }

    // ------------------------------------------------------------------ cases: types

    private void typesListed(CaseContext ctx) {
        List<String> ids = listTypes(ctx);
        Set<String> seen = new HashSet<>();
        for (String id : ids) ctx.check(seen.add(id), "GET " + A1P + "/policytypes lists " + id + " twice");
        Answer raw = a1.send(null, "GET", A1P + "/policytypes", null, null, A1Client.TARGET_AUTH);
        for (JsonNode n : raw.json()) {
            ctx.check(n.isTextual(), "GET " + A1P + "/policytypes: element " + n + " (expected: a string, a PolicyTypeId)");
        }
        if (ids.isEmpty()) ctx.note("the RIC lists no policy type: only the (empty) list was checked");
        int n = 0;
        for (String id : ids) {
            if (n++ == 25) {
                ctx.note("checked the first 25 types of " + ids.size());
                break;
            }
            Answer t = a1.get(ctx, typePath(id));
            expectJson(ctx, t, 200, "GET " + typePath(id));
            ctx.check(t.json().isObject(), "GET " + typePath(id) + ": " + t.body() + " (expected: a PolicyTypeObject)");
            ctx.check(t.json().path("policySchema").isObject(), "GET " + typePath(id) + ": policySchema "
                    + t.json().get("policySchema") + " (expected: a JSON schema object; policySchema is required)");
            JsonNode ss = t.json().get("statusSchema");
            ctx.check(ss == null || ss.isObject(), "GET " + typePath(id) + ": statusSchema " + ss + " (expected: absent or a JSON schema object)");
        }
    }

    private void typeComesAndGoesWithXapp(CaseContext ctx) throws Exception {
        AdminClient ad = requireAdmin(ctx);
        Probe p = installProbe(ctx, fresh("a1-type"));
        boolean removed = false;
        try {
            Answer t = a1.get(ctx, typePath(p.typeId()));
            expectJson(ctx, t, 200, "GET " + typePath(p.typeId()));
            ObjectNode served = t.json().path("policySchema").isObject() ? ((ObjectNode) t.json().get("policySchema")).deepCopy() : null;
            ctx.check(served != null, "GET " + typePath(p.typeId()) + ": no policySchema object: " + t.body());
            served.remove("$schema");
            ctx.check(served.equals(json(PROBE_SCHEMA)), "the policySchema served for " + p.typeId() + " is " + served
                    + " (expected: the schema the xApp declares, " + PROBE_SCHEMA + ", give or take $schema)");
            AdminClient.Answer d = ad.delete(ctx, "/ric/v1/xapps/" + p.xapp());
            ctx.check(d.status() == 204, "removing the xApp: " + d.brief() + " (expected: 204)");
            removed = true;
            Optional<Answer> gone = Waits.until(ctx.within(SETTLE), () -> {
                Answer g = a1.send(null, "GET", typePath(p.typeId()), null, null, A1Client.TARGET_AUTH);
                return g.status() == 404 ? Optional.of(g) : Optional.empty();
            });
            ctx.check(gone.isPresent(), "GET " + typePath(p.typeId()) + " still answers after its only xApp was removed (expected: 404 within "
                    + SETTLE.toMillis() + " ms)");
            expectProblem(ctx, a1.get(ctx, typePath(p.typeId())), "GET " + typePath(p.typeId()) + " after the xApp was removed", 404);
            ctx.check(!listTypes(ctx).contains(p.typeId()), "GET " + A1P + "/policytypes still lists " + p.typeId()
                    + " after the xApp that declared it was removed");
        } finally {
            if (!removed) ad.delete(ctx, "/ric/v1/xapps/" + p.xapp());
        }
    }

    // ------------------------------------------------------------------ cases: policies

    private void lifecycle(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        String pid = fresh("pol");
        String path = policyPath(t.id(), pid);
        boolean deleted = false;
        try {
            ObjectNode v1 = t.valid().apply(pid, 1);
            Answer c = a1.put(ctx, path, v1.toString());
            expectJson(ctx, c, 201, "PUT " + path + " (create)");
            checkLocation(ctx, c, path);
            ctx.check(c.json().equals(v1), "PUT " + path + " (create): body " + c.body() + " (expected: the PolicyObject, " + v1 + ")");
            Answer l = a1.get(ctx, typePath(t.id()) + "/policies");
            expectJson(ctx, l, 200, "GET " + typePath(t.id()) + "/policies");
            ctx.check(l.json().isArray() && contains(l.json(), pid), "GET " + typePath(t.id()) + "/policies: " + l.body()
                    + " (expected: an array with " + pid + ")");
            expectPolicy(ctx, path, v1, "after the create");
            ObjectNode v2 = t.valid().apply(pid, 2);
            Answer u = a1.send(ctx, "PUT", path, v2.toString(), "application/json; charset=utf-8", A1Client.TARGET_AUTH);
            expectJson(ctx, u, 200, "PUT " + path + " (update of an existing policy, Content-Type application/json; charset=utf-8)");
            ctx.check(u.json().equals(v2), "PUT " + path + " (update): body " + u.body() + " (expected: the PolicyObject, " + v2 + ")");
            expectPolicy(ctx, path, v2, "after the update");
            Answer d = a1.delete(ctx, path);
            ctx.check(d.status() == 204, "DELETE " + path + ": got " + d.brief() + " (expected: 204 No Content)");
            ctx.check(d.body().isEmpty(), "DELETE " + path + ": 204 with a body: " + d.body());
            deleted = true;
            expectAbsent(ctx, path, "after the delete");
            Answer l2 = a1.get(ctx, typePath(t.id()) + "/policies");
            expectJson(ctx, l2, 200, "GET " + typePath(t.id()) + "/policies after the delete");
            ctx.check(!contains(l2.json(), pid), "GET " + typePath(t.id()) + "/policies still lists " + pid + " after the delete");
        } finally {
            if (!deleted) cleanup(ctx, path);
        }
    }

    private void schemaViolation(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        ctx.note("type: " + t.how());
        for (Violation v : t.violations()) {
            String pid = fresh("bad");
            String path = policyPath(t.id(), pid);
            ObjectNode body = v.body().apply(t, pid);
            ctx.note("a body where " + v.what());
            Answer a = a1.put(ctx, path, body.toString());
            if (a.status() / 100 == 2) {
                cleanup(ctx, path);
                ctx.fail("PUT " + path + " accepted a body violating the schema of " + t.id() + " (" + v.what() + "): " + a.brief()
                        + " (expected: 400 application/problem+json)");
            }
            expectProblem(ctx, a, "PUT " + path + " with a body where " + v.what(), 400);
            expectAbsent(ctx, path, "after the refused create");
        }
        String pid = fresh("kept");
        String path = policyPath(t.id(), pid);
        try {
            ObjectNode good = t.valid().apply(pid, 3);
            expectJson(ctx, a1.put(ctx, path, good.toString()), 201, "PUT " + path + " (create)");
            Violation v = t.violations().get(0);
            ctx.note("updating it with a body where " + v.what());
            expectProblem(ctx, a1.put(ctx, path, v.body().apply(t, pid).toString()), "PUT " + path + " (update) where " + v.what(), 400);
            expectPolicy(ctx, path, good, "after the refused update (expected unchanged)");
        } finally {
            cleanup(ctx, path);
        }
    }

    private void unknownTypeOrInstance(CaseContext ctx) {
        String ut = fresh("no-such-type");
        expectProblem(ctx, a1.get(ctx, typePath(ut)), "GET " + typePath(ut) + " (unknown type)", 404);
        expectProblem(ctx, a1.get(ctx, typePath(ut) + "/policies"), "GET " + typePath(ut) + "/policies (unknown type)", 404);
        String up = policyPath(ut, "p1");
        Answer put = a1.put(ctx, up, "{}");
        if (put.status() / 100 == 2) cleanup(ctx, up);
        expectProblem(ctx, put, "PUT " + up + " (unknown type)", 404, 400);
        expectProblem(ctx, a1.get(ctx, up), "GET " + up + " (unknown type)", 404);
        expectProblem(ctx, a1.delete(ctx, up), "DELETE " + up + " (unknown type)", 404);
        expectProblem(ctx, a1.get(ctx, up + "/status"), "GET " + up + "/status (unknown type)", 404);
        List<String> types = listTypes(ctx);
        if (types.isEmpty()) {
            ctx.note("the RIC lists no policy type: unknown instances of a known type were not checked");
            return;
        }
        String known = types.contains(GUARDRAILS) ? GUARDRAILS : types.get(0);
        String ip = policyPath(known, fresh("no-such-policy"));
        expectProblem(ctx, a1.get(ctx, ip), "GET " + ip + " (unknown policy of a known type)", 404);
        expectProblem(ctx, a1.delete(ctx, ip), "DELETE " + ip + " (unknown policy)", 404);
        expectProblem(ctx, a1.get(ctx, ip + "/status"), "GET " + ip + "/status (unknown policy)", 404);
    }

    private void identicalPut(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        String pid = fresh("again");
        String path = policyPath(t.id(), pid);
        try {
            ObjectNode v = t.valid().apply(pid, 4);
            expectJson(ctx, a1.put(ctx, path, v.toString()), 201, "PUT " + path + " (create)");
            Answer again = a1.put(ctx, path, v.toString());
            expectJson(ctx, again, 200, "PUT " + path + " again with the same body (an update, not a second create)");
            ctx.check(again.json().equals(v), "PUT " + path + " again: body " + again.body() + " (expected: " + v + ")");
            expectPolicy(ctx, path, v, "after the repeated PUT");
            Answer l = a1.get(ctx, typePath(t.id()) + "/policies");
            expectJson(ctx, l, 200, "GET " + typePath(t.id()) + "/policies");
            int n = 0;
            for (JsonNode x : l.json()) if (x.asText().equals(pid)) n++;
            ctx.check(n == 1, "GET " + typePath(t.id()) + "/policies lists " + pid + " " + n + " times (expected: once)");
        } finally {
            cleanup(ctx, path);
        }
    }

    private void malformedBody(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        String valid = t.valid().apply("x", 5).toString();
        record Bad(String what, String body, String contentType, int[] codes) {}
        List<Bad> bads = List.of(
                new Bad("a body that is not JSON", valid.substring(0, valid.length() / 2), A1Client.JSON_TYPE, new int[] {400}),
                new Bad("a JSON array, not an object (PolicyObject is an object)", "[" + valid + "]", A1Client.JSON_TYPE, new int[] {400}),
                new Bad("a JSON string, not an object", "\"policy\"", A1Client.JSON_TYPE, new int[] {400}),
                new Bad("the JSON literal null, not an object", "null", A1Client.JSON_TYPE, new int[] {400}),
                new Bad("an empty body (the request body is required)", "", A1Client.JSON_TYPE, new int[] {400}),
                new Bad("a valid policy sent as text/plain (the API consumes application/json)", valid, "text/plain", new int[] {400, 415}));
        for (Bad b : bads) {
            String pid = fresh("malformed");
            String path = policyPath(t.id(), pid);
            ctx.note(b.what());
            Answer a = a1.send(ctx, "PUT", path, b.body(), b.contentType(), A1Client.TARGET_AUTH);
            if (a.status() / 100 == 2) cleanup(ctx, path);
            expectProblem(ctx, a, "PUT " + path + " with " + b.what(), b.codes());
            expectAbsent(ctx, path, "after the refused PUT");
        }
    }

    private void trailingContent(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        String pid = fresh("trailing");
        String path = policyPath(t.id(), pid);
        String body = t.valid().apply("x", 5).toString() + " trailing";
        ctx.note("a valid policy followed by trailing text: not a JSON text (RFC 8259 section 2)");
        Answer a = a1.send(ctx, "PUT", path, body, A1Client.JSON_TYPE, A1Client.TARGET_AUTH);
        if (a.status() / 100 == 2) cleanup(ctx, path);
        expectProblem(ctx, a, "PUT " + path + " with trailing content", new int[] {400});
        expectAbsent(ctx, path, "after the refused PUT");
    }

    private void conflict(CaseContext ctx) {
        if (!listTypes(ctx).contains(GUARDRAILS)) {
            ctx.skip("jRIC's built-in policy type " + GUARDRAILS + ", whose one-policy-per-scope rule is the state a PUT can conflict with");
        }
        TestType t = guardrailsType();
        String p1 = fresh("first");
        String p2 = fresh("second");
        String path1 = policyPath(GUARDRAILS, p1);
        String path2 = policyPath(GUARDRAILS, p2);
        try {
            ObjectNode body = t.valid().apply(p1, 6);
            expectJson(ctx, a1.put(ctx, path1, body.toString()), 201, "PUT " + path1 + " (create)");
            ctx.note("a second policy for the same scope " + body.get("scope"));
            Answer c = a1.put(ctx, path2, body.toString());
            if (c.status() / 100 == 2) cleanup(ctx, path2);
            expectProblem(ctx, c, "PUT " + path2 + " for a scope already governed by " + p1, 409);
            expectAbsent(ctx, path2, "after the conflicting PUT");
            expectPolicy(ctx, path1, body, "after the conflicting PUT (expected unchanged)");
        } finally {
            cleanup(ctx, path1);
        }
    }

    private void encodedIds(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        String pid = "conformance ü " + run + " a+b=c;d@e,f";
        String path = policyPath(t.id(), pid);
        ctx.note("policy id \"" + pid + "\" (percent-encoded in the path: " + A1Client.segment(pid) + ")");
        boolean deleted = false;
        try {
            ObjectNode v = t.valid().apply(run + "-enc", 7);
            Answer c = a1.put(ctx, path, v.toString());
            expectJson(ctx, c, 201, "PUT " + path + " (create)");
            checkLocation(ctx, c, path);
            Answer l = a1.get(ctx, typePath(t.id()) + "/policies");
            expectJson(ctx, l, 200, "GET " + typePath(t.id()) + "/policies");
            ctx.check(contains(l.json(), pid), "GET " + typePath(t.id()) + "/policies: " + l.body() + " (expected: the id \"" + pid
                    + "\" exactly, decoded)");
            expectPolicy(ctx, path, v, "");
            Answer s = a1.get(ctx, path + "/status");
            expectJson(ctx, s, 200, "GET " + path + "/status");
            Answer d = a1.delete(ctx, path);
            ctx.check(d.status() == 204, "DELETE " + path + ": got " + d.brief() + " (expected: 204)");
            deleted = true;
            expectAbsent(ctx, path, "after the delete");
        } finally {
            if (!deleted) cleanup(ctx, path);
        }
    }

    // ------------------------------------------------------------------ cases: status and notifications

    private JsonNode statusSchema(CaseContext ctx, String typeId) {
        Answer t = a1.get(ctx, typePath(typeId));
        expectJson(ctx, t, 200, "GET " + typePath(typeId));
        return t.json().get("statusSchema");
    }

    private void checkStatusObject(CaseContext ctx, JsonNode schema, JsonNode status, String what) {
        ctx.check(status.isObject(), what + ": " + status + " (expected: a PolicyStatusObject, a JSON object)");
        List<String> p = schemaProblems(schema, status, "");
        ctx.check(p.isEmpty(), what + ": " + status + " does not satisfy the type's statusSchema: " + String.join("; ", p));
        JsonNode es = status.get("enforceStatus");
        if (es != null) {
            ctx.check(es.isTextual() && (es.asText().equals("ENFORCED") || es.asText().equals("NOT_ENFORCED")),
                    what + ": enforceStatus " + es + " (expected: ENFORCED or NOT_ENFORCED)");
        }
    }

    private void statusValues(CaseContext ctx) throws Exception {
        Probe p = probe(ctx);
        JsonNode schema = statusSchema(ctx, p.typeId());
        String pid = fresh("status");
        String path = policyPath(p.typeId(), pid);
        try {
            expectJson(ctx, a1.put(ctx, path, "{\"threshold\":10}"), 201, "PUT " + path + " (create; the probe enforces it)");
            JsonNode s1 = awaitStatus(ctx, path, s -> "ENFORCED".equals(s.path("enforceStatus").asText()), "enforceStatus ENFORCED");
            checkStatusObject(ctx, schema, s1, "GET " + path + "/status");
            expectJson(ctx, a1.put(ctx, path, "{\"threshold\":10,\"refuse\":true}"), 200, "PUT " + path + " (update; the probe refuses it)");
            JsonNode s2 = awaitStatus(ctx, path, s -> "NOT_ENFORCED".equals(s.path("enforceStatus").asText()), "enforceStatus NOT_ENFORCED");
            checkStatusObject(ctx, schema, s2, "GET " + path + "/status");
            JsonNode reason = s2.get("enforceReason");
            ctx.check(reason != null && !reason.asText().isBlank(), "GET " + path + "/status: " + s2
                    + " (expected: an enforceReason saying why it is not enforced)");
            expectJson(ctx, a1.put(ctx, path, "{\"threshold\":11}"), 200, "PUT " + path + " (update; the probe enforces it again)");
            awaitStatus(ctx, path, s -> "ENFORCED".equals(s.path("enforceStatus").asText()), "enforceStatus ENFORCED again");
        } finally {
            cleanup(ctx, path);
        }
    }

    private void statusMatchesSchema(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        JsonNode schema = statusSchema(ctx, t.id());
        if (schema == null) ctx.note("the type has no statusSchema: the status is only checked to be a JSON object");
        String pid = fresh("st");
        String path = policyPath(t.id(), pid);
        try {
            expectJson(ctx, a1.put(ctx, path, t.valid().apply(pid, 8).toString()), 201, "PUT " + path + " (create)");
            Answer s = a1.get(ctx, path + "/status");
            expectJson(ctx, s, 200, "GET " + path + "/status");
            checkStatusObject(ctx, schema, s.json(), "GET " + path + "/status");
        } finally {
            cleanup(ctx, path);
        }
    }

    /** The next notification on {@code cb} with the wanted enforceStatus, skipping (and noting) others. */
    private void awaitNotification(CaseContext ctx, CallbackReceiver r, String cb, JsonNode schema, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + ctx.within(SETTLE).toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            CallbackReceiver.Callback c = r.next(cb, left);
            if (c == null) {
                throw new CaseFailure("no status notification with enforceStatus " + wanted + " reached " + r.uri(cb) + " within "
                        + SETTLE.toMillis() + " ms (expected: a POST of the PolicyStatusObject when the status changes)");
            }
            ctx.received("notification: " + c);
            ctx.check(c.method().equals("POST"), "notification with method " + c.method() + " (expected: POST)");
            String mt = c.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
            ctx.check(mt.equals("application/json"), "notification Content-Type '" + c.contentType() + "' (expected: application/json)");
            JsonNode body;
            try {
                body = AdminClient.JSON.readTree(c.body());
            } catch (java.io.IOException e) {
                throw new CaseFailure("notification body is not JSON: " + c.body());
            }
            checkStatusObject(ctx, schema, body, "the notification");
            if (wanted.equals(body.path("enforceStatus").asText())) return;
            ctx.note("(a notification of " + body.path("enforceStatus").asText() + ": waiting for " + wanted + ")");
        }
    }

    private void notification(CaseContext ctx) throws Exception {
        Probe p = probe(ctx);
        JsonNode schema = statusSchema(ctx, p.typeId());
        CallbackReceiver r = receiver();
        String pid = fresh("notif");
        String cb = "/a1-notifications/" + pid;
        URI dest = r.uri(cb);
        String path = policyPath(p.typeId(), pid);
        ctx.note("notificationDestination " + dest);
        try {
            expectJson(ctx, a1.put(ctx, withDestination(path, dest), "{\"threshold\":20}"), 201, "PUT " + path + " (create, enforced)");
            awaitStatus(ctx, path, s -> "ENFORCED".equals(s.path("enforceStatus").asText()), "enforceStatus ENFORCED");
            expectJson(ctx, a1.put(ctx, withDestination(path, dest), "{\"threshold\":20,\"refuse\":true}"), 200,
                    "PUT " + path + " (update; the probe refuses it)");
            awaitNotification(ctx, r, cb, schema, "NOT_ENFORCED");
            expectJson(ctx, a1.put(ctx, withDestination(path, dest), "{\"threshold\":21}"), 200, "PUT " + path + " (update; enforced again)");
            awaitNotification(ctx, r, cb, schema, "ENFORCED");
        } finally {
            cleanup(ctx, path);
        }
    }

    private void badDestination(CaseContext ctx) throws Exception {
        TestType t = testType(ctx);
        for (String dest : List.of("not a uri", "relative/callback", "ftp://127.0.0.1/callback")) {
            String pid = fresh("dest");
            String path = policyPath(t.id(), pid);
            String full = path + "?notificationDestination=" + URLEncoder.encode(dest, StandardCharsets.UTF_8);
            Answer a = a1.put(ctx, full, t.valid().apply(pid, 9).toString());
            if (a.status() / 100 == 2) cleanup(ctx, path);
            expectProblem(ctx, a, "PUT " + path + " with notificationDestination \"" + dest + "\" (not a complete http(s) callback URI)", 400);
            expectAbsent(ctx, path, "after the refused PUT");
        }
    }

    // ------------------------------------------------------------------ cases: problems, methods

    private void problemBodies(CaseContext ctx) throws Exception {
        List<String> defects = new ArrayList<>();
        int checked = 0;
        List<Answer> errors = new ArrayList<>();
        String ut = fresh("no-such-type");
        errors.add(a1.get(ctx, typePath(ut)));
        errors.add(a1.get(ctx, policyPath(ut, "p") + "/status"));
        errors.add(a1.send(ctx, "POST", A1P + "/policytypes", "{}", A1Client.JSON_TYPE, A1Client.TARGET_AUTH));
        TestType t = optionalTestType(ctx);
        if (t != null) {
            String pid = fresh("prob");
            String path = policyPath(t.id(), pid);
            errors.add(a1.get(ctx, path));
            Answer bad = a1.put(ctx, path, t.violations().get(0).body().apply(t, pid).toString());
            if (bad.status() / 100 == 2) cleanup(ctx, path);
            errors.add(bad);
            errors.add(a1.send(ctx, "PUT", path, "{", A1Client.JSON_TYPE, A1Client.TARGET_AUTH));
        } else {
            ctx.note("no policy type whose schema the harness knows: the 400 answers were not provoked");
        }
        for (Answer a : errors) {
            if (a.status() < 400) {
                defects.add(a.request() + ": " + a.status() + " (expected an error; the other cases say which)");
                continue;
            }
            checked++;
            String d = problemDefect(a);
            if (d != null) defects.add(a.request() + " -> " + a.status() + ": " + d);
        }
        ctx.check(defects.isEmpty(), defects.size() + " error answer(s) are not RFC 7807 problems: " + String.join(" | ", defects));
        ctx.note(checked + " error answers checked");
    }

    private void methodNotAllowed(CaseContext ctx) {
        List<String> types = listTypes(ctx);
        String known = types.isEmpty() ? fresh("type") : types.contains(GUARDRAILS) ? GUARDRAILS : types.get(0);
        String pol = policyPath(known, fresh("meth"));
        record Call(String method, String path) {}
        List<Call> calls = List.of(new Call("POST", A1P + "/policytypes"), new Call("DELETE", A1P + "/policytypes"),
                new Call("PUT", typePath(known)), new Call("POST", pol), new Call("PATCH", pol), new Call("PUT", pol + "/status"));
        for (Call c : calls) {
            Answer a = a1.send(ctx, c.method(), c.path(), c.method().equals("DELETE") ? null : "{}",
                    c.method().equals("DELETE") ? null : A1Client.JSON_TYPE, A1Client.TARGET_AUTH);
            if (a.status() / 100 == 2 && c.path().equals(pol)) cleanup(ctx, pol);
            expectProblem(ctx, a, c.method() + " " + c.path() + " (a method the path does not offer)", 405);
            ctx.check(a.header("Allow").isPresent(), c.method() + " " + c.path() + ": 405 without an Allow header (RFC 9110 15.5.6: "
                    + "the origin server MUST generate an Allow header field in a 405 response)");
        }
    }

    // ------------------------------------------------------------------ cases: authentication

    private void expectRefused(CaseContext ctx, Answer a, String what, boolean missing) {
        if (a.status() / 100 == 2) {
            ctx.fail(what + ": got " + a.brief() + " (expected: " + (missing ? "401" : "401 or 403")
                    + " application/problem+json; the RIC served A1 " + (missing ? "without credentials" : "to an unknown token")
                    + " - is A1 authentication off?)");
        }
        if (missing) expectProblem(ctx, a, what, 401);
        else expectProblem(ctx, a, what, 401, 403);
        if (a.status() == 401) {
            String h = a.header("WWW-Authenticate").orElse("");
            ctx.check(h.toLowerCase(Locale.ROOT).startsWith("bearer"), what + ": 401 with WWW-Authenticate '" + h
                    + "' (expected: a Bearer challenge, RFC 6750 3 / RFC 9110 11.6.1)");
        }
    }

    private void noCredentials(CaseContext ctx) throws Exception {
        requireToken(ctx);
        TestType t = optionalTestType(ctx);
        List<String> types = listTypes(ctx);
        String typeId = t != null ? t.id() : types.isEmpty() ? fresh("type") : types.get(0);
        String pid = fresh("noauth");
        String path = policyPath(typeId, pid);
        String body = t != null ? t.valid().apply(pid, 10).toString() : "{}";
        record Call(String method, String path, String body, String auth) {}
        List<Call> calls = List.of(new Call("GET", A1P + "/policytypes", null, A1Client.NO_AUTH),
                new Call("GET", typePath(typeId), null, A1Client.NO_AUTH),
                new Call("GET", typePath(typeId) + "/policies", null, A1Client.NO_AUTH),
                new Call("PUT", path, body, A1Client.NO_AUTH),
                new Call("GET", path, null, A1Client.NO_AUTH),
                new Call("GET", path + "/status", null, A1Client.NO_AUTH),
                new Call("DELETE", path, null, A1Client.NO_AUTH),
                new Call("GET", A1P + "/policytypes", null, "Basic Y29uZm9ybWFuY2U6Y29uZm9ybWFuY2U="),
                new Call("PUT", path, body, "Basic Y29uZm9ybWFuY2U6Y29uZm9ybWFuY2U="));
        try {
            for (Call c : calls) {
                Answer a = a1.send(ctx, c.method(), c.path(), c.body(), c.body() == null ? null : A1Client.JSON_TYPE, c.auth());
                expectRefused(ctx, a, c.method() + " " + c.path() + (c.auth().equals(A1Client.NO_AUTH) ? " without Authorization"
                        : " with Authorization: Basic"), true);
            }
            if (t != null) expectAbsent(ctx, path, "(with the token) after the unauthenticated PUTs");
        } finally {
            if (t != null && a1.get(null, path).status() == 200) cleanup(ctx, path);
        }
    }

    private void unknownToken(CaseContext ctx) throws Exception {
        requireToken(ctx);
        TestType t = testType(ctx);
        String bad = "Bearer conformance-unknown-" + run;
        String pid = fresh("badtoken");
        String path = policyPath(t.id(), pid);
        ObjectNode v = t.valid().apply(pid, 11);
        try {
            expectRefused(ctx, a1.send(ctx, "GET", A1P + "/policytypes", null, null, bad), "GET " + A1P + "/policytypes with an unknown token", false);
            expectRefused(ctx, a1.send(ctx, "PUT", path, v.toString(), A1Client.JSON_TYPE, bad), "PUT " + path + " with an unknown token", false);
            expectAbsent(ctx, path, "(with the token) after the PUT with an unknown token");
            expectJson(ctx, a1.put(ctx, path, v.toString()), 201, "PUT " + path + " (create, with the token)");
            expectRefused(ctx, a1.send(ctx, "DELETE", path, null, null, bad), "DELETE " + path + " with an unknown token", false);
            expectPolicy(ctx, path, v, "(with the token) after the DELETE with an unknown token (expected: still there)");
        } finally {
            cleanup(ctx, path);
        }
    }

    private void schemeCaseInsensitive(CaseContext ctx) {
        requireToken(ctx);
        for (String scheme : List.of("Bearer", "bearer", "BEARER")) {
            Answer a = a1.send(ctx, "GET", A1P + "/policytypes", null, null, scheme + " " + target.token());
            ctx.check(a.status() == 200, "GET " + A1P + "/policytypes with \"Authorization: " + scheme + " <the token>\": got "
                    + a.brief() + " (expected: 200; the token is valid and the auth-scheme is case-insensitive, RFC 9110 11.1)");
        }
    }

    // ------------------------------------------------------------------ case: O-RAN SC flavour

    private void oscFlavour(CaseContext ctx) throws Exception {
        Answer h = a1.send(ctx, "GET", OSC + "/healthcheck", null, null, A1Client.NO_AUTH);
        if (h.status() == 404) ctx.skip("the O-RAN SC A1 mediator flavour (" + OSC + "/healthcheck answered 404)");
        ctx.check(h.status() == 200, "GET " + OSC + "/healthcheck: got " + h.brief() + " (expected: 200, open without credentials)");
        Probe p = probe(ctx);
        String typePath = OSC + "/policytypes/" + p.typeId();
        Answer l = a1.get(ctx, OSC + "/policytypes");
        expectJson(ctx, l, 200, "GET " + OSC + "/policytypes");
        boolean listed = false;
        for (JsonNode n : l.json()) listed |= n.isIntegralNumber() && n.asText().equals(p.typeId());
        ctx.check(listed, "GET " + OSC + "/policytypes: " + l.body() + " (expected: the integer " + p.typeId() + ", the probe's type)");
        String pid = fresh("osc");
        String path = typePath + "/policies/" + A1Client.segment(pid);
        boolean deleted = false;
        try {
            Answer c = a1.put(ctx, path, "{\"threshold\":30}");
            ctx.check(c.status() == 202, "PUT " + path + ": got " + c.brief() + " (expected: 202 Accepted)");
            Optional<Answer> got = Waits.until(ctx.within(SETTLE), () -> {
                Answer g = a1.send(null, "GET", path, null, null, A1Client.TARGET_AUTH);
                return g.status() == 200 ? Optional.of(g) : Optional.empty();
            });
            ctx.check(got.isPresent(), "GET " + path + " did not answer 200 within " + SETTLE.toMillis() + " ms of the 202");
            expectPolicy(ctx, path, json("{\"threshold\":30}"), "");
            Answer ids = a1.get(ctx, typePath + "/policies");
            expectJson(ctx, ids, 200, "GET " + typePath + "/policies");
            ctx.check(contains(ids.json(), pid), "GET " + typePath + "/policies: " + ids.body() + " (expected: " + pid + ")");
            Answer s = a1.get(ctx, path + "/status");
            expectJson(ctx, s, 200, "GET " + path + "/status");
            String es = s.json().path("enforceStatus").asText();
            ctx.check(es.equals("ENFORCED") || es.equals("NOT_ENFORCED"), "GET " + path + "/status: " + s.body()
                    + " (expected: enforceStatus ENFORCED or NOT_ENFORCED)");
            Answer d = a1.delete(ctx, path);
            ctx.check(d.status() == 202, "DELETE " + path + ": got " + d.brief() + " (expected: 202 Accepted)");
            deleted = true;
            Optional<Answer> gone = Waits.until(ctx.within(SETTLE), () -> {
                Answer g = a1.send(null, "GET", path, null, null, A1Client.TARGET_AUTH);
                return g.status() == 404 ? Optional.of(g) : Optional.empty();
            });
            ctx.check(gone.isPresent(), "GET " + path + " still answers " + SETTLE.toMillis() + " ms after the DELETE's 202 (expected: 404)");
        } finally {
            if (!deleted) cleanup(ctx, path);
        }
    }
}
