package io.jric.a1;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the {@link A1Service}. Build with {@link #builder()}; every value has a default.
 *
 * <ul>
 * <li>{@code authMode}: {@link AuthMode#TOKENS} (default) or {@link AuthMode#OFF}, the development
 *     flag that leaves the A1 paths open.
 * <li>{@code tokens}: the bearer tokens accepted in {@code TOKENS} mode (configuration gives them as a
 *     comma-separated list, see {@link Builder#tokens(String)}). With no token at all every request is
 *     refused: {@code TOKENS} mode never silently means "open".
 * <li>{@code storeDir}: the durable store (one JSON file per policy type and instance), default
 *     {@code ./work/a1}.
 * <li>{@code callbackTimeout}: bound on one status notification (connect + answer), default 2 s.
 * <li>{@code deliveryTimeout}: how long a PUT or DELETE waits for the xApps' answers, default 2 s.
 * <li>{@code maxPolicyBytes}: the largest accepted policy (or policy type) body, default 256 KiB;
 *     larger bodies get 413.
 * </ul>
 */
public final class A1Settings {
    /** How A1 requests are authenticated. */
    public enum AuthMode {
        /** {@code Authorization: Bearer <token>} with one of the configured tokens (401 missing, 403 unknown). */
        TOKENS,
        /** No checks at all: a development flag, announced in the log when the service starts. */
        OFF
    }

    private final AuthMode authMode;
    private final Set<String> tokens;
    private final Path storeDir;
    private final Duration callbackTimeout;
    private final Duration deliveryTimeout;
    private final int maxPolicyBytes;
    private final Path modelTrustedKey;
    private final int maxModelBytes;

    private A1Settings(Builder b) {
        this.modelTrustedKey = b.modelTrustedKey;
        this.maxModelBytes = b.maxModelBytes;
        this.authMode = b.authMode;
        this.tokens = Set.copyOf(b.tokens);
        this.storeDir = b.storeDir;
        this.callbackTimeout = b.callbackTimeout;
        this.deliveryTimeout = b.deliveryTimeout;
        this.maxPolicyBytes = b.maxPolicyBytes;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the authentication mode */
    public AuthMode authMode() {
        return authMode;
    }

    /** @return the accepted bearer tokens (unmodifiable) */
    public Set<String> tokens() {
        return tokens;
    }

    /** @return the durable store's directory */
    public Path storeDir() {
        return storeDir;
    }

    /** @return the bound on one status notification */
    public Duration callbackTimeout() {
        return callbackTimeout;
    }

    /** @return how long a request waits for the xApps' answers */
    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    /** @return the largest accepted request body in bytes */
    public int maxPolicyBytes() {
        return maxPolicyBytes;
    }

    /** @return the PEM public key that A1-ML model signatures must verify against, or null (signatures optional) */
    public Path modelTrustedKey() {
        return modelTrustedKey;
    }

    /** @return the largest accepted model file in bytes */
    public int maxModelBytes() {
        return maxModelBytes;
    }

    @Override
    public String toString() {
        return "A1Settings{auth=" + authMode + ", tokens=" + tokens.size() + ", storeDir=" + storeDir
                + ", callbackTimeout=" + callbackTimeout + ", deliveryTimeout=" + deliveryTimeout
                + ", maxPolicyBytes=" + maxPolicyBytes + "}";
    }

    /** Builder of {@link A1Settings}; setters validate. */
    public static final class Builder {
        private AuthMode authMode = AuthMode.TOKENS;
        private final Set<String> tokens = new LinkedHashSet<>();
        private Path storeDir = Path.of("work", "a1");
        private Duration callbackTimeout = Duration.ofSeconds(2);
        private Duration deliveryTimeout = Duration.ofSeconds(2);
        private int maxPolicyBytes = 256 * 1024;

        private Builder() {}

        /** @param v the authentication mode @return this */
        public Builder authMode(AuthMode v) {
            authMode = Objects.requireNonNull(v, "authMode");
            return this;
        }

        /**
         * Replaces the accepted tokens.
         *
         * @param v bearer tokens; each non-empty, without whitespace
         * @return this
         */
        public Builder tokens(Set<String> v) {
            tokens.clear();
            for (String t : Objects.requireNonNull(v, "tokens")) {
                tokens.add(checkToken(t));
            }
            return this;
        }

        /**
         * Replaces the accepted tokens from a comma-separated list (blanks around commas are
         * ignored; an empty list means none).
         *
         * @param commaList e.g. {@code "s3cret-1, s3cret-2"}
         * @return this
         */
        public Builder tokens(String commaList) {
            tokens.clear();
            Arrays.stream(Objects.requireNonNull(commaList, "tokens").split(","))
                    .map(String::trim)
                    .filter(t -> !t.isEmpty())
                    .forEach(t -> tokens.add(checkToken(t)));
            return this;
        }

        /** @param v directory of the durable store @return this */
        public Builder storeDir(Path v) {
            storeDir = Objects.requireNonNull(v, "storeDir");
            return this;
        }

        /** @param v bound on one notification, 100 ms..60 s @return this */
        public Builder callbackTimeout(Duration v) {
            callbackTimeout = bounded("callbackTimeout", v);
            return this;
        }

        /** @param v bound on waiting for xApps, 100 ms..60 s @return this */
        public Builder deliveryTimeout(Duration v) {
            deliveryTimeout = bounded("deliveryTimeout", v);
            return this;
        }

        /** @param v largest accepted body, 1 KiB..16 MiB @return this */
        public Builder maxPolicyBytes(int v) {
            if (v < 1024 || v > (16 << 20)) {
                throw new IllegalArgumentException("maxPolicyBytes: " + v + " (expected: 1024..16777216)");
            }
            maxPolicyBytes = v;
            return this;
        }

        private Path modelTrustedKey;
        private int maxModelBytes = 64 << 20;

        /** @param v PEM file of the EC or RSA public key model signatures must verify against; null: none @return this */
        public Builder modelTrustedKey(Path v) {
            modelTrustedKey = v;
            return this;
        }

        /** @param v largest accepted model, 1 KiB..256 MiB @return this */
        public Builder maxModelBytes(int v) {
            if (v < 1024 || v > (256 << 20)) {
                throw new IllegalArgumentException("maxModelBytes: " + v + " (expected: 1024..268435456)");
            }
            maxModelBytes = v;
            return this;
        }

        /** @return the settings */
        public A1Settings build() {
            return new A1Settings(this);
        }

        private static String checkToken(String t) {
            Objects.requireNonNull(t, "token");
            if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("tokens: a bearer token must be non-empty visible ASCII without spaces");
            }
            return t;
        }

        private static Duration bounded(String name, Duration v) {
            Objects.requireNonNull(v, name);
            if (v.compareTo(Duration.ofMillis(100)) < 0 || v.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException(name + ": " + v + " (expected: 100 ms..60 s)");
            }
            return v;
        }
    }
}
