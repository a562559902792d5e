package io.jric.gateway;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.jric.proto.xapp.v1.XappEvent;
import java.util.ArrayDeque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One attached stream: a bounded outbound buffer drained while gRPC says the stream is ready
 * (flow control), so a slow remote costs drops, never memory or a blocked xApp thread.
 */
final class Session {
    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    final String xappName;
    final String peer;
    final long attachedAtMs = System.currentTimeMillis();
    private final ServerCallStreamObserver<XappEvent> out;
    private final int capacity;
    private final ArrayDeque<XappEvent> buffer = new ArrayDeque<>();
    private long sequence;
    private long sent;
    private long dropped;
    private boolean closed;

    Session(String xappName, String peer, ServerCallStreamObserver<XappEvent> out, int capacity) {
        this.xappName = xappName;
        this.peer = peer;
        this.out = out;
        this.capacity = capacity;
    }

    /**
     * Queues an event and sends what the stream takes. An event beyond the buffer's capacity is
     * dropped (and still consumes a sequence number, so the remote sees the gap) unless
     * {@code force} (policies and models: rare, and answered by the remote).
     *
     * @return false when dropped or the session is closed
     */
    synchronized boolean offer(XappEvent.Builder event, boolean force) {
        if (closed) return false;
        long seq = ++sequence;
        if (!force && buffer.size() >= capacity) {
            dropped++;
            return false;
        }
        buffer.add(event.setSequence(seq).build());
        drain();
        return true;
    }

    /** Sends buffered events while the transport accepts them (also the stream's on-ready handler). */
    synchronized void drain() {
        try {
            while (!closed && !buffer.isEmpty() && out.isReady()) {
                out.onNext(buffer.poll());
                sent++;
            }
        } catch (RuntimeException e) {
            // The call was cancelled under us; the cancel handler detaches the session.
            LOG.log(Level.FINE, "stream of " + xappName + " failed", e);
            closed = true;
            buffer.clear();
        }
    }

    /** Ends the stream with a status (no-op when already ended). */
    synchronized void end(Status status) {
        if (closed) return;
        closed = true;
        buffer.clear();
        try {
            out.onError(status.asRuntimeException());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "ending stream of " + xappName, e);
        }
    }

    /** Marks the session closed by the remote side (cancel or disconnect). */
    synchronized void cancelled() {
        closed = true;
        buffer.clear();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized long sent() {
        return sent;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized int buffered() {
        return buffer.size();
    }
}
