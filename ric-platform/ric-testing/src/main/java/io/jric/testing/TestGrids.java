package io.jric.testing;

import io.jric.core.internal.grid.GridSettings;
import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.util.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** A free port pair on 127.0.0.1, never handed out before in this JVM: see {@link FreePorts}. */
    public static int freePortPair() {
        return FreePorts.pair();
    }
}
