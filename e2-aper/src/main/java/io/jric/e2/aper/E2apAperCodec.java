package io.jric.e2.aper;

import static io.jric.e2.aper.IeIds.*;

import com.google.protobuf.ByteString;
import io.jric.proto.e2.v1.E2NodeConfigurationUpdate;
import io.jric.proto.e2.v1.E2NodeConfigurationUpdateAcknowledge;
import io.jric.proto.e2.v1.E2NodeConfigurationUpdateFailure;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.ResetRequest;
import io.jric.proto.e2.v1.ResetResponse;
import io.jric.proto.e2.v1.RicActionNotAdmittedItem;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicServiceQuery;
import io.jric.proto.e2.v1.RicServiceUpdate;
import io.jric.proto.e2.v1.RicServiceUpdateAcknowledge;
import io.jric.proto.e2.v1.RicServiceUpdateFailure;
import io.jric.proto.e2.v1.RicSubscriptionDeleteFailure;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionDeleteResponse;
import io.jric.proto.e2.v1.RicSubscriptionDetails;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.RicSubscriptionResponse;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * E2AP v03.01 in APER, mapped to and from the protobuf E2AP model ({@link E2apPdu}).
 *
 * <p>{@link #encode(E2apPdu)} writes each IE with the criticality E2AP assigns it; {@link #decode(byte[])}
 * returns the model together with what the model cannot hold: IEs it has no field for (unknown ones
 * included, with their id, criticality and bytes, so the caller can act by criticality), the names of
 * dropped components, and the criticalities the peer used (passing them back to
 * {@link #encode(E2apPdu, Map)} re-encodes a received PDU as it came).
 */
public final class E2apAperCodec {
    private E2apAperCodec() {
    }

    /** A decoded PDU. pdu is null when the procedure has no message in the protobuf model (the frame is still there). */
    public record Decoded(E2apFrame frame, E2apPdu pdu, List<ProtocolIe> unmappedIes, List<String> droppedComponents,
                          Map<Integer, Integer> ieCriticality) {
    }

    /** The E2AP name of a ProtocolIE-ID, or "IE <id>" for an id this codec does not know. */
    public static String ieName(int id) {
        return IeIds.name(id);
    }

    /** Whether this codec knows the ProtocolIE-ID (an IE it knows but the model has no field for is still known). */
    public static boolean knownIe(int id) {
        return !IeIds.name(id).startsWith("IE ");
    }

    /** The E2AP name of a procedure code (E2AP v03.01), or "procedure <code>". */
    public static String procedureName(int code) {
        return switch (code) {
            case 1 -> "E2 Setup";
            case 2 -> "Error Indication";
            case 3 -> "Reset";
            case 4 -> "RIC Control";
            case 5 -> "RIC Indication";
            case 6 -> "RIC Service Query";
            case 7 -> "RIC Service Update";
            case 8 -> "RIC Subscription";
            case 9 -> "RIC Subscription Delete";
            case 10 -> "E2 Node Configuration Update";
            case 11 -> "E2 Connection Update";
            case 12 -> "RIC Subscription Delete Required";
            case 13 -> "E2 Removal";
            case 14 -> "RIC Subscription Modification";
            case 15 -> "RIC Subscription Modification Required";
            case 16 -> "RIC Query";
            default -> "procedure " + code;
        };
    }

    public static byte[] encode(E2apPdu pdu) {
        return encode(pdu, Map.of());
    }

    /** Encodes with per-IE-id criticalities overriding E2AP's defaults (for example those of a decoded PDU). */
    public static byte[] encode(E2apPdu pdu, Map<Integer, Integer> ieCriticality) {
        return toFrame(pdu, ieCriticality).encode();
    }

    public static E2apFrame toFrame(E2apPdu pdu, Map<Integer, Integer> crit) {
        IeCodec.Enc e = new IeCodec.Enc(crit);
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> {
                InitiatingMessage m = pdu.getInitiatingMessage();
                int code = switch (m.getValueCase()) {
                    case E2_SETUP_REQUEST -> { e2SetupRequest(e, m.getE2SetupRequest()); yield PROC_E2_SETUP; }
                    case ERROR_INDICATION -> { errorIndication(e, m.getErrorIndication()); yield PROC_ERROR_INDICATION; }
                    case RESET_REQUEST -> { resetRequest(e, m.getResetRequest()); yield PROC_RESET; }
                    case RIC_CONTROL_REQUEST -> { controlRequest(e, m.getRicControlRequest()); yield PROC_RIC_CONTROL; }
                    case RIC_INDICATION -> { indication(e, m.getRicIndication()); yield PROC_RIC_INDICATION; }
                    case RIC_SERVICE_QUERY -> { serviceQuery(e, m.getRicServiceQuery()); yield PROC_RIC_SERVICE_QUERY; }
                    case RIC_SERVICE_UPDATE -> { serviceUpdate(e, m.getRicServiceUpdate()); yield PROC_RIC_SERVICE_UPDATE; }
                    case RIC_SUBSCRIPTION_REQUEST -> { subscriptionRequest(e, m.getRicSubscriptionRequest()); yield PROC_RIC_SUBSCRIPTION; }
                    case RIC_SUBSCRIPTION_DELETE_REQUEST -> { subDeleteRequest(e, m.getRicSubscriptionDeleteRequest()); yield PROC_RIC_SUBSCRIPTION_DELETE; }
                    case E2_NODE_CONFIGURATION_UPDATE -> { nodeConfigUpdate(e, m.getE2NodeConfigurationUpdate()); yield PROC_E2_NODE_CONFIGURATION_UPDATE; }
                    default -> throw new AperException(-1, "initiatingMessage without a message");
                };
                return new E2apFrame(E2apFrame.Type.INITIATING_MESSAGE, code, m.getCriticalityValue(), e.encode());
            }
            case SUCCESSFUL_OUTCOME -> {
                SuccessfulOutcome m = pdu.getSuccessfulOutcome();
                int code = switch (m.getValueCase()) {
                    case E2_SETUP_RESPONSE -> { e2SetupResponse(e, m.getE2SetupResponse()); yield PROC_E2_SETUP; }
                    case RESET_RESPONSE -> { resetResponse(e, m.getResetResponse()); yield PROC_RESET; }
                    case RIC_CONTROL_ACKNOWLEDGE -> { controlAck(e, m.getRicControlAcknowledge()); yield PROC_RIC_CONTROL; }
                    case RIC_SERVICE_UPDATE_ACKNOWLEDGE -> { serviceUpdateAck(e, m.getRicServiceUpdateAcknowledge()); yield PROC_RIC_SERVICE_UPDATE; }
                    case RIC_SUBSCRIPTION_RESPONSE -> { subscriptionResponse(e, m.getRicSubscriptionResponse()); yield PROC_RIC_SUBSCRIPTION; }
                    case RIC_SUBSCRIPTION_DELETE_RESPONSE -> { subDeleteResponse(e, m.getRicSubscriptionDeleteResponse()); yield PROC_RIC_SUBSCRIPTION_DELETE; }
                    case E2_NODE_CONFIGURATION_UPDATE_ACKNOWLEDGE -> { nodeConfigUpdateAck(e, m.getE2NodeConfigurationUpdateAcknowledge()); yield PROC_E2_NODE_CONFIGURATION_UPDATE; }
                    default -> throw new AperException(-1, "successfulOutcome without a message");
                };
                return new E2apFrame(E2apFrame.Type.SUCCESSFUL_OUTCOME, code, m.getCriticalityValue(), e.encode());
            }
            case UNSUCCESSFUL_OUTCOME -> {
                UnsuccessfulOutcome m = pdu.getUnsuccessfulOutcome();
                int code = switch (m.getValueCase()) {
                    case E2_SETUP_FAILURE -> { e2SetupFailure(e, m.getE2SetupFailure()); yield PROC_E2_SETUP; }
                    case RIC_CONTROL_FAILURE -> { controlFailure(e, m.getRicControlFailure()); yield PROC_RIC_CONTROL; }
                    case RIC_SERVICE_UPDATE_FAILURE -> { serviceUpdateFailure(e, m.getRicServiceUpdateFailure()); yield PROC_RIC_SERVICE_UPDATE; }
                    case RIC_SUBSCRIPTION_FAILURE -> { subscriptionFailure(e, m.getRicSubscriptionFailure()); yield PROC_RIC_SUBSCRIPTION; }
                    case RIC_SUBSCRIPTION_DELETE_FAILURE -> { subDeleteFailure(e, m.getRicSubscriptionDeleteFailure()); yield PROC_RIC_SUBSCRIPTION_DELETE; }
                    case E2_NODE_CONFIGURATION_UPDATE_FAILURE -> { nodeConfigUpdateFailure(e, m.getE2NodeConfigurationUpdateFailure()); yield PROC_E2_NODE_CONFIGURATION_UPDATE; }
                    default -> throw new AperException(-1, "unsuccessfulOutcome without a message");
                };
                return new E2apFrame(E2apFrame.Type.UNSUCCESSFUL_OUTCOME, code, m.getCriticalityValue(), e.encode());
            }
            default -> throw new AperException(-1, "E2apPdu has no message");
        }
    }

    public static Decoded decode(byte[] bytes) {
        E2apFrame.Parsed parsed = E2apFrame.parse(bytes);
        E2apFrame f = parsed.frame();
        Map<Integer, Integer> crit = new HashMap<>();
        List<String> dropped = new ArrayList<>();
        AperReader v = parsed.value();
        int c = f.criticality();
        E2apPdu pdu;
        IeCodec.Dec d;
        switch (f.type()) {
            case INITIATING_MESSAGE -> {
                InitiatingMessage.Builder b = InitiatingMessage.newBuilder().setCriticalityValue(c);
                switch (f.procedureCode()) {
                    case PROC_E2_SETUP -> { d = dec(v, "E2setupRequest", crit, dropped); b.setE2SetupRequest(e2SetupRequest(d)); }
                    case PROC_ERROR_INDICATION -> { d = dec(v, "ErrorIndication", crit, dropped); b.setErrorIndication(errorIndication(d)); }
                    case PROC_RESET -> { d = dec(v, "ResetRequest", crit, dropped); b.setResetRequest(resetRequest(d)); }
                    case PROC_RIC_CONTROL -> { d = dec(v, "RICcontrolRequest", crit, dropped); b.setRicControlRequest(controlRequest(d)); }
                    case PROC_RIC_INDICATION -> { d = dec(v, "RICindication", crit, dropped); b.setRicIndication(indication(d)); }
                    case PROC_RIC_SERVICE_QUERY -> { d = dec(v, "RICserviceQuery", crit, dropped); b.setRicServiceQuery(serviceQuery(d)); }
                    case PROC_RIC_SERVICE_UPDATE -> { d = dec(v, "RICserviceUpdate", crit, dropped); b.setRicServiceUpdate(serviceUpdate(d)); }
                    case PROC_RIC_SUBSCRIPTION -> { d = dec(v, "RICsubscriptionRequest", crit, dropped); b.setRicSubscriptionRequest(subscriptionRequest(d)); }
                    case PROC_RIC_SUBSCRIPTION_DELETE -> { d = dec(v, "RICsubscriptionDeleteRequest", crit, dropped); b.setRicSubscriptionDeleteRequest(subDeleteRequest(d)); }
                    case PROC_E2_NODE_CONFIGURATION_UPDATE -> { d = dec(v, "E2nodeConfigurationUpdate", crit, dropped); b.setE2NodeConfigurationUpdate(nodeConfigUpdate(d)); }
                    default -> { return unmodelled(f); }
                }
                pdu = E2apPdu.newBuilder().setInitiatingMessage(b).build();
            }
            case SUCCESSFUL_OUTCOME -> {
                SuccessfulOutcome.Builder b = SuccessfulOutcome.newBuilder().setCriticalityValue(c);
                switch (f.procedureCode()) {
                    case PROC_E2_SETUP -> { d = dec(v, "E2setupResponse", crit, dropped); b.setE2SetupResponse(e2SetupResponse(d)); }
                    case PROC_RESET -> { d = dec(v, "ResetResponse", crit, dropped); b.setResetResponse(resetResponse(d)); }
                    case PROC_RIC_CONTROL -> { d = dec(v, "RICcontrolAcknowledge", crit, dropped); b.setRicControlAcknowledge(controlAck(d)); }
                    case PROC_RIC_SERVICE_UPDATE -> { d = dec(v, "RICserviceUpdateAcknowledge", crit, dropped); b.setRicServiceUpdateAcknowledge(serviceUpdateAck(d)); }
                    case PROC_RIC_SUBSCRIPTION -> { d = dec(v, "RICsubscriptionResponse", crit, dropped); b.setRicSubscriptionResponse(subscriptionResponse(d)); }
                    case PROC_RIC_SUBSCRIPTION_DELETE -> { d = dec(v, "RICsubscriptionDeleteResponse", crit, dropped); b.setRicSubscriptionDeleteResponse(subDeleteResponse(d)); }
                    case PROC_E2_NODE_CONFIGURATION_UPDATE -> { d = dec(v, "E2nodeConfigurationUpdateAcknowledge", crit, dropped); b.setE2NodeConfigurationUpdateAcknowledge(nodeConfigUpdateAck(d)); }
                    default -> { return unmodelled(f); }
                }
                pdu = E2apPdu.newBuilder().setSuccessfulOutcome(b).build();
            }
            default -> {
                UnsuccessfulOutcome.Builder b = UnsuccessfulOutcome.newBuilder().setCriticalityValue(c);
                switch (f.procedureCode()) {
                    case PROC_E2_SETUP -> { d = dec(v, "E2setupFailure", crit, dropped); b.setE2SetupFailure(e2SetupFailure(d)); }
                    case PROC_RIC_CONTROL -> { d = dec(v, "RICcontrolFailure", crit, dropped); b.setRicControlFailure(controlFailure(d)); }
                    case PROC_RIC_SERVICE_UPDATE -> { d = dec(v, "RICserviceUpdateFailure", crit, dropped); b.setRicServiceUpdateFailure(serviceUpdateFailure(d)); }
                    case PROC_RIC_SUBSCRIPTION -> { d = dec(v, "RICsubscriptionFailure", crit, dropped); b.setRicSubscriptionFailure(subscriptionFailure(d)); }
                    case PROC_RIC_SUBSCRIPTION_DELETE -> { d = dec(v, "RICsubscriptionDeleteFailure", crit, dropped); b.setRicSubscriptionDeleteFailure(subDeleteFailure(d)); }
                    case PROC_E2_NODE_CONFIGURATION_UPDATE -> { d = dec(v, "E2nodeConfigurationUpdateFailure", crit, dropped); b.setE2NodeConfigurationUpdateFailure(nodeConfigUpdateFailure(d)); }
                    default -> { return unmodelled(f); }
                }
                pdu = E2apPdu.newBuilder().setUnsuccessfulOutcome(b).build();
            }
        }
        return new Decoded(f, pdu, d.rest(), List.copyOf(dropped), Map.copyOf(crit));
    }

    private static IeCodec.Dec dec(AperReader v, String name, Map<Integer, Integer> crit, List<String> dropped) {
        return new IeCodec.Dec(v, name, crit, dropped);
    }

    /** A procedure the protobuf model has no message for: its IEs are checked structurally and returned raw. */
    private static Decoded unmodelled(E2apFrame f) {
        List<ProtocolIe> ies = E2apFrame.decodeIeContainer(f.valueNoCopy());
        return new Decoded(f, null, ies, List.of(), Map.of());
    }

    // ------------------------------------------------------------------------------------------
    // E2 Setup
    // ------------------------------------------------------------------------------------------

    private static void e2SetupRequest(IeCodec.Enc e, E2SetupRequest m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        e.add(GLOBAL_E2NODE_ID, REJECT, w -> E2apIes.writeGlobalE2NodeId(w, m.getGlobalE2NodeId()));
        e.list(RAN_FUNCTIONS_ADDED, REJECT, RAN_FUNCTION_ITEM, IGNORE, 1, 256, m.getRanFunctionsList(), E2apIes::writeRanFunctionItem);
        e.list(E2NODE_COMPONENT_CONFIG_ADDITION, REJECT, E2NODE_COMPONENT_CONFIG_ADDITION_ITEM, REJECT, 1, 1024,
                m.getComponentConfigAdditionList(), E2apIes::writeComponentConfigItem);
    }

    private static E2SetupRequest e2SetupRequest(IeCodec.Dec d) {
        return E2SetupRequest.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId))
                .setGlobalE2NodeId(d.<io.jric.proto.e2.v1.GlobalE2NodeId>req(GLOBAL_E2NODE_ID, r -> E2apIes.readGlobalE2NodeId(r, d)))
                .addAllRanFunctions(d.req(RAN_FUNCTIONS_ADDED, r -> d.list(r, RAN_FUNCTION_ITEM, 1, 256, E2apIes::readRanFunctionItem)))
                .addAllComponentConfigAddition(d.req(E2NODE_COMPONENT_CONFIG_ADDITION,
                        r -> d.list(r, E2NODE_COMPONENT_CONFIG_ADDITION_ITEM, 1, 1024, E2apIes::readComponentConfigItem)))
                .build();
    }

    private static void e2SetupResponse(IeCodec.Enc e, E2SetupResponse m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        e.add(GLOBAL_RIC_ID, REJECT, w -> E2apIes.writeGlobalRicId(w, m.getGlobalRicId()));
        if (m.getRanFunctionsAcceptedCount() > 0) {
            e.list(RAN_FUNCTIONS_ACCEPTED, REJECT, RAN_FUNCTION_ID_ITEM, IGNORE, 1, 256, m.getRanFunctionsAcceptedList(), E2apIes::writeRanFunctionIdItem);
        }
        if (m.getRanFunctionsRejectedCount() > 0) {
            e.list(RAN_FUNCTIONS_REJECTED, REJECT, RAN_FUNCTION_ID_CAUSE_ITEM, IGNORE, 1, 256, m.getRanFunctionsRejectedList(), E2apIes::writeRanFunctionIdCauseItem);
        }
        e.list(E2NODE_COMPONENT_CONFIG_ADDITION_ACK, REJECT, E2NODE_COMPONENT_CONFIG_ADDITION_ACK_ITEM, REJECT, 1, 1024,
                m.getComponentConfigAdditionAckList(), E2apIes::writeComponentConfigAckItem);
    }

    private static E2SetupResponse e2SetupResponse(IeCodec.Dec d) {
        E2SetupResponse.Builder b = E2SetupResponse.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId))
                .setGlobalRicId(d.req(GLOBAL_RIC_ID, E2apIes::readGlobalRicId));
        addAll(b::addRanFunctionsAccepted, d.opt(RAN_FUNCTIONS_ACCEPTED, r -> d.list(r, RAN_FUNCTION_ID_ITEM, 1, 256, E2apIes::readRanFunctionIdItem)));
        addAll(b::addRanFunctionsRejected, d.opt(RAN_FUNCTIONS_REJECTED, r -> d.list(r, RAN_FUNCTION_ID_CAUSE_ITEM, 1, 256, E2apIes::readRanFunctionIdCauseItem)));
        b.addAllComponentConfigAdditionAck(d.req(E2NODE_COMPONENT_CONFIG_ADDITION_ACK,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_ADDITION_ACK_ITEM, 1, 1024, E2apIes::readComponentConfigAckItem)));
        return b.build();
    }

    private static void e2SetupFailure(IeCodec.Enc e, E2SetupFailure m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        e.add(CAUSE, IGNORE, w -> E2apIes.writeCause(w, m.getCause()));
        if (m.hasTimeToWait()) {
            e.add(TIME_TO_WAIT, IGNORE, w -> E2apIes.writeEnum(w, m.getTimeToWaitValue(), 6, "TimeToWait"));
        }
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static E2SetupFailure e2SetupFailure(IeCodec.Dec d) {
        E2SetupFailure.Builder b = E2SetupFailure.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId))
                .setCause(d.req(CAUSE, E2apIes::readCause));
        Integer ttw = d.opt(TIME_TO_WAIT, r -> r.readEnumerated(6, true));
        if (ttw != null) {
            b.setTimeToWaitValue(ttw);
        }
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // Reset, Error Indication
    // ------------------------------------------------------------------------------------------

    private static void resetRequest(IeCodec.Enc e, ResetRequest m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        e.add(CAUSE, IGNORE, w -> E2apIes.writeCause(w, m.getCause()));
    }

    private static ResetRequest resetRequest(IeCodec.Dec d) {
        return ResetRequest.newBuilder().setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId))
                .setCause(d.req(CAUSE, E2apIes::readCause)).build();
    }

    private static void resetResponse(IeCodec.Enc e, ResetResponse m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static ResetResponse resetResponse(IeCodec.Dec d) {
        ResetResponse.Builder b = ResetResponse.newBuilder().setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    private static void errorIndication(IeCodec.Enc e, ErrorIndication m) {
        if (m.hasTransactionId()) {
            e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        }
        if (m.hasRicRequestId()) {
            e.add(RIC_REQUEST_ID, REJECT, w -> E2apIes.writeRicRequestId(w, m.getRicRequestId()));
        }
        if (m.hasRanFunctionId()) {
            e.add(RAN_FUNCTION_ID, REJECT, w -> E2apIes.writeRanFunctionId(w, m.getRanFunctionId()));
        }
        if (m.hasCause()) {
            e.add(CAUSE, IGNORE, w -> E2apIes.writeCause(w, m.getCause()));
        }
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static ErrorIndication errorIndication(IeCodec.Dec d) {
        ErrorIndication.Builder b = ErrorIndication.newBuilder();
        ifPresent(d.opt(TRANSACTION_ID, E2apIes::readTransactionId), b::setTransactionId);
        ifPresent(d.opt(RIC_REQUEST_ID, E2apIes::readRicRequestId), b::setRicRequestId);
        ifPresent(d.opt(RAN_FUNCTION_ID, E2apIes::readRanFunctionId), b::setRanFunctionId);
        ifPresent(d.opt(CAUSE, E2apIes::readCause), b::setCause);
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // RIC Service Update / Query
    // ------------------------------------------------------------------------------------------

    private static void serviceUpdate(IeCodec.Enc e, RicServiceUpdate m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        if (m.getRanFunctionsAddedCount() > 0) {
            e.list(RAN_FUNCTIONS_ADDED, REJECT, RAN_FUNCTION_ITEM, IGNORE, 1, 256, m.getRanFunctionsAddedList(), E2apIes::writeRanFunctionItem);
        }
        if (m.getRanFunctionsModifiedCount() > 0) {
            e.list(RAN_FUNCTIONS_MODIFIED, REJECT, RAN_FUNCTION_ITEM, IGNORE, 1, 256, m.getRanFunctionsModifiedList(), E2apIes::writeRanFunctionItem);
        }
        if (m.getRanFunctionsDeletedCount() > 0) {
            e.list(RAN_FUNCTIONS_DELETED, REJECT, RAN_FUNCTION_ID_ITEM, IGNORE, 1, 256, m.getRanFunctionsDeletedList(), E2apIes::writeRanFunctionIdItem);
        }
    }

    private static RicServiceUpdate serviceUpdate(IeCodec.Dec d) {
        RicServiceUpdate.Builder b = RicServiceUpdate.newBuilder().setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
        addAll(b::addRanFunctionsAdded, d.opt(RAN_FUNCTIONS_ADDED, r -> d.list(r, RAN_FUNCTION_ITEM, 1, 256, E2apIes::readRanFunctionItem)));
        addAll(b::addRanFunctionsModified, d.opt(RAN_FUNCTIONS_MODIFIED, r -> d.list(r, RAN_FUNCTION_ITEM, 1, 256, E2apIes::readRanFunctionItem)));
        addAll(b::addRanFunctionsDeleted, d.opt(RAN_FUNCTIONS_DELETED, r -> d.list(r, RAN_FUNCTION_ID_ITEM, 1, 256, E2apIes::readRanFunctionIdItem)));
        return b.build();
    }

    private static void serviceUpdateAck(IeCodec.Enc e, RicServiceUpdateAcknowledge m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        if (m.getRanFunctionsAcceptedCount() > 0) {
            e.list(RAN_FUNCTIONS_ACCEPTED, REJECT, RAN_FUNCTION_ID_ITEM, IGNORE, 1, 256, m.getRanFunctionsAcceptedList(), E2apIes::writeRanFunctionIdItem);
        }
        if (m.getRanFunctionsRejectedCount() > 0) {
            e.list(RAN_FUNCTIONS_REJECTED, REJECT, RAN_FUNCTION_ID_CAUSE_ITEM, IGNORE, 1, 256, m.getRanFunctionsRejectedList(), E2apIes::writeRanFunctionIdCauseItem);
        }
    }

    private static RicServiceUpdateAcknowledge serviceUpdateAck(IeCodec.Dec d) {
        RicServiceUpdateAcknowledge.Builder b = RicServiceUpdateAcknowledge.newBuilder().setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
        addAll(b::addRanFunctionsAccepted, d.opt(RAN_FUNCTIONS_ACCEPTED, r -> d.list(r, RAN_FUNCTION_ID_ITEM, 1, 256, E2apIes::readRanFunctionIdItem)));
        addAll(b::addRanFunctionsRejected, d.opt(RAN_FUNCTIONS_REJECTED, r -> d.list(r, RAN_FUNCTION_ID_CAUSE_ITEM, 1, 256, E2apIes::readRanFunctionIdCauseItem)));
        return b.build();
    }

    private static void serviceUpdateFailure(IeCodec.Enc e, RicServiceUpdateFailure m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        e.add(CAUSE, REJECT, w -> E2apIes.writeCause(w, m.getCause()));
        if (m.hasTimeToWait()) {
            e.add(TIME_TO_WAIT, IGNORE, w -> E2apIes.writeEnum(w, m.getTimeToWaitValue(), 6, "TimeToWait"));
        }
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static RicServiceUpdateFailure serviceUpdateFailure(IeCodec.Dec d) {
        RicServiceUpdateFailure.Builder b = RicServiceUpdateFailure.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId))
                .setCause(d.req(CAUSE, E2apIes::readCause));
        ifPresent(d.opt(TIME_TO_WAIT, r -> r.readEnumerated(6, true)), b::setTimeToWaitValue);
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    private static void serviceQuery(IeCodec.Enc e, RicServiceQuery m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        if (m.getRanFunctionsAcceptedCount() > 0) {
            e.list(RAN_FUNCTIONS_ACCEPTED, REJECT, RAN_FUNCTION_ID_ITEM, IGNORE, 1, 256, m.getRanFunctionsAcceptedList(), E2apIes::writeRanFunctionIdItem);
        }
    }

    private static RicServiceQuery serviceQuery(IeCodec.Dec d) {
        RicServiceQuery.Builder b = RicServiceQuery.newBuilder().setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
        addAll(b::addRanFunctionsAccepted, d.opt(RAN_FUNCTIONS_ACCEPTED, r -> d.list(r, RAN_FUNCTION_ID_ITEM, 1, 256, E2apIes::readRanFunctionIdItem)));
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // E2 Node Configuration Update
    // ------------------------------------------------------------------------------------------

    private static void nodeConfigUpdate(IeCodec.Enc e, E2NodeConfigurationUpdate m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        if (m.hasGlobalE2NodeId()) {
            e.add(GLOBAL_E2NODE_ID, REJECT, w -> E2apIes.writeGlobalE2NodeId(w, m.getGlobalE2NodeId()));
        }
        if (m.getComponentConfigAdditionCount() > 0) {
            e.list(E2NODE_COMPONENT_CONFIG_ADDITION, REJECT, E2NODE_COMPONENT_CONFIG_ADDITION_ITEM, REJECT, 1, 1024,
                    m.getComponentConfigAdditionList(), E2apIes::writeComponentConfigItem);
        }
        if (m.getComponentConfigUpdateCount() > 0) {
            e.list(E2NODE_COMPONENT_CONFIG_UPDATE, REJECT, E2NODE_COMPONENT_CONFIG_UPDATE_ITEM, REJECT, 1, 1024,
                    m.getComponentConfigUpdateList(), E2apIes::writeComponentConfigItem);
        }
        if (m.getComponentConfigRemovalCount() > 0) {
            e.list(E2NODE_COMPONENT_CONFIG_REMOVAL, REJECT, E2NODE_COMPONENT_CONFIG_REMOVAL_ITEM, REJECT, 1, 1024,
                    m.getComponentConfigRemovalList(), E2apIes::writeComponentIdItem);
        }
    }

    private static E2NodeConfigurationUpdate nodeConfigUpdate(IeCodec.Dec d) {
        E2NodeConfigurationUpdate.Builder b = E2NodeConfigurationUpdate.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
        ifPresent(d.<io.jric.proto.e2.v1.GlobalE2NodeId>opt(GLOBAL_E2NODE_ID, r -> E2apIes.readGlobalE2NodeId(r, d)), b::setGlobalE2NodeId);
        addAll(b::addComponentConfigAddition, d.opt(E2NODE_COMPONENT_CONFIG_ADDITION,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_ADDITION_ITEM, 1, 1024, E2apIes::readComponentConfigItem)));
        addAll(b::addComponentConfigUpdate, d.opt(E2NODE_COMPONENT_CONFIG_UPDATE,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_UPDATE_ITEM, 1, 1024, E2apIes::readComponentConfigItem)));
        addAll(b::addComponentConfigRemoval, d.opt(E2NODE_COMPONENT_CONFIG_REMOVAL,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_REMOVAL_ITEM, 1, 1024, E2apIes::readComponentIdItem)));
        return b.build();
    }

    private static void nodeConfigUpdateAck(IeCodec.Enc e, E2NodeConfigurationUpdateAcknowledge m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        if (m.getComponentConfigAdditionAckCount() > 0) {
            e.list(E2NODE_COMPONENT_CONFIG_ADDITION_ACK, REJECT, E2NODE_COMPONENT_CONFIG_ADDITION_ACK_ITEM, REJECT, 1, 1024,
                    m.getComponentConfigAdditionAckList(), E2apIes::writeComponentConfigAckItem);
        }
        if (m.getComponentConfigUpdateAckCount() > 0) {
            e.list(E2NODE_COMPONENT_CONFIG_UPDATE_ACK, REJECT, E2NODE_COMPONENT_CONFIG_UPDATE_ACK_ITEM, REJECT, 1, 1024,
                    m.getComponentConfigUpdateAckList(), E2apIes::writeComponentConfigAckItem);
        }
        if (m.getComponentConfigRemovalAckCount() > 0) {
            e.list(E2NODE_COMPONENT_CONFIG_REMOVAL_ACK, REJECT, E2NODE_COMPONENT_CONFIG_REMOVAL_ACK_ITEM, REJECT, 1, 1024,
                    m.getComponentConfigRemovalAckList(), E2apIes::writeComponentConfigAckItem);
        }
    }

    private static E2NodeConfigurationUpdateAcknowledge nodeConfigUpdateAck(IeCodec.Dec d) {
        E2NodeConfigurationUpdateAcknowledge.Builder b = E2NodeConfigurationUpdateAcknowledge.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId));
        addAll(b::addComponentConfigAdditionAck, d.opt(E2NODE_COMPONENT_CONFIG_ADDITION_ACK,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_ADDITION_ACK_ITEM, 1, 1024, E2apIes::readComponentConfigAckItem)));
        addAll(b::addComponentConfigUpdateAck, d.opt(E2NODE_COMPONENT_CONFIG_UPDATE_ACK,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_UPDATE_ACK_ITEM, 1, 1024, E2apIes::readComponentConfigAckItem)));
        addAll(b::addComponentConfigRemovalAck, d.opt(E2NODE_COMPONENT_CONFIG_REMOVAL_ACK,
                r -> d.list(r, E2NODE_COMPONENT_CONFIG_REMOVAL_ACK_ITEM, 1, 1024, E2apIes::readComponentConfigAckItem)));
        return b.build();
    }

    private static void nodeConfigUpdateFailure(IeCodec.Enc e, E2NodeConfigurationUpdateFailure m) {
        e.add(TRANSACTION_ID, REJECT, w -> E2apIes.writeTransactionId(w, m.getTransactionId()));
        e.add(CAUSE, IGNORE, w -> E2apIes.writeCause(w, m.getCause()));
        if (m.hasTimeToWait()) {
            e.add(TIME_TO_WAIT, IGNORE, w -> E2apIes.writeEnum(w, m.getTimeToWaitValue(), 6, "TimeToWait"));
        }
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static E2NodeConfigurationUpdateFailure nodeConfigUpdateFailure(IeCodec.Dec d) {
        E2NodeConfigurationUpdateFailure.Builder b = E2NodeConfigurationUpdateFailure.newBuilder()
                .setTransactionId(d.req(TRANSACTION_ID, E2apIes::readTransactionId))
                .setCause(d.req(CAUSE, E2apIes::readCause));
        ifPresent(d.opt(TIME_TO_WAIT, r -> r.readEnumerated(6, true)), b::setTimeToWaitValue);
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // RIC Subscription, Subscription Delete
    // ------------------------------------------------------------------------------------------

    private static void requestAndFunction(IeCodec.Enc e, io.jric.proto.e2.v1.RicRequestId id, int fn) {
        e.add(RIC_REQUEST_ID, REJECT, w -> E2apIes.writeRicRequestId(w, id));
        e.add(RAN_FUNCTION_ID, REJECT, w -> E2apIes.writeRanFunctionId(w, fn));
    }

    private static void subscriptionRequest(IeCodec.Enc e, RicSubscriptionRequest m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        e.add(RIC_SUBSCRIPTION_DETAILS, REJECT, w -> {
            RicSubscriptionDetails s = m.getRicSubscriptionDetails();
            w.writeSequencePreamble(true, false);
            w.writeOctetString(s.getRicEventTriggerDefinition().toByteArray(), 0, -1, false);
            int n = s.getRicActionsToBeSetupCount();
            if (n < 1 || n > 16) {
                throw new AperException(w.bitPosition(), "RICactions-ToBeSetup-List of " + n + " actions outside SIZE(1..16)");
            }
            w.writeCount(n, 1, 16, false);
            for (var a : s.getRicActionsToBeSetupList()) {
                AperWriter iw = new AperWriter();
                E2apIes.writeActionToBeSetupItem(iw, a);
                E2apFrame.writeField(w, RIC_ACTION_TO_BE_SETUP_ITEM, e.crit(RIC_ACTION_TO_BE_SETUP_ITEM, IGNORE), iw.toByteArray());
            }
        });
    }

    private static RicSubscriptionRequest subscriptionRequest(IeCodec.Dec d) {
        return RicSubscriptionRequest.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId))
                .setRicSubscriptionDetails(d.<RicSubscriptionDetails>req(RIC_SUBSCRIPTION_DETAILS, r -> {
                    boolean ext = r.readSequencePreamble(true, new boolean[0]);
                    RicSubscriptionDetails.Builder b = RicSubscriptionDetails.newBuilder()
                            .setRicEventTriggerDefinition(ByteString.copyFrom(r.readOctetString(0, -1, false)));
                    b.addAllRicActionsToBeSetup(d.list(r, RIC_ACTION_TO_BE_SETUP_ITEM, 1, 16, x -> E2apIes.readActionToBeSetupItem(x, d)));
                    E2apIes.skipExtensions(r, ext);
                    return b.build();
                })).build();
    }

    private static void subscriptionResponse(IeCodec.Enc e, RicSubscriptionResponse m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        e.list(RIC_ACTIONS_ADMITTED, REJECT, RIC_ACTION_ADMITTED_ITEM, IGNORE, 1, 16, m.getRicActionsAdmittedList(), (w, id) -> {
            w.writeSequencePreamble(true, false);
            w.writeConstrainedWholeNumber(id, 0, 255);
        });
        if (m.getRicActionsNotAdmittedCount() > 0) {
            e.list(RIC_ACTIONS_NOT_ADMITTED, REJECT, RIC_ACTION_NOT_ADMITTED_ITEM, IGNORE, 0, 16, m.getRicActionsNotAdmittedList(), (w, it) -> {
                w.writeSequencePreamble(true, false);
                w.writeConstrainedWholeNumber(it.getRicActionId(), 0, 255);
                E2apIes.writeCause(w, it.getCause());
            });
        }
    }

    private static RicSubscriptionResponse subscriptionResponse(IeCodec.Dec d) {
        RicSubscriptionResponse.Builder b = RicSubscriptionResponse.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId));
        b.addAllRicActionsAdmitted(d.req(RIC_ACTIONS_ADMITTED, r -> d.list(r, RIC_ACTION_ADMITTED_ITEM, 1, 16, x -> {
            boolean ext = x.readSequencePreamble(true, new boolean[0]);
            int id = (int) x.readConstrainedWholeNumber(0, 255);
            E2apIes.skipExtensions(x, ext);
            return id;
        })));
        addAll(b::addRicActionsNotAdmitted, d.opt(RIC_ACTIONS_NOT_ADMITTED, r -> d.list(r, RIC_ACTION_NOT_ADMITTED_ITEM, 0, 16, x -> {
            boolean ext = x.readSequencePreamble(true, new boolean[0]);
            RicActionNotAdmittedItem it = RicActionNotAdmittedItem.newBuilder()
                    .setRicActionId((int) x.readConstrainedWholeNumber(0, 255)).setCause(E2apIes.readCause(x)).build();
            E2apIes.skipExtensions(x, ext);
            return it;
        })));
        return b.build();
    }

    private static void subscriptionFailure(IeCodec.Enc e, RicSubscriptionFailure m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        e.add(CAUSE, REJECT, w -> E2apIes.writeCause(w, m.getCause()));
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static RicSubscriptionFailure subscriptionFailure(IeCodec.Dec d) {
        RicSubscriptionFailure.Builder b = RicSubscriptionFailure.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId))
                .setCause(d.req(CAUSE, E2apIes::readCause));
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    private static void subDeleteRequest(IeCodec.Enc e, RicSubscriptionDeleteRequest m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
    }

    private static RicSubscriptionDeleteRequest subDeleteRequest(IeCodec.Dec d) {
        return RicSubscriptionDeleteRequest.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId)).build();
    }

    private static void subDeleteResponse(IeCodec.Enc e, RicSubscriptionDeleteResponse m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
    }

    private static RicSubscriptionDeleteResponse subDeleteResponse(IeCodec.Dec d) {
        return RicSubscriptionDeleteResponse.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId)).build();
    }

    private static void subDeleteFailure(IeCodec.Enc e, RicSubscriptionDeleteFailure m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        e.add(CAUSE, IGNORE, w -> E2apIes.writeCause(w, m.getCause()));
        if (m.hasCriticalityDiagnostics()) {
            e.add(CRITICALITY_DIAGNOSTICS, IGNORE, w -> E2apIes.writeCriticalityDiagnostics(w, m.getCriticalityDiagnostics()));
        }
    }

    private static RicSubscriptionDeleteFailure subDeleteFailure(IeCodec.Dec d) {
        RicSubscriptionDeleteFailure.Builder b = RicSubscriptionDeleteFailure.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId))
                .setCause(d.req(CAUSE, E2apIes::readCause));
        ifPresent(d.opt(CRITICALITY_DIAGNOSTICS, E2apIes::readCriticalityDiagnostics), b::setCriticalityDiagnostics);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------
    // RIC Indication, RIC Control
    // ------------------------------------------------------------------------------------------

    private static void indication(IeCodec.Enc e, RicIndication m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        e.add(RIC_ACTION_ID, REJECT, w -> w.writeConstrainedWholeNumber(m.getRicActionId(), 0, 255));
        if (m.hasRicIndicationSn()) {
            e.add(RIC_INDICATION_SN, REJECT, w -> w.writeConstrainedWholeNumber(m.getRicIndicationSn(), 0, 65535));
        }
        e.add(RIC_INDICATION_TYPE, REJECT, w -> E2apIes.writeEnum(w, m.getRicIndicationTypeValue(), 2, "RICindicationType"));
        e.add(RIC_INDICATION_HEADER, REJECT, w -> w.writeOctetString(m.getRicIndicationHeader().toByteArray(), 0, -1, false));
        e.add(RIC_INDICATION_MESSAGE, REJECT, w -> w.writeOctetString(m.getRicIndicationMessage().toByteArray(), 0, -1, false));
        if (m.hasRicCallProcessId()) {
            e.add(RIC_CALL_PROCESS_ID, REJECT, w -> w.writeOctetString(m.getRicCallProcessId().toByteArray(), 0, -1, false));
        }
    }

    private static RicIndication indication(IeCodec.Dec d) {
        RicIndication.Builder b = RicIndication.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId))
                .setRicActionId(d.req(RIC_ACTION_ID, r -> (int) r.readConstrainedWholeNumber(0, 255)));
        ifPresent(d.opt(RIC_INDICATION_SN, r -> (int) r.readConstrainedWholeNumber(0, 65535)), b::setRicIndicationSn);
        b.setRicIndicationTypeValue(d.req(RIC_INDICATION_TYPE, r -> r.readEnumerated(2, true)));
        b.setRicIndicationHeader(d.req(RIC_INDICATION_HEADER, E2apAperCodec::octets));
        b.setRicIndicationMessage(d.req(RIC_INDICATION_MESSAGE, E2apAperCodec::octets));
        ifPresent(d.opt(RIC_CALL_PROCESS_ID, E2apAperCodec::octets), b::setRicCallProcessId);
        return b.build();
    }

    private static void controlRequest(IeCodec.Enc e, RicControlRequest m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        if (m.hasRicCallProcessId()) {
            e.add(RIC_CALL_PROCESS_ID, REJECT, w -> w.writeOctetString(m.getRicCallProcessId().toByteArray(), 0, -1, false));
        }
        e.add(RIC_CONTROL_HEADER, REJECT, w -> w.writeOctetString(m.getRicControlHeader().toByteArray(), 0, -1, false));
        e.add(RIC_CONTROL_MESSAGE, REJECT, w -> w.writeOctetString(m.getRicControlMessage().toByteArray(), 0, -1, false));
        if (m.hasRicControlAckRequest()) {
            e.add(RIC_CONTROL_ACK_REQUEST, REJECT, w -> {
                int v = m.getRicControlAckRequestValue();
                if (v < 0 || v > 1) {
                    throw new AperException(w.bitPosition(), "RICcontrolAckRequest " + m.getRicControlAckRequest()
                            + " does not exist in E2AP v03.01 (noAck, ack)");
                }
                w.writeEnumerated(v, 2, true);
            });
        }
    }

    private static RicControlRequest controlRequest(IeCodec.Dec d) {
        RicControlRequest.Builder b = RicControlRequest.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId));
        ifPresent(d.opt(RIC_CALL_PROCESS_ID, E2apAperCodec::octets), b::setRicCallProcessId);
        b.setRicControlHeader(d.req(RIC_CONTROL_HEADER, E2apAperCodec::octets));
        b.setRicControlMessage(d.req(RIC_CONTROL_MESSAGE, E2apAperCodec::octets));
        ifPresent(d.opt(RIC_CONTROL_ACK_REQUEST, r -> {
            long start = r.bitPosition();
            int v = r.readEnumerated(2, true);
            if (v > 1) {
                throw new AperException(start, "RICcontrolAckRequest extension value " + (v - 2) + " is not in E2AP v03.01");
            }
            return v;
        }), b::setRicControlAckRequestValue);
        return b.build();
    }

    private static void controlAck(IeCodec.Enc e, RicControlAcknowledge m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        if (m.hasRicCallProcessId()) {
            e.add(RIC_CALL_PROCESS_ID, REJECT, w -> w.writeOctetString(m.getRicCallProcessId().toByteArray(), 0, -1, false));
        }
        if (m.hasRicControlOutcome()) {
            e.add(RIC_CONTROL_OUTCOME, REJECT, w -> w.writeOctetString(m.getRicControlOutcome().toByteArray(), 0, -1, false));
        }
    }

    private static RicControlAcknowledge controlAck(IeCodec.Dec d) {
        RicControlAcknowledge.Builder b = RicControlAcknowledge.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId));
        ifPresent(d.opt(RIC_CALL_PROCESS_ID, E2apAperCodec::octets), b::setRicCallProcessId);
        ifPresent(d.opt(RIC_CONTROL_OUTCOME, E2apAperCodec::octets), b::setRicControlOutcome);
        return b.build();
    }

    private static void controlFailure(IeCodec.Enc e, RicControlFailure m) {
        requestAndFunction(e, m.getRicRequestId(), m.getRanFunctionId());
        if (m.hasRicCallProcessId()) {
            e.add(RIC_CALL_PROCESS_ID, REJECT, w -> w.writeOctetString(m.getRicCallProcessId().toByteArray(), 0, -1, false));
        }
        e.add(CAUSE, IGNORE, w -> E2apIes.writeCause(w, m.getCause()));
        if (m.hasRicControlOutcome()) {
            e.add(RIC_CONTROL_OUTCOME, REJECT, w -> w.writeOctetString(m.getRicControlOutcome().toByteArray(), 0, -1, false));
        }
    }

    private static RicControlFailure controlFailure(IeCodec.Dec d) {
        RicControlFailure.Builder b = RicControlFailure.newBuilder()
                .setRicRequestId(d.req(RIC_REQUEST_ID, E2apIes::readRicRequestId))
                .setRanFunctionId(d.req(RAN_FUNCTION_ID, E2apIes::readRanFunctionId));
        ifPresent(d.opt(RIC_CALL_PROCESS_ID, E2apAperCodec::octets), b::setRicCallProcessId);
        b.setCause(d.req(CAUSE, E2apIes::readCause));
        ifPresent(d.opt(RIC_CONTROL_OUTCOME, E2apAperCodec::octets), b::setRicControlOutcome);
        return b.build();
    }

    // ------------------------------------------------------------------------------------------

    private static ByteString octets(AperReader r) {
        return ByteString.copyFrom(r.readOctetString(0, -1, false));
    }

    private static <T> void ifPresent(T v, java.util.function.Consumer<T> set) {
        if (v != null) {
            set.accept(v);
        }
    }

    private static <T> void addAll(java.util.function.Consumer<T> add, List<T> items) {
        if (items != null) {
            items.forEach(add);
        }
    }
}
