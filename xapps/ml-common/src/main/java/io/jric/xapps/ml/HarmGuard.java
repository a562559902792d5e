package io.jric.xapps.ml;

import java.util.Map;

/**
 * The do-no-harm guard: measures what the xApp's own steering costs where it steers and backs off there.
 * Per unit (a cell for offsets within a layer, a sector for steering between layers) it learns the rate of
 * harm events (radio link failures plus returns to the previous cell within the ping-pong window) from the
 * decision periods in which the unit is not steered (their mean, then an exponential average; or, for a caller that passes
 * a measure of demand with each period, a rate fitted to follow it, {@link ExposureFit}), and while it is steered adds
 * up the events it sees against what that rate expects. When the events exceed the expectation by more than
 * the allowance (percent) plus what chance gives ({@link #bound}) the guard trips:
 * the caller takes the unit's steering back to neutral and the unit is held neutral for a number of periods.
 * Each trip doubles the next hold. A negative allowance turns the guard off. Bounded: one entry per unit
 * seen (cells and sectors of the network). Used by the load-balancing xApp (offsets, layer steering) and the
 * power-control xApp (a cell below its maximum power is steered). Not thread-safe: one decision thread.
 */
public final class HarmGuard {
    /** Weight of the newest unsteered period in the reference rate. */
    public static final double ALPHA = 0.05;
    /** Weight, in periods, of the network-wide rate in a unit's reference while the unit has few periods of its own. */
    public static final double PRIOR_PERIODS = 6;
    /** Standard deviations of chance allowed before a trip. */
    public static final double Z = 2;
    /** Events of slack before a trip. */
    public static final double SLACK = 1;
    /** Most units tracked (cells plus sectors); beyond, the least recently added are forgotten. */
    public static final int MAX_UNITS = 100_000;

    private static final class Unit {
        double reference = -1;   // harm events per period while unsteered; -1: none seen yet
        long unsteered;          // periods that went into the reference
        double observed;         // events in the current steered episode
        double expected;         // what the reference expects for it
        int hold;                // periods left neutral
        int trips;
        ExposureFit fit;         // only for a caller that passes an exposure
    }

    /** Exponents of the exposure tried by {@link ExposureFit}: 0 (a constant rate) to 3 in quarters. */
    static final int EXPONENTS = 13;
    /** Harm events seen unsteered before the fit may choose an exponent above 0. */
    static final double MIN_FIT_EVENTS = 10;
    /** Weight an unsteered period loses in the {@link ExposureFit} per later unsteered period. */
    static final double FIT_DECAY = ALPHA / 16;

    /**
     * A harm rate that follows a measure of demand: events per period = scale x exposure^b, fitted by Poisson likelihood
     * to the unit's unsteered periods, each weighted down by {@link #FIT_DECAY} per later unsteered period (a memory of
     * some 300 periods: demand explains the short-term moves, so the fit can remember longer than the plain reference's
     * 20 periods, and it still forgets a network that changed). The exponent b is the one of {@link #EXPONENTS} with the
     * highest likelihood (ties and fewer than {@link #MIN_FIT_EVENTS} events: the lowest, 0, a constant rate); the scale is
     * its maximum-likelihood value, the weighted events over the weighted exposure^b.
     */
    private static final class ExposureFit {
        double harm;                                         // weighted events
        double harmLogExposure;                              // weighted events x log exposure
        final double[] exposurePow = new double[EXPONENTS];  // weighted exposure^b per exponent

        void add(double h, double exposure) {
            double x = Math.max(1, exposure);
            double keep = 1 - FIT_DECAY;
            harm = keep * harm + h;
            harmLogExposure = keep * harmLogExposure + h * Math.log(x);
            for (int j = 0; j < EXPONENTS; j++) exposurePow[j] = keep * exposurePow[j] + Math.pow(x, j / 4.0);
        }

        int exponent() {
            if (harm < MIN_FIT_EVENTS) return 0;
            int best = 0;
            double bestLl = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < EXPONENTS; j++) {
                double ll = harm * Math.log(harm / exposurePow[j]) + j / 4.0 * harmLogExposure;
                if (ll > bestLl + 1e-9) {
                    bestLl = ll;
                    best = j;
                }
            }
            return best;
        }

