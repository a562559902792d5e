package io.jric.conformance;

import io.jric.proto.e2.v1.E2apPdu;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * One end of an E2 association as the harness holds it (as an emulated node or as the RIC):
 * send PDUs, wait for PDUs, with every exchange in the case's transcript.
 */
abstract class E2Endpoint implements AutoCloseable {
    final PduInbox inbox;
    final String label;

    E2Endpoint(String label, CaseContext ctx) {
        this.label = label;
        this.inbox = new PduInbox(label, ctx);
    }

    /** Sends a PDU; the transcript shows it. */
    abstract void send(E2apPdu pdu);

    /** Closes the association from the harness side. */
    @Override
    public abstract void close();

    void attach(CaseContext ctx) {
        inbox.attach(ctx);
    }

    CaseContext ctx() {
        return inbox.ctx();
    }

    void recordSent(E2apPdu pdu) {
        CaseContext c = inbox.ctx();
        if (c != null) c.sent(label + ": " + Pdus.text(pdu));
    }

    /** The first matching PDU within the timeout, else the case fails naming what was awaited. */
    E2apPdu await(Predicate<E2apPdu> what, String description, Duration timeout) throws InterruptedException {
        CaseContext c = inbox.ctx();
        E2apPdu p = inbox.poll(what, c == null ? timeout : c.within(timeout));
        if (p != null) return p;
        String closed = inbox.isClosed() ? " (the association was closed: " + inbox.closedWhy() + ")" : "";
        throw new CaseFailure("expected " + description + " within " + timeout.toMillis() + " ms on " + label
                + ", none came" + closed);
    }

    /** The first matching PDU within the window, or null (consumed). */
    E2apPdu poll(Predicate<E2apPdu> what, Duration window) throws InterruptedException {
        CaseContext c = inbox.ctx();
        return inbox.poll(what, c == null ? window : c.within(window));
    }

    List<E2apPdu> takeAll(Predicate<E2apPdu> what) {
        return inbox.takeAll(what);
    }

    int drop(Predicate<E2apPdu> what) {
        return inbox.drop(what);
    }

    boolean isClosed() {
        return inbox.isClosed();
    }
}
