package io.jric.api.xapp.descriptor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the RIC finds the xApp's code: the id of an {@code io.jric.api.xapp.XappProvider} found by
 * {@link java.util.ServiceLoader}, optionally in a jar of its own.
 */
public final class Entry {
    private final String provider;
    private final Path jarPath;

    /**
     * @param provider provider id ({@code ^[a-z][a-z0-9-.]{1,62}$})
     * @param jarPath the jar holding the provider, as written in the descriptor (relative paths are
     *     relative to the descriptor's directory), or null if the provider is on the RIC's class path
     */
    public Entry(String provider, Path jarPath) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.jarPath = jarPath;
    }

    /** Id of the {@code XappProvider} to instantiate. */
    public String provider() {
        return provider;
    }

    /**
     * The jar holding the provider as written in the descriptor (relative to the descriptor's
     * directory), or empty if the provider is on the RIC's class path.
     */
    public Optional<Path> jarPath() {
        return Optional.ofNullable(jarPath);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry && ((Entry) o).provider.equals(provider) && Objects.equals(((Entry) o).jarPath, jarPath);
    }

    @Override
    public int hashCode() {
        return 31 * provider.hashCode() + Objects.hashCode(jarPath);
    }

    @Override
    public String toString() {
        return jarPath == null ? provider : provider + " (" + jarPath + ")";
    }
}
