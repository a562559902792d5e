package io.jric.e2;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.RanFunctionInfo;
import io.jric.api.e2.ServiceModels;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.BitString;
import io.jric.proto.e2.v1.Cause;
import io.jric.proto.e2.v1.CauseMisc;
import io.jric.proto.e2.v1.CauseProtocol;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.CauseRicService;
import io.jric.proto.e2.v1.E2NodeComponentConfigAckItem;
import io.jric.proto.e2.v1.E2NodeComponentConfigItem;
import io.jric.proto.e2.v1.E2NodeComponentIdItem;
import io.jric.proto.e2.v1.E2NodeConfigurationUpdateAcknowledge;
import io.jric.proto.e2.v1.E2SetupFailure;
import io.jric.proto.e2.v1.E2SetupRequest;
import io.jric.proto.e2.v1.E2SetupResponse;
import io.jric.proto.e2.v1.GlobalE2NodeId;
import io.jric.proto.e2.v1.GlobalRicId;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.PlmnIdentity;
import io.jric.proto.e2.v1.RanFunctionIdCauseItem;
import io.jric.proto.e2.v1.RanFunctionIdItem;
import io.jric.proto.e2.v1.RanFunctionItem;
import io.jric.proto.e2.v1.ResetResponse;
import io.jric.proto.e2.v1.RicServiceUpdate;
import io.jric.proto.e2.v1.RicServiceUpdateAcknowledge;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.TimeToWait;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.KpmRanFunctionDefinition;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The global procedures an E2 node starts: E2 Setup (accept, or reject with a cause), Reset,
 * RIC Service Update and E2 Node Configuration Update. Runs on the control-plane thread.
 */
final class SetupHandler {
    private static final Logger LOG = Logger.getLogger(SetupHandler.class.getName());

    private final E2Termination termination;

    SetupHandler(E2Termination termination) {
        this.termination = termination;
    }

