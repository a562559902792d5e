package io.jric.sim;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.jric.proto.e2.v1.E2apPdu;
import java.util.ArrayDeque;

/**
 * One E2 association: a single {@code Connect} stream (package-private).
 *
 * <p>Outbound PDUs from any thread are serialized under this object's lock. When the transport is not
 * ready they wait in a queue drained by the stream's on-ready handler; droppable PDUs (indications) are
 * dropped once {@code maxPendingDroppable} of them wait, so a slow RIC never makes the node buffer
 * without bound. Responses are never dropped.
 */
final class E2Association implements ClientResponseObserver<E2apPdu, E2apPdu> {
    interface Listener {
        void onPdu(E2Association association, E2apPdu pdu);

        void onClosed(E2Association association, Throwable error);
    }

    private record Pending(E2apPdu pdu, boolean droppable) {}

    private final Listener listener;
    private final int maxPendingDroppable;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private ClientCallStreamObserver<E2apPdu> out;
    private int pendingDroppable;
    private boolean closed;
    private long dropped;

    E2Association(Listener listener, int maxPendingDroppable) {
        this.listener = listener;
        this.maxPendingDroppable = maxPendingDroppable;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<E2apPdu> requestStream) {
        synchronized (this) {
            out = requestStream;
        }
        requestStream.setOnReadyHandler(this::drain);
    }

    /** Sends or queues the PDU; false if the association is closed or a droppable PDU was dropped. */
    synchronized boolean send(E2apPdu pdu, boolean droppable) {
        if (closed || out == null) return false;
        if (pending.isEmpty() && out.isReady()) {
            out.onNext(pdu);
            return true;
        }
        if (droppable) {
            if (pendingDroppable >= maxPendingDroppable) {
                dropped++;
                return false;
            }
            pendingDroppable++;
        }
        pending.add(new Pending(pdu, droppable));
        return true;
    }

    private synchronized void drain() {
        while (!closed && !pending.isEmpty() && out.isReady()) {
            Pending p = pending.poll();
            if (p.droppable) pendingDroppable--;
            out.onNext(p.pdu);
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /** Half-closes the stream gracefully (flushing what is queued first, as far as the transport allows). */
    synchronized void close() {
        if (closed) return;
        if (out == null) {
            closed = true;
            return;
        }
        drain();
        closed = true;
        pending.clear();
        try {
            out.onCompleted();
        } catch (RuntimeException ignored) {
            // the call may already be cancelled
        }
    }

    /** Aborts the stream. */
    void cancel(String reason) {
        ClientCallStreamObserver<E2apPdu> o;
        synchronized (this) {
            closed = true;
            pending.clear();
            o = out;
        }
        if (o != null) o.cancel(reason, null);
    }

    @Override
    public void onNext(E2apPdu pdu) {
        listener.onPdu(this, pdu);
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            closed = true;
            pending.clear();
        }
        listener.onClosed(this, t);
    }

    @Override
    public void onCompleted() {
        synchronized (this) {
            if (!closed) {
                closed = true;
                pending.clear();
                try {
                    out.onCompleted();
                } catch (RuntimeException ignored) {
                    // already closed
                }
            }
        }
        listener.onClosed(this, null);
    }
}
