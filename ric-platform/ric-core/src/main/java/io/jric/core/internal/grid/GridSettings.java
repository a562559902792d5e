package io.jric.core.internal.grid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start the RIC's embedded grid node. Defaults: one node on 127.0.0.1, discovery port
 * 47500 (range 10), communication port 47100, a static address list (never multicast), one
 * backup per partition, a 512 MiB data region and a 10 minute time-series expiry.
 */
public final class GridSettings {
    private final String instanceName;
    private final String localHost;
    private final int discoveryPort;
    private final int discoveryPortRange;
    private final int communicationPort;
    private final List<String> addresses;
    private final Path workDir;
    private final long dataRegionBytes;
    private final int backups;
    private final Duration seriesExpiry;
    private final Duration ueExpiry;
    private final int thinClientPort;

    private GridSettings(Builder b) {
        this.thinClientPort = b.thinClientPort;
        this.instanceName = b.instanceName;
        this.localHost = b.localHost;
        this.discoveryPort = b.discoveryPort;
        this.discoveryPortRange = b.discoveryPortRange;
        this.communicationPort = b.communicationPort;
        this.addresses = b.addresses == null
                ? List.of(b.localHost + ":" + b.discoveryPort + ".." + (b.discoveryPort + b.discoveryPortRange - 1))
                : List.copyOf(b.addresses);
        this.workDir = b.workDir;
        this.dataRegionBytes = b.dataRegionBytes;
        this.backups = b.backups;
        this.seriesExpiry = b.seriesExpiry;
        this.ueExpiry = b.ueExpiry;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public String instanceName() { return instanceName; }
    public String localHost() { return localHost; }
    public int discoveryPort() { return discoveryPort; }
    public int discoveryPortRange() { return discoveryPortRange; }
    public int communicationPort() { return communicationPort; }
    /** Static discovery addresses ({@code host:port} or {@code host:port1..port2}). */
    public List<String> addresses() { return addresses; }
    public Path workDir() { return workDir; }
    public long dataRegionBytes() { return dataRegionBytes; }
    public int backups() { return backups; }
    /** How long a time-series sample lives. */
    public Duration seriesExpiry() { return seriesExpiry; }
    /** How long a UE's latest record lives after its last update. */
    public Duration ueExpiry() { return ueExpiry; }
    /** First port of the thin-client connector (out-of-process xApps read the grid through it); 0 turns it off. */
    public int thinClientPort() { return thinClientPort; }

    /** Builder of {@link GridSettings}; every setter validates its argument. */
    public static final class Builder {
        private String instanceName = "ric";
        private String localHost = "127.0.0.1";
        private int discoveryPort = 47500;
        private int discoveryPortRange = 10;
        private int communicationPort = 47100;
        private List<String> addresses;
        private Path workDir = Path.of(System.getProperty("java.io.tmpdir"), "jric-grid");
        private long dataRegionBytes = 512L << 20;
        private int backups = 1;
        private Duration seriesExpiry = Duration.ofMinutes(10);
        private Duration ueExpiry = Duration.ofSeconds(60);
        private int thinClientPort = 10800;

        private Builder() {}

        public Builder instanceName(String v) { instanceName = Objects.requireNonNull(v, "instanceName"); return this; }
        public Builder localHost(String v) { localHost = Objects.requireNonNull(v, "localHost"); return this; }
        public Builder discoveryPort(int v) { discoveryPort = port("discoveryPort", v); return this; }
        public Builder discoveryPortRange(int v) {
            if (v < 1 || v > 100) throw new IllegalArgumentException("discoveryPortRange: " + v + " (expected: 1..100)");
            discoveryPortRange = v;
            return this;
        }
        public Builder communicationPort(int v) { communicationPort = port("communicationPort", v); return this; }
        /** Static discovery addresses; null or empty means the local discovery port range. */
        public Builder addresses(List<String> v) {
            addresses = v == null || v.isEmpty() ? null : List.copyOf(v);
            return this;
        }
        public Builder workDir(Path v) { workDir = Objects.requireNonNull(v, "workDir"); return this; }
        public Builder dataRegionBytes(long v) {
            if (v < (64L << 20)) throw new IllegalArgumentException("dataRegionBytes: " + v + " (expected: >= 64 MiB)");
            dataRegionBytes = v;
            return this;
        }
        public Builder backups(int v) {
            if (v < 0 || v > 3) throw new IllegalArgumentException("backups: " + v + " (expected: 0..3)");
            backups = v;
            return this;
        }
        public Builder seriesExpiry(Duration v) { seriesExpiry = positive("seriesExpiry", v); return this; }
        public Builder ueExpiry(Duration v) { ueExpiry = positive("ueExpiry", v); return this; }
        public Builder thinClientPort(int v) {
            if (v != 0 && (v < 1024 || v > 65535)) {
                throw new IllegalArgumentException("thinClientPort: " + v + " (expected: 0 or 1024..65535)");
            }
            thinClientPort = v;
            return this;
        }

        public GridSettings build() {
            return new GridSettings(this);
        }

        private static int port(String name, int v) {
            if (v < 1024 || v > 65535) throw new IllegalArgumentException(name + ": " + v + " (expected: 1024..65535)");
            return v;
        }

        private static Duration positive(String name, Duration v) {
            Objects.requireNonNull(v, name);
            if (v.isNegative() || v.isZero()) throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
            return v;
        }
    }
}
