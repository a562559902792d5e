package io.jric.xapps.joint;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import io.jric.api.e2.E2ControlService;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.rc.v1.InterFrequencyControl;
import io.jric.proto.e2sm.rc.v1.RcControlHeader;
import io.jric.proto.e2sm.rc.v1.RcControlMessage;
import io.jric.sim.RanModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The simulated network as the control router's E2 termination sees it: every E2SM-RC control the router lets through
 * is applied to the model at once (between two ticks, as the in-process evaluation host does) and answered
 * {@code ACK}, or {@code FAILURE} with the model's reason. Also the referee of the joint evaluation: per cell, which
 * xApp's A3 hysteresis and time to trigger the node last took, and how often the writer changed from one xApp to the
 * other (two xApps fighting over a cell's A3 would show as many changes).
 */
final class SimNode implements E2ControlService {
    private final RanModel model;
    /** Per "action@cell" (A3 only): the xApp whose value is in force. */
    private final Map<String, String> a3Writer = new HashMap<>();
    /** Per cell: how often the A3 writer changed from one xApp to another. */
    private final Map<String, Integer> writerChanges = new TreeMap<>();
    private long acks;
    private long failures;

    SimNode(RanModel model) {
        this.model = model;
    }

    @Override
    public CompletableFuture<ControlOutcome> control(String nodeId, RcControlHeader header, RcControlMessage message,
                                                     Duration timeout, String origin) {
        try {
            String a3Cell = apply(header, message);
            if (a3Cell != null) {
                String key = message.getActionCase().name() + "@" + a3Cell;
                String before = a3Writer.put(key, origin);
                if (before != null && !before.equals(origin)) writerChanges.merge(a3Cell, 1, Integer::sum);
            }
            acks++;
            return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.ACK, nodeId, "", null, 0));
        } catch (RuntimeException e) {
            failures++;
            return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.FAILURE, nodeId,
                    String.valueOf(e.getMessage()), null, 0));
        }
    }

    /** Applies one control; returns the cell when it set an A3 parameter, else null. */
    private String apply(RcControlHeader header, RcControlMessage m) {
        switch (m.getActionCase()) {
            case HANDOVER:
                model.handover(m.getHandover().getUeId(), E2Ids.cellId(m.getHandover().getTargetCell()));
                return null;
            case CELL_INDIVIDUAL_OFFSET:
                model.setCio(E2Ids.cellId(m.getCellIndividualOffset().getCell()), m.getCellIndividualOffset().getCioDb());
                return null;
            case TX_POWER:
                model.setTxPower(E2Ids.cellId(m.getTxPower().getCell()), m.getTxPower().getTxPowerDbm());
                return null;
            case CELL_SLEEP:
                model.setSleep(E2Ids.cellId(m.getCellSleep().getCell()), m.getCellSleep().getSleep());
                return null;
            case A3_HYSTERESIS: {
                String cell = E2Ids.cellId(m.getA3Hysteresis().getCell());
                model.setA3Hysteresis(cell, m.getA3Hysteresis().getHysteresisDb());
                return cell;
            }
            case A3_TIME_TO_TRIGGER: {
                String cell = E2Ids.cellId(m.getA3TimeToTrigger().getCell());
                model.setA3TimeToTrigger(cell, m.getA3TimeToTrigger().getTimeToTriggerMs());
                return cell;
            }
            case INTER_FREQUENCY: {
                InterFrequencyControl f = m.getInterFrequency();
                String cell = E2Ids.cellId(f.getCell());
                if (f.hasNrArfcn()) model.setInterFrequencyOffset(cell, model.carrierByArfcn(f.getNrArfcn()), f.getFrequencyOffsetDb());
                if (f.hasThreshold1Dbm() || f.hasThreshold2Dbm()) {
                    double[] now = model.interFrequencyThresholds(cell);
                    double t1 = !f.hasThreshold1Dbm() ? now[0] : f.getThreshold1Dbm() >= 0 ? Double.POSITIVE_INFINITY : f.getThreshold1Dbm();
                    model.setInterFrequencyThresholds(cell, t1, f.hasThreshold2Dbm() ? f.getThreshold2Dbm() : now[1]);
                }
                return null;
            }
            default:
                throw new IllegalArgumentException("E2SM-RC control message carries no action");
        }
    }

    /** Per cell whose A3 writer changed between xApps: how often. */
    Map<String, Integer> writerChanges() {
        return writerChanges;
    }

    /** Cells where both xApps' A3 values were in force at some time (the writer changed at least once). */
    int contestedCells() {
        return writerChanges.size();
    }

    /** The largest number of writer changes on one cell. */
    int maxWriterChanges() {
        return writerChanges.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    long acks() {
        return acks;
    }

    long failures() {
        return failures;
    }
}
