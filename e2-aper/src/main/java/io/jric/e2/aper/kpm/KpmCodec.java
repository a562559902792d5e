package io.jric.e2.aper.kpm;

import io.jric.e2.aper.Real;

import static io.jric.e2.aper.kpm.Kpm.NO_EXT;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.AperReader;
import io.jric.e2.aper.AperWriter;
import io.jric.e2.aper.kpm.Kpm.*;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * E2SM-KPM in aligned PER, written by hand on {@link AperWriter} / {@link AperReader}: v03.00 (v04.00
 * reads as v03.00, its extension additions kept unread in the records' ext) and v02.03 (TimeStamp of
 * 4 octets, IndicationHeader-Format1 with the optional kpmNodeID; the RAN function definition also in
 * the layout with the KPM node list that ONOS / Radisys "v2.0.3" nodes send). Decoding is
 * bounds-checked and ends in {@link AperException} (with the bit position) on bad bytes.
 */
public final class KpmCodec {
    private KpmCodec() {
    }

    public enum Version {
        V02_03("v02.03"), V03_00("v03.00");

        public final String label;

        Version(String label) {
            this.label = label;
        }

        public static Version of(String label) {
            for (Version v : values()) {
                if (v.label.equals(label)) return v;
            }
            return null;
        }
    }

    /** MeasurementLabel root components, in order. Kinds: E1 ENUMERATED{true,...}, E2 {start,end,...}, P plmn, S slice, then integer ranges. */
    public static final String[] LABEL_FIELDS = {"noLabel", "plmnID", "sliceID", "fiveQI", "qFI", "qCI", "qCImax", "qCImin",
        "aRPmax", "aRPmin", "bitrateRange", "layerMU-MIMO", "sUM", "distBinX", "distBinY", "distBinZ", "preLabelOverride",
        "startEndInd", "min", "max", "avg"};
    /** Per label field: {lb, ub, extensible(1/0)}; lb = -1 ENUMERATED with ub root values; -2 plmn; -3 slice. */
    static final long[][] LABEL_KIND = {
        {-1, 1, 1}, {-2, 0, 0}, {-3, 0, 0}, {0, 255, 1}, {0, 63, 1}, {0, 255, 0}, {0, 255, 0}, {0, 255, 0},
        {1, 15, 1}, {1, 15, 1}, {1, 65535, 1}, {1, 65535, 1}, {-1, 1, 1}, {1, 65535, 1}, {1, 65535, 1}, {1, 65535, 1},
        {-1, 1, 1}, {-1, 2, 1}, {-1, 1, 1}, {-1, 1, 1}, {-1, 1, 1}};

    // ======================================================================== public entry points

    public static byte[] encodeDefinition(RanFunctionDescription d) {
        AperWriter w = new AperWriter();
        boolean radisys = d.nodeListLayout();
        boolean[] opt = radisys
                ? new boolean[] {d.kpmNodes() != null, d.eventTriggerStyles() != null, d.reportStyles() != null}
                : new boolean[] {d.eventTriggerStyles() != null, d.reportStyles() != null};
        if (!radisys && d.kpmNodes() != null) {
            throw new AperException(-1, "KPM node list only exists in the v02 node-list layout");
        }
        w.writeSequencePreamble(true, hasExt(d.ext()), opt);
        RanFunctionName n = d.name();
        w.writeSequencePreamble(true, hasExt(n.ext()), n.instance() != null);
        w.writePrintableString(n.shortName(), 1, 150, true);
        w.writePrintableString(n.oid(), 1, 1000, true);
        w.writePrintableString(n.description(), 1, 150, true);
        if (n.instance() != null) {
            writeStyleInt(w, n.instance(), radisys);
        }
        writeExt(w, n.ext());
        if (radisys && d.kpmNodes() != null) {
            w.writeCount(d.kpmNodes().size(), 1, 1024, false);
            for (KpmNode k : d.kpmNodes()) {
                w.writeSequencePreamble(true, false, k.cells() != null);
                writeKpmNodeId(w, k.id());
                if (k.cells() != null) {
                    w.writeCount(k.cells().size(), 1, 16384, false);
                    for (CellObject c : k.cells()) {
                        w.writeSequencePreamble(true, false);
                        w.writePrintableString(c.cellObjectId(), 0, 400, true);
                        writeCgi(w, c.cgi());
                    }
                }
            }
        }
        if (d.eventTriggerStyles() != null) {
            w.writeCount(d.eventTriggerStyles().size(), 1, 63, false);
            for (EventTriggerStyle s : d.eventTriggerStyles()) {
                w.writeSequencePreamble(true, hasExt(s.ext()));
                writeStyleInt(w, s.type(), radisys);
                w.writePrintableString(s.name(), 1, 150, true);
                writeStyleInt(w, s.format(), radisys);
                writeExt(w, s.ext());
            }
        }
        if (d.reportStyles() != null) {
            w.writeCount(d.reportStyles().size(), 1, 63, false);
            for (ReportStyle s : d.reportStyles()) {
                w.writeSequencePreamble(true, hasExt(s.ext()));
                writeStyleInt(w, s.type(), radisys);
                w.writePrintableString(s.name(), 1, 150, true);
                writeStyleInt(w, s.actionFormat(), radisys);
                w.writeCount(s.measInfo().size(), 1, 65535, false);
                for (MeasInfoActionItem m : s.measInfo()) {
                    w.writeSequencePreamble(true, hasExt(m.ext()), m.id() != null);
                    w.writePrintableString(m.name(), 1, 150, true);
                    if (m.id() != null) {
                        w.writeInteger(m.id(), 1, 65536, true);
                    }
                    writeExt(w, m.ext());
                }
                writeStyleInt(w, s.headerFormat(), radisys);
                writeStyleInt(w, s.messageFormat(), radisys);
                writeExt(w, s.ext());
            }
        }
        writeExt(w, d.ext());
        return w.toByteArray();
    }

