package io.jric.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The guest kernel's proactive memory reclaim (DAMON, its {@code kdamond} threads) as a source of latency on the
 * machine a benchmark runs on. A kdamond thread that applies a reclaim scheme runs in the kernel for milliseconds
 * at a time (up to about 5 ms each, measured with {@code perf sched} on the 2-vCPU build machine), and a thread
 * woken on that vCPU meanwhile waits for it. The benches say whether it ran and how much CPU it took during the
 * measured time, next to their latency figures; where no kdamond runs (no DAMON, or its state off) they say nothing.
 *
 * <p>Read from {@code /sys/kernel/mm/damon/admin/kdamonds/N/{state,pid}} and {@code /proc/<pid>/stat}; anything
 * unreadable counts as absent.
 */
public final class KernelReclaim {
    private static final Path ADMIN = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    private final long startNanos;
    private final List<long[]> start; // {pid, CPU ticks}
    private final double ticksPerSecond;

    private KernelReclaim(long startNanos, List<long[]> start, double ticksPerSecond) {
        this.startNanos = startNanos;
        this.start = start;
        this.ticksPerSecond = ticksPerSecond;
    }

    /** Notes the CPU time of every running kdamond thread now. */
    public static KernelReclaim start() {
        return new KernelReclaim(System.nanoTime(), running(), clockTicks());
    }

    /** Whether any kdamond thread was running when {@link #start()} was called. */
    public boolean present() {
        return !start.isEmpty();
    }

    /** CPU milliseconds per second of wall time that the kdamond threads took since {@link #start()}, or NaN. */
    public double cpuMsPerSecond() {
        if (start.isEmpty()) return Double.NaN;
        double secs = (System.nanoTime() - startNanos) / 1e9;
        long ticks = 0;
        for (long[] s : start) {
            long now = cpuTicks(s[0]);
            if (now < 0) return Double.NaN; // restarted or gone: a new pid, not comparable
            ticks += now - s[1];
        }
        return secs <= 0 ? Double.NaN : ticks / ticksPerSecond * 1000 / secs;
    }

    /**
     * One line for a bench's output, e.g. "kernel: DAMON reclaim (kdamond) on, 31 ms of CPU a second over the run
     * (...)" for {@code over} "over the run", or "" when no kdamond runs.
     */
    public String describe(String over) {
        if (start.isEmpty()) return "";
        double ms = cpuMsPerSecond();
        return String.format(Locale.ROOT, "kernel: DAMON reclaim (kdamond) on, %s of CPU a second %s (it holds a vCPU "
                        + "in the kernel for milliseconds at a time: a tail-latency source, see docs/benchmarks.md)",
                Double.isNaN(ms) ? "unknown" : String.format(Locale.ROOT, "%.0f ms", ms), over);
    }

    private static List<long[]> running() {
        List<long[]> out = new ArrayList<>();
        if (!Files.isDirectory(ADMIN)) return out;
        try (Stream<Path> dirs = Files.list(ADMIN)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.getFileName().toString().matches("\\d+")) continue;
                try {
                    if (!Files.readString(d.resolve("state")).trim().equals("on")) continue;
                    long pid = Long.parseLong(Files.readString(d.resolve("pid")).trim());
                    long ticks = pid > 0 ? cpuTicks(pid) : -1;
                    if (ticks >= 0) out.add(new long[] {pid, ticks});
                } catch (IOException | RuntimeException e) {
                    // unreadable: absent
                }
            }
        } catch (IOException | RuntimeException e) {
            // no access: absent
        }
        return out;
    }

    /** utime + stime of a process in clock ticks, or -1. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            double v = Double.parseDouble(s);
            return v > 0 ? v : 100;
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
