package io.jric.xapps.power;

/**
 * Exploration within limits (issue #15, item 2): with the A1 policy's {@code explorationRate} (0 by default), a
 * decision deviates from the model's choice by {@code explorationStepDb}, up or down, so that the grid observes the
 * outcome of levels the model did not choose (the experience row says {@code action.explored = 1}).
 *
 * <p>Bounds: an exploring level stays inside the policy's {@code [minTxPowerDbm, maxTxPowerDbm]} and within
 * {@code maxStepDb} of the cells' current level, the limits the model's own choice obeys; when the drawn direction
 * would leave them the other one is tried, and when neither fits the decision does not explore. The control router
 * still applies the operator's guard rails to whatever is sent; the xApp never asks for more than its policy allows.
 *
 * <p>Seeded and reproducible: whether a decision explores and in which direction is a function of the xApp's
 * {@code explorationSeed} (config) and the decision's KPM timestamp only, not of thread timing or earlier draws.
 */
public final class Exploration {
    /** A decision after exploration: the level to send and whether it deviates from the model's choice. */
    public record Choice(double levelDbm, boolean explored) {}

    private Exploration() {}

    /**
     * @param chosenDbm the model's choice (already inside the policy's range and step)
     * @param currentDbm the cells' current common level
     * @param policy the A1 policy in force
     * @param seed the xApp's exploration seed
     * @param decisionTimeMs the KPM timestamp the decision is based on
     */
    public static Choice apply(double chosenDbm, double currentDbm, PowerPolicy policy, long seed, long decisionTimeMs) {
        double rate = policy.explorationRate();
        if (!(rate > 0)) return new Choice(chosenDbm, false);
        long z = mix(seed * 0x9E3779B97F4A7C15L + mix(decisionTimeMs));
        double u = (z >>> 11) * 0x1.0p-53;
        if (u >= rate) return new Choice(chosenDbm, false);
        double max = policy.maxTxPowerDbm();
        double min = Math.min(policy.minTxPowerDbm(), max);
        double lo = Math.max(min, currentDbm - policy.maxStepDb());
        double hi = Math.min(max, currentDbm + policy.maxStepDb());
        double step = policy.explorationStepDb();
        boolean up = (mix(z) & 1) == 0;
        for (int attempt = 0; attempt < 2; attempt++, up = !up) {
            double level = chosenDbm + (up ? step : -step);
            if (level >= lo - 1e-9 && level <= hi + 1e-9) return new Choice(level, true);
        }
        return new Choice(chosenDbm, false);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
