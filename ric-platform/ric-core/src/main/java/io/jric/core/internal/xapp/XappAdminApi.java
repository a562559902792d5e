package io.jric.core.internal.xapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.api.e2.E2Caches;
import io.jric.api.xapp.descriptor.DescriptorException;
import io.jric.api.xapp.descriptor.DescriptorProblem;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.GuardRail;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpRequest;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The xApp admin REST API under {@code /ric/v1}. Install and upgrade bodies are JSON: either a
 * descriptor, or {@code {"descriptor": {...}, "jar": "<base64 of the jar>"}}.
 *
 * <pre>
 * GET    /ric/v1/xapps                list
 * POST   /ric/v1/xapps                install (201, Location)
 * GET    /ric/v1/xapps/{name}         descriptor, version and the status of every instance
 * PUT    /ric/v1/xapps/{name}         upgrade
 * DELETE /ric/v1/xapps/{name}         remove (204)
 * GET    /ric/v1/subscriptions        E2 subscriptions held for xApps, with their channels
 * GET    /ric/v1/controls?limit=N     the latest control-log entries
 * GET    /ric/v1/guardrails           guard rails by scope
 * PUT    /ric/v1/guardrails/{scope}   set a guard rail ({@code *} or a cell id)
 * DELETE /ric/v1/guardrails/{scope}   clear it
 * GET    /ric/v1/experience/{xapp}    the xApp's experience rows (?from, to, limit), oldest first
 * POST   /ric/v1/experience/{xapp}/labels   an operator's label on one row ({nodeId, id, label: confirmed|rejected})
 * </pre>
 */
public final class XappAdminApi {
    /** Largest accepted install body (a base64 jar inside JSON). */
    public static final int MAX_INSTALL_BYTES = 64 << 20;

    private final XappManager manager;
    private final XappHost host;
    private final IgniteCache<String, GuardRail> guardRails;
    private final IgniteCache<Long, ControlLogEntry> controlLog;

    public XappAdminApi(RicGrid grid, XappManager manager, XappHost host) {
        this.manager = manager;
        this.host = host;
        this.guardRails = grid.cache(PlatformCaches.GUARD_RAILS);
        this.controlLog = grid.cache(E2Caches.CONTROL_LOG);
    }

    /** Adds the routes to a router. */
    public Router register(Router r) {
        return r.get("/ric/v1/xapps", req -> HttpResponse.ok(listView()))
                .post("/ric/v1/xapps", MAX_INSTALL_BYTES, this::install)
                .get("/ric/v1/xapps/{name}", req -> HttpResponse.ok(detail(req.pathParam("name"))))
                .put("/ric/v1/xapps/{name}", MAX_INSTALL_BYTES, this::upgrade)
                .delete("/ric/v1/xapps/{name}", req -> {
                    manager.remove(req.pathParam("name"));
                    return HttpResponse.noContent();
                })
                .get("/ric/v1/subscriptions", req -> HttpResponse.ok(host.subscriptions().view()))
                .get("/ric/v1/controls", this::controls)
                .get("/ric/v1/controls/holds", req -> HttpResponse.ok(host.router().held()))
                .get("/ric/v1/published/{cache}", this::published)
                .get("/ric/v1/experience/{xapp}", this::experience)
                .post("/ric/v1/experience/{xapp}/labels", MAX_LABEL_BYTES, this::label)
                .get("/ric/v1/guardrails", req -> HttpResponse.ok(guardRailsView()))
                .put("/ric/v1/guardrails/{scope}", this::setGuardRail)
                .delete("/ric/v1/guardrails/{scope}", req -> {
                    String scope = checkScope(req.pathParam("scope"));
                    if (!guardRails.containsKey(scope)) throw HttpProblem.notFound("no guard rail for scope " + scope);
                    durable(() -> manager.store().deleteGuardRail(scope)); // durable first: a crash never brings it back
                    guardRails.remove(scope);
                    return HttpResponse.noContent();
                });
    }

    private HttpResponse install(HttpRequest req) {
        req.requireContentType("application/json");
        Body b = body(req);
        XappRecord rec = descriptorErrors(() -> manager.install(b.descriptor, null, b.jar));
        return HttpResponse.created("/ric/v1/xapps/" + rec.name(), summary(rec));
    }

