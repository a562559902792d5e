package io.jric.server;

import io.jric.core.internal.grid.RicGrid;
import io.jric.core.internal.telemetry.Telemetry;
import io.jric.e2.E2Termination;
import io.jric.e2.KpmCollector;

/** One RIC process: the embedded grid node, telemetry, the E2 termination and KPM collection. */
public final class RicNode implements AutoCloseable {
    private final RicGrid grid;
    private final Telemetry telemetry;
    private final E2Termination e2;
    private final KpmCollector collector;

    private RicNode(RicGrid grid, Telemetry telemetry, E2Termination e2, KpmCollector collector) {
        this.grid = grid;
        this.telemetry = telemetry;
        this.e2 = e2;
        this.collector = collector;
    }

    /** Starts everything the configuration asks for; on failure, stops what had started. */
    public static RicNode start(RicConfig config) {
        var gridSettings = config.gridSettings();
        var e2Settings = config.e2Settings();
        RicGrid grid = RicGrid.start(gridSettings);
        Telemetry telemetry = Telemetry.create();
        E2Termination e2 = null;
        try {
            e2 = E2Termination.start(grid, telemetry, e2Settings);
            int period = config.kpmCollectionPeriodMs();
            KpmCollector collector = period > 0 ? KpmCollector.start(e2, period) : null;
            return new RicNode(grid, telemetry, e2, collector);
        } catch (RuntimeException e) {
            if (e2 != null) e2.close();
            grid.close();
            throw e;
        }
    }

    public RicGrid grid() {
        return grid;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public E2Termination e2() {
        return e2;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Stops the E2 termination, then the grid node; safe to call more than once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (collector != null) collector.close();
        e2.close();
        grid.close();
    }
}
