package io.jric.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.CauseRicService;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2.v1.RanFunctionIdCauseItem;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.ResetRequest;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicServiceUpdate;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.sim.E2Encoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * E2 cases against a RIC: the harness plays E2 nodes over the RIC's E2 gRPC endpoint, and uses
 * the admin API (when given) to install a small probe xApp that makes the RIC start the
 * procedures a node cannot start (subscription delete, control). Every case uses fresh node ids,
 * so cases do not disturb each other or other nodes of a live RIC.
 */
public final class RicE2Suite extends E2Suite {
    /** The probe's KPM subscription: a period and style no one else asks for, to tell it apart. */
    static final int PROBE_PERIOD_MS = 470;
    static final int PROBE_STYLE = 1;

    private final RicTarget target;
    private final AdminClient admin;
    private final PlmnIdentity plmn;
    /** gNB ids: random base per run (22-bit ids), so runs against a live RIC do not collide. */
    private final AtomicLong nextGnb = new AtomicLong(ThreadLocalRandom.current().nextLong(1 << 20, (1 << 22) - 100_000));

    public RicE2Suite(RicTarget target) {
        this.target = target;
        this.admin = target.admin() == null ? null : new AdminClient(target.admin());
        this.plmn = Pdus.plmn(target.plmn());
        register("E2-SETUP-003", this::setupPartlyAccepted);
        register("E2-SETUP-004", this::setupUnservedPlmn);
        register("E2-SETUP-005", this::setupTwice);
        register("E2-SUB-005", this::subscriptionRetransmitted);
        register("E2-IND-002", this::unmatchedIndication);
        register("E2-CTRL-003", this::controlTimeout);
        register("E2-ERR-001", this::undecodableOctets);
        register("E2-RESET-001", this::reset);
    }

    @Override
    public TargetKind target() {
        return TargetKind.RIC;
    }

    private volatile String unavailable;
    private volatile boolean unavailableKnown;

    /** Over SCTP: skipped, saying why, where the machine has no SCTP. */
    @Override
    protected String unavailable() {
        if (target.e2Transport() != E2Transport.SCTP) return null;
        if (!unavailableKnown) {
            unavailable = E2Transport.sctpUnavailable();
            unavailableKnown = true;
        }
        return unavailable;
    }

    // ------------------------------------------------------------------ emulated nodes

    /** One emulated node: its association, identity and cells. */
    private final class Node implements AutoCloseable {
        final GlobalE2NodeId id;
        final String nodeId;
        final List<NrCgi> cells = new ArrayList<>();
        HarnessNode assoc;

        Node(CaseContext ctx, PlmnIdentity p) {
            long gnb = nextGnb.getAndIncrement();
            id = Pdus.gnb(p, gnb);
            nodeId = E2Ids.nodeId(id);
            for (int k = 1; k <= 2; k++) cells.add(Pdus.cell(p, (gnb << 14) | k));
            connect(ctx);
        }

        void connect(CaseContext ctx) {
            assoc = new HarnessNode(target.e2Host(), target.e2Port(), nodeId, ctx, target.e2Encoding(), target.e2Transport());
        }

        RanFunctionItem[] functions() {
            return new RanFunctionItem[] {Pdus.kpmFunction(cells.toArray(NrCgi[]::new)), Pdus.rcFunction()};
        }

        /** E2 Setup with KPM and RC; fails the case unless accepted. */
        E2SetupResponse setUp(int tx, RanFunctionItem... functions) throws InterruptedException {
            assoc.send(Pdus.setupRequest(tx, id, functions.length == 0 ? functions() : functions));
            E2apPdu a = assoc.await(Pdus.setupAnswer(), "E2SetupResponse", answer);
            if (a.getUnsuccessfulOutcome().hasE2SetupFailure()) {
                throw new CaseFailure("E2 Setup of " + nodeId + " refused: "
                        + Pdus.cause(a.getUnsuccessfulOutcome().getE2SetupFailure().getCause())
                        + " (expected: accepted; the node offers E2SM-KPM and E2SM-RC from PLMN " + target.plmn() + ")");
            }
            return a.getSuccessfulOutcome().getE2SetupResponse();
        }

        @Override
        public void close() {
            assoc.close();
        }
    }

    private Node setUpNode(CaseContext ctx) throws InterruptedException {
        Node n = new Node(ctx, plmn);
        n.setUp(1);
        return n;
    }

    private void requireKpmCollect(CaseContext ctx) {
        if (!target.kpmCollect()) {
            ctx.skip("the RIC subscribes to E2SM-KPM on every node that sets up (jRIC: e2.kpm.collect=true); "
                    + "the target was declared without it (--no-kpm-collect)");
        }
    }

