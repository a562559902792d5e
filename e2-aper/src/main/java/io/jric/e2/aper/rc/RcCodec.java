package io.jric.e2.aper.rc;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.rc.Asn.Alt;
import io.jric.e2.aper.rc.Asn.BitStr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed E2SM-RC v05.00 messages over the {@link RcSchema} descriptors: control header format 1,
 * control message format 1 with its RAN parameter trees, control outcome format 1 and the RAN
 * function definition (name and control styles typed, the other style lists kept as decoded values).
 * Decoding throws {@link AperException} (with the bit position) on bytes that are not a valid
 * encoding; encoding throws it on values outside their constraints.
 */
final class RcCodec {
    private RcCodec() {
    }

    // ---- RAN parameter values --------------------------------------------------------------------

    /** RANParameter-Value. */
    sealed interface Value {
    }

    record Bool(boolean v) implements Value {
    }

    record Int(long v) implements Value {
    }

    /** REAL; equality on the bits of the double (so NaN equals NaN, 0.0 differs from -0.0). */
    record RealValue(double v) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof RealValue r && Double.doubleToLongBits(r.v) == Double.doubleToLongBits(v);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(v);
        }
    }

    record Bits(BitStr v) implements Value {
    }

    record Octets(ByteString v) implements Value {
    }

    record Printable(String v) implements Value {
    }

    /** RANParameter-ValueType. */
    sealed interface ValueType {
    }

    record ElementTrue(Value value) implements ValueType {
    }

    /** value null: absent. */
    record ElementFalse(Value value) implements ValueType {
    }

    /** params null: the structure's sequence-of-ranParameters is absent. */
    record Structure(List<Param> params) implements ValueType {
    }

    record ListOf(List<Structure> items) implements ValueType {
    }

    record Param(long id, ValueType valueType) {
    }

    record OutcomeParam(long id, Value value) {
    }

    // ---- messages ----------------------------------------------------------------------------------

    /** E2SM-RC-ControlHeader format 1; ueId is the UEID CHOICE as decoded; decision null when absent. */
    record ControlHeader(Alt ueId, long styleType, long actionId, String decision) {
    }

    record ControlMessage(List<Param> params) {
    }

    record ControlOutcome(List<OutcomeParam> params) {
    }

    record ParamDef(long id, String name, Object definition) {
    }

    record ControlAction(long id, String name, List<ParamDef> params, String ueGroupSupported) {
    }

    /**
     * One control style; the components jRIC has no use for (call process id format, outcome
     * parameters, additional formats) are kept in {@code rest} as decoded.
     */
    record ControlStyle(long type, String name, List<ControlAction> actions, long headerFormat, long messageFormat,
                        long outcomeFormat, Map<String, Object> rest) {
    }

    record Name(String shortName, String oid, String description, Long instance) {
    }

    /** controlStyles null: no control style list; others: the other lists as decoded (by component name). */
    record Definition(Name name, List<ControlStyle> controlStyles, Map<String, Object> others) {
    }

    // ---- decode / encode -----------------------------------------------------------------------------

    static ControlHeader decodeControlHeader(byte[] b) {
        Alt a = (Alt) map(Asn.decode(RcSchema.CONTROL_HEADER, b)).get("ric-controlHeader-formats");
        if (!a.name().equals("controlHeader-Format1")) {
            throw new AperException(0, "E2SM-RC-ControlHeader " + a.name() + ": only format 1 is mapped");
        }
        Map<String, Object> m = map(a.value());
        return new ControlHeader((Alt) m.get("ueID"), (Long) m.get("ric-Style-Type"), (Long) m.get("ric-ControlAction-ID"),
                (String) m.get("ric-ControlDecision"));
    }

    static byte[] encodeControlHeader(ControlHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ueID", h.ueId());
        m.put("ric-Style-Type", h.styleType());
        m.put("ric-ControlAction-ID", h.actionId());
        if (h.decision() != null) m.put("ric-ControlDecision", h.decision());
        return Asn.encode(RcSchema.CONTROL_HEADER, Map.of("ric-controlHeader-formats", new Alt("controlHeader-Format1", m)));
    }

    static ControlMessage decodeControlMessage(byte[] b) {
        Alt a = (Alt) map(Asn.decode(RcSchema.CONTROL_MESSAGE, b)).get("ric-controlMessage-formats");
        if (!a.name().equals("controlMessage-Format1")) {
            throw new AperException(0, "E2SM-RC-ControlMessage " + a.name() + ": only format 1 is mapped");
        }
        return new ControlMessage(paramsFrom((List<?>) map(a.value()).get("ranP-List")));
    }

    static byte[] encodeControlMessage(ControlMessage msg) {
        return Asn.encode(RcSchema.CONTROL_MESSAGE, Map.of("ric-controlMessage-formats",
                new Alt("controlMessage-Format1", Map.of("ranP-List", paramsTo(msg.params())))));
    }

    static ControlOutcome decodeControlOutcome(byte[] b) {
        Alt a = (Alt) map(Asn.decode(RcSchema.CONTROL_OUTCOME, b)).get("ric-controlOutcome-formats");
        if (!a.name().equals("controlOutcome-Format1")) {
            throw new AperException(0, "E2SM-RC-ControlOutcome " + a.name() + ": only format 1 is mapped");
        }
        List<OutcomeParam> out = new ArrayList<>();
        for (Object o : (List<?>) map(a.value()).get("ranP-List")) {
            Map<String, Object> m = map(o);
            out.add(new OutcomeParam((Long) m.get("ranParameter-ID"), valueFrom((Alt) m.get("ranParameter-value"))));
        }
        return new ControlOutcome(out);
    }

    static byte[] encodeControlOutcome(ControlOutcome o) {
        List<Object> l = new ArrayList<>();
        for (OutcomeParam p : o.params()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ranParameter-ID", p.id());
            m.put("ranParameter-value", valueTo(p.value()));
            l.add(m);
        }
        return Asn.encode(RcSchema.CONTROL_OUTCOME, Map.of("ric-controlOutcome-formats",
                new Alt("controlOutcome-Format1", Map.of("ranP-List", l))));
    }

    static Definition decodeDefinition(byte[] b) {
        return definitionFrom(map(Asn.decode(RcSchema.RAN_FUNCTION_DEFINITION, b)));
    }

    static byte[] encodeDefinition(Definition d) {
        return Asn.encode(RcSchema.RAN_FUNCTION_DEFINITION, definitionTo(d));
    }

    // ---- generic <-> typed -------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    static Value valueFrom(Alt a) {
        Object v = a.value();
        switch (a.name()) {
            case "valueBoolean": return new Bool((Boolean) v);
            case "valueInt": return new Int((Long) v);
            case "valueReal": return new RealValue((Double) v);
            case "valueBitS": return new Bits((BitStr) v);
            case "valueOctS": return new Octets((ByteString) v);
            case "valuePrintableString": return new Printable((String) v);
            default: throw new AperException(0, "RANParameter-Value alternative " + a.name() + " is not known to jRIC");
        }
    }

    static Alt valueTo(Value v) {
        if (v instanceof Bool b) return new Alt("valueBoolean", b.v());
        if (v instanceof Int i) return new Alt("valueInt", i.v());
        if (v instanceof RealValue r) return new Alt("valueReal", r.v());
        if (v instanceof Bits b) return new Alt("valueBitS", b.v());
        if (v instanceof Octets o) return new Alt("valueOctS", o.v());
        return new Alt("valuePrintableString", ((Printable) v).v());
    }

    static ValueType valueTypeFrom(Alt a) {
        Map<String, Object> m = map(a.value());
        switch (a.name()) {
            case "ranP-Choice-ElementTrue": return new ElementTrue(valueFrom((Alt) m.get("ranParameter-value")));
            case "ranP-Choice-ElementFalse": {
                Alt v = (Alt) m.get("ranParameter-value");
                return new ElementFalse(v == null ? null : valueFrom(v));
            }
            case "ranP-Choice-Structure": return structureFrom(map(m.get("ranParameter-Structure")));
            case "ranP-Choice-List": {
                List<Structure> items = new ArrayList<>();
                for (Object s : (List<?>) map(m.get("ranParameter-List")).get("list-of-ranParameter")) {
                    items.add(structureFrom(map(s)));
                }
                return new ListOf(items);
            }
            default: throw new AperException(0, "RANParameter-ValueType alternative " + a.name() + " is not known to jRIC");
        }
    }

    private static Structure structureFrom(Map<String, Object> s) {
        List<?> l = (List<?>) s.get("sequence-of-ranParameters");
        return new Structure(l == null ? null : paramsFrom(l));
    }

    static List<Param> paramsFrom(List<?> l) {
        List<Param> out = new ArrayList<>(l.size());
        for (Object o : l) {
            Map<String, Object> m = map(o);
            out.add(new Param((Long) m.get("ranParameter-ID"), valueTypeFrom((Alt) m.get("ranParameter-valueType"))));
        }
        return out;
    }

    static List<Object> paramsTo(List<Param> params) {
        List<Object> l = new ArrayList<>(params.size());
        for (Param p : params) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ranParameter-ID", p.id());
            m.put("ranParameter-valueType", valueTypeTo(p.valueType()));
            l.add(m);
        }
        return l;
    }

    static Alt valueTypeTo(ValueType t) {
        if (t instanceof ElementTrue e) {
            return new Alt("ranP-Choice-ElementTrue", Map.of("ranParameter-value", valueTo(e.value())));
        }
        if (t instanceof ElementFalse e) {
            return new Alt("ranP-Choice-ElementFalse", e.value() == null ? Map.of() : Map.of("ranParameter-value", valueTo(e.value())));
        }
        if (t instanceof Structure s) {
            return new Alt("ranP-Choice-Structure", Map.of("ranParameter-Structure", structureTo(s)));
        }
        List<Object> items = new ArrayList<>();
        for (Structure s : ((ListOf) t).items()) {
            items.add(structureTo(s));
        }
        return new Alt("ranP-Choice-List", Map.of("ranParameter-List", Map.of("list-of-ranParameter", items)));
    }

    private static Map<String, Object> structureTo(Structure s) {
        return s.params() == null ? Map.of() : Map.of("sequence-of-ranParameters", paramsTo(s.params()));
    }

    static Definition definitionFrom(Map<String, Object> m) {
        Map<String, Object> n = map(m.get("ranFunction-Name"));
        Name name = new Name((String) n.get("ranFunction-ShortName"), (String) n.get("ranFunction-E2SM-OID"),
                (String) n.get("ranFunction-Description"), (Long) n.get("ranFunction-Instance"));
        List<ControlStyle> styles = null;
        Map<String, Object> others = new LinkedHashMap<>(m);
        others.remove("ranFunction-Name");
        Object ctl = others.remove("ranFunctionDefinition-Control");
        if (ctl != null) {
            styles = new ArrayList<>();
            for (Object o : (List<?>) map(ctl).get("ric-ControlStyle-List")) {
                Map<String, Object> s = new LinkedHashMap<>(map(o));
                List<ControlAction> actions = null;
                Object al = s.remove("ric-ControlAction-List");
                if (al != null) {
                    actions = new ArrayList<>();
                    for (Object ao : (List<?>) al) {
                        Map<String, Object> a = map(ao);
                        List<ParamDef> params = null;
                        Object pl = a.get("ran-ControlActionParameters-List");
                        if (pl != null) {
                            params = new ArrayList<>();
                            for (Object po : (List<?>) pl) {
                                Map<String, Object> p = map(po);
                                params.add(new ParamDef((Long) p.get("ranParameter-ID"), (String) p.get("ranParameter-name"),
                                        p.get("ranParameter-Definition")));
                            }
                        }
                        actions.add(new ControlAction((Long) a.get("ric-ControlAction-ID"), (String) a.get("ric-ControlAction-Name"),
                                params, (String) a.get("ueGroup-ControlAction-Supported")));
                    }
                }
                long type = (Long) s.remove("ric-ControlStyle-Type");
                String sname = (String) s.remove("ric-ControlStyle-Name");
                long hf = (Long) s.remove("ric-ControlHeaderFormat-Type");
                long mf = (Long) s.remove("ric-ControlMessageFormat-Type");
                long of = (Long) s.remove("ric-ControlOutcomeFormat-Type");
                styles.add(new ControlStyle(type, sname, actions, hf, mf, of, s));
            }
        }
        return new Definition(name, styles, others);
    }

    static Map<String, Object> definitionTo(Definition d) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("ranFunction-ShortName", d.name().shortName());
        n.put("ranFunction-E2SM-OID", d.name().oid());
        n.put("ranFunction-Description", d.name().description());
        if (d.name().instance() != null) n.put("ranFunction-Instance", d.name().instance());
        m.put("ranFunction-Name", n);
        m.putAll(d.others());
        if (d.controlStyles() != null) {
            List<Object> styles = new ArrayList<>();
            for (ControlStyle s : d.controlStyles()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("ric-ControlStyle-Type", s.type());
                sm.put("ric-ControlStyle-Name", s.name());
                if (s.actions() != null) {
                    List<Object> al = new ArrayList<>();
                    for (ControlAction a : s.actions()) {
                        Map<String, Object> am = new LinkedHashMap<>();
                        am.put("ric-ControlAction-ID", a.id());
                        am.put("ric-ControlAction-Name", a.name());
                        if (a.params() != null) {
                            List<Object> pl = new ArrayList<>();
                            for (ParamDef p : a.params()) {
                                Map<String, Object> pm = new LinkedHashMap<>();
                                pm.put("ranParameter-ID", p.id());
                                pm.put("ranParameter-name", p.name());
                                if (p.definition() != null) pm.put("ranParameter-Definition", p.definition());
                                pl.add(pm);
                            }
                            am.put("ran-ControlActionParameters-List", pl);
                        }
                        if (a.ueGroupSupported() != null) am.put("ueGroup-ControlAction-Supported", a.ueGroupSupported());
                        al.add(am);
                    }
                    sm.put("ric-ControlAction-List", al);
                }
                sm.put("ric-ControlHeaderFormat-Type", s.headerFormat());
                sm.put("ric-ControlMessageFormat-Type", s.messageFormat());
                sm.put("ric-ControlOutcomeFormat-Type", s.outcomeFormat());
                sm.putAll(s.rest());
                styles.add(sm);
            }
            m.put("ranFunctionDefinition-Control", Map.of("ric-ControlStyle-List", styles));
        }
        return m;
    }
}
