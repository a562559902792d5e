package io.jric.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jric.core.internal.grid.GridTls;
import io.jric.core.internal.grid.PlatformCaches;
import io.jric.testing.TestGrids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.client.IgniteClient;
import org.apache.ignite.client.SslMode;
import org.apache.ignite.configuration.ClientConfiguration;
import org.junit.jupiter.api.Test;

/** Issue 13: the grid's thin-client port is closed by default and, when open beyond loopback, needs a client certificate. */
class GridThinClientTest {

    @Test
    void closedByDefaultAndPlaintextOnlyOnLoopback() {
        assertEquals(0, RicConfig.defaults().gridSettings().thinClientPort());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RicConfig.defaults()
                .set("grid.thinClientPort", "10800").set("grid.thinClient.host", "0.0.0.0").gridSettings());
        assertTrue(e.getMessage().startsWith("config: grid.thinClientHost: 0.0.0.0 (expected: a loopback address"),
                e.getMessage());
    }

    @Test
    void withTlsOnlyAClientWithACertificateFromTheCaGetsIn() throws Exception {
        Path certs = Files.createTempDirectory("jric-grid-certs");
        DevCertificates.create(certs, List.of("127.0.0.1", "localhost"));
        int port = TestGrids.freePortPair();
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-thin"), "thin-" + System.nanoTime())
                .set("grid.thinClientPort", Integer.toString(port))
                .set("grid.thinClient.host", "0.0.0.0")
                .set("grid.thinClient.tls.cert", certs.resolve("ric.pem").toString())
                .set("grid.thinClient.tls.key", certs.resolve("ric.key").toString())
                .set("grid.thinClient.tls.clientCa", certs.resolve("ca.pem").toString());
        try (RicNode ric = RicNode.start(cfg)) {
            String address = "127.0.0.1:" + port;
            assertThrows(Exception.class, () -> {
                try (IgniteClient c = Ignition.startClient(new ClientConfiguration().setAddresses(address).setTimeout(3000))) {
                    c.cache(PlatformCaches.GUARD_RAILS).clear();
                }
            }, "a plaintext client must not get in");
            // TLS, trusting the RIC, but with a certificate of another CA.
            Path other = Files.createTempDirectory("jric-other-certs");
            DevCertificates.create(other, List.of("127.0.0.1"));
            assertThrows(Exception.class, () -> {
                try (IgniteClient c = Ignition.startClient(tls(address, other.resolve("node.pem"), other.resolve("node.key"),
                        certs.resolve("ca.pem")))) {
                    c.cache(PlatformCaches.GUARD_RAILS).clear();
                }
            }, "a client certificate from another CA must not get in");
            try (IgniteClient c = Ignition.startClient(tls(address, certs.resolve("node.pem"), certs.resolve("node.key"),
                    certs.resolve("ca.pem")))) {
                assertTrue(c.cacheNames().contains(PlatformCaches.GUARD_RAILS), String.valueOf(c.cacheNames()));
            }
        }
    }

    private static ClientConfiguration tls(String address, Path cert, Path key, Path ca) {
        return new ClientConfiguration().setAddresses(address).setTimeout(5000).setSslMode(SslMode.REQUIRED)
                .setSslContextFactory(new GridTls.Fixed(GridTls.clientContext(cert, key, ca)));
    }
}
