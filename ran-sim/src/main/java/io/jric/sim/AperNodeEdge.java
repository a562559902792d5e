package io.jric.sim;

import com.google.protobuf.ByteString;
import io.jric.e2.aper.AperException;
import io.jric.e2.aper.E2apAperCodec;
import io.jric.e2.aper.sm.E2smException;
import io.jric.e2.aper.sm.E2smFamilies;
import io.jric.e2.aper.sm.NodeSideFunction;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.Criticality;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.ErrorIndication;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicIndication;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2.v1.RicServiceUpdate;
import io.jric.proto.e2.v1.RicSubscriptionDeleteRequest;
import io.jric.proto.e2.v1.RicSubscriptionFailure;
import io.jric.proto.e2.v1.RicSubscriptionRequest;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The node side of one APER E2 association, without transport: turns the protobuf E2AP PDUs of a
 * node's logic into APER E2AP-PDUs a real node would send, and APER from a RIC back into protobuf.
 *
 * <p>The E2SM payloads are translated by the {@link NodeSideFunction} of each RAN function, found by
 * the RAN function's OID ({@link E2smFamilies#forOid(String)}) when the node advertises it (E2 Setup,
 * RIC Service Update) and kept per RAN function id for the association:
 * <ul>
 *   <li>outbound: RAN function definitions ({@code definitionToAper}), RIC Indications
 *       ({@code indicationToRic}: one protobuf indication may become several), RIC Control
 *       Acknowledge / Failure ({@code controlAcknowledgeToRic} / {@code controlFailureToRic});</li>
 *   <li>inbound: RIC Subscription Request ({@code subscriptionFromRic}), RIC Subscription Delete
 *       ({@code subscriptionEnded}), RIC Control Request ({@code controlFromRic}).</li>
 * </ul>
 * A RAN function whose OID no family takes keeps its payloads as they are. Inbound octets that do not
 * decode as an E2AP-PDU are answered with an Error Indication (cause protocol transfer-syntax-error);
 * a subscription or control whose E2SM payloads do not translate is answered with a RIC Subscription
 * Failure / RIC Control Failure; the association lives on in both cases.
 *
 * <p>Used by the simulator's agents ({@link E2NodeAgent} with {@link E2Encoding#APER}) and by the
 * conformance harness's emulated nodes. One instance per association; thread-safe (every method
 * holds the edge's lock, so the {@link NodeSideFunction}s see one thread at a time).
 */
public final class AperNodeEdge {
    /** Octets of an undecodable frame shown in logs and details. */
    static final int HEX_PREFIX = 64;

    /** The KPM version a node side speaks by default. */
    public static final String DEFAULT_KPM_VERSION = "v03.00";

    private final Function<String, E2smFamilies.Family> families;
    private final Map<String, String> versions;
    private final String label;
    // guarded by this
    private final Map<Integer, NodeSideFunction> functions = new HashMap<>();
    private final Map<Integer, Set<RicRequestId>> subscriptions = new HashMap<>();

    /**
     * An edge with the production registry ({@link E2smFamilies#forOid(String)}).
     *
     * @param label    who speaks (node id), for logs
     * @param versions service model name ("E2SM-KPM") to the version the node side speaks; a family
     *                 not listed speaks its newest ({@code versions().get(0)})
     */
    public AperNodeEdge(String label, Map<String, String> versions) {
        this(label, versions, E2smFamilies::forOid);
    }

    /** An edge with its own family lookup (tests: a pass-through family; OID to family, null for none). */
    public AperNodeEdge(String label, Map<String, String> versions, Function<String, E2smFamilies.Family> families) {
        this.label = Objects.requireNonNull(label, "label");
        this.versions = Map.copyOf(versions);
        this.families = Objects.requireNonNull(families, "families");
    }

    /** The version map for a KPM version (the other families speak their newest). */
    public static Map<String, String> kpmVersion(String kpmVersion) {
        return Map.of("E2SM-KPM", Objects.requireNonNull(kpmVersion, "kpmVersion"));
    }

    /** The outcome of one inbound frame. */
    public record Inbound(E2apPdu pdu, List<byte[]> replies, String problem) {
        /** Whether the frame reached the protobuf model (else {@link #problem()} says why). */
        public boolean decoded() {
            return pdu != null;
        }
    }

