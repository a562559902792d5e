package io.jric.sim;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.jric.proto.e2.v1.E2apPdu;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One E2 association: a single stream opened by its {@link E2Wire} ({@code Connect} for protobuf,
 * {@code ConnectAper} for APER; package-private).
 *
 * <p>Outbound PDUs from any thread are encoded by the wire and serialized under this object's lock.
 * When the transport is not ready they wait in a queue drained by the stream's on-ready handler;
 * droppable messages (indications) are dropped once {@code maxPendingDroppable} of them wait, so a slow
 * RIC never makes the node buffer without bound. Responses are never dropped. Inbound messages the
 * wire cannot turn into a PDU are answered by the wire's replies (e.g. an APER Error Indication) and
 * reported to the listener; the association lives on.
 *
 * @param <W> the message type of the stream
 */
final class E2Association<W> implements ClientResponseObserver<W, W> {
    interface Listener {
        void onPdu(E2Association<?> association, E2apPdu pdu);

        void onClosed(E2Association<?> association, Throwable error);

        /** An inbound message that did not reach the node's logic, or an outbound PDU that could not be encoded. */
        default void onProblem(E2Association<?> association, String problem, Throwable error) {
        }
    }

    private record Pending<W>(W message, boolean droppable) {}

    private final Listener listener;
    private final E2Wire<W> wire;
    private final int maxPendingDroppable;
    private final ArrayDeque<Pending<W>> pending = new ArrayDeque<>();
    private ClientCallStreamObserver<W> out;
    private int pendingDroppable;
    private boolean closed;
    private long dropped;

    E2Association(Listener listener, E2Wire<W> wire, int maxPendingDroppable) {
        this.listener = listener;
        this.wire = wire;
        this.maxPendingDroppable = maxPendingDroppable;
    }

    /** Opens the stream over {@code channel}. */
    void open(Channel channel) {
        wire.open(channel, this);
    }

    E2Wire<W> wire() {
        return wire;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<W> requestStream) {
        synchronized (this) {
            out = requestStream;
        }
        requestStream.setOnReadyHandler(this::drain);
    }

    /**
     * Encodes and sends or queues the PDU; false if the association is closed, the PDU could not be
     * encoded, or a droppable message was dropped.
     */
    boolean send(E2apPdu pdu, boolean droppable) {
        Exception failure = null;
        synchronized (this) {
            if (closed || out == null) return false;
            List<W> messages = null;
            try {
                messages = wire.encode(pdu);
            } catch (Exception e) {
                failure = e;
            }
            if (messages != null) {
                boolean all = true;
                for (W m : messages) all &= sendMessage(m, droppable);
                return all;
            }
        }
        listener.onProblem(this, "could not encode " + E2Pdus.describe(pdu) + " as " + wire.name() + ": "
                + failure.getMessage(), failure);
        return false;
    }

    private boolean sendMessage(W message, boolean droppable) {
        if (pending.isEmpty() && out.isReady()) {
            out.onNext(message);
            return true;
        }
        if (droppable) {
            if (pendingDroppable >= maxPendingDroppable) {
                dropped++;
                return false;
            }
            pendingDroppable++;
        }
        pending.add(new Pending<>(message, droppable));
        return true;
    }

    private synchronized void drain() {
        while (!closed && !pending.isEmpty() && out.isReady()) {
            Pending<W> p = pending.poll();
            if (p.droppable) pendingDroppable--;
            out.onNext(p.message);
        }
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized boolean isOpen() {
        return !closed;
    }

    /** Half-closes the stream gracefully (flushing what is queued first, as far as the transport allows). */
    void close() {
        synchronized (this) {
            if (closed) return;
            if (out == null) {
                closed = true;
            } else {
                drain();
                closed = true;
                pending.clear();
                try {
                    out.onCompleted();
                } catch (RuntimeException ignored) {
                    // the call may already be cancelled
                }
            }
        }
        wire.closed();
    }

    /** Aborts the stream. */
    void cancel(String reason) {
        ClientCallStreamObserver<W> o;
        synchronized (this) {
            closed = true;
            pending.clear();
            o = out;
        }
        wire.closed();
        if (o != null) o.cancel(reason, null);
    }

    @Override
    public void onNext(W message) {
        try {
            E2Wire.Inbound<W> in = wire.decode(message);
            if (in.pdu() != null) {
                listener.onPdu(this, in.pdu());
            } else {
                listener.onProblem(this, in.problem(), null);
            }
            if (!in.replies().isEmpty()) {
                synchronized (this) {
                    if (!closed && out != null) for (W r : in.replies()) sendMessage(r, false);
                }
            }
        } finally {
            wire.decoded();
        }
    }

    @Override
    public void onError(Throwable t) {
        synchronized (this) {
            closed = true;
            pending.clear();
        }
        wire.closed();
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
        wire.closed();
        listener.onClosed(this, null);
    }
}