        double expected(double exposure) {
            int j = exponent();
            return harm / exposurePow[j] * Math.pow(Math.max(1, exposure), j / 4.0);
        }
    }

    private final Map<String, Unit> units = new java.util.LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Unit> e) {
            return size() > MAX_UNITS;
        }
    };
    private double networkReference = -1;
    private long networkPeriods;
    private long tripsTotal;

    /**
     * One decision period of a unit: whether it was steered during the period and the harm events counted on
     * it. Returns true when the guard trips now (the caller backs off the unit).
     */
    public boolean observe(String unit, boolean steered, double harm, double allowancePct, int holdPeriods) {
        return observe(unit, steered, harm, Double.NaN, allowancePct, holdPeriods);
    }

    /**
     * As {@link #observe(String, boolean, double, double, int)}, for harm whose rate follows demand: {@code exposure} is
     * the period's measure of it (e.g. the active UEs of the cells judged; at least 1 is taken), which the steering itself
     * hardly moves. The unit's expected events in a steered period are then scale x exposure^b, learned from its
     * unsteered periods ({@link ExposureFit}), instead of the mean rate of the periods it was last unsteered in: a rate
     * learned at light demand would otherwise trip the guard when demand rises, and hide harm when it falls. The
     * network-wide prior weighs in as before. NaN: the plain reference.
     */
    public boolean observe(String unit, boolean steered, double harm, double exposure, double allowancePct, int holdPeriods) {
        Unit u = units.computeIfAbsent(unit, k -> new Unit());
        if (u.hold > 0) u.hold--;
        if (!steered) {
            // the mean of the periods so far, then an exponential average (weight ALPHA) once there are enough
            learn(unit, harm, exposure);
            u.observed = 0;
            u.expected = 0;
            return false;
        }
        if (allowancePct < 0) return false;
        double net = Math.max(0, networkReference);
        double own = u.fit != null && !Double.isNaN(exposure) ? u.fit.expected(exposure) : u.reference;
        double ref = u.reference < 0 ? net : (u.unsteered * own + PRIOR_PERIODS * net) / (u.unsteered + PRIOR_PERIODS);
        u.observed += harm;
        u.expected += ref;
        if (u.observed > bound(u.expected, allowancePct)) {
            u.trips++;
            tripsTotal++;
            u.hold = holdPeriods << Math.min(6, u.trips - 1);
            u.observed = 0;
            u.expected = 0;
            return true;
        }
        return false;
    }

    /** An unsteered period teaches the unit's reference (and its exposure fit, when the caller passes an exposure). */
    private void learn(String unit, double harm, double exposure) {
        Unit u = units.computeIfAbsent(unit, k -> new Unit());
        double w = Math.max(ALPHA, 1.0 / ++u.unsteered);
        if (!Double.isNaN(exposure)) {
            if (u.fit == null) u.fit = new ExposureFit();
            u.fit.add(harm, exposure);
        }
        u.reference = u.reference < 0 ? harm : (1 - w) * u.reference + w * harm;
        double wn = Math.max(ALPHA / 16, 1.0 / ++networkPeriods);
        networkReference = networkReference < 0 ? harm : (1 - wn) * networkReference + wn * harm;
    }

    /**
     * The most events an episode may see when {@code expected} are expected: the allowance, plus two standard
     * deviations of a Poisson count of that mean (so chance alone rarely trips it), plus {@link #SLACK}.
     * Sustained harm above the allowance trips it sooner the larger it is: +100 % within about 6 expected events,
     * +20 % within about 100.
     */
    public static double bound(double expected, double allowancePct) {
        return expected * (1 + allowancePct / 100) + Z * Math.sqrt(expected) + SLACK;
    }

    /** Whether the unit may be steered now (not held after a trip). */
    public boolean allowed(String unit) {
        Unit u = units.get(unit);
        return u == null || u.hold == 0;
    }

    /**
     * Whether the unit may take an exploring move (docs/ml-lifecycle.md, section 6): the guard is on
     * ({@code allowancePct >= 0}), the unit is not held after a trip, and its current steered episode has seen no more
     * harm events than its reference rate plus the allowance expects, plus {@link #SLACK}: the guard's {@link #bound}
     * without its margin for chance, so stricter than a trip. A unit the guard has not seen may not explore.
     */
    public boolean withinAllowance(String unit, double allowancePct) {
        if (allowancePct < 0) return false;
        Unit u = units.get(unit);
        return u != null && u.hold == 0 && u.observed <= u.expected * (1 + allowancePct / 100) + SLACK + 1e-9;
    }

    /** Trips so far, all units. */
    public long trips() {
        return tripsTotal;
    }

    /** The unit's reference rate (events per period while unsteered), -1 when none was seen. */
    public double reference(String unit) {
        Unit u = units.get(unit);
        return u == null ? -1 : u.reference;
    }

    /** Units tracked now. */
    public int size() {
        return units.size();
    }
}
