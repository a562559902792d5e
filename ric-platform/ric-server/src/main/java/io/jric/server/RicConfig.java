package io.jric.server;

import io.jric.core.internal.grid.GridSettings;
import io.jric.e2.E2Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The RIC's configuration: a Java properties file (see deploy/ric.conf.sample) over built-in
 * defaults. Unknown keys and bad values are errors that name the key.
 */
public final class RicConfig {
    /** Every key with its default. */
    static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

    static {
        DEFAULTS.put("e2.host", "127.0.0.1");
        DEFAULTS.put("e2.port", "36421");
        DEFAULTS.put("e2.sctp.port", "36421");
        DEFAULTS.put("e2.sctp.maxAssociations", "2048");
        DEFAULTS.put("e2.subscription.timeoutMs", "2000");
        DEFAULTS.put("e2.subscription.retries", "3");
        DEFAULTS.put("e2.control.timeoutMs", "1000");
        DEFAULTS.put("e2.nodeRetention", "10m");
        DEFAULTS.put("e2.allowedPlmns", "");
        DEFAULTS.put("e2.tls.cert", "");
        DEFAULTS.put("e2.tls.key", "");
        DEFAULTS.put("e2.tls.clientCa", "");
        DEFAULTS.put("e2.tls.allowedNodeIds", "");
        DEFAULTS.put("e2.kpm.collect", "true");
        DEFAULTS.put("e2.kpm.periodMs", "1000");
        DEFAULTS.put("http.host", "127.0.0.1");
        DEFAULTS.put("http.port", "8080");
        DEFAULTS.put("http.tls.cert", "");
        DEFAULTS.put("http.tls.key", "");
        DEFAULTS.put("http.tls.clientCa", "");
        DEFAULTS.put("http.metrics.auth", "admin");
        DEFAULTS.put("http.dashboard.maxStreams", "16");
        DEFAULTS.put("admin.auth", "tokens");
        DEFAULTS.put("admin.tokens", "");
        DEFAULTS.put("xapps.storeDir", "./work/xapps");
        DEFAULTS.put("xapps.conflictWindowMs", "1000");
        DEFAULTS.put("xapps.ownedParameters", "a3_hysteresis,a3_time_to_trigger");
        DEFAULTS.put("xapps.ownershipLeaseMs", "60000");
        DEFAULTS.put("xapps.gateway.host", "127.0.0.1");
        DEFAULTS.put("xapps.gateway.port", "36422");
        DEFAULTS.put("xapps.gateway.auth", "tokens");
        DEFAULTS.put("xapps.gateway.tokens", "");
        DEFAULTS.put("xapps.gateway.tls.cert", "");
        DEFAULTS.put("xapps.gateway.tls.key", "");
        DEFAULTS.put("xapps.gateway.tls.clientCa", "");
        DEFAULTS.put("grid.thinClientPort", "0");
        DEFAULTS.put("grid.thinClient.host", "127.0.0.1");
        DEFAULTS.put("grid.thinClient.tls.cert", "");
        DEFAULTS.put("grid.thinClient.tls.key", "");
        DEFAULTS.put("grid.thinClient.tls.clientCa", "");
        DEFAULTS.put("grid.kpmRegionMb", "512");
        DEFAULTS.put("grid.mlRegionMb", "256");
        DEFAULTS.put("grid.exitOnFailure", "true");
        DEFAULTS.put("e2.maxCellsPerNode", "512");
        DEFAULTS.put("e2.maxUesPerNode", "4096");
        DEFAULTS.put("e2.maxOutboundKb", "4096");
        DEFAULTS.put("a1.auth", "tokens");
        DEFAULTS.put("a1.tokens", "");
        DEFAULTS.put("a1.storeDir", "./work/a1");
        DEFAULTS.put("a1.ml.trustedKey", "");
        DEFAULTS.put("grid.instance", "ric-1");
        DEFAULTS.put("grid.localHost", "127.0.0.1");
        DEFAULTS.put("grid.discoveryPort", "47500");
        DEFAULTS.put("grid.discoveryPortRange", "10");
        DEFAULTS.put("grid.communicationPort", "47100");
        DEFAULTS.put("grid.addresses", "127.0.0.1:47500..47509");
        DEFAULTS.put("grid.backups", "1");
        DEFAULTS.put("grid.dataRegionMb", "512");
        DEFAULTS.put("grid.workDir", "./work/grid");
        DEFAULTS.put("grid.seriesExpirySeconds", "600");
        DEFAULTS.put("grid.ueExpirySeconds", "60");
        DEFAULTS.put("grid.experienceRetentionMinutes", "1440");
        DEFAULTS.put("grid.mlPersistence", "false");
        DEFAULTS.put("grid.persistenceDir", "");
        DEFAULTS.put("telemetry.otlp.endpoint", "");
        DEFAULTS.put("telemetry.otlp.protocol", "grpc");
        DEFAULTS.put("telemetry.otlp.samplingRatio", "1.0");
        DEFAULTS.put("telemetry.otlp.headers", "");
        DEFAULTS.put("telemetry.otlp.timeoutMs", "10000");
        DEFAULTS.put("telemetry.otlp.queueSize", "8192");
    }

