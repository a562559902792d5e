package io.jric.conformance;

import io.jric.core.internal.util.FreePorts;
import io.jric.server.RicConfig;
import io.jric.server.RicNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A whole RIC in this JVM (grid, E2, xApp host, admin API) on free loopback ports with its own
 * temporary store and work directories: the target of the in-build run and the sandbox that
 * hosts an xApp under test.
 */
public final class EmbeddedRic implements AutoCloseable {
    private final RicNode node;
    private final List<Path> scratch;

    private EmbeddedRic(RicNode node, List<Path> scratch) {
        this.node = node;
        this.scratch = scratch;
    }

    /** Starts a RIC; {@code overrides} are RIC config keys ({@code e2.kpm.collect=false}). */
    public static EmbeddedRic start(String instance, Map<String, String> overrides) {
        List<Path> scratch = new ArrayList<>();
        try {
            int disco = FreePorts.pair();
            RicConfig cfg = RicConfig.defaults()
                    .set("e2.port", "0")
                    .set("http.port", "0")
                    .set("admin.auth", "off")
                    .set("xapps.gateway.port", "0")
                    .set("xapps.storeDir", temp(scratch, "jric-conformance-xapps"))
                    .set("grid.instance", instance + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime())
                    .set("grid.discoveryPort", Integer.toString(disco))
                    .set("grid.discoveryPortRange", "1")
                    .set("grid.communicationPort", Integer.toString(FreePorts.pair()))
                    .set("grid.addresses", "127.0.0.1:" + disco)
                    .set("grid.backups", "0")
                    .set("grid.dataRegionMb", "128")
                    .set("grid.workDir", temp(scratch, "jric-conformance-grid"));
            // Keys of optional parts (the A1 store): set when this RIC build has them.
            try {
                cfg.set("a1.storeDir", temp(scratch, "jric-conformance-a1"));
            } catch (IllegalArgumentException noSuchKey) {
                // a RIC without A1
            }
            overrides.forEach(cfg::set);
            try {
                return new EmbeddedRic(RicNode.start(cfg), scratch);
            } catch (RuntimeException e) {
                delete(scratch);
                throw e;
            }
        } catch (IOException e) {
            delete(scratch);
            throw new UncheckedIOException(e);
        }
    }

    private static String temp(List<Path> scratch, String prefix) throws IOException {
        Path p = Files.createTempDirectory(prefix);
        scratch.add(p);
        return p.toString();
    }

    private static void delete(List<Path> dirs) {
        for (Path d : dirs) {
            try (Stream<Path> all = Files.walk(d)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException ignored) {
                // best effort: a temp directory
            }
        }
    }

    /** A free TCP port on 127.0.0.1 (best effort). */

    public RicNode node() {
        return node;
    }

    public int e2Port() {
        return node.e2().port();
    }

    public URI admin() {
        return URI.create("http://127.0.0.1:" + node.httpPort());
    }

    @Override
    public void close() {
        node.close();
        delete(scratch);
    }
}