    private HttpResponse upgrade(HttpRequest req) {
        req.requireContentType("application/json");
        Body b = body(req);
        String name = req.pathParam("name");
        XappRecord rec = descriptorErrors(() -> {
            String inBody = io.jric.core.internal.descriptor.DescriptorParser.parse(b.descriptor, null).name();
            if (!inBody.equals(name)) {
                throw HttpProblem.badRequest("/name: \"" + inBody + "\" (expected: \"" + name + "\", the xApp in the path)");
            }
            return manager.upgrade(b.descriptor, null, b.jar);
        });
        return HttpResponse.ok(summary(rec));
    }

    private static final class Body {
        String descriptor;
        byte[] jar;
    }

    private static Body body(HttpRequest req) {
        JsonNode tree = req.jsonTree();
        if (!tree.isObject()) throw HttpProblem.badRequest("body: expected a JSON object (a descriptor, or {descriptor, jar})");
        Body b = new Body();
        if (tree.has("descriptor")) {
            b.descriptor = tree.get("descriptor").toString();
            JsonNode jar = tree.get("jar");
            if (jar != null && !jar.isNull()) {
                if (!jar.isTextual()) throw HttpProblem.badRequest("jar: expected a base64 string");
                try {
                    b.jar = Base64.getDecoder().decode(jar.asText());
                } catch (IllegalArgumentException e) {
                    throw HttpProblem.badRequest("jar: not valid base64: " + e.getMessage());
                }
            }
        } else {
            b.descriptor = tree.toString();
        }
        return b;
    }

    private static <T> T descriptorErrors(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (DescriptorException e) {
            List<Map<String, String>> problems = new ArrayList<>();
            for (DescriptorProblem p : e.problems()) problems.add(Map.of("field", p.field(), "message", p.message()));
            throw HttpProblem.badRequest("the descriptor is invalid: " + e.problems().size() + " problem(s)")
                    .with("problems", problems);
        }
    }

