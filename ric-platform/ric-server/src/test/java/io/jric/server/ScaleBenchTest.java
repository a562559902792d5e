package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ric bench scale} at a tiny size (5 nodes x 2 cells, 50 UEs, 3 s): the real RIC, the load
 * nodes in a second JVM, and every figure printed. Checks that it runs and reports, not how fast.
 */
class ScaleBenchTest {
    @Test
    @Timeout(value = 180)
    void tinyRunSetsUpEveryNodeAndPrintsEveryFigure() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = ScaleBench.run(new String[] {"--nodes", "5", "--cells-per-node", "2", "--ues", "50", "--period-ms", "200",
                    "--duration", "3s", "--sample", "1s", "--control-rate", "20", "--load-heap", "256m", "--warmup", "1s",
                    "--ml", "none"}, out); // the power model lives in the ML xApps' modules, not on this module's class path
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, code, text);
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).toSeconds() < 120, "bounded in time");
        assertTrue(text.contains("E2 Setup: 5 of 5 nodes set up in"), text);
        assertTrue(text.contains("xApps: the loop bench's (one control per xApp every 10 reports it sees; KPM handlers declared "
                + "non-blocking"), text);
        assertTrue(text.contains(", 0 failed (load side); RIC: 5 accepted, 0 rejected"), text);
        assertTrue(text.contains("E2 subscriptions: 5 nodes had theirs"), text);
        assertTrue(text.contains("5 E2 subscriptions for 5 of 5 nodes; per node: min 1 max 1; per node and action: min 1 max 1"),
                text);
        for (String figure : List.of("indications/s", "KPM records into grid/s", "ingest backlog", "decode->grid latency",
                "Memory, first sample -> last: KPM region", "Live heap (old gen right after a full GC", "Control round trip (harness -> RIC -> node ack)",
                "xApps (4):", "CPU over the run: RIC process", "load process", "Drops and back-pressure:",
                "load sends refused by flow control", "backpressure pauses", "Warm-up 1 s (not measured)", "Load process: done sent=")) {
            assertTrue(text.contains(figure), "missing '" + figure + "' in:\n" + text);
        }
        Matcher records = Pattern.compile("KPM records into grid/s +([0-9,]+)").matcher(text);
        assertTrue(records.find(), text);
        assertTrue(Long.parseLong(records.group(1).replace(",", "")) > 0, "records reached the grid:\n" + text);
        Matcher acked = Pattern.compile("([0-9,]+) sent, ([0-9,]+) acked").matcher(text);
        assertTrue(acked.find() && Long.parseLong(acked.group(2).replace(",", "")) > 0, "controls acked:\n" + text);
        assertTrue(text.lines().filter(l -> l.matches(" +[0-9]+s .*")).count() >= 2, "samples over time:\n" + text);
        // the xApps found the send times the load process shared (SendTimes): the loop is measured across the processes
        Matcher loops = Pattern.compile("xApps' loop \\(node indication -> xApp -> node ack.*?([0-9,]+) loops: p50").matcher(text);
        assertTrue(loops.find(), text);
        assertTrue(Long.parseLong(loops.group(1).replace(",", "")) > 0, "loops measured from the load process's send times:\n" + text);
    }

    @Test
    void badXappOptionsAreRefusedByName() {
        var out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScaleBench.run(new String[] {"--handlers", "spin"}, out));
        assertTrue(e.getMessage().contains("--handlers: spin (expected: inline or thread)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScaleBench.run(new String[] {"--ml", "gpt"}, out));
        assertTrue(e.getMessage().contains("--ml: gpt (expected: power or none)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScaleBench.run(new String[] {"--every", "0"}, out));
        assertTrue(e.getMessage().contains("--every: 0 (expected: an integer >= 1)"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ScaleBench.run(new String[] {"--ric-processes", "3", "--ml", "none"}, out));
        assertTrue(e.getMessage().contains("--ml applies to the one-process bench"), e.getMessage());
    }
}
