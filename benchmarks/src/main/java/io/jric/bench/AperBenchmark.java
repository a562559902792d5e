package io.jric.bench;

import com.google.protobuf.ByteString;
import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.util.FreePorts;
import io.jric.e2.E2Settings;
import io.jric.e2.E2Termination;
import io.jric.e2.KpmCollector;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicIndicationType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.rc.v1.RcControlActionDefinition;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcRanFunctionDefinition;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * APER against protobuf, in one run: (1) the cost per KPM indication of decoding it and mapping it to
 * jRIC's model (the e2 bench's 3 cells + 40 UEs = 43 records; over APER that is one E2SM-KPM v03.00
 * indication per cell and one for the UEs), and per RIC Control of encoding it (E2SM-RC v05.00, jRIC style
 * 255 Tx power); (2) KPM ingest into the grid from load nodes over Connect (protobuf) and then over
 * ConnectAper (APER), same shape. Options: {@code --nodes 8 --ues 40 --ue-population 4000 --cells 3
 * --seconds 10 --ops 20000}.
 */
public final class AperBenchmark {
    private AperBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    public static int run(String[] args) throws Exception {
        int nodes = opt(args, "--nodes", 8);
        int ues = opt(args, "--ues", 40);
        int cells = opt(args, "--cells", 3);
        int seconds = opt(args, "--seconds", 10);
        int ops = opt(args, "--ops", 20000);
        int population = opt(args, "--ue-population", 4000);
        System.out.printf("APER benchmark: %d cells + %d UEs per indication; %d load nodes, %d s ingest each way; %d CPUs, Java %s%n",
                cells, ues, nodes, seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        codec(cells, ues, ops);
        ingest(nodes, cells, ues, population, seconds);
        return 0;
    }

    // ------------------------------------------------------------------ 1. codec

    private static void codec(int cells, int ues, int ops) throws Exception {
        LoadNode shape = new LoadNode(1, 77, cells, ues, ues);
        try {
            E2smFamilies.Family kpmFamily = E2smFamilies.forOid("1.3.6.1.4.1.53148.1.2.2.2");
            E2smFamilies.Family rcFamily = E2smFamilies.forOid("1.3.6.1.4.1.53148.1.1.2.3");
            NodeSideFunction kpmNode = kpmFamily.nodeSide("v03.00");
            KpmRanFunctionDefinition.Builder def = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM");
            for (int c = 0; c < cells; c++) def.addCells(shape.cell(c));
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

            ByteString message = shape.message(cells, ues, 0);
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
            int records = KpmIndicationMessage.parseFrom(message).getCellsCount() + KpmIndicationMessage.parseFrom(message).getUesCount();
            int aperBytes = aperPdus.stream().mapToInt(b -> b.length).sum();

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

            // RIC Control encode: E2SM-RC Tx power (jRIC style 255)
            NodeSideFunction rcNode = rcFamily.nodeSide(rcFamily.versions().get(0));
            RcRanFunctionDefinition rcDef = RcRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-RC")
                    .addControlActions(RcControlActionDefinition.newBuilder().setRicStyleType(255).setControlActionId(1)
                            .setControlActionName("Tx Power")).build();
            RicSideFunction rcRic = rcFamily.ricSide(rcNode.definitionToAper(rcDef.toByteString()));
            RicControlRequest control = RicControlRequest.newBuilder()
                    .setRicRequestId(RicRequestId.newBuilder().setRicRequestorId(2).setRicInstanceId(7))
                    .setRanFunctionId(3)
                    .setRicControlHeader(RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build().toByteString())
                    .setRicControlMessage(RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder()
                            .setCell(E2Ids.parseCellId(shape.cellId(0))).setTxPowerDbm(40)).build().toByteString())
                    .build();
            long[] pbc = new long[ops];
            long[] apc = new long[ops];
            for (int i = -warm; i < ops; i++) {
                long s = System.nanoTime();
                byte[] b = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(control))
                        .build().toByteArray();
                long d = System.nanoTime() - s;
                sink += b.length;
                if (i >= 0) pbc[i] = d;
            }
            int controlAperBytes = 0;
            for (int i = -warm; i < ops; i++) {
                long s = System.nanoTime();
                byte[] b = E2apAperCodec.encode(E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                        .setRicControlRequest(rcRic.controlToNode(control))).build());
                long d = System.nanoTime() - s;
                controlAperBytes = b.length;
                if (i >= 0) apc[i] = d;
            }
            int controlPbBytes = E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicControlRequest(control))
                    .build().getSerializedSize();

            System.out.printf("%nCodec, one thread, %,d operations each after %,d warm-up (ns per operation)%n", ops, warm);
            System.out.printf("  %-58s %8s %8s %8s %8s%n", "", "p50", "p99", "mean", "bytes");
            row("KPM indication, protobuf: parse E2AP + KPM header/message", pb, protobufPdu.length);
            row("KPM indication, APER: " + aperPdus.size() + " PDUs decoded + mapped to the model", ap, aperBytes);
            row("RIC Control, protobuf: encode", pbc, controlPbBytes);
            row("RIC Control, APER: E2SM-RC mapping + E2AP encode", apc, controlAperBytes);
            System.out.printf("  (%d records per indication; APER/protobuf at p50: indication %.1fx, control %.1fx)%n", records,
                    pct(ap, 50) / (double) pct(pb, 50), pct(apc, 50) / (double) pct(pbc, 50));
            if (sink == 42) System.out.print("");
        } finally {
            shape.close();
        }
    }

    private static E2apPdu indication(RicRequestId id, int action, ByteString header, ByteString message) {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder().setRicIndication(
                RicIndication.newBuilder().setRicRequestId(id).setRanFunctionId(2).setRicActionId(action)
                        .setRicIndicationType(RicIndicationType.RIC_INDICATION_TYPE_REPORT)
                        .setRicIndicationHeader(header).setRicIndicationMessage(message))).build();
    }

    // ------------------------------------------------------------------ 2. ingest

    private static void ingest(int nodes, int cells, int ues, int population, int seconds) throws Exception {
        GridSettings gs = GridSettings.builder().instanceName("bench-aper").discoveryPort(FreePorts.pair()).discoveryPortRange(1)
                .communicationPort(FreePorts.pair()).backups(0).dataRegionBytes(256L << 20).kpmRegionBytes(1024L << 20)
                .workDir(Files.createTempDirectory("jric-bench")).build();
        try (RicGrid grid = RicGrid.start(gs);
             E2Termination e2 = E2Termination.start(grid, Telemetry.create(), E2Settings.builder().port(0).build());
             KpmCollector collector = KpmCollector.start(e2, 10)) {
            System.out.printf("%nKPM ingest into the grid, %d load nodes each way, %d s after 3 s warm-up%n", nodes, seconds);
            double protobuf;
            List<LoadNode> pbNodes = new ArrayList<>();
            for (int i = 0; i < nodes; i++) pbNodes.add(new LoadNode(e2.port(), 1000 + i, cells, ues, population));
            for (LoadNode n : pbNodes) n.connect().get(10, TimeUnit.SECONDS);
            for (LoadNode n : pbNodes) n.subscribed().get(10, TimeUnit.SECONDS);
            for (LoadNode n : pbNodes) n.flood(true);
            protobuf = measure(e2, seconds);
            for (LoadNode n : pbNodes) n.flood(false);
            e2.flush(60_000);
            for (LoadNode n : pbNodes) n.close();
            System.out.printf("  %-38s %,12.0f records/s%n", "protobuf (Connect)", protobuf);

            List<AperLoadNode> apNodes = new ArrayList<>();
            for (int i = 0; i < nodes; i++) apNodes.add(new AperLoadNode(e2.port(), 2000 + i, cells, ues, population));
            for (AperLoadNode n : apNodes) n.connect().get(10, TimeUnit.SECONDS);
            for (AperLoadNode n : apNodes) n.subscribed().get(30, TimeUnit.SECONDS);
            long failures0 = e2.stats().aperDecodeFailures();
            for (AperLoadNode n : apNodes) n.flood(true);
            double aper = measure(e2, seconds);
            for (AperLoadNode n : apNodes) n.flood(false);
            e2.flush(60_000);
            for (AperLoadNode n : apNodes) n.close();
            System.out.printf("  %-38s %,12.0f records/s   (%.0f %% of protobuf; target >= 80 %%)%n",
                    "APER (ConnectAper, KPM v03.00)", aper, 100 * aper / protobuf);
            System.out.printf("  APER decode failures %d, error indications sent %d, undeclared-cell records %d, grid node %s%n",
                    e2.stats().aperDecodeFailures() - failures0, e2.stats().errorIndicationsSent(), e2.stats().undeclaredCellRecords(),
                    grid.failed() ? "FAILED" : "alive");
        }
    }

    private static double measure(E2Termination e2, int seconds) throws InterruptedException {
        Thread.sleep(3000);
        long r0 = e2.recordsWritten();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long r1 = e2.recordsWritten();
        return (r1 - r0) / ((System.nanoTime() - t0) / 1e9);
    }

    private static void row(String name, long[] v, int bytes) {
        double mean = 0;
        for (long x : v) mean += x;
        mean /= v.length;
        System.out.printf("  %-58s %,8d %,8d %,8.0f %,8d%n", name, pct(v, 50), pct(v, 99), mean, bytes);
    }

    private static long pct(long[] v, double p) {
        long[] c = v.clone();
        java.util.Arrays.sort(c);
        return c[Math.min(c.length - 1, (int) Math.ceil(p / 100 * c.length) - 1)];
    }

    private static int opt(String[] args, String name, int dflt) {
        List<String> known = List.of("--nodes", "--ues", "--cells", "--seconds", "--ops", "--ue-population");
        for (String a : args) {
            if (a.startsWith("--") && !known.contains(a)) {
                throw new IllegalArgumentException("unknown option " + a + " (expected: " + String.join(", ", known) + ")");
            }
        }
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                if (name.equals("--seconds")) {
                    return (int) Math.max(1, io.jric.core.internal.util.TimeValues.parse(args[i + 1], "s").toSeconds());
                }
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": " + args[i + 1] + " (expected: an integer)");
                }
            }
        }
        return dflt;
    }

}