    // ------------------------------------------------------------------------------ outbound

    /**
     * The APER E2AP-PDUs that carry {@code pdu}: usually one, several for an indication the node side
     * splits, none when an indication carries nothing the service model holds.
     *
     * @throws E2smException the E2SM payloads do not translate (the PDU is not sent)
     * @throws AperException the PDU has no APER encoding (e.g. a message-less PDU)
     */
    public synchronized List<byte[]> outbound(E2apPdu pdu) throws E2smException {
        List<E2apPdu> translated = toAper(pdu);
        List<byte[]> out = new ArrayList<>(translated.size());
        for (E2apPdu p : translated) out.add(E2apAperCodec.encode(p));
        return out;
    }

    /** {@code pdu} with its E2SM payloads as APER (still the protobuf E2AP model), possibly several. */
    public synchronized List<E2apPdu> toAper(E2apPdu pdu) throws E2smException {
        switch (pdu.getPduCase()) {
            case INITIATING_MESSAGE -> {
                InitiatingMessage m = pdu.getInitiatingMessage();
                switch (m.getValueCase()) {
                    case E2_SETUP_REQUEST -> {
                        E2SetupRequest req = m.getE2SetupRequest();
                        endAll();  // a new setup: what the previous one advertised is gone
                        functions.clear();
                        E2SetupRequest.Builder b = req.toBuilder().clearRanFunctions();
                        for (RanFunctionItem f : req.getRanFunctionsList()) b.addRanFunctions(advertise(f));
                        return List.of(with(pdu, m.toBuilder().setE2SetupRequest(b)));
                    }
                    case RIC_SERVICE_UPDATE -> {
                        RicServiceUpdate u = m.getRicServiceUpdate();
                        RicServiceUpdate.Builder b = u.toBuilder().clearRanFunctionsAdded().clearRanFunctionsModified();
                        for (RanFunctionItem f : u.getRanFunctionsAddedList()) b.addRanFunctionsAdded(advertise(f));
                        for (RanFunctionItem f : u.getRanFunctionsModifiedList()) b.addRanFunctionsModified(advertise(f));
                        for (RanFunctionIdItem d : u.getRanFunctionsDeletedList()) {
                            end(d.getRanFunctionId());
                            functions.remove(d.getRanFunctionId());
                        }
                        return List.of(with(pdu, m.toBuilder().setRicServiceUpdate(b)));
                    }
                    case RIC_INDICATION -> {
                        RicIndication ind = m.getRicIndication();
                        NodeSideFunction fn = functions.get(ind.getRanFunctionId());
                        if (fn == null) return List.of(pdu);
                        List<E2apPdu> out = new ArrayList<>();
                        for (RicIndication i : fn.indicationToRic(ind)) out.add(with(pdu, m.toBuilder().setRicIndication(i)));
                        return out;
                    }
                    default -> {
                        return List.of(pdu);
                    }
                }
            }
            case SUCCESSFUL_OUTCOME -> {
                SuccessfulOutcome m = pdu.getSuccessfulOutcome();
                if (m.hasRicControlAcknowledge()) {
                    NodeSideFunction fn = functions.get(m.getRicControlAcknowledge().getRanFunctionId());
                    if (fn == null) return List.of(pdu);
                    return List.of(pdu.toBuilder().setSuccessfulOutcome(m.toBuilder()
                            .setRicControlAcknowledge(fn.controlAcknowledgeToRic(m.getRicControlAcknowledge()))).build());
                }
                if (m.hasRicSubscriptionDeleteResponse()) {
                    ended(m.getRicSubscriptionDeleteResponse().getRanFunctionId(), m.getRicSubscriptionDeleteResponse().getRicRequestId());
                } else if (m.hasResetResponse()) {
                    endAll();
                }
                return List.of(pdu);
            }
            case UNSUCCESSFUL_OUTCOME -> {
                UnsuccessfulOutcome m = pdu.getUnsuccessfulOutcome();
                if (m.hasRicControlFailure()) {
                    NodeSideFunction fn = functions.get(m.getRicControlFailure().getRanFunctionId());
                    if (fn == null) return List.of(pdu);
                    return List.of(pdu.toBuilder().setUnsuccessfulOutcome(m.toBuilder()
                            .setRicControlFailure(fn.controlFailureToRic(m.getRicControlFailure()))).build());
                }
                if (m.hasRicSubscriptionFailure()) {
                    // the node refused it: whatever subscriptionFromRic kept for it is stale
                    ended(m.getRicSubscriptionFailure().getRanFunctionId(), m.getRicSubscriptionFailure().getRicRequestId());
                }
                return List.of(pdu);
            }
            default -> {
                return List.of(pdu);
            }
        }
    }

