package io.jric.e2.aper.rc;

/**
 * E2SM-RC v05.00 payloads as readable text (for {@code ric e2 decode}): the decoded value as a tree named by
 * the ASN.1 component names. Throws {@link io.jric.e2.aper.AperException} (bit position, reason) when the
 * payload does not decode.
 */
public final class RcText {
    private RcText() {
    }

    public static String definition(byte[] b) {
        return String.valueOf(Asn.decode(RcSchema.RAN_FUNCTION_DEFINITION, b));
    }

    public static String controlHeader(byte[] b) {
        return String.valueOf(Asn.decode(RcSchema.CONTROL_HEADER, b));
    }

    public static String controlMessage(byte[] b) {
        return String.valueOf(Asn.decode(RcSchema.CONTROL_MESSAGE, b));
    }

    public static String controlOutcome(byte[] b) {
        return String.valueOf(Asn.decode(RcSchema.CONTROL_OUTCOME, b));
    }
}
