package io.jric.gateway;

import static io.jric.gateway.GatewayPlatform.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.jric.api.kpm.KpmCaches;
import io.jric.api.xapp.ModelEvent;
import io.jric.api.xapp.PolicyEvent;
import io.jric.api.xapp.PolicyStatus;
import io.jric.core.internal.xapp.XappHost;
import io.jric.proto.xapp.v1.A3Hysteresis;
import io.jric.proto.xapp.v1.CellSleep;
import io.jric.proto.xapp.v1.ControlRequest;
import io.jric.proto.xapp.v1.ControlResponse;
import io.jric.proto.xapp.v1.ControlStatus;
import io.jric.proto.xapp.v1.HealthRequest;
import io.jric.proto.xapp.v1.HealthResponse;
import io.jric.proto.xapp.v1.KpmReport;
import io.jric.proto.xapp.v1.ModelResult;
import io.jric.proto.xapp.v1.PolicyStatusReport;
import io.jric.proto.xapp.v1.TxPower;
import io.jric.proto.xapp.v1.XappEvent;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.ClientCache;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Out-of-process xApps against a real grid, E2 termination and simulated RAN, over real loopback
 * gRPC: one test runs the remote xApp in its own JVM, the others drive the API from this JVM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XappGatewayTest {
    private GatewayPlatform p;
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private Process child;

    @BeforeAll
    void start() {
        p = new GatewayPlatform();
    }

    @AfterAll
    void stop() {
        if (p != null) p.close();
    }

    @AfterEach
    void release() throws Exception {
        if (child != null) {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            child = null;
        }
        for (AutoCloseable c : cleanup) c.close();
        cleanup.clear();
        for (var r : p.xapps.list()) p.xapps.remove(r.name());
    }

    private TestRemote remote() {
        TestRemote r = new TestRemote(p.gateway.port());
        cleanup.add(r);
        return r;
    }

    private static String cellOf(KpmReport r) {
        return r.getCells(0).getCellId();
    }

    private long metric(String xapp, String name) {
        List<XappHost.InstanceStatus> s = p.xapps.status(xapp);
        return s.isEmpty() ? 0 : s.get(0).metrics.getOrDefault(name, 0L);
    }

    @Test
    void anXappInAnotherJvmClosesALoopThroughTheGateway() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-loop", "1.0.0"), null, null);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        // Output to a file, not a pipe: the JDK may drop a pipe's last lines when the process exits.
        ChildOutput lines = new ChildOutput(Files.createTempFile("remote-loop", ".log"));
        lines.file.toFile().deleteOnExit();
        child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), RemoteLoopMain.class.getName(),
                Integer.toString(p.gateway.port()), "remote-loop", "37.5")
                .redirectErrorStream(true).redirectOutput(lines.file.toFile()).start();

        assertTrue(line(lines, "ATTACHED").contains("remote-loop#"));
        String control = line(lines, "CONTROL ");
        assertTrue(control.startsWith("CONTROL ACK "), control);
        String cell = control.split(" ")[2];
        assertEquals(37.5, p.sim.model().txPower(cell), 1e-6, "the simulated cell's Tx power");
        String undeclared = line(lines, "UNDECLARED");
        assertTrue(undeclared.startsWith("UNDECLARED REFUSED") && undeclared.contains("did not declare"), undeclared);

        HealthResponse h = remote().blocking.health(HealthRequest.getDefaultInstance());
        assertEquals("SERVING", h.getState());
        assertEquals(2, h.getE2NodesConnected());
        assertTrue(h.getXappsList().stream().anyMatch(x -> x.getXappName().equals("remote-loop") && x.getAttached()
                && x.getEventsSent() > 0), h.toString());

        Map<String, PolicyStatus> yes = p.xapps.deliverPolicy("remote-loop",
                new PolicyEvent("20008", "p-1", "{\"enforce\":true}", false), Duration.ofSeconds(10));
        assertEquals(1, yes.size());
        assertTrue(yes.values().iterator().next().isEnforced());
        assertEquals("POLICY p-1 true", line(lines, "POLICY"));
        PolicyStatus no = p.xapps.deliverPolicy("remote-loop",
                new PolicyEvent("20008", "p-2", "{\"enforce\":false}", false), Duration.ofSeconds(10)).values().iterator().next();
        assertFalse(no.isEnforced());
        assertEquals("told not to enforce", no.reason());

        p.xapps.remove("remote-loop");
        String ended = line(lines, "ENDED");
        assertEquals("ENDED NOT_FOUND xApp remote-loop was removed", ended);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the remote process exits when its xApp is removed");
    }

    /** A child process's output file, read line by line. */
    private static final class ChildOutput {
        final Path file;
        final List<String> seen = new ArrayList<>();
        int consumed;

        ChildOutput(Path file) {
            this.file = file;
        }
    }

    /** The next complete line of the child's output starting with the prefix (waits up to 60 s). */
    private static String line(ChildOutput o, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            String text = Files.readString(o.file, StandardCharsets.UTF_8);
            String[] complete = text.substring(0, text.lastIndexOf('\n') + 1).split("\n");
            for (int i = o.consumed; i < complete.length && !complete[i].isEmpty(); i++) {
                o.consumed = i + 1;
                o.seen.add(complete[i]);
                if (complete[i].startsWith(prefix)) return complete[i];
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line starting with " + prefix + " from the remote; saw " + o.seen);
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    @Test
    void attachNamesTheProblem() throws Exception {
        p.xapps.install(GatewayPlatform.local("in-process"), null, null);
        p.xapps.install(GatewayPlatform.remote("remote-a", "1.0.0"), null, null);
        TestRemote r = remote();

        Status unknown = r.attach("no-such-xapp").awaitEnd();
        assertEquals(Status.Code.NOT_FOUND, unknown.getCode());
        assertEquals("xApp no-such-xapp is not installed", unknown.getDescription());

        Status local = r.attach("in-process").awaitEnd();
        assertEquals(Status.Code.FAILED_PRECONDITION, local.getCode());
        assertEquals("xApp in-process is not a remote xApp (entry.provider must be \"jric.remote\", is \"gw-local\")",
                local.getDescription());

        Status empty = r.attach("").awaitEnd();
        assertEquals(Status.Code.INVALID_ARGUMENT, empty.getCode());
        assertEquals("xapp_name: empty", empty.getDescription());

        TestRemote.Stream first = r.attach("remote-a");
        XappEvent attached = first.next(XappEvent.EventCase.ATTACHED);
        assertEquals(1, attached.getSequence());
        assertEquals(p.grid.ignite().name(), attached.getAttached().getRicNode());
        assertTrue(attached.getAttached().getDescriptorJson().contains("jric.remote"));
        Status second = r.attach("remote-a").awaitEnd();
        assertEquals(Status.Code.ALREADY_EXISTS, second.getCode());
        assertTrue(second.getDescription().startsWith("xApp remote-a is attached already (by /127.0.0.1:"),
                second.getDescription());
        assertFalse(first.ended.isDone(), "the first stream is unaffected");
    }

    @Test
    void controlsGoThroughTheControlRouter() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-ctl", "1.0.0"), null, null);
        TestRemote r = remote();
        TestRemote.Stream s = r.attach("remote-ctl");
        KpmReport report = s.next(XappEvent.EventCase.KPM_REPORT).getKpmReport();
        String cell = cellOf(report);

        ControlResponse ack = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl")
                .setNodeId(report.getNodeId()).setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(33))
                .setReportRicNanos(report.getRicReceivedNanos()).build());
        assertEquals(ControlStatus.ACK, ack.getStatus(), ack.getDetail());
        assertTrue(ack.getRoundTripNanos() > 0 && ack.getLoopNanos() >= ack.getRoundTripNanos(), ack.toString());
        assertEquals(33.0, p.sim.model().txPower(cell), 1e-6);

        ControlResponse outOfRange = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl")
                .setNodeId(report.getNodeId()).setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(60)).build());
        assertEquals(ControlStatus.REFUSED, outOfRange.getStatus());
        assertTrue(outOfRange.getDetail().contains("outside the range"), outOfRange.getDetail());

        ControlResponse undeclared = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl")
                .setNodeId(report.getNodeId()).setCellSleep(CellSleep.newBuilder().setCellId(cell).setSleep(true)).build());
        assertEquals(ControlStatus.REFUSED, undeclared.getStatus());
        assertTrue(undeclared.getDetail().contains("did not declare the control cell_sleep"), undeclared.getDetail());
        assertFalse(p.sim.model().isSleeping(cell));
        ControlResponse a3 = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl")
                .setNodeId(report.getNodeId()).setA3Hysteresis(A3Hysteresis.newBuilder().setCellId(cell).setDb(10)).build());
        assertEquals(ControlStatus.REFUSED, a3.getStatus());
        assertTrue(a3.getDetail().contains("did not declare the control a3_hysteresis"), a3.getDetail());
        ControlResponse ifo = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl")
                .setNodeId(report.getNodeId()).setInterFrequencyOffset(io.jric.proto.xapp.v1.InterFrequencyOffset.newBuilder()
                        .setCellId(cell).setNrArfcn(633333).setDb(6)).build());
        assertEquals(ControlStatus.REFUSED, ifo.getStatus());
        assertTrue(ifo.getDetail().contains("did not declare the control inter_frequency_offset"), ifo.getDetail());

        assertStatus(Status.Code.INVALID_ARGUMENT, "node_id: empty", () -> r.blocking.control(ControlRequest.newBuilder()
                .setXappName("remote-ctl").setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(33)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "tx_power.cell_id: nope is not a cell id (expected <6 hex digits>:<9 hex digits>)",
                () -> r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl").setNodeId(report.getNodeId())
                        .setTxPower(TxPower.newBuilder().setCellId("nope").setDbm(33)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "action: not set (one of tx_power, cell_individual_offset, handover, cell_sleep, "
                + "a3_hysteresis, a3_time_to_trigger, inter_frequency_offset, inter_frequency_threshold)",
                () -> r.blocking.control(ControlRequest.newBuilder().setXappName("remote-ctl").setNodeId(report.getNodeId()).build()));
        assertStatus(Status.Code.NOT_FOUND, "xApp ghost is not installed", () -> r.blocking.control(ControlRequest.newBuilder()
                .setXappName("ghost").setNodeId(report.getNodeId()).setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(33)).build()));
    }

    @Test
    void aRemoteXappRecordsExperienceRowsThroughTheGateway() throws Exception {
        String withExperience = GatewayPlatform.remote("remote-exp", "1.0.0").replace("\"controls\":",
                "\"experience\":{\"horizonMs\":1000,\"outcome\":[\"throughputDlMbps\"],\"maxRows\":2},\"controls\":");
        p.xapps.install(withExperience, null, null);
        p.xapps.install(GatewayPlatform.remote("remote-noexp", "1.0.0"), null, null);
        TestRemote r = remote();
        TestRemote.Stream s = r.attach("remote-exp");
        KpmReport report = s.next(XappEvent.EventCase.KPM_REPORT).getKpmReport();
        String cell = cellOf(report);
        io.jric.proto.xapp.v1.ExperienceRecord.Builder row = io.jric.proto.xapp.v1.ExperienceRecord.newBuilder()
                .setXappName("remote-exp").setNodeId(report.getNodeId()).setCellId(cell)
                .putFeatures("prbUsedDlPct", 55).putAction("txPowerDbm", 40);

        io.jric.proto.xapp.v1.ExperienceRecorded first = r.blocking.recordExperience(row.setDecisionTimeMs(1_765_000_000_000L).build());
        assertTrue(first.getRecorded());
        io.jric.proto.xapp.v1.ExperienceRecorded second = r.blocking.recordExperience(row.setDecisionTimeMs(0).build());
        assertTrue(second.getRecorded(), "0: on the cell's latest record");
        List<io.jric.core.internal.grid.ExperienceRow> rows = p.host.experience().rows("remote-exp", 0, Long.MAX_VALUE, 10).rows;
        assertEquals(2, rows.size());
        assertEquals(1_765_000_000_000L, rows.get(0).timeMs());
        assertEquals(cell, rows.get(0).cellId());
        assertEquals(55.0, rows.get(0).featureValues()[0], 0.0);
        assertFalse(r.blocking.recordExperience(row.build()).getRecorded(), "maxRows 2 reached: dropped and counted");
        assertEquals(1, p.host.experience().stats("remote-exp").view().get("dropped"));

        assertStatus(Status.Code.FAILED_PRECONDITION,
                "xApp remote-noexp declares no experience section in its descriptor (docs/ml-lifecycle.md)",
                () -> r.blocking.recordExperience(row.setXappName("remote-noexp").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "cell_id: nope is not a cell id (expected <6 hex digits>:<9 hex digits>)",
                () -> r.blocking.recordExperience(row.setXappName("remote-exp").setCellId("nope").build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "features.x: NaN (expected: a finite number)",
                () -> r.blocking.recordExperience(row.setCellId(cell).putFeatures("x", Double.NaN).build()));
        assertStatus(Status.Code.NOT_FOUND, "xApp ghost is not installed",
                () -> r.blocking.recordExperience(row.setXappName("ghost").build()));
        assertEquals(2, p.host.experience().rows("remote-exp", 0, Long.MAX_VALUE, 10).rows.size(), "refusals recorded nothing");
    }

    @Test
    void aRemoteXappHoldsASettingUntilItReleasesIt() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-holder", "1.0.0"), null, null);
        p.xapps.install(GatewayPlatform.remote("remote-other", "1.0.0"), null, null);
        TestRemote r = remote();
        TestRemote.Stream s = r.attach("remote-holder");
        r.attach("remote-other");
        KpmReport report = s.next(XappEvent.EventCase.KPM_REPORT).getKpmReport();
        String cell = cellOf(report);
        ControlResponse held = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-holder")
                .setNodeId(report.getNodeId()).setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(44))
                .setHoldMs(600_000).build());
        assertEquals(ControlStatus.ACK, held.getStatus(), held.getDetail());
        ControlResponse other = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-other")
                .setNodeId(report.getNodeId()).setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(30)).build());
        assertEquals(ControlStatus.CONFLICT, other.getStatus());
        assertTrue(other.getDetail().contains("held by xApp remote-holder") && other.getDetail().contains("a hold"),
                other.getDetail());
        assertEquals(1, r.blocking.release(io.jric.proto.xapp.v1.ReleaseRequest.newBuilder().setXappName("remote-holder")
                .setNodeId(report.getNodeId()).setCellId(cell).build()).getReleased());
        ControlResponse after = r.blocking.control(ControlRequest.newBuilder().setXappName("remote-other")
                .setNodeId(report.getNodeId()).setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(30)).build());
        assertEquals(ControlStatus.ACK, after.getStatus(), after.getDetail());
        assertStatus(Status.Code.INVALID_ARGUMENT, "lease: PT0.05S (expected PT0.1S .. PT1H)",
                () -> r.blocking.control(ControlRequest.newBuilder().setXappName("remote-holder").setNodeId(report.getNodeId())
                        .setTxPower(TxPower.newBuilder().setCellId(cell).setDbm(33)).setHoldMs(50).build()));
    }

    private static void assertStatus(Status.Code code, String description, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(description, e.getStatus().getDescription());
    }

    @Test
    void policiesAndModelsAreAnsweredByTheRemoteOrTimeOut() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-pol", "1.0.0"), null, null);
        PolicyStatus unattached = p.xapps.deliverPolicy("remote-pol", new PolicyEvent("1", "p0", "{}", false),
                Duration.ofSeconds(10)).values().iterator().next();
        assertFalse(unattached.isEnforced());
        assertTrue(unattached.reason().startsWith("no process is attached to remote xApp remote-pol"), unattached.reason());

        TestRemote r = remote();
        TestRemote.Stream s = r.attach("remote-pol");
        s.next(XappEvent.EventCase.ATTACHED);
        java.util.concurrent.CompletableFuture<Void> answerer = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                XappEvent e = s.next(XappEvent.EventCase.POLICY);
                assertEquals("p1", e.getPolicy().getPolicyId());
                assertEquals("{\"max\":40}", e.getPolicy().getJson());
                assertStatus(Status.Code.INVALID_ARGUMENT, "correlation_id " + e.getPolicy().getCorrelationId()
                        + " belongs to xApp remote-pol, not other", () -> r.blocking.reportPolicyStatus(PolicyStatusReport
                        .newBuilder().setXappName("other").setCorrelationId(e.getPolicy().getCorrelationId()).build()));
                r.blocking.reportPolicyStatus(PolicyStatusReport.newBuilder().setXappName("remote-pol")
                        .setCorrelationId(e.getPolicy().getCorrelationId()).setEnforced(false).setReason("max too low").build());
                XappEvent m = s.next(XappEvent.EventCase.MODEL);
                assertEquals("mlp", m.getModel().getModelName());
                assertEquals(3, m.getModel().getContent().size());
                r.blocking.reportModelResult(ModelResult.newBuilder().setXappName("remote-pol")
                        .setCorrelationId(m.getModel().getCorrelationId()).setAccepted(true).build());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        PolicyStatus answered = p.xapps.deliverPolicy("remote-pol", new PolicyEvent("1", "p1", "{\"max\":40}", false),
                Duration.ofSeconds(10)).values().iterator().next();
        assertFalse(answered.isEnforced());
        assertEquals("max too low", answered.reason());
        Map<String, String> model = p.xapps.deliverModel("remote-pol",
                new ModelEvent("mlp", "2", "dl4j", List.of("prbUsedDlPct"), new byte[] {1, 2, 3}), Duration.ofSeconds(15));
        assertEquals(1, model.size());
        assertNull(model.values().iterator().next(), "the remote accepted the model");
        answerer.get(30, TimeUnit.SECONDS);

        // Nobody answers: the bounded wait ends with a reason.
        long t0 = System.nanoTime();
        PolicyStatus silent = p.xapps.deliverPolicy("remote-pol", new PolicyEvent("1", "p2", "{}", false),
                Duration.ofSeconds(10)).values().iterator().next();
        assertFalse(silent.isEnforced());
        assertEquals("the remote process of xApp remote-pol did not answer policy p2 within 2000 ms", silent.reason());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5));
        long late = s.next(XappEvent.EventCase.POLICY).getPolicy().getCorrelationId();
        assertStatus(Status.Code.NOT_FOUND, "correlation_id " + late
                + ": no policy event awaits an answer (answered already, timed out, or never sent)",
                () -> r.blocking.reportPolicyStatus(PolicyStatusReport.newBuilder().setXappName("remote-pol")
                        .setCorrelationId(late).setEnforced(true).build()));
    }

    @Test
    void aDetachedXappDropsReportsUntilItAttachesAgain() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-re", "1.0.0"), null, null);
        TestRemote r = remote();
        TestRemote.Stream first = r.attach("remote-re");
        first.next(XappEvent.EventCase.KPM_REPORT);
        first.cancel();
        await(() -> !p.gateway.gateway().attached("remote-re"), "the gateway sees the detach");
        long drops = metric("remote-re", "remote.drops");
        await(() -> metric("remote-re", "remote.drops") > drops + 3, "reports without a stream are dropped and counted");

        TestRemote.Stream second = r.attach("remote-re");
        assertEquals(1, second.next(XappEvent.EventCase.ATTACHED).getSequence(), "a new stream counts from 1");
        KpmReport again = second.next(XappEvent.EventCase.KPM_REPORT).getKpmReport();
        assertTrue(again.getCellsCount() > 0);
        assertFalse(second.ended.isDone());
    }

    @Test
    void theStreamSurvivesAnUpgradeAndEndsWhenTheXappIsRemoved() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-up", "1.0.0"), null, null);
        TestRemote r = remote();
        TestRemote.Stream s = r.attach("remote-up");
        s.next(XappEvent.EventCase.KPM_REPORT);
        p.xapps.upgrade(GatewayPlatform.remote("remote-up", "1.1.0"), null, null);
        s.events.clear();
        s.next(XappEvent.EventCase.KPM_REPORT);
        assertEquals("1.1.0", p.xapps.status("remote-up").get(0).version);
        assertFalse(s.ended.isDone(), "the stream stays open through the upgrade");

        p.xapps.remove("remote-up");
        Status end = s.awaitEnd();
        assertEquals(Status.Code.NOT_FOUND, end.getCode());
        assertEquals("xApp remote-up was removed", end.getDescription());
        assertFalse(p.gateway.gateway().attached("remote-up"));
    }

    @Test
    void theThinClientReadsTheLatestCellRecords() throws Exception {
        p.xapps.install(GatewayPlatform.remote("remote-grid", "1.0.0"), null, null);
        TestRemote r = remote();
        r.attach("remote-grid").next(XappEvent.EventCase.KPM_REPORT);
        try (IgniteClient client = Ignition.startClient(new ClientConfiguration()
                .setAddresses("127.0.0.1:" + p.thinClientPort()))) {
            ClientCache<Object, Object> cells = client.cache(KpmCaches.CELL_LATEST).withKeepBinary();
            await(() -> cells.size() == 6, "6 cells in the grid");
            org.apache.ignite.binary.BinaryObject any = null;
            for (var e : cells.query(new org.apache.ignite.cache.query.ScanQuery<>()).getAll()) {
                any = (org.apache.ignite.binary.BinaryObject) e.getValue();
            }
            assertTrue(any != null && any.<String>field("cellId") != null && any.<Float>field("txPowerDbm") > 0,
                    String.valueOf(any));
        }
    }
}
