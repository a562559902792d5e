package io.jric.gateway;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.E2NodeInfo;
import io.jric.api.e2.E2NodeService;
import io.jric.api.xapp.ControlClient;
import io.jric.core.internal.grid.RicGrid;
import io.jric.proto.xapp.v1.Ack;
import io.jric.proto.xapp.v1.AttachRequest;
import io.jric.proto.xapp.v1.ControlRequest;
import io.jric.proto.xapp.v1.ControlResponse;
import io.jric.proto.xapp.v1.HealthRequest;
import io.jric.proto.xapp.v1.HealthResponse;
import io.jric.proto.xapp.v1.ModelResult;
import io.jric.proto.xapp.v1.PolicyStatusReport;
import io.jric.proto.xapp.v1.RemoteXappState;
import io.jric.proto.xapp.v1.XappEvent;
import io.jric.proto.xapp.v1.XappPlatformServiceGrpc;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/** {@code oran.ric.xapp.v1.XappPlatformService} over one grid node's {@link RemoteXappGateway}. */
final class XappPlatformServiceImpl extends XappPlatformServiceGrpc.XappPlatformServiceImplBase {
    static final Context.Key<String> PEER = Context.key("xapp-peer");

    private final RemoteXappGateway gateway;
    private final RicGrid grid;
    private final E2NodeService nodes;
    private final BooleanSupplier stopping;

    XappPlatformServiceImpl(RemoteXappGateway gateway, RicGrid grid, E2NodeService nodes, BooleanSupplier stopping) {
        this.gateway = gateway;
        this.grid = grid;
        this.nodes = nodes;
        this.stopping = stopping;
    }

    @Override
    public void attach(AttachRequest request, StreamObserver<XappEvent> responses) {
        try {
            gateway.attach(request.getXappName(), String.valueOf(PEER.get()),
                    (ServerCallStreamObserver<XappEvent>) responses);
        } catch (RemoteXappGateway.StatusException e) {
            responses.onError(e.status.asRuntimeException());
        }
    }

    @Override
    public void control(ControlRequest r, StreamObserver<ControlResponse> responses) {
        CompletionStage<ControlOutcome> outcome;
        try {
            List<RemoteXapp> local = gateway.requireLocal(r.getXappName());
            if (r.getNodeId().isEmpty()) throw invalid("node_id: empty");
            ControlClient c = local.get(0).ctx().control();
            if (r.getHoldMs() != 0) c = c.holding(java.time.Duration.ofMillis(Integer.toUnsignedLong(r.getHoldMs())));
            switch (r.getActionCase()) {
                case TX_POWER:
                    outcome = c.txPower(r.getNodeId(), cell("tx_power.cell_id", r.getTxPower().getCellId()),
                            r.getTxPower().getDbm());
                    break;
                case CELL_INDIVIDUAL_OFFSET:
                    outcome = c.cellIndividualOffset(r.getNodeId(),
                            cell("cell_individual_offset.cell_id", r.getCellIndividualOffset().getCellId()),
                            r.getCellIndividualOffset().getDb());
                    break;
                case HANDOVER:
                    outcome = c.handover(r.getNodeId(), r.getHandover().getUeId(),
                            cell("handover.target_cell_id", r.getHandover().getTargetCellId()));
                    break;
                case CELL_SLEEP:
                    outcome = c.cellSleep(r.getNodeId(), cell("cell_sleep.cell_id", r.getCellSleep().getCellId()),
                            r.getCellSleep().getSleep());
                    break;
                case A3_HYSTERESIS:
                    outcome = c.a3Hysteresis(r.getNodeId(), cell("a3_hysteresis.cell_id", r.getA3Hysteresis().getCellId()),
                            r.getA3Hysteresis().getDb());
                    break;
                case A3_TIME_TO_TRIGGER:
                    outcome = c.a3TimeToTrigger(r.getNodeId(),
                            cell("a3_time_to_trigger.cell_id", r.getA3TimeToTrigger().getCellId()), r.getA3TimeToTrigger().getMs());
                    break;
                case INTER_FREQUENCY_OFFSET:
                    outcome = c.interFrequencyOffset(r.getNodeId(),
                            cell("inter_frequency_offset.cell_id", r.getInterFrequencyOffset().getCellId()),
                            Integer.toUnsignedLong(r.getInterFrequencyOffset().getNrArfcn()), r.getInterFrequencyOffset().getDb());
                    break;
                case INTER_FREQUENCY_THRESHOLD: {
                    var t = r.getInterFrequencyThreshold();
                    double t1 = !t.hasThreshold1Dbm() ? Double.NaN
                            : t.getThreshold1Dbm() >= 0 ? ControlClient.A4 : t.getThreshold1Dbm();
                    outcome = c.interFrequencyThresholds(r.getNodeId(),
                            cell("inter_frequency_threshold.cell_id", t.getCellId()), t1, t.getThreshold2Dbm());
                    break;
                }
                default:
                    throw invalid("action: not set (one of tx_power, cell_individual_offset, handover, cell_sleep, "
                            + "a3_hysteresis, a3_time_to_trigger, inter_frequency_offset, inter_frequency_threshold)");
            }
        } catch (RemoteXappGateway.StatusException e) {
            responses.onError(e.status.asRuntimeException());
            return;
        } catch (IllegalArgumentException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        long reportNanos = r.getReportRicNanos();
        outcome.whenComplete((o, t) -> {
            if (t != null) {
                responses.onError(Status.INTERNAL.withDescription("control failed: " + t).asRuntimeException());
            } else {
                responses.onNext(ProtoMapping.outcome(o, reportNanos));
                responses.onCompleted();
            }
        });
    }

    @Override
    public void release(io.jric.proto.xapp.v1.ReleaseRequest r, StreamObserver<io.jric.proto.xapp.v1.ReleaseResponse> responses) {
        try {
            List<RemoteXapp> local = gateway.requireLocal(r.getXappName());
            if (r.getNodeId().isEmpty()) throw invalid("node_id: empty");
            int n = local.get(0).ctx().control().release(r.getNodeId(), cell("cell_id", r.getCellId()));
            responses.onNext(io.jric.proto.xapp.v1.ReleaseResponse.newBuilder().setReleased(n).build());
            responses.onCompleted();
        } catch (RemoteXappGateway.StatusException e) {
            responses.onError(e.status.asRuntimeException());
        }
    }

    private static String cell(String field, String cellId) throws RemoteXappGateway.StatusException {
        if (cellId.isEmpty()) throw invalid(field + ": empty");
        try {
            io.jric.proto.E2Ids.parseCellId(cellId);
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + cellId + " is not a cell id (expected <6 hex digits>:<9 hex digits>)");
        }
        return cellId;
    }

