package io.jric.gateway;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import io.jric.core.internal.grid.XappRecord;
import io.jric.core.internal.xapp.XappManager;
import io.jric.proto.xapp.v1.Attached;
import io.jric.proto.xapp.v1.XappEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The remote xApps of one grid node: the proxy instances running here, the processes attached
 * to them (one stream per xApp on this node), and the policy and model questions awaiting the
 * remote's answer. Proxies find it by their grid node's name; {@link XappGatewayServer} binds it
 * to the node's {@link XappManager} and serves it over gRPC.
 */
public final class RemoteXappGateway {
    private static final Logger LOG = Logger.getLogger(RemoteXappGateway.class.getName());
    private static final ConcurrentHashMap<String, RemoteXappGateway> BY_NODE = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "xapp-gateway-timer");
        t.setDaemon(true);
        return t;
    });

    /** How long a policy waits for the remote's {@code ReportPolicyStatus}. */
    public static final Duration POLICY_ANSWER_TIMEOUT = Duration.ofSeconds(2);
    /** How long a model delivery waits for the remote's {@code ReportModelResult}. */
    public static final Duration MODEL_ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** Events buffered per attached stream before KPM reports are dropped. */
    public static final int STREAM_BUFFER = 1024;
    /** How long an attached stream waits for its xApp's instance to come back (e.g. during an upgrade). */
    static final long ORPHAN_GRACE_MS = 30_000;
    static final long ORPHAN_CHECK_MS = 100;

    final String gridNode;
    private final ConcurrentHashMap<String, RemoteXapp> instances = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ScheduledFuture<?>> orphanChecks = new ConcurrentHashMap<>();
    private final AtomicLong correlation = new AtomicLong();
    private final AtomicReference<XappManager> manager = new AtomicReference<>();

    private RemoteXappGateway(String gridNode) {
        this.gridNode = gridNode;
    }

    /** The gateway of a grid node (by its Ignite instance name), created on first use. */
    public static RemoteXappGateway forNode(String gridNode) {
        return BY_NODE.computeIfAbsent(Objects.requireNonNull(gridNode, "gridNode"), RemoteXappGateway::new);
    }

    /** A question sent to a remote process, awaiting its answer. */
    private static final class Pending {
        final String xappName;
        final Session session;
        final boolean policy;
        final CompletableFuture<String> answer = new CompletableFuture<>(); // null: yes; else the reason

        Pending(String xappName, Session session, boolean policy) {
            this.xappName = xappName;
            this.session = session;
            this.policy = policy;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Binding (XappGatewayServer)

    void bind(XappManager m) {
        if (!manager.compareAndSet(null, Objects.requireNonNull(m, "manager"))) {
            throw new IllegalStateException("an xApp gateway serves grid node " + gridNode + " already");
        }
        m.addListener(new XappManager.Listener() {
            @Override
            public void removed(XappDescriptor d) {
                if (manager.get() != m) return;
                Session s = sessions.get(d.name());
                if (s != null) endSession(s, Status.NOT_FOUND.withDescription("xApp " + d.name() + " was removed"));
            }
        });
    }

    void unbind(XappManager m, Status status) {
        if (!manager.compareAndSet(m, null)) return;
        for (Session s : new ArrayList<>(sessions.values())) endSession(s, status);
    }

    XappManager manager() {
        return manager.get();
    }

    // ---------------------------------------------------------------------------------------
    // Proxy side (RemoteXapp, on the instance's thread)

    void register(RemoteXapp x) {
        instances.put(x.instanceId(), x);
        ScheduledFuture<?> check = orphanChecks.remove(x.name());
        if (check != null) check.cancel(false);
        LOG.fine(() -> "remote xApp instance " + x.instanceId() + " registered");
    }

    void unregister(RemoteXapp x) {
        instances.remove(x.instanceId(), x);
        String name = x.name();
        if (localInstances(name).isEmpty() && sessions.containsKey(name)) watchOrphan(name);
    }

    /**
     * The xApp has no instance here any more while a process is attached: the stream stays open
     * through an upgrade (the new instance registers), ends as "removed" when the xApp is gone,
     * and as UNAVAILABLE when no instance comes back in time.
     */
    private void watchOrphan(String name) {
        long deadline = System.currentTimeMillis() + ORPHAN_GRACE_MS;
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Runnable check = () -> {
            Session s = sessions.get(name);
            if (s == null || !localInstances(name).isEmpty()) {
                cancelOrphanCheck(name, self[0]);
                return;
            }
            XappManager m = manager.get();
            boolean installed = true;
            if (m != null) {
                try {
                    m.get(name);
                } catch (NoSuchElementException e) {
                    installed = false;
                }
            }
            if (!installed) {
                endSession(s, Status.NOT_FOUND.withDescription("xApp " + name + " was removed"));
                cancelOrphanCheck(name, self[0]);
            } else if (System.currentTimeMillis() > deadline) {
                endSession(s, Status.UNAVAILABLE.withDescription("xApp " + name + " has no instance on RIC node "
                        + gridNode + " any more (moved to another node or failed to start)"));
                cancelOrphanCheck(name, self[0]);
            }
        };
        synchronized (orphanChecks) {
            self[0] = TIMER.scheduleWithFixedDelay(check, ORPHAN_CHECK_MS, ORPHAN_CHECK_MS, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> old = orphanChecks.put(name, self[0]);
            if (old != null) old.cancel(false);
        }
    }

    private void cancelOrphanCheck(String name, ScheduledFuture<?> f) {
        synchronized (orphanChecks) {
            if (f != null) {
                f.cancel(false);
                orphanChecks.remove(name, f);
            }
        }
    }

    void forwardKpm(RemoteXapp x, KpmReport r) {
        Session s = sessions.get(x.name());
        if (s == null || !s.offer(XappEvent.newBuilder().setKpmReport(ProtoMapping.kpm(r)), false)) {
            x.ctx().metrics().increment("remote.drops");
        } else {
            x.ctx().metrics().increment("remote.sent");
        }
    }

    PolicyStatus askPolicy(RemoteXapp x, PolicyEvent e) {
        String why = ask(x, true, id -> XappEvent.newBuilder().setPolicy(ProtoMapping.policy(id, e)),
                POLICY_ANSWER_TIMEOUT, "policy " + e.policyId());
        return why == null ? PolicyStatus.enforced() : PolicyStatus.notEnforced(why);
    }

    void askModel(RemoteXapp x, ModelEvent e) {
        String why = ask(x, false, id -> XappEvent.newBuilder().setModel(ProtoMapping.model(id, e)),
                MODEL_ANSWER_TIMEOUT, "model " + e.modelName() + " " + e.version());
        if (why != null) throw new IllegalStateException(why);
    }

    /** Sends a question to the attached process and waits (bounded) for its answer: null for yes, else why not. */
    private String ask(RemoteXapp x, boolean policy, java.util.function.LongFunction<XappEvent.Builder> event,
                       Duration timeout, String what) {
        String name = x.name();
        Session s = sessions.get(name);
        if (s == null) return "no process is attached to remote xApp " + name + " on RIC node " + gridNode;
        long id = correlation.incrementAndGet();
        Pending p = new Pending(name, s, policy);
        pending.put(id, p);
        try {
            if (!s.offer(event.apply(id), true)) return "the remote process of xApp " + name + " detached";
            return p.answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return "the remote process of xApp " + name + " did not answer " + what + " within "
                    + timeout.toMillis() + " ms";
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the remote process of xApp " + name;
        } finally {
            pending.remove(id);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Remote side (gRPC service)

    /** The proxy instances of an xApp on this node, by instance id. */
    List<RemoteXapp> localInstances(String name) {
        List<RemoteXapp> out = new ArrayList<>();
        for (RemoteXapp x : instances.values()) if (x.name().equals(name)) out.add(x);
        out.sort((a, b) -> a.instanceId().compareTo(b.instanceId()));
        return out;
    }

    /**
     * Checks that an xApp is installed, remote and running here; the status names what is not.
     *
     * @return the local instances (never empty)
     */
    List<RemoteXapp> requireLocal(String name) throws StatusException {
        if (name.isEmpty()) throw new StatusException(Status.INVALID_ARGUMENT.withDescription("xapp_name: empty"));
        List<RemoteXapp> local = localInstances(name);
        if (!local.isEmpty()) return local; // proxies exist only for installed remote xApps: the fast path
        XappManager m = manager.get();
        if (m == null) throw new StatusException(Status.UNAVAILABLE.withDescription("the xApp gateway is not serving"));
        XappRecord rec;
        try {
            rec = m.get(name);
        } catch (NoSuchElementException e) {
            throw new StatusException(Status.NOT_FOUND.withDescription("xApp " + name + " is not installed"));
        }
        String provider = DescriptorParser.parse(rec.descriptorJson(), null).entry().provider();
        if (!RemoteXappProvider.ID.equals(provider)) {
            throw new StatusException(Status.FAILED_PRECONDITION.withDescription("xApp " + name
                    + " is not a remote xApp (entry.provider must be \"" + RemoteXappProvider.ID + "\", is \""
                    + provider + "\")"));
        }
        throw new StatusException(Status.FAILED_PRECONDITION.withDescription("xApp " + name
                + " runs no instance on RIC node " + gridNode
                + " (it is restarting, or placed on another node: attach to that node's gateway)"));
    }

    /** Attaches a stream to an xApp; the stream's first event says so. */
    void attach(String name, String peer, ServerCallStreamObserver<XappEvent> out) throws StatusException {
        List<RemoteXapp> local = requireLocal(name);
        Session s = new Session(name, peer, out, STREAM_BUFFER);
        Attached.Builder a = Attached.newBuilder().setXappName(name).setRicNode(gridNode)
                .setDescriptorJson(DescriptorParser.toJson(local.get(0).ctx().descriptor()));
        for (RemoteXapp x : local) a.addInstanceIds(x.instanceId());
        // Holding the session's lock while it becomes visible: a report offered by an instance thread at
        // that moment waits, so ATTACHED is always the stream's first event (sequence 1).
        synchronized (s) {
            Session held = sessions.putIfAbsent(name, s);
            if (held != null) {
                throw new StatusException(Status.ALREADY_EXISTS.withDescription("xApp " + name
                        + " is attached already (by " + held.peer + " since "
                        + java.time.Instant.ofEpochMilli(held.attachedAtMs) + "); one process per xApp and RIC node"));
            }
            out.setOnReadyHandler(s::drain);
            out.setOnCancelHandler(() -> detached(s));
            s.offer(XappEvent.newBuilder().setAttached(a), true);
        }
        LOG.info(() -> "remote xApp " + name + " attached from " + peer);
    }

    private void detached(Session s) {
        s.cancelled();
        if (sessions.remove(s.xappName, s)) {
            LOG.info(() -> "remote xApp " + s.xappName + " detached (" + s.peer + ")");
        }
        failPending(s, "the remote process of xApp " + s.xappName + " detached");
    }

    private void endSession(Session s, Status status) {
        s.end(status);
        sessions.remove(s.xappName, s);
        failPending(s, status.getDescription());
        LOG.info(() -> "stream of remote xApp " + s.xappName + " ended: " + status.getCode() + " " + status.getDescription());
    }

    private void failPending(Session s, String why) {
        for (Pending p : pending.values()) if (p.session == s) p.answer.complete(why);
    }

    /** Takes a remote's answer to a policy ({@code policy}) or model question. */
    void answer(String name, long correlationId, boolean policy, boolean yes, String reason) throws StatusException {
        if (name.isEmpty()) throw new StatusException(Status.INVALID_ARGUMENT.withDescription("xapp_name: empty"));
        String kind = policy ? "policy" : "model";
        Pending p = pending.get(correlationId);
        if (p == null) {
            throw new StatusException(Status.NOT_FOUND.withDescription("correlation_id " + correlationId + ": no " + kind
                    + " event awaits an answer (answered already, timed out, or never sent)"));
        }
        if (!p.xappName.equals(name)) {
            throw new StatusException(Status.INVALID_ARGUMENT.withDescription("correlation_id " + correlationId
                    + " belongs to xApp " + p.xappName + ", not " + name));
        }
        if (p.policy != policy) {
            throw new StatusException(Status.INVALID_ARGUMENT.withDescription("correlation_id " + correlationId
                    + " is a " + (p.policy ? "policy" : "model") + " event; answer it with "
                    + (p.policy ? "ReportPolicyStatus" : "ReportModelResult")));
        }
        p.answer.complete(yes ? null : (reason.isEmpty() ? "the remote xApp " + name + " gave no reason" : reason));
    }

    /** One remote xApp as Health shows it. */
    static final class State {
        final String name;
        final List<String> instanceIds;
        final Session session;

        State(String name, List<String> instanceIds, Session session) {
            this.name = name;
            this.instanceIds = instanceIds;
            this.session = session;
        }
    }

    /** The remote xApps with an instance or an attached process on this node, by name. */
    List<State> states() {
        Map<String, List<String>> byName = new TreeMap<>();
        for (RemoteXapp x : instances.values()) byName.computeIfAbsent(x.name(), k -> new ArrayList<>()).add(x.instanceId());
        for (String n : sessions.keySet()) byName.computeIfAbsent(n, k -> new ArrayList<>());
        List<State> out = new ArrayList<>();
        byName.forEach((n, ids) -> {
            ids.sort(null);
            out.add(new State(n, ids, sessions.get(n)));
        });
        return out;
    }

    /** True when a process is attached to the xApp on this node. */
    public boolean attached(String xappName) {
        Session s = sessions.get(xappName);
        return s != null && !s.isClosed();
    }

    /** A gRPC status to answer with. */
    static final class StatusException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Status status;

        StatusException(Status status) {
            super(status.getDescription(), null, false, false);
            this.status = status;
        }
    }
}
