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
    private final List<double[]> start; // {pid, CPU seconds}

    private KernelReclaim(long startNanos, List<double[]> start) {
        this.startNanos = startNanos;
        this.start = start;
    }

    /** Notes the CPU time of every running kdamond thread now. */
    public static KernelReclaim start() {
        return new KernelReclaim(System.nanoTime(), running());
    }

    /** Whether any kdamond thread was running when {@link #start()} was called. */
    public boolean present() {
        return !start.isEmpty();
    }

    /** CPU milliseconds per second of wall time that the kdamond threads took since {@link #start()}, or NaN. */
    public double cpuMsPerSecond() {
        if (start.isEmpty()) return Double.NaN;
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double cpu = 0;
        for (double[] s : start) {
            double now = ProcCpu.seconds((long) s[0]);
            if (Double.isNaN(now)) return Double.NaN; // restarted or gone: a new pid, not comparable
            cpu += now - s[1];
        }
        return secs <= 0 ? Double.NaN : cpu * 1000 / secs;
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

    private static List<double[]> running() {
        List<double[]> out = new ArrayList<>();
        if (!Files.isDirectory(ADMIN)) return out;
        try (Stream<Path> dirs = Files.list(ADMIN)) {
            for (Path d : (Iterable<Path>) dirs::iterator) {
                if (!d.getFileName().toString().matches("\\d+")) continue;
                try {
                    if (!Files.readString(d.resolve("state")).trim().equals("on")) continue;
                    long pid = Long.parseLong(Files.readString(d.resolve("pid")).trim());
                    double cpu = pid > 0 ? ProcCpu.seconds(pid) : Double.NaN;
                    if (!Double.isNaN(cpu)) out.add(new double[] {pid, cpu});
                } catch (IOException | RuntimeException e) {
                    // unreadable: absent
                }
            }
        } catch (IOException | RuntimeException e) {
            // no access: absent
        }
        return out;
    }
}
