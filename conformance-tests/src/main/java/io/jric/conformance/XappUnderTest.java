package io.jric.conformance;

import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.descriptor.DescriptorParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The xApp the harness checks: its descriptor (self-contained JSON, as installed) and its jar
 * (null when the provider is on the class path).
 */
public record XappUnderTest(XappDescriptor descriptor, String descriptorJson, byte[] jar, String source) {
    public XappUnderTest {
        Objects.requireNonNull(descriptor, "descriptor");
    }

    /** From a descriptor file and a jar: {@code jar} if given, else the descriptor's {@code entry.jar}, else none. */
    public static XappUnderTest fromFiles(Path descriptorFile, Path jar) {
        XappDescriptor d = DescriptorParser.parse(descriptorFile,
                jar != null ? DescriptorParser.JarCheck.SKIPPED : DescriptorParser.JarCheck.REQUIRED);
        Path j = jar != null ? jar : d.entry().jarPath().orElse(null);
        try {
            return new XappUnderTest(d, DescriptorParser.toJson(d), j == null ? null : Files.readAllBytes(j),
                    descriptorFile + (j == null ? " (provider on the class path)" : " with " + j));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the xApp jar " + j + ": " + e.getMessage(), e);
        }
    }

    /** From descriptor text whose provider is on the class path (tests). */
    public static XappUnderTest onClassPath(String descriptorJson) {
        XappDescriptor d = DescriptorParser.parse(descriptorJson, null);
        return new XappUnderTest(d, DescriptorParser.toJson(d), null, d.name() + " (provider on the class path)");
    }
}
