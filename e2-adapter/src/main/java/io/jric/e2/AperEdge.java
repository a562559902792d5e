package io.jric.e2;

import io.jric.e2.aper.AperException;
import io.jric.e2.aper.E2RemovalRequest;
import io.jric.e2.aper.E2RemovalResponse;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.E2apFrame;
import io.jric.e2.aper.RicSubscriptionDeleteRequired;
import io.jric.e2.aper.RicSubscriptionModificationRefuse;
import io.jric.e2.aper.RicSubscriptionModificationRequired;
import io.jric.e2.aper.ProtocolIe;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.RicSideFunction;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.CauseRicService;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.CriticalityDiagnostics;
import io.jric.proto.e2.v1.CriticalityDiagnosticsIeItem;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionIdCauseItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicServiceUpdate;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.TypeOfError;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The APER edge of one association: E2AP PDUs in ASN.1 aligned PER to and from the E2AP model the
 * rest of the termination works on, with the E2SM payloads translated by each RAN function's
 * {@link RicSideFunction} (chosen from the definition the node sent). Everything behind it cannot tell
 * how the node is connected.
 *
 * <p>Inbound: a PDU that does not decode is logged (hex, bit position, reason; the first few of each
 * association in full, then counted) and answered with an Error Indication. Unknown IEs are handled by
 * their criticality: reject - the PDU is refused with an Error Indication naming the IE; notify - taken,
 * and an Error Indication names the IE; ignore - taken. Of the procedures the model has no message for,
 * the edge takes E2 Removal, RIC Subscription Delete Required and RIC Subscription Modification Required
 * (decoded here, acted on by the association); the others are answered with an Error Indication naming the
 * procedure.
 *
 * <p>Outbound: a request whose E2SM payload cannot be put into the node's service model version (say a
 * control the node did not advertise) is not sent; the edge answers it itself with a failure naming the
 * reason, so the xApp learns why at once.
 */
final class AperEdge {
    private static final Logger LOG = Logger.getLogger(AperEdge.class.getName());
    /** Decode failures logged in full per association; later ones are counted and summarised. */
    private static final int FULL_LOGS = 5;
    private static final int MAX_HEX_BYTES = 512;

    private final String transport;
    private final E2Stats stats;
    private final Map<Integer, RicSideFunction> functions = new HashMap<>();
    /** RAN functions the edge took out of a Setup / Service Update, with why: added to the RIC's answer as rejected. */
    private final Map<Integer, String> untranslatable = new HashMap<>();
    private final Map<Integer, Integer> lastStreamByProcedure = new HashMap<>();
    private volatile int ppid = -1;
    private io.jric.proto.e2.v1.GlobalE2NodeId nodeIdentity;
    private volatile String peer = "?";
    private Consumer<InboundPdu> inject = p -> { };
    private java.util.function.Predicate<RicIndication> subscriptionKnown = i -> true;
    private int failuresLogged;
    private long failuresSinceSummary;
    private long lastSummaryMs;

    AperEdge(String transport, E2Stats stats) {
        this.transport = transport;
        this.stats = stats;
    }

    /** Where PDUs the edge makes up itself (failure answers to requests it could not send) are delivered. */
    void injectTo(Consumer<InboundPdu> inject) {
        this.inject = inject;
    }

    /** Whether the association has the indication's subscription on its RAN function (set by the association). */
    void subscriptions(java.util.function.Predicate<RicIndication> known) {
        this.subscriptionKnown = known;
    }

    void peer(String peer) {
        this.peer = peer;
    }

    String describe() {
        int p = ppid;
        return "E2AP v03.01 APER over " + transport + (p >= 0 ? " (SCTP PPID " + p + ")" : "");
    }

    /** Service model and version the node speaks for a RAN function, e.g. "E2SM-KPM v03.00"; null if untranslated. */
    synchronized String serviceModelVersion(int ranFunctionId) {
        RicSideFunction f = functions.get(ranFunctionId);
        return f == null ? null : f.serviceModel() + " " + f.version();
    }

    synchronized String versionBasis(int ranFunctionId) {
        RicSideFunction f = functions.get(ranFunctionId);
        return f == null ? null : f.versionBasis();
    }

    /** The stream an answer to this procedure goes on: the one its request came on. */
    synchronized int streamFor(E2apPdu pdu) {
        if (pdu.hasInitiatingMessage()) return 0;
        Integer s = lastStreamByProcedure.get(procedureCode(pdu));
        return s == null ? 0 : s;
    }

