package io.jric.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RicActionNotAdmittedItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicIndicationType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDeleteFailure;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionDeleteResponse;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The E2SM-KPM subscriptions of one node: admission of RIC Subscription Requests, deletion, and the
 * periodic reports driven by simulated time (package-private; thread-safe).
 */
final class KpmSubscriptions {
    private static final int MAX_ACTIONS = 16;
    /** Reports a subscription may catch up in one call before skipping ahead. */
    private static final int MAX_CATCH_UP = 100;

    private final RanModel model;
    private final int gnbIndex;
    private final int kpmFunctionId;
    private final int rcFunctionId;
    private final int minPeriodMs;
    private final String senderName;
    private final Map<Long, Subscription> subs = new LinkedHashMap<>();  // creation order

    KpmSubscriptions(RanModel model, int gnbIndex, int kpmFunctionId, int rcFunctionId, int minPeriodMs) {
        this.model = model;
        this.gnbIndex = gnbIndex;
        this.kpmFunctionId = kpmFunctionId;
        this.rcFunctionId = rcFunctionId;
        this.minPeriodMs = minPeriodMs;
        this.senderName = model.nodeId(gnbIndex);
    }

    private static final class Action {
        final int actionId;
        final int style;
        final List<String> cellIds;
        final long granularityMs;
        final PeriodCursor cursor;
        int sn;

        Action(int actionId, int style, List<String> cellIds, long granularityMs, PeriodCursor cursor) {
            this.actionId = actionId;
            this.style = style;
            this.cellIds = cellIds;
            this.granularityMs = granularityMs;
            this.cursor = cursor;
        }
    }

    private static final class Subscription {
        final RicRequestId requestId;
        final int ranFunctionId;
        final long periodMs;
        final List<Action> actions;
        long nextDueMs;

        Subscription(RicRequestId requestId, int ranFunctionId, long periodMs, List<Action> actions, long nextDueMs) {
            this.requestId = requestId;
            this.ranFunctionId = ranFunctionId;
            this.periodMs = periodMs;
            this.actions = actions;
            this.nextDueMs = nextDueMs;
        }
    }

    /** One report ready to send: the indication and the simulated time its period started. */
    record Report(RicIndication indication, long periodStartMs) {}

    private static long key(RicRequestId id) {
        return ((long) id.getRicRequestorId() << 32) | (id.getRicInstanceId() & 0xFFFFFFFFL);
    }

