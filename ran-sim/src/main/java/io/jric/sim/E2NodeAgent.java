package io.jric.sim;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.ResetRequest;
import io.jric.proto.e2.v1.ResetResponse;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicServiceQuery;
import io.jric.proto.e2.v1.RicServiceUpdate;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.TimeToWait;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The E2 side of one simulated gNB: a gRPC client of {@code E2TerminationService.Connect} that behaves
 * like an E2 node over one association.
 *
 * <ul>
 *   <li>On connect it sends an E2 Setup Request with its GlobalE2NodeId ({@link RanModel#globalNodeId(int)})
 *       and two RAN functions: E2SM-KPM ({@value #KPM_RAN_FUNCTION_ID}, {@value #KPM_OID}) listing its cells, and
 *       E2SM-RC ({@value #RC_RAN_FUNCTION_ID}, {@value #RC_OID}). The RIC's answer is exposed through
 *       {@link #setupFuture()} and {@link #onSetup(Consumer)}.</li>
 *   <li>KPM subscriptions (REPORT actions, style 1 cell or style 4 cell+UE) are reported every period of
 *       <em>simulated</em> time: whoever advances the model calls {@link #onSimTime(long)} after each tick
 *       ({@link RanSimulator} does).</li>
 *   <li>RC controls (handover, CIO, Tx power, sleep) are applied to the model at once and acknowledged
 *       with the value in force afterwards.</li>
 *   <li>When the stream fails or ends the node drops its subscriptions and, if {@link Options#reconnect()},
 *       opens a new association after a backoff (200 ms doubling to 2 s, or the RIC's TimeToWait) and
 *       sets up again.</li>
 * </ul>
 *
 * <p>Encoding ({@link Options#e2Encoding()}): PROTOBUF (the default) speaks jRIC's protobuf E2AP model
 * over {@code Connect}; APER speaks E2AP in ASN.1 aligned PER over {@code ConnectAper}, one E2AP-PDU a
 * frame with the PPID of {@link Options#aperPpid()} on stream 0 (answers on the stream of the request),
 * as a real node would. The node's logic is the same for both: an {@link AperNodeEdge} per association
 * translates the E2SM payloads with the service models' node sides (E2SM-KPM in
 * {@link Options#kpmVersion()}), and answers undecodable frames with an Error Indication
 * (transfer-syntax-error) while the association lives on.
 *
 * <p>Tracing: every indication runs in a PRODUCER span {@code ran.indication} whose W3C context is put
 * into {@code E2apPdu.trace_context}; every control runs in a CONSUMER span {@code ran.control} that is a
 * child of the context the RIC put into the request.
 *
 * <p>Thread-safe. Outbound PDUs are serialized per association and respect gRPC flow control (at most
 * {@link Options#maxPendingIndications()} indications wait; more are dropped and counted).
 */
public final class E2NodeAgent implements AutoCloseable {
    /** RAN function id of E2SM-KPM. */
    public static final int KPM_RAN_FUNCTION_ID = 2;
    /** RAN function id of E2SM-RC. */
    public static final int RC_RAN_FUNCTION_ID = 3;
    /** OID of E2SM-KPM. */
    public static final String KPM_OID = "1.3.6.1.4.1.53148.1.2.2.2";
    /** OID of E2SM-RC. */
    public static final String RC_OID = "1.3.6.1.4.1.53148.1.1.2.3";

    private static final System.Logger LOG = System.getLogger(E2NodeAgent.class.getName());
    private static final AttributeKey<String> NODE_ID = AttributeKey.stringKey("e2.node_id");
    private static final AttributeKey<Long> RAN_FUNCTION = AttributeKey.longKey("e2.ran_function_id");
    private static final AttributeKey<Long> REQUESTOR = AttributeKey.longKey("e2.ric_requestor_id");
    private static final AttributeKey<Long> INSTANCE = AttributeKey.longKey("e2.ric_instance_id");
    private static final AttributeKey<String> ACTION = AttributeKey.stringKey("ran.control.action");
    private static final TextMapSetter<E2apPdu.Builder> SETTER = (carrier, k, v) -> carrier.putTraceContext(k, v);
    private static final TextMapGetter<E2apPdu> GETTER =
            (carrier, key) -> carrier == null ? null : carrier.getTraceContextMap().get(key);

    private final RanModel model;
    private final int gnbIndex;
    private final Options options;
    private final String nodeId;
    private final GlobalE2NodeId globalNodeId;
    private final KpmSubscriptions subscriptions;
    private final RcControl control;
    private final Tracer tracer;
    private final long epochBaseMs;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final List<Consumer<SetupOutcome>> setupListeners = new CopyOnWriteArrayList<>();
    private final AtomicInteger transactionIds = new AtomicInteger();
    private final AtomicLong indicationsSent = new AtomicLong();
    private final AtomicLong indicationsDropped = new AtomicLong();
    private final AtomicLong controlsApplied = new AtomicLong();
    private final AtomicLong controlsRejected = new AtomicLong();
    private final AtomicLong errorIndications = new AtomicLong();
    private final AtomicInteger associations = new AtomicInteger();
    private final AtomicInteger setupRequests = new AtomicInteger();
    private final AtomicLong e2Problems = new AtomicLong();
    private final Function<String, E2smFamilies.Family> families;

    // guarded by this
    private Channel channel;
    private ManagedChannel ownedChannel;
    private E2Association<?> current;
    private CompletableFuture<SetupOutcome> setupFuture = new CompletableFuture<>();
    private Integer pendingSetupTransaction;
    private SetupOutcome lastSetup;
    private boolean setUp;
    private ErrorIndication lastErrorIndication;
    private long backoffMs;
    private ScheduledFuture<?> reconnectTask;
    private boolean closed;

    /** An agent for gNB {@code gnbIndex} of {@code model} with default {@link Options}. */
    public E2NodeAgent(RanModel model, int gnbIndex) {
        this(model, gnbIndex, Options.builder().build());
    }

    /** An agent for gNB {@code gnbIndex} of {@code model}; call {@link #connect(String, int)} to start. */
    public E2NodeAgent(RanModel model, int gnbIndex, Options options) {
        this(model, gnbIndex, options, E2smFamilies::forOid);
    }

    /** Tests: an agent whose APER edge finds service-model families with {@code families} (OID to family, or null). */
    E2NodeAgent(RanModel model, int gnbIndex, Options options, Function<String, E2smFamilies.Family> families) {
        this.families = Objects.requireNonNull(families, "families");
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.gnbIndex = gnbIndex;
        this.globalNodeId = model.globalNodeId(gnbIndex);
        this.nodeId = model.nodeId(gnbIndex);
        this.subscriptions = new KpmSubscriptions(model, gnbIndex, KPM_RAN_FUNCTION_ID, RC_RAN_FUNCTION_ID,
                options.minReportingPeriodMs());
        this.control = new RcControl(model, gnbIndex, RC_RAN_FUNCTION_ID, KPM_RAN_FUNCTION_ID);
        this.tracer = options.openTelemetry().getTracer("io.jric.sim");
        this.epochBaseMs = options.epochBaseMs() >= 0 ? options.epochBaseMs() : System.currentTimeMillis();
        this.ownScheduler = options.scheduler() == null;
        this.scheduler = ownScheduler ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "e2-agent-" + gnbIndex);
            t.setDaemon(true);
            return t;
        }) : options.scheduler();
        this.backoffMs = options.initialBackoffMs();
    }

    // ------------------------------------------------------------------------------ lifecycle

    /**
     * Opens a plaintext channel to the RIC's E2 termination at {@code host:port} (direct executor) and
     * starts the first association. The agent owns and closes that channel.
     */
    public void connect(String host, int port) {
        ManagedChannel ch = NettyChannelBuilder.forAddress(host, port).usePlaintext().directExecutor().build();
        synchronized (this) {
            ownedChannel = ch;
        }
        connect(ch);
    }

    /** Starts the first association over {@code channel}; the caller keeps ownership of the channel. */
    public void connect(Channel channel) {
        synchronized (this) {
            if (closed) throw new IllegalStateException("agent closed");
            if (this.channel != null && this.channel != channel) throw new IllegalStateException("already connected");
            this.channel = channel;
        }
        openAssociation();
    }

    private void openAssociation() {
        E2Association<?> assoc = new E2Association<>(new Handler(), wire(), options.maxPendingIndications());
        synchronized (this) {
            if (closed || channel == null || current != null) return;
            reconnectTask = null;
            current = assoc;
            setUp = false;
            if (setupFuture.isDone()) setupFuture = new CompletableFuture<>();
        }
        associations.incrementAndGet();
        assoc.open(channel);
        synchronized (this) {
            if (closed) {
                assoc.cancel("agent closed");
                return;
            }
        }
        if (!options.skipSetup()) sendSetup();
    }

    /** Sends an E2 Setup Request on the current association (done automatically unless skipSetup). */
    public void sendSetup() {
        int tid = nextTransactionId();
        synchronized (this) {
            pendingSetupTransaction = tid;
        }
        setupRequests.incrementAndGet();
        send(E2Pdus.initiating(InitiatingMessage.newBuilder().setE2SetupRequest(setupRequest(tid))), false);
    }

    /** Ends the association and stops reconnecting; closes the channel if the agent opened it. */
    @Override
    public void close() {
        E2Association<?> assoc;
        ManagedChannel ch;
        synchronized (this) {
            if (closed) return;
            closed = true;
            assoc = current;
            current = null;
            ch = ownedChannel;
            if (reconnectTask != null) reconnectTask.cancel(false);
            if (!setupFuture.isDone()) setupFuture.completeExceptionally(new IllegalStateException("agent closed"));
        }
        subscriptions.clear();
        if (assoc != null) assoc.close();
        if (ch != null) {
            ch.shutdown();
            try {
                if (!ch.awaitTermination(1, TimeUnit.SECONDS)) ch.shutdownNow();
            } catch (InterruptedException e) {
                ch.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        if (ownScheduler) scheduler.shutdownNow();
    }

    // ------------------------------------------------------------------------------ reporting

    /**
     * Sends the KPM reports due at simulated time {@code simTimeMs}; call after every model tick from
     * the thread that advances the model.
     */
    public void onSimTime(long simTimeMs) {
        List<KpmSubscriptions.Report> due = subscriptions.due(simTimeMs, epochBaseMs);
        for (KpmSubscriptions.Report r : due) {
            Span span = tracer.spanBuilder("ran.indication").setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(NODE_ID, nodeId)
                    .setAttribute(RAN_FUNCTION, (long) r.indication().getRanFunctionId())
                    .setAttribute(REQUESTOR, (long) r.indication().getRicRequestId().getRicRequestorId())
                    .setAttribute(INSTANCE, (long) r.indication().getRicRequestId().getRicInstanceId())
                    .startSpan();
            try (Scope ignored = span.makeCurrent()) {
                E2apPdu.Builder pdu = E2apPdu.newBuilder().setInitiatingMessage(
                        InitiatingMessage.newBuilder().setRicIndication(r.indication()));
                W3CTraceContextPropagator.getInstance().inject(Context.current(), pdu, SETTER);
                if (send(pdu.build(), true)) {
                    indicationsSent.incrementAndGet();
                } else {
                    indicationsDropped.incrementAndGet();
                    span.setStatus(StatusCode.ERROR, "dropped");
                }
            } finally {
                span.end();
            }
        }
    }

    // ------------------------------------------------------------------------------ state

    /**
     * Future of the RIC's answer to the current E2 Setup attempt. A new future starts with each association
     * after an outcome; while the agent keeps reconnecting without an outcome (RIC unreachable) the same
     * future stays pending. It fails only if the association ends without an outcome and the agent will
     * not reconnect (reconnect off, or closed).
     */
    public synchronized CompletableFuture<SetupOutcome> setupFuture() {
        return setupFuture;
    }

    /** Registers a listener called with every E2 Setup outcome (on a gRPC thread). */
    public void onSetup(Consumer<SetupOutcome> listener) {
        setupListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The latest setup outcome, or null before the first. */
    public synchronized SetupOutcome lastSetupOutcome() {
        return lastSetup;
    }

    /** Whether an association (stream) is open. */
    public synchronized boolean isConnected() {
        return current != null && current.isOpen();
    }

    /** Whether the current association completed E2 Setup successfully. */
    public synchronized boolean isSetUp() {
        return setUp && isConnected();
    }

    /** Associations (streams) opened so far. */
    public int associations() {
        return associations.get();
    }

    /** E2 Setup Requests sent so far. */
    public int setupRequestsSent() {
        return setupRequests.get();
    }

    /** RIC Indications handed to the transport. */
    public long indicationsSent() {
        return indicationsSent.get();
    }

    /** RIC Indications dropped (no association, or too many waiting for flow control). */
    public long indicationsDropped() {
        return indicationsDropped.get();
    }

    /** RIC Control Requests applied to the model. */
    public long controlsApplied() {
        return controlsApplied.get();
    }

    /** RIC Control Requests refused. */
    public long controlsRejected() {
        return controlsRejected.get();
    }

    /** ErrorIndications received from the RIC. */
    public long errorIndicationsReceived() {
        return errorIndications.get();
    }

    /** The last ErrorIndication from the RIC, or null. */
    public synchronized ErrorIndication lastErrorIndication() {
        return lastErrorIndication;
    }

    /** Active KPM subscriptions. */
    public int activeSubscriptions() {
        return subscriptions.size();
    }

    /** Index of the simulated gNB. */
    public int gnbIndex() {
        return gnbIndex;
    }

    /** {@code E2Ids.nodeId} of this node. */
    public String nodeId() {
        return nodeId;
    }

    /** GlobalE2NodeId of this node. */
    public GlobalE2NodeId globalNodeId() {
        return globalNodeId;
    }

    /** For tests: sends {@code pdu} as is on the current association; false if there is none. */
    public boolean sendRaw(E2apPdu pdu) {
        return send(pdu, false);
    }

    /**
     * Inbound messages that did not reach the node's logic (APER: undecodable frames, E2SM payloads that
     * do not translate) and outbound PDUs that could not be encoded; each is logged.
     */
    public long e2Problems() {
        return e2Problems.get();
    }

    /** The encoding of this node's associations. */
    public E2Encoding e2Encoding() {
        return options.e2Encoding();
    }

    // ------------------------------------------------------------------------------ internals

    /** A new wire for one association: protobuf as it is, or APER through a fresh node-side edge. */
    private E2Wire<?> wire() {
        return switch (options.e2Encoding()) {
            case PROTOBUF -> E2Wire.Protobuf.INSTANCE;
            case APER -> new E2Wire.Aper(new AperNodeEdge(nodeId, AperNodeEdge.kpmVersion(options.kpmVersion()), families),
                    options.aperPpid());
        };
    }

    private int nextTransactionId() {
        return transactionIds.getAndIncrement() & 0xFF;
    }

    private boolean send(E2apPdu pdu, boolean droppable) {
        E2Association<?> assoc;
        synchronized (this) {
            assoc = current;
        }
        return assoc != null && assoc.send(pdu, droppable);
    }

    private E2SetupRequest setupRequest(int tid) {
        return RanFunctions.setupRequest(model, gnbIndex, tid, options.minReportingPeriodMs());
    }

    private List<RanFunctionItem> ranFunctions() {
        return setupRequest(0).getRanFunctionsList();
    }

    /** Receives the PDUs and the end of one association. */
    private final class Handler implements E2Association.Listener {
        @Override
        public void onPdu(E2Association<?> assoc, E2apPdu pdu) {
            synchronized (E2NodeAgent.this) {
                if (assoc != current) return;
            }
            try {
                dispatch(pdu);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, nodeId + ": failed to handle " + E2Pdus.describe(pdu), e);
                sendError(E2Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_UNSPECIFIED),
                        "failed to handle " + E2Pdus.describe(pdu) + ": " + e);
            }
        }

        @Override
        public void onClosed(E2Association<?> assoc, Throwable error) {
            associationLost(assoc, error, -1);
        }

        @Override
        public void onProblem(E2Association<?> assoc, String problem, Throwable error) {
            e2Problems.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, nodeId + " (" + assoc.wire().name() + "): " + problem);
        }
    }

    private void dispatch(E2apPdu pdu) {
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> {
                InitiatingMessage m = pdu.getInitiatingMessage();
                switch (m.getValueCase()) {
                    case RIC_SUBSCRIPTION_REQUEST -> send(subscriptions.subscribe(m.getRicSubscriptionRequest()), false);
                    case RIC_SUBSCRIPTION_DELETE_REQUEST ->
                            send(subscriptions.delete(m.getRicSubscriptionDeleteRequest()), false);
                    case RIC_CONTROL_REQUEST -> handleControl(pdu, m.getRicControlRequest());
                    case RESET_REQUEST -> handleReset(m.getResetRequest());
                    case ERROR_INDICATION -> {
                        errorIndications.incrementAndGet();
                        synchronized (this) {
                            lastErrorIndication = m.getErrorIndication();
                        }
                        LOG.log(System.Logger.Level.DEBUG, () -> nodeId + ": ErrorIndication from RIC: " + m.getErrorIndication());
                    }
                    case RIC_SERVICE_QUERY -> handleServiceQuery(m.getRicServiceQuery());
                    default -> unexpected(pdu);
                }
            }
            case SUCCESSFUL_OUTCOME -> {
                SuccessfulOutcome m = pdu.getSuccessfulOutcome();
                switch (m.getValueCase()) {
                    case E2_SETUP_RESPONSE -> setupAnswered(m.getE2SetupResponse().getTransactionId(),
                            new SetupOutcome(m.getE2SetupResponse(), null), pdu);
                    case RIC_SERVICE_UPDATE_ACKNOWLEDGE, E2_NODE_CONFIGURATION_UPDATE_ACKNOWLEDGE, RESET_RESPONSE -> { }
                    default -> unexpected(pdu);
                }
            }
            case UNSUCCESSFUL_OUTCOME -> {
                switch (pdu.getUnsuccessfulOutcome().getValueCase()) {
                    case E2_SETUP_FAILURE -> {
                        E2SetupFailure f = pdu.getUnsuccessfulOutcome().getE2SetupFailure();
                        setupAnswered(f.getTransactionId(), new SetupOutcome(null, f), pdu);
                    }
                    case RIC_SERVICE_UPDATE_FAILURE, E2_NODE_CONFIGURATION_UPDATE_FAILURE -> { }
                    default -> unexpected(pdu);
                }
            }
            default -> sendError(E2Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE),
                    "E2AP PDU without initiating, successful or unsuccessful message");
        }
    }

    private void unexpected(E2apPdu pdu) {
        sendError(E2Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE),
                "unexpected " + E2Pdus.describe(pdu) + " at an E2 node");
    }

    private void sendError(Cause cause, String detail) {
        send(E2Pdus.initiating(InitiatingMessage.newBuilder().setErrorIndication(
                ErrorIndication.newBuilder().setCause(cause).setDetail(detail))), false);
    }

    private void setupAnswered(int tid, SetupOutcome outcome, E2apPdu pdu) {
        CompletableFuture<SetupOutcome> future;
        E2Association<?> assoc;
        synchronized (this) {
            if (pendingSetupTransaction == null || pendingSetupTransaction != tid) {
                future = null;
                assoc = null;
            } else {
                pendingSetupTransaction = null;
                lastSetup = outcome;
                setUp = outcome.accepted();
                if (setUp) backoffMs = options.initialBackoffMs();
                future = setupFuture;
                assoc = current;
            }
        }
        if (future == null) {
            unexpected(pdu);
            return;
        }
        if (outcome.accepted()) {
            LOG.log(System.Logger.Level.DEBUG, () -> nodeId + ": E2 Setup accepted");
        } else {
            LOG.log(System.Logger.Level.INFO, () -> nodeId + ": E2 Setup refused: " + outcome.cause());
        }
        future.complete(outcome);
        for (Consumer<SetupOutcome> l : setupListeners) {
            try {
                l.accept(outcome);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "setup listener failed", e);
            }
        }
        if (!outcome.accepted() && assoc != null) {
            // A refused node ends the association and, if allowed, tries again after TimeToWait.
            long wait = outcome.failure().hasTimeToWait() ? timeToWaitMs(outcome.failure().getTimeToWait()) : -1;
            associationLost(assoc, null, wait);
            assoc.cancel("E2 Setup refused");
        }
    }

    private static long timeToWaitMs(TimeToWait t) {
        return switch (t) {
            case TIME_TO_WAIT_V1S -> 1_000;
            case TIME_TO_WAIT_V2S -> 2_000;
            case TIME_TO_WAIT_V5S -> 5_000;
            case TIME_TO_WAIT_V10S -> 10_000;
            case TIME_TO_WAIT_V20S -> 20_000;
            case TIME_TO_WAIT_V60S -> 60_000;
            default -> 1_000;
        };
    }

    private void handleControl(E2apPdu pdu, RicControlRequest req) {
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), pdu, GETTER);
        Span span = tracer.spanBuilder("ran.control").setParent(parent).setSpanKind(SpanKind.CONSUMER)
                .setAttribute(NODE_ID, nodeId)
                .setAttribute(RAN_FUNCTION, (long) req.getRanFunctionId())
                .setAttribute(REQUESTOR, (long) req.getRicRequestId().getRicRequestorId())
                .setAttribute(INSTANCE, (long) req.getRicRequestId().getRicInstanceId())
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            RcControl.Result result = control.handle(req);
            span.setAttribute(ACTION, result.action());
            if (result.applied()) {
                controlsApplied.incrementAndGet();
            } else {
                controlsRejected.incrementAndGet();
                span.setStatus(StatusCode.ERROR, result.detail());
            }
            if (result.reply() != null) {
                E2apPdu.Builder reply = result.reply().toBuilder();
                W3CTraceContextPropagator.getInstance().inject(Context.current(), reply, SETTER);
                send(reply.build(), false);
            }
        } finally {
            span.end();
        }
    }

    private void handleReset(ResetRequest req) {
        subscriptions.clear();
        send(E2Pdus.successful(SuccessfulOutcome.newBuilder().setResetResponse(
                ResetResponse.newBuilder().setTransactionId(req.getTransactionId()))), false);
    }

    private void handleServiceQuery(RicServiceQuery query) {
        RicServiceUpdate.Builder update = RicServiceUpdate.newBuilder().setTransactionId(nextTransactionId());
        List<RanFunctionItem> functions = ranFunctions();
        for (RanFunctionItem f : functions) {
            boolean known = query.getRanFunctionsAcceptedList().stream()
                    .anyMatch(a -> a.getRanFunctionId() == f.getRanFunctionId());
            if (!known) update.addRanFunctionsAdded(f);
        }
        for (RanFunctionIdItem a : query.getRanFunctionsAcceptedList()) {
            boolean exists = functions.stream().anyMatch(f -> f.getRanFunctionId() == a.getRanFunctionId());
            if (!exists) update.addRanFunctionsDeleted(a);
        }
        send(E2Pdus.initiating(InitiatingMessage.newBuilder().setRicServiceUpdate(update)), false);
    }

    /** The association ended: drop subscriptions and maybe reconnect after {@code delayMs} (-1: backoff). */
    private void associationLost(E2Association<?> assoc, Throwable error, long delayMs) {
        long delay;
        boolean wasSetUp;
        synchronized (this) {
            if (assoc != current) return;
            current = null;
            wasSetUp = setUp;
            setUp = false;
            pendingSetupTransaction = null;
            if (closed || !options.reconnect()) {
                delay = -1;
                if (!setupFuture.isDone()) {
                    setupFuture.completeExceptionally(new IllegalStateException(
                            "association lost before the E2 Setup outcome", error));
                }
            } else {
                // a pending setup future carries over to the next association
                delay = Math.max(delayMs, backoffMs);
                backoffMs = Math.min(backoffMs * 2, options.maxBackoffMs());
            }
        }
        subscriptions.clear();
        LOG.log(wasSetUp ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, () -> nodeId + ": association lost ("
                + (error == null ? "closed by RIC" : error.toString()) + ")"
                + (delay >= 0 ? ", reconnecting in " + delay + " ms" : ""));
        if (delay >= 0) {
            synchronized (this) {
                if (!closed) reconnectTask = scheduler.schedule(this::openAssociation, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    // ------------------------------------------------------------------------------ options

    /**
     * Options of an {@link E2NodeAgent}; build with {@link #builder()}.
     *
     * @param openTelemetry          tracing API (default {@link OpenTelemetry#noop()})
     * @param reconnect              reconnect after association loss (default true)
     * @param initialBackoffMs       first reconnect delay (default 200)
     * @param maxBackoffMs           reconnect delay cap (default 2000)
     * @param skipSetup              tests: do not send E2 Setup on connect (default false)
     * @param minReportingPeriodMs   shortest KPM reporting period admitted (default 10)
     * @param maxPendingIndications  indications that may wait for flow control before dropping (default 4096)
     * @param epochBaseMs            Unix ms of simulated time 0 in KPM headers (default -1: wall clock at creation)
     * @param scheduler              executor for reconnect timers (default null: the agent makes its own)
     * @param e2Encoding             PROTOBUF ({@code Connect}, the default) or APER ({@code ConnectAper}, as a real node)
     * @param kpmVersion             APER: the E2SM-KPM version the node side speaks, "v03.00" (default) or "v02.03"
     * @param aperPpid               APER: the SCTP payload protocol id put on every frame (default 27, as O-RAN SC e2sim)
     */
    public record Options(OpenTelemetry openTelemetry, boolean reconnect, long initialBackoffMs, long maxBackoffMs,
                          boolean skipSetup, int minReportingPeriodMs, int maxPendingIndications, long epochBaseMs,
                          ScheduledExecutorService scheduler, E2Encoding e2Encoding, String kpmVersion, long aperPpid) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(openTelemetry, "openTelemetry");
            if (initialBackoffMs < 1) throw new IllegalArgumentException("initialBackoffMs: " + initialBackoffMs + " (expected: >= 1)");
            if (maxBackoffMs < initialBackoffMs) {
                throw new IllegalArgumentException("maxBackoffMs: " + maxBackoffMs + " (expected: >= initialBackoffMs " + initialBackoffMs + ")");
            }
            if (minReportingPeriodMs < 1) {
                throw new IllegalArgumentException("minReportingPeriodMs: " + minReportingPeriodMs + " (expected: >= 1)");
            }
            if (maxPendingIndications < 0) {
                throw new IllegalArgumentException("maxPendingIndications: " + maxPendingIndications + " (expected: >= 0)");
            }
            Objects.requireNonNull(e2Encoding, "e2Encoding");
            Objects.requireNonNull(kpmVersion, "kpmVersion");
            if (!kpmVersion.matches("v\\d{2}\\.\\d{2}")) {
                throw new IllegalArgumentException("kpmVersion: " + kpmVersion + " (expected: a version like v03.00 or v02.03)");
            }
            if (aperPpid < 0 || aperPpid > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("aperPpid: " + aperPpid + " (expected: 0..4294967295)");
            }
        }

        /** A builder with the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder initialised from these options. */
        public Builder toBuilder() {
            Builder b = new Builder();
            b.openTelemetry = openTelemetry; b.reconnect = reconnect; b.initialBackoffMs = initialBackoffMs;
            b.maxBackoffMs = maxBackoffMs; b.skipSetup = skipSetup; b.minReportingPeriodMs = minReportingPeriodMs;
            b.maxPendingIndications = maxPendingIndications; b.epochBaseMs = epochBaseMs; b.scheduler = scheduler;
            b.e2Encoding = e2Encoding; b.kpmVersion = kpmVersion; b.aperPpid = aperPpid;
            return b;
        }

        /** Builder of {@link Options}. */
        public static final class Builder {
            private OpenTelemetry openTelemetry = OpenTelemetry.noop();
            private boolean reconnect = true;
            private long initialBackoffMs = 200;
            private long maxBackoffMs = 2_000;
            private boolean skipSetup;
            private int minReportingPeriodMs = 10;
            private int maxPendingIndications = 4096;
            private long epochBaseMs = -1;
            private ScheduledExecutorService scheduler;
            private E2Encoding e2Encoding = E2Encoding.PROTOBUF;
            private String kpmVersion = AperNodeEdge.DEFAULT_KPM_VERSION;
            private long aperPpid = 27;

            private Builder() {}

            /** See {@link Options#openTelemetry()}. */
            public Builder openTelemetry(OpenTelemetry v) { openTelemetry = v; return this; }
            /** See {@link Options#reconnect()}. */
            public Builder reconnect(boolean v) { reconnect = v; return this; }
            /** See {@link Options#initialBackoffMs()}. */
            public Builder initialBackoffMs(long v) { initialBackoffMs = v; return this; }
            /** See {@link Options#maxBackoffMs()}. */
            public Builder maxBackoffMs(long v) { maxBackoffMs = v; return this; }
            /** See {@link Options#skipSetup()}. */
            public Builder skipSetup(boolean v) { skipSetup = v; return this; }
            /** See {@link Options#minReportingPeriodMs()}. */
            public Builder minReportingPeriodMs(int v) { minReportingPeriodMs = v; return this; }
            /** See {@link Options#maxPendingIndications()}. */
            public Builder maxPendingIndications(int v) { maxPendingIndications = v; return this; }
            /** See {@link Options#epochBaseMs()}. */
            public Builder epochBaseMs(long v) { epochBaseMs = v; return this; }
            /** See {@link Options#scheduler()}. */
            public Builder scheduler(ScheduledExecutorService v) { scheduler = v; return this; }
            /** See {@link Options#e2Encoding()}. */
            public Builder e2Encoding(E2Encoding v) { e2Encoding = v; return this; }
            /** See {@link Options#kpmVersion()}. */
            public Builder kpmVersion(String v) { kpmVersion = v; return this; }
            /** See {@link Options#aperPpid()}. */
            public Builder aperPpid(long v) { aperPpid = v; return this; }

            /** Validates and builds. */
            public Options build() {
                return new Options(openTelemetry, reconnect, initialBackoffMs, maxBackoffMs, skipSetup,
                        minReportingPeriodMs, maxPendingIndications, epochBaseMs, scheduler, e2Encoding, kpmVersion, aperPpid);
            }
        }
    }
}