    private AdminClient requireAdmin(CaseContext ctx) {
        if (admin == null) ctx.skip("the RIC's admin API (--admin URL), to install the harness's probe xApp");
        return admin;
    }

    static int period(RicSubscriptionRequest r) {
        try {
            return KpmEventTriggerDefinition.parseFrom(r.getRicSubscriptionDetails().getRicEventTriggerDefinition())
                    .getReportingPeriodMs();
        } catch (InvalidProtocolBufferException e) {
            return -1;
        }
    }

    static int style(RicSubscriptionRequest r) {
        if (r.getRicSubscriptionDetails().getRicActionsToBeSetupCount() == 0) return -1;
        RicActionToBeSetupItem a = r.getRicSubscriptionDetails().getRicActionsToBeSetup(0);
        try {
            return KpmActionDefinition.parseFrom(a.getRicActionDefinition()).getRicStyleType();
        } catch (InvalidProtocolBufferException e) {
            return -1;
        }
    }

    /** The RIC's KPM subscription to the node (the RIC's own collection), not answered yet. */
    private RicSubscriptionRequest awaitKpmSubscription(Node n) throws InterruptedException {
        E2apPdu p = n.assoc.await(Pdus.subscriptionRequest().and(
                        x -> x.getInitiatingMessage().getRicSubscriptionRequest().getRanFunctionId() == Pdus.KPM_FUNCTION),
                "a RICsubscriptionRequest for the E2SM-KPM function (" + Pdus.KPM_FUNCTION + ") after E2 Setup",
                target.subscriptionWait());
        return p.getInitiatingMessage().getRicSubscriptionRequest();
    }

