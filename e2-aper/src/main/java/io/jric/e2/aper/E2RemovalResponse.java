package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/** E2RemovalResponse (E2 Removal, procedure 13, successful outcome); the optional CriticalityDiagnostics is read and not kept. */
public record E2RemovalResponse(int transactionId) {

    public byte[] encode() {
        IeCodec.Enc e = new IeCodec.Enc(Map.of());
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, transactionId));
        return e.encode();
    }

    public E2apFrame frame() {
        return new E2apFrame(E2apFrame.Type.SUCCESSFUL_OUTCOME, PROC_E2_REMOVAL, REJECT, encode());
    }

    public static E2RemovalResponse decode(byte[] value) {
        IeCodec.Dec d = new IeCodec.Dec(value, "E2RemovalResponse", new HashMap<>(), new ArrayList<>());
        int tid = d.req(TRANSACTION_ID, E2apIes::readTransactionId);
        d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics);
        return new E2RemovalResponse(tid);
    }
}
