package io.jric.core.internal.grid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to start the RIC's embedded grid node. Defaults: one node on 127.0.0.1, discovery port
 * 47500 (range 10), communication port 47100, a static address list (never multicast), one
 * backup per partition, a 512 MiB data region for the platform's state, a 512 MiB evicting region for
 * KPM telemetry, a 10 minute time-series expiry, no thin-client connector and no REST connector, and
 * a failure handler that exits the process when the grid node fails (never a zombie).
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
    private final Duration experienceRetention;
    private final int thinClientPort;
    private final String thinClientHost;
    private final Path thinClientTlsCert;
    private final Path thinClientTlsKey;
    private final Path thinClientTlsClientCa;
    private final long kpmRegionBytes;
    private final long mlRegionBytes;
    private final boolean exitOnFailure;
    private final boolean runsXapps;
    private final boolean mlPersistence;
    private final Path persistenceDir;
    private final Duration baselineAutoAdjust;
    private final Duration activationWait;

    private GridSettings(Builder b) {
        this.thinClientPort = b.thinClientPort;
        this.thinClientHost = b.thinClientHost;
        this.thinClientTlsCert = b.thinClientTlsCert;
        this.thinClientTlsKey = b.thinClientTlsKey;
        this.thinClientTlsClientCa = b.thinClientTlsClientCa;
        this.kpmRegionBytes = b.kpmRegionBytes;
        this.mlRegionBytes = b.mlRegionBytes;
        this.exitOnFailure = b.exitOnFailure;
        this.runsXapps = b.runsXapps;
        this.mlPersistence = b.mlPersistence;
        this.persistenceDir = b.persistenceDir != null ? b.persistenceDir : b.workDir.resolve("persistence");
        this.baselineAutoAdjust = b.baselineAutoAdjust;
        this.activationWait = b.activationWait;
        if (mlPersistence) MlPersistence.checkDirectory(persistenceDir);
        if (thinClientPort != 0 && thinClientTlsCert == null && !loopback(thinClientHost)) {
            throw new IllegalArgumentException("thinClientHost: " + thinClientHost + " (expected: a loopback address "
                    + "unless thin-client TLS with client certificates is configured; a plaintext thin client has no "
                    + "authentication and must not be reachable from other hosts)");
        }
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
        this.experienceRetention = b.experienceRetention;
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
    /** How long an xApp's experience row lives after it was recorded ({@code ric.ml.experience}). */
    public Duration experienceRetention() { return experienceRetention; }
    /** First port of the thin-client connector (out-of-process xApps read the grid through it); 0 turns it off. */
    public int thinClientPort() { return thinClientPort; }
    /** Address the thin-client connector binds to (loopback unless TLS with client certificates is on). */
    public String thinClientHost() { return thinClientHost; }
    /** The thin-client connector's certificate chain (PEM), or null for plaintext (loopback only). */
    public Path thinClientTlsCert() { return thinClientTlsCert; }
    /** The thin-client connector's PKCS#8 key (PEM), or null. */
    public Path thinClientTlsKey() { return thinClientTlsKey; }
    /** The CA (PEM) every thin client's certificate must chain to, or null. */
    public Path thinClientTlsClientCa() { return thinClientTlsClientCa; }
    /**
     * Off-heap memory of the KPM region ({@code ric-kpm}: latest cell and UE records, cell series, the
     * control log). The region evicts the least recently used pages (RANDOM_2_LRU) above 80 % full.
     */
    public long kpmRegionBytes() { return kpmRegionBytes; }
    /**
     * Off-heap memory of the ML region ({@code ric-ml}: xApps' experience rows and their pending markers),
     * evicted like the KPM region above 80 % full. Its own region: in the KPM region the experience caches'
     * partitions crowded out the evictable pages of a small region, and page eviction spun.
     */
    public long mlRegionBytes() { return mlRegionBytes; }
    /** Whether a failure of the grid node (Ignite's failure handler) exits the process (code 70). */
    public boolean exitOnFailure() { return exitOnFailure; }
    /** Whether this grid node runs an xApp host (false: a node that only holds data; xApps are never placed there). */
    public boolean runsXapps() { return runsXapps; }
    /**
     * Whether the ML region ({@code ric-ml}: experience rows and pending markers) is kept on disk with Ignite native
     * persistence (default false: in memory only). The other regions stay in memory either way. See {@link MlPersistence}.
     */
    public boolean mlPersistence() { return mlPersistence; }
    /**
     * Where the persistent ML region keeps its files ({@code storage/}, {@code wal/}, {@code wal-archive/}, each with
     * one folder per grid node named after its consistent id, {@link #instanceName()}); default
     * {@code <workDir>/persistence}. Unused while {@link #mlPersistence()} is off.
     */
    public Path persistenceDir() { return persistenceDir; }
    /** With persistence: how long after a server node joins or leaves the baseline topology follows (default 10 s). */
    public Duration baselineAutoAdjust() { return baselineAutoAdjust; }
    /**
     * With persistence: how long a starting node waits for the other nodes of the stored baseline before it activates
     * the cluster without them (default 30 s).
     */
    public Duration activationWait() { return activationWait; }

    static boolean loopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

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
        private Duration experienceRetention = Duration.ofHours(24);
        private int thinClientPort = 0;
        private String thinClientHost = "127.0.0.1";
        private Path thinClientTlsCert;
        private Path thinClientTlsKey;
        private Path thinClientTlsClientCa;
        private long kpmRegionBytes = 512L << 20;
        private long mlRegionBytes = 256L << 20;
        private boolean exitOnFailure = true;
        private boolean runsXapps = true;
        private boolean mlPersistence = false;
        private Path persistenceDir;
        private Duration baselineAutoAdjust = Duration.ofSeconds(10);
        private Duration activationWait = Duration.ofSeconds(30);

        private Builder() {}

        /** True: the ML region is kept on disk (Ignite native persistence); checked when built (the directory). */
        public Builder mlPersistence(boolean v) { mlPersistence = v; return this; }
        /** The persistent ML region's directory; null: {@code <workDir>/persistence}. */
        public Builder persistenceDir(Path v) { persistenceDir = v; return this; }
        public Builder baselineAutoAdjust(Duration v) {
            Objects.requireNonNull(v, "baselineAutoAdjust");
            if (v.isNegative() || v.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("baselineAutoAdjust: " + v + " (expected: 0..1 h)");
            }
            baselineAutoAdjust = v;
            return this;
        }
        public Builder activationWait(Duration v) {
            Objects.requireNonNull(v, "activationWait");
            if (v.isNegative() || v.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("activationWait: " + v + " (expected: 0..1 h)");
            }
            activationWait = v;
            return this;
        }

        public Builder thinClientHost(String v) { thinClientHost = Objects.requireNonNull(v, "thinClientHost"); return this; }

        /**
         * TLS with client certificates on the thin-client connector: the connector's chain and key and
         * the CA every client certificate must chain to (all PEM). All null: plaintext, loopback only.
         */
        public Builder thinClientTls(Path cert, Path key, Path clientCa) {
            boolean any = cert != null || key != null || clientCa != null;
            if (any && (cert == null || key == null || clientCa == null)) {
                throw new IllegalArgumentException("thinClientTls: cert, key and clientCa go together (cert " + cert
                        + ", key " + key + ", clientCa " + clientCa + "); the thin client has no other authentication");
            }
            for (Path f : new Path[] {cert, key, clientCa}) {
                if (f != null && !java.nio.file.Files.isReadable(f)) {
                    throw new IllegalArgumentException("thinClientTls: " + f + " is not a readable file");
                }
            }
            thinClientTlsCert = cert;
            thinClientTlsKey = key;
            thinClientTlsClientCa = clientCa;
            return this;
        }

        public Builder kpmRegionBytes(long v) {
            if (v < (64L << 20)) throw new IllegalArgumentException("kpmRegionBytes: " + v + " (expected: >= 64 MiB)");
            kpmRegionBytes = v;
            return this;
        }

        public Builder mlRegionBytes(long v) {
            if (v < (64L << 20)) throw new IllegalArgumentException("mlRegionBytes: " + v + " (expected: >= 64 MiB)");
            mlRegionBytes = v;
            return this;
        }

        /** True (default): a grid node failure exits the process; false: the node stops and listeners are told. */
        public Builder exitOnFailure(boolean v) { exitOnFailure = v; return this; }
        /** False for a grid node that only holds data (no xApp host): xApp services are not placed there. */
        public Builder runsXapps(boolean v) { runsXapps = v; return this; }

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
        public Builder experienceRetention(Duration v) { experienceRetention = positive("experienceRetention", v); return this; }
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
