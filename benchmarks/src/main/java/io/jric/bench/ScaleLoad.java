package io.jric.bench;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load side of {@code ric bench scale}, run in a process of its own: N {@link LoadNode}s, each
 * one gRPC connection doing E2 Setup, admitting the RIC's subscription and then sending one KPM
 * indication (its cells and its share of the UEs) every period, the nodes' sends spread evenly over
 * the period. Acknowledges every RIC Control at once.
 *
 * <p>Talks to the RIC process through its standard streams: it prints {@code setup ok=.. failed=..
 * ms=..}, {@code subscribed n=.. ms=..}, then {@code sent n=.. refused=..} every second and
 * {@code done sent=.. refused=..} at the end; it stops when its standard input closes (so it never
 * outlives the process that started it) or after {@code --max-seconds}.
 *
 * <p>Options: {@code --port P} (or {@code --ports P1,P2,P3}: one E2 port per RIC process of a grid, node i
 * connecting to port i mod their count, with the setups and refusals also printed per port) {@code --nodes 1000 --cells 3 --ues 30000 --period-ms 1000 --first-gnb 10000
 * --max-seconds 3600 --send-times FILE} (the last: each indication's send time, for the RIC process's xApps to measure
 * the loop from the node; {@link SendTimes}). "refused" counts indications not sent because gRPC flow control said the
 * connection was full (or the node had no subscription yet): load that was offered but never left.
 */
public final class ScaleLoad {
    private ScaleLoad() {}

    public static void main(String[] args) throws Exception {
        int port = opt(args, "--port", -1);
        // --ports P1,P2,..: one E2 port per RIC process of a grid; node i connects to port i mod count
        String portList = null;
        for (int a = 0; a < args.length - 1; a++) if (args[a].equals("--ports")) portList = args[a + 1];
        int[] ports = portList == null ? new int[] {port}
                : java.util.Arrays.stream(portList.split(",")).mapToInt(Integer::parseInt).toArray();
        int nodes = opt(args, "--nodes", 1000);
        int cells = opt(args, "--cells", 3);
        int ues = opt(args, "--ues", 30000);
        int periodMs = opt(args, "--period-ms", 1000);
        int firstGnb = opt(args, "--first-gnb", 10000);
        int maxSeconds = opt(args, "--max-seconds", 3600);
        // --send-times FILE: note each indication's send time there for the RIC process (SendTimes)
        String sendTimesFile = null;
        for (int a = 0; a < args.length - 1; a++) if (args[a].equals("--send-times")) sendTimesFile = args[a + 1];
        if (ports[0] <= 0) throw new IllegalArgumentException("--port: missing (expected: the RIC's E2 gRPC port)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds);
        Thread stdinWatch = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // the RIC process says nothing; end of input means stop
                }
            } catch (java.io.IOException ignored) {
                // closed: stop as well
            }
            stop = true;
        }, "scale-load-stdin");
        stdinWatch.setDaemon(true);
        stdinWatch.start();

        List<LoadNode> load = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            int share = ues / nodes + (i < ues % nodes ? 1 : 0);
            load.add(new LoadNode(ports[i % ports.length], firstGnb + i, cells, share, share));
        }
        if (sendTimesFile != null) {
            SendTimes st = SendTimes.map(java.nio.file.Path.of(sendTimesFile), nodes);
            for (int i = 0; i < nodes; i++) load.get(i).shareSendTimes(st, i);
        }
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> setups = new ArrayList<>(nodes);
        for (LoadNode n : load) setups.add(n.connect());
        int ok = 0;
        int failed = 0;
        int[] okPerPort = new int[ports.length];
        for (int k = 0; k < setups.size(); k++) {
            try {
                setups.get(k).get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(t0 + TimeUnit.SECONDS.toNanos(120) - System.nanoTime())),
                        TimeUnit.MILLISECONDS);
                ok++;
                okPerPort[k % ports.length]++;
            } catch (Exception e) {
                failed++;
            }
        }
        say("setup ok=" + ok + " failed=" + failed + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)
                + (ports.length > 1 ? " per-port=" + join(okPerPort) : ""));
        long s0 = System.nanoTime();
        int subscribed = 0;
        for (LoadNode n : load) {
            try {
                n.subscribed().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(s0 + TimeUnit.SECONDS.toNanos(60)
                        - System.nanoTime())), TimeUnit.MILLISECONDS);
                subscribed++;
            } catch (Exception e) {
                // counted below
            }
        }
        say("subscribed n=" + subscribed + " ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - s0));

        // One send per node per period, spread evenly: node i at offset i * period / nodes.
        long gap = TimeUnit.MILLISECONDS.toNanos(periodMs) / nodes;
        long next = System.nanoTime();
        long nextReport = next + 1_000_000_000L;
        long sent = 0;
        long refused = 0;
        long[] refusedPerPort = new long[ports.length];
        int i = 0;
        while (!stop && System.nanoTime() < deadline) {
            long now = System.nanoTime();
            while (next <= now) {
                if (load.get(i).sendOne()) {
                    sent++;
                } else {
                    refused++;
                    refusedPerPort[i % ports.length]++;
                }
                i = (i + 1) % nodes;
                next += gap;
            }
            if (now >= nextReport) {
                say("sent n=" + sent + " refused=" + refused + (ports.length > 1 ? " refused-per-port=" + join(refusedPerPort) : ""));
                nextReport += 1_000_000_000L;
            }
            LockSupport.parkNanos(Math.min(next, nextReport) - System.nanoTime());
        }
        for (LoadNode n : load) {
            try {
                n.close();
            } catch (RuntimeException e) {
                // the RIC may have gone first; nothing to clean up then
            }
        }
        say("done sent=" + sent + " refused=" + refused);
    }

    private static volatile boolean stop;

    private static String join(int[] v) {
        return String.join("/", java.util.Arrays.stream(v).mapToObj(Integer::toString).toList());
    }

    private static String join(long[] v) {
        return String.join("/", java.util.Arrays.stream(v).mapToObj(Long::toString).toList());
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static int opt(String[] args, String name, int dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
        }
        return dflt;
    }
}
