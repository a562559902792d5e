package io.jric.e2.aper.rc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.TestBridge;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.*;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jRIC's controls through the RIC side to APER and back through the node side. */
class RcMappingTest {
    static final NrCgi CELL = NrCgi.newBuilder().setPlmnIdentity(ByteString.copyFrom(new byte[] {0x00, (byte) 0xf1, 0x10}))
            .setNrCellIdentity(0xFFFFFFFFFL).build();

    static RcRanFunctionDefinition simDefinition() {
        return RcRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-RC").setRanFunctionE2SmOid(E2smRcFamily.OID)
                .setRanFunctionDescription("RAN control of simulated gNB 1")
                .addControlActions(a(3, 1, "Handover Control")).addControlActions(a(2, 1, "Cell Individual Offset"))
                .addControlActions(a(255, 1, "Tx Power")).addControlActions(a(255, 2, "Cell Sleep"))
                .addControlActions(a(255, 3, "A3 Hysteresis")).addControlActions(a(255, 4, "A3 Time To Trigger"))
                .addControlActions(a(255, 5, "Inter-Frequency Mobility")).addControlActions(a(2, 6, "Slice-level PRB quota")).build();
    }

    static RcControlActionDefinition a(int s, int id, String n) {
        return RcControlActionDefinition.newBuilder().setRicStyleType(s).setControlActionId(id).setControlActionName(n).build();
    }

    static RcControlHeader h(int style, int action) {
        return RcControlHeader.newBuilder().setRicStyleType(style).setControlActionId(action).build();
    }

