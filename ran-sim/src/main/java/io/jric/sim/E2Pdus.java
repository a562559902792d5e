package io.jric.sim;

import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;

/** Small helpers to wrap E2AP messages in PDUs and to build causes (package-private). */
final class E2Pdus {
    private E2Pdus() {}

    static E2apPdu initiating(InitiatingMessage.Builder m) {
        return E2apPdu.newBuilder().setInitiatingMessage(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    static E2apPdu successful(SuccessfulOutcome.Builder m) {
        return E2apPdu.newBuilder().setSuccessfulOutcome(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    static E2apPdu unsuccessful(UnsuccessfulOutcome.Builder m) {
        return E2apPdu.newBuilder().setUnsuccessfulOutcome(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    static Cause ricRequest(CauseRicRequest c) {
        return Cause.newBuilder().setRicRequest(c).build();
    }

    static Cause protocol(CauseProtocol c) {
        return Cause.newBuilder().setProtocol(c).build();
    }

    /** A short name of what a PDU carries, for logs and error details. */
    static String describe(E2apPdu pdu) {
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE:
                return "initiating/" + pdu.getInitiatingMessage().getValueCase();
            case SUCCESSFUL_OUTCOME:
                return "successful/" + pdu.getSuccessfulOutcome().getValueCase();
            case UNSUCCESSFUL_OUTCOME:
                return "unsuccessful/" + pdu.getUnsuccessfulOutcome().getValueCase();
            default:
                return "empty PDU";
        }
    }
}