    private static E2apPdu with(E2apPdu pdu, InitiatingMessage.Builder m) {
        return pdu.toBuilder().setInitiatingMessage(m).build();
    }

    /** The RAN function as a real node advertises it, remembering its node side. */
    private RanFunctionItem advertise(RanFunctionItem f) throws E2smException {
        E2smFamilies.Family family = families.apply(f.getRanFunctionOid());
        if (family == null) {
            end(f.getRanFunctionId());
            functions.remove(f.getRanFunctionId());
            return f;  // no family: the payloads stay as they are
        }
        String version = versions.getOrDefault(family.serviceModel(), family.versions().isEmpty() ? null : family.versions().get(0));
        if (version == null || !family.versions().contains(version)) {
            throw new E2smException(family.serviceModel() + " (RAN function " + f.getRanFunctionId() + "): version "
                    + version + " is not one jRIC's node side speaks (expected one of " + family.versions() + ")");
        }
        NodeSideFunction fn = family.nodeSide(version);
        ByteString def = fn.definitionToAper(f.getRanFunctionDefinition());
        end(f.getRanFunctionId());
        functions.put(f.getRanFunctionId(), fn);
        return f.toBuilder().setRanFunctionDefinition(def).build();
    }

    // ------------------------------------------------------------------------------ inbound

