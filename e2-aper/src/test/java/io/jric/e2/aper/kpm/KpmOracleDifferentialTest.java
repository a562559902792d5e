package io.jric.e2.aper.kpm;

import io.jric.e2.aper.Real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jric.e2.aper.kpm.Kpm.*;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * KPM v03.00 encodings checked by Erlang/OTP's ASN.1 (../shared/tools/asn1-oracle/oracle, sets kpm3 and
 * sm5): 1,000 random values of each message type and format must decode there, re-encode there
 * identically, carry the model's values in the compared fields, and decode back to the same value in
 * jRIC's codec. Skips where erlc or ../shared is missing. Zero, -0, infinities and NaN REALs are left
 * out: the Erlang decoder does not take them (tested in KpmCodecTest instead).
 */
class KpmOracleDifferentialTest {
    static final int PER_TYPE = Integer.getInteger("jric.oracle.perType", 1000);

    static Path oracleOrSkip() throws Exception {
        // the same discovery as io.jric.e2.aper.OracleDifferentialTest
        Class<?> c = Class.forName("io.jric.e2.aper.OracleDifferentialTest");
        Method m = c.getDeclaredMethod("oracleOrSkip");
        m.setAccessible(true);
        try {
            return (Path) m.invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw e;
        }
    }

    @Test
    void kpmEncodingsDecodeIdenticallyInTheOracle() throws Exception {
        Path oracle = oracleOrSkip();
        KpmRandom g = new KpmRandom(0x4B504DL);
        g.extras = false;
        Map<String, int[]> perType = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Supplier<Object[]>> e : g.all(KpmCodec.Version.V03_00).entrySet()) {
            List<Object> values = new ArrayList<>();
            List<byte[]> enc = new ArrayList<>();
            for (int i = 0; i < PER_TYPE; i++) {
                Object[] x = e.getValue().get();
                values.add(x[0]);
                enc.add((byte[]) x[1]);
            }
            String asnType = e.getKey().contains("/") ? e.getKey().substring(0, e.getKey().indexOf('/')) : e.getKey();
            for (String set : List.of("kpm3", "sm5")) {
                List<String> out = run(oracle, set, asnType, enc);
                assertEquals(enc.size(), out.size());
                int[] counts = perType.computeIfAbsent(e.getKey() + " (" + set + ")", k -> new int[2]);
                for (int i = 0; i < out.size(); i++) {
                    String p = check(values.get(i), enc.get(i), out.get(i), e.getKey());
                    if (p == null) {
                        counts[0]++;
                    } else {
                        counts[1]++;
                        if (failures.size() < 20) failures.add(e.getKey() + " " + set + " #" + i + ": " + p + "\n  " + HexFormat.of().formatHex(enc.get(i)));
                    }
                }
            }
        }
        StringBuilder s = new StringBuilder("KPM oracle-checked encodings (identical+values / mismatches):\n");
        perType.forEach((k, v) -> s.append(String.format("  %-50s %5d / %d%n", k, v[0], v[1])));
        System.out.println(s);
        assertTrue(failures.isEmpty(), s + String.join("\n", failures));
    }

    @SuppressWarnings("unchecked")
    static String check(Object value, byte[] bytes, String line, String type) {
        Map<String, Object> r = (Map<String, Object>) io.jric.e2.aper.JsonAccess.parse(line);
        if (!Boolean.TRUE.equals(r.get("ok"))) return "oracle could not decode: " + r.get("error");
        if (!"identical".equals(r.get("reencoded"))) return "oracle re-encodes differently: " + r.get("reencoded");
        Map<String, Object> v = (Map<String, Object>) r.get("value");
        Object back = KpmRandom.decode(type, bytes, KpmCodec.Version.V03_00);
        if (!value.equals(back)) return "jRIC decodes the oracle-checked bytes to another value";
        String p = compare(value, v);
        return p;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> m(Object o, String k) {
        return (Map<String, Object>) ((Map<String, Object>) o).get(k);
    }

    static Object expectedRecord(RecordItem it) {
        if (it.kind() == 0) return it.integer();
        if (it.kind() == 2) return "noValue";
        byte[] c = Real.contents(it.real());
        int elen = (c[0] & 3) + 1;
        long exp = new BigInteger(java.util.Arrays.copyOfRange(c, 1, 1 + elen)).longValue();
        long man = new BigInteger(1, java.util.Arrays.copyOfRange(c, 1 + elen, c.length)).longValue();
        return List.of((c[0] & 0x40) != 0 ? -man : man, 2L, exp);
    }

    static List<Object> expectedData(List<MeasDataItem> data) {
        List<Object> out = new ArrayList<>();
        for (MeasDataItem d : data) {
            List<Object> rec = new ArrayList<>();
            for (RecordItem it : d.record()) {
                Object e = expectedRecord(it);
                rec.add(it.kind() == 2 ? Map.of("noValue", "NULL") : Map.of(it.kind() == 0 ? "integer" : "real", e));
            }
            out.add(rec);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Object> oracleData(Object measData) {
        List<Object> out = new ArrayList<>();
        for (Object o : (List<Object>) measData) {
            List<Object> rec = new ArrayList<>();
            for (Object it : (List<Object>) ((Map<String, Object>) o).get("measRecord")) {
                Map<String, Object> x = (Map<String, Object>) it;
                rec.add(x.containsKey("noValue") ? Map.of("noValue", "NULL") : x);
            }
            out.add(rec);
        }
        return out;
    }

    static String compare(Object value, Map<String, Object> v) {
        if (value instanceof EventTriggerDefinition e) {
            Object p = m(m(v, "eventDefinition-formats"), "eventDefinition-Format1").get("reportingPeriod");
            return p.equals(e.reportingPeriodMs()) ? null : "reportingPeriod " + p;
        }
        if (value instanceof IndicationHeader h) {
            Map<String, Object> f = m(m(v, "indicationHeader-formats"), "indicationHeader-Format1");
            if (!HexFormat.of().formatHex(h.collectStartTime().toByteArray()).equals(f.get("colletStartTime"))) return "colletStartTime";
            if (!eqStr(h.senderName(), f.get("senderName")) || !eqStr(h.vendorName(), f.get("vendorName"))
                    || !eqStr(h.senderType(), f.get("senderType")) || !eqStr(h.fileFormatVersion(), f.get("fileFormatversion"))) {
                return "header strings " + f;
            }
            return null;
        }
        if (value instanceof RanFunctionDescription d) {
            Map<String, Object> n = m(v, "ranFunction-Name");
            if (!eqStr(d.name().shortName(), n.get("ranFunction-ShortName")) || !eqStr(d.name().oid(), n.get("ranFunction-E2SM-OID"))) return "ranFunction-Name";
            Object rs = v.get("ric-ReportStyle-List");
            int count = rs == null ? -1 : ((List<?>) rs).size();
            if (count != (d.reportStyles() == null ? -1 : d.reportStyles().size())) return "report style count " + count;
            return null;
        }
        if (value instanceof ActionDefinition a) {
            if (!Long.valueOf(a.styleType()).equals(v.get("ric-Style-Type"))) return "ric-Style-Type " + v.get("ric-Style-Type");
            Map<String, Object> f = m(v, "actionDefinition-formats");
            String key = "actionDefinition-Format" + a.format();
            if (!f.containsKey(key)) return "format " + f.keySet();
            ActionFormat1 sub = switch (a.format()) {
                case 1 -> a.f1();
                case 2 -> a.f2().sub();
                case 4 -> a.f4().sub();
                case 5 -> a.f5().sub();
                default -> null;
            };
            if (sub != null) {
                Map<String, Object> s = a.format() == 1 ? m(f, key) : m(m(f, key), a.format() == 2 ? "subscriptInfo" : "subscriptionInfo");
                if (!Long.valueOf(sub.granulPeriodMs()).equals(s.get("granulPeriod"))) return "granulPeriod " + s.get("granulPeriod");
                if (((List<?>) s.get("measInfoList")).size() != sub.measInfo().size()) return "measInfoList size";
            }
            return null;
        }
        IndicationMessage im = (IndicationMessage) value;
        Map<String, Object> f = m(v, "indicationMessage-formats");
        String key = "indicationMessage-Format" + im.format();
        if (!f.containsKey(key)) return "format " + f.keySet();
        Map<String, Object> body = m(f, key);
        if (im.format() == 1) {
            return expectedData(im.f1().data()).equals(oracleData(body.get("measData"))) ? null : "measData " + body.get("measData");
        }
        if (im.format() == 2) {
            return expectedData(im.f2().data()).equals(oracleData(body.get("measData"))) ? null : "measData";
        }
        List<?> reps = (List<?>) body.get("ueMeasReportList");
        for (int i = 0; i < reps.size(); i++) {
            Map<String, Object> rep = m(reps.get(i), "measReport");
            if (!expectedData(im.f3().reports().get(i).report().data()).equals(oracleData(rep.get("measData")))) return "UE report " + i;
            Object amf = m(m(reps.get(i), "ueID"), "gNB-UEID").get("amf-UE-NGAP-ID");
            if (!amf.equals(im.f3().reports().get(i).ue().gnb().amfUeNgapId())) return "amf-UE-NGAP-ID " + amf;
        }
        return null;
    }

    static boolean eqStr(String mine, Object theirs) {
        if (mine == null) return theirs == null;
        if (mine.isEmpty()) return theirs == null || "".equals(theirs) || List.of().equals(theirs);
        return mine.equals(theirs);
    }

    static List<String> run(Path oracle, String set, String type, List<byte[]> enc) throws Exception {
        Process p = new ProcessBuilder(oracle.toString(), "check", set, type).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = new Thread(() -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII))) {
                for (byte[] b : enc) {
                    w.write(HexFormat.of().formatHex(b));
                    w.write('\n');
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        feeder.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) out.add(l);
        }
        feeder.join();
        assertEquals(0, p.waitFor(), "oracle exit code");
        return out;
    }
}
