package io.jric.e2.aper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jric.proto.e2.v1.E2apPdu;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
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
 * Differential test against an independent APER implementation (Erlang/OTP's ASN.1 compiler, through
 * ../shared/tools/asn1-oracle/oracle): 1,000 random valid PDUs of every supported message type are encoded
 * by jRIC and checked in one batch; each must decode there, re-encode there to identical bytes, and carry
 * the values of jRIC's model. Skips where erlc or the shared directory is missing. The shared directory is
 * -Djric.shared.dir, or ../shared relative to the project root.
 */
class OracleDifferentialTest {
    static final int PER_TYPE = Integer.getInteger("jric.oracle.perType", 1000);

    static Path sharedDir() {
        String p = System.getProperty("jric.shared.dir");
        if (p != null) {
            return Path.of(p);
        }
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("../shared/tools/asn1-oracle"))) {
                return dir.resolve("../shared").normalize();
            }
        }
        return null;
    }

    /** The oracle script, or a skipped test saying what is missing. */
    static Path oracleOrSkip() {
        assumeTrue(onPath("erlc"), "skipped: erlc not found (apt-get install -y erlang-asn1) - the APER oracle needs Erlang/OTP's ASN.1 compiler");
        Path shared = sharedDir();
        assumeTrue(shared != null, "skipped: ../shared (or -Djric.shared.dir) with tools/asn1-oracle not found");
        Path oracle = shared.resolve("tools/asn1-oracle/oracle");
        assumeTrue(Files.isExecutable(oracle), "skipped: " + oracle + " is not executable");
        return oracle;
    }

    static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, exe))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void jricEncodingsDecodeIdenticallyInTheOracleWithTheSameValues() throws Exception {
        Path oracle = oracleOrSkip();

        RandomPdus gen = new RandomPdus(0xE2A9E5L);
        List<String> types = new ArrayList<>();
        List<E2apPdu> pdus = new ArrayList<>();
        List<byte[]> encodings = new ArrayList<>();
        for (Map.Entry<String, Supplier<E2apPdu>> e : gen.all().entrySet()) {
            for (int i = 0; i < PER_TYPE; i++) {
                E2apPdu pdu = e.getValue().get();
                types.add(e.getKey());
                pdus.add(pdu);
                encodings.add(E2apAperCodec.encode(pdu));
            }
        }

        List<String> out = runOracle(oracle, encodings);
        assertEquals(encodings.size(), out.size(), "one oracle answer per PDU");

        Map<String, int[]> perType = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            String type = types.get(i);
            int[] counts = perType.computeIfAbsent(type, k -> new int[2]);
            String problem = check(pdus.get(i), encodings.get(i), out.get(i));
            if (problem == null) {
                counts[0]++;
            } else {
                counts[1]++;
                if (failures.size() < 20) {
                    failures.add(type + " #" + i + ": " + problem + "\n  jRIC: " + HexFormat.of().formatHex(encodings.get(i)));
                }
            }
        }
        StringBuilder summary = new StringBuilder("oracle-checked PDUs per message type (identical+values / mismatches):\n");
        perType.forEach((k, v) -> summary.append(String.format("  %-40s %5d / %d%n", k, v[0], v[1])));
        System.out.println(summary);
        assertTrue(failures.isEmpty(), summary + String.join("\n", failures));
        perType.forEach((k, v) -> assertEquals(PER_TYPE, v[0], k));
    }

    /** The comparison itself can fail: a model value that differs, and bytes the oracle cannot decode, are reported. */
    @Test
    void theComparisonNoticesDifferences() throws Exception {
        Path oracle = oracleOrSkip();
        RandomPdus gen = new RandomPdus(3);
        E2apPdu pdu = gen.all().get("RICindication").get();
        byte[] bytes = E2apAperCodec.encode(pdu);
        byte[] broken = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        List<String> out = runOracle(oracle, List.of(bytes, broken));
        assertEquals(null, check(pdu, bytes, out.get(0)));
        E2apPdu other = pdu.toBuilder().setInitiatingMessage(pdu.getInitiatingMessage().toBuilder()
                .setRicIndication(pdu.getInitiatingMessage().getRicIndication().toBuilder().setRicActionId(
                        (pdu.getInitiatingMessage().getRicIndication().getRicActionId() + 1) % 256))).build();
        String diff = check(other, bytes, out.get(0));
        assertTrue(diff != null && diff.startsWith("IE 15"), diff);
        String bad = check(pdu, broken, out.get(1));
        assertTrue(bad != null && bad.startsWith("oracle could not decode"), bad);
    }

    /** null when the oracle decoded the PDU, re-encoded it identically, and its values are the model's. */
    @SuppressWarnings("unchecked")
    static String check(E2apPdu pdu, byte[] bytes, String line) {
        Map<String, Object> r = (Map<String, Object>) Json.parse(line);
        if (!Boolean.TRUE.equals(r.get("ok"))) {
            return "oracle could not decode: " + r.get("error");
        }
        if (!"identical".equals(r.get("reencoded"))) {
            return "oracle re-encodes differently: " + r.get("reencoded");
        }
        Map<String, Object> v = (Map<String, Object>) r.get("value");
        Map<String, Object> msg = (Map<String, Object>) v.get(OracleExpect.pduKey(pdu));
        if (msg == null) {
            return "PDU type differs: " + v.keySet();
        }
        E2apFrame frame = E2apFrame.decode(bytes);
        if (((Long) msg.get("procedureCode")) != frame.procedureCode()) {
            return "procedureCode " + msg.get("procedureCode");
        }
        if (!OracleExpect.CRIT[OracleExpect.criticality(pdu)].equals(msg.get("criticality"))) {
            return "criticality " + msg.get("criticality");
        }
        List<Object> ies = (List<Object>) ((Map<String, Object>) msg.get("value")).get("protocolIEs");
        Map<Long, Object> expected = OracleExpect.expectedIes(pdu);
        Map<Long, Object> seen = new LinkedHashMap<>();
        for (Object o : ies) {
            Map<String, Object> ie = (Map<String, Object>) o;
            seen.put((Long) ie.get("id"), ie.get("value"));
        }
        for (Map.Entry<Long, Object> e : expected.entrySet()) {
            if (!seen.containsKey(e.getKey())) {
                return "IE " + e.getKey() + " missing in the oracle's value";
            }
            if (!e.getValue().equals(seen.get(e.getKey()))) {
                return "IE " + e.getKey() + ": oracle " + seen.get(e.getKey()) + ", model " + e.getValue();
            }
        }
        return null;
    }

    static List<String> runOracle(Path oracle, List<byte[]> encodings) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(oracle.toString(), "check", "e2ap", "E2AP-PDU");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII))) {
                HexFormat hf = HexFormat.of();
                for (byte[] b : encodings) {
                    w.write(hf.formatHex(b));
                    w.write('\n');
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "oracle-feeder");
        feeder.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
            }
        }
        feeder.join();
        int rc = p.waitFor();
        assertEquals(0, rc, "oracle exit code");
        return out;
    }
}
