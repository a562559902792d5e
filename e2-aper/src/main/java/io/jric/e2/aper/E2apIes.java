package io.jric.e2.aper;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CriticalityDiagnostics;
import io.jric.proto.e2.v1.CriticalityDiagnosticsIeItem;
import io.jric.proto.e2.v1.E2NodeComponentConfigAckItem;
import io.jric.proto.e2.v1.E2NodeComponentConfigItem;
import io.jric.proto.e2.v1.E2NodeComponentIdItem;
import io.jric.proto.e2.v1.GlobalE2NodeEnGnbId;
import io.jric.proto.e2.v1.GlobalE2NodeEnbId;
import io.jric.proto.e2.v1.GlobalE2NodeGnbId;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.GlobalE2NodeNgEnbId;
import io.jric.proto.e2.v1.GlobalEnGnbId;
import io.jric.proto.e2.v1.GlobalEnbId;
import io.jric.proto.e2.v1.GlobalGnbId;
import io.jric.proto.e2.v1.GlobalNgEnbId;
import io.jric.proto.e2.v1.GlobalRicId;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2.v1.RanFunctionIdCauseItem;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubsequentAction;

/**
 * Encoders and decoders of the E2AP v03.01 information elements (the types of E2AP-IEs and the item
 * types of E2AP-PDU-Contents), mapped to and from the protobuf model. Each pair follows the order of
 * the components in the ASN.1 definition: preamble (extension bit, OPTIONAL bitmap), root components,
 * extension additions.
 */
final class E2apIes {
    private E2apIes() {
    }

    static final long MAX_36 = 68719476735L;

    // ------------------------------------------------------------------------------------------
    // Small shared types
    // ------------------------------------------------------------------------------------------

    static void writePlmn(AperWriter w, PlmnIdentity p) {
        w.writeOctetString(p.getValue().toByteArray(), 3, 3, false);
    }

    static PlmnIdentity readPlmn(AperReader r) {
        return PlmnIdentity.newBuilder().setValue(ByteString.copyFrom(r.readOctetString(3, 3, false))).build();
    }

    static byte[] bitsOf(BitString b) {
        int n = b.getLength();
        if (n > 64) {
            throw new AperException(-1, "BitString of " + n + " bits does not fit the protobuf model's 64-bit value");
        }
        if (n < 64 && (b.getValue() >>> n) != 0) {
            throw new AperException(-1, "BitString value " + b.getValue() + " has bits above its length " + n);
        }
        byte[] out = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (((b.getValue() >>> (n - 1 - i)) & 1) != 0) {
                out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
        }
        return out;
    }

    static void writeBits(AperWriter w, BitString b, int lb, int ub, boolean ext) {
        w.writeBitString(bitsOf(b), b.getLength(), lb, ub, ext);
    }

    static BitString readBits(AperReader r, int lb, int ub, boolean ext) {
        AperReader.Bits b = r.readBitString(lb, ub, ext);
        if (b.length() > 64) {
            throw r.error("BIT STRING of " + b.length() + " bits does not fit the protobuf model");
        }
        return BitString.newBuilder().setValue(b.asLong()).setLength(b.length()).build();
    }

    static void writeRicRequestId(AperWriter w, RicRequestId id) {
        w.writeSequencePreamble(true, false);
        w.writeConstrainedWholeNumber(id.getRicRequestorId(), 0, 65535);
        w.writeConstrainedWholeNumber(id.getRicInstanceId(), 0, 65535);
    }

    static RicRequestId readRicRequestId(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        RicRequestId id = RicRequestId.newBuilder()
                .setRicRequestorId((int) r.readConstrainedWholeNumber(0, 65535))
                .setRicInstanceId((int) r.readConstrainedWholeNumber(0, 65535)).build();
        skipExtensions(r, ext);
        return id;
    }

    static void skipExtensions(AperReader r, boolean ext) {
        if (ext) {
            r.readExtensionAdditions();
        }
    }

    static void writeTransactionId(AperWriter w, int id) {
        w.writeInteger(id, 0, 255, true);
    }

