package io.jric.core.internal.xapp;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2Caches;
import io.jric.api.e2.E2NodeService;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.lang.IgniteBiPredicate;

/**
 * Controls for E2 nodes held by another RIC process of the grid: the xApp's process checks the
 * descriptor and guard rails, then sends the request to the process holding the node (owner from
 * {@code ric.e2.owners}) over Ignite messaging; that process's {@link ControlRouter} arbitrates it
 * with every other control for the node - wherever its xApp runs - and sends it, and the outcome
 * comes back as a reply. Nothing blocks a thread while the node answers; a request without a reply
 * within the control timeout plus {@link #MARGIN_MS} completes as TIMEOUT.
 */
final class RemoteControls implements ControlRouter.Forwarder, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RemoteControls.class.getName());
    static final String REQUESTS = "jric.control.request";
    static final String REPLIES = "jric.control.reply";
    static final String RELEASES = "jric.control.release";
    static final long MARGIN_MS = 2_000;

    private final Ignite ignite;
    private final String local;
    private final IgniteCache<String, String> owners;
    private final E2NodeService nodes;
    private final ControlRouter router;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<ControlOutcome>> pending = new ConcurrentHashMap<>();
    private final IgniteBiPredicate<UUID, Object> onRequest = this::onRequest;
    private final IgniteBiPredicate<UUID, Object> onReply = this::onReply;
    private final IgniteBiPredicate<UUID, Object> onRelease = this::onRelease;

    /** A forwarded control. */
    static final class RequestMsg {
        final long id;
        final String xapp;
        final int priority;
        final ControlAction action;
        final String nodeId;
        final String target;
        final double value;
        final byte[] header;
        final byte[] message;
        final long holdNanos;
        /** W3C traceparent of the sending xApp's span (the control joins its trace); may be null. */
        final String traceparent;

        RequestMsg(long id, String xapp, int priority, ControlRouter.Request r, String traceparent) {
            this.holdNanos = r.holdNanos;
            this.traceparent = traceparent;
            this.id = id;
            this.xapp = xapp;
            this.priority = priority;
            this.action = r.action;
            this.nodeId = r.nodeId;
            this.target = r.target;
            this.value = r.value;
            this.header = r.header.toByteArray();
            this.message = r.message.toByteArray();
        }
    }

    /** Its outcome. */
    static final class ReplyMsg {
        final long id;
        final ControlStatus status;
        final String nodeId;
        final String detail;
        final byte[] outcome;
        final long roundTripNanos;

        ReplyMsg(long id, ControlOutcome o) {
            this.id = id;
            this.status = o.status();
            this.nodeId = o.nodeId();
            this.detail = o.detail();
            this.outcome = o.outcome();
            this.roundTripNanos = o.roundTripNanos();
        }
    }

    private final io.jric.core.internal.telemetry.Telemetry telemetry;

    RemoteControls(RicGrid grid, E2NodeService nodes, ControlRouter router, io.jric.core.internal.telemetry.Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.ignite = grid.ignite();
        this.local = ignite.cluster().localNode().id().toString();
        this.owners = grid.cache(E2Caches.OWNERS);
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.router = Objects.requireNonNull(router, "router");
        ignite.message().localListen(REQUESTS, onRequest);
        ignite.message().localListen(REPLIES, onReply);
        ignite.message().localListen(RELEASES, onRelease);
    }

    @Override
    public CompletableFuture<ControlOutcome> forward(String xappName, int priority, ControlRouter.Request r) {
        if (nodes.heldHere(r.nodeId)) return null;
        String owner;
        try {
            owner = owners.get(r.nodeId);
        } catch (RuntimeException e) {
            return null;
        }
        if (owner == null || owner.equals(local)) return null;
        UUID ownerId = UUID.fromString(owner);
        if (ignite.cluster().node(ownerId) == null) return null;
        long id = ids.incrementAndGet();
        CompletableFuture<ControlOutcome> f = new CompletableFuture<>();
        pending.put(id, f);
        long waitMs = router.timeout().toMillis() + MARGIN_MS;
        f.completeOnTimeout(new ControlOutcome(ControlStatus.TIMEOUT, r.nodeId, "no answer within " + waitMs
                + " ms from the RIC process holding " + r.nodeId + " (grid node " + owner + ")", null, 0), waitMs,
                TimeUnit.MILLISECONDS);
        f.whenComplete((o, err) -> {
            pending.remove(id);
            if (o != null && o.status() == ControlStatus.TIMEOUT && o.detail().startsWith("no answer within")) {
                router.logOutcome(xappName, r, o.status(), o.detail());
            }
        });
        try {
            ignite.message(ignite.cluster().forNodeId(ownerId)).send(REQUESTS, new RequestMsg(id, xappName, priority, r,
                    telemetry.currentTraceparent()));
        } catch (RuntimeException e) {
            String why = "could not reach the RIC process holding " + r.nodeId + " (grid node " + owner + "): " + e.getMessage();
            router.logOutcome(xappName, r, ControlStatus.FAILURE, why);
            f.complete(new ControlOutcome(ControlStatus.FAILURE, r.nodeId, why, null, 0));
        }
        return f;
    }

    private boolean onRequest(UUID from, Object msg) {
        if (!(msg instanceof RequestMsg)) return true;
        RequestMsg m = (RequestMsg) msg;
        CompletableFuture<ControlOutcome> o;
        try {
            ControlRouter.Request r = new ControlRouter.Request(m.action, m.nodeId, m.target, m.value,
                    RcControlHeader.parseFrom(m.header), RcControlMessage.parseFrom(m.message), Math.max(0, m.holdNanos));
            try (io.opentelemetry.context.Scope ignored = telemetry.extractTraceparent(m.traceparent).makeCurrent()) {
                o = router.arbitrateAndSend(m.xapp, m.priority, r);
            }
        } catch (Exception e) {
            o = CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.FAILURE, m.nodeId,
                    "forwarded control unreadable: " + e.getMessage(), null, 0));
        }
        o.whenComplete((outcome, err) -> {
            ControlOutcome answer = outcome != null ? outcome
                    : new ControlOutcome(ControlStatus.FAILURE, m.nodeId, String.valueOf(err), null, 0);
            try {
                ignite.message(ignite.cluster().forNodeId(from)).send(REPLIES, new ReplyMsg(m.id, answer));
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "the outcome of a forwarded control could not be sent back to grid node " + from, e);
            }
        });
        return true;
    }

    /** A hold released by an xApp in another process. */
    static final class ReleaseMsg {
        final String xapp;
        final String nodeId;
        final String target;

        ReleaseMsg(String xapp, String nodeId, String target) {
            this.xapp = xapp;
            this.nodeId = nodeId;
            this.target = target;
        }
    }

    @Override
    public void release(String xappName, String nodeId, String target) {
        try {
            if (ignite.cluster().forServers().forRemotes().nodes().isEmpty()) return;
            ignite.message(ignite.cluster().forServers().forRemotes()).send(RELEASES, new ReleaseMsg(xappName, nodeId, target));
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "a released hold could not be told to the other RIC processes", e);
        }
    }

    private boolean onRelease(UUID from, Object msg) {
        if (msg instanceof ReleaseMsg m && m.xapp != null && m.target != null) router.release(m.xapp, m.nodeId, m.target);
        return true;
    }

    private boolean onReply(UUID from, Object msg) {
        if (!(msg instanceof ReplyMsg)) return true;
        ReplyMsg m = (ReplyMsg) msg;
        CompletableFuture<ControlOutcome> f = pending.get(m.id);
        if (f != null) f.complete(new ControlOutcome(m.status, m.nodeId, m.detail, m.outcome, m.roundTripNanos));
        return true;
    }

    @Override
    public void close() {
        try {
            ignite.message().stopLocalListen(REQUESTS, onRequest);
            ignite.message().stopLocalListen(REPLIES, onReply);
            ignite.message().stopLocalListen(RELEASES, onRelease);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "grid already stopped", e);
        }
    }
}
