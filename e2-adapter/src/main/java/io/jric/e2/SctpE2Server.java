package io.jric.e2;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.ShutdownNotification;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpServerChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * E2AP over SCTP, as real RAN nodes speak it: one listening socket (E2AP's port 36421 by default), one
 * {@link Association} per SCTP association (a gNB's DU, CU-CP and CU-UP agents each open their own), any
 * payload protocol id accepted (srsRAN sends 70/71/72, FlexRIC 0, e2sim 27), answers on the stream the
 * request came on, with the PPID the node used. Built on the JDK's SCTP channels (module jdk.sctp).
 *
 * <p>Where the kernel has no SCTP ({@code socket(IPPROTO_SCTP)} fails, as in many containers) the
 * server does not start: {@link #start} returns a server that only says why, once, and the rest of the
 * RIC runs on (nodes can still use gRPC, including APER frames over {@code ConnectAper}).
 *
 * <p>Each association has a reader thread (it reads only while the association has credit, so a slow
 * grid slows the node down instead of filling memory) and a writer thread with a bounded queue.
 */
final class SctpE2Server implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SctpE2Server.class.getName());
    /** Largest E2AP PDU taken (SCTP may deliver one in several parts). */
    static final int MAX_PDU_BYTES = 1 << 20;
    /** Outbound bytes queued per association before it reports not ready. */
    private static final int WRITE_WINDOW_BYTES = 1 << 20;

    private final E2Termination termination;
    private final SctpServerChannel server;
    private final String unavailable;
    private final Thread acceptor;
    private final Set<Conn> conns = ConcurrentHashMap.newKeySet();
    private final int maxAssociations;
    private volatile boolean closed;

    private SctpE2Server(E2Termination termination, SctpServerChannel server, String unavailable, int maxAssociations) {
        this.termination = termination;
        this.server = server;
        this.unavailable = unavailable;
        this.maxAssociations = maxAssociations;
        if (server != null) {
            acceptor = new Thread(this::acceptLoop, "e2-sctp-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } else {
            acceptor = null;
        }
    }

    /** Listens on host:port, or explains why SCTP is not available here (never throws for that). */
    static SctpE2Server start(E2Termination termination, String host, int port, int maxAssociations) {
        SctpServerChannel ch = null;
        try {
            ch = SctpServerChannel.open();
            ch.bind(new InetSocketAddress(host, port), 64);
        } catch (UnsupportedOperationException | IOException | LinkageError e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String why = reason.toLowerCase().contains("protocol not supported") || e instanceof UnsupportedOperationException
                    || e instanceof LinkageError
                    ? "this machine's kernel has no SCTP (" + reason + ")"
                    : "cannot listen on SCTP " + host + ":" + port + " (" + reason + ")";
            LOG.warning("E2 over SCTP is off: " + why + ". Real RAN nodes (srsRAN, OAI, e2sim) cannot connect to this RIC; "
                    + "everything else runs, and nodes can still connect over gRPC (port " + termination.port()
                    + ", protobuf or APER frames). On Linux, load the sctp module (modprobe sctp) or run where SCTP is allowed.");
            return new SctpE2Server(termination, null, why, maxAssociations);
        }
        SctpE2Server s = new SctpE2Server(termination, ch, null, maxAssociations);
        LOG.info(() -> "E2 over SCTP (APER) listening on " + host + ":" + s.port());
        return s;
    }

    /** Why SCTP is off, or null when it listens. */
    String unavailable() {
        return unavailable;
    }

    /** The port it listens on, -1 when off. */
    int port() {
        if (server == null) return -1;
        try {
            for (SocketAddress a : server.getAllLocalAddresses()) {
                if (a instanceof InetSocketAddress i) return i.getPort();
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private void acceptLoop() {
        while (!closed) {
            SctpChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                if (!closed) LOG.log(Level.WARNING, "SCTP accept failed", e);
                if (closed || !server.isOpen()) return;
                continue;
            }
            if (ch == null) continue;
            if (conns.size() >= maxAssociations) {
                LOG.warning("SCTP association refused: " + conns.size() + " open (e2.sctp.maxAssociations = " + maxAssociations + ")");
                closeQuietly(ch);
                continue;
            }
            try {
                conns.add(new Conn(ch));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "SCTP association could not start", e);
                closeQuietly(ch);
            }
        }
    }

    private static void closeQuietly(SctpChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One SCTP association: reader and writer threads around an {@link Association}. */
    private final class Conn implements AperLink.FrameSink {
        private final SctpChannel ch;
        private final String peer;
        private final AperEdge edge;
        private final Association association;
        private final Semaphore credit = new Semaphore(0);
        private final LinkedBlockingQueue<Object[]> writes = new LinkedBlockingQueue<>();
        private final AtomicLong queuedBytes = new AtomicLong();
        private volatile Runnable onReady = () -> { };
        private volatile Runnable onCancel = () -> { };
        private volatile boolean done;
        private final Thread writer;

        Conn(SctpChannel ch) throws IOException {
            this.ch = ch;
            String p;
            try {
                p = String.valueOf(ch.getRemoteAddresses());
            } catch (IOException e) {
                p = "sctp:?";
            }
            this.peer = "sctp:" + p;
            this.edge = new AperEdge("SCTP", termination.stats());
            edge.peer(peer);
            this.association = new Association(termination, new AperLink(edge, this), peer, null);
            edge.injectTo(association::injected);
            edge.subscriptions(association::indicationMatches);
            Thread reader = new Thread(this::readLoop, "e2-sctp-read-" + peer);
            reader.setDaemon(true);
            writer = new Thread(this::writeLoop, "e2-sctp-write-" + peer);
            writer.setDaemon(true);
            reader.start();
            writer.start();
        }

        private void readLoop() {
            ByteBuffer buf = ByteBuffer.allocateDirect(64 << 10);
            ByteArrayOutputStream partial = new ByteArrayOutputStream();
            boolean oversized = false;
            Handler handler = new Handler();
            try {
                while (!done) {
                    if (!credit.tryAcquire(1, TimeUnit.SECONDS)) continue;
                    while (true) {
                        buf.clear();
                        MessageInfo info = ch.receive(buf, this, handler);
                        if (info == null || info.bytes() < 0 || handler.shutdown) {
                            association.onCompleted();
                            return;
                        }
                        buf.flip();
                        if (!oversized && partial.size() + buf.remaining() <= MAX_PDU_BYTES) {
                            byte[] chunk = new byte[buf.remaining()];
                            buf.get(chunk);
                            partial.write(chunk, 0, chunk.length);
                        } else {
                            oversized = true;
                        }
                        if (!info.isComplete()) continue;
                        if (oversized) {
                            LOG.warning("E2 peer " + peer + ": a PDU larger than " + MAX_PDU_BYTES + " bytes was dropped");
                            termination.stats().aperDecodeFailures.increment();
                            oversized = false;
                            partial.reset();
                            credit.release();
                            break;
                        }
                        byte[] pdu = partial.toByteArray();
                        partial.reset();
                        association.onFrame(edge.fromNode(pdu, info.payloadProtocolID(), info.streamNumber()));
                        break;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                if (!done) {
                    LOG.log(Level.INFO, "E2 peer " + peer + ": SCTP association lost: " + e);
                    onCancel.run();
                }
            } finally {
                shutdown();
            }
        }

        private void writeLoop() {
            try {
                while (!done || !writes.isEmpty()) {
                    Object[] w = writes.poll(1, TimeUnit.SECONDS);
                    if (w == null) continue;
                    if (w.length == 0) break; // end marker
                    byte[] b = (byte[]) w[0];
                    MessageInfo info = MessageInfo.createOutgoing(null, (Integer) w[2]).payloadProtocolID((Integer) w[1]);
                    ch.send(ByteBuffer.wrap(b), info);
                    long left = queuedBytes.addAndGet(-b.length);
                    if (left < WRITE_WINDOW_BYTES && left + b.length >= WRITE_WINDOW_BYTES) onReady.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                if (!done) LOG.log(Level.INFO, "E2 peer " + peer + ": SCTP send failed: " + e);
            } finally {
                shutdown();
            }
        }

        private void shutdown() {
            if (done) return;
            done = true;
            writes.offer(new Object[0]);
            conns.remove(this);
            closeQuietly(ch);
        }

        @Override
        public void send(byte[] aper, int ppid, int stream) {
            if (done) throw new IllegalStateException("SCTP association to " + peer + " is closed");
            queuedBytes.addAndGet(aper.length);
            writes.offer(new Object[] {aper, ppid, stream});
        }

        @Override public boolean isReady() { return queuedBytes.get() < WRITE_WINDOW_BYTES; }
        @Override public void request(int n) { credit.release(n); }
        @Override public void onReady(Runnable handler) { onReady = handler; }
        @Override public void onCancel(Runnable handler) { onCancel = handler; }

        @Override
        public void fail(io.grpc.Status status) {
            LOG.info(() -> "E2 peer " + peer + ": closing the SCTP association: " + status.getDescription());
            done = true;
            writes.offer(new Object[0]);
            conns.remove(this);
            // let the writer flush what is queued (it exits on the end marker), then close
            termination.timer().schedule(() -> closeQuietly(ch), 200, TimeUnit.MILLISECONDS);
        }

        @Override
        public void complete() {
            fail(io.grpc.Status.OK.withDescription("association completed"));
        }
    }

    /** Ends the read loop when the peer shuts the association down. */
    private static final class Handler extends AbstractNotificationHandler<Object> {
        volatile boolean shutdown;

        @Override
        public HandlerResult handleNotification(ShutdownNotification notification, Object attachment) {
            shutdown = true;
            return HandlerResult.RETURN;
        }

        @Override
        public HandlerResult handleNotification(AssociationChangeNotification notification, Object attachment) {
            if (notification.event() == AssociationChangeNotification.AssocChangeEvent.COMM_LOST
                    || notification.event() == AssociationChangeNotification.AssocChangeEvent.SHUTDOWN) {
                shutdown = true;
                return HandlerResult.RETURN;
            }
            return HandlerResult.CONTINUE;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        for (Conn c : conns) c.shutdown();
    }
}
