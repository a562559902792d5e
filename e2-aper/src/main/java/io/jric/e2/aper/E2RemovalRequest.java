package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * E2RemovalRequest (E2 Removal, procedure 13, initiating message): the node (or the RIC) asks to release
 * the E2 interface. The protobuf model has no E2 Removal yet, so this typed form lives at the APER edge.
 */
public record E2RemovalRequest(int transactionId) {

    public byte[] encode() {
        IeCodec.Enc e = new IeCodec.Enc(Map.of());
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, transactionId));
        return e.encode();
    }

    public E2apFrame frame() {
        return new E2apFrame(E2apFrame.Type.INITIATING_MESSAGE, PROC_E2_REMOVAL, REJECT, encode());
    }

    /** Decodes the message value (the open type's contents of the frame); AperException with the bit position on bad bytes. */
    public static E2RemovalRequest decode(byte[] value) {
        IeCodec.Dec d = new IeCodec.Dec(value, "E2RemovalRequest", new HashMap<>(), new ArrayList<>());
        return new E2RemovalRequest(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
    }
}
