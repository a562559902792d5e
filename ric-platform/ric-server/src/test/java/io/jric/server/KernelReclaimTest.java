package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.bench.KernelReclaim;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The benches' line on the kernel's DAMON reclaim: present exactly when a kdamond thread is on, and then measured. */
class KernelReclaimTest {
    @Test
    void saysWhetherKdamondRunsAndHowMuchCpuItTook() throws Exception {
        KernelReclaim r = KernelReclaim.start();
        boolean on = false;
        Path admin = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
        if (Files.isDirectory(admin)) {
            try (var dirs = Files.list(admin)) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    Path state = d.resolve("state");
                    if (Files.isReadable(state) && Files.readString(state).trim().equals("on")) on = true;
                }
            }
        }
        assertEquals(on, r.present(), "present() follows /sys/kernel/mm/damon/admin/kdamonds/*/state");
        String line = r.describe("over the test");
        if (r.present()) {
            assertTrue(line.startsWith("kernel: DAMON reclaim (kdamond) on, "), line);
            assertTrue(line.contains("of CPU a second over the test"), line);
            double ms = r.cpuMsPerSecond();
            assertTrue(Double.isNaN(ms) || ms >= 0, "CPU ms per second: " + ms);
        } else {
            assertEquals("", line, "nothing said where no kdamond runs");
            assertTrue(Double.isNaN(r.cpuMsPerSecond()));
        }
    }
}
