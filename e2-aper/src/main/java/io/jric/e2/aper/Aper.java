package io.jric.e2.aper;

/** Constants and small helpers shared by {@link AperWriter} and {@link AperReader} (ITU-T X.691, aligned variant). */
final class Aper {
    private Aper() {
    }

    /** 16K: the fragment unit of unconstrained length determinants. */
    static final int K16 = 16384;
    /** 64K: the bound above which a length is no longer encoded as a constrained whole number. */
    static final long K64 = 65536;

    /** Number of bits needed to encode values 0..range-1 (range >= 1). */
    static int bitsFor(long range) {
        if (range <= 1) {
            return 0;
        }
        return 64 - Long.numberOfLeadingZeros(range - 1);
    }

    /** Number of octets needed to hold values 0..max (max >= 0); at least 1. */
    static int octetsFor(long max) {
        int bits = 64 - Long.numberOfLeadingZeros(max);
        return Math.max(1, (bits + 7) / 8);
    }

    /** Range ub-lb+1, refusing ranges that do not fit a signed 63-bit value. */
    static long range(long lb, long ub) {
        if (ub < lb) {
            throw new IllegalArgumentException("upper bound " + ub + " < lower bound " + lb);
        }
        long r = ub - lb + 1;
        if (r <= 0) {
            throw new IllegalArgumentException("range " + lb + ".." + ub + " too large for this codec");
        }
        return r;
    }

    /** PrintableString's alphabet (X.680 41.4). */
    static boolean isPrintable(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == ' ' || c == '\'' || c == '(' || c == ')' || c == '+' || c == ',' || c == '-'
                || c == '.' || c == '/' || c == ':' || c == '=' || c == '?';
    }

    /** VisibleString's alphabet: 0x20..0x7E. */
    static boolean isVisible(int c) {
        return c >= 0x20 && c <= 0x7e;
    }
}
