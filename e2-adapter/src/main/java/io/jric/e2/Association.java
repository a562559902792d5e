package io.jric.e2;

import io.grpc.stub.StreamObserver;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.ProcedureCode;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One E2 association: the gRPC stream of one node. Indications and control answers are
 * handled on the transport thread (the hot path); every other procedure goes to the
 * termination's single control-plane thread, in order. Malformed or out-of-order PDUs are
 * answered with an Error Indication and the association carries on.
 */
final class Association implements StreamObserver<InboundPdu> {
    private static final Logger LOG = Logger.getLogger(Association.class.getName());
    /**
     * PDUs requested from the transport ahead of the one being handled: one. Handling runs on the transport thread and
     * asks for the next PDU as it returns, which the transport then hands over in the same read, so a longer window
     * reads no faster; but every PDU already requested is delivered even while the association pauses for the grid
     * writers, so the window is what one node can add to the ingest backlog past its high-water mark (with 16, and 1,000
     * nodes of 33 records per indication, the backlog stood at 11x the mark).
     */
    static final int REQUEST_WINDOW = 1;
    /**
     * How many indications past the ingest high-water mark one pause may read while the RIC awaits an answer from the
     * node: the answer shares the stream with the indications and would otherwise wait behind them until the grid
     * writers catch up (a control timing out for an ingest backlog). Bounded, so a node that floods and never answers
     * can add at most this many to the backlog per pause.
     */
    static final int READ_AHEAD_PDUS = 64;

    private final E2Termination termination;
    private final E2Link out;
    private final String peer;
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    /** The resume of the current ingest pause (a no-op once run); run early when a request's answer must be read. */
    private volatile Runnable pausedResume;
    /** Indications the current pause may still read ahead (transport thread only). */
    private int readAheadLeft = READ_AHEAD_PDUS;
    /** Active subscriptions on this association, by request key. */
    private final ConcurrentHashMap<Long, ActiveSubscription> activeSubscriptions = new ConcurrentHashMap<>();

    /** What an indication needs to know of its subscription. */
    static final class ActiveSubscription {
        final int ranFunctionId;
        final String subscriptionId;
        final io.jric.api.kpm.KpmReportListener listener;

        ActiveSubscription(int ranFunctionId, String subscriptionId, io.jric.api.kpm.KpmReportListener listener) {
            this.ranFunctionId = ranFunctionId;
            this.subscriptionId = subscriptionId;
            this.listener = listener;
        }
    }
    private final AtomicInteger controlInstance = new AtomicInteger();
    private final KpmAdmission admission;
    /** The node's cell ids as last decoded (transport thread only, as the admission). */
    private final KpmDecoder.CellIds cellIds = new KpmDecoder.CellIds();
    /** Records dropped since the last report to the node (transport thread only). */
    private long droppedCells;
    private long droppedUes;
    private String droppedCellExample;
    private long lastDropReportMs;
    private long lastDropWarnMs;
    /** Bytes handed to gRPC while the stream was not ready (the peer is not reading); reset when it is ready. */
    private final java.util.concurrent.atomic.AtomicLong unreadBytes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean overflowed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile E2NodeInfo node;
    private volatile boolean closed;
    private volatile boolean replaced;

    Association(E2Termination termination, E2Link out, String peer) {
        this(termination, out, peer, null);
    }

    Association(E2Termination termination, E2Link out, String peer, String certificateName) {
        this.termination = termination;
        this.out = out;
        this.peer = peer;
        this.certificateName = certificateName;
        this.admission = new KpmAdmission(termination.settings().maxUesPerNode(),
                termination.settings().ueIdleRelease().toMillis());
        out.onReady(() -> unreadBytes.set(0));
        out.onCancel(() -> termination.controlPlane(this::closedByPeer));
        out.request(REQUEST_WINDOW);
        termination.opened(this);
    }

    String peer() {
        return peer;
    }

    private final String certificateName;

