package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.e2.aper.E2apAperCodec;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.ResetRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ric e2 decode}: an APER PDU as text; bytes that do not decode named with their bit position. */
class E2DecodeCommandTest {
    private static final byte[] RESET = E2apAperCodec.encode(E2apPdu.newBuilder().setInitiatingMessage(
            InitiatingMessage.newBuilder().setCriticality(Criticality.CRITICALITY_REJECT).setResetRequest(
                    ResetRequest.newBuilder().setTransactionId(42).setCause(Cause.newBuilder()
                            .setMisc(CauseMisc.CAUSE_MISC_OM_INTERVENTION)))).build());

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = RicMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void hexOnTheCommandLineAndInAFileDecodeToTheModel() throws Exception {
        String hex = HexFormat.of().formatHex(RESET);
        Run r = run("e2", "decode", hex);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("INITIATING_MESSAGE") && r.out().contains("reset_request")
                && r.out().contains("transaction_id: 42") && r.out().contains("CAUSE_MISC_OM_INTERVENTION"), r.out());
        Path f = Files.writeString(Files.createTempFile("pdu", ".hex"), "0x" + hex.substring(0, 4) + " " + hex.substring(4) + "\n");
        assertEquals(r.out(), run("e2", "decode", f.toString()).out());
        Path bin = Files.write(Files.createTempFile("pdu", ".bin"), RESET);
        assertEquals(r.out(), run("e2", "decode", bin.toString()).out());
    }

    @Test
    void bytesThatDoNotDecodeAreNamedWithTheirPosition() {
        Run r = run("e2", "decode", HexFormat.of().formatHex(Arrays.copyOf(RESET, RESET.length - 3)));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ric: not a decodable E2AP PDU (" + (RESET.length - 3) + " bytes): ")
                && r.err().contains(" at bit "), r.err());
        Run notHex = run("e2", "decode", "xyz");
        assertEquals(2, notHex.code());
        assertTrue(notHex.err().contains("neither a file nor hex"), notHex.err());
    }
}
