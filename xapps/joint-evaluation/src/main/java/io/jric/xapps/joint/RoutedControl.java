package io.jric.xapps.joint;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.descriptor.ControlAction;
import io.jric.api.xapp.descriptor.XappDescriptor;
import io.jric.core.internal.xapp.ControlRouter;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.NrCgi;
import io.jric.proto.e2sm.rc.v1.A3HysteresisControl;
import io.jric.proto.e2sm.rc.v1.A3TimeToTriggerControl;
import io.jric.proto.e2sm.rc.v1.CellIndividualOffsetControl;
import io.jric.proto.e2sm.rc.v1.CellSleepControl;
import io.jric.proto.e2sm.rc.v1.HandoverControl;
import io.jric.proto.e2sm.rc.v1.InterFrequencyControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.proto.e2sm.rc.v1.TxPowerControl;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One xApp's controls as the RIC sends them: typed into E2SM-RC messages and routed through the shared
 * {@link ControlRouter} with the xApp's parsed descriptor (declared controls and ranges, priority), so two xApps in the
 * same simulated network are arbitrated exactly as in a RIC: the conflict window, holds ({@link #holding}) and
 * ownership of the A3 parameters. Counts every outcome per action and status.
 */
final class RoutedControl implements ControlClient {
    private static final RcControlHeader CELL_HEADER = RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(1).build();
    private static final RcControlHeader INTER_FREQUENCY_HEADER = RcControlHeader.newBuilder().setRicStyleType(255)
            .setControlActionId(5).build();

    private final ControlRouter router;
    private final XappDescriptor descriptor;
    private final long holdNanos;
    /** Outcomes per action and status (shared by this client and the holding clients made from it). */
    private final Map<ControlAction, Map<ControlStatus, Long>> outcomes;

    RoutedControl(ControlRouter router, XappDescriptor descriptor) {
        this(router, descriptor, 0, new EnumMap<>(ControlAction.class));
    }

    private RoutedControl(ControlRouter router, XappDescriptor descriptor, long holdNanos,
                          Map<ControlAction, Map<ControlStatus, Long>> outcomes) {
        this.router = router;
        this.descriptor = descriptor;
        this.holdNanos = holdNanos;
        this.outcomes = outcomes;
    }

    /** How many controls of {@code action} ended with {@code status}. */
    long count(ControlAction action, ControlStatus status) {
        return outcomes.getOrDefault(action, Map.of()).getOrDefault(status, 0L);
    }

    /** How many controls ended with {@code status}, every action. */
    long count(ControlStatus status) {
        long n = 0;
        for (Map<ControlStatus, Long> m : outcomes.values()) n += m.getOrDefault(status, 0L);
        return n;
    }

    private CompletionStage<ControlOutcome> send(ControlAction action, String nodeId, String target, double value,
                                                 RcControlHeader header, RcControlMessage message) {
        return router.route(descriptor, new ControlRouter.Request(action, nodeId, target, value, header, message, holdNanos))
                .whenComplete((o, e) -> {
                    if (o != null) outcomes.computeIfAbsent(action, k -> new EnumMap<>(ControlStatus.class)).merge(o.status(), 1L, Long::sum);
                });
    }

    @Override
    public ControlClient holding(Duration lease) {
        if (lease.compareTo(MIN_LEASE) < 0 || lease.compareTo(MAX_LEASE) > 0) {
            throw new IllegalArgumentException("lease: " + lease + " (expected " + MIN_LEASE + " .. " + MAX_LEASE + ")");
        }
        return new RoutedControl(router, descriptor, lease.toNanos(), outcomes);
    }

    @Override
    public int release(String nodeId, String cellId) {
        return router.release(descriptor.name(), nodeId, cellId);
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
        if (ms < 0) return refused(nodeId, "a3_time_to_trigger " + ms + " ms: negative");
        return send(ControlAction.A3_TIME_TO_TRIGGER, nodeId, cellId, ms,
                RcControlHeader.newBuilder().setRicStyleType(255).setControlActionId(4).build(),
                RcControlMessage.newBuilder().setA3TimeToTrigger(A3TimeToTriggerControl.newBuilder()
                        .setCell(cell(cellId)).setTimeToTriggerMs(ms)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> interFrequencyOffset(String nodeId, String cellId, long nrArfcn, double db) {
        if (!(db >= -24 && db <= 24)) return refused(nodeId, "inter_frequency_offset: " + db + " dB (expected -24..24)");
        return send(ControlAction.INTER_FREQUENCY_OFFSET, nodeId, cellId, db, INTER_FREQUENCY_HEADER,
                RcControlMessage.newBuilder().setInterFrequency(InterFrequencyControl.newBuilder()
                        .setCell(cell(cellId)).setNrArfcn((int) nrArfcn).setFrequencyOffsetDb((float) db)).build());
    }

    @Override
    public CompletionStage<ControlOutcome> interFrequencyThresholds(String nodeId, String cellId, double threshold1Dbm,
                                                                    double threshold2Dbm) {
        InterFrequencyControl.Builder b = InterFrequencyControl.newBuilder().setCell(cell(cellId)).setThreshold2Dbm((float) threshold2Dbm);
        // threshold 1: absent when NaN (left as it is), 0 for an A4 event (as the RIC encodes it)
        if (!Double.isNaN(threshold1Dbm)) b.setThreshold1Dbm(threshold1Dbm == A4 ? 0f : (float) threshold1Dbm);
        return send(ControlAction.INTER_FREQUENCY_THRESHOLD, nodeId, cellId, threshold2Dbm, INTER_FREQUENCY_HEADER,
                RcControlMessage.newBuilder().setInterFrequency(b).build());
    }

    private CompletionStage<ControlOutcome> refused(String nodeId, String why) {
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId, why, null, 0));
    }

    private static NrCgi cell(String cellId) {
        return E2Ids.parseCellId(cellId);
    }
}
