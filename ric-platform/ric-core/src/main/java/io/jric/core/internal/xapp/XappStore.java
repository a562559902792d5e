package io.jric.core.internal.xapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The durable store of installed xApps (the grid itself is in memory): one directory per xApp
 * under the store root, holding {@code descriptor.json} (self-contained) and {@code xapp.jar}
 * when the xApp came with one. Written with atomic moves, so a crash leaves the old or the new
 * version, never half of one. A RIC reinstalls everything stored here when it starts.
 */
public final class XappStore {
    private final Path root;

    public XappStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot create " + root, e);
        }
    }

    /** A stored xApp. */
    public static final class Stored {
        public final String name;
        public final String descriptorJson;
        public final byte[] jar;

        Stored(String name, String descriptorJson, byte[] jar) {
            this.name = name;
            this.descriptorJson = descriptorJson;
            this.jar = jar;
        }
    }

    public Path root() {
        return root;
    }

    /**
     * Writes (or replaces) one xApp. Every method is synchronized: the admin API's thread and the grid
     * mirror's thread ({@link XappManager}) write the same directories.
     */
    public synchronized void save(String name, String descriptorJson, byte[] jar) {
        try {
            Path dir = root.resolve(name);
            Path tmp = Files.createTempDirectory(root, "." + name + "-");
            Files.writeString(tmp.resolve("descriptor.json"), descriptorJson, StandardCharsets.UTF_8);
            if (jar != null) Files.write(tmp.resolve("xapp.jar"), jar);
            Path old = null;
            if (Files.exists(dir)) {
                old = root.resolve("." + name + "-old-" + System.nanoTime());
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            if (old != null) deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot save " + name + " under " + root, e);
        }
    }

    /** Removes one xApp; nothing happens when it is not stored. */
    public synchronized void delete(String name) {
        try {
            deleteTree(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot delete " + name, e);
        }
    }

    /** One stored xApp. */
    public synchronized Optional<Stored> load(String name) {
        Path dir = root.resolve(name);
        if (!Files.isRegularFile(dir.resolve("descriptor.json"))) return Optional.empty();
        try {
            String d = Files.readString(dir.resolve("descriptor.json"), StandardCharsets.UTF_8);
            byte[] jar = Files.exists(dir.resolve("xapp.jar")) ? Files.readAllBytes(dir.resolve("xapp.jar")) : null;
            return Optional.of(new Stored(name, d, jar));
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot read " + dir, e);
        }
    }

    /** Every stored xApp, by name. */
    public synchronized List<Stored> all() {
        List<Stored> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
                String n = d.getFileName().toString();
                if (n.startsWith(".")) continue;
                load(n).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot list " + root, e);
        }
        return out;
    }

    /** Directory of the operator guard rails (a dot name: never taken for an xApp). */
    private Path guardRailDir() {
        return root.resolve(".guardrails");
    }

    private Path guardRailFile(String scope) {
        return guardRailDir().resolve((scope.equals("*") ? "all" : scope.replace(':', '_')) + ".json");
    }

    /**
     * Writes (or replaces) the operator guard rail of a scope: a temporary file forced to disk, then
     * moved over the old one atomically (a crash leaves the old or the new version).
     *
     * @param scope a valid scope ({@code io.jric.core.internal.grid.GuardRail#validScope})
     * @param json the guard rail as the admin API shows it
     */
    public synchronized void saveGuardRail(String scope, String json) {
        try {
            Files.createDirectories(guardRailDir());
            Path tmp = Files.createTempFile(guardRailDir(), ".rail-", ".part");
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(tmp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(
                        ("{\"scope\":" + quote(scope) + ",\"rail\":" + json + "}").getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            Files.move(tmp, guardRailFile(scope), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot save the guard rail of scope " + scope + " under "
                    + guardRailDir() + ": " + e.getMessage(), e);
        }
    }

    /** Removes the operator guard rail of a scope; nothing happens when none is stored. */
    public synchronized void deleteGuardRail(String scope) {
        try {
            Files.deleteIfExists(guardRailFile(scope));
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot delete the guard rail of scope " + scope + ": " + e.getMessage(), e);
        }
    }

    /** The stored operator guard rails: each file's text {@code {"scope": ..., "rail": {...}}}. */
    public synchronized List<String> guardRails() {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(guardRailDir())) return out;
        try (Stream<Path> files = Files.list(guardRailDir())) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String n = f.getFileName().toString();
                if (n.endsWith(".part")) {
                    Files.deleteIfExists(f); // left by a crash before the move
                } else if (n.endsWith(".json")) {
                    out.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot list " + guardRailDir(), e);
        }
        return out;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(x);
            }
        } catch (java.nio.file.NoSuchFileException | java.io.UncheckedIOException e) {
            // gone already (deleted by another process sharing the directory): what we wanted
            if (e instanceof java.io.UncheckedIOException u && !(u.getCause() instanceof java.nio.file.NoSuchFileException)) throw u;
        }
    }
}
