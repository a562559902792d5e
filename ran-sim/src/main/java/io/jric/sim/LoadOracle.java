package io.jric.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A bound, not a steering anyone can run: after the RAN's own mobility of each tick and before the scheduler, it
 * hands the UEs with data to the cells (either layer, any neighbour) that keep the cells' PRB use lowest, with full
 * knowledge of every UE's buffer and of its SINR on every cell. Only cells whose SINR at the UE is at or above the
 * RLF threshold are candidates (the handover would fail otherwise). Handovers it makes are counted like any other
 * (so its RLF and ping-pong figures mean nothing); what it is for is the load figures: how low the per-second peak
 * cell PRB use can go in a scenario by placement alone. Off unless {@link RanModel#enableLoadOracle} is called, so the
 * simulator's default path is untouched. Package-private logic, deterministic (UE and cell index order).
 */
final class LoadOracle {
    /** How often a UE may be placed. */
    enum Mode {
        /**
         * Every tick, each UE with data goes to the cell whose PRB use summed over the report period so far, plus this
         * tick's projected use with the UE, is lowest (largest buffers placed first): a file may be spread over cells
         * 100 ms at a time, so no real steering can do better.
         */
        EVERY_TICK,
        /**
         * Once per burst: when a UE's buffer goes from empty to non-empty, it goes to the cell whose outstanding work
         * (seconds of the whole carrier to empty its UEs' buffers) with the UE is lowest, and is held there until its
         * buffer empties (handed back each tick the RAN's mobility moved it, while the cell can serve it).
         */
        PER_BURST,
        /**
         * As {@link #PER_BURST}, and at the start of every report period every UE with data is placed afresh (what a
         * steering with perfect knowledge acting once per report period, by per-UE handovers, could do).
         */
        PER_PERIOD
    }

    private final Mode mode;
    private final int periodTicks;
    private final CellState[] cells;
    private final UeState[] ues;
    private final RadioEngine engine;
    private final double rlfSinrDb;
    private final double tickS;
    /** Per cell: PRB use (0..1) summed over the ticks of the current report period. */
    private final double[] periodLoad;
    private final boolean[] busy;
    /** PER_BURST: the cell each busy UE was placed on. */
    private final int[] placed;
    private int ticksInPeriod;
    /** Handovers the oracle made. */
    long moves;

    LoadOracle(Mode mode, int periodTicks, CellState[] cells, UeState[] ues, RadioEngine engine, double rlfSinrDb, int tickMs) {
        if (periodTicks < 1) throw new IllegalArgumentException("periodTicks: " + periodTicks + " (expected >= 1)");
        this.mode = mode;
        this.periodTicks = periodTicks;
        this.cells = cells;
        this.ues = ues;
        this.engine = engine;
        this.rlfSinrDb = rlfSinrDb;
        this.tickS = tickMs / 1000.0;
        this.periodLoad = new double[cells.length];
        this.busy = new boolean[ues.length];
        this.placed = new int[ues.length];
    }

    /** Mbit/s per PRB the UE would get on cell {@code c} now, 0 when it cannot be served there. */
    private double rate(UeState ue, CellState c) {
        if (!c.radiating()) return 0;
        double sinr = engine.sinrDb(ue, c.index);
        if (sinr < rlfSinrDb) return 0;
        return Radio.prbRateMbps(sinr) * c.degradationFactor * c.prbScale;
    }

    /** Places the UEs with data (call after the RAN's mobility, before scheduling). */
    void place(long nowMs) {
        List<UeState> withData = new ArrayList<>();
        for (UeState ue : ues) {
            if (ue.serving < 0 || !(ue.demandDlMbps > 0)) {
                busy[ue.index] = false;
                continue;
            }
            withData.add(ue);
        }
        withData.sort((a, b) -> Double.compare(b.demandDlMbps, a.demandDlMbps));  // stable: index order on ties
        if (mode == Mode.EVERY_TICK) {
            double[] prbs = new double[cells.length];  // projected PRBs this tick
            for (UeState ue : withData) {
                int best = -1;
                double bestCost = Double.POSITIVE_INFINITY;
                double bestFill = Double.POSITIVE_INFINITY;
                double bestNeed = 0;
                for (CellState c : cells) {
                    double r = rate(ue, c);
                    if (r <= 0) continue;
                    double need = ue.demandDlMbps / r;
                    double fill = (prbs[c.index] + need) / c.prbs;
                    double cost = periodLoad[c.index] + Math.min(1, fill);
                    boolean better = cost < bestCost - 1e-9
                            || (cost < bestCost + 1e-9 && (fill < bestFill - 1e-9 || (fill < bestFill + 1e-9 && c.index == ue.serving)));
                    if (better) {
                        best = c.index;
                        bestCost = cost;
                        bestFill = fill;
                        bestNeed = need;
                    }
                }
                if (best < 0) continue;
                if (best != ue.serving && engine.handover(ue, best, nowMs)) moves++;
                if (ue.serving == best) {
                    prbs[best] += bestNeed;
                } else {
                    double r = rate(ue, cells[ue.serving]);
                    if (r > 0) prbs[ue.serving] += ue.demandDlMbps / r;
                }
            }
            return;
        }
        if (mode == Mode.PER_PERIOD && ticksInPeriod == 0) java.util.Arrays.fill(busy, false);
        // PER_BURST, PER_PERIOD: outstanding work per cell, in seconds of the whole carrier
        double[] work = new double[cells.length];
        for (UeState ue : withData) {
            if (!busy[ue.index]) continue;
            int p = placed[ue.index];
            if (p != ue.serving && rate(ue, cells[p]) > 0 && engine.handover(ue, p, nowMs)) moves++;
            CellState c = cells[ue.serving];
            double r = rate(ue, c);
            if (r > 0) work[c.index] += ue.bufferMbit / (r * c.prbs);
        }
        for (UeState ue : withData) {
            if (busy[ue.index]) continue;
            busy[ue.index] = true;
            int best = -1;
            double bestCost = Double.POSITIVE_INFINITY;
            double bestOwn = 0;
            for (CellState c : cells) {
                double r = rate(ue, c);
                if (r <= 0) continue;
                double own = ue.bufferMbit / (r * c.prbs);
                double cost = work[c.index] + own;
                if (cost < bestCost - 1e-9 || (cost < bestCost + 1e-9 && c.index == ue.serving)) {
                    best = c.index;
                    bestCost = cost;
                    bestOwn = own;
                }
            }
            if (best < 0) {
                placed[ue.index] = ue.serving;
                continue;
            }
            if (best != ue.serving) {
                if (!engine.handover(ue, best, nowMs)) {
                    placed[ue.index] = ue.serving;
                    continue;
                }
                moves++;
            }
            placed[ue.index] = best;
            work[best] += bestOwn;
        }
    }

    /** Adds the tick's scheduled PRB use (call after scheduling). */
    void scheduled() {
        for (CellState c : cells) periodLoad[c.index] += c.prbLoadDl;
        if (++ticksInPeriod >= periodTicks) {
            ticksInPeriod = 0;
            java.util.Arrays.fill(periodLoad, 0);
        }
    }
}
