package io.jric.e2.aper.kpm;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicIndicationType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2sm.kpm.v1.*;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: a timing main repeating the codec part of {@code ./ric bench aper} (benchmarks' AperBenchmark.codec)
 * for the KPM indication (3 cells + 40 UEs, 3 neighbours each). Prints p50/p99 only. Run with the test classpath:
 * {@code java -cp e2-aper/target/test-classes:e2-aper/target/classes:$(cat cp.txt) io.jric.e2.aper.kpm.KpmIndicationTiming [ops]}.
 */
public final class KpmIndicationTiming {
    static final ByteString PLMN = ByteString.copyFrom(new byte[] {0x00, (byte) 0xf1, 0x10});
    static final long GNB = 77;

    static NrCgi cell(int c) {
        return NrCgi.newBuilder().setPlmnIdentity(PLMN).setNrCellIdentity((GNB << 14) | c).build();
    }

    static ByteString message(int cells, int ues) {
        KpmIndicationMessage.Builder m = KpmIndicationMessage.newBuilder();
        for (int c = 0; c < cells; c++) {
            m.addCells(CellMeasurement.newBuilder().setCell(cell(c)).setPrbUsedDlPct(40 + c).setPrbUsedUlPct(20)
                    .setThroughputDlMbps(120).setThroughputUlMbps(30).setActiveUes(ues / cells)
                    .setTxPowerDbm(43).setEnergyWh(0.2f).setAvgCqi(11).setAvgSinrDb(14));
        }
        for (int u = 0; u < ues; u++) {
            UeMeasurement.Builder ue = UeMeasurement.newBuilder().setUeId(GNB * 1_000_000 + u).setServingCell(cell(u % cells))
                    .setRsrpDbm(-90).setRsrqDb(-10).setSinrDb(12).setCqi(10).setThroughputDlMbps(4).setPrbUsedDl(3);
            for (int n = 0; n < 3; n++) {
                ue.addNeighbours(NeighbourMeasurement.newBuilder().setCell(cell((u + n + 1) % cells)).setRsrpDbm(-100 - n));
            }
            m.addUes(ue);
        }
        return m.build().toByteString();
    }

    public static void main(String[] args) throws Exception {
        int ops = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int cells = 3;
        int ues = 40;
        E2smFamilies.Family kpmFamily = E2smFamilies.forOid(KpmFamily.OID);
        NodeSideFunction kpmNode = kpmFamily.nodeSide("v03.00");
        KpmRanFunctionDefinition.Builder def = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM");
        for (int c = 0; c < cells; c++) def.addCells(cell(c));
        RicSideFunction kpmRic = kpmFamily.ricSide(kpmNode.definitionToAper(def.build().toByteString()));
        RicRequestId id = RicRequestId.newBuilder().setRicRequestorId(1).setRicInstanceId(1).build();
        RicSubscriptionRequest req = RicSubscriptionRequest.newBuilder().setRicRequestId(id).setRanFunctionId(2)
                .setRicSubscriptionDetails(RicSubscriptionDetails.newBuilder()
                        .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs(10).build().toByteString())
                        .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                                .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                                .setRicActionDefinition(KpmActionDefinition.newBuilder().setRicStyleType(4)
                                        .setGranularityPeriodMs(10).build().toByteString()))).build();
        RicSubscriptionRequest toNode = kpmRic.subscriptionToNode(req);
        RicSubscriptionRequest atNode = kpmNode.subscriptionFromRic(toNode);
        RicSubscriptionResponse.Builder resp = RicSubscriptionResponse.newBuilder().setRicRequestId(id).setRanFunctionId(2);
        for (RicActionToBeSetupItem a : atNode.getRicSubscriptionDetails().getRicActionsToBeSetupList()) resp.addRicActionsAdmitted(a.getRicActionId());
        kpmRic.subscriptionResponseFromNode(resp.build());

        ByteString message = message(cells, ues);
        ByteString header = KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(1_700_000_000_000L).build().toByteString();
        byte[] protobufPdu = indication(id, 1, header, message).toByteArray();
        List<byte[]> aperPdus = new ArrayList<>();
        for (RicActionToBeSetupItem a : atNode.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
            for (RicIndication i : kpmNode.indicationToRic(indication(id, a.getRicActionId(), header, message)
                    .getInitiatingMessage().getRicIndication())) {
                aperPdus.add(E2apAperCodec.encode(E2apPdu.newBuilder().setInitiatingMessage(
                        InitiatingMessage.newBuilder().setRicIndication(i)).build()));
            }
        }
        KpmIndicationMessage expected = KpmIndicationMessage.parseFrom(message);
        int records = expected.getCellsCount() + expected.getUesCount();
        int aperBytes = aperPdus.stream().mapToInt(b -> b.length).sum();
        // correctness of the measured path: the records equal the protobuf message's
        KpmIndicationMessage.Builder merged = KpmIndicationMessage.newBuilder();
        for (byte[] b : aperPdus) {
            for (RicIndication ind : kpmRic.indicationFromNode(E2apAperCodec.decode(b).pdu().getInitiatingMessage().getRicIndication())) {
                merged.mergeFrom(KpmIndicationMessage.parseFrom(ind.getRicIndicationMessage()));
            }
        }
        if (!merged.build().equals(expected)) throw new IllegalStateException("APER path does not give the protobuf message back");

        long[] pb = new long[ops];
        long[] ap = new long[ops];
        int warm = Math.max(2000, ops / 5);
        long sink = 0;
        for (int i = -warm; i < ops; i++) {
            long s = System.nanoTime();
            E2apPdu p = E2apPdu.parseFrom(protobufPdu);
            RicIndication ind = p.getInitiatingMessage().getRicIndication();
            KpmIndicationHeader h = KpmIndicationHeader.parseFrom(ind.getRicIndicationHeader());
            KpmIndicationMessage m = KpmIndicationMessage.parseFrom(ind.getRicIndicationMessage());
            long d = System.nanoTime() - s;
            sink += h.getCollectionStartTimeMs() + m.getUesCount();
            if (i >= 0) pb[i] = d;
        }
        for (int i = -warm; i < ops; i++) {
            long s = System.nanoTime();
            int got = 0;
            for (byte[] b : aperPdus) {
                E2apAperCodec.Decoded d = E2apAperCodec.decode(b);
                for (RicIndication ind : kpmRic.indicationFromNode(d.pdu().getInitiatingMessage().getRicIndication())) {
                    KpmIndicationHeader h = KpmIndicationHeader.parseFrom(ind.getRicIndicationHeader());
                    KpmIndicationMessage m = KpmIndicationMessage.parseFrom(ind.getRicIndicationMessage());
                    got += m.getCellsCount() + m.getUesCount();
                    sink += h.getCollectionStartTimeMs();
                }
            }
            long d = System.nanoTime() - s;
            if (got != records) throw new IllegalStateException("APER path gave " + got + " records, expected " + records);
            if (i >= 0) ap[i] = d;
        }
        System.out.printf("KPM indication (%d records), %,d ops after %,d warm-up, ns/op%n", records, ops, warm);
        System.out.printf("  protobuf: parse E2AP + KPM header/message       p50 %8d p99 %8d bytes %d%n", pct(pb, 50), pct(pb, 99), protobufPdu.length);
        System.out.printf("  APER: %d PDUs decoded + mapped + parsed           p50 %8d p99 %8d bytes %d %s%n", aperPdus.size(), pct(ap, 50), pct(ap, 99),
                aperBytes, aperPdus.stream().map(b -> String.valueOf(b.length)).toList());
        if (sink == 42) System.out.print("");
    }

    static long pct(long[] a, int p) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) (s.length * (p / 100.0)))];
    }

    private static E2apPdu indication(RicRequestId id, int action, ByteString header, ByteString message) {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRicRequestId(id).setRanFunctionId(2).setRicActionId(action)
                        .setRicIndicationType(RicIndicationType.RIC_INDICATION_TYPE_REPORT)
                        .setRicIndicationHeader(header).setRicIndicationMessage(message))).build();
    }
}
