package io.jric.e2.aper.rc;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.rc.Asn.Alt;
import io.jric.e2.aper.rc.Asn.BitStr;
import io.jric.e2.aper.rc.RcCodec.ControlHeader;
import io.jric.e2.aper.rc.RcCodec.ElementFalse;
import io.jric.e2.aper.rc.RcCodec.ElementTrue;
import io.jric.e2.aper.rc.RcCodec.Int;
import io.jric.e2.aper.rc.RcCodec.ListOf;
import io.jric.e2.aper.rc.RcCodec.Octets;
import io.jric.e2.aper.rc.RcCodec.OutcomeParam;
import io.jric.e2.aper.rc.RcCodec.Param;
import io.jric.e2.aper.rc.RcCodec.RealValue;
import io.jric.e2.aper.rc.RcCodec.Structure;
import io.jric.e2.aper.rc.RcCodec.Value;
import io.jric.e2.aper.rc.RcCodec.ValueType;
import io.jric.e2.aper.sm.E2smException;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.A3HysteresisControl;
import io.jric.proto.e2sm.rc.v1.A3TimeToTriggerControl;
import io.jric.proto.e2sm.rc.v1.CellIndividualOffsetControl;
import io.jric.proto.e2sm.rc.v1.CellSleepControl;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import io.jric.proto.e2sm.rc.v1.SlicePrbQuotaControl;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jRIC's protobuf E2SM-RC controls <-> standard E2SM-RC (v05.00) control headers, messages and
 * outcomes. The table is in docs/e2-aper.md ("E2SM-RC"); the ids are constants here.
 */
final class RcMapping {
    private RcMapping() {
    }

    // standard styles / actions (E2SM-RC v05.00, 7.6)
    static final long STYLE_RADIO_RESOURCE = 2;
    static final long ACTION_SLICE_PRB_QUOTA = 6;
    static final long STYLE_MOBILITY = 3;
    static final long ACTION_HANDOVER = 1;
    /** jRIC's own controls (no standard action): style 255 with jRIC's action ids. */
    static final long STYLE_JRIC = 255;
    /** CIO has no standard action; jRIC's legacy header for it is style 2 action 1 (DRX in the standard). */
    static final long ACTION_JRIC_CIO = 5;
    /** jRIC's inter-frequency control is 255/5 in jRIC's model, where CIO already is on the wire: it goes out as 255/6. */
    static final long ACTION_JRIC_INTER_FREQUENCY = 5;
    static final long ACTION_WIRE_INTER_FREQUENCY = 6;

    // handover control (style 3 action 1) RAN parameters, E2SM-RC 8.4.4.1
    static final long P_TARGET_PRIMARY_CELL = 1;
    static final long P_TARGET_CELL_CHOICE = 2;
    static final long P_NR_CELL = 3;
    static final long P_NR_CGI = 4;

    // slice-level PRB quota (style 2 action 6), the ids srsRAN's DU advertises (no 4)
    static final long P_RRM_POLICY_RATIO_LIST = 1;
    static final long P_RRM_POLICY_RATIO_GROUP = 2;
    static final long P_RRM_POLICY = 3;
    static final long P_RRM_POLICY_MEMBER_LIST = 5;
    static final long P_RRM_POLICY_MEMBER = 6;
    static final long P_PLMN = 7;
    static final long P_SNSSAI = 8;
    static final long P_SST = 9;
    static final long P_SD = 10;
    static final long P_MIN_PRB_RATIO = 11;
    static final long P_MAX_PRB_RATIO = 12;
    static final long P_DEDICATED_PRB_RATIO = 13;

