package io.jric.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.cache.Cache;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * The admin API's view of model drift (issue #15, item 7; docs/ml-lifecycle.md):
 *
 * <pre>
 * GET /ric/v1/drift[?xapp=X][&amp;limit=N]   the drift findings the ML xApps published (newest first, N default 100,
 *                                         at most 1000) and each instance's drift watch now
 * </pre>
 *
 * <p>Findings are what the xApps' {@code DriftMonitor}s publish to the grid cache {@value #CACHE} (raised and
 * cleared, of the inputs or of the prediction error), kept 60 minutes. The watch is read from the instances'
 * {@code drift.*} metrics: whether the active model has a reference, whether drift is raised, the rows in the
 * window, the largest PSI and each feature's PSI (the metrics hold thousandths).
 */
final class DriftApi {
    static final String PATH = "/ric/v1/drift";
    /** The grid cache the xApps publish drift findings to ({@code io.jric.xapps.ml.DriftMonitor#FINDINGS}). */
    static final String CACHE = "ric.ml.drift";
    static final int MAX_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RicGrid grid;
    private final XappManager xapps;

    DriftApi(RicGrid grid, XappManager xapps) {
        this.grid = grid;
        this.xapps = xapps;
    }

    Router register(Router r) {
        return r.get(PATH, req -> {
            String xapp = req.query("xapp").orElse(null);
            String l = req.query("limit").orElse("100");
            int limit;
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw HttpProblem.badRequest("limit: " + l + " (expected: 1.." + MAX_LIMIT + ")");
            }
            if (limit < 1 || limit > MAX_LIMIT) throw HttpProblem.badRequest("limit: " + l + " (expected: 1.." + MAX_LIMIT + ")");
            if (xapp != null && xapps.list().stream().noneMatch(x -> x.name().equals(xapp))) {
                throw HttpProblem.notFound("no xApp " + xapp);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("findings", findings(xapp, limit));
            body.put("watch", watch(xapp));
            return HttpResponse.ok(body);
        });
    }

    /** The findings in the grid, newest first. */
    List<JsonNode> findings(String xapp, int limit) {
        List<JsonNode> out = new ArrayList<>();
        IgniteCache<String, String> c = grid.ignite().cache(CACHE);
        if (c == null) return out;
        for (Cache.Entry<String, String> e : c.query(new ScanQuery<String, String>())) {
            try {
                JsonNode n = JSON.readTree(e.getValue());
                if (xapp == null || xapp.equals(n.path("xapp").asText())) out.add(n);
            } catch (IOException ex) {
                // not a finding: skip it
            }
        }
        out.sort((a, b) -> Long.compare(b.path("timeMs").asLong(), a.path("timeMs").asLong()));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    /** Each instance's drift watch, from its {@code drift.*} metrics; instances without a monitor are left out. */
    private List<Map<String, Object>> watch(String xapp) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (XappRecord x : xapps.list()) {
            if (xapp != null && !xapp.equals(x.name())) continue;
            for (XappHost.InstanceStatus s : xapps.status(x.name())) {
                if (!s.metrics.containsKey("drift.reference")) continue;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("xapp", s.xapp);
                m.put("instance", s.instanceId);
                m.put("reference", s.metrics.getOrDefault("drift.reference", 0L) == 1);
                m.put("drifting", s.metrics.getOrDefault("drift.drifting", 0L) == 1);
                m.put("errorDrifting", s.metrics.getOrDefault("drift.errorDrifting", 0L) == 1);
                m.put("samples", s.metrics.getOrDefault("drift.samples", 0L));
                m.put("evaluations", s.metrics.getOrDefault("drift.evaluations", 0L));
                m.put("findings", s.metrics.getOrDefault("drift.findings", 0L));
                m.put("psiMax", s.metrics.getOrDefault("drift.psiMax", 0L) / 1000.0);
                Map<String, Double> psi = new TreeMap<>();
                Map<String, Double> err = new TreeMap<>();
                s.metrics.forEach((k, v) -> {
                    if (k.startsWith("drift.psi.")) psi.put(k.substring("drift.psi.".length()), v / 1000.0);
                    if (k.startsWith("drift.error.") && k.endsWith(".ratio")) {
                        err.put(k.substring("drift.error.".length(), k.length() - ".ratio".length()), v / 1000.0);
                    }
                });
                m.put("psi", psi);
                m.put("errorRatio", err);
                out.add(m);
            }
        }
        return out;
    }
}