    static List<Object[]> controls() {
        return List.of(
                new Object[] {h(3, 1).toBuilder().setUeId(42).build(), RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder().setUeId(42).setTargetCell(CELL)).build()},
                new Object[] {h(3, 1).toBuilder().setUeId((1L << 40) - 1).build(), RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder().setUeId((1L << 40) - 1).setTargetCell(CELL)).build()},
                new Object[] {h(2, 1), RcControlMessage.newBuilder().setCellIndividualOffset(CellIndividualOffsetControl.newBuilder().setCell(CELL).setCioDb(-23.5f)).build()},
                new Object[] {h(255, 1), RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder().setCell(CELL).setTxPowerDbm(0.1f)).build()},
                new Object[] {h(255, 1), RcControlMessage.newBuilder().setCellSleep(CellSleepControl.newBuilder().setCell(CELL).setSleep(true)).build()},
                new Object[] {h(255, 2), RcControlMessage.newBuilder().setCellSleep(CellSleepControl.newBuilder().setCell(CELL).setSleep(false)).build()},
                new Object[] {h(255, 3), RcControlMessage.newBuilder().setA3Hysteresis(A3HysteresisControl.newBuilder().setCell(CELL).setHysteresisDb(7.5f)).build()},
                new Object[] {h(255, 4), RcControlMessage.newBuilder().setA3TimeToTrigger(A3TimeToTriggerControl.newBuilder().setCell(CELL).setTimeToTriggerMs(5120)).build()},
                new Object[] {h(2, 6), RcControlMessage.newBuilder().setSlicePrbQuota(SlicePrbQuotaControl.newBuilder()
                        .setPlmnIdentity(CELL.getPlmnIdentity()).setSst(1).setSd(0xABCDEF).setMinPrbRatio(10).setMaxPrbRatio(90).setDedicatedPrbRatio(5)).build()},
                new Object[] {h(2, 6).toBuilder().setUeId(4294967295L).build(), RcControlMessage.newBuilder().setSlicePrbQuota(SlicePrbQuotaControl.newBuilder()
                        .setPlmnIdentity(CELL.getPlmnIdentity()).setSst(255).setMinPrbRatio(0).setMaxPrbRatio(100)).build()},
                new Object[] {h(255, 5), RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(CELL)
                        .setThreshold1Dbm(-110).setThreshold2Dbm(-105.5f).setNrArfcn(633333).setFrequencyOffsetDb(-6)).build()},
                new Object[] {h(255, 5), RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(CELL)
                        .setNrArfcn(140000).setFrequencyOffsetDb(24)).build()},
                new Object[] {h(255, 5), RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(CELL)
                        .setThreshold1Dbm(0).setThreshold2Dbm(-156)).build()});
    }

    static RicSideFunction ricSide() throws E2smException {
        NodeSideFunction node = new E2smRcFamily().nodeSide("v05.00");
        ByteString aper = node.definitionToAper(simDefinition().toByteString());
        E2smFamilies.Family f = E2smFamilies.forOid(E2smRcFamily.OID);
        return f.ricSide(aper);
    }

    static RicControlRequest request(RcControlHeader h, RcControlMessage m) {
        return RicControlRequest.newBuilder().setRanFunctionId(3).setRicControlHeader(h.toByteString()).setRicControlMessage(m.toByteString()).build();
    }

    @Test
    void definitionRoundTripsAndIsRegistered() throws Exception {
        RicSideFunction ric = ricSide();
        assertEquals("E2SM-RC", ric.serviceModel());
        assertEquals("v05.00", ric.version());
        assertTrue(ric.versionBasis().contains("v05.00"), ric.versionBasis());
        assertEquals(simDefinition(), RcRanFunctionDefinition.parseFrom(ric.definitionProto()));
        // on the wire the CIO is jRIC style 255 action 5, not style 2 action 1 (DRX parameter configuration in RC)
        RcCodec.Definition d = RcCodec.decodeDefinition(new E2smRcFamily().nodeSide("v05.00").definitionToAper(simDefinition().toByteString()).toByteArray());
        assertEquals(List.of(3L, 255L, 2L), d.controlStyles().stream().map(RcCodec.ControlStyle::type).toList());
    }

    @Test
    void everyJricControlGoesToAperAndBackUnchanged() throws Exception {
        RicSideFunction ric = ricSide();
        NodeSideFunction node = new E2smRcFamily().nodeSide("v05.00");
        for (Object[] c : controls()) {
            RcControlHeader h = (RcControlHeader) c[0];
            RcControlMessage m = (RcControlMessage) c[1];
            RicControlRequest aper = ric.controlToNode(request(h, m));
            RcCodec.decodeControlHeader(aper.getRicControlHeader().toByteArray());
            RicControlRequest back = node.controlFromRic(aper);
            assertEquals(h, RcControlHeader.parseFrom(back.getRicControlHeader()), m.toString());
            assertEquals(m, RcControlMessage.parseFrom(back.getRicControlMessage()), m.toString());
            assertEquals(3, back.getRanFunctionId());
        }
    }

    @Test
    void interFrequencyIsStyle255Action6OnTheWireBesideTheCioAt255Action5() throws Exception {
        RicSideFunction ric = ricSide();
        Object[] cio = controls().get(2);
        Object[] inter = controls().get(controls().size() - 3);
        RcCodec.ControlHeader hc = RcCodec.decodeControlHeader(ric.controlToNode(request((RcControlHeader) cio[0], (RcControlMessage) cio[1]))
                .getRicControlHeader().toByteArray());
        RcCodec.ControlHeader hi = RcCodec.decodeControlHeader(ric.controlToNode(request((RcControlHeader) inter[0], (RcControlMessage) inter[1]))
                .getRicControlHeader().toByteArray());
        assertEquals(List.of(255L, 5L), List.of(hc.styleType(), hc.actionId()));
        assertEquals(List.of(255L, 6L), List.of(hi.styleType(), hi.actionId()));
        // and the simulator's definition keeps both apart: (2,1) CIO -> 255/5, (255,5) inter-frequency -> 255/6
        RcCodec.Definition d = RcCodec.decodeDefinition(new E2smRcFamily().nodeSide("v05.00").definitionToAper(simDefinition().toByteString()).toByteArray());
        List<Long> jric255 = d.controlStyles().stream().filter(s -> s.type() == 255).findFirst().orElseThrow().actions().stream()
                .map(RcCodec.ControlAction::id).toList();
        assertEquals(List.of(5L, 1L, 2L, 3L, 4L, 6L), jric255);
        // an inter-frequency control with nothing to set does not encode
        RcControlMessage empty = RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder().setCell(CELL)).build();
        E2smException e = assertThrows(E2smException.class, () -> ric.controlToNode(request(h(255, 5), empty)));
        assertTrue(e.getMessage().contains("inter_frequency: nothing to set"), e.getMessage());
    }

    @Test
    void handoverIsStyle3Action1WithTheTargetNrCgi() throws Exception {
        Object[] c = controls().get(0);
        RicControlRequest aper = ricSide().controlToNode(request((RcControlHeader) c[0], (RcControlMessage) c[1]));
        RcCodec.ControlHeader h = RcCodec.decodeControlHeader(aper.getRicControlHeader().toByteArray());
        assertEquals(3, h.styleType());
        assertEquals(1, h.actionId());
        assertEquals("gNB-UEID", h.ueId().name());
        assertEquals(42L, RcCodec.map(h.ueId().value()).get("amf-UE-NGAP-ID"));
        RcCodec.ControlMessage m = RcCodec.decodeControlMessage(aper.getRicControlMessage().toByteArray());
        RcCodec.Param tpc = m.params().get(0);
        assertEquals(1, tpc.id());
        RcCodec.Param nrCgi = ((RcCodec.Structure) ((RcCodec.Structure) ((RcCodec.Structure) tpc.valueType()).params().get(0).valueType())
                .params().get(0).valueType()).params().get(0);
        assertEquals(4, nrCgi.id());
        assertEquals(CELL, RcMapping.nrCgiFrom(((RcCodec.ElementTrue) nrCgi.valueType()).value(), "test"));
    }

    @Test
    void refusals() throws Exception {
        RicSideFunction ric = ricSide();
        RcControlMessage ho = RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder().setUeId(1L << 40).setTargetCell(CELL)).build();
        E2smException e = assertThrows(E2smException.class, () -> ric.controlToNode(request(h(3, 1).toBuilder().setUeId(1L << 40).build(), ho)));
        assertTrue(e.getMessage().contains("AMF-UE-NGAP-ID"), e.getMessage());
        // a node that advertises only handover refuses the slice quota, naming the control
        RcRanFunctionDefinition onlyHo = simDefinition().toBuilder().clearControlActions().addControlActions(a(3, 1, "Handover Control")).build();
        RicSideFunction hoOnly = new E2smRcFamily().ricSide(new E2smRcFamily().nodeSide("v05.00").definitionToAper(onlyHo.toByteString()));
        Object[] q = controls().get(8);
        e = assertThrows(E2smException.class, () -> hoOnly.controlToNode(request((RcControlHeader) q[0], (RcControlMessage) q[1])));
        assertTrue(e.getMessage().contains("slice_prb_quota") && e.getMessage().contains("style 2 action 6"), e.getMessage());
        // jRIC style 255 controls are sent even when not advertised
        Object[] tx = controls().get(3);
        hoOnly.controlToNode(request((RcControlHeader) tx[0], (RcControlMessage) tx[1]));
        // undecodable APER from the RIC: E2smException with a bit position
        e = assertThrows(E2smException.class, () -> new E2smRcFamily().nodeSide("v05.00").controlFromRic(
                RicControlRequest.newBuilder().setRicControlHeader(ByteString.copyFrom(new byte[] {0x00})).build()));
        assertTrue(e.bitPosition() >= 0, e.getMessage());
        assertThrows(E2smException.class, () -> new E2smRcFamily().nodeSide("v1.03"));
    }

    @Test
    void outcomesRoundTrip() throws Exception {
        RicSideFunction ric = ricSide();
        NodeSideFunction node = new E2smRcFamily().nodeSide("v05.00");
        for (RcControlOutcome o : List.of(RcControlOutcome.newBuilder().setDetail("cell_sleep applied: ü").setValueAfter(1).build(),
                RcControlOutcome.newBuilder().setValueAfter(-0.0).build(), RcControlOutcome.getDefaultInstance(),
                RcControlOutcome.newBuilder().setDetail("x").setValueAfter(Double.NaN).build())) {
            RicControlAcknowledge ack = node.controlAcknowledgeToRic(RicControlAcknowledge.newBuilder().setRicControlOutcome(o.toByteString()).build());
            assertEquals(o, RcControlOutcome.parseFrom(ric.controlAcknowledgeFromNode(ack).getRicControlOutcome()));
            RicControlFailure f = node.controlFailureToRic(RicControlFailure.newBuilder().setRicControlOutcome(o.toByteString()).build());
            assertEquals(o, RcControlOutcome.parseFrom(ric.controlFailureFromNode(f).getRicControlOutcome()));
        }
        // an outcome like srsRAN's (standard ids, INTEGER values)
        byte[] srs = RcCodec.encodeControlOutcome(new RcCodec.ControlOutcome(List.of(new RcCodec.OutcomeParam(1, new RcCodec.Int(100)),
                new RcCodec.OutcomeParam(11, new RcCodec.Int(10)))));
        RcControlOutcome o = RcControlOutcome.parseFrom(ric.controlAcknowledgeFromNode(RicControlAcknowledge.newBuilder()
                .setRicControlOutcome(ByteString.copyFrom(srs)).build()).getRicControlOutcome());
        assertEquals("E2SM-RC outcome: 1=100 11=10", o.getDetail());
        assertEquals(100.0, o.getValueAfter());
    }

    @Test
    void radisysRcDefinitionIsNotV05() {
        byte[] bytes = TestBridge.vector("radisys-e2setup-request.hex");
        var ranFunction = E2apAperCodec.decode(bytes).pdu().getInitiatingMessage().getE2SetupRequest().getRanFunctions(1);
        assertEquals(E2smRcFamily.OID, ranFunction.getRanFunctionOid());
        byte[] def = ranFunction.getRanFunctionDefinition().toByteArray();
        E2smException e = assertThrows(E2smException.class, () -> new E2smRcFamily().ricSide(ByteString.copyFrom(def)),
                "Radisys' RC definition (onos-e2t vector, a pre-v1.03 E2SM-RC) must not decode as v05.00");
        assertEquals(388, e.bitPosition(), "it stops in the event trigger style list: " + e.getMessage());
        // its ranFunction-Name is the common RANfunction-Name and decodes
        io.jric.e2.aper.AperReader r = new io.jric.e2.aper.AperReader(def);
        r.readSequencePreamble(true, new boolean[5]);
        var name = RcCodec.map(RcSchema.RANFUNCTION_NAME.read(r, 0));
        assertEquals("ORAN-E2SM-RC", name.get("ranFunction-ShortName"));
        assertEquals(E2smRcFamily.OID, name.get("ranFunction-E2SM-OID"));
        assertEquals("RC", name.get("ranFunction-Description"));
        assertThrows(AperException.class, () -> RcCodec.decodeDefinition(def));
    }
}
