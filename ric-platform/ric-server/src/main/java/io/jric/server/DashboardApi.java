package io.jric.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.a1.A1Service;
import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.kpm.CellKey;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmCaches;
import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.http.HttpJson;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import io.jric.e2.E2Stats;
import io.jric.e2.E2Termination;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * The operator's web dashboard on the RIC's HTTP port.
 *
 * <pre>
 * GET /dashboard                     the page (and /dashboard/app.js, /dashboard/app.css): static, no token
 * GET /ric/v1/dashboard/snapshot     one snapshot as JSON (admin API authentication)
 * GET /ric/v1/dashboard/events       server-sent events: one "snapshot" event a second (admin API authentication)
 * GET /ric/v1/dashboard/history      the cells' recent KPI samples from the grid's series, to seed the charts (same)
 * </pre>
 *
 * <p>The data is under {@code /ric/v1}, so the admin API's bearer-token filter guards it like every
 * other admin resource. The page asks for the token (login field, or {@code #token=...} in the URL,
 * which browsers never send to the server) and sends it as {@code Authorization: Bearer}; it reads the
 * event stream with {@code fetch()}, so the token never appears in a URL, a log or a Referer.
 *
 * <p>The stream holds no HTTP worker: the handler reserves a subscriber slot and returns a streaming
 * response at once; one scheduler thread ({@code jric-dashboard}) computes one snapshot a second while
 * anyone listens, serializes it once and writes it to every subscriber. At most {@code maxStreams}
 * subscribers (503 beyond), and a subscriber that does not read is dropped by the server.
 */
final class DashboardApi implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DashboardApi.class.getName());
    static final String PAGE = "/dashboard";
    static final String SNAPSHOT = "/ric/v1/dashboard/snapshot";
    static final String EVENTS = "/ric/v1/dashboard/events";
    static final String HISTORY = "/ric/v1/dashboard/history";
    /** Samples per cell the charts show, and so the history seeds them with. */
    static final int HISTORY_POINTS = 120;
    /** Most samples one history answer holds. */
    static final int MAX_HISTORY_ROWS = 30_000;
    /** Bounds of one snapshot, so its size stays small whatever the grid holds. */
    static final int MAX_NODES = 256;
    static final int MAX_CELLS = 1024;
    static final int MAX_POLICIES = 200;
    static final int MAX_LOG = 20;
    /** The anomaly detection xApp's default findings cache. */
    static final String FINDINGS_CACHE = "ric.anomalies";
    private static final long PERIOD_MS = 1000;

    private final RicGrid grid;
    private final E2Termination e2;
    private final XappManager xapps;
    private final XappHost host;
    private final A1Service a1;
    private final int maxStreams;
    private final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();
    private final Set<HttpResponse.ResponseStream> subscribers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger reserved = new AtomicInteger();
    private final Map<String, CellPosition> positions = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final ReentrantLock computing = new ReentrantLock();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jric-dashboard");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();
    private volatile byte[] last;
    /** The last failure of the ticker, logged once (ticker thread only). */
    private String lastFailure;
    private volatile long lastAtNanos;

    /** Where a cell's site is, in metres on a local plane, and its antenna azimuth (degrees from north). */
    record CellPosition(double x, double y, double azimuthDeg) {}

    DashboardApi(RicGrid grid, E2Termination e2, XappManager xapps, XappHost host, A1Service a1, int maxStreams) {
        if (maxStreams < 1) throw new IllegalArgumentException("http.dashboard.maxStreams: " + maxStreams + " (expected: >= 1)");
        this.grid = grid;
        this.e2 = e2;
        this.xapps = xapps;
        this.host = host;
        this.a1 = a1;
        this.maxStreams = maxStreams;
        ticker.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    Router register(Router r) {
        return r.get(PAGE, req -> asset("index.html", "text/html; charset=utf-8"))
                .get(PAGE + "/app.js", req -> asset("app.js", "text/javascript; charset=utf-8"))
                .get(PAGE + "/app.css", req -> asset("app.css", "text/css; charset=utf-8"))
                .get(SNAPSHOT, req -> HttpResponse.text(200, new String(snapshot(), StandardCharsets.UTF_8))
                        .withHeader("Content-Type", HttpResponse.JSON))
                .get(EVENTS, req -> subscribe())
                .get(HISTORY, req -> HttpResponse.ok(history()));
    }

    /**
     * Tells the dashboard where cells are (the simulator knows its sites; E2 does not carry positions).
     * Cells without a position are listed but not drawn on the map.
     */
    void cellPositions(Map<String, CellPosition> byCellId) {
        if (byCellId.size() > MAX_CELLS) {
            throw new IllegalArgumentException("cell positions: " + byCellId.size() + " (expected: <= " + MAX_CELLS + ")");
        }
        positions.clear();
        positions.putAll(byCellId);
    }

    /** Subscribers of the event stream right now (for tests and metrics). */
    int subscribers() {
        return reserved.get();
    }

    /** Event streams refused so far because {@code http.dashboard.maxStreams} were open (for metrics). */
    long refusedStreams() {
        return refused.get();
    }

    private HttpResponse subscribe() {
        if (reserved.incrementAndGet() > maxStreams) {
            reserved.decrementAndGet();
            refused.incrementAndGet();
            throw HttpProblem.serviceUnavailable("the dashboard serves at most " + maxStreams
                    + " live streams (http.dashboard.maxStreams); close one or retry later").withHeader("Retry-After", "5");
        }
        return HttpResponse.stream("text/event-stream; charset=utf-8", stream -> {
            subscribers.add(stream);
            stream.onClose(() -> {
                subscribers.remove(stream);
                reserved.decrementAndGet();
            });
            // the first event at once (the last snapshot, if fresh), then one a second from the ticker
            byte[] l = last;
            stream.send(l != null && System.nanoTime() - lastAtNanos < TimeUnit.SECONDS.toNanos(2)
                    ? event(l) : ": connected\n\n".getBytes(StandardCharsets.UTF_8));
        }).withHeader("X-Accel-Buffering", "no");
    }

    private void tick() {
        try {
            if (subscribers.isEmpty()) return;
            byte[] ev = event(compute());
            for (HttpResponse.ResponseStream s : subscribers) s.send(ev);
            lastFailure = null;
        } catch (RuntimeException e) {
            // once per distinct failure, not every second while it lasts
            String what = String.valueOf(e);
            if (!what.equals(lastFailure)) LOG.log(Level.WARNING, "dashboard snapshot failed", e);
            else LOG.log(Level.FINE, "dashboard snapshot failed again", e);
            lastFailure = what;
        }
    }

    private static byte[] event(byte[] json) {
        byte[] head = "event: snapshot\ndata: ".getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    /**
     * The last snapshot if under a second old, else a new one. One computation at a time: a request that
     * finds one running gets the last snapshot at once (it waits, bounded, only before the first exists).
     */
    byte[] snapshot() {
        byte[] l = last;
        if (l != null && System.nanoTime() - lastAtNanos < TimeUnit.MILLISECONDS.toNanos(PERIOD_MS)) return l;
        return compute();
    }

    private byte[] compute() {
        try {
            if (!computing.tryLock()) {
                byte[] l = last;
                if (l != null) return l;
                if (!computing.tryLock(5, TimeUnit.SECONDS)) {
                    throw HttpProblem.serviceUnavailable("the dashboard snapshot is being computed; retry")
                            .withHeader("Retry-After", "1");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpProblem.serviceUnavailable("interrupted");
        }
        try {
            byte[] l = last;
            if (l != null && System.nanoTime() - lastAtNanos < TimeUnit.MILLISECONDS.toNanos(PERIOD_MS / 2)) return l;
            byte[] json = HttpJson.mapper().writeValueAsBytes(build());
            last = json;
            lastAtNanos = System.nanoTime();
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            computing.unlock();
        }
    }

    /** One snapshot: compact field names, bounded lists. */
    private Map<String, Object> build() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq.incrementAndGet());
        m.put("timeMs", System.currentTimeMillis());
        m.put("gridServers", grid.serverCount());

        List<E2NodeInfo> nodes = new ArrayList<>(e2.nodeService().nodes());
        nodes.sort(Comparator.comparing(E2NodeInfo::nodeId));
        List<Map<String, Object>> nodeViews = new ArrayList<>();
        for (E2NodeInfo n : nodes.subList(0, Math.min(MAX_NODES, nodes.size()))) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", n.nodeId());
            v.put("connected", n.connected());
            v.put("transport", n.transport());
            v.put("cells", n.cellIds().size() > MAX_CELLS ? n.cellIds().subList(0, MAX_CELLS) : n.cellIds());
            nodeViews.add(v);
        }
        m.put("nodes", nodeViews);
        m.put("nodesKnown", nodes.size());

        List<Map<String, Object>> cells = new ArrayList<>();
        IgniteCache<CellKey, CellKpi> latest = grid.cache(KpmCaches.CELL_LATEST);
        int cellCount = 0;
        for (Cache.Entry<CellKey, CellKpi> e : latest.query(new ScanQuery<CellKey, CellKpi>())) {
            if (++cellCount > MAX_CELLS) continue;
            CellKpi c = e.getValue();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("node", c.nodeId());
            v.put("cell", c.cellId());
            v.put("ts", c.timestampMs());
            v.put("prb", round1(c.prbUsedDlPct()));
            v.put("thr", round1(c.throughputDlMbps()));
            v.put("ues", c.activeUes());
            v.put("tx", round1(c.txPowerDbm()));
            v.put("sleeping", c.sleeping());
            CellPosition p = positions.get(c.cellId());
            if (p != null) {
                v.put("x", Math.round(p.x()));
                v.put("y", Math.round(p.y()));
                v.put("az", Math.round(p.azimuthDeg()));
            }
            cells.add(v);
        }
        cells.sort(Comparator.comparing((Map<String, Object> v) -> (String) v.get("node"))
                .thenComparing(v -> (String) v.get("cell")));
        m.put("cells", cells);
        m.put("cellsKnown", cellCount);

        E2Stats s = e2.stats();
        Map<String, Object> e2m = new LinkedHashMap<>();
        e2m.put("indications", s.indications());
        e2m.put("records", e2.recordsWritten());
        e2m.put("subscriptions", e2.subscriptionService().subscriptions().size());
        m.put("e2", e2m);

        Map<String, Object> controls = new LinkedHashMap<>();
        controls.put("ack", s.controlsAcked());
        controls.put("failed", s.controlsFailed());
        controls.put("timeout", s.controlsTimedOut());
        controls.put("refused", s.controlsRefused());
        controls.put("routerRefused", host.router().refused());
        controls.put("conflicts", host.router().conflicts());
        controls.put("heldConflicts", host.router().heldConflicts());
        controls.put("holds", host.router().holds());
        m.put("controls", controls);
        m.put("controlLog", controlLog());

        List<A1Service.PolicyInstanceView> policies = a1.policyInstances(MAX_POLICIES);
        m.put("xapps", xappViews(policies));
        List<Map<String, Object>> pv = new ArrayList<>();
        for (A1Service.PolicyInstanceView p : policies) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("type", p.typeId());
            v.put("id", p.policyId());
            v.put("status", p.enforced() ? "ENFORCED" : "NOT_ENFORCED");
            if (!p.reason().isEmpty()) v.put("reason", p.reason());
            v.put("updatedMs", p.updatedAtMs());
            pv.add(v);
        }
        m.put("policies", pv);
        List<Map<String, Object>> mv = new ArrayList<>();
        for (A1Service.ModelAuditView a : a1.modelAudit(MAX_LOG)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("timeMs", a.atMs());
            v.put("model", a.xapp() + "/" + a.model());
            v.put("event", a.event());
            v.put("version", a.version());
            v.put("reason", a.reason());
            mv.add(v);
        }
        m.put("modelAudit", mv);
        m.put("findings", findings());
        return m;
    }

    private List<Map<String, Object>> xappViews(List<A1Service.PolicyInstanceView> policies) {
        Map<String, List<XappHost.InstanceStatus>> byXapp = new TreeMap<>();
        for (XappHost.InstanceStatus st : xapps.statusAll()) byXapp.computeIfAbsent(st.xapp, k -> new ArrayList<>()).add(st);
        List<Map<String, Object>> out = new ArrayList<>();
        List<XappRecord> records = new ArrayList<>(xapps.list());
        records.sort(Comparator.comparing(XappRecord::name));
        for (XappRecord rec : records) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", rec.name());
            v.put("version", rec.version());
            List<String> types = policyTypes(rec.descriptorJson());
            v.put("policyTypes", types);
            List<String> inForce = new ArrayList<>();
            for (A1Service.PolicyInstanceView p : policies) {
                if (types.contains(p.typeId())) inForce.add(p.typeId() + "/" + p.policyId() + (p.enforced() ? "" : " (not enforced)"));
            }
            v.put("policies", inForce);
            List<Map<String, Object>> insts = new ArrayList<>();
            long findings = 0;
            Map<String, Long> alarms = new TreeMap<>();
            for (XappHost.InstanceStatus st : byXapp.getOrDefault(rec.name(), List.of())) {
                Map<String, Object> iv = new LinkedHashMap<>();
                iv.put("id", st.instanceId);
                iv.put("version", st.version);
                iv.put("state", st.state.toLowerCase(java.util.Locale.ROOT));
                iv.put("queued", st.queued);
                iv.put("reports", st.reports);
                iv.put("drops", st.drops);
                iv.put("errors", st.errors);
                String model = LiveView.modelState(st.metrics);
                if (!model.isEmpty()) iv.put("model", model);
                if (st.lastError != null && !st.lastError.isEmpty()) iv.put("lastError", st.lastError);
                insts.add(iv);
                findings += st.metrics.getOrDefault("findings", 0L);
                for (var e : st.metrics.entrySet()) {
                    if (e.getKey().startsWith("alarms.")) alarms.merge(e.getKey().substring(7), e.getValue(), Long::sum);
                }
            }
            v.put("instances", insts);
            if (findings > 0) v.put("findings", findings);
            if (!alarms.isEmpty()) v.put("alarms", alarms);
            out.add(v);
        }
        return out;
    }

    private static List<String> policyTypes(String descriptorJson) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode d = HttpJson.mapper().readTree(descriptorJson);
            for (JsonNode t : d.path("policyTypes")) {
                String id = t.path("id").asText(t.path("policyTypeId").asText(""));
                if (!id.isEmpty()) out.add(id);
            }
        } catch (IOException e) {
            // an unreadable descriptor shows no policy types
        }
        return out;
    }

    /** The latest control-log entries of the last 10 minutes, newest first (keys sort by time). */
    private List<Map<String, Object>> controlLog() {
        IgniteCache<Long, ControlLogEntry> log = grid.cache(E2Caches.CONTROL_LOG);
        long since = (System.currentTimeMillis() - TimeUnit.MINUTES.toMillis(10)) << 20;
        List<Map.Entry<Long, ControlLogEntry>> all = new ArrayList<>();
        for (Cache.Entry<Long, ControlLogEntry> e : log.query(new ScanQuery<Long, ControlLogEntry>(new KeyAtLeast(since)))) {
            all.add(Map.entry(e.getKey(), e.getValue()));
        }
        all.sort((a, b) -> Long.compare(b.getKey(), a.getKey()));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Long, ControlLogEntry> e : all.subList(0, Math.min(MAX_LOG, all.size()))) {
            ControlLogEntry c = e.getValue();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("timeMs", c.timestampMs());
            v.put("origin", c.origin());
            v.put("node", c.nodeId());
            v.put("action", c.action());
            v.put("status", c.status());
            if (!c.detail().isEmpty()) v.put("detail", c.detail());
            v.put("rttUs", c.roundTripNanos() / 1000);
            out.add(v);
        }
        return out;
    }

    /** The anomaly detection xApp's latest findings (its shared cache), newest first; empty when it has none. */
    private List<JsonNode> findings() {
        IgniteCache<String, String> c = grid.ignite().cache(FINDINGS_CACHE);
        if (c == null) return List.of();
        List<JsonNode> all = new ArrayList<>();
        for (Cache.Entry<String, String> e : c.query(new ScanQuery<String, String>())) {
            try {
                all.add(HttpJson.mapper().readTree(e.getValue()));
            } catch (IOException ex) {
                // not a finding
            }
            if (all.size() > 4 * MAX_LOG) {
                all.sort(Comparator.comparingLong((JsonNode n) -> n.path("timeMs").asLong()).reversed());
                all = new ArrayList<>(all.subList(0, MAX_LOG));
            }
        }
        all.sort(Comparator.comparingLong((JsonNode n) -> n.path("timeMs").asLong()).reversed());
        return all.subList(0, Math.min(MAX_LOG, all.size()));
    }

    /**
     * The cells' latest samples from the grid's per-cell series ({@code RIC.CELL_SAMPLE}): the newest
     * {@link #HISTORY_POINTS} times the number of reporting cells (about that many per cell, as cells
     * report alike), at most {@link #MAX_HISTORY_ROWS}, oldest first. Rows are
     * {@code [node, cell, timestampMs, prb, thr, ues]}.
     */
    private Map<String, Object> history() {
        int cells = grid.cache(KpmCaches.CELL_LATEST).size();
        List<List<Object>> rows = new ArrayList<>();
        if (cells > 0) {
            for (List<?> r : grid.sql("SELECT nodeId, cellId, timestampMs, prbUsedDlPct, throughputDlMbps, activeUes "
                    + "FROM CELL_SAMPLE ORDER BY timestampMs DESC LIMIT ?",
                    Math.min(MAX_HISTORY_ROWS, HISTORY_POINTS * cells))) {
                rows.add(List.of(r.get(0), r.get(1), r.get(2), round1(((Number) r.get(3)).floatValue()),
                        round1(((Number) r.get(4)).floatValue()), r.get(5)));
            }
            java.util.Collections.reverse(rows);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", List.of("node", "cell", "ts", "prb", "thr", "ues"));
        m.put("rows", rows);
        return m;
    }

    private static double round1(float v) {
        return Math.round(v * 10) / 10.0;
    }

    private HttpResponse asset(String name, String contentType) {
        byte[] body = assets.computeIfAbsent(name, n -> {
            try (InputStream in = DashboardApi.class.getResourceAsStream("/io/jric/server/dashboard/" + n)) {
                if (in == null) throw new IllegalStateException("missing resource dashboard/" + n);
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return HttpResponse.text(200, new String(body, StandardCharsets.UTF_8))
                .withHeader("Content-Type", contentType)
                .withHeader("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                        + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Referrer-Policy", "no-referrer");
    }

    /** Stops the ticker and ends every stream. */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (HttpResponse.ResponseStream s : subscribers) s.close();
    }

    /** Control-log keys from a time on (the key's high bits are its milliseconds). */
    static final class KeyAtLeast implements IgniteBiPredicate<Long, ControlLogEntry> {
        private static final long serialVersionUID = 1L;
        private final long min;

        KeyAtLeast(long min) {
            this.min = min;
        }

        @Override
        public boolean apply(Long key, ControlLogEntry value) {
            return key >= min;
        }
    }
}
