package io.jric.e2.aper;

/**
 * A value that cannot be encoded, or bytes that are not a valid APER encoding of the expected type.
 * When decoding, {@link #bitPosition()} is the reader's position (in bits from the start of the buffer
 * being read) where the problem was found; when encoding it is the writer's position, or -1 when the
 * problem was found before any bit was written.
 */
public class AperException extends RuntimeException {
    private final long bitPosition;
    private final String reason;

    public AperException(long bitPosition, String reason) {
        super(reason + " (at bit " + bitPosition + ", octet " + (bitPosition < 0 ? -1 : bitPosition / 8) + ")");
        this.bitPosition = bitPosition;
        this.reason = reason;
    }

    public AperException(long bitPosition, String reason, Throwable cause) {
        this(bitPosition, reason);
        initCause(cause);
    }

    /** Position in bits where the problem was found, or -1. */
    public long bitPosition() {
        return bitPosition;
    }

    /** The reason without the position. */
    public String reason() {
        return reason;
    }
}
