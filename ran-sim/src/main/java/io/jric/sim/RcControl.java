package io.jric.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jric.proto.E2Ids;
import io.jric.proto.e2.v1.CauseRicRequest;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.RicControlAckRequest;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicControlStatus;
import io.jric.proto.e2.v1.SuccessfulOutcome;
import io.jric.proto.e2.v1.UnsuccessfulOutcome;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.RcControlOutcome;

/**
 * Decodes and applies E2SM-RC control requests addressed to one node (package-private, stateless).
 *
 * <p>Failure causes: unknown RAN function: RAN_FUNCTION_ID_INVALID; the KPM function: ACTION_NOT_SUPPORTED;
 * undecodable header/message, no action, a cell or UE the model does not know, or a cell of another
 * node (for cell-scoped actions): CONTROL_MESSAGE_INVALID; a known target the node cannot act on (value
 * out of range, UE not served by this node, target cell asleep, handover failure):
 * CONTROL_FAILED_TO_EXECUTE.
 */
final class RcControl {
    private final RanModel model;
    private final int gnbIndex;
    private final int rcFunctionId;
    private final int kpmFunctionId;

    RcControl(RanModel model, int gnbIndex, int rcFunctionId, int kpmFunctionId) {
        this.model = model;
        this.gnbIndex = gnbIndex;
        this.rcFunctionId = rcFunctionId;
        this.kpmFunctionId = kpmFunctionId;
    }

    /** Outcome of one request: the reply to send (null for a successful NO_ACK request). */
    record Result(boolean applied, String action, String detail, E2apPdu reply) {}

    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        final CauseRicRequest cause;

