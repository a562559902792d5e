package io.jric.xapps.hello;

import static io.jric.xapps.testing.XappRic.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.core.internal.grid.ControlLogEntry;
import io.jric.xapps.testing.XappRic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * hello-xapp installed from its own descriptor into a real RIC with the simulator: it reads KPM and
 * steers one cell. Written with the documented fixture ({@link XappRic}, docs/xapps.md "Testing an
 * xApp"): copy it as the start of your own xApp's test.
 */
class HelloXappTest {
    @Test
    void installedFromItsDescriptorItReadsKpmAndSendsOneTxPowerControl() throws Exception {
        try (XappRic ric = XappRic.start("hello-test", false)) {
            ric.simulator(2, 80, 2, 10);     // 2 gNBs x 3 cells, 80 UEs, seed 2, ten times real time
            ric.log("hello-xapp");           // start capturing its log before it starts
            ric.installFromModuleDescriptor();

            // The platform's count of delivered reports (not the xApp's own "reports" counter).
            await(() -> ric.reports("hello-xapp") >= 3, "hello-xapp receives KPM reports");
            ControlLogEntry acked = ric.awaitControl("hello-xapp", c -> c.status().equals("ACK"), "its Tx-power control acked");
            assertTrue(acked.action().startsWith("tx_power "), acked.toString());
            List<ControlLogEntry> mine = ric.controls("hello-xapp", c -> true);
            assertEquals(1, mine.size(), "hello-xapp sends exactly one control: " + mine);
            assertEquals(0, ric.status("hello-xapp").get(0).errors, "no handler errors");
            await(() -> ric.metric("hello-xapp", "controls.ack") == 1, "its own counter of acked controls");
            await(() -> ric.log("hello-xapp").stream().anyMatch(l -> l.contains("tx_power") && l.contains("ACK")),
                    "its log names the control and its outcome");
        }
    }
}
