package io.jric.xapps.lb;

import io.jric.xapps.ml.HarmGuard;
import java.util.List;

/**
 * Exploration within limits for the load-balancing xApp (issue #15, item 2; docs/ml-lifecycle.md, section 6): with the
 * A1 policy's {@code explorationRate} (0 by default), a cell's offset move may deviate from the planner's choice by
 * {@code explorationStepDb}, up or down, so that the grid observes the outcome of offsets the model did not choose (the
 * experience row says {@code action.explored = 1}, and {@code action.chosenCioDb} is the planner's choice).
 *
 * <p>Bounds, each the limit the planner's own choice obeys or stricter:
 * <ul>
 *   <li>the exploring offset stays inside the policy's CIO range (pull only: 0 .. the RAN's A3 hysteresis) and within
 *       {@code cioStepDb} of the cell's current offset; it differs from the current offset (an exploring cell moves,
 *       so its row marks it); when the drawn direction would leave these bounds the other is tried, and when neither
 *       fits the cell does not explore;</li>
 *   <li>a cell that did not move by the planner's choice explores only while fewer than {@code maxChangesPerPeriod}
 *       cells move in the decision;</li>
 *   <li>never on an excluded cell, a cell held by the do-no-harm guard or a neighbour of one (both are excluded in the
 *       policy the decision runs with), a cell whose offset is being brought back inside the range, nor a cell with no
 *       neighbour seen this period (its move could not be recorded as a two-cell row);</li>
 *   <li>only inside the do-no-harm bound: the guard is on ({@code harmAllowancePct >= 0}) and the cell and each of its
 *       neighbours have, in their current steered episode, seen no more harm events than their reference rate plus the
 *       allowance expects ({@link HarmGuard#withinAllowance}).</li>
 * </ul>
 * The control router still applies the operator's guard rails to whatever is sent. Layer moves (two carriers, a rule)
 * do not explore.
 *
 * <p>Seeded and reproducible: whether a cell explores and in which direction is a function of the xApp's
 * {@code explorationSeed} (config), the decision's KPM timestamp and the cell id only.
 */
final class LbExploration {
    private LbExploration() {}

    /**
     * Applies exploration to the planner's {@code change} (per cell of {@code ids}, in place).
     *
     * @param pol the policy the decision runs with (held cells and their neighbours excluded, the pull-only range)
     * @return per cell, whether its move deviates from the planner's choice
     */
    static boolean[] apply(double[] change, CellState s, List<String> ids, LbPolicy pol, HarmGuard guard, long seed,
                           long decisionTimeMs) {
        boolean[] explored = new boolean[ids.size()];
        double rate = pol.explorationRate();
        if (!(rate > 0) || pol.harmAllowancePct() < 0) return explored;
        int moving = 0;
        for (double c : change) if (Math.abs(c) >= 1e-6) moving++;
        double min = pol.cioMinDb();
        double max = pol.cioMaxDb();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            double now = s.cio(id);
            if (pol.excludedCells().contains(id) || now < min - 1e-9 || now > max + 1e-9) continue;
            boolean wasMoving = Math.abs(change[i]) >= 1e-6;
            if (!wasMoving && moving >= pol.maxChangesPerPeriod()) continue;
            long z = mix(seed * 0x9E3779B97F4A7C15L + mix(decisionTimeMs) + 0xD1B54A32D192ED03L * id.hashCode());
            double u = (z >>> 11) * 0x1.0p-53;
            if (u >= rate) continue;
            if (LbExperience.peer(s, ids, i) < 0 || !withinBound(s, ids, i, guard, pol.harmAllowancePct())) continue;
            double chosen = now + change[i];
            boolean up = (mix(z) & 1) == 0;
            for (int attempt = 0; attempt < 2; attempt++, up = !up) {
                double target = chosen + (up ? pol.explorationStepDb() : -pol.explorationStepDb());
                if (target < min - 1e-9 || target > max + 1e-9) continue;
                double d = target - now;
                if (Math.abs(d) > pol.cioStepDb() + 1e-9 || Math.abs(d) < 1e-6) continue;
                change[i] = d;
                explored[i] = true;
                if (!wasMoving) moving++;
                break;
            }
        }
        return explored;
    }

    /** The cell and each of its neighbours within the do-no-harm bound. */
    private static boolean withinBound(CellState s, List<String> ids, int i, HarmGuard guard, double allowancePct) {
        if (!guard.withinAllowance("cio:" + ids.get(i), allowancePct)) return false;
        for (int j = 0; j < ids.size(); j++) {
            if (j != i && s.neighbours(ids.get(i), ids.get(j)) && !guard.withinAllowance("cio:" + ids.get(j), allowancePct)) return false;
        }
        return true;
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
