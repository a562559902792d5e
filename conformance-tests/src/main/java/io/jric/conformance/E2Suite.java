package io.jric.conformance;

import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The E2 cases. One implementation per kind of target: {@link RicE2Suite} (the harness plays E2
 * nodes against a RIC, embedded or at any {@code host:port}) and {@link E2NodeSuite} (the harness
 * plays the RIC for an E2 node). The cases both have are declared here; each adds the ones only
 * its side can check.
 */
public abstract class E2Suite implements Suite {
    /** How long to wait for an answer the target owes right away (default 5 s). */
    protected Duration answer = Duration.ofSeconds(5);
    /** How long to watch for something that must not come. */
    static final Duration QUIET = Duration.ofMillis(500);

    private final Map<String, CaseBody> cases = new LinkedHashMap<>();

    protected E2Suite() {
        register("E2-SETUP-001", this::setupAccepted);
        register("E2-SETUP-002", this::setupRejected);
        register("E2-SUB-001", this::kpmSubscription);
        register("E2-SUB-002", this::unknownRanFunction);
        register("E2-SUB-003", this::duplicateSubscription);
        register("E2-SUB-004", this::subscriptionDelete);
        register("E2-IND-001", this::indicationFlow);
        register("E2-CTRL-001", this::controlAcknowledged);
        register("E2-CTRL-002", this::controlFailure);
        register("E2-ERR-002", this::emptyPdu);
        register("E2-ERR-003", this::outOfOrderPdu);
        register("E2-ASSOC-001", this::associationLoss);
    }

    protected final void register(String id, CaseBody body) {
        if (cases.put(id, body) != null) throw new IllegalStateException("case " + id + " registered twice");
    }

    /** Sets how long the target may take to answer (default 5 s). */
    public E2Suite answerTimeout(Duration d) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("answer timeout: " + d + " (expected: > 0)");
        this.answer = d;
        return this;
    }

    @Override
    public final String suite() {
        return "e2";
    }

    @Override
    public final Map<String, CaseBody> cases() {
        Map<String, CaseBody> out = new LinkedHashMap<>();
        cases.forEach((id, body) -> out.put(id, ctx -> {
            String why = unavailable();
            if (why != null) ctx.skip(why);
            body.run(ctx);
        }));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Why none of this suite's cases can run against the target here (for example: E2 over SCTP on a
     * machine without SCTP), in plain words; null (the default) when they can. Every case is then skipped
     * with this reason instead of failing.
     */
    protected String unavailable() {
        return null;
    }

    protected abstract void setupAccepted(CaseContext ctx) throws Exception;

    protected abstract void setupRejected(CaseContext ctx) throws Exception;

    protected abstract void kpmSubscription(CaseContext ctx) throws Exception;

    protected abstract void unknownRanFunction(CaseContext ctx) throws Exception;

    protected abstract void duplicateSubscription(CaseContext ctx) throws Exception;

    protected abstract void subscriptionDelete(CaseContext ctx) throws Exception;

    protected abstract void indicationFlow(CaseContext ctx) throws Exception;

    protected abstract void controlAcknowledged(CaseContext ctx) throws Exception;

    protected abstract void controlFailure(CaseContext ctx) throws Exception;

    protected abstract void emptyPdu(CaseContext ctx) throws Exception;

    protected abstract void outOfOrderPdu(CaseContext ctx) throws Exception;

    protected abstract void associationLoss(CaseContext ctx) throws Exception;

    // ------------------------------------------------------------------ shared checks

    /** The Error Indication the target must send now, else the case fails saying after what. */
    ErrorIndication requireErrorIndication(E2Endpoint e, String after) throws InterruptedException {
        E2apPdu p = e.poll(Pdus.errorIndication(), answer);
        if (p == null) {
            String closed = e.isClosed() ? "; instead the association was closed (" + e.inbox.closedWhy() + ")" : "";
            throw new CaseFailure("expected an ErrorIndication after " + after + " within " + answer.toMillis()
                    + " ms (E2AP 8.3.2), none came" + closed);
        }
        return p.getInitiatingMessage().getErrorIndication();
    }

    /** No Error Indication within the quiet window, else the case fails quoting it. */
    void requireNoErrorIndication(E2Endpoint e, String after) throws InterruptedException {
        E2apPdu p = e.poll(Pdus.errorIndication(), QUIET);
        if (p != null) {
            ErrorIndication ei = p.getInitiatingMessage().getErrorIndication();
            throw new CaseFailure("unexpected ErrorIndication after " + after + ": " + Pdus.cause(ei.getCause())
                    + (ei.getDetail().isEmpty() ? "" : " (" + ei.getDetail() + ")"));
        }
    }

    /** The association is still open. */
    static void requireOpen(E2Endpoint e, String after) {
        if (e.isClosed()) throw new CaseFailure("the association was closed after " + after + " (" + e.inbox.closedWhy()
                + "); a conforming peer answers with an ErrorIndication and keeps it");
    }
}
