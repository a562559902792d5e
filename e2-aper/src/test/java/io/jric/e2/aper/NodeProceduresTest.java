package io.jric.e2.aper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.RicRequestId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node-initiated procedures the protobuf model has no message for (E2 Removal, RIC Subscription Delete
 * Required, RIC Subscription Modification Required / Refuse): round trips through the frame, bounds-checked
 * decoding, and (with erlc) the independent oracle decoding what jRIC encodes.
 */
class NodeProceduresTest {
    private static RicRequestId rid(int req, int inst) {
        return RicRequestId.newBuilder().setRicRequestorId(req).setRicInstanceId(inst).build();
    }

    private static final Cause UNSPECIFIED = Cause.newBuilder().setRicRequest(CauseRicRequest.CAUSE_RIC_REQUEST_UNSPECIFIED).build();

    static List<E2apFrame> samples() {
        List<E2apFrame> out = new ArrayList<>();
        out.add(new E2RemovalRequest(7).frame());
        out.add(new E2RemovalRequest(255).frame());
        out.add(new E2RemovalResponse(7).frame());
        out.add(new RicSubscriptionDeleteRequired(List.of(
                new RicSubscriptionDeleteRequired.Item(rid(1, 5), 2, UNSPECIFIED),
                new RicSubscriptionDeleteRequired.Item(rid(65535, 0), 4095,
                        Cause.newBuilder().setMisc(CauseMisc.CAUSE_MISC_OM_INTERVENTION).build()))).frame());
        out.add(new RicSubscriptionModificationRequired(rid(1, 9), 3,
                List.of(new RicSubscriptionModificationRequired.ActionToModify(1, 0),
                        new RicSubscriptionModificationRequired.ActionToModify(2, 16)),
                List.of(new RicSubscriptionModificationRequired.ActionToRemove(3, UNSPECIFIED))).frame());
        out.add(new RicSubscriptionModificationRequired(rid(1, 9), 3, List.of(), List.of()).frame());
        out.add(new RicSubscriptionModificationRefuse(rid(1, 9), 3, UNSPECIFIED).frame());
        return out;
    }

    private static Object decodeTyped(E2apFrame f) {
        byte[] v = f.value();
        return switch (f.procedureCode()) {
            case 13 -> f.type() == E2apFrame.Type.INITIATING_MESSAGE ? E2RemovalRequest.decode(v) : E2RemovalResponse.decode(v);
            case 12 -> RicSubscriptionDeleteRequired.decode(v);
            case 15 -> f.type() == E2apFrame.Type.INITIATING_MESSAGE ? RicSubscriptionModificationRequired.decode(v)
                    : RicSubscriptionModificationRefuse.decode(v);
            default -> throw new AssertionError(f);
        };
    }

    @Test
    void eachMessageRoundTripsThroughTheFrame() {
        for (E2apFrame f : samples()) {
            byte[] pdu = f.encode();
            E2apAperCodec.Decoded d = E2apAperCodec.decode(pdu);
            assertEquals(null, d.pdu(), "no model message for " + f);
            Object typed = decodeTyped(d.frame());
            E2apFrame again;
            if (typed instanceof E2RemovalRequest m) again = m.frame();
            else if (typed instanceof E2RemovalResponse m) again = m.frame();
            else if (typed instanceof RicSubscriptionDeleteRequired m) again = m.frame();
            else if (typed instanceof RicSubscriptionModificationRequired m) again = m.frame();
            else again = ((RicSubscriptionModificationRefuse) typed).frame();
            assertTrue(Arrays.equals(pdu, again.encode()), "re-encodes identically: " + typed);
        }
        RicSubscriptionDeleteRequired dr = RicSubscriptionDeleteRequired.decode(samples().get(3).value());
        assertEquals(2, dr.subscriptions().size());
        assertEquals(rid(65535, 0), dr.subscriptions().get(1).requestId());
        assertEquals(4095, dr.subscriptions().get(1).ranFunctionId());
        RicSubscriptionModificationRequired mr = RicSubscriptionModificationRequired.decode(samples().get(4).value());
        assertEquals(16, mr.toModify().get(1).timeToWait());
        assertEquals(UNSPECIFIED, mr.toRemove().get(0).cause());
        assertEquals(UNSPECIFIED, RicSubscriptionModificationRefuse.decode(samples().get(6).value()).cause());
        assertEquals(7, E2RemovalRequest.decode(samples().get(0).value()).transactionId());
    }

    @Test
    void truncatedOrMissingIesFailWithAPosition() {
        for (E2apFrame f : samples()) {
            byte[] v = f.value();
            for (int n = 0; n < v.length; n++) {
                E2apFrame cut = new E2apFrame(f.type(), f.procedureCode(), f.criticality(), Arrays.copyOf(v, n));
                AperException e = assertThrows(AperException.class, () -> decodeTyped(cut), "truncated to " + n + " bytes");
                assertTrue(e.bitPosition() >= 0, e.getMessage());
            }
        }
        byte[] empty = E2apFrame.encodeIeContainer(List.of());
        AperException e = assertThrows(AperException.class, () -> E2RemovalRequest.decode(empty));
        assertTrue(e.reason().contains("TransactionID") && e.reason().contains("missing"), e.reason());
        e = assertThrows(AperException.class, () -> RicSubscriptionDeleteRequired.decode(empty));
        assertTrue(e.reason().contains("RICsubscriptionToBeRemoved"), e.reason());
    }

    @Test
    void theOracleDecodesWhatJricEncodes() throws Exception {
        Path oracle = OracleDifferentialTest.oracleOrSkip();
        List<E2apFrame> frames = samples();
        List<byte[]> pdus = new ArrayList<>();
        for (E2apFrame f : frames) pdus.add(f.encode());
        List<String> out = OracleDifferentialTest.runOracle(oracle, pdus);
        assertEquals(pdus.size(), out.size());
        String[] keys = {"initiatingMessage", "successfulOutcome", "unsuccessfulOutcome"};
        for (int i = 0; i < out.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) Json.parse(out.get(i));
            assertEquals(Boolean.TRUE, r.get("ok"), "oracle decodes " + frames.get(i) + ": " + out.get(i));
            assertEquals("identical", r.get("reencoded"), out.get(i));
            @SuppressWarnings("unchecked")
            Map<String, Object> msg = (Map<String, Object>) ((Map<String, Object>) r.get("value")).get(keys[frames.get(i).type().ordinal()]);
            assertEquals((long) frames.get(i).procedureCode(), msg.get("procedureCode"), out.get(i));
        }
        // values, for one message of each kind
        assertTrue(out.get(3).contains("65535") && out.get(3).contains("4095"), out.get(3));
        assertTrue(out.get(6).contains("unspecified"), out.get(6));
    }
}
