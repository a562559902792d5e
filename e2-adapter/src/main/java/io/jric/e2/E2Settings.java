package io.jric.e2;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of the E2 termination. Defaults: port 36421 on 127.0.0.1, subscription timeout
 * 2 s with 3 retries, control timeout 1 s, any PLMN accepted, RIC id 0xABCDE in PLMN 001/01.
 */
public final class E2Settings {
    private final String host;
    private final int port;
    private final Duration subscriptionTimeout;
    private final int subscriptionRetries;
    private final Duration controlTimeout;
    private final Duration nodeRetention;
    private final java.util.Map<String, List<String>> allowedNodeIds;
    private final Set<String> allowedPlmns;
    private final int ricId;
    private final int ingestQueueRecords;
    private final int ingestBatchRecords;
    private final int ingestWriters;
    private final java.nio.file.Path tlsCert;
    private final java.nio.file.Path tlsKey;
    private final java.nio.file.Path tlsClientCa;
    private final int maxCellsPerNode;
    private final int maxUesPerNode;
    private final Duration ueIdleRelease;
    private final long maxOutboundBytes;
    private final int sctpPort;
    private final int sctpMaxAssociations;

    private E2Settings(Builder b) {
        this.maxCellsPerNode = b.maxCellsPerNode;
        this.maxUesPerNode = b.maxUesPerNode;
        this.ueIdleRelease = b.ueIdleRelease;
        this.maxOutboundBytes = b.maxOutboundBytes;
        this.sctpPort = b.sctpPort;
        this.sctpMaxAssociations = b.sctpMaxAssociations;
        this.tlsCert = b.tlsCert;
        this.tlsKey = b.tlsKey;
        this.tlsClientCa = b.tlsClientCa;
        this.host = b.host;
        this.port = b.port;
        this.subscriptionTimeout = b.subscriptionTimeout;
        this.subscriptionRetries = b.subscriptionRetries;
        this.controlTimeout = b.controlTimeout;
        this.nodeRetention = b.nodeRetention;
        this.allowedNodeIds = java.util.Map.copyOf(b.allowedNodeIds);
        this.allowedPlmns = Set.copyOf(b.allowedPlmns);
        this.ricId = b.ricId;
        this.ingestQueueRecords = b.ingestQueueRecords;
        this.ingestBatchRecords = b.ingestBatchRecords;
        this.ingestWriters = b.ingestWriters;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Address to listen on. */
    public String host() { return host; }
    /** Port to listen on; 0 picks a free one. */
    public int port() { return port; }
    /** How long to wait for a RIC Subscription (Delete) answer before retrying. */
    public Duration subscriptionTimeout() { return subscriptionTimeout; }
    /** How many times to resend an unanswered RIC Subscription Request. */
    public int subscriptionRetries() { return subscriptionRetries; }
    /** Default timeout of a RIC Control. */
    public Duration controlTimeout() { return controlTimeout; }

    /**
     * With mutual TLS: the node ids each client certificate (by its CN) may set up, as exact ids or
     * patterns with {@code *}; empty: any certificate from the client CA may set up any node id (but
     * never take over a node connected with another certificate).
     */
    public java.util.Map<String, List<String>> allowedNodeIds() { return allowedNodeIds; }

    /** Whether {@code certificateName} may set up {@code nodeId} under {@link #allowedNodeIds()}. */
    public boolean nodeIdAllowed(String certificateName, String nodeId) {
        if (allowedNodeIds.isEmpty()) return true;
        List<String> patterns = certificateName == null ? null : allowedNodeIds.get(certificateName);
        if (patterns == null) return false;
        for (String p : patterns) {
            if (globMatches(p, nodeId)) return true;
        }
        return false;
    }

    static boolean globMatches(String pattern, String s) {
        String[] parts = pattern.split("\\*", -1);
        if (parts.length == 1) return pattern.equals(s);
        if (!s.startsWith(parts[0])) return false;
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = s.indexOf(parts[i], at);
            if (found < 0) return false;
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return s.length() - last.length() >= at && s.endsWith(last);
    }

    /** How long a disconnected node's record and subscriptions are kept before they are forgotten. */
    public Duration nodeRetention() { return nodeRetention; }
    /** PLMN identities (6 hex digits) whose nodes may connect; empty: any. */
    public Set<String> allowedPlmns() { return allowedPlmns; }
    /** The 20-bit RIC id sent in E2 Setup Response. */
    public int ricId() { return ricId; }
    /** Records that may wait for the grid before the RIC stops reading from nodes (backpressure). */
    public int ingestQueueRecords() { return ingestQueueRecords; }
    /** Most records written to the grid in one batch. */
    public int ingestBatchRecords() { return ingestBatchRecords; }
    /**
     * Grid writer threads of the KPM ingest (default: 2, or 1 on a one-CPU machine); each E2 node's cells and each UE
     * always go to the same one, so a key's records are written in order. {@code -Djric.ingest.writers=N} overrides it.
     */
    public int ingestWriters() { return ingestWriters; }

    /** Most KPM cells one node may declare (E2 Setup, RIC Service Update); a Setup declaring more is refused. */
    public int maxCellsPerNode() { return maxCellsPerNode; }
    /** Most distinct UEs whose records the RIC keeps per node at a time; records of further UEs are dropped. */
    public int maxUesPerNode() { return maxUesPerNode; }
    /** A UE not reported for this long frees its place in its node's UE limit. */
    public Duration ueIdleRelease() { return ueIdleRelease; }
    /**
     * Most bytes of PDUs the RIC queues for one E2 stream whose peer does not read (beyond gRPC's own
     * window); past it the stream is closed with RESOURCE_EXHAUSTED.
     */
    public long maxOutboundBytes() { return maxOutboundBytes; }
    /** SCTP port for E2AP in APER (real RAN nodes), on {@link #host()}; -1: no SCTP listener (the builder's default). */
    public int sctpPort() { return sctpPort; }
    /** At most this many SCTP associations at once; more are refused at accept. */
    public int sctpMaxAssociations() { return sctpMaxAssociations; }

    /** The server certificate chain (PEM), or null for plaintext E2. */
    public java.nio.file.Path tlsCert() { return tlsCert; }
    /** The server's private key (PKCS#8 PEM), or null. */
    public java.nio.file.Path tlsKey() { return tlsKey; }
    /** The CA (PEM) node certificates must chain to (mutual TLS), or null to accept any client. */
    public java.nio.file.Path tlsClientCa() { return tlsClientCa; }

    /** Builder of {@link E2Settings}; setters validate and name the field on error. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 36421;
        private Duration subscriptionTimeout = Duration.ofSeconds(2);
        private int subscriptionRetries = 3;
        private Duration controlTimeout = Duration.ofSeconds(1);
        private Duration nodeRetention = Duration.ofMinutes(10);
        private java.util.Map<String, List<String>> allowedNodeIds = java.util.Map.of();
        private Set<String> allowedPlmns = Set.of();
        private int ricId = 0xABCDE;
        private int ingestQueueRecords = 50_000;
        private int ingestBatchRecords = 4096;
        private int ingestWriters = Math.min(2, Runtime.getRuntime().availableProcessors());
        private int maxCellsPerNode = 512;
        private int maxUesPerNode = 4096;
        private Duration ueIdleRelease = Duration.ofSeconds(60);
        private long maxOutboundBytes = 4L << 20;
        private int sctpPort = -1;
        private int sctpMaxAssociations = 2048;

        /** SCTP port for APER E2AP (36421 is E2AP's), 0 for any free one, -1 for none. */
        public Builder sctpPort(int v) {
            if (v < -1 || v > 65535) throw new IllegalArgumentException("sctp.port: " + v + " (expected: -1 (off), 0..65535)");
            sctpPort = v;
            return this;
        }

        public Builder sctpMaxAssociations(int v) {
            if (v < 1 || v > 100_000) throw new IllegalArgumentException("sctp.maxAssociations: " + v + " (expected: 1..100000)");
            sctpMaxAssociations = v;
            return this;
        }

        private Builder() {}

        public Builder maxCellsPerNode(int v) {
            if (v < 1 || v > 65536) throw new IllegalArgumentException("maxCellsPerNode: " + v + " (expected: 1..65536)");
            maxCellsPerNode = v;
            return this;
        }

        public Builder maxUesPerNode(int v) {
            if (v < 1 || v > 1_000_000) throw new IllegalArgumentException("maxUesPerNode: " + v + " (expected: 1..1000000)");
            maxUesPerNode = v;
            return this;
        }

        public Builder ueIdleRelease(Duration v) { ueIdleRelease = positive("ueIdleRelease", v); return this; }

        public Builder maxOutboundBytes(long v) {
            if (v < (16L << 10) || v > (1L << 30)) {
                throw new IllegalArgumentException("maxOutboundBytes: " + v + " (expected: 16 KiB..1 GiB)");
            }
            maxOutboundBytes = v;
            return this;
        }

        public Builder host(String v) { host = Objects.requireNonNull(v, "host"); return this; }

        public Builder port(int v) {
            if (v < 0 || v > 65535) throw new IllegalArgumentException("port: " + v + " (expected: 0..65535)");
            port = v;
            return this;
        }

        public Builder subscriptionTimeout(Duration v) { subscriptionTimeout = positive("subscriptionTimeout", v); return this; }

        public Builder subscriptionRetries(int v) {
            if (v < 0 || v > 10) throw new IllegalArgumentException("subscriptionRetries: " + v + " (expected: 0..10)");
            subscriptionRetries = v;
            return this;
        }

        public Builder controlTimeout(Duration v) { controlTimeout = positive("controlTimeout", v); return this; }

        public Builder nodeRetention(Duration v) { nodeRetention = positive("nodeRetention", v); return this; }

        /** See {@link E2Settings#allowedNodeIds()}; needs mutual TLS. */
        public Builder allowedNodeIds(java.util.Map<String, List<String>> v) {
            java.util.Map<String, List<String>> copy = new java.util.TreeMap<>();
            v.forEach((k, l) -> copy.put(Objects.requireNonNull(k, "certificate name"), List.copyOf(l)));
            allowedNodeIds = copy;
            return this;
        }

        public Builder allowedPlmns(Set<String> v) {
            for (String p : v) {
                if (!p.matches("[0-9a-f]{6}")) {
                    throw new IllegalArgumentException("allowedPlmns: " + p + " (expected: 6 lower-case hex digits)");
                }
            }
            allowedPlmns = Set.copyOf(v);
            return this;
        }

        public Builder ricId(int v) {
            if (v < 0 || v >= (1 << 20)) throw new IllegalArgumentException("ricId: " + v + " (expected: 0..1048575)");
            ricId = v;
            return this;
        }

        public Builder ingestQueueRecords(int v) {
            if (v < 1000) throw new IllegalArgumentException("ingestQueueRecords: " + v + " (expected: >= 1000)");
            ingestQueueRecords = v;
            return this;
        }

        public Builder ingestWriters(int v) {
            if (v < 1 || v > 16) throw new IllegalArgumentException("ingestWriters: " + v + " (expected: 1..16)");
            ingestWriters = v;
            return this;
        }

        public Builder ingestBatchRecords(int v) {
            if (v < 1 || v > 65536) throw new IllegalArgumentException("ingestBatchRecords: " + v + " (expected: 1..65536)");
            ingestBatchRecords = v;
            return this;
        }

        private java.nio.file.Path tlsCert;
        private java.nio.file.Path tlsKey;
        private java.nio.file.Path tlsClientCa;

        /**
         * TLS on the E2 port: the server's certificate chain and key (PEM), and optionally the CA
         * every node's client certificate must chain to (mutual TLS). All null: plaintext.
         */
        public Builder tls(java.nio.file.Path cert, java.nio.file.Path key, java.nio.file.Path clientCa) {
            if ((cert == null) != (key == null)) {
                throw new IllegalArgumentException("tls: cert and key go together (cert " + cert + ", key " + key + ")");
            }
            if (cert == null && clientCa != null) {
                throw new IllegalArgumentException("tls: a client CA (" + clientCa + ") needs a server cert and key");
            }
            for (java.nio.file.Path f : new java.nio.file.Path[] {cert, key, clientCa}) {
                if (f != null && !java.nio.file.Files.isReadable(f)) {
                    throw new IllegalArgumentException("tls: " + f + " is not a readable file");
                }
            }
            tlsCert = cert;
            tlsKey = key;
            tlsClientCa = clientCa;
            return this;
        }

        public E2Settings build() {
            if (!allowedNodeIds.isEmpty() && tlsClientCa == null) {
                throw new IllegalArgumentException("allowedNodeIds: binds node ids to client certificates, so it needs mutual TLS "
                        + "(tls.clientCa)");
            }
            return new E2Settings(this);
        }

        private static Duration positive(String name, Duration v) {
            Objects.requireNonNull(v, name);
            if (v.isNegative() || v.isZero()) throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
            return v;
        }
    }
}
