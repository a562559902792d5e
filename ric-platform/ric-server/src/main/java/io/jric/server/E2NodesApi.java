package io.jric.server;

import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2NodeService;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.http.HttpResponse;
import io.jric.core.internal.http.Router;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The admin API's view of the E2 nodes: {@code GET /ric/v1/e2/nodes} and {@code /ric/v1/e2/nodes/{id}},
 * with how each node is connected (transport, E2AP encoding) and the service model version it speaks
 * for each RAN function.
 */
final class E2NodesApi {
    private final E2NodeService nodes;

    E2NodesApi(E2NodeService nodes) {
        this.nodes = nodes;
    }

    Router register(Router r) {
        return r.get("/ric/v1/e2/nodes", req -> HttpResponse.ok(list()))
                .get("/ric/v1/e2/nodes/{id}", req -> {
                    String id = req.pathParam("id");
                    for (E2NodeInfo n : nodes.nodes()) {
                        if (n.nodeId().equals(id)) return HttpResponse.ok(view(n));
                    }
                    throw HttpProblem.notFound("no E2 node " + id);
                });
    }

    private List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (E2NodeInfo n : nodes.nodes()) out.add(view(n));
        out.sort((a, b) -> String.valueOf(a.get("nodeId")).compareTo(String.valueOf(b.get("nodeId"))));
        return out;
    }

    static Map<String, Object> view(E2NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nodeId", n.nodeId());
        m.put("connected", n.connected());
        m.put("connectedSince", Instant.ofEpochMilli(n.connectedSinceMs()).toString());
        if (n.disconnectedAtMs() > 0) m.put("disconnectedAt", Instant.ofEpochMilli(n.disconnectedAtMs()).toString());
        m.put("peer", n.peer());
        m.put("transport", n.transport());
        m.put("cells", n.cellIds().size());
        List<Map<String, Object>> fs = new ArrayList<>();
        for (RanFunctionInfo f : n.ranFunctions()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("ranFunctionId", f.ranFunctionId());
            fm.put("revision", f.revision());
            fm.put("oid", f.oid());
            fm.put("serviceModel", f.serviceModelVersion());
            fs.add(fm);
        }
        m.put("ranFunctions", fs);
        return m;
    }
}
