package io.jric.api.xapp;

/** Named counters of one xApp instance; the platform adds its own (reports, drops, errors). */
public interface XappMetrics {
    /** Adds {@code delta} to the named counter, creating it at 0. */
    void add(String name, long delta);

    /** Adds one. */
    default void increment(String name) {
        add(name, 1);
    }

    /** The counter's value, 0 if never touched. */
    long get(String name);
}
