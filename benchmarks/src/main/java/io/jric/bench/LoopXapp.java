package io.jric.bench;

import io.jric.api.e2.ControlStatus;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import io.jric.core.internal.telemetry.LatencyHistogram;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The loop benchmark's xApp: on every {@code controlEvery}-th report it decides to steer cell
 * number {@code cellIndex} of the reporting node (Tx power), and records the loop latency from
 * the indication leaving the node to the node's acknowledgement arriving back at the xApp. With
 * config {@code "model": true} it runs the harness's model ({@link #useModel}: the power-control
 * xApp's network and decision rule) on that cell on every report, and the control sets the level
 * the model chose.
 */
public final class LoopXapp implements Xapp {
    /** Where the harness finds when each indication left its node: node id to load node. */
    static final Map<String, LoadNode> NODES = new ConcurrentHashMap<>();
    /** Where it finds it for load nodes in another process ({@code ric bench scale}), or null. */
    private static volatile SendTimes.ByNodeId remoteNodes;
    static final LatencyHistogram LOOP = new LatencyHistogram();
    static final LatencyHistogram HANDLER_DELAY = new LatencyHistogram();
    /** From the indication leaving the node to the RIC having decoded it. */
    static final LatencyHistogram INBOUND = new LatencyHistogram();
    /** From the xApp asking for the control to the outcome reaching it. */
    static final LatencyHistogram CONTROL = new LatencyHistogram();
    /** From the xApp asking for the control to the node receiving it (the outbound half of CONTROL). */
    static final LatencyHistogram CONTROL_OUT = new LatencyHistogram();
    /** How long the xApp's {@code control()} call itself takes (routing, encoding, handing to gRPC). */
    static final LatencyHistogram CONTROL_CALL = new LatencyHistogram();
    /** When each pending control was asked for, by {@code <node>|<cell>} (one xApp per cell). */
    static final Map<String, Long> ASKED = new ConcurrentHashMap<>();
    /** Time of each model decision (one per report of a {@code "model": true} xApp). */
    static final LatencyHistogram MODEL = new LatencyHistogram();
    /** The model: a cell's state to the Tx power level to set; one caller at a time. */
    private static volatile ToDoubleFunction<CellKpi> model;
    static final LongAdder CONTROLS = new LongAdder();
    static final LongAdder NOT_ACKED = new LongAdder();

    private XappContext ctx;
    private long seen;

    /** From the RIC having decoded a report to an xApp's handler running (for harnesses in other packages). */
    public static LatencyHistogram handlerDelay() {
        return HANDLER_DELAY;
    }

    /** From an xApp asking for a control to its outcome reaching the xApp. */
    public static LatencyHistogram controlLatency() {
        return CONTROL;
    }

    /** From the indication leaving its node to the node's acknowledgement of the resulting control reaching the xApp. */
    public static LatencyHistogram loopLatency() {
        return LOOP;
    }

    /** From the indication leaving its node to the RIC having decoded it (reports that led to a control). */
    public static LatencyHistogram inboundLatency() {
        return INBOUND;
    }

    /** Lets the xApps measure the loop for load nodes in another process, from their shared send times. */
    public static void useRemoteSendTimes(SendTimes.ByNodeId sendTimes) {
        remoteNodes = sendTimes;
    }

    /** Controls the loop xApps have asked for so far. */
    public static long controls() {
        return CONTROLS.sum();
    }

    /** Controls whose outcome was not an acknowledgement. */
    public static long notAcked() {
        return NOT_ACKED.sum();
    }

    /** Sets the model that xApps with config {@code "model": true} run on every report (one such xApp at a time). */
    public static void useModel(ToDoubleFunction<CellKpi> m) {
        model = m;
    }

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        int every = (int) ctx.config().number("controlEvery", 10);
        int cellIndex = (int) ctx.config().number("cellIndex", 0);
        ToDoubleFunction<CellKpi> m = ctx.config().bool("model", false) ? model : null;
        if (ctx.config().bool("model", false) && m == null) {
            throw new IllegalStateException("config model=true but the harness set no model (LoopXapp.useModel)");
        }
        ctx.onKpm(r -> onReport(r, every, cellIndex, m));
    }

    private void onReport(KpmReport r, int every, int cellIndex, ToDoubleFunction<CellKpi> m) {
        HANDLER_DELAY.record(System.nanoTime() - r.receivedAtNanos());
        if (r.cells().size() <= cellIndex) return;
        double level = 40;
        if (m != null) {
            long t0 = System.nanoTime();
            level = Math.max(20, Math.min(46, m.applyAsDouble(r.cells().get(cellIndex))));
            MODEL.record(System.nanoTime() - t0);
        }
        if (++seen % every != 0) return;
        CellKpi cell = r.cells().get(cellIndex);
        LoadNode node = NODES.get(r.nodeId());
        SendTimes.ByNodeId remote = remoteNodes;
        long sentAt = node != null ? node.sentAt(r.timestampMs())
                : remote != null ? remote.sentAt(r.nodeId(), r.timestampMs()) : 0;
        if (sentAt != 0) INBOUND.record(r.receivedAtNanos() - sentAt);
        CONTROLS.increment();
        long asked = System.nanoTime();
        ASKED.put(r.nodeId() + "|" + cell.cellId(), asked);
        var pending = ctx.control().txPower(r.nodeId(), cell.cellId(), level);
        CONTROL_CALL.record(System.nanoTime() - asked);
        pending.thenAccept(o -> {
            CONTROL.record(System.nanoTime() - asked);
            if (o.status() != ControlStatus.ACK) {
                NOT_ACKED.increment();
                return;
            }
            if (sentAt != 0) LOOP.record(System.nanoTime() - sentAt);
        });
    }

    /** Provider id {@code bench-loop}. */
    public static final class Provider implements XappProvider {
        @Override
        public String id() {
            return "bench-loop";
        }

        @Override
        public Xapp create() {
            return new LoopXapp();
        }
    }
}
