package io.jric.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.jric.proto.xapp.v1.KpmReport;
import io.jric.proto.xapp.v1.PolicyEvent;
import io.jric.proto.xapp.v1.XappEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbound buffer of an attached stream: bounded, drained only while gRPC says ready. */
class SessionTest {
    /** A stream whose readiness the test sets. */
    private static final class FakeStream extends ServerCallStreamObserver<XappEvent> {
        boolean ready;
        final List<XappEvent> sent = new ArrayList<>();
        Throwable error;

        @Override public boolean isCancelled() { return false; }
        @Override public void setOnCancelHandler(Runnable r) {}
        @Override public void setCompression(String c) {}
        @Override public boolean isReady() { return ready; }
        @Override public void setOnReadyHandler(Runnable r) {}
        @Override public void disableAutoInboundFlowControl() {}
        @Override public void request(int n) {}
        @Override public void setMessageCompression(boolean b) {}
        @Override public void onNext(XappEvent e) { sent.add(e); }
        @Override public void onError(Throwable t) { error = t; }
        @Override public void onCompleted() {}
    }

    private static XappEvent.Builder kpm(int i) {
        return XappEvent.newBuilder().setKpmReport(KpmReport.newBuilder().setTimestampMs(i));
    }

    @Test
    void aStreamThatIsNotReadyBuffersUpToTheBoundThenDropsReportsButNotPolicies() {
        FakeStream out = new FakeStream();
        Session s = new Session("x", "peer", out, 4);
        for (int i = 1; i <= 6; i++) assertEquals(i <= 4, s.offer(kpm(i), false), "offer " + i);
        assertTrue(s.offer(XappEvent.newBuilder().setPolicy(PolicyEvent.newBuilder().setPolicyId("p")), true),
                "policies are never dropped");
        assertEquals(0, out.sent.size(), "nothing sent while the transport is not ready");
        assertEquals(5, s.buffered());
        assertEquals(2, s.dropped());

        out.ready = true;
        s.drain(); // the on-ready handler
        assertEquals(List.of(1L, 2L, 3L, 4L, 7L), out.sent.stream().map(XappEvent::getSequence).toList(),
                "in order; the dropped events leave a gap in the sequence");
        assertEquals(5, s.sent());
        assertTrue(s.offer(kpm(8), false));
        assertEquals(8, out.sent.get(5).getSequence(), "sent at once while ready");

        s.end(Status.NOT_FOUND.withDescription("gone"));
        assertEquals("NOT_FOUND: gone", out.error.getMessage());
        assertFalse(s.offer(kpm(9), false), "nothing after the end");
        assertTrue(s.isClosed());
    }
}
