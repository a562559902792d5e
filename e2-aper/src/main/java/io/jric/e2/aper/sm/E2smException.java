package io.jric.e2.aper.sm;

/**
 * An E2SM payload that cannot be translated between a node's APER and jRIC's protobuf E2SM model.
 * The message names the service model, the field and the reason; {@link #bitPosition()} is the
 * decoder's position in the payload when the APER did not decode, else -1.
 */
public final class E2smException extends Exception {
    private static final long serialVersionUID = 1L;
    private final long bitPosition;

    public E2smException(String message) {
        this(message, -1, null);
    }

    public E2smException(String message, long bitPosition, Throwable cause) {
        super(message, cause);
        this.bitPosition = bitPosition;
    }

    /** Bit position of the decoding problem inside the E2SM payload, or -1. */
    public long bitPosition() {
        return bitPosition;
    }
}
