package io.jric.a1;

import io.jric.a1.Records.OperatorType;
import io.jric.a1.Records.PolicyRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable copy of the A1 state: {@code <root>/types/<typeId>.json} for operator-defined policy
 * types and {@code <root>/policies/<typeId>~<policyId>.json} for instances (ids percent-encoded so
 * any id is a safe file name). Every write goes to a temporary file in the same directory, is
 * forced to disk and then atomically renamed over the old file, so a crash leaves either the old or
 * the new version, never a torn one.
 */
final class FileStore {
    private static final Logger LOG = Logger.getLogger(FileStore.class.getName());

    private final Path types;
    private final Path policies;

    FileStore(Path root) {
        this.types = root.resolve("types");
        this.policies = root.resolve("policies");
        try {
            Files.createDirectories(types);
            Files.createDirectories(policies);
        } catch (IOException e) {
            throw new UncheckedIOException("A1 store " + root + " cannot be created: " + e.getMessage(), e);
        }
    }

    synchronized void writePolicy(PolicyRecord r) {
        write(policyFile(r.typeId(), r.policyId()), Records.write(r));
    }

    synchronized void deletePolicy(String typeId, String policyId) {
        delete(policyFile(typeId, policyId));
    }

    synchronized Optional<String> readPolicyText(String typeId, String policyId) {
        Path f = policyFile(typeId, policyId);
        try {
            return Files.exists(f) ? Optional.of(Files.readString(f)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts back a file as it was ({@code null}: absent), to undo a write the grid then refused. */
    synchronized void restorePolicy(String typeId, String policyId, String previousText) {
        Path f = policyFile(typeId, policyId);
        if (previousText == null) delete(f);
        else write(f, previousText);
    }

    synchronized void writeType(OperatorType t) {
        write(types.resolve(encode(t.id()) + ".json"), Records.write(t));
    }

    synchronized void deleteType(String id) {
        delete(types.resolve(encode(id) + ".json"));
    }

    synchronized List<PolicyRecord> readPolicies() {
        return readAll(policies, PolicyRecord.class);
    }

    synchronized List<OperatorType> readTypes() {
        return readAll(types, OperatorType.class);
    }

    private Path policyFile(String typeId, String policyId) {
        String name = encode(typeId) + "~" + encode(policyId);
        if (name.length() > 200) name = "h-" + sha256(typeId + "/" + policyId); // keeps names under file-system limits
        return policies.resolve(name + ".json");
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> readAll(Path dir, Class<T> type) {
        List<T> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String n = f.getFileName().toString();
                if (n.endsWith(".part")) {
                    Files.deleteIfExists(f); // left by a crash between write and rename
                    continue;
                }
                if (!n.endsWith(".json")) continue;
                try {
                    out.add(Records.read(Files.readString(f), type));
                } catch (IOException | UncheckedIOException e) {
                    LOG.log(Level.WARNING, "A1 store: " + f + " is unreadable and was skipped: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static void write(Path target, String text) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(target.getParent(), ".a1-", ".part");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("A1 store: cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the next start removes it
                }
            }
        }
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("A1 store: cannot delete " + f + ": " + e.getMessage(), e);
        }
    }

    /** Keeps {@code [A-Za-z0-9_-]}, percent-encodes every other UTF-8 byte (so {@code .} and {@code ~} never occur). */
    static String encode(String id) {
        StringBuilder sb = new StringBuilder();
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
    }
}