    // jRIC-defined RAN parameters of the style 255 controls (and CIO)
    static final long P_JRIC_CELL = 0x6A520001L;          // NR CGI of the cell (OCTET STRING: APER NR-CGI)
    static final long P_JRIC_TX_POWER_DBM = 0x6A520101L;  // REAL
    static final long P_JRIC_SLEEP = 0x6A520201L;         // BOOLEAN
    static final long P_JRIC_A3_HYST_DB = 0x6A520301L;    // REAL
    static final long P_JRIC_A3_TTT_MS = 0x6A520401L;     // INTEGER
    static final long P_JRIC_CIO_DB = 0x6A520501L;        // REAL
    // inter-frequency mobility (jRIC 255/5, 255/6 on the wire): each present only when set
    static final long P_JRIC_IF_THRESHOLD1_DBM = 0x6A520601L;  // REAL (>= 0: A4)
    static final long P_JRIC_IF_THRESHOLD2_DBM = 0x6A520602L;  // REAL
    static final long P_JRIC_IF_NR_ARFCN = 0x6A520603L;        // INTEGER
    static final long P_JRIC_IF_OFFSET_DB = 0x6A520604L;       // REAL
    // control outcome
    static final long P_JRIC_DETAIL = 0x6A52F001L;        // OCTET STRING, UTF-8
    static final long P_JRIC_VALUE_AFTER = 0x6A52F002L;   // REAL

    static final long MAX_AMF_UE_NGAP_ID = (1L << 40) - 1;
    static final long MAX_F1AP_ID = 4294967295L;

    /** The standard (style, action) a jRIC control goes out as. */
    record Wire(long style, long action) {
    }

    static Wire wireOf(RcControlHeader h, RcControlMessage m) throws E2smException {
        switch (m.getActionCase()) {
            case HANDOVER: return new Wire(STYLE_MOBILITY, ACTION_HANDOVER);
            case SLICE_PRB_QUOTA: return new Wire(STYLE_RADIO_RESOURCE, ACTION_SLICE_PRB_QUOTA);
            case CELL_INDIVIDUAL_OFFSET:
                if (h.getRicStyleType() == 2 && h.getControlActionId() == 1) return new Wire(STYLE_JRIC, ACTION_JRIC_CIO);
                break;
            case INTER_FREQUENCY:
                if (h.getRicStyleType() == STYLE_JRIC && h.getControlActionId() == ACTION_JRIC_INTER_FREQUENCY) {
                    return new Wire(STYLE_JRIC, ACTION_WIRE_INTER_FREQUENCY);
                }
                break;
            case ACTION_NOT_SET: throw new E2smException("E2SM-RC control: the RcControlMessage carries no control");
            default: break;
        }
        if (h.getRicStyleType() != STYLE_JRIC) {
            throw new E2smException("E2SM-RC " + name(m) + ": header style " + h.getRicStyleType() + " action "
                    + h.getControlActionId() + " is no E2SM-RC style for this control (jRIC sends it as style 255)");
        }
        if (h.getControlActionId() < 1 || h.getControlActionId() > 65535) {
            throw new E2smException("E2SM-RC " + name(m) + ": control action id " + h.getControlActionId() + " outside 1..65535");
        }
        return new Wire(STYLE_JRIC, h.getControlActionId());
    }

    static String name(RcControlMessage m) {
        return m.getActionCase().name().toLowerCase();
    }

    /**
     * jRIC's (style, action) of a definition entry / header as it is on the wire (CIO: 255/5 -> 2/1;
     * inter-frequency: 255/6 -> 255/5).
     */
    static Wire jricOf(long style, long action) {
        if (style == STYLE_JRIC && action == ACTION_JRIC_CIO) return new Wire(2, 1);
        if (style == STYLE_JRIC && action == ACTION_WIRE_INTER_FREQUENCY) return new Wire(STYLE_JRIC, ACTION_JRIC_INTER_FREQUENCY);
        return new Wire(style, action);
    }

    static Wire wireOfDefinitionEntry(long style, long action) {
        if (style == 2 && action == 1) return new Wire(STYLE_JRIC, ACTION_JRIC_CIO);
        if (style == STYLE_JRIC && action == ACTION_JRIC_INTER_FREQUENCY) return new Wire(STYLE_JRIC, ACTION_WIRE_INTER_FREQUENCY);
        return new Wire(style, action);
    }

