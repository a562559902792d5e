package io.jric.xapps.lb;

import io.jric.api.xapp.XappContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the load-balancing xApp records as experience (docs/ml-lifecycle.md, "Two-cell outcomes and the load-balancing
 * xApp"): one two-cell row per move it makes, after the decision and its controls, only when the RIC keeps experience
 * ({@code ctx.experience().enabled()}). A recording failure is counted ({@code experience.errors}) and never reaches the
 * decision.
 *
 * <ul>
 *   <li><b>An offset move</b> (one layer): the row is about the cell whose CIO changed; its peer is the neighbour that
 *       shares the most border PRBs with it this period (either way), the cell load moves to or from. Features: the
 *       model's 12 inputs of the cell with the changes applied (what the planner scored), and the same 12 of the peer
 *       prefixed {@code peer.}; {@code pairEdgePrb}, the border PRBs between the two. Action: {@code cioDb} (the
 *       offset asked for), {@code cioChangeDb}, {@code peer.cioDb}, {@code peer.cioChangeDb}, {@code a3HysteresisDb}
 *       (the cell's own hysteresis asked for with it), {@code held} (1: the do-no-harm guard set it back to 0),
 *       {@code chosenCioDb} (the planner's choice) and {@code explored} (1: exploration deviated from it,
 *       {@link LbExploration}; then {@code cioDb} is the offset sent).
 *       A moved cell without any neighbour seen this period moves nothing and gets no row
 *       ({@code experience.noPeer}).</li>
 *   <li><b>A layer move</b> (two layers): the row is about the coverage-layer cell whose inter-frequency offset
 *       changed, its peer the capacity-layer cell of the sector. Features: both cells' PRB load, radio link
 *       failures and returns across the layers this period ({@code prbUsedDlPct}, {@code rlfCount},
 *       {@code returnsBetweenLayers}, and {@code peer.} of each). Action: {@code interFrequencyOffsetDb},
 *       {@code interFrequencyOffsetChangeDb}, {@code a5Threshold1LoweringDb}, {@code held}.</li>
 * </ul>
 * The outcome is the descriptor's {@code experience.outcome} of both cells over the horizon: load, throughput, RLFs,
 * handovers.
 *
 * <p>The row is built on the report thread (the cell state changes with the next report) and written to the grid by a
 * thread of its own ({@code lb-experience}), so the decision never waits for the grid: at most {@link #QUEUE} rows
 * wait, more are dropped and counted ({@code experience.queueFull}); after {@link #close()} none is queued
 * ({@code experience.afterStop}).
 */
final class LbExperience {
    /** Rows waiting for the writer thread at most. */
    static final int QUEUE = 10_000;
    private final XappContext ctx;
    private java.util.concurrent.ThreadPoolExecutor writer;
    private boolean closed;

    LbExperience(XappContext ctx) {
        this.ctx = ctx;
    }

    /** The writer thread, started with the first row; null after {@link #close()}. */
    private synchronized java.util.concurrent.ThreadPoolExecutor writer() {
        if (closed) return null;
        if (writer == null) {
            writer = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0, java.util.concurrent.TimeUnit.MILLISECONDS,
                    new java.util.concurrent.ArrayBlockingQueue<>(QUEUE), r -> {
                        Thread t = new Thread(r, "lb-experience");
                        t.setDaemon(true);
                        return t;
                    });
        }
        return writer;
    }

    /** Stops taking rows; the rows queued are written (waited for up to 5 s). */
    void close() {
        java.util.concurrent.ThreadPoolExecutor w;
        synchronized (this) {
            closed = true;
            w = writer;
        }
        if (w == null) return;
        w.shutdown();
        try {
            w.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues one two-cell row for the writer thread. */
    private void write(long timeMs, String node, String cell, String peerNode, String peerCell, Map<String, Double> f,
                       Map<String, Double> a) {
        java.util.concurrent.ThreadPoolExecutor w = writer();
        if (w == null) {
            ctx.metrics().increment("experience.afterStop");
            return;
        }
        try {
            w.execute(() -> {
                try {
                    ctx.experience().record(timeMs, node, cell, peerNode, peerCell, f, a);
                } catch (RuntimeException e) {
                    failed(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException refused) {
            ctx.metrics().increment(w.isShutdown() ? "experience.afterStop" : "experience.queueFull");
        }
    }

    boolean enabled() {
        return ctx.experience().enabled();
    }

    /** The cell of {@code ids} that shares the most border PRBs with cell {@code i} this period (either way), or -1. */
    static int peer(CellState s, List<String> ids, int i) {
        int best = -1;
        double bw = 0;
        for (int j = 0; j < ids.size(); j++) {
            if (j == i) continue;
            double w = s.edge(ids.get(i), ids.get(j)) + s.edge(ids.get(j), ids.get(i));
            if (w > bw) {
                bw = w;
                best = j;
            }
        }
        return best;
    }

    /**
     * Records the offset moves of one decision.
     *
     * @param timeMs the decision time (the KPM timestamp of the report that triggered it)
     * @param applied per cell of {@code ids}, the CIO change asked for (0: none)
     * @param moved per cell, whether its offset was asked to change
     * @param hysteresisDb per cell, the A3 hysteresis asked for with the offset
     * @param held per cell, whether the guard set it back to 0
     * @param chosen per cell, the planner's change before exploration
     * @param explored per cell, whether exploration deviated from it ({@link LbExploration})
     */
    void recordOffsetMoves(long timeMs, CellState s, List<String> ids, double[] applied, boolean[] moved, double[] hysteresisDb,
                           boolean[] held, double[] chosen, boolean[] explored) {
        try {
            int nf = LbModel.INPUT_FEATURES.size();
            float[] x = new float[ids.size() * nf];
            s.features(ids, applied, x);
            for (int i = 0; i < ids.size(); i++) {
                if (!moved[i]) continue;
                int j = peer(s, ids, i);
                if (j < 0) {
                    ctx.metrics().increment("experience.noPeer");
                    continue;
                }
                Map<String, Double> f = new LinkedHashMap<>();
                for (int k = 0; k < nf; k++) {
                    f.put(LbModel.INPUT_FEATURES.get(k), (double) x[i * nf + k]);
                    f.put("peer." + LbModel.INPUT_FEATURES.get(k), (double) x[j * nf + k]);
                }
                f.put("pairEdgePrb", s.edge(ids.get(i), ids.get(j)) + s.edge(ids.get(j), ids.get(i)));
                Map<String, Double> a = new LinkedHashMap<>();
                a.put("cioDb", s.cio(ids.get(i)) + applied[i]);
                a.put("cioChangeDb", applied[i]);
                a.put("peer.cioDb", s.cio(ids.get(j)) + applied[j]);
                a.put("peer.cioChangeDb", applied[j]);
                a.put("a3HysteresisDb", hysteresisDb[i]);
                a.put("held", held[i] ? 1.0 : 0.0);
                a.put("chosenCioDb", explored[i] ? s.cio(ids.get(i)) + chosen[i] : s.cio(ids.get(i)) + applied[i]);
                a.put("explored", explored[i] ? 1.0 : 0.0);
                write(timeMs, s.nodeOf(ids.get(i)), ids.get(i), s.nodeOf(ids.get(j)), ids.get(j), f, a);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Records one layer move of a sector: the coverage cell {@code low}'s offset towards the capacity cell {@code high}. */
    void recordLayerMove(long timeMs, CellState s, UeReturns returns, String low, String high, double offsetNow, double offsetNext,
                         double thresholdLoweringDb, boolean held) {
        try {
            Map<String, Double> f = new LinkedHashMap<>();
            f.put("prbUsedDlPct", s.load(low));
            f.put("rlfCount", s.rlf(low));
            f.put("returnsBetweenLayers", (double) returns.returnsBetweenLayers(low));
            f.put("peer.prbUsedDlPct", s.load(high));
            f.put("peer.rlfCount", s.rlf(high));
            f.put("peer.returnsBetweenLayers", (double) returns.returnsBetweenLayers(high));
            Map<String, Double> a = new LinkedHashMap<>();
            a.put("interFrequencyOffsetDb", offsetNext);
            a.put("interFrequencyOffsetChangeDb", offsetNext - offsetNow);
            a.put("a5Threshold1LoweringDb", thresholdLoweringDb);
            a.put("held", held ? 1.0 : 0.0);
            write(timeMs, s.nodeOf(low), low, s.nodeOf(high), high, f, a);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void failed(RuntimeException e) {
        ctx.metrics().increment("experience.errors");
        ctx.logger().log(System.Logger.Level.DEBUG, "experience row not recorded: {0}", e.toString());
    }
}
