package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test xApp that enforces every policy unless the policy says {@code "refuse": true} (then it
 * answers NOT_ENFORCED with the policy's {@code note}, or "told to refuse"). Every event it gets is
 * recorded under the xApp's name, so tests see what was delivered.
 */
public final class A1ProbeXapp implements Xapp {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, List<PolicyEvent>> EVENTS = new ConcurrentHashMap<>();
    /**
     * Like the ML xApps, the probe keeps ONE policy per xApp: the last one delivered, replaced by the
     * defaults (absent here) when a delete is delivered. By xApp name; the policy id and its JSON.
     */
    static final Map<String, String[]> IN_FORCE = new ConcurrentHashMap<>();

    /** What the probe enforces: {@code "<policyId> <json>"}, or "defaults". */
    static String inForce(String xapp) {
        String[] p = IN_FORCE.get(xapp);
        return p == null ? "defaults" : p[0] + " " + p[1];
    }

    static List<PolicyEvent> events(String xapp) {
        return EVENTS.computeIfAbsent(xapp, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void start(XappContext ctx) {
        String name = ctx.descriptor().name();
        ctx.onPolicy(e -> {
            events(name).add(e);
            if (e.deleted()) {
                IN_FORCE.remove(name);
                return PolicyStatus.enforced();
            }
            try {
                JsonNode n = JSON.readTree(e.json());
                if (n.path("refuse").asBoolean(false)) {
                    return PolicyStatus.notEnforced(n.path("note").asText("told to refuse"));
                }
                IN_FORCE.put(name, new String[] {e.policyId(), n.toString()});
                return PolicyStatus.enforced();
            } catch (Exception ex) {
                return PolicyStatus.notEnforced("unreadable policy: " + ex.getMessage());
            }
        });
    }

    /** Provider id {@code a1-probe}. */
    public static final class Provider implements XappProvider {
        @Override
        public String id() {
            return "a1-probe";
        }

        @Override
        public Xapp create() {
            return new A1ProbeXapp();
        }
    }

    /** The probe's policy type 20001: {@code {threshold: 0..100 (required), refuse?, note?}}. */
    static final String THRESHOLD_TYPE = """
            {"id":"20001","name":"probe threshold","description":"A threshold the probe enforces",
             "schema":{"type":"object","additionalProperties":false,"required":["threshold"],
               "properties":{"threshold":{"type":"integer","minimum":0,"maximum":100},
                             "refuse":{"type":"boolean"},"note":{"type":"string","maxLength":200},
                             "mode":{"enum":["fast","slow"]}}}}""";

    /** A descriptor of the probe with the given policy types (JSON objects, comma-joined). */
    static String descriptor(String name, String version, String... policyTypes) {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"a1-probe\"},\"queueCapacity\":64,"
                + "\"policyTypes\":[" + String.join(",", policyTypes) + "]}";
    }
}
