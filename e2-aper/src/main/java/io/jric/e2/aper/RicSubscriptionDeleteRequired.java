package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.RicRequestId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RICsubscriptionDeleteRequired (procedure 12, class 2, node to RIC): the subscriptions the node wants the
 * RIC to delete (each with a RIC Subscription Delete procedure of its own), with why.
 */
public record RicSubscriptionDeleteRequired(List<Item> subscriptions) {

    /** RICsubscription-withCause-Item. */
    public record Item(RicRequestId requestId, int ranFunctionId, Cause cause) {
    }

    /** maxofRICrequestID. */
    static final int MAX_ITEMS = 1024;

    public RicSubscriptionDeleteRequired {
        subscriptions = List.copyOf(subscriptions);
    }

    public byte[] encode() {
        IeCodec.Enc e = new IeCodec.Enc(Map.of());
        e.list(RIC_SUBSCRIPTION_TO_BE_REMOVED, IGNORE, RIC_SUBSCRIPTION_WITH_CAUSE_ITEM, IGNORE, 1, MAX_ITEMS, subscriptions, (w, it) -> {
            w.writeSequencePreamble(true, false);
            E2apIes.writeRicRequestId(w, it.requestId());
            E2apIes.writeRanFunctionId(w, it.ranFunctionId());
            E2apIes.writeCause(w, it.cause());
        });
        return e.encode();
    }

    public E2apFrame frame() {
        return new E2apFrame(E2apFrame.Type.INITIATING_MESSAGE, PROC_RIC_SUBSCRIPTION_DELETE_REQUIRED, IGNORE, encode());
    }

    public static RicSubscriptionDeleteRequired decode(byte[] value) {
        IeCodec.Dec d = new IeCodec.Dec(value, "RICsubscriptionDeleteRequired", new HashMap<>(), new ArrayList<>());
        List<Item> items = d.req(RIC_SUBSCRIPTION_TO_BE_REMOVED, r -> d.list(r, RIC_SUBSCRIPTION_WITH_CAUSE_ITEM, 1, MAX_ITEMS, x -> {
            boolean ext = x.readSequencePreamble(true, new boolean[0]);
            RicRequestId id = E2apIes.readRicRequestId(x);
            int fn = E2apIes.readRanFunctionId(x);
            Cause c = E2apIes.readCause(x);
            E2apIes.skipExtensions(x, ext);
            return new Item(id, fn, c);
        }));
        return new RicSubscriptionDeleteRequired(items);
    }
}