    void onSetup(Association a, E2SetupRequest req) {
        int tx = req.getTransactionId();
        if (a.established()) {
            reject(a, tx, Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_MESSAGE_NOT_COMPATIBLE_WITH_RECEIVER_STATE),
                    "E2 Setup on an association that is already set up (open a new association to set up again)");
            return;
        }
        if (tx > 255) {
            reject(a, tx, Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR),
                    "transactionID: " + tx + " (expected: 0..255)");
            return;
        }
        String nodeId;
        String plmn;
        try {
            nodeId = E2Ids.nodeId(req.getGlobalE2NodeId());
            plmn = plmnOf(req.getGlobalE2NodeId());
        } catch (IllegalArgumentException e) {
            reject(a, tx, Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_ABSTRACT_SYNTAX_ERROR_REJECT), e.getMessage());
            return;
        }
        String idProblem = checkNodeId(req.getGlobalE2NodeId(), plmn);
        if (idProblem != null) {
            reject(a, tx, Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR), idProblem);
            return;
        }
        String identityProblem = identityProblem(a, nodeId);
        if (identityProblem != null) {
            termination.stats().identityRejections.increment();
            reject(a, tx, Pdus.misc(CauseMisc.CAUSE_MISC_OM_INTERVENTION), identityProblem);
            return;
        }
        if (!termination.settings().allowedPlmns().isEmpty() && !termination.settings().allowedPlmns().contains(plmn)) {
            reject(a, tx, Pdus.misc(CauseMisc.CAUSE_MISC_OM_INTERVENTION),
                    "globalE2nodeID.plmnIdentity: " + plmn + " is not served by this RIC (expected one of: "
                            + termination.settings().allowedPlmns() + ")");
            return;
        }
        List<RanFunctionInfo> accepted = new ArrayList<>();
        List<RanFunctionIdCauseItem> rejected = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        checkFunctions(a, req.getRanFunctionsList(), accepted, rejected, cells);
        if (accepted.isEmpty()) {
            reject(a, tx, Pdus.ricService(CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED),
                    "ranFunctions: none this RIC supports (" + req.getRanFunctionsCount() + " offered, "
                            + rejected.size() + " rejected; supported OIDs: " + ServiceModels.KPM_OID + ", "
                            + ServiceModels.RC_OID + ")");
            return;
        }

        cells = new ArrayList<>(new java.util.LinkedHashSet<>(cells));
        int maxCells = termination.settings().maxCellsPerNode();
        if (cells.size() > maxCells) {
            reject(a, tx, Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR),
                    "ranFunctions: the KPM function declares " + cells.size() + " cells (expected: at most " + maxCells
                            + " per node, e2.maxCellsPerNode)");
            return;
        }

        E2SetupResponse.Builder resp = E2SetupResponse.newBuilder()
                .setTransactionId(tx)
                .setGlobalRicId(GlobalRicId.newBuilder()
                        .setPlmnIdentity(E2Ids.plmn("001", "01"))
                        .setRicId(BitString.newBuilder().setValue(termination.settings().ricId()).setLength(20)))
                .addAllRanFunctionsRejected(rejected);
        for (RanFunctionInfo f : accepted) {
            resp.addRanFunctionsAccepted(RanFunctionIdItem.newBuilder()
                    .setRanFunctionId(f.ranFunctionId()).setRanFunctionRevision(f.revision()));
        }
        for (E2NodeComponentConfigItem c : req.getComponentConfigAdditionList()) {
            resp.addComponentConfigAdditionAck(E2NodeComponentConfigAckItem.newBuilder()
                    .setInterfaceType(c.getInterfaceType()).setComponentId(c.getComponentId()).setSuccess(true));
        }
        E2NodeInfo info = new E2NodeInfo(nodeId, true, System.currentTimeMillis(), 0, a.peer(), accepted, cells,
                a.transport());
        termination.nodeManager().connected(a, info);
        a.send(Pdus.successful(SuccessfulOutcome.newBuilder().setE2SetupResponse(resp)));
        termination.stats().setupsAccepted.increment();
        LOG.info(() -> "E2 Setup accepted: " + info + " from " + a.peer());
        // Remembered subscriptions first, then the listeners (which may subscribe anew).
        termination.subscriptionManager().nodeReady(a);
        termination.nodeManager().announce(info);
    }

    /**
     * With mutual TLS the node's identity is bound to its certificate: the certificate must be allowed
     * the node id ({@code e2.tls.allowedNodeIds}), and a node connected with one certificate cannot be
     * taken over by an association with another. Without a client certificate (plaintext, or TLS without
     * a client CA) any peer may claim any id and a new association replaces the old one, as a node that
     * reconnects needs: only mutual TLS protects a node's identity.
     */
    private String identityProblem(Association a, String nodeId) {
        String cert = a.certificateName();
        if (cert == null) return null;
        if (!termination.settings().nodeIdAllowed(cert, nodeId)) {
            return "globalE2nodeID: " + nodeId + " is not a node id the client certificate '" + cert
                    + "' may set up (e2.tls.allowedNodeIds)";
        }
        Association current = termination.nodeManager().association(nodeId);
        if (current != null && current != a && current.certificateName() != null && !cert.equals(current.certificateName())) {
            return "globalE2nodeID: " + nodeId + " is connected with another client certificate ('"
                    + current.certificateName() + "'); '" + cert + "' cannot take it over";
        }
        return null;
    }

    private void reject(Association a, int tx, Cause cause, String why) {
        termination.stats().setupsRejected.increment();
        LOG.info(() -> "E2 Setup rejected from " + a.peer() + ": " + Pdus.describe(cause) + ": " + why);
        E2SetupFailure.Builder f = E2SetupFailure.newBuilder().setTransactionId(Math.min(tx, 255)).setCause(cause);
        if (cause.hasMisc()) f.setTimeToWait(TimeToWait.TIME_TO_WAIT_V60S);
        a.send(Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setE2SetupFailure(f)));
    }

    private static String plmnOf(GlobalE2NodeId id) {
        PlmnIdentity p;
        switch (id.getNodeCase()) {
            case GNB: p = id.getGnb().getGlobalGnbId().getPlmnIdentity(); break;
            case EN_GNB: p = id.getEnGnb().getGlobalEnGnbId().getPlmnIdentity(); break;
            case NG_ENB: p = id.getNgEnb().getGlobalNgEnbId().getPlmnIdentity(); break;
            case ENB: p = id.getEnb().getGlobalEnbId().getPlmnIdentity(); break;
            default: throw new IllegalArgumentException("globalE2nodeID: not set");
        }
        return E2Ids.hex(p.getValue());
    }

    private static String checkNodeId(GlobalE2NodeId id, String plmnHex) {
        if (plmnHex.length() != 6) {
            return "globalE2nodeID.plmnIdentity: " + plmnHex.length() / 2 + " octets (expected: 3)";
        }
        BitString bits;
        int min;
        int max;
        switch (id.getNodeCase()) {
            case GNB: bits = id.getGnb().getGlobalGnbId().getGnbId(); min = 22; max = 32; break;
            case EN_GNB: bits = id.getEnGnb().getGlobalEnGnbId().getGnbId(); min = 22; max = 32; break;
            case NG_ENB: bits = id.getNgEnb().getGlobalNgEnbId().getEnbId(); min = 18; max = 21; break;
            default: bits = id.getEnb().getGlobalEnbId().getEnbId(); min = 18; max = 28; break;
        }
        if (bits.getLength() < min || bits.getLength() > max) {
            return "globalE2nodeID node id length: " + bits.getLength() + " bits (expected: " + min + ".." + max + ")";
        }
        if (bits.getLength() < 64 && (bits.getValue() >>> bits.getLength()) != 0) {
            return "globalE2nodeID node id: " + bits.getValue() + " does not fit in " + bits.getLength() + " bits";
        }
        return null;
    }

    /** Sorts offered RAN functions into accepted and rejected; collects the KPM cells. */
    private static void checkFunctions(Association a, List<RanFunctionItem> offered, List<RanFunctionInfo> accepted,
                                       List<RanFunctionIdCauseItem> rejected, List<String> cells) {
        Set<Integer> seen = new HashSet<>();
        for (RanFunctionItem f : offered) {
            CauseRicRequest invalid = null;
            if (f.getRanFunctionId() > 4095 || f.getRanFunctionRevision() > 4095 || !seen.add(f.getRanFunctionId())) {
                invalid = CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID;
            }
            if (invalid != null) {
                rejected.add(RanFunctionIdCauseItem.newBuilder().setRanFunctionId(f.getRanFunctionId())
                        .setCause(Pdus.ricRequest(invalid)).build());
                continue;
            }
            if (!ServiceModels.supported(f.getRanFunctionOid())) {
                rejected.add(RanFunctionIdCauseItem.newBuilder().setRanFunctionId(f.getRanFunctionId())
                        .setCause(Pdus.ricService(CauseRicService.CAUSE_RIC_SERVICE_RAN_FUNCTION_NOT_SUPPORTED)).build());
                continue;
            }
            if (ServiceModels.KPM_OID.equals(f.getRanFunctionOid())) {
                try {
                    for (NrCgi c : KpmRanFunctionDefinition.parseFrom(f.getRanFunctionDefinition()).getCellsList()) {
                        cells.add(E2Ids.cellId(c));
                    }
                } catch (InvalidProtocolBufferException e) {
                    rejected.add(RanFunctionIdCauseItem.newBuilder().setRanFunctionId(f.getRanFunctionId())
                            .setCause(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_TRANSFER_SYNTAX_ERROR)).build());
                    continue;
                }
            }
            accepted.add(new RanFunctionInfo(f.getRanFunctionId(), f.getRanFunctionRevision(), f.getRanFunctionOid(),
                    f.getRanFunctionDefinition().toByteArray(), a.serviceModelVersion(f.getRanFunctionId())));
        }
    }

    /** Reset, RIC Service Update and E2 Node Configuration Update from an established node. */
    void onNodeProcedure(Association a, InitiatingMessage m) {
        switch (m.getValueCase()) {
            case RESET_REQUEST:
                LOG.info(() -> "Reset from " + a.nodeId() + ": " + Pdus.describe(m.getResetRequest().getCause()));
                a.send(Pdus.successful(SuccessfulOutcome.newBuilder().setResetResponse(
                        ResetResponse.newBuilder().setTransactionId(m.getResetRequest().getTransactionId()))));
                // Both ends release every RIC request on reset; the RIC makes its subscriptions again.
                a.subscriptionsReleased();
                termination.subscriptionManager().nodeReady(a);
                return;
            case RIC_SERVICE_UPDATE:
                serviceUpdate(a, m.getRicServiceUpdate());
                return;
            case E2_NODE_CONFIGURATION_UPDATE: {
                var u = m.getE2NodeConfigurationUpdate();
                E2NodeConfigurationUpdateAcknowledge.Builder ack = E2NodeConfigurationUpdateAcknowledge.newBuilder()
                        .setTransactionId(u.getTransactionId());
                for (E2NodeComponentConfigItem c : u.getComponentConfigAdditionList()) ack.addComponentConfigAdditionAck(ackOf(c));
                for (E2NodeComponentConfigItem c : u.getComponentConfigUpdateList()) ack.addComponentConfigUpdateAck(ackOf(c));
                for (E2NodeComponentIdItem c : u.getComponentConfigRemovalList()) {
                    ack.addComponentConfigRemovalAck(E2NodeComponentConfigAckItem.newBuilder()
                            .setInterfaceType(c.getInterfaceType()).setComponentId(c.getComponentId()).setSuccess(true));
                }
                a.send(Pdus.successful(SuccessfulOutcome.newBuilder().setE2NodeConfigurationUpdateAcknowledge(ack)));
                return;
            }
            default:
                throw new IllegalArgumentException("not a node procedure: " + m.getValueCase());
        }
    }

    private static E2NodeComponentConfigAckItem ackOf(E2NodeComponentConfigItem c) {
        return E2NodeComponentConfigAckItem.newBuilder()
                .setInterfaceType(c.getInterfaceType()).setComponentId(c.getComponentId()).setSuccess(true).build();
    }

    private void serviceUpdate(Association a, RicServiceUpdate u) {
        E2NodeInfo node = a.node();
        Map<Integer, RanFunctionInfo> functions = new LinkedHashMap<>();
        for (RanFunctionInfo f : node.ranFunctions()) functions.put(f.ranFunctionId(), f);
        List<RanFunctionInfo> accepted = new ArrayList<>();
        List<RanFunctionIdCauseItem> rejected = new ArrayList<>();
        List<String> cells = new ArrayList<>(node.cellIds());
        List<RanFunctionItem> changed = new ArrayList<>(u.getRanFunctionsAddedList());
        changed.addAll(u.getRanFunctionsModifiedList());
        List<String> newCells = new ArrayList<>();
        checkFunctions(a, changed, accepted, rejected, newCells);
        java.util.LinkedHashSet<String> combined = new java.util.LinkedHashSet<>(cells);
        combined.addAll(newCells);
        int maxCells = termination.settings().maxCellsPerNode();
        if (combined.size() > maxCells) {
            // Refuse the functions that would declare too many cells; the node keeps what it had.
            for (java.util.Iterator<RanFunctionInfo> it = accepted.iterator(); it.hasNext(); ) {
                RanFunctionInfo f = it.next();
                if (!ServiceModels.KPM_OID.equals(f.oid())) continue;
                it.remove();
                rejected.add(RanFunctionIdCauseItem.newBuilder().setRanFunctionId(f.ranFunctionId())
                        .setCause(Pdus.protocol(CauseProtocol.CAUSE_PROTOCOL_SEMANTIC_ERROR)).build());
            }
            LOG.warning(a.nodeId() + ": RIC Service Update refused for its KPM function(s): " + combined.size()
                    + " cells (expected: at most " + maxCells + " per node, e2.maxCellsPerNode)");
            newCells.clear();
        }
        for (RanFunctionInfo f : accepted) functions.put(f.ranFunctionId(), f);
        for (RanFunctionIdItem d : u.getRanFunctionsDeletedList()) functions.remove(d.getRanFunctionId());
        for (String c : newCells) if (!cells.contains(c)) cells.add(c);
        E2NodeInfo updated = new E2NodeInfo(node.nodeId(), true, node.connectedSinceMs(), 0, node.peer(),
                new ArrayList<>(functions.values()), cells, node.transport());
        termination.nodeManager().updated(a, updated);
        RicServiceUpdateAcknowledge.Builder ack = RicServiceUpdateAcknowledge.newBuilder()
                .setTransactionId(u.getTransactionId()).addAllRanFunctionsRejected(rejected);
        for (RanFunctionInfo f : accepted) {
            ack.addRanFunctionsAccepted(RanFunctionIdItem.newBuilder()
                    .setRanFunctionId(f.ranFunctionId()).setRanFunctionRevision(f.revision()));
        }
        a.send(Pdus.successful(SuccessfulOutcome.newBuilder().setRicServiceUpdateAcknowledge(ack)));
    }
}