    public static RanFunctionDescription decodeDefinition(byte[] b, boolean nodeListLayout) {
        AperReader r = new AperReader(b);
        boolean[] opt = new boolean[nodeListLayout ? 3 : 2];
        boolean ext = r.readSequencePreamble(true, opt);
        boolean[] o1 = new boolean[1];
        boolean next = r.readSequencePreamble(true, o1);
        String sn = r.readPrintableString(1, 150, true);
        String oid = r.readPrintableString(1, 1000, true);
        String desc = r.readPrintableString(1, 150, true);
        Long inst = o1[0] ? readStyleInt(r, nodeListLayout) : null;
        RanFunctionName name = new RanFunctionName(sn, oid, desc, inst, readExt(r, next));
        List<KpmNode> nodes = null;
        int i = 0;
        if (nodeListLayout && opt[i++]) {
            int n = count(r, 1, 1024);
            nodes = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                boolean[] oc = new boolean[1];
                boolean e = r.readSequencePreamble(true, oc);
                KpmNodeId id = readKpmNodeId(r, b);
                List<CellObject> cells = null;
                if (oc[0]) {
                    int nc = count(r, 1, 16384);
                    cells = new ArrayList<>(nc);
                    for (int c = 0; c < nc; c++) {
                        boolean ce = r.readSequencePreamble(true, new boolean[0]);
                        String coid = r.readPrintableString(0, 400, true);
                        Cgi cgi = readCgi(r);
                        dropExt(r, ce);
                        cells.add(new CellObject(coid, cgi));
                    }
                }
                dropExt(r, e);
                nodes.add(new KpmNode(id, cells));
            }
        }
        List<EventTriggerStyle> ets = null;
        if (opt[i++]) {
            int n = count(r, 1, 63);
            ets = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                boolean e = r.readSequencePreamble(true, new boolean[0]);
                long type = readStyleInt(r, nodeListLayout);
                String nm = r.readPrintableString(1, 150, true);
                long fmt = readStyleInt(r, nodeListLayout);
                ets.add(new EventTriggerStyle(type, nm, fmt, readExt(r, e)));
            }
        }
        List<ReportStyle> rs = null;
        if (opt[i]) {
            int n = count(r, 1, 63);
            rs = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                boolean e = r.readSequencePreamble(true, new boolean[0]);
                long type = readStyleInt(r, nodeListLayout);
                String nm = r.readPrintableString(1, 150, true);
                long af = readStyleInt(r, nodeListLayout);
                int nm2 = count(r, 1, 65535);
                List<MeasInfoActionItem> items = new ArrayList<>(nm2);
                for (int m = 0; m < nm2; m++) {
                    boolean[] oi = new boolean[1];
                    boolean ie = r.readSequencePreamble(true, oi);
                    String mn = r.readPrintableString(1, 150, true);
                    Long id = oi[0] ? r.readInteger(1, 65536, true) : null;
                    items.add(new MeasInfoActionItem(mn, id, readExt(r, ie)));
                }
                long hf = readStyleInt(r, nodeListLayout);
                long mf = readStyleInt(r, nodeListLayout);
                rs.add(new ReportStyle(type, nm, af, items, hf, mf, readExt(r, e)));
            }
        }
        List<ByteString> dext = readExt(r, ext);
        r.expectEnd("E2SM-KPM-RANfunction-Description");
        return new RanFunctionDescription(name, nodeListLayout, nodes, ets, rs, dext);
    }

    public static byte[] encodeEventTrigger(EventTriggerDefinition e) {
        AperWriter w = new AperWriter();
        w.writeSequencePreamble(true, false);
        w.writeChoiceIndex(0, 1, true);
        w.writeSequencePreamble(true, hasExt(e.ext()));
        w.writeConstrainedWholeNumber(e.reportingPeriodMs(), 1, 4294967295L);
        writeExt(w, e.ext());
        return w.toByteArray();
    }

    public static EventTriggerDefinition decodeEventTrigger(byte[] b) {
        AperReader r = new AperReader(b);
        boolean outer = r.readSequencePreamble(true, new boolean[0]);
        rootChoice(r, 1, "eventDefinition-formats");
        boolean e = r.readSequencePreamble(true, new boolean[0]);
        long p = r.readConstrainedWholeNumber(1, 4294967295L);
        List<ByteString> ext = readExt(r, e);
        dropExt(r, outer);
        r.expectEnd("E2SM-KPM-EventTriggerDefinition");
        return new EventTriggerDefinition(p, ext);
    }

    public static byte[] encodeAction(ActionDefinition a) {
        AperWriter w = new AperWriter();
        w.writeSequencePreamble(true, false);
        w.writeUnconstrainedInteger(BigInteger.valueOf(a.styleType()));
        int f = a.format();
        if (f <= 3) {
            w.writeChoiceIndex(f - 1, 3, true);
            switch (f) {
                case 1 -> writeActionF1(w, a.f1());
                case 2 -> {
                    w.writeSequencePreamble(true, false);
                    writeUeid(w, a.f2().ue());
                    writeActionF1(w, a.f2().sub());
                }
                default -> {
                    ActionFormat3 f3 = a.f3();
                    w.writeSequencePreamble(true, false, f3.cell() != null);
                    w.writeCount(f3.conds().size(), 1, 65535, false);
                    for (MeasCondItem c : f3.conds()) {
                        w.writeSequencePreamble(true, hasExt(c.ext()));
                        writeMeasType(w, c.type());
                        writeMatchingConds(w, c.conds());
                        writeExt(w, c.ext());
                    }
                    w.writeConstrainedWholeNumber(f3.granulPeriodMs(), 1, 4294967295L);
                    if (f3.cell() != null) {
                        writeCgi(w, f3.cell());
                    }
                }
            }
        } else {
            AperWriter inner = new AperWriter();
            if (f == 4) {
                inner.writeSequencePreamble(true, false);
                inner.writeCount(a.f4().conds().size(), 1, 32768, false);
                for (UeCond c : a.f4().conds()) {
                    inner.writeSequencePreamble(true, hasExt(c.ext()));
                    writeTestCond(inner, c.test());
                    writeExt(inner, c.ext());
                }
                writeActionF1(inner, a.f4().sub());
            } else {
                inner.writeSequencePreamble(true, false);
                inner.writeCount(a.f5().ues().size(), 2, 65535, false);
                for (Ueid u : a.f5().ues()) {
                    inner.writeSequencePreamble(true, false);
                    writeUeid(inner, u);
                }
                writeActionF1(inner, a.f5().sub());
            }
            w.writeChoiceExtension(f - 4, inner.toByteArray());
        }
        return w.toByteArray();
    }

    public static ActionDefinition decodeAction(byte[] b) {
        AperReader r = new AperReader(b);
        boolean outer = r.readSequencePreamble(true, new boolean[0]);
        long style = readUnconstrained(r, "ric-Style-Type");
        long pos = r.bitPosition();
        int idx = r.readChoiceIndex(3, true);
        ActionDefinition a;
        switch (idx) {
            case 0 -> a = new ActionDefinition(style, readActionF1(r, b), null, null, null, null);
            case 1 -> {
                boolean e = r.readSequencePreamble(true, new boolean[0]);
                Ueid u = readUeid(r, b);
                ActionFormat1 sub = readActionF1(r, b);
                dropExt(r, e);
                a = new ActionDefinition(style, null, new ActionFormat2(u, sub), null, null, null);
            }
            case 2 -> {
                boolean[] o = new boolean[1];
                boolean e = r.readSequencePreamble(true, o);
                int n = count(r, 1, 65535);
                List<MeasCondItem> conds = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    boolean ie = r.readSequencePreamble(true, new boolean[0]);
                    MeasType t = readMeasType(r);
                    List<MatchingCond> mc = readMatchingConds(r, b);
                    conds.add(new MeasCondItem(t, mc, readExt(r, ie)));
                }
                long gp = r.readConstrainedWholeNumber(1, 4294967295L);
                Cgi cell = o[0] ? readCgi(r) : null;
                dropExt(r, e);
                a = new ActionDefinition(style, null, null, new ActionFormat3(conds, gp, cell), null, null);
            }
            case 3, 4 -> {
                AperReader in = r.openTypeReader();
                boolean e = in.readSequencePreamble(true, new boolean[0]);
                if (idx == 3) {
                    int n = count(in, 1, 32768);
                    List<UeCond> conds = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        boolean ie = in.readSequencePreamble(true, new boolean[0]);
                        TestCondInfo t = readTestCond(in);
                        conds.add(new UeCond(t, readExt(in, ie)));
                    }
                    ActionFormat1 sub = readActionF1(in, b);
                    dropExt(in, e);
                    a = new ActionDefinition(style, null, null, null, new ActionFormat4(conds, sub), null);
                } else {
                    int n = count(in, 2, 65535);
                    List<Ueid> ues = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        boolean ie = in.readSequencePreamble(true, new boolean[0]);
                        ues.add(readUeid(in, b));
                        dropExt(in, ie);
                    }
                    ActionFormat1 sub = readActionF1(in, b);
                    dropExt(in, e);
                    a = new ActionDefinition(style, null, null, null, null, new ActionFormat5(ues, sub));
                }
                in.expectEnd("actionDefinition-Format" + (idx + 1));
            }
            default -> throw new AperException(pos, "E2SM-KPM-ActionDefinition format alternative " + (idx + 1) + " is unknown");
        }
        dropExt(r, outer);
        r.expectEnd("E2SM-KPM-ActionDefinition");
        return a;
    }

    public static byte[] encodeHeader(IndicationHeader h, Version v) {
        int tsLen = v == Version.V02_03 ? 4 : 8;
        if (h.collectStartTime().size() != tsLen) {
            throw new AperException(-1, "TimeStamp of " + h.collectStartTime().size() + " octets in " + v.label + " (SIZE(" + tsLen + "))");
        }
        if (v == Version.V03_00 && h.kpmNodeId() != null) {
            throw new AperException(-1, "kpmNodeID does not exist in v03.00");
        }
        AperWriter w = new AperWriter();
        w.writeSequencePreamble(true, false);
        w.writeChoiceIndex(0, 1, true);
        boolean[] opt = v == Version.V02_03
                ? new boolean[] {h.fileFormatVersion() != null, h.senderName() != null, h.senderType() != null, h.vendorName() != null, h.kpmNodeId() != null}
                : new boolean[] {h.fileFormatVersion() != null, h.senderName() != null, h.senderType() != null, h.vendorName() != null};
        w.writeSequencePreamble(true, hasExt(h.ext()), opt);
        w.writeOctetString(h.collectStartTime().toByteArray(), tsLen, tsLen, false);
        if (h.fileFormatVersion() != null) w.writePrintableString(h.fileFormatVersion(), 0, 15, true);
        if (h.senderName() != null) w.writePrintableString(h.senderName(), 0, 400, true);
        if (h.senderType() != null) w.writePrintableString(h.senderType(), 0, 8, true);
        if (h.vendorName() != null) w.writePrintableString(h.vendorName(), 0, 32, true);
        if (h.kpmNodeId() != null) writeKpmNodeId(w, h.kpmNodeId());
        writeExt(w, h.ext());
        return w.toByteArray();
    }

    public static IndicationHeader decodeHeader(byte[] b, Version v) {
        AperReader r = new AperReader(b);
        boolean outer = r.readSequencePreamble(true, new boolean[0]);
        rootChoice(r, 1, "indicationHeader-formats");
        boolean[] o = new boolean[v == Version.V02_03 ? 5 : 4];
        boolean e = r.readSequencePreamble(true, o);
        int tsLen = v == Version.V02_03 ? 4 : 8;
        ByteString ts = ByteString.copyFrom(r.readOctetString(tsLen, tsLen, false));
        String ffv = o[0] ? r.readPrintableString(0, 15, true) : null;
        String sn = o[1] ? r.readPrintableString(0, 400, true) : null;
        String st = o[2] ? r.readPrintableString(0, 8, true) : null;
        String vn = o[3] ? r.readPrintableString(0, 32, true) : null;
        KpmNodeId node = o.length > 4 && o[4] ? readKpmNodeId(r, b) : null;
        List<ByteString> ext = readExt(r, e);
        dropExt(r, outer);
        r.expectEnd("E2SM-KPM-IndicationHeader (" + v.label + ")");
        return new IndicationHeader(ts, ffv, sn, st, vn, node, ext);
    }

    public static byte[] encodeMessage(IndicationMessage m) {
        AperWriter w = new AperWriter();
        w.writeSequencePreamble(true, false);
        int f = m.format();
        if (f == 1) {
            w.writeChoiceIndex(0, 2, true);
            writeMsgF1(w, m.f1());
        } else if (f == 2) {
            w.writeChoiceIndex(1, 2, true);
            MessageFormat2 f2 = m.f2();
            w.writeSequencePreamble(true, false, f2.granulPeriodMs() != null);
            writeMeasData(w, f2.data());
            w.writeCount(f2.conds().size(), 1, 65535, false);
            for (MeasCondUeItem c : f2.conds()) {
                w.writeSequencePreamble(true, hasExt(c.ext()), c.matchingUes() != null);
                writeMeasType(w, c.type());
                writeMatchingConds(w, c.conds());
                if (c.matchingUes() != null) {
                    writeUeList(w, c.matchingUes());
                }
                writeExt(w, c.ext());
            }
            if (f2.granulPeriodMs() != null) w.writeConstrainedWholeNumber(f2.granulPeriodMs(), 1, 4294967295L);
        } else {
            AperWriter in = new AperWriter();
            in.writeSequencePreamble(true, false);
            in.writeCount(m.f3().reports().size(), 1, 65535, false);
            for (UeReport u : m.f3().reports()) {
                in.writeSequencePreamble(true, false);
                writeUeid(in, u.ue());
                writeMsgF1(in, u.report());
            }
            w.writeChoiceExtension(0, in.toByteArray());
        }
        return w.toByteArray();
    }

    public static IndicationMessage decodeMessage(byte[] b) {
        AperReader r = new AperReader(b);
        boolean outer = r.readSequencePreamble(true, new boolean[0]);
        long pos = r.bitPosition();
        int idx = r.readChoiceIndex(2, true);
        IndicationMessage m;
        if (idx == 0) {
            m = new IndicationMessage(readMsgF1(r, b), null, null);
        } else if (idx == 1) {
            boolean[] o = new boolean[1];
            boolean e = r.readSequencePreamble(true, o);
            List<MeasDataItem> data = readMeasData(r);
            int n = count(r, 1, 65535);
            List<MeasCondUeItem> conds = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean[] oi = new boolean[1];
                boolean ie = r.readSequencePreamble(true, oi);
                MeasType t = readMeasType(r);
                List<MatchingCond> mc = readMatchingConds(r, b);
                List<Ueid> ues = oi[0] ? readUeList(r, b) : null;
                conds.add(new MeasCondUeItem(t, mc, ues, readExt(r, ie)));
            }
            Long gp = o[0] ? r.readConstrainedWholeNumber(1, 4294967295L) : null;
            dropExt(r, e);
            m = new IndicationMessage(null, new MessageFormat2(data, conds, gp), null);
        } else if (idx == 2) {
            AperReader in = r.openTypeReader();
            boolean e = in.readSequencePreamble(true, new boolean[0]);
            int n = count(in, 1, 65535);
            List<UeReport> reps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean ie = in.readSequencePreamble(true, new boolean[0]);
                Ueid u = readUeid(in, b);
                MessageFormat1 f1 = readMsgF1(in, b);
                dropExt(in, ie);
                reps.add(new UeReport(u, f1));
            }
            dropExt(in, e);
            in.expectEnd("indicationMessage-Format3");
            m = new IndicationMessage(null, null, new MessageFormat3(reps));
        } else {
            throw new AperException(pos, "E2SM-KPM-IndicationMessage format alternative " + (idx + 1) + " is unknown");
        }
        dropExt(r, outer);
        r.expectEnd("E2SM-KPM-IndicationMessage");
        return m;
    }

    // ======================================================================== building blocks

    static boolean hasExt(List<ByteString> ext) {
        for (ByteString b : ext) {
            if (!b.isEmpty()) return true;
        }
        return false;
    }

    static void writeExt(AperWriter w, List<ByteString> ext) {
        if (!hasExt(ext)) return;
        w.writeNormallySmall(ext.size() - 1);
        for (ByteString b : ext) w.writeBit(!b.isEmpty());
        for (ByteString b : ext) {
            if (!b.isEmpty()) w.writeOpenType(b.toByteArray());
        }
    }

    static List<ByteString> readExt(AperReader r, boolean ext) {
        if (!ext) return NO_EXT;
        long pos = r.bitPosition();
        byte[][] a = r.readExtensionAdditions();
        List<ByteString> out = new ArrayList<>(a.length);
        boolean any = false;
        for (byte[] x : a) {
            out.add(x == null ? ByteString.EMPTY : ByteString.copyFrom(x));
            any |= x != null;
        }
        if (!any) {
            throw new AperException(pos, "extension bit set but no extension addition present");
        }
        return Collections.unmodifiableList(out);
    }

    static void dropExt(AperReader r, boolean ext) {
        if (ext) readExt(r, true);
    }

    static int count(AperReader r, long lb, long ub) {
        return (int) r.readCount(lb, ub, false);
    }

    static void rootChoice(AperReader r, int root, String what) {
        long pos = r.bitPosition();
        int i = r.readChoiceIndex(root, true);
        if (i >= root) {
            throw new AperException(pos, what + ": extension alternative " + (i - root) + " is unknown");
        }
    }

    static long readUnconstrained(AperReader r, String what) {
        long pos = r.bitPosition();
        BigInteger v = r.readUnconstrainedInteger();
        if (v.bitLength() > 63) {
            throw new AperException(pos, what + " does not fit 64 bits");
        }
        return v.longValue();
    }

    /** RIC-Style-Type / RIC-Format-Type / ranFunction-Instance: unconstrained INTEGER, INTEGER (0..255, ...) in the node-list layout. */
    static void writeStyleInt(AperWriter w, long v, boolean radisys) {
        if (radisys) {
            w.writeInteger(v, 0, 255, true);
        } else {
            w.writeUnconstrainedInteger(BigInteger.valueOf(v));
        }
    }

    static long readStyleInt(AperReader r, boolean radisys) {
        return radisys ? r.readInteger(0, 255, true) : readUnconstrained(r, "RIC-Style-Type");
    }

    static byte[] bits(long v, int n) {
        byte[] out = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (((v >>> (n - 1 - i)) & 1) != 0) out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return out;
    }

    static void writeFixedBits(AperWriter w, long v, int n) {
        if (n < 64 && (v >>> n) != 0) {
            throw new AperException(w.bitPosition(), "value " + v + " does not fit " + n + " bits");
        }
        w.writeBitString(bits(v, n), n, n, n, false);
    }

    static void writePlmn(AperWriter w, ByteString plmn) {
        w.writeOctetString(plmn.toByteArray(), 3, 3, false);
    }

    static ByteString readPlmn(AperReader r) {
        return ByteString.copyFrom(r.readOctetString(3, 3, false));
    }

    public static void writeCgi(AperWriter w, Cgi c) {
        if (c.alt() < 0 || c.alt() > 1) throw new AperException(w.bitPosition(), "CGI alternative " + c.alt());
        w.writeChoiceIndex(c.alt(), 2, true);
        w.writeSequencePreamble(true, hasExt(c.ext()));
        writePlmn(w, c.plmn());
        writeFixedBits(w, c.cellId(), c.alt() == 0 ? 36 : 28);
        writeExt(w, c.ext());
    }

    public static Cgi readCgi(AperReader r) {
        long pos = r.bitPosition();
        int alt = r.readChoiceIndex(2, true);
        if (alt >= 2) {
            throw new AperException(pos, "CGI extension alternative " + (alt - 2) + " is unknown");
        }
        boolean e = r.readSequencePreamble(true, new boolean[0]);
        ByteString plmn = readPlmn(r);
        long id = r.readBitString(alt == 0 ? 36 : 28, alt == 0 ? 36 : 28, false).asLong();
        return new Cgi(alt, plmn, id, readExt(r, e));
    }

    static void writeMeasType(AperWriter w, MeasType t) {
        if (t.name() != null) {
            w.writeChoiceIndex(0, 2, true);
            w.writePrintableString(t.name(), 1, 150, true);
        } else {
            w.writeChoiceIndex(1, 2, true);
            w.writeInteger(t.id(), 1, 65536, true);
        }
    }

    static MeasType readMeasType(AperReader r) {
        long pos = r.bitPosition();
        int i = r.readChoiceIndex(2, true);
        return switch (i) {
            case 0 -> new MeasType(r.readPrintableString(1, 150, true), null);
            case 1 -> new MeasType(null, r.readInteger(1, 65536, true));
            default -> throw new AperException(pos, "MeasurementType extension alternative " + (i - 2) + " is unknown");
        };
    }

    static void writeLabel(AperWriter w, MeasLabel l) {
        boolean[] p = new boolean[21];
        for (int i = 0; i < 21; i++) p[i] = i == 2 ? l.slice() != null : l.v().get(i) != null;
        w.writeSequencePreamble(true, hasExt(l.ext()), p);
        for (int i = 0; i < 21; i++) {
            if (!p[i]) continue;
            long[] k = LABEL_KIND[i];
            if (k[0] == -1) {
                w.writeEnumerated((int) (long) l.v().get(i), (int) k[1], true);
            } else if (k[0] == -2) {
                w.writeOctetString(bits(l.v().get(i), 24), 3, 3, false);
            } else if (k[0] == -3) {
                Snssai s = l.slice();
                w.writeSequencePreamble(true, hasExt(s.ext()), s.sd() != null);
                w.writeOctetString(s.sst().toByteArray(), 1, 1, false);
                if (s.sd() != null) w.writeOctetString(s.sd().toByteArray(), 3, 3, false);
                writeExt(w, s.ext());
            } else {
                w.writeInteger(l.v().get(i), k[0], k[1], k[2] == 1);
            }
        }
        writeExt(w, l.ext());
    }

    static MeasLabel readLabel(AperReader r) {
        boolean[] p = new boolean[21];
        boolean e = r.readSequencePreamble(true, p);
        Long[] v = new Long[21];
        Snssai slice = null;
        for (int i = 0; i < 21; i++) {
            if (!p[i]) continue;
            long[] k = LABEL_KIND[i];
            if (k[0] == -1) {
                v[i] = (long) r.readEnumerated((int) k[1], true);
            } else if (k[0] == -2) {
                byte[] b = r.readOctetString(3, 3, false);
                v[i] = ((b[0] & 0xffL) << 16) | ((b[1] & 0xff) << 8) | (b[2] & 0xff);
            } else if (k[0] == -3) {
                boolean[] o = new boolean[1];
                boolean se = r.readSequencePreamble(true, o);
                ByteString sst = ByteString.copyFrom(r.readOctetString(1, 1, false));
                ByteString sd = o[0] ? ByteString.copyFrom(r.readOctetString(3, 3, false)) : null;
                slice = new Snssai(sst, sd, readExt(r, se));
            } else {
                v[i] = r.readInteger(k[0], k[1], k[2] == 1);
            }
        }
        return new MeasLabel(Collections.unmodifiableList(Arrays.asList(v)), slice, readExt(r, e));
    }

    static void writeMeasInfoList(AperWriter w, List<MeasInfoItem> items) {
        w.writeCount(items.size(), 1, 65535, false);
        for (MeasInfoItem m : items) {
            w.writeSequencePreamble(true, false);
            writeMeasType(w, m.type());
            w.writeCount(m.labels().size(), 1, 2147483647L, false);
            for (MeasLabel l : m.labels()) {
                w.writeSequencePreamble(true, false);
                writeLabel(w, l);
            }
        }
    }

    static List<MeasInfoItem> readMeasInfoList(AperReader r) {
        int n = count(r, 1, 65535);
        List<MeasInfoItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean e = r.readSequencePreamble(true, new boolean[0]);
            MeasType t = readMeasType(r);
            int nl = count(r, 1, 2147483647L);
            List<MeasLabel> labels = new ArrayList<>(nl);
            for (int j = 0; j < nl; j++) {
                boolean le = r.readSequencePreamble(true, new boolean[0]);
                labels.add(readLabel(r));
                dropExt(r, le);
            }
            dropExt(r, e);
            out.add(new MeasInfoItem(t, labels));
        }
        return out;
    }

    static void writeActionF1(AperWriter w, ActionFormat1 f) {
        w.writeSequencePreamble(true, hasExt(f.ext()), f.cell() != null);
        writeMeasInfoList(w, f.measInfo());
        w.writeConstrainedWholeNumber(f.granulPeriodMs(), 1, 4294967295L);
        if (f.cell() != null) writeCgi(w, f.cell());
        writeExt(w, f.ext());
    }

    static ActionFormat1 readActionF1(AperReader r, byte[] data) {
        boolean[] o = new boolean[1];
        boolean e = r.readSequencePreamble(true, o);
        List<MeasInfoItem> mi = readMeasInfoList(r);
        long gp = r.readConstrainedWholeNumber(1, 4294967295L);
        Cgi cell = o[0] ? readCgi(r) : null;
        return new ActionFormat1(mi, gp, cell, readExt(r, e));
    }

    static final int TEST_TYPE_ROOT = 6;

    static void writeTestCond(AperWriter w, TestCondInfo t) {
        w.writeSequencePreamble(true, hasExt(t.ext()), t.expr() != null, t.value() != null);
        if (t.type() < TEST_TYPE_ROOT) {
            w.writeChoiceIndex(t.type(), TEST_TYPE_ROOT, true);
            w.writeEnumerated(t.typeValue(), 1, true);
        } else {
            AperWriter in = new AperWriter();
            in.writeEnumerated(t.typeValue(), 1, true);
            w.writeChoiceExtension(t.type() - TEST_TYPE_ROOT, in.toByteArray());
        }
        if (t.expr() != null) w.writeEnumerated(t.expr(), 5, true);
        if (t.value() != null) writeTestValue(w, t.value());
        writeExt(w, t.ext());
    }

    static TestCondInfo readTestCond(AperReader r) {
        boolean[] o = new boolean[2];
        boolean e = r.readSequencePreamble(true, o);
        int type = r.readChoiceIndex(TEST_TYPE_ROOT, true);
        int tv;
        if (type < TEST_TYPE_ROOT) {
            tv = r.readEnumerated(1, true);
        } else {
            AperReader in = r.openTypeReader();
            tv = in.readEnumerated(1, true);
            in.expectEnd("TestCond-Type");
        }
        Integer expr = o[0] ? r.readEnumerated(5, true) : null;
        TestValue v = o[1] ? readTestValue(r) : null;
        return new TestCondInfo(type, tv, expr, v, readExt(r, e));
    }

    static void writeTestValue(AperWriter w, TestValue v) {
        if (v.alt() == 6) {
            AperWriter in = new AperWriter();
            Real.write(in, v.real());
            w.writeChoiceExtension(0, in.toByteArray());
            return;
        }
        w.writeChoiceIndex(v.alt(), 6, true);
        switch (v.alt()) {
            case 0, 1 -> w.writeUnconstrainedInteger(BigInteger.valueOf(v.integer()));
            case 2 -> w.writeBoolean(v.bool());
            case 3 -> w.writeBitString(v.bytes().toByteArray(), v.nbits(), 0, -1, false);
            case 4 -> w.writeOctetString(v.bytes().toByteArray(), 0, -1, false);
            default -> w.writePrintableString(v.string(), 0, -1, false);
        }
    }

    static TestValue readTestValue(AperReader r) {
        long pos = r.bitPosition();
        int alt = r.readChoiceIndex(6, true);
        switch (alt) {
            case 0, 1:
                return new TestValue(alt, readUnconstrained(r, "TestCond-Value"), false, null, 0, null, 0);
            case 2:
                return new TestValue(2, 0, r.readBoolean(), null, 0, null, 0);
            case 3: {
                AperReader.Bits b = r.readBitString(0, -1, false);
                return new TestValue(3, 0, false, ByteString.copyFrom(b.bits()), b.length(), null, 0);
            }
            case 4:
                return new TestValue(4, 0, false, ByteString.copyFrom(r.readOctetString(0, -1, false)), 0, null, 0);
            case 5:
                return new TestValue(5, 0, false, null, 0, r.readPrintableString(0, -1, false), 0);
            case 6: {
                AperReader in = r.openTypeReader();
                double d = Real.read(in);
                in.expectEnd("valueReal");
                return new TestValue(6, 0, false, null, 0, null, d);
            }
            default:
                throw new AperException(pos, "TestCond-Value extension alternative " + (alt - 6) + " is unknown");
        }
    }

    static void writeMatchingConds(AperWriter w, List<MatchingCond> conds) {
        w.writeCount(conds.size(), 1, 32768, false);
        for (MatchingCond c : conds) {
            w.writeSequencePreamble(true, hasExt(c.ext()), c.logicalOr() != null);
            if (c.label() != null) {
                w.writeChoiceIndex(0, 2, true);
                writeLabel(w, c.label());
            } else {
                w.writeChoiceIndex(1, 2, true);
                writeTestCond(w, c.test());
            }
            if (c.logicalOr() != null) w.writeEnumerated(c.logicalOr(), 1, true);
            writeExt(w, c.ext());
        }
    }

    static List<MatchingCond> readMatchingConds(AperReader r, byte[] data) {
        int n = count(r, 1, 32768);
        List<MatchingCond> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean[] o = new boolean[1];
            boolean e = r.readSequencePreamble(true, o);
            long pos = r.bitPosition();
            int alt = r.readChoiceIndex(2, true);
            MeasLabel l = null;
            TestCondInfo t = null;
            if (alt == 0) {
                l = readLabel(r);
            } else if (alt == 1) {
                t = readTestCond(r);
            } else {
                throw new AperException(pos, "MatchingCondItem-Choice extension alternative " + (alt - 2) + " is unknown");
            }
            Integer or = o[0] ? r.readEnumerated(1, true) : null;
            out.add(new MatchingCond(l, t, or, readExt(r, e)));
        }
        return out;
    }

    static void writeUeList(AperWriter w, List<Ueid> ues) {
        w.writeCount(ues.size(), 1, 65535, false);
        for (Ueid u : ues) {
            w.writeSequencePreamble(true, false);
            writeUeid(w, u);
        }
    }

    static List<Ueid> readUeList(AperReader r, byte[] data) {
        int n = count(r, 1, 65535);
        List<Ueid> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean e = r.readSequencePreamble(true, new boolean[0]);
            out.add(readUeid(r, data));
            dropExt(r, e);
        }
        return out;
    }

    static void writeMeasData(AperWriter w, List<MeasDataItem> data) {
        w.writeCount(data.size(), 1, 65535, false);
        for (MeasDataItem d : data) {
            w.writeSequencePreamble(true, hasExt(d.ext()), d.incomplete() != null);
            w.writeCount(d.record().size(), 1, 2147483647L, false);
            for (RecordItem it : d.record()) {
                switch (it.kind()) {
                    case 0 -> {
                        w.writeChoiceIndex(0, 3, true);
                        w.writeConstrainedWholeNumber(it.integer(), 0, 4294967295L);
                    }
                    case 1 -> {
                        w.writeChoiceIndex(1, 3, true);
                        Real.write(w, it.real());
                    }
                    case 2 -> w.writeChoiceIndex(2, 3, true);
                    default -> w.writeChoiceExtension(it.kind() - 3, new byte[1]);
                }
            }
            if (d.incomplete() != null) w.writeEnumerated(d.incomplete(), 1, true);
            writeExt(w, d.ext());
        }
    }

    static List<MeasDataItem> readMeasData(AperReader r) {
        int n = count(r, 1, 65535);
        List<MeasDataItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean[] o = new boolean[1];
            boolean e = r.readSequencePreamble(true, o);
            int nr = count(r, 1, 2147483647L);
            List<RecordItem> rec = new ArrayList<>(nr);
            for (int j = 0; j < nr; j++) {
                int alt = r.readChoiceIndex(3, true);
                switch (alt) {
                    case 0 -> rec.add(RecordItem.ofInt(r.readConstrainedWholeNumber(0, 4294967295L)));
                    case 1 -> rec.add(RecordItem.ofReal(Real.read(r)));
                    case 2 -> rec.add(RecordItem.NO_VALUE);
                    default -> {
                        r.readOpenType();
                        rec.add(new RecordItem(alt, 0, 0)); // an extension alternative (v04.00 notSatisfied): kind 3 + its index
                    }
                }
            }
            Integer inc = o[0] ? r.readEnumerated(1, true) : null;
            out.add(new MeasDataItem(rec, inc, readExt(r, e)));
        }
        return out;
    }

    static void writeMsgF1(AperWriter w, MessageFormat1 f) {
        w.writeSequencePreamble(true, false, f.measInfo() != null, f.granulPeriodMs() != null);
        writeMeasData(w, f.data());
        if (f.measInfo() != null) writeMeasInfoList(w, f.measInfo());
        if (f.granulPeriodMs() != null) w.writeConstrainedWholeNumber(f.granulPeriodMs(), 1, 4294967295L);
    }

    static MessageFormat1 readMsgF1(AperReader r, byte[] data) {
        boolean[] o = new boolean[2];
        boolean e = r.readSequencePreamble(true, o);
        List<MeasDataItem> d = readMeasData(r);
        List<MeasInfoItem> mi = o[0] ? readMeasInfoList(r) : null;
        Long gp = o[1] ? r.readConstrainedWholeNumber(1, 4294967295L) : null;
        dropExt(r, e);
        return new MessageFormat1(d, mi, gp);
    }

    // ------------------------------------------------------------------------ identities

    static void writeGuami(AperWriter w, Guami g) {
        w.writeSequencePreamble(true, hasExt(g.ext()));
        writePlmn(w, g.plmn());
        writeFixedBits(w, g.amfRegionId(), 8);
        writeFixedBits(w, g.amfSetId(), 10);
        writeFixedBits(w, g.amfPointer(), 6);
        writeExt(w, g.ext());
    }

    static Guami readGuami(AperReader r) {
        boolean e = r.readSequencePreamble(true, new boolean[0]);
        ByteString plmn = readPlmn(r);
        int region = (int) r.readBitString(8, 8, false).asLong();
        int set = (int) r.readBitString(10, 10, false).asLong();
        int ptr = (int) r.readBitString(6, 6, false).asLong();
        return new Guami(plmn, region, set, ptr, readExt(r, e));
    }

    static void writeGlobalGnbId(AperWriter w, GlobalGnbId g) {
        w.writeSequencePreamble(true, hasExt(g.ext()));
        writePlmn(w, g.plmn());
        w.writeChoiceIndex(0, 1, true);
        w.writeBitString(bits(g.gnbId(), g.gnbIdBits()), g.gnbIdBits(), 22, 32, false);
        writeExt(w, g.ext());
    }

    static GlobalGnbId readGlobalGnbId(AperReader r) {
        boolean e = r.readSequencePreamble(true, new boolean[0]);
        ByteString plmn = readPlmn(r);
        rootChoice(r, 1, "GNB-ID");
        AperReader.Bits b = r.readBitString(22, 32, false);
        return new GlobalGnbId(plmn, b.asLong(), b.length(), readExt(r, e));
    }

    static final long MAX32 = 4294967295L;

    public static void writeUeid(AperWriter w, Ueid u) {
        if (u.alt() >= 7) {
            w.writeChoiceExtension(u.alt() - 7, u.extValue().toByteArray());
            return;
        }
        w.writeChoiceIndex(u.alt(), 7, true);
        if (u.alt() != 0) {
            RawBits rb = u.other();
            if ((w.bitPosition() & 7) != rb.offsetMod8()) {
                throw new AperException(w.bitPosition(), "UEID alternative " + u.alt() + " kept as bits read at offset "
                        + rb.offsetMod8() + " cannot be written at offset " + (w.bitPosition() & 7));
            }
            byte[] b = rb.bits().toByteArray();
            for (int i = 0; i < rb.nbits(); i++) {
                w.writeBit(((b[i >>> 3] >>> (7 - (i & 7))) & 1) != 0);
            }
            return;
        }
        GnbUeid g = u.gnb();
        w.writeSequencePreamble(true, hasExt(g.ext()), g.cuUeF1apIds() != null, g.cuCpUeE1apIds() != null,
                g.ranUeId() != null, g.mNgRanUeXnApId() != null, g.globalGnbId() != null);
        w.writeConstrainedWholeNumber(g.amfUeNgapId(), 0, 1099511627775L);
        writeGuami(w, g.guami());
        if (g.cuUeF1apIds() != null) {
            w.writeCount(g.cuUeF1apIds().size(), 1, 4, false);
            for (long id : g.cuUeF1apIds()) {
                w.writeSequencePreamble(true, false);
                w.writeConstrainedWholeNumber(id, 0, MAX32);
            }
        }
        if (g.cuCpUeE1apIds() != null) {
            w.writeCount(g.cuCpUeE1apIds().size(), 1, 65535, false);
            for (long id : g.cuCpUeE1apIds()) {
                w.writeSequencePreamble(true, false);
                w.writeConstrainedWholeNumber(id, 0, MAX32);
            }
        }
        if (g.ranUeId() != null) w.writeOctetString(g.ranUeId().toByteArray(), 8, 8, false);
        if (g.mNgRanUeXnApId() != null) w.writeConstrainedWholeNumber(g.mNgRanUeXnApId(), 0, MAX32);
        if (g.globalGnbId() != null) writeGlobalGnbId(w, g.globalGnbId());
        writeExt(w, g.ext());
    }

    public static Ueid readUeid(AperReader r, byte[] data) {
        int alt = r.readChoiceIndex(7, true);
        if (alt >= 7) {
            return new Ueid(alt, null, null, ByteString.copyFrom(r.readOpenType()));
        }
        if (alt != 0) {
            long start = r.bitPosition();
            skipUeidAlt(r, alt);
            long end = r.bitPosition();
            return new Ueid(alt, null, copyBits(data, start, end), null);
        }
        boolean[] o = new boolean[5];
        boolean e = r.readSequencePreamble(true, o);
        long amf = r.readConstrainedWholeNumber(0, 1099511627775L);
        Guami guami = readGuami(r);
        List<Long> f1 = null;
        if (o[0]) {
            int n = count(r, 1, 4);
            f1 = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                boolean ie = r.readSequencePreamble(true, new boolean[0]);
                f1.add(r.readConstrainedWholeNumber(0, MAX32));
                dropExt(r, ie);
            }
        }
        List<Long> e1 = null;
        if (o[1]) {
            e1 = readE1List(r);
        }
        ByteString ran = o[2] ? ByteString.copyFrom(r.readOctetString(8, 8, false)) : null;
        Long xn = o[3] ? r.readConstrainedWholeNumber(0, MAX32) : null;
        GlobalGnbId gg = o[4] ? readGlobalGnbId(r) : null;
        return Ueid.gnb(new GnbUeid(amf, guami, f1, e1, ran, xn, gg, readExt(r, e)));
    }

    private static List<Long> readE1List(AperReader r) {
        int n = count(r, 1, 65535);
        List<Long> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean ie = r.readSequencePreamble(true, new boolean[0]);
            out.add(r.readConstrainedWholeNumber(0, MAX32));
            dropExt(r, ie);
        }
        return out;
    }

    static RawBits copyBits(byte[] data, long start, long end) {
        int n = (int) (end - start);
        byte[] out = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            long p = start + i;
            if (((data[(int) (p >>> 3)] >>> (7 - (p & 7))) & 1) != 0) out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return new RawBits(ByteString.copyFrom(out), n, (int) (start & 7));
    }

    /** Reads (and checks) a UEID alternative other than gNB-UEID without keeping its values. */
    static void skipUeidAlt(AperReader r, int alt) {
        switch (alt) {
            case 1, 2 -> { // UEID-GNB-DU, UEID-GNB-CU-UP: an F1AP / E1AP id and an optional RANUEID
                boolean[] o = new boolean[1];
                boolean e = r.readSequencePreamble(true, o);
                r.readConstrainedWholeNumber(0, MAX32);
                if (o[0]) r.readOctetString(8, 8, false);
                dropExt(r, e);
            }
            case 3 -> { // UEID-NG-ENB
                boolean[] o = new boolean[3];
                boolean e = r.readSequencePreamble(true, o);
                r.readConstrainedWholeNumber(0, 1099511627775L);
                readGuami(r);
                if (o[0]) r.readConstrainedWholeNumber(0, MAX32);
                if (o[1]) r.readConstrainedWholeNumber(0, MAX32);
                if (o[2]) skipGlobalNgEnbId(r);
                dropExt(r, e);
            }
            case 4 -> { // UEID-NG-ENB-DU
                boolean e = r.readSequencePreamble(true, new boolean[0]);
                r.readConstrainedWholeNumber(0, MAX32);
                dropExt(r, e);
            }
            case 5 -> { // UEID-EN-GNB
                boolean[] o = new boolean[4];
                boolean e = r.readSequencePreamble(true, o);
                r.readConstrainedWholeNumber(0, 4095);
                if (o[0]) r.readInteger(0, 4095, true);
                skipGlobalEnbId(r);
                if (o[1]) r.readConstrainedWholeNumber(0, MAX32);
                if (o[2]) readE1List(r);
                if (o[3]) r.readOctetString(8, 8, false);
                dropExt(r, e);
            }
            default -> { // 6: UEID-ENB
                boolean[] o = new boolean[4];
                boolean e = r.readSequencePreamble(true, o);
                r.readConstrainedWholeNumber(0, MAX32);
                boolean ge = r.readSequencePreamble(true, new boolean[0]); // GUMMEI
                readPlmn(r);
                r.readOctetString(2, 2, false);
                r.readOctetString(1, 1, false);
                dropExt(r, ge);
                if (o[0]) r.readConstrainedWholeNumber(0, 4095);
                if (o[1]) r.readInteger(0, 4095, true);
                if (o[2]) skipGlobalEnbId(r);
                dropExt(r, e);
            }
        }
    }

    static void skipGlobalNgEnbId(AperReader r) {
        boolean e = r.readSequencePreamble(true, new boolean[0]);
        readPlmn(r);
        long pos = r.bitPosition();
        int alt = r.readChoiceIndex(3, true);
        switch (alt) {
            case 0 -> r.readBitString(20, 20, false);
            case 1 -> r.readBitString(18, 18, false);
            case 2 -> r.readBitString(21, 21, false);
            default -> throw new AperException(pos, "NgENB-ID extension alternative is unknown");
        }
        dropExt(r, e);
    }

    static void skipGlobalEnbId(AperReader r) {
        boolean e = r.readSequencePreamble(true, new boolean[0]);
        readPlmn(r);
        int alt = r.readChoiceIndex(2, true);
        switch (alt) {
            case 0 -> r.readBitString(20, 20, false);
            case 1 -> r.readBitString(28, 28, false);
            default -> r.readOpenType(); // short-Macro / long-Macro (extension alternatives)
        }
        dropExt(r, e);
    }

    /** GlobalKPMnode-ID of the v02 layouts. */
    static void writeKpmNodeId(AperWriter w, KpmNodeId k) {
        w.writeChoiceIndex(k.alt(), 4, true);
        if (k.alt() >= 2) {
            RawBits rb = k.other();
            if ((w.bitPosition() & 7) != rb.offsetMod8()) {
                throw new AperException(w.bitPosition(), "GlobalKPMnode-ID kept as bits cannot move to another bit offset");
            }
            byte[] b = rb.bits().toByteArray();
            for (int i = 0; i < rb.nbits(); i++) w.writeBit(((b[i >>> 3] >>> (7 - (i & 7))) & 1) != 0);
            return;
        }
        w.writeSequencePreamble(true, false, k.cuUpId() != null, k.duId() != null);
        w.writeSequencePreamble(true, false);
        writePlmn(w, k.plmn());
        w.writeChoiceIndex(0, 1, true);
        w.writeBitString(bits(k.gnbId(), k.gnbIdBits()), k.gnbIdBits(), 22, 32, false);
        if (k.cuUpId() != null) w.writeConstrainedWholeNumber(k.cuUpId(), 0, 68719476735L);
        if (k.duId() != null) w.writeConstrainedWholeNumber(k.duId(), 0, 68719476735L);
    }

    static KpmNodeId readKpmNodeId(AperReader r, byte[] data) {
        long pos = r.bitPosition();
        int alt = r.readChoiceIndex(4, true);
        if (alt >= 4) {
            throw new AperException(pos, "GlobalKPMnode-ID extension alternative is unknown");
        }
        if (alt >= 2) {
            long start = r.bitPosition();
            if (alt == 2) {
                boolean[] o = new boolean[1];
                boolean e = r.readSequencePreamble(true, o);
                boolean ge = r.readSequencePreamble(true, new boolean[0]);
                readPlmn(r);
                int c = r.readChoiceIndex(3, true);
                switch (c) {
                    case 0 -> r.readBitString(20, 20, false);
                    case 1 -> r.readBitString(18, 18, false);
                    case 2 -> r.readBitString(21, 21, false);
                    default -> throw new AperException(r.bitPosition(), "ENB-ID-Choice extension alternative is unknown");
                }
                r.readBitString(18, 18, false);
                r.readBitString(21, 21, false);
                dropExt(r, ge);
                if (o[0]) r.readConstrainedWholeNumber(0, 68719476735L);
                dropExt(r, e);
            } else {
                boolean e = r.readSequencePreamble(true, new boolean[0]);
                skipGlobalEnbId(r);
                dropExt(r, e);
            }
            return new KpmNodeId(alt, null, 0, 0, null, null, copyBits(data, start, r.bitPosition()));
        }
        boolean[] o = new boolean[2];
        boolean e = r.readSequencePreamble(true, o);
        boolean ge = r.readSequencePreamble(true, new boolean[0]);
        ByteString plmn = readPlmn(r);
        rootChoice(r, 1, "GNB-ID-Choice");
        AperReader.Bits b = r.readBitString(22, 32, false);
        dropExt(r, ge);
        Long cu = o[0] ? r.readConstrainedWholeNumber(0, 68719476735L) : null;
        Long du = o[1] ? r.readConstrainedWholeNumber(0, 68719476735L) : null;
        dropExt(r, e);
        return new KpmNodeId(alt, plmn, b.asLong(), b.length(), cu, du, null);
    }
}