    private final Map<String, String> values;

    private RicConfig(Map<String, String> values) {
        this.values = values;
    }

    /** The defaults alone. */
    public static RicConfig defaults() {
        return new RicConfig(new LinkedHashMap<>(DEFAULTS));
    }

    /** Defaults overlaid with a properties file. */
    public static RicConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("config: cannot read " + file + ": " + e.getMessage(), e);
        }
        RicConfig c = defaults();
        for (String k : p.stringPropertyNames()) c.set(k, p.getProperty(k).trim());
        c.gridSettings();
        c.e2Settings();
        c.httpSettings();
        c.conflictWindow();
        c.ownedParameters();
        c.ownershipLease();
        c.a1Settings();
        c.adminTokens();
        c.metricsNeedAuth();
        c.httpTls();
        c.gatewaySecurity();
        c.telemetrySettings();
        return c;
    }

    /** Sets one key (from a file or a command-line override); unknown keys are rejected. */
    public RicConfig set(String key, String value) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("config: unknown key '" + key + "' (expected one of: "
                    + String.join(", ", DEFAULTS.keySet()) + ")");
        }
        values.put(key, value);
        return this;
    }

    String get(String key) {
        return values.get(key);
    }

    int integer(String key) {
        try {
            return Integer.parseInt(values.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config: " + key + ": '" + values.get(key) + "' (expected: an integer)");
        }
    }

    boolean bool(String key) {
        String v = values.get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("config: " + key + ": '" + v + "' (expected: true or false)");
        }
        return Boolean.parseBoolean(v);
    }

    /** Grid settings from the {@code grid.*} keys. */
    public GridSettings gridSettings() {
        try {
            List<String> addresses = Arrays.stream(get("grid.addresses").split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
            return GridSettings.builder()
                    .instanceName(get("grid.instance"))
                    .localHost(get("grid.localHost"))
                    .discoveryPort(integer("grid.discoveryPort"))
                    .discoveryPortRange(integer("grid.discoveryPortRange"))
                    .communicationPort(integer("grid.communicationPort"))
                    .addresses(addresses)
                    .backups(integer("grid.backups"))
                    .dataRegionBytes((long) integer("grid.dataRegionMb") << 20)
                    .workDir(Path.of(get("grid.workDir")))
                    .seriesExpiry(Duration.ofSeconds(integer("grid.seriesExpirySeconds")))
                    .ueExpiry(Duration.ofSeconds(integer("grid.ueExpirySeconds")))
                    .experienceRetention(Duration.ofMinutes(integer("grid.experienceRetentionMinutes")))
                    .thinClientPort(integer("grid.thinClientPort"))
                    .thinClientHost(get("grid.thinClient.host"))
                    .thinClientTls(path("grid.thinClient.tls.cert"), path("grid.thinClient.tls.key"),
                            path("grid.thinClient.tls.clientCa"))
                    .kpmRegionBytes((long) integer("grid.kpmRegionMb") << 20)
                    .mlRegionBytes((long) integer("grid.mlRegionMb") << 20)
                    .exitOnFailure(bool("grid.exitOnFailure"))
                    // empty: <grid.workDir>/persistence
                    .persistenceDir(path("grid.persistenceDir"))
                    .mlPersistence(bool("grid.mlPersistence"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("config:") ? e : new IllegalArgumentException("config: grid." + e.getMessage(), e);
        }
    }

    /** E2 settings from the {@code e2.*} keys. */
    /**
     * The node-id allow list: lines {@code <certificate CN> = <node id or pattern with *>[, ...]}, {@code #}
     * comments; a CN on several lines gets all of them.
     */
    static java.util.Map<String, java.util.List<String>> allowedNodeIds(Path file) {
        if (file == null) return java.util.Map.of();
        java.util.Map<String, java.util.List<String>> out = new java.util.TreeMap<>();
        java.util.List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("config: e2.tls.allowedNodeIds: cannot read " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.lastIndexOf('=');
            String cn = eq < 0 ? "" : line.substring(0, eq).strip();
            java.util.List<String> ids = eq < 0 ? java.util.List.of() : java.util.Arrays.stream(line.substring(eq + 1).split(","))
                    .map(String::strip).filter(x -> !x.isEmpty()).toList();
            if (cn.isEmpty() || ids.isEmpty()) {
                throw new IllegalArgumentException("config: e2.tls.allowedNodeIds: " + file + " line " + (i + 1) + ": '" + line
                        + "' (expected: <certificate CN> = <node id or pattern with *>[, ...])");
            }
            out.computeIfAbsent(cn, k -> new java.util.ArrayList<>()).addAll(ids);
        }
        return out;
    }

    /** A time value ({@code 45s}, {@code 10m}, {@code 500ms}; a bare number is seconds). */
    private Duration time(String key) {
        try {
            return io.jric.core.internal.util.TimeValues.parse(get(key), "s");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config: " + key + ": " + e.getMessage(), e);
        }
    }

    public E2Settings e2Settings() {
        try {
            Set<String> plmns = new TreeSet<>();
            for (String s : get("e2.allowedPlmns").split(",")) {
                String d = s.trim();
                if (d.isEmpty()) continue;
                if (!d.matches("\\d{5,6}")) {
                    throw new IllegalArgumentException("config: e2.allowedPlmns: '" + d
                            + "' (expected: MCC+MNC digits, e.g. 00101)");
                }
                plmns.add(io.jric.proto.E2Ids.hex(io.jric.proto.E2Ids.plmn(d.substring(0, 3), d.substring(3)).getValue()));
            }
            return E2Settings.builder()
                    .host(get("e2.host"))
                    .port(integer("e2.port"))
                    .subscriptionTimeout(Duration.ofMillis(integer("e2.subscription.timeoutMs")))
                    .subscriptionRetries(integer("e2.subscription.retries"))
                    .controlTimeout(Duration.ofMillis(integer("e2.control.timeoutMs")))
                    .nodeRetention(time("e2.nodeRetention"))
                    .allowedNodeIds(allowedNodeIds(path("e2.tls.allowedNodeIds")))
                    .allowedPlmns(plmns)
                    .tls(path("e2.tls.cert"), path("e2.tls.key"), path("e2.tls.clientCa"))
                    .maxCellsPerNode(integer("e2.maxCellsPerNode"))
                    .maxUesPerNode(integer("e2.maxUesPerNode"))
                    .maxOutboundBytes((long) integer("e2.maxOutboundKb") << 10)
                    .sctpPort(integer("e2.sctp.port"))
                    .sctpMaxAssociations(integer("e2.sctp.maxAssociations"))
                    .build();
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("config:") ? e : new IllegalArgumentException("config: e2." + e.getMessage(), e);
        }
    }

    /** The admin (and later A1) HTTP server's settings from the {@code http.*} keys. */
    public io.jric.core.internal.http.HttpServerSettings httpSettings() {
        try {
            // A1 PUTs wait (bounded) for the xApps' answers: enough workers that they do not starve other requests.
            return io.jric.core.internal.http.HttpServerSettings.builder()
                    .host(get("http.host")).port(integer("http.port")).workerThreads(4).build();
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("config:") ? e : new IllegalArgumentException("config: http." + e.getMessage(), e);
        }
    }

    /** A1 settings from the {@code a1.*} keys: bearer tokens by default; {@code a1.auth=off} is for development. */
    public io.jric.a1.A1Settings a1Settings() {
        String mode = get("a1.auth");
        if (!mode.equals("tokens") && !mode.equals("off")) {
            throw new IllegalArgumentException("config: a1.auth: '" + mode + "' (expected: tokens or off)");
        }
        try {
            return io.jric.a1.A1Settings.builder()
                    .authMode(mode.equals("off") ? io.jric.a1.A1Settings.AuthMode.OFF : io.jric.a1.A1Settings.AuthMode.TOKENS)
                    .tokens(get("a1.tokens"))
                    .storeDir(Path.of(get("a1.storeDir")))
                    .modelTrustedKey(get("a1.ml.trustedKey").isBlank() ? null : Path.of(get("a1.ml.trustedKey")))
                    .build();
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith("config:") ? e : new IllegalArgumentException("config: a1." + e.getMessage(), e);
        }
    }

    /**
     * The bearer tokens the admin API ({@code /ric/v1}) accepts, or null when {@code admin.auth=off}
     * (development only).
     */
    public java.util.Set<String> adminTokens() {
        String mode = get("admin.auth");
        if (!mode.equals("tokens") && !mode.equals("off")) {
            throw new IllegalArgumentException("config: admin.auth: '" + mode + "' (expected: tokens or off)");
        }
        return mode.equals("off") ? null : tokenSet("admin.tokens");
    }

    /**
     * Whether {@code GET /metrics} needs the admin API's bearer token: {@code http.metrics.auth=admin}
     * (the default; only while the admin API itself has authentication on) or {@code off}.
     */
    public boolean metricsNeedAuth() {
        String mode = get("http.metrics.auth");
        if (!mode.equals("admin") && !mode.equals("off")) {
            throw new IllegalArgumentException("config: http.metrics.auth: '" + mode + "' (expected: admin or off)");
        }
        return mode.equals("admin");
    }

    /** HTTPS for the admin and A1 APIs from the {@code http.tls.*} keys, or null for plain HTTP. */
    public io.netty.handler.ssl.SslContext httpTls() {
        return serverTls("http.tls", false);
    }

    /** Who may use the xApp gateway: bearer tokens ({@code xapps.gateway.auth=off}: anyone) and TLS. */
    public io.jric.gateway.XappGatewayServer.Security gatewaySecurity() {
        String mode = get("xapps.gateway.auth");
        if (!mode.equals("tokens") && !mode.equals("off")) {
            throw new IllegalArgumentException("config: xapps.gateway.auth: '" + mode + "' (expected: tokens or off)");
        }
        java.util.Set<String> tokens = mode.equals("off") ? null : tokenSet("xapps.gateway.tokens");
        return new io.jric.gateway.XappGatewayServer.Security(tokens, serverTls("xapps.gateway.tls", true));
    }

    private java.util.Set<String> tokenSet(String key) {
        java.util.Set<String> t = new java.util.LinkedHashSet<>();
        for (String s : get(key).split(",")) {
            String v = s.trim();
            if (v.isEmpty()) continue;
            if (v.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
                throw new IllegalArgumentException("config: " + key + ": a token must be visible ASCII without spaces");
            }
            t.add(v);
        }
        return t;
    }

    /** A server TLS context from {@code <prefix>.cert/.key/.clientCa}, or null when none is set. */
    private io.netty.handler.ssl.SslContext serverTls(String prefix, boolean grpc) {
        Path cert = path(prefix + ".cert");
        Path key = path(prefix + ".key");
        Path ca = path(prefix + ".clientCa");
        if (cert == null && key == null && ca == null) return null;
        if (cert == null || key == null) {
            throw new IllegalArgumentException("config: " + prefix + ".cert and " + prefix + ".key go together");
        }
        try {
            io.netty.handler.ssl.SslContextBuilder b = grpc
                    ? io.grpc.netty.GrpcSslContexts.forServer(cert.toFile(), key.toFile())
                    : io.netty.handler.ssl.SslContextBuilder.forServer(cert.toFile(), key.toFile());
            if (ca != null) b.trustManager(ca.toFile()).clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE);
            return b.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("config: " + prefix + ": cannot use " + cert + " / " + key + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * OTLP trace export from the {@code telemetry.otlp.*} keys: off (the default) while
     * {@code telemetry.otlp.endpoint} is empty.
     */
    public io.jric.core.internal.telemetry.TelemetrySettings telemetrySettings() {
        String protocol = get("telemetry.otlp.protocol").trim();
        if (!protocol.equals("grpc") && !protocol.equals("http/protobuf")) {
            throw new IllegalArgumentException("config: telemetry.otlp.protocol: '" + protocol
                    + "' (expected: grpc or http/protobuf)");
        }
        double ratio;
        try {
            ratio = Double.parseDouble(get("telemetry.otlp.samplingRatio").trim());
        } catch (NumberFormatException e) {
            ratio = Double.NaN;
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("config: telemetry.otlp.samplingRatio: '" + get("telemetry.otlp.samplingRatio")
                    + "' (expected: a number from 0 to 1)");
        }
        int timeoutMs = integer("telemetry.otlp.timeoutMs");
        if (timeoutMs < 1 || timeoutMs > 600_000) {
            throw new IllegalArgumentException("config: telemetry.otlp.timeoutMs: " + timeoutMs + " (expected: 1..600000)");
        }
        int queue = integer("telemetry.otlp.queueSize");
        if (queue < 1 || queue > 1_000_000) {
            throw new IllegalArgumentException("config: telemetry.otlp.queueSize: " + queue + " (expected: 1..1000000)");
        }
        String key = "telemetry.otlp.headers";
        try {
            java.util.Map<String, String> headers = io.jric.core.internal.telemetry.TelemetrySettings.parseHeaders(get(key));
            key = "telemetry.otlp.endpoint";
            return new io.jric.core.internal.telemetry.TelemetrySettings(get("telemetry.otlp.endpoint"), protocol, ratio,
                    headers, Duration.ofMillis(timeoutMs), queue, get("grid.instance"));
        } catch (IllegalArgumentException e) {
            // parseHeaders and the endpoint/header checks of TelemetrySettings say which part is wrong
            String m = e.getMessage();
            String k = m.startsWith("headers:") ? "telemetry.otlp.headers" : m.startsWith("endpoint:") ? "telemetry.otlp.endpoint" : key;
            throw new IllegalArgumentException("config: " + k + ": " + m.substring(m.indexOf(':') + 1).trim(), e);
        }
    }

    /** Where installed xApps are kept across restarts. */
    public Path xappStoreDir() {
        return Path.of(get("xapps.storeDir"));
    }

    /** The control router's arbitration window. */
    public Duration conflictWindow() {
        int ms = integer("xapps.conflictWindowMs");
        if (ms < 0 || ms > 600_000) {
            throw new IllegalArgumentException("config: xapps.conflictWindowMs: " + ms + " (expected: 0..600000)");
        }
        return Duration.ofMillis(ms);
    }

    /**
     * The cell-configuration parameters held by ownership ({@code xapps.ownedParameters}: control action names,
     * comma separated, cell-scoped ones only; empty: none): the xApp whose control the node acknowledged holds the
     * parameter of that cell against xApps of equal or lower priority until it releases it or its lease lapses.
     */
    public java.util.Set<io.jric.api.xapp.descriptor.ControlAction> ownedParameters() {
        java.util.Set<io.jric.api.xapp.descriptor.ControlAction> out =
                java.util.EnumSet.noneOf(io.jric.api.xapp.descriptor.ControlAction.class);
        for (String name : get("xapps.ownedParameters").split(",")) {
            String n = name.trim();
            if (n.isEmpty()) continue;
            io.jric.api.xapp.descriptor.ControlAction a;
            try {
                a = io.jric.api.xapp.descriptor.ControlAction.fromJsonName(n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("config: xapps.ownedParameters: unknown control action '" + n + "'");
            }
            if (a.requiredScope() != io.jric.api.xapp.descriptor.ControlSpec.Scope.CELL) {
                throw new IllegalArgumentException("config: xapps.ownedParameters: '" + n
                        + "' is not a cell parameter (expected cell-scoped actions such as a3_hysteresis)");
            }
            out.add(a);
        }
        return out;
    }

    /** How long an owned parameter stays held without a renewal ({@code xapps.ownershipLeaseMs}, 100 .. 3600000). */
    public Duration ownershipLease() {
        int ms = integer("xapps.ownershipLeaseMs");
        if (ms < 100 || ms > 3_600_000) {
            throw new IllegalArgumentException("config: xapps.ownershipLeaseMs: " + ms + " (expected: 100..3600000)");
        }
        return Duration.ofMillis(ms);
    }

    private Path path(String key) {
        String v = get(key);
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }

    /** Whether the RIC subscribes to KPM on every node by itself, and how often. */
    public int kpmCollectionPeriodMs() {
        return bool("e2.kpm.collect") ? integer("e2.kpm.periodMs") : 0;
    }
}
