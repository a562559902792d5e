package io.jric.api.xapp;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RAN controls through the control router. Only controls the descriptor declares are sent
 * ({@code REFUSED} otherwise); two xApps steering the same parameter of the same cell or UE
 * within the arbitration window are arbitrated by priority ({@code CONFLICT} for the loser);
 * operator guard rails apply ({@code REFUSED} with the rule). The stage never fails: every
 * ending is a {@link ControlOutcome}.
 */
public interface ControlClient {
    /** Sets a cell's Tx power (E2SM-RC). */
    CompletionStage<ControlOutcome> txPower(String nodeId, String cellId, double dbm);

    /** Sets a cell's individual offset (E2SM-RC). */
    CompletionStage<ControlOutcome> cellIndividualOffset(String nodeId, String cellId, double db);

    /** Hands a UE over to a target cell (E2SM-RC). */
    CompletionStage<ControlOutcome> handover(String nodeId, long ueId, String targetCellId);

    /** Puts a cell to sleep or wakes it (E2SM-RC). */
    CompletionStage<ControlOutcome> cellSleep(String nodeId, String cellId, boolean sleep);

    /**
     * Sets the A3 hysteresis (dB) the cell configures for the UEs it serves (E2SM-RC style 255): the
     * margin a neighbour must beat the cell by before the RAN hands a UE over on its own. Hosts written
     * before this control answer {@code REFUSED}.
     */
    default CompletionStage<ControlOutcome> a3Hysteresis(String nodeId, String cellId, double db) {
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                "a3_hysteresis: not supported by this host", null, 0));
    }

    /**
     * Sets the A3 time to trigger (ms) the cell configures for the UEs it serves (E2SM-RC style 255).
     * Hosts written before this control answer {@code REFUSED}.
     */
    default CompletionStage<ControlOutcome> a3TimeToTrigger(String nodeId, String cellId, int ms) {
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                "a3_time_to_trigger: not supported by this host", null, 0));
    }
}
