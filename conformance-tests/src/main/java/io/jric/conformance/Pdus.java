package io.jric.conformance;

import com.google.protobuf.ByteString;
import com.google.protobuf.TextFormat;
import io.jric.api.e2.ServiceModels;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.GlobalE2NodeGnbId;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.GlobalGnbId;
import io.jric.proto.e2.v1.GlobalRicId;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicActionToBeSetupItem;
import io.jric.proto.e2.v1.RicActionType;
import io.jric.proto.e2.v1.RicControlAckRequest;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicControlStatus;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicIndicationType;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionDeleteResponse;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmActionDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmEventTriggerDefinition;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationHeader;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.util.function.Predicate;

/** E2AP PDU builders, predicates and the text form used in transcripts. */
public final class Pdus {
    /** RAN function ids the harness's emulated nodes offer. */
    public static final int KPM_FUNCTION = 2;
    public static final int RC_FUNCTION = 3;
    /** A RAN function id no node offers (for the unknown-function cases). */
    public static final int UNKNOWN_FUNCTION = 99;
    public static final String UNKNOWN_OID = "1.3.6.1.4.1.99999.0.0.0.1";

    private Pdus() {}

    // ------------------------------------------------------------------ text form

    /** {@code successfulOutcome/E2_SETUP_RESPONSE}, or {@code empty E2AP-PDU}. */
    public static String name(E2apPdu p) {
        return switch (p.getPduCase()) {
            case INITIATING_MESSAGE -> "initiatingMessage/" + p.getInitiatingMessage().getValueCase();
            case SUCCESSFUL_OUTCOME -> "successfulOutcome/" + p.getSuccessfulOutcome().getValueCase();
            case UNSUCCESSFUL_OUTCOME -> "unsuccessfulOutcome/" + p.getUnsuccessfulOutcome().getValueCase();
            default -> "empty E2AP-PDU";
        };
    }

    /** The name and every field, on one line (payload octets escaped). */
    public static String text(E2apPdu p) {
        return name(p) + " { " + TextFormat.printer().shortDebugString(p) + " }";
    }

    // ------------------------------------------------------------------ predicates

    public static Predicate<E2apPdu> setupResponse() {
        return p -> p.getSuccessfulOutcome().hasE2SetupResponse();
    }

    public static Predicate<E2apPdu> setupFailure() {
        return p -> p.getUnsuccessfulOutcome().hasE2SetupFailure();
    }

    public static Predicate<E2apPdu> setupAnswer() {
        return setupResponse().or(setupFailure());
    }

    public static Predicate<E2apPdu> setupRequest() {
        return p -> p.getInitiatingMessage().hasE2SetupRequest();
    }

    public static Predicate<E2apPdu> errorIndication() {
        return p -> p.getInitiatingMessage().hasErrorIndication();
    }

    public static Predicate<E2apPdu> subscriptionRequest() {
        return p -> p.getInitiatingMessage().hasRicSubscriptionRequest();
    }

    public static Predicate<E2apPdu> subscriptionDeleteRequest() {
        return p -> p.getInitiatingMessage().hasRicSubscriptionDeleteRequest();
    }

    public static Predicate<E2apPdu> controlRequest() {
        return p -> p.getInitiatingMessage().hasRicControlRequest();
    }

    public static Predicate<E2apPdu> indication() {
        return p -> p.getInitiatingMessage().hasRicIndication();
    }

    public static Predicate<E2apPdu> subscriptionAnswer(RicRequestId id) {
        return p -> (p.getSuccessfulOutcome().hasRicSubscriptionResponse()
                && p.getSuccessfulOutcome().getRicSubscriptionResponse().getRicRequestId().equals(id))
                || (p.getUnsuccessfulOutcome().hasRicSubscriptionFailure()
                && p.getUnsuccessfulOutcome().getRicSubscriptionFailure().getRicRequestId().equals(id));
    }