        Rejected(CauseRicRequest cause, String detail) {
            super(detail, null, false, false);
            this.cause = cause;
        }
    }

    Result handle(RicControlRequest req) {
        String action = "unknown";
        try {
            if (req.getRanFunctionId() != rcFunctionId) {
                throw new Rejected(req.getRanFunctionId() == kpmFunctionId
                        ? CauseRicRequest.CAUSE_RIC_REQUEST_ACTION_NOT_SUPPORTED
                        : CauseRicRequest.CAUSE_RIC_REQUEST_RAN_FUNCTION_ID_INVALID,
                        "ran function " + req.getRanFunctionId() + " does not take controls");
            }
            RcControlHeader header;
            RcControlMessage msg;
            try {
                header = RcControlHeader.parseFrom(req.getRicControlHeader());
                msg = RcControlMessage.parseFrom(req.getRicControlMessage());
            } catch (InvalidProtocolBufferException e) {
                throw new Rejected(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID,
                        "undecodable E2SM-RC header or message: " + e.getMessage());
            }
            action = msg.getActionCase().name().toLowerCase();
            double valueAfter = apply(header, msg);
            String detail = action + " applied";
            boolean ack = !req.hasRicControlAckRequest()
                    || req.getRicControlAckRequest() == RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK;
            E2apPdu reply = !ack ? null : E2Pdus.successful(SuccessfulOutcome.newBuilder().setRicControlAcknowledge(
                    withCallProcess(RicControlAcknowledge.newBuilder(), req)
                            .setRicRequestId(req.getRicRequestId())
                            .setRanFunctionId(req.getRanFunctionId())
                            .setRicControlStatus(RicControlStatus.RIC_CONTROL_STATUS_SUCCESS)
                            .setRicControlOutcome(RcControlOutcome.newBuilder().setDetail(detail)
                                    .setValueAfter(valueAfter).build().toByteString())));
            return new Result(true, action, detail, reply);
        } catch (Rejected r) {
            RicControlFailure.Builder f = RicControlFailure.newBuilder()
                    .setRicRequestId(req.getRicRequestId())
                    .setRanFunctionId(req.getRanFunctionId())
                    .setCause(E2Pdus.ricRequest(r.cause))
                    .setRicControlOutcome(RcControlOutcome.newBuilder().setDetail(r.getMessage()).build().toByteString());
            if (req.hasRicCallProcessId()) f.setRicCallProcessId(req.getRicCallProcessId());
            return new Result(false, action, r.getMessage(),
                    E2Pdus.unsuccessful(UnsuccessfulOutcome.newBuilder().setRicControlFailure(f)));
        }
    }

    private static RicControlAcknowledge.Builder withCallProcess(RicControlAcknowledge.Builder b, RicControlRequest req) {
        if (req.hasRicCallProcessId()) b.setRicCallProcessId(req.getRicCallProcessId());
        return b;
    }

    private double apply(RcControlHeader header, RcControlMessage msg) throws Rejected {
        try {
            switch (msg.getActionCase()) {
                case HANDOVER: {
                    long ue = msg.getHandover().getUeId();
                    if (header.hasUeId() && header.getUeId() != ue) {
                        throw invalid("header ue_id " + header.getUeId() + " differs from handover ue_id " + ue);
                    }
                    if (!model.hasUe(ue)) throw invalid("ueId: " + ue + " (unknown UE)");
                    String target = knownCell(msg.getHandover().getTargetCell(), false);
                    String serving = model.servingCell(ue);
                    if (serving == null || model.gnbOf(serving) != gnbIndex) {
                        throw failed("ueId: " + ue + " is not served by this node (serving: " + serving + ")");
                    }
                    return model.handover(ue, target);
                }
                case CELL_INDIVIDUAL_OFFSET:
                    return model.setCio(knownCell(msg.getCellIndividualOffset().getCell(), true),
                            msg.getCellIndividualOffset().getCioDb());
                case TX_POWER:
                    return model.setTxPower(knownCell(msg.getTxPower().getCell(), true), msg.getTxPower().getTxPowerDbm());
                case A3_HYSTERESIS:
                    return model.setA3Hysteresis(knownCell(msg.getA3Hysteresis().getCell(), true),
                            msg.getA3Hysteresis().getHysteresisDb());
                case A3_TIME_TO_TRIGGER:
                    return model.setA3TimeToTrigger(knownCell(msg.getA3TimeToTrigger().getCell(), true),
                            msg.getA3TimeToTrigger().getTimeToTriggerMs());
                case INTER_FREQUENCY: {
                    var m = msg.getInterFrequency();
                    String cell = knownCell(m.getCell(), true);
                    if (m.hasFrequencyOffsetDb() != m.hasNrArfcn()) {
                        throw invalid("inter_frequency: frequency_offset_db and nr_arfcn go together");
                    }
                    if (!m.hasThreshold1Dbm() && !m.hasThreshold2Dbm() && !m.hasFrequencyOffsetDb()) {
                        throw invalid("inter_frequency: nothing to set");
                    }
                    // validate everything before changing anything
                    double[] now = model.interFrequencyThresholds(cell);
                    double t1 = !m.hasThreshold1Dbm() ? now[0]
                            : m.getThreshold1Dbm() >= 0 ? Double.POSITIVE_INFINITY : m.getThreshold1Dbm();
                    double t2 = m.hasThreshold2Dbm() ? m.getThreshold2Dbm() : now[1];
                    String carrier = m.hasNrArfcn() ? model.carrierByArfcn(m.getNrArfcn()) : null;
                    if (carrier != null) {
                        double before = model.interFrequencyOffset(cell, carrier);
                        model.setInterFrequencyOffset(cell, carrier, m.getFrequencyOffsetDb());
                        try {
                            model.setInterFrequencyThresholds(cell, t1, t2);
                        } catch (IllegalArgumentException e) {
                            model.setInterFrequencyOffset(cell, carrier, before);
                            throw e;
                        }
                        return m.getFrequencyOffsetDb();
                    }
                    model.setInterFrequencyThresholds(cell, t1, t2);
                    return t2;
                }
                case CELL_SLEEP: {
                    String cell = knownCell(msg.getCellSleep().getCell(), true);
                    model.setSleep(cell, msg.getCellSleep().getSleep());
                    return model.isSleeping(cell) ? 1 : 0;
                }
                default:
                    throw invalid("E2SM-RC control message carries no action");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw failed(e.getMessage());
        }
    }

    private String knownCell(NrCgi cgi, boolean ownOnly) throws Rejected {
        String id = E2Ids.cellId(cgi);
        if (!model.hasCell(id)) throw invalid("cellId: " + id + " (unknown cell)");
        if (ownOnly && model.gnbOf(id) != gnbIndex) throw invalid("cellId: " + id + " (not a cell of this node)");
        return id;
    }

    private static Rejected invalid(String detail) {
        return new Rejected(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_MESSAGE_INVALID, detail);
    }

    private static Rejected failed(String detail) {
        return new Rejected(CauseRicRequest.CAUSE_RIC_REQUEST_CONTROL_FAILED_TO_EXECUTE, detail);
    }
}
