package io.jric.e2;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.CauseRicService;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;

/** Small builders and descriptions of E2AP PDUs and causes. */
final class Pdus {
    private Pdus() {}

    static Cause protocol(CauseProtocol c) {
        return Cause.newBuilder().setProtocol(c).build();
    }

    static Cause ricRequest(CauseRicRequest c) {
        return Cause.newBuilder().setRicRequest(c).build();
    }

    static Cause ricService(CauseRicService c) {
        return Cause.newBuilder().setRicService(c).build();
    }

    static Cause misc(CauseMisc c) {
        return Cause.newBuilder().setMisc(c).build();
    }

    static E2apPdu initiating(InitiatingMessage.Builder m) {
        return E2apPdu.newBuilder().setInitiatingMessage(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    static E2apPdu successful(SuccessfulOutcome.Builder m) {
        return E2apPdu.newBuilder().setSuccessfulOutcome(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    static E2apPdu unsuccessful(UnsuccessfulOutcome.Builder m) {
        return E2apPdu.newBuilder().setUnsuccessfulOutcome(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    static E2apPdu errorIndication(Cause cause, RicRequestId requestId, String detail) {
        ErrorIndication.Builder ei = ErrorIndication.newBuilder().setCause(cause).setDetail(detail);
        if (requestId != null) ei.setRicRequestId(requestId);
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                .setCriticality(Criticality.CRITICALITY_IGNORE).setErrorIndication(ei)).build();
    }

    /**
     * E.g. {@code ricRequest:REQUEST_ID_UNKNOWN}; a value this RIC does not know (a newer peer's, or a
     * corrupt one) reads {@code protocol:unknown(99)} instead of failing: the describer must never stop
     * the answer to the PDU that carried it.
     */
    static String describe(Cause c) {
        switch (c.getCauseCase()) {
            case RIC_REQUEST: return "ricRequest:" + name(c.getRicRequest(), "CAUSE_RIC_REQUEST_", c.getRicRequestValue());
            case RIC_SERVICE: return "ricService:" + name(c.getRicService(), "CAUSE_RIC_SERVICE_", c.getRicServiceValue());
            case E2_NODE: return "e2Node:" + name(c.getE2Node(), "CAUSE_E2_NODE_", c.getE2NodeValue());
            case TRANSPORT: return "transport:" + name(c.getTransport(), "CAUSE_TRANSPORT_", c.getTransportValue());
            case PROTOCOL: return "protocol:" + name(c.getProtocol(), "CAUSE_PROTOCOL_", c.getProtocolValue());
            case MISC: return "misc:" + name(c.getMisc(), "CAUSE_MISC_", c.getMiscValue());
            default: return "cause not set";
        }
    }

    private static String name(Enum<?> value, String prefix, int number) {
        String n = value.name();
        return n.startsWith(prefix) ? n.substring(prefix.length()) : "unknown(" + number + ")";
    }

    /** A short name of a PDU for logs and errors, e.g. {@code successfulOutcome/ricControlAcknowledge}. */
    static String name(E2apPdu pdu) {
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE: return "initiatingMessage/" + pdu.getInitiatingMessage().getValueCase();
            case SUCCESSFUL_OUTCOME: return "successfulOutcome/" + pdu.getSuccessfulOutcome().getValueCase();
            case UNSUCCESSFUL_OUTCOME: return "unsuccessfulOutcome/" + pdu.getUnsuccessfulOutcome().getValueCase();
            default: return "empty E2AP-PDU";
        }
    }

    static long requestKey(RicRequestId id) {
        return ((long) id.getRicRequestorId() << 32) | (id.getRicInstanceId() & 0xFFFFFFFFL);
    }

    static RicRequestId requestId(int requestor, int instance) {
        return RicRequestId.newBuilder().setRicRequestorId(requestor).setRicInstanceId(instance).build();
    }
}