    /**
     * The common name (CN) of the client certificate the node presented (mutual TLS), else its whole
     * subject; null without a client certificate.
     */
    String certificateName() {
        return certificateName;
    }

    /** The node after E2 Setup, null before. */
    E2NodeInfo node() {
        return node;
    }

    String nodeId() {
        E2NodeInfo n = node;
        return n == null ? "(before E2 Setup, peer " + peer + ")" : n.nodeId();
    }

    boolean established() {
        return node != null && !closed;
    }

    void established(E2NodeInfo info) {
        if (info.cellIds().isEmpty() && kpmDeclaresNoCells(info)) {
            admission.learnCells(info.cellIds(), termination.settings().maxCellsPerNode());
        } else {
            admission.declare(info.cellIds());
        }
        this.node = info;
    }

    /** The node speaks an E2SM-KPM version whose RAN function definition has no cell list (v03.00 and later). */
    private boolean kpmDeclaresNoCells(E2NodeInfo info) {
        for (RanFunctionInfo f : info.ranFunctions()) {
            if (!io.jric.api.e2.ServiceModels.KPM_OID.equals(f.oid())) continue;
            String v = out.serviceModelVersion(f.ranFunctionId());
            if (v != null && !v.endsWith("v02.03")) return true;
        }
        return false;
    }

    /** After the admission learnt cells from reports: they go into the node record (control-plane thread). */
    private void recordLearntCells() {
        java.util.List<String> cells = admission.cells();
        termination.controlPlane(() -> {
            E2NodeInfo n = node;
            if (n == null || closed || replaced) return;
            LOG.info(() -> nodeId() + " declared no cells (its E2SM-KPM version has no cell list); cells taken from its "
                    + "reports so far: " + cells + " (at most " + termination.settings().maxCellsPerNode() + ", e2.maxCellsPerNode)");
            E2NodeInfo updated = new E2NodeInfo(n.nodeId(), n.connected(), n.connectedSinceMs(), n.disconnectedAtMs(), n.peer(),
                    n.ranFunctions(), cells, n.transport());
            this.node = updated;
            termination.nodeManager().updatedCells(this, updated);
        });
    }

    /** RAN function id of the node's function with this OID, or -1. */
    int ranFunctionId(String oid) {
        E2NodeInfo n = node;
        if (n == null) return -1;
        for (RanFunctionInfo f : n.ranFunctions()) {
            if (f.oid().equals(oid)) return f.ranFunctionId();
        }
        return -1;
    }

    boolean hasRanFunction(int ranFunctionId) {
        E2NodeInfo n = node;
        if (n == null) return false;
        for (RanFunctionInfo f : n.ranFunctions()) {
            if (f.ranFunctionId() == ranFunctionId) return true;
        }
        return false;
    }

    int nextControlInstance() {
        return controlInstance.getAndIncrement() & 0xFFFF;
    }

    void subscriptionActive(RicRequestId id, int ranFunctionId, String subscriptionId,
                            io.jric.api.kpm.KpmReportListener listener) {
        activeSubscriptions.put(Pdus.requestKey(id), new ActiveSubscription(ranFunctionId, subscriptionId, listener));
    }

    /** After a Reset: the node released every RIC request. */
    void subscriptionsReleased() {
        resets++;
        activeSubscriptions.clear();
    }

    private volatile int resets;

    /** The association is closed (by either end). */
    boolean closed() {
        return closed;
    }

    /** How many times the node reset (released every subscription) on this association. */
    int resets() {
        return resets;
    }

    boolean subscriptionIsActive(RicRequestId id) {
        return activeSubscriptions.containsKey(Pdus.requestKey(id));
    }

    /** The indication's subscription is active here and on the indication's RAN function. */
    boolean indicationMatches(RicIndication ind) {
        ActiveSubscription s = activeSubscriptions.get(Pdus.requestKey(ind.getRicRequestId()));
        return s != null && s.ranFunctionId == ind.getRanFunctionId();
    }

