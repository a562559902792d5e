package io.jric.e2.aper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The APER building blocks against encodings worked out by hand from X.691, and write/read round trips. */
class AperPrimitivesTest {

    private static String enc(Consumer<AperWriter> c) {
        AperWriter w = new AperWriter();
        c.accept(w);
        return HexFormat.of().formatHex(w.toByteArray());
    }

    private static AperReader rd(String hex) {
        return new AperReader(HexFormat.of().parseHex(hex));
    }

    @Test
    void constrainedWholeNumbersInEveryRangeCase() {
        assertEquals("a0", enc(w -> w.writeConstrainedWholeNumber(5, 0, 7)));          // 3-bit field, not aligned
        assertEquals("00", enc(w -> w.writeConstrainedWholeNumber(9, 9, 9)));          // range 1: no bits (empty -> one zero octet)
        assertEquals("fe", enc(w -> w.writeConstrainedWholeNumber(254, 0, 254)));      // range 255: 8-bit field
        assertEquals("8001", enc(w -> { w.writeBit(true); w.writeConstrainedWholeNumber(1, 0, 255); })); // range 256: aligned octet
        assertEquals("800100", enc(w -> { w.writeBit(true); w.writeConstrainedWholeNumber(256, 0, 65535); })); // 64K: two aligned octets
        assertEquals("800fff", enc(w -> { w.writeBit(true); w.writeConstrainedWholeNumber(4095, 0, 4095); }));
        // range > 64K: octet count (1..5 for 2^36) in 3 bits, aligned, then the minimal octets
        assertEquals("200100", enc(w -> w.writeConstrainedWholeNumber(256, 0, 68719476735L)));
        assertEquals("0000", enc(w -> w.writeConstrainedWholeNumber(0, 0, 68719476735L)));
        assertEquals("800fffffffff", enc(w -> w.writeConstrainedWholeNumber(68719476735L, 0, 68719476735L)));
        assertEquals(68719476735L, rd("800fffffffff").readConstrainedWholeNumber(0, 68719476735L));
        assertEquals(256, rd("200100").readConstrainedWholeNumber(0, 68719476735L));
    }

    @Test
    void extensibleSemiConstrainedAndUnconstrainedIntegers() {
        assertEquals("0080", enc(w -> w.writeInteger(128, 0, 255, true)));    // root: ext bit 0, aligned octet
        assertEquals("80020100", enc(w -> w.writeInteger(256, 0, 255, true))); // outside the root: ext bit 1, unconstrained
        assertEquals(256, rd("80020100").readInteger(0, 255, true));
        assertEquals("01ff", enc(w -> w.writeUnconstrainedInteger(BigInteger.valueOf(-1))));
        assertEquals("020080", enc(w -> w.writeUnconstrainedInteger(BigInteger.valueOf(128))));
        assertEquals("0180", enc(w -> w.writeSemiConstrainedInteger(BigInteger.valueOf(129), BigInteger.ONE)));
        assertEquals("0100", enc(w -> w.writeSemiConstrainedInteger(BigInteger.valueOf(5), BigInteger.valueOf(5))));
        assertEquals(BigInteger.valueOf(-1), rd("01ff").readUnconstrainedInteger());
        assertEquals(BigInteger.valueOf(129), rd("0180").readSemiConstrainedInteger(BigInteger.ONE));
    }

    @Test
    void normallySmallNumbers() {
        assertEquals("0a", enc(w -> w.writeNormallySmall(5)));
        assertEquals("7e", enc(w -> w.writeNormallySmall(63)));
        assertEquals("800140", enc(w -> w.writeNormallySmall(64)));
        assertEquals(64, rd("800140").readNormallySmall());
        assertEquals(63, rd("7e").readNormallySmall());
    }

