package io.jric.e2.aper.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.TestBridge;
import io.jric.e2.aper.rc.Asn.Alt;
import io.jric.e2.aper.rc.Asn.BitStr;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * E2SM-RC v05.00 against Erlang/OTP's ASN.1 compiler (../shared/tools/asn1-oracle, set sm5): 1,000
 * random values of each message type jRIC encodes are checked in one batch per type; each must decode
 * there, re-encode identically, and carry the same values component by component; the checked bytes
 * decode back with jRIC's codec to the value that made them. Skips where erlc or ../shared is missing.
 * REAL zero and the special values are not generated here: Erlang's PER REAL decoder fails on them
 * (they are covered by RcCodecTest).
 */
class RcOracleTest {
    static final int PER_TYPE = Integer.getInteger("jric.oracle.perType", 1000);

    record Kind(String asn1Type, Asn.Type type) {
    }

    @Test
    void jricEncodingsDecodeIdenticallyInTheOracleWithTheSameValues() throws Exception {
        Path oracle = TestBridge.oracleOrSkip();
        RcRandom g = new RcRandom(0xE25C05L, true);
        Map<String, Function<RcRandom, Object>> gens = new java.util.LinkedHashMap<>();
        gens.put("E2SM-RC-RANFunctionDefinition", x -> RcCodec.definitionTo(x.definition()));
        gens.put("E2SM-RC-ControlHeader", x -> Map.of("ric-controlHeader-formats", new Alt("controlHeader-Format1", headerMap(x.header()))));
        gens.put("E2SM-RC-ControlMessage", x -> Map.of("ric-controlMessage-formats", new Alt("controlMessage-Format1",
                Map.of("ranP-List", RcCodec.paramsTo(x.message().params())))));
        gens.put("E2SM-RC-ControlOutcome", x -> RcCodec.map(Asn.decode(RcSchema.CONTROL_OUTCOME, RcCodec.encodeControlOutcome(x.outcome()))));
        Map<String, Asn.Type> types = Map.of("E2SM-RC-RANFunctionDefinition", RcSchema.RAN_FUNCTION_DEFINITION,
                "E2SM-RC-ControlHeader", RcSchema.CONTROL_HEADER, "E2SM-RC-ControlMessage", RcSchema.CONTROL_MESSAGE,
                "E2SM-RC-ControlOutcome", RcSchema.CONTROL_OUTCOME);
        StringBuilder summary = new StringBuilder("oracle-checked E2SM-RC values per type (identical+values / mismatches):\n");
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Function<RcRandom, Object>> e : gens.entrySet()) {
            Asn.Type t = types.get(e.getKey());
            List<Object> values = new ArrayList<>();
            List<byte[]> enc = new ArrayList<>();
            for (int i = 0; i < PER_TYPE; i++) {
                Object v = e.getValue().apply(g);
                values.add(v);
                enc.add(Asn.encode(t, v));
            }
            List<String> out = run(oracle, e.getKey(), enc);
            assertEquals(enc.size(), out.size());
            int ok = 0;
            for (int i = 0; i < out.size(); i++) {
                String problem = check(values.get(i), out.get(i));
                if (problem == null && !Asn.decode(t, enc.get(i)).equals(values.get(i))) {
                    problem = "jRIC decodes the checked bytes to another value";
                }
                if (problem == null) {
                    ok++;
                } else if (failures.size() < 10) {
                    failures.add(e.getKey() + " #" + i + ": " + problem + "\n  jRIC: " + HexFormat.of().formatHex(enc.get(i)));
                }
            }
            summary.append(String.format("  %-32s %5d / %d%n", e.getKey(), ok, out.size() - ok));
        }
        System.out.println(summary);
        assertTrue(failures.isEmpty(), summary + String.join("\n", failures));
    }

    /** The handover jRIC sends: style 3 action 1 in the header; the target NR CGI inside parameter 1/2/3/4, itself an NR-CGI. */
    @Test
    void handoverAsTheOracleSeesIt() throws Exception {
        Path oracle = TestBridge.oracleOrSkip();
        Object[] c = RcMappingTest.controls().get(0);
        var req = RcMappingTest.ricSide().controlToNode(RcMappingTest.request((io.jric.proto.e2sm.rc.v1.RcControlHeader) c[0],
                (io.jric.proto.e2sm.rc.v1.RcControlMessage) c[1]));
        String h = run(oracle, "E2SM-RC-ControlHeader", List.of(req.getRicControlHeader().toByteArray())).get(0);
        assertTrue(h.contains("\"ric-Style-Type\":3") && h.contains("\"ric-ControlAction-ID\":1") && h.contains("\"amf-UE-NGAP-ID\":42")
                && h.contains("\"reencoded\":\"identical\""), h);
        String m = run(oracle, "E2SM-RC-ControlMessage", List.of(req.getRicControlMessage().toByteArray())).get(0);
        assertTrue(m.contains("\"reencoded\":\"identical\""), m);
        String cgiHex = HexFormat.of().formatHex(RcMapping.nrCgiBytes(RcMappingTest.CELL, "test").toByteArray());
        assertTrue(m.contains("\"ranParameter-ID\":4,\"ranParameter-valueType\":{\"ranP-Choice-ElementTrue\":{\"ranParameter-value\":{\"valueOctS\":\"" + cgiHex + "\""), m);
        String cgi = run(oracle, "NR-CGI", List.of(HexFormat.of().parseHex(cgiHex))).get(0);
        assertTrue(cgi.contains("\"nRCellIdentity\":\"'111111111111111111111111111111111111'B\"") && cgi.contains("\"pLMNIdentity\":\"00f110\""), cgi);
    }

    static Map<String, Object> headerMap(RcCodec.ControlHeader h) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("ueID", h.ueId());
        m.put("ric-Style-Type", h.styleType());
        m.put("ric-ControlAction-ID", h.actionId());
        if (h.decision() != null) m.put("ric-ControlDecision", h.decision());
        return m;
    }

    /** null when the oracle decoded, re-encoded identically and its value equals jRIC's. */
    @SuppressWarnings("unchecked")
    static String check(Object value, String line) {
        Map<String, Object> r = (Map<String, Object>) TestBridge.json(line);
        if (!Boolean.TRUE.equals(r.get("ok"))) return "oracle could not decode: " + r.get("error");
        if (!"identical".equals(r.get("reencoded"))) return "oracle re-encodes differently: " + r.get("reencoded");
        Object expected = json(value);
        Object seen = r.get("value");
        return expected.equals(seen) ? null : "values differ:\n  oracle " + seen + "\n  jRIC   " + expected;
    }

    /** jRIC's generic value as the oracle's JSON shows it. */
    static Object json(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            // ENUMERATED {true, false, ...}: Erlang's atoms true/false print as JSON booleans
            m.forEach((k, x) -> out.put((String) k, "ueGroup-ControlAction-Supported".equals(k) ? Boolean.valueOf((String) x) : json(x)));
            return out;
        }
        if (v instanceof Alt a) return Map.of(a.name(), json(a.value()));
        if (v instanceof List<?> l) return l.stream().map(RcOracleTest::json).toList();
        if (v instanceof ByteString b) return HexFormat.of().formatHex(b.toByteArray());
        if (v instanceof BitStr b) {
            if (b.length() % 8 == 0) return HexFormat.of().formatHex(b.bits().toByteArray());
            StringBuilder sb = new StringBuilder("'");
            for (int i = 0; i < b.length(); i++) sb.append((b.bits().byteAt(i >>> 3) >>> (7 - (i & 7))) & 1);
            return sb.append("'B").toString();
        }
        if (v instanceof Double d) {
            // Erlang shows a binary REAL as [mantissa, 2, exponent], the canonical odd mantissa
            long bits = Double.doubleToRawLongBits(d);
            int rawExp = (int) ((bits >>> 52) & 0x7ff);
            long mant = bits & 0xfffffffffffffL;
            int exp = rawExp == 0 ? -1074 : rawExp - 1075;
            if (rawExp != 0) mant |= 1L << 52;
            int tz = Long.numberOfTrailingZeros(mant);
            return List.of((d < 0 ? -1 : 1) * (mant >>> tz), 2L, (long) (exp + tz));
        }
        return v;
    }

    static List<String> run(Path oracle, String type, List<byte[]> encodings) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(oracle.toString(), "check", "sm5", type);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII))) {
                for (byte[] b : encodings) {
                    w.write(HexFormat.of().formatHex(b));
                    w.write('\n');
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "rc-oracle-feeder");
        feeder.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) out.add(line);
        }
        feeder.join();
        assertEquals(0, p.waitFor(), "oracle exit code");
        return out;
    }
}
