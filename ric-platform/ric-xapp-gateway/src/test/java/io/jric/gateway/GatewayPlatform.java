package io.jric.gateway;

import io.jric.api.e2.E2NodeInfo;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import io.jric.core.internal.xapp.XappStore;
import io.jric.e2.E2Settings;
import io.jric.e2.E2Termination;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A RIC assembled by hand (grid, E2 termination, xApp host and manager, the gateway) with a
 * simulated RAN of 2 gNBs x 3 cells and 30 UEs. Shipped in this module's test jar for the
 * remote xApp examples' tests.
 */
public final class GatewayPlatform implements AutoCloseable {
    public final RicGrid grid;
    public final E2Termination e2;
    public final XappHost host;
    public final XappManager xapps;
    public final XappGatewayServer gateway;
    public final RanSimulator sim;

    public GatewayPlatform() {
        // The thin-client connector is off by default; on loopback, plaintext, for the remote xApp examples.
        grid = RicGrid.start(TestGrids.isolated().thinClientPort(10800).build());
        Telemetry telemetry = Telemetry.create();
        e2 = E2Termination.start(grid, telemetry, E2Settings.builder().port(0).build());
        host = new XappHost(grid, telemetry, e2.nodeService(), e2.subscriptionService(), e2.controlService(),
                Duration.ofMillis(50), Duration.ofSeconds(5));
        try {
            xapps = new XappManager(grid, new XappStore(Files.createTempDirectory("jric-gw-store")), host);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        gateway = XappGatewayServer.start("127.0.0.1", 0, grid, xapps, e2.nodeService());
        sim = new RanSimulator(SimConfig.builder().seed(5).gnbs(2).cellsPerGnb(3).ues(30).build(),
                RanSimulator.Options.builder().speed(10).build());
        sim.start("127.0.0.1", e2.port());
        await(() -> e2.nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 2, "2 E2 nodes connected");
    }

    /** A remote xApp's descriptor: cell KPM every 100 ms, Tx power 20..46 dBm declared. */
    public static String remote(String name, String version) {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"jric.remote\"},\"queueCapacity\":64,"
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":100,\"style\":\"cell\"}],"
                + "\"controls\":[{\"action\":\"tx_power\",\"scope\":\"cell\",\"min\":20,\"max\":46}]}";
    }

    public static String local(String name) {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"gw-local\"}}";
    }

    /** The port of the grid node's thin-client connector (the first free one from 10800). */
    public int thinClientPort() {
        return ((org.apache.ignite.internal.IgniteEx) grid.ignite()).context().clientListener().port();
    }

    public static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {sim, gateway, host, e2, grid}) {
            try {
                c.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }
    }
}