    void subscriptionInactive(RicRequestId id) {
        activeSubscriptions.remove(Pdus.requestKey(id));
    }

    // ------------------------------------------------------------------ outbound

    /**
     * Sends a PDU; silently ignored once the association is closed. gRPC queues what the peer has not
     * read yet without a limit, so the bytes sent while the stream is not ready are counted; past
     * {@code maxOutboundBytes} the stream is closed with RESOURCE_EXHAUSTED instead of holding more.
     */
    void send(E2apPdu pdu) {
        boolean overflow = false;
        long queued = 0;
        synchronized (out) {
            if (closed || overflowed.get()) return;
            if (!out.isReady()) {
                queued = unreadBytes.addAndGet(out.size(pdu));
                overflow = queued > termination.settings().maxOutboundBytes() && overflowed.compareAndSet(false, true);
            }
            if (!overflowed.get()) {
                try {
                    out.send(pdu);
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "send to " + nodeId() + " failed", e);
                }
            }
        }
        if (overflow) {
            termination.stats().streamsClosedNotReading.increment();
            String why = "E2 peer " + peer + " (" + nodeId() + ") does not read the RIC's PDUs: " + queued
                    + " bytes waiting beyond the transport window (limit e2.maxOutboundKb = "
                    + (termination.settings().maxOutboundBytes() >> 10) + " KiB)";
            LOG.warning(why + "; closing the stream");
            termination.controlPlane(() -> {
                closeFromRic(io.grpc.Status.RESOURCE_EXHAUSTED.withDescription(why));
                if (node != null && !replaced) termination.nodeManager().disconnected(this);
            });
        }
    }

    void sendError(io.jric.proto.e2.v1.Cause cause, RicRequestId requestId, String detail) {
        termination.stats().errorIndicationsSent.increment();
        LOG.fine(() -> "Error Indication to " + nodeId() + ": " + Pdus.describe(cause) + ": " + detail);
        send(Pdus.errorIndication(cause, requestId, detail));
    }

    /**
     * Sends a request and completes with the answer carrying the same RIC request id and
     * procedure. Resends after each timeout while retries are left, then fails with a
     * {@link TimeoutException}; fails with {@link IllegalStateException} if the association is lost.
     */
    CompletableFuture<E2apPdu> transact(ProcedureCode procedure, RicRequestId id, E2apPdu request,
                                        long timeoutNanos, int retries) {
        long key = key(procedure, id);
        Pending p = new Pending(request, timeoutNanos, retries, procedure);
        if (pending.putIfAbsent(key, p) != null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "ricRequestId " + id.getRicRequestorId() + "/" + id.getRicInstanceId()
                            + " already has a " + procedure + " transaction in progress on " + nodeId()));
        }
        if (closed) {
            pending.remove(key, p);
            return CompletableFuture.failedFuture(new IllegalStateException("association to " + nodeId() + " is closed"));
        }
        termination.awaiting(this);  // after the put: the timeout sweep finds it
        send(request);
        // Paused for the grid writers: read on, so that the answer is not held behind the node's indications.
        Runnable resume = pausedResume;
        if (resume != null) resume.run();
        return p.future;
    }

    private static long key(ProcedureCode procedure, RicRequestId id) {
        return ((long) procedure.getNumber() << 32) | ((long) id.getRicRequestorId() << 16) | id.getRicInstanceId();
    }

    private boolean answer(ProcedureCode procedure, RicRequestId id, E2apPdu pdu) {
        Pending p = pending.remove(key(procedure, id));
        if (p == null) return false;
        p.cancelTimer();
        p.future.complete(pdu);
        return true;
    }

    private final class Pending {
        final CompletableFuture<E2apPdu> future = new CompletableFuture<>();
        final E2apPdu request;
        final long timeoutNanos;
        final ProcedureCode procedure;
        int attemptsLeft;
        int attempts = 1;
        volatile long deadline;

        Pending(E2apPdu request, long timeoutNanos, int retries, ProcedureCode procedure) {
            this.request = request;
            this.timeoutNanos = timeoutNanos;
            this.attemptsLeft = retries;
            this.procedure = procedure;
            // Armed before it is visible to the timeout sweeper.
            this.deadline = System.nanoTime() + timeoutNanos;
        }

        void arm(long key) {
            deadline = System.nanoTime() + timeoutNanos;
        }

        void cancelTimer() {
            deadline = Long.MAX_VALUE;
        }

        private void expired(long key) {
            if (pending.get(key) != this) return;
            if (attemptsLeft > 0 && !closed) {
                attemptsLeft--;
                attempts++;
                termination.stats().retries.increment();
                arm(key);
                send(request);
                return;
            }
            if (pending.remove(key, this)) {
                future.completeExceptionally(new TimeoutException("no answer from " + nodeId() + " to "
                        + procedure + " after " + attempts + " attempt(s) of "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
    }

    /**
     * Called by the termination's timer every few milliseconds: expires (or resends) the
     * transactions past their deadline. One sweep for all transactions is cheaper on the hot path
     * than one timer task per control.
     */
    void expireOverdue(long nowNanos) {
        if (pending.isEmpty()) return;
        for (var e : pending.entrySet()) {
            if (e.getValue().deadline - nowNanos <= 0) e.getValue().expired(e.getKey());
        }
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    // ------------------------------------------------------------------ inbound

    /** Several PDUs from one transport frame (an APER indication may map to several of the model's). */
    void onFrame(java.util.List<InboundPdu> pdus) {
        boolean more = true;
        for (InboundPdu in : pdus) {
            try {
                more &= dispatch(in);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure handling a PDU from " + nodeId(), e);
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_UNSPECIFIED), null,
                        "internal error handling the PDU: " + e);
            }
        }
        if (more) out.request(1);
    }

    /** A PDU the transport's edge made up itself (a failure answer to a request it could not send). */
    void injected(InboundPdu in) {
        termination.controlPlane(() -> {
            try {
                dispatch(in);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "unexpected failure handling an edge answer for " + nodeId(), e);
            }
        });
    }

    /** How the node is connected, e.g. "E2AP v03.01 APER over SCTP (SCTP PPID 70)". */
    String transport() {
        return out.describe();
    }

    /** The service model version of a RAN function as the node speaks it, or null (jRIC's protobuf E2SM). */
    String serviceModelVersion(int ranFunctionId) {
        return out.serviceModelVersion(ranFunctionId);
    }

    @Override
    public void onNext(InboundPdu in) {
        boolean more = true;
        try {
            more = dispatch(in);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unexpected failure handling a PDU from " + nodeId(), e);
            sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_UNSPECIFIED), null,
                    "internal error handling the PDU: " + e);
        }
        // When the grid writer is behind, the request is held back and made by the writer later.
        if (more) out.request(1);
    }

    /** Handles one PDU; false when reading must pause (backpressure). */
    private boolean dispatch(InboundPdu in) {
        if (in.parseError != null) {
            termination.stats().decodeErrors.increment();
            if (in.errorAnswer != null) {
                termination.stats().errorIndicationsSent.increment();
                send(in.errorAnswer);
            } else {
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR), null, in.parseError);
            }
            return true;
        }
        if (in.nodeProcedure != null) {
            InboundPdu.NodeProcedure p = in.nodeProcedure;
            termination.controlPlane(() -> nodeProcedure(p));
            return true;
        }
        E2apPdu pdu = in.pdu;
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE:
                if (pdu.getInitiatingMessage().hasRicIndication()) {
                    return indication(pdu, pdu.getInitiatingMessage().getRicIndication());
                }
                initiating(pdu.getInitiatingMessage());
                return true;
            case SUCCESSFUL_OUTCOME:
                successful(pdu, pdu.getSuccessfulOutcome());
                return true;
            case UNSUCCESSFUL_OUTCOME:
                unsuccessful(pdu, pdu.getUnsuccessfulOutcome());
                return true;
            default:
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE),
                        null, "E2AP-PDU: no initiatingMessage, successfulOutcome or unsuccessfulOutcome set");
                return true;
        }
    }

    /** Control-plane thread: a node-initiated procedure the APER edge took (the model has no message for it). */
    private void nodeProcedure(InboundPdu.NodeProcedure p) {
        switch (p.kind()) {
            case E2_REMOVAL -> {
                LOG.info(() -> p.description() + " from " + nodeId() + ": answered, releasing the association");
                sendFrame(p.answer(), p.procedureCode());
                // as a peer close would: the node is marked disconnected, pending transactions fail
                closedByPeer();
                synchronized (out) {
                    try {
                        out.complete();
                    } catch (RuntimeException ignored) {
                        // already closed by the transport
                    }
                }
            }
            case SUBSCRIPTION_DELETE_REQUIRED -> {
                LOG.info(() -> p.description() + " from " + nodeId());
                for (InboundPdu.SubscriptionRef ref : p.subscriptions()) {
                    nodeRequiresDelete(ref.requestId(), ref.ranFunctionId(), ref.cause());
                }
            }
            case SUBSCRIPTION_MODIFICATION_REFUSED -> {
                LOG.info(() -> p.description() + " from " + nodeId() + ": refused (jRIC does not modify subscriptions)");
                sendFrame(p.answer(), p.procedureCode());
            }
        }
    }

    /**
     * Control-plane thread: the node asks the RIC to delete one of its subscriptions (RIC Subscription Delete
     * Required). A subscription the RIC has on this association and RAN function is deleted the normal way (a RIC
     * Subscription Delete through the subscription manager, which forgets its record); any other is ignored.
     */
    void nodeRequiresDelete(RicRequestId id, int ranFunctionId, String cause) {
        ActiveSubscription s = activeSubscriptions.get(Pdus.requestKey(id));
        String rid = id.getRicRequestorId() + "/" + id.getRicInstanceId();
        if (s == null || s.ranFunctionId != ranFunctionId || s.subscriptionId == null) {
            LOG.info(() -> nodeId() + " requires deleting subscription " + rid + " on RAN function " + ranFunctionId
                    + " (" + cause + "): the RIC has no such subscription on it; ignored");
            return;
        }
        String subscriptionId = s.subscriptionId;
        LOG.info(() -> nodeId() + " requires deleting subscription " + subscriptionId + " (" + cause + "): deleting it");
        termination.subscriptionManager().unsubscribe(subscriptionId).whenComplete((v, err) -> {
            if (err != null) {
                LOG.info(() -> "RIC Subscription Delete of " + subscriptionId + " the node required: " + err.getMessage());
            }
        });
    }

    /** Sends an APER PDU the edge made as it is; silently ignored once the association is closed. */
    private void sendFrame(byte[] aper, int procedureCode) {
        synchronized (out) {
            if (closed) return;
            try {
                out.sendFrame(aper, procedureCode);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "send to " + nodeId() + " failed", e);
            }
        }
    }

    private void initiating(InitiatingMessage m) {
        switch (m.getValueCase()) {
            case E2_SETUP_REQUEST:
                termination.controlPlane(() -> termination.setup().onSetup(this, m.getE2SetupRequest()));
                return;
            case ERROR_INDICATION:
                termination.stats().errorIndicationsReceived.increment();
                LOG.info(() -> "Error Indication from " + nodeId() + ": " + Pdus.describe(m.getErrorIndication().getCause())
                        + " " + m.getErrorIndication().getDetail());
                return;
            case RESET_REQUEST:
            case RIC_SERVICE_UPDATE:
            case E2_NODE_CONFIGURATION_UPDATE:
                if (!requireEstablished(m.getValueCase().name())) return;
                termination.controlPlane(() -> termination.setup().onNodeProcedure(this, m));
                return;
            case RIC_CONTROL_REQUEST:
            case RIC_SUBSCRIPTION_REQUEST:
            case RIC_SUBSCRIPTION_DELETE_REQUEST:
            case RIC_SERVICE_QUERY:
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE), null,
                        m.getValueCase() + " is initiated by the RIC, not by an E2 node");
                return;
            default:
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE),
                        null, "initiatingMessage: no value set");
        }
    }

    private boolean requireEstablished(String what) {
        if (established()) return true;
        sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE), null,
                what + " before E2 Setup completed (expected: E2SetupRequest first)");
        return false;
    }

    private boolean indication(E2apPdu pdu, RicIndication ind) {
        if (!requireEstablished("RICindication")) return true;
        E2Stats stats = termination.stats();
        stats.indications.increment();
        ActiveSubscription sub = activeSubscriptions.get(Pdus.requestKey(ind.getRicRequestId()));
        if (sub == null) {
            sendError(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN), ind.getRicRequestId(),
                    "RICindication for ricRequestId " + ind.getRicRequestId().getRicRequestorId() + "/"
                            + ind.getRicRequestId().getRicInstanceId() + ": no such subscription on " + nodeId());
            return true;
        }
        if (sub.ranFunctionId != ind.getRanFunctionId()) {
            sendError(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID), ind.getRicRequestId(),
                    "RICindication.ranFunctionID: " + ind.getRanFunctionId() + " (expected: " + sub.ranFunctionId
                            + ", the subscription's)");
            return true;
        }
        Context parent = termination.telemetry().extract(pdu.getTraceContextMap());
        Span span = termination.telemetry().tracer().spanBuilder("e2.indication").setParent(parent)
                .setSpanKind(SpanKind.CONSUMER).startSpan();
        try {
            long now = System.currentTimeMillis();
            IngestBatch batch = admit(KpmDecoder.decode(node.nodeId(), ind.getRicIndicationHeader(),
                    ind.getRicIndicationMessage(), now, cellIds), now);
            stats.records.add(batch.records());
            span.setAttribute("e2.node", node.nodeId());
            span.setAttribute("kpm.records", batch.records());
            if (sub.listener != null) {
                // current while the xApps are handed the report: their handling joins this trace
                try (io.opentelemetry.context.Scope ignored = span.makeCurrent()) {
                    deliver(sub, batch);
                }
            }
            java.util.concurrent.atomic.AtomicBoolean resumed = new java.util.concurrent.atomic.AtomicBoolean();
            Runnable resume = () -> {
                if (resumed.compareAndSet(false, true)) out.request(1);
            };
            boolean more = termination.ingest().offer(batch, resume);
            stats.indicationsQueued.increment();
            if (more) {
                readAheadLeft = READ_AHEAD_PDUS;
                return true;
            }
            stats.backpressurePauses.increment();
            if (!pending.isEmpty() && readAheadLeft > 0) {
                // The RIC awaits an answer from this node, maybe behind this indication: read on (bounded).
                readAheadLeft--;
                stats.readAheads.increment();
                // false: the writers caught up meanwhile and the resume has already asked for the next PDU
                return resumed.compareAndSet(false, true);
            }
            pausedResume = resume;
            // A request sent between the check above and the line before found no pause to end: end it here.
            if (!pending.isEmpty() && readAheadLeft > 0) resume.run();
            return false;
        } catch (KpmDecoder.KpmDecodeException e) {
            stats.decodeErrors.increment();
            sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE),
                    ind.getRicRequestId(), e.getMessage());
            return true;
        } finally {
            span.end();
        }
    }

    /**
     * Keeps the records of declared cells, and of UEs within the node's limit whose serving cell is
     * declared; counts the rest and tells the node at most once a second (Error Indication).
     */
    private IngestBatch admit(IngestBatch batch, long nowMs) {
        boolean[] keepCell = new boolean[batch.cells.length];
        int cellsKept = 0;
        for (int i = 0; i < keepCell.length; i++) {
            if (admission.cellDeclared(batch.cellKeys[i].cellId())) {
                keepCell[i] = true;
                cellsKept++;
            } else if (droppedCellExample == null) {
                droppedCellExample = batch.cellKeys[i].cellId();
            }
        }
        boolean[] keepUe = new boolean[batch.ues.length];
        int uesKept = 0;
        int uesUndeclared = 0;
        for (int i = 0; i < keepUe.length; i++) {
            if (!admission.cellDeclared(batch.ues[i].servingCellId())) {
                uesUndeclared++;
                if (droppedCellExample == null) droppedCellExample = batch.ues[i].servingCellId();
            } else if (admission.admitUe(batch.ueIds[i], nowMs)) {
                keepUe[i] = true;
                uesKept++;
            }
        }
        if (admission.takeLearnt()) recordLearntCells();
        int cellsDropped = keepCell.length - cellsKept + uesUndeclared;
        int uesDropped = keepUe.length - uesKept - uesUndeclared;
        if (cellsDropped == 0 && uesDropped == 0) return batch;
        E2Stats stats = termination.stats();
        stats.undeclaredCellRecords.add(cellsDropped);
        stats.ueRecordsOverLimit.add(uesDropped);
        droppedCells += cellsDropped;
        droppedUes += uesDropped;
        if (nowMs - lastDropReportMs >= 1000) reportDrops(nowMs);
        return batch.keep(keepCell, cellsKept, keepUe, uesKept);
    }

    private void reportDrops(long nowMs) {
        lastDropReportMs = nowMs;
        StringBuilder detail = new StringBuilder("KPM records dropped:");
        if (droppedCells > 0) {
            detail.append(' ').append(droppedCells).append(" of cells this node did not declare in E2 Setup or RIC Service "
                    + "Update (e.g. ").append(droppedCellExample).append(')');
        }
        if (droppedUes > 0) {
            detail.append(droppedCells > 0 ? ";" : "").append(' ').append(droppedUes).append(" of UEs beyond the limit of ")
                    .append(termination.settings().maxUesPerNode()).append(" UEs per node (e2.maxUesPerNode)");
        }
        io.jric.proto.e2.v1.Cause cause = droppedCells > 0
                ? Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR)
                : Pdus.misc(io.jric.proto.e2.v1.CauseMisc.CAUSE_MISC_CONTROL_PROCESSING_OVERLOAD);
        sendError(cause, null, detail.toString());
        if (nowMs - lastDropWarnMs >= 10_000) {
            lastDropWarnMs = nowMs;
            LOG.warning(nodeId() + ": " + detail + " (reported at most every 10 s; counted in E2Stats)");
        }
        droppedCells = 0;
        droppedUes = 0;
        droppedCellExample = null;
    }

    private void deliver(ActiveSubscription sub, IngestBatch batch) {
        try {
            sub.listener.report(new io.jric.api.kpm.KpmReport(node.nodeId(), sub.subscriptionId,
                    batch.cells.length > 0 ? batch.cells[0].timestampMs()
                            : batch.ues.length > 0 ? batch.ues[0].timestampMs() : batch.receivedAtMs,
                    java.util.Arrays.asList(batch.cells), java.util.Arrays.asList(batch.ues), batch.receivedAtNanos));
        } catch (RuntimeException e) {
            termination.stats().listenerErrors.increment();
            LOG.log(Level.FINE, "KPM report listener of " + sub.subscriptionId + " failed", e);
        }
    }

    private void successful(E2apPdu pdu, SuccessfulOutcome m) {
        switch (m.getValueCase()) {
            case RIC_CONTROL_ACKNOWLEDGE:
                answerOrError(ProcedureCode.PROCEDURE_CODE_RIC_CONTROL, m.getRicControlAcknowledge().getRicRequestId(), pdu);
                return;
            case RIC_SUBSCRIPTION_RESPONSE:
                answerOrError(ProcedureCode.PROCEDURE_CODE_RIC_SUBSCRIPTION,
                        m.getRicSubscriptionResponse().getRicRequestId(), pdu);
                return;
            case RIC_SUBSCRIPTION_DELETE_RESPONSE:
                answerOrError(ProcedureCode.PROCEDURE_CODE_RIC_SUBSCRIPTION_DELETE,
                        m.getRicSubscriptionDeleteResponse().getRicRequestId(), pdu);
                return;
            case RESET_RESPONSE:
                return; // the RIC does not start resets today; a late answer needs no action
            default:
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE), null,
                        "successfulOutcome/" + m.getValueCase() + " answers no request the RIC sent");
        }
    }

    private void unsuccessful(E2apPdu pdu, UnsuccessfulOutcome m) {
        switch (m.getValueCase()) {
            case RIC_CONTROL_FAILURE:
                answerOrError(ProcedureCode.PROCEDURE_CODE_RIC_CONTROL, m.getRicControlFailure().getRicRequestId(), pdu);
                return;
            case RIC_SUBSCRIPTION_FAILURE:
                answerOrError(ProcedureCode.PROCEDURE_CODE_RIC_SUBSCRIPTION,
                        m.getRicSubscriptionFailure().getRicRequestId(), pdu);
                return;
            case RIC_SUBSCRIPTION_DELETE_FAILURE:
                answerOrError(ProcedureCode.PROCEDURE_CODE_RIC_SUBSCRIPTION_DELETE,
                        m.getRicSubscriptionDeleteFailure().getRicRequestId(), pdu);
                return;
            default:
                sendError(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE), null,
                        "unsuccessfulOutcome/" + m.getValueCase() + " answers no request the RIC sent");
        }
    }

    private void answerOrError(ProcedureCode procedure, RicRequestId id, E2apPdu pdu) {
        if (!answer(procedure, id, pdu)) {
            termination.stats().unmatchedAnswers.increment();
            sendError(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN), id,
                    Pdus.name(pdu) + " for ricRequestId " + id.getRicRequestorId() + "/" + id.getRicInstanceId()
                            + ": no such " + procedure + " transaction in progress (late or unknown)");
        }
    }

    @Override
    public void onError(Throwable t) {
        termination.controlPlane(this::closedByPeer);
    }

    @Override
    public void onCompleted() {
        termination.controlPlane(() -> {
            closedByPeer();
            synchronized (out) {
                try {
                    out.complete();
                } catch (RuntimeException ignored) {
                    // already closed by the transport
                }
            }
        });
    }

    /** Runs on the control-plane thread. */
    private void closedByPeer() {
        if (closed) return;
        closed = true;
        failPending("association to " + nodeId() + " was lost");
        if (node != null && !replaced) termination.nodeManager().disconnected(this);
    }

    /** A newer association of the same node took over: close this one without marking the node down. */
    void replace() {
        replaced = true;
        closeFromRic(io.grpc.Status.ABORTED.withDescription("replaced by a newer E2 association of " + nodeId()));
    }

    /** Closes the stream from the RIC side (shutdown or replacement). */
    void closeFromRic(io.grpc.Status status) {
        synchronized (out) {
            if (closed) return;
            closed = true;
            try {
                out.fail(status);
            } catch (RuntimeException ignored) {
                // the transport already closed it
            }
        }
        failPending("association to " + nodeId() + " closed by the RIC: " + status.getDescription());
    }

    private void failPending(String why) {
        termination.closed(this);
        for (var e : pending.entrySet()) {
            if (pending.remove(e.getKey(), e.getValue())) {
                e.getValue().cancelTimer();
                e.getValue().future.completeExceptionally(new IllegalStateException(why));
            }
        }
        activeSubscriptions.clear();
    }
}
