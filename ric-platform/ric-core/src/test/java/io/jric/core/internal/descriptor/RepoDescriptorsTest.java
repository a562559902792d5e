package io.jric.core.internal.descriptor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.jric.api.xapp.descriptor.DescriptorException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Build-time check of every xApp descriptor in the repository: each file named {@code xapp.json}
 * outside {@code target/} (xApp modules keep theirs at {@code xapps/<name>/xapp.json}) must parse.
 * The jar is not looked for: xApp jars are built after this module.
 */
class RepoDescriptorsTest {
    private static final Set<String> SKIPPED_DIRS = Set.of("target", ".git", "node_modules", ".idea", ".vscode");
    private static final String FIXTURE = "ric-platform/ric-core/src/test/resources/descriptors/valid/xapp.json";

    /** The reactor root: the nearest directory up from user.dir that holds deploy/jvm.properties. */
    static Path reactorRoot() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/jvm.properties"))) return p;
        }
        throw new IllegalStateException("no deploy/jvm.properties above " + System.getProperty("user.dir"));
    }

    static List<Path> descriptors(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                Path name = dir.getFileName();
                return name != null && !dir.equals(root) && SKIPPED_DIRS.contains(name.toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().equals(DescriptorParser.DESCRIPTOR_FILE_NAME)) found.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        found.sort(null);
        return found;
    }

    @Test
    void everyDescriptorInTheRepositoryIsValid() throws IOException {
        Path root = reactorRoot();
        List<Path> files = descriptors(root);
        assertTrue(files.contains(root.resolve(FIXTURE)), "the fixture descriptor must always be checked; found " + files);
        List<String> failures = new ArrayList<>();
        for (Path f : files) {
            try {
                DescriptorParser.parse(f, DescriptorParser.JarCheck.SKIPPED);
            } catch (DescriptorException e) {
                StringBuilder sb = new StringBuilder(root.relativize(f).toString()).append(':');
                e.problems().forEach(p -> sb.append("\n  ").append(p));
                failures.add(sb.toString());
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + files.size() + " xApp descriptors are invalid:\n" + String.join("\n", failures));
        }
    }
}