    private static RemoteXappGateway.StatusException invalid(String description) {
        return new RemoteXappGateway.StatusException(Status.INVALID_ARGUMENT.withDescription(description));
    }

    @Override
    public void reportPolicyStatus(PolicyStatusReport r, StreamObserver<Ack> responses) {
        try {
            gateway.answer(r.getXappName(), r.getCorrelationId(), true, r.getEnforced(), r.getReason());
            responses.onNext(Ack.getDefaultInstance());
            responses.onCompleted();
        } catch (RemoteXappGateway.StatusException e) {
            responses.onError(e.status.asRuntimeException());
        }
    }

    @Override
    public void reportModelResult(ModelResult r, StreamObserver<Ack> responses) {
        try {
            gateway.answer(r.getXappName(), r.getCorrelationId(), false, r.getAccepted(), r.getReason());
            responses.onNext(Ack.getDefaultInstance());
            responses.onCompleted();
        } catch (RemoteXappGateway.StatusException e) {
            responses.onError(e.status.asRuntimeException());
        }
    }

    @Override
    public void recordExperience(io.jric.proto.xapp.v1.ExperienceRecord r,
                                 StreamObserver<io.jric.proto.xapp.v1.ExperienceRecorded> responses) {
        long id;
        try {
            List<RemoteXapp> local = gateway.requireLocal(r.getXappName());
            io.jric.api.xapp.ExperienceRecorder rec = local.get(0).ctx().experience();
            if (!rec.enabled()) {
                throw new RemoteXappGateway.StatusException(Status.FAILED_PRECONDITION.withDescription("xApp " + r.getXappName()
                        + " declares no experience section in its descriptor (docs/ml-lifecycle.md)"));
            }
            if (r.getNodeId().isEmpty()) throw invalid("node_id: empty");
            String cell = cell("cell_id", r.getCellId());
            if (r.getUeId() < 0) throw invalid("ue_id: " + Long.toUnsignedString(r.getUeId()) + " (expected: below 2^63)");
            id = r.getDecisionTimeMs() == 0
                    ? rec.record(r.getNodeId(), cell, r.getUeId(), r.getFeaturesMap(), r.getActionMap())
                    : rec.record(r.getDecisionTimeMs(), r.getNodeId(), cell, r.getUeId(), r.getFeaturesMap(), r.getActionMap());
        } catch (RemoteXappGateway.StatusException e) {
            responses.onError(e.status.asRuntimeException());
            return;
        } catch (IllegalArgumentException e) {
            responses.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        boolean recorded = id != io.jric.api.xapp.ExperienceRecorder.NOT_RECORDED;
        responses.onNext(io.jric.proto.xapp.v1.ExperienceRecorded.newBuilder().setRecorded(recorded).setRowId(recorded ? id : 0).build());
        responses.onCompleted();
    }

    @Override
    public void health(HealthRequest request, StreamObserver<HealthResponse> responses) {
        HealthResponse.Builder b = HealthResponse.newBuilder()
                .setRicNode(gateway.gridNode)
                .setState(stopping.getAsBoolean() ? "STOPPING" : "SERVING")
                .setGridServers(grid.serverCount());
        if (nodes != null) b.setE2NodesConnected((int) nodes.nodes().stream().filter(E2NodeInfo::connected).count());
        for (RemoteXappGateway.State s : gateway.states()) {
            RemoteXappState.Builder x = RemoteXappState.newBuilder().setXappName(s.name).addAllInstanceIds(s.instanceIds);
            if (s.session != null && !s.session.isClosed()) {
                x.setAttached(true).setPeer(s.session.peer).setAttachedSinceMs(s.session.attachedAtMs)
                        .setEventsSent(s.session.sent()).setEventsDropped(s.session.dropped());
            }
            b.addXapps(x);
        }
        responses.onNext(b.build());
        responses.onCompleted();
    }
}
