package io.jric.conformance;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.api.e2.ServiceModels;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.GlobalRicId;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.TimeToWait;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * E2 cases against an E2 node: the harness plays the RIC. It listens for the node's association
 * (the node is pointed at the harness), answers E2 Setup, and then drives subscriptions,
 * indications, controls and faults over that association. The association carries over from
 * case to case; a case that needs a set-up node waits for one.
 */
public final class E2NodeSuite extends E2Suite {
    /** The reporting period the harness subscribes with. */
    static final int PERIOD_MS = 200;

    private final HarnessRic ric;
    private final Duration connectWait;
    private final AtomicInteger nextInstance = new AtomicInteger(1);
    private HarnessRic.Association current;
    private E2SetupRequest currentSetup;

    /**
     * Listens on {@code host:port} (port 0: any free port; see {@link #port()}) and waits up to
     * {@code connectWait} for the node whenever a case needs it.
     */
    public E2NodeSuite(String host, int port, Duration connectWait) {
        this.ric = HarnessRic.start(host, port);
        this.connectWait = connectWait;
        register("E2-SETUP-006", this::setupRequestWellFormed);
    }

    /** The port the harness (as RIC) listens on. */
    public int port() {
        return ric.port();
    }

    @Override
    public TargetKind target() {
        return TargetKind.E2NODE;
    }

    @Override
    public void close() {
        if (current != null) current.close();
        ric.close();
    }

    // ------------------------------------------------------------------ the node's association

    /** The node's next E2 Setup Request, on the current association or on a new one. */
    private E2SetupRequest nextSetupRequest(CaseContext ctx, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HarnessRic.Association fresh = ric.pollAssociation();
            if (fresh != null) {
                if (current != null && !current.isClosed()) ctx.note("the node opened a new association; using it");
                current = fresh;
                current.attach(ctx);
                ctx.note("node connected: " + current.label);
            }
            if (current == null || current.isClosed()) {
                HarnessRic.Association a = ric.nextAssociation(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (a == null) break;
                current = a;
                current.attach(ctx);
                ctx.note("node connected: " + current.label);
            }
            E2apPdu p = current.poll(Pdus.setupRequest(), Duration.ofMillis(50));
            if (p != null) return p.getInitiatingMessage().getE2SetupRequest();
        }
        throw new CaseFailure("no E2SetupRequest from the node within " + timeout.toMillis()
                + " ms (point the node at the harness's E2 port " + ric.port() + ")");
    }

    private E2SetupResponse accept(E2SetupRequest req) {
        E2apPdu resp = Pdus.setupResponse(req, 0xC0FFE);
        current.send(resp);
        currentSetup = req;
        return resp.getSuccessfulOutcome().getE2SetupResponse();
    }

    /** A set-up association with the node (waiting for the node to connect if needed). */
    private HarnessRic.Association established(CaseContext ctx) throws InterruptedException {
        HarnessRic.Association fresh = ric.pollAssociation();
        if (fresh != null) {
            current = fresh;
            currentSetup = null;
        }
        if (current != null && !current.isClosed() && currentSetup != null) {
            current.attach(ctx);
            return current;
        }
        if (current != null) current.attach(ctx);
        accept(nextSetupRequest(ctx, connectWait));
        return current;
    }

    private int functionId(CaseContext ctx, String oid, String what) {
        for (RanFunctionItem f : currentSetup.getRanFunctionsList()) if (f.getRanFunctionOid().equals(oid)) return f.getRanFunctionId();
        throw ctx.skip("the node offers " + what + " (OID " + oid + ") in its E2 Setup");
    }

    private List<NrCgi> kpmCells() {
        for (RanFunctionItem f : currentSetup.getRanFunctionsList()) {
            if (!f.getRanFunctionOid().equals(ServiceModels.KPM_OID)) continue;
            try {
                return KpmRanFunctionDefinition.parseFrom(f.getRanFunctionDefinition()).getCellsList();
            } catch (InvalidProtocolBufferException e) {
                return List.of();
            }
        }
        return List.of();
    }

    private RicRequestId newRequestId() {
        return Pdus.rid(4242, nextInstance.getAndIncrement() & 0xFFFF);
    }

