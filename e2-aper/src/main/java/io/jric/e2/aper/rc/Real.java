package io.jric.e2.aper.rc;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The contents octets of an ASN.1 REAL (ITU-T X.690 8.5), which APER carries after an unconstrained
 * length (X.691 15). Encoding is canonical (X.690 11.3, CER/DER): base 2, odd mantissa, scale factor 0,
 * the fewest exponent octets; +0 is no octets, -0, the infinities and NaN are the special values.
 * Decoding takes every form X.690 allows: binary with base 2, 8 or 16, any scale factor and exponent
 * length, decimal NR1, NR2 and NR3 (ISO 6093), and the special values. A REAL decodes to the nearest
 * double; a double survives encode/decode exactly.
 */
public final class Real {
    private Real() {
    }

    private static final Pattern NR1 = Pattern.compile(" *[+-]?[0-9]+");
    private static final Pattern NR2 = Pattern.compile(" *[+-]?([0-9]+[.,][0-9]*|[.,][0-9]+)");
    private static final Pattern NR3 = Pattern.compile(" *[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)[eE][+-]?[0-9]+");

    public static byte[] encode(double v) {
        if (v == 0) {
            return 1 / v > 0 ? new byte[0] : new byte[] {0x43};
        }
        if (Double.isNaN(v)) {
            return new byte[] {0x42};
        }
        if (Double.isInfinite(v)) {
            return new byte[] {(byte) (v > 0 ? 0x40 : 0x41)};
        }
        long bits = Double.doubleToRawLongBits(v);
        int rawExp = (int) ((bits >>> 52) & 0x7ff);
        long mant = bits & 0xfffffffffffffL;
        int exp;
        if (rawExp == 0) {
            exp = -1074;
        } else {
            mant |= 1L << 52;
            exp = rawExp - 1075;
        }
        int tz = Long.numberOfTrailingZeros(mant);
        mant >>>= tz;
        exp += tz;
        byte[] e = BigInteger.valueOf(exp).toByteArray();
        byte[] m = BigInteger.valueOf(mant).toByteArray();
        int mOff = m.length > 1 && m[0] == 0 ? 1 : 0;
        int ml = m.length - mOff;
        // e has 1 or 2 octets for a double (exponent -1074..971)
        byte[] out = new byte[1 + e.length + ml];
        out[0] = (byte) (0x80 | (v < 0 ? 0x40 : 0) | (e.length - 1));
        System.arraycopy(e, 0, out, 1, e.length);
        System.arraycopy(m, mOff, out, 1 + e.length, ml);
        return out;
    }

    /** The value of REAL contents octets; IllegalArgumentException names what is wrong. */
    public static double decode(byte[] c) {
        if (c.length == 0) {
            return 0.0;
        }
        int first = c[0] & 0xff;
        if ((first & 0x80) != 0) {
            return binary(c, first);
        }
        if ((first & 0x40) != 0) {
            if (c.length != 1) {
                throw new IllegalArgumentException("special value with " + (c.length - 1) + " octets after it");
            }
            switch (first) {
                case 0x40: return Double.POSITIVE_INFINITY;
                case 0x41: return Double.NEGATIVE_INFINITY;
                case 0x42: return Double.NaN;
                case 0x43: return -0.0;
                default: throw new IllegalArgumentException("reserved special value 0x" + Integer.toHexString(first));
            }
        }
        int form = first & 0x3f;
        String s = new String(c, 1, c.length - 1, StandardCharsets.ISO_8859_1);
        Pattern p = form == 1 ? NR1 : form == 2 ? NR2 : form == 3 ? NR3 : null;
        if (p == null) {
            throw new IllegalArgumentException("decimal form " + form + " (only NR1, NR2, NR3 exist)");
        }
        if (!p.matcher(s).matches()) {
            throw new IllegalArgumentException("\"" + s + "\" is not an NR" + form + " number");
        }
        String t = s.trim().replace(',', '.');
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        return Double.parseDouble(t);
    }

    private static double binary(byte[] c, int first) {
        boolean negative = (first & 0x40) != 0;
        int baseBits = (first >>> 4) & 3;
        if (baseBits == 3) {
            throw new IllegalArgumentException("reserved base (binary REAL, base bits 11)");
        }
        int log2Base = baseBits == 0 ? 1 : baseBits == 1 ? 3 : 4;
        int scale = (first >>> 2) & 3;
        int ef = first & 3;
        int pos = 1;
        int elen;
        if (ef < 3) {
            elen = ef + 1;
        } else {
            if (c.length < 2) {
                throw new IllegalArgumentException("binary REAL without its exponent length octet");
            }
            elen = c[1] & 0xff;
            pos = 2;
            if (elen == 0) {
                throw new IllegalArgumentException("exponent of zero octets");
            }
        }
        if (c.length < pos + elen) {
            throw new IllegalArgumentException("binary REAL of " + c.length + " octets, exponent needs " + elen);
        }
        byte[] eb = new byte[elen];
        System.arraycopy(c, pos, eb, 0, elen);
        BigInteger e = new BigInteger(eb);
        pos += elen;
        byte[] nb = new byte[c.length - pos];
        System.arraycopy(c, pos, nb, 0, nb.length);
        BigInteger n = new BigInteger(1, nb);
        if (n.signum() == 0) {
            return negative ? -0.0 : 0.0;
        }
        // value = N * 2^scale * base^E = N * 2^(scale + E*log2(base))
        BigInteger shift = e.multiply(BigInteger.valueOf(log2Base)).add(BigInteger.valueOf(scale));
        double d;
        if (shift.compareTo(BigInteger.valueOf(100_000)) > 0) {
            d = Double.POSITIVE_INFINITY;
        } else if (shift.compareTo(BigInteger.valueOf(-100_000 - 8L * nb.length)) < 0) {
            d = 0.0;
        } else {
            int s = shift.intValue();
            // exact: N * 2^s rounded once to a double
            int nbits = n.bitLength();
            if (nbits > 60) {
                // bring N to 60 significant bits keeping a sticky bit so that the one rounding below is exact
                int drop = nbits - 60;
                boolean sticky = n.getLowestSetBit() < drop;
                n = n.shiftRight(drop);
                if (sticky) n = n.setBit(0);
                s += drop;
            }
            d = scalbExact(n.longValue(), s);
        }
        return negative ? -d : d;
    }

    /** m * 2^s rounded to nearest even, m < 2^61. */
    private static double scalbExact(long m, int s) {
        // Double has 53 significant bits; for normal results (double) m rounds once and scalb is exact.
        int bits = 64 - Long.numberOfLeadingZeros(m);
        int resultExp = bits - 1 + s;
        if (resultExp >= -1022) {
            return Math.scalb((double) m, s);
        }
        // subnormal result: round at bit position -1074
        int drop = -1074 - s;
        if (drop <= 0) {
            return Math.scalb((double) m, s);
        }
        if (drop >= 63) {
            return 0.0;
        }
        long q = m >>> drop;
        long rem = m & ((1L << drop) - 1);
        long half = 1L << (drop - 1);
        if (rem > half || (rem == half && (q & 1) == 1)) {
            q++;
        }
        return Math.scalb((double) q, -1074);
    }
}
