package io.jric.a1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.http.HttpServerSettings;
import io.jric.core.internal.http.RicHttpServer;
import io.jric.core.internal.http.Router;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.core.internal.xapp.XappHost;
import io.jric.core.internal.xapp.XappManager;
import io.jric.core.internal.xapp.XappStore;
import io.jric.testing.NoE2;
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
import java.util.function.Consumer;

/**
 * A real RIC for A1 tests: a single-node grid, an xApp host and manager (no E2), the A1 service and
 * an HTTP server on a free loopback port. Every response a test gets through {@link #send} is
 * checked against the published OpenAPI document ({@link OpenApiCheck}).
 */
final class A1Fixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "test-token-1";

    final Path a1Dir;
    final Path xappDir;
    final A1Settings settings;
    final RicGrid grid;
    final XappHost host;
    final XappManager xapps;
    final A1Service a1;
    final RicHttpServer http;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Consumer<Router> extraRoutes;
    /** Sent as the bearer token; null sends none. */
    volatile String token = TOKEN;

    private final boolean adminApi;

    private A1Fixture(Path a1Dir, Path xappDir, A1Settings settings, Consumer<Router> extraRoutes) {
        this(a1Dir, xappDir, settings, extraRoutes, true, false);
    }

    private A1Fixture(Path a1Dir, Path xappDir, A1Settings settings, Consumer<Router> extraRoutes, boolean restore,
                      boolean adminApi) {
        this.adminApi = adminApi;
        this.a1Dir = a1Dir;
        this.xappDir = xappDir;
        this.extraRoutes = extraRoutes;
        this.settings = settings;
        this.grid = TestGrids.start();
        NoE2 e2 = new NoE2();
        this.host = new XappHost(grid, Telemetry.create(), e2, e2, e2, Duration.ofSeconds(1), Duration.ofSeconds(1));
        this.xapps = new XappManager(grid, new XappStore(xappDir), host);
        this.a1 = A1Service.start(grid, xapps, host, settings);
        if (restore) xapps.restore();
        Router router = a1.register(new Router());
        if (extraRoutes != null) extraRoutes.accept(router);
        if (adminApi) new io.jric.core.internal.xapp.XappAdminApi(grid, xapps, host).register(router);
        this.http = RicHttpServer.start(HttpServerSettings.builder().port(0).workerThreads(4).build(), router);
    }

    static A1Settings.Builder settings(Path a1Dir) {
        return A1Settings.builder().tokens(TOKEN + ", test-token-2").storeDir(a1Dir)
                .callbackTimeout(Duration.ofSeconds(2)).deliveryTimeout(Duration.ofSeconds(2));
    }

    static A1Fixture start() {
        try {
            Path a1 = Files.createTempDirectory("jric-a1");
            return new A1Fixture(a1, Files.createTempDirectory("jric-a1-xapps"), settings(a1).build(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static A1Fixture start(A1Settings settings, Path xappDir, Consumer<Router> extraRoutes) {
        return new A1Fixture(settings.storeDir(), xappDir, settings, extraRoutes);
    }

    /**
     * The same stores, a brand-new grid and process state, with the HTTP server answering before
     * the stored xApps are restored (the test calls {@code xapps.restore()} itself).
     */
    A1Fixture restartServingBeforeRestore() {
        close();
        return new A1Fixture(a1Dir, xappDir, settings, extraRoutes, false, adminApi);
    }

    /** The same stores, a brand-new grid and process state. */
    A1Fixture restart() {
        close();
        return new A1Fixture(a1Dir, xappDir, settings, extraRoutes, true, adminApi);
    }

    /** A RIC serving the admin API ({@code /ric/v1}, no token) next to A1. */
    static A1Fixture startWithAdminApi() {
        try {
            Path a1 = Files.createTempDirectory("jric-a1");
            return new A1Fixture(a1, Files.createTempDirectory("jric-a1-xapps"), settings(a1).build(), null, true, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void install(String descriptor) {
        xapps.install(descriptor, null, null);
    }

    HttpResponse<String> send(String method, String path, String json) {
        return send(method, path, json, "application/json");
    }

    HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpResponse<String> r = sendUnchecked(method, path, body, contentType);
        OpenApiCheck.check(method, path, r);
        return r;
    }

    /** Without the OpenAPI check: for answers of the HTTP layer (405, unknown paths). */
    HttpResponse<String> sendUnchecked(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and asserts the status; returns the body as JSON (null when empty). */
    JsonNode expect(int status, String method, String path, String json) {
        HttpResponse<String> r = send(method, path, json);
        assertEquals(status, r.statusCode(), () -> method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        return r.body().isEmpty() ? null : tree(r.body());
    }

    static JsonNode tree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The A1-P status of an instance ({@code ENFORCED} or {@code NOT_ENFORCED: reason}). */
    String status(String typeId, String policyId) {
        JsonNode s = expect(200, "GET", "/A1-P/v2/policytypes/" + typeId + "/policies/" + policyId + "/status", null);
        return s.get("enforceStatus").asText() + (s.has("enforceReason") ? ": " + s.get("enforceReason").asText() : "");
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {http, a1, host, grid}) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
    }
}
