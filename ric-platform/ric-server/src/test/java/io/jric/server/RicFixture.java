package io.jric.server;

import io.jric.api.e2.E2NodeInfo;
import io.jric.sim.RanSimulator;
import io.jric.sim.SimConfig;
import io.jric.testing.TestGrids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real RIC (grid, E2, xApp host, admin API) on free ports with a small simulated RAN connected. */
final class RicFixture implements AutoCloseable {
    final Path storeDir;
    final RicNode ric;
    final RanSimulator sim;
    final HttpClient http = HttpClient.newHttpClient();

    RicFixture(Path storeDir) {
        this(storeDir, c -> c);
    }

    /** With configuration changes on top of {@link #config}. */
    RicFixture(Path storeDir, java.util.function.UnaryOperator<RicConfig> tweak) {
        this(storeDir, tweak.apply(config(storeDir, "ric-fixture-" + System.nanoTime())), RanSimulator.Options.builder().speed(10).build());
    }

    /** A RIC with the given configuration and the simulator with the given options (e.g. its own tracing). */
    RicFixture(Path storeDir, RicConfig config, RanSimulator.Options simOptions) {
        this.storeDir = storeDir;
        this.ric = RicNode.start(config);
        this.sim = new RanSimulator(SimConfig.builder().seed(5).gnbs(2).cellsPerGnb(3).ues(30).build(), simOptions);
        sim.start("127.0.0.1", ric.e2().port());
        await(() -> ric.e2().nodeService().nodes().stream().filter(E2NodeInfo::connected).count() == 2, "2 nodes connected");
    }

    static RicFixture start() {
        try {
            return new RicFixture(Files.createTempDirectory("jric-xapps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RicConfig config(Path storeDir, String instance) {
        int disco = TestGrids.freePortPair();
        try {
            return RicConfig.defaults()
                    .set("e2.port", "0")
                    .set("e2.kpm.collect", "false")
                    .set("http.port", "0")
                    .set("xapps.storeDir", storeDir.toString())
                    .set("xapps.gateway.port", "0")
                    .set("a1.auth", "off")
                    .set("admin.auth", "off")
                    .set("xapps.conflictWindowMs", "2000")
                    .set("grid.instance", instance)
                    .set("grid.discoveryPort", Integer.toString(disco))
                    .set("grid.discoveryPortRange", "1")
                    .set("grid.communicationPort", Integer.toString(TestGrids.freePortPair()))
                    .set("grid.addresses", "127.0.0.1:" + disco)
                    .set("grid.backups", "0")
                    .set("grid.dataRegionMb", "128")
                    .set("a1.storeDir", tempDir("jric-a1"))
                .set("grid.workDir", Files.createTempDirectory("jric-grid").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + ric.httpPort() + path;
    }

    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (json != null) b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A descriptor of the probe xApp. */
    static String probe(String name, String version, String mode, String extra) {
        return "{\"schemaVersion\":\"1\",\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"vendor\":\"test\","
                + "\"sdkApiVersion\":\"1\",\"entry\":{\"provider\":\"probe\"},\"queueCapacity\":16,"
                + "\"subscriptions\":[{\"serviceModel\":\"kpm\",\"reportPeriodMs\":100,\"style\":\"cell\"}],"
                + "\"config\":{\"schema\":{\"type\":\"object\"},\"values\":{\"mode\":\"" + mode + "\"}}"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static void await(BooleanSupplier condition, String what) {
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
        sim.close();
        ric.close();
    }

    private static String tempDir(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
