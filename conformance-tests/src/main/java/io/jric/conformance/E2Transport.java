package io.jric.conformance;

import java.util.Locale;

/** How the harness's emulated E2 nodes reach a RIC. */
public enum E2Transport {
    /** jRIC's E2 gRPC service ({@code Connect}, or {@code ConnectAper} for APER). */
    GRPC,
    /** SCTP, as real nodes (E2AP in APER, one association per node). */
    SCTP;

    /** The option spelling: {@code grpc}, {@code sctp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code grpc} or {@code sctp}. */
    public static E2Transport of(String s) {
        for (E2Transport t : values()) if (t.id().equalsIgnoreCase(s == null ? "" : s.trim())) return t;
        throw new IllegalArgumentException("--e2-transport: '" + s + "' (expected: grpc or sctp)");
    }

    /**
     * Why this machine cannot open an SCTP socket, in plain words, or null when it can. Opens and closes
     * one unbound SCTP channel ({@code socket(AF_INET, SOCK_STREAM, IPPROTO_SCTP)}).
     */
    static String sctpUnavailable() {
        try (com.sun.nio.sctp.SctpChannel ch = com.sun.nio.sctp.SctpChannel.open()) {
            return null;
        } catch (UnsupportedOperationException | java.io.IOException | LinkageError e) {
            return "this machine cannot open an SCTP socket (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "): the kernel has no SCTP support loaded "
                    + "(on Linux: modprobe sctp, or install the kernel's extra modules), or the JDK lacks it; "
                    + "the E2 cases over SCTP cannot run here";
        }
    }
}
