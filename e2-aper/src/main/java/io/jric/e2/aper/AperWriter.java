package io.jric.e2.aper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bit-level writer for ITU-T X.691 aligned PER (APER). Each method writes one PER building block; the
 * typed E2AP encoders compose them in the order the ASN.1 definitions give. Values outside their
 * constraint are refused with an {@link AperException} (the codec never writes a non-canonical PDU).
 */
public final class AperWriter {
    private byte[] buf = new byte[64];
    private long bitPos;

    /** Bits written so far. */
    public long bitPosition() {
        return bitPos;
    }

    private void ensure(long bits) {
        long needBytes = (bitPos + bits + 7) >>> 3;
        if (needBytes > Integer.MAX_VALUE - 16) {
            throw new AperException(bitPos, "encoding larger than 2 GiB");
        }
        if (needBytes > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.max(needBytes, Math.min(Integer.MAX_VALUE - 16L, buf.length * 2L)));
        }
    }

    private AperException bad(String reason) {
        return new AperException(bitPos, reason);
    }

    public void writeBit(boolean b) {
        ensure(1);
        if (b) {
            buf[(int) (bitPos >>> 3)] |= (byte) (0x80 >>> (bitPos & 7));
        }
        bitPos++;
    }

    /** Writes the n (0..64) low bits of value, most significant first. */
    public void writeBits(long value, int n) {
        if (n < 0 || n > 64) {
            throw new IllegalArgumentException("bit count " + n);
        }
        ensure(n);
        for (int i = n - 1; i >= 0; i--) {
            if (((value >>> i) & 1) != 0) {
                buf[(int) (bitPos >>> 3)] |= (byte) (0x80 >>> (bitPos & 7));
            }
            bitPos++;
        }
    }

    /** Pads with zero bits to the next octet boundary. */
    public void align() {
        long pad = (8 - (bitPos & 7)) & 7;
        ensure(pad);
        bitPos += pad;
    }

    /** Writes whole octets at the current bit position (the caller aligns first where PER says so). */
    public void writeOctets(byte[] b, int off, int len) {
        ensure(8L * len);
        if ((bitPos & 7) == 0) {
            System.arraycopy(b, off, buf, (int) (bitPos >>> 3), len);
            bitPos += 8L * len;
        } else {
            for (int i = 0; i < len; i++) {
                writeBits(b[off + i] & 0xff, 8);
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // Whole numbers (X.691 11.3 - 11.9)
    // ------------------------------------------------------------------------------------------

    /** Constrained whole number value in lb..ub, aligned-variant rules (bit-field, one octet, two octets, or length + octets). */
    public void writeConstrainedWholeNumber(long value, long lb, long ub) {
        long range = Aper.range(lb, ub);
        if (value < lb || value > ub) {
            throw bad("value " + value + " outside " + lb + ".." + ub);
        }
        long off = value - lb;
        if (range == 1) {
            return;
        }
        if (range <= 255) {
            writeBits(off, Aper.bitsFor(range));
        } else if (range == 256) {
            align();
            writeBits(off, 8);
        } else if (range <= Aper.K64) {
            align();
            writeBits(off, 16);
        } else {
            int maxOctets = Aper.octetsFor(range - 1);
            int n = Aper.octetsFor(off);
            writeConstrainedWholeNumber(n, 1, maxOctets);
            align();
            writeBits(off, 8 * n);
        }
    }

    /** INTEGER (lb..ub[, ...]). An extensible type with a value outside the root is written as unconstrained. */
    public void writeInteger(long value, long lb, long ub, boolean extensible) {
        boolean inRoot = value >= lb && value <= ub;
        if (extensible) {
            writeBit(!inRoot);
            if (!inRoot) {
                writeUnconstrainedInteger(BigInteger.valueOf(value));
                return;
            }
        }
        writeConstrainedWholeNumber(value, lb, ub);
    }

    /** INTEGER (lb..MAX): non-negative binary offset from lb in minimal octets, preceded by an unconstrained length. */
    public void writeSemiConstrainedInteger(BigInteger value, BigInteger lb) {
        BigInteger off = value.subtract(lb);
        if (off.signum() < 0) {
            throw bad("value " + value + " below lower bound " + lb);
        }
        byte[] mag = off.toByteArray();
        int start = mag.length > 1 && mag[0] == 0 ? 1 : 0;
        writeLengthPrefixedSmall(mag, start, mag.length - start);
    }

    /** INTEGER without bounds: minimal two's-complement octets preceded by an unconstrained length. */
    public void writeUnconstrainedInteger(BigInteger value) {
        byte[] b = value.toByteArray();
        writeLengthPrefixedSmall(b, 0, b.length);
    }

    private void writeLengthPrefixedSmall(byte[] b, int off, int len) {
        if (len > 127) {
            throw bad("integer of " + len + " octets too large");
        }
        writeUnconstrainedLength(len);
        writeOctets(b, off, len);
    }

    /** Normally small non-negative whole number (X.691 11.6): CHOICE and ENUMERATED extension indexes, extension bitmap sizes. */
    public void writeNormallySmall(long n) {
        if (n < 0) {
            throw bad("negative normally small number " + n);
        }
        if (n <= 63) {
            writeBit(false);
            writeBits(n, 6);
        } else {
            writeBit(true);
            writeSemiConstrainedInteger(BigInteger.valueOf(n), BigInteger.ZERO);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Length determinants (X.691 11.9)
    // ------------------------------------------------------------------------------------------

    /** Length with ub < 64K: a constrained whole number. */
    public void writeConstrainedLength(long n, long lb, long ub) {
        if (ub >= Aper.K64) {
            throw new IllegalArgumentException("constrained length needs ub < 64K");
        }
        writeConstrainedWholeNumber(n, lb, ub);
    }

    /** Unconstrained length below 16K (one or two octets, aligned). Longer contents use fragmentation. */
    public void writeUnconstrainedLength(long n) {
        align();
        if (n < 0 || n >= Aper.K16) {
            throw bad("length " + n + " needs fragmentation");
        }
        if (n < 128) {
            writeBits(n, 8);
        } else {
            writeBits(0x8000 | n, 16);
        }
    }

    /** Octets preceded by an unconstrained length, fragmented in 16K..64K blocks when 16K or longer. */
    public void writeFragmentedOctets(byte[] b) {
        int off = 0;
        int remaining = b.length;
        while (remaining >= Aper.K16) {
            int m = Math.min(4, remaining / Aper.K16);
            align();
            writeBits(0xC0 | m, 8);
            writeOctets(b, off, m * Aper.K16);
            off += m * Aper.K16;
            remaining -= m * Aper.K16;
        }
        writeUnconstrainedLength(remaining);
        writeOctets(b, off, remaining);
    }

    // ------------------------------------------------------------------------------------------
    // Simple types
    // ------------------------------------------------------------------------------------------

    public void writeBoolean(boolean b) {
        writeBit(b);
    }

    /**
     * ENUMERATED with rootCount root values. index &lt; rootCount is a root value; with an extension
     * marker, index - rootCount is the extension addition's index.
     */
    public void writeEnumerated(int index, int rootCount, boolean extensible) {
        if (index < 0) {
            throw bad("negative enumeration index " + index);
        }
        if (extensible) {
            boolean ext = index >= rootCount;
            writeBit(ext);
            if (ext) {
                writeNormallySmall(index - rootCount);
                return;
            }
        } else if (index >= rootCount) {
            throw bad("enumeration index " + index + " outside 0.." + (rootCount - 1));
        }
        writeConstrainedWholeNumber(index, 0, rootCount - 1);
    }

    /** CHOICE index of a root alternative (followed by the alternative's encoding). */
    public void writeChoiceIndex(int index, int rootCount, boolean extensible) {
        if (index < 0 || index >= rootCount) {
            throw bad("choice index " + index + " outside the root 0.." + (rootCount - 1));
        }
        if (extensible) {
            writeBit(false);
        }
        writeConstrainedWholeNumber(index, 0, rootCount - 1);
    }

    /** CHOICE extension alternative: index among the additions, then the value as an open type. */
    public void writeChoiceExtension(int extIndex, byte[] openTypeValue) {
        writeBit(true);
        writeNormallySmall(extIndex);
        writeOpenType(openTypeValue);
    }

    /** SEQUENCE preamble: extension bit (when extensible) and the presence bitmap of OPTIONAL/DEFAULT components. */
    public void writeSequencePreamble(boolean extensible, boolean extensionsPresent, boolean... optionalPresent) {
        if (extensible) {
            writeBit(extensionsPresent);
        } else if (extensionsPresent) {
            throw bad("extension additions in a non-extensible SEQUENCE");
        }
        for (boolean p : optionalPresent) {
            writeBit(p);
        }
    }

    /** Open type: the complete encoding of a value (at least one octet), with an unconstrained length. */
    public void writeOpenType(byte[] completeEncoding) {
        if (completeEncoding.length == 0) {
            throw bad("an open type holds at least one octet");
        }
        writeFragmentedOctets(completeEncoding);
    }

    /** SEQUENCE OF / SET OF count with SIZE(lb..ub[, ...]); ub &lt; 0 means no upper bound. */
    public void writeCount(long n, long lb, long ub, boolean extensible) {
        writeSizeLength(n, lb, ub, extensible, "count");
    }

    /**
     * The length part common to SEQUENCE OF and strings. Returns true when the length was written as a
     * constrained value (no length is written for fixed sizes).
     */
    private void writeSizeLength(long n, long lb, long ub, boolean extensible, String what) {
        boolean inRoot = n >= lb && (ub < 0 || n <= ub);
        if (extensible) {
            writeBit(!inRoot);
        } else if (!inRoot) {
            throw bad(what + " " + n + " outside SIZE(" + lb + ".." + (ub < 0 ? "MAX" : ub) + ")");
        }
        if (inRoot && ub >= 0 && ub < Aper.K64) {
            if (lb != ub) {
                writeConstrainedLength(n, lb, ub);
            }
        } else {
            if (n >= Aper.K16) {
                throw bad(what + " " + n + " needs fragmentation, not supported for this type");
            }
            writeUnconstrainedLength(n);
        }
    }

    // ------------------------------------------------------------------------------------------
    // Strings
    // ------------------------------------------------------------------------------------------

    /** OCTET STRING (SIZE(lb..ub[, ...])); ub &lt; 0 means no upper bound (lb 0 and ub -1: unconstrained). */
    public void writeOctetString(byte[] v, long lb, long ub, boolean extensible) {
        long n = v.length;
        boolean inRoot = n >= lb && (ub < 0 || n <= ub);
        if (extensible) {
            writeBit(!inRoot);
        } else if (!inRoot) {
            throw bad("OCTET STRING of " + n + " octets outside SIZE(" + lb + ".." + (ub < 0 ? "MAX" : ub) + ")");
        }
        if (inRoot && lb == ub && ub < Aper.K64) {
            if (n > 2) {
                align();
            }
            writeOctets(v, 0, v.length);
            return;
        }
        if (inRoot && ub >= 0 && ub < Aper.K64) {
            writeConstrainedLength(n, lb, ub);
            align();
            writeOctets(v, 0, v.length);
            return;
        }
        writeFragmentedOctets(v);
    }

    /**
     * BIT STRING (SIZE(lb..ub[, ...])) of nbits bits taken from bits (most significant bit of bits[0] first).
     */
    public void writeBitString(byte[] bits, int nbits, long lb, long ub, boolean extensible) {
        if (nbits < 0 || (nbits + 7) / 8 > bits.length) {
            throw bad("BIT STRING of " + nbits + " bits with " + bits.length + " octets");
        }
        boolean inRoot = nbits >= lb && (ub < 0 || nbits <= ub);
        if (extensible) {
            writeBit(!inRoot);
        } else if (!inRoot) {
            throw bad("BIT STRING of " + nbits + " bits outside SIZE(" + lb + ".." + (ub < 0 ? "MAX" : ub) + ")");
        }
        if (inRoot && lb == ub && ub < Aper.K64) {
            if (nbits > 16) {
                align();
            }
        } else if (inRoot && ub >= 0 && ub < Aper.K64) {
            writeConstrainedLength(nbits, lb, ub);
            align();
        } else {
            if (nbits >= Aper.K16) {
                throw bad("BIT STRING of " + nbits + " bits needs fragmentation, not supported");
            }
            writeUnconstrainedLength(nbits);
        }
        for (int i = 0; i < nbits; i++) {
            writeBit(((bits[i >>> 3] >>> (7 - (i & 7))) & 1) != 0);
        }
    }

    /** PrintableString (SIZE(lb..ub[, ...])): 8 bits a character in the aligned variant. */
    public void writePrintableString(String s, long lb, long ub, boolean extensible) {
        writeKnownMultiplierString(s, lb, ub, extensible, true);
    }

    /** VisibleString (SIZE(lb..ub[, ...])): 8 bits a character in the aligned variant. */
    public void writeVisibleString(String s, long lb, long ub, boolean extensible) {
        writeKnownMultiplierString(s, lb, ub, extensible, false);
    }

    private void writeKnownMultiplierString(String s, long lb, long ub, boolean extensible, boolean printable) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (printable ? !Aper.isPrintable(c) : !Aper.isVisible(c)) {
                throw bad((printable ? "PrintableString" : "VisibleString") + " cannot hold character U+"
                        + String.format("%04X", (int) c) + " at index " + i);
            }
        }
        long n = s.length();
        boolean inRoot = n >= lb && (ub < 0 || n <= ub);
        if (extensible) {
            writeBit(!inRoot);
        } else if (!inRoot) {
            throw bad("string of " + n + " characters outside SIZE(" + lb + ".." + (ub < 0 ? "MAX" : ub) + ")");
        }
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if (inRoot && lb == ub && ub < Aper.K64) {
            if (n * 8 > 16) {
                align();
            }
        } else if (inRoot && ub >= 0 && ub < Aper.K64) {
            writeConstrainedLength(n, lb, ub);
            if (ub * 8 > 16) {
                align();
            }
        } else {
            if (n >= Aper.K16) {
                throw bad("string of " + n + " characters needs fragmentation, not supported");
            }
            writeUnconstrainedLength(n);
        }
        writeOctets(b, 0, b.length);
    }

    /** UTF8String: not a known-multiplier type, so its size constraint is not PER-visible: octets with an unconstrained length. */
    public void writeUtf8String(String s) {
        writeFragmentedOctets(s.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------

    /** The complete encoding: padded to whole octets, and one zero octet when nothing was written (X.691 11.1). */
    public byte[] toByteArray() {
        if (bitPos == 0) {
            return new byte[1];
        }
        return Arrays.copyOf(buf, (int) ((bitPos + 7) >>> 3));
    }
}
