package io.jric.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Static checks of deploy/docker-compose.yml and deploy/grafana/jric-dashboard.json (no container
 * engine here): the compose grid's configuration uses only keys the RIC knows and names both nodes;
 * the dashboard queries only the RIC's metric families, and every family has a panel.
 */
class ComposeAndDashboardTest {
    /** The metric families /metrics exports (issue #14; docs/operations.md). */
    static final Set<String> FAMILIES = Set.of(
            "jric_e2_nodes_connected", "jric_e2_node_connected", "jric_e2_setups_total", "jric_e2_indications_total",
            "jric_e2_error_indications_total", "jric_e2_decode_failures_total", "jric_e2_controls_total",
            "jric_ingest_records_total", "jric_ingest_backlog_records", "jric_ingest_latency_seconds",
            "jric_xapp_reports_total", "jric_xapp_drops_total", "jric_xapp_errors_total", "jric_xapp_queue_depth",
            "jric_xapp_handler_latency_seconds", "jric_xapp_controls_total", "jric_xapp_model_version",
            "jric_control_router_refused_total", "jric_control_router_conflicts_total",
            "jric_control_router_guardrail_hits_total", "jric_a1_policy_instances", "jric_a1_requests_total",
            "jric_grid_server_nodes", "jric_grid_cache_entries", "jric_grid_region_used_bytes",
            "jric_telemetry_spans_total");
    static final Set<String> HISTOGRAMS = Set.of("jric_ingest_latency_seconds", "jric_xapp_handler_latency_seconds");

    private static final Path DEPLOY = Path.of(System.getProperty("deploy.dir", "../deploy")).toAbsolutePath().normalize();

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoGridNodesOnKnownKeys() throws IOException {
        Map<String, Object> compose = (Map<String, Object>) load(DEPLOY.resolve("docker-compose.yml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Set<String> known = properties(DEPLOY.resolve("ric.conf.sample")).stringPropertyNames();

        Properties shared = properties(DEPLOY.resolve("compose/ric.conf"));
        for (String k : shared.stringPropertyNames()) assertTrue(known.contains(k), "compose/ric.conf: unknown key " + k);
        assertEquals(List.of("ric-1:47500", "ric-2:47500"), List.of(shared.getProperty("grid.addresses").split(",")));
        assertEquals("0.0.0.0", shared.getProperty("http.host"), "the healthcheck and the host reach HTTP");

        Set<String> instances = new TreeSet<>();
        for (String name : List.of("ric-1", "ric-2")) {
            Map<String, Object> svc = (Map<String, Object>) services.get(name);
            assertTrue(svc != null, "service " + name);
            List<String> cmd = (List<String>) svc.get("command");
            assertEquals("run", cmd.get(0), name + " runs `ric run`");
            assertTrue(cmd.contains("--config=/opt/jric/ric.conf"));
            Map<String, String> sets = cmd.stream().filter(a -> a.startsWith("--set="))
                    .map(a -> a.substring("--set=".length()))
                    .collect(Collectors.toMap(a -> a.substring(0, a.indexOf('=')), a -> a.substring(a.indexOf('=') + 1)));
            sets.keySet().forEach(k -> assertTrue(known.contains(k), name + ": unknown key " + k));
            assertEquals(name, sets.get("grid.localHost"), name + " announces its service name");
            instances.add(sets.get("grid.instance"));
            List<String> ports = (List<String>) svc.get("ports");
            assertTrue(ports.stream().anyMatch(p -> p.endsWith(":36421/sctp")), name + " publishes E2 over SCTP");
            assertTrue(ports.stream().anyMatch(p -> p.endsWith(":36421/tcp")), name + " publishes E2 over gRPC");
        }
        assertEquals(Set.of("ric-1", "ric-2"), instances, "distinct grid.instance per node");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboardQueriesEveryFamilyAndNothingElse() throws IOException {
        Map<String, Object> dash = (Map<String, Object>) load(DEPLOY.resolve("grafana/jric-dashboard.json"));
        List<String> exprs = new ArrayList<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) dash.get("panels")) {
            List<Map<String, Object>> targets = (List<Map<String, Object>>) p.get("targets");
            if (targets != null) targets.forEach(t -> exprs.add((String) t.get("expr")));
        }
        assertFalse(exprs.isEmpty());
        Set<String> used = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bjric_[a-z0-9_]+");
        for (String e : exprs) {
            Matcher m = metric.matcher(e);
            while (m.find()) {
                String name = m.group();
                String family = name.replaceFirst("_(bucket|sum|count)$", "");
                assertTrue(FAMILIES.contains(family), "dashboard queries unknown metric " + name + " in " + e);
                if (!family.equals(name)) assertTrue(HISTOGRAMS.contains(family), name + ": not a histogram");
                if (HISTOGRAMS.contains(family)) assertTrue(name.endsWith("_bucket"), "histogram " + family + " is queried by its buckets");
                used.add(family);
            }
            assertEquals(count(e, '('), count(e, ')'), "unbalanced parentheses in " + e);
        }
        Set<String> missing = new TreeSet<>(FAMILIES);
        missing.removeAll(used);
        assertEquals(Set.of(), missing, "metric families without a panel");
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    private static Object load(Path file) throws IOException {
        return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
