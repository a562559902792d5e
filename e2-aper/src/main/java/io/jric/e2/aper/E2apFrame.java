package io.jric.e2.aper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The E2AP-PDU frame: which of the three CHOICE alternatives, the procedure code, the procedure
 * criticality and the message value (the open type's contents). {@link #encode()} and {@link #decode}
 * handle only this outer layer, so any E2AP procedure, known or not, passes through it intact.
 */
public record E2apFrame(Type type, int procedureCode, int criticality, byte[] value) {

    public enum Type { INITIATING_MESSAGE, SUCCESSFUL_OUTCOME, UNSUCCESSFUL_OUTCOME }

    public E2apFrame {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    byte[] valueNoCopy() {
        return value;
    }

    public byte[] encode() {
        AperWriter w = new AperWriter();
        w.writeChoiceIndex(type.ordinal(), 3, true);
        w.writeConstrainedWholeNumber(procedureCode, 0, 255);
        w.writeEnumerated(criticality, 3, false);
        w.writeOpenType(value);
        return w.toByteArray();
    }

    public static E2apFrame decode(byte[] pdu) {
        return parse(pdu).frame();
    }

    /** A decoded frame and a reader over its message value whose positions count from the start of the PDU. */
    record Parsed(E2apFrame frame, AperReader value) {
    }

    static Parsed parse(byte[] pdu) {
        if (pdu.length == 0) {
            throw new AperException(0, "empty E2AP-PDU");
        }
        AperReader r = new AperReader(pdu);
        int alt = r.readChoiceIndex(3, true);
        if (alt >= 3) {
            throw r.error("E2AP-PDU extension alternative " + (alt - 3) + " is not known");
        }
        int code = (int) r.readConstrainedWholeNumber(0, 255);
        int crit = r.readEnumerated(3, false);
        AperReader value = r.openTypeReader();
        r.expectEnd("E2AP-PDU");
        byte[] bytes = value.peekAll(value.remainingBits());
        return new Parsed(new E2apFrame(Type.values()[alt], code, crit, bytes), value);
    }

    /** Encodes a message value: SEQUENCE { protocolIEs ProtocolIE-Container, ... }. */
    public static byte[] encodeIeContainer(List<ProtocolIe> ies) {
        AperWriter w = new AperWriter();
        w.writeSequencePreamble(true, false);
        w.writeCount(ies.size(), 0, 65535, false);
        for (ProtocolIe ie : ies) {
            writeField(w, ie.id(), ie.criticality(), ie.value());
        }
        return w.toByteArray();
    }

    static void writeField(AperWriter w, int id, int criticality, byte[] value) {
        w.writeConstrainedWholeNumber(id, 0, 65535);
        w.writeEnumerated(criticality, 3, false);
        w.writeOpenType(value);
    }

    /** A ProtocolIE-Field read from the wire, with a reader over its value. */
    record Field(int id, int criticality, AperReader value, long bitPosition) {
        /** The value's complete encoding (call before decoding the value). */
        byte[] rawValue() {
            return value.peekAll(value.remainingBits());
        }
    }

    static Field readField(AperReader r) {
        long pos = r.bitPosition();
        int id = (int) r.readConstrainedWholeNumber(0, 65535);
        int crit = r.readEnumerated(3, false);
        AperReader v = r.openTypeReader();
        return new Field(id, crit, v, pos);
    }

    /** Decodes a message value's ProtocolIE-Container into its fields (values not yet decoded). */
    static List<Field> readIeContainer(AperReader r) {
        boolean ext = r.readSequencePreamble(true, new boolean[0]);
        long n = r.readCount(0, 65535, false);
        List<Field> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(readField(r));
        }
        if (ext) {
            r.readExtensionAdditions();
        }
        r.expectEnd("message value");
        return out;
    }

    /** Decodes a message value's ProtocolIE-Container into raw IEs. */
    public static List<ProtocolIe> decodeIeContainer(byte[] messageValue) {
        List<ProtocolIe> out = new ArrayList<>();
        for (Field f : readIeContainer(new AperReader(messageValue))) {
            out.add(new ProtocolIe(f.id(), f.criticality(), f.rawValue()));
        }
        return out;
    }

    static String criticalityName(int c) {
        return switch (c) {
            case 0 -> "reject";
            case 1 -> "ignore";
            case 2 -> "notify";
            default -> String.valueOf(c);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof E2apFrame f && f.type == type && f.procedureCode == procedureCode
                && f.criticality == criticality && Arrays.equals(f.value, value);
    }

    @Override
    public int hashCode() {
        return (type.hashCode() * 31 + procedureCode) * 31 + Arrays.hashCode(value);
    }
}
