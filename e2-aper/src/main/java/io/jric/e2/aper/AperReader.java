package io.jric.e2.aper;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Bit-level reader for ITU-T X.691 aligned PER. Every read is bounds-checked: a malformed input ends in an
 * {@link AperException} carrying the bit position (counted from the start of the outermost buffer, also
 * for readers over an open type's contents) and the reason. Lengths are checked against the bits that
 * remain before anything is allocated.
 */
public final class AperReader {
    private final byte[] buf;
    private final long startBit;
    private final long endBit;
    private long bitPos;

    public AperReader(byte[] data) {
        this(data, 0, data.length);
    }

    /** A reader over data[from..to) whose positions are reported relative to data[0]. */
    public AperReader(byte[] data, int from, int to) {
        if (from < 0 || to > data.length || from > to) {
            throw new IllegalArgumentException("slice " + from + ".." + to + " of " + data.length);
        }
        this.buf = data;
        this.startBit = 8L * from;
        this.endBit = 8L * to;
        this.bitPos = startBit;
    }

    public long bitPosition() {
        return bitPos;
    }

    public long remainingBits() {
        return endBit - bitPos;
    }

    public AperException error(String reason) {
        return new AperException(bitPos, reason);
    }

    private AperException truncated(long bits, String what) {
        return error("truncated: " + what + " needs " + bits + " bits, " + (endBit - bitPos) + " left");
    }

    public boolean readBit() {
        if (bitPos >= endBit) {
            throw truncated(1, "a bit");
        }
        boolean b = ((buf[(int) (bitPos >>> 3)] >>> (7 - (bitPos & 7))) & 1) != 0;
        bitPos++;
        return b;
    }

    /** Reads n (0..64) bits as an unsigned number, most significant first. */
    public long readBits(int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count " + n);
        }
        if (n > endBit - bitPos) {
            throw truncated(n, n + "-bit field");
        }
        long v = 0;
        long pos = bitPos;
        int left = n;
        while (left > 0) {
            int avail = 8 - (int) (pos & 7);
            int take = Math.min(avail, left);
            int b = buf[(int) (pos >>> 3)] & 0xff;
            v = (v << take) | ((b >>> (avail - take)) & ((1 << take) - 1));
            pos += take;
            left -= take;
        }
        bitPos = pos;
        return v;
    }

    /** Skips the padding to the next octet boundary (relative to the outermost buffer, which starts aligned). */
    public void align() {
        long pad = (8 - (bitPos & 7)) & 7;
        if (pad > endBit - bitPos) {
            throw truncated(pad, "padding");
        }
        bitPos += pad;
    }

    public byte[] readOctets(int len) {
        if (len < 0 || 8L * len > endBit - bitPos) {
            throw truncated(8L * len, len + " octets");
        }
        byte[] out = new byte[len];
        if ((bitPos & 7) == 0) {
            System.arraycopy(buf, (int) (bitPos >>> 3), out, 0, len);
            bitPos += 8L * len;
        } else {
            for (int i = 0; i < len; i++) {
                out[i] = (byte) readBits(8);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Whole numbers
    // ------------------------------------------------------------------------------------------

    public long readConstrainedWholeNumber(long lb, long ub) {
        long range = Aper.range(lb, ub);
        long start = bitPos;
        long off;
        if (range == 1) {
            return lb;
        } else if (range <= 255) {
            off = readBits(Aper.bitsFor(range));
        } else if (range == 256) {
            align();
            off = readBits(8);
        } else if (range <= Aper.K64) {
            align();
            off = readBits(16);
        } else {
            int maxOctets = Aper.octetsFor(range - 1);
            int n = (int) readConstrainedWholeNumber(1, maxOctets);
            align();
            off = readBits(8 * n);
            if (n > 1 && (off >>> (8 * (n - 1))) == 0) {
                throw new AperException(start, "constrained whole number in " + n + " octets has a leading zero octet (not canonical)");
            }
        }
        if (off < 0 || off > ub - lb) {
            throw new AperException(start, "value " + (lb + off) + " outside " + lb + ".." + ub);
        }
        return lb + off;
    }

    public long readInteger(long lb, long ub, boolean extensible) {
        if (extensible && readBit()) {
            long start = bitPos;
            BigInteger v = readUnconstrainedInteger();
            if (v.bitLength() > 63) {
                throw new AperException(start, "extension value of INTEGER does not fit 64 bits");
            }
            return v.longValue();
        }
        return readConstrainedWholeNumber(lb, ub);
    }

    public BigInteger readSemiConstrainedInteger(BigInteger lb) {
        int n = readSmallUnconstrainedLength("semi-constrained INTEGER");
        return new BigInteger(1, readOctets(n)).add(lb);
    }

    public BigInteger readUnconstrainedInteger() {
        int n = readSmallUnconstrainedLength("unconstrained INTEGER");
        return new BigInteger(readOctets(n));
    }

    private int readSmallUnconstrainedLength(String what) {
        long start = bitPos;
        long n = readUnconstrainedLength();
        if (n < 1 || n > 127) {
            throw new AperException(start, what + " of " + n + " octets");
        }
        return (int) n;
    }

    public long readNormallySmall() {
        if (!readBit()) {
            return readBits(6);
        }
        long start = bitPos;
        BigInteger v = readSemiConstrainedInteger(BigInteger.ZERO);
        if (v.bitLength() > 31) {
            throw new AperException(start, "normally small number too large");
        }
        return v.longValue();
    }

    // ------------------------------------------------------------------------------------------
    // Lengths
    // ------------------------------------------------------------------------------------------

    public long readConstrainedLength(long lb, long ub) {
        return readConstrainedWholeNumber(lb, ub);
    }

    /**
     * Unconstrained length below 16K. A fragment header (11xxxxxx) is refused here: callers that allow
     * fragmentation use {@link #readFragmentedOctets()}.
     */
    public long readUnconstrainedLength() {
        align();
        long start = bitPos;
        int first = (int) readBits(8);
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0xC0) == 0x80) {
            return ((first & 0x3f) << 8) | readBits(8);
        }
        throw new AperException(start, "fragmented length (16K or more) where this type does not allow it");
    }

    /** Octets preceded by an unconstrained length, fragments included; each fragment is checked against the bits left. */
    public byte[] readFragmentedOctets() {
        ByteArrayOutputStream out = null;
        while (true) {
            align();
            long start = bitPos;
            int first = (int) readBits(8);
            if ((first & 0xC0) == 0xC0) {
                int m = first & 0x3f;
                if (m < 1 || m > 4) {
                    throw new AperException(start, "fragment header with multiplier " + m);
                }
                if (8L * m * Aper.K16 > endBit - bitPos) {
                    throw truncated(8L * m * Aper.K16, "fragment of " + m + "x16K octets");
                }
                if (out == null) {
                    out = new ByteArrayOutputStream();
                }
                out.write(buf, (int) (bitPos >>> 3), m * Aper.K16);
                bitPos += 8L * m * Aper.K16;
                continue;
            }
            int n = first;
            if ((first & 0x80) != 0) {
                n = ((first & 0x3f) << 8) | (int) readBits(8);
            }
            byte[] last = readOctets(n);
            if (out == null) {
                return last;
            }
            out.write(last, 0, last.length);
            return out.toByteArray();
        }
    }

    // ------------------------------------------------------------------------------------------
    // Simple types
    // ------------------------------------------------------------------------------------------

    public boolean readBoolean() {
        return readBit();
    }

    /** ENUMERATED: a root index, or rootCount + the extension addition's index. */
    public int readEnumerated(int rootCount, boolean extensible) {
        if (extensible && readBit()) {
            long start = bitPos;
            long e = readNormallySmall();
            if (e > Integer.MAX_VALUE - rootCount) {
                throw new AperException(start, "enumeration extension index " + e);
            }
            return (int) (rootCount + e);
        }
        return (int) readConstrainedWholeNumber(0, rootCount - 1);
    }

    /**
     * CHOICE index: 0..rootCount-1 for a root alternative; for an extension alternative, rootCount + its
     * index (the caller then reads the value with {@link #readOpenType()}).
     */
    public int readChoiceIndex(int rootCount, boolean extensible) {
        return readEnumerated(rootCount, extensible);
    }

    /** SEQUENCE preamble: returns the extension bit; the optional presence bits are read into present. */
    public boolean readSequencePreamble(boolean extensible, boolean[] present) {
        boolean ext = extensible && readBit();
        for (int i = 0; i < present.length; i++) {
            present[i] = readBit();
        }
        return ext;
    }

    /**
     * Skips a SEQUENCE's extension additions (after its root components): reads the presence bitmap and
     * returns the open-type contents of each addition, null where absent.
     */
    public byte[][] readExtensionAdditions() {
        long start = bitPos;
        long n = readNormallySmall() + 1;
        if (n > remainingBits()) {
            throw new AperException(start, "extension bitmap of " + n + " bits, more than left");
        }
        boolean[] present = new boolean[(int) n];
        for (int i = 0; i < n; i++) {
            present[i] = readBit();
        }
        byte[][] out = new byte[(int) n][];
        for (int i = 0; i < n; i++) {
            if (present[i]) {
                out[i] = readOpenType();
            }
        }
        return out;
    }

    /** Open type: returns the contents (a complete encoding, at least one octet). */
    public byte[] readOpenType() {
        long start = bitPos;
        byte[] b = readFragmentedOctets();
        if (b.length == 0) {
            throw new AperException(start, "empty open type");
        }
        return b;
    }

    /**
     * Open type without copying: returns a reader over its contents, positioned at its first bit, and
     * moves this reader past it. Only for contents shorter than 16K (no fragments); longer ones are copied.
     */
    public AperReader openTypeReader() {
        align();
        long save = bitPos;
        int first = (int) readBits(8);
        if ((first & 0xC0) == 0xC0) {
            bitPos = save;
            byte[] b = readOpenType();
            return new AperReader(b);
        }
        int n = first;
        if ((first & 0x80) != 0) {
            n = ((first & 0x3f) << 8) | (int) readBits(8);
        }
        if (n == 0) {
            throw error("empty open type");
        }
        if (8L * n > endBit - bitPos) {
            throw truncated(8L * n, "open type of " + n + " octets");
        }
        int from = (int) (bitPos >>> 3);
        bitPos += 8L * n;
        return new AperReader(buf, from, from + n);
    }

    /** SEQUENCE OF count with SIZE(lb..ub[, ...]); ub &lt; 0 for no bound. */
    public long readCount(long lb, long ub, boolean extensible) {
        long start = bitPos;
        long n = readSizeLength(lb, ub, extensible);
        // Every element takes at least one bit in the types this codec reads; more would be malformed.
        if (n > remainingBits() + 1) {
            throw new AperException(start, "count " + n + " larger than the bits left");
        }
        return n;
    }

    private long readSizeLength(long lb, long ub, boolean extensible) {
        long start = bitPos;
        if (extensible && readBit()) {
            return readUnconstrainedLength();
        }
        long n;
        if (ub >= 0 && ub < Aper.K64) {
            n = lb == ub ? lb : readConstrainedLength(lb, ub);
        } else {
            n = readUnconstrainedLength();
            if (n < lb || (ub >= 0 && n > ub)) {
                throw new AperException(start, "size " + n + " outside " + lb + ".." + (ub < 0 ? "MAX" : ub));
            }
        }
        return n;
    }

    // ------------------------------------------------------------------------------------------
    // Strings
    // ------------------------------------------------------------------------------------------

    public byte[] readOctetString(long lb, long ub, boolean extensible) {
        long start = bitPos;
        boolean ext = extensible && readBit();
        if (!ext && lb == ub && ub < Aper.K64) {
            if (lb > 2) {
                align();
            }
            return readOctets((int) lb);
        }
        if (!ext && ub >= 0 && ub < Aper.K64) {
            int n = (int) readConstrainedLength(lb, ub);
            align();
            return readOctets(n);
        }
        byte[] b = readFragmentedOctets();
        if (!ext && (b.length < lb || (ub >= 0 && b.length > ub))) {
            throw new AperException(start, "OCTET STRING of " + b.length + " octets outside SIZE(" + lb + ".." + ub + ")");
        }
        return b;
    }

    /** A BIT STRING: its bits, most significant bit of bits[0] first. */
    public record Bits(byte[] bits, int length) {
        public long asLong() {
            long v = 0;
            for (int i = 0; i < length; i++) {
                v = (v << 1) | ((bits[i >>> 3] >>> (7 - (i & 7))) & 1);
            }
            return v;
        }
    }

    public Bits readBitString(long lb, long ub, boolean extensible) {
        boolean ext = extensible && readBit();
        long n;
        if (!ext && lb == ub && ub < Aper.K64) {
            n = lb;
            if (n > 16) {
                align();
            }
        } else if (!ext && ub >= 0 && ub < Aper.K64) {
            n = readConstrainedLength(lb, ub);
            align();
        } else {
            long start = bitPos;
            n = readUnconstrainedLength();
            if (!ext && (n < lb || (ub >= 0 && n > ub))) {
                throw new AperException(start, "BIT STRING of " + n + " bits outside SIZE");
            }
        }
        if (n > endBit - bitPos) {
            throw truncated(n, "BIT STRING of " + n + " bits");
        }
        byte[] out = new byte[(int) ((n + 7) / 8)];
        for (int i = 0; i < n; i++) {
            if (readBit()) {
                out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return new Bits(out, (int) n);
    }

    public String readPrintableString(long lb, long ub, boolean extensible) {
        return readKnownMultiplierString(lb, ub, extensible, true);
    }

    public String readVisibleString(long lb, long ub, boolean extensible) {
        return readKnownMultiplierString(lb, ub, extensible, false);
    }

    private String readKnownMultiplierString(long lb, long ub, boolean extensible, boolean printable) {
        boolean ext = extensible && readBit();
        long n;
        if (!ext && lb == ub && ub < Aper.K64) {
            n = lb;
            if (n * 8 > 16) {
                align();
            }
        } else if (!ext && ub >= 0 && ub < Aper.K64) {
            n = readConstrainedLength(lb, ub);
            if (ub * 8 > 16) {
                align();
            }
        } else {
            long start = bitPos;
            n = readUnconstrainedLength();
            if (!ext && (n < lb || (ub >= 0 && n > ub))) {
                throw new AperException(start, "string of " + n + " characters outside SIZE");
            }
        }
        long start = bitPos;
        byte[] b = readOctets((int) n);
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            int ch = b[i] & 0xff;
            if (printable ? !Aper.isPrintable(ch) : !Aper.isVisible(ch)) {
                throw new AperException(start + 8L * i, (printable ? "PrintableString" : "VisibleString")
                        + " holds character 0x" + Integer.toHexString(ch) + " outside its alphabet");
            }
            c[i] = (char) ch;
        }
        return new String(c);
    }

    public String readUtf8String() {
        long start = bitPos;
        byte[] b = readFragmentedOctets();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new AperException(start, "UTF8String is not valid UTF-8");
        }
    }

    /** A copy of the remaining octets (the reader must be octet-aligned), without moving the reader. */
    public byte[] peekAll(long bits) {
        if ((bitPos & 7) != 0 || bits != endBit - bitPos) {
            throw new IllegalStateException("peekAll on a reader that is not at an octet boundary");
        }
        return Arrays.copyOfRange(buf, (int) (bitPos >>> 3), (int) (endBit >>> 3));
    }

    /** Fails unless only padding (fewer than 8 bits) is left: for the end of a complete encoding. */
    public void expectEnd(String what) {
        if (remainingBits() >= 8) {
            throw error(what + ": " + remainingBits() / 8 + " octets left over");
        }
    }

    @Override
    public String toString() {
        return "AperReader[bit " + bitPos + " of " + endBit + ", from " + startBit + "]";
    }
}