    /** The stream an answer to a procedure goes on: the one its request came on (0 if none came). */
    synchronized int streamForProcedure(int procedureCode) {
        Integer s = lastStreamByProcedure.get(procedureCode);
        return s == null ? 0 : s;
    }

    int ppid(int fallback) {
        int p = ppid;
        return p >= 0 ? p : fallback;
    }

    // ------------------------------------------------------------------ inbound

    /** One APER frame from the node as the PDUs of the model (usually one; empty when the edge handled it). */
    synchronized List<InboundPdu> fromNode(byte[] bytes, int ppid, int stream) {
        this.ppid = ppid;
        E2apAperCodec.Decoded d;
        try {
            d = E2apAperCodec.decode(bytes);
        } catch (AperException e) {
            String why = "E2AP-PDU does not decode at bit " + e.bitPosition() + ": " + e.reason();
            logFailure(why, bytes);
            return List.of(InboundPdu.refused(why, errorIndication(
                    Pdus.protocol(missingIe(e) ? CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE
                            : CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR), null, why)));
        } catch (RuntimeException e) {
            String why = "E2AP-PDU does not decode: " + e;
            logFailure(why, bytes);
            return List.of(InboundPdu.refused(why, null));
        }
        lastStreamByProcedure.put(d.frame().procedureCode(), stream);
        if (d.pdu() == null) {
            InboundPdu taken = nodeProcedure(d.frame(), bytes);
            if (taken != null) return List.of(taken);
            String why = E2apAperCodec.procedureName(d.frame().procedureCode()) + " (" + d.frame().type() + ", procedure code "
                    + d.frame().procedureCode() + ") is not supported by this RIC";
            LOG.info(() -> "E2 peer " + peer + ": " + why);
            return List.of(InboundPdu.refused(why, errorIndication(
                    Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE), null, why)));
        }
        List<InboundPdu> out = new ArrayList<>(1);
        for (ProtocolIe ie : d.unmappedIes()) {
            if (E2apAperCodec.knownIe(ie.id())) continue; // comprehended, the model just has no field for it
            String why = E2apAperCodec.procedureName(d.frame().procedureCode()) + ": IE " + ie.id()
                    + " is not comprehended (criticality " + criticalityName(ie.criticality()) + ")";
            if (ie.criticality() == 0) {
                LOG.info(() -> "E2 peer " + peer + ": " + why + "; PDU refused");
                return List.of(InboundPdu.refused(why, errorIndicationWith(
                        Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_REJECT), diagnostics(d, ie), why)));
            }
            if (ie.criticality() == 2) {
                out.add(InboundPdu.refused(why, errorIndicationWith(
                        Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_IGNORE_AND_NOTIFY), diagnostics(d, ie), why)));
            }
        }
        try {
            for (E2apPdu p : translateInbound(d.pdu())) out.add(0, InboundPdu.of(p));
        } catch (E2smException e) {
            String why = e.getMessage() + (e.bitPosition() >= 0 ? " (at bit " + e.bitPosition() + " of the E2SM payload)" : "");
            logFailure(why, bytes);
            out.add(InboundPdu.refused(why, errorIndication(
                    Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE),
                    requestIdOf(d.pdu()), why)));
        }
        return out;
    }

    /**
     * The node-initiated procedures the model has no message for that the RIC terminates here: E2 Removal
     * (answered, then the association is released), RIC Subscription Delete Required (each subscription deleted
     * by the association, no answer) and RIC Subscription Modification Required (refused: jRIC does not modify
     * subscriptions). Null for any other procedure.
     */
    private InboundPdu nodeProcedure(E2apFrame f, byte[] bytes) {
        if (f.type() != E2apFrame.Type.INITIATING_MESSAGE) return null;
        String name = E2apAperCodec.procedureName(f.procedureCode());
        try {
            switch (f.procedureCode()) {
                case 13 -> {
                    E2RemovalRequest r = E2RemovalRequest.decode(f.value());
                    return InboundPdu.nodeProcedure(new InboundPdu.NodeProcedure(InboundPdu.Kind.E2_REMOVAL,
                            new E2RemovalResponse(r.transactionId()).frame().encode(), 13, List.of(),
                            "E2 Removal Request (transaction " + r.transactionId() + ")"));
                }
                case 12 -> {
                    RicSubscriptionDeleteRequired r = RicSubscriptionDeleteRequired.decode(f.value());
                    List<InboundPdu.SubscriptionRef> subs = new ArrayList<>(r.subscriptions().size());
                    for (RicSubscriptionDeleteRequired.Item it : r.subscriptions()) {
                        subs.add(new InboundPdu.SubscriptionRef(it.requestId(), it.ranFunctionId(), Pdus.describe(it.cause())));
                    }
                    return InboundPdu.nodeProcedure(new InboundPdu.NodeProcedure(InboundPdu.Kind.SUBSCRIPTION_DELETE_REQUIRED,
                            null, 12, subs, "RIC Subscription Delete Required (" + subs.size() + " subscription(s))"));
                }
                case 15 -> {
                    RicSubscriptionModificationRequired r = RicSubscriptionModificationRequired.decode(f.value());
                    byte[] refuse = new RicSubscriptionModificationRefuse(r.requestId(), r.ranFunctionId(),
                            Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_UNSPECIFIED)).frame().encode();
                    return InboundPdu.nodeProcedure(new InboundPdu.NodeProcedure(InboundPdu.Kind.SUBSCRIPTION_MODIFICATION_REFUSED,
                            refuse, 15, List.of(new InboundPdu.SubscriptionRef(r.requestId(), r.ranFunctionId(), null)),
                            "RIC Subscription Modification Required for ricRequestId " + r.requestId().getRicRequestorId() + "/"
                                    + r.requestId().getRicInstanceId() + " on RAN function " + r.ranFunctionId() + " ("
                                    + r.toModify().size() + " action(s) to modify, " + r.toRemove().size() + " to remove)"));
                }
                default -> {
                    return null;
                }
            }
        } catch (AperException e) {
            String why = name + " does not decode at bit " + e.bitPosition() + " of its message value: " + e.reason();
            logFailure(why, bytes);
            return InboundPdu.refused(why, errorIndication(
                    Pdus.protocol(missingIe(e) ? CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE
                            : CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR), null, why));
        }
    }

    private static boolean missingIe(AperException e) {
        return e.reason() != null && e.reason().contains("is missing");
    }

    private List<E2apPdu> translateInbound(E2apPdu pdu) throws E2smException {
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> {
                InitiatingMessage m = pdu.getInitiatingMessage();
                switch (m.getValueCase()) {
                    case E2_SETUP_REQUEST -> {
                        E2SetupRequest r = m.getE2SetupRequest();
                        functions.clear();
                        untranslatable.clear();
                        nodeIdentity = r.getGlobalE2NodeId();
                        List<RanFunctionItem> fs = translateFunctions(r.getRanFunctionsList());
                        return List.of(pdu.toBuilder().setInitiatingMessage(m.toBuilder().setE2SetupRequest(
                                r.toBuilder().clearRanFunctions().addAllRanFunctions(fs))).build());
                    }
                    case RIC_SERVICE_UPDATE -> {
                        RicServiceUpdate u = m.getRicServiceUpdate();
                        untranslatable.clear();
                        for (var del : u.getRanFunctionsDeletedList()) functions.remove(del.getRanFunctionId());
                        List<RanFunctionItem> added = translateFunctions(u.getRanFunctionsAddedList());
                        List<RanFunctionItem> modified = translateFunctions(u.getRanFunctionsModifiedList());
                        return List.of(pdu.toBuilder().setInitiatingMessage(m.toBuilder().setRicServiceUpdate(
                                u.toBuilder().clearRanFunctionsAdded().addAllRanFunctionsAdded(added)
                                        .clearRanFunctionsModified().addAllRanFunctionsModified(modified))).build());
                    }
                    case RIC_INDICATION -> {
                        RicIndication ind = m.getRicIndication();
                        RicSideFunction f = functions.get(ind.getRanFunctionId());
                        // no such function or no such subscription: the association answers it (request id unknown, ...)
                        if (f == null || !subscriptionKnown.test(ind)) return List.of(pdu);
                        List<RicIndication> mapped = f.indicationFromNode(ind);
                        List<E2apPdu> out = new ArrayList<>(mapped.size());
                        for (RicIndication i : mapped) {
                            out.add(pdu.toBuilder().setInitiatingMessage(m.toBuilder().setRicIndication(i)).build());
                        }
                        return out;
                    }
                    case RESET_REQUEST -> {
                        return List.of(pdu);
                    }
                    default -> {
                        return List.of(pdu);
                    }
                }
            }
            case SUCCESSFUL_OUTCOME -> {
                SuccessfulOutcome m = pdu.getSuccessfulOutcome();
                switch (m.getValueCase()) {
                    case RIC_SUBSCRIPTION_RESPONSE -> {
                        RicSideFunction f = functions.get(m.getRicSubscriptionResponse().getRanFunctionId());
                        if (f == null) return List.of(pdu);
                        return List.of(pdu.toBuilder().setSuccessfulOutcome(m.toBuilder().setRicSubscriptionResponse(
                                f.subscriptionResponseFromNode(m.getRicSubscriptionResponse()))).build());
                    }
                    case RIC_SUBSCRIPTION_DELETE_RESPONSE -> {
                        RicSideFunction f = functions.get(m.getRicSubscriptionDeleteResponse().getRanFunctionId());
                        if (f != null) f.subscriptionEnded(m.getRicSubscriptionDeleteResponse().getRicRequestId());
                        return List.of(pdu);
                    }
                    case RIC_CONTROL_ACKNOWLEDGE -> {
                        RicSideFunction f = functions.get(m.getRicControlAcknowledge().getRanFunctionId());
                        if (f == null) return List.of(pdu);
                        return List.of(pdu.toBuilder().setSuccessfulOutcome(m.toBuilder().setRicControlAcknowledge(
                                f.controlAcknowledgeFromNode(m.getRicControlAcknowledge()))).build());
                    }
                    default -> {
                        return List.of(pdu);
                    }
                }
            }
            case UNSUCCESSFUL_OUTCOME -> {
                UnsuccessfulOutcome m = pdu.getUnsuccessfulOutcome();
                switch (m.getValueCase()) {
                    case RIC_SUBSCRIPTION_FAILURE -> {
                        RicSideFunction f = functions.get(m.getRicSubscriptionFailure().getRanFunctionId());
                        if (f == null) return List.of(pdu);
                        RicSubscriptionFailure mapped = f.subscriptionFailureFromNode(m.getRicSubscriptionFailure());
                        f.subscriptionEnded(m.getRicSubscriptionFailure().getRicRequestId());
                        return List.of(pdu.toBuilder().setUnsuccessfulOutcome(m.toBuilder().setRicSubscriptionFailure(mapped)).build());
                    }
                    case RIC_CONTROL_FAILURE -> {
                        RicSideFunction f = functions.get(m.getRicControlFailure().getRanFunctionId());
                        if (f == null) return List.of(pdu);
                        return List.of(pdu.toBuilder().setUnsuccessfulOutcome(m.toBuilder().setRicControlFailure(
                                f.controlFailureFromNode(m.getRicControlFailure()))).build());
                    }
                    default -> {
                        return List.of(pdu);
                    }
                }
            }
            default -> {
                return List.of(pdu);
            }
        }
    }

    /** Translates the definitions of the functions a family takes; the ones that fail are taken out and remembered. */
    private List<RanFunctionItem> translateFunctions(List<RanFunctionItem> offered) {
        List<RanFunctionItem> out = new ArrayList<>(offered.size());
        for (RanFunctionItem f : offered) {
            E2smFamilies.Family family = E2smFamilies.forOid(f.getRanFunctionOid());
            if (family == null) {
                out.add(f); // not a service model jRIC translates: the termination decides (it rejects unknown OIDs)
                continue;
            }
            try {
                RicSideFunction side = family.ricSide(f.getRanFunctionDefinition());
                if (nodeIdentity != null) side.nodeIdentity(nodeIdentity);
                functions.put(f.getRanFunctionId(), side);
                out.add(f.toBuilder().setRanFunctionDefinition(side.definitionProto()).build());
                LOG.fine(() -> "E2 peer " + peer + ": RAN function " + f.getRanFunctionId() + " is " + side.serviceModel() + " "
                        + side.version() + " (" + side.versionBasis() + ")");
            } catch (E2smException | RuntimeException e) {
                String why = family.serviceModel() + " RAN function " + f.getRanFunctionId() + ": the definition does not "
                        + "decode in any version jRIC speaks " + family.versions() + ": " + e.getMessage();
                untranslatable.put(f.getRanFunctionId(), why);
                logFailure(why, f.getRanFunctionDefinition().toByteArray());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ outbound

    /**
     * A PDU of the model as the APER frame the node receives; null when it must not be sent (the edge
     * then delivered a failure answer of its own, or logged why).
     */
    synchronized byte[] toNode(E2apPdu pdu) {
        E2apPdu mapped;
        try {
            mapped = translateOutbound(pdu);
        } catch (E2smException e) {
            refuseOutbound(pdu, e.getMessage());
            return null;
        }
        try {
            return E2apAperCodec.encode(mapped);
        } catch (AperException | IllegalArgumentException e) {
            String why = "cannot be encoded in APER: " + e.getMessage();
            refuseOutbound(pdu, why);
            return null;
        }
    }

    private E2apPdu translateOutbound(E2apPdu pdu) throws E2smException {
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> {
                InitiatingMessage m = pdu.getInitiatingMessage();
                switch (m.getValueCase()) {
                    case RIC_SUBSCRIPTION_REQUEST -> {
                        RicSubscriptionRequest r = m.getRicSubscriptionRequest();
                        RicSideFunction f = functions.get(r.getRanFunctionId());
                        if (f == null) return pdu;
                        return pdu.toBuilder().setInitiatingMessage(m.toBuilder().setRicSubscriptionRequest(
                                f.subscriptionToNode(r))).build();
                    }
                    case RIC_CONTROL_REQUEST -> {
                        RicControlRequest r = m.getRicControlRequest();
                        RicSideFunction f = functions.get(r.getRanFunctionId());
                        if (f == null) return pdu;
                        return pdu.toBuilder().setInitiatingMessage(m.toBuilder().setRicControlRequest(f.controlToNode(r))).build();
                    }
                    default -> {
                        return pdu;
                    }
                }
            }
            case SUCCESSFUL_OUTCOME -> {
                SuccessfulOutcome m = pdu.getSuccessfulOutcome();
                if (m.hasE2SetupResponse() && !untranslatable.isEmpty()) {
                    var r = m.getE2SetupResponse().toBuilder();
                    for (var e : untranslatable.entrySet()) r.addRanFunctionsRejected(rejected(e.getKey()));
                    for (var rej : r.getRanFunctionsRejectedList()) functions.remove(rej.getRanFunctionId());
                    untranslatable.clear();
                    return pdu.toBuilder().setSuccessfulOutcome(m.toBuilder().setE2SetupResponse(r)).build();
                }
                if (m.hasE2SetupResponse()) {
                    for (var rej : m.getE2SetupResponse().getRanFunctionsRejectedList()) functions.remove(rej.getRanFunctionId());
                }
                if (m.hasRicServiceUpdateAcknowledge() && !untranslatable.isEmpty()) {
                    var r = m.getRicServiceUpdateAcknowledge().toBuilder();
                    for (var e : untranslatable.entrySet()) r.addRanFunctionsRejected(rejected(e.getKey()));
                    untranslatable.clear();
                    return pdu.toBuilder().setSuccessfulOutcome(m.toBuilder().setRicServiceUpdateAcknowledge(r)).build();
                }
                return pdu;
            }
            default -> {
                if (pdu.hasUnsuccessfulOutcome() && pdu.getUnsuccessfulOutcome().hasE2SetupFailure()) functions.clear();
                return pdu;
            }
        }
    }

    private static RanFunctionIdCauseItem rejected(int id) {
        return RanFunctionIdCauseItem.newBuilder().setRanFunctionId(id)
                .setCause(Pdus.ricService(CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED)).build();
    }

    /** A request the edge could not send: answer it to the RIC's side with a failure naming why. */
    private void refuseOutbound(E2apPdu pdu, String why) {
        LOG.warning("E2 peer " + peer + ": " + Pdus.name(pdu) + " not sent: " + why);
        if (!pdu.hasInitiatingMessage()) return;
        InitiatingMessage m = pdu.getInitiatingMessage();
        if (m.hasRicSubscriptionRequest()) {
            RicSubscriptionRequest r = m.getRicSubscriptionRequest();
            inject.accept(InboundPdu.of(Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicSubscriptionFailure(
                    RicSubscriptionFailure.newBuilder().setRicRequestId(r.getRicRequestId()).setRanFunctionId(r.getRanFunctionId())
                            .setCause(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED))))));
        } else if (m.hasRicControlRequest()) {
            RicControlRequest r = m.getRicControlRequest();
            RicControlFailure.Builder f = RicControlFailure.newBuilder().setRicRequestId(r.getRicRequestId())
                    .setRanFunctionId(r.getRanFunctionId())
                    .setCause(Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID))
                    .setRicControlOutcome(io.jric.proto.e2sm.rc.v1.RcControlOutcome.newBuilder()
                            .setDetail("not sent to the node: " + why).build().toByteString());
            if (r.hasRicCallProcessId()) f.setRicCallProcessId(r.getRicCallProcessId());
            inject.accept(InboundPdu.of(Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicControlFailure(f))));
        }
    }

    // ------------------------------------------------------------------ diagnostics

    private void logFailure(String why, byte[] bytes) {
        stats.aperDecodeFailures.increment();
        long now = System.currentTimeMillis();
        if (failuresLogged < FULL_LOGS) {
            failuresLogged++;
            int n = Math.min(bytes.length, MAX_HEX_BYTES);
            String hex = HexFormat.of().formatHex(bytes, 0, n) + (bytes.length > n ? "... (" + bytes.length + " bytes)" : "");
            LOG.warning("E2 peer " + peer + ": " + why + "; PDU (" + bytes.length + " bytes): " + hex
                    + (failuresLogged == FULL_LOGS ? " (further failures on this association are counted and summarised "
                    + "once a minute)" : ""));
            lastSummaryMs = now;
            return;
        }
        failuresSinceSummary++;
        if (now - lastSummaryMs >= 60_000) {
            long n = failuresSinceSummary;
            failuresSinceSummary = 0;
            lastSummaryMs = now;
            LOG.warning("E2 peer " + peer + ": " + n + " more PDU(s) did not decode in the last minute; latest: " + why);
        }
    }

    private static E2apPdu errorIndicationWith(Cause cause, CriticalityDiagnostics diagnostics, String detail) {
        ErrorIndication.Builder ei = ErrorIndication.newBuilder().setCause(cause).setDetail(detail);
        if (diagnostics != null) ei.setCriticalityDiagnostics(diagnostics);
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                .setCriticality(Criticality.CRITICALITY_IGNORE).setErrorIndication(ei)).build();
    }

    private static E2apPdu errorIndication(Cause cause, io.jric.proto.e2.v1.RicRequestId requestId, String detail) {
        return Pdus.errorIndication(cause, requestId, detail);
    }

    private static CriticalityDiagnostics diagnostics(E2apAperCodec.Decoded d, ProtocolIe ie) {
        CriticalityDiagnostics.Builder b = CriticalityDiagnostics.newBuilder()
                .setProcedureCodeValue(d.frame().procedureCode())
                .setTriggeringMessageValue(d.frame().type().ordinal())
                .setProcedureCriticalityValue(d.frame().criticality())
                .addIesCriticalityDiagnostics(CriticalityDiagnosticsIeItem.newBuilder().setIeId(ie.id())
                        .setIeCriticalityValue(ie.criticality()).setTypeOfError(TypeOfError.TYPE_OF_ERROR_NOT_UNDERSTOOD));
        return b.build();
    }

    private static String criticalityName(int c) {
        return switch (c) {
            case 0 -> "reject";
            case 1 -> "ignore";
            case 2 -> "notify";
            default -> String.valueOf(c);
        };
    }

    private static io.jric.proto.e2.v1.RicRequestId requestIdOf(E2apPdu pdu) {
        if (pdu.hasInitiatingMessage() && pdu.getInitiatingMessage().hasRicIndication()) {
            return pdu.getInitiatingMessage().getRicIndication().getRicRequestId();
        }
        return null;
    }

    private static int procedureCode(E2apPdu pdu) {
        return switch (pdu.getPduCase()) {
            case SUCCESSFUL_OUTCOME -> switch (pdu.getSuccessfulOutcome().getValueCase()) {
                case E2_SETUP_RESPONSE -> 1;
                case RESET_RESPONSE -> 3;
                case RIC_CONTROL_ACKNOWLEDGE -> 4;
                case RIC_SERVICE_UPDATE_ACKNOWLEDGE -> 7;
                case RIC_SUBSCRIPTION_RESPONSE -> 8;
                case RIC_SUBSCRIPTION_DELETE_RESPONSE -> 9;
                case E2_NODE_CONFIGURATION_UPDATE_ACKNOWLEDGE -> 10;
                default -> -1;
            };
            case UNSUCCESSFUL_OUTCOME -> switch (pdu.getUnsuccessfulOutcome().getValueCase()) {
                case E2_SETUP_FAILURE -> 1;
                case RIC_CONTROL_FAILURE -> 4;
                case RIC_SERVICE_UPDATE_FAILURE -> 7;
                case RIC_SUBSCRIPTION_FAILURE -> 8;
                case RIC_SUBSCRIPTION_DELETE_FAILURE -> 9;
                case E2_NODE_CONFIGURATION_UPDATE_FAILURE -> 10;
                default -> -1;
            };
            default -> -1;
        };
    }

}
