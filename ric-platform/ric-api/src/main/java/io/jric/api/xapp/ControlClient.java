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
 *
 * <p>Cell-configuration parameters the operator names ({@code xapps.ownedParameters}, by default the A3
 * hysteresis and time to trigger) are held without asking: the xApp whose control the node acknowledged
 * holds the parameter for the RIC's lease ({@code xapps.ownershipLeaseMs}, or the one given to
 * {@link #holding(Duration)}), renewed by its own acknowledged controls, until it calls
 * {@link #release(String, String)}, is removed, or the lease lapses; others of equal or lower priority get
 * {@code CONFLICT} naming the holder before the control reaches the node.
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

    /**
     * Threshold 1 of {@link #interFrequencyThresholds} that makes a cell's event towards other frequencies
     * an A4 (only the other frequency's RSRP counts).
     */
    double A4 = Double.POSITIVE_INFINITY;

    /**
     * Sets the offset (dB, TS 38.331 offsetMO) the cell gives the UEs it serves for the frequency
     * {@code nrArfcn} (SSB NR-ARFCN) in their inter-frequency events (E2SM-RC style 255): a higher offset
     * moves them to that frequency sooner. The parameter arbitrated is the cell's offset, whatever the
     * frequency. Hosts written before this control answer {@code REFUSED}.
     */
    default CompletionStage<ControlOutcome> interFrequencyOffset(String nodeId, String cellId, long nrArfcn, double db) {
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                "inter_frequency_offset: not supported by this host", null, 0));
    }

    /**
     * Sets the thresholds (dBm) of the event the cell gives the UEs it serves towards other frequencies
     * (E2SM-RC style 255; TS 38.331 A5: serving RSRP below {@code threshold1Dbm} and the other frequency's
     * RSRP plus offsets above {@code threshold2Dbm}). {@code threshold1Dbm}: -156..-31, {@link #A4} for an
     * A4 event, or {@code NaN} to leave it as it is; {@code threshold2Dbm}: -156..-31. Descriptor bounds and
     * guard rails apply to both. Hosts written before this control answer {@code REFUSED}.
     */
    default CompletionStage<ControlOutcome> interFrequencyThresholds(String nodeId, String cellId, double threshold1Dbm,
                                                                     double threshold2Dbm) {
        return CompletableFuture.completedFuture(new ControlOutcome(ControlStatus.REFUSED, nodeId,
                "inter_frequency_threshold: not supported by this host", null, 0));
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