    /**
     * Waits for the subscription that matches, answering every other RIC subscription on the way
     * with a response (the RIC's own KPM collection is not what this case is about).
     */
    private RicSubscriptionRequest awaitSubscriptionAnsweringOthers(Node n, Predicate<RicSubscriptionRequest> wanted,
                                                                   String description) throws InterruptedException {
        long deadline = System.nanoTime() + target.subscriptionWait().toNanos();
        while (System.nanoTime() < deadline) {
            E2apPdu p = n.assoc.poll(Pdus.subscriptionRequest(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (p == null) break;
            RicSubscriptionRequest r = p.getInitiatingMessage().getRicSubscriptionRequest();
            if (wanted.test(r)) return r;
            n.assoc.send(Pdus.subscriptionResponse(r));
        }
        throw new CaseFailure("expected " + description + " within " + target.subscriptionWait().toMillis() + " ms, none came");
    }

    // ------------------------------------------------------------------ probe xApp

    private String installProbe(CaseContext ctx, Node n, Double txPowerDbm) {
        String name = "conformance-probe-" + Long.toString(System.nanoTime() & 0xFFFFFFFL, 36);
        ObjectNode d = AdminClient.JSON.createObjectNode();
        d.put("schemaVersion", "1").put("name", name).put("version", "1.0.0").put("vendor", "jRIC conformance harness")
                .put("sdkApiVersion", "1");
        d.putObject("entry").put("provider", ProbeXapp.PROVIDER_ID);
        ObjectNode sub = d.putArray("subscriptions").addObject();
        sub.put("serviceModel", "kpm").put("reportPeriodMs", PROBE_PERIOD_MS).put("style", "cell");
        sub.putArray("nodes").add(n.nodeId);
        d.putArray("controls").addObject().put("action", "tx_power").put("scope", "cell").put("min", 0).put("max", 60);
        ObjectNode cfg = d.putObject("config");
        cfg.putObject("schema").put("type", "object");
        ObjectNode values = cfg.putObject("values");
        if (txPowerDbm != null) values.put("txPowerDbm", txPowerDbm);
        ctx.note("installing the probe xApp " + name + " (KPM every " + PROBE_PERIOD_MS + " ms on " + n.nodeId
                + (txPowerDbm == null ? "" : ", one tx_power control of " + txPowerDbm + " dBm on its first report") + ")");
        AdminClient.Answer a = admin.install(ctx, d, ProbeJar.bytes());
        if (a.status() != 201) {
            throw new CaseFailure("the admin API did not install the probe xApp: " + a.brief() + " (expected: 201)");
        }
        return name;
    }

    private void removeProbe(CaseContext ctx, String name) {
        if (name == null) return;
        try {
            admin.delete(ctx, "/ric/v1/xapps/" + name);
        } catch (RuntimeException e) {
            ctx.note("removing the probe failed: " + e.getMessage());
        }
    }

    private RicSubscriptionRequest awaitProbeSubscription(Node n) throws InterruptedException {
        RicSubscriptionRequest r = awaitSubscriptionAnsweringOthers(n,
                s -> s.getRanFunctionId() == Pdus.KPM_FUNCTION && period(s) == PROBE_PERIOD_MS && style(s) == PROBE_STYLE,
                "the probe xApp's RICsubscriptionRequest (E2SM-KPM, " + PROBE_PERIOD_MS + " ms, style " + PROBE_STYLE + ")");
        n.assoc.send(Pdus.subscriptionResponse(r));
        return r;
    }

    /** Feeds the probe one report and returns the RIC Control it makes of it. */
    private RicControlRequest awaitProbeControl(Node n, RicSubscriptionRequest sub) throws InterruptedException {
        n.assoc.send(Pdus.indication(sub.getRicRequestId(), sub.getRanFunctionId(), firstAction(sub), 1, n.cells.get(0)));
        E2apPdu p = n.assoc.await(Pdus.controlRequest(), "a RICcontrolRequest from the probe xApp's Tx-power control", answer);
        RicControlRequest c = p.getInitiatingMessage().getRicControlRequest();
        if (c.getRanFunctionId() != Pdus.RC_FUNCTION) {
            throw new CaseFailure("RICcontrolRequest.ranFunctionID " + c.getRanFunctionId() + " (expected: "
                    + Pdus.RC_FUNCTION + ", the node's E2SM-RC function)");
        }
        try {
            RcControlMessage m = RcControlMessage.parseFrom(c.getRicControlMessage());
            if (!m.hasTxPower() || !m.getTxPower().getCell().equals(n.cells.get(0))) {
                throw new CaseFailure("RICcontrolRequest message " + m + " (expected: tx_power for cell "
                        + E2Ids.cellId(n.cells.get(0)) + ")");
            }
        } catch (InvalidProtocolBufferException e) {
            throw new CaseFailure("RICcontrolRequest.ricControlMessage does not decode as E2SM-RC: " + e.getMessage());
        }
        return c;
    }

    /** The control-log entry of the probe, once it is there. */
    private JsonNode awaitControlLog(CaseContext ctx, String probe, String status) throws InterruptedException {
        Optional<JsonNode> e = Waits.until(answer, () -> {
            AdminClient.Answer a = admin.get(null, "/ric/v1/controls?limit=1000");
            if (a.status() != 200 || a.json() == null) return Optional.empty();
            for (JsonNode entry : a.json()) {
                if (probe.equals(entry.path("origin").asText()) && !entry.path("status").asText().isEmpty()) return Optional.of(entry);
            }
            return Optional.empty();
        });
        if (e.isEmpty()) throw new CaseFailure("no control-log entry with origin " + probe + " within " + answer.toMillis() + " ms");
        ctx.received("admin: control log entry " + e.get());
        if (!status.equals(e.get().path("status").asText())) {
            throw new CaseFailure("control log: status " + e.get().path("status").asText() + " (expected: " + status
                    + "), detail: " + e.get().path("detail").asText());
        }
        return e.get();
    }

    // ------------------------------------------------------------------ E2 Setup

    @Override
    protected void setupAccepted(CaseContext ctx) throws Exception {
        try (Node n = new Node(ctx, plmn)) {
            E2SetupResponse r = n.setUp(17);
            ctx.check(r.getTransactionId() == 17, "E2SetupResponse.transactionID " + r.getTransactionId() + " (expected: 17, the request's)");
            Set<Integer> accepted = new HashSet<>();
            for (RanFunctionIdItem i : r.getRanFunctionsAcceptedList()) accepted.add(i.getRanFunctionId());
            ctx.check(accepted.equals(Set.of(Pdus.KPM_FUNCTION, Pdus.RC_FUNCTION)), "RANfunctionsAccepted " + accepted
                    + " (expected: [" + Pdus.KPM_FUNCTION + ", " + Pdus.RC_FUNCTION + "], both offered functions are E2SM-KPM / E2SM-RC)");
            ctx.check(r.getRanFunctionsRejectedCount() == 0, "RANfunctionsRejected " + r.getRanFunctionsRejectedList() + " (expected: none)");
            ctx.check(r.getGlobalRicId().getRicId().getLength() == 20, "globalRIC-ID.ric-ID length " + r.getGlobalRicId().getRicId().getLength()
                    + " bits (expected: 20)");
            ctx.check(r.getGlobalRicId().getPlmnIdentity().getValue().size() == 3, "globalRIC-ID.pLMN-Identity: "
                    + r.getGlobalRicId().getPlmnIdentity().getValue().size() + " octets (expected: 3)");
            requireNoErrorIndication(n.assoc, "an accepted E2 Setup");
            requireOpen(n.assoc, "an accepted E2 Setup");
        }
    }

    @Override
    protected void setupRejected(CaseContext ctx) throws Exception {
        try (Node n = new Node(ctx, plmn)) {
            n.assoc.send(Pdus.setupRequest(42, n.id, Pdus.unknownFunction()));
            E2apPdu a = n.assoc.await(Pdus.setupAnswer(), "E2SetupFailure", answer);
            ctx.check(a.getUnsuccessfulOutcome().hasE2SetupFailure(), "got " + Pdus.name(a)
                    + " (expected: E2SetupFailure, the node offers no RAN function the RIC supports)");
            E2SetupFailure f = a.getUnsuccessfulOutcome().getE2SetupFailure();
            ctx.check(f.getTransactionId() == 42, "E2SetupFailure.transactionID " + f.getTransactionId() + " (expected: 42, the request's)");
            ctx.check(f.getCause().hasRicService() && f.getCause().getRicService() == CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED,
                    "E2SetupFailure.cause " + Pdus.cause(f.getCause()) + " (expected: ricService ran-function-not-supported)");
        }
    }

    private void setupPartlyAccepted(CaseContext ctx) throws Exception {
        try (Node n = new Node(ctx, plmn)) {
            E2SetupResponse r = n.setUp(5, Pdus.kpmFunction(n.cells.toArray(NrCgi[]::new)), Pdus.unknownFunction());
            Set<Integer> accepted = new HashSet<>();
            for (RanFunctionIdItem i : r.getRanFunctionsAcceptedList()) accepted.add(i.getRanFunctionId());
            ctx.check(accepted.equals(Set.of(Pdus.KPM_FUNCTION)), "RANfunctionsAccepted " + accepted + " (expected: [" + Pdus.KPM_FUNCTION + "])");
            RanFunctionIdCauseItem rej = r.getRanFunctionsRejectedList().stream()
                    .filter(i -> i.getRanFunctionId() == Pdus.UNKNOWN_FUNCTION).findFirst()
                    .orElseThrow(() -> new CaseFailure("RANfunctionsRejected " + r.getRanFunctionsRejectedList()
                            + " (expected: function " + Pdus.UNKNOWN_FUNCTION + " with OID " + Pdus.UNKNOWN_OID + ", with a cause)"));
            ctx.check(rej.getCause().getCauseCase() != Cause.CauseCase.CAUSE_NOT_SET,
                    "RANfunctionsRejected item " + Pdus.UNKNOWN_FUNCTION + " has no cause (expected: a cause, e.g. ricService ran-function-not-supported)");
        }
    }

    private void setupUnservedPlmn(CaseContext ctx) throws Exception {
        if (target.unservedPlmn() == null) {
            ctx.skip("a PLMN the RIC is configured not to serve (--unserved-plmn; jRIC: e2.allowedPlmns lists the served ones)");
        }
        try (Node n = new Node(ctx, Pdus.plmn(target.unservedPlmn()))) {
            n.assoc.send(Pdus.setupRequest(7, n.id, n.functions()));
            E2apPdu a = n.assoc.await(Pdus.setupAnswer(), "E2SetupFailure", answer);
            ctx.check(a.getUnsuccessfulOutcome().hasE2SetupFailure(), "got " + Pdus.name(a) + " (expected: E2SetupFailure, PLMN "
                    + target.unservedPlmn() + " is not served)");
            E2SetupFailure f = a.getUnsuccessfulOutcome().getE2SetupFailure();
            ctx.check(f.getTransactionId() == 7, "E2SetupFailure.transactionID " + f.getTransactionId() + " (expected: 7)");
            ctx.check(f.getCause().getCauseCase() != Cause.CauseCase.CAUSE_NOT_SET, "E2SetupFailure without a cause");
            ctx.note("cause " + Pdus.cause(f.getCause()) + (f.hasTimeToWait() ? ", timeToWait " + f.getTimeToWait() : ""));
            if (f.getCause().hasMisc()) {
                ctx.check(f.getCause().getMisc() == CauseMisc.CAUSE_MISC_OM_INTERVENTION || f.getCause().getMisc() == CauseMisc.CAUSE_MISC_UNSPECIFIED,
                        "E2SetupFailure.cause " + Pdus.cause(f.getCause()) + " (expected: misc om-intervention or unspecified)");
            }
        }
    }

    private void setupTwice(CaseContext ctx) throws Exception {
        try (Node n = setUpNode(ctx)) {
            n.assoc.send(Pdus.setupRequest(2, n.id, n.functions()));
            E2apPdu a = n.assoc.poll(Pdus.setupAnswer().or(Pdus.errorIndication()), answer);
            ctx.check(a != null, "no answer to a second E2SetupRequest on an established association within "
                    + answer.toMillis() + " ms (expected: E2SetupFailure or ErrorIndication)");
            ctx.check(!a.getSuccessfulOutcome().hasE2SetupResponse(), "a second E2 Setup on an established association was accepted "
                    + "(expected: E2SetupFailure with cause protocol message-not-compatible-with-receiver-state, or an ErrorIndication)");
            requireOpen(n.assoc, "a second E2SetupRequest");
        }
    }

    // ------------------------------------------------------------------ subscriptions

    private static void checkSubscription(CaseContext ctx, RicSubscriptionRequest r) {
        RicRequestId id = r.getRicRequestId();
        ctx.check(id.getRicRequestorId() <= 65535 && id.getRicInstanceId() <= 65535, "ricRequestID " + Pdus.requestId(id) + " out of 0..65535");
        int actions = r.getRicSubscriptionDetails().getRicActionsToBeSetupCount();
        ctx.check(actions >= 1 && actions <= 16, "RICactions-ToBeSetup-List: " + actions + " item(s) (expected: 1..16)");
        Set<Integer> ids = new HashSet<>();
        for (RicActionToBeSetupItem a : r.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
            ctx.check(a.getRicActionId() <= 255 && ids.add(a.getRicActionId()), "RICactionID " + a.getRicActionId() + " out of range or repeated");
            ctx.check(a.getRicActionType() == RicActionType.RIC_ACTION_TYPE_REPORT, "RICactionType " + a.getRicActionType()
                    + " (expected: report, the only type E2SM-KPM supports)");
        }
        int p = period(r);
        ctx.check(p > 0, "RICeventTriggerDefinition does not decode as an E2SM-KPM event trigger with a reporting period (got "
                + p + ")");
    }

    @Override
    protected void kpmSubscription(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            checkSubscription(ctx, r);
            n.assoc.send(Pdus.subscriptionResponse(r));
            n.assoc.send(Pdus.indication(r.getRicRequestId(), r.getRanFunctionId(), firstAction(r), 1, n.cells.get(0)));
            requireNoErrorIndication(n.assoc, "a RICsubscriptionResponse and one RICindication for it");
        }
    }

    @Override
    protected void unknownRanFunction(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = new Node(ctx, plmn)) {
            n.setUp(1, Pdus.kpmFunction(n.cells.toArray(NrCgi[]::new)), Pdus.rcFunction(), Pdus.unknownFunction());
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionFailure(r, CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID));
            E2apPdu other = n.assoc.poll(Pdus.subscriptionRequest().and(
                    p -> p.getInitiatingMessage().getRicSubscriptionRequest().getRanFunctionId() == Pdus.UNKNOWN_FUNCTION), QUIET);
            ctx.check(other == null, "the RIC subscribed to RAN function " + Pdus.UNKNOWN_FUNCTION
                    + ", which it rejected in E2 Setup (unknown OID)");
            // The failed subscription must not be active: an indication for it is unknown to the RIC.
            n.assoc.send(Pdus.indication(r.getRicRequestId(), r.getRanFunctionId(), firstAction(r), 1, n.cells.get(0)));
            ErrorIndication ei = requireErrorIndication(n.assoc, "a RICindication for a subscription the node refused (RICsubscriptionFailure)");
            ctx.check(ei.getCause().hasRicRequest() && ei.getCause().getRicRequest() == CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN,
                    "ErrorIndication.cause " + Pdus.cause(ei.getCause()) + " (expected: ricRequest request-id-unknown)");
        }
    }

    @Override
    protected void duplicateSubscription(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionResponse(r));
            n.assoc.send(Pdus.subscriptionResponse(r));
            ErrorIndication ei = requireErrorIndication(n.assoc, "a second RICsubscriptionResponse for ricRequestID "
                    + Pdus.requestId(r.getRicRequestId()) + " (no such procedure in progress any more)");
            ctx.check(ei.getCause().hasRicRequest() || ei.getCause().hasProtocol(), "ErrorIndication.cause " + Pdus.cause(ei.getCause())
                    + " (expected: ricRequest request-id-unknown or a protocol cause)");
            n.assoc.send(Pdus.indication(r.getRicRequestId(), r.getRanFunctionId(), firstAction(r), 1, n.cells.get(0)));
            requireNoErrorIndication(n.assoc, "a RICindication for the subscription (it must still be active)");
        }
    }

    @Override
    protected void subscriptionDelete(CaseContext ctx) throws Exception {
        requireAdmin(ctx);
        try (Node n = setUpNode(ctx)) {
            String probe = installProbe(ctx, n, null);
            RicSubscriptionRequest r;
            try {
                r = awaitProbeSubscription(n);
            } catch (RuntimeException | InterruptedException e) {
                removeProbe(ctx, probe);
                throw e;
            }
            AdminClient.Answer a = admin.delete(ctx, "/ric/v1/xapps/" + probe);
            ctx.check(a.status() == 204, "removing the probe xApp: " + a.brief() + " (expected: 204)");
            E2apPdu d = n.assoc.await(Pdus.subscriptionDeleteRequest(), "a RICsubscriptionDeleteRequest after the probe xApp "
                    + "(the subscription's only user) was removed", target.subscriptionWait());
            RicSubscriptionDeleteRequest del = d.getInitiatingMessage().getRicSubscriptionDeleteRequest();
            ctx.check(del.getRicRequestId().equals(r.getRicRequestId()) && del.getRanFunctionId() == r.getRanFunctionId(),
                    "RICsubscriptionDeleteRequest for " + Pdus.requestId(del.getRicRequestId()) + " function " + del.getRanFunctionId()
                            + " (expected: " + Pdus.requestId(r.getRicRequestId()) + " function " + r.getRanFunctionId() + ", the probe's subscription)");
            n.assoc.send(Pdus.deleteResponse(del));
            requireNoErrorIndication(n.assoc, "the RICsubscriptionDeleteResponse");
        }
    }

    private void subscriptionRetransmitted(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest first = awaitKpmSubscription(n);
            ctx.note("not answering the first RICsubscriptionRequest " + Pdus.requestId(first.getRicRequestId()));
            E2apPdu again = n.assoc.await(Pdus.subscriptionRequest().and(p -> p.getInitiatingMessage().getRicSubscriptionRequest()
                            .getRanFunctionId() == first.getRanFunctionId()),
                    "the RICsubscriptionRequest again after no answer (the RIC's subscription timer)", target.subscriptionWait());
            RicSubscriptionRequest r = again.getInitiatingMessage().getRicSubscriptionRequest();
            checkSubscription(ctx, r);
            n.assoc.send(Pdus.subscriptionResponse(r));
            n.assoc.send(Pdus.indication(r.getRicRequestId(), r.getRanFunctionId(), firstAction(r), 1, n.cells.get(0)));
            requireNoErrorIndication(n.assoc, "answering the repeated subscription and one RICindication for it");
        }
    }

    // ------------------------------------------------------------------ indications

    @Override
    protected void indicationFlow(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionResponse(r));
            int p = period(r);
            ctx.check(p >= 10 && p <= 60_000, "requested reporting period " + p + " ms (expected: 10..60000)");
            int count = (int) Math.max(3, Math.min(10, 3_000 / p));
            ctx.note("sending " + count + " RICindications at the requested period of " + p + " ms");
            for (int i = 1; i <= count; i++) {
                n.assoc.send(Pdus.indication(r.getRicRequestId(), r.getRanFunctionId(), firstAction(r), i, n.cells.get(i % 2)));
                // Waiting one period for an Error Indication paces the flow and checks it at once.
                E2apPdu ei = n.assoc.poll(Pdus.errorIndication(), Duration.ofMillis(p));
                if (ei != null) {
                    ErrorIndication e = ei.getInitiatingMessage().getErrorIndication();
                    throw new CaseFailure("ErrorIndication for RICindication " + i + " at the requested period: "
                            + Pdus.cause(e.getCause()) + " " + e.getDetail());
                }
            }
            requireOpen(n.assoc, "the indication flow");
        }
    }

    private void unmatchedIndication(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionResponse(r));
            RicRequestId unknown = Pdus.rid(r.getRicRequestId().getRicRequestorId(), (r.getRicRequestId().getRicInstanceId() + 777) & 0xFFFF);
            n.assoc.send(Pdus.indication(unknown, r.getRanFunctionId(), 1, 1, n.cells.get(0)));
            ErrorIndication e1 = requireErrorIndication(n.assoc, "a RICindication for ricRequestID " + Pdus.requestId(unknown)
                    + ", which no subscription has");
            ctx.check(e1.getCause().hasRicRequest() && e1.getCause().getRicRequest() == CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN,
                    "ErrorIndication.cause " + Pdus.cause(e1.getCause()) + " (expected: ricRequest request-id-unknown)");
            n.assoc.send(Pdus.indication(r.getRicRequestId(), Pdus.RC_FUNCTION, 1, 2, n.cells.get(0)));
            ErrorIndication e2 = requireErrorIndication(n.assoc, "a RICindication on the subscription's request id but RAN function "
                    + Pdus.RC_FUNCTION + " (the subscription is on " + r.getRanFunctionId() + ")");
            ctx.check(e2.getCause().hasRicRequest(), "ErrorIndication.cause " + Pdus.cause(e2.getCause())
                    + " (expected: a ricRequest cause, e.g. ran-function-id-invalid)");
            requireOpen(n.assoc, "unmatched RICindications");
        }
    }

    // ------------------------------------------------------------------ control

    @Override
    protected void controlAcknowledged(CaseContext ctx) throws Exception {
        requireAdmin(ctx);
        try (Node n = setUpNode(ctx)) {
            String probe = installProbe(ctx, n, 41.0);
            try {
                RicControlRequest c = awaitProbeControl(n, awaitProbeSubscription(n));
                n.assoc.send(Pdus.controlAck(c, "tx_power applied"));
                awaitControlLog(ctx, probe, "ACK");
                requireNoErrorIndication(n.assoc, "the RICcontrolAcknowledge");
            } finally {
                removeProbe(ctx, probe);
            }
        }
    }

    @Override
    protected void controlFailure(CaseContext ctx) throws Exception {
        requireAdmin(ctx);
        try (Node n = setUpNode(ctx)) {
            String probe = installProbe(ctx, n, 41.0);
            try {
                RicControlRequest c = awaitProbeControl(n, awaitProbeSubscription(n));
                n.assoc.send(Pdus.controlFailure(c, CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_FAILED_TO_EXECUTE, "conformance: refused on purpose"));
                awaitControlLog(ctx, probe, "FAILURE");
                requireNoErrorIndication(n.assoc, "the RICcontrolFailure");
            } finally {
                removeProbe(ctx, probe);
            }
        }
    }

    private void controlTimeout(CaseContext ctx) throws Exception {
        requireAdmin(ctx);
        try (Node n = setUpNode(ctx)) {
            String probe = installProbe(ctx, n, 41.0);
            try {
                RicControlRequest c = awaitProbeControl(n, awaitProbeSubscription(n));
                ctx.note("not answering RICcontrolRequest " + Pdus.requestId(c.getRicRequestId()));
                JsonNode e = awaitControlLogWithin(ctx, probe, Duration.ofSeconds(15));
                ctx.check("TIMEOUT".equals(e.path("status").asText()), "control log: status " + e.path("status").asText()
                        + " for an unanswered control (expected: TIMEOUT)");
            } finally {
                removeProbe(ctx, probe);
            }
        }
    }

    private JsonNode awaitControlLogWithin(CaseContext ctx, String probe, Duration d) throws InterruptedException {
        Optional<JsonNode> e = Waits.until(ctx.within(d), () -> {
            AdminClient.Answer a = admin.get(null, "/ric/v1/controls?limit=1000");
            if (a.status() != 200 || a.json() == null) return Optional.empty();
            for (JsonNode entry : a.json()) if (probe.equals(entry.path("origin").asText())) return Optional.of(entry);
            return Optional.empty();
        });
        if (e.isEmpty()) throw new CaseFailure("no control-log entry with origin " + probe + " within " + d.toMillis()
                + " ms of an unanswered control (expected: TIMEOUT after the RIC's control timeout)");
        ctx.received("admin: control log entry " + e.get());
        return e.get();
    }

    // ------------------------------------------------------------------ errors

    private E2apPdu serviceUpdate(int tx) {
        return Pdus.initiating(InitiatingMessage.newBuilder().setRicServiceUpdate(RicServiceUpdate.newBuilder().setTransactionId(tx)));
    }

    /** A RIC Service Update round trip: proof that the association still works. */
    private void requireUsable(Node n, String after) throws InterruptedException {
        requireOpen(n.assoc, after);
        n.assoc.send(serviceUpdate(77));
        E2apPdu a = n.assoc.poll(p -> p.getSuccessfulOutcome().hasRicServiceUpdateAcknowledge()
                || p.getUnsuccessfulOutcome().hasRicServiceUpdateFailure(), answer);
        if (a == null) throw new CaseFailure("after " + after + ", a RICserviceUpdate got no answer within " + answer.toMillis()
                + " ms: the association does not work any more" + (n.assoc.isClosed() ? " (closed: " + n.assoc.inbox.closedWhy() + ")" : ""));
    }

    private void undecodableOctets(CaseContext ctx) throws Exception {
        try (Node n = setUpNode(ctx)) {
            n.assoc.sendOctets(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01}, "4 octets that are no E2AP PDU");
            ErrorIndication ei = requireErrorIndication(n.assoc, "octets that do not decode as an E2AP PDU");
            ctx.check(ei.getCause().hasProtocol(), "ErrorIndication.cause " + Pdus.cause(ei.getCause())
                    + " (expected: protocol transfer-syntax-error)");
            requireUsable(n, "an undecodable PDU");
        }
    }

    @Override
    protected void emptyPdu(CaseContext ctx) throws Exception {
        if (target.e2Encoding() == E2Encoding.APER) {
            ctx.skip("an E2AP-PDU with none of its CHOICE alternatives, which has no APER encoding (the CHOICE index is always "
                    + "written); with --e2-encoding aper, E2-ERR-001 sends octets that do not decode instead");
        }
        try (Node n = setUpNode(ctx)) {
            n.assoc.send(E2apPdu.getDefaultInstance());
            ErrorIndication ei = requireErrorIndication(n.assoc, "an E2AP-PDU with none of its CHOICE alternatives");
            ctx.check(ei.getCause().hasProtocol(), "ErrorIndication.cause " + Pdus.cause(ei.getCause())
                    + " (expected: a protocol cause, e.g. abstract-syntax-error-falsely-constructed-message)");
            requireUsable(n, "an empty E2AP-PDU");
        }
    }

    @Override
    protected void outOfOrderPdu(CaseContext ctx) throws Exception {
        try (Node n = new Node(ctx, plmn)) {
            n.assoc.send(Pdus.indication(Pdus.rid(1, 1), Pdus.KPM_FUNCTION, 1, 1, n.cells.get(0)));
            ErrorIndication ei = requireErrorIndication(n.assoc, "a RICindication before E2 Setup");
            ctx.check(ei.getCause().hasProtocol() && ei.getCause().getProtocol()
                            == io.jric.proto.e2.v1.CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE,
                    "ErrorIndication.cause " + Pdus.cause(ei.getCause()) + " (expected: protocol message-not-compatible-with-receiver-state)");
            requireOpen(n.assoc, "an out-of-order PDU");
            n.setUp(3);
        }
    }

    // ------------------------------------------------------------------ association

    @Override
    protected void associationLoss(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionResponse(r));
            ctx.note("the node loses its association");
            n.assoc.close();
            n.connect(ctx);
            n.setUp(9);
            RicSubscriptionRequest again = awaitKpmSubscription(n);
            checkSubscription(ctx, again);
            ctx.check(period(again) == period(r), "re-made subscription period " + period(again) + " ms (expected: "
                    + period(r) + " ms, as before the loss)");
            n.assoc.send(Pdus.subscriptionResponse(again));
            requireNoErrorIndication(n.assoc, "the re-made subscription's response");
        }
    }

    private void reset(CaseContext ctx) throws Exception {
        requireKpmCollect(ctx);
        try (Node n = setUpNode(ctx)) {
            RicSubscriptionRequest r = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionResponse(r));
            n.assoc.send(Pdus.initiating(InitiatingMessage.newBuilder().setResetRequest(ResetRequest.newBuilder()
                    .setTransactionId(33).setCause(Cause.newBuilder().setMisc(CauseMisc.CAUSE_MISC_OM_INTERVENTION)))));
            E2apPdu a = n.assoc.await(p -> p.getSuccessfulOutcome().hasResetResponse(), "ResetResponse", answer);
            ctx.check(a.getSuccessfulOutcome().getResetResponse().getTransactionId() == 33,
                    "ResetResponse.transactionID " + a.getSuccessfulOutcome().getResetResponse().getTransactionId() + " (expected: 33)");
            RicSubscriptionRequest again = awaitKpmSubscription(n);
            n.assoc.send(Pdus.subscriptionResponse(again));
            requireNoErrorIndication(n.assoc, "the subscription re-made after Reset");
        }
    }

    /**
     * The action the harness reports for: the first of the request as the node received it (over APER the
     * RIC's E2SM-KPM edge numbers the actions itself, one per cell and one for the UEs).
     */
    private static int firstAction(RicSubscriptionRequest r) {
        return r.getRicSubscriptionDetails().getRicActionsToBeSetupCount() == 0 ? 1
                : r.getRicSubscriptionDetails().getRicActionsToBeSetup(0).getRicActionId();
    }
}