    private E2apPdu subscribe(HarnessRic.Association a, RicRequestId id, int function) throws InterruptedException {
        a.send(Pdus.kpmSubscription(id, function, PERIOD_MS, 1));
        return a.await(Pdus.subscriptionAnswer(id), "RICsubscriptionResponse or RICsubscriptionFailure for ricRequestID "
                + Pdus.requestId(id), answer);
    }

    private void subscribeOk(CaseContext ctx, HarnessRic.Association a, RicRequestId id, int function) throws InterruptedException {
        E2apPdu p = subscribe(a, id, function);
        if (p.getUnsuccessfulOutcome().hasRicSubscriptionFailure()) {
            throw new CaseFailure("RICsubscriptionFailure " + Pdus.cause(p.getUnsuccessfulOutcome().getRicSubscriptionFailure().getCause())
                    + " for a valid E2SM-KPM subscription (REPORT, style 1, " + PERIOD_MS + " ms) (expected: RICsubscriptionResponse)");
        }
        RicSubscriptionResponse r = p.getSuccessfulOutcome().getRicSubscriptionResponse();
        ctx.check(r.getRanFunctionId() == function, "RICsubscriptionResponse.ranFunctionID " + r.getRanFunctionId() + " (expected: " + function + ")");
        ctx.check(r.getRicActionsAdmittedList().contains(1), "RICsubscriptionResponse admits actions " + r.getRicActionsAdmittedList()
                + " (expected: action 1)");
    }

    private void unsubscribe(HarnessRic.Association a, RicRequestId id, int function) throws InterruptedException {
        a.send(Pdus.subscriptionDelete(id, function));
        a.poll(Pdus.deleteAnswer(id), answer);
        a.drop(Pdus.indicationFor(id));
    }

    // ------------------------------------------------------------------ E2 Setup

    @Override
    protected void setupAccepted(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        ctx.note("E2 Setup of the node: " + currentSetup);
        requireNoErrorIndication(a, "the E2SetupResponse");
        requireOpen(a, "the E2SetupResponse");
        // Setup done: the node must take a RIC procedure now (a KPM subscription, when it offers KPM).
        boolean kpmOffered = currentSetup.getRanFunctionsList().stream().anyMatch(f -> f.getRanFunctionOid().equals(ServiceModels.KPM_OID));
        if (!kpmOffered) {
            ctx.note("the node offers no E2SM-KPM function; no subscription round trip");
            return;
        }
        int kpm = functionId(ctx, ServiceModels.KPM_OID, "E2SM-KPM");
        RicRequestId id = newRequestId();
        subscribeOk(ctx, a, id, kpm);
        unsubscribe(a, id, kpm);
    }

    private void setupRequestWellFormed(CaseContext ctx) throws Exception {
        established(ctx);
        E2SetupRequest r = currentSetup;
        ctx.note("E2SetupRequest: " + r);
        ctx.check(r.getTransactionId() <= 255, "transactionID " + r.getTransactionId() + " (expected: 0..255)");
        try {
            ctx.note("node id " + E2Ids.nodeId(r.getGlobalE2NodeId()));
        } catch (IllegalArgumentException e) {
            ctx.fail("globalE2node-ID: " + e.getMessage());
        }
        ctx.check(r.getRanFunctionsCount() >= 1, "RANfunctions-List is empty (expected: at least one RAN function)");
        Set<Integer> ids = new HashSet<>();
        for (RanFunctionItem f : r.getRanFunctionsList()) {
            ctx.check(f.getRanFunctionId() <= 4095 && ids.add(f.getRanFunctionId()), "RANfunctionID " + f.getRanFunctionId()
                    + " out of 0..4095 or repeated");
            ctx.check(f.getRanFunctionRevision() <= 4095, "RANfunctionRevision " + f.getRanFunctionRevision() + " (expected: 0..4095)");
            ctx.check(!f.getRanFunctionOid().isEmpty() && f.getRanFunctionOid().length() <= 1000,
                    "RANfunctionOID of function " + f.getRanFunctionId() + " empty or longer than 1000");
        }
    }

