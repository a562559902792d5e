package io.jric.server;

import io.jric.sim.E2Encoding;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ric demo}: the RIC on its embedded defaults plus a simulated RAN connected over the
 * real gRPC E2 interface, with a live terminal view, until Ctrl-C or {@code --duration}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the RIC with a simulated RAN (7 gNBs x 3 cells, 300 UEs) and show live data.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", converter = TimeOptions.Seconds.class,
            description = "Stop after this long: 45, 45s, 2m (default: run until Ctrl-C); then print a summary and exit "
                    + "with 3 if no indications reached the grid or an xApp is not running.")
    Long durationSeconds;

    @Option(names = "--gnbs", defaultValue = "7", description = "Simulated gNBs (default: ${DEFAULT-VALUE}).")
    int gnbs;

    @Option(names = "--cells-per-gnb", defaultValue = "3", description = "Cells per gNB (default: ${DEFAULT-VALUE}).")
    int cellsPerGnb;

    @Option(names = "--ues", defaultValue = "300", description = "Simulated UEs (default: ${DEFAULT-VALUE}).")
    int ues;

    @Option(names = "--seed", defaultValue = "1", description = "Simulator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--speed", defaultValue = "1", description = "Simulated ms per wall ms (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--sim-preset", defaultValue = "default",
            description = "Simulator configuration: default, two-layer (a 700 MHz and a 3.5 GHz cell per sector, "
                    + "80 % indoor UEs), ftp3 (FTP model 3 file traffic) or two-layer-ftp3 (docs/evaluation.md) "
                    + "(default: ${DEFAULT-VALUE}).")
    String simPreset;

    @Option(names = "--period-ms", defaultValue = "1000", converter = TimeOptions.Millis.class, description = "KPM reporting period (default: ${DEFAULT-VALUE}).")
    long periodMs;

    @Option(names = "--e2-port", defaultValue = "36421", description = "E2 port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int e2Port;

    @Option(names = "--e2-encoding", defaultValue = "protobuf",
            description = "How the simulated nodes encode E2AP: protobuf (jRIC's model over Connect) or aper "
                    + "(ASN.1 aligned PER over ConnectAper, as real nodes; E2SM payloads translated by the service models' "
                    + "node sides) (default: ${DEFAULT-VALUE}).")
    String e2Encoding;

    @Option(names = "--e2-kpm-version", defaultValue = "v03.00",
            description = "With --e2-encoding aper: the E2SM-KPM version the simulated nodes speak, v03.00 or v02.03 "
                    + "(default: ${DEFAULT-VALUE}).")
    String e2KpmVersion;

    @Option(names = "--http-port", defaultValue = "8080", description = "Admin API port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--no-ml", description = "Do not install the ML xApps (power control, handover, load balancing, "
            + "anomaly detection) found on the class path.")
    boolean noMl;

    @Option(names = "--no-loop", description = "Do not run the demonstration control loop.")
    boolean noLoop;

    @Option(names = "--plain", description = "Print the view as plain text blocks instead of redrawing the screen.")
    boolean plain;

    /** The simulator's cell sites for the dashboard's map (E2 carries no positions). */
    static java.util.Map<String, DashboardApi.CellPosition> simulatorPositions(RanSimulator sim) {
        java.util.Map<String, DashboardApi.CellPosition> out = new java.util.HashMap<>();
        for (io.jric.sim.CellView c : sim.model().cells()) {
            out.put(c.cellId(), new DashboardApi.CellPosition(c.x(), c.y(), c.azimuthDeg()));
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        SimConfig simConfig = SimConfig.preset(simPreset).seed(seed).gnbs(gnbs).cellsPerGnb(cellsPerGnb).ues(ues).build();
        RanSimulator.Options simOptions = RanSimulator.Options.builder().speed(speed)
                .e2Encoding(E2Encoding.of(e2Encoding)).kpmVersion(e2KpmVersion).build();
        RicConfig cfg = RicConfig.defaults()
                .set("e2.port", Integer.toString(e2Port))
                .set("e2.kpm.periodMs", Long.toString(periodMs))
                .set("grid.instance", "ric-demo")
                .set("grid.backups", "0")
                .set("grid.dataRegionMb", "256")
                .set("http.port", Integer.toString(httpPort))
                .set("a1.auth", "off")
                .set("admin.auth", "off")
                .set("xapps.gateway.auth", "off")
                .set("a1.storeDir", Files.createTempDirectory("jric-demo-a1").toString())
                .set("xapps.storeDir", Files.createTempDirectory("jric-demo-xapps").toString())
                .set("grid.workDir", Files.createTempDirectory("jric-demo").toString());
        boolean redraw = !plain && System.console() != null;
        if (redraw) Logging.quiet();
        System.out.println("jRIC demo: starting the grid, the E2 termination and a simulated RAN ("
                + gnbs + " gNBs x " + cellsPerGnb + " cells, " + ues + " UEs, seed " + seed
                + (simOptions.agentOptions().e2Encoding() == E2Encoding.APER
                        ? ", E2 in APER with E2SM-KPM " + simOptions.agentOptions().kpmVersion() : "") + ") ...");
        CountDownLatch stop = new CountDownLatch(1);
        AtomicBoolean closed = new AtomicBoolean();
        RanSimulator sim = new RanSimulator(simConfig, simOptions);
        RicNode ric;
        try {
            ric = RicNode.start(cfg, sim);  // with the simulator in this process: /ric/v1/sim/faults (./ric sim fault)
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
        LiveView view = new LiveView(ric, sim, !noLoop, redraw);
        Runnable shutdown = () -> {
            if (!closed.compareAndSet(false, true)) return;
            view.close();
            sim.close();
            ric.close();
            stop.countDown();
        };
        Thread hook = new Thread(shutdown, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        sim.start("127.0.0.1", ric.e2().port());
        ric.dashboard().cellPositions(simulatorPositions(sim));
        if (!noMl) DemoXapps.installAvailable(ric);
        if (!noLoop) {
            ric.xapps().install(DemoLoop.descriptor(Math.max(simConfig.minTxPowerDbm(), simConfig.defaultTxPowerDbm() - 6),
                    simConfig.maxTxPowerDbm(), 5 * gnbs), null, null);  // every ~5 s: each gNB reports once a second
        }
        System.out.println("jRIC demo: admin API on http://127.0.0.1:" + ric.httpPort() + "/ric/v1/xapps and A1 on http://127.0.0.1:"
                + ric.httpPort() + "/A1-P/v2 -- authentication is OFF there and on the xApp gateway (development flags admin.auth=off, "
                + "a1.auth=off, xapps.gateway.auth=off); "
                + "install an xApp with ./ric xapp install <xapp.json> [--jar <jar>]; inject a fault with "
                + "./ric sim fault cell-outage --cell <id> --duration 30s (./ric sim cells lists the cells)");
        System.out.println("jRIC demo: dashboard on " + ric.dashboardUrl() + " (open it in a browser; no token needed in the demo)");
        view.start();
        boolean timedOut = durationSeconds != null
                ? !stop.await(durationSeconds, TimeUnit.SECONDS)
                : !stop.await(Long.MAX_VALUE, TimeUnit.DAYS);
        if (timedOut) {
            view.printOnce();
            String summary = view.summary();
            boolean healthy = view.healthy();
            shutdown.run();
            Runtime.getRuntime().removeShutdownHook(hook);
            System.out.println("jRIC demo: stopped after " + Duration.ofSeconds(durationSeconds).toSeconds() + " s: " + summary);
            if (!healthy) {
                System.out.println("jRIC demo: NOT HEALTHY: no indications reached the grid, or an xApp is not running (see above)");
                return 3;
            }
        }
        return 0;
    }
}
