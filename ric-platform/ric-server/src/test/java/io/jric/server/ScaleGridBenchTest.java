package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ric bench scale --ric-processes 2} at a tiny size (6 nodes x 2 cells, 60 UEs, 3 s): this JVM and one more
 * RIC process in one grid, the load nodes split between them, and every per-process figure printed.
 */
class ScaleGridBenchTest {
    @Test
    @Timeout(value = 300)
    void twoRicProcessesEachTerminateHalfTheNodesAndReportEveryFigure() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = ScaleBench.run(new String[] {"--ric-processes", "2", "--ric-heap", "384m", "--nodes", "6", "--cells-per-node", "2",
                    "--ues", "60", "--period-ms", "200", "--duration", "3s", "--sample", "1s", "--control-rate", "20",
                    "--load-heap", "256m", "--warmup", "1s"}, out);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        assertEquals(0, code, text);
        assertTrue(text.contains("E2 Setup: 6 of 6 nodes set up in"), text);
        assertTrue(text.contains("per RIC process 3/3"), text);
        for (int k = 1; k <= 2; k++) {
            assertTrue(text.contains("RIC process " + k + ": 3 accepted, 0 rejected, 3 connected"), text);
            assertTrue(text.contains("RIC process " + k + ": 3 E2 subscriptions for 3 of its 3 nodes; per node: min 1 max 1; "
                    + "per node and action: min 1 max 1"), text);
        }
        assertTrue(text.contains("grid: 6 E2 subscriptions for 6 nodes"), text);
        for (String figure : List.of("Per RIC process over", "ingest:", "memory: KPM region", "CPU:", "controls to its own nodes:",
                "xApps (4 instances)", "drops and back-pressure:", "Whole grid over", "KPM records into grid/s",
                "control round trip, worst process's p99", "CPU over the run: RIC processes", "Load side: sends refused",
                "2 of 2 RIC processes alive", "Load process: done sent=")) {
            assertTrue(text.contains(figure), "missing '" + figure + "' in:\n" + text);
        }
        Matcher records = Pattern.compile("KPM records into grid/s +([0-9,]+)").matcher(text);
        assertTrue(records.find() && Long.parseLong(records.group(1).replace(",", "")) > 0, "records reached the grid:\n" + text);
        assertEquals(2, Pattern.compile("(?m)^ +[0-9]+s +all ").matcher(text).results().count() >= 2 ? 2 : 0,
                "samples over time:\n" + text);
    }
}
