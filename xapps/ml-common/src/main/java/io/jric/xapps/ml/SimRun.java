package io.jric.xapps.ml;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmRecords;
import io.jric.api.kpm.KpmReport;
import io.jric.api.kpm.UeKpi;
import io.jric.proto.E2Ids;
import io.jric.proto.e2sm.kpm.v1.CellMeasurement;
import io.jric.proto.e2sm.kpm.v1.KpmIndicationMessage;
import io.jric.proto.e2sm.kpm.v1.UeMeasurement;
import io.jric.sim.PeriodCursor;
import io.jric.sim.RanModel;
import io.jric.sim.SimConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator stepped by hand, read the way the RIC reads it: every report period, one KPM report
 * per gNB built from the same E2SM-KPM indication the simulator's E2 agent would send, decoded into
 * the same {@link CellKpi}/{@link UeKpi} records the RIC's KPM decoder writes to the grid. Fully
 * deterministic for a seed (no threads, no network, no wall clock: timestamps are simulated time
 * from a fixed epoch).
 */
public final class SimRun {
    /** Unix ms that simulated time 0 maps to in report timestamps. */
    public static final long EPOCH_MS = 1_700_000_000_000L;

    private final RanModel model;
    private final int periodTicks;
    private final int periodMs;
    private final List<PeriodCursor> cursors = new ArrayList<>();
    private final List<List<String>> cellIds = new ArrayList<>();
    private final List<String> nodeIds = new ArrayList<>();

    /** A fresh model of {@code config}, reported every {@code reportPeriodMs} (a multiple of the tick). */
    public SimRun(SimConfig config, int reportPeriodMs) {
        this.model = new RanModel(config);
        if (reportPeriodMs % config.tickMs() != 0 || reportPeriodMs <= 0) {
            throw new IllegalArgumentException("reportPeriodMs: " + reportPeriodMs + " (expected: a positive multiple of tickMs "
                    + config.tickMs() + ")");
        }
        this.periodMs = reportPeriodMs;
        this.periodTicks = reportPeriodMs / config.tickMs();
        TrainingProgress.simulationStarted();
        for (int g = 0; g < model.gnbCount(); g++) {
            cursors.add(model.newCursor());
            cellIds.add(model.cellIds(g));
            nodeIds.add(model.nodeId(g));
        }
    }

    public RanModel model() {
        return model;
    }

    public int periodMs() {
        return periodMs;
    }

    /** E2 node id of gNB {@code g}. */
    public String nodeId(int g) {
        return nodeIds.get(g);
    }

    /** E2 node id owning {@code cellId}. */
    public String nodeOf(String cellId) {
        return nodeIds.get(model.gnbOf(cellId));
    }

    /** Advances one report period; returns one report per gNB (cells only, or cells and UEs). */
    public List<KpmReport> nextPeriod(boolean withUes) {
        return nextPeriod(withUes, null);
    }

    /** As {@link #nextPeriod(boolean)}, calling {@code afterTick} after every tick (for tick-level bookkeeping). */
    public List<KpmReport> nextPeriod(boolean withUes, Runnable afterTick) {
        for (int i = 0; i < periodTicks; i++) {
            tick();
            if (afterTick != null) afterTick.run();
        }
        return collect(withUes);
    }

    /** Ticks per report period. */
    public int periodTicks() {
        return periodTicks;
    }

    /** Advances the model one tick (for callers that interleave two runs tick by tick). */
    public void tick() {
        model.step();
    }

    /** The reports of the period since the last collect (call every {@link #periodTicks()} ticks). */
    public List<KpmReport> collect(boolean withUes) {
        long start = periodStartMs;
        periodStartMs = model.timeMs();
        List<KpmReport> out = new ArrayList<>(cursors.size());
        for (int g = 0; g < cursors.size(); g++) {
            KpmIndicationMessage m = model.indication(cursors.get(g), cellIds.get(g), withUes);
            out.add(decode(nodeIds.get(g), EPOCH_MS + start, m));
        }
        return out;
    }

    private long periodStartMs;

    /** Period index (0-based) of a report timestamp. */
    public long periodIndex(long timestampMs) {
        return (timestampMs - EPOCH_MS) / periodMs;
    }

    /** The records the RIC's KPM decoder makes of one indication (its own field mapping, {@link KpmRecords}). */
    public static KpmReport decode(String nodeId, long timestampMs, KpmIndicationMessage m) {
        List<CellKpi> cells = new ArrayList<>(m.getCellsCount());
        for (CellMeasurement c : m.getCellsList()) {
            cells.add(KpmRecords.cell(nodeId, E2Ids.cellId(c.getCell()), timestampMs, timestampMs, c));
        }
        List<UeKpi> ues = new ArrayList<>(m.getUesCount());
        for (UeMeasurement u : m.getUesList()) {
            String[] ids = new String[u.getNeighboursCount()];
            for (int j = 0; j < ids.length; j++) ids[j] = E2Ids.cellId(u.getNeighbours(j).getCell());
            ues.add(KpmRecords.ue(nodeId, E2Ids.cellId(u.getServingCell()), ids, timestampMs, u));
        }
        return new KpmReport(nodeId, "sim", timestampMs, cells, ues, 0);
    }
}
