package io.jric.sim;

/**
 * Cumulative totals of the whole network since the model was created (for evaluation).
 *
 * @param simTimeMs              simulated time
 * @param handoverAttempts       handover attempts (A3, RIC-triggered and forced by cell sleep)
 * @param handoverSuccesses      handovers that completed
 * @param pingPongs              successful handovers back to the previous cell within the ping-pong window
 * @param radioLinkFailures      radio link failures (SINR below threshold for the RLF timer)
 * @param ricHandovers           handovers requested through {@link RanModel#handover(long, String)}
 * @param energyWh               energy drawn by all cells
 * @param meanUeThroughputMbps   mean DL throughput over all (UE, tick) samples of active UEs
 * @param p5UeThroughputMbps     5th percentile of those samples ("cell-edge" throughput)
 * @param p50UeThroughputMbps    median of those samples
 * @param ueThroughputSamples    number of (UE, tick) samples
 */
public record RanStats(
        long simTimeMs,
        long handoverAttempts,
        long handoverSuccesses,
        long pingPongs,
        long radioLinkFailures,
        long ricHandovers,
        double energyWh,
        double meanUeThroughputMbps,
        double p5UeThroughputMbps,
        double p50UeThroughputMbps,
        long ueThroughputSamples) {
}
