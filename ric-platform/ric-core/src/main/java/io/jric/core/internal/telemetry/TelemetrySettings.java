package io.jric.core.internal.telemetry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where the RIC's spans go. With no OTLP endpoint (the default) nothing is exported and tracing is
 * what it always was: every span sampled, counted by name, kept nowhere.
 *
 * @param otlpEndpoint OTLP receiver, e.g. {@code http://collector:4317} (gRPC) or
 *     {@code http://collector:4318/v1/traces} (HTTP); null or empty: no export
 * @param protocol {@code grpc} or {@code http/protobuf}
 * @param samplingRatio share of traces exported, 0..1; decided from the trace id where a trace
 *     enters the RIC, followed by every span of the trace within it
 * @param headers sent with every export (e.g. a tenant or an authorization header)
 * @param timeout of one export request
 * @param queueSize spans that may wait for export; beyond it spans are dropped and counted
 * @param serviceInstance the {@code service.instance.id} resource attribute (the grid instance name), or null
 */
public record TelemetrySettings(String otlpEndpoint, String protocol, double samplingRatio, Map<String, String> headers,
                                Duration timeout, int queueSize, String serviceInstance) {
    /** The OTLP protocols the RIC speaks. */
    public static final String GRPC = "grpc";
    /** OTLP over HTTP with protobuf bodies. */
    public static final String HTTP_PROTOBUF = "http/protobuf";

    /** Validates; messages name the parameter. */
    public TelemetrySettings {
        otlpEndpoint = otlpEndpoint == null ? "" : otlpEndpoint.trim();
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        if (!protocol.equals(GRPC) && !protocol.equals(HTTP_PROTOBUF)) {
            throw new IllegalArgumentException("protocol: '" + protocol + "' (expected: grpc or http/protobuf)");
        }
        if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
            throw new IllegalArgumentException("samplingRatio: " + samplingRatio + " (expected: 0..1)");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutMs: " + timeout.toMillis() + " (expected: > 0)");
        }
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize: " + queueSize + " (expected: >= 1)");
        }
        if (!otlpEndpoint.isEmpty()) {
            URI uri;
            try {
                uri = new URI(otlpEndpoint);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("endpoint: '" + otlpEndpoint + "' is not a URL: " + e.getMessage());
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("endpoint: '" + otlpEndpoint
                        + "' (expected: http://host:port or https://host:port, e.g. http://collector:4317)");
            }
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!h.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || h.getValue().chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("headers: '" + h.getKey() + "' (expected: name=value pairs of visible ASCII)");
            }
        }
    }

    /** No export (the default). */
    public static TelemetrySettings off() {
        return new TelemetrySettings("", GRPC, 1.0, Map.of(), Duration.ofSeconds(10), 8192, null);
    }

    /** Whether spans are exported. */
    public boolean exporting() {
        return !otlpEndpoint.isEmpty();
    }

    /**
     * Parses {@code name=value,name=value} (the OTLP exporters' header syntax; values may be
     * percent-encoded).
     */
    public static Map<String, String> parseHeaders(String s) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        if (s == null || s.isBlank()) return m;
        for (String part : s.split(",")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("headers: '" + part.trim() + "' (expected: name=value)");
            m.put(part.substring(0, eq).trim(),
                    java.net.URLDecoder.decode(part.substring(eq + 1).trim().replace("+", "%2B"),
                            java.nio.charset.StandardCharsets.UTF_8));
        }
        return m;
    }
}
