package io.jric.e2.aper.kpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2sm.kpm.v1.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** jRIC model -> node side (APER) -> RIC side -> jRIC model, in both versions. */
class KpmMappingTest {
    static final ByteString PLMN = ByteString.copyFrom(new byte[] {0x13, (byte) 0xf1, (byte) 0x84});

    static NrCgi cell(long nci) {
        return NrCgi.newBuilder().setPlmnIdentity(PLMN).setNrCellIdentity(nci).build();
    }

    static KpmIndicationMessage message(Random r) {
        KpmIndicationMessage.Builder m = KpmIndicationMessage.newBuilder();
        for (int c = 0; c < 3; c++) {
            CellMeasurement.Builder cm = CellMeasurement.newBuilder().setCell(cell(0xFFFFFFFF0L + c)).setPrbUsedDlPct(r.nextFloat() * 100)
                    .setPrbUsedUlPct(r.nextFloat()).setThroughputDlMbps(r.nextFloat() * 900).setThroughputUlMbps(1.1f)
                    .setActiveUes(r.nextInt(100)).setTxPowerDbm(-3.3f).setEnergyWh(r.nextFloat() * 7).setAvgCqi(12.7f)
                    .setAvgSinrDb(-4.25f).setRlfCount(c).setHoAttempts(9).setHoSuccesses(8).setSleeping(c == 1).setCioDb(-1.5f);
            // RRC.ConnMean / RRC.ConnMax and the operational state: an idle cell that is up, a cell in outage, a node that reports neither
            if (c == 0) cm.setOperationalState(CellOperationalState.CELL_OPERATIONAL_STATE_ENABLED).setRrcConnMean(17).setRrcConnMax(23);
            if (c == 1) cm.setOperationalState(CellOperationalState.CELL_OPERATIONAL_STATE_DISABLED).setRrcConnMean(0).setRrcConnMax(0);
            m.addCells(cm);
        }
        for (int u = 0; u < 4; u++) {
            UeMeasurement.Builder ue = UeMeasurement.newBuilder().setUeId(u == 3 ? -1L : 1000 + u).setRsrpDbm(-90.125f - u)
                    .setRsrqDb(-10.3f).setSinrDb(r.nextFloat() * 30).setCqi(u + 3).setThroughputDlMbps(r.nextFloat() * 100)
                    .setThroughputUlMbps(r.nextFloat()).setPrbUsedDl(r.nextFloat() * 50);
            if (u != 2) ue.setServingCell(cell(0xFFFFFFFF0L + u % 3));
            for (int n = 0; n < u; n++) {
                NeighbourMeasurement.Builder nb = NeighbourMeasurement.newBuilder().setRsrpDbm(-100 - r.nextFloat()).setRsrqDb(-12).setSinrDb(r.nextFloat());
                if (n != 1) nb.setCell(cell(77 + n));
                ue.addNeighbours(nb);
            }
            m.addUes(ue);
        }
        return m.build();
    }