    /** Admits or rejects a subscription; returns the RicSubscriptionResponse or RicSubscriptionFailure. */
    synchronized E2apPdu subscribe(RicSubscriptionRequest req) {
        int fn = req.getRanFunctionId();
        if (fn != kpmFunctionId) {
            return failure(req, E2Pdus.ricRequest(fn == rcFunctionId
                    ? CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED
                    : CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID));
        }
        if (subs.containsKey(key(req.getRicRequestId()))) {
            return failure(req, E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_ACTION));
        }
        KpmEventTriggerDefinition trigger;
        try {
            trigger = KpmEventTriggerDefinition.parseFrom(req.getRicSubscriptionDetails().getRicEventTriggerDefinition());
        } catch (InvalidProtocolBufferException e) {
            return failure(req, E2Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE));
        }
        if (trigger.getReportingPeriodMs() < minPeriodMs) {
            return failure(req, E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_FUNCTION_RESOURCE_LIMIT));
        }
        List<RicActionToBeSetupItem> items = req.getRicSubscriptionDetails().getRicActionsToBeSetupList();
        if (items.isEmpty()) {
            return failure(req, E2Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE));
        }
        if (items.size() > MAX_ACTIONS) {
            return failure(req, E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_EXCESSIVE_ACTIONS));
        }
        Set<Integer> actionIds = new HashSet<>();
        for (RicActionToBeSetupItem item : items) {
            if (!actionIds.add(item.getRicActionId())) {
                return failure(req, E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_DUPLICATE_ACTION));
            }
        }
        List<Action> admitted = new ArrayList<>();
        List<RicActionNotAdmittedItem> notAdmitted = new ArrayList<>();
        for (RicActionToBeSetupItem item : items) {
            Action a = admit(item, trigger.getReportingPeriodMs());
            if (a == null) {
                notAdmitted.add(RicActionNotAdmittedItem.newBuilder().setRicActionId(item.getRicActionId())
                        .setCause(E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED)).build());
            } else {
                admitted.add(a);
            }
        }
        if (admitted.isEmpty()) {
            return failure(req, E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED));
        }
        long period = trigger.getReportingPeriodMs();
        subs.put(key(req.getRicRequestId()),
                new Subscription(req.getRicRequestId(), fn, period, admitted, model.timeMs() + period));
        RicSubscriptionResponse.Builder resp = RicSubscriptionResponse.newBuilder()
                .setRicRequestId(req.getRicRequestId())
                .setRanFunctionId(fn)
                .addAllRicActionsNotAdmitted(notAdmitted);
        for (Action a : admitted) resp.addRicActionsAdmitted(a.actionId);
        return E2Pdus.successful(SuccessfulOutcome.newBuilder().setRicSubscriptionResponse(resp));
    }

    /** A REPORT action with a decodable style 1 or 4 definition over this node's cells, or null. */
    private Action admit(RicActionToBeSetupItem item, long periodMs) {
        if (item.getRicActionType() != RicActionType.RIC_ACTION_TYPE_REPORT) return null;
        KpmActionDefinition def;
        try {
            def = item.hasRicActionDefinition()
                    ? KpmActionDefinition.parseFrom(item.getRicActionDefinition())
                    : KpmActionDefinition.getDefaultInstance();
        } catch (InvalidProtocolBufferException e) {
            return null;
        }
        int style = def.getRicStyleType() == 0 ? 1 : def.getRicStyleType();
        if (style != 1 && style != 4) return null;
        List<String> own = model.cellIds(gnbIndex);
        List<String> cells = new ArrayList<>();
        if (def.getCellFilterCount() == 0) {
            cells.addAll(own);
        } else {
            for (NrCgi cgi : def.getCellFilterList()) {
                String id = E2Ids.cellId(cgi);
                if (!own.contains(id)) return null;
                if (!cells.contains(id)) cells.add(id);
            }
        }
        long granularity = def.getGranularityPeriodMs() > 0 ? def.getGranularityPeriodMs() : periodMs;
        return new Action(item.getRicActionId(), style, List.copyOf(cells), granularity, model.newCursor());
    }

    private static E2apPdu failure(RicSubscriptionRequest req, Cause cause) {
        return E2Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicSubscriptionFailure(
                RicSubscriptionFailure.newBuilder().setRicRequestId(req.getRicRequestId())
                        .setRanFunctionId(req.getRanFunctionId()).setCause(cause)));
    }

    /** Deletes a subscription; returns the RicSubscriptionDeleteResponse or RicSubscriptionDeleteFailure. */
    synchronized E2apPdu delete(RicSubscriptionDeleteRequest req) {
        Subscription s = subs.get(key(req.getRicRequestId()));
        if (s == null || s.ranFunctionId != req.getRanFunctionId()) {
            return E2Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicSubscriptionDeleteFailure(
                    RicSubscriptionDeleteFailure.newBuilder().setRicRequestId(req.getRicRequestId())
                            .setRanFunctionId(req.getRanFunctionId())
                            .setCause(E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_REQUEST_ID_UNKNOWN))));
        }
        subs.remove(key(req.getRicRequestId()));
        return E2Pdus.successful(SuccessfulOutcome.newBuilder().setRicSubscriptionDeleteResponse(
                RicSubscriptionDeleteResponse.newBuilder().setRicRequestId(req.getRicRequestId())
                        .setRanFunctionId(req.getRanFunctionId())));
    }

    /** Drops every subscription (reset or association loss). */
    synchronized void clear() {
        subs.clear();
    }

    synchronized int size() {
        return subs.size();
    }

    /**
     * The reports due at simulated time {@code nowMs}: one per admitted action for every reporting
     * period that ended since the last call, in subscription order.
     */
    synchronized List<Report> due(long nowMs, long epochBaseMs) {
        List<Report> out = null;
        for (Subscription s : subs.values()) {
            if (s.nextDueMs > nowMs) continue;
            if ((nowMs - s.nextDueMs) / s.periodMs > MAX_CATCH_UP) {
                s.nextDueMs += ((nowMs - s.nextDueMs) / s.periodMs - MAX_CATCH_UP) * s.periodMs;
            }
            while (s.nextDueMs <= nowMs) {
                long start = s.nextDueMs - s.periodMs;
                for (Action a : s.actions) {
                    if (out == null) out = new ArrayList<>();
                    out.add(new Report(report(s, a, start, epochBaseMs), start));
                }
                s.nextDueMs += s.periodMs;
            }
        }
        return out == null ? List.of() : out;
    }

    private RicIndication report(Subscription s, Action a, long startMs, long epochBaseMs) {
        KpmIndicationHeader header = KpmIndicationHeader.newBuilder()
                .setCollectionStartTimeMs(epochBaseMs + startMs)
                .setFileFormatVersion("1.0")
                .setSenderName(senderName)
                .setSenderType("gNB")
                .setVendorName("jRIC-sim")
                .setGranularityPeriodMs(a.granularityMs)
                .build();
        int sn = a.sn;
        a.sn = (a.sn + 1) & 0xFFFF;
        return RicIndication.newBuilder()
                .setRicRequestId(s.requestId)
                .setRanFunctionId(s.ranFunctionId)
                .setRicActionId(a.actionId)
                .setRicIndicationSn(sn)
                .setRicIndicationType(RicIndicationType.RIC_INDICATION_TYPE_REPORT)
                .setRicIndicationHeader(header.toByteString())
                .setRicIndicationMessage(model.indication(a.cursor, a.cellIds, a.style == 4).toByteString())
                .build();
    }
}
