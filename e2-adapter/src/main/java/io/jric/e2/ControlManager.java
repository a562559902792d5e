package io.jric.e2;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2ControlService;
import io.jric.api.e2.ServiceModels;
import io.jric.proto.e2.v1.E2apPdu;
import io.jric.proto.e2.v1.InitiatingMessage;
import io.jric.proto.e2.v1.ProcedureCode;
import io.jric.proto.e2.v1.RicControlAckRequest;
import io.jric.proto.e2.v1.RicControlAcknowledge;
import io.jric.proto.e2.v1.RicControlFailure;
import io.jric.proto.e2.v1.RicControlRequest;
import io.jric.proto.e2.v1.RicControlStatus;
import io.jric.proto.e2.v1.RicRequestId;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** RIC Control: send to the node's RC function, return ack / failure / timeout, log it in the grid. */
final class ControlManager implements E2ControlService {
    /** ricRequestorID the platform uses for controls. */
    static final int CONTROL_REQUESTOR = 2;

    private final E2Termination termination;

    ControlManager(E2Termination termination) {
        this.termination = termination;
    }

    @Override
    public CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                                     Duration timeout, String origin) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(message, "message");
        Duration t = timeout == null ? termination.settings().controlTimeout() : timeout;
        String action = describe(message);
        if (message.getActionCase() == RcControlMessage.ActionCase.ACTION_NOT_SET) {
            return refused(nodeId, action, origin, "ricControlMessage: no action set (expected: handover, cell_individual_offset, "
                    + "tx_power, cell_sleep, a3_hysteresis, a3_time_to_trigger, slice_prb_quota or inter_frequency)");
        }
        Association a = termination.nodeManager().association(nodeId);
        if (a == null) {
            return refused(nodeId, action, origin, "nodeId: " + nodeId + " is not connected to this RIC");
        }
        int rcFunction = a.ranFunctionId(ServiceModels.RC_OID);
        if (rcFunction < 0) {
            return refused(nodeId, action, origin, "nodeId: " + nodeId + " has no E2SM-RC RAN function");
        }
        RicRequestId rid = Pdus.requestId(CONTROL_REQUESTOR, a.nextControlInstance());
        Span span = termination.telemetry().tracer().spanBuilder("e2.control").setSpanKind(SpanKind.PRODUCER)
                .setAttribute("e2.node", nodeId).setAttribute("rc.action", action)
                .setAttribute("ric.origin", origin).startSpan();
        Map<String, String> trace = new HashMap<>(4);
        termination.telemetry().inject(Context.current().with(span), trace);
        E2apPdu pdu = Pdus.initiating(InitiatingMessage.newBuilder().setRicControlRequest(RicControlRequest.newBuilder()
                        .setRicRequestId(rid).setRanFunctionId(rcFunction)
                        .setRicControlHeader(header.toByteString()).setRicControlMessage(message.toByteString())
                        .setRicControlAckRequest(RicControlAckRequest.RIC_CONTROL_ACK_REQUEST_ACK)))
                .toBuilder().putAllTraceContext(trace).build();
        long start = System.nanoTime();
        CompletableFuture<ControlOutcome> result = new CompletableFuture<>();
        a.transact(ProcedureCode.PROCEDURE_CODE_RIC_CONTROL, rid, pdu, t.toNanos(), 0).whenComplete((answer, err) -> {
            long rtt = System.nanoTime() - start;
            ControlOutcome o = outcome(nodeId, answer, err, rtt);
            // The caller first; bookkeeping after, off its critical path.
            result.complete(o);
            E2Stats stats = termination.stats();
            switch (o.status()) {
                case ACK: stats.controlsAcked.increment(); stats.controlRoundTrip.record(rtt); break;
                case FAILURE: stats.controlsFailed.increment(); stats.controlRoundTrip.record(rtt); break;
                case TIMEOUT: stats.controlsTimedOut.increment(); break;
                default: stats.controlsRefused.increment();
            }
            if (o.status() != ControlStatus.ACK) span.setStatus(StatusCode.ERROR, o.detail());
            span.setAttribute("e2.control.status", o.status().name());
            span.end();
            termination.ingest().logControl(nodeId, action, o.status().name(), o.detail(), rtt, origin);
        });
        return result;
    }

    /**
     * The control as the control log shows it: the action, its target (cell id, or {@code ue:<id>})
     * and the value set, e.g. {@code tx_power 00f110:000004001 43.0 dBm}.
     */
    static String describe(RcControlMessage m) {
        switch (m.getActionCase()) {
            case TX_POWER:
                return "tx_power " + cell(m.getTxPower().getCell()) + " " + m.getTxPower().getTxPowerDbm() + " dBm";
            case CELL_INDIVIDUAL_OFFSET:
                return "cell_individual_offset " + cell(m.getCellIndividualOffset().getCell()) + " "
                        + m.getCellIndividualOffset().getCioDb() + " dB";
            case HANDOVER:
                return "handover ue:" + m.getHandover().getUeId() + " to " + cell(m.getHandover().getTargetCell());
            case CELL_SLEEP:
                return "cell_sleep " + cell(m.getCellSleep().getCell()) + " " + (m.getCellSleep().getSleep() ? "sleep" : "wake");
            case A3_HYSTERESIS:
                return "a3_hysteresis " + cell(m.getA3Hysteresis().getCell()) + " " + m.getA3Hysteresis().getHysteresisDb() + " dB";
            case A3_TIME_TO_TRIGGER:
                return "a3_time_to_trigger " + cell(m.getA3TimeToTrigger().getCell()) + " "
                        + m.getA3TimeToTrigger().getTimeToTriggerMs() + " ms";
            case INTER_FREQUENCY: {
                var f = m.getInterFrequency();
                StringBuilder b = new StringBuilder("inter_frequency ").append(cell(f.getCell()));
                if (f.hasThreshold1Dbm()) {
                    b.append(f.getThreshold1Dbm() >= 0 ? " threshold1 off (A4)" : " threshold1 " + f.getThreshold1Dbm() + " dBm");
                }
                if (f.hasThreshold2Dbm()) b.append(" threshold2 ").append(f.getThreshold2Dbm()).append(" dBm");
                if (f.hasFrequencyOffsetDb()) {
                    b.append(" offset ").append(f.getFrequencyOffsetDb()).append(" dB for nr-arfcn ").append(Integer.toUnsignedLong(f.getNrArfcn()));
                }
                return b.toString();
            }
            case SLICE_PRB_QUOTA:
                return "slice_prb_quota sst " + m.getSlicePrbQuota().getSst()
                        + (m.getSlicePrbQuota().hasSd() ? " sd " + Integer.toHexString(m.getSlicePrbQuota().getSd()) : "")
                        + " min " + m.getSlicePrbQuota().getMinPrbRatio() + " max " + m.getSlicePrbQuota().getMaxPrbRatio()
                        + " dedicated " + m.getSlicePrbQuota().getDedicatedPrbRatio() + " %";
            default:
                return m.getActionCase().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static String cell(io.jric.proto.e2sm.kpm.v1.NrCgi cgi) {
        return cgi.getPlmnIdentity().size() == 3 ? io.jric.proto.E2Ids.cellId(cgi) : "nci:" + cgi.getNrCellIdentity();
    }

    private static ControlOutcome outcome(String nodeId, E2apPdu answer, Throwable err, long rtt) {
        if (err != null) {
            Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
            if (cause instanceof TimeoutException) {
                return new ControlOutcome(ControlStatus.TIMEOUT, nodeId, cause.getMessage(), null, 0);
            }
            return new ControlOutcome(ControlStatus.FAILURE, nodeId, String.valueOf(cause.getMessage()), null, 0);
        }
        if (answer.hasUnsuccessfulOutcome()) {
            RicControlFailure f = answer.getUnsuccessfulOutcome().getRicControlFailure();
            return new ControlOutcome(ControlStatus.FAILURE, nodeId, Pdus.describe(f.getCause()),
                    f.getRicControlOutcome().toByteArray(), rtt);
        }
        RicControlAcknowledge ack = answer.getSuccessfulOutcome().getRicControlAcknowledge();
        if (ack.getRicControlStatus() != RicControlStatus.RIC_CONTROL_STATUS_SUCCESS) {
            return new ControlOutcome(ControlStatus.FAILURE, nodeId, "ricControlStatus: " + ack.getRicControlStatus(),
                    ack.getRicControlOutcome().toByteArray(), rtt);
        }
        return new ControlOutcome(ControlStatus.ACK, nodeId, "", ack.getRicControlOutcome().toByteArray(), rtt);
    }

    private CompletableFuture<ControlOutcome> refused(String nodeId, String action, String origin, String why) {
        termination.stats().controlsRefused.increment();
        termination.ingest().logControl(nodeId, action, ControlStatus.REFUSED.name(), why, 0, origin);
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId, why, null, 0));
    }
}
