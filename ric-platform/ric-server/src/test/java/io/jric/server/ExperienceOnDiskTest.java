package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.api.xapp.descriptor.Entry;
import io.jric.api.xapp.descriptor.ExperienceSpec;
import io.jric.api.xapp.descriptor.XappDescriptor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code grid.mlPersistence=true} in a real RIC: ready (the grid cluster activated) before and after a restart, and
 * the experience rows and an operator's label served again by {@code GET /ric/v1/experience/{xapp}} after it; not
 * ready while the cluster is inactive; the keys' defaults and errors.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExperienceOnDiskTest {
    private static final String NODE = "gnb:00f110:1/22";
    private static final String CELL = "00f110:000004001";
    private static final long T0 = 1_765_000_000_000L;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void experienceRowsAndTheirLabelAreServedAgainAfterTheRicRestarts() throws Exception {
        RicConfig config = RicFixture.config(Files.createDirectories(dir.resolve("xapps")), "disk-" + System.nanoTime())
                .set("grid.mlPersistence", "true")
                .set("grid.persistenceDir", dir.resolve("ml").toString());
        XappDescriptor d = XappDescriptor.builder("exp-disk", "1.0.0", "test", new Entry("exp-disk", null))
                .experience(new ExperienceSpec(3000, List.of("throughputDlMbps"), ExperienceSpec.Scope.CELL, 100)).build();
        long labelled;
        try (RicNode ric = RicNode.start(config)) {
            HttpResponse<String> ready = get(ric, "/readyz");
            assertEquals(200, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("\"grid\":true"), ready.body());
            long now = System.currentTimeMillis();
            labelled = ric.xappHost().experience().record(d, T0, NODE, CELL, 0, Map.of("prbUsedDlPct", 40.0),
                    Map.of("txPowerDbm", 41.0), now);
            ric.xappHost().experience().record(d, T0 + 1000, NODE, CELL, 0, Map.of("prbUsedDlPct", 60.0),
                    Map.of("txPowerDbm", 43.0), now);
            ric.xappHost().experience().label("exp-disk", NODE, labelled, "confirmed", now);
        }
        assertTrue(Files.isDirectory(dir.resolve("ml").resolve("storage")), "files under grid.persistenceDir");

        try (RicNode ric = RicNode.start(config)) {
            HttpResponse<String> ready = get(ric, "/readyz");
            assertEquals(200, ready.statusCode(), ready.body());
            HttpResponse<String> rows = get(ric, "/ric/v1/experience/exp-disk");
            assertEquals(200, rows.statusCode(), rows.body());
            assertTrue(rows.body().contains("\"id\":" + labelled), rows.body());
            assertTrue(rows.body().contains("\"label\":\"confirmed\""), rows.body());
            assertTrue(rows.body().contains("\"txPowerDbm\":43.0") || rows.body().contains("\"txPowerDbm\":43"), rows.body());
            assertEquals(2, ric.xappHost().experience().rows("exp-disk", 0, Long.MAX_VALUE, 10).rows.size());

            // An inactive cluster (here deactivated by hand) is not ready.
            ric.grid().ignite().cluster().state(org.apache.ignite.cluster.ClusterState.INACTIVE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            HttpResponse<String> inactive = get(ric, "/readyz");
            while (inactive.statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                inactive = get(ric, "/readyz");
            }
            assertEquals(503, inactive.statusCode(), inactive.body());
            assertTrue(inactive.body().contains("\"grid\":\"the grid cluster is not active\""), inactive.body());
            ric.grid().ignite().cluster().state(org.apache.ignite.cluster.ClusterState.ACTIVE);
        }
    }

    @Test
    void theKeysDefaultToOffUnderTheGridWorkDirAndBadValuesAreNamed() throws Exception {
        var defaults = RicConfig.defaults().gridSettings();
        assertFalse(defaults.mlPersistence());
        assertEquals(Path.of("./work/grid/persistence"), defaults.persistenceDir());

        IllegalArgumentException notBool = assertThrows(IllegalArgumentException.class,
                () -> RicConfig.defaults().set("grid.mlPersistence", "yes").gridSettings());
        assertEquals("config: grid.mlPersistence: 'yes' (expected: true or false)", notBool.getMessage());

        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path conf = Files.writeString(dir.resolve("ric.conf"), "grid.mlPersistence=true\ngrid.persistenceDir=" + file + "/ml\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RicConfig.load(conf));
        assertEquals("config: grid.persistenceDir: " + file.resolve("ml") + " cannot be created (" + file
                + " is not a directory)", bad.getMessage());
        // The same directory is not looked at while persistence is off.
        Files.writeString(conf, "grid.mlPersistence=false\ngrid.persistenceDir=" + file + "/ml\n");
        assertFalse(RicConfig.load(conf).gridSettings().mlPersistence());
    }

    private HttpResponse<String> get(RicNode ric, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ric.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
