package io.jric.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.descriptor.ControlSpec;
import io.jric.api.xapp.descriptor.ModelSpec;
import io.jric.api.xapp.descriptor.PolicyTypeSpec;
import io.jric.api.xapp.descriptor.SubscriptionSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * xApp-behaviour cases: the harness hosts the xApp in a {@link Sandbox} (an embedded RIC with
 * simulated E2 nodes behind a tap) and checks what it does against its own descriptor.
 */
public final class XappSuite implements Suite {
    static final Duration ANSWER = Duration.ofSeconds(5);

    private final XappUnderTest xapp;
    private final Duration observe;
    private final int gnbs;
    private final Map<String, CaseBody> cases = new LinkedHashMap<>();
    private Sandbox sandbox;
    private AdminClient admin;
    private AdminClient.Answer installed;

    /** Checks {@code xapp}, watching its controls for {@code observe}, on {@code gnbs} simulated gNBs. */
    public XappSuite(XappUnderTest xapp, Duration observe, int gnbs) {
        this.xapp = xapp;
        this.observe = observe;
        this.gnbs = gnbs;
        cases.put("XAPP-INST-001", this::installs);
        cases.put("XAPP-SUB-001", this::subscriptions);
        cases.put("XAPP-CTRL-001", this::controls);
        cases.put("XAPP-POL-001", this::policy);
        cases.put("XAPP-STATUS-001", this::status);
        cases.put("XAPP-MODEL-001", this::model);
    }

    @Override
    public String suite() {
        return "xapp";
    }

    @Override
    public TargetKind target() {
        return TargetKind.XAPP;
    }

    @Override
    public Map<String, CaseBody> cases() {
        return Collections.unmodifiableMap(cases);
    }

    @Override
    public synchronized void close() {
        if (sandbox != null) sandbox.close();
        sandbox = null;
    }

    private String name() {
        return xapp.descriptor().name();
    }

    /** The sandbox with the xApp installed (started and installed by the first case that needs it). */
    private synchronized Sandbox ready(CaseContext ctx) throws Exception {
        if (sandbox == null) {
            ctx.note("starting the sandbox RIC with " + gnbs + " simulated gNBs");
            sandbox = Sandbox.start(gnbs);
            admin = new AdminClient(sandbox.ric.admin());
            ctx.note("sandbox nodes: " + sandbox.nodeIds());
        }
        if (installed == null) {
            ctx.note("installing " + xapp.source());
            installed = admin.install(ctx, AdminClient.JSON.readTree(xapp.descriptorJson()), xapp.jar());
        }
        if (installed.status() != 201) {
            throw new CaseFailure("the xApp did not install in the sandbox: " + installed.brief() + " (expected: 201)");
        }
        return sandbox;
    }

    private void installs(CaseContext ctx) throws Exception {
        ready(ctx);
    }

    // ------------------------------------------------------------------ subscriptions

    private record Sub(String nodeId, int periodMs, int style) {
        @Override
        public String toString() {
            return nodeId + " every " + periodMs + " ms style " + style;
        }
    }

    private Set<Sub> expectedSubscriptions(CaseContext ctx, List<String> nodes) {
        Set<Sub> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (SubscriptionSpec s : xapp.descriptor().subscriptions()) {
            List<String> on = s.allNodes() ? nodes : s.nodes().stream().filter(nodes::contains).collect(Collectors.toList());
            if (!s.allNodes() && on.size() < s.nodes().size()) {
                ctx.note("declared nodes not in the sandbox (not checked): "
                        + s.nodes().stream().filter(n -> !nodes.contains(n)).collect(Collectors.toList()));
            }
            for (String n : on) out.add(new Sub(n, s.reportPeriodMs(), s.style().kpmReportStyle()));
        }
        return out;
    }

