package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.e2.E2NodeInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ric sim run}: the simulated RAN as its own process feeds two RICs over E2 and says what it did. */
class SimRunCommandTest {
    @Test
    void theSimulatedRanConnectsItsGnbsToEachRicInTurnAndReportsStatus() throws Exception {
        // e2.kpm.collect: the RICs subscribe to every node's KPM, so the gNBs send indications.
        try (RicNode a = RicNode.start(RicFixture.config(Files.createTempDirectory("sim-run-a"), "sim-run-a-" + System.nanoTime())
                     .set("e2.kpm.collect", "true"));
             RicNode b = RicNode.start(RicFixture.config(Files.createTempDirectory("sim-run-b"), "sim-run-b-" + System.nanoTime())
                     .set("e2.kpm.collect", "true"))) {
            StringWriter err = new StringWriter();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream stdout = System.out;
            int rc;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                rc = RicMain.commandLine().setErr(new PrintWriter(err)).execute("sim", "run",
                        "--e2", "127.0.0.1:" + a.e2().port() + ",127.0.0.1:" + b.e2().port(),
                        "--gnbs", "3", "--ues", "30", "--speed", "10", "--duration", "4");
            } finally {
                System.setOut(stdout);
            }
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, rc, text + err);
            assertTrue(text.contains("ric sim: 3 gNBs x 3 cells, 30 UEs"), text);
            String last = text.strip().lines().reduce((x, y) -> y).orElse("");
            assertTrue(last.contains("gNBs set up 3/3") && !last.contains("indications 0 "), last);
            // gNB 0 and 2 went to the first RIC, gNB 1 to the second.
            assertEquals(2, a.e2().nodeService().nodes().stream().map(E2NodeInfo::nodeId).distinct().count());
            assertEquals(1, b.e2().nodeService().nodes().stream().map(E2NodeInfo::nodeId).distinct().count());
        }
    }

    @Test
    void aBadEndpointIsNamed() {
        StringWriter err = new StringWriter();
        int rc = RicMain.commandLine().setErr(new PrintWriter(err)).execute("sim", "run", "--e2", "nohost", "--duration", "1");
        assertTrue(rc != 0);
        assertTrue(err.toString().contains("--e2: nohost (expected host:port)"), err.toString());
    }
}
