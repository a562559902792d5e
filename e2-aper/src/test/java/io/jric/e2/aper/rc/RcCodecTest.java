package io.jric.e2.aper.rc;

import io.jric.e2.aper.Real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jric.e2.aper.AperException;
import io.jric.e2.aper.sm.E2smException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** E2SM-RC v05.00 codec: round trips of each message type, REAL, and malformed input. */
class RcCodecTest {
    static final int PER_TYPE = 1000;

    @Test
    void everyMessageTypeRoundTrips() {
        RcRandom g = new RcRandom(0x5C05L, false);
        for (int i = 0; i < PER_TYPE; i++) {
            RcCodec.ControlHeader h = g.header();
            byte[] hb = RcCodec.encodeControlHeader(h);
            assertEquals(h, RcCodec.decodeControlHeader(hb));
            assertArrayEquals(hb, RcCodec.encodeControlHeader(RcCodec.decodeControlHeader(hb)));
            RcCodec.ControlMessage m = g.message();
            byte[] mb = RcCodec.encodeControlMessage(m);
            assertEquals(m, RcCodec.decodeControlMessage(mb));
            RcCodec.ControlOutcome o = g.outcome();
            byte[] ob = RcCodec.encodeControlOutcome(o);
            assertEquals(o, RcCodec.decodeControlOutcome(ob));
            RcCodec.Definition d = g.definition();
            byte[] db = RcCodec.encodeDefinition(d);
            assertEquals(d, RcCodec.decodeDefinition(db));
            assertArrayEquals(db, RcCodec.encodeDefinition(RcCodec.decodeDefinition(db)));
        }
    }

    @Test
    void realContentsAllForms() {
        double[] vs = {1.5, -0.1, 3, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MIN_NORMAL, 1e-300, 0.0, -0.0,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, (float) 0.3, 24f, -24f};
        for (double v : vs) {
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Real.decode(Real.encode(v))), "REAL " + v);
        }
        HexFormat hf = HexFormat.of();
        assertEquals("", hf.formatHex(Real.encode(0.0)));
        assertEquals("43", hf.formatHex(Real.encode(-0.0)));
        assertEquals("800103", hf.formatHex(Real.encode(6.0)));        // 3 * 2^1, odd mantissa
        assertEquals(192.0, Real.decode(hf.parseHex("900203")));       // base 8, exponent 2, mantissa 3
        assertEquals(48.0, Real.decode(hf.parseHex("a00103")));        // base 16, exponent 1, mantissa 3
        assertEquals(6.0, Real.decode(hf.parseHex("840003")));         // base 2, scale factor 1, exponent 0, mantissa 3
        assertEquals(6.0, Real.decode(hf.parseHex("83010103")));       // exponent with its own length octet
        assertEquals(-6.0, Real.decode(hf.parseHex("c00106")) / 2);    // negative, non-canonical even mantissa
        assertEquals(-2.5, Real.decode(("\u0002-2.5").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(125.0, Real.decode(("\u0001  125").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(12.5, Real.decode(("\u00031,25E+1").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertEquals(Double.POSITIVE_INFINITY, Real.decode(hf.parseHex("40")));
        assertEquals(Double.NEGATIVE_INFINITY, Real.decode(hf.parseHex("41")));
        assertTrue(Double.isNaN(Real.decode(hf.parseHex("42"))));
        assertThrows(IllegalArgumentException.class, () -> Real.decode(hf.parseHex("44")));
        assertThrows(IllegalArgumentException.class, () -> Real.decode(hf.parseHex("b00103")));
        assertThrows(IllegalArgumentException.class, () -> Real.decode("\u00041.0".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Real.decode("\u0001 1.5".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> Real.decode(hf.parseHex("82")));
    }

    @Test
    void malformedInputEndsInAperException() {
        RcRandom g = new RcRandom(77, false);
        List<byte[]> seeds = new ArrayList<>();
        List<Asn.Type> types = List.of(RcSchema.CONTROL_HEADER, RcSchema.CONTROL_MESSAGE, RcSchema.CONTROL_OUTCOME, RcSchema.RAN_FUNCTION_DEFINITION);
        for (int i = 0; i < 50; i++) {
            seeds.add(RcCodec.encodeControlHeader(g.header()));
            seeds.add(RcCodec.encodeControlMessage(g.message()));
            seeds.add(RcCodec.encodeControlOutcome(g.outcome()));
            seeds.add(RcCodec.encodeDefinition(g.definition()));
        }
        Random r = new Random(99);
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] b = seeds.get(r.nextInt(seeds.size())).clone();
            switch (r.nextInt(4)) {
                case 0: b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); break;
                case 1: for (int k = 0; k < 1 + r.nextInt(4); k++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); break;
                case 2: b[r.nextInt(b.length)] = (byte) r.nextInt(256); break;
                default: b = new byte[r.nextInt(64)]; r.nextBytes(b); break;
            }
            for (Asn.Type t : types) {
                try {
                    Asn.decode(t, b);
                    decoded++;
                } catch (AperException e) {
                    refused++;
                    assertTrue(e.bitPosition() >= 0);
                } catch (RuntimeException | StackOverflowError e) {
                    fail("malformed " + t.name + " " + HexFormat.of().formatHex(b) + " ended in " + e);
                }
            }
            // and through the family's node side: only E2smException
            try {
                new E2smRcFamily().nodeSide("v05.00").controlFromRic(io.jric.proto.e2.v1.RicControlRequest.newBuilder()
                        .setRicControlHeader(com.google.protobuf.ByteString.copyFrom(b))
                        .setRicControlMessage(com.google.protobuf.ByteString.copyFrom(b)).build());
            } catch (E2smException e) {
                // expected for most
            } catch (RuntimeException e) {
                fail("malformed control " + HexFormat.of().formatHex(b) + " ended in " + e);
            }
        }
        System.out.println("E2SM-RC fuzz: " + decoded + " decoded, " + refused + " refused with AperException");
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() {
        // a control message whose parameter is a structure of a structure of ... 100,000 deep
        RcCodec.ValueType t = new RcCodec.ElementTrue(new RcCodec.Bool(true));
        for (int i = 0; i < 2000; i++) {
            t = new RcCodec.Structure(List.of(new RcCodec.Param(1, t)));
        }
        RcCodec.ValueType deep = t;
        byte[] b;
        try {
            b = RcCodec.encodeControlMessage(new RcCodec.ControlMessage(List.of(new RcCodec.Param(1, deep))));
        } catch (StackOverflowError e) {
            return; // the writer's recursion follows the caller's own object; nothing to check on decode
        }
        AperException e = assertThrows(AperException.class, () -> RcCodec.decodeControlMessage(b));
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
    }
}
