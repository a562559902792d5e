package io.jric.xapps.ml;

import java.util.concurrent.Callable;

/**
 * Where a training run on the current thread is: how many simulations it has started (recording
 * training or validation data) and which epoch it is in. {@link ModelSlot} listens while it trains a
 * missing model in the background and publishes the figures as xApp metrics, so the operator's view
 * shows "learning" with progress rather than nothing. Costs one thread-local read per simulation and
 * per epoch; nothing when no one listens.
 */
public final class TrainingProgress {
    /** Receives progress; called on the training thread. */
    public interface Listener {
        /** A simulation (a {@link SimRun}) started; {@code started} counts them from 1. */
        void simulationStarted(int started);

        /** Epoch {@code epoch} (from 1) of {@code epochs} finished. */
        void epochDone(int epoch, int epochs);
    }

    private static final ThreadLocal<State> CURRENT = new ThreadLocal<>();

    private static final class State {
        final Listener listener;
        int simulations;

        State(Listener listener) {
            this.listener = listener;
        }
    }

    private TrainingProgress() {}

    /** Runs {@code work} on this thread with {@code listener} receiving its progress. */
    public static <T> T listen(Listener listener, Callable<T> work) throws Exception {
        State previous = CURRENT.get();
        CURRENT.set(new State(listener));
        try {
            return work.call();
        } finally {
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        }
    }

    static void simulationStarted() {
        State s = CURRENT.get();
        if (s != null) s.listener.simulationStarted(++s.simulations);
    }

    static void epochDone(int epoch, int epochs) {
        State s = CURRENT.get();
        if (s != null) s.listener.epochDone(epoch, epochs);
    }
}
