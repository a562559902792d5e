package io.jric.e2.aper.rc;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.rc.Asn.Alt;
import io.jric.e2.aper.rc.Asn.BitStr;
import io.jric.e2.aper.rc.RcCodec.ControlAction;
import io.jric.e2.aper.rc.RcCodec.ControlHeader;
import io.jric.e2.aper.rc.RcCodec.ControlMessage;
import io.jric.e2.aper.rc.RcCodec.ControlOutcome;
import io.jric.e2.aper.rc.RcCodec.ControlStyle;
import io.jric.e2.aper.rc.RcCodec.Definition;
import io.jric.e2.aper.rc.RcCodec.OutcomeParam;
import io.jric.e2.aper.rc.RcCodec.Param;
import io.jric.e2.aper.rc.RcCodec.ParamDef;
import io.jric.e2.aper.rc.RcCodec.Structure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random valid E2SM-RC values, range edges included. oracleSafe: no REAL zero/special values (Erlang's PER REAL decoder fails on them). */
final class RcRandom {
    final Random r;
    final boolean oracleSafe;

    RcRandom(long seed, boolean oracleSafe) {
        this.r = new Random(seed);
        this.oracleSafe = oracleSafe;
    }

    long pick(long... v) {
        return v[r.nextInt(v.length)];
    }

    long range(long lb, long ub) {
        switch (r.nextInt(4)) {
            case 0: return lb;
            case 1: return ub;
            default: return lb + (long) (r.nextDouble() * (ub - lb));
        }
    }

    long anyLong() {
        switch (r.nextInt(5)) {
            case 0: return pick(0, 1, -1, 127, 128, -128, -129, 255, 256, 65535, 65536);
            case 1: return pick(Long.MAX_VALUE, Long.MIN_VALUE);
            default: return r.nextLong() >> r.nextInt(64);
        }
    }

    ByteString bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return ByteString.copyFrom(b);
    }

    BitStr bits(int n) {
        return new BitStr(bytes((n + 7) / 8), n);
    }

    String printable(int min, int max) {
        String a = "ABCXYZabcxyz0189 '()+,-./:=?";
        int n = min + r.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(a.charAt(r.nextInt(a.length())));
        return sb.toString();
    }

    double real() {
        if (!oracleSafe && r.nextInt(8) == 0) {
            return new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(5)];
        }
        switch (r.nextInt(5)) {
            case 0: return pick(1, -1, 3, 1000) * 1.0;
            case 1: return (float) (r.nextGaussian() * 30);
            case 2: return Double.MIN_VALUE * (1 + r.nextInt(3));
            case 3: return r.nextBoolean() ? Double.MAX_VALUE : -Double.MIN_NORMAL;
            default: return Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL) * (r.nextBoolean() ? 1 : -1);
        }
    }

    RcCodec.Value value() {
        switch (r.nextInt(6)) {
            case 0: return new RcCodec.Bool(r.nextBoolean());
            case 1: return new RcCodec.Int(anyLong());
            case 2: return new RcCodec.RealValue(real());
            case 3: return new RcCodec.Bits(bits(r.nextInt(4) == 0 ? 0 : r.nextInt(80)));
            case 4: return new RcCodec.Octets(bytes(r.nextInt(4) == 0 ? 0 : r.nextInt(300)));
            default: return new RcCodec.Printable(printable(oracleSafe ? 1 : 0, 40));
        }
    }

    long paramId() {
        return r.nextInt(5) == 0 ? pick(1, 4294967295L) : 1 + r.nextInt(100000);
    }

    RcCodec.ValueType valueType(int depth) {
        int k = depth >= 3 ? r.nextInt(2) : r.nextInt(4);
        switch (k) {
            case 0: return new RcCodec.ElementTrue(value());
            case 1: return new RcCodec.ElementFalse(r.nextBoolean() ? value() : null);
            case 2: return structure(depth + 1);
            default: {
                List<Structure> l = new ArrayList<>();
                int n = 1 + r.nextInt(3);
                for (int i = 0; i < n; i++) l.add(structure(depth + 1));
                return new RcCodec.ListOf(l);
            }
        }
    }

    Structure structure(int depth) {
        if (r.nextInt(6) == 0) return new Structure(null);
        return new Structure(params(1 + r.nextInt(3), depth));
    }

    List<Param> params(int n, int depth) {
        List<Param> l = new ArrayList<>();
        for (int i = 0; i < n; i++) l.add(new Param(paramId(), valueType(depth)));
        return l;
    }

    Map<String, Object> guami() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("pLMNIdentity", bytes(3));
        g.put("aMFRegionID", bits(8));
        g.put("aMFSetID", bits(10));
        g.put("aMFPointer", bits(6));
        return g;
    }

    Alt cgi() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pLMNIdentity", bytes(3));
        if (r.nextBoolean()) {
            m.put("nRCellIdentity", bits(36));
            return new Alt("nR-CGI", m);
        }
        m.put("eUTRACellIdentity", bits(28));
        return new Alt("eUTRA-CGI", m);
    }

    Map<String, Object> cellRnti() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("c-RNTI", range(0, 65535));
        m.put("cell-Global-ID", cgi());
        return m;
    }

    Map<String, Object> globalGnb() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pLMNIdentity", bytes(3));
        m.put("gNB-ID", new Alt("gNB-ID", bits((int) range(22, 32))));
        return m;
    }

    Alt ueId() {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (r.nextInt(4)) {
            case 0:
            case 1:
                m.put("amf-UE-NGAP-ID", range(0, (1L << 40) - 1));
                m.put("guami", guami());
                if (r.nextBoolean()) {
                    List<Object> l = new ArrayList<>();
                    for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) l.add(Map.of("gNB-CU-UE-F1AP-ID", range(0, 4294967295L)));
                    m.put("gNB-CU-UE-F1AP-ID-List", l);
                }
                if (r.nextBoolean()) m.put("gNB-CU-CP-UE-E1AP-ID-List", List.of(Map.of("gNB-CU-CP-UE-E1AP-ID", range(0, 4294967295L))));
                if (r.nextBoolean()) m.put("ran-UEID", bytes(8));
                if (r.nextBoolean()) m.put("m-NG-RAN-UE-XnAP-ID", range(0, 4294967295L));
                if (r.nextBoolean()) m.put("globalGNB-ID", globalGnb());
                if (r.nextInt(4) == 0) m.put("globalNG-RANNode-ID", new Alt("gNB", globalGnb()));
                if (r.nextInt(4) == 0) m.put("cell-RNTI", cellRnti());
                return new Alt("gNB-UEID", m);
            case 2:
                m.put("gNB-CU-UE-F1AP-ID", range(0, 4294967295L));
                if (r.nextBoolean()) m.put("ran-UEID", bytes(8));
                if (r.nextInt(3) == 0) m.put("cell-RNTI", cellRnti());
                return new Alt("gNB-DU-UEID", m);
            default:
                m.put("gNB-CU-CP-UE-E1AP-ID", range(0, 4294967295L));
                if (r.nextBoolean()) m.put("ran-UEID", bytes(8));
                return new Alt("gNB-CU-UP-UEID", m);
        }
    }

    ControlHeader header() {
        return new ControlHeader(ueId(), r.nextInt(5) == 0 ? anyLong() : range(1, 255), range(1, 65535),
                r.nextInt(3) == 0 ? null : r.nextBoolean() ? "accept" : "reject");
    }

    ControlMessage message() {
        return new ControlMessage(params(r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(4), 0));
    }

    ControlOutcome outcome() {
        List<OutcomeParam> l = new ArrayList<>();
        for (int i = 0, n = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(5); i < n; i++) l.add(new OutcomeParam(paramId(), value()));
        return new ControlOutcome(l);
    }

    List<ParamDef> paramDefs() {
        List<ParamDef> l = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            Object def = null;
            if (r.nextInt(3) == 0) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("ranParameter-ID", paramId());
                item.put("ranParameter-name", printable(1, 20));
                def = Map.of("ranParameter-Definition-Choice", new Alt(r.nextBoolean() ? "choiceSTRUCTURE" : "choiceLIST",
                        Map.of(r.nextBoolean() ? "ranParameter-STRUCTURE" : "ranParameter-List", List.of(item))));
                // fix the component name to the alternative
                Alt a = (Alt) ((Map<?, ?>) def).get("ranParameter-Definition-Choice");
                def = Map.of("ranParameter-Definition-Choice", new Alt(a.name(),
                        Map.of(a.name().equals("choiceSTRUCTURE") ? "ranParameter-STRUCTURE" : "ranParameter-List", List.of(item))));
            }
            l.add(new ParamDef(paramId(), printable(1, 150), def));
        }
        return l;
    }

    Definition definition() {
        RcCodec.Name name = new RcCodec.Name(printable(1, 150), r.nextBoolean() ? "1.3.6.1.4.1.53148.1.1.2.3" : printable(1, 200),
                printable(1, 150), r.nextBoolean() ? null : anyLong());
        List<ControlStyle> styles = null;
        if (r.nextInt(5) != 0) {
            styles = new ArrayList<>();
            for (int s = 0, n = 1 + r.nextInt(3); s < n; s++) {
                List<ControlAction> actions = null;
                if (r.nextInt(5) != 0) {
                    actions = new ArrayList<>();
                    for (int a = 0, k = 1 + r.nextInt(3); a < k; a++) {
                        actions.add(new ControlAction(range(1, 65535), printable(1, 60), r.nextBoolean() ? paramDefs() : null,
                                r.nextInt(4) == 0 ? (r.nextBoolean() ? "true" : "false") : null));
                    }
                }
                Map<String, Object> rest = new LinkedHashMap<>();
                if (r.nextBoolean()) rest.put("ric-CallProcessIDFormat-Type", range(1, 3));
                if (r.nextInt(3) == 0) {
                    List<Object> l = new ArrayList<>();
                    for (ParamDef p : paramDefs()) {
                        Map<String, Object> pm = new LinkedHashMap<>();
                        pm.put("ranParameter-ID", p.id());
                        pm.put("ranParameter-name", p.name());
                        l.add(pm);
                    }
                    rest.put("ran-ControlOutcomeParameters-List", l);
                }
                styles.add(new ControlStyle(range(1, 255), printable(1, 60), actions, range(1, 4), range(1, 5), range(1, 3), rest));
            }
        }
        Map<String, Object> others = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ric-ReportStyle-Type", range(1, 6));
            item.put("ric-ReportStyle-Name", printable(1, 30));
            item.put("ric-SupportedEventTriggerStyle-Type", range(1, 5));
            item.put("ric-ReportActionFormat-Type", 1L);
            item.put("ric-IndicationHeaderFormat-Type", 1L);
            item.put("ric-IndicationMessageFormat-Type", range(1, 6));
            others.put("ranFunctionDefinition-Report", Map.of("ric-ReportStyle-List", List.of(item)));
        }
        if (r.nextBoolean()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ric-EventTriggerStyle-Type", range(1, 5));
            item.put("ric-EventTriggerStyle-Name", printable(1, 30));
            item.put("ric-EventTriggerFormat-Type", range(1, 5));
            others.put("ranFunctionDefinition-EventTrigger", Map.of("ric-EventTriggerStyle-List", List.of(item)));
        }
        return new Definition(name, styles, others);
    }
}
