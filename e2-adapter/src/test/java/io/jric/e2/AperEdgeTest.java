package io.jric.e2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.E2apFrame;
import io.jric.e2.aper.ProtocolIe;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.testing.TestGrids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The APER edge of the termination over ConnectAper (real gRPC over loopback): malformed frames, unknown
 * IEs by criticality, procedures the RIC does not implement, E2AP v1 style setups, and SCTP's start.
 */
class AperEdgeTest {
    private static RicGrid grid;
    private E2Termination e2;

    @BeforeAll
    static void startGrid() {
        grid = TestGrids.start();
    }

    @AfterAll
    static void stopGrid() {
        grid.close();
    }

    @BeforeEach
    void startE2() {
        e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).sctpPort(0).build());
    }

    @AfterEach
    void stopE2() {
        e2.close();
    }

    private static boolean isErrorIndication(E2apPdu p) {
        return p.hasInitiatingMessage() && p.getInitiatingMessage().hasErrorIndication();
    }

    /** A setup the RIC answers with an E2 Setup Failure (its only RAN function has an OID no one supports). */
    private static E2apPdu setupWithUnknownFunction() {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setE2SetupRequest(
                E2SetupRequest.newBuilder().setTransactionId(5).setGlobalE2NodeId(TestNode.gnb(0x1234))
                        .addRanFunctions(RanFunctionItem.newBuilder().setRanFunctionId(9).setRanFunctionRevision(1)
                                .setRanFunctionOid("1.3.6.1.4.1.99999.1").setRanFunctionDefinition(ByteString.copyFromUtf8("x")))
                        .addComponentConfigAddition(io.jric.proto.e2.v1.E2NodeComponentConfigItem.newBuilder()
                                .setInterfaceType(io.jric.proto.e2.v1.E2NodeComponentInterfaceType.E2_NODE_COMPONENT_INTERFACE_TYPE_NG)
                                .setComponentId("amf1"))))
                .build();
    }

    private static byte[] withExtraIe(E2apPdu pdu, int id, int criticality) {
        E2apFrame f = E2apAperCodec.toFrame(pdu, java.util.Map.of());
        List<ProtocolIe> ies = new ArrayList<>(E2apFrame.decodeIeContainer(f.value()));
        ies.add(new ProtocolIe(id, criticality, new byte[] {0x01, 0x02}));
        return new E2apFrame(f.type(), f.procedureCode(), f.criticality(), E2apFrame.encodeIeContainer(ies)).encode();
    }

    @Test
    void anUnknownIeIsHandledByItsCriticality() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            node.sendBytes(withExtraIe(setupWithUnknownFunction(), 9999, 0), 70);
            E2apPdu ei = node.await(AperEdgeTest::isErrorIndication, "Error Indication for an unknown reject IE");
            ErrorIndication m = ei.getInitiatingMessage().getErrorIndication();
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_REJECT, m.getCause().getProtocol());
            assertEquals(9999, m.getCriticalityDiagnostics().getIesCriticalityDiagnostics(0).getIeId(),
                    "the Error Indication names the IE in its criticality diagnostics");
            assertEquals(1, m.getCriticalityDiagnostics().getProcedureCodeValue());

            node.sendBytes(withExtraIe(setupWithUnknownFunction(), 9998, 1), 70);
            E2apPdu answer = node.await(p -> p.hasUnsuccessfulOutcome() || p.hasSuccessfulOutcome(),
                    "an answer to the setup with an unknown ignore IE");
            assertTrue(answer.getUnsuccessfulOutcome().hasE2SetupFailure(), "the setup was taken (and refused: no supported "
                    + "RAN function): " + answer);
            assertNull(node.undecodable);
        }
    }

    @Test
    void aProcedureTheRicDoesNotImplementIsNamedInAnErrorIndication() throws Exception {
        try (AperTestNode node = new AperTestNode(e2.port())) {
            // RIC Query Request (procedure 16) with a TransactionID-like IE 49
            byte[] value = E2apFrame.encodeIeContainer(List.of(new ProtocolIe(49, 0, new byte[] {0x07})));
            node.sendBytes(new E2apFrame(E2apFrame.Type.INITIATING_MESSAGE, 16, 0, value).encode(), 0);
            E2apPdu ei = node.await(AperEdgeTest::isErrorIndication, "Error Indication for RIC Query");
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE,
                    ei.getInitiatingMessage().getErrorIndication().getCause().getProtocol());
        }
    }

    @Test
    void anE2apV1SetupIsAnsweredWithAnErrorIndication() throws Exception {
        Path vector = Path.of("../e2-aper/src/test/resources/vectors/sercomm-e2setup-request-0312.hex");
        byte[] bytes = HexFormat.of().parseHex(Files.readString(vector).trim());
        try (AperTestNode node = new AperTestNode(e2.port())) {
            node.sendBytes(bytes, 70);
            E2apPdu ei = node.await(AperEdgeTest::isErrorIndication, "Error Indication for a v1 setup");
            assertEquals(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE,
                    ei.getInitiatingMessage().getErrorIndication().getCause().getProtocol());
            assertEquals(1, e2.stats().aperDecodeFailures());
            assertEquals(0, e2.connectedNodes());
        }
    }

    /**
     * A node speaking E2AP v2 (the Radisys gNB's E2 Setup Request, bytes from onos-e2t's tests) completes E2
     * Setup: its KPM function (a v2-style definition) is accepted, its RC function (an RC older than v1.03,
     * which does not decode as v05.00) is refused with "RAN function not supported", and the node record
     * says which versions it speaks.
     */
    @Test
    void anE2apV2NodeCompletesE2Setup() throws Exception {
        byte[] bytes = HexFormat.of().parseHex(Files.readString(
                Path.of("../e2-aper/src/test/resources/vectors/radisys-e2setup-request.hex")).trim());
        try (AperTestNode node = new AperTestNode(e2.port())) {
            node.sendBytes(bytes, 70);
            E2apPdu answer = node.await(p -> p.hasSuccessfulOutcome() || p.hasUnsuccessfulOutcome(), "an answer to the setup");
            assertTrue(answer.getSuccessfulOutcome().hasE2SetupResponse(), "E2 Setup Response: " + answer);
            var resp = answer.getSuccessfulOutcome().getE2SetupResponse();
            assertEquals(1, resp.getRanFunctionsAcceptedCount(), resp.toString());
            assertEquals(1, resp.getRanFunctionsRejectedCount(), resp.toString());
            var node0 = e2.nodeService().nodes().get(0);
            assertTrue(node0.transport().startsWith("E2AP v03.01 APER over gRPC"), node0.transport());
            assertEquals("E2SM-KPM v02.03", node0.ranFunctions().get(0).serviceModelVersion());
            assertNull(node.undecodable);
        }
    }

    /**
     * 100,000 malformed frames (truncated, lengths overwritten, bits flipped, random bytes, any PPID) on one
     * association: it is never closed by the RIC and keeps answering; the failures are counted.
     */
    @Test
    void malformedFramesNeverStopAnAssociation() throws Exception {
        List<byte[]> bases = new ArrayList<>();
        bases.add(E2apAperCodec.encode(setupWithUnknownFunction()));
        bases.add(E2apAperCodec.encode(TestNode.indication(RicRequestId.newBuilder().setRicRequestorId(1).setRicInstanceId(2)
                .build(), 2, 0x10, 50f, 1_700_000_000_000L)));
        bases.add(E2apAperCodec.encode(io.jric.e2.Pdus.errorIndication(io.jric.e2.Pdus.protocol(
                CauseProtocol.CAUSE_PROTOCOL_UNSPECIFIED), null, "")));
        bases.add(HexFormat.of().parseHex(Files.readString(
                Path.of("../e2-aper/src/test/resources/vectors/radisys-e2setup-request.hex")).trim()));
        Random r = new Random(18);
        int n = 100_000;
        long start = System.nanoTime();
        try (AperTestNode node = new AperTestNode(e2.port())) {
            for (int i = 0; i < n; i++) {
                byte[] b = bases.get(r.nextInt(bases.size())).clone();
                switch (r.nextInt(5)) {
                    case 0 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length));                   // truncated
                    case 1 -> { for (int k = 0; k < 1 + r.nextInt(4); k++) b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); }
                    case 2 -> b[Math.min(b.length - 1, 3 + r.nextInt(8))] = (byte) r.nextInt(256);   // a length octet
                    case 3 -> { b = new byte[r.nextInt(64)]; r.nextBytes(b); }                        // noise
                    default -> { byte[] c = java.util.Arrays.copyOf(b, b.length + 1 + r.nextInt(8)); b = c; } // trailing bytes
                }
                while (!node.isReady()) Thread.sleep(1);
                node.sendBytes(b, r.nextInt(4) == 0 ? r.nextInt() & 0x7fffffff : 70 + r.nextInt(3));
            }
            // still alive: a known-bad PDU is answered promptly
            node.received.clear();
            node.sendBytes(new byte[] {0x00}, 70);
            node.await(AperEdgeTest::isErrorIndication, "Error Indication after 100,000 malformed frames");
            assertNull(node.closedWith, "the RIC closed the association");
            assertNull(node.undecodable);
            long failures = e2.stats().aperDecodeFailures();
            System.out.printf("100,000 malformed APER frames in %.1f s: %d did not decode (logged: first 5 in full, then "
                            + "summarised), %d frames answered by the RIC%n",
                    (System.nanoTime() - start) / 1e9, failures, node.framesReceived.get());
            assertTrue(failures > n / 2, "most malformed frames are counted as decode failures: " + failures);
            assertTrue(node.framesReceived.get() > n / 2, "most are answered: " + node.framesReceived.get());
        }
    }

    @Test
    void sctpSaysOnceWhyItIsOffAndTheRestRuns() throws Exception {
        String status = e2.sctpStatus();
        boolean kernelHasSctp;
        try (com.sun.nio.sctp.SctpChannel ch = com.sun.nio.sctp.SctpChannel.open()) {
            kernelHasSctp = true;
        } catch (UnsupportedOperationException | java.io.IOException e) {
            kernelHasSctp = false;
        }
        if (kernelHasSctp) {
            assertTrue(status.startsWith("listening on port "), status);
            assertTrue(e2.sctpPort() > 0);
        } else {
            assertTrue(status.startsWith("unavailable: this machine's kernel has no SCTP"), status);
            assertEquals(-1, e2.sctpPort());
        }
        // the gRPC side works either way
        try (AperTestNode node = new AperTestNode(e2.port())) {
            node.send(setupWithUnknownFunction());
            node.await(p -> p.hasUnsuccessfulOutcome() && p.getUnsuccessfulOutcome().hasE2SetupFailure(), "E2 Setup Failure");
        }
    }
}
