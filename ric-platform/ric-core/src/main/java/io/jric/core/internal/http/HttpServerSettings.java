package io.jric.core.internal.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link RicHttpServer}. Build with {@link #builder()}; all values have defaults.
 *
 * @param host address to bind, default {@code 127.0.0.1}
 * @param port TCP port, default 8080; 0 picks an ephemeral port (see {@link RicHttpServer#port()})
 * @param maxBodyBytes request body limit of routes without their own, default 1 MiB
 * @param workerThreads threads running handlers, default 2
 * @param queueCapacity requests that may wait for a worker before the server answers 503, default 64
 * @param ioThreads Netty event-loop threads for connections, default 1
 * @param idleTimeout a connection idle this long is closed, default 60 s; zero disables
 * @param shutdownTimeout how long {@link RicHttpServer#close()} waits for running handlers, default 5 s
 */
public record HttpServerSettings(String host, int port, int maxBodyBytes, int workerThreads, int queueCapacity,
        int ioThreads, Duration idleTimeout, Duration shutdownTimeout) {

    /** Validates. */
    public HttpServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be > 0, was " + maxBodyBytes);
        }
        if (workerThreads <= 0) {
            throw new IllegalArgumentException("workerThreads must be > 0, was " + workerThreads);
        }
        if (queueCapacity <= 0) {
            throw new IllegalArgumentException("queueCapacity must be > 0, was " + queueCapacity);
        }
        if (ioThreads <= 0) {
            throw new IllegalArgumentException("ioThreads must be > 0, was " + ioThreads);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative");
        }
        if (shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must not be negative");
        }
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link HttpServerSettings}; {@link #build()} validates. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int maxBodyBytes = 1024 * 1024;
        private int workerThreads = 2;
        private int queueCapacity = 64;
        private int ioThreads = 1;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration shutdownTimeout = Duration.ofSeconds(5);

        private Builder() {}

        /** @param v bind address @return this */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** @param v port, 0 for ephemeral @return this */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** @param v default body limit in bytes, &gt; 0 @return this */
        public Builder maxBodyBytes(int v) {
            maxBodyBytes = v;
            return this;
        }

        /** @param v handler threads @return this */
        public Builder workerThreads(int v) {
            workerThreads = v;
            return this;
        }

        /** @param v requests that may wait for a handler thread @return this */
        public Builder queueCapacity(int v) {
            queueCapacity = v;
            return this;
        }

        /** @param v Netty event-loop threads @return this */
        public Builder ioThreads(int v) {
            ioThreads = v;
            return this;
        }

        /** @param v idle connection timeout, zero disables @return this */
        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        /** @param v bound on waiting for running handlers at close @return this */
        public Builder shutdownTimeout(Duration v) {
            shutdownTimeout = v;
            return this;
        }

        /** @return the validated settings */
        public HttpServerSettings build() {
            return new HttpServerSettings(host, port, maxBodyBytes, workerThreads, queueCapacity, ioThreads,
                    idleTimeout, shutdownTimeout);
        }
    }
}