    @Test
    void lengthDeterminantsAndFragmentation() {
        assertEquals("7f", enc(w -> w.writeUnconstrainedLength(127)));
        assertEquals("8080", enc(w -> w.writeUnconstrainedLength(128)));
        assertEquals("bfff", enc(w -> w.writeUnconstrainedLength(16383)));
        assertThrows(AperException.class, () -> new AperWriter().writeUnconstrainedLength(16384));
        for (int n : new int[] {0, 1, 16383, 16384, 16385, 32768, 65536, 65537, 70000, 131072 + 3}) {
            byte[] v = new byte[n];
            new Random(n).nextBytes(v);
            AperWriter w = new AperWriter();
            w.writeOctetString(v, 0, -1, false);
            byte[] b = w.toByteArray();
            int full = n / 65536;
            int rest = n % 65536;
            // headers: C4 per 64K block, one C1..C3 for the remaining whole 16K blocks, then the last length
            int headers = full + (rest / 16384 > 0 ? 1 : 0) + ((rest % 16384) < 128 ? 1 : 2);
            assertEquals(Math.max(1, n + headers), b.length, "length " + n);
            if (n >= 65536) {
                assertEquals(0xC4, b[0] & 0xff);
            } else if (n >= 16384) {
                assertEquals(0xC0 | (n / 16384), b[0] & 0xff);
            }
            assertArrayEquals(v, new AperReader(b).readOctetString(0, -1, false), "length " + n);
        }
        // exactly 16K: one fragment then a zero length
        AperWriter w = new AperWriter();
        w.writeOctetString(new byte[16384], 0, -1, false);
        byte[] b = w.toByteArray();
        assertEquals(0xC1, b[0] & 0xff);
        assertEquals(0x00, b[b.length - 1]);
        assertEquals(16384 + 2, b.length);
    }

    @Test
    void constrainedLengthsForCountsAndStrings() {
        assertEquals("30", enc(w -> w.writeCount(4, 1, 16, false)));        // 4 bits: 3
        assertEquals("0000", enc(w -> w.writeCount(0, 0, 65535, false)));   // ProtocolIE-Container count
        assertEquals("00", enc(w -> w.writeCount(1, 1, 256, false)));       // range 256: one octet
        assertEquals("03ff", enc(w -> w.writeCount(1024, 1, 1024, false))); // range 1024: two octets
        assertEquals("0000016162", enc(w -> w.writePrintableString("ab", 1, 1000, true)));
        assertEquals("ab", rd("0000016162").readPrintableString(1, 1000, true));
        assertThrows(AperException.class, () -> enc(w -> w.writePrintableString("a_b", 1, 1000, true)));
        assertThrows(AperException.class, () -> enc(w -> w.writePrintableString("", 1, 1000, false)));
        assertEquals("4142", enc(w -> w.writeVisibleString("AB", 2, 2, false)));  // fixed, 16 bits: not aligned
        assertEquals("AB", rd("4142").readVisibleString(2, 2, false));
        // A size outside an extensible root: extension bit 1 and an unconstrained length
        String s1001 = "x".repeat(1001);
        String hex = enc(w -> w.writePrintableString(s1001, 1, 1000, true));
        assertTrue(hex.startsWith("8083e9"), hex);
        assertEquals(s1001, rd(hex).readPrintableString(1, 1000, true));
        assertEquals("0368c3a9", enc(w -> w.writeUtf8String("hé")));
        assertEquals("hé", rd("0368c3a9").readUtf8String());
        assertThrows(AperException.class, () -> rd("02c3c3").readUtf8String());
    }

    @Test
    void bitAndOctetStringsFixedConstrainedAndExtensible() {
        byte[] ones = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertEquals("00fffffc", enc(w -> w.writeBitString(ones, 22, 22, 32, false)));   // length 0 in 4 bits, aligned bits
        assertEquals("a0ffffffff", enc(w -> w.writeBitString(ones, 32, 22, 32, false))); // length 10 in 4 bits
        assertEquals("fffff0", enc(w -> w.writeBitString(ones, 20, 20, 20, false)));     // fixed 20: aligned, no length
        assertEquals("ffff", enc(w -> w.writeBitString(ones, 16, 16, 16, false)));       // fixed 16: no length
        assertEquals("3ff0", enc(w -> { w.writeBit(false); w.writeBit(false); w.writeBitString(ones, 10, 10, 10, false); }));
        assertEquals("0f80ffffffff", enc(w -> w.writeBitString(ones, 32, 1, 160, true)));  // ext 0, 8-bit length 31, aligned
        AperReader.Bits b = rd("0f80ffffffff").readBitString(1, 160, true);
        assertEquals(32, b.length());
        assertEquals(0xffffffffL, b.asLong());
        assertEquals("13f184", enc(w -> w.writeOctetString(HexFormat.of().parseHex("13f184"), 3, 3, false)));
        assertEquals("d5e680", enc(w -> { w.writeBit(true); w.writeOctetString(HexFormat.of().parseHex("abcd"), 2, 2, false); }));
        assertEquals("c00102ab", enc(w -> w.writeOctetString(new byte[] {1, 2, (byte) 0xab}, 0, 3, false)));
        assertEquals("030102ab", enc(w -> w.writeOctetString(new byte[] {1, 2, (byte) 0xab}, 0, -1, false)));
    }

