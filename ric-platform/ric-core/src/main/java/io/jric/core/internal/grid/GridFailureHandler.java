package io.jric.core.internal.grid;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.failure.AbstractFailureHandler;
import org.apache.ignite.failure.FailureContext;

/**
 * What happens when Ignite declares its node failed (a full data region, a critical system worker
 * died, ...): the failure is recorded, listeners are told, the node is stopped, and by default the
 * process exits with {@link #EXIT_CODE} (halting if an orderly exit does not finish within 10 s).
 * A process whose grid node is gone must not stay up answering as healthy.
 *
 * <p>Ignite's default ignored failure types (blocked system worker, critical operation timeout) are
 * kept: they are reported in the log but do not stop the node.
 */
final class GridFailureHandler extends AbstractFailureHandler {
    private static final Logger LOG = Logger.getLogger(GridFailureHandler.class.getName());
    /** Exit code of a process whose grid node failed (EX_SOFTWARE). */
    static final int EXIT_CODE = 70;

    private final boolean exit;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile String failure;

    GridFailureHandler(boolean exit) {
        this.exit = exit;
    }

    String failure() {
        return failure;
    }

    void listen(Consumer<String> listener) {
        listeners.add(listener);
        String f = failure;
        if (f != null && listeners.remove(listener)) fire(listener, f);
    }

    @Override
    protected boolean handle(Ignite ignite, FailureContext ctx) {
        synchronized (this) {
            if (failure != null) return true;
            failure = ctx.type() + (ctx.error() == null ? "" : ": " + ctx.error());
        }
        String why = failure;
        LOG.log(Level.SEVERE, "grid node " + ignite.name() + " failed (" + why + ")"
                + (exit ? "; the process exits with code " + EXIT_CODE : "; stopping the grid node"));
        for (Consumer<String> l : listeners) {
            if (listeners.remove(l)) fire(l, why);
        }
        String name = ignite.name();
        Thread stopper = new Thread(() -> {
            if (exit) {
                Thread watchdog = new Thread(() -> {
                    try {
                        TimeUnit.SECONDS.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                    Runtime.getRuntime().halt(EXIT_CODE);
                }, "grid-failure-halt");
                watchdog.setDaemon(true);
                watchdog.start();
                System.exit(EXIT_CODE);
            } else {
                Ignition.stop(name, true);
            }
        }, "grid-failure-" + (exit ? "exit" : "stop"));
        stopper.setDaemon(!exit);
        stopper.start();
        return true;
    }

    private static void fire(Consumer<String> l, String why) {
        Thread t = new Thread(() -> {
            try {
                l.accept(why);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "grid failure listener failed", e);
            }
        }, "grid-failure-listener");
        t.setDaemon(true);
        t.start();
    }
}
