package io.jric.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.core.internal.util.FreePorts;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ric conformance} against each kind of target, and its argument errors. */
class ConformanceCommandTest {
    private static int run(PrintStream out, String... args) throws Exception {
        ConformanceCommand c = new ConformanceCommand();
        new CommandLine(c).parseArgs(args);
        return c.run(out);
    }

    @Test
    void ricTarget(@TempDir Path dir) throws Exception {
        int disco = TestGrids.freePortPair();
        // A1 authentication off (the development flag): with no --a1-token the A1 cases run without
        // credentials (A1 defaults to the --admin URL) and pass, the authentication cases are skipped.
        try (EmbeddedRic ric = EmbeddedRic.start("conformance-cli", Map.of("grid.discoveryPort", Integer.toString(disco),
                "grid.addresses", "127.0.0.1:" + disco, "grid.communicationPort", Integer.toString(TestGrids.freePortPair()),
                "a1.auth", "off"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(new PrintStream(out, true, StandardCharsets.UTF_8), "--target", "ric", "--e2", "127.0.0.1:" + ric.e2Port(),
                    "--admin", ric.admin().toString(), "--cases", "E2-SETUP-*,DESC-REQ-002,A1-*", "--report-dir", dir.toString());
            String o = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, o);
            long n = Catalogue.load().select("E2-SETUP-*,DESC-REQ-002,A1-*").stream().filter(c -> c.appliesTo(TargetKind.RIC)).count();
            assertTrue(o.contains("[1/" + n + "] E2-SETUP-001 ... PASS"), o);
            assertTrue(o.contains("E2-SETUP-004 ... SKIP"), "no --unserved-plmn: skipped, saying why: " + o);
            assertTrue(o.contains("--unserved-plmn"), o);
            assertTrue(o.contains("A1-NOTIF-001 ... PASS"), o);
            for (String auth : new String[] {"A1-AUTH-001", "A1-AUTH-002", "A1-AUTH-003"}) assertTrue(o.contains(auth + " ... SKIP"), o);
            assertTrue(o.contains("--a1-token"), "the skip says what is missing: " + o);
            assertTrue(o.contains("0 failed, 4 skipped"), o);
            for (String f : new String[] {Report.JUNIT_FILE, Report.JSON_FILE, Report.HTML_FILE}) assertTrue(Files.exists(dir.resolve(f)), f);
        }
    }

    @Test
    void e2nodeTargetAgainstTheSimulator(@TempDir Path dir) throws Exception {
        int port = FreePorts.pair();
        try (RanSimulator sim = new RanSimulator(SimConfig.builder().seed(8).gnbs(1).cellsPerGnb(2).ues(4).build())) {
            sim.start("127.0.0.1", port); // keeps reconnecting until the harness listens
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = run(new PrintStream(out, true, StandardCharsets.UTF_8), "--target", "e2node", "--listen", "127.0.0.1:" + port,
                    "--connect-wait-s", "15", "--cases", "E2-SETUP-001,E2-SUB-002,E2-CTRL-*", "--report-dir", dir.toString());
            assertEquals(0, code, out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void xappTargetWithAFailureExitsOne(@TempDir Path dir) throws Exception {
        Path d = dir.resolve("xapp.json");
        Files.writeString(d, TestXapps.descriptor("rogue-cli", "conformance-rogue"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run(new PrintStream(out, true, StandardCharsets.UTF_8), "--target", "xapp", "--descriptor", d.toString(),
                "--gnbs", "1", "--observe-ms", "4000", "--cases", "XAPP-CTRL-001", "--report-dir", dir.resolve("r").toString());
        assertEquals(1, code, out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dir.resolve("r").resolve(Report.JUNIT_FILE)).contains("cell_sleep"));
    }

    @Test
    void e2OverSctpIsSkippedSayingWhyWhereItCannotRun(@TempDir Path dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(E2Transport.sctpUnavailable() != null,
                "this machine has SCTP: the E2 cases over SCTP run instead of being skipped");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run(new PrintStream(out, true, StandardCharsets.UTF_8), "--target", "ric", "--e2", "127.0.0.1:1",
                "--e2-transport", "sctp", "--cases", "E2-SETUP-001,E2-ERR-001", "--report-dir", dir.toString());
        String o = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, o);
        assertTrue(o.contains("E2-SETUP-001 ... SKIP") && o.contains("E2-ERR-001 ... SKIP"), o);
        assertTrue(o.contains("cannot open an SCTP socket"), o);
        assertTrue(o.contains("0 failed, 2 skipped"), o);
    }

    @Test
    void badArgumentsExitTwoWithOneLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = ConformanceMain.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--target", "ric"));
        assertTrue(err.toString().contains("--target ric needs --e2 host:port"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cl.execute("--target", "ric", "--e2", "nohost"));
        assertTrue(err.toString().contains("expected: host:port"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cl.execute("--target", "moon"));
        assertTrue(err.toString().contains("ric, xapp, e2node"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cl.execute("--target", "ric", "--e2", "127.0.0.1:1", "--e2-encoding", "ber"));
        assertTrue(err.toString().contains("expected: aper or protobuf"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cl.execute("--target", "ric", "--e2", "127.0.0.1:1", "--e2-transport", "udp"));
        assertTrue(err.toString().contains("expected: grpc or sctp"), err.toString());
    }
}
