package io.jric.server;

import io.jric.api.e2.ControlOutcome;
import io.jric.api.kpm.CellKpi;
import io.jric.api.kpm.KpmReport;
import io.jric.api.xapp.PolicyStatus;
import io.jric.api.xapp.Xapp;
import io.jric.api.xapp.XappContext;
import io.jric.api.xapp.XappProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A test xApp whose behaviour comes from its config: {@code mode} = {@code record} (keep every
 * report), {@code throw} (fail in every handler call) or {@code stall} (block the first handler
 * call until released), {@code slow-start} (take 3 s in start), {@code control-once} (from within the
 * handler of the first report, a Tx-power control of 39 dBm on its first cell; outcome in {@link #handlerControl}). Tests find the running instance by the xApp's name.
 */
public final class ProbeXapp implements Xapp {
    static final Map<String, ProbeXapp> BY_NAME = new ConcurrentHashMap<>();

    final LinkedBlockingQueue<KpmReport> reports = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<Long> loopNanos = new LinkedBlockingQueue<>();
    /** The thread each report was handled on. */
    final LinkedBlockingQueue<String> threads = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<io.jric.api.kpm.CellKpi> cellUpdates = new LinkedBlockingQueue<>();
    final CountDownLatch release = new CountDownLatch(1);
    volatile XappContext ctx;
    volatile boolean stopped;
    /** The control sent by the handler in mode {@code control-once}. */
    final java.util.concurrent.CompletableFuture<ControlOutcome> handlerControl = new java.util.concurrent.CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean controlSent = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public void start(XappContext ctx) {
        this.ctx = ctx;
        String mode = ctx.config().string("mode").orElse("record");
        if (mode.equals("fail-start")) throw new IllegalStateException("probe told to fail in start");
        if (mode.equals("slow-start")) {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        BY_NAME.put(ctx.descriptor().name(), this);
        ctx.onKpm(r -> {
            switch (mode) {
                case "throw":
                    throw new IllegalStateException("probe told to throw");
                case "stall":
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    break;
                case "control-once":
                    if (!r.cells().isEmpty() && controlSent.compareAndSet(false, true)) {
                        txPowerOnFirstCell(r, 39).whenComplete((o, e) -> {
                            if (e != null) handlerControl.completeExceptionally(e);
                            else handlerControl.complete(o);
                        });
                    }
                    break;
                default:
                    break;
            }
            loopNanos.add(System.nanoTime() - r.receivedAtNanos());
            threads.add(Thread.currentThread().getName());
            reports.add(r);
        });
        ctx.onPolicy(e -> PolicyStatus.enforced());
        if (ctx.config().bool("watchCells").orElse(false)) ctx.onCellUpdate(cellUpdates::add);
    }

    /** Sends a Tx-power control for the first cell of a report. */
    java.util.concurrent.CompletionStage<ControlOutcome> txPowerOnFirstCell(KpmReport r, double dbm) {
        CellKpi c = r.cells().get(0);
        return ctx.control().txPower(c.nodeId(), c.cellId(), dbm);
    }

    @Override
    public void stop() {
        stopped = true;
        release.countDown();
    }

    /** Provider id {@code probe}. */
    public static final class Provider implements XappProvider {
        @Override
        public String id() {
            return "probe";
        }

        @Override
        public Xapp create() {
            return new ProbeXapp();
        }
    }
}
