package io.jric.sim;

import java.util.Locale;

/** How a simulated node encodes E2AP on its association with the RIC. */
public enum E2Encoding {
    /** jRIC's protobuf E2AP model over {@code E2TerminationService/Connect} (the default). */
    PROTOBUF,
    /**
     * ASN.1 aligned PER, as real nodes send it, over {@code E2TerminationService/ConnectAper}: one
     * E2AP-PDU per frame with the SCTP PPID and stream a real node would use; the E2SM payloads are
     * translated by the service models' node sides ({@link AperNodeEdge}).
     */
    APER;

    /** Parses {@code aper} or {@code protobuf} (any case). */
    public static E2Encoding of(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("e2Encoding: '" + s + "' (expected: aper or protobuf)");
        }
    }

    /** The option spelling: {@code aper}, {@code protobuf}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