    @Test
    void enumeratedChoiceAndSequencePreamble() {
        assertEquals("40", enc(w -> w.writeEnumerated(1, 3, false)));        // 2 bits: 01
        assertEquals("80", enc(w -> w.writeEnumerated(14, 14, true)));       // first extension value: 1 + normally small 0
        assertEquals("81", enc(w -> w.writeEnumerated(15, 14, true)));
        assertEquals(15, rd("81").readEnumerated(14, true));
        assertEquals("68", enc(w -> w.writeEnumerated(13, 14, true)));      // ext 0 + 4 bits 1101
        assertEquals("40", enc(w -> w.writeChoiceIndex(2, 3, true)));       // E2AP-PDU unsuccessfulOutcome: 0 10
        assertEquals(2, rd("40").readChoiceIndex(3, true));
        assertEquals("20", enc(w -> w.writeSequencePreamble(true, false, false, true)));
        boolean[] p = new boolean[2];
        assertTrue(!rd("20").readSequencePreamble(true, p) && !p[0] && p[1]);
        assertEquals("810100", enc(w -> w.writeChoiceExtension(1, new byte[] {0}))); // 1 + index 1, then open type 01 00
    }

    @Test
    void randomRoundTripsOfEveryPrimitive() {
        Random r = new Random(691);
        for (int i = 0; i < 20000; i++) {
            long lb = r.nextInt(1000) - 500;
            long span = switch (r.nextInt(5)) {
                case 0 -> r.nextInt(255);
                case 1 -> 255;
                case 2 -> r.nextInt(65536);
                case 3 -> 65535;
                default -> (long) (r.nextDouble() * (1L << 40));
            };
            long ub = lb + span;
            long v = lb + (long) (r.nextDouble() * (span + 1));
            int pre = r.nextInt(8);
            AperWriter w = new AperWriter();
            w.writeBits(0, pre);
            w.writeConstrainedWholeNumber(v, lb, ub);
            w.writeNormallySmall(i % 200);
            w.writeEnumerated(i % 20, 7, true);
            byte[] data = new byte[r.nextInt(300)];
            r.nextBytes(data);
            int lo = r.nextInt(3);
            w.writeOctetString(data, 0, -1, false);
            w.writeBitString(data, Math.min(data.length * 8, 160 - lo), 0, 160, true);
            AperReader rd = new AperReader(w.toByteArray());
            rd.readBits(pre);
            assertEquals(v, rd.readConstrainedWholeNumber(lb, ub), lb + ".." + ub);
            assertEquals(i % 200, rd.readNormallySmall());
            assertEquals(i % 20, rd.readEnumerated(7, true));
            assertArrayEquals(data, rd.readOctetString(0, -1, false));
            AperReader.Bits bits = rd.readBitString(0, 160, true);
            assertEquals(Math.min(data.length * 8, 160 - lo), bits.length());
            rd.expectEnd("test");
        }
    }

    @Test
    void malformedReadsReportPositionAndReason() {
        AperException e = assertThrows(AperException.class, () -> rd("e0").readConstrainedWholeNumber(0, 4));
        assertEquals(0, e.bitPosition());
        assertTrue(e.reason().contains("outside 0..4"), e.reason());
        e = assertThrows(AperException.class, () -> rd("80").readConstrainedWholeNumber(0, 65535));
        assertTrue(e.reason().contains("truncated"), e.reason());
        // a claimed length far beyond the input is refused before anything is allocated
        e = assertThrows(AperException.class, () -> rd("bfff00").readOctetString(0, -1, false));
        assertTrue(e.reason().contains("truncated"), e.reason());
        assertEquals(16, e.bitPosition());
        e = assertThrows(AperException.class, () -> rd("c4").readOctetString(0, -1, false));
        assertTrue(e.reason().contains("fragment"), e.reason());
        e = assertThrows(AperException.class, () -> rd("c5").readOctetString(0, -1, false));
        assertTrue(e.reason().contains("multiplier"), e.reason());
        // a count larger than the bits left
        e = assertThrows(AperException.class, () -> rd("ffff").readCount(0, 65535, false));
        assertTrue(e.reason().contains("count"), e.reason());
        // canonical form: a leading zero octet in the >64K case
        e = assertThrows(AperException.class, () -> rd("200001").readConstrainedWholeNumber(0, 68719476735L));
        assertTrue(e.reason().contains("leading zero"), e.reason());
        assertThrows(AperException.class, () -> rd("0000005f").readPrintableString(1, 1000, true));
        assertTrue(Arrays.equals(new byte[1], new AperWriter().toByteArray()));
    }
}
