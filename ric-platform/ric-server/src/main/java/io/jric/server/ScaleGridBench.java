package io.jric.server;

import io.jric.core.internal.util.FreePorts;
import io.jric.core.internal.util.TimeValues;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code ric bench scale --ric-processes N}: the scale benchmark on a grid of N RIC processes. This JVM is
 * RIC process 1 (a whole {@link RicNode}, as in the one-process bench); N-1 more JVMs ({@link ScaleRicProcess})
 * join its grid, each with its own E2 termination, ingest, xApp host and admin API, as {@code ./ric run} starts
 * them. The load process connects node i to the E2 port of RIC process (i mod N) + 1, so each process terminates
 * a third (for N = 3) of the nodes. The bench's xApps are installed once, placed {@code node-singleton}: each
 * process runs its own instance of each, fed by the nodes it holds (one merged E2 subscription per node). Each
 * process sends RIC Controls to its own nodes (the control rate split between them). Every figure is read the
 * same way in every process ({@link ScaleProbe}) and printed per process and for the whole grid.
 *
 * <p>Grid: {@code --backups 0} (default) keeps one copy of each partition, so each process holds about a third
 * of the grid's data; {@code --backups 1} keeps a second copy on another process (FULL_SYNC writes).
 * Heap of the other RIC processes: {@code --ric-heap} (default 2g, as this JVM's; fixed and pre-touched).
 */
final class ScaleGridBench {
    private ScaleGridBench() {}

    /** One RIC process as the bench sees it. */
    private interface Proc extends AutoCloseable {
        Map<String, String> ask(String command) throws Exception;

        int e2Port();

        String describe();
    }

    static int run(Map<String, String> o, int procs, PrintStream out) throws Exception {
        int nodes = ScaleBench.positive(o, "--nodes", "1000");
        int cells = ScaleBench.positive(o, "--cells-per-node", "3");
        int ues = Integer.parseInt(o.getOrDefault("--ues", "30000"));
        int periodMs = ScaleBench.positive(o, "--period-ms", "1000");
        long durationS = Math.max(1, TimeValues.parse(o.getOrDefault("--duration", "600s"), "s").toSeconds());
        int controlRate = Integer.parseInt(o.getOrDefault("--control-rate", "20"));
        int xappCount = ScaleBench.positive(o, "--xapps", "4");
        long seriesExpiryS = TimeValues.parse(o.getOrDefault("--series-expiry", "600s"), "s").toSeconds();
        int kpmRegionMb = ScaleBench.positive(o, "--kpm-region-mb", "512");
        // a load node keeps 512 KiB of send times (LoadNode.sentAt): 1 GiB carries 1,000 of them, more need more
        String loadHeap = o.getOrDefault("--load-heap", nodes <= 1000 ? "1g" : ((nodes * 6 / 10 + 512 + 99) / 100 * 100) + "m");
        long sampleS = Math.max(1, TimeValues.parse(o.getOrDefault("--sample", "10s"), "s").toSeconds());
        long warmupS = TimeValues.parse(o.getOrDefault("--warmup", "10s"), "s").toSeconds();
        int backups = Integer.parseInt(o.getOrDefault("--backups", "0"));
        String ricHeap = o.getOrDefault("--ric-heap", "2g");
        if (procs > 8) throw new IllegalArgumentException("--ric-processes: " + procs + " (expected: 1..8)");
        if (backups < 0 || backups >= procs) {
            throw new IllegalArgumentException("--backups: " + backups + " (expected: 0.." + (procs - 1) + ")");
        }
        if (xappCount > 4) throw new IllegalArgumentException("--xapps: " + xappCount + " (expected: 1..4)");
        if (cells > 16) throw new IllegalArgumentException("--cells-per-node: " + cells + " (expected: 1..16)");
        if (nodes < procs) throw new IllegalArgumentException("--nodes: " + nodes + " (expected: at least one per RIC process)");

        // what each process is offered: node i goes to process i mod procs, with UE share ues / nodes (+1 for the first ones)
        int[] nodesOf = new int[procs];
        long[] uesOf = new long[procs];
        for (int i = 0; i < nodes; i++) {
            nodesOf[i % procs]++;
            uesOf[i % procs] += ues / nodes + (i < ues % nodes ? 1 : 0);
        }
        double indicationsOffered = nodes * 1000.0 / periodMs;
        double recordsOffered = (nodes * (double) cells + ues) * 1000.0 / periodMs;
        out.printf("Scale benchmark: %,d E2 nodes x %d cells, %,d UEs, one KPM indication per node every %d ms, %d s; "
                        + "%d xApps in every RIC process; %d controls/s to random nodes; %d RIC processes in one grid (backups %d); "
                        + "%d CPUs, Java %s%n", nodes, cells, ues, periodMs, durationS, xappCount, controlRate, procs, backups,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        out.printf("RIC process 1: this JVM, heap max %,d MiB (flags: %s); RIC processes 2..%d: JVMs of their own "
                        + "(-Xms%s -Xmx%s -XX:+AlwaysPreTouch -XX:+UseParallelGC); each: KPM region %d MiB, cell series expiry %d s, "
                        + "its own E2 termination; load nodes in another JVM (-Xmx%s), node i to RIC process (i mod %d) + 1%n",
                Runtime.getRuntime().maxMemory() >> 20, ScaleBench.heapFlags(), procs, ricHeap, ricHeap, kpmRegionMb,
                seriesExpiryS, loadHeap, procs);
        out.printf("offered: %,.0f indications/s, %,.0f KPM records/s (%,d cells + %,d UEs per period); per RIC process:",
                indicationsOffered, recordsOffered, (long) nodes * cells, ues);
        for (int k = 0; k < procs; k++) {
            out.printf("%s %d: %,d nodes, %,.0f records/s", k == 0 ? "" : ";", k + 1, nodesOf[k],
                    (nodesOf[k] * (double) cells + uesOf[k]) * 1000.0 / periodMs);
        }
        out.println();

        Path tmp = Files.createTempDirectory("jric-bench-scale-grid");
        int[] disco = new int[procs];
        int[] comm = new int[procs];
        StringBuilder addresses = new StringBuilder();
        for (int k = 0; k < procs; k++) {
            disco[k] = FreePorts.pair();
            comm[k] = FreePorts.pair();
            addresses.append(k == 0 ? "" : ",").append("127.0.0.1:").append(disco[k]);
        }
        List<Proc> ric = new ArrayList<>();
        Process load = null;
        long t00 = System.nanoTime();
        try {
            RicConfig localConfig = RicConfig.defaults();
            config(tmp, 1, disco[0], comm[0], addresses.toString(), backups, kpmRegionMb, seriesExpiryS).forEach(localConfig::set);
            RicNode local = RicNode.start(localConfig);
            ric.add(new LocalProc(local));
            for (int k = 1; k < procs; k++) {
                ric.add(RemoteProc.start(tmp, k + 1, ricHeap, config(tmp, k + 1, disco[k], comm[k], addresses.toString(), backups,
                        kpmRegionMb, seriesExpiryS)));
            }
            for (int k = 1; k < procs; k++) ((RemoteProc) ric.get(k)).awaitReady(240);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (local.grid().serverCount() != procs) {
                if (System.nanoTime() > until) throw new IllegalStateException("the grid did not reach " + procs + " servers in 120 s");
                Thread.sleep(100);
            }
            out.printf("%nGrid: %d RIC processes joined in %,d ms (%s)%n", procs,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t00), describeAll(ric));

            int every = Math.max(1, (int) Math.round(indicationsOffered / procs));
            for (int i = 0; i < xappCount; i++) {
                local.xapps().install(ScaleBench.descriptor(i, periodMs, every, "\"deployment\":{\"placement\":\"node-singleton\"},"),
                        null, null);
            }
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                int ready = 0;
                for (Proc p : ric) if (Integer.parseInt(p.ask("stats").get("xinst")) >= xappCount) ready++;
                if (ready == procs) break;
                if (System.nanoTime() > until) throw new IllegalStateException("the xApps did not start in every RIC process in 120 s");
                Thread.sleep(200);
            }

            StringBuilder ports = new StringBuilder();
            for (Proc p : ric) ports.append(ports.length() == 0 ? "" : ",").append(p.e2Port());
            List<String> cmd = new ArrayList<>(List.of(ScaleBench.javaBinary(), "-Xms" + loadHeap, "-Xmx" + loadHeap));
            cmd.addAll(ScaleBench.LOAD_GC_FLAGS);
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.jric.bench.ScaleLoad",
                    "--ports", ports.toString(), "--nodes", Integer.toString(nodes), "--cells", Integer.toString(cells),
                    "--ues", Integer.toString(ues), "--period-ms", Integer.toString(periodMs),
                    "--max-seconds", Long.toString(durationS + 900)));
            load = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ScaleBench.LoadLines lines = new ScaleBench.LoadLines(load);
            ScaleBench.Cpu cpu = new ScaleBench.Cpu(load.pid());

            String setup = lines.await("setup", 300);
            if (setup == null) throw new IllegalStateException("the load process did not finish its E2 Setups in 300 s");
            Map<String, String> s = ScaleBench.fields(setup);
            int setupOk = Integer.parseInt(s.get("ok"));
            out.printf("%nE2 Setup: %,d of %,d nodes set up in %,d ms, %d failed (load side; per RIC process %s)%n", setupOk,
                    nodes, Long.parseLong(s.get("ms")), Integer.parseInt(s.get("failed")), s.getOrDefault("per-port", "?"));
            for (int k = 0; k < procs; k++) {
                Map<String, String> st = ric.get(k).ask("stats");
                out.printf("  RIC process %d: %,d accepted, %s rejected, %,d connected%n", k + 1, lng(st, "setups"),
                        st.get("rejected"), lng(st, "connected"));
            }
            String subscribed = lines.await("subscribed", 180);
            if (subscribed == null) throw new IllegalStateException("the load process did not report its subscriptions");
            Map<String, String> sub = ScaleBench.fields(subscribed);
            out.printf("E2 subscriptions: %,d nodes had theirs %,d ms after the last setup%n", Integer.parseInt(sub.get("n")),
                    Long.parseLong(sub.get("ms")));
            long subsTotal = 0;
            for (int k = 0; k < procs; k++) {
                Map<String, String> m = ric.get(k).ask("subs");
                subsTotal += lng(m, "subs");
                out.printf("  RIC process %d: %,d E2 subscriptions for %,d of its %,d nodes; per node: min %s max %s; per node and "
                                + "action: min %s max %s (%d xApp instances declared one each)%n", k + 1, lng(m, "subs"),
                        lng(m, "nodes"), nodesOf[k], m.get("nodemin"), m.get("nodemax"), m.get("actmin"), m.get("actmax"), xappCount);
            }
            out.printf("  grid: %,d E2 subscriptions for %,d nodes%n", subsTotal, nodes);

            for (int k = 0; k < procs; k++) {
                int rate = controlRate / procs + (k < controlRate % procs ? 1 : 0);
                ric.get(k).ask("controls " + rate);
            }
            if (warmupS > 0) {
                Thread.sleep(warmupS * 1000L);
                out.printf("%nWarm-up %d s (not measured); CPU since each process started (start-up and setups included):", warmupS);
                for (int k = 0; k < procs; k++) {
                    Map<String, String> st = ric.get(k).ask("stats");
                    out.printf("%s RIC %d %.1f s (backlog at most %,d records, %,d now)", k == 0 ? "" : ",", k + 1,
                            lng(st, "cpu") / 1e9, lng(st, "bmax"), lng(st, "backlog"));
                }
                out.printf(", load %.1f s%n", cpu.load());
            }
            long[] live0 = new long[procs];
            for (int k = 0; k < procs; k++) live0[k] = lng(ric.get(k).ask("gc"), "live");
            Thread.sleep(Math.min(5, warmupS) * 1000L); // the full GCs' pauses leave a backlog: let it drain unmeasured
            List<Map<String, String>> s0 = new ArrayList<>();
            for (Proc p : ric) {
                p.ask("mark");
                s0.add(p.ask("stats"));
            }
            long sent0 = lng(ScaleBench.fields(lines.latest("sent")), "n");
            long refused0 = lng(ScaleBench.fields(lines.latest("sent")), "refused");
            double loadCpu0 = cpu.load();
            io.jric.bench.KernelReclaim reclaim = io.jric.bench.KernelReclaim.start();
            long t0 = System.nanoTime();
            List<Map<String, String>> prev = s0;
            long lastT = t0;
            List<List<Map<String, String>>> samples = new ArrayList<>();
            out.printf("%n%6s %4s %6s %8s %10s %9s %9s %9s %9s %9s %9s %9s %8s%n", "t", "RIC", "nodes", "ind/s", "records/s",
                    "backlog", "max", "KPM MiB", "heap MiB", "old MiB", "ctl p50", "ctl p99", "cpu");
            long end = t0 + TimeUnit.SECONDS.toNanos(durationS);
            long nextSample = t0 + TimeUnit.SECONDS.toNanos(sampleS);
            while (System.nanoTime() < end) {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(end, nextSample) - System.nanoTime())));
                long now = System.nanoTime();
                if (now < nextSample && now < end) continue;
                List<Map<String, String>> cur = new ArrayList<>();
                for (Proc p : ric) cur.add(p.ask("stats"));
                double secs = (now - lastT) / 1e9;
                long tS = TimeUnit.NANOSECONDS.toSeconds(now - t0);
                double[] sum = new double[8];
                for (int k = 0; k < procs; k++) {
                    Map<String, String> c = cur.get(k);
                    Map<String, String> p = prev.get(k);
                    double ind = (lng(c, "ind") - lng(p, "ind")) / secs;
                    double rec = (lng(c, "rec") - lng(p, "rec")) / secs;
                    double cpuS = (lng(c, "cpu") - lng(s0.get(k), "cpu")) / 1e9;
                    out.printf("%5ds %4d %6d %,8.0f %,10.0f %,9d %,9d %,9.1f %,9d %,9d %9s %9s %7.1fs%n", tS, k + 1,
                            lng(c, "connected"), ind, rec, lng(c, "backlog"), lng(c, "bmaxw"), lng(c, "kpm") / 1048576.0,
                            lng(c, "heap") >> 20, lng(c, "old") >> 20, ScaleBench.us(lng(c, "cp50w")), ScaleBench.us(lng(c, "cp99w")),
                            cpuS);
                    sum[0] += lng(c, "connected");
                    sum[1] += ind;
                    sum[2] += rec;
                    sum[3] += lng(c, "backlog");
                    sum[4] = Math.max(sum[4], lng(c, "bmaxw"));
                    sum[5] += lng(c, "kpm") / 1048576.0;
                    sum[6] += lng(c, "heap") >> 20;
                    sum[7] += cpuS;
                }
                out.printf("%5ds %4s %6.0f %,8.0f %,10.0f %,9.0f %,9.0f %,9.1f %,9.0f %9s %9s %9s %7.1fs  load cpu %.1fs%n", tS, "all",
                        sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], "", "", "", sum[7], cpu.load() - loadCpu0);
                samples.add(cur);
                prev = cur;
                lastT = now;
                nextSample += TimeUnit.SECONDS.toNanos(sampleS);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            List<Map<String, String>> e = new ArrayList<>();
            for (Proc p : ric) e.add(p.ask("stats"));
            double loadCpu = cpu.load() - loadCpu0;
            Map<String, String> sent = ScaleBench.fields(lines.latest("sent"));
            long[] live1 = new long[procs];
            for (int k = 0; k < procs; k++) live1[k] = lng(ric.get(k).ask("gc"), "live"); // after every figure was read

            out.printf("%nPer RIC process over %.0f s%n", secs);
            double indAll = 0;
            double recAll = 0;
            double cpuAll = 0;
            long worstCtl99 = 0;
            int alive = 0;
            for (int k = 0; k < procs; k++) {
                Map<String, String> a = s0.get(k);
                Map<String, String> b = e.get(k);
                Map<String, String> first = samples.isEmpty() ? a : samples.get(0).get(k);
                double ind = (lng(b, "ind") - lng(a, "ind")) / secs;
                double rec = (lng(b, "rec") - lng(a, "rec")) / secs;
                double indOff = nodesOf[k] * 1000.0 / periodMs;
                double recOff = (nodesOf[k] * (double) cells + uesOf[k]) * 1000.0 / periodMs;
                double cpuS = (lng(b, "cpu") - lng(a, "cpu")) / 1e9;
                indAll += ind;
                recAll += rec;
                cpuAll += cpuS;
                worstCtl99 = Math.max(worstCtl99, lng(b, "cp99"));
                alive += (int) lng(b, "alive");
                out.printf("RIC process %d (%s): %,d E2 Setups accepted, %s rejected; %,d nodes connected now (%,d offered)%n", k + 1,
                        ric.get(k).describe(), lng(b, "setups"), b.get("rejected"), lng(b, "connected"), nodesOf[k]);
                out.printf("  ingest: %,.0f indications/s of %,.0f offered (%.1f %%), %,.0f KPM records/s into the grid of %,.0f "
                                + "(%.1f %%); backlog %,d records now, %,d at most (sampled every second); decode->grid p50 %s p99 %s%n",
                        ind, indOff, 100 * ind / indOff, rec, recOff, 100 * rec / recOff, lng(b, "backlog"), lng(b, "bmax"),
                        ScaleBench.us(lng(b, "ip50")), ScaleBench.us(lng(b, "ip99")));
                out.printf("  memory: KPM region %,.1f -> %,.1f MiB of %d (eviction rate %s); heap used %,d -> %,d MiB, old gen %,d -> "
                                + "%,d MiB of %,d MiB; live heap %,d MiB before the measured time, %,d MiB after; GC %d young (%,d ms), "
                                + "%d full (%,d ms)%n", lng(first, "kpm") / 1048576.0, lng(b, "kpm") / 1048576.0, kpmRegionMb,
                        b.get("kpmevict"), lng(first, "heap") >> 20, lng(b, "heap") >> 20, lng(first, "old") >> 20, lng(b, "old") >> 20,
                        lng(b, "heapmax") >> 20, live0[k] >> 20, live1[k] >> 20, lng(b, "gcy") - lng(a, "gcy"),
                        lng(b, "gcyms") - lng(a, "gcyms"), lng(b, "gcf") - lng(a, "gcf"), lng(b, "gcfms") - lng(a, "gcfms"));
                out.printf("  CPU: %.1f s (%.2f cores)%n", cpuS, cpuS / secs);
                out.printf("  controls to its own nodes: %,d sent, %,d acked, %,d not acked: p50 %s p99 %s; xApps (%d instances): %,d "
                                + "reports, %,d queue drops, decoded -> handler p50 %s p99 %s; their %,d controls -> outcome p50 %s p99 %s, "
                                + "%,d not acked%n", lng(b, "csent") - lng(a, "csent"), lng(b, "cacked") - lng(a, "cacked"),
                        lng(b, "cnot") - lng(a, "cnot"), ScaleBench.us(lng(b, "cp50")), ScaleBench.us(lng(b, "cp99")), lng(b, "xinst"),
                        lng(b, "xrep") - lng(a, "xrep"), lng(b, "xdrop") - lng(a, "xdrop"), ScaleBench.us(lng(b, "xh50")),
                        ScaleBench.us(lng(b, "xh99")), lng(b, "xctl") - lng(a, "xctl"), ScaleBench.us(lng(b, "xc50")),
                        ScaleBench.us(lng(b, "xc99")), lng(b, "xnot") - lng(a, "xnot"));
                out.printf("  drops and back-pressure: in the measured time backpressure pauses %,d (%,d indications read on past the "
                                + "mark for an awaited answer), grid write failures %d; since "
                                + "the process started: backpressure pauses %,d, error indications sent %d (%d of them answer a node's late or unknown "
                                + "answer: a request that had timed out or was never sent), decode errors %d, "
                                + "undeclared-cell records %d, UE records over the per-node limit %d, streams closed for not reading %d, "
                                + "controls timed out %d, refused %d, failed %d, grid write failures %d (batches dropped); grid node %s%n",
                        lng(b, "pauses") - lng(a, "pauses"), lng(b, "readahead") - lng(a, "readahead"), lng(b, "wrerr") - lng(a, "wrerr"), lng(b, "pauses"), lng(b, "errind"), lng(b, "unmatched"),
                        lng(b, "decerr"), lng(b, "undecl"), lng(b, "ueover"), lng(b, "closednr"), lng(b, "ctlto"), lng(b, "ctlref"),
                        lng(b, "ctlfail"), lng(b, "wrerr"), lng(b, "alive") == 1 ? "alive" : "FAILED");
            }
            out.printf("%nWhole grid over %.0f s%n", secs);
            out.printf("  indications/s          %,12.0f   offered %,.0f (%.1f %%)%n", indAll, indicationsOffered,
                    100 * indAll / indicationsOffered);
            out.printf("  KPM records into grid/s %,11.0f   offered %,.0f (%.1f %%)%n", recAll, recordsOffered,
                    100 * recAll / recordsOffered);
            out.printf("  control round trip, worst process's p99: %s%n", ScaleBench.us(worstCtl99));
            out.printf("CPU over the run: RIC processes %.1f s (%.2f cores), load process %.1f s (%.2f cores); load average %s%n",
                    cpuAll, cpuAll / secs, loadCpu, loadCpu / secs, ScaleBench.loadAverage());
            String reclaimed = reclaim.describe("over the run");
            if (!reclaimed.isEmpty()) out.println(reclaimed);
            out.printf("Load side: sends refused by flow control in the measured time %,d (%,d sent; per RIC process since the "
                            + "start %s); grid servers %d, %d of %d RIC processes alive%n",
                    lng(sent, "refused") - refused0, lng(sent, "n") - sent0, sent.getOrDefault("refused-per-port", "?"),
                    ((LocalProc) ric.get(0)).node.grid().serverCount(), alive, procs);

            load.getOutputStream().close(); // the load process stops at end of input
            if (!load.waitFor(60, TimeUnit.SECONDS)) out.println("load process did not stop in 60 s: killed");
            String done = lines.latest("done");
            out.printf("Load process: %s%n", done == null ? "ended without its final line" : done);
            return setupOk == nodes && alive == procs ? 0 : 3;
        } finally {
            if (load != null && load.isAlive()) load.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            // this process first: the others then leave a grid that no longer has it, and any complaint about that
            // goes to their logs, not to the bench's output
            for (int k = 0; k < ric.size(); k++) {
                try {
                    ric.get(k).close();
                } catch (Exception ignored) {
                    // stopping anyway
                }
            }
        }
    }

    private static String describeAll(List<Proc> ric) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < ric.size(); k++) sb.append(k == 0 ? "" : "; ").append(k + 1).append(": ").append(ric.get(k).describe());
        return sb.toString();
    }

    private static long lng(Map<String, String> m, String k) {
        String v = m.get(k);
        return v == null ? 0 : Long.parseLong(v);
    }

    /** RIC process k's configuration, as {@code ./ric run --set key=value} pairs (checked by {@link RicConfig#set}). */
    private static Map<String, String> config(Path tmp, int k, int disco, int comm, String addresses, int backups, int kpmRegionMb,
                                              long seriesExpiryS) {
        Map<String, String> c = new java.util.LinkedHashMap<>();
        c.put("e2.host", "127.0.0.1");
        c.put("e2.port", "0");
        // the xApps' merged subscription is each node's only one (the RIC's own collector would add a second)
        c.put("e2.kpm.collect", "false");
        c.put("http.host", "127.0.0.1");
        c.put("http.port", "0");
        c.put("xapps.storeDir", tmp.resolve("xapps-" + k).toString());
        c.put("xapps.gateway.port", "-1");
        c.put("a1.auth", "off");
        c.put("admin.auth", "off");
        c.put("a1.storeDir", tmp.resolve("a1-" + k).toString());
        c.put("grid.instance", "bench-scale-" + k);
        c.put("grid.discoveryPort", Integer.toString(disco));
        c.put("grid.discoveryPortRange", "1");
        c.put("grid.communicationPort", Integer.toString(comm));
        c.put("grid.addresses", addresses);
        c.put("grid.backups", Integer.toString(backups));
        c.put("grid.kpmRegionMb", Integer.toString(kpmRegionMb));
        c.put("grid.seriesExpirySeconds", Long.toString(seriesExpiryS));
        c.put("grid.workDir", tmp.resolve("grid-" + k).toString());
        return c;
    }

    /** RIC process 1: this JVM. */
    private static final class LocalProc implements Proc {
        final RicNode node;
        private final ScaleProbe probe;

        LocalProc(RicNode node) {
            this.node = node;
            this.probe = new ScaleProbe(node);
        }

        @Override
        public Map<String, String> ask(String command) throws Exception {
            return probe.ask(command);
        }

        @Override
        public int e2Port() {
            return node.e2().port();
        }

        @Override
        public String describe() {
            return "this JVM, E2 port " + e2Port();
        }

        @Override
        public void close() {
            probe.close();
            node.close();
        }
    }

    /** RIC processes 2..N: {@link ScaleRicProcess} in a JVM of its own, spoken to over its standard streams. */
    private static final class RemoteProc implements Proc {
        private final Process process;
        private final Writer in;
        private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Path log;
        private int e2Port;

        private RemoteProc(Process process, Path log) {
            this.process = process;
            this.log = log;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) lines.add(line);
                } catch (IOException ignored) {
                    // the process ended
                }
                lines.add("exited");
            }, "scale-ric-" + process.pid());
            t.setDaemon(true);
            t.start();
        }

        static RemoteProc start(Path tmp, int k, String heap, Map<String, String> config) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(ScaleBench.javaBinary(), "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch",
                    "-XX:+UseParallelGC"));
            // the module openings and system properties Ignite needs, as this JVM got them (not its heap flags)
            for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("--add-") || a.startsWith("-D")) cmd.add(a);
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ScaleRicProcess.class.getName()));
            config.forEach((key, value) -> cmd.add(key + "=" + value));
            Path log = tmp.resolve("ric-" + k + ".log");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            return new RemoteProc(p, log);
        }

        void awaitReady(int seconds) throws Exception {
            String l = next(seconds, "ready", "failed");
            if (l == null || !l.startsWith("ready")) {
                throw new IllegalStateException("a RIC process did not start: " + (l == null ? "no answer in " + seconds + " s" : l)
                        + "; its log: " + log);
            }
            e2Port = Integer.parseInt(ScaleBench.fields(l).get("e2port"));
        }

        /** The next line starting with one of the words (other output is skipped), or null after the timeout. */
        private String next(int seconds, String... words) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (true) {
                String l = lines.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (l == null) return null;
                if (l.equals("exited")) throw new IllegalStateException("a RIC process exited; its log: " + log);
                for (String w : words) if (l.startsWith(w + " ") || l.equals(w)) return l;
            }
        }

        @Override
        public synchronized Map<String, String> ask(String command) throws Exception {
            in.write(command + "\n");
            in.flush();
            String word = command.trim().split(" +")[0];
            String l = next(120, word, "error");
            if (l == null) throw new IllegalStateException("RIC process " + describe() + " did not answer '" + command + "' in 120 s");
            if (l.startsWith("error")) throw new IllegalStateException("RIC process " + describe() + ": " + l);
            return ScaleBench.fields(l);
        }

        @Override
        public int e2Port() {
            return e2Port;
        }

        @Override
        public String describe() {
            return "pid " + process.pid() + ", E2 port " + e2Port;
        }

        @Override
        public void close() throws Exception {
            try {
                in.close(); // the process stops at end of input
            } catch (IOException ignored) {
                // gone already
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
