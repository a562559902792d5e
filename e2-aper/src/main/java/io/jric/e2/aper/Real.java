package io.jric.e2.aper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * ASN.1 REAL in aligned PER (X.691 clause 15): the X.690 contents octets with an unconstrained length.
 * Encodes base-2 binary in the canonical CER/DER form (odd mantissa, minimal exponent and mantissa
 * octets, zero as no octets, the special values as one octet); decodes binary in bases 2, 8 and 16
 * with any scale factor, decimal NR1/NR2/NR3 and the special values.
 */
public final class Real {
    private Real() {
    }

    private static final Pattern NR1 = Pattern.compile(" *[+-]?[0-9]+");
    private static final Pattern NR2 = Pattern.compile(" *[+-]?([0-9]+[.,][0-9]*|[.,][0-9]+)");
    private static final Pattern NR3 = Pattern.compile(" *[+-]?([0-9]+[.,]?[0-9]*|[.,][0-9]+)[eE][+-]?[0-9]+");

    /** The X.690 contents octets of d in the canonical (DER) form. */
    public static byte[] contents(double d) {
        if (Double.isNaN(d)) {
            return new byte[] {0x42};
        }
        if (d == Double.POSITIVE_INFINITY) {
            return new byte[] {0x40};
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return new byte[] {0x41};
        }
        long raw = Double.doubleToRawLongBits(d);
        if (d == 0) {
            return raw == 0 ? new byte[0] : new byte[] {0x43};
        }
        boolean neg = raw < 0;
        int e = (int) ((raw >>> 52) & 0x7ff);
        long m = raw & 0xFFFFFFFFFFFFFL;
        int exp;
        if (e == 0) {
            exp = -1074;
        } else {
            m |= 1L << 52;
            exp = e - 1075;
        }
        int tz = Long.numberOfTrailingZeros(m);
        m >>>= tz;
        exp += tz;
        int elen = exp >= -128 && exp <= 127 ? 1 : 2; // minimal two's complement (exp is within -1074..971)
        int mlen = (64 - Long.numberOfLeadingZeros(m) + 7) / 8; // minimal unsigned octets, m > 0
        byte[] out = new byte[1 + elen + mlen];
        out[0] = (byte) (0x80 | (neg ? 0x40 : 0) | (elen - 1));
        if (elen == 1) {
            out[1] = (byte) exp;
        } else {
            out[1] = (byte) (exp >> 8);
            out[2] = (byte) exp;
        }
        for (int k = 0; k < mlen; k++) {
            out[1 + elen + k] = (byte) (m >>> (8 * (mlen - 1 - k)));
        }
        return out;
    }

    public static void write(AperWriter w, double d) {
        w.writeFragmentedOctets(contents(d));
    }

    public static double read(AperReader r) {
        long start = r.bitPosition();
        byte[] c = r.readFragmentedOctets();
        return fromContents(c, start);
    }

    /** The value of X.690 REAL contents octets; position is reported in errors. */
    public static double fromContents(byte[] c, long pos) {
        if (c.length == 0) {
            return 0.0;
        }
        int first = c[0] & 0xff;
        if ((first & 0x80) != 0) {
            boolean neg = (first & 0x40) != 0;
            int baseBits = (first >>> 4) & 3;
            if (baseBits == 3) {
                throw new AperException(pos, "REAL with reserved base bits 11");
            }
            int shift = baseBits == 0 ? 1 : baseBits == 1 ? 3 : 4;
            int f = (first >>> 2) & 3;
            int i = 1;
            int elen;
            switch (first & 3) {
                case 0 -> elen = 1;
                case 1 -> elen = 2;
                case 2 -> elen = 3;
                default -> {
                    if (c.length < 2) {
                        throw new AperException(pos, "REAL exponent length octet missing");
                    }
                    elen = c[1] & 0xff;
                    i = 2;
                    if (elen == 0) {
                        throw new AperException(pos, "REAL exponent of 0 octets");
                    }
                }
            }
            if (c.length < i + elen) {
                throw new AperException(pos, "REAL of " + c.length + " octets ends inside its exponent");
            }
            if (elen <= 2 && c.length - i - elen <= 7) {
                // fast path: exponent of 1-2 octets, mantissa of up to 56 bits; exact when the mantissa fits 53 bits
                // and the result is a normal double, otherwise the general path below rounds it
                int e = c[i];
                if (elen == 2) {
                    e = (e << 8) | (c[i + 1] & 0xff);
                }
                long m = 0;
                for (int k = i + elen; k < c.length; k++) {
                    m = (m << 8) | (c[k] & 0xff);
                }
                if (m == 0) {
                    return neg ? -0.0 : 0.0;
                }
                int s = e * shift + f;
                int len = 64 - Long.numberOfLeadingZeros(m);
                if (len <= 53 && s >= -1022 && s + len <= 1024) {
                    double v = Math.scalb((double) m, s);
                    return neg ? -v : v;
                }
            }
            BigInteger exp = new BigInteger(java.util.Arrays.copyOfRange(c, i, i + elen));
            BigInteger n = new BigInteger(1, java.util.Arrays.copyOfRange(c, i + elen, c.length));
            if (n.signum() == 0) {
                return neg ? -0.0 : 0.0;
            }
            BigInteger scale = exp.multiply(BigInteger.valueOf(shift)).add(BigInteger.valueOf(f));
            double v;
            if (scale.compareTo(BigInteger.valueOf(4000)) > 0) {
                v = Double.POSITIVE_INFINITY;
            } else if (scale.compareTo(BigInteger.valueOf(-4000 - n.bitLength())) < 0) {
                v = 0.0;
            } else {
                int s = scale.intValueExact();
                BigDecimal bd = new BigDecimal(n);
                bd = s >= 0 ? bd.multiply(new BigDecimal(BigInteger.TWO.pow(s))) : bd.divide(new BigDecimal(BigInteger.TWO.pow(-s)));
                v = bd.doubleValue();
            }
            return neg ? -v : v;
        }
        if ((first & 0xC0) == 0x40) {
            if (c.length != 1) {
                throw new AperException(pos, "REAL special value with " + (c.length - 1) + " extra octets");
            }
            return switch (first) {
                case 0x40 -> Double.POSITIVE_INFINITY;
                case 0x41 -> Double.NEGATIVE_INFINITY;
                case 0x42 -> Double.NaN;
                case 0x43 -> -0.0;
                default -> throw new AperException(pos, "REAL special value 0x" + Integer.toHexString(first));
            };
        }
        int form = first & 0x3f;
        String s = new String(c, 1, c.length - 1, StandardCharsets.US_ASCII);
        Pattern p = form == 1 ? NR1 : form == 2 ? NR2 : form == 3 ? NR3 : null;
        if (p == null) {
            throw new AperException(pos, "REAL decimal form " + form);
        }
        if (!p.matcher(s).matches()) {
            throw new AperException(pos, "REAL decimal NR" + form + " value is malformed");
        }
        try {
            return Double.parseDouble(s.trim().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new AperException(pos, "REAL decimal value is malformed");
        }
    }

    /** The contents octets of {@code v} (canonical base 2); the same as {@link #contents(double)}. */
    public static byte[] encode(double v) {
        return contents(v);
    }

    /** The value of REAL contents octets; IllegalArgumentException names what is wrong. */
    public static double decode(byte[] c) {
        try {
            return fromContents(c, -1);
        } catch (AperException e) {
            throw new IllegalArgumentException(e.reason(), e);
        }
    }
}