    public static Predicate<E2apPdu> deleteAnswer(RicRequestId id) {
        return p -> (p.getSuccessfulOutcome().hasRicSubscriptionDeleteResponse()
                && p.getSuccessfulOutcome().getRicSubscriptionDeleteResponse().getRicRequestId().equals(id))
                || (p.getUnsuccessfulOutcome().hasRicSubscriptionDeleteFailure()
                && p.getUnsuccessfulOutcome().getRicSubscriptionDeleteFailure().getRicRequestId().equals(id));
    }

    public static Predicate<E2apPdu> controlAnswer(RicRequestId id) {
        return p -> (p.getSuccessfulOutcome().hasRicControlAcknowledge()
                && p.getSuccessfulOutcome().getRicControlAcknowledge().getRicRequestId().equals(id))
                || (p.getUnsuccessfulOutcome().hasRicControlFailure()
                && p.getUnsuccessfulOutcome().getRicControlFailure().getRicRequestId().equals(id));
    }

    public static Predicate<E2apPdu> indicationFor(RicRequestId id) {
        return p -> p.getInitiatingMessage().hasRicIndication()
                && p.getInitiatingMessage().getRicIndication().getRicRequestId().equals(id);
    }

    public static String requestId(RicRequestId id) {
        return id.getRicRequestorId() + "/" + id.getRicInstanceId();
    }

    /** {@code ricRequest: REQUEST_ID_UNKNOWN}-like text of a cause. */
    public static String cause(Cause c) {
        return switch (c.getCauseCase()) {
            case RIC_REQUEST -> "ricRequest " + c.getRicRequest();
            case RIC_SERVICE -> "ricService " + c.getRicService();
            case E2_NODE -> "e2Node " + c.getE2Node();
            case TRANSPORT -> "transport " + c.getTransport();
            case PROTOCOL -> "protocol " + c.getProtocol();
            case MISC -> "misc " + c.getMisc();
            default -> "(no cause)";
        };
    }

    // ------------------------------------------------------------------ wrapping

