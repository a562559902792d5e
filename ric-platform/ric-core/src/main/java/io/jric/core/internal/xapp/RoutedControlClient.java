package io.jric.core.internal.xapp;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.A3HysteresisControl;
import io.jric.proto.e2sm.rc.v1.A3TimeToTriggerControl;
import io.jric.proto.e2sm.rc.v1.CellIndividualOffsetControl;
import io.jric.proto.e2sm.rc.v1.CellSleepControl;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * An xApp's typed controls as the RIC makes them: each call becomes an E2SM-RC header and message and one
 * {@link ControlRouter.Request} (the action, its target and value, and how long it holds its parameter); what happens to
 * the request is the subclass's {@link #send}. The RIC's xApp context routes it through the node's router; a host that
 * steps a simulated network routes it through a router of its own (the joint evaluation of the handover and
 * load-balancing xApps), so both make exactly the same requests.
 */
public abstract class RoutedControlClient implements ControlClient {
    private static final RcControlHeader CELL_HEADER = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();

    /** How long each control holds its parameter (0: the arbitration window only). */
    protected final long holdNanos;

    protected RoutedControlClient(long holdNanos) {
        this.holdNanos = holdNanos;
    }

    /** Routes one request; completes with its outcome. */
    protected abstract CompletionStage<ControlOutcome> send(ControlRouter.Request request);

    /** The same client whose controls hold their parameter for {@code holdNanos}. */
    protected abstract ControlClient withHold(long holdNanos);

    @Override
    public ControlClient holding(java.time.Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease: " + lease + " (expected " + MIN_LEASE + " .. " + MAX_LEASE + ")");
        }
        return withHold(lease.toNanos());
    }

    private CompletionStage<ControlOutcome> send(ControlAction action, String nodeId, String target, double value,
                                                 RcControlHeader header, RcControlMessage message) {
        return send(new ControlRouter.Request(action, nodeId, target, value, header, message, holdNanos));
    }

    @Override
    public CompletionStage<ControlOutcome> txPower(String nodeId, String cellId, double dbm) {
        return send(ControlAction.TX_POWER, nodeId, cellId, dbm, CELL_HEADER, RcControlMessage.newBuilder()
                .setTxPower(TxPowerControl.newBuilder().setCell(cell(cellId)).setTxPowerDbm((float) dbm)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> cellIndividualOffset(String nodeId, String cellId, double db) {
        return send(ControlAction.CELL_INDIVIDUAL_OFFSET, nodeId, cellId, db,
                RcControlHeader.newBuilder().setRicStyleType(2).setControlActionId(1).build(),
                RcControlMessage.newBuilder().setCellIndividualOffset(CellIndividualOffsetControl.newBuilder()
                        .setCell(cell(cellId)).setCioDb((float) db)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> handover(String nodeId, long ueId, String targetCellId) {
        return send(ControlAction.HANDOVER, nodeId, "ue:" + ueId, cell(targetCellId).getNrCellIdentity(),
                RcControlHeader.newBuilder().setRicStyleType(3).setControlActionId(1).setUeId(ueId).build(),
                RcControlMessage.newBuilder().setHandover(HandoverControl.newBuilder().setUeId(ueId)
                        .setTargetCell(cell(targetCellId))).build());
    }

    @Override
    public CompletionStage<ControlOutcome> cellSleep(String nodeId, String cellId, boolean sleep) {
        return send(ControlAction.CELL_SLEEP, nodeId, cellId, sleep ? 1 : 0, CELL_HEADER, RcControlMessage.newBuilder()
                .setCellSleep(CellSleepControl.newBuilder().setCell(cell(cellId)).setSleep(sleep)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> a3Hysteresis(String nodeId, String cellId, double db) {
        return send(ControlAction.A3_HYSTERESIS, nodeId, cellId, db,
                RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(3).build(),
                RcControlMessage.newBuilder().setA3Hysteresis(A3HysteresisControl.newBuilder()
                        .setCell(cell(cellId)).setHysteresisDb((float) db)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> a3TimeToTrigger(String nodeId, String cellId, int ms) {
        if (ms < 0) {
            return java.util.concurrent.CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                    "a3_time_to_trigger " + ms + " ms: negative", null, 0));
        }
        return send(ControlAction.A3_TIME_TO_TRIGGER, nodeId, cellId, ms,
                RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(4).build(),
                RcControlMessage.newBuilder().setA3TimeToTrigger(A3TimeToTriggerControl.newBuilder()
                        .setCell(cell(cellId)).setTimeToTriggerMs(ms)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> interFrequencyOffset(String nodeId, String cellId, long nrArfcn, double db) {
        String bad = InterFrequency.checkOffset(nrArfcn, db);
        if (bad != null) {
            return java.util.concurrent.CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                    bad, null, 0));
        }
        return send(ControlAction.INTER_FREQUENCY_OFFSET, nodeId, cellId, db, InterFrequency.HEADER,
                RcControlMessage.newBuilder().setInterFrequency(io.jric.proto.e2sm.rc.v1.InterFrequencyControl.newBuilder()
                        .setCell(cell(cellId)).setNrArfcn((int) nrArfcn).setFrequencyOffsetDb((float) db)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> interFrequencyThresholds(String nodeId, String cellId, double threshold1Dbm,
                                                                    double threshold2Dbm) {
        String bad = InterFrequency.checkThresholds(threshold1Dbm, threshold2Dbm);
        if (bad != null) {
            return java.util.concurrent.CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                    bad, null, 0));
        }
        return send(ControlAction.INTER_FREQUENCY_THRESHOLD, nodeId, cellId, threshold2Dbm, InterFrequency.HEADER,
                InterFrequency.thresholds(cell(cellId), threshold1Dbm, threshold2Dbm));
    }

    private static io.jric.proto.e2sm.kpm.v1.NrCgi cell(String cellId) {
        return E2Ids.parseCellId(Objects.requireNonNull(cellId, "cellId"));
    }
}
