package io.jric.e2.aper;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One ProtocolIE-Field as it is on the wire: its id, its criticality (0 reject, 1 ignore, 2 notify) and
 * the complete encoding of its value (the open type's contents). Unknown IEs, and IEs the protobuf model
 * has no field for, are handed to the caller in this form so it can act by their criticality.
 */
public record ProtocolIe(int id, int criticality, byte[] value) {
    public ProtocolIe {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProtocolIe p && p.id == id && p.criticality == criticality && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id + criticality) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "ProtocolIe[id=" + id + ", criticality=" + E2apFrame.criticalityName(criticality) + ", value="
                + HexFormat.of().formatHex(value) + "]";
    }
}
