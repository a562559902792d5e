package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.RicRequestId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RICsubscriptionModificationRequired (procedure 15, initiating message, node to RIC): actions of a
 * subscription the node needs modified (with a RICtimeToWait) or removed (with a cause).
 */
public record RicSubscriptionModificationRequired(RicRequestId requestId, int ranFunctionId, List<ActionToModify> toModify,
                                                  List<ActionToRemove> toRemove) {

    /** RICaction-RequiredToBeModified-Item; timeToWait is the RICtimeToWait index (0 = w1ms .. 16 = w60s). */
    public record ActionToModify(int actionId, int timeToWait) {
    }

    /** RICaction-RequiredToBeRemoved-Item. */
    public record ActionToRemove(int actionId, Cause cause) {
    }

    /** maxofRICactionID. */
    static final int MAX_ACTIONS = 16;
    /** RICtimeToWait's root values (w1ms .. w60s). */
    static final int TIME_TO_WAIT_ROOTS = 17;

    public RicSubscriptionModificationRequired {
        toModify = List.copyOf(toModify);
        toRemove = List.copyOf(toRemove);
    }

    public byte[] encode() {
        IeCodec.Enc e = new IeCodec.Enc(Map.of());
        e.add(RIC_REQUEST_ID, REJECT, w -> E2apIes.writeRicRequestId(w, requestId));
        e.add(RAN_FUNCTION_ID, REJECT, w -> E2apIes.writeRanFunctionId(w, ranFunctionId));
        if (!toModify.isEmpty()) {
            e.list(RIC_ACTIONS_REQUIRED_TO_BE_MODIFIED_LIST, IGNORE, RIC_ACTION_REQUIRED_TO_BE_MODIFIED_ITEM, IGNORE, 0, MAX_ACTIONS,
                    toModify, (w, a) -> {
                        w.writeSequencePreamble(true, false);
                        w.writeConstrainedWholeNumber(a.actionId(), 0, 255);
                        E2apIes.writeEnum(w, a.timeToWait(), TIME_TO_WAIT_ROOTS, "RICtimeToWait");
                    });
        }
        if (!toRemove.isEmpty()) {
            e.list(RIC_ACTIONS_REQUIRED_TO_BE_REMOVED_LIST, IGNORE, RIC_ACTION_REQUIRED_TO_BE_REMOVED_ITEM, IGNORE, 0, MAX_ACTIONS,
                    toRemove, (w, a) -> {
                        w.writeSequencePreamble(true, false);
                        w.writeConstrainedWholeNumber(a.actionId(), 0, 255);
                        E2apIes.writeCause(w, a.cause());
                    });
        }
        return e.encode();
    }

    public E2apFrame frame() {
        return new E2apFrame(E2apFrame.Type.INITIATING_MESSAGE, PROC_RIC_SUBSCRIPTION_MODIFICATION_REQUIRED, REJECT, encode());
    }

    public static RicSubscriptionModificationRequired decode(byte[] value) {
        IeCodec.Dec d = new IeCodec.Dec(value, "RICsubscriptionModificationRequired", new HashMap<>(), new ArrayList<>());
        RicRequestId id = d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId);
        int fn = d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId);
        List<ActionToModify> mod = d.opt(RIC_ACTIONS_REQUIRED_TO_BE_MODIFIED_LIST, r -> d.list(r, RIC_ACTION_REQUIRED_TO_BE_MODIFIED_ITEM, 0,
                MAX_ACTIONS, x -> {
                    boolean ext = x.readSequencePreamble(true, new boolean[0]);
                    int action = (int) x.readConstrainedWholeNumber(0, 255);
                    int ttw = x.readEnumerated(TIME_TO_WAIT_ROOTS, true);
                    E2apIes.skipExtensions(x, ext);
                    return new ActionToModify(action, ttw);
                }));
        List<ActionToRemove> rem = d.opt(RIC_ACTIONS_REQUIRED_TO_BE_REMOVED_LIST, r -> d.list(r, RIC_ACTION_REQUIRED_TO_BE_REMOVED_ITEM, 0,
                MAX_ACTIONS, x -> {
                    boolean ext = x.readSequencePreamble(true, new boolean[0]);
                    int action = (int) x.readConstrainedWholeNumber(0, 255);
                    Cause c = E2apIes.readCause(x);
                    E2apIes.skipExtensions(x, ext);
                    return new ActionToRemove(action, c);
                }));
        return new RicSubscriptionModificationRequired(id, fn, mod == null ? List.of() : mod, rem == null ? List.of() : rem);
    }
}
