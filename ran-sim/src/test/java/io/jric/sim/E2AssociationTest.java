package io.jric.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.stub.ClientCallStreamObserver;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicIndication;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class E2AssociationTest {

    /** A request stream whose readiness the test controls. */
    private static final class FakeStream extends ClientCallStreamObserver<E2apPdu> {
        boolean ready;
        Runnable onReady;
        final List<E2apPdu> sent = new ArrayList<>();
        boolean completed;

        @Override public boolean isReady() { return ready; }
        @Override public void setOnReadyHandler(Runnable r) { onReady = r; }
        @Override public void onNext(E2apPdu value) { sent.add(value); }
        @Override public void onError(Throwable t) { }
        @Override public void onCompleted() { completed = true; }
        @Override public void cancel(String message, Throwable cause) { }
        @Override public void disableAutoInboundFlowControl() { }
        @Override public void request(int count) { }
        @Override public void setMessageCompression(boolean enable) { }
    }

    private static E2apPdu indication(int sn) {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                .setRicIndication(RicIndication.newBuilder().setRicIndicationSn(sn))).build();
    }

    @Test
    void waitsForReadinessKeepsOrderAndDropsOnlyIndicationsBeyondTheLimit() {
        E2Association<E2apPdu> a = new E2Association<>(new E2Association.Listener() {
            @Override public void onPdu(E2Association<?> association, E2apPdu pdu) { }
            @Override public void onClosed(E2Association<?> association, Throwable error) { }
        }, E2Wire.Protobuf.INSTANCE, 2);
        FakeStream stream = new FakeStream();
        a.beforeStart(stream);
        stream.ready = true;
        assertTrue(a.send(indication(0), true));
        assertEquals(1, stream.sent.size());

        stream.ready = false;
        assertTrue(a.send(indication(1), true));
        assertTrue(a.send(indication(2), true));
        assertFalse(a.send(indication(3), true), "third waiting indication is dropped");
        E2apPdu response = E2apPdu.getDefaultInstance();
        assertTrue(a.send(response, false), "responses are never dropped");
        assertEquals(1, a.dropped());
        assertEquals(1, stream.sent.size());

        stream.ready = true;
        stream.onReady.run();
        assertEquals(List.of(indication(0), indication(1), indication(2), response), stream.sent);
        a.close();
        assertTrue(stream.completed);
        assertFalse(a.send(indication(4), true));
    }
}