    private List<Map<String, Object>> listView() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (XappRecord r : manager.list()) out.add(summary(r));
        return out;
    }

    private static Map<String, Object> summary(XappRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("version", r.version());
        m.put("jarSha256", r.jarSha256());
        m.put("installedAtMs", r.installedAtMs());
        return m;
    }

    private Map<String, Object> detail(String name) {
        XappRecord r = manager.get(name);
        Map<String, Object> m = summary(r);
        try {
            m.put("descriptor", io.jric.core.internal.http.HttpJson.mapper().readTree(r.descriptorJson()));
        } catch (java.io.IOException e) {
            m.put("descriptor", r.descriptorJson());
        }
        m.put("instances", manager.status(name));
        return m;
    }

    /**
     * The control log, newest first: {@code limit} (1..10000, default 100) entries matching every filter
     * given: {@code origin} (the xApp, exact), {@code node} (exact), {@code cell} (a cell id or
     * {@code ue:<id>} the action names), {@code status} (ACK, FAILURE, TIMEOUT, REFUSED, CONFLICT,
     * RELEASED), {@code sinceMs} (entries at or after this epoch millisecond) and {@code beforeMs}
     * (strictly before: page back by passing the oldest timestamp of the last page).
     */
    private HttpResponse controls(HttpRequest req) {
        int limit = (int) longParam(req, "limit", 100, 1, 10_000);
        long sinceMs = longParam(req, "sinceMs", 0, 0, Long.MAX_VALUE);
        long beforeMs = longParam(req, "beforeMs", Long.MAX_VALUE, 1, Long.MAX_VALUE);
        String origin = req.query("origin").orElse(null);
        String node = req.query("node").orElse(null);
        String cell = req.query("cell").orElse(null);
        String status = req.query("status").map(x -> x.toUpperCase(java.util.Locale.ROOT)).orElse(null);
        if (status != null && !List.of("ACK", "FAILURE", "TIMEOUT", "REFUSED", "CONFLICT", "RELEASED").contains(status)) {
            throw HttpProblem.badRequest("status: " + status + " (expected one of ACK, FAILURE, TIMEOUT, REFUSED, CONFLICT, RELEASED)");
        }
        if (cell != null && !cell.matches("[0-9a-fA-F]{6}:[0-9a-fA-F]{9}|ue:[0-9]{1,20}")) {
            throw HttpProblem.badRequest("cell: " + cell + " (expected a cell id <6 hex digits>:<9 hex digits> or ue:<id>)");
        }
        // Newest first, at most limit: a bounded heap over one scan, whatever the log's size.
        java.util.PriorityQueue<Map.Entry<Long, ControlLogEntry>> newest =
                new java.util.PriorityQueue<>((a, b) -> Long.compare(a.getKey(), b.getKey()));
        for (Cache.Entry<Long, ControlLogEntry> e : controlLog.query(new ScanQuery<Long, ControlLogEntry>())) {
            ControlLogEntry c = e.getValue();
            if (c.timestampMs() < sinceMs || c.timestampMs() >= beforeMs) continue;
            if (origin != null && !origin.equals(c.origin())) continue;
            if (node != null && !node.equals(c.nodeId())) continue;
            if (status != null && !status.equals(c.status())) continue;
            if (cell != null && !(" " + c.action() + " ").contains(" " + cell + " ")) continue;
            newest.add(Map.entry(e.getKey(), c));
            if (newest.size() > limit) newest.poll();
        }
        List<Map.Entry<Long, ControlLogEntry>> all = new ArrayList<>(newest);
        all.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, ControlLogEntry> e : all) {
            ControlLogEntry c = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestampMs", c.timestampMs());
            m.put("origin", c.origin());
            m.put("nodeId", c.nodeId());
            m.put("action", c.action());
            m.put("status", c.status());
            m.put("detail", c.detail());
            m.put("roundTripMicros", c.roundTripNanos() / 1000);
            out.add(m);
        }
        return HttpResponse.ok(out);
    }

    /**
     * A cache xApps publish to ({@code ctx.publish}), key to the parsed JSON value, sorted by key, at
     * most {@code limit} (1..10000, default 1000) entries; 404 when nothing was published there.
     */
    private HttpResponse published(HttpRequest req) {
        String name = req.pathParam("cache");
        int limit = (int) longParam(req, "limit", 1000, 1, 10_000);
        org.apache.ignite.IgniteCache<String, String> c;
        try {
            c = XappContextImpl.sharedCache(host, name, false);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        if (c == null) throw HttpProblem.notFound("nothing was published to " + name);
        java.util.TreeMap<String, String> all = new java.util.TreeMap<>();
        for (Cache.Entry<String, String> e : c.query(new ScanQuery<String, String>())) {
            all.put(e.getKey(), e.getValue());
            if (all.size() > limit) all.pollLastEntry();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : all.entrySet()) {
            Object v;
            try {
                v = JacksonDoc.parse(e.getValue(), "value").value("").orElse(null);
            } catch (IllegalArgumentException bad) {
                v = e.getValue();
            }
            out.put(e.getKey(), v);
        }
        return HttpResponse.ok(out);
    }

    /** Most rows one experience request returns ({@code limit}); the CLI pages beyond it with {@code from}. */
    public static final int MAX_EXPERIENCE_ROWS = 100_000;

    /**
     * An xApp's experience rows with decision time in [{@code from}, {@code to}) (epoch ms or ISO-8601
     * instants; default: everything), oldest first, at most {@code limit} (1..100000, default 10000);
     * {@code truncated} says more matched. 404 when the xApp is neither installed nor has rows.
     */
    private HttpResponse experience(HttpRequest req) {
        String xapp = req.pathParam("xapp");
        if (!xapp.matches("[a-z][a-z0-9-]{1,62}")) {
            throw HttpProblem.badRequest("xapp: \"" + xapp + "\" (expected: an xApp name, ^[a-z][a-z0-9-]{1,62}$)");
        }
        long from = timeParam(req, "from", 0);
        long to = timeParam(req, "to", Long.MAX_VALUE);
        if (from >= to) throw HttpProblem.badRequest("from: " + from + " (expected: before to, which is " + to + ")");
        int limit = (int) longParam(req, "limit", 10_000, 1, MAX_EXPERIENCE_ROWS);
        ExperienceStore.Page page = host.experience().rows(xapp, from, to, limit);
        if (page.rows.isEmpty() && manager.list().stream().noneMatch(r -> r.name().equals(xapp))) {
            throw HttpProblem.notFound("xApp " + xapp + " is not installed and has no experience rows");
        }
        List<Map<String, Object>> rows = new ArrayList<>(page.rows.size());
        for (int i = 0; i < page.rows.size(); i++) {
            io.jric.core.internal.grid.ExperienceRow r = page.rows.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", page.ids.get(i));
            m.put("timeMs", r.timeMs());
            m.put("nodeId", r.nodeId());
            m.put("cellId", r.cellId());
            m.put("ueId", r.ueId());
            m.put("features", named(r.featureNames(), r.featureValues()));
            m.put("action", named(r.actionNames(), r.actionValues()));
            m.put("horizonMs", r.horizonMs());
            m.put("outcome", r.outcomeValues() == null ? null : named(r.outcomeNames(), r.outcomeValues()));
            m.put("outcomeKpis", List.of(r.outcomeNames()));
            m.put("outcomeStatus", r.outcomeStatus());
            m.put("label", r.label());
            m.put("outcomeSamples", r.outcomeSamples());
            m.put("recordedAtMs", r.recordedAtMs());
            if (r.peerCellId() != null) {  // a two-cell row (docs/ml-lifecycle.md, "Two-cell outcomes")
                m.put("peerNodeId", r.peerNodeId());
                m.put("peerCellId", r.peerCellId());
                m.put("peerOutcomeSamples", r.peerOutcomeSamples());
            }
            rows.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("xapp", xapp);
        out.put("from", from);
        out.put("to", to);
        out.put("count", rows.size());
        out.put("truncated", page.truncated);
        out.put("stats", host.experience().stats(xapp).view());
        out.put("ueSeries", host.experience().ueSeriesStats());  // this RIC process's watched UEs (ml-lifecycle.md, section 14)
        out.put("rows", rows);
        return HttpResponse.ok(out);
    }

    /** Largest body of a label request. */
    static final int MAX_LABEL_BYTES = 4096;

    /**
     * An operator's judgement of one experience row, e.g. an anomaly alarm confirmed or rejected:
     * {@code {"nodeId": "...", "id": <row id>, "label": "confirmed" | "rejected"}}. 404 for a row that does not
     * exist; the label is kept with the row and exported with it.
     */
    private HttpResponse label(HttpRequest req) {
        req.requireContentType("application/json");
        String xapp = req.pathParam("xapp");
        if (!xapp.matches("[a-z][a-z0-9-]{1,62}")) {
            throw HttpProblem.badRequest("xapp: \"" + xapp + "\" (expected: an xApp name, ^[a-z][a-z0-9-]{1,62}$)");
        }
        com.fasterxml.jackson.databind.JsonNode b = req.jsonTree();
        if (b == null || !b.isObject()) throw HttpProblem.badRequest("body: expected a JSON object {nodeId, id, label}");
        com.fasterxml.jackson.databind.JsonNode node = b.get("nodeId");
        com.fasterxml.jackson.databind.JsonNode id = b.get("id");
        com.fasterxml.jackson.databind.JsonNode label = b.get("label");
        if (node == null || !node.isTextual()) throw HttpProblem.badRequest("/nodeId: expected the row's E2 node id (a string)");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber()) {
            throw HttpProblem.badRequest("/id: expected the row id (an integer, as GET /ric/v1/experience/" + xapp + " lists it)");
        }
        if (label == null || !label.isTextual()) throw HttpProblem.badRequest("/label: expected \"confirmed\" or \"rejected\"");
        io.jric.core.internal.grid.ExperienceRow r;
        try {
            r = host.experience().label(xapp, node.asText(), id.asLong(), label.asText(), System.currentTimeMillis());
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            throw HttpProblem.notFound(e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("xapp", xapp);
        out.put("nodeId", r.nodeId());
        out.put("cellId", r.cellId());
        out.put("id", id.asLong());
        out.put("label", r.label());
        out.put("labelledAtMs", r.labelledAtMs());
        out.put("outcomeStatus", r.outcomeStatus());
        return HttpResponse.ok(out);
    }

    private static Map<String, Double> named(String[] names, double[] values) {
        Map<String, Double> m = new LinkedHashMap<>();
        // a KPI without samples (a two-cell row's silent cell: NaN) is left out
        for (int i = 0; i < names.length; i++) if (Double.isFinite(values[i])) m.put(names[i], values[i]);
        return m;
    }

    /** A time parameter: epoch milliseconds or an ISO-8601 instant ({@code 2026-12-06T19:00:00Z}). */
    static long timeParam(HttpRequest req, String name, long dflt) {
        String raw = req.query(name).orElse(null);
        if (raw == null || raw.isEmpty()) return dflt;
        try {
            return parseTime(raw);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badRequest(name + ": " + e.getMessage());
        }
    }

    /**
     * Epoch milliseconds or an ISO-8601 instant.
     *
     * @throws IllegalArgumentException naming the value and what is expected
     */
    public static long parseTime(String raw) {
        if (raw.matches("[0-9]{1,18}")) return Long.parseLong(raw);
        try {
            return java.time.Instant.parse(raw).toEpochMilli();
        } catch (java.time.format.DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException(raw + " (expected: epoch milliseconds or an ISO-8601 instant such as "
                    + "2026-12-06T19:00:00Z)");
        }
    }

    private static long longParam(HttpRequest req, String name, long dflt, long min, long max) {
        String raw = req.query(name).orElse(null);
        if (raw == null) return dflt;
        long v;
        try {
            v = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + ": " + raw + " (expected: an integer " + min + ".." + max + ")");
        }
        if (v < min || v > max) throw HttpProblem.badRequest(name + ": " + v + " (expected: " + min + ".." + max + ")");
        return v;
    }

    private Map<String, Object> guardRailsView() {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (Cache.Entry<String, GuardRail> e : guardRails.query(new ScanQuery<String, GuardRail>())) {
            out.put(e.getKey(), railView(e.getValue()));
        }
        return out;
    }

    static Map<String, Object> railView(GuardRail g) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : GuardRail.NUMBER_FIELDS) m.put(f, g.number(f));
        m.put("sleepAllowed", g.sleepAllowed());
        m.put("handoverAllowed", g.handoverAllowed());
        m.put("setBy", g.setBy());
        return m;
    }

    private HttpResponse setGuardRail(HttpRequest req) {
        req.requireContentType("application/json");
        String scope = checkScope(req.pathParam("scope"));
        JsonNode t = req.jsonTree();
        if (!t.isObject()) throw HttpProblem.badRequest("body: expected a JSON object");
        List<String> known = new java.util.ArrayList<>(GuardRail.NUMBER_FIELDS);
        known.addAll(GuardRail.FLAG_FIELDS);
        known.add("setBy");
        t.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) throw HttpProblem.badRequest(f + ": unknown field (expected one of: " + known + ")");
        });
        GuardRail g = GuardRail.of(f -> num(t, f), f -> bool(t, f), t.hasNonNull("setBy") ? t.get("setBy").asText() : "operator");
        String[] bad = g.minAboveMax();
        if (bad != null) {
            throw HttpProblem.badRequest(bad[0] + ": " + g.number(bad[0]) + " (expected: <= " + bad[1] + " " + g.number(bad[1]) + ")");
        }
        for (String f : GuardRail.NUMBER_FIELDS) {
            if (!f.startsWith("txPower") && !f.startsWith("interFrequencyThreshold") && g.number(f) != null && g.number(f) < 0) {
                throw HttpProblem.badRequest(f + ": " + g.number(f) + " (expected: >= 0)");
            }
        }
        String json;
        try {
            json = RAIL_JSON.writeValueAsString(railView(g));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        durable(() -> manager.store().saveGuardRail(scope, json)); // survives a kill: restored at the next start
        guardRails.put(scope, g);
        return HttpResponse.ok(railView(g));
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper RAIL_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The durable form of an operator guard rail (what {@link XappStore#saveGuardRail} keeps). */
    static String railJson(GuardRail g) {
        try {
            return RAIL_JSON.writeValueAsString(railView(g));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The one scope rule ({@link GuardRail#validScope}), shared with A1 guard-rail policies. */
    static String checkScope(String scope) {
        if (!GuardRail.validScope(scope)) {
            throw HttpProblem.badRequest("scope: \"" + scope + "\" (expected: " + GuardRail.SCOPE_EXPECTED + ")");
        }
        return scope;
    }

    private static void durable(Runnable write) {
        try {
            write.run();
        } catch (java.io.UncheckedIOException e) {
            throw HttpProblem.of(507, "Insufficient Storage", e.getMessage() + "; nothing was changed").withCause(e);
        }
    }

    /** A guard rail from its stored form (what {@link #railView} shows). */
    static GuardRail railFrom(JsonNode t) {
        return GuardRail.of(f -> t.hasNonNull(f) ? t.get(f).asDouble() : null,
                f -> t.hasNonNull(f) ? t.get(f).asBoolean() : null, t.hasNonNull("setBy") ? t.get("setBy").asText() : "operator");
    }

    private static Double num(JsonNode t, String f) {
        JsonNode n = t.get(f);
        if (n == null || n.isNull()) return null;
        if (!n.isNumber()) throw HttpProblem.badRequest(f + ": " + n + " (expected: a number)");
        return n.asDouble();
    }

    private static Boolean bool(JsonNode t, String f) {
        JsonNode n = t.get(f);
        if (n == null || n.isNull()) return null;
        if (!n.isBoolean()) throw HttpProblem.badRequest(f + ": " + n + " (expected: true or false)");
        return n.asBoolean();
    }

}
