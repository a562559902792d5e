package io.jric.xapps.handover;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Exploration within limits for the handover xApp (issue #15, item 2; docs/ml-lifecycle.md, section 14): with the A1
 * policy's {@code explorationRate} (0 by default: off) a voluntary decision deviates from the model's choice, so the
 * grid observes outcomes of handovers the model would not make and of stays it would not choose:
 * <ul>
 *   <li>the model would keep the UE: it is handed to the model's best-scored neighbour now, if that neighbour passed
 *       every rule the model's own choice must pass (eligible target, ping-pong risk bound, not the previous cell
 *       within the ping-pong window, not within a fifth of it of the last cell change) and its score is at most
 *       {@code explorationMarginDb} below what a handover needs;</li>
 *   <li>the model would hand the UE over: it stays (the time to trigger starts again).</li>
 * </ul>
 * Rescues never explore. The xApp decides on every report of every UE (200 ms), so a UE that explored does not
 * explore again within {@link #cooldownMs} (the longer of the policy's {@code pingPongWindowMs} and the experience
 * horizon, {@value #OUTCOME_HORIZON_MS} ms): explored moves do not chain nor overlap each other's outcome window. The
 * rate is per decision drawn outside the cooldown. Whether such a decision explores is a function of the config's
 * {@code explorationSeed}, the decision's KPM timestamp and the UE id only (reproducible). The router's guard rails
 * still apply to every handover.
 *
 * @param rate share of voluntary decisions that explore, 0..1
 * @param marginDb how far below the needed score an explored handover's target may be, 0..20 dB
 */
record HandoverExploration(double rate, double marginDb) {
    static final HandoverExploration OFF = new HandoverExploration(0, 3);
    private static final ObjectMapper JSON = new ObjectMapper();

    HandoverExploration {
        if (!(rate >= 0 && rate <= 1)) throw new IllegalArgumentException("explorationRate: " + rate + " (expected: 0..1)");
        if (!(marginDb >= 0 && marginDb <= 20)) {
            throw new IllegalArgumentException("explorationMarginDb: " + marginDb + " (expected: 0..20)");
        }
    }

    /** The exploration fields of a {@code jric.handover.v1} policy (absent: off, margin 3 dB). */
    static HandoverExploration parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            JsonNode r = n.path("explorationRate");
            JsonNode m = n.path("explorationMarginDb");
            if (!r.isMissingNode() && !r.isNumber()) throw new IllegalArgumentException("explorationRate: " + r + " (expected: a number 0..1)");
            if (!m.isMissingNode() && !m.isNumber()) throw new IllegalArgumentException("explorationMarginDb: " + m + " (expected: a number 0..20)");
            return new HandoverExploration(r.asDouble(OFF.rate), m.asDouble(OFF.marginDb));
        } catch (IOException e) {
            throw new IllegalArgumentException("policy: not JSON: " + e.getMessage(), e);
        }
    }

    /** The descriptor's {@code experience.horizonMs} (xapp.json): the outcome window of a row. */
    static final long OUTCOME_HORIZON_MS = 3000;

    /** How long after an exploring decision the same UE does not explore again: the longer of the ping-pong window and the horizon. */
    static long cooldownMs(long pingPongWindowMs) {
        return Math.max(pingPongWindowMs, OUTCOME_HORIZON_MS);
    }

    /**
     * Whether the decision about {@code ueId} at {@code decisionTimeMs} explores, the UE's last exploring decision at
     * {@code lastExploredMs}: never within {@code cooldownMs} of it, else {@link #explores(long, long, long)}.
     */
    boolean explores(long seed, long decisionTimeMs, long ueId, long lastExploredMs, long cooldownMs) {
        if (decisionTimeMs - lastExploredMs < cooldownMs) return false;
        return explores(seed, decisionTimeMs, ueId);
    }

    /** Whether the decision about {@code ueId} at {@code decisionTimeMs} explores (the cooldown aside). */
    boolean explores(long seed, long decisionTimeMs, long ueId) {
        if (!(rate > 0)) return false;
        long z = mix(seed * 0x9E3779B97F4A7C15L + mix(decisionTimeMs * 31 + ueId));
        return (z >>> 11) * 0x1.0p-53 < rate;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
