package io.jric.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code ric sim ...}: faults injected into the RAN simulator of a running {@code ric demo}, through its
 * admin API ({@link SimFaultsApi}, {@code /ric/v1/sim/faults}).
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the simulated RAN against RICs (`ric sim run --e2 host:port`), or inject faults into the "
                + "simulated RAN of a running `ric demo` (admin API /ric/v1/sim/faults).",
        subcommands = {SimCommand.Run.class, SimCommand.InjectFault.class, SimCommand.ListFaults.class, SimCommand.ClearFault.class,
            SimCommand.Cells.class})
final class SimCommand implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Mixin
    AdminApiOptions admin;

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    int call(String method, String path, String body) throws IOException, InterruptedException {
        // A RIC without a simulator in its process has no /ric/v1/sim: say so rather than "no resource".
        if (admin.status("/ric/v1/sim/cells") == 404) {
            System.err.println("ric: the RIC at " + admin.url + " runs no simulator in its process: faults can be injected "
                    + "into `ric demo` only");
            return 1;
        }
        return admin.call(method, path, body);
    }

    /**
     * {@code ric sim run}: the simulated RAN as a process of its own, its gNBs connecting over E2 to one
     * or more RICs (gNB i to endpoint i mod n), until stopped or {@code --duration} ends. Prints a status
     * line every 10 s. No fault API here: inject faults into {@code ric demo}, or in tests with
     * {@code RanSimulator.injectFault}.
     */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the simulated RAN: its gNBs connect over E2 (gRPC) to the given RICs.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--e2", required = true, split = ",",
                description = "RIC E2 endpoints host:port, comma-separated (gNB i connects to endpoint i mod n).")
        java.util.List<String> endpoints;
        @Option(names = "--gnbs", defaultValue = "7", description = "Simulated gNBs (default: ${DEFAULT-VALUE}).") int gnbs;
        @Option(names = "--cells-per-gnb", defaultValue = "3", description = "Cells per gNB (default: ${DEFAULT-VALUE}).") int cellsPerGnb;
        @Option(names = "--ues", defaultValue = "300", description = "Simulated UEs (default: ${DEFAULT-VALUE}).") int ues;
        @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--speed", defaultValue = "1", description = "Simulated ms per wall ms (default: ${DEFAULT-VALUE}).") double speed;
        @Option(names = "--sim-preset", defaultValue = "default",
                description = "default, two-layer, ftp3 or two-layer-ftp3 (docs/evaluation.md) (default: ${DEFAULT-VALUE}).")
        String simPreset;
        @Option(names = "--e2-encoding", defaultValue = "protobuf",
                description = "protobuf (jRIC's Connect) or aper (E2AP APER frames over ConnectAper, as real gNBs speak it).")
        String e2Encoding;
        @Option(names = "--duration", description = "Stop after this many seconds (default: run until stopped).") Long durationSeconds;

        @Override
        public Integer call() throws Exception {
            java.util.List<java.net.InetSocketAddress> to = new java.util.ArrayList<>();
            for (String e : endpoints) to.add(endpoint(e));
            io.jric.sim.SimConfig cfg = io.jric.sim.SimConfig.preset(simPreset).seed(seed).gnbs(gnbs).cellsPerGnb(cellsPerGnb)
                    .ues(ues).build();
            io.jric.sim.RanSimulator.Options options = io.jric.sim.RanSimulator.Options.builder().speed(speed)
                    .e2Encoding(io.jric.sim.E2Encoding.of(e2Encoding)).build();
            java.util.concurrent.CountDownLatch stop = new java.util.concurrent.CountDownLatch(1);
            try (io.jric.sim.RanSimulator sim = new io.jric.sim.RanSimulator(cfg, options)) {
                Thread hook = new Thread(stop::countDown, "ric-sim-stop");
                Runtime.getRuntime().addShutdownHook(hook);
                sim.start(to);
                System.out.println("ric sim: " + gnbs + " gNBs x " + cellsPerGnb + " cells, " + ues + " UEs, seed " + seed
                        + ", speed " + speed + ", E2 " + e2Encoding + " to " + String.join(", ", endpoints));
                long end = durationSeconds == null ? Long.MAX_VALUE : System.nanoTime() + durationSeconds * 1_000_000_000L;
                while (!stop.await(Math.max(1, Math.min(10_000, (end - System.nanoTime()) / 1_000_000)),
                        java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    System.out.println(status(sim));
                    if (System.nanoTime() - end >= 0) break;
                }
                System.out.println(status(sim));
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is stopping: the hook ran
                }
            }
            return 0;
        }

        static String status(io.jric.sim.RanSimulator sim) {
            int set = 0;
            long indications = 0, dropped = 0, controls = 0, rejected = 0;
            for (io.jric.sim.E2NodeAgent a : sim.agents()) {
                if (a.isSetUp()) set++;
                indications += a.indicationsSent();
                dropped += a.indicationsDropped();
                controls += a.controlsApplied();
                rejected += a.controlsRejected();
            }
            return String.format("ric sim: t=%ds, gNBs set up %d/%d, indications %d (dropped %d), controls applied %d, rejected %d",
                    sim.model().timeMs() / 1000, set, sim.agents().size(), indications, dropped, controls, rejected);
        }

        private static java.net.InetSocketAddress endpoint(String e) {
            int colon = e.lastIndexOf(':');
            if (colon <= 0 || colon == e.length() - 1) {
                throw new IllegalArgumentException("--e2: " + e + " (expected host:port)");
            }
            int port;
            try {
                port = Integer.parseInt(e.substring(colon + 1));
            } catch (NumberFormatException x) {
                throw new IllegalArgumentException("--e2: " + e + " (the port is not a number)");
            }
            if (port < 1 || port > 65535) throw new IllegalArgumentException("--e2: " + e + " (port 1..65535)");
            return java.net.InetSocketAddress.createUnresolved(e.substring(0, colon), port);
        }
    }

    /** Which cells: one, or every cell of an E2 node. */
    static final class Target {
        @Option(names = "--cell", required = true, description = "The cell id (`ric sim cells` lists them).") String cell;
        @Option(names = "--node", required = true, description = "An E2 node id: the fault hits every cell of the node.") String node;
    }

    @Command(name = "fault", mixinStandardHelpOptions = true,
            description = "Inject a fault: cell-outage, interference-burst (--rise-db) or kpi-degradation (--capacity-factor). "
                    + "Times are simulated time (the demo's --speed; 1 = wall-clock time).")
    static final class InjectFault implements Callable<Integer> {
        @ParentCommand SimCommand parent;
        @Parameters(index = "0", description = "cell-outage | interference-burst | kpi-degradation") String type;
        @ArgGroup(exclusive = true, multiplicity = "1") Target target;
        @Option(names = "--duration", required = true, description = "How long: 30s, 2m, 500ms (a bare number is seconds).") String duration;
        @Option(names = "--delay", description = "Start after this long (default: at the next tick).") String delay;
        @Option(names = "--rise-db", description = "interference-burst: interference over thermal noise, 0..80 dB (default: 60).") Double riseDb;
        @Option(names = "--capacity-factor", description = "kpi-degradation: share of per-PRB capacity left, (0, 1] (default: 0.3).") Double capacityFactor;

        @Override
        public Integer call() throws Exception {
            return parent.call("POST", SimFaultsApi.PATH, body().toString());
        }

        ObjectNode body() {
            ObjectNode b = JSON.createObjectNode();
            b.put("type", type);
            if (target.cell != null) b.put("cell", target.cell);
            if (target.node != null) b.put("node", target.node);
            b.put("duration", duration);
            if (delay != null) b.put("delay", delay);
            if (riseDb != null || capacityFactor != null) {
                ObjectNode p = b.putObject("parameters");
                if (riseDb != null) p.put("riseDb", riseDb);
                if (capacityFactor != null) p.put("capacityFactor", capacityFactor);
            }
            return b;
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true, description = "List the scheduled and active faults.")
    static final class ListFaults implements Callable<Integer> {
        @ParentCommand SimCommand parent;
        @Option(names = "--all", description = "Also the ended and cleared ones.") boolean all;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", SimFaultsApi.PATH + (all ? "?all=true" : ""), null);
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "End a fault now (or withdraw a scheduled one).")
    static final class ClearFault implements Callable<Integer> {
        @ParentCommand SimCommand parent;
        @Parameters(index = "0", description = "The fault's id (`ric sim faults`).") String id;

        @Override
        public Integer call() throws Exception {
            int code = parent.call("DELETE", SimFaultsApi.PATH + "/" + id, null);
            if (code == 0) System.out.println("cleared fault " + id);
            return code;
        }
    }

    @Command(name = "cells", mixinStandardHelpOptions = true, description = "List the simulator's cells, their nodes and state.")
    static final class Cells implements Callable<Integer> {
        @ParentCommand SimCommand parent;

        @Override
        public Integer call() throws Exception {
            return parent.call("GET", "/ric/v1/sim/cells", null);
        }
    }
}
