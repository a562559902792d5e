package io.jric.api.xapp;

/**
 * An xApp. The platform calls {@link #start} once per instance, then delivers events (KPM
 * reports, policies, models) on the instance's own thread, one at a time, and calls
 * {@link #stop} when the instance is undeployed.
 */
public interface Xapp {
    /** Registers handlers and reads configuration; must return promptly (work belongs in handlers). */
    void start(XappContext ctx) throws Exception;

    /** Releases what the xApp created itself; platform registrations are released anyway. */
    default void stop() throws Exception {}
}