    static int readTransactionId(AperReader r) {
        long start = r.bitPosition();
        long v = r.readInteger(0, 255, true);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new AperException(start, "TransactionID " + v + " outside what the model holds");
        }
        return (int) v;
    }

    static void writeRanFunctionId(AperWriter w, int id) {
        w.writeConstrainedWholeNumber(id, 0, 4095);
    }

    static int readRanFunctionId(AperReader r) {
        return (int) r.readConstrainedWholeNumber(0, 4095);
    }

    /** Writes a proto enum value: a root index, or root count + extension index (the model's convention for extension values). */
    static void writeEnum(AperWriter w, int value, int rootCount, String name) {
        if (value < 0) {
            throw new AperException(w.bitPosition(), name + " value " + value + " is not an E2AP value");
        }
        w.writeEnumerated(value, rootCount, true);
    }

    // ------------------------------------------------------------------------------------------
    // Cause
    // ------------------------------------------------------------------------------------------

    private static final int[] CAUSE_ROOTS = {14, 3, 1, 2, 7, 4};

    static void writeCause(AperWriter w, Cause c) {
        int alt;
        int v;
        switch (c.getCauseCase()) {
            case RIC_REQUEST -> { alt = 0; v = c.getRicRequestValue(); }
            case RIC_SERVICE -> { alt = 1; v = c.getRicServiceValue(); }
            case E2_NODE -> { alt = 2; v = c.getE2NodeValue(); }
            case TRANSPORT -> { alt = 3; v = c.getTransportValue(); }
            case PROTOCOL -> { alt = 4; v = c.getProtocolValue(); }
            case MISC -> { alt = 5; v = c.getMiscValue(); }
            default -> throw new AperException(w.bitPosition(), "Cause has no cause group set");
        }
        w.writeChoiceIndex(alt, 6, true);
        writeEnum(w, v, CAUSE_ROOTS[alt], "Cause");
    }

    static Cause readCause(AperReader r) {
        int alt = r.readChoiceIndex(6, true);
        if (alt >= 6) {
            throw r.error("Cause extension alternative " + (alt - 6) + " is not in E2AP v03.01");
        }
        int v = r.readEnumerated(CAUSE_ROOTS[alt], true);
        Cause.Builder b = Cause.newBuilder();
        switch (alt) {
            case 0 -> b.setRicRequestValue(v);
            case 1 -> b.setRicServiceValue(v);
            case 2 -> b.setE2NodeValue(v);
            case 3 -> b.setTransportValue(v);
            case 4 -> b.setProtocolValue(v);
            default -> b.setMiscValue(v);
        }
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // CriticalityDiagnostics
    // ------------------------------------------------------------------------------------------

    static void writeCriticalityDiagnostics(AperWriter w, CriticalityDiagnostics d) {
        boolean items = d.getIesCriticalityDiagnosticsCount() > 0;
        w.writeSequencePreamble(true, false, d.hasProcedureCode(), d.hasTriggeringMessage(),
                d.hasProcedureCriticality(), d.hasRicRequestorId(), items);
        if (d.hasProcedureCode()) {
            w.writeConstrainedWholeNumber(d.getProcedureCodeValue(), 0, 255);
        }
        if (d.hasTriggeringMessage()) {
            w.writeEnumerated(d.getTriggeringMessageValue(), 3, false);
        }
        if (d.hasProcedureCriticality()) {
            w.writeEnumerated(d.getProcedureCriticalityValue(), 3, false);
        }
        if (d.hasRicRequestorId()) {
            writeRicRequestId(w, d.getRicRequestorId());
        }
        if (items) {
            w.writeCount(d.getIesCriticalityDiagnosticsCount(), 1, 256, false);
            for (CriticalityDiagnosticsIeItem it : d.getIesCriticalityDiagnosticsList()) {
                w.writeSequencePreamble(true, false);
                w.writeEnumerated(it.getIeCriticalityValue(), 3, false);
                w.writeConstrainedWholeNumber(it.getIeId(), 0, 65535);
                writeEnum(w, it.getTypeOfErrorValue(), 2, "TypeOfError");
            }
        }
    }

    static CriticalityDiagnostics readCriticalityDiagnostics(AperReader r) {
        boolean[] p = new boolean[5];
        boolean ext = r.readSequencePreamble(true, p);
        CriticalityDiagnostics.Builder b = CriticalityDiagnostics.newBuilder();
        if (p[0]) {
            b.setProcedureCodeValue((int) r.readConstrainedWholeNumber(0, 255));
        }
        if (p[1]) {
            b.setTriggeringMessageValue(r.readEnumerated(3, false));
        }
        if (p[2]) {
            b.setProcedureCriticalityValue(r.readEnumerated(3, false));
        }
        if (p[3]) {
            b.setRicRequestorId(readRicRequestId(r));
        }
        if (p[4]) {
            long n = r.readCount(1, 256, false);
            for (long i = 0; i < n; i++) {
                boolean e = r.readSequencePreamble(true, new boolean[0]);
                b.addIesCriticalityDiagnostics(CriticalityDiagnosticsIeItem.newBuilder()
                        .setIeCriticalityValue(r.readEnumerated(3, false))
                        .setIeId((int) r.readConstrainedWholeNumber(0, 65535))
                        .setTypeOfErrorValue(r.readEnumerated(2, true)));
                skipExtensions(r, e);
            }
        }
        skipExtensions(r, ext);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // Node identities
    // ------------------------------------------------------------------------------------------

    static void writeGlobalGnbId(AperWriter w, GlobalGnbId g) {
        w.writeSequencePreamble(true, false);
        writePlmn(w, g.getPlmnIdentity());
        w.writeChoiceIndex(0, 1, true);
        writeBits(w, g.getGnbId(), 22, 32, false);
    }

    static GlobalGnbId readGlobalGnbId(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        PlmnIdentity plmn = readPlmn(r);
        int alt = r.readChoiceIndex(1, true);
        if (alt != 0) {
            throw r.error("GNB-ID-Choice extension alternative is not in E2AP v03.01");
        }
        BitString id = readBits(r, 22, 32, false);
        skipExtensions(r, ext);
        return GlobalGnbId.newBuilder().setPlmnIdentity(plmn).setGnbId(id).build();
    }

    static void writeGlobalEnGnbId(AperWriter w, GlobalEnGnbId g) {
        w.writeSequencePreamble(true, false);
        writePlmn(w, g.getPlmnIdentity());
        w.writeChoiceIndex(0, 1, true);
        writeBits(w, g.getGnbId(), 22, 32, false);
    }

    static GlobalEnGnbId readGlobalEnGnbId(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        PlmnIdentity plmn = readPlmn(r);
        int alt = r.readChoiceIndex(1, true);
        if (alt != 0) {
            throw r.error("ENGNB-ID extension alternative is not in E2AP v03.01");
        }
        BitString id = readBits(r, 22, 32, false);
        skipExtensions(r, ext);
        return GlobalEnGnbId.newBuilder().setPlmnIdentity(plmn).setGnbId(id).build();
    }

    /** GlobalngeNB-ID: the eNB id's bit length (20, 18, 21) selects the ENB-ID-Choice alternative. */
    static void writeGlobalNgEnbId(AperWriter w, GlobalNgEnbId g) {
        w.writeSequencePreamble(true, false);
        writePlmn(w, g.getPlmnIdentity());
        int len = g.getEnbId().getLength();
        int alt = switch (len) {
            case 20 -> 0;
            case 18 -> 1;
            case 21 -> 2;
            default -> throw new AperException(w.bitPosition(), "ng-eNB id of " + len + " bits: E2AP has 20 (macro), 18 (short macro) or 21 (long macro)");
        };
        w.writeChoiceIndex(alt, 3, true);
        writeBits(w, g.getEnbId(), len, len, false);
    }

    static GlobalNgEnbId readGlobalNgEnbId(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        PlmnIdentity plmn = readPlmn(r);
        int alt = r.readChoiceIndex(3, true);
        int len = switch (alt) {
            case 0 -> 20;
            case 1 -> 18;
            case 2 -> 21;
            default -> throw r.error("ENB-ID-Choice extension alternative is not in E2AP v03.01");
        };
        BitString id = readBits(r, len, len, false);
        skipExtensions(r, ext);
        return GlobalNgEnbId.newBuilder().setPlmnIdentity(plmn).setEnbId(id).build();
    }

    /** GlobalENB-ID: 20 bits macro, 28 home (root); 18 short macro, 21 long macro (extension alternatives). */
    static void writeGlobalEnbId(AperWriter w, GlobalEnbId g) {
        w.writeSequencePreamble(true, false);
        writePlmn(w, g.getPlmnIdentity());
        int len = g.getEnbId().getLength();
        switch (len) {
            case 20 -> { w.writeChoiceIndex(0, 2, true); writeBits(w, g.getEnbId(), 20, 20, false); }
            case 28 -> { w.writeChoiceIndex(1, 2, true); writeBits(w, g.getEnbId(), 28, 28, false); }
            case 18, 21 -> {
                AperWriter inner = new AperWriter();
                writeBits(inner, g.getEnbId(), len, len, false);
                w.writeChoiceExtension(len == 18 ? 0 : 1, inner.toByteArray());
            }
            default -> throw new AperException(w.bitPosition(), "eNB id of " + len + " bits: E2AP has 20, 28, 18 or 21");
        }
    }

    static GlobalEnbId readGlobalEnbId(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        PlmnIdentity plmn = readPlmn(r);
        int alt = r.readChoiceIndex(2, true);
        BitString id;
        if (alt < 2) {
            int len = alt == 0 ? 20 : 28;
            id = readBits(r, len, len, false);
        } else if (alt == 2 || alt == 3) {
            int len = alt == 2 ? 18 : 21;
            AperReader inner = r.openTypeReader();
            id = readBits(inner, len, len, false);
            inner.expectEnd("ENB-ID extension alternative");
        } else {
            throw r.error("ENB-ID extension alternative " + (alt - 2) + " is not in E2AP v03.01");
        }
        skipExtensions(r, ext);
        return GlobalEnbId.newBuilder().setPlmnIdentity(plmn).setEnbId(id).build();
    }

    static void writeGlobalE2NodeId(AperWriter w, GlobalE2NodeId id) {
        switch (id.getNodeCase()) {
            case GNB -> {
                GlobalE2NodeGnbId g = id.getGnb();
                w.writeChoiceIndex(0, 4, true);
                w.writeSequencePreamble(true, false, false, g.hasGnbCuUpId(), g.hasGnbDuId());
                writeGlobalGnbId(w, g.getGlobalGnbId());
                if (g.hasGnbCuUpId()) {
                    w.writeConstrainedWholeNumber(g.getGnbCuUpId(), 0, MAX_36);
                }
                if (g.hasGnbDuId()) {
                    w.writeConstrainedWholeNumber(g.getGnbDuId(), 0, MAX_36);
                }
            }
            case EN_GNB -> {
                GlobalE2NodeEnGnbId g = id.getEnGnb();
                w.writeChoiceIndex(1, 4, true);
                w.writeSequencePreamble(true, false, g.hasEnGnbCuUpId(), g.hasEnGnbDuId());
                writeGlobalEnGnbId(w, g.getGlobalEnGnbId());
                if (g.hasEnGnbCuUpId()) {
                    w.writeConstrainedWholeNumber(g.getEnGnbCuUpId(), 0, MAX_36);
                }
                if (g.hasEnGnbDuId()) {
                    w.writeConstrainedWholeNumber(g.getEnGnbDuId(), 0, MAX_36);
                }
            }
            case NG_ENB -> {
                GlobalE2NodeNgEnbId g = id.getNgEnb();
                w.writeChoiceIndex(2, 4, true);
                w.writeSequencePreamble(true, false, false, g.hasNgEnbDuId());
                writeGlobalNgEnbId(w, g.getGlobalNgEnbId());
                if (g.hasNgEnbDuId()) {
                    w.writeConstrainedWholeNumber(g.getNgEnbDuId(), 0, MAX_36);
                }
            }
            case ENB -> {
                w.writeChoiceIndex(3, 4, true);
                w.writeSequencePreamble(true, false);
                writeGlobalEnbId(w, id.getEnb().getGlobalEnbId());
            }
            default -> throw new AperException(w.bitPosition(), "GlobalE2node-ID has no node type set");
        }
    }

    /**
     * GlobalE2node-ID. The optional global-en-gNB-ID of a gNB and global-eNB-ID of an ng-eNB have no field
     * in the protobuf model: when present they are reported through dropped (see MAPPING.md).
     */
    static GlobalE2NodeId readGlobalE2NodeId(AperReader r, Dropped dropped) {
        int alt = r.readChoiceIndex(4, true);
        GlobalE2NodeId.Builder b = GlobalE2NodeId.newBuilder();
        switch (alt) {
            case 0 -> {
                boolean[] p = new boolean[3];
                boolean ext = r.readSequencePreamble(true, p);
                GlobalE2NodeGnbId.Builder g = GlobalE2NodeGnbId.newBuilder().setGlobalGnbId(readGlobalGnbId(r));
                if (p[0]) {
                    readGlobalEnGnbId(r);
                    dropped.note("GlobalE2node-gNB-ID.global-en-gNB-ID");
                }
                if (p[1]) {
                    g.setGnbCuUpId(r.readConstrainedWholeNumber(0, MAX_36));
                }
                if (p[2]) {
                    g.setGnbDuId(r.readConstrainedWholeNumber(0, MAX_36));
                }
                skipExtensions(r, ext);
                b.setGnb(g);
            }
            case 1 -> {
                boolean[] p = new boolean[2];
                boolean ext = r.readSequencePreamble(true, p);
                GlobalE2NodeEnGnbId.Builder g = GlobalE2NodeEnGnbId.newBuilder().setGlobalEnGnbId(readGlobalEnGnbId(r));
                if (p[0]) {
                    g.setEnGnbCuUpId(r.readConstrainedWholeNumber(0, MAX_36));
                }
                if (p[1]) {
                    g.setEnGnbDuId(r.readConstrainedWholeNumber(0, MAX_36));
                }
                skipExtensions(r, ext);
                b.setEnGnb(g);
            }
            case 2 -> {
                boolean[] p = new boolean[2];
                boolean ext = r.readSequencePreamble(true, p);
                GlobalE2NodeNgEnbId.Builder g = GlobalE2NodeNgEnbId.newBuilder().setGlobalNgEnbId(readGlobalNgEnbId(r));
                if (p[0]) {
                    readGlobalEnbId(r);
                    dropped.note("GlobalE2node-ng-eNB-ID.global-eNB-ID");
                }
                if (p[1]) {
                    g.setNgEnbDuId(r.readConstrainedWholeNumber(0, MAX_36));
                }
                skipExtensions(r, ext);
                b.setNgEnb(g);
            }
            case 3 -> {
                boolean ext = r.readSequencePreamble(true, new boolean[0]);
                b.setEnb(GlobalE2NodeEnbId.newBuilder().setGlobalEnbId(readGlobalEnbId(r)));
                skipExtensions(r, ext);
            }
            default -> throw r.error("GlobalE2node-ID extension alternative " + (alt - 4) + " is not in E2AP v03.01");
        }
        return b.build();
    }

    static void writeGlobalRicId(AperWriter w, GlobalRicId g) {
        w.writeSequencePreamble(true, false);
        writePlmn(w, g.getPlmnIdentity());
        writeBits(w, g.getRicId(), 20, 20, false);
    }

    static GlobalRicId readGlobalRicId(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        GlobalRicId g = GlobalRicId.newBuilder().setPlmnIdentity(readPlmn(r)).setRicId(readBits(r, 20, 20, false)).build();
        skipExtensions(r, ext);
        return g;
    }

    // ------------------------------------------------------------------------------------------
    // RAN functions
    // ------------------------------------------------------------------------------------------

    static void writeRanFunctionItem(AperWriter w, RanFunctionItem f) {
        w.writeSequencePreamble(true, false);
        writeRanFunctionId(w, f.getRanFunctionId());
        w.writeOctetString(f.getRanFunctionDefinition().toByteArray(), 0, -1, false);
        w.writeConstrainedWholeNumber(f.getRanFunctionRevision(), 0, 4095);
        w.writePrintableString(f.getRanFunctionOid(), 1, 1000, true);
    }

    static RanFunctionItem readRanFunctionItem(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        RanFunctionItem f = RanFunctionItem.newBuilder()
                .setRanFunctionId(readRanFunctionId(r))
                .setRanFunctionDefinition(ByteString.copyFrom(r.readOctetString(0, -1, false)))
                .setRanFunctionRevision((int) r.readConstrainedWholeNumber(0, 4095))
                .setRanFunctionOid(r.readPrintableString(1, 1000, true)).build();
        skipExtensions(r, ext);
        return f;
    }

    static void writeRanFunctionIdItem(AperWriter w, RanFunctionIdItem f) {
        w.writeSequencePreamble(true, false);
        writeRanFunctionId(w, f.getRanFunctionId());
        w.writeConstrainedWholeNumber(f.getRanFunctionRevision(), 0, 4095);
    }

    static RanFunctionIdItem readRanFunctionIdItem(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        RanFunctionIdItem f = RanFunctionIdItem.newBuilder().setRanFunctionId(readRanFunctionId(r))
                .setRanFunctionRevision((int) r.readConstrainedWholeNumber(0, 4095)).build();
        skipExtensions(r, ext);
        return f;
    }

    static void writeRanFunctionIdCauseItem(AperWriter w, RanFunctionIdCauseItem f) {
        w.writeSequencePreamble(true, false);
        writeRanFunctionId(w, f.getRanFunctionId());
        writeCause(w, f.getCause());
    }

    static RanFunctionIdCauseItem readRanFunctionIdCauseItem(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        RanFunctionIdCauseItem f = RanFunctionIdCauseItem.newBuilder().setRanFunctionId(readRanFunctionId(r))
                .setCause(readCause(r)).build();
        skipExtensions(r, ext);
        return f;
    }

    // ------------------------------------------------------------------------------------------
    // E2 node components
    // ------------------------------------------------------------------------------------------

    /**
     * E2nodeComponentID: the protobuf model holds it as a string keyed by the interface type: the AMF or
     * MME name for NG and S1, the decimal id for E1, F1 and W1; for Xn the node as
     * {@code gNB/<PLMN hex>/<id>/<bits>} or {@code ng-eNB/<PLMN hex>/<id>/<bits>}; for X2 the optional
     * {@code eNB/...} and {@code en-gNB/...} parts joined by '+' (empty when both are absent).
     */
    static void writeComponentId(AperWriter w, int interfaceType, String id) {
        if (interfaceType < 0 || interfaceType > 6) {
            throw new AperException(w.bitPosition(), "E2nodeComponentInterfaceType " + interfaceType + " has no E2nodeComponentID alternative in E2AP v03.01");
        }
        w.writeChoiceIndex(interfaceType, 7, true);
        switch (interfaceType) {
            case 0, 5 -> {
                w.writeSequencePreamble(true, false);
                w.writePrintableString(id, 1, 150, true);
            }
            case 2, 3, 4 -> {
                w.writeSequencePreamble(true, false);
                long v;
                try {
                    v = Long.parseLong(id);
                } catch (NumberFormatException e) {
                    throw new AperException(w.bitPosition(), "E2nodeComponentID of an E1/F1/W1 interface must be a decimal id, not '" + id + "'");
                }
                w.writeConstrainedWholeNumber(v, 0, MAX_36);
            }
            case 1 -> {
                w.writeSequencePreamble(true, false);
                NodeText n = NodeText.parse(w, id);
                switch (n.kind()) {
                    case "gNB" -> {
                        w.writeChoiceIndex(0, 2, true);
                        writeGlobalGnbId(w, GlobalGnbId.newBuilder().setPlmnIdentity(n.plmn()).setGnbId(n.bits()).build());
                    }
                    case "ng-eNB" -> {
                        w.writeChoiceIndex(1, 2, true);
                        writeGlobalNgEnbId(w, GlobalNgEnbId.newBuilder().setPlmnIdentity(n.plmn()).setEnbId(n.bits()).build());
                    }
                    default -> throw new AperException(w.bitPosition(), "Xn E2nodeComponentID must be gNB/... or ng-eNB/..., not '" + id + "'");
                }
            }
            default -> {
                NodeText enb = null;
                NodeText engnb = null;
                if (!id.isEmpty()) {
                    for (String part : id.split("\\+", -1)) {
                        NodeText n = NodeText.parse(w, part);
                        if (n.kind().equals("eNB") && enb == null && engnb == null) {
                            enb = n;
                        } else if (n.kind().equals("en-gNB") && engnb == null) {
                            engnb = n;
                        } else {
                            throw new AperException(w.bitPosition(), "X2 E2nodeComponentID must be [eNB/...][+en-gNB/...], not '" + id + "'");
                        }
                    }
                }
                w.writeSequencePreamble(true, false, enb != null, engnb != null);
                if (enb != null) {
                    writeGlobalEnbId(w, GlobalEnbId.newBuilder().setPlmnIdentity(enb.plmn()).setEnbId(enb.bits()).build());
                }
                if (engnb != null) {
                    writeGlobalEnGnbId(w, GlobalEnGnbId.newBuilder().setPlmnIdentity(engnb.plmn()).setGnbId(engnb.bits()).build());
                }
            }
        }
    }

    /** The text form of a node identity inside an E2nodeComponentID: kind/PLMN hex/id/bits. */
    record NodeText(String kind, PlmnIdentity plmn, BitString bits) {
        static NodeText parse(AperWriter w, String s) {
            String[] p = s.split("/", -1);
            try {
                if (p.length != 4 || p[1].length() != 6) {
                    throw new IllegalArgumentException();
                }
                byte[] plmn = java.util.HexFormat.of().parseHex(p[1]);
                long id = Long.parseLong(p[2]);
                int bits = Integer.parseInt(p[3]);
                if (bits < 1 || bits > 32 || id < 0 || (id >>> bits) != 0) {
                    throw new IllegalArgumentException();
                }
                return new NodeText(p[0], PlmnIdentity.newBuilder().setValue(ByteString.copyFrom(plmn)).build(),
                        BitString.newBuilder().setValue(id).setLength(bits).build());
            } catch (IllegalArgumentException e) {
                throw new AperException(w.bitPosition(), "node identity in an E2nodeComponentID must be kind/PLMN-hex/id/bits, not '" + s + "'");
            }
        }

        static String format(String kind, PlmnIdentity plmn, BitString bits) {
            return kind + "/" + java.util.HexFormat.of().formatHex(plmn.getValue().toByteArray()) + "/" + bits.getValue() + "/" + bits.getLength();
        }
    }

    static String readComponentId(AperReader r, int interfaceType) {
        long start = r.bitPosition();
        int alt = r.readChoiceIndex(7, true);
        if (alt >= 7) {
            throw new AperException(start, "E2nodeComponentID extension alternative " + (alt - 7) + " is not in E2AP v03.01");
        }
        if (alt != interfaceType) {
            throw new AperException(start, "E2nodeComponentID alternative " + alt + " does not match interface type " + interfaceType);
        }
        String s;
        boolean ext;
        switch (alt) {
            case 0, 5 -> {
                ext = r.readSequencePreamble(true, new boolean[0]);
                s = r.readPrintableString(1, 150, true);
            }
            case 2, 3, 4 -> {
                ext = r.readSequencePreamble(true, new boolean[0]);
                s = Long.toString(r.readConstrainedWholeNumber(0, MAX_36));
            }
            case 1 -> {
                ext = r.readSequencePreamble(true, new boolean[0]);
                int node = r.readChoiceIndex(2, true);
                if (node == 0) {
                    GlobalGnbId g = readGlobalGnbId(r);
                    s = NodeText.format("gNB", g.getPlmnIdentity(), g.getGnbId());
                } else if (node == 1) {
                    GlobalNgEnbId g = readGlobalNgEnbId(r);
                    s = NodeText.format("ng-eNB", g.getPlmnIdentity(), g.getEnbId());
                } else {
                    throw r.error("GlobalNG-RANNode-ID extension alternative " + (node - 2) + " is not in E2AP v03.01");
                }
            }
            default -> {
                boolean[] p = new boolean[2];
                ext = r.readSequencePreamble(true, p);
                StringBuilder b = new StringBuilder();
                if (p[0]) {
                    GlobalEnbId g = readGlobalEnbId(r);
                    b.append(NodeText.format("eNB", g.getPlmnIdentity(), g.getEnbId()));
                }
                if (p[1]) {
                    GlobalEnGnbId g = readGlobalEnGnbId(r);
                    b.append(b.length() > 0 ? "+" : "").append(NodeText.format("en-gNB", g.getPlmnIdentity(), g.getGnbId()));
                }
                s = b.toString();
            }
        }
        skipExtensions(r, ext);
        return s;
    }

    /** E2nodeComponentConfigAddition-Item and E2nodeComponentConfigUpdate-Item (same shape). */
    static void writeComponentConfigItem(AperWriter w, E2NodeComponentConfigItem it) {
        w.writeSequencePreamble(true, false);
        writeEnum(w, it.getInterfaceTypeValue(), 7, "E2nodeComponentInterfaceType");
        writeComponentId(w, it.getInterfaceTypeValue(), it.getComponentId());
        w.writeSequencePreamble(true, false);
        w.writeOctetString(it.getComponentRequestPart().toByteArray(), 0, -1, false);
        w.writeOctetString(it.getComponentResponsePart().toByteArray(), 0, -1, false);
    }

    static E2NodeComponentConfigItem readComponentConfigItem(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        int type = r.readEnumerated(7, true);
        String id = readComponentId(r, type);
        boolean cext = r.readSequencePreamble(true, new boolean[0]);
        E2NodeComponentConfigItem it = E2NodeComponentConfigItem.newBuilder().setInterfaceTypeValue(type).setComponentId(id)
                .setComponentRequestPart(ByteString.copyFrom(r.readOctetString(0, -1, false)))
                .setComponentResponsePart(ByteString.copyFrom(r.readOctetString(0, -1, false))).build();
        skipExtensions(r, cext);
        skipExtensions(r, ext);
        return it;
    }

    static void writeComponentConfigAckItem(AperWriter w, E2NodeComponentConfigAckItem it) {
        w.writeSequencePreamble(true, false);
        writeEnum(w, it.getInterfaceTypeValue(), 7, "E2nodeComponentInterfaceType");
        writeComponentId(w, it.getInterfaceTypeValue(), it.getComponentId());
        w.writeSequencePreamble(true, false, it.hasFailureCause());
        w.writeEnumerated(it.getSuccess() ? 0 : 1, 2, true);
        if (it.hasFailureCause()) {
            writeCause(w, it.getFailureCause());
        }
    }

    static E2NodeComponentConfigAckItem readComponentConfigAckItem(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        int type = r.readEnumerated(7, true);
        E2NodeComponentConfigAckItem.Builder b = E2NodeComponentConfigAckItem.newBuilder().setInterfaceTypeValue(type)
                .setComponentId(readComponentId(r, type));
        boolean[] p = new boolean[1];
        boolean aext = r.readSequencePreamble(true, p);
        long start = r.bitPosition();
        int outcome = r.readEnumerated(2, true);
        if (outcome > 1) {
            throw new AperException(start, "updateOutcome extension value " + (outcome - 2) + " is not in E2AP v03.01");
        }
        b.setSuccess(outcome == 0);
        if (p[0]) {
            b.setFailureCause(readCause(r));
        }
        skipExtensions(r, aext);
        skipExtensions(r, ext);
        return b.build();
    }

    static void writeComponentIdItem(AperWriter w, E2NodeComponentIdItem it) {
        w.writeSequencePreamble(true, false);
        writeEnum(w, it.getInterfaceTypeValue(), 7, "E2nodeComponentInterfaceType");
        writeComponentId(w, it.getInterfaceTypeValue(), it.getComponentId());
    }

    static E2NodeComponentIdItem readComponentIdItem(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        int type = r.readEnumerated(7, true);
        E2NodeComponentIdItem it = E2NodeComponentIdItem.newBuilder().setInterfaceTypeValue(type)
                .setComponentId(readComponentId(r, type)).build();
        skipExtensions(r, ext);
        return it;
    }

    // ------------------------------------------------------------------------------------------
    // Subscriptions
    // ------------------------------------------------------------------------------------------

    static void writeActionToBeSetupItem(AperWriter w, RicActionToBeSetupItem a) {
        w.writeSequencePreamble(true, false, a.hasRicActionDefinition(), a.hasRicSubsequentAction());
        w.writeConstrainedWholeNumber(a.getRicActionId(), 0, 255);
        writeEnum(w, a.getRicActionTypeValue(), 3, "RICactionType");
        if (a.hasRicActionDefinition()) {
            w.writeOctetString(a.getRicActionDefinition().toByteArray(), 0, -1, false);
        }
        if (a.hasRicSubsequentAction()) {
            RicSubsequentAction s = a.getRicSubsequentAction();
            w.writeSequencePreamble(true, false);
            writeEnum(w, s.getRicSubsequentActionTypeValue(), 2, "RICsubsequentActionType");
            writeEnum(w, s.getRicTimeToWaitValue(), 17, "RICtimeToWait");
        }
    }

    static RicActionToBeSetupItem readActionToBeSetupItem(AperReader r, Dropped dropped) {
        boolean[] p = new boolean[2];
        boolean ext = r.readSequencePreamble(true, p);
        RicActionToBeSetupItem.Builder b = RicActionToBeSetupItem.newBuilder()
                .setRicActionId((int) r.readConstrainedWholeNumber(0, 255))
                .setRicActionTypeValue(r.readEnumerated(3, true));
        if (p[0]) {
            b.setRicActionDefinition(ByteString.copyFrom(r.readOctetString(0, -1, false)));
        }
        if (p[1]) {
            boolean sext = r.readSequencePreamble(true, new boolean[0]);
            b.setRicSubsequentAction(RicSubsequentAction.newBuilder()
                    .setRicSubsequentActionTypeValue(r.readEnumerated(2, true))
                    .setRicTimeToWaitValue(r.readEnumerated(17, true)));
            skipExtensions(r, sext);
        }
        if (ext) {
            byte[][] adds = r.readExtensionAdditions();
            if (adds.length > 0 && adds[0] != null) {
                AperReader x = new AperReader(adds[0]);
                x.readInteger(0, 255, true);
                dropped.note("RICaction-ToBeSetup-Item.ricActionExecutionOrder");
            }
        }
        return b.build();
    }

    /** Collects the names of received components that the protobuf model has no field for. */
    interface Dropped {
        void note(String what);

        Dropped NONE = what -> { };
    }
}