    /**
     * One APER E2AP-PDU from the RIC: the PDU for the node's logic (E2SM payloads as protobuf), or
     * null with the replies the edge sends itself (APER) and the problem in words for the log.
     */
    public synchronized Inbound inbound(byte[] aper) {
        E2apPdu pdu;
        try {
            E2apAperCodec.Decoded d = E2apAperCodec.decode(aper);
            pdu = d.pdu();
            if (pdu == null) {
                String why = "E2AP procedure " + d.frame().procedureCode() + " (" + d.frame().type()
                        + ") has no message a node of jRIC's simulator handles";
                return new Inbound(null, List.of(E2apAperCodec.encode(errorIndication(
                        Cause.newBuilder().setProtocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE).build()))), why);
            }
        } catch (AperException e) {
            String why = undecodable(aper, e);
            return new Inbound(null, List.of(E2apAperCodec.encode(errorIndication(
                    Cause.newBuilder().setProtocol(CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR).build()))), why);
        }
        return fromAper(pdu);
    }

    /** An inbound PDU already decoded (E2SM payloads still APER) translated for the node's logic. */
    public synchronized Inbound fromAper(E2apPdu pdu) {
        if (!pdu.hasInitiatingMessage()) return new Inbound(pdu, List.of(), null);
        InitiatingMessage m = pdu.getInitiatingMessage();
        switch (m.getValueCase()) {
            case RIC_SUBSCRIPTION_REQUEST -> {
                RicSubscriptionRequest req = m.getRicSubscriptionRequest();
                NodeSideFunction fn = functions.get(req.getRanFunctionId());
                if (fn == null) return new Inbound(pdu, List.of(), null);
                try {
                    RicSubscriptionRequest t = fn.subscriptionFromRic(req);
                    subscriptions.computeIfAbsent(req.getRanFunctionId(), k -> new LinkedHashSet<>()).add(req.getRicRequestId());
                    return new Inbound(with(pdu, m.toBuilder().setRicSubscriptionRequest(t)), List.of(), null);
                } catch (E2smException | RuntimeException e) {
                    String why = "RICsubscriptionRequest " + requestId(req.getRicRequestId()) + " for " + fn.serviceModel() + " "
                            + fn.version() + ": " + e.getMessage();
                    E2apPdu failure = E2Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicSubscriptionFailure(
                            RicSubscriptionFailure.newBuilder().setRicRequestId(req.getRicRequestId())
                                    .setRanFunctionId(req.getRanFunctionId())
                                    .setCause(E2Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_FALSELY_CONSTRUCTED_MESSAGE))));
                    return new Inbound(null, List.of(E2apAperCodec.encode(failure)), why);
                }
            }
            case RIC_SUBSCRIPTION_DELETE_REQUEST -> {
                RicSubscriptionDeleteRequest req = m.getRicSubscriptionDeleteRequest();
                ended(req.getRanFunctionId(), req.getRicRequestId());
                return new Inbound(pdu, List.of(), null);
            }
            case RIC_CONTROL_REQUEST -> {
                RicControlRequest req = m.getRicControlRequest();
                NodeSideFunction fn = functions.get(req.getRanFunctionId());
                if (fn == null) return new Inbound(pdu, List.of(), null);
                try {
                    return new Inbound(with(pdu, m.toBuilder().setRicControlRequest(fn.controlFromRic(req))), List.of(), null);
                } catch (E2smException | RuntimeException e) {
                    String why = "RICcontrolRequest " + requestId(req.getRicRequestId()) + " for " + fn.serviceModel() + " "
                            + fn.version() + ": " + e.getMessage();
                    RicControlFailure.Builder f = RicControlFailure.newBuilder().setRicRequestId(req.getRicRequestId())
                            .setRanFunctionId(req.getRanFunctionId())
                            .setCause(E2Pdus.ricRequest(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID));
                    if (req.hasRicCallProcessId()) f.setRicCallProcessId(req.getRicCallProcessId());
                    return new Inbound(null, List.of(E2apAperCodec.encode(
                            E2Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicControlFailure(f)))), why);
                }
            }
            case RESET_REQUEST -> {
                endAll();
                return new Inbound(pdu, List.of(), null);
            }
            default -> {
                return new Inbound(pdu, List.of(), null);
            }
        }
    }

    /** The node side of RAN function {@code ranFunctionId} on this association, or null (none, or no family). */
    public synchronized NodeSideFunction function(int ranFunctionId) {
        return functions.get(ranFunctionId);
    }

    /** Forgets every subscription (the association ended). */
    public synchronized void close() {
        endAll();
        functions.clear();
    }

    private void ended(int ranFunctionId, RicRequestId id) {
        NodeSideFunction fn = functions.get(ranFunctionId);
        Set<RicRequestId> s = subscriptions.get(ranFunctionId);
        if (s != null) s.remove(id);
        if (fn != null) fn.subscriptionEnded(id);
    }

    private void end(int ranFunctionId) {
        NodeSideFunction fn = functions.get(ranFunctionId);
        Set<RicRequestId> s = subscriptions.remove(ranFunctionId);
        if (fn == null || s == null) return;
        for (RicRequestId id : s) fn.subscriptionEnded(id);
    }

    private void endAll() {
        for (Integer id : List.copyOf(subscriptions.keySet())) end(id);
    }

    // ------------------------------------------------------------------------------ helpers

    /** The log line of an undecodable frame: size, hex of the first 64 octets, bit position and reason. */
    public static String undecodable(byte[] aper, AperException e) {
        return "not a decodable E2AP PDU (" + aper.length + " octets"
                + (aper.length == 0 ? "" : ", first " + Math.min(aper.length, HEX_PREFIX) + ": "
                        + HexFormat.of().formatHex(aper, 0, Math.min(aper.length, HEX_PREFIX)))
                + "): " + e.reason() + " at bit " + e.bitPosition();
    }

    private static E2apPdu errorIndication(Cause cause) {
        return E2apPdu.newBuilder().setInitiatingMessage(InitiatingMessage.newBuilder()
                .setCriticality(Criticality.CRITICALITY_IGNORE)
                .setErrorIndication(ErrorIndication.newBuilder().setCause(cause))).build();
    }

    private static String requestId(RicRequestId id) {
        return id.getRicRequestorId() + "/" + id.getRicInstanceId();
    }

    @Override
    public String toString() {
        return "AperNodeEdge[" + label + "]";
    }
}
