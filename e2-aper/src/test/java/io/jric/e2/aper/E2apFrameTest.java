package io.jric.e2.aper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicControlAckRequest;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frame and container layer: unknown IEs, duplicates, missing IEs, order, criticality. */
class E2apFrameTest {

    static E2apPdu indication() {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setCriticalityValue(1)
                .setRicIndication(RicIndication.newBuilder()
                        .setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(7).setRicInstanceId(9))
                        .setRanFunctionId(2).setRicActionId(1).setRicIndicationSn(5)
                        .setRicIndicationHeader(ByteString.copyFromUtf8("hdr"))
                        .setRicIndicationMessage(ByteString.copyFromUtf8("msg")))).build();
    }

    @Test
    void knownFrameBytes() {
        // RICindication: initiatingMessage (00), procedure 5, criticality ignore (01 -> 40), then the open type
        byte[] b = E2apAperCodec.encode(indication());
        assertEquals("000540", Vectors.hex(b).substring(0, 6));
        E2apFrame f = E2apFrame.decode(b);
        assertEquals(5, f.procedureCode());
        assertEquals(1, f.criticality());
        List<ProtocolIe> ies = E2apFrame.decodeIeContainer(f.value());
        assertEquals(List.of(29, 5, 15, 27, 28, 25, 26), ies.stream().map(ProtocolIe::id).toList());
        assertArrayEquals(b, new E2apFrame(f.type(), 5, 1, E2apFrame.encodeIeContainer(ies)).encode());
    }

    @Test
    void unknownIesAreKeptWithTheirCriticalityAndOrderDoesNotMatter() {
        E2apFrame f = E2apFrame.decode(E2apAperCodec.encode(indication()));
        List<ProtocolIe> ies = new ArrayList<>(E2apFrame.decodeIeContainer(f.value()));
        java.util.Collections.reverse(ies);
        ies.add(2, new ProtocolIe(4242, 0, new byte[] {1, 2, 3}));
        byte[] pdu = new E2apFrame(f.type(), 5, 1, E2apFrame.encodeIeContainer(ies)).encode();
        E2apAperCodec.Decoded d = E2apAperCodec.decode(pdu);
        assertEquals(indication(), d.pdu());
        assertEquals(List.of(new ProtocolIe(4242, 0, new byte[] {1, 2, 3})), d.unmappedIes());
    }

    @Test
    void duplicateAndMissingIesAreRefusedByName() {
        E2apFrame f = E2apFrame.decode(E2apAperCodec.encode(indication()));
        List<ProtocolIe> ies = new ArrayList<>(E2apFrame.decodeIeContainer(f.value()));
        List<ProtocolIe> dup = new ArrayList<>(ies);
        dup.add(ies.get(0));
        AperException e = assertThrows(AperException.class,
                () -> E2apAperCodec.decode(new E2apFrame(f.type(), 5, 1, E2apFrame.encodeIeContainer(dup)).encode()));
        assertTrue(e.getMessage().contains("RICrequestID") && e.getMessage().contains("twice"), e.getMessage());
        List<ProtocolIe> missing = new ArrayList<>(ies);
        missing.removeIf(ie -> ie.id() == 26);
        e = assertThrows(AperException.class,
                () -> E2apAperCodec.decode(new E2apFrame(f.type(), 5, 1, E2apFrame.encodeIeContainer(missing)).encode()));
        assertTrue(e.getMessage().contains("RICindicationMessage (id 26) is missing"), e.getMessage());
        // an IE value with octets left over is malformed
        List<ProtocolIe> longer = new ArrayList<>(ies);
        longer.set(2, new ProtocolIe(15, 0, new byte[] {1, 0}));
        e = assertThrows(AperException.class,
                () -> E2apAperCodec.decode(new E2apFrame(f.type(), 5, 1, E2apFrame.encodeIeContainer(longer)).encode()));
        assertTrue(e.getMessage().contains("RICactionID") && e.getMessage().contains("left over"), e.getMessage());
        // positions count from the start of the PDU, also inside the open types: past the frame header and the IEs before it
        assertTrue(e.bitPosition() > 8 * 12, "bit position " + e.bitPosition());
    }

    @Test
    void encodingRefusesWhatE2apCannotCarry() {
        RicControlRequest.Builder c = RicControlRequest.newBuilder().setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(1))
                .setRanFunctionId(1).setRicControlHeader(ByteString.EMPTY).setRicControlMessage(ByteString.EMPTY)
                .setRicControlAckRequest(RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_NACK);
        AperException e = assertThrows(AperException.class, () -> E2apAperCodec.encode(E2apPdu.newBuilder()
                .setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(c)).build()));
        assertTrue(e.getMessage().contains("RICcontrolAckRequest"), e.getMessage());
        e = assertThrows(AperException.class, () -> E2apAperCodec.encode(E2apPdu.newBuilder()
                .setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(c.clearRicControlAckRequest().setRanFunctionId(4096))).build()));
        assertTrue(e.getMessage().contains("RANfunctionID") && e.getMessage().contains("4096"), e.getMessage());
        assertThrows(AperException.class, () -> E2apAperCodec.encode(E2apPdu.getDefaultInstance()));
    }

    @Test
    void extensionEnumValuesMapToTheModelsOpenEnumNumbers() {
        // CauseRICrequest's first v03.01 addition (ric-subscription-end-time-expired) is the model's number 14
        E2apPdu pdu = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                .setErrorIndication(io.jric.proto.e2.v1.ErrorIndication.newBuilder()
                        .setCause(Cause.newBuilder().setRicRequestValue(14)))).build();
        E2apAperCodec.Decoded d = E2apAperCodec.decode(E2apAperCodec.encode(pdu));
        assertEquals(14, d.pdu().getInitiatingMessage().getErrorIndication().getCause().getRicRequestValue());
        assertEquals(CauseRicRequest.UNRECOGNIZED, d.pdu().getInitiatingMessage().getErrorIndication().getCause().getRicRequest());
        assertEquals(Map.of(1, 1), d.ieCriticality());
    }

    @Test
    void componentIdsOfEveryInterfaceTypeRoundTripInTheirTextForm() {
        String[][] cases = {{"0", "AMF-1"}, {"1", "gNB/13f184/1/22"}, {"1", "ng-eNB/00f110/1048575/20"}, {"2", "68719476735"},
            {"3", "0"}, {"4", "4294967297"}, {"5", "MME(a)"}, {"6", ""}, {"6", "eNB/13f184/5/28"}, {"6", "eNB/13f184/5/18+en-gNB/13f184/7/32"}};
        for (String[] c : cases) {
            var item = io.jric.proto.e2.v1.E2NodeComponentIdItem.newBuilder().setInterfaceTypeValue(Integer.parseInt(c[0])).setComponentId(c[1]).build();
            E2apPdu pdu = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                    .setE2NodeConfigurationUpdate(io.jric.proto.e2.v1.E2NodeConfigurationUpdate.newBuilder().setTransactionId(1)
                            .addComponentConfigRemoval(item))).build();
            assertEquals(pdu, E2apAperCodec.decode(E2apAperCodec.encode(pdu)).pdu(), c[1]);
        }
        for (String[] c : new String[][] {{"1", "gNB/13f184/1/21"}, {"1", "eNB/13f184/1/20"}, {"6", "en-gNB/13f184/1/22+eNB/13f184/1/20"},
            {"3", "du-1"}, {"0", "under_score"}, {"1", "gNB/13f1/1/22"}}) {
            var item = io.jric.proto.e2.v1.E2NodeComponentIdItem.newBuilder().setInterfaceTypeValue(Integer.parseInt(c[0])).setComponentId(c[1]).build();
            E2apPdu pdu = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                    .setE2NodeConfigurationUpdate(io.jric.proto.e2.v1.E2NodeConfigurationUpdate.newBuilder().setTransactionId(1)
                            .addComponentConfigRemoval(item))).build();
            assertThrows(AperException.class, () -> E2apAperCodec.encode(pdu), c[1]);
        }
    }
}