    static RicSubscriptionRequest request(KpmActionDefinition... defs) {
        RicSubscriptionDetails.Builder d = RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs(1000).build().toByteString());
        for (int i = 0; i < defs.length; i++) {
            d.addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(10 + i)
                    .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT).setRicActionDefinition(defs[i].toByteString()));
        }
        return RicSubscriptionRequest.newBuilder().setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(7).setRicInstanceId(3))
                .setRanFunctionId(2).setRicSubscriptionDetails(d).build();
    }

    @Test
    void cellsAndUesSurviveNodeSideThenRicSide() throws Exception {
        for (String version : List.of("v03.00", "v02.03")) {
            for (boolean filter : List.of(false, true)) {
              for (boolean withList : List.of(false, true)) {
                E2smFamilies.Family fam = E2smFamilies.forOid(KpmFamily.OID);
                NodeSideFunction node = fam.nodeSide(version);
                ByteString defProto = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM")
                        .setRanFunctionE2SmOid(KpmFamily.OID).setRanFunctionDescription("KPM monitor").build().toByteString();
                KpmRicSide ric = (KpmRicSide) fam.ricSide(node.definitionToAper(defProto));
                assertEquals("v03.00", ric.version());
                KpmActionDefinition.Builder jad = KpmActionDefinition.newBuilder().setRicStyleType(4).setGranularityPeriodMs(500);
                if (filter) {
                    for (int c = 0; c < 3; c++) jad.addCellFilter(cell(0xFFFFFFFF0L + c));
                }
                RicSubscriptionRequest req = request(jad.build());
                RicSubscriptionRequest toNode = ric.subscriptionToNode(req);
                assertEquals(filter ? 4 : 2, toNode.getRicSubscriptionDetails().getRicActionsToBeSetupCount());
                RicSubscriptionRequest atNode = node.subscriptionFromRic(toNode);
                // the node admits every KPM action; the RIC side gives back jRIC's action id
                RicSubscriptionResponse.Builder resp = RicSubscriptionResponse.newBuilder().setRicRequestId(req.getRicRequestId()).setRanFunctionId(2);
                atNode.getRicSubscriptionDetails().getRicActionsToBeSetupList().forEach(a -> resp.addRicActionsAdmitted(a.getRicActionId()));
                assertEquals(List.of(10), ric.subscriptionResponseFromNode(resp.build()).getRicActionsAdmittedList());

                KpmIndicationMessage sent = message(new Random(version.hashCode() + (filter ? 1 : 0)));
                KpmIndicationHeader hdr = KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(1_700_000_000_000L)
                        .setFileFormatVersion("1.0").setSenderName("gnb 1").setSenderType("gNB").setVendorName("jRIC-sim").setGranularityPeriodMs(500).build();
                KpmIndicationMessage.Builder merged = KpmIndicationMessage.newBuilder();
                for (RicActionToBeSetupItem a : atNode.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
                    RicIndication jricAtNode = RicIndication.newBuilder().setRicRequestId(req.getRicRequestId()).setRanFunctionId(2)
                            .setRicActionId(a.getRicActionId()).setRicIndicationSn(1).setRicIndicationHeader(hdr.toByteString())
                            .setRicIndicationMessage(sent.toByteString()).build();
                    for (RicIndication aper : node.indicationToRic(jricAtNode)) {
                        // jRIC's node leaves measInfoList out (values in the action's order); real nodes send it: both map alike
                        Kpm.IndicationMessage am = KpmCodec.decodeMessage(aper.getRicIndicationMessage().toByteArray());
                        List<String> actionNames = ric.actions(req.getRicRequestId()).get(aper.getRicActionId()).names();
                        if (withList) {
                            aper = aper.toBuilder().setRicIndicationMessage(ByteString.copyFrom(KpmCodec.encodeMessage(named(am, actionNames)))).build();
                        } else {
                            assertTrue(am.f1() != null ? am.f1().measInfo() == null : am.f3().reports().get(0).report().measInfo() == null);
                        }
                        for (RicIndication back : ric.indicationFromNode(aper)) {
                            assertEquals(10, back.getRicActionId());
                            KpmIndicationHeader h = KpmIndicationHeader.parseFrom(back.getRicIndicationHeader());
                            assertEquals(version.equals("v03.00") ? hdr : hdr.toBuilder().setCollectionStartTimeMs(1_700_000_000_000L).build(), h);
                            merged.mergeFrom(KpmIndicationMessage.parseFrom(back.getRicIndicationMessage()));
                        }
                    }
                }
                assertEquals(version, ric.version(), ric.versionBasis());
                assertTrue(ric.versionDecided());
                // a UE report without its serving cell cannot go into the grid: skipped and counted, not an error
                KpmIndicationMessage.Builder expected = sent.toBuilder().clearUes();
                int noCell = 0;
                for (var u : sent.getUesList()) {
                    if (u.hasServingCell()) expected.addUes(u); else noCell++;
                }
                assertEquals(expected.build(), merged.build(), version + " filter=" + filter);
                assertEquals(noCell, ric.skippedValues());
              }
            }
        }
    }

    /** The message with measInfoList present (naming each value, as real nodes send it), values without a value left out. */
    static Kpm.IndicationMessage named(Kpm.IndicationMessage m, List<String> names) {
        if (m.f1() != null) return new Kpm.IndicationMessage(named(m.f1(), names), null, null);
        List<Kpm.UeReport> reps = new ArrayList<>();
        for (Kpm.UeReport r : m.f3().reports()) reps.add(new Kpm.UeReport(r.ue(), named(r.report(), names)));
        return new Kpm.IndicationMessage(null, null, new Kpm.MessageFormat3(reps));
    }

    static Kpm.MessageFormat1 named(Kpm.MessageFormat1 f, List<String> names) {
        List<Long> noLabel = new ArrayList<>(java.util.Collections.nCopies(21, (Long) null));
        noLabel.set(0, 0L);
        Kpm.MeasLabel l = new Kpm.MeasLabel(noLabel, null, Kpm.NO_EXT);
        List<Kpm.RecordItem> rec = new ArrayList<>();
        List<Kpm.MeasInfoItem> info = new ArrayList<>();
        List<Kpm.RecordItem> in = f.data().get(0).record();
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).kind() == 2) continue;
            rec.add(in.get(i));
            info.add(new Kpm.MeasInfoItem(new Kpm.MeasType(names.get(i), null), List.of(l)));
        }
        return new Kpm.MessageFormat1(List.of(new Kpm.MeasDataItem(rec, null, Kpm.NO_EXT)), info, f.granulPeriodMs());
    }

    /**
     * A node whose v03.00 definition lists no cells and whose reports name none (a real gNB's DU): its
     * node-level cell report lands on the NR cell identity of its gNB with local cell id 0.
     */
    @Test
    void aNodeLevelReportOfANodeThatListsNoCellsLandsOnItsGnbsFirstCell() throws Exception {
        E2smFamilies.Family fam = KpmFamily.INSTANCE;
        NodeSideFunction node = fam.nodeSide("v03.00");
        KpmRicSide ric = (KpmRicSide) fam.ricSide(node.definitionToAper(KpmRanFunctionDefinition.newBuilder()
                .setRanFunctionShortName("ORAN-E2SM-KPM").build().toByteString()));
        ByteString plmn = ByteString.copyFrom(new byte[] {0x00, (byte) 0xf1, 0x10});
        ric.nodeIdentity(io.jric.proto.e2.v1.GlobalE2NodeId.newBuilder().setGnb(io.jric.proto.e2.v1.GlobalE2NodeGnbId.newBuilder()
                .setGlobalGnbId(io.jric.proto.e2.v1.GlobalGnbId.newBuilder()
                        .setPlmnIdentity(io.jric.proto.e2.v1.PlmnIdentity.newBuilder().setValue(plmn))
                        .setGnbId(io.jric.proto.e2.v1.BitString.newBuilder().setValue(411).setLength(22)))).build());
        RicSubscriptionRequest req = request(KpmActionDefinition.newBuilder().setRicStyleType(1).build());
        RicSubscriptionRequest atNode = node.subscriptionFromRic(ric.subscriptionToNode(req));
        RicSubscriptionResponse.Builder resp = RicSubscriptionResponse.newBuilder().setRicRequestId(req.getRicRequestId()).setRanFunctionId(2);
        atNode.getRicSubscriptionDetails().getRicActionsToBeSetupList().forEach(a -> resp.addRicActionsAdmitted(a.getRicActionId()));
        ric.subscriptionResponseFromNode(resp.build());
        // the report names no cell (as a real node's): the cell measurement has no cell set
        KpmIndicationMessage sent = KpmIndicationMessage.newBuilder()
                .addCells(CellMeasurement.newBuilder().setPrbUsedDlPct(42.5f).setActiveUes(3)).build();
        int action = atNode.getRicSubscriptionDetails().getRicActionsToBeSetup(0).getRicActionId();
        RicIndication ind = RicIndication.newBuilder().setRicRequestId(req.getRicRequestId()).setRanFunctionId(2)
                .setRicActionId(action).setRicIndicationHeader(KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(1_700_000_000_000L)
                        .build().toByteString()).setRicIndicationMessage(sent.toByteString()).build();
        List<CellMeasurement> got = new ArrayList<>();
        for (RicIndication aper : node.indicationToRic(ind)) {
            for (RicIndication back : ric.indicationFromNode(aper)) got.addAll(KpmIndicationMessage.parseFrom(back.getRicIndicationMessage()).getCellsList());
        }
        assertEquals(1, got.size(), "one cell report");
        assertEquals(411L << 14, got.get(0).getCell().getNrCellIdentity(), "gNB 411 (22 bits), local cell 0");
        assertEquals(plmn, got.get(0).getCell().getPlmnIdentity());
        assertEquals(42.5f, got.get(0).getPrbUsedDlPct());
    }

    @Test
    void subscriptionActionIdsSurviveAndLimitsAreNamed() throws Exception {
        E2smFamilies.Family fam = KpmFamily.INSTANCE;
        NodeSideFunction node = fam.nodeSide("v03.00");
        KpmRicSide ric = (KpmRicSide) fam.ricSide(node.definitionToAper(KpmRanFunctionDefinition.newBuilder()
                .setRanFunctionShortName("ORAN-E2SM-KPM").setRanFunctionE2SmOid(KpmFamily.OID).setRanFunctionDescription("d").build().toByteString()));
        RicSubscriptionRequest req = request(KpmActionDefinition.newBuilder().setRicStyleType(1).addCellFilter(cell(5)).build(),
                KpmActionDefinition.newBuilder().setRicStyleType(4).addCellFilter(cell(6)).build());
        RicSubscriptionRequest atNode = node.subscriptionFromRic(ric.subscriptionToNode(req));
        List<Integer> kinds = new ArrayList<>();
        for (RicActionToBeSetupItem a : atNode.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
            KpmActionDefinition d = KpmActionDefinition.parseFrom(a.getRicActionDefinition());
            kinds.add(d.getRicStyleType());
            assertEquals(a.getRicActionId() == 2 ? 10 + 1 : 10 + a.getRicActionId(), ric.actions(req.getRicRequestId()).get(a.getRicActionId()).jricActionId());
        }
        assertEquals(List.of(1, 1, 4), kinds);
        KpmActionDefinition.Builder many = KpmActionDefinition.newBuilder().setRicStyleType(4);
        for (int c = 0; c < 16; c++) many.addCellFilter(cell(c));
        E2smException e = assertThrows(E2smException.class, () -> ric.subscriptionToNode(request(many.build())));
        assertTrue(e.getMessage().contains("16"), e.getMessage());
    }
}
