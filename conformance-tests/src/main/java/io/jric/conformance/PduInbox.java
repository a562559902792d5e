package io.jric.conformance;

import io.jric.proto.e2.v1.E2apPdu;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * The PDUs one end of an association received and nobody consumed yet, in arrival order. Waiting
 * for a PDU takes the first that matches and leaves the others for later steps, so a
 * subscription that arrives while a case waits for the setup answer is not lost.
 */
final class PduInbox {
    /** Unconsumed PDUs kept at most; older ones are dropped (indication floods). */
    private static final int MAX_BACKLOG = 20_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final List<E2apPdu> backlog = new ArrayList<>();
    private final String peer;
    private volatile CaseContext ctx;
    private boolean closed;
    private String closedWhy;

    PduInbox(String peer, CaseContext ctx) {
        this.peer = peer;
        this.ctx = ctx;
    }

    /** The case that now owns the transcript (an association can outlive a case). */
    void attach(CaseContext c) {
        this.ctx = c;
    }

    CaseContext ctx() {
        return ctx;
    }

    void add(E2apPdu pdu) {
        CaseContext c = ctx;
        if (c != null) c.received(peer + ": " + Pdus.text(pdu));
        lock.lock();
        try {
            if (backlog.size() >= MAX_BACKLOG) backlog.remove(0);
            backlog.add(pdu);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void closed(String why) {
        CaseContext c = ctx;
        if (c != null) c.note(peer + ": association closed: " + why);
        lock.lock();
        try {
            closed = true;
            closedWhy = why;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    String closedWhy() {
        lock.lock();
        try {
            return closedWhy;
        } finally {
            lock.unlock();
        }
    }

    /** The first matching PDU within the timeout (consumed), or null; returns early if the association closes. */
    E2apPdu poll(Predicate<E2apPdu> what, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (Iterator<E2apPdu> it = backlog.iterator(); it.hasNext(); ) {
                    E2apPdu p = it.next();
                    if (what.test(p)) {
                        it.remove();
                        return p;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) return null;
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the association closes; true if it did within the timeout. */
    boolean awaitClosed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                arrived.await(left, TimeUnit.NANOSECONDS);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Drops every unconsumed PDU that matches. */
    int drop(Predicate<E2apPdu> what) {
        lock.lock();
        try {
            int before = backlog.size();
            backlog.removeIf(what);
            return before - backlog.size();
        } finally {
            lock.unlock();
        }
    }

    /** Takes every unconsumed PDU that matches. */
    List<E2apPdu> takeAll(Predicate<E2apPdu> what) {
        lock.lock();
        try {
            List<E2apPdu> out = new ArrayList<>();
            for (Iterator<E2apPdu> it = backlog.iterator(); it.hasNext(); ) {
                E2apPdu p = it.next();
                if (what.test(p)) {
                    out.add(p);
                    it.remove();
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }
}
