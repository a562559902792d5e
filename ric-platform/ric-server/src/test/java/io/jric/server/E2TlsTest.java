package io.jric.server;

import static io.jric.server.RicFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.jric.api.e2.E2NodeInfo;
import io.jric.sim.E2NodeAgent;
import io.jric.sim.RanModel;
import io.jric.sim.SimConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** E2 over mutual TLS with certificates from {@code ric certs init}: a node with a client certificate sets up, one without cannot. */
class E2TlsTest {
    private static ManagedChannel channel(int port, Path ca, Path cert, Path key) throws Exception {
        var ssl = GrpcSslContexts.forClient().trustManager(ca.toFile());
        if (cert != null) ssl.keyManager(cert.toFile(), key.toFile());
        return NettyChannelBuilder.forAddress("127.0.0.1", port).sslContext(ssl.build()).directExecutor().build();
    }

    @Test
    void nodesNeedACertificateFromTheTrustedCa() throws Exception {
        Path certs = Files.createTempDirectory("jric-certs");
        DevCertificates.create(certs, List.of("127.0.0.1", "localhost"));
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-tls"), "tls-test-" + System.nanoTime())
                .set("e2.tls.cert", certs.resolve("ric.pem").toString())
                .set("e2.tls.key", certs.resolve("ric.key").toString())
                .set("e2.tls.clientCa", certs.resolve("ca.pem").toString());
        RanModel model = new RanModel(SimConfig.builder().seed(4).gnbs(2).cellsPerGnb(1).ues(4).build());
        try (RicNode ric = RicNode.start(cfg)) {
            int port = ric.e2().port();
            ManagedChannel good = channel(port, certs.resolve("ca.pem"), certs.resolve("node.pem"), certs.resolve("node.key"));
            ManagedChannel anonymous = channel(port, certs.resolve("ca.pem"), null, null);
            E2NodeAgent trusted = new E2NodeAgent(model, 0, E2NodeAgent.Options.builder().reconnect(false).build());
            E2NodeAgent stranger = new E2NodeAgent(model, 1, E2NodeAgent.Options.builder().reconnect(false).build());
            try {
                trusted.connect(good);
                assertTrue(trusted.setupFuture().get(20, TimeUnit.SECONDS).accepted(), "E2 Setup over mutual TLS");
                await(() -> ric.e2().nodeService().nodes().stream().anyMatch(E2NodeInfo::connected), "node recorded");

                stranger.connect(anonymous);
                boolean setUp;
                try {
                    setUp = stranger.setupFuture().get(10, TimeUnit.SECONDS).accepted();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    setUp = false;
                }
                assertFalse(setUp, "a node without a client certificate got through");
                assertEquals(1, ric.e2().nodeService().nodes().size(), "only the trusted node is known");
            } finally {
                trusted.close();
                stranger.close();
                good.shutdownNow();
                anonymous.shutdownNow();
            }
        }
    }

    @Test
    void aNodeIdIsBoundToItsCertificateNoTakeoverAndTheAllowListHolds() throws Exception {
        Path certs = Files.createTempDirectory("jric-certs");
        DevCertificates.create(certs, List.of("127.0.0.1", "localhost"));
        RanModel model = new RanModel(SimConfig.builder().seed(4).gnbs(3).cellsPerGnb(1).ues(4).build());
        Path allow = Files.writeString(certs.resolve("allowed-node-ids"), "# CN = node ids\n"
                + "jRIC E2 node = " + model.nodeId(0) + "\n"
                + "jRIC E2 node 2 = " + model.nodeId(1).substring(0, model.nodeId(1).indexOf('/') + 1) + "*\n");
        RicConfig cfg = RicFixture.config(Files.createTempDirectory("jric-tls"), "tls-bind-" + System.nanoTime())
                .set("e2.tls.cert", certs.resolve("ric.pem").toString())
                .set("e2.tls.key", certs.resolve("ric.key").toString())
                .set("e2.tls.clientCa", certs.resolve("ca.pem").toString())
                .set("e2.tls.allowedNodeIds", allow.toString());
        try (RicNode ric = RicNode.start(cfg)) {
            int port = ric.e2().port();
            ManagedChannel one = channel(port, certs.resolve("ca.pem"), certs.resolve("node.pem"), certs.resolve("node.key"));
            ManagedChannel two = channel(port, certs.resolve("ca.pem"), certs.resolve("node2.pem"), certs.resolve("node2.key"));
            E2NodeAgent owner = new E2NodeAgent(model, 0, E2NodeAgent.Options.builder().reconnect(false).build());
            E2NodeAgent thief = new E2NodeAgent(model, 0, E2NodeAgent.Options.builder().reconnect(false).build());
            E2NodeAgent allowed = new E2NodeAgent(model, 1, E2NodeAgent.Options.builder().reconnect(false).build());
            E2NodeAgent notListed = new E2NodeAgent(model, 2, E2NodeAgent.Options.builder().reconnect(false).build());
            try {
                owner.connect(one);
                assertTrue(owner.setupFuture().get(20, TimeUnit.SECONDS).accepted(), "its own node id");
                thief.connect(two);
                assertFalse(thief.setupFuture().get(20, TimeUnit.SECONDS).accepted(), "another certificate takes over node 0");
                allowed.connect(two);
                assertTrue(allowed.setupFuture().get(20, TimeUnit.SECONDS).accepted(), "a node id its pattern allows");
                notListed.connect(one);
                assertFalse(notListed.setupFuture().get(20, TimeUnit.SECONDS).accepted(), "a node id not listed for the certificate");
                assertTrue(ric.e2().nodeService().node(model.nodeId(0)).orElseThrow().connected(), "the owner stays connected");
                assertTrue(ric.e2().nodeService().node(model.nodeId(2)).isEmpty());
                assertEquals(2, ric.e2().stats().identityRejections());
            } finally {
                for (E2NodeAgent a : List.of(owner, thief, allowed, notListed)) a.close();
                one.shutdownNow();
                two.shutdownNow();
            }
        }
    }

    @Test
    void theAllowListFileIsParsedAndBadLinesAreNamed() throws Exception {
        Path f = Files.writeString(Files.createTempFile("allow", ".txt"), "a = x, y*\n# c\n\na = z\nb=w\n");
        assertEquals(java.util.Map.of("a", List.of("x", "y*", "z"), "b", List.of("w")), RicConfig.allowedNodeIds(f));
        Path bad = Files.writeString(Files.createTempFile("allow", ".txt"), "a = x\njust-a-name\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RicConfig.allowedNodeIds(bad));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("just-a-name"), e.getMessage());
    }
}
