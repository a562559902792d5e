package io.jric.testing;

import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.RicGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts real single-node grids for tests, each on its own free loopback ports and work directory. */
public final class TestGrids {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestGrids() {}

    /** Settings for a fresh single-node grid that will not discover any other test's grid. */
    public static GridSettings.Builder isolated() {
        int disco = freePortPair();
        int comm = freePortPair();
        try {
            return GridSettings.builder()
                    .instanceName("test-grid-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet())
                    .discoveryPort(disco)
                    .discoveryPortRange(1)
                    .communicationPort(comm)
                    .workDir(Files.createTempDirectory("jric-grid"))
                    .dataRegionBytes(128L << 20)
                    .kpmRegionBytes(128L << 20)
                    // A failed node stops and the test fails naming the cause, instead of the JVM exiting.
                    .exitOnFailure(false)
                    .backups(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts an isolated single-node grid. */
    public static RicGrid start() {
        return RicGrid.start(isolated().build());
    }

    /** Ports this JVM has handed out, never handed out again. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free TCP port on 127.0.0.1 (best effort: another process may take it before use), drawn below Linux's
     * ephemeral range (32768-60999): a port the kernel handed out for {@code bind(0)} may be handed out again at once
     * for an outgoing connection (a grid's own, say), and a grid that then binds it fails ("Failed to bind TCP server
     * socket"), as ExperiencePersistenceTest's restart did in CI. Ports here are taken only by explicit binds. Never
     * the same port twice in this JVM: a port handed out and not yet bound could otherwise be drawn again for another
     * node, whose bind then fails.
     */
    public static int freePortPair() {
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int p = rnd.nextInt(20_000, 32_000);
            if (!HANDED_OUT.add(p)) continue;
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(false);
                s.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.1"), p), 1);
                return p;
            } catch (IOException e) {
                // taken: draw another
            }
        }
        throw new IllegalStateException("no free port found on 127.0.0.1 in 20000-31999");
    }
}
