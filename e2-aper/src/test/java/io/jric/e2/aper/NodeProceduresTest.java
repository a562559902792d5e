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

    private static Cause randomCause(java.util.Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> Cause.newBuilder().setRicRequestValue(r.nextInt(14)).build();
            case 1 -> Cause.newBuilder().setMiscValue(r.nextInt(4)).build();
            default -> Cause.newBuilder().setProtocolValue(r.nextInt(7)).build();
        };
    }

    private static RicRequestId randomRid(java.util.Random r) {
        int[] edges = {0, 1, 65534, 65535};
        return rid(r.nextInt(4) == 0 ? edges[r.nextInt(4)] : r.nextInt(65536), r.nextInt(4) == 0 ? edges[r.nextInt(4)] : r.nextInt(65536));
    }

    /** 1,000 random PDUs of each of the five messages, values at their range edges included. */
    static List<Object> randomMessages(long seed) {
        java.util.Random r = new java.util.Random(seed);
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int tx = i < 3 ? new int[] {0, 255, 256}[i] : r.nextInt(300);
            out.add(new E2RemovalRequest(tx));
            out.add(new E2RemovalResponse(tx));
            int n = i == 0 ? 1024 : 1 + r.nextInt(i % 50 == 0 ? 64 : 4);
            List<RicSubscriptionDeleteRequired.Item> items = new ArrayList<>();
            for (int k = 0; k < n; k++) items.add(new RicSubscriptionDeleteRequired.Item(randomRid(r), r.nextInt(4096), randomCause(r)));
            out.add(new RicSubscriptionDeleteRequired(items));
            List<RicSubscriptionModificationRequired.ActionToModify> mod = new ArrayList<>();
            List<RicSubscriptionModificationRequired.ActionToRemove> rem = new ArrayList<>();
            int m = r.nextInt(17);
            for (int k = 0; k < m; k++) mod.add(new RicSubscriptionModificationRequired.ActionToModify(r.nextInt(256), r.nextInt(17)));
            int q = r.nextInt(17);
            for (int k = 0; k < q; k++) rem.add(new RicSubscriptionModificationRequired.ActionToRemove(r.nextInt(256), randomCause(r)));
            out.add(new RicSubscriptionModificationRequired(randomRid(r), r.nextInt(4096), mod, rem));
            out.add(new RicSubscriptionModificationRefuse(randomRid(r), r.nextInt(4096), randomCause(r)));
        }
        return out;
    }

    private static E2apFrame frameOf(Object m) {
        if (m instanceof E2RemovalRequest x) return x.frame();
        if (m instanceof E2RemovalResponse x) return x.frame();
        if (m instanceof RicSubscriptionDeleteRequired x) return x.frame();
        if (m instanceof RicSubscriptionModificationRequired x) return x.frame();
        return ((RicSubscriptionModificationRefuse) m).frame();
    }

    /**
     * The differential test for the node-initiated procedures: 1,000 random PDUs of each message, encoded by
     * jRIC, decoded and re-encoded byte for byte by the oracle, and decoded back by jRIC to the same values.
     */
    @Test
    void randomMessagesAgreeWithTheOracle() throws Exception {
        List<Object> msgs = randomMessages(12);
        List<byte[]> pdus = new ArrayList<>();
        for (Object m : msgs) {
            E2apFrame f = frameOf(m);
            byte[] b = f.encode();
            pdus.add(b);
            assertEquals(m, decodeTyped(E2apFrame.decode(b)), "jRIC decodes its own " + m.getClass().getSimpleName());
        }
        Path oracle = OracleDifferentialTest.oracleOrSkip();
        List<String> out = OracleDifferentialTest.runOracle(oracle, pdus);
        assertEquals(pdus.size(), out.size());
        int mismatches = 0;
        String first = null;
        for (int i = 0; i < out.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) Json.parse(out.get(i));
            if (!Boolean.TRUE.equals(r.get("ok")) || !"identical".equals(r.get("reencoded"))) {
                mismatches++;
                if (first == null) first = msgs.get(i) + " -> " + out.get(i);
            }
        }
        System.out.printf("node-procedure differential: %d PDUs (1,000 of each of 5 messages), %d mismatches%n", pdus.size(), mismatches);
        assertEquals(0, mismatches, "first: " + first);
    }
}
