package io.jric.conformance;

import io.jric.api.xapp.XappProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds, in memory, the jar of {@link ProbeXapp}: its classes and the provider registration. */
final class ProbeJar {
    private static volatile byte[] cached;

    private ProbeJar() {}

    static byte[] bytes() {
        byte[] b = cached;
        if (b == null) cached = b = build();
        return b;
    }

    private static byte[] build() {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, mf)) {
            for (Class<?> c : new Class<?>[] {ProbeXapp.class, ProbeXapp.Provider.class}) {
                String path = c.getName().replace('.', '/') + ".class";
                try (InputStream in = ProbeJar.class.getClassLoader().getResourceAsStream(path)) {
                    if (in == null) throw new IllegalStateException("class file " + path + " not found");
                    jar.putNextEntry(new JarEntry(path));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
            jar.putNextEntry(new JarEntry("META-INF/services/" + XappProvider.class.getName()));
            jar.write((ProbeXapp.Provider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
