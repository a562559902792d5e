package io.jric.server;

import com.google.protobuf.TextFormat;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.ProtocolIe;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ric e2 ...}: E2 tools that need no running RIC. */
@Command(name = "e2", mixinStandardHelpOptions = true, description = "E2 tools (no RIC needed).",
        subcommands = E2Command.Decode.class)
final class E2Command implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ric e2 decode <hex|file>}: an E2AP PDU in APER, as readable text. */
    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Print an E2AP PDU (ASN.1 aligned PER, as real E2 nodes send it) as readable text: the PDU in "
                    + "jRIC's E2AP model, the IEs that model has no field for, and, for bytes that do not decode, the bit "
                    + "position and the reason. The E2SM-KPM and E2SM-RC payloads inside it follow, decoded, or as hex with why they do not decode.")
    static final class Decode implements Callable<Integer> {
        /** Beyond any E2AP PDU a node may send in one SCTP message. */
        private static final long MAX_BYTES = 16L << 20;

        @Parameters(paramLabel = "<hex|file>", description = "The PDU as hex (spaces and a 0x prefix allowed), or a file "
                + "holding it as hex or as raw bytes.")
        String input;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            byte[] pdu = read(input);
            PrintWriter out = spec.commandLine().getOut();
            try {
                E2apAperCodec.Decoded d = E2apAperCodec.decode(pdu);
                out.printf("%s, procedure code %d, criticality %d, %d bytes%n", d.frame().type(), d.frame().procedureCode(),
                        d.frame().criticality(), pdu.length);
                if (d.pdu() != null) {
                    out.print(TextFormat.printer().printToString(d.pdu()));
                    java.util.List<String> sm = io.jric.e2.aper.sm.E2smText.describe(d.pdu());
                    if (!sm.isEmpty()) out.println("E2SM payloads:");
                    for (String line : sm) out.println("  " + line);
                } else {
                    out.println("(a procedure jRIC's E2AP model has no message for; its IEs follow)");
                }
                for (ProtocolIe ie : d.unmappedIes()) {
                    out.printf("IE %d (criticality %d) not in the model: %s%n", ie.id(), ie.criticality(),
                            HexFormat.of().formatHex(ie.value()));
                }
                for (String c : d.droppedComponents()) out.println("dropped (no field in the model): " + c);
                out.flush();
                return 0;
            } catch (AperException e) {
                long bit = e.bitPosition();
                spec.commandLine().getErr().printf("ric: not a decodable E2AP PDU (%d bytes): %s%s%n", pdu.length, e.reason(),
                        bit < 0 ? "" : " at bit " + bit + " (byte " + bit / 8 + ")");
                return 2;
            }
        }

        static byte[] read(String input) throws IOException {
            Path file = Path.of(input);
            byte[] raw;
            if (input.length() < 4096 && Files.isRegularFile(file)) {
                if (Files.size(file) > MAX_BYTES) throw new IllegalArgumentException(input + ": larger than any E2AP PDU (16 MiB)");
                raw = Files.readAllBytes(file);
                String text = new String(raw, StandardCharsets.ISO_8859_1);
                String hex = hexDigits(text);
                return hex != null ? HexFormat.of().parseHex(hex) : raw;
            }
            String hex = hexDigits(input);
            if (hex == null) {
                throw new IllegalArgumentException("'" + (input.length() > 40 ? input.substring(0, 40) + "..." : input)
                        + "' is neither a file nor hex (an even number of 0-9a-f digits; spaces and 0x allowed)");
            }
            return HexFormat.of().parseHex(hex);
        }

        /** The hex digits of {@code s} without spaces and 0x prefixes, or null when it is not (all) hex. */
        private static String hexDigits(String s) {
            String t = s.strip().replaceAll("(?i)0x", "").replaceAll("[\\s:]", "");
            if (t.isEmpty() || t.length() % 2 != 0 || !t.matches("[0-9a-fA-F]+")) return null;
            return t;
        }
    }
}