    @Override
    protected void setupRejected(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        ctx.note("dropping the association so that the node sets up again");
        a.close();
        E2SetupRequest r = nextSetupRequest(ctx, connectWait);
        E2apPdu failure = Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setE2SetupFailure(E2SetupFailure.newBuilder()
                .setTransactionId(r.getTransactionId()).setCause(Cause.newBuilder().setMisc(CauseMisc.CAUSE_MISC_OM_INTERVENTION))
                .setTimeToWait(TimeToWait.TIME_TO_WAIT_V1S)));
        current.send(failure);
        currentSetup = null;
        long refusedAt = System.nanoTime();
        E2SetupRequest again = nextSetupRequest(ctx, connectWait.plusSeconds(1));
        long waitedMs = (System.nanoTime() - refusedAt) / 1_000_000;
        ctx.note("the node set up again after " + waitedMs + " ms");
        accept(again);
        ctx.check(waitedMs >= 950, "the node sent E2SetupRequest again " + waitedMs
                + " ms after an E2SetupFailure with timeToWait 1 s (expected: not before 1000 ms)");
    }

    // ------------------------------------------------------------------ subscriptions

    @Override
    protected void kpmSubscription(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        int kpm = functionId(ctx, ServiceModels.KPM_OID, "E2SM-KPM");
        RicRequestId id = newRequestId();
        subscribeOk(ctx, a, id, kpm);
        E2apPdu p = a.await(Pdus.indicationFor(id), "a RICindication for the new subscription", Duration.ofMillis(PERIOD_MS * 10L));
        ctx.check(p.getInitiatingMessage().getRicIndication().getRanFunctionId() == kpm, "RICindication.ranFunctionID "
                + p.getInitiatingMessage().getRicIndication().getRanFunctionId() + " (expected: " + kpm + ")");
        unsubscribe(a, id, kpm);
    }

    @Override
    protected void unknownRanFunction(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        for (RanFunctionItem f : currentSetup.getRanFunctionsList()) {
            if (f.getRanFunctionId() == Pdus.UNKNOWN_FUNCTION) ctx.skip("the node does not offer RAN function " + Pdus.UNKNOWN_FUNCTION);
        }
        RicRequestId id = newRequestId();
        E2apPdu p = subscribe(a, id, Pdus.UNKNOWN_FUNCTION);
        ctx.check(p.getUnsuccessfulOutcome().hasRicSubscriptionFailure(), "got " + Pdus.name(p) + " for RAN function "
                + Pdus.UNKNOWN_FUNCTION + ", which the node never offered (expected: RICsubscriptionFailure)");
        RicSubscriptionFailure f = p.getUnsuccessfulOutcome().getRicSubscriptionFailure();
        ctx.check(f.getCause().hasRicRequest() && f.getCause().getRicRequest() == CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID,
                "RICsubscriptionFailure.cause " + Pdus.cause(f.getCause()) + " (expected: ricRequest ran-function-id-invalid)");
    }

    @Override
    protected void duplicateSubscription(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        int kpm = functionId(ctx, ServiceModels.KPM_OID, "E2SM-KPM");
        RicRequestId id = newRequestId();
        subscribeOk(ctx, a, id, kpm);
        try {
            E2apPdu p = subscribe(a, id, kpm);
            ctx.check(p.getUnsuccessfulOutcome().hasRicSubscriptionFailure(), "got " + Pdus.name(p) + " for a second "
                    + "RICsubscriptionRequest with the ricRequestID " + Pdus.requestId(id) + " of an active subscription "
                    + "(expected: RICsubscriptionFailure)");
            a.drop(Pdus.indicationFor(id));
            a.await(Pdus.indicationFor(id), "RICindications of the first subscription after the duplicate was refused",
                    Duration.ofMillis(PERIOD_MS * 10L));
        } finally {
            unsubscribe(a, id, kpm);
        }
    }

    @Override
    protected void subscriptionDelete(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        int kpm = functionId(ctx, ServiceModels.KPM_OID, "E2SM-KPM");
        RicRequestId id = newRequestId();
        subscribeOk(ctx, a, id, kpm);
        a.await(Pdus.indicationFor(id), "a RICindication for the subscription", Duration.ofMillis(PERIOD_MS * 10L));
        a.send(Pdus.subscriptionDelete(id, kpm));
        E2apPdu d = a.await(Pdus.deleteAnswer(id), "RICsubscriptionDeleteResponse for " + Pdus.requestId(id), answer);
        ctx.check(d.getSuccessfulOutcome().hasRicSubscriptionDeleteResponse(), "got " + Pdus.name(d)
                + " for deleting an active subscription (expected: RICsubscriptionDeleteResponse)");
        // In flight when the response left: allow one period, then nothing more may come.
        a.poll(p -> false, Duration.ofMillis(PERIOD_MS));
        a.drop(Pdus.indicationFor(id));
        E2apPdu late = a.poll(Pdus.indicationFor(id), Duration.ofMillis(PERIOD_MS * 3L));
        ctx.check(late == null, "RICindication for " + Pdus.requestId(id) + " more than one period after its deletion");
        a.send(Pdus.subscriptionDelete(id, kpm));
        E2apPdu d2 = a.await(Pdus.deleteAnswer(id), "RICsubscriptionDeleteFailure for a deleted subscription", answer);
        ctx.check(d2.getUnsuccessfulOutcome().hasRicSubscriptionDeleteFailure(), "got " + Pdus.name(d2)
                + " for deleting a subscription that no longer exists (expected: RICsubscriptionDeleteFailure)");
    }

    // ------------------------------------------------------------------ indications

    @Override
    protected void indicationFlow(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        int kpm = functionId(ctx, ServiceModels.KPM_OID, "E2SM-KPM");
        RicRequestId id = newRequestId();
        subscribeOk(ctx, a, id, kpm);
        try {
            int wanted = 11;
            List<Long> arrivals = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMillis(PERIOD_MS * (wanted + 10L)).toNanos();
            while (arrivals.size() < wanted && System.nanoTime() < deadline) {
                E2apPdu p = a.poll(Pdus.indicationFor(id), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (p == null) break;
                arrivals.add(System.nanoTime());
                checkIndication(ctx, p.getInitiatingMessage().getRicIndication(), kpm);
            }
            ctx.check(arrivals.size() == wanted, "got " + arrivals.size() + " RICindication(s) in "
                    + PERIOD_MS * (wanted + 10L) + " ms (expected: " + wanted + " at one per " + PERIOD_MS + " ms)");
            // Ignore the first (phase); the mean spacing of the rest must match the period.
            double meanMs = (arrivals.get(wanted - 1) - arrivals.get(1)) / 1e6 / (wanted - 2);
            ctx.note(String.format("mean spacing %.1f ms over %d indications (requested %d ms)", meanMs, wanted - 1, PERIOD_MS));
            ctx.check(Math.abs(meanMs - PERIOD_MS) <= PERIOD_MS * 0.25, String.format(
                    "RICindications every %.1f ms on average (expected: the requested %d ms, within 25%%)", meanMs, PERIOD_MS));
        } finally {
            unsubscribe(a, id, kpm);
        }
    }

    private static void checkIndication(CaseContext ctx, RicIndication ind, int kpm) {
        ctx.check(ind.getRanFunctionId() == kpm, "RICindication.ranFunctionID " + ind.getRanFunctionId() + " (expected: " + kpm + ")");
        ctx.check(ind.getRicActionId() == 1, "RICindication.ricActionID " + ind.getRicActionId() + " (expected: 1, the subscribed action)");
        try {
            KpmIndicationHeader.parseFrom(ind.getRicIndicationHeader());
            KpmIndicationMessage m = KpmIndicationMessage.parseFrom(ind.getRicIndicationMessage());
            ctx.check(m.getCellsCount() > 0, "RICindicationMessage has no cell measurements (expected: style 1 reports cells)");
        } catch (InvalidProtocolBufferException e) {
            ctx.fail("RICindication header or message does not decode as E2SM-KPM: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ control

    @Override
    protected void controlAcknowledged(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        int rc = functionId(ctx, ServiceModels.RC_OID, "E2SM-RC");
        List<NrCgi> cells = kpmCells();
        if (cells.isEmpty()) ctx.skip("the node lists its cells in its E2SM-KPM RAN function definition");
        RicRequestId id = newRequestId();
        a.send(Pdus.txPowerControl(id, rc, cells.get(0), 40f));
        E2apPdu p = a.await(Pdus.controlAnswer(id), "RICcontrolAcknowledge for ricRequestID " + Pdus.requestId(id), answer);
        ctx.check(p.getSuccessfulOutcome().hasRicControlAcknowledge(), "got " + Pdus.name(p) + " for a Tx power of 40 dBm on its own cell "
                + E2Ids.cellId(cells.get(0)) + (p.getUnsuccessfulOutcome().hasRicControlFailure()
                ? " with cause " + Pdus.cause(p.getUnsuccessfulOutcome().getRicControlFailure().getCause()) : "")
                + " (expected: RICcontrolAcknowledge)");
        ctx.check(p.getSuccessfulOutcome().getRicControlAcknowledge().getRanFunctionId() == rc,
                "RICcontrolAcknowledge.ranFunctionID " + p.getSuccessfulOutcome().getRicControlAcknowledge().getRanFunctionId() + " (expected: " + rc + ")");
    }

    @Override
    protected void controlFailure(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        int rc = functionId(ctx, ServiceModels.RC_OID, "E2SM-RC");
        RicRequestId id = newRequestId();
        a.send(Pdus.control(id, rc, ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFF}),
                ByteString.copyFrom(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00})));
        E2apPdu p = a.await(Pdus.controlAnswer(id), "RICcontrolFailure for ricRequestID " + Pdus.requestId(id), answer);
        ctx.check(p.getUnsuccessfulOutcome().hasRicControlFailure(), "got " + Pdus.name(p)
                + " for a control whose header and message do not decode (expected: RICcontrolFailure)");
        Cause c = p.getUnsuccessfulOutcome().getRicControlFailure().getCause();
        ctx.check(c.getCauseCase() != Cause.CauseCase.CAUSE_NOT_SET, "RICcontrolFailure without a cause");
        ctx.note("cause " + Pdus.cause(c));
        requireOpen(a, "a RICcontrolFailure");
    }

    // ------------------------------------------------------------------ errors

    /** A quick round trip (a subscription to an unknown function) showing the association still works. */
    private void requireUsable(CaseContext ctx, HarnessRic.Association a, String after) throws InterruptedException {
        requireOpen(a, after);
        RicRequestId id = newRequestId();
        a.send(Pdus.kpmSubscription(id, Pdus.UNKNOWN_FUNCTION, PERIOD_MS, 1));
        if (a.poll(Pdus.subscriptionAnswer(id), answer) == null) {
            ctx.fail("after " + after + ", a RICsubscriptionRequest got no answer within " + answer.toMillis()
                    + " ms: the association does not work any more");
        }
    }

    @Override
    protected void emptyPdu(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        a.send(E2apPdu.getDefaultInstance());
        ErrorIndication ei = requireErrorIndication(a, "an E2AP-PDU with none of its CHOICE alternatives");
        ctx.check(ei.getCause().hasProtocol(), "ErrorIndication.cause " + Pdus.cause(ei.getCause()) + " (expected: a protocol cause)");
        requireUsable(ctx, a, "an empty E2AP-PDU");
    }

    @Override
    protected void outOfOrderPdu(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        a.send(Pdus.successful(SuccessfulOutcome.newBuilder().setE2SetupResponse(E2SetupResponse.newBuilder()
                .setTransactionId(200).setGlobalRicId(GlobalRicId.getDefaultInstance()))));
        ErrorIndication ei = requireErrorIndication(a, "an E2SetupResponse the node never asked for (transactionID 200)");
        ctx.check(ei.getCause().hasProtocol(), "ErrorIndication.cause " + Pdus.cause(ei.getCause())
                + " (expected: protocol message-not-compatible-with-receiver-state)");
        requireUsable(ctx, a, "an unsolicited E2SetupResponse");
    }

    @Override
    protected void associationLoss(CaseContext ctx) throws Exception {
        HarnessRic.Association a = established(ctx);
        a.close();
        long lostAt = System.nanoTime();
        E2SetupRequest r = nextSetupRequest(ctx, connectWait);
        ctx.note("the node set up again " + (System.nanoTime() - lostAt) / 1_000_000 + " ms after the loss");
        accept(r);
        int kpm = functionId(ctx, ServiceModels.KPM_OID, "E2SM-KPM");
        RicRequestId id = newRequestId();
        subscribeOk(ctx, current, id, kpm);
        unsubscribe(current, id, kpm);
    }
}