    private Set<Sub> receivedSubscriptions(Sandbox s) {
        Set<Sub> out = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Sandbox.Tapped t : s.toNodes) {
            if (!t.pdu().getInitiatingMessage().hasRicSubscriptionRequest()) continue;
            RicSubscriptionRequest r = t.pdu().getInitiatingMessage().getRicSubscriptionRequest();
            out.add(new Sub(t.nodeId(), RicE2Suite.period(r), RicE2Suite.style(r)));
        }
        return out;
    }

    private void subscriptions(CaseContext ctx) throws Exception {
        Sandbox s = ready(ctx);
        Set<Sub> expected = expectedSubscriptions(ctx, s.nodeIds());
        ctx.note("declared, per sandbox node: " + expected);
        Waits.until(ctx.within(Duration.ofSeconds(10)),
                () -> receivedSubscriptions(s).containsAll(expected) ? Optional.of(true) : Optional.empty());
        // Anything extra shows up soon after the declared ones.
        Waits.until(ctx.within(Duration.ofMillis(500)), Optional::empty);
        Set<Sub> received = receivedSubscriptions(s);
        ctx.received("sandbox nodes: RICsubscriptionRequests " + received);
        List<Sub> missing = new ArrayList<>(expected);
        missing.removeAll(received);
        List<Sub> extra = new ArrayList<>(received);
        extra.removeAll(expected);
        ctx.check(missing.isEmpty() && extra.isEmpty(), "E2 subscriptions differ from the descriptor: missing " + missing
                + ", not declared " + extra);
    }

    // ------------------------------------------------------------------ controls

    private static String actionOf(RcControlMessage m) {
        return m.getActionCase().name().toLowerCase(Locale.ROOT);
    }

    private List<JsonNode> ownControlLog() {
        List<JsonNode> out = new ArrayList<>();
        AdminClient.Answer a = admin.get(null, "/ric/v1/controls?limit=10000");
        if (a.json() != null) for (JsonNode e : a.json()) if (name().equals(e.path("origin").asText())) out.add(e);
        return out;
    }

    private void controls(CaseContext ctx) throws Exception {
        Sandbox s = ready(ctx);
        Set<String> declared = new TreeSet<>();
        for (ControlSpec c : xapp.descriptor().controls()) declared.add(c.action().name().toLowerCase(Locale.ROOT));
        ctx.note("declared control actions: " + declared + "; watching for " + observe.toMillis() + " ms");
        Waits.until(ctx.within(observe), () -> ownControlLog().stream().anyMatch(e -> "REFUSED".equals(e.path("status").asText()))
                ? Optional.of(true) : Optional.empty());
        List<JsonNode> log = ownControlLog();
        ctx.received("control log entries of " + name() + ": " + log.size());
        List<String> refused = new ArrayList<>();
        for (JsonNode e : log) {
            if ("REFUSED".equals(e.path("status").asText())) {
                refused.add(e.path("action").asText() + " on " + e.path("nodeId").asText() + ": " + e.path("detail").asText());
            }
        }
        for (String r : refused) ctx.received("REFUSED " + r);
        ctx.check(refused.isEmpty(), "the xApp issued controls the RIC refused (" + refused.size() + "): " + refused);
        List<String> undeclared = new ArrayList<>();
        for (Sandbox.Tapped t : s.toNodes) {
            if (!t.pdu().getInitiatingMessage().hasRicControlRequest()) continue;
            try {
                String action = actionOf(RcControlMessage.parseFrom(t.pdu().getInitiatingMessage().getRicControlRequest().getRicControlMessage()));
                if (!declared.contains(action)) undeclared.add(action + " to " + t.nodeId());
            } catch (InvalidProtocolBufferException e) {
                undeclared.add("undecodable control to " + t.nodeId());
            }
        }
        ctx.check(undeclared.isEmpty(), "the nodes received controls the descriptor does not declare: " + undeclared);
    }

    // ------------------------------------------------------------------ policy, status, model

    private void policy(CaseContext ctx) throws Exception {
        XappDescriptor d = xapp.descriptor();
        if (d.policyTypes().isEmpty()) ctx.skip("the descriptor declares an A1 policy type (it declares none)");
        PolicyTypeSpec t = d.policyTypes().stream().filter(p -> p.defaultInstanceJson().isPresent()).findFirst()
                .orElseThrow(() -> ctx.skip("a policy type with a defaultInstance, to deliver as the instance"));
        Sandbox s = ready(ctx);
        PolicyEvent e = new PolicyEvent(t.id(), "conformance-1", t.defaultInstanceJson().orElseThrow(), false);
        ctx.sent("policy instance conformance-1 of type " + t.id() + ": " + e.json());
        Map<String, PolicyStatus> answers = s.ric.node().xapps().deliverPolicy(name(), e, ANSWER);
        for (var a : answers.entrySet()) {
            ctx.received("instance " + a.getKey() + ": " + (a.getValue().isEnforced() ? "enforced" : "not enforced: " + a.getValue().reason()));
        }
        ctx.check(!answers.isEmpty(), "no instance of the xApp took the policy (is it running?)");
        for (var a : answers.entrySet()) {
            ctx.check(a.getValue().isEnforced() || !a.getValue().reason().startsWith("no answer within"),
                    "instance " + a.getKey() + " did not answer the policy instance within " + ANSWER.toMillis() + " ms");
        }
    }

    private void requireRunning(CaseContext ctx, String when) {
        AdminClient.Answer a = admin.get(ctx, "/ric/v1/xapps/" + name());
        ctx.check(a.status() == 200 && a.json() != null, "GET /ric/v1/xapps/" + name() + " " + when + ": " + a.brief() + " (expected: 200)");
        JsonNode instances = a.json().path("instances");
        ctx.check(instances.isArray() && instances.size() > 0, "no instance in the status " + when + ": " + a.body());
        for (JsonNode i : instances) {
            ctx.check("running".equals(i.path("state").asText()), "instance " + i.path("instanceId").asText() + " is "
                    + i.path("state").asText() + " " + when + " (expected: running; lastError: " + i.path("lastError").asText() + ")");
        }
    }

    private void status(CaseContext ctx) throws Exception {
        ready(ctx);
        requireRunning(ctx, "after start");
    }

    private void model(CaseContext ctx) throws Exception {
        XappDescriptor d = xapp.descriptor();
        if (d.models().isEmpty()) ctx.skip("the descriptor declares an ML model (it declares none)");
        Sandbox s = ready(ctx);
        ModelSpec m = d.models().get(0);
        ModelEvent e = new ModelEvent(m.name(), "conformance-1", m.format().jsonName(), m.inputFeatures(),
                "jRIC conformance: not a real model".getBytes(StandardCharsets.UTF_8));
        ctx.sent("model " + m.name() + " version conformance-1 (" + m.format().jsonName() + ", " + m.inputFeatures().size() + " features)");
        Map<String, String> answers = s.ric.node().xapps().deliverModel(name(), e, ANSWER);
        for (var a : answers.entrySet()) {
            ctx.received("instance " + a.getKey() + ": " + (a.getValue() == null ? "took the model" : "rejected it: " + a.getValue()));
        }
        ctx.check(!answers.isEmpty(), "no instance of the xApp took the model update (is it running?)");
        for (var a : answers.entrySet()) {
            ctx.check(a.getValue() == null || !a.getValue().startsWith("no answer within"),
                    "instance " + a.getKey() + " did not answer the model update within " + ANSWER.toMillis() + " ms");
        }
        requireRunning(ctx, "after the model update");
    }
}
