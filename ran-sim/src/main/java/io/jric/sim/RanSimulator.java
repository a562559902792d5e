package io.jric.sim;

import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated RAN: one {@link RanModel} and one {@link E2NodeAgent} per gNB.
 *
 * <p>A single simulation thread advances the model one tick at a time and, after each tick, lets every
 * agent send the KPM reports due at the new simulated time. The pace is set by
 * {@link Options#speed()}: simulated ms per wall-clock ms (1 = real time, 10 = ten times faster,
 * {@code Double.POSITIVE_INFINITY} = as fast as the CPU allows). Controls from the RIC arrive on gRPC
 * threads and are applied to the model between ticks (the model locks itself); without controls a seed
 * fully determines the sequence of states.
 *
 * <pre>{@code
 * try (RanSimulator sim = new RanSimulator(SimConfig.builder().seed(7).build(),
 *         RanSimulator.Options.builder().speed(10).build())) {
 *     sim.start("127.0.0.1", 36421);
 *     sim.injectFault(Fault.cellOutage(sim.model().cellIds(0).get(0), 30_000, 10_000));
 *     ...
 *     RanStats totals = sim.stats();
 * }
 * }</pre>
 *
 * <p>Without {@link #start(String, int)}, {@link #runTicks(int)} steps the model and agents by hand,
 * deterministically, on the caller's thread.
 */
public final class RanSimulator implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RanSimulator.class.getName());

    private final RanModel model;
    private final Options options;
    private final List<E2NodeAgent> agents = new ArrayList<>();
    private final ScheduledExecutorService tickThread;
    private final ScheduledExecutorService e2Timers;
    private final AtomicLong tickErrors = new AtomicLong();
    private ScheduledFuture<?> ticking;
    private volatile boolean running;
    private boolean closed;

    /** A real-time simulator with default options. */
    public RanSimulator(SimConfig config) {
        this(config, Options.builder().build());
    }

    /** A simulator of {@code config}; nothing runs until {@link #start(String, int)} or {@link #startModelOnly()}. */
    public RanSimulator(SimConfig config, Options options) {
        this.model = new RanModel(Objects.requireNonNull(config, "config"));
        this.options = Objects.requireNonNull(options, "options");
        this.tickThread = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ran-sim-tick"));
        this.e2Timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "ran-sim-e2"));
        E2NodeAgent.Options agentOptions = options.agentOptions().toBuilder()
                .openTelemetry(options.openTelemetry())
                .scheduler(e2Timers)
                .epochBaseMs(options.agentOptions().epochBaseMs() >= 0
                        ? options.agentOptions().epochBaseMs() : System.currentTimeMillis())
                .build();
        for (int g = 0; g < model.gnbCount(); g++) agents.add(new E2NodeAgent(model, g, agentOptions));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Connects every agent to the RIC's E2 termination at {@code host:port} and starts the clock. */
    public synchronized void start(String host, int port) {
        checkNotStarted();
        for (E2NodeAgent a : agents) a.connect(host, port);
        startClock();
    }

    /**
     * Connects the agents to several RICs (e.g. the processes of one grid): gNB {@code i} to
     * {@code endpoints[i % n]}, then starts the clock.
     */
    public synchronized void start(java.util.List<java.net.InetSocketAddress> endpoints) {
        if (endpoints.isEmpty()) throw new IllegalArgumentException("endpoints: empty");
        checkNotStarted();
        for (int i = 0; i < agents.size(); i++) {
            java.net.InetSocketAddress e = endpoints.get(i % endpoints.size());
            agents.get(i).connect(e.getHostString(), e.getPort());
        }
        startClock();
    }

    /** Starts the clock without any E2 connection (e.g. for a stand-alone view of the model). */
    public synchronized void startModelOnly() {
        checkNotStarted();
        startClock();
    }

    private void checkNotStarted() {
        if (closed) throw new IllegalStateException("simulator closed");
        if (running) throw new IllegalStateException("simulator already started");
    }

    private void startClock() {
        running = true;
        if (Double.isInfinite(options.speed())) {
            tickThread.execute(this::freeRun);
        } else {
            long periodNs = Math.max(1, Math.round(model.config().tickMs() * 1_000_000.0 / options.speed()));
            ticking = tickThread.scheduleAtFixedRate(this::tick, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
    }

    private void freeRun() {
        if (!running) return;
        tick();
        try {
            tickThread.execute(this::freeRun);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void tick() {
        try {
            model.step();
            long now = model.timeMs();
            for (E2NodeAgent a : agents) a.onSimTime(now);
        } catch (RuntimeException e) {
            if (tickErrors.getAndIncrement() == 0) LOG.log(System.Logger.Level.ERROR, "simulation tick failed", e);
        }
    }

    /**
     * Advances the model {@code n} ticks on the calling thread, letting the agents report after each;
     * only while the clock is not running.
     */
    public void runTicks(int n) {
        if (running) throw new IllegalStateException("the simulation clock is running");
        for (int i = 0; i < n; i++) tick();
    }

    /** The model (thread-safe), for views, tests and direct control. */
    public RanModel model() {
        return model;
    }

    /** The agents, one per gNB in layout order. */
    public List<E2NodeAgent> agents() {
        return List.copyOf(agents);
    }

    /** The agent of gNB {@code gnbIndex}. */
    public E2NodeAgent agent(int gnbIndex) {
        return agents.get(gnbIndex);
    }

    /** Completes when every agent's current E2 Setup has an outcome (accepted or not). */
    public CompletableFuture<Void> allSetupOutcomes() {
        return CompletableFuture.allOf(agents.stream().map(E2NodeAgent::setupFuture).toArray(CompletableFuture[]::new));
    }

    /** Network-wide cumulative totals (see {@link RanModel#stats()}). */
    public RanStats stats() {
        return model.stats();
    }

    /** Schedules a fault in simulated time (see {@link RanModel#injectFault(Fault)}). */
    public void injectFault(Fault fault) {
        model.injectFault(fault);
    }

    /** Whether the clock runs. */
    public boolean isRunning() {
        return running;
    }

    /** Ticks that threw (logged once); 0 in a healthy run. */
    public long tickErrors() {
        return tickErrors.get();
    }

    /** Stops the clock, closes every association and releases the threads. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
            running = false;
            if (ticking != null) ticking.cancel(false);
        }
        shutdown(tickThread);
        for (E2NodeAgent a : agents) a.close();
        shutdown(e2Timers);
    }

    private static void shutdown(ExecutorService ex) {
        ex.shutdown();
        try {
            if (!ex.awaitTermination(5, TimeUnit.SECONDS)) ex.shutdownNow();
        } catch (InterruptedException e) {
            ex.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Options of a {@link RanSimulator}; build with {@link #builder()}.
     *
     * @param speed         simulated ms per wall-clock ms: 1 real time, 10 ten times faster,
     *                      {@code Double.POSITIVE_INFINITY} as fast as possible (default 1)
     * @param openTelemetry tracing API handed to every agent (default {@link OpenTelemetry#noop()})
     * @param agentOptions  options of every agent; the simulator supplies the scheduler, the OpenTelemetry
     *                      above and, unless set, one shared epoch base (wall clock at construction)
     */
    public record Options(double speed, OpenTelemetry openTelemetry, E2NodeAgent.Options agentOptions) {
        /** Validates. */
        public Options {
            if (!(speed > 0) || (speed > 100_000 && !Double.isInfinite(speed))) {
                throw new IllegalArgumentException("speed: " + speed + " (expected: (0, 100000] or +Infinity)");
            }
            Objects.requireNonNull(openTelemetry, "openTelemetry");
            Objects.requireNonNull(agentOptions, "agentOptions");
        }

        /** A builder with the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** Builder of {@link Options}. */
        public static final class Builder {
            private double speed = 1;
            private OpenTelemetry openTelemetry = OpenTelemetry.noop();
            private E2NodeAgent.Options agentOptions = E2NodeAgent.Options.builder().build();

            private Builder() {}

            /** See {@link Options#speed()}. */
            public Builder speed(double v) { speed = v; return this; }
            /** See {@link Options#openTelemetry()}. */
            public Builder openTelemetry(OpenTelemetry v) { openTelemetry = v; return this; }
            /** See {@link Options#agentOptions()}. */
            public Builder agentOptions(E2NodeAgent.Options v) { agentOptions = v; return this; }
            /** How every node encodes E2AP (see {@link E2NodeAgent.Options#e2Encoding()}); sets it in the agent options. */
            public Builder e2Encoding(E2Encoding v) { agentOptions = agentOptions.toBuilder().e2Encoding(v).build(); return this; }
            /** The E2SM-KPM version APER nodes speak (see {@link E2NodeAgent.Options#kpmVersion()}); sets it in the agent options. */
            public Builder kpmVersion(String v) { agentOptions = agentOptions.toBuilder().kpmVersion(v).build(); return this; }

            /** Validates and builds. */
            public Options build() {
                return new Options(speed, openTelemetry, agentOptions);
            }
        }
    }
}