    public static E2apPdu initiating(InitiatingMessage.Builder m) {
        return E2apPdu.newBuilder().setInitiatingMessage(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    public static E2apPdu successful(SuccessfulOutcome.Builder m) {
        return E2apPdu.newBuilder().setSuccessfulOutcome(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    public static E2apPdu unsuccessful(UnsuccessfulOutcome.Builder m) {
        return E2apPdu.newBuilder().setUnsuccessfulOutcome(m.setCriticality(Criticality.CRITICALITY_REJECT)).build();
    }

    // ------------------------------------------------------------------ node side

    /** PLMN from {@code MCCMNC} digits ({@code 00101}, {@code 310410}). */
    public static PlmnIdentity plmn(String digits) {
        if (!digits.matches("\\d{5,6}")) throw new IllegalArgumentException("PLMN: '" + digits + "' (expected: MCC+MNC digits, e.g. 00101)");
        return E2Ids.plmn(digits.substring(0, 3), digits.substring(3));
    }

    public static GlobalE2NodeId gnb(PlmnIdentity plmn, long gnbId) {
        return GlobalE2NodeId.newBuilder().setGnb(GlobalE2NodeGnbId.newBuilder().setGlobalGnbId(GlobalGnbId.newBuilder()
                .setPlmnIdentity(plmn).setGnbId(BitString.newBuilder().setValue(gnbId).setLength(22)))).build();
    }

    public static NrCgi cell(PlmnIdentity plmn, long nci) {
        return NrCgi.newBuilder().setPlmnIdentity(plmn.getValue()).setNrCellIdentity(nci).build();
    }

    public static RanFunctionItem kpmFunction(NrCgi... cells) {
        KpmRanFunctionDefinition.Builder d = KpmRanFunctionDefinition.newBuilder().setRanFunctionShortName("ORAN-E2SM-KPM")
                .setRanFunctionE2SmOid(ServiceModels.KPM_OID).setMinReportingPeriodMs(10);
        for (NrCgi c : cells) d.addCells(c);
        return RanFunctionItem.newBuilder().setRanFunctionId(KPM_FUNCTION).setRanFunctionRevision(1)
                .setRanFunctionOid(ServiceModels.KPM_OID).setRanFunctionDefinition(d.build().toByteString()).build();
    }

    public static RanFunctionItem rcFunction() {
        return RanFunctionItem.newBuilder().setRanFunctionId(RC_FUNCTION).setRanFunctionRevision(1)
                .setRanFunctionOid(ServiceModels.RC_OID).build();
    }

    public static RanFunctionItem unknownFunction() {
        return RanFunctionItem.newBuilder().setRanFunctionId(UNKNOWN_FUNCTION).setRanFunctionRevision(1)
                .setRanFunctionOid(UNKNOWN_OID).build();
    }

    public static E2apPdu setupRequest(int transactionId, GlobalE2NodeId node, RanFunctionItem... functions) {
        E2SetupRequest.Builder r = E2SetupRequest.newBuilder().setTransactionId(transactionId).setGlobalE2NodeId(node);
        for (RanFunctionItem f : functions) r.addRanFunctions(f);
        return initiating(InitiatingMessage.newBuilder().setE2SetupRequest(r));
    }

    public static E2apPdu indication(RicRequestId id, int ranFunction, int actionId, int sn, NrCgi cell) {
        KpmIndicationHeader h = KpmIndicationHeader.newBuilder().setCollectionStartTimeMs(System.currentTimeMillis())
                .setSenderName("jric-conformance").build();
        KpmIndicationMessage m = KpmIndicationMessage.newBuilder().addCells(CellMeasurement.newBuilder().setCell(cell)
                .setPrbUsedDlPct(40f).setActiveUes(3).setTxPowerDbm(43f)).build();
        return initiating(InitiatingMessage.newBuilder().setRicIndication(RicIndication.newBuilder()
                .setRicRequestId(id).setRanFunctionId(ranFunction).setRicActionId(actionId).setRicIndicationSn(sn & 0xFFFF)
                .setRicIndicationType(RicIndicationType.RIC_INDICATION_TYPE_REPORT)
                .setRicIndicationHeader(h.toByteString()).setRicIndicationMessage(m.toByteString())));
    }

    public static E2apPdu subscriptionResponse(RicSubscriptionRequest req) {
        RicSubscriptionResponse.Builder r = RicSubscriptionResponse.newBuilder().setRicRequestId(req.getRicRequestId())
                .setRanFunctionId(req.getRanFunctionId());
        for (RicActionToBeSetupItem a : req.getRicSubscriptionDetails().getRicActionsToBeSetupList()) {
            r.addRicActionsAdmitted(a.getRicActionId());
        }
        return successful(SuccessfulOutcome.newBuilder().setRicSubscriptionResponse(r));
    }

    public static E2apPdu subscriptionFailure(RicSubscriptionRequest req, CauseRicRequest cause) {
        return unsuccessful(UnsuccessfulOutcome.newBuilder().setRicSubscriptionFailure(RicSubscriptionFailure.newBuilder()
                .setRicRequestId(req.getRicRequestId()).setRanFunctionId(req.getRanFunctionId())
                .setCause(Cause.newBuilder().setRicRequest(cause))));
    }

    public static E2apPdu deleteResponse(RicSubscriptionDeleteRequest req) {
        return successful(SuccessfulOutcome.newBuilder().setRicSubscriptionDeleteResponse(RicSubscriptionDeleteResponse.newBuilder()
                .setRicRequestId(req.getRicRequestId()).setRanFunctionId(req.getRanFunctionId())));
    }

    public static E2apPdu controlAck(RicControlRequest req, String detail) {
        return successful(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(RicControlAcknowledge.newBuilder()
                .setRicRequestId(req.getRicRequestId()).setRanFunctionId(req.getRanFunctionId())
                .setRicControlStatus(RicControlStatus.RIC_CONTROL_STATUS_SUCCESS)
                .setRicControlOutcome(RcControlOutcome.newBuilder().setDetail(detail).build().toByteString())));
    }

    public static E2apPdu controlFailure(RicControlRequest req, CauseRicRequest cause, String detail) {
        return unsuccessful(UnsuccessfulOutcome.newBuilder().setRicControlFailure(RicControlFailure.newBuilder()
                .setRicRequestId(req.getRicRequestId()).setRanFunctionId(req.getRanFunctionId())
                .setCause(Cause.newBuilder().setRicRequest(cause))
                .setRicControlOutcome(RcControlOutcome.newBuilder().setDetail(detail).build().toByteString())));
    }

    // ------------------------------------------------------------------ RIC side

    public static E2apPdu setupResponse(E2SetupRequest req, int ricId) {
        E2SetupResponse.Builder r = E2SetupResponse.newBuilder().setTransactionId(req.getTransactionId())
                .setGlobalRicId(GlobalRicId.newBuilder().setPlmnIdentity(E2Ids.plmn("001", "01"))
                        .setRicId(BitString.newBuilder().setValue(ricId & 0xFFFFF).setLength(20)));
        for (RanFunctionItem f : req.getRanFunctionsList()) {
            r.addRanFunctionsAccepted(RanFunctionIdItem.newBuilder().setRanFunctionId(f.getRanFunctionId())
                    .setRanFunctionRevision(f.getRanFunctionRevision()));
        }
        return successful(SuccessfulOutcome.newBuilder().setE2SetupResponse(r));
    }

    public static RicRequestId rid(int requestor, int instance) {
        return RicRequestId.newBuilder().setRicRequestorId(requestor).setRicInstanceId(instance).build();
    }

    /** A KPM REPORT subscription: one action, style 1 (cell) or 4 (cell and UE), at {@code periodMs}. */
    public static E2apPdu kpmSubscription(RicRequestId id, int ranFunction, int periodMs, int style) {
        RicSubscriptionDetails d = RicSubscriptionDetails.newBuilder()
                .setRicEventTriggerDefinition(KpmEventTriggerDefinition.newBuilder().setReportingPeriodMs(periodMs).build().toByteString())
                .addRicActionsToBeSetup(RicActionToBeSetupItem.newBuilder().setRicActionId(1)
                        .setRicActionType(RicActionType.RIC_ACTION_TYPE_REPORT)
                        .setRicActionDefinition(KpmActionDefinition.newBuilder().setRicStyleType(style)
                                .setGranularityPeriodMs(periodMs).build().toByteString()))
                .build();
        return initiating(InitiatingMessage.newBuilder().setRicSubscriptionRequest(RicSubscriptionRequest.newBuilder()
                .setRicRequestId(id).setRanFunctionId(ranFunction).setRicSubscriptionDetails(d)));
    }

    public static E2apPdu subscriptionDelete(RicRequestId id, int ranFunction) {
        return initiating(InitiatingMessage.newBuilder().setRicSubscriptionDeleteRequest(RicSubscriptionDeleteRequest.newBuilder()
                .setRicRequestId(id).setRanFunctionId(ranFunction)));
    }

    /** An E2SM-RC Tx power control for a cell, asking for an acknowledgement. */
    public static E2apPdu txPowerControl(RicRequestId id, int ranFunction, NrCgi cell, float dbm) {
        return control(id, ranFunction, RcControlHeader.newBuilder().setRicStyleType(2).setControlActionId(3).build().toByteString(),
                RcControlMessage.newBuilder().setTxPower(TxPowerControl.newBuilder().setCell(cell).setTxPowerDbm(dbm)).build().toByteString());
    }

    public static E2apPdu control(RicRequestId id, int ranFunction, ByteString header, ByteString message) {
        return initiating(InitiatingMessage.newBuilder().setRicControlRequest(RicControlRequest.newBuilder()
                .setRicRequestId(id).setRanFunctionId(ranFunction).setRicControlHeader(header).setRicControlMessage(message)
                .setRicControlAckRequest(RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK)));
    }

    public static E2apPdu errorIndication(Cause cause, String detail) {
        return initiating(InitiatingMessage.newBuilder().setErrorIndication(ErrorIndication.newBuilder().setCause(cause).setDetail(detail)));
    }
}
