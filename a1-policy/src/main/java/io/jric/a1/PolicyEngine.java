package io.jric.a1;

import com.fasterxml.jackson.databind.JsonNode;
import io.jric.a1.Records.Answer;
import io.jric.a1.Records.OperatorType;
import io.jric.a1.Records.PolicyRecord;
import io.jric.a1.Records.Status;
import io.jric.a1.TypeRegistry.Declared;
import io.jric.a1.TypeRegistry.Kind;
import io.jric.a1.TypeRegistry.PolicyType;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.http.HttpProblem;
import io.jric.core.internal.xapp.XappManager;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The A1 policy logic both REST flavours share: create/update/delete of instances with
 * validation, delivery to the providing xApps and status bookkeeping; operator-defined types;
 * reactions to xApps coming and going.
 *
 * <p>Several instances of one xApp-provided type: exactly one is in force at a time, the one
 * created or whose body changed last ({@link PolicyRecord#precedes}). Only it is delivered to the
 * xApps; the others read NOT_ENFORCED naming it. When it is deleted the next one by the same rule is
 * delivered and becomes ENFORCED; when the last one goes the xApps get the delete (their defaults).
 * The built-in guard-rails type is per scope instead (one instance per scope, all in force).
 *
 * <p>Concurrency: every change runs under its type's write lock (striped by type id), because
 * under the rule above a change of one instance changes the status of the others. Locks are per
 * RIC process; the grid entry is the shared truth between nodes.
 */
final class PolicyEngine {
    private static final Logger LOG = Logger.getLogger(PolicyEngine.class.getName());
    private static final int MAX_POLICY_ID = 128;

    /** What a PUT did. */
    record PutResult(boolean created, PolicyRecord record) {}

    private final XappManager xapps;
    private final TypeRegistry types;
    private final PolicyStore store;
    private final Notifier notifier;
    private final GuardRailPolicies guardRails;
    private final Duration deliveryTimeout;
    private final ReentrantReadWriteLock[] typeLocks = new ReentrantReadWriteLock[16];

    PolicyEngine(XappManager xapps, TypeRegistry types, PolicyStore store, Notifier notifier,
                 GuardRailPolicies guardRails, Duration deliveryTimeout) {
        this.xapps = xapps;
        this.types = types;
        this.store = store;
        this.notifier = notifier;
        this.guardRails = guardRails;
        this.deliveryTimeout = deliveryTimeout;
        for (int i = 0; i < typeLocks.length; i++) typeLocks[i] = new ReentrantReadWriteLock();
    }

    private ReentrantReadWriteLock typeLock(String typeId) {
        return typeLocks[Math.floorMod(typeId.hashCode(), typeLocks.length)];
    }

    // ---------------------------------------------------------------- reads

    PolicyType type(String typeId) {
        return types.find(typeId).orElseThrow(() -> HttpProblem.notFound("policy type " + typeId + " not found"));
    }

    List<String> ids(String typeId) {
        type(typeId);
        return store.policies(typeId).stream().map(PolicyRecord::policyId).toList();
    }

    PolicyRecord get(String typeId, String policyId) {
        type(typeId);
        return store.policy(typeId, policyId).orElseThrow(() -> HttpProblem.notFound(
                "policy " + policyId + " of policy type " + typeId + " not found"));
    }

    // ---------------------------------------------------------------- instance changes

    static void checkPolicyId(String policyId) {
        if (policyId.length() > MAX_POLICY_ID || policyId.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/')) {
            throw HttpProblem.badRequest("policy id must be 1.." + MAX_POLICY_ID
                    + " characters without '/' or control characters").with("problems", List.of(
                    SchemaCheck.problem("/policyId", "pattern", Records.JSON.getNodeFactory().textNode(
                            policyId.length() > 80 ? policyId.substring(0, 80) + "..." : policyId),
                            "1.." + MAX_POLICY_ID + " characters without '/' or control characters")));
        }
    }

    /** A validated, absolute http(s) URI, or null when none was given. */
    static String checkDestination(String dest) {
        if (dest == null) return null;
        try {
            URI u = new URI(dest);
            if (u.isAbsolute() && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null) {
                return dest;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw HttpProblem.badRequest("notificationDestination must be an absolute http or https URI, was \"" + dest + "\"")
                .with("problems", List.of(SchemaCheck.problem("notificationDestination", "format",
                        Records.JSON.getNodeFactory().textNode(dest), "an absolute http or https URI")));
    }

    /** Validates the body against the type's schema; 400 listing every problem. */
    static void validate(PolicyType t, JsonNode body) {
        List<Map<String, Object>> problems = SchemaCheck.validate(t.schema(), t.defaultDialect(), body);
        if (!problems.isEmpty()) {
            throw HttpProblem.badRequest("policy does not satisfy the schema of policy type " + t.id() + ": "
                    + problems.get(0).get("message")
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more, see problems)" : ""))
                    .with("problems", problems);
        }
    }

    PutResult put(String typeId, String policyId, JsonNode body, String destination) {
        checkPolicyId(policyId);
        String dest = checkDestination(destination);
        PolicyType t0 = type(typeId);
        validate(t0, body);
        // Whole-type lock: under the one-in-force rule a change of one instance changes the others' status.
        ReentrantReadWriteLock tl = typeLock(typeId);
        tl.writeLock().lock();
        try {
            PolicyType t = types.find(typeId).orElseThrow(() -> HttpProblem.conflict(
                    "policy type " + typeId + " was removed while the request was handled"));
            if (!t.schema().equals(t0.schema())) {
                throw HttpProblem.conflict("policy type " + typeId + " changed while the request was handled; retry");
            }
            List<PolicyRecord> existing = store.policies(typeId);
            Optional<PolicyRecord> old = existing.stream().filter(r -> r.policyId().equals(policyId)).findFirst();
            boolean sameBody = old.isPresent() && old.get().body().equals(body);
            if (sameBody && (dest == null || dest.equals(old.get().notificationDestination()))) {
                // Idempotent repeat: nothing is stored and the order of the instances stays. The instance
                // in force is delivered again, so a repeat restores what the xApp enforces.
                if (t.kind() == Kind.XAPP && inForce(existing).policyId().equals(policyId)) {
                    return new PutResult(false, settleXappType(t, null, true, policyId));
                }
                return new PutResult(false, old.get());
            }
            if (t.kind() == Kind.BUILTIN) guardRails.check(policyId, body, existing);
            long now = System.currentTimeMillis();
            // A new body is the newest instance of its type, even if another node's clock ran ahead.
            long changedAt = sameBody ? old.get().changedAt()
                    : Math.max(now, existing.stream().mapToLong(PolicyRecord::changedAt).max().orElse(0) + 1);
            PolicyRecord rec = old.map(o -> new PolicyRecord(typeId, policyId, body,
                            dest != null ? dest : o.notificationDestination(), o.enforced(), o.reason(), o.answers(),
                            o.createdAt(), now, changedAt))
                    .orElseGet(() -> new PolicyRecord(typeId, policyId, body, dest, false,
                            "not yet delivered", Map.of(), now, now, changedAt));
            store.put(rec); // durable before anyone is told
            if (t.kind() == Kind.XAPP) {
                if (!inForce(store.policies(typeId)).policyId().equals(policyId)) {
                    return new PutResult(old.isEmpty(), rec); // only its destination changed; still not in force
                }
                return new PutResult(old.isEmpty(), settleXappType(t, null, true, policyId));
            }
            Status before = old.map(PolicyRecord::status).orElse(null);
            JsonNode previousBody = old.map(PolicyRecord::body).orElse(null);
            PolicyRecord settled = deliver(t, rec, previousBody, t.providers(), before);
            return new PutResult(old.isEmpty(), settled);
        } finally {
            tl.writeLock().unlock();
        }
    }

    void delete(String typeId, String policyId) {
        type(typeId);
        ReentrantReadWriteLock tl = typeLock(typeId);
        tl.writeLock().lock();
        try {
            PolicyType t = type(typeId);
            List<PolicyRecord> all = store.policies(typeId);
            PolicyRecord rec = all.stream().filter(r -> r.policyId().equals(policyId)).findFirst()
                    .orElseThrow(() -> HttpProblem.notFound("policy " + policyId + " of policy type " + typeId + " not found"));
            boolean wasInForce = inForce(all).policyId().equals(policyId);
            store.remove(rec);
            if (t.kind() == Kind.BUILTIN) {
                guardRails.clear(rec.body(), policyId);
            } else if (t.kind() == Kind.XAPP) {
                if (!wasInForce) return; // the xApps never had it: nothing changes for them
                if (all.size() > 1) {
                    settleXappType(t, null, true, null); // the next instance by the rule takes over
                    return;
                }
                PolicyEvent gone = new PolicyEvent(typeId, policyId, null, true); // the last one: back to defaults
                for (String x : t.providers()) deliverTo(x, gone);
            }
        } finally {
            tl.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- several instances of one xApp type

    /**
     * The instance in force among the instances of an xApp policy type: the one created or whose
     * body changed last ({@link PolicyRecord#precedes}); null when there is none.
     */
    static PolicyRecord inForce(List<PolicyRecord> instances) {
        PolicyRecord best = null;
        for (PolicyRecord r : instances) {
            if (best == null || r.precedes(best)) best = r;
        }
        return best;
    }

    /**
     * The status of an instance of an xApp type that is not the one in force: NOT_ENFORCED naming the
     * one in force (and, when that one is not enforced either, why).
     */
    static Status notInForce(PolicyType t, PolicyRecord inForce) {
        return Status.notEnforced("policy " + inForce.policyId() + " of policy type " + t.id()
                + " is the one in force (one instance per policy type: the one created or changed last)"
                + (inForce.enforced() ? "" : "; it is not enforced either: " + inForce.reason()));
    }

    /**
     * Settles every instance of an xApp-provided type under the one-in-force rule. The instance in
     * force is delivered to {@code to} (null: every provider) when {@code deliver}, else its status is
     * recomputed from the answers it has; then every other instance becomes NOT_ENFORCED naming it
     * (its answers are dropped: the xApps do not hold it). Changed statuses are stored and notified.
     * Caller holds the type's write lock.
     *
     * @return the settled record of {@code policyId}, or null
     */
    private PolicyRecord settleXappType(PolicyType t, List<String> to, boolean deliver, String policyId) {
        List<PolicyRecord> all = store.policies(t.id());
        PolicyRecord active = inForce(all);
        if (active == null) return null;
        if (deliver) {
            List<String> targets = to == null ? t.providers() : to.stream().filter(t.providers()::contains).toList();
            active = deliver(t, active, null, targets, active.status());
        } else {
            Map<String, Map<String, Answer>> answers = new TreeMap<>(active.answers());
            answers.keySet().retainAll(t.providers());
            active = settle(active, aggregate(t, answers), answers);
        }
        PolicyRecord out = active.policyId().equals(policyId) ? active : null;
        Status other = notInForce(t, active);
        for (PolicyRecord r : all) {
            if (r.policyId().equals(active.policyId())) continue;
            PolicyRecord s = other.equals(r.status()) && r.answers().isEmpty() ? r : settle(r, other, Map.of());
            if (r.policyId().equals(policyId)) out = s;
        }
        return out;
    }

    /**
     * Delivers an instance to some providers (all of them, or the one that just started), records
     * their answers, settles the status, stores it and notifies if it changed. Caller holds the locks.
     */
    private PolicyRecord deliver(PolicyType t, PolicyRecord rec, JsonNode previousBody, List<String> to, Status before) {
        Map<String, Map<String, Answer>> answers = new TreeMap<>(rec.answers());
        Status builtin = null;
        if (t.kind() == Kind.BUILTIN) {
            try {
                builtin = guardRails.apply(previousBody, rec.policyId(), rec.body());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A1: guard rail " + rec.policyId() + " could not be written", e);
                builtin = Status.notEnforced("the guard rail could not be written: " + e.getMessage());
            }
        } else {
            PolicyEvent ev = new PolicyEvent(t.id(), rec.policyId(), rec.body().toString(), false);
            for (String x : to) answers.put(x, deliverTo(x, ev));
        }
        answers.keySet().retainAll(t.providers());
        Status s = builtin != null ? builtin : aggregate(t, answers);
        PolicyRecord settled = rec.withStatus(s, answers, System.currentTimeMillis());
        store.put(settled);
        if (!s.equals(before) && settled.notificationDestination() != null) {
            notifier.notify(settled.key(), settled.notificationDestination(), s.toA1());
        }
        return settled;
    }

    private Map<String, Answer> deliverTo(String xapp, PolicyEvent ev) {
        try {
            Map<String, Answer> out = new TreeMap<>();
            for (Map.Entry<String, PolicyStatus> e : xapps.deliverPolicy(xapp, ev, deliveryTimeout).entrySet()) {
                PolicyStatus ps = e.getValue();
                out.put(e.getKey(), ps == null ? new Answer(false, "no answer") : new Answer(ps.isEnforced(), ps.reason()));
            }
            return out;
        } catch (NoSuchElementException e) {
            return Map.of();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A1: delivery of policy " + ev.policyId() + " to xApp " + xapp + " failed", e);
            return Map.of("xApp " + xapp, new Answer(false, "delivery failed: " + e.getMessage()));
        }
    }

    /**
     * ENFORCED when every instance of every providing xApp answered that it enforces the policy;
     * otherwise NOT_ENFORCED with the reasons ({@code <instance>: <reason>}, joined by "; ").
     */
    static Status aggregate(PolicyType t, Map<String, Map<String, Answer>> answers) {
        if (t.providers().isEmpty()) return Status.notEnforced("no xApp provides policy type " + t.id());
        List<String> why = new ArrayList<>();
        for (String x : t.providers()) {
            Map<String, Answer> m = answers.get(x);
            if (m == null || m.isEmpty()) {
                why.add("no running instance of xApp " + x + " answered");
                continue;
            }
            m.forEach((inst, a) -> {
                if (!a.enforced()) why.add(inst + ": " + a.reason());
            });
        }
        return why.isEmpty() ? Status.OK : Status.notEnforced(String.join("; ", why));
    }

    // ---------------------------------------------------------------- operator types (O-RAN SC flavour)

    void createOperatorType(OperatorType t) {
        ReentrantReadWriteLock tl = typeLock(t.id());
        tl.writeLock().lock();
        try {
            Optional<PolicyType> existing = types.find(t.id());
            if (existing.isPresent()) {
                PolicyType e = existing.get();
                throw HttpProblem.badRequest("policy type " + t.id() + " exists already"
                        + (e.kind() == Kind.XAPP ? " (provided by xApp " + String.join(", ", e.providers()) + ")" : "")
                        + "; to replace it, DELETE it first");
            }
            store.putType(t);
        } finally {
            tl.writeLock().unlock();
        }
        resettle(t.id(), null);
    }

    void deleteOperatorType(String id) {
        ReentrantReadWriteLock tl = typeLock(id);
        tl.writeLock().lock();
        try {
            PolicyType t = type(id);
            if (!t.operatorDefined()) {
                throw HttpProblem.badRequest("policy type " + id + " is "
                        + (t.kind() == Kind.BUILTIN ? "built in" : "provided by xApp " + String.join(", ", t.providers()))
                        + " and can only go with it");
            }
            List<PolicyRecord> instances = store.policies(id);
            if (!instances.isEmpty() && t.kind() == Kind.OPERATOR) {
                throw HttpProblem.badRequest("policy type " + id + " still has " + instances.size()
                        + " instance(s); delete them first").with("policies",
                        instances.stream().map(PolicyRecord::policyId).toList());
            }
            store.removeType(store.type(id).orElseThrow());
        } finally {
            tl.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- xApp lifecycle (run on the lifecycle thread)

    /** An instance of {@code xapp} started: it gets the instance in force of each of its types. */
    void xappStarted(String xapp) {
        for (Declared d : types.declaredBy(xapp)) resettle(d.id(), List.of(xapp));
    }

    /**
     * An xApp was installed or upgraded: default instances of its types that have none are
     * created; types it no longer declares are handled as if it had been removed.
     */
    void xappInstalled(String xapp, List<Declared> declared) {
        for (Declared d : declared) {
            if (d.defaultInstance() == null || !store.policies(d.id()).isEmpty()) continue;
            try {
                put(d.id(), "default", d.defaultInstance(), null);
                LOG.info(() -> "A1: default instance of policy type " + d.id() + " created for xApp " + xapp);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A1: default instance of policy type " + d.id() + " not created: " + e.getMessage());
            }
        }
        List<String> still = declared.stream().map(Declared::id).toList();
        for (PolicyRecord r : store.allPolicies()) {
            if (r.answers().containsKey(xapp) && !still.contains(r.typeId())) xappGone(xapp, r.typeId());
        }
    }

    /** An xApp was removed: each of its types goes with it unless someone else still provides it. */
    void xappRemoved(String xapp, List<String> typeIds) {
        for (String id : typeIds) xappGone(xapp, id);
    }

    /**
     * The xApp no longer provides {@code typeId}. If the type still exists (another xApp, an
     * operator definition), its instances stay and their status is settled again; otherwise they
     * are deleted and their notification destinations told NOT_ENFORCED
     * "policy type removed with xApp &lt;name&gt;".
     */
    private void xappGone(String xapp, String typeId) {
        ReentrantReadWriteLock tl = typeLock(typeId);
        tl.writeLock().lock();
        try {
            Optional<PolicyType> t = types.find(typeId);
            if (t.isPresent() && t.get().kind() == Kind.XAPP) {
                settleXappType(t.get(), List.of(), false, null);
                return;
            }
            for (PolicyRecord r : store.policies(typeId)) {
                if (t.isPresent()) {
                    Map<String, Map<String, Answer>> answers = new TreeMap<>(r.answers());
                    answers.keySet().retainAll(t.get().providers());
                    Status s = t.get().kind() == Kind.BUILTIN ? r.status() : aggregate(t.get(), answers);
                    settle(r, s, answers);
                } else {
                    store.remove(r);
                    Status s = Status.notEnforced("policy type removed with xApp " + xapp);
                    if (r.notificationDestination() != null) notifier.notify(r.key(), r.notificationDestination(), s.toA1());
                    LOG.info(() -> "A1: policy " + r.key() + " deleted: policy type removed with xApp " + xapp);
                }
            }
        } finally {
            tl.writeLock().unlock();
        }
    }

    private PolicyRecord settle(PolicyRecord r, Status s, Map<String, Map<String, Answer>> answers) {
        PolicyRecord settled = r.withStatus(s, answers, System.currentTimeMillis());
        store.put(settled);
        if (!s.equals(r.status()) && r.notificationDestination() != null) {
            notifier.notify(r.key(), r.notificationDestination(), s.toA1());
        }
        return settled;
    }

    /**
     * Delivers the stored instances of a type again (to {@code to}, or to every provider when null)
     * and settles their statuses; for an xApp type only the instance in force is delivered.
     */
    void resettle(String typeId, List<String> to) {
        Optional<PolicyType> t0 = types.find(typeId);
        if (t0.isEmpty()) return; // held until a provider of its type is back
        ReentrantReadWriteLock tl = typeLock(typeId);
        tl.writeLock().lock();
        try {
            Optional<PolicyType> t = types.find(typeId);
            if (t.isEmpty()) return;
            if (t.get().kind() == Kind.XAPP) {
                settleXappType(t.get(), to, true, null);
                return;
            }
            for (PolicyRecord r : store.policies(typeId)) {
                List<String> targets = to == null ? t.get().providers()
                        : to.stream().filter(t.get().providers()::contains).toList();
                deliver(t.get(), r, null, targets, r.status());
            }
        } finally {
            tl.writeLock().unlock();
        }
    }

    /** After a start: the stored instances of every known type are delivered again (guard rails rewritten). */
    void resyncAll() {
        for (String typeId : new java.util.TreeSet<>(store.allPolicies().stream().map(PolicyRecord::typeId).toList())) {
            try {
                resettle(typeId, null);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A1: the policies of type " + typeId + " could not be delivered again: " + e.getMessage());
            }
        }
    }
}
