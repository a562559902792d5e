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

    /** Writes (or replaces) one xApp. */
    public void save(String name, String descriptorJson, byte[] jar) {
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
    public void delete(String name) {
        try {
            deleteTree(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("xApp store: cannot delete " + name, e);
        }
    }

    /** One stored xApp. */
    public Optional<Stored> load(String name) {
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
    public List<Stored> all() {
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

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted((a, b) -> b.getNameCount() - a.getNameCount())::iterator) {
                Files.deleteIfExists(x);
            }
        }
    }
}