    // ---- UE ids --------------------------------------------------------------------------------------

    static Map<String, Object> zeroGuami() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("pLMNIdentity", ByteString.copyFrom(new byte[3]));
        g.put("aMFRegionID", BitStr.ofLong(0, 8));
        g.put("aMFSetID", BitStr.ofLong(0, 10));
        g.put("aMFPointer", BitStr.ofLong(0, 6));
        return g;
    }

    /** gNB-UEID: amf-UE-NGAP-ID = ue id (and ran-UEID the same 8 octets); no UE: amf 0, no ran-UEID. */
    static Alt gnbUeId(Long ue, String what) throws E2smException {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ue != null && (ue < 0 || ue > MAX_AMF_UE_NGAP_ID)) {
            throw new E2smException("E2SM-RC " + what + ": ue_id " + Long.toUnsignedString(ue)
                    + " does not fit AMF-UE-NGAP-ID (0..2^40-1)");
        }
        m.put("amf-UE-NGAP-ID", ue == null ? 0L : ue);
        m.put("guami", zeroGuami());
        if (ue != null) {
            m.put("ran-UEID", ByteString.copyFrom(java.nio.ByteBuffer.allocate(8).putLong(ue).array()));
        }
        return new Alt("gNB-UEID", m);
    }

    /** The jRIC UE id of a UEID (null: the header names no UE). */
    static Long ueOf(Alt ueId) throws E2smException {
        Map<String, Object> m = RcCodec.map(ueId.value());
        switch (ueId.name()) {
            case "gNB-UEID":
            case "ng-eNB-UEID": {
                ByteString ran = (ByteString) m.get("ran-UEID");
                long amf = (Long) m.get("amf-UE-NGAP-ID");
                if (ran == null && amf == 0 && zeroGuami().equals(m.get("guami")) && m.size() == 2) return null;
                return amf;
            }
            case "gNB-DU-UEID": return (Long) m.get("gNB-CU-UE-F1AP-ID");
            case "gNB-CU-UP-UEID": return (Long) m.get("gNB-CU-CP-UE-E1AP-ID");
            case "ng-eNB-DU-UEID": return (Long) m.get("ng-eNB-CU-UE-W1AP-ID");
            case "en-gNB-UEID": return (Long) m.get("m-eNB-UE-X2AP-ID");
            case "eNB-UEID": return (Long) m.get("mME-UE-S1AP-ID");
            default: throw new E2smException("E2SM-RC control header: UEID alternative " + ueId.name() + " is unknown to jRIC");
        }
    }

    // ---- header ----------------------------------------------------------------------------------------

    static ControlHeader headerToRc(RcControlHeader h, RcControlMessage m) throws E2smException {
        Wire w = wireOf(h, m);
        Long ue = h.hasUeId() ? h.getUeId() : null;
        if (m.hasHandover()) {
            if (ue != null && ue != m.getHandover().getUeId()) {
                throw new E2smException("E2SM-RC handover: header ue_id " + Long.toUnsignedString(ue) + " differs from the handover's ue_id "
                        + Long.toUnsignedString(m.getHandover().getUeId()));
            }
            ue = m.getHandover().getUeId();
        }
        Alt ueId;
        if (m.hasSlicePrbQuota() && ue != null) {
            if (ue < 0 || ue > MAX_F1AP_ID) {
                throw new E2smException("E2SM-RC slice_prb_quota: ue_id " + Long.toUnsignedString(ue) + " does not fit gNB-CU-UE-F1AP-ID (0..2^32-1)");
            }
            ueId = new Alt("gNB-DU-UEID", Map.of("gNB-CU-UE-F1AP-ID", ue));
        } else {
            ueId = gnbUeId(ue, name(m));
        }
        return new ControlHeader(ueId, w.style(), w.action(), null);
    }

    static RcControlHeader headerFromRc(ControlHeader h) throws E2smException {
        Wire j = jricOf(h.styleType(), h.actionId());
        if (j.style() < 0 || j.style() > 0xffffffffL) {
            throw new E2smException("E2SM-RC control header: ric-Style-Type " + j.style() + " outside jRIC's uint32");
        }
        RcControlHeader.Builder b = RcControlHeader.newBuilder().setRicStyleType((int) j.style()).setControlActionId((int) j.action());
        Long ue = ueOf(h.ueId());
        if (ue != null) b.setUeId(ue);
        return b.build();
    }

    // ---- message ---------------------------------------------------------------------------------------

    static ElementTrue octets(ByteString b) {
        return new ElementTrue(new Octets(b));
    }

    static Param p(long id, ValueType t) {
        return new Param(id, t);
    }

    static ByteString nrCgiBytes(NrCgi c, String what) throws E2smException {
        if (c.getPlmnIdentity().size() != 3) {
            throw new E2smException("E2SM-RC " + what + ": PLMN identity of " + c.getPlmnIdentity().size() + " octets (3 expected)");
        }
        if (c.getNrCellIdentity() < 0 || c.getNrCellIdentity() >= (1L << 36)) {
            throw new E2smException("E2SM-RC " + what + ": NR cell identity " + c.getNrCellIdentity() + " does not fit 36 bits");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pLMNIdentity", c.getPlmnIdentity());
        m.put("nRCellIdentity", BitStr.ofLong(c.getNrCellIdentity(), 36));
        return ByteString.copyFrom(Asn.encode(RcSchema.NR_CGI, m));
    }

    static NrCgi nrCgiFrom(Value v, String what) throws E2smException {
        if (!(v instanceof Octets o)) {
            throw new E2smException("E2SM-RC " + what + ": NR CGI is not an OCTET STRING");
        }
        Map<String, Object> m = RcCodec.map(Asn.decode(RcSchema.NR_CGI, o.v().toByteArray()));
        return NrCgi.newBuilder().setPlmnIdentity((ByteString) m.get("pLMNIdentity"))
                .setNrCellIdentity(((BitStr) m.get("nRCellIdentity")).asLong()).build();
    }

    static RcCodec.ControlMessage messageToRc(RcControlMessage m) throws E2smException {
        List<Param> l = new ArrayList<>();
        switch (m.getActionCase()) {
            case HANDOVER:
            {
                Param cgi = p(P_NR_CGI, octets(nrCgiBytes(m.getHandover().getTargetCell(), "handover target_cell")));
                Param nrCell = p(P_NR_CELL, new Structure(List.of(cgi)));
                Param choice = p(P_TARGET_CELL_CHOICE, new Structure(List.of(nrCell)));
                l.add(p(P_TARGET_PRIMARY_CELL, new Structure(List.of(choice))));
            }
                break;
            case SLICE_PRB_QUOTA: {
                SlicePrbQuotaControl s = m.getSlicePrbQuota();
                if (s.getPlmnIdentity().size() != 3) throw new E2smException("E2SM-RC slice_prb_quota: plmn_identity of " + s.getPlmnIdentity().size() + " octets (3 expected)");
                if (s.getSst() > 255) throw new E2smException("E2SM-RC slice_prb_quota: sst " + s.getSst() + " outside 0..255");
                if (s.hasSd() && s.getSd() > 0xffffff) throw new E2smException("E2SM-RC slice_prb_quota: sd " + s.getSd() + " does not fit 24 bits");
                List<Param> snssai = new ArrayList<>();
                snssai.add(p(P_SST, octets(ByteString.copyFrom(new byte[] {(byte) s.getSst()}))));
                if (s.hasSd()) {
                    snssai.add(p(P_SD, octets(ByteString.copyFrom(new byte[] {(byte) (s.getSd() >>> 16), (byte) (s.getSd() >>> 8), (byte) s.getSd()}))));
                }
                Structure member = new Structure(List.of(p(P_RRM_POLICY_MEMBER, new Structure(List.of(
                        p(P_PLMN, octets(s.getPlmnIdentity())), p(P_SNSSAI, new Structure(snssai)))))));
                Structure group = new Structure(List.of(p(P_RRM_POLICY_RATIO_GROUP, new Structure(List.of(
                        p(P_RRM_POLICY, new Structure(List.of(p(P_RRM_POLICY_MEMBER_LIST, new ListOf(List.of(member)))))),
                        p(P_MIN_PRB_RATIO, new ElementFalse(new Int(Integer.toUnsignedLong(s.getMinPrbRatio())))),
                        p(P_MAX_PRB_RATIO, new ElementFalse(new Int(Integer.toUnsignedLong(s.getMaxPrbRatio())))),
                        p(P_DEDICATED_PRB_RATIO, new ElementFalse(new Int(Integer.toUnsignedLong(s.getDedicatedPrbRatio())))))))));
                l.add(p(P_RRM_POLICY_RATIO_LIST, new ListOf(List.of(group))));
                break;
            }
            case CELL_INDIVIDUAL_OFFSET:
                l.add(p(P_JRIC_CELL, octets(nrCgiBytes(m.getCellIndividualOffset().getCell(), "cell_individual_offset cell"))));
                l.add(p(P_JRIC_CIO_DB, new ElementFalse(new RealValue(m.getCellIndividualOffset().getCioDb()))));
                break;
            case TX_POWER:
                l.add(p(P_JRIC_CELL, octets(nrCgiBytes(m.getTxPower().getCell(), "tx_power cell"))));
                l.add(p(P_JRIC_TX_POWER_DBM, new ElementFalse(new RealValue(m.getTxPower().getTxPowerDbm()))));
                break;
            case CELL_SLEEP:
                l.add(p(P_JRIC_CELL, octets(nrCgiBytes(m.getCellSleep().getCell(), "cell_sleep cell"))));
                l.add(p(P_JRIC_SLEEP, new ElementFalse(new RcCodec.Bool(m.getCellSleep().getSleep()))));
                break;
            case A3_HYSTERESIS:
                l.add(p(P_JRIC_CELL, octets(nrCgiBytes(m.getA3Hysteresis().getCell(), "a3_hysteresis cell"))));
                l.add(p(P_JRIC_A3_HYST_DB, new ElementFalse(new RealValue(m.getA3Hysteresis().getHysteresisDb()))));
                break;
            case A3_TIME_TO_TRIGGER:
                l.add(p(P_JRIC_CELL, octets(nrCgiBytes(m.getA3TimeToTrigger().getCell(), "a3_time_to_trigger cell"))));
                l.add(p(P_JRIC_A3_TTT_MS, new ElementFalse(new Int(Integer.toUnsignedLong(m.getA3TimeToTrigger().getTimeToTriggerMs())))));
                break;
            case INTER_FREQUENCY: {
                var f = m.getInterFrequency();
                l.add(p(P_JRIC_CELL, octets(nrCgiBytes(f.getCell(), "inter_frequency cell"))));
                if (f.hasThreshold1Dbm()) l.add(p(P_JRIC_IF_THRESHOLD1_DBM, new ElementFalse(new RealValue(f.getThreshold1Dbm()))));
                if (f.hasThreshold2Dbm()) l.add(p(P_JRIC_IF_THRESHOLD2_DBM, new ElementFalse(new RealValue(f.getThreshold2Dbm()))));
                if (f.hasNrArfcn()) l.add(p(P_JRIC_IF_NR_ARFCN, new ElementFalse(new Int(Integer.toUnsignedLong(f.getNrArfcn())))));
                if (f.hasFrequencyOffsetDb()) l.add(p(P_JRIC_IF_OFFSET_DB, new ElementFalse(new RealValue(f.getFrequencyOffsetDb()))));
                if (l.size() == 1) throw new E2smException("E2SM-RC inter_frequency: nothing to set");
                break;
            }
            default:
                throw new E2smException("E2SM-RC control: the RcControlMessage carries no control");
        }
        return new RcCodec.ControlMessage(l);
    }

    /** The value of an element parameter (ElementTrue or ElementFalse with a value). */
    static Value element(Param p, String what) throws E2smException {
        if (p.valueType() instanceof ElementTrue e) return e.value();
        if (p.valueType() instanceof ElementFalse e && e.value() != null) return e.value();
        throw new E2smException("E2SM-RC " + what + ": RAN parameter " + p.id() + " is not an element with a value");
    }

    static List<Param> structure(Param p, String what) throws E2smException {
        if (p.valueType() instanceof Structure s && s.params() != null) return s.params();
        throw new E2smException("E2SM-RC " + what + ": RAN parameter " + p.id() + " is not a structure with parameters");
    }

    static Param find(List<Param> l, long id, String what, boolean required) throws E2smException {
        for (Param p : l) {
            if (p.id() == id) return p;
        }
        if (required) throw new E2smException("E2SM-RC " + what + ": RAN parameter " + id + " is missing");
        return null;
    }

    static long integer(Value v, String what) throws E2smException {
        if (v instanceof Int i) return i.v();
        throw new E2smException("E2SM-RC " + what + ": INTEGER expected");
    }

    static double real(Value v, String what) throws E2smException {
        if (v instanceof RealValue r) return r.v();
        if (v instanceof Int i) return i.v();
        throw new E2smException("E2SM-RC " + what + ": REAL expected");
    }

    static int u32(long v, String what) throws E2smException {
        if (v < 0 || v > 0xffffffffL) throw new E2smException("E2SM-RC " + what + ": " + v + " outside 0..2^32-1");
        return (int) v;
    }

    static RcControlMessage messageFromRc(ControlHeader h, RcCodec.ControlMessage msg, Long headerUe) throws E2smException {
        List<Param> l = msg.params();
        RcControlMessage.Builder b = RcControlMessage.newBuilder();
        if (h.styleType() == STYLE_MOBILITY && h.actionId() == ACTION_HANDOVER) {
            String w = "handover";
            List<Param> tpc = structure(find(l, P_TARGET_PRIMARY_CELL, w, true), w);
            List<Param> choice = structure(find(tpc, P_TARGET_CELL_CHOICE, w, true), w);
            List<Param> nr = structure(find(choice, P_NR_CELL, w + " (only an NR target cell is mapped)", true), w);
            NrCgi cgi = nrCgiFrom(element(find(nr, P_NR_CGI, w, true), w), w);
            if (headerUe == null) throw new E2smException("E2SM-RC handover: the control header names no UE");
            return b.setHandover(HandoverControl.newBuilder().setUeId(headerUe).setTargetCell(cgi)).build();
        }
        if (h.styleType() == STYLE_RADIO_RESOURCE && h.actionId() == ACTION_SLICE_PRB_QUOTA) {
            String w = "slice_prb_quota";
            Param list = find(l, P_RRM_POLICY_RATIO_LIST, w, true);
            if (!(list.valueType() instanceof ListOf lo) || lo.items().size() != 1 || lo.items().get(0).params() == null) {
                throw new E2smException("E2SM-RC slice_prb_quota: jRIC maps an RRM Policy Ratio List of exactly one group");
            }
            List<Param> group = structure(find(lo.items().get(0).params(), P_RRM_POLICY_RATIO_GROUP, w, true), w);
            List<Param> policy = structure(find(group, P_RRM_POLICY, w, true), w);
            Param ml = find(policy, P_RRM_POLICY_MEMBER_LIST, w, true);
            if (!(ml.valueType() instanceof ListOf members) || members.items().size() != 1 || members.items().get(0).params() == null) {
                throw new E2smException("E2SM-RC slice_prb_quota: jRIC maps an RRM Policy Member List of exactly one member");
            }
            List<Param> member = structure(find(members.items().get(0).params(), P_RRM_POLICY_MEMBER, w, true), w);
            SlicePrbQuotaControl.Builder s = SlicePrbQuotaControl.newBuilder();
            Value plmn = element(find(member, P_PLMN, w, true), w);
            if (!(plmn instanceof Octets po) || po.v().size() != 3) throw new E2smException("E2SM-RC slice_prb_quota: PLMN Identity is not 3 octets");
            s.setPlmnIdentity(po.v());
            List<Param> snssai = structure(find(member, P_SNSSAI, w, true), w);
            Value sst = element(find(snssai, P_SST, w, true), w);
            if (!(sst instanceof Octets so) || so.v().size() != 1) throw new E2smException("E2SM-RC slice_prb_quota: SST is not 1 octet");
            s.setSst(so.v().byteAt(0) & 0xff);
            Param sdp = find(snssai, P_SD, w, false);
            if (sdp != null) {
                if (!(element(sdp, w) instanceof Octets sd) || sd.v().size() != 3) throw new E2smException("E2SM-RC slice_prb_quota: SD is not 3 octets");
                s.setSd(((sd.v().byteAt(0) & 0xff) << 16) | ((sd.v().byteAt(1) & 0xff) << 8) | (sd.v().byteAt(2) & 0xff));
            }
            s.setMinPrbRatio(u32(integer(element(find(group, P_MIN_PRB_RATIO, w, true), w), w + " min"), w));
            s.setMaxPrbRatio(u32(integer(element(find(group, P_MAX_PRB_RATIO, w, true), w), w + " max"), w));
            s.setDedicatedPrbRatio(u32(integer(element(find(group, P_DEDICATED_PRB_RATIO, w, true), w), w + " dedicated"), w));
            return b.setSlicePrbQuota(s).build();
        }
        if (h.styleType() != STYLE_JRIC) {
            throw new E2smException("E2SM-RC style " + h.styleType() + " action " + h.actionId() + " has no jRIC control");
        }
        String w = "style 255 action " + h.actionId();
        NrCgi cell = nrCgiFrom(element(find(l, P_JRIC_CELL, w, true), w), w);
        Param p;
        if ((p = find(l, P_JRIC_CIO_DB, w, false)) != null) {
            return b.setCellIndividualOffset(CellIndividualOffsetControl.newBuilder().setCell(cell).setCioDb((float) real(element(p, w), w))).build();
        }
        if ((p = find(l, P_JRIC_TX_POWER_DBM, w, false)) != null) {
            return b.setTxPower(TxPowerControl.newBuilder().setCell(cell).setTxPowerDbm((float) real(element(p, w), w))).build();
        }
        if ((p = find(l, P_JRIC_SLEEP, w, false)) != null) {
            if (!(element(p, w) instanceof RcCodec.Bool sl)) throw new E2smException("E2SM-RC cell_sleep: BOOLEAN expected");
            return b.setCellSleep(CellSleepControl.newBuilder().setCell(cell).setSleep(sl.v())).build();
        }
        if ((p = find(l, P_JRIC_A3_HYST_DB, w, false)) != null) {
            return b.setA3Hysteresis(A3HysteresisControl.newBuilder().setCell(cell).setHysteresisDb((float) real(element(p, w), w))).build();
        }
        if ((p = find(l, P_JRIC_A3_TTT_MS, w, false)) != null) {
            return b.setA3TimeToTrigger(A3TimeToTriggerControl.newBuilder().setCell(cell)
                    .setTimeToTriggerMs(u32(integer(element(p, w), w), w))).build();
        }
        Param t1 = find(l, P_JRIC_IF_THRESHOLD1_DBM, w, false);
        Param t2 = find(l, P_JRIC_IF_THRESHOLD2_DBM, w, false);
        Param arfcn = find(l, P_JRIC_IF_NR_ARFCN, w, false);
        Param offset = find(l, P_JRIC_IF_OFFSET_DB, w, false);
        if (t1 != null || t2 != null || arfcn != null || offset != null) {
            io.jric.proto.e2sm.rc.v1.InterFrequencyControl.Builder f = io.jric.proto.e2sm.rc.v1.InterFrequencyControl.newBuilder().setCell(cell);
            if (t1 != null) f.setThreshold1Dbm((float) real(element(t1, w), w));
            if (t2 != null) f.setThreshold2Dbm((float) real(element(t2, w), w));
            if (arfcn != null) f.setNrArfcn(u32(integer(element(arfcn, w), w), w));
            if (offset != null) f.setFrequencyOffsetDb((float) real(element(offset, w), w));
            return b.setInterFrequency(f).build();
        }
        throw new E2smException("E2SM-RC " + w + ": no jRIC control parameter in the message");
    }

    // ---- outcome ---------------------------------------------------------------------------------------

    static RcCodec.ControlOutcome outcomeToRc(RcControlOutcome o) {
        List<OutcomeParam> l = new ArrayList<>();
        if (!o.getDetail().isEmpty()) {
            l.add(new OutcomeParam(P_JRIC_DETAIL, new Octets(ByteString.copyFromUtf8(o.getDetail()))));
        }
        if (Double.doubleToRawLongBits(o.getValueAfter()) != 0) {
            l.add(new OutcomeParam(P_JRIC_VALUE_AFTER, new RealValue(o.getValueAfter())));
        }
        return new RcCodec.ControlOutcome(l);
    }

    /**
     * An outcome as jRIC's RcControlOutcome: jRIC's own parameters where present; a node's standard
     * parameters become the detail text ("E2SM-RC outcome: id=value ...") and the first numeric one the
     * value_after.
     */
    static RcControlOutcome outcomeFromRc(RcCodec.ControlOutcome o) {
        RcControlOutcome.Builder b = RcControlOutcome.newBuilder();
        StringBuilder other = new StringBuilder();
        boolean valueSet = false;
        Double firstNumeric = null;
        for (OutcomeParam p : o.params()) {
            if (p.id() == P_JRIC_DETAIL && p.value() instanceof Octets d) {
                b.setDetail(d.v().toString(StandardCharsets.UTF_8));
            } else if (p.id() == P_JRIC_VALUE_AFTER && p.value() instanceof RealValue r) {
                b.setValueAfter(r.v());
                valueSet = true;
            } else {
                other.append(other.length() == 0 ? "E2SM-RC outcome:" : "").append(' ').append(p.id()).append('=').append(text(p.value()));
                if (firstNumeric == null) {
                    if (p.value() instanceof Int i) firstNumeric = (double) i.v();
                    if (p.value() instanceof RealValue r) firstNumeric = r.v();
                }
            }
        }
        if (other.length() > 0) {
            b.setDetail(b.getDetail().isEmpty() ? other.toString() : b.getDetail() + "; " + other);
            if (!valueSet && firstNumeric != null) b.setValueAfter(firstNumeric);
        }
        return b.build();
    }

    static String text(Value v) {
        if (v instanceof RcCodec.Bool x) return String.valueOf(x.v());
        if (v instanceof Int x) return String.valueOf(x.v());
        if (v instanceof RealValue x) return String.valueOf(x.v());
        if (v instanceof RcCodec.Bits x) return "'" + x.v().length() + " bits'";
        if (v instanceof Octets x) return "0x" + java.util.HexFormat.of().formatHex(x.v().toByteArray());
        return "\"" + ((RcCodec.Printable) v).v() + "\"";
    }

}
