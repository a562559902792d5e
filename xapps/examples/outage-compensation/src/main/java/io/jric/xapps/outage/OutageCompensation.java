package io.jric.xapps.outage;

import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.CellOperationalState;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.ControlClient;
import io.jric.api.xapp.JsonDoc;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Outage compensation: while a cell reports itself out of service (KPM operational state
 * DISABLED), hold the Tx power of its strongest neighbours one step up, to a ceiling, against the
 * periodic controls of lower-priority xApps; release them when the cell is back. The step, the
 * ceiling and how many neighbours come from the A1 policy {@code jric.outage.v1}. Outages are
 * published in {@code ric.outages} for other xApps and operators.
 */
public final class OutageCompensation implements Xapp {
    /** The lease of each hold; renewed by every report while the outage lasts. */
    static final Duration LEASE = Duration.ofSeconds(10);

    private XappContext ctx;
    private volatile JsonDoc policy;
    /** A neighbour held for a dark cell, and its Tx power before the outage. */
    private record Held(String nodeId, double baseDbm) {
    }
    /** Dark cell -> its held neighbours by cell id. Used on the instance thread only (the KPM handler). */
    private final Map<String, Map<String, Held>> held = new HashMap<>();

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        this.policy = ctx.json("{\"stepDb\":3,\"ceilingDbm\":46,\"maxNeighbours\":3}");
        ctx.onPolicy(event -> {
            if (!event.deleted()) policy = ctx.json(event.json());
            return PolicyStatus.enforced();
        });
        ctx.onKpm(this::onReport);
    }

    private void onReport(KpmReport report) {
        for (CellKpi cell : report.cells()) {
            if (cell.operationalState() == CellOperationalState.DISABLED) {
                compensate(cell);
            } else if (held.containsKey(cell.cellId())) {
                restore(cell);
            }
        }
    }

    private void compensate(CellKpi dark) {
        Map<String, Held> mine = held.computeIfAbsent(dark.cellId(), k -> new HashMap<>());
        if (mine.isEmpty()) {
            ctx.logger().log(System.Logger.Level.INFO, "cell {0} is out of service", dark.cellId());
            ctx.publish("ric.outages", dark.cellId(), Map.of("nodeId", dark.nodeId(), "since", dark.timestampMs()));
        }
        Map<String, CellKpi> cells = new HashMap<>();
        for (CellKpi c : ctx.grid().cells()) cells.put(c.cellId(), c);
        ControlClient hold = ctx.control().holding(LEASE);   // renewed by every report while the outage lasts
        List<String> neighbours = ctx.grid().neighbours(dark.cellId());
        for (String id : neighbours.subList(0, Math.min((int) policy.number("maxNeighbours", 3), neighbours.size()))) {
            CellKpi nb = cells.get(id);
            if (nb == null || nb.operationalState() == CellOperationalState.DISABLED) continue;
            Held h = mine.computeIfAbsent(id, k -> new Held(nb.nodeId(), nb.txPowerDbm()));
            double target = Math.min(policy.number("ceilingDbm", 46), h.baseDbm() + policy.number("stepDb", 3));
            hold.txPower(h.nodeId(), id, target).thenAccept(o -> ctx.metrics().increment("holds." + o.status()));
        }
    }

    private void restore(CellKpi back) {
        Map<String, Held> mine = held.remove(back.cellId());
        ctx.logger().log(System.Logger.Level.INFO, "cell {0} is back; releasing {1}", back.cellId(), mine.keySet());
        for (Map.Entry<String, Held> e : mine.entrySet()) {
            ctx.control().release(e.getValue().nodeId(), e.getKey());
            ctx.control().txPower(e.getValue().nodeId(), e.getKey(), e.getValue().baseDbm());
        }
        ctx.publish("ric.outages", back.cellId(), Map.of("nodeId", back.nodeId(), "clearedAt", back.timestampMs()));
    }
}
