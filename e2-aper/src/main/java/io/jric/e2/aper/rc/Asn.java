package io.jric.e2.aper.rc;

import io.jric.e2.aper.Real;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.AperReader;
import io.jric.e2.aper.AperWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small schema-driven APER engine for the E2SM-RC types: each ASN.1 type of the service model is
 * described once as a {@link Type} (built from jRIC's own reading of the specification) and read or
 * written as a generic value tree:
 * SEQUENCE -> {@code Map<String,Object>} keyed by the component names (absent OPTIONAL components are
 * missing), CHOICE -> {@link Alt}, INTEGER -> Long, ENUMERATED -> the value's name, BOOLEAN -> Boolean,
 * NULL -> {@link #NULL}, BIT STRING -> {@link BitStr}, OCTET STRING -> ByteString, character strings ->
 * String, REAL -> Double, SEQUENCE OF -> List.
 *
 * <p>Unknown extension additions of a SEQUENCE are kept (key {@link #UNKNOWN_EXT}, the open-type
 * contents) and unknown CHOICE extension alternatives become {@code Alt("@ext<k>", ByteString)}, so a
 * value decoded from bytes re-encodes to the same bytes. Reads are bounded: nesting deeper than
 * {@link #MAX_DEPTH} types is refused, counts and lengths are checked against the bits left by
 * {@link AperReader}; every problem is an {@link AperException} with the bit position.
 */
final class Asn {
    private Asn() {
    }

    static final int MAX_DEPTH = 240;
    static final String NULL = "NULL";
    static final String UNKNOWN_EXT = "@unknownExtensions";

    /** A CHOICE value: the alternative's name and its value. */
    record Alt(String name, Object value) {
    }

    /** A BIT STRING: length bits, most significant bit of the first octet first, unused bits zero. */
    record BitStr(ByteString bits, int length) {
        BitStr {
            if (length < 0 || bits.size() != (length + 7) / 8) {
                throw new IllegalArgumentException("BIT STRING of " + length + " bits in " + bits.size() + " octets");
            }
            if (length % 8 != 0 && (bits.byteAt(bits.size() - 1) & (0xff >>> (length % 8))) != 0) {
                byte[] b = bits.toByteArray();
                b[b.length - 1] &= (byte) (0xff << (8 - length % 8));
                bits = ByteString.copyFrom(b);
            }
        }

        static BitStr ofLong(long v, int length) {
            byte[] b = new byte[(length + 7) / 8];
            for (int i = 0; i < length; i++) {
                if (((v >>> (length - 1 - i)) & 1) != 0) {
                    b[i >>> 3] |= (byte) (0x80 >>> (i & 7));
                }
            }
            return new BitStr(ByteString.copyFrom(b), length);
        }

        long asLong() {
            if (length > 64) {
                throw new IllegalStateException("BIT STRING of " + length + " bits as a long");
            }
            long v = 0;
            for (int i = 0; i < length; i++) {
                v = (v << 1) | ((bits.byteAt(i >>> 3) >>> (7 - (i & 7))) & 1);
            }
            return v;
        }
    }

    /** One ASN.1 type. */
    abstract static class Type {
        final String name;

        Type(String name) {
            this.name = name;
        }

        abstract Object read(AperReader r, int depth);

        abstract void write(AperWriter w, Object v, String path);

        final AperException bad(AperWriter w, String path, String reason) {
            return new AperException(w.bitPosition(), path + " (" + name + "): " + reason);
        }

        @SuppressWarnings("unchecked")
        final <T> T as(AperWriter w, Object v, Class<T> c, String path) {
            if (!c.isInstance(v)) {
                throw bad(w, path, "expected " + c.getSimpleName() + ", got " + (v == null ? "nothing" : v.getClass().getSimpleName()));
            }
            return (T) v;
        }
    }

    // ----------------------------------------------------------------------------------------------
    // simple types
    // ----------------------------------------------------------------------------------------------

    /** INTEGER (lb..ub[, ...]); lb null: unconstrained; ub null: semi-constrained. */
    static Type integer(String name, Long lb, Long ub, boolean ext) {
        return new Type(name) {
            @Override
            Object read(AperReader r, int depth) {
                if (lb == null || ub == null) {
                    long start = r.bitPosition();
                    BigInteger v = lb == null ? r.readUnconstrainedInteger() : r.readSemiConstrainedInteger(BigInteger.valueOf(lb));
                    if (v.bitLength() > 63) {
                        throw new AperException(start, name + ": INTEGER value does not fit 64 bits");
                    }
                    return v.longValue();
                }
                return r.readInteger(lb, ub, ext);
            }

            @Override
            void write(AperWriter w, Object v, String path) {
                long x = as(w, v, Long.class, path);
                if (lb == null) {
                    w.writeUnconstrainedInteger(BigInteger.valueOf(x));
                } else if (ub == null) {
                    w.writeSemiConstrainedInteger(BigInteger.valueOf(x), BigInteger.valueOf(lb));
                } else {
                    if (!ext && (x < lb || x > ub)) {
                        throw bad(w, path, "value " + x + " outside " + lb + ".." + ub);
                    }
                    w.writeInteger(x, lb, ub, ext);
                }
            }
        };
    }

    static Type unconstrainedInteger(String name) {
        return integer(name, null, null, false);
    }

    static final Type BOOLEAN = new Type("BOOLEAN") {
        @Override
        Object read(AperReader r, int depth) {
            return r.readBoolean();
        }

        @Override
        void write(AperWriter w, Object v, String path) {
            w.writeBoolean(as(w, v, Boolean.class, path));
        }
    };

    static final Type NULL_TYPE = new Type("NULL") {
        @Override
        Object read(AperReader r, int depth) {
            return NULL;
        }

        @Override
        void write(AperWriter w, Object v, String path) {
            if (!NULL.equals(v)) {
                throw bad(w, path, "expected NULL");
            }
        }
    };

    /** ENUMERATED with the root names and, when extensible, the known extension additions. */
    static Type enumerated(String name, boolean ext, String[] root, String... additions) {
        return new Type(name) {
            @Override
            Object read(AperReader r, int depth) {
                int i = r.readEnumerated(root.length, ext);
                if (i < root.length) {
                    return root[i];
                }
                int k = i - root.length;
                return k < additions.length ? additions[k] : "@ext" + k;
            }

            @Override
            void write(AperWriter w, Object v, String path) {
                String s = as(w, v, String.class, path);
                int i = Arrays.asList(root).indexOf(s);
                if (i < 0 && ext) {
                    int k = Arrays.asList(additions).indexOf(s);
                    if (k < 0 && s.startsWith("@ext")) {
                        k = parseExtIndex(w, s, path);
                    }
                    if (k >= 0) {
                        i = root.length + k;
                    }
                }
                if (i < 0) {
                    throw bad(w, path, "no value named " + s);
                }
                w.writeEnumerated(i, root.length, ext);
            }
        };
    }

    private static int parseExtIndex(AperWriter w, String s, String path) {
        try {
            return Integer.parseInt(s.substring(4));
        } catch (NumberFormatException e) {
            throw new AperException(w.bitPosition(), path + ": bad extension name " + s);
        }
    }

    /** BIT STRING (SIZE(lb..ub[, ...])); ub -1: no upper bound. */
    static Type bitString(String name, long lb, long ub, boolean ext) {
        return new Type(name) {
            @Override
            Object read(AperReader r, int depth) {
                AperReader.Bits b = r.readBitString(lb, ub, ext);
                return new BitStr(ByteString.copyFrom(b.bits()), b.length());
            }

            @Override
            void write(AperWriter w, Object v, String path) {
                BitStr b = as(w, v, BitStr.class, path);
                w.writeBitString(b.bits().toByteArray(), b.length(), lb, ub, ext);
            }
        };
    }

    /** OCTET STRING (SIZE(lb..ub[, ...])); ub -1: no upper bound. */
    static Type octetString(String name, long lb, long ub, boolean ext) {
        return new Type(name) {
            @Override
            Object read(AperReader r, int depth) {
                return ByteString.copyFrom(r.readOctetString(lb, ub, ext));
            }

            @Override
            void write(AperWriter w, Object v, String path) {
                w.writeOctetString(as(w, v, ByteString.class, path).toByteArray(), lb, ub, ext);
            }
        };
    }

    /** PrintableString (SIZE(lb..ub[, ...])); ub -1: no upper bound. */
    static Type printable(String name, long lb, long ub, boolean ext) {
        return new Type(name) {
            @Override
            Object read(AperReader r, int depth) {
                return r.readPrintableString(lb, ub, ext);
            }

            @Override
            void write(AperWriter w, Object v, String path) {
                w.writePrintableString(as(w, v, String.class, path), lb, ub, ext);
            }
        };
    }

    /** REAL: an unconstrained length and the X.690 contents octets ({@link Real}). */
    static final Type REAL = new Type("REAL") {
        @Override
        Object read(AperReader r, int depth) {
            long start = r.bitPosition();
            byte[] contents = r.readFragmentedOctets();
            try {
                return Real.decode(contents);
            } catch (IllegalArgumentException e) {
                throw new AperException(start, "REAL: " + e.getMessage());
            }
        }

        @Override
        void write(AperWriter w, Object v, String path) {
            w.writeFragmentedOctets(Real.encode(as(w, v, Double.class, path)));
        }
    };

    // ----------------------------------------------------------------------------------------------
    // constructed types
    // ----------------------------------------------------------------------------------------------

    static void checkDepth(AperReader r, int depth) {
        if (depth > MAX_DEPTH) {
            throw new AperException(r.bitPosition(), "nesting deeper than " + MAX_DEPTH + " types");
        }
    }

    /** A component of a SEQUENCE. */
    record Field(String name, Supplier<Type> type, boolean optional) {
    }

    static Field f(String name, Type t) {
        return new Field(name, () -> t, false);
    }

    static Field opt(String name, Type t) {
        return new Field(name, () -> t, true);
    }

    /** A component whose type is defined later (recursive types). */
    static Field fLazy(String name, Supplier<Type> t, boolean optional) {
        return new Field(name, t, optional);
    }

    /** SEQUENCE { root components [, ... [, extension additions (each OPTIONAL)]] }. */
    static final class Seq extends Type {
        final Field[] root;
        final boolean ext;
        final Field[] additions;

        Seq(String name, boolean ext, Field[] root, Field... additions) {
            super(name);
            this.root = root;
            this.ext = ext;
            this.additions = additions;
        }

        @Override
        Object read(AperReader r, int depth) {
            checkDepth(r, depth);
            int nopt = 0;
            for (Field f : root) {
                if (f.optional) nopt++;
            }
            boolean[] present = new boolean[nopt];
            boolean extPresent = r.readSequencePreamble(ext, present);
            Map<String, Object> m = new LinkedHashMap<>();
            int k = 0;
            for (Field f : root) {
                if (f.optional && !present[k++]) {
                    continue;
                }
                m.put(f.name, f.type.get().read(r, depth + 1));
            }
            if (extPresent) {
                long start = r.bitPosition();
                long n = r.readNormallySmall() + 1;
                if (n > r.remainingBits()) {
                    throw new AperException(start, name + ": extension bitmap of " + n + " bits, more than left");
                }
                boolean[] p = new boolean[(int) n];
                for (int i = 0; i < n; i++) {
                    p[i] = r.readBit();
                }
                List<ByteString> unknown = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (i < additions.length) {
                        if (p[i]) {
                            AperReader sub = r.openTypeReader();
                            m.put(additions[i].name, additions[i].type.get().read(sub, depth + 1));
                        }
                    } else {
                        unknown.add(p[i] ? ByteString.copyFrom(r.readOpenType()) : null);
                    }
                }
                if (!unknown.isEmpty()) {
                    m.put(UNKNOWN_EXT, unknown);
                }
            }
            return m;
        }

        @Override
        void write(AperWriter w, Object v, String path) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = as(w, v, Map.class, path);
            List<?> unknown = (List<?>) m.get(UNKNOWN_EXT);
            int lastAddition = -1;
            for (int i = 0; i < additions.length; i++) {
                if (m.get(additions[i].name) != null) lastAddition = i;
            }
            // X.691 19.7: the bitmap has one bit for every extension addition of the type (the encoder's version)
            int nAdd = unknown != null ? additions.length + unknown.size() : lastAddition >= 0 ? additions.length : 0;
            if (nAdd > 0 && !ext) {
                throw bad(w, path, "extension additions in a non-extensible SEQUENCE");
            }
            List<Boolean> present = new ArrayList<>();
            for (Field f : root) {
                if (f.optional) {
                    present.add(m.get(f.name) != null);
                } else if (m.get(f.name) == null) {
                    throw bad(w, path, "mandatory component " + f.name + " is missing");
                }
            }
            boolean[] p = new boolean[present.size()];
            for (int i = 0; i < p.length; i++) p[i] = present.get(i);
            w.writeSequencePreamble(ext, nAdd > 0, p);
            for (Field f : root) {
                Object x = m.get(f.name);
                if (x != null) {
                    f.type.get().write(w, x, path + "." + f.name);
                }
            }
            if (nAdd > 0) {
                w.writeNormallySmall(nAdd - 1);
                for (int i = 0; i < nAdd; i++) {
                    w.writeBit(i < additions.length ? m.get(additions[i].name) != null : unknown.get(i - additions.length) != null);
                }
                for (int i = 0; i < nAdd; i++) {
                    if (i < additions.length) {
                        Object x = m.get(additions[i].name);
                        if (x != null) {
                            AperWriter sub = new AperWriter();
                            additions[i].type.get().write(sub, x, path + "." + additions[i].name);
                            w.writeOpenType(complete(sub));
                        }
                    } else if (unknown.get(i - additions.length) != null) {
                        w.writeOpenType(((ByteString) unknown.get(i - additions.length)).toByteArray());
                    }
                }
            }
            for (String key : m.keySet()) {
                if (!key.equals(UNKNOWN_EXT) && !has(key)) {
                    throw bad(w, path, "no component named " + key);
                }
            }
        }

        private boolean has(String key) {
            for (Field f : root) if (f.name.equals(key)) return true;
            for (Field f : additions) if (f.name.equals(key)) return true;
            return false;
        }
    }

    /** The complete encoding of a value (X.691 10.1.3: at least one octet). */
    static byte[] complete(AperWriter w) {
        byte[] b = w.toByteArray();
        return b.length == 0 ? new byte[1] : b;
    }

    static Seq seq(String name, boolean ext, Field... root) {
        return new Seq(name, ext, root);
    }

    static Seq seqExt(String name, Field[] root, Field... additions) {
        return new Seq(name, true, root, additions);
    }

    /** CHOICE { root alternatives [, ... [, extension alternatives]] }. */
    static final class Choice extends Type {
        final Field[] root;
        final boolean ext;
        final Field[] additions;

        Choice(String name, boolean ext, Field[] root, Field... additions) {
            super(name);
            this.root = root;
            this.ext = ext;
            this.additions = additions;
        }

        @Override
        Object read(AperReader r, int depth) {
            checkDepth(r, depth);
            int i = r.readChoiceIndex(root.length, ext);
            if (i < root.length) {
                return new Alt(root[i].name, root[i].type.get().read(r, depth + 1));
            }
            int k = i - root.length;
            if (k < additions.length) {
                AperReader sub = r.openTypeReader();
                return new Alt(additions[k].name, additions[k].type.get().read(sub, depth + 1));
            }
            return new Alt("@ext" + k, ByteString.copyFrom(r.readOpenType()));
        }

        @Override
        void write(AperWriter w, Object v, String path) {
            Alt a = as(w, v, Alt.class, path);
            for (int i = 0; i < root.length; i++) {
                if (root[i].name.equals(a.name)) {
                    w.writeChoiceIndex(i, root.length, ext);
                    root[i].type.get().write(w, a.value, path + "." + a.name);
                    return;
                }
            }
            if (ext) {
                for (int k = 0; k < additions.length; k++) {
                    if (additions[k].name.equals(a.name)) {
                        AperWriter sub = new AperWriter();
                        additions[k].type.get().write(sub, a.value, path + "." + a.name);
                        w.writeChoiceExtension(k, complete(sub));
                        return;
                    }
                }
                if (a.name.startsWith("@ext") && a.value instanceof ByteString raw) {
                    w.writeChoiceExtension(parseExtIndex(w, a.name, path), raw.toByteArray());
                    return;
                }
            }
            throw bad(w, path, "no alternative named " + a.name);
        }
    }

    static Choice choice(String name, boolean ext, Field... root) {
        return new Choice(name, ext, root);
    }

    static Choice choiceExt(String name, Field[] root, Field... additions) {
        return new Choice(name, true, root, additions);
    }

    /** SEQUENCE (SIZE(lb..ub[, ...])) OF element; ub -1: no upper bound. */
    static Type seqOf(String name, long lb, long ub, boolean ext, Supplier<Type> element) {
        return new Type(name) {
            @Override
            Object read(AperReader r, int depth) {
                checkDepth(r, depth);
                long n = r.readCount(lb, ub, ext);
                List<Object> l = new ArrayList<>((int) Math.min(n, 1024));
                Type t = element.get();
                for (long i = 0; i < n; i++) {
                    l.add(t.read(r, depth + 1));
                }
                return l;
            }

            @Override
            void write(AperWriter w, Object v, String path) {
                List<?> l = as(w, v, List.class, path);
                w.writeCount(l.size(), lb, ub, ext);
                Type t = element.get();
                for (int i = 0; i < l.size(); i++) {
                    t.write(w, l.get(i), path + "[" + i + "]");
                }
            }
        };
    }

    static Field[] fields(Field... f) {
        return f;
    }

    /** Decodes one complete value of type t from bytes (trailing octets are refused). */
    static Object decode(Type t, byte[] bytes) {
        AperReader r = new AperReader(bytes);
        Object v = t.read(r, 0);
        r.expectEnd(t.name);
        return v;
    }

    static byte[] encode(Type t, Object v) {
        AperWriter w = new AperWriter();
        t.write(w, v, t.name);
        return complete(w);
    }
}
