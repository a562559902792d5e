package io.jric.api.xapp;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.e2.ControlStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * RAN controls through the control router. Only controls the descriptor declares are sent
 * ({@code REFUSED} otherwise); two xApps steering the same parameter of the same cell or UE
 * within the arbitration window are arbitrated by priority ({@code CONFLICT} for the loser);
 * operator guard rails apply ({@code REFUSED} with the rule). The stage never fails: every
 * ending is a {@link ControlOutcome}.
 *
 * <p>A control claims its parameter only for the arbitration window ({@code xapps.conflictWindowMs},
 * default 1 s). To keep a setting while a condition lasts (a neighbour's Tx power raised during an
 * outage, say), send it through {@link #holding(Duration)}: the parameter is then held for the lease
 * against xApps of equal or lower priority (their controls get {@code CONFLICT} naming the hold),
 * renewed each time the holder sends it again, and freed by {@link #release(String, String)} or when
 * the lease ends. A higher-priority xApp still takes it over (the holder's loss is logged). Holds are
 * listed at {@code GET /ric/v1/controls/holds}; conflicts and releases are in the control log.
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

    /** Shortest lease a hold may have. */
    Duration MIN_LEASE = Duration.ofMillis(100);
    /** Longest lease a hold may have (renew to keep it longer). */
    Duration MAX_LEASE = Duration.ofHours(1);

    /**
     * These controls as holds: every control sent through the returned client, once allowed, holds its
     * parameter (action and cell, or UE for handover) for {@code lease} against xApps of equal or
     * lower priority. Sending it again renews the lease.
     *
     * @param lease from {@link #MIN_LEASE} to {@link #MAX_LEASE}
     * @throws IllegalArgumentException when the lease is outside that range
     * @throws UnsupportedOperationException on hosts written before holds
     */
    default ControlClient holding(Duration lease) {
        throw new UnsupportedOperationException("holds: not supported by this host");
    }

    /**
     * Releases what this xApp holds on a cell (every action's hold there), so others may set it at
     * once. Returns how many holds it released (0 when none was held, e.g. after its lease ended).
     */
    default int release(String nodeId, String cellId) {
        return 0;
    }
}
