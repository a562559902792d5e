package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.xapp.ControlClient;
import io.jric.sim.Carrier;
import io.jric.sim.E2Encoding;
import io.jric.sim.RanModel;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.sim.UeView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inter-frequency controls of the SDK through the whole RIC (descriptor check, guard rails, control
 * router, E2 termination, E2SM-RC over protobuf or APER) into a two-layer simulated node: thresholds
 * sent by an xApp close the path between the layers (no inter-frequency handover while closed) and open
 * it (UEs move to the capacity layer); a RIC handover lands a UE on a cell of the other layer; values
 * outside the descriptor's range or a guard rail are refused and change nothing.
 */
class InterFrequencyControlTest {
    private static final String XAPP = "if-probe";

    @ParameterizedTest
    @EnumSource(E2Encoding.class)
    void thresholdsAndOffsetsSentThroughTheRicDecideWhichUesChangeLayer(E2Encoding encoding) throws Exception {
        ProbeXapp.BY_NAME.clear();
        Path store = Files.createTempDirectory("jric-if");
        // a generous control timeout: the node answers within milliseconds, but a loaded machine may stall it for a second
        try (RicNode ric = RicNode.start(RicFixture.config(store, "if-test-" + System.nanoTime()).set("e2.control.timeoutMs", "15000"));
             RanSimulator sim = new RanSimulator(SimConfig.preset("two-layer").seed(11).gnbs(1).ues(90).build(),
                     RanSimulator.Options.builder().speed(10).e2Encoding(encoding).build())) {
            sim.start("127.0.0.1", ric.e2().port());
            await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 1, "node connected");
            ric.xapps().install(descriptor(), store, null);
            await(() -> ProbeXapp.BY_NAME.containsKey(XAPP) && !ProbeXapp.BY_NAME.get(XAPP).reports.isEmpty(), "KPM reports");
            ControlClient c = ProbeXapp.BY_NAME.get(XAPP).ctx.control();
            RanModel m = sim.model();
            String node = m.nodeId(0);
            long n28 = arfcn(m, "n28");
            long n78 = arfcn(m, "n78");
            List<String> low = cells(m, "n28");
            List<String> mid = cells(m, "n78");
            assertEquals(3, low.size());
            assertEquals(3, mid.size());

            // Refused before the node: outside the descriptor's range (threshold 1 too), and by a guard rail.
            ControlOutcome outside = get(c.interFrequencyThresholds(node, mid.get(0), -156, -100));
            assertEquals(ControlStatus.REFUSED, outside.status());
            assertTrue(outside.detail().contains("inter_frequency_threshold -156.0 is outside the range the descriptor declares"),
                    outside.detail());
            assertEquals(ControlStatus.REFUSED, get(c.interFrequencyOffset(node, low.get(0), n78, 30)).status(), "beyond +-24 dB");
            assertEquals(200, put(ric, "/ric/v1/guardrails/*", "{\"interFrequencyOffsetMaxAbsDb\":20}"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            ControlOutcome railed;
            do {
                railed = get(c.interFrequencyOffset(node, low.get(0), n78, 24));
            } while (railed.status() != ControlStatus.REFUSED && System.nanoTime() < deadline);
            assertTrue(railed.detail().contains("guard rail: inter-frequency offset limit +/-20.0 dB on every cell"), railed.detail());

            // Closed: no cell sends a UE to the other layer (threshold 2 at its maximum, offsets at -20 dB).
            for (String cell : low) {
                assertAck(c.interFrequencyThresholds(node, cell, ControlClient.A4, -31));
                assertAck(c.interFrequencyOffset(node, cell, n78, -20));
            }
            for (String cell : mid) {
                assertAck(c.interFrequencyThresholds(node, cell, Double.NaN, -31));
                assertAck(c.interFrequencyOffset(node, cell, n28, -20));
            }
            assertEquals(-20.0, m.interFrequencyOffset(low.get(0), "n78"), 1e-6, "the node applied the offset");
            assertEquals(-31.0, m.interFrequencyThresholds(mid.get(1))[1], 1e-6);
            assertEquals(Double.POSITIVE_INFINITY, m.interFrequencyThresholds(low.get(2))[0], "A4 on the low band");
            long closedFrom = m.interFrequencyHandovers();
            awaitSimSeconds(m, 20);
            assertEquals(closedFrom, m.interFrequencyHandovers(), "no inter-frequency handover while closed");

            // A RIC handover to a cell of the other layer (E2SM-RC style 3): acknowledged and executed.
            boolean moved = false;
            for (UeView u : m.ues()) {
                if (!low.contains(u.servingCellId())) continue;
                String target = mid.get(low.indexOf(u.servingCellId()));  // the same sector on the mid band
                ControlOutcome o = get(c.handover(node, u.ueId(), target));
                if (o.status() == ControlStatus.ACK) {
                    assertEquals("n78", m.carrierOf(m.servingCell(u.ueId())), "served on the other layer after the handover");
                    moved = true;
                    break;
                }
            }
            assertTrue(moved, "a RIC handover from the low band to the mid band");

            // Open: the low band's A4 fires for every UE that hears the mid band; the mid band keeps them.
            int onMidBefore = onLayer(m, mid);
            for (String cell : low) {
                assertAck(c.interFrequencyThresholds(node, cell, ControlClient.A4, -150));
                assertAck(c.interFrequencyOffset(node, cell, n78, 12));
            }
            long openFrom = m.interFrequencyHandovers();
            awaitSimSeconds(m, 20);
            long opened = m.interFrequencyHandovers() - openFrom;
            int onMidAfter = onLayer(m, mid);
            assertTrue(opened >= 5, "inter-frequency handovers once open: " + opened);
            assertTrue(onMidAfter > onMidBefore, "UEs on the mid band: " + onMidBefore + " -> " + onMidAfter);
            assertEquals(12.0, m.interFrequencyOffset(low.get(1), "n78"), 1e-6);
        }
    }

    private static String descriptor() {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + XAPP + "\",\"version\":\"1.0.0\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"probe\"},\"queueCapacity\":16,"
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":1000,\"style\":\"cell\"}],"
                + "\"controls\":[{\"action\":\"inter_frequency_offset\",\"scope\":\"cell\",\"min\":-24,\"max\":24},"
                + "{\"action\":\"inter_frequency_threshold\",\"scope\":\"cell\",\"min\":-150,\"max\":-31},"
                + "{\"action\":\"handover\",\"scope\":\"ue\"}],"
                + "\"config\":{\"schema\":{\"type\":\"object\"},\"values\":{\"mode\":\"record\"}}}";
    }

    private static int put(RicNode ric, String path, String json) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + ric.httpPort() + path)).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static ControlOutcome get(java.util.concurrent.CompletionStage<ControlOutcome> s) throws Exception {
        return s.toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static void assertAck(java.util.concurrent.CompletionStage<ControlOutcome> s) throws Exception {
        ControlOutcome o = get(s);
        assertEquals(ControlStatus.ACK, o.status(), o.detail());
    }

    private static long arfcn(RanModel m, String carrier) {
        for (Carrier k : m.config().carriers()) if (k.name().equals(carrier)) return k.nrArfcn();
        throw new AssertionError("no carrier " + carrier);
    }

    /** The cells of one layer, in sector order. */
    private static List<String> cells(RanModel m, String carrier) {
        List<String> out = new ArrayList<>();
        for (String cell : m.cellIds()) if (m.carrierOf(cell).equals(carrier)) out.add(cell);
        return out;
    }

    private static int onLayer(RanModel m, List<String> layer) {
        int n = 0;
        for (UeView u : m.ues()) if (layer.contains(u.servingCellId())) n++;
        return n;
    }

    /** Waits until the simulation has run {@code seconds} more simulated seconds (however slow the machine). */
    private static void awaitSimSeconds(RanModel m, int seconds) {
        long until = m.timeMs() + seconds * 1000L;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (m.timeMs() < until) {
            if (System.nanoTime() > deadline) throw new AssertionError("the simulator did not advance " + seconds + " s");
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
