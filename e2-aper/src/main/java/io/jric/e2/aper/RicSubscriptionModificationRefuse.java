package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.RicRequestId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * RICsubscriptionModificationRefuse (procedure 15, unsuccessful outcome, RIC to node): the RIC does not
 * take the modification the node required. The optional CriticalityDiagnostics is read and not kept.
 */
public record RicSubscriptionModificationRefuse(RicRequestId requestId, int ranFunctionId, Cause cause) {

    public byte[] encode() {
        IeCodec.Enc e = new IeCodec.Enc(Map.of());
        e.add(RIC_REQUEST_ID, REJECT, w -> E2apIes.writeRicRequestId(w, requestId));
        e.add(RAN_FUNCTION_ID, REJECT, w -> E2apIes.writeRanFunctionId(w, ranFunctionId));
        e.add(CAUSE, REJECT, w -> E2apIes.writeCause(w, cause));
        return e.encode();
    }

    public E2apFrame frame() {
        return new E2apFrame(E2apFrame.Type.UNSUCCESSFUL_OUTCOME, PROC_RIC_SUBSCRIPTION_MODIFICATION_REQUIRED, REJECT, encode());
    }

    public static RicSubscriptionModificationRefuse decode(byte[] value) {
        IeCodec.Dec d = new IeCodec.Dec(value, "RICsubscriptionModificationRefuse", new HashMap<>(), new ArrayList<>());
        RicRequestId id = d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId);
        int fn = d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId);
        Cause c = d.req(CAUSE, E2apIes::readCause);
        d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics);
        return new RicSubscriptionModificationRefuse(id, fn, c);
    }
}
