package io.jric.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.util.TimeValues;
import io.jric.sim.CellView;
import io.jric.sim.Fault;
import io.jric.sim.RanModel;
import io.jric.sim.RanSimulator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fault injection into the RAN simulator a RIC runs in its own process (the demo), on the admin API:
 *
 * <ul>
 *   <li>{@code POST /ric/v1/sim/faults}: inject
 *       {@code {"type": "cell-outage"|"interference-burst"|"kpi-degradation", "cell": id | "node": id,
 *       "duration": "30s", "delay": "0s", "parameters": {"riseDb": 30} | {"capacityFactor": 0.3}}};
 *       201 with the fault and its id; every problem of the body in a 400 {@code problems} list naming
 *       the field, and nothing injected;</li>
 *   <li>{@code GET /ric/v1/sim/faults[?all=true]}: the scheduled and active faults (with {@code all},
 *       also those ended or cleared, the latest {@value #KEEP_ENDED});</li>
 *   <li>{@code GET /ric/v1/sim/faults/{id}}, {@code DELETE /ric/v1/sim/faults/{id}} (clears it: a
 *       scheduled fault is withdrawn, an active one ends at the next tick; 204);</li>
 *   <li>{@code GET /ric/v1/sim/cells}: the simulator's cells and nodes, with outage and load.</li>
 * </ul>
 *
 * <p>Times ({@code duration}, {@code delay}, and the {@code startMs}/{@code endMs} in answers) are simulated
 * time, which runs at the simulator's speed ({@code ./ric demo --speed}, default 1 = wall-clock time). A
 * fault starts at the next tick after its delay. Registered only when the RIC was started with a simulator
 * ({@link RicNode#start(RicConfig, RanSimulator)}); the admin API's bearer-token filter covers it.
 */
final class SimFaultsApi {
    static final String PATH = "/ric/v1/sim/faults";
    /** How many scheduled or active faults the API holds at once. */
    static final int MAX_PENDING = 256;
    /** How many ended or cleared faults it remembers for {@code ?all=true}. */
    static final int KEEP_ENDED = 100;
    /** The longest {@code duration} and {@code delay}: one simulated day. */
    static final long MAX_MS = 86_400_000L;
    static final double DEFAULT_RISE_DB = 60;
    static final double DEFAULT_CAPACITY_FACTOR = 0.3;

    private static final Set<String> FIELDS = Set.of("type", "cell", "node", "duration", "delay", "parameters");

    private final RanSimulator sim;
    private final RanModel model;
    private final Map<Long, Injected> faults = new LinkedHashMap<>();  // guarded by this, in id order
    private long nextId = 1;

    SimFaultsApi(RanSimulator sim) {
        this.sim = sim;
        this.model = sim.model();
    }

    /** One injection: a fault on one cell, or one per cell of a node. */
    private static final class Injected {
        final long id;
        final Fault.Type type;
        final String node;
        final List<Fault> parts;
        final Map<String, Object> parameters;
        boolean cleared;
        long clearedAtMs;

        Injected(long id, Fault.Type type, String node, List<Fault> parts, Map<String, Object> parameters) {
            this.id = id;
            this.type = type;
            this.node = node;
            this.parts = parts;
            this.parameters = parameters;
        }

        long startMs() {
            return parts.get(0).startMs();
        }

        long endMs() {
            return parts.get(0).startMs() + parts.get(0).durationMs();
        }

        String state(long nowMs) {
            if (cleared) return "cleared";
            if (nowMs < startMs()) return "scheduled";
            return nowMs < endMs() ? "active" : "ended";
        }
    }

    Router register(Router r) {
        return r.post(PATH, 16 * 1024, req -> {
                    Map<String, Object> view = inject(req.jsonTree());
                    return HttpResponse.created(PATH + "/" + view.get("id"), view);
                })
                .get(PATH, req -> HttpResponse.ok(list(req.query("all").map(Boolean::parseBoolean).orElse(false))))
                .get(PATH + "/{id}", req -> {
                    synchronized (this) {
                        return HttpResponse.ok(view(find(req.pathParam("id")), model.timeMs()));
                    }
                })
                .delete(PATH + "/{id}", req -> {
                    clear(req.pathParam("id"));
                    return HttpResponse.noContent();
                })
                .get("/ric/v1/sim/cells", req -> HttpResponse.ok(cells()));
    }

    // ---------------------------------------------------------------------------------- inject

    private Map<String, Object> inject(JsonNode body) {
        List<Map<String, String>> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw HttpProblem.badRequest("the fault is invalid: expected a JSON object such as "
                    + "{\"type\": \"cell-outage\", \"cell\": \"<cell id>\", \"duration\": \"30s\"}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) problem(problems, "/" + f, "unknown field (expected: " + String.join(", ", sorted(FIELDS)) + ")");
        }
        Fault.Type type = type(body.get("type"), problems);
        List<String> cells = target(body, problems);
        long durationMs = time(body, "duration", true, problems);
        long delayMs = time(body, "delay", false, problems);
        Map<String, Object> parameters = new LinkedHashMap<>();
        double magnitude = parameters(type, body.get("parameters"), parameters, problems);
        if (!problems.isEmpty()) {
            throw HttpProblem.badRequest("the fault is invalid: " + problems.size() + " problem(s)").with("problems", problems);
        }
        synchronized (this) {
            long now = model.timeMs();
            long pending = faults.values().stream().filter(i -> !i.state(now).equals("ended") && !i.cleared).count();
            if (pending >= MAX_PENDING) {
                throw HttpProblem.of(409, null, pending + " faults are scheduled or active (at most " + MAX_PENDING
                        + "): clear some first (DELETE " + PATH + "/{id})");
            }
            long startMs = now + model.config().tickMs() + delayMs;  // from the next tick on
            List<Fault> parts = new ArrayList<>();
            for (String cell : cells) parts.add(new Fault(type, cell, startMs, durationMs, magnitude));
            for (Fault f : parts) sim.injectFault(f);
            Injected in = new Injected(nextId++, type, body.hasNonNull("node") ? body.get("node").asText() : null,
                    List.copyOf(parts), parameters);
            faults.put(in.id, in);
            forgetOldEnded(now);
            return view(in, now);
        }
    }

    private static Fault.Type type(JsonNode n, List<Map<String, String>> problems) {
        if (n == null || n.isNull()) {
            problem(problems, "/type", "missing (required): one of " + typeNames());
            return null;
        }
        Fault.Type t = n.isTextual() ? typeOf(n.asText()) : null;
        if (t == null) problem(problems, "/type", n + " (expected one of " + typeNames() + ")");
        return t;
    }

    /** A fault type from its name as typed: {@code cell-outage}, {@code CELL_OUTAGE}, {@code outage}. */
    static Fault.Type typeOf(String name) {
        String s = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Fault.Type t : Fault.Type.values()) {
            if (t.name().equals(s)) return t;
        }
        return switch (s) {
            case "OUTAGE" -> Fault.Type.CELL_OUTAGE;
            case "INTERFERENCE" -> Fault.Type.INTERFERENCE_BURST;
            case "DEGRADATION" -> Fault.Type.KPI_DEGRADATION;
            default -> null;
        };
    }

    static String typeName(Fault.Type t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String typeNames() {
        List<String> names = new ArrayList<>();
        for (Fault.Type t : Fault.Type.values()) names.add(typeName(t));
        return String.join(", ", names);
    }

    private List<String> target(JsonNode body, List<Map<String, String>> problems) {
        JsonNode cell = body.get("cell");
        JsonNode node = body.get("node");
        boolean hasCell = cell != null && !cell.isNull();
        boolean hasNode = node != null && !node.isNull();
        if (hasCell == hasNode) {
            problem(problems, hasCell ? "/node" : "/cell", hasCell
                    ? "give either cell or node, not both"
                    : "missing (required): the cell id, or node for every cell of an E2 node (GET /ric/v1/sim/cells lists them)");
            return List.of();
        }
        if (hasCell) {
            if (!cell.isTextual() || !model.hasCell(cell.asText())) {
                problem(problems, "/cell", cell + " (unknown cell; GET /ric/v1/sim/cells lists the "
                        + model.cellIds().size() + " cells)");
                return List.of();
            }
            return List.of(cell.asText());
        }
        for (int g = 0; g < model.gnbCount(); g++) {
            if (node.isTextual() && model.nodeId(g).equals(node.asText())) return model.cellIds(g);
        }
        problem(problems, "/node", node + " (unknown E2 node of the simulator; GET /ric/v1/sim/cells lists the "
                + model.gnbCount() + " nodes)");
        return List.of();
    }

    private static long time(JsonNode body, String field, boolean required, List<Map<String, String>> problems) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) problem(problems, "/" + field, "missing (required): a simulated time such as \"30s\", \"2m\", \"500ms\" or 30 (seconds)");
            return 0;
        }
        long ms;
        try {
            if (n.isNumber()) {
                ms = Math.round(n.asDouble() * 1000);
                if (n.asDouble() < 0) throw new IllegalArgumentException("negative");
            } else if (n.isTextual()) {
                ms = TimeValues.parse(n.asText(), "s").toMillis();
            } else {
                throw new IllegalArgumentException("not a time");
            }
        } catch (IllegalArgumentException e) {
            problem(problems, "/" + field, n + " is not a time (expected e.g. \"30s\", \"2m\", \"500ms\" or a number of seconds)");
            return 0;
        }
        if ((required && ms <= 0) || ms > MAX_MS) {
            problem(problems, "/" + field, n + " (expected: " + (required ? "> 0" : ">= 0") + " and at most 24h of simulated time)");
        }
        return ms;
    }

    private static double parameters(Fault.Type type, JsonNode n, Map<String, Object> out, List<Map<String, String>> problems) {
        if (n != null && !n.isNull() && !n.isObject()) {
            problem(problems, "/parameters", n + " (expected an object, e.g. {\"riseDb\": 30})");
            return 0;
        }
        String allowed = type == null ? null : switch (type) {
            case CELL_OUTAGE -> null;
            case INTERFERENCE_BURST -> "riseDb";
            case KPI_DEGRADATION -> "capacityFactor";
        };
        if (n != null && n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (type != null && !f.equals(allowed)) {
                    problem(problems, "/parameters/" + f, "unknown parameter for " + typeName(type)
                            + (allowed == null ? " (it takes none)" : " (expected: " + allowed + ")"));
                }
            }
        }
        if (type == null || allowed == null) return 0;
        JsonNode v = n == null ? null : n.get(allowed);
        double value = type == Fault.Type.INTERFERENCE_BURST ? DEFAULT_RISE_DB : DEFAULT_CAPACITY_FACTOR;
        if (v != null && !v.isNull()) {
            if (!v.isNumber()) {
                problem(problems, "/parameters/" + allowed, v + " (expected a number)");
                return 0;
            }
            value = v.asDouble();
        }
        boolean ok = type == Fault.Type.INTERFERENCE_BURST ? value >= 0 && value <= 80 : value > 0 && value <= 1;
        if (!ok) {
            problem(problems, "/parameters/" + allowed, value + (type == Fault.Type.INTERFERENCE_BURST
                    ? " (expected: 0..80 dB over thermal noise)" : " (expected: (0, 1], the share of per-PRB capacity left)"));
        }
        out.put(allowed, value);
        return value;
    }

    private static void problem(List<Map<String, String>> problems, String field, String message) {
        problems.add(Map.of("field", field, "message", field.substring(1) + ": " + message));
    }

    private static List<String> sorted(Set<String> s) {
        List<String> l = new ArrayList<>(s);
        l.sort(null);
        return l;
    }

    // ---------------------------------------------------------------------------------- list, clear

    private synchronized List<Map<String, Object>> list(boolean all) {
        long now = model.timeMs();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Injected in : faults.values()) {
            String state = in.state(now);
            if (all || state.equals("scheduled") || state.equals("active")) out.add(view(in, now));
        }
        return out;
    }

    private synchronized void clear(String id) {
        Injected in = find(id);
        long now = model.timeMs();
        String state = in.state(now);
        if (state.equals("scheduled") || state.equals("active")) {
            for (Fault f : in.parts) model.clearFault(f);
            in.cleared = true;
            in.clearedAtMs = now;
        }
    }

    private Injected find(String id) {
        Injected in = null;
        try {
            in = faults.get(Long.parseLong(id));
        } catch (NumberFormatException e) {
            // not one of ours
        }
        if (in == null) throw HttpProblem.notFound("no fault " + id + " (GET " + PATH + "?all=true lists them)");
        return in;
    }

    /** Keeps the latest {@value #KEEP_ENDED} ended or cleared faults; older ones leave the API and the model's list. */
    private void forgetOldEnded(long now) {
        int ended = 0;
        for (Injected in : faults.values()) if (in.cleared || in.state(now).equals("ended")) ended++;
        for (Iterator<Injected> it = faults.values().iterator(); it.hasNext() && ended > KEEP_ENDED; ) {
            Injected in = it.next();
            if (in.cleared || in.state(now).equals("ended")) {
                for (Fault f : in.parts) model.forgetFault(f);  // a cleared one was cut to end at its clearing: also over
                it.remove();
                ended--;
            }
        }
    }

    private Map<String, Object> view(Injected in, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(in.id));
        m.put("type", typeName(in.type));
        m.put("state", in.state(now));
        if (in.node != null) m.put("node", in.node);
        List<String> cells = new ArrayList<>();
        for (Fault f : in.parts) cells.add(f.cellId());
        m.put("cells", cells);
        m.put("parameters", in.parameters);
        m.put("simTimeMs", now);
        m.put("startMs", in.startMs());
        m.put("endMs", in.endMs());
        m.put("durationMs", in.endMs() - in.startMs());
        if (in.cleared) m.put("clearedAtMs", in.clearedAtMs);
        return m;
    }

    private List<Map<String, Object>> cells() {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        for (int g = 0; g < model.gnbCount(); g++) nodes.add(model.nodeId(g));
        for (CellView c : model.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cellId", c.cellId());
            m.put("nodeId", nodes.get(c.gnbIndex()));
            m.put("outage", c.outage());
            m.put("sleeping", c.sleeping());
            m.put("servedUes", c.servedUes());
            m.put("activeUes", c.activeUes());
            m.put("prbLoadDlPct", Math.round(c.prbLoadDl() * 1000) / 10.0);
            m.put("txPowerDbm", c.txPowerDbm());
            out.add(m);
        }
        return out;
    }
}
