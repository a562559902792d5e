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

    /**
     * The E2SM payloads inside a PDU are printed too: the Radisys E2 Setup (onos-e2t's vector) shows its KPM
     * definition decoded in the v02 layout and its RC definition as hex with the bit where it stops; a RIC
     * Control made by the RC family shows its E2SM-RC v05.00 header and message.
     */
    @Test
    void e2smPayloadsArePrintedDecodedOrWithWhyNot() throws Exception {
        java.nio.file.Path vector = java.nio.file.Path.of("../../e2-aper/src/test/resources/vectors/radisys-e2setup-request.hex");
        Run setup = run("e2", "decode", vector.toString());
        assertEquals(0, setup.code(), setup.err());
        assertTrue(setup.out().contains("E2SM payloads:"), setup.out());
        assertTrue(setup.out().contains("E2SM-KPM v02 RANfunction-Description (node list layout)"), setup.out());
        assertTrue(setup.out().contains("not E2SM-RC v05.00 RANFunctionDefinition (bit "), setup.out());

        var rc = io.jric.e2.aper.sm.E2smFamilies.forOid("1.3.6.1.4.1.53148.1.1.2.3");
        var ric = rc.ricSide(rc.nodeSide("v05.00").definitionToAper(io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition.newBuilder()
                .setRanFunctionShortName("ORAN-E2SM-RC").addControlActions(io.jric.proto.e2sm.rc.v1.RcControlActionDefinition.newBuilder()
                        .setRicStyleType(3).setControlActionId(1).setControlActionName("Handover Control")).build().toByteString()));
        io.jric.proto.e2.v1.RicControlRequest control = ric.controlToNode(io.jric.proto.e2.v1.RicControlRequest.newBuilder()
                .setRicRequestId(io.jric.proto.e2.v1.RicRequestId.newBuilder().setRicRequestorId(1).setRicInstanceId(2))
                .setRanFunctionId(3)
                .setRicControlHeader(io.jric.proto.e2sm.rc.v1.RcControlHeader.newBuilder().setRicStyleType(3).setControlActionId(1)
                        .setUeId(77).build().toByteString())
                .setRicControlMessage(io.jric.proto.e2sm.rc.v1.RcControlMessage.newBuilder().setHandover(
                        io.jric.proto.e2sm.rc.v1.HandoverControl.newBuilder().setUeId(77).setTargetCell(
                                io.jric.proto.e2sm.kpm.v1.NrCgi.newBuilder().setPlmnIdentity(com.google.protobuf.ByteString.copyFrom(
                                        new byte[] {0x00, (byte) 0xf1, 0x10})).setNrCellIdentity(0x4001))).build().toByteString())
                .build());
        byte[] pdu = E2apAperCodec.encode(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                .setRicControlRequest(control)).build());
        Run c = run("e2", "decode", java.util.HexFormat.of().formatHex(pdu));
        assertEquals(0, c.code(), c.err());
        assertTrue(c.out().contains("RICcontrolHeader: E2SM-RC v05.00 ControlHeader"), c.out());
        assertTrue(c.out().contains("ric-Style-Type=3") && c.out().contains("ric-ControlAction-ID=1"), c.out());
        assertTrue(c.out().contains("RICcontrolMessage: E2SM-RC v05.00 ControlMessage"), c.out());
    }
}
